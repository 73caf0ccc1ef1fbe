//! In-memory fakes of the host's capabilities, for testing scanning logic
//! natively: a database ([`MemorySql`]), a directory tree ([`MemoryFiles`]),
//! HTTP endpoints ([`MemoryHttp`]) and a sink that records what a scan
//! reports ([`RecordingSink`]). They behave like the host where it matters
//! to a scanner: per-call caps on reads and rows, budgets that end in
//! `limit-exceeded`, directory listings sorted by path.
//!
//! ```
//! use ropa_plugin_sdk::config::Config;
//! use ropa_plugin_sdk::scanner::database;
//! use ropa_plugin_sdk::testing::{MemorySql, RecordingSink};
//!
//! let mut db = MemorySql::new().table(
//!     "klanten",
//!     &[("id", "INTEGER"), ("email", "TEXT")],
//!     (0..50).map(|k| vec![Some(k.to_string()), Some(format!("klant{k}@example.nl"))]).collect(),
//! );
//! let mut sink = RecordingSink::default();
//! let summary = database::scan(&mut db, &mut sink, "sqlite", &Config::default()).unwrap();
//! assert_eq!(summary.findings_reported, 1);
//! assert_eq!(sink.findings[0].location.to_string(), "klanten.email");
//! ```

use std::collections::BTreeMap;

use crate::source::{
    ColumnInfo, DirEntry, EntryKind, FileSource, Finding, HttpResponse, HttpSource, Level, Row,
    Sink, SourceError, SqlSource, TableRef,
};

/// One table of a [`MemorySql`].
#[derive(Clone, Debug)]
pub struct MemoryTable {
    /// Its name.
    pub table: TableRef,
    /// Its columns, in order.
    pub columns: Vec<ColumnInfo>,
    /// Its rows, each with one value per column.
    pub rows: Vec<Row>,
    /// What `row-count-estimate` answers (default: the number of rows).
    pub estimate: Option<u64>,
}

/// A database in memory. `sample` hands out rows spread over the table (every
/// k-th row), at most `max_rows_per_call` per call and `row_budget` in all.
#[derive(Clone, Debug, Default)]
pub struct MemorySql {
    /// The tables.
    pub tables: Vec<MemoryTable>,
    /// Rows per `sample` call at most (the host's per-call cap).
    pub max_rows_per_call: Option<u32>,
    /// Rows over the whole run; past it `sample` answers `limit-exceeded`.
    pub row_budget: Option<u64>,
    /// Rows handed out so far.
    pub rows_handed: u64,
    /// Every `sample` call: the table, the columns and the limit asked for.
    pub sample_calls: Vec<(String, Vec<String>, u32)>,
    /// Tables whose calls fail with this error.
    pub failing: Vec<(String, SourceError)>,
}

impl MemorySql {
    /// An empty database.
    pub fn new() -> MemorySql {
        MemorySql::default()
    }

    /// Adds a table in the default schema with `(name, declared type)`
    /// columns and rows of optional values.
    pub fn table(self, name: &str, columns: &[(&str, &str)], rows: Vec<Row>) -> MemorySql {
        self.table_ref(TableRef::new(name), columns, rows)
    }

    /// Adds a table with an explicit reference (e.g. in a schema).
    pub fn table_ref(
        mut self,
        table: TableRef,
        columns: &[(&str, &str)],
        rows: Vec<Row>,
    ) -> MemorySql {
        self.tables.push(MemoryTable {
            table,
            columns: columns
                .iter()
                .map(|(n, t)| ColumnInfo::new(*n, *t))
                .collect(),
            rows,
            estimate: None,
        });
        self
    }

    fn find(&self, table: &TableRef) -> Result<&MemoryTable, SourceError> {
        if let Some((_, e)) = self.failing.iter().find(|(n, _)| *n == table.name) {
            return Err(e.clone());
        }
        self.tables
            .iter()
            .find(|t| t.table == *table)
            .ok_or(SourceError::NotFound)
    }
}

impl SqlSource for MemorySql {
    fn list_tables(&mut self) -> Result<Vec<TableRef>, SourceError> {
        Ok(self.tables.iter().map(|t| t.table.clone()).collect())
    }

    fn list_columns(&mut self, table: &TableRef) -> Result<Vec<ColumnInfo>, SourceError> {
        Ok(self.find(table)?.columns.clone())
    }

    fn row_count_estimate(&mut self, table: &TableRef) -> Result<Option<u64>, SourceError> {
        let t = self.find(table)?;
        Ok(Some(t.estimate.unwrap_or(t.rows.len() as u64)))
    }

    fn sample(
        &mut self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
    ) -> Result<Vec<Row>, SourceError> {
        self.sample_calls
            .push((table.name.clone(), columns.to_vec(), limit));
        if columns.is_empty() {
            return Err(SourceError::Invalid("no columns".into()));
        }
        let t = self.find(table)?;
        let idx: Vec<usize> = columns
            .iter()
            .map(|c| {
                t.columns
                    .iter()
                    .position(|k| k.name == *c)
                    .ok_or(SourceError::NotFound)
            })
            .collect::<Result<_, _>>()?;
        let mut want = limit as usize;
        if let Some(cap) = self.max_rows_per_call {
            want = want.min(cap as usize);
        }
        if let Some(budget) = self.row_budget {
            let left = budget.saturating_sub(self.rows_handed);
            if left == 0 {
                return Err(SourceError::LimitExceeded);
            }
            want = want.min(left as usize);
        }
        let n = t.rows.len();
        let step = if n > want && want > 0 { n / want } else { 1 };
        let rows: Vec<Row> = t
            .rows
            .iter()
            .step_by(step.max(1))
            .take(want)
            .map(|r| idx.iter().map(|&k| r.get(k).cloned().flatten()).collect())
            .collect();
        self.rows_handed += rows.len() as u64;
        Ok(rows)
    }
}

/// A directory tree in memory: files by path (`/`-separated, relative to
/// the root); directories are implied by the paths.
#[derive(Clone, Debug, Default)]
pub struct MemoryFiles {
    /// The files.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Bytes per `read` call at most (the host's per-call cap).
    pub max_read: Option<u32>,
    /// Bytes over the whole run; past it `read` answers `limit-exceeded`.
    pub byte_budget: Option<u64>,
    /// Bytes handed out so far.
    pub bytes_read: u64,
    /// `read` calls so far.
    pub reads: u64,
}

impl MemoryFiles {
    /// An empty tree.
    pub fn new() -> MemoryFiles {
        MemoryFiles::default()
    }

    /// Adds a file.
    pub fn file(mut self, path: &str, content: impl Into<Vec<u8>>) -> MemoryFiles {
        self.files.insert(path.to_string(), content.into());
        self
    }
}

impl FileSource for MemoryFiles {
    fn list_dir(&mut self, path: &str) -> Result<Vec<DirEntry>, SourceError> {
        if path.contains("..") || path.starts_with('/') {
            return Err(SourceError::NotGranted);
        }
        let prefix = match path.trim_matches('/') {
            "" | "." => String::new(),
            p => format!("{p}/"),
        };
        let mut out: BTreeMap<String, DirEntry> = BTreeMap::new();
        for (p, content) in &self.files {
            let Some(rest) = p.strip_prefix(&prefix) else {
                continue;
            };
            match rest.split_once('/') {
                None => {
                    out.insert(
                        p.clone(),
                        DirEntry {
                            path: p.clone(),
                            kind: EntryKind::File,
                            size: content.len() as u64,
                        },
                    );
                }
                Some((dir, _)) => {
                    let d = format!("{prefix}{dir}");
                    out.entry(d.clone()).or_insert(DirEntry {
                        path: d,
                        kind: EntryKind::Directory,
                        size: 0,
                    });
                }
            }
        }
        if out.is_empty() && !prefix.is_empty() {
            return Err(SourceError::NotFound);
        }
        Ok(out.into_values().collect())
    }

    fn read(&mut self, path: &str, offset: u64, length: u32) -> Result<Vec<u8>, SourceError> {
        let content = self.files.get(path).ok_or(SourceError::NotFound)?;
        let mut want = length as usize;
        if let Some(cap) = self.max_read {
            want = want.min(cap as usize);
        }
        if let Some(budget) = self.byte_budget {
            let left = budget.saturating_sub(self.bytes_read);
            if left == 0 {
                return Err(SourceError::LimitExceeded);
            }
            want = want.min(left as usize);
        }
        let start = (offset as usize).min(content.len());
        let end = (start + want).min(content.len());
        self.reads += 1;
        self.bytes_read += (end - start) as u64;
        Ok(content[start..end].to_vec())
    }
}

/// HTTP endpoints in memory, by absolute URL.
#[derive(Clone, Debug, Default)]
pub struct MemoryHttp {
    /// The responses (body uncut; `get` cuts it at `max-body`).
    pub responses: BTreeMap<String, (u16, Option<String>, Vec<u8>)>,
    /// The URLs asked for, in order.
    pub requests: Vec<String>,
}

impl MemoryHttp {
    /// No endpoints.
    pub fn new() -> MemoryHttp {
        MemoryHttp::default()
    }

    /// Adds an endpoint answering `status` with a content type and body.
    pub fn endpoint(
        mut self,
        url: &str,
        status: u16,
        content_type: &str,
        body: impl Into<Vec<u8>>,
    ) -> MemoryHttp {
        self.responses.insert(
            url.to_string(),
            (status, Some(content_type.to_string()), body.into()),
        );
        self
    }
}

impl HttpSource for MemoryHttp {
    fn get(&mut self, url: &str, max_body: u64) -> Result<HttpResponse, SourceError> {
        self.requests.push(url.to_string());
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(SourceError::NotGranted);
        }
        let (status, content_type, body) =
            self.responses.get(url).ok_or(SourceError::NotGranted)?;
        let cut = (max_body as usize).min(body.len());
        Ok(HttpResponse {
            status: *status,
            content_type: content_type.clone(),
            body: body[..cut].to_vec(),
            truncated: cut < body.len(),
        })
    }
}

/// A sink that keeps what it is given; refuses findings past `max_findings`
/// with `limit-exceeded`, like the host.
#[derive(Clone, Debug, Default)]
pub struct RecordingSink {
    /// The findings accepted.
    pub findings: Vec<Finding>,
    /// The log lines.
    pub logs: Vec<(Level, String)>,
    /// Progress reports.
    pub progress: Vec<(u64, Option<u64>, String)>,
    /// Findings accepted at most.
    pub max_findings: Option<usize>,
}

impl RecordingSink {
    /// The accepted findings as `(location, category)` pairs.
    pub fn places(&self) -> Vec<(String, &'static str)> {
        self.findings
            .iter()
            .map(|f| (f.location.to_string(), f.category))
            .collect()
    }
}

impl Sink for RecordingSink {
    fn report(&mut self, finding: &Finding) -> Result<(), SourceError> {
        if self.max_findings.is_some_and(|m| self.findings.len() >= m) {
            return Err(SourceError::LimitExceeded);
        }
        if !(0.0..=1.0).contains(&finding.confidence) || finding.matches > finding.sampled {
            return Err(SourceError::Invalid("finding out of range".into()));
        }
        self.findings.push(finding.clone());
        Ok(())
    }

    fn log(&mut self, level: Level, message: &str) {
        self.logs.push((level, message.to_string()));
    }

    fn progress(&mut self, done: u64, total: Option<u64>, step: &str) {
        self.progress.push((done, total, step.to_string()));
    }
}
