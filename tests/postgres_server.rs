//! The PostgreSQL server of the end-to-end tests.
//!
//! `ROPA_TEST_POSTGRES_URL` names a running server by a superuser URL
//! (`.ci/run` starts one and sets it). Without it a test that needs the
//! server prints a notice and passes without checking anything, except under
//! `CI=true`, where a missing server is a failure. Each test works in a
//! database of its own ([`fresh_database`]), dropped when it ends, so tests
//! running side by side do not see each other's tables.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use postgres::{Client, NoTls};

/// The variable that holds the test server's superuser URL.
pub const URL_VAR: &str = "ROPA_TEST_POSTGRES_URL";

/// The test server's superuser URL; `None` (after a notice on stderr) when
/// it is not set, so the calling test can skip.
///
/// # Panics
///
/// When it is not set and `CI=true`: CI must run the PostgreSQL tests.
pub fn url() -> Option<String> {
    match std::env::var(URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but {URL_VAR} is not set: .ci/run must start PostgreSQL")
        }
        _ => {
            eprintln!(
                "{URL_VAR} is not set: skipping a PostgreSQL test \
                 (set it to a superuser URL of a running server to run it)"
            );
            None
        }
    }
}

/// A database made for one test; dropped (with any sessions still on it)
/// when this guard is dropped.
pub struct TestDatabase {
    admin: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// The database's URL: the server's URL with this database's name.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A superuser session on the database, to build fixtures.
    pub fn client(&self) -> Client {
        Client::connect(&self.url, NoTls).expect("connect to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match Client::connect(&self.admin, NoTls) {
            Ok(mut c) => {
                if let Err(e) = c.batch_execute(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.name
                )) {
                    eprintln!("could not drop test database {}: {e}", self.name);
                }
            }
            Err(e) => eprintln!("could not drop test database {}: {e}", self.name),
        }
    }
}

/// A new, empty database named after `name_prefix` (lowercased, letters,
/// digits and `_` only), the process and a counter; `None` when there is no
/// test server (see [`url`]).
///
/// # Panics
///
/// When the server cannot be reached or refuses to create the database.
pub fn fresh_database(name_prefix: &str) -> Option<TestDatabase> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin = url()?;
    let prefix: String = name_prefix
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(24)
        .collect();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .subsec_nanos();
    let name = format!(
        "ropa_e2e_{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut c = Client::connect(&admin, NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test server ({URL_VAR}): {e}"));
    c.batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    let url = with_dbname(&admin, &name);
    Some(TestDatabase { admin, name, url })
}

/// `url` with the database `db` instead of its own: the path of a
/// `postgresql://` URL, or a `dbname=` added to a `key=value` string.
pub fn with_dbname(url: &str, db: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return format!("{url} dbname={db}");
    };
    let (head, rest) = url.split_at(scheme_end + 3);
    let (rest, query) = match rest.find('?') {
        Some(q) => rest.split_at(q),
        None => (rest, ""),
    };
    let authority = rest.split('/').next().unwrap_or("");
    format!("{head}{authority}/{db}{query}")
}

#[test]
fn database_urls() {
    assert_eq!(
        with_dbname("postgresql://u:p@127.0.0.1:5432/postgres", "x"),
        "postgresql://u:p@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_dbname("postgres://h?sslmode=disable", "x"),
        "postgres://h/x?sslmode=disable"
    );
    assert_eq!(with_dbname("host=h user=u", "x"), "host=h user=u dbname=x");
}

/// The connector end to end on a real server: a database of its own, a
/// table and a view, listed, estimated and sampled.
#[test]
fn connector_lists_estimates_and_samples() {
    use ropa_connect::{Budget, PostgresConnector, TableRef};

    let Some(db) = fresh_database("Connector!") else {
        return;
    };
    assert!(
        db.name().starts_with("ropa_e2e_connector_"),
        "{}",
        db.name()
    );
    db.client()
        .batch_execute(
            "CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL, joined date);
             INSERT INTO customers
                 SELECT g, 'person' || g || '@example.org', DATE '2024-01-01' + g
                 FROM generate_series(1, 5) g;
             CREATE VIEW recent AS SELECT email FROM customers WHERE joined > '2024-01-03';
             ANALYZE customers;",
        )
        .unwrap();

    let pg = PostgresConnector::open(db.url(), &[], Duration::from_secs(5)).unwrap();
    let customers = TableRef {
        schema: Some("public".to_owned()),
        name: "customers".to_owned(),
    };
    let recent = TableRef {
        schema: Some("public".to_owned()),
        name: "recent".to_owned(),
    };
    assert_eq!(
        pg.list_tables().unwrap(),
        [customers.clone(), recent.clone()]
    );
    let columns: Vec<(String, String, bool)> = pg
        .list_columns(&customers)
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.data_type, c.nullable))
        .collect();
    assert_eq!(
        columns,
        [
            ("id".to_owned(), "integer".to_owned(), false),
            ("email".to_owned(), "text".to_owned(), false),
            ("joined".to_owned(), "date".to_owned(), true),
        ]
    );
    assert_eq!(pg.row_count_estimate(&customers).unwrap(), Some(5));
    assert_eq!(pg.row_count_estimate(&recent).unwrap(), None);

    let mut budget = Budget::new(1000, 1 << 20, Duration::from_secs(30));
    let rows = pg
        .sample(
            &customers,
            &["email".to_owned(), "joined".to_owned()],
            3,
            &mut budget,
        )
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        [
            Some("person1@example.org".to_owned()),
            Some("2024-01-02".to_owned())
        ]
    );
    assert_eq!(budget.rows_left(), 997);
    let rows = pg
        .sample(&recent, &["email".to_owned()], 10, &mut budget)
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0].as_deref(), Some("person3@example.org"));
}
