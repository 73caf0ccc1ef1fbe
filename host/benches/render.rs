//! How long `ropa render` takes on a large register.
//!
//! Writes the synthetic benchmark register (`ropa_synthetic::Size::BENCH`:
//! 1,000 activities) to a temporary directory, then times the real binary
//! end to end, `render statement` and `render records` in each format,
//! writing to a file with `-o` as a website build would. Each command runs
//! once to warm up and check it succeeds, then `RUNS` times; the median is
//! held against the target (release build): under 100 ms per command, and
//! under 300 ms for the XLSX workbook, which a general spreadsheet library
//! writes.
//!
//! Run with `cargo bench -p ropa --bench render`. Not a test: it reports.

use std::time::{Duration, Instant};

use ropa_documents::{self, RecordsFormat, StatementFormat};
use ropa_register::model::Lang;
use ropa_register::validate::validate_dir;
use ropa_synthetic::{Size, write};

mod timing;

use timing::{RUNS, median, ms, time_runs};

const TARGET_MS: f64 = 100.0;
const XLSX_TARGET_MS: f64 = 300.0;

fn main() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let register = tmp.path().join("register");
    let size = Size::BENCH;
    let started = Instant::now();
    write(&register, &size).expect("the synthetic register is written");
    println!(
        "register: {} activities, {} categories, {} recipients, {} systems (written in {:.0} ms)",
        size.activities,
        size.categories,
        size.recipients,
        size.systems,
        ms(started.elapsed()),
    );

    let validate = time_runs(&register, &["validate"]);
    println!();
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>10}  target",
        "command (lang nl, -o FILE)", "min ms", "median", "max", "output"
    );
    print_row("ropa validate (for comparison)", &validate, None, None);

    let jobs: [(&str, &str, &str); 7] = [
        ("statement", "html", "html"),
        ("statement", "fragment", "html"),
        ("statement", "md", "md"),
        ("records", "html", "html"),
        ("records", "md", "md"),
        ("records", "csv", "csv"),
        ("records", "xlsx", "xlsx"),
    ];
    let mut missed = 0;
    for (what, format, ext) in jobs {
        let out = tmp.path().join(format!("{what}.{format}.{ext}"));
        let out_s = out.display().to_string();
        let args = [
            "render", what, "--lang", "nl", "--format", format, "-o", &out_s,
        ];
        let times = time_runs(&register, &args);
        assert!(out.exists(), "{} was not written", out.display());
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let median = median(&times);
        let target = if format == "xlsx" {
            XLSX_TARGET_MS
        } else {
            TARGET_MS
        };
        if ms(median) >= target {
            missed += 1;
        }
        print_row(
            &format!("ropa render {what} --format {format}"),
            &times,
            Some(size),
            Some((ms(median) < target, target)),
        );
    }

    // In process: what rendering adds to loading and validating.
    let report = validate_dir(&register).expect("the register is readable");
    let model = report.register.as_ref().expect("the register loads");
    println!();
    println!("in process, after validation (median of {RUNS}):");
    // The command lines above render the Dutch documents too.
    let nl = Lang::from_code("nl").expect("ropa writes Dutch");
    let statement = [
        ("html", StatementFormat::Html),
        ("fragment", StatementFormat::Fragment),
        ("md", StatementFormat::Md),
    ];
    for (name, format) in statement {
        let times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let bytes = ropa_documents::statement(model, nl, format).expect("renders");
                assert!(!bytes.is_empty());
                started.elapsed()
            })
            .collect();
        println!(
            "  ropa_documents::statement {name:<9} {:>8.1} ms",
            ms(median(&times))
        );
    }
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let records = ropa_documents::records::Records::derive(model, nl);
            assert!(!records.activities.is_empty());
            started.elapsed()
        })
        .collect();
    println!(
        "  records::Records::derive      {:>8.1} ms  (part of each below)",
        ms(median(&times))
    );
    let records = [
        ("html", RecordsFormat::Html),
        ("md", RecordsFormat::Md),
        ("csv", RecordsFormat::Csv),
        ("xlsx", RecordsFormat::Xlsx),
    ];
    for (name, format) in records {
        let times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let bytes = ropa_documents::records(model, nl, format).expect("renders");
                assert!(!bytes.is_empty());
                started.elapsed()
            })
            .collect();
        println!(
            "  ropa_documents::records   {name:<9} {:>8.1} ms",
            ms(median(&times))
        );
    }

    println!();
    println!(
        "target: median < {TARGET_MS:.0} ms per render command ({XLSX_TARGET_MS:.0} ms for xlsx): {}",
        if missed == 0 {
            "met".to_owned()
        } else {
            format!("MISSED by {missed} command(s)")
        }
    );
}

/// `met`: whether the median is under the target, and the target in ms.
fn print_row(label: &str, times: &[Duration], bytes: Option<u64>, met: Option<(bool, f64)>) {
    let mut sorted = times.to_vec();
    sorted.sort();
    println!(
        "{label:<44} {:>9.1} {:>9.1} {:>9.1} {:>10}  {}",
        ms(sorted[0]),
        ms(median(&sorted)),
        ms(sorted[sorted.len() - 1]),
        bytes
            .map(|b| format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)))
            .unwrap_or_default(),
        match met {
            Some((true, target)) => format!("met (< {target:.0})"),
            Some((false, target)) => format!("MISSED (< {target:.0})"),
            None => String::new(),
        }
    );
}
