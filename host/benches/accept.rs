//! How long `ropa accept --all` takes on one system with many findings
//! (issue 13, item 9: 200,000 findings in under 5 s, release build).
//!
//! Writes the synthetic benchmark register (`ropa_synthetic::Size::BENCH`)
//! into a fresh git repository and commits it; then, for each size, a
//! findings file with that many findings at distinct places of one system,
//! of kinds its categories cover. Times the real binary end to end, once
//! per size, and the in-process parts (`gaps::find`, `accept::plan`):
//! - 25,000 findings: the inventory still fits the 4 MiB a register file may
//!   hold, so accept validates and commits; then again, when there is
//!   nothing left to accept (every finding looked up in a 25,000-entry
//!   inventory);
//! - 200,000 findings: the inventory would be about 30 MB, so accept
//!   refuses it (the register's size limit) — after planning and checking
//!   all of it, which is what has to be linear.
//!
//! Run with `cargo bench -p ropa --bench accept`. Not a test: it reports.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ropa_register::model::Date;
use ropa_register::validate::validate_dir;
use ropa_scan::FindingsFile;
use ropa_scan::gaps::accept::{Decision, Selection, plan};
use ropa_scan::gaps::{self};
use ropa_synthetic::{Size, write};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_ropa");
const AUTHOR: &str = "Bench <bench@example.org>";
const TARGET: Duration = Duration::from_secs(5);

fn main() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let root = tmp.path().join("repo");
    let register = root.join("register");
    write(&register, &Size::BENCH).expect("the synthetic register is written");
    git2::Repository::init(&root).expect("a repository");
    ropa_history::init_repository(&register, Some(AUTHOR)).expect("the first commit");
    let model = validate_dir(&register)
        .expect("the register is readable")
        .register
        .expect("the register loads");
    let system = model.systems.keys().next().expect("a system").to_string();
    let covered: Vec<String> = model
        .categories
        .categories
        .iter()
        .flat_map(|c| c.dpv.iter().map(|d| d.to_string()))
        .collect();

    println!("{:<58} {:>10}  outcome", "", "seconds");
    for (n, expect) in [(25_000usize, 0), (200_000, 1)] {
        let findings = findings_file(&system, &covered, n);
        let path = tmp.path().join(format!("findings-{n}.json"));
        std::fs::write(&path, serde_json::to_vec(&findings).unwrap()).unwrap();
        let parsed: FindingsFile = serde_json::from_value(findings).expect("a findings file");

        let started = Instant::now();
        let report = gaps::find(&model, &parsed);
        let find = started.elapsed();
        let started = Instant::now();
        let read = |rel: &str| std::fs::read_to_string(register.join(rel)).ok();
        let today = Date("2026-12-01".to_owned());
        let planned = plan(
            &model,
            &report,
            &Selection::All,
            &Decision::default(),
            &today,
            read,
        )
        .expect("a plan");
        let planning = started.elapsed();
        let bytes: usize = planned.files.values().map(String::len).sum();
        println!(
            "{n} findings: gaps::find {:.3} s ({} gaps), accept::plan {:.3} s ({} changes, {:.1} MB of text)",
            find.as_secs_f64(),
            report.gaps.len(),
            planning.as_secs_f64(),
            planned.changes.len(),
            bytes as f64 / 1e6
        );
        let (took, code, stderr) = accept(&root, &path);
        report_row(
            &format!("ropa accept --all, {n} findings"),
            took,
            code,
            &stderr,
        );
        assert_eq!(code, Some(expect), "{stderr}");
        if code == Some(0) {
            let (took, code, stderr) = accept(&root, &path);
            report_row(
                &format!("ropa accept --all again, {n} already recorded"),
                took,
                code,
                &stderr,
            );
            assert_eq!(code, Some(0), "{stderr}");
        }
    }
}

fn report_row(label: &str, took: Duration, code: Option<i32>, stderr: &str) {
    let outcome = match code {
        Some(0) => "accepted".to_owned(),
        _ => stderr
            .lines()
            .find(|l| l.contains("bytes"))
            .or_else(|| stderr.lines().last())
            .unwrap_or_default()
            .chars()
            .take(110)
            .collect(),
    };
    println!(
        "{label:<58} {:>10.3}  {} ({})",
        took.as_secs_f64(),
        outcome,
        if took < TARGET { "met" } else { "MISSED" }
    );
}

fn accept(root: &Path, findings: &Path) -> (Duration, Option<i32>, String) {
    let started = Instant::now();
    let out = Command::new(BIN)
        .args([
            "--register",
            "register",
            "accept",
            "--all",
            "--author",
            AUTHOR,
        ])
        .arg("--findings")
        .arg(findings)
        .current_dir(root)
        .env_remove("ROPA_REGISTER")
        .output()
        .expect("the ropa binary runs");
    (
        started.elapsed(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `n` findings in `system` at distinct places, of the covered kinds; only
/// the fields every version of the findings format has.
fn findings_file(system: &str, covered: &[String], n: usize) -> Value {
    let findings: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "location": format!("table_{}.column_{}", i / 100, i % 100),
                "category": covered[i % covered.len()],
                "confidence": 0.9,
                "matches": 180,
                "sampled": 200,
                "detector": "column-name"
            })
        })
        .collect();
    json!({
        "$schema": "https://schemas.ropa.invalid/findings.schema.json",
        "id": "scan-20261201T120000",
        "started": "2026-12-01T12:00:00Z",
        "ropa": env!("CARGO_PKG_VERSION"),
        "register": "register",
        "systems": [{
            "system": system,
            "plugin": {"name": "database-scanner", "version": "0.1.0", "sha256": "00"},
            "kind": "postgresql",
            "findings": findings
        }]
    })
}
