//! Timing the real `ropa` binary, shared by the benchmarks that run it on a
//! generated register.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Timed runs per command, after one to warm up.
pub const RUNS: usize = 10;

const BIN: &str = env!("CARGO_BIN_EXE_ropa");

/// Runs `ropa --register DIR ARGS…` once to warm up (and to check that it
/// succeeds), then [`RUNS`] times, timing each whole process.
pub fn time_runs(register: &Path, args: &[&str]) -> Vec<Duration> {
    let warm = run(register, args);
    assert!(
        warm.status.success(),
        "ropa {} failed (exit {:?}):\n{}",
        args.join(" "),
        warm.status.code(),
        String::from_utf8_lossy(&warm.stderr),
    );
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let out = run(register, args);
            let elapsed = started.elapsed();
            assert!(out.status.success());
            elapsed
        })
        .collect()
}

/// One run of `ropa --register DIR ARGS…`, its output captured.
pub fn run(register: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--register")
        .arg(register)
        .args(args)
        .env_remove("ROPA_REGISTER")
        .stdin(Stdio::null())
        .output()
        .expect("the ropa binary runs")
}

pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
