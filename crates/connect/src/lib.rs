//! Connectors: the plain-Rust side of the capabilities a scanner plugin may
//! be granted (`plugins/wit/scanner.wit`, interfaces `sql`, `files` and
//! `http`).
//!
//! Each connector opens one system the way the register grants it (a
//! database read-only, a directory tree under one root, allow-listed hosts)
//! and answers the capability calls with bounded, checked work: [`sql`]
//! (every engine behind one [`SqlConnection`]), [`files`], [`http`]. Nothing
//! here knows about wasmtime: the plugin runtime translates the WIT calls
//! into these methods and a [`Refusal`] into `capability-error`.
//!
//! Every call that hands data to a plugin takes the run's [`Budget`]: rows
//! and bytes are taken from it, and its deadline stops long queries.

use std::fmt;
use std::time::{Duration, Instant};

pub mod files;
pub mod http;
pub mod sql;

pub use files::FilesConnector;
pub use http::HttpConnector;
pub use sql::{ColumnInfo, PostgresConnector, Row, SqlConnection, SqliteConnector, TableRef};

/// Why a connector refused or failed; maps 1:1 onto WIT `capability-error`.
///
/// The text explains in plain words what happened, for the host's logs and
/// messages. WIT carries it only for `invalid` and `failed`; for the other
/// cases the plugin sees the case alone. The text never contains a value read
/// from the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `not-granted`: the target is outside what was granted (a path outside
    /// the root, a schema that is not visible).
    NotGranted(String),
    /// `limit-exceeded`: the run's rows, bytes or time are spent.
    LimitExceeded(String),
    /// `not-found`: no such table, column, file or directory.
    NotFound(String),
    /// `invalid(string)`: the argument itself is unacceptable.
    Invalid(String),
    /// `failed(string)`: the system failed (I/O error, locked or corrupt
    /// database, …).
    Failed(String),
}

impl Refusal {
    /// The explanation, without the kind.
    pub fn message(&self) -> &str {
        match self {
            Refusal::NotGranted(m)
            | Refusal::LimitExceeded(m)
            | Refusal::NotFound(m)
            | Refusal::Invalid(m)
            | Refusal::Failed(m) => m,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Refusal::NotGranted(_) => "not granted",
            Refusal::LimitExceeded(_) => "limit exceeded",
            Refusal::NotFound(_) => "not found",
            Refusal::Invalid(_) => "invalid",
            Refusal::Failed(_) => "failed",
        };
        write!(f, "{kind}: {}", self.message())
    }
}

impl std::error::Error for Refusal {}

/// What a directory entry is; WIT `files.entry-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file, readable with `read`.
    File,
    /// A directory, listable with `list_dir`.
    Directory,
    /// A symbolic link, FIFO, socket, device, …: never opened.
    Other,
}

/// One entry of a directory; WIT `files.dir-entry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// Relative to the granted root, `/`-separated.
    pub path: String,
    pub kind: EntryKind,
    /// Size in bytes for files; 0 for everything else.
    pub size: u64,
}

/// What capability calls may still do before the run's budget is spent;
/// shared (by `&mut`) by all connectors of one plugin run.
///
/// Rows and bytes are taken as data is handed out; once a count is spent it
/// stays at zero, so every further call that needs it is refused with
/// [`Refusal::LimitExceeded`] (the WIT promise: "further calls of the same
/// kind will fail too"). The deadline bounds each query and read.
#[derive(Debug, Clone)]
pub struct Budget {
    rows_left: u64,
    bytes_left: u64,
    deadline: Instant,
}

impl Budget {
    /// A budget of `rows` and `bytes` that expires `time` from now. A `time`
    /// too large to represent means "no deadline" in practice (a century).
    pub fn new(rows: u64, bytes: u64, time: Duration) -> Self {
        let now = Instant::now();
        let deadline = now
            .checked_add(time)
            .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 24 * 3600));
        Budget::with_deadline(rows, bytes, deadline)
    }

    /// A budget of `rows` and `bytes` that expires at `deadline`.
    pub fn with_deadline(rows: u64, bytes: u64, deadline: Instant) -> Self {
        Budget {
            rows_left: rows,
            bytes_left: bytes,
            deadline,
        }
    }

    /// Rows that may still be handed out.
    pub fn rows_left(&self) -> u64 {
        self.rows_left
    }

    /// Bytes that may still be handed out.
    pub fn bytes_left(&self) -> u64 {
        self.bytes_left
    }

    /// When the run's time is up.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Time left before the deadline; zero once it has passed.
    pub fn remaining_time(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// `LimitExceeded` once the deadline has passed.
    pub fn check_time(&self) -> Result<(), Refusal> {
        if self.remaining_time().is_zero() {
            Err(time_limit())
        } else {
            Ok(())
        }
    }

    /// Take `n` rows. When fewer are left, the rows are spent (set to zero)
    /// and the call is refused.
    pub fn take_rows(&mut self, n: u64) -> Result<(), Refusal> {
        take(&mut self.rows_left, n, "rows")
    }

    /// Take `n` bytes. When fewer are left, the bytes are spent (set to zero)
    /// and the call is refused.
    pub fn take_bytes(&mut self, n: u64) -> Result<(), Refusal> {
        take(&mut self.bytes_left, n, "bytes")
    }
}

fn take(left: &mut u64, n: u64, what: &str) -> Result<(), Refusal> {
    if n <= *left {
        *left -= n;
        Ok(())
    } else {
        *left = 0;
        Err(spent(what))
    }
}

/// The refusal for a spent count (`rows`, `bytes`).
pub(crate) fn spent(what: &str) -> Refusal {
    Refusal::LimitExceeded(format!("the {what} this scan may read are used up"))
}

/// The refusal for a passed deadline.
pub(crate) fn time_limit() -> Refusal {
    Refusal::LimitExceeded("time limit of the scan reached".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_takes_until_spent_and_stays_spent() {
        let mut b = Budget::new(10, 100, Duration::from_secs(60));
        b.take_rows(4).unwrap();
        b.take_rows(6).unwrap();
        assert_eq!(b.rows_left(), 0);
        assert!(matches!(b.take_rows(1), Err(Refusal::LimitExceeded(_))));
        b.take_bytes(0).unwrap();
        assert!(matches!(b.take_bytes(101), Err(Refusal::LimitExceeded(_))));
        assert_eq!(b.bytes_left(), 0, "an overdraft spends the rest");
        assert!(b.check_time().is_ok());
    }

    #[test]
    fn budget_deadline() {
        let b = Budget::with_deadline(1, 1, Instant::now());
        assert_eq!(b.remaining_time(), Duration::ZERO);
        assert!(matches!(b.check_time(), Err(Refusal::LimitExceeded(m)) if m.contains("time")));
        let far = Budget::new(1, 1, Duration::MAX);
        assert!(far.remaining_time() > Duration::from_secs(3600));
    }

    #[test]
    fn refusal_display_and_table_order() {
        assert_eq!(
            Refusal::NotFound("no table `x`".into()).to_string(),
            "not found: no table `x`"
        );
        let mut t = [
            TableRef {
                schema: Some("aux".into()),
                name: "a".into(),
            },
            TableRef::main("b"),
            TableRef::main("a"),
        ];
        t.sort();
        assert_eq!(t[0], TableRef::main("a"));
        assert_eq!(t[2].schema.as_deref(), Some("aux"));
    }
}
