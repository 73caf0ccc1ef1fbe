//! The committed files in `example-systems/`: exactly what the generator
//! writes, and what the scanner tests rely on — every table with its rows,
//! every column and field in the ground truth, personal data where the ground
//! truth says it is.

use std::collections::BTreeSet;

use ropa_example_systems::{DIR, FILES, drift, generate, workspace_root};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

/// The rows of each webshop table.
const ROWS: [(&str, usize); 10] = [
    ("customers", 300),
    ("business_customers", 60),
    ("accounts", 221),
    ("products", 40),
    ("orders", 420),
    ("order_lines", 717),
    ("marketing_preferences", 300),
    ("promotion_participations", 160),
    ("support_tickets", 180),
    ("refunds", 47),
];

#[test]
fn the_committed_files_are_what_the_generator_writes() {
    let committed = workspace_root().join(DIR);
    let drift = drift(&committed).expect("generate and compare");
    assert!(
        drift.stale.is_empty(),
        "example-systems/ is out of date: {:?} differ from what crates/example-systems \
         generates (a different bundled SQLite also changes webshop.sqlite's bytes). Review the \
         change, then rewrite them with `cargo xtask example-systems`",
        drift.stale
    );
    assert!(
        drift.extra.is_empty(),
        "example-systems/ holds files the generator does not write: {:?}",
        drift.extra
    );
}

#[test]
fn generation_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(a.path()).unwrap();
    generate(b.path()).unwrap();
    for rel in FILES {
        let (x, y) = (
            std::fs::read(a.path().join(rel)).unwrap(),
            std::fs::read(b.path().join(rel)).unwrap(),
        );
        assert!(x == y, "{rel} differs between two runs");
    }
}

#[test]
fn the_webshop_database_has_its_rows_and_every_ground_truth_column() {
    let path = workspace_root().join(DIR).join("webshop.sqlite");
    let size = std::fs::metadata(&path).expect("webshop.sqlite").len();
    assert!(size < 1024 * 1024, "webshop.sqlite is {size} bytes");
    let db = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open webshop.sqlite read-only");

    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut want: Vec<&str> = ROWS.iter().map(|(t, _)| *t).collect();
    want.sort_unstable();
    assert_eq!(tables, want);
    for (table, rows) in ROWS {
        let n: usize = db
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, rows, "rows in {table}");
    }

    // Every column is classified, and every classified column exists and
    // holds data.
    let truth = ground_truth();
    let classified = classified_locations(&truth, "webshop");
    let mut columns = BTreeSet::new();
    for table in &tables {
        let names: Vec<String> = db
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for name in names {
            columns.insert(format!("{table}.{name}"));
        }
    }
    assert_eq!(
        classified.iter().cloned().collect::<BTreeSet<_>>(),
        columns,
        "ground-truth.json and the webshop's columns differ"
    );
    for (location, pd, tier, free_text) in personal_locations(&truth, "webshop") {
        let (table, column) = location.split_once('.').unwrap();
        let values: Vec<String> = db
            .prepare(&format!(
                "SELECT CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!values.is_empty(), "{tier} column {location} is empty");
        if free_text {
            assert!(
                values.iter().any(|v| text_holds(&pd, v)),
                "no value of {location} holds {pd}"
            );
        }
    }

    // The refunds' IBANs are well formed, so a detector has something to find.
    let ibans: Vec<String> = db
        .prepare("SELECT iban FROM refunds")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(ibans.iter().all(|i| iban_valid(i)), "{ibans:?}");
}

#[test]
fn the_sql_dump_loads_the_same_rows_as_the_sqlite_file() {
    let dir = workspace_root().join(DIR);
    let sql = std::fs::read_to_string(dir.join("webshop.sql")).expect("webshop.sql");
    let loaded = Connection::open_in_memory().unwrap();
    loaded.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    loaded
        .execute_batch(&sql)
        .expect("webshop.sql loads into SQLite");
    let file =
        Connection::open_with_flags(dir.join("webshop.sqlite"), OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    for (table, _) in ROWS {
        let dump = |db: &Connection| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = db
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert!(dump(&loaded) == dump(&file), "{table} differs");
    }
}

#[test]
fn the_exports_have_every_ground_truth_field() {
    let root = workspace_root().join(DIR).join("exports");
    let truth = ground_truth();
    let mut found = BTreeSet::new();

    let csv = std::fs::read_to_string(root.join("nieuwsbrief.csv")).expect("nieuwsbrief.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for field in &header {
        found.insert(format!("nieuwsbrief.csv#{field}"));
    }
    for line in lines {
        assert_eq!(line.split(',').count(), header.len(), "{line}");
    }

    let crm: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("crm-export.json")).expect("crm-export.json"),
    )
    .expect("crm-export.json is JSON");
    let mut pointers = BTreeSet::new();
    json_leaves(&crm, String::new(), &mut pointers);
    for pointer in pointers {
        found.insert(format!("crm-export.json#{pointer}"));
    }

    let classified: BTreeSet<String> = classified_locations(&truth, "exports")
        .into_iter()
        .collect();
    assert_eq!(
        classified, found,
        "ground-truth.json and the exports' fields differ"
    );
    for (location, pd, tier, free_text) in personal_locations(&truth, "exports") {
        if let Some(pointer) = location.strip_prefix("crm-export.json#") {
            let values: Vec<String> = json_values(&crm, pointer)
                .into_iter()
                .filter(|v| !v.is_null())
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            assert!(!values.is_empty(), "{tier} field {location} is empty");
            if free_text {
                assert!(
                    values.iter().any(|v| text_holds(&pd, v)),
                    "no value of {location} holds {pd}"
                );
            }
        }
    }
}

/// `ground-truth.json` as committed.
fn ground_truth() -> Value {
    let path = workspace_root().join(DIR).join("ground-truth.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("ground-truth.json")).unwrap()
}

/// Every location of a system in the ground truth, each once.
fn classified_locations(truth: &Value, system: &str) -> Vec<String> {
    let s = &truth["systems"][system];
    let mut out = BTreeSet::new();
    for tier in ["personal", "contextual"] {
        for e in s[tier].as_array().unwrap() {
            out.insert(e["location"].as_str().unwrap().to_owned());
        }
    }
    let non: Vec<String> = s["non_personal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    for n in &non {
        assert!(
            out.insert(n.clone()),
            "{n} is both personal and non-personal"
        );
    }
    out.into_iter().collect()
}

/// The personal and contextual locations of a system: location, `pd:` id,
/// tier, and whether the location is free text (holds several kinds of
/// personal data a scanner should report).
fn personal_locations(truth: &Value, system: &str) -> Vec<(String, String, &'static str, bool)> {
    let s = &truth["systems"][system];
    let personal = s["personal"].as_array().unwrap();
    let kinds = |location: &str| {
        personal
            .iter()
            .filter(|e| e["location"] == location)
            .count()
    };
    let mut out = Vec::new();
    for tier in ["personal", "contextual"] {
        for e in s[tier].as_array().unwrap() {
            let location = e["location"].as_str().unwrap();
            out.push((
                location.to_owned(),
                e["pd"].as_str().unwrap().to_owned(),
                tier,
                tier == "personal" && kinds(location) > 1,
            ));
        }
    }
    out
}

/// A rough check that a free text holds a value of the kind, so that a scan
/// has something to find there.
fn text_holds(pd: &str, text: &str) -> bool {
    let t: Vec<u8> = text.bytes().filter(|b| !matches!(b, b' ' | b'-')).collect();
    let run =
        |i: usize, n: usize, f: fn(&u8) -> bool| t.get(i..i + n).is_some_and(|s| s.iter().all(f));
    let digits = |i, n| run(i, n, u8::is_ascii_digit);
    let capitals = |i, n| run(i, n, u8::is_ascii_uppercase);
    (0..t.len()).any(|i| match pd {
        "pd:EmailAddress" => t[i] == b'@',
        "pd:TelephoneNumber" => {
            t[i..].starts_with(b"+31") || (t[i..].starts_with(b"06") && digits(i + 2, 8))
        }
        "pd:BankAccount" => t[i..].starts_with(b"NL") && digits(i + 2, 2) && capitals(i + 4, 4),
        "pd:PhysicalAddress" => digits(i, 4) && capitals(i + 4, 2),
        _ => true,
    })
}

/// The JSON pointers (with `*` for every array element) of the leaves of a
/// document; an array of scalars is one leaf.
fn json_leaves(v: &Value, at: String, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                json_leaves(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
            for item in items {
                json_leaves(item, format!("{at}/*"), out);
            }
        }
        _ => {
            out.insert(at);
        }
    }
}

/// The values at a pointer with `*` wildcards.
fn json_values<'a>(v: &'a Value, pointer: &str) -> Vec<&'a Value> {
    let mut current = vec![v];
    for token in pointer.split('/').skip(1) {
        let mut next = Vec::new();
        for c in current {
            match (token, c) {
                ("*", Value::Array(items)) => next.extend(items.iter()),
                (k, Value::Object(map)) => next.extend(map.get(k)),
                _ => {}
            }
        }
        current = next;
    }
    current
}

/// ISO 13616: the IBAN with its first four characters moved to the end,
/// letters as numbers (A = 10), is 1 modulo 97.
fn iban_valid(iban: &str) -> bool {
    let s: String = iban.chars().filter(|c| *c != ' ').collect();
    s.len() == 18
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s[4..].chars().chain(s[..4].chars()).fold(0u32, |rem, c| {
            let v = c.to_digit(36).unwrap();
            (rem * if v >= 10 { 100 } else { 10 } + v) % 97
        }) == 1
}
