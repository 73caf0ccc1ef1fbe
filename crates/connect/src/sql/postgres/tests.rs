//! The PostgreSQL connector on a real server (`ROPA_TEST_POSTGRES_URL`), a
//! database of its own per test.

use std::net::TcpListener;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use postgres::{Client, Config, NoTls};

use super::connect::target;
use super::sample::parse_tid;
use super::{ANSWER_GRACE, PostgresConnector, millis, words};
use crate::sql::value::text as cut;
use crate::sql::{CELL_BYTES_CAP, Row, SAMPLE_ROWS_PER_CALL, TableRef, quote};
use crate::{Budget, Refusal};

const TIMEOUT: Duration = Duration::from_secs(2);

/// The test server's superuser URL from `ROPA_TEST_POSTGRES_URL`; when it
/// is not set, a notice and `None` (the test skips), or a panic under
/// `CI=true`, where `.ci/run` must have started a server.
fn server_url() -> Option<String> {
    match std::env::var("ROPA_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but ROPA_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        }
        _ => {
            eprintln!(
                "ROPA_TEST_POSTGRES_URL is not set: skipping a PostgreSQL test \
                 (set it to a superuser URL of a running server to run it)"
            );
            None
        }
    }
}

/// A database of its own for one test, dropped at the end.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl TestDb {
    fn new(prefix: &str) -> Option<TestDb> {
        static N: AtomicU32 = AtomicU32::new(0);
        let admin = server_url()?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "ropa_{prefix}_{}_{}_{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut c = Client::connect(&admin, NoTls).expect("connect to the test server");
        c.batch_execute(&format!("CREATE DATABASE {}", quote(&name)))
            .unwrap();
        let url = with_dbname(&admin, &name);
        Some(TestDb { admin, name, url })
    }

    /// A superuser client on the database, to build fixtures.
    fn client(&self) -> Client {
        Client::connect(&self.url, NoTls).unwrap()
    }

    fn open(&self, schemas: &[&str]) -> PostgresConnector {
        let schemas: Vec<String> = schemas.iter().map(|s| s.to_string()).collect();
        PostgresConnector::open(&self.url, &schemas, TIMEOUT).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.admin, NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote(&self.name)
            ));
        }
    }
}

/// The URL with another database name (URL or `key=value` form).
fn with_dbname(url: &str, db: &str) -> String {
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

fn budget() -> Budget {
    Budget::new(10_000_000, 1 << 32, Duration::from_secs(120))
}

fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn t(schema: &str, name: &str) -> TableRef {
    TableRef {
        schema: Some(schema.to_owned()),
        name: name.to_owned(),
    }
}

fn text(v: &str) -> Option<String> {
    Some(v.to_owned())
}

/// A database with a bit of everything.
fn fixture(db: &TestDb) {
    db.client()
        .batch_execute(
            r#"
        CREATE TABLE customers (
            id integer PRIMARY KEY, email text NOT NULL, name varchar(80),
            score double precision, photo bytea, note text
        );
        INSERT INTO customers VALUES (1, 'a@example.org', 'Ann', 1.5, '\x00ff10', NULL);
        INSERT INTO customers VALUES (2, 'b@example.org', NULL, 1e20, NULL, '42');
        INSERT INTO customers VALUES (3, 'c@example.org', 'Cé', 0.1, '\x', 'x');
        CREATE VIEW emails AS SELECT email FROM customers;
        CREATE MATERIALIZED VIEW names AS SELECT name FROM customers;
        CREATE SCHEMA app;
        CREATE TABLE app.orders (id bigint, customer integer);
        INSERT INTO app.orders VALUES (10, 1), (11, 2);
        CREATE TABLE app.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
        CREATE TABLE app.events_2023 PARTITION OF app.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        INSERT INTO app.events VALUES ('2023-05-01', 'signup'), ('2024-02-03', 'login');
        CREATE SCHEMA "Other Schema";
        CREATE TABLE "Other Schema"."Mixed Case" ("Col" text);
        CREATE SCHEMA hidden;
        CREATE TABLE hidden.secrets (s text);
        INSERT INTO hidden.secrets VALUES ('no');
        CREATE TABLE "we""ird]" ("co""l]" text, "x""y]" integer);
        INSERT INTO "we""ird]" VALUES ('v1', 1), ('v2', 2);
        CREATE TABLE "x""; DROP TABLE customers; --" (v text);
        INSERT INTO "x""; DROP TABLE customers; --" VALUES ('kept');
        "#,
        )
        .unwrap();
}

#[test]
fn lists_tables_of_the_granted_schemas() {
    let Some(db) = TestDb::new("list") else {
        return;
    };
    fixture(&db);
    let all = db.open(&[]).list_tables().unwrap();
    let shown: Vec<String> = all.iter().map(|t| t.to_string()).collect();
    assert_eq!(
        shown,
        [
            "Other Schema.Mixed Case",
            "app.events",
            "app.orders",
            "hidden.secrets",
            "public.customers",
            "public.emails",
            "public.names",
            "public.we\"ird]",
            "public.x\"; DROP TABLE customers; --",
        ],
        "partitions are read through their table; no system tables"
    );

    let app = db.open(&["app", "Other Schema"]);
    let shown: Vec<String> = app
        .list_tables()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(
        shown,
        ["Other Schema.Mixed Case", "app.events", "app.orders"]
    );
    let mut b = budget();
    assert!(matches!(
        app.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b),
        Err(Refusal::NotGranted(m)) if m.contains("public")
    ));
    assert!(matches!(
        app.list_columns(&t("hidden", "secrets")),
        Err(Refusal::NotGranted(_))
    ));
    assert!(matches!(
        app.row_count_estimate(&t("app", "missing")),
        Err(Refusal::NotFound(m)) if m.contains("app.missing")
    ));
    // Names are case-sensitive, as in PostgreSQL.
    assert!(matches!(
        app.list_columns(&t("app", "ORDERS")),
        Err(Refusal::NotFound(_))
    ));
    // Without a schema: found when the name is in one granted schema.
    assert_eq!(
        app.list_columns(&TableRef::main("orders")).unwrap().len(),
        2
    );
    assert_eq!(
        app.sample(&t("Other Schema", "Mixed Case"), &cols(&["Col"]), 5, &mut b)
            .unwrap(),
        Vec::<Row>::new()
    );
    // A partition is not listed but can be read by name.
    assert_eq!(
        app.sample(&t("app", "events_2024"), &cols(&["what"]), 5, &mut b)
            .unwrap(),
        vec![vec![text("login")]]
    );
    // System schemas only when granted by name.
    let all = db.open(&[]);
    assert!(matches!(
        all.list_columns(&t("pg_catalog", "pg_authid")),
        Err(Refusal::NotGranted(_))
    ));
    assert!(matches!(
        all.list_columns(&t("information_schema", "tables")),
        Err(Refusal::NotGranted(_))
    ));
    let catalog = db.open(&["pg_catalog"]);
    assert!(
        catalog
            .list_tables()
            .unwrap()
            .contains(&t("pg_catalog", "pg_class"))
    );
}

#[test]
fn lists_columns_with_types() {
    let Some(db) = TestDb::new("columns") else {
        return;
    };
    fixture(&db);
    let pg = db.open(&[]);
    let columns = pg.list_columns(&t("public", "customers")).unwrap();
    let got: Vec<(&str, &str, bool)> = columns
        .iter()
        .map(|c| (c.name.as_str(), c.data_type.as_str(), c.nullable))
        .collect();
    assert_eq!(
        got,
        [
            ("id", "integer", false),
            ("email", "text", false),
            ("name", "character varying(80)", true),
            ("score", "double precision", true),
            ("photo", "bytea", true),
            ("note", "text", true),
        ]
    );
    let view = pg.list_columns(&t("public", "emails")).unwrap();
    assert_eq!(view.len(), 1);
    assert!(view[0].nullable);
    db.client()
        .batch_execute("ALTER TABLE app.orders DROP COLUMN customer")
        .unwrap();
    let names: Vec<String> = pg
        .list_columns(&t("app", "orders"))
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["id"], "dropped columns are gone");
}

#[test]
fn hostile_identifiers_are_quoted() {
    let Some(db) = TestDb::new("hostile") else {
        return;
    };
    fixture(&db);
    let pg = db.open(&[]);
    let mut b = budget();
    let weird = t("public", "we\"ird]");
    let columns = pg.list_columns(&weird).unwrap();
    assert_eq!(columns[0].name, "co\"l]");
    let rows = pg
        .sample(&weird, &cols(&["co\"l]", "x\"y]"]), 10, &mut b)
        .unwrap();
    assert_eq!(
        rows,
        vec![vec![text("v1"), text("1")], vec![text("v2"), text("2")]]
    );
    let evil = t("public", "x\"; DROP TABLE customers; --");
    let rows = pg.sample(&evil, &cols(&["v"]), 10, &mut b).unwrap();
    assert_eq!(rows, vec![vec![text("kept")]]);
    assert!(matches!(
        pg.sample(&weird, &cols(&["co\"l]\" FROM customers; --"]), 10, &mut b),
        Err(Refusal::NotFound(_))
    ));
    assert!(matches!(
        pg.list_columns(&t("public", "a\0b")),
        Err(Refusal::Invalid(m)) if m.contains("NUL")
    ));
    assert!(matches!(
        pg.list_columns(&t("public' OR '1'='1", "customers")),
        Err(Refusal::NotFound(_))
    ));
    assert_eq!(pg.list_columns(&t("public", "customers")).unwrap().len(), 6);
}

#[test]
fn estimates_from_statistics() {
    let Some(db) = TestDb::new("estimate") else {
        return;
    };
    fixture(&db);
    let mut c = db.client();
    c.batch_execute(
        // Autovacuum must not analyse it behind the test's back.
        "CREATE TABLE big WITH (autovacuum_enabled = off) AS
             SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 200000) g",
    )
    .unwrap();
    let pg = db.open(&[]);
    assert_eq!(
        pg.row_count_estimate(&t("public", "big")).unwrap(),
        None,
        "never analysed"
    );
    assert_eq!(
        pg.row_count_estimate(&t("public", "emails")).unwrap(),
        None,
        "a view"
    );
    c.batch_execute("ANALYZE").unwrap();
    assert_eq!(
        pg.row_count_estimate(&t("public", "big")).unwrap(),
        Some(200_000)
    );
    assert_eq!(
        pg.row_count_estimate(&t("public", "customers")).unwrap(),
        Some(3)
    );
    assert_eq!(
        pg.row_count_estimate(&t("app", "events")).unwrap(),
        Some(2),
        "partitions summed"
    );
    assert_eq!(
        pg.row_count_estimate(&t("public", "names")).unwrap(),
        Some(3)
    );
    assert_eq!(pg.row_count_estimate(&t("public", "emails")).unwrap(), None);
}

/// `big` with rows 1..=200_000, analysed.
fn big(db: &TestDb) {
    db.client()
        .batch_execute(
            "CREATE TABLE big (id integer PRIMARY KEY, v text);
             INSERT INTO big SELECT g, 'value ' || g FROM generate_series(1, 200000) g;
             ANALYZE big;",
        )
        .unwrap();
}

fn ids(rows: &[Row]) -> Vec<i64> {
    rows.iter()
        .map(|r| r[0].as_deref().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn sampling_is_spread_and_deterministic() {
    let Some(db) = TestDb::new("spread") else {
        return;
    };
    big(&db);
    let pg = db.open(&[]);
    let mut b = budget();
    let big = t("public", "big");
    let started = Instant::now();
    let first = pg.sample(&big, &cols(&["id", "v"]), 100, &mut b).unwrap();
    let took = started.elapsed();
    let second = pg.sample(&big, &cols(&["id", "v"]), 100, &mut b).unwrap();
    assert_eq!(first, second, "the same sample twice");
    let ids = ids(&first);
    assert_eq!(ids.len(), 100);
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "ascending, no duplicates"
    );
    assert_eq!(ids[0], 1);
    assert!(*ids.last().unwrap() > 195_000, "reaches the end: {ids:?}");
    // Evenly spaced: every ~2000th row, give or take a block's rows.
    assert!(
        ids.windows(2)
            .all(|w| (1500..2500).contains(&(w[1] - w[0]))),
        "{ids:?}"
    );
    assert_eq!(first[0][1].as_deref(), Some("value 1"));
    // A sample is at most SAMPLE_ROWS_PER_CALL rows.
    let many = pg.sample(&big, &cols(&["id"]), 50_000, &mut b).unwrap();
    assert_eq!(many.len(), SAMPLE_ROWS_PER_CALL as usize);
    let many = self::ids(&many);
    assert!(many.windows(2).all(|w| w[0] < w[1]));
    assert!(*many.last().unwrap() > 199_000);
    // After a change the sample follows the table.
    db.client()
        .batch_execute("DELETE FROM big WHERE id <= 100000")
        .unwrap();
    db.client().batch_execute("VACUUM big").unwrap();
    let after = self::ids(&pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap());
    assert!(after.iter().all(|&id| id > 100_000), "{after:?}");
    assert!(after.len() >= 50, "{}", after.len());
    eprintln!("100 rows of 200k in {took:?}");
}

/// A sample spreads over the whole of a large table, not its first pages.
/// (How long a sample of a 10-million-row table takes is the scan bench's
/// business: `cargo bench -p ropa --bench scan`.)
#[test]
fn a_sample_reaches_the_end_of_a_large_table() {
    let Some(db) = TestDb::new("large") else {
        return;
    };
    db.client()
        .batch_execute(
            "CREATE TABLE large (id bigint, v text);
             INSERT INTO large SELECT g, 'value ' || g FROM generate_series(1, 200000) g;
             ANALYZE large;",
        )
        .unwrap();
    let pg = db.open(&[]);
    let large = t("public", "large");
    let mut b = budget();
    for limit in [100, 1000] {
        let rows = pg
            .sample(&large, &cols(&["id", "v"]), limit, &mut b)
            .unwrap();
        let ids = ids(&rows);
        assert_eq!(ids.len(), limit as usize);
        // Spread evenly: within two steps of either end.
        let step = 200_000 / i64::from(limit);
        assert!(
            *ids.last().unwrap() > 200_000 - 2 * step,
            "{:?}",
            &ids[ids.len() - 5..]
        );
        assert!(ids[0] < 2 * step, "{:?}", &ids[..5]);
    }
}

#[test]
fn sampling_small_tables_views_and_partitions() {
    let Some(db) = TestDb::new("small") else {
        return;
    };
    fixture(&db);
    let mut c = db.client();
    c.batch_execute(
        "CREATE TABLE mid (id integer, v text);
         INSERT INTO mid SELECT g, 'v' || g FROM generate_series(1, 2000) g;
         CREATE TABLE logs (id integer, at date NOT NULL) PARTITION BY RANGE (at);
         CREATE TABLE logs_a PARTITION OF logs FOR VALUES FROM ('2020-01-01') TO ('2022-01-01')
             WITH (autovacuum_enabled = off);
         CREATE TABLE logs_b PARTITION OF logs FOR VALUES FROM ('2022-01-01') TO ('2024-01-01')
             WITH (autovacuum_enabled = off);
         INSERT INTO logs SELECT g, DATE '2020-01-01' + (g / 100) FROM generate_series(1, 100000) g;
         CREATE VIEW mid_view AS SELECT id, v FROM mid;",
    )
    .unwrap();
    let pg = db.open(&[]);
    let mut b = budget();
    // Fewer rows than asked: all of them, in order.
    let rows = pg
        .sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b)
        .unwrap();
    assert_eq!(ids(&rows), [1, 2, 3]);
    // More blocks' rows than asked, fewer blocks than asked: rows shared out.
    let rows = ids(&pg
        .sample(&t("public", "mid"), &cols(&["id"]), 100, &mut b)
        .unwrap());
    assert_eq!(rows.len(), 100);
    assert!(rows.windows(2).all(|w| w[0] < w[1]));
    assert!(*rows.last().unwrap() > 1800, "{rows:?}");
    // A view: its first rows.
    let rows = ids(&pg
        .sample(&t("public", "mid_view"), &cols(&["id"]), 5, &mut b)
        .unwrap());
    assert_eq!(rows, [1, 2, 3, 4, 5]);
    // A materialized view is a heap.
    let rows = pg
        .sample(&t("public", "names"), &cols(&["name"]), 5, &mut b)
        .unwrap();
    assert_eq!(rows, vec![vec![text("Ann")], vec![None], vec![text("Cé")]]);
    // A partitioned table never analysed: its first rows.
    let logs = t("public", "logs");
    let rows = ids(&pg.sample(&logs, &cols(&["id"]), 50, &mut b).unwrap());
    assert_eq!(rows, (1..=50).collect::<Vec<_>>());
    // Analysed: TABLESAMPLE over both partitions, the same every time.
    c.batch_execute("ANALYZE logs").unwrap();
    let first = pg.sample(&logs, &cols(&["id", "at"]), 50, &mut b).unwrap();
    let second = pg.sample(&logs, &cols(&["id", "at"]), 50, &mut b).unwrap();
    assert_eq!(first, second);
    assert_eq!(first.len(), 50);
    let got = ids(&first);
    assert!(
        got.iter().any(|&id| id < 73_000) && got.iter().any(|&id| id > 73_100),
        "{got:?}"
    );
}

#[test]
fn values_as_text() {
    let Some(db) = TestDb::new("values") else {
        return;
    };
    db.client()
        .batch_execute(
            r#"
        CREATE DOMAIN blob AS bytea;
        CREATE TABLE v (
            n numeric(12, 6), i bigint, f real, ts timestamp, tz timestamptz, d date,
            iv interval, b bytea, bb blob, ok boolean, nothing text, j jsonb, a integer[],
            u uuid, ip inet, long text, big bytea
        );
        SET TimeZone = 'Europe/Amsterdam';
        INSERT INTO v VALUES (
            12345.6789, -9223372036854775808, 0.1, '2024-01-02 03:04:05.5',
            '2024-06-01 12:00:00+02', '2024-02-29', '1 day 02:03:04', '\x00ff10', '\xab',
            true, NULL, '{"b": 1, "a": [true, null]}', '{1,2,NULL}',
            'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1/24',
            repeat('é', 50000), decode(repeat('ab', 100000), 'hex')
        );
        "#,
        )
        .unwrap();
    let pg = db.open(&[]);
    let mut b = budget();
    let names = [
        "n", "i", "f", "ts", "tz", "d", "iv", "b", "bb", "ok", "nothing", "j", "a", "u", "ip",
    ];
    let rows = pg
        .sample(&t("public", "v"), &cols(&names), 1, &mut b)
        .unwrap();
    assert_eq!(
        rows,
        vec![vec![
            text("12345.678900"),
            text("-9223372036854775808"),
            text("0.1"),
            text("2024-01-02 03:04:05.5"),
            text("2024-06-01 10:00:00+00"),
            text("2024-02-29"),
            text("1 day 02:03:04"),
            text("00ff10"),
            text("ab"),
            text("true"),
            None,
            text(r#"{"a": [true, null], "b": 1}"#),
            text("{1,2,NULL}"),
            text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            text("192.168.0.1/24"),
        ]]
    );
    let before = b.bytes_left();
    let rows = pg
        .sample(&t("public", "v"), &cols(&["long", "big"]), 1, &mut b)
        .unwrap();
    let s = rows[0][0].as_deref().unwrap();
    let h = rows[0][1].as_deref().unwrap();
    assert_eq!(s.len(), CELL_BYTES_CAP, "64 KiB of two-byte characters");
    assert!(s.chars().all(|c| c == 'é'));
    assert_eq!(h.len(), CELL_BYTES_CAP);
    assert!(h.starts_with("abab"));
    assert_eq!(before - b.bytes_left(), 2 * CELL_BYTES_CAP as u64);
}

#[test]
fn the_session_is_read_only() {
    let Some(db) = TestDb::new("readonly") else {
        return;
    };
    fixture(&db);
    db.client()
        .batch_execute(
            "CREATE FUNCTION sneaky() RETURNS text LANGUAGE sql VOLATILE
                 AS $$ INSERT INTO customers VALUES (99, 'x@example.org') RETURNING 'done' $$;
             CREATE VIEW trap AS SELECT sneaky() AS s;",
        )
        .unwrap();
    let pg = db.open(&[]);
    assert_eq!(
        pg.raw("SHOW transaction_read_only").unwrap(),
        vec![vec![text("on")]]
    );
    assert_eq!(
        pg.raw("SHOW default_transaction_read_only").unwrap(),
        vec![vec![text("on")]]
    );
    match pg.raw("INSERT INTO customers VALUES (98, 'y@example.org')") {
        Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
        other => panic!("{other:?}"),
    }
    match pg.raw("CREATE TABLE t (x int)") {
        Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
        other => panic!("{other:?}"),
    }
    let mut b = budget();
    match pg.sample(&t("public", "trap"), &cols(&["s"]), 1, &mut b) {
        Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Even a session whose default was turned off samples read-only.
    pg.raw("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; SET default_transaction_read_only = off")
        .unwrap();
    assert!(matches!(
        pg.sample(&t("public", "trap"), &cols(&["s"]), 1, &mut b),
        Err(Refusal::Failed(m)) if m.contains("read-only")
    ));
    let count: i64 = db
        .client()
        .query_one("SELECT count(*) FROM customers", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, 3);
}

#[test]
fn connection_failures_in_plain_words_without_secrets() {
    // A port nobody listens on.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("postgresql://someone:s3cr3t-pw@127.0.0.1:{port}/db");
    match PostgresConnector::open(&url, &[], TIMEOUT) {
        Err(Refusal::Failed(m)) => {
            assert_eq!(
                m,
                format!(
                    "cannot connect to the PostgreSQL server at 127.0.0.1:{port}: connection refused"
                )
            );
        }
        other => panic!("{:?}", other.err()),
    }
    // Malformed URLs: the password never shows.
    for bad in [
        "postgresql://someone:s3cr3t-pw@127.0.0.1:notaport/db",
        "host=127.0.0.1 password='s3cr3t-pw",
        "postgresql://someone:s3cr3t-pw@127.0.0.1/db?sslmode=sometimes",
    ] {
        match PostgresConnector::open(bad, &[], TIMEOUT) {
            Err(Refusal::Failed(m)) => {
                assert!(
                    m.contains("URL is not valid") && !m.contains("s3cr3t"),
                    "{m}"
                )
            }
            other => panic!("{:?}", other.err()),
        }
    }
    match PostgresConnector::open(
        "postgresql://someone:s3cr3t-pw@127.0.0.1/db?sslmode=require",
        &[],
        TIMEOUT,
    ) {
        Err(Refusal::Failed(m)) => assert!(m.contains("TLS") && !m.contains("s3cr3t"), "{m}"),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn a_server_that_never_answers_does_not_hang_open() {
    // Accepts the connection, reads nothing, says nothing.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let holder = thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        thread::sleep(Duration::from_secs(4));
        drop(socket);
    });
    let timeout = Duration::from_millis(500);
    let started = Instant::now();
    let result = PostgresConnector::open(
        &format!("postgresql://someone:s3cr3t-pw@127.0.0.1:{port}/db"),
        &[],
        timeout,
    );
    let took = started.elapsed();
    match result {
        Err(Refusal::Failed(m)) => {
            assert!(
                m.contains("timed out after 500 ms") && !m.contains("s3cr3t"),
                "{m}"
            )
        }
        other => panic!("{:?}", other.err()),
    }
    assert!(
        took < timeout + ANSWER_GRACE + Duration::from_secs(1),
        "{took:?}"
    );
    holder.join().unwrap();
}

#[test]
fn authentication_and_database_failures() {
    let Some(db) = TestDb::new("auth") else {
        return;
    };
    /// Drops the role (roles belong to the server, not the database),
    /// also when the test fails.
    struct Role<'a>(&'a TestDb, String);
    impl Drop for Role<'_> {
        fn drop(&mut self) {
            let r = quote(&self.1);
            let _ = (self.0.client()).batch_execute(&format!("DROP OWNED BY {r}; DROP ROLE {r}"));
        }
    }
    let mut c = db.client();
    let role = format!("{}_reader", db.name);
    c.batch_execute(&format!(
        "CREATE ROLE {r} LOGIN PASSWORD 'right-pw'",
        r = quote(&role)
    ))
    .unwrap();
    let _role = Role(&db, role.clone());
    let config: Config = db.url.parse().unwrap();
    let host = target(&config);
    let url =
        |user: &str, pw: &str, dbname: &str| format!("postgresql://{user}:{pw}@{host}/{dbname}");
    match PostgresConnector::open(&url(&role, "wrong-pw", &db.name), &[], TIMEOUT) {
        Err(Refusal::Failed(m)) => assert_eq!(
            m,
            format!(
                "cannot connect to the PostgreSQL server at {host}: \
                 password authentication failed for user \"{role}\""
            )
        ),
        // A server that trusts local connections checks no password.
        Ok(_) => eprintln!("the test server did not check the password"),
        Err(other) => panic!("{other:?}"),
    }
    match PostgresConnector::open(&url(&role, "right-pw", "no_such_db_here"), &[], TIMEOUT) {
        Err(Refusal::Failed(m)) => {
            assert!(
                m.contains("database \"no_such_db_here\" does not exist"),
                "{m}"
            );
            assert!(!m.contains("right-pw"), "{m}");
        }
        other => panic!("{:?}", other.err()),
    }
    // The reader may read only what it was granted.
    c.batch_execute(&format!(
        "CREATE TABLE open_t (v text); CREATE TABLE closed_t (v text);
         CREATE TABLE half (pub text, priv text);
         INSERT INTO open_t VALUES ('o'); INSERT INTO half VALUES ('p', 's');
         GRANT SELECT ON open_t TO {r}; GRANT SELECT (pub) ON half TO {r};",
        r = quote(&role)
    ))
    .unwrap();
    let reader = PostgresConnector::open(&url(&role, "right-pw", &db.name), &[], TIMEOUT).unwrap();
    let listed: Vec<String> = reader
        .list_tables()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(listed, ["public.half", "public.open_t"]);
    let mut b = budget();
    assert!(matches!(
        reader.sample(&t("public", "closed_t"), &cols(&["v"]), 1, &mut b),
        Err(Refusal::NotGranted(_))
    ));
    assert!(matches!(
        reader.sample(&t("public", "half"), &cols(&["priv"]), 1, &mut b),
        Err(Refusal::NotGranted(m)) if m.contains("priv")
    ));
    assert_eq!(
        reader
            .sample(&t("public", "half"), &cols(&["pub"]), 1, &mut b)
            .unwrap(),
        vec![vec![text("p")]]
    );
}

#[test]
fn deadline_stops_a_slow_view() {
    let Some(db) = TestDb::new("slow") else {
        return;
    };
    fixture(&db);
    db.client()
        .batch_execute("CREATE VIEW slow AS SELECT pg_sleep(30)::text AS x")
        .unwrap();
    let pg = db.open(&[]);
    let limit = Duration::from_millis(700);
    let mut b = Budget::new(1000, 1 << 20, limit);
    let started = Instant::now();
    let result = pg.sample(&t("public", "slow"), &cols(&["x"]), 1, &mut b);
    let took = started.elapsed();
    match result {
        Err(Refusal::LimitExceeded(m)) => assert!(m.contains("time"), "{m}"),
        other => panic!("expected a time limit, got {other:?}"),
    }
    assert!(
        took >= limit - Duration::from_millis(50) && took < limit + Duration::from_secs(1),
        "{took:?}"
    );
    // The server stopped the statement: the connection goes on.
    let mut b = budget();
    assert_eq!(
        pg.sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b)
            .unwrap()
            .len(),
        3
    );
    // A passed deadline refuses a sample before it starts.
    let mut b = Budget::with_deadline(1000, 1000, Instant::now());
    assert!(matches!(
        pg.sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
}

#[test]
fn a_server_that_stops_answering_is_given_up() {
    let Some(db) = TestDb::new("stopped") else {
        return;
    };
    fixture(&db);
    let pg = db.open(&[]);
    let pid = pg.raw("SELECT pg_backend_pid()").unwrap()[0][0]
        .clone()
        .unwrap();
    // Freeze the server process that serves the connector (needs the
    // right to signal it: root, or the server's own user).
    let signal = |sig: &str| {
        std::process::Command::new("kill")
            .args([sig, &pid])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !signal("-STOP") {
        eprintln!("cannot stop the server process {pid}: skipping");
        return;
    }
    let limit = Duration::from_millis(500);
    let mut b = Budget::new(1000, 1 << 20, limit);
    let started = Instant::now();
    let result = pg.sample(&t("public", "customers"), &cols(&["id"]), 1, &mut b);
    let took = started.elapsed();
    signal("-CONT");
    assert!(
        matches!(result, Err(Refusal::LimitExceeded(_))),
        "{result:?}"
    );
    assert!(
        took < limit + ANSWER_GRACE + Duration::from_secs(1),
        "{took:?}"
    );
    // Given up: later calls fail at once.
    let started = Instant::now();
    assert!(matches!(
        pg.list_tables(),
        Err(Refusal::Failed(m)) if m.contains("lost or given up")
    ));
    assert!(started.elapsed() < Duration::from_millis(100));
}

#[test]
fn a_locked_table() {
    let Some(db) = TestDb::new("locked") else {
        return;
    };
    fixture(&db);
    let pg = PostgresConnector::open(&db.url, &[], Duration::from_millis(300)).unwrap();
    let mut holder = db.client();
    let mut tx = holder.transaction().unwrap();
    tx.batch_execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let mut b = budget();
    let started = Instant::now();
    match pg.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b) {
        Err(Refusal::Failed(m)) => assert!(m.contains("locked") && m.contains("300 ms"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() >= Duration::from_millis(300));
    // The calls that read only the catalogue do not wait for the lock.
    let started = Instant::now();
    assert_eq!(pg.list_columns(&t("public", "customers")).unwrap().len(), 6);
    assert_eq!(
        pg.row_count_estimate(&t("public", "customers")).unwrap(),
        None
    );
    assert!(started.elapsed() < Duration::from_millis(300));
    tx.commit().unwrap();
    assert_eq!(
        pg.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn budget_runs_out() {
    let Some(db) = TestDb::new("budget") else {
        return;
    };
    big(&db);
    let pg = db.open(&[]);
    let big = t("public", "big");
    let mut b = Budget::new(150, 1 << 30, Duration::from_secs(60));
    assert_eq!(
        pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap().len(),
        100
    );
    assert_eq!(
        pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap().len(),
        50
    );
    assert!(matches!(
        pg.sample(&big, &cols(&["id"]), 100, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
    // Bytes: "value 1" is 7 bytes; 20 bytes buy two rows, then it is spent.
    let mut b = Budget::new(1000, 20, Duration::from_secs(60));
    let rows = pg.sample(&big, &cols(&["v"]), 10, &mut b).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(b.bytes_left(), 0);
    assert!(matches!(
        pg.sample(&big, &cols(&["v"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
    // A first row larger than the budget: refused, budget spent.
    let mut b = Budget::new(1000, 3, Duration::from_secs(60));
    assert!(matches!(
        pg.sample(&big, &cols(&["v"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
    assert_eq!(b.bytes_left(), 0);
    // Nothing asked, nothing taken; no columns is an invalid call.
    let mut b = budget();
    assert!(
        pg.sample(&big, &cols(&["v"]), 0, &mut b)
            .unwrap()
            .is_empty()
    );
    assert_eq!(b.rows_left(), budget().rows_left());
    assert!(matches!(
        pg.sample(&big, &[], 10, &mut b),
        Err(Refusal::Invalid(_))
    ));
}

#[test]
fn helpers() {
    fn shareable<T: Send + Sync>() {}
    shareable::<PostgresConnector>();
    assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    assert_eq!(parse_tid("(12,3)"), (12, 3));
    assert_eq!(words(Duration::from_millis(250)), "250 ms");
    assert_eq!(words(Duration::from_secs(5)), "5 s");
    assert_eq!(words(Duration::from_millis(1500)), "1.5 s");
    assert_eq!(millis(Duration::ZERO), 1);
    assert_eq!(
        with_dbname("postgresql://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgresql://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_dbname("postgres://h", "x"), "postgres://h/x");
    assert_eq!(with_dbname("host=h", "x"), "host=h dbname=x");
    assert_eq!(cut("é".repeat(40_000).as_bytes()).len(), CELL_BYTES_CAP);
    assert_eq!(cut(b"a\xffb"), "a\u{fffd}b");
    let config: Config = "postgresql://u:p@[::1]:6000,db.example:7000/x"
        .parse()
        .unwrap();
    assert_eq!(target(&config), "[::1]:6000, db.example:7000");
}

/// Each view and materialized view of the granted schemas with the tables
/// its rule depends on, across schemas and joins.
#[test]
fn views_are_known_by_the_tables_they_read() {
    let Some(db) = TestDb::new("views") else {
        return;
    };
    fixture(&db);
    db.client()
        .batch_execute(
            "CREATE VIEW customer_orders AS
                 SELECT c.email, o.id FROM customers c JOIN app.orders o ON o.customer = c.id;
             CREATE VIEW app.recent AS SELECT customer FROM app.orders WHERE id > 10;",
        )
        .unwrap();
    let shown = |schemas: &[&str]| -> Vec<(String, Vec<String>)> {
        db.open(schemas)
            .view_sources()
            .unwrap()
            .into_iter()
            .map(|(v, s)| (v.to_string(), s.iter().map(ToString::to_string).collect()))
            .collect()
    };
    let expect = |v: &str, s: &[&str]| {
        (
            v.to_owned(),
            s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        shown(&[]),
        [
            expect("app.recent", &["app.orders"]),
            expect(
                "public.customer_orders",
                &["app.orders", "public.customers"]
            ),
            expect("public.emails", &["public.customers"]),
            expect("public.names", &["public.customers"]),
        ]
    );
    assert_eq!(shown(&["app"]), [expect("app.recent", &["app.orders"])]);
}
