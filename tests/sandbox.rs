//! The plugin sandbox against hostile plugins (`tests/plugins/hostile-*`):
//! each misbehaves in one way, next to a well-behaved plugin scanning
//! another system in the same `ropa scan`. For each: ropa survives, the
//! error names the system, the plugin and the reason, the other system is
//! scanned, nothing is written to the register, no seeded value appears in
//! the output, and the refusal comes within the limit plus a margin.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::{base_dir, copy_dir, run, snapshot, snapshot_diff, test_plugin};

/// Hostile components written in WebAssembly text by the tests: many
/// memories, big tables, slow to compile, too large.
mod components;

/// Values seeded into the scanned database; none may ever appear in output.
const SEEDED: [&str; 4] = [
    "Wilhelmina Vandersteen",
    "wilhelmina.vandersteen@voorbeeld.nl",
    "Bartholomeus Quist",
    "bartholomeus.quist@voorbeeld.nl",
];

/// Generous: the machine may be busy building.
const MARGIN: Duration = Duration::from_secs(3);

struct Scene {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Scene {
    /// A register with two systems on one SQLite database: `victim`, scanned
    /// by `plugin` under tight limits, and `good`, scanned by fixture-echo.
    fn new(plugin: &Path, victim_grants: Value, limits: Value) -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        copy_dir(&base_dir(), &root.join("register"));
        std::fs::create_dir(root.join("data")).unwrap();
        let db = rusqlite::Connection::open(root.join("data/shop.sqlite")).unwrap();
        db.execute_batch("CREATE TABLE customers (naam TEXT, email TEXT, id INTEGER PRIMARY KEY);")
            .unwrap();
        for pair in SEEDED.chunks(2) {
            db.execute(
                "INSERT INTO customers (naam, email) VALUES (?1, ?2)",
                [pair[0], pair[1]],
            )
            .unwrap();
        }
        drop(db);
        let system = |plugin: &Path, grants: &Value, config: Value, limits: &Value| {
            let kind = if grants.get("sql").is_some() {
                "database"
            } else {
                "files"
            };
            json!({
                "$schema": "../../schemas/system.schema.json",
                "name": "A system",
                "kind": kind,
                "countries": ["NL"],
                "scan": { "plugin": plugin, "grants": grants, "config": config, "limits": limits },
                "inventory": []
            })
        };
        let sql = json!({ "sql": { "engine": "sqlite", "path": "data/shop.sqlite" } });
        let write = |name: &str, value: Value| {
            std::fs::write(
                root.join("register/systems").join(name),
                serde_json::to_string_pretty(&value).unwrap(),
            )
            .unwrap();
        };
        write(
            "victim.json",
            system(plugin, &victim_grants, json!({}), &limits),
        );
        write(
            "good.json",
            system(
                &test_plugin("fixture-echo"),
                &sql,
                json!({ "mode": "sql" }),
                &json!({}),
            ),
        );
        Scene { _dir: dir, root }
    }

    fn register(&self) -> PathBuf {
        self.root.join("register")
    }
}

struct Outcome {
    code: Option<i32>,
    json: Value,
    text: String,
    took: Duration,
}

impl Outcome {
    fn system(&self, id: &str) -> &Value {
        self.json["systems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["system"] == id)
            .unwrap_or_else(|| panic!("no system {id} in {}", self.text))
    }

    fn victim_error(&self) -> (String, String) {
        let error = &self.system("victim")["error"];
        assert!(error.is_object(), "the victim did not fail:\n{}", self.text);
        (
            error["kind"].as_str().unwrap().to_owned(),
            error["reason"].as_str().unwrap().to_owned(),
        )
    }
}

fn scan(scene: &Scene) -> Outcome {
    scan_with_env(scene, &[])
}

/// [`scan`] with more environment variables for `ropa`.
fn scan_with_env(scene: &Scene, env: &[(&str, &std::ffi::OsStr)]) -> Outcome {
    let register = scene.register();
    let before = snapshot(&scene.root);
    let started = Instant::now();
    let out = run(
        &scene.root,
        [
            "scan",
            "--register",
            register.to_str().unwrap(),
            "--format",
            "json",
        ],
        env,
    );
    let took = started.elapsed();
    assert!(!out.panicked(), "ropa panicked:\n{out}");
    // The one thing a scan writes is its findings file, beside the register.
    let written = snapshot_diff(&before, &snapshot(&scene.root)).unwrap_or_default();
    let unexpected: Vec<&str> = written
        .lines()
        .filter(|l| !l.starts_with("added: .ropa"))
        .collect();
    assert!(
        unexpected.is_empty(),
        "the scan wrote files: {unexpected:?}"
    );
    for value in SEEDED {
        assert!(
            !out.stdout.contains(value) && !out.stderr.contains(value),
            "a seeded value reached the output:\n{out}"
        );
    }
    let json: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("the output is not JSON ({e}):\n{out}"));
    let outcome = Outcome {
        code: out.code,
        json,
        text: out.to_string(),
        took,
    };
    // The well-behaved system is scanned whatever the victim does.
    let good = outcome.system("good");
    assert!(
        good["error"].is_null(),
        "the good system failed:\n{}",
        outcome.text
    );
    assert!(
        good["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["location"] == "customers.email"),
        "the good system's finding is missing:\n{}",
        outcome.text
    );
    outcome
}

fn sql_grant() -> Value {
    json!({ "sql": { "engine": "sqlite", "path": "data/shop.sqlite" } })
}

fn tight() -> Value {
    json!({ "time_seconds": 4, "cpu_seconds": 2, "memory_mib": 64 })
}

/// Scans with `plugin` as the victim and checks the common promises; returns
/// the victim's error kind and reason.
fn refused(plugin: &str, grants: Value, limits: Value) -> (String, String, Outcome) {
    let scene = Scene::new(&test_plugin(plugin), grants, limits);
    let outcome = scan(&scene);
    assert_eq!(
        outcome.code,
        Some(1),
        "some failed → exit 1:\n{}",
        outcome.text
    );
    let (kind, reason) = outcome.victim_error();
    let victim = outcome.system("victim");
    if kind != "plugin" {
        assert_eq!(
            victim["plugin"]["name"], plugin,
            "the error names the plugin"
        );
    } else {
        // Not loaded: the reason names it by its file.
        let file = format!("{}.wasm", plugin.replace('-', "_"));
        assert!(
            reason.contains(&file),
            "the error names the plugin: {reason}"
        );
    }
    (kind, reason, outcome)
}

#[test]
fn an_endless_loop_is_stopped_by_the_cpu_limit() {
    let (kind, reason, outcome) = refused("hostile-loop", sql_grant(), tight());
    assert_eq!(kind, "cpu-limit", "{reason}");
    assert!(reason.contains("CPU limit of 2 s"), "{reason}");
    assert!(
        outcome.took < Duration::from_secs(2) + MARGIN,
        "took {:?}",
        outcome.took
    );
}

#[test]
fn unbounded_memory_growth_is_stopped_by_the_memory_limit() {
    let (kind, reason, _) = refused("hostile-memory", sql_grant(), tight());
    assert_eq!(kind, "memory-limit", "{reason}");
    assert!(reason.contains("64 MiB"), "{reason}");
}

#[test]
fn runaway_recursion_traps() {
    let (kind, reason, _) = refused("hostile-recursion", sql_grant(), tight());
    assert_eq!(kind, "trap", "{reason}");
}

#[test]
fn a_panic_is_reported_with_its_message() {
    let (kind, reason, outcome) = refused("hostile-panic", sql_grant(), tight());
    assert_eq!(kind, "trap", "{reason}");
    // The message is the plugin's own words: shown, never saved.
    assert!(!reason.contains("on purpose"), "{reason}");
    assert!(
        outcome
            .text
            .contains("the plugin said: panicked at src/lib.rs")
            || outcome.text.contains("hostile plugin panicked on purpose"),
        "{}",
        outcome.text
    );
}

#[test]
fn the_host_file_system_is_invisible() {
    let (kind, reason, outcome) = refused("hostile-passwd", sql_grant(), tight());
    assert_eq!(kind, "plugin-error", "{reason}");
    assert!(outcome.text.contains("No such file"), "{}", outcome.text);
    assert!(
        outcome.system("victim")["findings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!outcome.text.contains("root:"), "{}", outcome.text);
}

#[test]
fn sockets_cannot_be_opened() {
    let (kind, reason, outcome) = refused("hostile-socket", sql_grant(), tight());
    assert_eq!(kind, "plugin-error", "{reason}");
    assert!(!outcome.text.contains("socket-opened"), "{}", outcome.text);
}

#[test]
fn the_environment_is_empty() {
    let (kind, reason, outcome) = refused("hostile-env", sql_grant(), tight());
    assert_eq!(kind, "plugin-error", "{reason}");
    assert!(outcome.text.contains("no environment"), "{}", outcome.text);
    assert!(!outcome.text.contains("env-leak"), "{}", outcome.text);
}

#[test]
fn ungranted_capabilities_answer_not_granted() {
    let (kind, reason, outcome) = refused("hostile-ungranted", json!({}), tight());
    assert_eq!(kind, "plugin-error", "{reason}");
    assert_eq!(
        outcome.text.matches("NotGranted").count(),
        3,
        "{}",
        outcome.text
    );
}

#[test]
fn a_flood_of_findings_is_capped_and_stopped() {
    let limits =
        json!({ "time_seconds": 20, "cpu_seconds": 20, "memory_mib": 64, "findings": 100 });
    let (kind, reason, outcome) = refused("hostile-findings", sql_grant(), limits);
    assert_eq!(kind, "limit", "{reason}");
    assert!(reason.contains("report findings"), "{reason}");
    let findings = outcome.system("victim")["findings"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(findings, 100, "the first 100 findings are kept");
}

#[test]
fn a_hundred_megabyte_string_never_reaches_the_host() {
    let (kind, reason, outcome) = refused("hostile-bigstring", sql_grant(), tight());
    assert!(
        ["memory-limit", "trap"].contains(&kind.as_str()),
        "{kind}: {reason}"
    );
    assert!(
        outcome.text.len() < 100_000,
        "the output is {} bytes",
        outcome.text.len()
    );
}

#[test]
fn a_hundred_megabyte_description_fails_loading() {
    let (kind, reason, _) = refused("hostile-bigdescribe", sql_grant(), tight());
    assert_eq!(kind, "plugin", "{reason}");
    assert!(reason.contains("describe"), "{reason}");
}

#[test]
fn a_finding_carrying_a_sampled_value_is_refused() {
    let scene = Scene::new(&test_plugin("hostile-smuggle"), sql_grant(), tight());
    let outcome = scan(&scene);
    let victim = outcome.system("victim");
    assert!(
        victim["findings"].as_array().unwrap().is_empty(),
        "{}",
        outcome.text
    );
    // The refusals are told to the operator, not saved.
    assert!(victim.get("refused").is_none(), "{}", outcome.text);
    assert!(
        outcome
            .text
            .contains("3 findings refused by the host; the first because the detector is not one of those the plugin declared"),
        "{}",
        outcome.text
    );
}

#[test]
fn a_plugin_blocked_in_a_host_call_is_stopped_by_the_wall_clock() {
    let limits = json!({ "time_seconds": 2, "cpu_seconds": 2 });
    let (kind, reason, outcome) = refused("hostile-sleep", sql_grant(), limits);
    assert_eq!(kind, "time-limit", "{reason}");
    assert!(
        outcome.took < Duration::from_secs(2) + MARGIN,
        "took {:?}",
        outcome.took
    );
}

#[test]
fn contracts_of_other_versions_are_refused_by_name() {
    for (plugin, version) in [
        ("hostile-oldcontract", "ropa:scanner@0.0.1"),
        ("hostile-futurecontract", "ropa:scanner@9.0.0"),
    ] {
        let (kind, reason, _) = refused(plugin, sql_grant(), tight());
        assert_eq!(kind, "plugin", "{reason}");
        assert!(reason.contains(version), "{reason}");
        assert!(reason.contains("ropa:scanner@0.2.0"), "{reason}");
    }
}

#[test]
fn a_malformed_component_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("garbage.wasm", b"this is not webassembly".to_vec()),
        (
            "truncated.wasm",
            std::fs::read(test_plugin("fixture-echo")).unwrap()[..500].to_vec(),
        ),
        ("core.wasm", b"\0asm\x01\0\0\0".to_vec()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let scene = Scene::new(&path, sql_grant(), tight());
        let outcome = scan(&scene);
        let (kind, reason) = outcome.victim_error();
        assert_eq!(kind, "plugin", "{reason}");
        assert!(reason.contains(name), "names the plugin: {reason}");
        assert!(
            reason.contains("not a WebAssembly component")
                || reason.contains("core WebAssembly module"),
            "{reason}"
        );
    }
}
