//! What one plugin run may consume. The defaults suit a scan of a typical
//! database or file share; a system's entry in the register can raise or
//! lower each one (`scan.limits`).

use std::time::Duration;

use ropa_register::model::ScanLimits;

/// The bounds of one run of a plugin on one system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for the whole run, including time spent waiting on
    /// the system inside capability calls.
    pub time: Duration,
    /// CPU time the run may use on its thread: the plugin's code and the
    /// host's work on its calls, not time waiting for the system or for a
    /// free core (see the `cpu` module).
    pub cpu: Duration,
    /// Memory the plugin may hold: all its linear memories and tables
    /// together, and the host-side state it causes (see `Footprint`).
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

/// What a table element is counted as against the memory limit. wasmtime
/// 48 keeps a table's elements in a vector of 8-byte function references
/// (4-byte GC references, 16-byte continuation references); 16 bytes is the
/// largest of them and twice a function reference, which also covers the
/// vector's doubling when it grows.
pub const TABLE_ELEMENT_BYTES: usize = 16;

/// What one run of a plugin holds against its memory limit: every linear
/// memory and every table of every instance, and the host-side state the
/// plugin caused. One sum for the whole plugin, so that declaring more
/// memories or tables gains it nothing.
#[derive(Debug, Default)]
pub(crate) struct Footprint {
    memories: usize,
    tables: usize,
    host: usize,
    /// The growth last allowed and not yet done; taken back when wasmtime
    /// reports that it failed after all.
    pending: Option<(Part, usize)>,
}

/// Which part of a [`Footprint`] a growth belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Memory,
    Table,
    Host,
}

impl Footprint {
    /// All bytes counted.
    pub fn total(&self) -> usize {
        self.memories
            .saturating_add(self.tables)
            .saturating_add(self.host)
    }

    /// Counts `bytes` more of `part` if the total stays within `limit`;
    /// whether it did.
    pub fn grow(&mut self, part: Part, bytes: usize, limit: usize) -> bool {
        if self.total().saturating_add(bytes) > limit {
            return false;
        }
        *self.slot(part) += bytes;
        self.pending = Some((part, bytes));
        true
    }

    /// Takes back the last growth of `part`: wasmtime allowed it and then
    /// could not do it.
    pub fn undo(&mut self, part: Part) {
        if let Some((p, bytes)) = self.pending.take()
            && p == part
        {
            *self.slot(part) -= bytes;
        }
    }

    /// Host-side state the plugin caused has been freed.
    pub fn release_host(&mut self, bytes: usize) {
        self.host = self.host.saturating_sub(bytes);
    }

    fn slot(&mut self, part: Part) -> &mut usize {
        match part {
            Part::Memory => &mut self.memories,
            Part::Table => &mut self.tables,
            Part::Host => &mut self.host,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memories_tables_and_host_state_share_one_limit() {
        let mut f = Footprint::default();
        assert!(f.grow(Part::Memory, 40, 100));
        assert!(f.grow(Part::Memory, 40, 100));
        assert!(!f.grow(Part::Table, 21, 100), "80 + 21 is over 100");
        assert!(f.grow(Part::Table, 20, 100));
        assert!(!f.grow(Part::Host, 1, 100));
        assert_eq!(f.total(), 100);
        f.release_host(5);
        assert_eq!(f.total(), 100, "nothing of the host's was counted");
    }

    #[test]
    fn a_growth_that_failed_is_taken_back_once() {
        let mut f = Footprint::default();
        assert!(f.grow(Part::Memory, 10, 100));
        assert!(f.grow(Part::Memory, 30, 100));
        f.undo(Part::Table);
        assert_eq!(f.total(), 40, "the pending growth was of a memory");
        assert!(f.grow(Part::Table, 30, 100));
        f.undo(Part::Table);
        f.undo(Part::Table);
        assert_eq!(f.total(), 40);
        assert!(f.grow(Part::Host, 60, 100));
        f.release_host(60);
        assert_eq!(f.total(), 40);
    }
}
