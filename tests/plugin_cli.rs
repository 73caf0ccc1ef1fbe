//! `ropa plugin list | inspect | new`, and the compiled-component cache.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{run, test_plugin};

fn cache_env(dir: &Path) -> [(&'static str, &OsStr); 1] {
    [("ROPA_CACHE_DIR", dir.as_os_str())]
}

#[test]
fn list_shows_the_bundled_plugins() {
    let cache = tempfile::tempdir().unwrap();
    let out = run(
        cache.path(),
        ["plugin", "list", "--format", "json"],
        &cache_env(cache.path()),
    );
    out.assert_code(0);
    let list: Value = serde_json::from_str(&out.stdout).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["database-scanner", "file-scanner", "json-api-scanner"]
    );
    for plugin in list.as_array().unwrap() {
        assert_eq!(plugin["version"], env!("CARGO_PKG_VERSION"));
        assert!(!plugin["capabilities"].as_array().unwrap().is_empty());
    }
    let text = run(cache.path(), ["plugin", "list"], &cache_env(cache.path()));
    text.assert_code(0);
    assert!(text.stdout.contains("database-scanner 0.1.0"), "{text}");
    assert!(text.stdout.contains("capabilities: sql, log"), "{text}");
}

#[test]
fn inspect_shows_declarations_and_imports() {
    let cache = tempfile::tempdir().unwrap();
    let wasm = test_plugin("fixture-echo");
    let out = run(
        cache.path(),
        ["plugin", "inspect", wasm.to_str().unwrap()],
        &cache_env(cache.path()),
    );
    out.assert_code(0);
    for expected in [
        "fixture-echo 0.1.0",
        "capabilities: sql, files, log",
        "sample-rows (integer, default 10)",
        "ropa:scanner/sql@0.2.0",
        "ropa:scanner/findings@0.2.0",
        "ropa:scanner/plugin@0.2.0",
        "sha256:",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?}:\n{out}"
        );
    }
    let json = run(
        cache.path(),
        ["plugin", "inspect", "database-scanner", "--format", "json"],
        &cache_env(cache.path()),
    );
    json.assert_code(0);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["info"]["name"], "database-scanner");
    assert!(
        v["imports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i == "ropa:scanner/sql@0.2.0")
    );

    let bad = run(
        cache.path(),
        [
            "plugin",
            "inspect",
            test_plugin("hostile-futurecontract").to_str().unwrap(),
        ],
        &cache_env(cache.path()),
    );
    bad.assert_code(2);
    assert!(bad.stderr.contains("ropa:scanner@9.0.0"), "{bad}");
}

#[test]
fn a_compiled_component_is_cached_and_a_broken_entry_is_replaced() {
    let cache = tempfile::tempdir().unwrap();
    let wasm = test_plugin("fixture-echo");
    let inspect = || {
        run(
            cache.path(),
            ["plugin", "inspect", wasm.to_str().unwrap()],
            &cache_env(cache.path()),
        )
        .assert_code(0)
        .stdout
        .clone()
    };
    let entries = || -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(cache.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let first = inspect();
    let cached = entries();
    assert_eq!(cached.len(), 1, "one compiled component: {cached:?}");
    assert_eq!(cached[0].extension(), Some(OsStr::new("cwasm")));
    let modified = std::fs::metadata(&cached[0]).unwrap().modified().unwrap();
    assert_eq!(inspect(), first);
    assert_eq!(entries(), cached, "the second run reuses the entry");
    assert_eq!(
        std::fs::metadata(&cached[0]).unwrap().modified().unwrap(),
        modified,
        "and does not rewrite it"
    );
    // A corrupt entry is not trusted: compiled again and replaced.
    std::fs::write(&cached[0], b"garbage").unwrap();
    assert_eq!(inspect(), first);
    assert!(
        std::fs::read(&cached[0]).unwrap().len() > 1000,
        "the entry was replaced"
    );
}

#[test]
fn a_new_plugin_builds_on_its_own_and_scans() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), ["plugin", "new", "demo-scanner"], &[]);
    out.assert_code(0);
    let crate_dir = dir.path().join("demo-scanner");
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "wit/scanner.wit",
        "ropa-plugin-sdk/Cargo.toml",
        "README.md",
    ] {
        assert!(crate_dir.join(file).is_file(), "{file} is missing");
    }
    // Refuses to overwrite, and refuses a bad name.
    run(dir.path(), ["plugin", "new", "demo-scanner"], &[]).assert_code(2);
    run(dir.path(), ["plugin", "new", "Demo Scanner"], &[]).assert_code(2);

    // Built exactly as its README says, into the shared plugin target
    // directory so dependencies are not compiled again.
    let target = Path::new(ropa_scan::plugin::bundled::PLUGIN_TARGET_DIR);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip2",
            "--target-dir",
        ])
        .arg(target)
        .current_dir(&crate_dir)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "the new plugin does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let wasm = target.join("wasm32-wasip2/release/demo_scanner.wasm");

    // It scans a database and finds its e-mail column.
    let root = dir.path().join("scene");
    crate::util::copy_dir(&crate::util::base_dir(), &root.join("register"));
    std::fs::create_dir(root.join("data")).unwrap();
    let db = rusqlite::Connection::open(root.join("data/shop.sqlite")).unwrap();
    db.execute_batch(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, price NUMERIC);
         INSERT INTO customers (email, price) VALUES
           ('an@voorbeeld.nl', 10), ('bo@voorbeeld.nl', 12), ('cy@voorbeeld.nl', 9);",
    )
    .unwrap();
    drop(db);
    std::fs::write(
        root.join("register/systems/shop.json"),
        r#"{
  "$schema": "../../schemas/system.schema.json",
  "name": "Shop",
  "kind": "database",
  "countries": ["NL"],
  "scan": { "plugin": "database-scanner", "grants": { "sql": { "engine": "sqlite", "path": "data/shop.sqlite" } } },
  "inventory": []
}"#,
    )
    .unwrap();
    let scan = run(
        &root,
        [
            "scan",
            "--system",
            "shop",
            "--plugin",
            wasm.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    scan.assert_code(0);
    let v: Value = serde_json::from_str(&scan.stdout).unwrap();
    let system = &v["systems"][0];
    assert_eq!(system["plugin"]["name"], "demo-scanner");
    let findings: Vec<(&str, &str)> = system["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"].as_str().unwrap(),
                f["category"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(findings, [("customers.email", "pd:EmailAddress")], "{scan}");
}
