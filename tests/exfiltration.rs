//! A hostile plugin (`tests/plugins/hostile-exfiltrate`) tries every channel
//! out of the sandbox that a findings file offers: encoded copies in log
//! lines, detectors, made-up kinds, error texts, panic messages, summary
//! counters, numbers, first lines of header-less CSV files, JSON keys that
//! are values, and request paths on an allowed host. None of what it read
//! may reach the findings file, nor the register and its history after
//! `ropa accept --all`, in any of the encodings it tried.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::{GitRegister, test_plugin};

/// The values in the scanned table's first column (the plugin reads the
/// first non-null one it is handed) and in the files.
const SECRETS: [&str; 3] = [
    "wilhelmina.vandersteen@voorbeeld.nl",
    "bartholomeus.quist@voorbeeld.nl",
    "gerritdina.haverkamp@voorbeeld.nl",
];

const SQL_MODES: [&str; 9] = [
    "log", "detector", "kind", "error", "panic", "summary", "numbers", "repeat", "escape",
];
const FILE_MODES: [&str; 2] = ["csv-first-line", "json-keys"];

fn hex(value: &str) -> String {
    value.bytes().map(|b| format!("{b:02x}")).collect()
}

fn base64(value: &str) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in value.as_bytes().chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Every form of every secret the plugin tries, each cut to a piece long
/// enough to be unmistakable: the whole value, its local part (the plugin
/// splits values in two), hex, base64 and reversed.
fn forms() -> Vec<String> {
    let mut forms = Vec::new();
    for secret in SECRETS {
        let local = secret.split('@').next().unwrap();
        let reversed: String = secret.chars().rev().collect();
        forms.extend([
            secret.to_owned(),
            local.to_owned(),
            hex(secret)[..24].to_owned(),
            base64(secret)[..16].to_owned(),
            reversed[..16].to_owned(),
        ]);
    }
    forms
}

#[track_caller]
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    for form in forms() {
        assert!(
            !text.contains(&form.to_lowercase()),
            "{what} carries {form:?}:\n{}",
            &text[..text.len().min(4000)]
        );
    }
}

/// A register whose systems each give the hostile plugin one mode: the
/// database modes on a SQLite file, the file modes on a folder, and the
/// request-path mode on the database plus a local HTTP server.
fn scene(port: u16) -> GitRegister {
    let git = GitRegister::new();
    let root = &git.root;
    std::fs::create_dir_all(root.join("data/files")).unwrap();
    let db = rusqlite::Connection::open(root.join("data/shop.sqlite")).unwrap();
    let mut columns = vec!["email TEXT".to_owned(), "naam TEXT".to_owned()];
    columns.extend((3..=12).map(|i| format!("c{i} TEXT")));
    db.execute_batch(&format!("CREATE TABLE klanten ({});", columns.join(", ")))
        .unwrap();
    for secret in SECRETS {
        db.execute(
            "INSERT INTO klanten (email, naam, c3) VALUES (?1, 'Jan', 'x')",
            [secret],
        )
        .unwrap();
    }
    drop(db);
    std::fs::write(
        root.join("data/files/people.csv"),
        format!("{},Jan\n{},Piet\n", SECRETS[0], SECRETS[1]),
    )
    .unwrap();
    std::fs::write(
        root.join("data/files/users.json"),
        format!(
            r#"{{"users": {{"{}": {{"naam": "Jan"}}, "{}": {{"naam": "Piet"}}}}}}"#,
            SECRETS[0], SECRETS[2]
        ),
    )
    .unwrap();
    let plugin = test_plugin("hostile-exfiltrate");
    let sql = json!({ "sql": { "engine": "sqlite", "path": "data/shop.sqlite" } });
    let files = json!({ "files": { "root": "data/files" } });
    let network = json!({
        "sql": { "engine": "sqlite", "path": "data/shop.sqlite" },
        "http": { "hosts": ["127.0.0.1"] },
        "data_and_network": true
    });
    let target = format!("http://127.0.0.1:{port}");
    let systems = SQL_MODES
        .iter()
        .map(|m| (*m, "database", &sql))
        .chain(FILE_MODES.iter().map(|m| (*m, "files", &files)))
        .chain([("http-path", "database", &network)]);
    for (mode, kind, grants) in systems {
        let system = json!({
            "$schema": "../../schemas/system.schema.json",
            "name": format!("Victim of {mode}"),
            "kind": kind,
            "countries": ["NL"],
            "scan": {
                "plugin": plugin,
                "grants": grants,
                "config": { "mode": mode, "target": target }
            },
            "inventory": []
        });
        std::fs::write(
            git.register().join(format!("systems/{mode}.json")),
            serde_json::to_string_pretty(&system).unwrap(),
        )
        .unwrap();
    }
    git
}

/// An HTTP server that answers every GET with a small JSON object and
/// remembers nothing.
fn serve() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let body = r#"{"email": "x"}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn system<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["system"] == id)
        .unwrap_or_else(|| panic!("no system {id}"))
}

fn findings(file: &Value, id: &str) -> Vec<Value> {
    system(file, id)["findings"].as_array().unwrap().clone()
}

#[test]
fn no_channel_of_a_findings_file_carries_what_a_plugin_read() {
    let git = scene(serve());
    // The S10 warning for the system granted data and network together.
    let validate = git.ropa(["validate", "--register", "register"]);
    validate.assert_code(0);
    assert!(validate.stdout.contains("S10"), "{validate}");
    git.ropa([
        "commit",
        "--register",
        "register",
        "-m",
        "Systems",
        "--author",
        "A DPO <dpo@example.org>",
    ])
    .assert_code(0);

    let scan = git.ropa(["scan", "--register", "register", "--format", "json"]);
    let file: Value = serde_json::from_str(&scan.stdout).unwrap_or_else(|e| panic!("{e}\n{scan}"));
    assert_clean("the JSON on stdout", scan.stdout.as_bytes());
    let saved = std::fs::read_dir(git.root.join(".ropa/scans/register"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(saved.len(), 1);
    assert_clean("the saved findings file", &saved[0]);

    // Each mode's honest finding went through, so the run was real; the
    // attempts beside it were refused or cut down.
    for mode in ["log", "detector", "kind", "summary", "repeat", "http-path"] {
        let found = findings(&file, mode);
        assert_eq!(found.len(), 1, "{mode}: {found:?}");
        assert_eq!(found[0]["location"], "klanten.naam", "{mode}");
        assert_eq!(found[0]["detector"], "email", "{mode}");
        assert_eq!(found[0]["category"], "pd:EmailAddress", "{mode}");
    }
    for mode in ["error", "panic", "escape"] {
        let error = &system(&file, mode)["error"];
        assert!(error.is_object(), "{mode} did not fail");
    }
    // No log, no plugin counters, no refusal texts in the file.
    for s in file["systems"].as_array().unwrap() {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        for key in &keys {
            assert!(
                ["system", "plugin", "kind", "summary", "error", "findings"].contains(key),
                "unexpected key {key} in {s}"
            );
        }
        if let Some(summary) = s.get("summary") {
            assert_eq!(
                summary["findings"].as_u64(),
                Some(s["findings"].as_array().unwrap().len() as u64)
            );
            assert!(summary.get("values_sampled").is_none(), "{summary}");
        }
    }
    // The summary counters the plugin claimed are not in the file.
    let claimed = u64::from_le_bytes(SECRETS[0].as_bytes()[..8].try_into().unwrap());
    assert!(!scan.stdout.contains(&claimed.to_string()), "{scan}");

    // Numbers: at most what the host handed out (three rows), confidence in
    // tenths; the byte-per-column findings of unsampled columns count 0.
    for s in file["systems"].as_array().unwrap() {
        for f in s["findings"].as_array().unwrap() {
            let sampled = f["sampled"].as_u64().unwrap();
            let confidence = f["confidence"].as_f64().unwrap();
            assert!(f["matches"].as_u64().unwrap() <= sampled, "{f}");
            if f["location"].as_str().unwrap().starts_with("klanten.") {
                assert!(sampled <= SECRETS.len() as u64, "{f}");
            }
            assert!(
                ((confidence * 10.0).round() - confidence * 10.0).abs() < 1e-4,
                "{f}"
            );
        }
    }
    let numbers = findings(&file, "numbers");
    assert!(!numbers.is_empty());
    assert!(
        numbers
            .iter()
            .filter(|f| f["location"] != "klanten.naam")
            .all(|f| f["sampled"] == 0),
        "{numbers:?}"
    );

    // Files: the column number of a header-less CSV, the pointer with `*`.
    let csv = findings(&file, "csv-first-line");
    assert_eq!(csv.len(), 1, "{csv:?}");
    assert_eq!(csv[0]["location"], "people.csv#1");
    let json = findings(&file, "json-keys");
    assert_eq!(json.len(), 1, "{json:?}");
    assert_eq!(json[0]["location"], "users.json#/users/*/naam");

    // The operator sees what the plugins said — made safe for a terminal.
    let text = git.ropa(["scan", "--register", "register", "--log"]);
    assert!(!text.stdout.contains('\u{1b}'), "{text}");
    assert!(!text.stderr.contains('\u{1b}'), "{text}");
    assert!(!text.stdout.contains('\u{202e}'), "{text}");
    assert!(text.stdout.contains("\\u{1b}[2K"), "{text}");
    // (The operator may see what the plugins logged: hex and all. It is
    // never saved.)
    assert!(text.stdout.contains("the plugin said:"), "{text}");

    // Accepting everything puts only what the host verified into the
    // register and its history.
    let accept = git.ropa([
        "accept",
        "--register",
        "register",
        "--all",
        "--author",
        "A DPO <dpo@example.org>",
    ]);
    assert!(accept.code == Some(0), "{accept}");
    assert_register_and_history_clean(&git.root);
    let inventory =
        std::fs::read_to_string(git.register().join("systems/csv-first-line.json")).unwrap();
    assert!(inventory.contains("people.csv#1"), "{inventory}");
}

fn assert_register_and_history_clean(root: &Path) {
    let repo = git2::Repository::open(root).unwrap();
    let odb = repo.odb().unwrap();
    let mut blobs = Vec::new();
    odb.foreach(|id| {
        blobs.push(*id);
        true
    })
    .unwrap();
    for id in blobs {
        let object = odb.read(id).unwrap();
        assert_clean(&format!("git object {id}"), object.data());
    }
}

/// What the host keeps of what it handed out (here: two million JSON keys
/// the plugin read and threw away) counts against the plugin's memory
/// limit, like the plugin's own memory.
#[test]
fn what_the_host_keeps_for_a_plugin_counts_against_its_memory_limit() {
    let git = GitRegister::new();
    let data = git.root.join("data/files");
    std::fs::create_dir_all(&data).unwrap();
    let keys: Vec<String> = (0..2_000_000)
        .map(|i| format!("\"key_{i:07}_abc\": {i}"))
        .collect();
    std::fs::write(data.join("keys.json"), format!("{{{}}}", keys.join(","))).unwrap();
    let entry = json!({
        "$schema": "../../schemas/system.schema.json",
        "name": "A share",
        "kind": "files",
        "countries": ["NL"],
        "scan": {
            "plugin": test_plugin("hostile-exfiltrate"),
            "grants": { "files": { "root": "data/files" } },
            "config": { "mode": "hoard" },
            "limits": { "memory_mib": 32, "time_seconds": 120, "cpu_seconds": 120 }
        },
        "inventory": []
    });
    std::fs::write(
        git.register().join("systems/share.json"),
        serde_json::to_string_pretty(&entry).unwrap(),
    )
    .unwrap();
    let scan = git.ropa(["scan", "--register", "register", "--format", "json"]);
    let file: Value = serde_json::from_str(&scan.stdout).unwrap_or_else(|e| panic!("{e}\n{scan}"));
    let error = &system(&file, "share")["error"];
    assert_eq!(error["kind"], "memory-limit", "{scan}");
    assert!(
        error["reason"]
            .as_str()
            .unwrap()
            .contains("make the host keep more state"),
        "{scan}"
    );
}
