//! The CPU time a run used, for its CPU limit: read from the thread's own
//! CPU clock, so that a plugin is never charged for time it spent waiting
//! for a core on a busy machine, nor for time it spent blocked in a host
//! call (both count against the wall-clock limit only).
//!
//! Why the thread's CPU clock and not wasmtime's fuel: fuel counts
//! instructions, and turning instructions into seconds needs a calibration
//! that differs between machines and between kinds of code (a loop of
//! multiplications against one of memory copies), so a limit in seconds
//! would mean something else everywhere. The CPU clock measures the very
//! thing the limit names, costs one `clock_gettime` per epoch tick, and
//! needs no change to the compiled code.
//!
//! The clock is read where the plugin runs: at every epoch-deadline
//! callback, which wasmtime calls on the thread executing the guest. Only
//! the difference between two readings on the same thread is charged: the
//! run's future is polled by a single-threaded executor on the scanning
//! thread, but should it ever be polled on another thread, the interval in
//! which it moved is not charged (at most one tick), rather than a
//! difference between two unrelated clocks.
//!
//! What is charged is the scanning thread's time between readings: the
//! plugin's code and the host's own work on its calls (a SQLite query, the
//! guard's checks). Work another thread does for it (the PostgreSQL
//! session's thread, the database server) is not.

use std::thread::{self, ThreadId};
use std::time::Duration;

/// CPU time used by one run, read at its checkpoints.
#[derive(Debug, Default)]
pub(super) struct CpuMeter {
    used: Duration,
    last: Option<(ThreadId, Duration)>,
}

impl CpuMeter {
    /// A meter whose first reading is now, on this thread.
    pub(super) fn start() -> CpuMeter {
        let mut meter = CpuMeter::default();
        meter.read();
        meter
    }

    /// Charges the CPU time this thread used since the last reading on it,
    /// and returns the total.
    pub(super) fn read(&mut self) -> Duration {
        let now = thread_cpu_time();
        let here = thread::current().id();
        if let Some((thread, before)) = self.last
            && thread == here
        {
            self.used += now.saturating_sub(before);
        }
        self.last = Some((here, now));
        self.used
    }
}

/// The calling thread's CPU time (user and system) since it started.
fn thread_cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        t.tv_sec.max(0) as u64,
        t.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn sleeping_is_not_charged_and_spinning_is() {
        let mut meter = CpuMeter::start();
        thread::sleep(Duration::from_millis(200));
        let slept = meter.read();
        assert!(slept < Duration::from_millis(50), "sleeping cost {slept:?}");
        let started = Instant::now();
        let mut x = 0u64;
        while started.elapsed() < Duration::from_millis(200) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        let spun = meter.read() - slept;
        // The thread may be preempted, but it ran for a good part of it.
        assert!(spun > Duration::from_millis(20), "spinning cost {spun:?}");
        assert!(spun <= Duration::from_millis(260), "spinning cost {spun:?}");
    }

    #[test]
    fn time_on_another_thread_is_not_charged() {
        let mut meter = CpuMeter::start();
        let moved = thread::spawn(move || {
            let started = Instant::now();
            let mut x = 0u64;
            while started.elapsed() < Duration::from_millis(100) {
                x = std::hint::black_box(x.wrapping_add(1));
            }
            // The first reading on this thread only sets its baseline.
            meter.read()
        })
        .join()
        .unwrap();
        assert!(moved < Duration::from_millis(20), "charged {moved:?}");
    }
}
