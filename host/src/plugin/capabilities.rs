//! The host side of the contract's imports: each call checks that its
//! capability was granted, forwards to a connector under the run's budget,
//! and lets the guard see what goes out (names, values) and what comes back
//! (findings, log lines).

use std::collections::HashSet;

use super::bindings::types::{
    Capability, CapabilityError, ColumnRef, EndpointField, FileField, Finding as WitFinding,
    Location, TableRef,
};
use super::bindings::{files, findings, http, log, sql, types};
use super::finding::{Finding, LogLine, ScanFailure};
use super::guard::{self, Refused};
use super::run::{Progress, RunState};
use crate::connect::{
    self, FilesConnector, HttpConnector, PostgresConnector, Refusal, SqliteConnector,
};

/// Calls answered after a limit was reached before the plugin is stopped.
const CALLS_AFTER_LIMIT: u64 = 10_000;
/// Longest log line kept (longer ones are cut).
const MAX_LOG_BYTES: usize = 512;

/// An open database connection.
pub enum SqlConnection {
    Sqlite(SqliteConnector),
    Postgres(PostgresConnector),
}

/// The connectors a system's entry grants, opened by the caller.
#[derive(Default)]
pub struct Grants {
    pub sql: Option<SqlConnection>,
    pub files: Option<FilesConnector>,
    pub http: Option<HttpConnector>,
}

pub(super) struct Capabilities {
    grants: Grants,
    /// `(location, category)` already reported: a repeat is ignored.
    reported: HashSet<(String, String)>,
}

impl Capabilities {
    pub(super) fn new(grants: Grants) -> Capabilities {
        Capabilities {
            grants,
            reported: HashSet::new(),
        }
    }

    pub(super) fn none() -> Capabilities {
        Capabilities::new(Grants::default())
    }
}

pub(super) fn name(capability: Capability) -> &'static str {
    match capability {
        Capability::Sql => "sql",
        Capability::Files => "files",
        Capability::Http => "http",
        Capability::Log => "log",
    }
}

/// A capability error in words, for messages.
pub(super) fn describe_error(error: &CapabilityError) -> String {
    match error {
        CapabilityError::NotGranted => "not granted".to_owned(),
        CapabilityError::LimitExceeded => "a limit of the run was reached".to_owned(),
        CapabilityError::NotFound => "not found".to_owned(),
        CapabilityError::Invalid(m) => format!("invalid: {}", guard::truncate(m, 300)),
        CapabilityError::Failed(m) => format!("failed: {}", guard::truncate(m, 300)),
    }
}

type Answer<T> = wasmtime::Result<Result<T, CapabilityError>>;

impl RunState {
    /// Converts a connector's refusal, and stops a plugin that keeps asking
    /// after a limit.
    fn refuse<T>(&mut self, refusal: Refusal) -> Answer<T> {
        Ok(Err(match refusal {
            Refusal::NotGranted(_) => CapabilityError::NotGranted,
            Refusal::LimitExceeded(_) => return self.over_limit("read data"),
            Refusal::NotFound(_) => CapabilityError::NotFound,
            Refusal::Invalid(m) => CapabilityError::Invalid(m),
            Refusal::Failed(m) => CapabilityError::Failed(m),
        }))
    }

    fn over_limit<T>(&mut self, what: &str) -> Answer<T> {
        self.calls_after_limit += 1;
        if self.calls_after_limit > CALLS_AFTER_LIMIT {
            let failure = ScanFailure::new(
                "limit",
                format!(
                    "the plugin kept trying to {what} after a limit of the scan was reached ({CALLS_AFTER_LIMIT} more calls) and was stopped"
                ),
            );
            self.exhausted.get_or_insert(failure);
            return Err(wasmtime::Error::msg("limit ignored"));
        }
        Ok(Err(CapabilityError::LimitExceeded))
    }

    fn sql(&mut self) -> Option<&mut SqlConnection> {
        self.caps.grants.sql.as_mut()
    }

    fn check_finding(&self, finding: &WitFinding) -> Result<String, Refused> {
        let guard = self.guard.settled();
        // The value check first: it is the one that says what went wrong.
        guard.check_detector_words(&finding.detector)?;
        if !guard::is_known_category(&finding.category) {
            guard.check_free("the category", &finding.category)?;
        }
        guard::check_category(&finding.category)?;
        guard::check_detector(&finding.detector)?;
        if !(0.0..=1.0).contains(&finding.confidence) {
            return Err(Refused(format!(
                "confidence {} is outside 0.0 to 1.0",
                finding.confidence
            )));
        }
        if finding.matches > finding.sampled {
            return Err(Refused(format!(
                "matches ({}) is greater than sampled ({})",
                finding.matches, finding.sampled
            )));
        }
        // The name is not quoted back: a name the host did not list may be
        // a value.
        let known = |what: &str, name: &str| -> Result<(), Refused> {
            if guard.is_name(name) {
                Ok(())
            } else {
                Err(Refused(format!(
                    "the location names {what} that the host did not list to the plugin"
                )))
            }
        };
        Ok(match &finding.location {
            Location::Column(ColumnRef { table, column }) => {
                if let Some(schema) = &table.schema {
                    known("the schema", schema)?;
                }
                known("the table", &table.name)?;
                known("the column", column)?;
                match &table.schema {
                    Some(schema) => format!("{schema}.{}.{column}", table.name),
                    None => format!("{}.{column}", table.name),
                }
            }
            Location::File(FileField { path, field }) => {
                known("the file", path)?;
                match field {
                    None => path.clone(),
                    Some(field) if field.starts_with('/') => {
                        guard.check_pointer("the field", field)?;
                        format!("{path}#{field}")
                    }
                    Some(field) => {
                        guard.check_name("the field", field)?;
                        format!("{path}#{field}")
                    }
                }
            }
            Location::Endpoint(EndpointField { endpoint, field }) => {
                known("the endpoint", endpoint)?;
                guard.check_pointer("the field", field)?;
                format!("{endpoint}#{field}")
            }
        })
    }
}

impl types::Host for RunState {}

impl sql::Host for RunState {
    async fn list_tables(&mut self) -> Answer<Vec<TableRef>> {
        let Some(conn) = self.sql() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        let result = match conn {
            SqlConnection::Sqlite(db) => db.list_tables(),
            SqlConnection::Postgres(db) => db.list_tables(),
        };
        match result {
            Ok(tables) => {
                for t in &tables {
                    if let Some(schema) = &t.schema {
                        self.guard.now().name(schema);
                    }
                    self.guard.now().name(&t.name);
                }
                Ok(Ok(tables.into_iter().map(table_to_wit).collect()))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }

    async fn list_columns(&mut self, table: TableRef) -> Answer<Vec<sql::ColumnInfo>> {
        let Some(conn) = self.sql() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        let table = table_from_wit(table);
        let result = match conn {
            SqlConnection::Sqlite(db) => db.list_columns(&table),
            SqlConnection::Postgres(db) => db.list_columns(&table),
        };
        match result {
            Ok(columns) => {
                for c in &columns {
                    self.guard.now().name(&c.name);
                }
                Ok(Ok(columns
                    .into_iter()
                    .map(|c| sql::ColumnInfo {
                        name: c.name,
                        data_type: c.data_type,
                        nullable: c.nullable,
                    })
                    .collect()))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }

    async fn row_count_estimate(&mut self, table: TableRef) -> Answer<Option<u64>> {
        let Some(conn) = self.sql() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        let table = table_from_wit(table);
        let result = match conn {
            SqlConnection::Sqlite(db) => db.row_count_estimate(&table),
            SqlConnection::Postgres(db) => db.row_count_estimate(&table),
        };
        match result {
            Ok(n) => Ok(Ok(n)),
            Err(refusal) => self.refuse(refusal),
        }
    }

    async fn sample(
        &mut self,
        table: TableRef,
        columns: Vec<String>,
        limit: u32,
    ) -> Answer<Vec<sql::Row>> {
        let table = table_from_wit(table);
        let RunState { caps, budget, .. } = self;
        let Some(conn) = caps.grants.sql.as_mut() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        let result = match conn {
            SqlConnection::Sqlite(db) => db.sample(&table, &columns, limit, budget),
            SqlConnection::Postgres(db) => db.sample(&table, &columns, limit, budget),
        };
        match result {
            Ok(rows) => {
                for cell in rows.iter().flatten().flatten() {
                    self.guard.now().value(cell);
                }
                Ok(Ok(rows))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }
}

impl files::Host for RunState {
    async fn list_dir(&mut self, path: String) -> Answer<Vec<files::DirEntry>> {
        let Some(root) = self.caps.grants.files.as_mut() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        match root.list_dir(&path) {
            Ok(entries) => {
                for e in &entries {
                    self.guard.now().name(&e.path);
                }
                Ok(Ok(entries
                    .into_iter()
                    .map(|e| files::DirEntry {
                        path: e.path,
                        kind: match e.kind {
                            connect::EntryKind::File => files::EntryKind::File,
                            connect::EntryKind::Directory => files::EntryKind::Directory,
                            connect::EntryKind::Other => files::EntryKind::Other,
                        },
                        size: e.size,
                    })
                    .collect()))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }

    async fn read(&mut self, path: String, offset: u64, length: u32) -> Answer<Vec<u8>> {
        let RunState { caps, budget, .. } = self;
        let Some(root) = caps.grants.files.as_mut() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        match root.read(&path, offset, length, budget) {
            Ok(bytes) => {
                self.guard.text(Some(&path), offset, &bytes);
                Ok(Ok(bytes))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }
}

impl http::Host for RunState {
    async fn get(&mut self, url: String, max_body: u64) -> Answer<http::Response> {
        let RunState { caps, budget, .. } = self;
        let Some(client) = caps.grants.http.as_ref() else {
            return Ok(Err(CapabilityError::NotGranted));
        };
        match client.get(&url, max_body, budget) {
            Ok(response) => {
                // The endpoint (the URL's path) names findings.
                self.guard.text(endpoint_path(&url), 0, &response.body);
                Ok(Ok(http::Response {
                    status: response.status,
                    content_type: response.content_type,
                    body: response.body,
                    truncated: response.truncated,
                }))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }
}

/// `/api/v1/contacts` of `https://crm.example/api/v1/contacts?page=2`.
fn endpoint_path(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

impl log::Host for RunState {
    async fn message(&mut self, level: log::Level, text: String) -> Answer<()> {
        if self.log.len() as u64 >= self.limits.log_lines {
            self.log_dropped += 1;
            return self.over_limit("log");
        }
        let text = guard::truncate(&text, MAX_LOG_BYTES);
        if let Err(Refused(reason)) = self.guard.settled().check_free("the log line", &text) {
            self.refused += 1;
            self.first_refusal.get_or_insert(reason.clone());
            return Ok(Err(CapabilityError::Invalid(reason)));
        }
        let level = match level {
            log::Level::Trace => "trace",
            log::Level::Debug => "debug",
            log::Level::Info => "info",
            log::Level::Warn => "warn",
            log::Level::Error => "error",
        };
        self.log.push(LogLine {
            level: level.to_owned(),
            text,
        });
        Ok(Ok(()))
    }

    async fn progress(&mut self, done: u64, total: Option<u64>, step: String) -> Answer<()> {
        let step = guard::truncate(&step, 80);
        if self
            .guard
            .settled()
            .check_free("the progress step", &step)
            .is_err()
        {
            return Ok(Err(CapabilityError::Invalid(
                "the progress step contains a value read from the system".to_owned(),
            )));
        }
        if let Some(progress) = &self.progress {
            progress(Progress { done, total, step });
        }
        Ok(Ok(()))
    }
}

impl findings::Host for RunState {
    async fn report(&mut self, finding: WitFinding) -> Answer<()> {
        if self.findings.len() as u64 >= self.limits.findings {
            return self.over_limit("report findings");
        }
        match self.check_finding(&finding) {
            Ok(location) => {
                if self
                    .caps
                    .reported
                    .insert((location.clone(), finding.category.clone()))
                {
                    self.findings.push(Finding {
                        location,
                        category: finding.category,
                        confidence: finding.confidence,
                        matches: finding.matches,
                        sampled: finding.sampled,
                        detector: finding.detector,
                    });
                }
                Ok(Ok(()))
            }
            Err(Refused(reason)) => {
                self.refused += 1;
                self.first_refusal.get_or_insert(reason.clone());
                if self.refused > CALLS_AFTER_LIMIT {
                    return self.over_limit("report refused findings");
                }
                Ok(Err(CapabilityError::Invalid(reason)))
            }
        }
    }
}

fn table_to_wit(t: connect::TableRef) -> TableRef {
    TableRef {
        schema: t.schema,
        name: t.name,
    }
}

fn table_from_wit(t: TableRef) -> connect::TableRef {
    connect::TableRef {
        schema: t.schema,
        name: t.name,
    }
}
