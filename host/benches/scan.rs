//! How long `ropa scan` takes, and that sampling keeps it flat.
//!
//! - The whole scan of the example register (`register/`: the webshop
//!   database and the exports folder with the bundled plugins), cold (an
//!   empty component cache: every plugin compiled) and warm (median of 5).
//! - One SQLite table of 10 thousand, 1 million and 10 million rows
//!   (customers with name, e-mail, phone, city), scanned by the database
//!   scanner: wall-clock time and peak RSS of the real binary, which should
//!   stay nearly the same across sizes.
//! - Many findings: 1, 10 and 104 systems of 9,600 findings each (one
//!   SQLite file of 2,400 tables with four personal columns; 104 systems
//!   make 998,400 findings), scanned with `--format json -o FILE`: peak RSS,
//!   which should not grow with the findings (target < 150 MB at a
//!   million: they wait in a temporary file, and every destination reads
//!   them from there one at a time).
//!
//! Run with `cargo bench -p ropa --bench scan`. Not a test: it reports. The
//! 10-million-row database takes about a minute and ~600 MB of disk to make;
//! the million findings some minutes to scan and ~220 MB of disk for each of
//! the findings files (saved, `-o`, standard output).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ropa");

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");

    let register = root.join("register");
    let cold = time_scan(root, &register, &cache, &[]);
    let warm: Vec<Duration> = (0..5)
        .map(|_| time_scan(root, &register, &cache, &[]))
        .collect();
    println!("ropa scan of the example register (2 systems, bundled plugins):");
    println!("  cold (empty component cache): {:>7.1} ms", ms(cold));
    println!(
        "  warm (median of 5):           {:>7.1} ms",
        ms(median(warm))
    );

    println!("\none SQLite table, database scanner (sample-rows 200):");
    println!(
        "  {:>12}  {:>10}  {:>10}  {:>12}",
        "rows", "db MiB", "scan ms", "peak RSS MiB"
    );
    for rows in [10_000u64, 1_000_000, 10_000_000] {
        let scene = tmp.path().join(format!("t{rows}"));
        make_scene(&scene, rows);
        let reg = scene.join("register");
        let _ = time_scan(&scene, &reg, &cache, &[]); // warm the cache and the page cache
        let runs: Vec<Duration> = (0..3)
            .map(|_| time_scan(&scene, &reg, &cache, &[]))
            .collect();
        let size = std::fs::metadata(scene.join("data/big.sqlite"))
            .unwrap()
            .len();
        let rss = peak_rss_kib(&scene, &reg, &cache, &[])
            .map_or_else(|| "n/a".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0));
        println!(
            "  {rows:>12}  {:>10.1}  {:>10.1}  {rss:>12}",
            size as f64 / (1 << 20) as f64,
            ms(median(runs))
        );
    }

    many_findings(tmp.path(), &cache);
}

/// The scan of `systems` systems of 9,600 findings each: peak RSS.
fn many_findings(dir: &Path, cache: &Path) {
    println!(
        "\nmany findings, database scanner, --format json -o FILE (target < 150 MB at a million):"
    );
    println!(
        "  {:>8}  {:>10}  {:>12}  {:>10}",
        "systems", "findings", "peak RSS MiB", "scan s"
    );
    let scene = dir.join("many");
    make_many_scene(&scene);
    for systems in [1usize, 10, 104] {
        let reg = scene.join("register");
        for n in 0..systems {
            std::fs::write(
                reg.join(format!("systems/many-{n:03}.json")),
                r#"{ "$schema": "../../schemas/system.schema.json", "name": "Many", "kind": "database", "countries": ["NL"],
  "scan": { "plugin": "database-scanner", "grants": { "sql": { "engine": "sqlite", "path": "data/many.sqlite" } },
            "config": {}, "limits": { "time_seconds": 3600, "cpu_seconds": 3600 } },
  "inventory": [] }"#,
            )
            .unwrap();
        }
        let output = scene.join("findings.json");
        let started = Instant::now();
        let rss = peak_rss_kib(
            &scene,
            &reg,
            cache,
            &[
                "--format",
                "json",
                "-o",
                output.to_str().unwrap(),
                "--keep-scans",
                "1",
            ],
        )
        .map_or_else(|| "n/a".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0));
        let took = started.elapsed();
        let findings =
            std::fs::read_to_string(&output).map_or(0, |text| text.matches("\"location\"").count());
        println!(
            "  {systems:>8}  {findings:>10}  {rss:>12}  {:>10.1}",
            took.as_secs_f64()
        );
    }
}

/// The base register without its systems, and `data/many.sqlite`: 2,400
/// tables of three customers each, four of whose columns are personal.
fn make_many_scene(dir: &Path) {
    make_scene(dir, 0);
    std::fs::remove_file(dir.join("register/systems/big.json")).unwrap();
    let mut db = rusqlite::Connection::open(dir.join("data/many.sqlite")).unwrap();
    let tx = db.transaction().unwrap();
    for t in 0..2_400 {
        tx.execute_batch(&format!(
            "CREATE TABLE klanten_{t:05} (id INTEGER PRIMARY KEY, email TEXT, telefoon TEXT, naam TEXT, woonplaats TEXT);
             INSERT INTO klanten_{t:05} (email, telefoon, naam, woonplaats) VALUES
               ('klant0@voorbeeld.nl', '06-00000000', 'Klant 0', 'Utrecht'),
               ('klant1@voorbeeld.nl', '06-00000001', 'Klant 1', 'Zwolle'),
               ('klant2@voorbeeld.nl', '06-00000002', 'Klant 2', 'Delft');"
        ))
        .unwrap();
    }
    tx.commit().unwrap();
}

fn make_scene(dir: &Path, rows: u64) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::create_dir_all(dir.join("register/systems")).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/base");
    for file in [
        "organisation.json",
        "categories.json",
        "subjects.json",
        "recipients.json",
    ] {
        std::fs::copy(base.join(file), dir.join("register").join(file)).unwrap();
    }
    std::fs::create_dir_all(dir.join("register/activities")).unwrap();
    for file in ["newsletter.json", "order-handling.json"] {
        std::fs::copy(
            base.join("activities").join(file),
            dir.join("register/activities").join(file),
        )
        .unwrap();
    }
    std::fs::copy(
        base.join("systems/webshop.json"),
        dir.join("register/systems/webshop.json"),
    )
    .unwrap();
    std::fs::write(
        dir.join("register/systems/big.json"),
        r#"{ "$schema": "../../schemas/system.schema.json", "name": "Big", "kind": "database", "countries": ["NL"],
  "scan": { "plugin": "database-scanner", "grants": { "sql": { "engine": "sqlite", "path": "data/big.sqlite" } },
            "config": { "sample-rows": 200 }, "limits": { "time_seconds": 600 } },
  "inventory": [] }"#,
    )
    .unwrap();
    let mut db = rusqlite::Connection::open(dir.join("data/big.sqlite")).unwrap();
    db.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         CREATE TABLE customers (id INTEGER PRIMARY KEY, naam TEXT, email TEXT, telefoon TEXT, woonplaats TEXT, created_at TEXT);",
    )
    .unwrap();
    let tx = db.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO customers (naam, email, telefoon, woonplaats, created_at) VALUES (?1, ?2, ?3, ?4, '2024-01-01')")
            .unwrap();
        const CITIES: [&str; 4] = ["Utrecht", "Zwolle", "Delft", "Breda"];
        for i in 0..rows {
            insert
                .execute(rusqlite::params![
                    format!("Klant {i}"),
                    format!("klant{i}@voorbeeld.nl"),
                    format!("06-{:08}", i % 100_000_000),
                    CITIES[(i % 4) as usize],
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn time_scan(cwd: &Path, register: &Path, cache: &Path, extra: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(BIN)
        .args(["scan", "--register"])
        .arg(register)
        .args(extra)
        .current_dir(cwd)
        .env("ROPA_CACHE_DIR", cache)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ropa scan failed in {}", cwd.display());
    started.elapsed()
}

fn peak_rss_kib(cwd: &Path, register: &Path, cache: &Path, extra: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let output = Command::new(time)
        .arg("-v")
        .arg(BIN)
        .args(["scan", "--register"])
        .arg(register)
        .args(extra)
        .current_dir(cwd)
        .env("ROPA_CACHE_DIR", cache)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("Maximum resident set size (kbytes):")
                .and_then(|v| v.trim().parse().ok())
        })
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
