//! How long `ropa validate` takes on a large register.
//!
//! Writes the synthetic benchmark register (`ropa_synthetic::Size::BENCH`:
//! 1,000 activities, 200 categories, 300 recipients, 100 systems) to a
//! temporary directory, then times the real binary end to end, and the
//! in-process `validate_dir` alone.
//!
//! Run with `cargo bench -p ropa --bench validate`.
//!
//! On demand, `cargo bench -p ropa --bench validate -- hostile` instead
//! times `ropa validate` on hostile register files of the 4 MiB size limit
//! (a million empty objects, a million wrong items, nesting, a 4 MiB string,
//! repeated keys, unknown fields, rules broken a hundred thousand times),
//! each the one bad file of an otherwise valid register, with the peak
//! memory of each run. Targets: under 1 s and 200 MiB each.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ropa_register::validate::validate_dir;
use ropa_synthetic::{Size, write};

const RUNS: usize = 20;
const TARGET_MS: f64 = 150.0;
const BIN: &str = env!("CARGO_BIN_EXE_ropa");

fn main() {
    if std::env::args().any(|a| a == "hostile") {
        hostile();
        return;
    }
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
    println!("ropa_register::validate::validate_dir  ({RUNS} runs, in process)");
    report(&mut in_process);
}

/// The size limit of a register file (`ropa_register::source::MAX_FILE_BYTES`).
const LIMIT: usize = ropa_register::source::MAX_FILE_BYTES as usize;

/// `prefix`, then `item` repeated with commas between as often as fits in
/// the size limit, then `suffix`.
fn fill(prefix: &str, item: &str, suffix: &str) -> String {
    let n = (LIMIT - prefix.len() - suffix.len() + 1) / (item.len() + 1);
    let mut out = String::with_capacity(LIMIT);
    out.push_str(prefix);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push_str(suffix);
    out
}

/// The hostile files: a name, and the content of `activities/x.json`.
fn hostile_files() -> Vec<(&'static str, String)> {
    let base: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(base_register().join("activities/newsletter.json"))
            .expect("the base activity"),
    )
    .expect("the base activity is JSON");
    let with = |field: &str, items: serde_json::Value| {
        let mut activity = base.clone();
        activity[field] = items;
        let text = activity.to_string();
        assert!(text.len() <= LIMIT, "{field}: {} bytes", text.len());
        text
    };
    let mut unknown = String::from("{");
    let mut i = 0;
    while unknown.len() < LIMIT - 40 {
        if i > 0 {
            unknown.push(',');
        }
        unknown.push_str(&format!("\"f{i}\":0"));
        i += 1;
    }
    unknown.push('}');
    vec![
        (
            "20,000 {} as purposes (60 KB)",
            format!("{{\"purposes\":[{}]}}", vec!["{}"; 20_000].join(",")),
        ),
        (
            "{} as purposes, one line",
            fill("{\"purposes\":[", "{}", "]}"),
        ),
        (
            "{} as purposes, a line each",
            fill("{\"purposes\":[\n", "{}\n", "]}"),
        ),
        ("a top-level array of 0s", fill("[", "0", "]")),
        ("0s as subject ids", fill("{\"subjects\":[", "0", "]}")),
        ("100,000 [", "[".repeat(100_000)),
        (
            "a 4 MiB string as status",
            format!("{{\"status\":\"{}\"}}", "a".repeat(LIMIT - 20)),
        ),
        ("a key repeated", fill("{", "\"a\":0", "}")),
        ("unknown fields", unknown),
        (
            "60,000 times one data category",
            with(
                "data",
                vec![serde_json::json!({"category": "contact-details"}); 60_000].into(),
            ),
        ),
        (
            "200,000 missing systems",
            with(
                "systems",
                (0..200_000)
                    .map(|i| format!("s{i}"))
                    .collect::<Vec<_>>()
                    .into(),
            ),
        ),
    ]
}

/// `tests/cases/base/`: the valid register of the end-to-end tests.
fn base_register() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/base")
}

fn hostile() {
    println!(
        "ropa validate on a valid register plus one hostile activities/x.json (whole command, median of 3 runs; peak RSS of one)"
    );
    println!("  target: < 1000 ms and < 200 MiB each");
    for (name, content) in hostile_files() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        copy_dir(&base_register(), dir.path());
        std::fs::write(dir.path().join("activities/x.json"), &content)
            .expect("the file is written");
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let started = Instant::now();
                let output = run(dir.path());
                let elapsed = started.elapsed();
                assert_eq!(
                    output.status.code(),
                    Some(1),
                    "{name}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                elapsed
            })
            .collect();
        times.sort();
        let rss = peak_rss_kib(dir.path()).map(|kib| kib as f64 / 1024.0);
        let time = ms(median(&times));
        let met = time < 1000.0 && rss.is_none_or(|mib| mib < 200.0);
        println!(
            "  {name:<34} {:>5.2} MB  {time:>7.1} ms  {:>7} MiB  {}",
            content.len() as f64 / 1e6,
            rss.map_or("?".to_owned(), |mib| format!("{mib:.1}")),
            if met { "met" } else { "MISSED" },
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a directory");
    for entry in std::fs::read_dir(from).expect("the base register") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
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
