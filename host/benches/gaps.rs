//! How long `ropa gaps` takes on a large register and a large scan.
//!
//! Writes the synthetic benchmark register (`ropa_synthetic::Size::BENCH`:
//! 1,000 activities, 100 systems) and a findings file with 200 findings for
//! each of the 100 systems: kinds its categories cover, with some the
//! register does not (bank accounts, health data) mixed in. Then times the
//! real binary end to end, `ropa gaps --findings FILE` as text and as JSON:
//! once to warm up, then `RUNS` times; the median is held against the
//! target (under 200 ms, release build).
//!
//! Run with `cargo bench -p ropa --bench gaps`. Not a test: it reports.

use std::time::{Duration, Instant};

use ropa_register::validate::validate_dir;
use ropa_scan::FindingsFile;
use ropa_scan::gaps;
use ropa_synthetic::{Size, write};
use serde_json::{Value, json};

mod timing;

use timing::{RUNS, median, ms, time_runs};

const TARGET_MS: f64 = 200.0;
const FINDINGS_PER_SYSTEM: usize = 200;

fn main() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let register = tmp.path().join("register");
    let size = Size::BENCH;
    write(&register, &size).expect("the synthetic register is written");
    let report = validate_dir(&register).expect("the register is readable");
    let model = report.register.expect("the register loads");
    let covered: Vec<String> = model
        .categories
        .categories
        .iter()
        .flat_map(|c| c.dpv.iter().map(|d| d.to_string()))
        .collect();
    let systems: Vec<String> = model.systems.keys().map(|id| id.to_string()).collect();
    let findings = findings_file(&systems, &covered);
    let path = tmp.path().join("findings.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&findings).unwrap()).unwrap();
    let parsed: FindingsFile = serde_json::from_value(findings).expect("a valid findings file");
    let in_process = gaps::find(&model, &parsed);
    println!(
        "register: {} activities, {} categories, {} systems; scan: {} systems × {FINDINGS_PER_SYSTEM} findings = {}",
        size.activities,
        size.categories,
        systems.len(),
        systems.len(),
        systems.len() * FINDINGS_PER_SYSTEM
    );
    let counts: Vec<String> = in_process
        .counts()
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.name()))
        .collect();
    println!("gaps: {} ({})", in_process.gaps.len(), counts.join(", "));

    let path = path.display().to_string();
    println!();
    println!(
        "{:<44} {:>9} {:>9} {:>9}  target",
        "command", "min ms", "median", "max"
    );
    let validate = time_runs(&register, &["validate"]);
    print_row("ropa validate (for comparison)", &validate, None);
    let mut missed = 0;
    for format in ["text", "json"] {
        let times = time_runs(
            &register,
            &["gaps", "--findings", &path, "--format", format],
        );
        let met = ms(median(&times)) < TARGET_MS;
        missed += usize::from(!met);
        print_row(&format!("ropa gaps --format {format}"), &times, Some(met));
    }

    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let report = gaps::find(&model, &parsed);
            assert!(!report.gaps.is_empty());
            started.elapsed()
        })
        .collect();
    let statement: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let statement = ropa_documents::statement::Statement::derive(
                &model,
                ropa_register::model::Lang::from_code("en").expect("ropa writes English"),
            );
            std::hint::black_box(statement);
            started.elapsed()
        })
        .collect();
    println!();
    println!(
        "in process, after validation: gaps::find {:.1} ms, of which deriving the statement (what it says of the EEA) {:.1} ms (medians of {RUNS})",
        ms(median(&times)),
        ms(median(&statement))
    );
    println!(
        "target: median < {TARGET_MS:.0} ms per command: {}",
        if missed == 0 {
            "met".to_owned()
        } else {
            format!("MISSED by {missed} command(s)")
        }
    );
}

/// 200 findings per system at distinct places, mostly of kinds the
/// register covers; every 25th a bank account, every 100th health data.
fn findings_file(systems: &[String], covered: &[String]) -> Value {
    let systems: Vec<Value> = systems
        .iter()
        .enumerate()
        .map(|(s, system)| {
            let findings: Vec<Value> = (0..FINDINGS_PER_SYSTEM)
                .map(|i| {
                    let pd = match i {
                        i if i % 100 == 99 => "pd:Health".to_owned(),
                        i if i % 25 == 24 => "pd:BankAccount".to_owned(),
                        i => covered[(s * 7 + i) % covered.len()].clone(),
                    };
                    json!({
                        "location": format!("table_{}.column_{}", i / 10, i % 10),
                        "category": pd,
                        "confidence": 0.9,
                        "matches": 180,
                        "sampled": 200,
                        "detector": "column-name"
                    })
                })
                .collect();
            json!({
                "system": system,
                "plugin": {"name": "database-scanner", "version": "0.1.0", "sha256": "00"},
                "kind": "postgresql",
                "summary": {"findings": FINDINGS_PER_SYSTEM, "truncated": false},
                "findings": findings
            })
        })
        .collect();
    json!({
        "$schema": "https://schemas.ropa.invalid/findings.schema.json",
        "id": "scan-20261126T120000",
        "started": "2026-11-26T12:00:00Z",
        "ropa": env!("CARGO_PKG_VERSION"),
        "register": "register",
        "systems": systems
    })
}

fn print_row(label: &str, times: &[Duration], met: Option<bool>) {
    let mut sorted = times.to_vec();
    sorted.sort();
    println!(
        "{label:<44} {:>9.1} {:>9.1} {:>9.1}  {}",
        ms(sorted[0]),
        ms(median(&sorted)),
        ms(sorted[sorted.len() - 1]),
        match met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "",
        }
    );
}
