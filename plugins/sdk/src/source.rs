//! What a scanner sees of a system, and where its findings go: small traits
//! over the capability interfaces of the WIT contract (`sql`, `files`,
//! `http`, `log` and `findings`).
//!
//! The scanning logic ([`crate::scanner`]) is written against these traits
//! only. Inside a plugin the SDK's `guest` module implements them with the
//! host's imports; in native tests an in-memory fake does, so every scanner
//! is tested without WebAssembly, a database or a network.
//!
//! The types mirror the WIT ones field for field. What crosses a [`Sink`] is
//! a [`Finding`]: a place, a category, counts and a detector — never a value.

use std::fmt;

use crate::ColumnFinding;

/// Why a capability call did not do what was asked (WIT
/// `capability-error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// The capability, or this target of it, is not granted.
    NotGranted,
    /// A limit of the run was reached; further calls of the kind fail too.
    LimitExceeded,
    /// The table, column, file or endpoint does not exist.
    NotFound,
    /// The host refused the argument; the text says why.
    Invalid(String),
    /// The system failed; the text is the host's description.
    Failed(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::NotGranted => f.write_str("not granted"),
            SourceError::LimitExceeded => f.write_str("limit of this run reached"),
            SourceError::NotFound => f.write_str("not found"),
            SourceError::Invalid(why) => write!(f, "refused by the host: {why}"),
            SourceError::Failed(why) => write!(f, "failed: {why}"),
        }
    }
}

/// A table or view (WIT `table-ref`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableRef {
    /// The schema or attached database; `None` for the default one.
    pub schema: Option<String>,
    /// The table's name, unquoted.
    pub name: String,
}

impl TableRef {
    /// A table in the default schema.
    pub fn new(name: impl Into<String>) -> TableRef {
        TableRef {
            schema: None,
            name: name.into(),
        }
    }

    /// A table in `schema`.
    pub fn in_schema(schema: impl Into<String>, name: impl Into<String>) -> TableRef {
        TableRef {
            schema: Some(schema.into()),
            name: name.into(),
        }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{s}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// A column of a table (WIT `sql.column-info`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The column's name, unquoted.
    pub name: String,
    /// The declared type (`varchar(255)`, `INTEGER`, …); empty when
    /// undeclared.
    pub data_type: String,
    /// Whether it may hold NULL.
    pub nullable: bool,
}

impl ColumnInfo {
    /// A nullable column.
    pub fn new(name: impl Into<String>, data_type: impl Into<String>) -> ColumnInfo {
        ColumnInfo {
            name: name.into(),
            data_type: data_type.into(),
            nullable: true,
        }
    }
}

/// One sampled row: the asked columns' values in order, `None` for NULL.
pub type Row = Vec<Option<String>>;

/// Read-only access to one database (WIT interface `sql`). The host builds
/// every query; a scanner never sends SQL.
pub trait SqlSource {
    /// The tables and views the connection may read.
    fn list_tables(&mut self) -> Result<Vec<TableRef>, SourceError>;
    /// The columns of a table, in declaration order.
    fn list_columns(&mut self, table: &TableRef) -> Result<Vec<ColumnInfo>, SourceError>;
    /// The database's estimate of the number of rows (cheap; for progress
    /// messages only).
    fn row_count_estimate(&mut self, table: &TableRef) -> Result<Option<u64>, SourceError>;
    /// Up to `limit` rows of `columns`, sampled across the table by the host.
    fn sample(
        &mut self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
    ) -> Result<Vec<Row>, SourceError>;
}

/// What a directory entry is (WIT `files.entry-kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Directory,
    /// Anything else (a link, a device); not readable.
    Other,
}

/// One directory entry (WIT `files.dir-entry`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// Path relative to the granted root, `/`-separated.
    pub path: String,
    /// What it is.
    pub kind: EntryKind,
    /// Size in bytes (0 for directories).
    pub size: u64,
}

/// Listing and bounded reads under one granted root (WIT interface `files`).
pub trait FileSource {
    /// The entries of one directory, sorted by path (`.` is the root).
    fn list_dir(&mut self, path: &str) -> Result<Vec<DirEntry>, SourceError>;
    /// Up to `length` bytes of a file from `offset`; fewer at the end of the
    /// file or above the host's per-call cap, none past the end.
    fn read(&mut self, path: &str, offset: u64, length: u32) -> Result<Vec<u8>, SourceError>;
}

/// An HTTP response (WIT `http.response`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code; 4xx and 5xx are responses, not errors.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, at most the asked number of bytes.
    pub body: Vec<u8>,
    /// Whether the body was cut.
    pub truncated: bool,
}

/// HTTP GET on allow-listed hosts (WIT interface `http`).
pub trait HttpSource {
    /// GET `url` (absolute), reading at most `max_body` bytes of the body.
    fn get(&mut self, url: &str, max_body: u64) -> Result<HttpResponse, SourceError>;
}

/// How important a log message is (WIT `log.level`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Step-by-step detail.
    Trace,
    /// Detail for a plugin's developer.
    Debug,
    /// What the scanner is doing.
    Info,
    /// Something was skipped or looks wrong; the scan goes on.
    Warn,
    /// Something failed.
    Error,
}

/// Where personal data was seen (WIT `location`): names of places, never a
/// value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A database column.
    Column {
        /// The table that holds it.
        table: TableRef,
        /// The column's name.
        column: String,
    },
    /// A field of a file under the granted root.
    File {
        /// Path relative to the root.
        path: String,
        /// A CSV/TSV header or a JSON pointer (`/customers/*/email`); `None`
        /// for the file's free text as a whole.
        field: Option<String>,
    },
    /// A field of an HTTP endpoint's responses.
    Endpoint {
        /// The URL path without query string (`/api/v1/contacts`).
        endpoint: String,
        /// A JSON pointer into the response (`/items/*/email`).
        field: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Column { table, column } => write!(f, "{table}.{column}"),
            Location::File { path, field: None } => f.write_str(path),
            Location::File {
                path,
                field: Some(field),
            } => write!(f, "{path}#{field}"),
            Location::Endpoint { endpoint, field } => write!(f, "{endpoint}#{field}"),
        }
    }
}

/// One kind of personal data in one place (WIT `finding`).
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where.
    pub location: Location,
    /// The DPV `pd:` category.
    pub category: &'static str,
    /// 0..=1.
    pub confidence: f32,
    /// Sampled values that matched (0 when the name alone decided).
    pub matches: u64,
    /// Values examined.
    pub sampled: u64,
    /// The detector that decided (`column-name+email`, …).
    pub detector: &'static str,
}

impl Finding {
    /// A classification result placed at `location`. The confidence is
    /// clamped to `0..=1` and `matches` to at most `sampled`, as the host
    /// requires.
    pub fn at(location: Location, f: &ColumnFinding) -> Finding {
        Finding {
            location,
            category: f.category,
            confidence: if f.confidence.is_nan() {
                0.0
            } else {
                f.confidence.clamp(0.0, 1.0)
            },
            matches: f.matches.min(f.sampled),
            sampled: f.sampled,
            detector: f.detector,
        }
    }
}

/// Where a scanner's findings, log lines and progress go (WIT interfaces
/// `findings` and `log`).
pub trait Sink {
    /// Hands over one finding. `Err(LimitExceeded)` means: stop scanning.
    fn report(&mut self, finding: &Finding) -> Result<(), SourceError>;
    /// Logs one message. Never pass a value read from the system; failures
    /// (rate limits) are ignored.
    fn log(&mut self, level: Level, message: &str);
    /// Reports progress: `done` of `total` units, and the current step.
    fn progress(&mut self, done: u64, total: Option<u64>, step: &str) {
        let _ = (done, total, step);
    }
}

/// A capability a plugin asks for (WIT `capability`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capability {
    /// Interface `sql`.
    Sql,
    /// Interface `files`.
    Files,
    /// Interface `http`.
    Http,
    /// Interface `log`.
    Log,
}

/// What a finished scan reports besides its findings (WIT `scan-summary`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// Findings handed to the sink and accepted.
    pub findings_reported: u64,
    /// Places (columns, file fields, endpoint fields) examined.
    pub locations_examined: u64,
    /// Values examined in all.
    pub values_sampled: u64,
    /// Places that could not be examined; the reasons went to the log.
    pub locations_skipped: u64,
    /// Whether a limit stopped the scan early.
    pub truncated: bool,
}

/// Why a scan failed as a whole (WIT `scan-error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanError {
    /// The configuration is unusable; the text names the key and why.
    BadConfig(String),
    /// The system's kind is not one this scanner scans.
    UnsupportedKind(String),
    /// A capability call failed in a way that ends the scan.
    Capability(SourceError),
    /// Anything else, in words a DPO can act on.
    Failed(String),
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::BadConfig(why) => write!(f, "bad configuration: {why}"),
            ScanError::UnsupportedKind(kind) => write!(f, "unsupported system kind {kind:?}"),
            ScanError::Capability(e) => write!(f, "capability call {e}"),
            ScanError::Failed(why) => f.write_str(why),
        }
    }
}
