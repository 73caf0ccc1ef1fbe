//! The SQLite connector on real database files made by the tests.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::SqliteConnector;
use super::open::file_uri;
use crate::sql::{CELL_BYTES_CAP, SAMPLE_ROWS_PER_CALL, TableRef};
use crate::{Budget, Refusal};

const LOCK_WAIT: Duration = Duration::from_millis(100);

fn budget() -> Budget {
    Budget::new(10_000_000, 1 << 32, Duration::from_secs(120))
}

fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn t(name: &str) -> TableRef {
    TableRef::main(name)
}

/// A database with a bit of everything.
fn fixture(dir: &Path) -> PathBuf {
    let path = dir.join("app.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch(
        r#"
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY, email TEXT NOT NULL, name varchar(80),
            score REAL, photo BLOB, note
        );
        INSERT INTO customers VALUES (1, 'a@example.org', 'Ann', 1.5, x'00ff10', NULL);
        INSERT INTO customers VALUES (2, 'b@example.org', NULL, 1e20, NULL, 42);
        INSERT INTO customers VALUES (3, 'c@example.org', 'Cé', 0.1, x'', 'x');
        CREATE VIEW emails AS SELECT email FROM customers;
        CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
        INSERT INTO codes VALUES ('b', 'B'), ('a', 'A');
        CREATE TABLE "we""ird]" ("co""l]" TEXT, "x""y]" INTEGER);
        INSERT INTO "we""ird]" VALUES ('v1', 1), ('v2', 2);
        CREATE TABLE "x""; DROP TABLE customers; --" (v TEXT);
        INSERT INTO "x""; DROP TABLE customers; --" VALUES ('kept');
        CREATE TABLE shadowed ("rowid" TEXT, v TEXT);
        INSERT INTO shadowed VALUES ('r1', 'v1'), ('r2', 'v2');
        CREATE VIEW forever AS
            WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
            SELECT x FROM r WHERE x < 0;
        "#,
    )
    .unwrap();
    path
}

/// `big` with rows 1..=200_000.
fn big(dir: &Path) -> PathBuf {
    let path = dir.join("big.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
         INSERT INTO big (v)
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
            SELECT 'value ' || x FROM n;",
    )
    .unwrap();
    path
}

fn open(path: &Path) -> SqliteConnector {
    SqliteConnector::open(path, LOCK_WAIT).unwrap()
}

#[test]
fn lists_tables_and_views_sorted_without_internals() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch("ANALYZE")
        .unwrap();
    let db = open(&path);
    let names: Vec<String> = db
        .list_tables()
        .unwrap()
        .into_iter()
        .map(|t| {
            assert_eq!(t.schema, None);
            t.name
        })
        .collect();
    assert_eq!(
        names,
        [
            "codes",
            "customers",
            "emails",
            "forever",
            "shadowed",
            "we\"ird]",
            "x\"; DROP TABLE customers; --"
        ]
    );
}

#[test]
fn lists_columns_in_declaration_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&fixture(dir.path()));
    let c = db.list_columns(&t("customers")).unwrap();
    let got: Vec<(&str, &str, bool)> = c
        .iter()
        .map(|c| (c.name.as_str(), c.data_type.as_str(), c.nullable))
        .collect();
    assert_eq!(
        got,
        [
            ("id", "INTEGER", false),
            ("email", "TEXT", false),
            ("name", "varchar(80)", true),
            ("score", "REAL", true),
            ("photo", "BLOB", true),
            ("note", "", true),
        ]
    );
    let codes = db.list_columns(&t("CODES")).unwrap();
    assert_eq!((codes[0].name.as_str(), codes[0].nullable), ("code", false));
    assert!(codes[1].nullable);
    let view = db.list_columns(&t("emails")).unwrap();
    assert_eq!(view.len(), 1);
    assert_eq!(view[0].name, "email");
    let weird = db.list_columns(&t("we\"ird]")).unwrap();
    assert_eq!(weird[0].name, "co\"l]");
    assert_eq!(weird[1].name, "x\"y]");

    for missing in [
        t("nope"),
        t("sqlite_schema"),
        t("customers\" --"),
        TableRef {
            schema: Some("aux".into()),
            name: "customers".into(),
        },
        TableRef {
            schema: Some("temp".into()),
            name: "customers".into(),
        },
    ] {
        assert!(
            matches!(db.list_columns(&missing), Err(Refusal::NotFound(_))),
            "{missing}"
        );
    }
    // `main` may be named.
    let main = TableRef {
        schema: Some("main".into()),
        name: "customers".into(),
    };
    assert_eq!(db.list_columns(&main).unwrap().len(), 6);
}

#[test]
fn samples_values_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&fixture(dir.path()));
    let mut b = budget();
    let rows = db
        .sample(
            &t("customers"),
            &cols(&["id", "EMAIL", "name", "score", "photo", "note"]),
            10,
            &mut b,
        )
        .unwrap();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        rows,
        vec![
            vec![
                s("1"),
                s("a@example.org"),
                s("Ann"),
                s("1.5"),
                s("00ff10"),
                None
            ],
            vec![
                s("2"),
                s("b@example.org"),
                None,
                s("1.0e+20"),
                None,
                s("42")
            ],
            vec![s("3"), s("c@example.org"), s("Cé"), s("0.1"), s(""), s("x")],
        ]
    );
    // Columns come back in the order asked, repeated if asked twice.
    let rows = db
        .sample(&t("customers"), &cols(&["note", "id", "id"]), 1, &mut b)
        .unwrap();
    assert_eq!(rows, vec![vec![None, s("1"), s("1")]]);
    // A view and a WITHOUT ROWID table give their first rows.
    let rows = db
        .sample(&t("emails"), &cols(&["email"]), 2, &mut b)
        .unwrap();
    assert_eq!(rows.len(), 2);
    let rows = db
        .sample(&t("codes"), &cols(&["code", "label"]), 10, &mut b)
        .unwrap();
    assert_eq!(rows, vec![vec![s("a"), s("A")], vec![s("b"), s("B")]]);
    // A column named `rowid` shadows the rowid; sampling still works.
    let rows = db
        .sample(&t("shadowed"), &cols(&["rowid", "v"]), 10, &mut b)
        .unwrap();
    assert_eq!(rows, vec![vec![s("r1"), s("v1")], vec![s("r2"), s("v2")]]);
    assert_eq!(db.row_count_estimate(&t("shadowed")).unwrap(), Some(2));
    // limit 0 is an empty sample.
    assert!(
        db.sample(&t("customers"), &cols(&["id"]), 0, &mut b)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn refuses_bad_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&fixture(dir.path()));
    let mut b = budget();
    assert!(matches!(
        db.sample(&t("customers"), &[], 10, &mut b),
        Err(Refusal::Invalid(_))
    ));
    for bad in ["nope", "email\" FROM customers --", "rowid", ""] {
        assert!(
            matches!(
                db.sample(&t("customers"), &cols(&[bad]), 10, &mut b),
                Err(Refusal::NotFound(_))
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        db.sample(&t("nope"), &cols(&["id"]), 10, &mut b),
        Err(Refusal::NotFound(_))
    ));
    assert!(matches!(
        db.sample(&t("a\0b"), &cols(&["id"]), 10, &mut b),
        Err(Refusal::Invalid(_))
    ));
}

#[test]
fn hostile_identifiers_are_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let db = open(&path);
    let mut b = budget();
    let rows = db
        .sample(&t("we\"ird]"), &cols(&["co\"l]", "x\"y]"]), 10, &mut b)
        .unwrap();
    assert_eq!(
        rows,
        vec![
            vec![Some("v1".to_owned()), Some("1".to_owned())],
            vec![Some("v2".to_owned()), Some("2".to_owned())]
        ]
    );
    let evil = t("x\"; DROP TABLE customers; --");
    assert_eq!(db.row_count_estimate(&evil).unwrap(), Some(1));
    let rows = db.sample(&evil, &cols(&["v"]), 10, &mut b).unwrap();
    assert_eq!(rows, vec![vec![Some("kept".to_owned())]]);
    assert_eq!(db.list_columns(&t("customers")).unwrap().len(), 6);
}

#[test]
fn estimates_rows_cheaply() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let db = open(&path);
    assert_eq!(db.row_count_estimate(&t("customers")).unwrap(), Some(3));
    assert_eq!(db.row_count_estimate(&t("emails")).unwrap(), None);
    assert_eq!(db.row_count_estimate(&t("codes")).unwrap(), None);
    assert_eq!(db.row_count_estimate(&t("forever")).unwrap(), None);
    drop(db);

    // The rowid range overestimates after deletions; ANALYZE's count wins.
    let c = Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TABLE gappy (id INTEGER PRIMARY KEY, v);
         INSERT INTO gappy (id, v) VALUES (1, 'a'), (2, 'b'), (100, 'c');
         CREATE TABLE empty (v);",
    )
    .unwrap();
    let db = open(&path);
    assert_eq!(db.row_count_estimate(&t("gappy")).unwrap(), Some(100));
    assert_eq!(db.row_count_estimate(&t("empty")).unwrap(), Some(0));
    drop(db);
    c.execute_batch("ANALYZE").unwrap();
    let db = open(&path);
    assert_eq!(db.row_count_estimate(&t("gappy")).unwrap(), Some(3));
    assert_eq!(db.row_count_estimate(&t("codes")).unwrap(), Some(2));
}

#[test]
fn sampling_is_spread_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&big(dir.path()));
    let mut b = budget();
    assert_eq!(db.row_count_estimate(&t("big")).unwrap(), Some(200_000));
    let started = Instant::now();
    let first = db
        .sample(&t("big"), &cols(&["id", "v"]), 100, &mut b)
        .unwrap();
    let took = started.elapsed();
    let second = db
        .sample(&t("big"), &cols(&["id", "v"]), 100, &mut b)
        .unwrap();
    assert_eq!(first, second, "the same sample twice");
    let ids: Vec<i64> = first
        .iter()
        .map(|r| r[0].as_deref().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids.len(), 100);
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "ascending, no duplicates"
    );
    assert_eq!(ids[0], 1);
    assert!(*ids.last().unwrap() > 195_000, "reaches the end: {ids:?}");
    // Evenly spaced: every 2000th row.
    assert!(ids.windows(2).all(|w| w[1] - w[0] == 2000), "{ids:?}");
    assert_eq!(first[1][1].as_deref(), Some("value 2001"));
    // A sample is at most SAMPLE_ROWS_PER_CALL rows.
    let many = db
        .sample(&t("big"), &cols(&["id"]), 50_000, &mut b)
        .unwrap();
    assert_eq!(many.len(), SAMPLE_ROWS_PER_CALL as usize);
    eprintln!("100 rows of 200k in {took:?}");
}

#[test]
fn sampling_fills_up_when_rowids_bunch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bunch.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v);
         INSERT INTO t (id, v)
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500)
            SELECT x, x FROM n;
         INSERT INTO t VALUES (-9223372036854775808, 'min'), (9223372036854775807, 'max');",
    )
    .unwrap();
    let db = open(&path);
    let mut b = budget();
    let rows = db.sample(&t("t"), &cols(&["id"]), 100, &mut b).unwrap();
    assert_eq!(rows.len(), 100);
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r[0].as_deref().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(ids[0], i64::MIN);
    assert_eq!(*ids.last().unwrap(), i64::MAX);
    let all = db.sample(&t("t"), &cols(&["id"]), 1000, &mut b).unwrap();
    assert_eq!(all.len(), 502);
    assert_eq!(db.row_count_estimate(&t("t")).unwrap(), Some(u64::MAX));
}

#[test]
fn caps_long_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch("CREATE TABLE t (s TEXT, b BLOB)").unwrap();
    c.execute(
        "INSERT INTO t VALUES (?1, ?2)",
        rusqlite::params!["é".repeat(50_000), vec![0xabu8; 100_000]],
    )
    .unwrap();
    let db = open(&path);
    let mut b = budget();
    let before = b.bytes_left();
    let rows = db.sample(&t("t"), &cols(&["s", "b"]), 1, &mut b).unwrap();
    let s = rows[0][0].as_deref().unwrap();
    let h = rows[0][1].as_deref().unwrap();
    assert_eq!(s.len(), CELL_BYTES_CAP, "64 KiB of two-byte characters");
    assert!(s.chars().all(|c| c == 'é'));
    assert_eq!(h.len(), CELL_BYTES_CAP);
    assert!(h.starts_with("abab"));
    assert_eq!(before - b.bytes_left(), 2 * CELL_BYTES_CAP as u64);
    assert_eq!(b.rows_left(), budget().rows_left() - 1);
}

#[test]
fn budget_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&big(dir.path()));
    let mut b = Budget::new(150, 1 << 30, Duration::from_secs(60));
    assert_eq!(
        db.sample(&t("big"), &cols(&["id"]), 100, &mut b)
            .unwrap()
            .len(),
        100
    );
    assert_eq!(
        db.sample(&t("big"), &cols(&["id"]), 100, &mut b)
            .unwrap()
            .len(),
        50
    );
    assert!(matches!(
        db.sample(&t("big"), &cols(&["id"]), 100, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));

    // Bytes: "value 1" is 7 bytes; 20 bytes buy two rows, then it is spent.
    let mut b = Budget::new(1000, 20, Duration::from_secs(60));
    let rows = db.sample(&t("big"), &cols(&["v"]), 10, &mut b).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(b.bytes_left(), 0);
    assert!(matches!(
        db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
    // A first row larger than the budget: refused, budget spent.
    let mut b = Budget::new(1000, 3, Duration::from_secs(60));
    assert!(matches!(
        db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
    assert_eq!(b.bytes_left(), 0);
    // A passed deadline refuses a sample before it starts.
    let mut b = Budget::with_deadline(1000, 1000, Instant::now());
    assert!(matches!(
        db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
        Err(Refusal::LimitExceeded(_))
    ));
}

#[test]
fn deadline_interrupts_an_endless_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&fixture(dir.path()));
    let limit = Duration::from_millis(300);
    let mut b = Budget::new(1000, 1 << 20, limit);
    let started = Instant::now();
    let result = db.sample(&t("forever"), &cols(&["x"]), 10, &mut b);
    let took = started.elapsed();
    match result {
        Err(Refusal::LimitExceeded(m)) => assert!(m.contains("time"), "{m}"),
        other => panic!("expected a time limit, got {other:?}"),
    }
    assert!(
        took >= limit && took < limit + Duration::from_secs(2),
        "{took:?}"
    );
    // The connection is usable afterwards.
    let mut b = budget();
    assert_eq!(
        db.sample(&t("codes"), &cols(&["code"]), 10, &mut b)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn interrupt_handle_stops_a_query_from_another_thread() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&fixture(dir.path()));
    let handle = db.interrupt_handle();
    let stopper = thread::spawn(move || {
        thread::sleep(Duration::from_millis(200));
        handle.interrupt();
    });
    let mut b = budget();
    let started = Instant::now();
    let result = db.sample(&t("forever"), &cols(&["x"]), 10, &mut b);
    stopper.join().unwrap();
    assert!(
        matches!(&result, Err(Refusal::Failed(m)) if m.contains("interrupted")),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn missing_file_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    match SqliteConnector::open(&path, LOCK_WAIT) {
        Err(Refusal::Failed(m)) => {
            assert!(m.contains("not found") && m.contains("missing.db"), "{m}")
        }
        other => panic!("{:?}", other.err()),
    }
    assert!(!path.exists());
    assert!(matches!(
        SqliteConnector::open(dir.path(), LOCK_WAIT),
        Err(Refusal::Failed(m)) if m.contains("not a file")
    ));
}

#[test]
fn a_file_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "name,email\nAnn,a@example.org\n".repeat(100)).unwrap();
    match SqliteConnector::open(&path, LOCK_WAIT) {
        Err(Refusal::Failed(m)) => {
            assert!(
                m.contains("notes.db") && m.contains("not a SQLite database"),
                "{m}"
            )
        }
        other => panic!("{:?}", other.err()),
    }
    // A database whose pages were overwritten.
    let path = fixture(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[100..] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let result =
        SqliteConnector::open(&path, LOCK_WAIT).and_then(|db| db.list_columns(&t("customers")));
    match result {
        Err(Refusal::Failed(m)) => {
            assert!(m.contains("app.db") && m.contains("corrupt"), "{m}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_locked_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let early = open(&path);
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let started = Instant::now();
    match SqliteConnector::open(&path, LOCK_WAIT) {
        Err(Refusal::Failed(m)) => assert!(m.contains("locked") && m.contains("app.db"), "{m}"),
        other => panic!("{:?}", other.err()),
    }
    assert!(started.elapsed() >= LOCK_WAIT);
    let mut b = budget();
    assert!(matches!(
        early.sample(&t("customers"), &cols(&["email"]), 1, &mut b),
        Err(Refusal::Failed(m)) if m.contains("locked")
    ));
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    assert_eq!(
        early
            .sample(&t("customers"), &cols(&["email"]), 1, &mut b)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    big(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let files = listing(dir.path());
    {
        let db = open(&path);
        let mut b = budget();
        for table in db.list_tables().unwrap() {
            let columns: Vec<String> = db
                .list_columns(&table)
                .unwrap()
                .into_iter()
                .map(|c| c.name)
                .collect();
            let _ = db.row_count_estimate(&table).unwrap();
            if table.name != "forever" {
                db.sample(&table, &columns, 100, &mut b).unwrap();
            }
        }
        // Even SQL that would write is refused by the connection itself.
        assert!(
            db.backend
                .conn
                .execute_batch("DELETE FROM customers")
                .is_err()
        );
        assert!(
            db.backend
                .conn
                .execute_batch("PRAGMA query_only = OFF; DELETE FROM customers")
                .is_err()
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    assert_eq!(listing(dir.path()), files, "no -journal, -wal or -shm");
}

#[test]
fn reads_a_wal_database_while_an_application_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.db");
    let app = Connection::open(&path).unwrap();
    app.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a');",
    )
    .unwrap();
    let db = open(&path);
    let mut b = budget();
    assert_eq!(
        db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
        1
    );
    app.execute_batch("BEGIN; INSERT INTO t VALUES ('b');")
        .unwrap();
    // Uncommitted rows are not seen, and the writer does not block us.
    assert_eq!(
        db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
        1
    );
    app.execute_batch("COMMIT").unwrap();
    assert_eq!(
        db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
        2
    );
}

#[test]
fn paths_with_uri_characters() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a?b#c%20 d");
    std::fs::create_dir(&odd).unwrap();
    let path = fixture(&odd);
    let db = open(&path);
    assert_eq!(db.row_count_estimate(&t("customers")).unwrap(), Some(3));
    assert_eq!(
        file_uri(Path::new("/x/a?b#c%d é")).unwrap(),
        "file:/x/a%3Fb%23c%25d%20%C3%A9?mode=ro"
    );
}

/// Each view with the tables it reads, through joins, other views and
/// covering indexes; a view that reads no table is left out.
#[test]
fn views_are_known_by_the_tables_they_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, total REAL);
             CREATE INDEX orders_by_customer ON orders (customer);
             CREATE VIEW customer_orders AS
                 SELECT c.email, o.total FROM customers c JOIN orders o ON o.customer = c.id;
             CREATE VIEW order_customers AS SELECT customer FROM orders WHERE customer > 0;
             CREATE VIEW emails_again AS SELECT email FROM emails;",
        )
        .unwrap();
    let db = open(&path);
    let views: Vec<(String, Vec<String>)> = db
        .view_sources()
        .unwrap()
        .into_iter()
        .map(|(v, sources)| {
            (
                v.to_string(),
                sources.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    let expect = |v: &str, s: &[&str]| {
        (
            v.to_owned(),
            s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        views,
        [
            expect("customer_orders", &["customers", "orders"]),
            expect("emails", &["customers"]),
            expect("emails_again", &["customers"]),
            expect("order_customers", &["orders"]),
        ]
    );
}
