//! `ropa plugin run`: a plugin tried on a directory, a SQLite file or a URL
//! without a register, granted that source alone, printing its findings,
//! log and refusals, and writing nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{Output, run, snapshot, snapshot_diff, test_plugin};

/// A directory with a CSV file and a SQLite database, nothing else.
fn sources() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::create_dir(root.join("data")).unwrap();
    std::fs::write(
        root.join("data/klanten.csv"),
        "naam,email\nAn,an@voorbeeld.nl\n",
    )
    .unwrap();
    let db = rusqlite::Connection::open(root.join("shop.sqlite")).unwrap();
    db.execute_batch(
        "CREATE TABLE klanten (naam TEXT, email TEXT);
         INSERT INTO klanten VALUES ('An de Vries', 'an@voorbeeld.nl');",
    )
    .unwrap();
    (dir, root)
}

/// Runs `ropa plugin run …` in `root` and checks that it wrote nothing there.
fn try_plugin(root: &Path, args: &[&str]) -> Output {
    let before = snapshot(root);
    let mut all = vec!["plugin", "run"];
    all.extend_from_slice(args);
    let out = run(root, all, &[]);
    assert!(!out.panicked(), "{out}");
    assert_eq!(
        snapshot_diff(&before, &snapshot(root)),
        None,
        "plugin run wrote files:\n{out}"
    );
    out
}

fn plugin(name: &str) -> String {
    test_plugin(name).display().to_string()
}

#[test]
fn a_plugin_is_tried_on_a_directory_and_nothing_is_saved() {
    let (_dir, root) = sources();
    let out = try_plugin(
        &root,
        &[
            &plugin("fixture-echo"),
            "--files",
            "data",
            "--config",
            r#"{"mode": "files"}"#,
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("granted: files, log"), "{out}");
    assert!(
        out.stdout.contains("klanten.csv#email") && out.stdout.contains("pd:EmailAddress"),
        "{out}"
    );
    assert!(!out.stdout.contains("an@voorbeeld.nl"), "{out}");
    assert!(!root.join(".ropa").exists());
}

#[test]
fn a_plugin_is_tried_on_a_sqlite_file_with_its_log_in_verbose() {
    let (_dir, root) = sources();
    let quiet = try_plugin(&root, &[&plugin("fixture-echo"), "--sqlite", "shop.sqlite"]);
    assert_eq!(quiet.code, Some(0), "{quiet}");
    assert!(quiet.stdout.contains("klanten.email"), "{quiet}");
    // Info lines only with -v, and what the run took.
    assert!(!quiet.stdout.contains("info: sampling table"), "{quiet}");
    let verbose = try_plugin(
        &root,
        &[&plugin("fixture-echo"), "--sqlite", "shop.sqlite", "-v"],
    );
    assert!(
        verbose.stdout.contains("info: sampling table klanten"),
        "{verbose}"
    );
    assert!(verbose.stdout.contains("s CPU; read 1 rows"), "{verbose}");
}

#[test]
fn json_output_holds_findings_log_and_refusals() {
    let (_dir, root) = sources();
    let out = try_plugin(
        &root,
        &[
            &plugin("hostile-ungranted"),
            "--sqlite",
            "shop.sqlite",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    let json: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{out}"));
    // Exactly what was named is granted: the plugin's calls of files and
    // http were answered not-granted, and it is told which and why.
    assert_eq!(json["granted"], serde_json::json!(["sql", "log"]), "{out}");
    let not_granted = json["not_granted"].as_str().unwrap();
    assert!(
        not_granted.contains("asked for files and http")
            && not_granted.contains("it grants: sql, log")
            && not_granted.contains("the plugin declared: sql, files, log")
            && not_granted.contains("did not declare http"),
        "{not_granted}"
    );
    // Its one finding names a table the host never listed: refused, and
    // counted apart from log lines.
    assert_eq!(json["refused"]["findings"], 1, "{out}");
    assert_eq!(json["refused"]["log_lines"], 0, "{out}");
    assert!(
        json["refused"]["first_finding"]
            .as_str()
            .unwrap()
            .contains("did not list"),
        "{out}"
    );
    assert_eq!(json["findings"], serde_json::json!([]), "{out}");
}

#[test]
fn a_crash_is_told_with_the_panic_and_its_place() {
    let (_dir, root) = sources();
    let out = try_plugin(&root, &[&plugin("hostile-panic"), "--files", "data"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stdout.contains("FAILED"), "{out}");
    assert!(
        out.stdout
            .contains("the plugin said: hostile plugin panicked on purpose (panicked at ")
            && out.stdout.contains("src/lib.rs:44:"),
        "{out}"
    );
}

#[test]
fn a_url_grants_http_and_a_plugin_of_another_kind_is_told_so() {
    let (_dir, root) = sources();
    // The bundled JSON scanner fetches the URL itself (nothing listens).
    let out = try_plugin(
        &root,
        &[
            "json-api-scanner",
            "--http",
            "http://127.0.0.1:9/api/contacts",
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("granted: http, log"), "{out}");
    assert!(
        out.stdout.contains("skipped endpoint /api/contacts"),
        "{out}"
    );
    // A plugin for databases and files, on a URL: both in the register's words.
    let out = try_plugin(
        &root,
        &[&plugin("fixture-echo"), "--http", "http://127.0.0.1:9/x"],
    );
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stdout
            .contains(r#"a "database" with scan.grants.sql.engine "sqlite""#)
            && out.stdout.contains(r#"but this system is "http-json""#),
        "{out}"
    );
}

#[test]
fn errors_name_the_source_or_the_file_and_what_to_do() {
    let (_dir, root) = sources();
    let out = try_plugin(&root, &[&plugin("fixture-echo"), "--files", "missing"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains("--files missing: no such directory"),
        "{out}"
    );
    let out = try_plugin(&root, &["nothing.wasm", "--files", "data"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains("nothing.wasm") && out.stderr.contains("give the path of a .wasm"),
        "{out}"
    );
    let out = try_plugin(
        &root,
        &[&plugin("fixture-echo"), "--http", "ftp://example.com/"],
    );
    assert_eq!(out.code, Some(2), "{out}");
    assert!(out.stderr.contains("--http ftp://example.com/"), "{out}");
    // Exactly one source.
    let out = try_plugin(&root, &[&plugin("fixture-echo")]);
    assert_eq!(out.code, Some(2), "{out}");
    let out = try_plugin(
        &root,
        &[
            &plugin("fixture-echo"),
            "--files",
            "data",
            "--sqlite",
            "shop.sqlite",
        ],
    );
    assert_eq!(out.code, Some(2), "{out}");
}

#[test]
fn refused_findings_and_withheld_log_lines_are_counted_apart() {
    let (_dir, root) = sources();
    let exfiltrate = plugin("hostile-exfiltrate");
    let refused = |mode: &str| {
        let config = format!(r#"{{"mode": "{mode}"}}"#);
        let out = try_plugin(
            &root,
            &[
                &exfiltrate,
                "--sqlite",
                "shop.sqlite",
                "--config",
                &config,
                "--format",
                "json",
            ],
        );
        let json: Value =
            serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{out}"));
        assert!(!out.stdout.contains("An de Vries"), "{out}");
        json["refused"].clone()
    };
    // A value in a log line: the line is withheld, no finding refused.
    let log = refused("log");
    assert!(log["log_lines"].as_u64().unwrap() >= 1, "{log}");
    assert_eq!(log["findings"], 0, "{log}");
    assert!(
        log["first_log_line"].as_str().unwrap().contains("log line"),
        "{log}"
    );
    // A made-up kind in a finding: the finding is refused, no log line.
    let kind = refused("kind");
    assert_eq!(kind["findings"], 1, "{kind}");
    assert_eq!(kind["log_lines"], 0, "{kind}");
    assert!(
        kind["first_finding"].as_str().unwrap().contains("category"),
        "{kind}"
    );
    // The text says which is which.
    let text = try_plugin(
        &root,
        &[
            &exfiltrate,
            "--sqlite",
            "shop.sqlite",
            "--config",
            r#"{"mode": "log"}"#,
        ],
    );
    assert!(
        text.stdout.contains("log lines withheld by the host"),
        "{text}"
    );
    assert!(!text.stdout.contains("findings refused"), "{text}");
}

#[test]
fn a_category_outside_the_vocabulary_is_refused_with_a_suggestion() {
    let (_dir, root) = sources();
    let out = try_plugin(
        &root,
        &[
            &plugin("fixture-echo"),
            "--sqlite",
            "shop.sqlite",
            "--config",
            r#"{"category": "pd:EmailAdress"}"#,
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stdout.contains("1 findings refused by the host")
            && out.stdout.contains("; did you mean pd:EmailAddress?"),
        "{out}"
    );
    // Nothing close: no guess.
    let out = try_plugin(
        &root,
        &[
            &plugin("fixture-echo"),
            "--sqlite",
            "shop.sqlite",
            "--config",
            r#"{"category": "xq:zzzz"}"#,
        ],
    );
    assert!(
        out.stdout.contains("1 findings refused by the host"),
        "{out}"
    );
    assert!(!out.stdout.contains("did you mean"), "{out}");
}
