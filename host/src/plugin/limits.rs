//! What one plugin run may consume. The defaults suit a scan of a typical
//! database or file share; a system's entry in the register can raise or
//! lower each one (`scan.limits`).

use std::time::Duration;

use crate::model::ScanLimits;

/// The bounds of one run of a plugin on one system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for the whole run, including time spent waiting on
    /// the system inside capability calls.
    pub time: Duration,
    /// Time the plugin's own code may run (guest execution, not waiting).
    pub cpu: Duration,
    /// Linear memory the plugin may grow to.
    pub memory_bytes: usize,
    /// Findings accepted before `report` answers `limit-exceeded`.
    pub findings: u64,
    /// Rows handed out by `sql.sample` over the whole run.
    pub rows: u64,
    /// Bytes handed out by `files.read`, `http.get` and `sql.sample`.
    pub bytes: u64,
    /// Log lines kept; further lines are counted, not stored.
    pub log_lines: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(60),
            cpu: Duration::from_secs(30),
            memory_bytes: 256 << 20,
            findings: 10_000,
            rows: 1_000_000,
            bytes: 1 << 30,
            log_lines: 1_000,
        }
    }
}

impl Limits {
    /// The defaults with a system's overrides applied.
    pub fn with_overrides(overrides: Option<&ScanLimits>) -> Limits {
        let mut limits = Limits::default();
        let Some(o) = overrides else { return limits };
        if let Some(s) = o.time_seconds {
            limits.time = Duration::from_secs(s);
        }
        if let Some(s) = o.cpu_seconds {
            limits.cpu = Duration::from_secs(s);
        }
        if let Some(m) = o.memory_mib {
            limits.memory_bytes = usize::try_from(m)
                .unwrap_or(usize::MAX / 2)
                .saturating_mul(1 << 20);
        }
        if let Some(n) = o.findings {
            limits.findings = n;
        }
        if let Some(n) = o.rows {
            limits.rows = n;
        }
        if let Some(m) = o.bytes_mib {
            limits.bytes = m.saturating_mul(1 << 20);
        }
        if let Some(n) = o.log_lines {
            limits.log_lines = n;
        }
        limits
    }
}
