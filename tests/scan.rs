//! `ropa scan` on real systems: the ISMT example webshop and exports held
//! against their ground truth, values that never leave the sandbox, and
//! systems that are missing, locked, corrupt or hostile to parse.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::util::{base_dir, copy_dir, run, snapshot, snapshot_diff, workspace_root};

/// Runs `ropa scan --format json` on `register` with a private cache.
fn scan(cwd: &Path, register: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let cache = tempfile::tempdir().unwrap();
    let mut args = vec![
        "scan",
        "--register",
        register.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = run(cwd, &args, &[("ROPA_CACHE_DIR", cache.path().as_os_str())]);
    assert!(!out.panicked(), "{out}");
    let json = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    (out.code, json, out.to_string())
}

fn system<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["system"] == id)
        .unwrap_or_else(|| panic!("no system {id}"))
}

fn pairs(findings: &Value) -> BTreeSet<(String, String)> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"].as_str().unwrap().to_owned(),
                f["category"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Holds one system's findings against `example-systems/ground-truth.json`,
/// prints precision and recall, and requires both to be 1.0. `prefix` is
/// dropped from locations (PostgreSQL names the schema).
fn assert_matches_truth(id: &str, findings: &Value, prefix: &str) {
    let root = workspace_root();
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("example-systems/ground-truth.json")).unwrap(),
    )
    .unwrap();
    let expected = &truth["systems"][id];
    let tier = |name: &str| -> BTreeSet<(String, String)> {
        expected[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["location"].as_str().unwrap().to_owned(),
                    p["pd"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (personal, contextual) = (tier("personal"), tier("contextual"));
    let found: BTreeSet<(String, String)> = pairs(findings)
        .into_iter()
        .map(|(l, c)| (l.strip_prefix(prefix).unwrap_or(&l).to_owned(), c))
        .collect();
    let true_positives = found.intersection(&personal).count();
    let false_positives: Vec<_> = found
        .iter()
        .filter(|p| !personal.contains(*p) && !contextual.contains(*p))
        .collect();
    let missed: Vec<_> = personal.difference(&found).collect();
    let precision = true_positives as f64 / (true_positives + false_positives.len()) as f64;
    let recall = true_positives as f64 / personal.len() as f64;
    eprintln!(
        "{id}{}: {} findings, precision {precision:.3}, recall {recall:.3} ({} personal pairs)",
        if prefix.is_empty() {
            ""
        } else {
            " (PostgreSQL)"
        },
        found.len(),
        personal.len()
    );
    assert!(
        false_positives.is_empty(),
        "{id}: false positives {false_positives:?}"
    );
    assert!(missed.is_empty(), "{id}: missed {missed:?}");
}

#[test]
fn the_example_systems_are_found_with_precision_and_recall_one() {
    let root = workspace_root();
    let (code, json, text) = scan(&root, &root.join("register"), &[]);
    assert_eq!(code, Some(0), "{text}");
    for id in ["webshop", "exports"] {
        assert_matches_truth(id, &system(&json, id)["findings"], "");
    }
    assert_valid_findings_file(&json);
}

/// The output of `ropa scan --format json` against `schemas/findings.schema.json`.
fn assert_valid_findings_file(json: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_root().join("schemas/findings.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the findings schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the findings file breaks its schema: {errors:?}"
    );
}

#[test]
fn the_example_webshop_in_postgresql_is_found_the_same() {
    let Some(db) = crate::postgres_server::fresh_database("webshop") else {
        return;
    };
    let root = workspace_root();
    db.client()
        .batch_execute(&std::fs::read_to_string(root.join("example-systems/webshop.sql")).unwrap())
        .expect("webshop.sql loads into PostgreSQL");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("register"), &dir.path().join("register"));
    let entry = dir.path().join("register/systems/webshop.json");
    let mut system_file: Value =
        serde_json::from_str(&std::fs::read_to_string(&entry).unwrap()).unwrap();
    system_file["scan"]["grants"] = json!({
        "sql": { "engine": "postgresql", "url_env": "WEBSHOP_DATABASE_URL", "schemas": ["public"] }
    });
    std::fs::write(&entry, serde_json::to_string_pretty(&system_file).unwrap()).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    let out = run(
        dir.path(),
        [
            "scan",
            "--register",
            register.to_str().unwrap(),
            "--system",
            "webshop",
            "--format",
            "json",
        ],
        &[
            ("ROPA_CACHE_DIR", cache.path().as_os_str()),
            ("WEBSHOP_DATABASE_URL", OsStr::new(db.url())),
        ],
    );
    out.assert_code(0);
    assert!(
        !out.stdout.contains(db.url()),
        "the URL never reaches the output"
    );
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(system(&json, "webshop")["kind"], "postgresql");
    assert_matches_truth("webshop", &system(&json, "webshop")["findings"], "public.");

    // Without the variable: a clear error for that system, naming it.
    let out = run(
        dir.path(),
        [
            "scan",
            "--register",
            register.to_str().unwrap(),
            "--system",
            "webshop",
            "--format",
            "json",
        ],
        &[("ROPA_CACHE_DIR", cache.path().as_os_str())],
    );
    out.assert_code(2);
    assert!(
        out.stdout
            .contains("WEBSHOP_DATABASE_URL, which is not set"),
        "{out}"
    );
}

/// A register (copied from the test base) with a SQLite database of known
/// values under `data/`.
pub(crate) fn scene(values: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    copy_dir(&base_dir(), &root.join("register"));
    std::fs::create_dir(root.join("data")).unwrap();
    let db = rusqlite::Connection::open(root.join("data/crm.sqlite")).unwrap();
    db.execute_batch(
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY, full_name TEXT, email TEXT, phone TEXT, created_at TEXT);",
    )
    .unwrap();
    for (name, email, phone) in values {
        db.execute(
            "INSERT INTO contacts (full_name, email, phone, created_at) VALUES (?1, ?2, ?3, '2024-01-01')",
            [name, email, phone],
        )
        .unwrap();
    }
    drop(db);
    write_system(
        &root,
        "crm",
        json!({ "sql": { "engine": "sqlite", "path": "data/crm.sqlite" } }),
        "database-scanner",
        json!({}),
    );
    (dir, root)
}

fn write_system(root: &Path, id: &str, grants: Value, plugin: &str, config: Value) {
    let kind = if grants.get("sql").is_some() {
        "database"
    } else if grants.get("files").is_some() {
        "files"
    } else {
        "http-json"
    };
    let system = json!({
        "$schema": "../../schemas/system.schema.json",
        "name": id,
        "kind": kind,
        "countries": ["NL"],
        "scan": { "plugin": plugin, "grants": grants, "config": config, "limits": { "time_seconds": 10 } },
        "inventory": []
    });
    std::fs::write(
        root.join("register/systems").join(format!("{id}.json")),
        serde_json::to_string_pretty(&system).unwrap(),
    )
    .unwrap();
}

pub(crate) const KNOWN: [(&str, &str, &str); 3] = [
    (
        "Gerlinde Oosterwijk-Bakhuis",
        "gerlinde.oosterwijk@voorbeeld.nl",
        "06-48213975",
    ),
    (
        "Teunis van Rijckevorsel",
        "t.vanrijckevorsel@voorbeeld.nl",
        "+31 20 7364128",
    ),
    (
        "Machteld Zwanikken",
        "machteld@zwanikken.example",
        "010-2856341",
    ),
];

#[test]
fn no_value_leaves_the_sandbox() {
    let (_dir, root) = scene(&KNOWN);
    let register = root.join("register");
    // The register under git, as a DPO keeps it.
    let repo = git2::Repository::init(&root).unwrap();
    let findings_file = root.join("findings.json");
    let (code, json, text) = scan(&root, &register, &["-o", findings_file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let found = pairs(&system(&json, "crm")["findings"]);
    for expected in [
        ("contacts.email", "pd:EmailAddress"),
        ("contacts.full_name", "pd:Name"),
        ("contacts.phone", "pd:TelephoneNumber"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{text}"
        );
    }
    let commit = run(
        &root,
        [
            "commit",
            "--register",
            register.to_str().unwrap(),
            "-m",
            "After a scan",
            "--author",
            "DPO <dpo@voorbeeld.nl>",
        ],
        &[],
    );
    commit.assert_code(0);

    // Every place a value could have gone: the output, the findings file,
    // the register's files, every object in the repository.
    let mut haystacks: Vec<(String, Vec<u8>)> = vec![
        ("stdout".into(), text.clone().into_bytes()),
        (
            "findings file".into(),
            std::fs::read(&findings_file).unwrap(),
        ),
    ];
    for (path, entry) in snapshot(&register) {
        if let crate::util::Entry::File(bytes) = entry {
            haystacks.push((path.display().to_string(), bytes));
        }
    }
    let odb = repo.odb().unwrap();
    let mut objects = 0;
    odb.foreach(|oid| {
        let object = odb.read(*oid).unwrap();
        haystacks.push((format!("git object {oid}"), object.data().to_vec()));
        objects += 1;
        true
    })
    .unwrap();
    assert!(objects > 3, "the repository has the register's objects");
    for (name, email, phone) in KNOWN {
        for value in [name, email, phone] {
            for (place, bytes) in &haystacks {
                let hay = String::from_utf8_lossy(bytes).to_lowercase();
                assert!(
                    !hay.contains(&value.to_lowercase()),
                    "{value:?} found in {place}"
                );
            }
        }
    }
}

#[test]
fn broken_systems_fail_alone() {
    let (_dir, root) = scene(&KNOWN);
    let data = root.join("data");
    // A database file that is missing, one that is not a database, one that
    // another process holds locked.
    std::fs::write(
        data.join("corrupt.sqlite"),
        b"SQLite format 3\0 but then nonsense".repeat(100),
    )
    .unwrap();
    let locked_path = data.join("locked.sqlite");
    let locker = rusqlite::Connection::open(&locked_path).unwrap();
    locker
        .execute_batch("CREATE TABLE t (email TEXT); PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO t VALUES ('x');")
        .unwrap();
    // Files that are not what they claim, binary, and huge (sparse).
    let share = root.join("share");
    std::fs::create_dir(&share).unwrap();
    std::fs::write(
        share.join("broken.csv"),
        b"email,naam\n\"unterminated,x\n\xff\xfe\x00\x01",
    )
    .unwrap();
    std::fs::write(share.join("broken.json"), b"{\"contacts\": [{\"email\": ").unwrap();
    std::fs::write(
        share.join("photo.bin"),
        (0..=255u8).cycle().take(100_000).collect::<Vec<_>>(),
    )
    .unwrap();
    let huge = std::fs::File::create(share.join("huge.txt")).unwrap();
    huge.set_len(2 << 30).unwrap();
    drop(huge);
    std::fs::write(
        share.join("list.csv"),
        b"email,naam\nan@voorbeeld.nl,An\nbo@voorbeeld.nl,Bo\n",
    )
    .unwrap();

    for (id, path) in [
        ("missing", "data/missing.sqlite"),
        ("corrupt", "data/corrupt.sqlite"),
        ("locked", "data/locked.sqlite"),
    ] {
        write_system(
            &root,
            id,
            json!({ "sql": { "engine": "sqlite", "path": path } }),
            "database-scanner",
            json!({}),
        );
    }
    write_system(
        &root,
        "share",
        json!({ "files": { "root": "share" } }),
        "file-scanner",
        json!({}),
    );
    let before = snapshot(&root.join("register"));
    let started = std::time::Instant::now();
    let (code, json, text) = scan(&root, &root.join("register"), &[]);
    let took = started.elapsed();
    assert_eq!(code, Some(1), "some systems failed:\n{text}");
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    assert_eq!(
        snapshot_diff(&before, &snapshot(&root.join("register"))),
        None
    );
    for (id, words) in [
        ("missing", "not found"),
        ("corrupt", "not a SQLite database"),
        ("locked", "locked"),
    ] {
        let s = system(&json, id);
        let reason = s["error"]["reason"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} did not fail:\n{text}"));
        assert!(reason.contains(words), "{id}: {reason}");
        assert!(
            reason.contains(&format!("data/{id}.sqlite")),
            "names the file: {reason}"
        );
    }
    assert!(system(&json, "crm")["error"].is_null(), "{text}");
    let share_scan = system(&json, "share");
    assert!(share_scan["error"].is_null(), "{text}");
    let found = pairs(&share_scan["findings"]);
    assert!(
        found.contains(&("list.csv#email".to_owned(), "pd:EmailAddress".to_owned())),
        "{text}"
    );
    drop(locker);
}

#[test]
fn exit_codes_say_how_much_ran() {
    // Nothing to scan at all: 2.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&base_dir(), &dir.path().join("register"));
    let (code, _, text) = scan(dir.path(), &dir.path().join("register"), &[]);
    assert_eq!(code, Some(2), "{text}");
    // Every system fails: 2.
    let (_dir, root) = scene(&KNOWN);
    std::fs::remove_file(root.join("data/crm.sqlite")).unwrap();
    let (code, json, text) = scan(&root, &root.join("register"), &[]);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        system(&json, "crm")["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("not found")
    );
    // An unknown system named: 2, with its name.
    let out = run(
        &root,
        ["scan", "--register", "register", "--system", "nope"],
        &[("ROPA_CACHE_DIR", OsStr::new("/nonexistent"))],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("\"nope\""), "{out}");
    // A failed system is still a valid findings file.
    assert_valid_findings_file(&json);
}

/// A tiny HTTP server for the JSON-API scanner: one thread per connection,
/// a fixed answer per path. `/slow` sends its headers and then never ends.
fn serve_api() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let (status, kind, body) = match path.as_str() {
                    "/api/contacts" => (
                        "200 OK",
                        "application/json",
                        r#"{"items": [
                            {"id": 1, "name": "Gerlinde Oosterwijk", "email": "gerlinde@voorbeeld.nl", "phone": "06-48213975", "status": "active"},
                            {"id": 2, "name": "Teunis Rijckevorsel", "email": "teunis@voorbeeld.nl", "phone": "020-7364128", "status": "lead"},
                            {"id": 3, "name": "Machteld Zwanikken", "email": "machteld@voorbeeld.nl", "phone": "010-2856341", "status": "active"}
                        ]}"#,
                    ),
                    "/api/broken" => ("500 Internal Server Error", "text/plain", "boom"),
                    "/api/html" => (
                        "200 OK",
                        "text/html",
                        "<html><body>Log in first</body></html>",
                    ),
                    "/api/slow" => {
                        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"items\": [");
                        loop {
                            std::thread::sleep(std::time::Duration::from_millis(200));
                            if stream.write_all(b" ").is_err() {
                                return;
                            }
                        }
                    }
                    _ => ("404 Not Found", "text/plain", "no"),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    port
}

#[test]
fn json_apis_are_scanned_and_bad_endpoints_fail_alone() {
    let port = serve_api();
    let (_dir, root) = scene(&KNOWN);
    let host = format!("127.0.0.1:{port}");
    let base = format!("http://{host}");
    write_system(
        &root,
        "crm-api",
        json!({ "http": { "hosts": [host] } }),
        "json-api-scanner",
        json!({ "base-url": base, "endpoints": ["/api/contacts", "/api/broken", "/api/html"] }),
    );
    write_system(
        &root,
        "hanging-api",
        json!({ "http": { "hosts": [host] } }),
        "json-api-scanner",
        json!({ "base-url": base, "endpoints": ["/api/slow"] }),
    );
    // The hanging API gets a short limit of its own.
    let entry = root.join("register/systems/hanging-api.json");
    let mut hanging: Value =
        serde_json::from_str(&std::fs::read_to_string(&entry).unwrap()).unwrap();
    hanging["scan"]["limits"] = json!({ "time_seconds": 3 });
    std::fs::write(&entry, serde_json::to_string_pretty(&hanging).unwrap()).unwrap();

    let before = snapshot(&root.join("register"));
    let started = std::time::Instant::now();
    let (code, json, text) = scan(&root, &root.join("register"), &["--log"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3 + 5),
        "{text}"
    );
    assert_eq!(
        snapshot_diff(&before, &snapshot(&root.join("register"))),
        None
    );

    let crm = system(&json, "crm-api");
    assert!(crm["error"].is_null(), "{text}");
    let found = pairs(&crm["findings"]);
    for expected in [
        ("/api/contacts#/items/*/email", "pd:EmailAddress"),
        ("/api/contacts#/items/*/name", "pd:Name"),
        ("/api/contacts#/items/*/phone", "pd:TelephoneNumber"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} missing:\n{text}"
        );
    }
    assert!(
        found.iter().all(|(l, _)| l.starts_with("/api/contacts")),
        "{text}"
    );
    // The plugin's own account of what it skipped is shown, never saved.
    assert!(
        text.contains("skipped endpoint /api/broken"),
        "the 500 is skipped:\n{text}"
    );
    assert!(crm["summary"].get("locations_skipped").is_none(), "{text}");

    // The endless body is cut at the system's time limit: either the
    // connector's deadline answers first (the plugin stops early and says
    // so) or the run's timer does (the system fails).
    let hanging = system(&json, "hanging-api");
    if hanging["error"].is_null() {
        assert_eq!(hanging["summary"]["truncated"], true, "{text}");
        assert!(text.contains("/api/slow"), "{text}");
        assert_eq!(code, Some(0), "{text}");
    } else {
        assert_eq!(hanging["error"]["kind"], "time-limit", "{text}");
        assert_eq!(code, Some(1), "{text}");
    }
    assert!(system(&json, "crm")["error"].is_null(), "{text}");
    for value in [
        "Gerlinde Oosterwijk",
        "gerlinde@voorbeeld.nl",
        "06-48213975",
    ] {
        assert!(!text.contains(value), "{value} leaked:\n{text}");
    }
}

/// `ropa scan -v` in text: each system's log (debug lines too), what it
/// took, a crash with its panic's place, and what the host refused, findings
/// and log lines apart — none of it saved.
#[test]
fn verbose_text_tells_the_log_the_crash_and_the_refusals() {
    let plugin = |name: &str| crate::util::test_plugin(name).display().to_string();
    let (_dir, root) = scene(&[("An de Vries", "an@voorbeeld.nl", "0612345678")]);
    // hostile-exfiltrate reads the first column: a name, here.
    let db = rusqlite::Connection::open(root.join("data/names.sqlite")).unwrap();
    db.execute_batch(
        "CREATE TABLE people (naam TEXT, email TEXT);
         INSERT INTO people VALUES ('Wilhelmina Vandersteen', 'w.vandersteen@voorbeeld.nl');",
    )
    .unwrap();
    drop(db);
    let sql = |file: &str| json!({ "sql": { "engine": "sqlite", "path": format!("data/{file}") } });
    write_system(
        &root,
        "crash",
        sql("crm.sqlite"),
        &plugin("hostile-panic"),
        json!({}),
    );
    write_system(
        &root,
        "leaky",
        sql("names.sqlite"),
        &plugin("hostile-exfiltrate"),
        json!({ "mode": "log" }),
    );
    write_system(
        &root,
        "madeup",
        sql("names.sqlite"),
        &plugin("hostile-exfiltrate"),
        json!({ "mode": "kind" }),
    );
    let register = root.join("register");
    let args = |verbose: bool| {
        let mut args = vec!["scan", "--register", register.to_str().unwrap()];
        if verbose {
            args.push("-v");
        }
        args
    };
    let quiet = run(&root, args(false), &[]);
    let out = run(&root, args(true), &[]);
    assert!(!out.panicked(), "{out}");
    assert_eq!(out.code, Some(1), "one system crashed:\n{out}");
    let text = &out.stdout;
    // Each system's part: its head line and the indented lines after it.
    let section = |id: &str| -> String {
        let mut lines = text
            .lines()
            .skip_while(|l| !l.starts_with(&format!("{id} (")));
        let head = lines.next().unwrap_or_else(|| panic!("no {id}:\n{out}"));
        std::iter::once(head)
            .chain(lines.take_while(|l| l.starts_with(' ')))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The log, debug lines included only with -v, and what each run took.
    assert!(section("crm").contains("debug: contacts:"), "{out}");
    assert!(!quiet.stdout.contains("debug: contacts:"), "{quiet}");
    assert!(
        section("crm").contains("s wall-clock,") && text.contains("s CPU; read"),
        "{out}"
    );
    // The crash: the panic's message and where it panicked.
    let crash = section("crash");
    assert!(
        crash.contains("the plugin said: hostile plugin panicked on purpose (panicked at ")
            && crash.contains("src/lib.rs:"),
        "{crash}"
    );
    // Refusals, counted apart, each with its first reason.
    let leaky = section("leaky");
    assert!(
        leaky.contains("log lines withheld by the host; the first because"),
        "{leaky}"
    );
    assert!(!leaky.contains("findings refused"), "{leaky}");
    let madeup = section("madeup");
    assert!(
        madeup.contains("1 findings refused by the host; the first because the category"),
        "{madeup}"
    );
    assert!(!madeup.contains("log lines withheld"), "{madeup}");
    for value in ["Wilhelmina Vandersteen", "an@voorbeeld.nl", "0612345678"] {
        assert!(!text.contains(value), "{value} reached the output:\n{out}");
    }
}

/// A view is reported as a view of the table it reads (the database says
/// which; the plugin has no say), and `ropa gaps` does not count it as a
/// second place holding the data.
#[test]
fn a_view_is_reported_with_the_table_it_reads_and_is_no_second_place() {
    let (_dir, root) = scene(&KNOWN);
    let register = root.join("register");
    rusqlite::Connection::open(root.join("data/crm.sqlite"))
        .unwrap()
        .execute_batch("CREATE VIEW mailing AS SELECT full_name, email FROM contacts WHERE id > 0;")
        .unwrap();
    let (code, json, text) = scan(&root, &register, &[]);
    assert_eq!(code, Some(0), "{text}");
    let findings = system(&json, "crm")["findings"].as_array().unwrap().clone();
    let view_of = |location: &str| -> Value {
        findings
            .iter()
            .find(|f| f["location"] == location)
            .unwrap_or_else(|| panic!("no finding at {location}: {text}"))
            .get("view_of")
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(view_of("mailing.email"), json!(["contacts"]));
    assert_eq!(view_of("mailing.full_name"), json!(["contacts"]));
    assert_eq!(view_of("contacts.email"), Value::Null, "a table is no view");

    let out = run(
        &root,
        ["scan", "--register", register.to_str().unwrap()],
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains("mailing.email") && l.contains("(a view of contacts)")),
        "{out}"
    );

    let gaps = run(
        &root,
        [
            "gaps",
            "--register",
            register.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    let report: Value = serde_json::from_str(&gaps.stdout).unwrap_or_else(|_| panic!("{gaps}"));
    let text = report.to_string();
    assert!(
        text.contains("contacts.email"),
        "the table's data is a gap: {text}"
    );
    assert!(
        !text.contains("mailing."),
        "the view is no second place: {text}"
    );
}
