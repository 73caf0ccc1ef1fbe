//! The CPU limit counts CPU time the plugin used, the wall-clock limit the
//! time it took: a plugin on a busy core is not stopped for CPU it never
//! got, a spinning one is stopped by the CPU limit, and each message names
//! its limit as the register does.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use crate::util::{Output, base_dir, copy_dir, run, test_plugin};

/// A register whose one system `spin` is scanned by fixture-spin, computing
/// for `seconds` of wall-clock time, under `limits`.
fn spin_register(seconds: u64, limits: Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    copy_dir(&base_dir(), &root.join("register"));
    std::fs::create_dir(root.join("data")).unwrap();
    let system = json!({
        "$schema": "../../schemas/system.schema.json",
        "name": "Spinning",
        "kind": "files",
        "countries": ["NL"],
        "scan": {
            "plugin": test_plugin("fixture-spin"),
            "grants": { "files": { "root": "data" } },
            "config": { "seconds": seconds },
            "limits": limits
        },
        "inventory": []
    });
    std::fs::write(
        root.join("register/systems/spin.json"),
        serde_json::to_string_pretty(&system).unwrap(),
    )
    .unwrap();
    (dir, root)
}

fn scan(root: &Path) -> (Output, Value) {
    let out = run(
        root,
        [
            "scan",
            "--register",
            "register",
            "--system",
            "spin",
            "--format",
            "json",
            "-v",
        ],
        &[],
    );
    assert!(!out.panicked(), "{out}");
    let json: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let system = json["systems"][0].clone();
    (out, system)
}

/// The highest-numbered core this thread may run on.
fn last_allowed_core() -> usize {
    // SAFETY: `set` is a plain bit set, zeroed, of the size passed; the
    // call writes at most that many bytes into it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        let got = libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set);
        assert_eq!(got, 0, "sched_getaffinity failed");
        (0..libc::CPU_SETSIZE as usize)
            .rev()
            .find(|&c| libc::CPU_ISSET(c, &set))
            .expect("some core is allowed")
    }
}

/// Keeps the calling thread (and what it starts) on `core`.
fn pin_to(core: usize) {
    // SAFETY: as above; pid 0 is the calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(core, &mut set);
        let got = libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set);
        assert_eq!(got, 0, "sched_setaffinity failed");
    }
}

/// `took W s wall-clock, C s CPU` from `-v`'s text.
fn took(out: &Output) -> (f64, f64) {
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("s wall-clock,"))
        .unwrap_or_else(|| panic!("no `took` line:\n{out}"));
    let numbers: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn a_plugin_on_a_busy_core_is_not_stopped_for_cpu_it_did_not_get() {
    // One core of this process's set, made busy by four spinning threads;
    // `ropa` runs there too (a child inherits the affinity of the thread
    // that starts it). The other cores stay free for the other tests.
    let core = last_allowed_core();
    let stop = Arc::new(AtomicBool::new(false));
    let busy: Vec<_> = (0..4)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                pin_to(core);
                let mut x = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_add(1));
                }
            })
        })
        .collect();
    // 3 s of computing by the wall clock, a CPU limit of 2 s: on an idle
    // core the plugin would use 3 s of CPU and be stopped; sharing the core
    // with four others it gets far less, and must finish.
    let (_dir, root) = spin_register(3, json!({ "cpu_seconds": 2, "time_seconds": 60 }));
    let (out, system) = std::thread::scope(|s| {
        s.spawn(|| {
            pin_to(core);
            scan(&root)
        })
        .join()
        .unwrap()
    });
    stop.store(true, Ordering::Relaxed);
    for thread in busy {
        thread.join().unwrap();
    }
    assert!(system["error"].is_null(), "stopped on a busy core:\n{out}");
    assert_eq!(out.code, Some(0), "{out}");
    let (wall, cpu) = took(&out);
    assert!(
        wall >= 3.0,
        "the plugin ran {wall} s by the wall clock:\n{out}"
    );
    assert!(
        cpu < 2.0 && cpu < wall * 0.8,
        "the CPU time ({cpu} s) is not what the plugin got of a busy core:\n{out}"
    );
}

#[test]
fn a_spinning_plugin_is_stopped_by_its_cpu_limit_named_as_such() {
    let (_dir, root) = spin_register(30, json!({ "cpu_seconds": 1, "time_seconds": 20 }));
    let (out, system) = scan(&root);
    assert_eq!(system["error"]["kind"], "cpu-limit", "{out}");
    let reason = system["error"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("CPU limit of 1 s of CPU time")
            && reason.contains("scan.limits.cpu_seconds"),
        "{reason}"
    );
    let (wall, cpu) = took(&out);
    assert!(cpu >= 1.0 && wall < 10.0, "{wall} s, {cpu} s CPU:\n{out}");
}

#[test]
fn a_plugin_blocked_on_the_host_is_stopped_by_the_wall_clock_limit_named_as_such() {
    let (_dir, root) = spin_register(0, json!({ "cpu_seconds": 1, "time_seconds": 2 }));
    // The same system, scanned by a plugin that sleeps in a WASI call.
    let path = root.join("register/systems/spin.json");
    let mut system: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    system["scan"]["plugin"] = json!(test_plugin("hostile-sleep"));
    system["scan"]["config"] = json!({});
    std::fs::write(&path, serde_json::to_string_pretty(&system).unwrap()).unwrap();
    let (out, system) = scan(&root);
    assert_eq!(system["error"]["kind"], "time-limit", "{out}");
    let reason = system["error"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("wall-clock limit of 2 s") && reason.contains("scan.limits.time_seconds"),
        "{reason}"
    );
}
