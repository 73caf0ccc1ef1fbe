//! How long `ropa validate` takes on a large register.
//!
//! Writes the synthetic benchmark register (`ropa::synthetic::Size::BENCH`:
//! 1,000 activities, 200 categories, 300 recipients, 100 systems) to a
//! temporary directory, then times the real binary end to end, and the
//! in-process `validate_dir` alone.
//!
//! Run with `cargo bench -p ropa --bench validate`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ropa::synthetic::{Size, write};
use ropa::validate::validate_dir;

const RUNS: usize = 20;
const TARGET_MS: f64 = 150.0;
const BIN: &str = env!("CARGO_BIN_EXE_ropa");

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let size = Size::BENCH;
    let started = Instant::now();
    write(dir.path(), &size).expect("the synthetic register is written");
    let (files, bytes) = du(dir.path());
    println!(
        "register: {} activities, {} categories, {} subjects, {} recipients, {} systems; {files} files, {:.1} MiB (written in {:.0} ms)",
        size.activities,
        size.categories,
        size.subjects,
        size.recipients,
        size.systems,
        bytes as f64 / (1024.0 * 1024.0),
        ms(started.elapsed()),
    );

    // Warm-up: the page cache, and a check that the register is valid.
    let warm = run(dir.path());
    assert!(
        warm.status.success(),
        "ropa validate failed on the synthetic register (exit {:?}):\n{}{}",
        warm.status.code(),
        String::from_utf8_lossy(&warm.stdout),
        String::from_utf8_lossy(&warm.stderr),
    );

    let mut command: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let output = run(dir.path());
            let elapsed = started.elapsed();
            assert!(output.status.success());
            elapsed
        })
        .collect();
    println!();
    println!("ropa validate --register <dir>  ({RUNS} runs, whole command)");
    report(&mut command);
    let median = median(&command);
    println!(
        "  target: < {TARGET_MS:.0} ms for the whole command -> median {:.1} ms: {}",
        ms(median),
        if ms(median) < TARGET_MS {
            "met"
        } else {
            "MISSED"
        }
    );
    match peak_rss_kib(dir.path()) {
        Some(kib) => println!("  peak RSS: {:.1} MiB", kib as f64 / 1024.0),
        None => println!("  peak RSS: not measured (/usr/bin/time -v unavailable)"),
    }

    let mut in_process: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let report = validate_dir(dir.path()).expect("the register is readable");
            let elapsed = started.elapsed();
            assert!(report.passes(false));
            elapsed
        })
        .collect();
    println!();
    println!("ropa::validate::validate_dir  ({RUNS} runs, in process)");
    report(&mut in_process);
}

fn run(dir: &Path) -> std::process::Output {
    Command::new(BIN)
        .arg("validate")
        .arg("--register")
        .arg(dir)
        .env_remove("ROPA_REGISTER")
        .stdin(Stdio::null())
        .output()
        .expect("the ropa binary runs")
}

fn report(times: &mut [Duration]) {
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "  min {:.1} ms | median {:.1} ms | mean {:.1} ms | max {:.1} ms",
        ms(times[0]),
        ms(median(times)),
        ms(mean),
        ms(times[times.len() - 1]),
    );
}

/// The median of sorted times.
fn median(sorted: &[Duration]) -> Duration {
    let mut times = sorted.to_vec();
    times.sort();
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident set size of one `ropa validate` run, from GNU time.
fn peak_rss_kib(dir: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let output = Command::new(time)
        .arg("-v")
        .arg(BIN)
        .arg("validate")
        .arg("--register")
        .arg(dir)
        .env_remove("ROPA_REGISTER")
        .stdin(Stdio::null())
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

/// Number of register files and their total size (the copied schemas excluded).
fn du(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("the register is readable") {
            let entry = entry.expect("the register is readable");
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == ".ropa") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files += 1;
                bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    (files, bytes)
}
