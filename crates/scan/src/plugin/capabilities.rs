//! The host side of the contract's imports: each call checks that its
//! capability was granted, forwards to a connector under the run's budget,
//! and lets the guard see what goes out (names, values) and what comes back
//! (findings, log lines).
//!
//! The imports are methods of the run's state ([`RunState`]); what the run
//! was granted is in `granted`, below both.

use super::bindings::types::{
    CapabilityError, ColumnRef, EndpointField, FileField, Finding as WitFinding, Location, TableRef,
};
use super::bindings::{files, findings, http, log, sql, types};
use super::finding::{Finding, LogLine, ScanFailure};
use super::granted;
use super::guard::{self, Refused};
use super::run::{Progress, RunState};
use super::structure::{Place, coarse_confidence, coarse_count};
use ropa_connect::{self, Refusal, SqlConnection};

/// Calls answered after a limit was reached before the plugin is stopped.
const CALLS_AFTER_LIMIT: u64 = 10_000;
/// Longest log line kept (longer ones are cut).
const MAX_LOG_BYTES: usize = 512;

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

    /// Answers a call of a capability the system does not grant, and
    /// remembers which was asked for, for the operator.
    fn not_granted<T>(&mut self, capability: &'static str) -> Answer<T> {
        self.asked_ungranted.insert(capability);
        Ok(Err(CapabilityError::NotGranted))
    }

    fn over_limit<T>(&mut self, what: &str) -> Answer<T> {
        self.limit_reached = true;
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

    /// Brings what the host holds for this plugin (names and keys it
    /// listed, values the guard remembers, findings and log lines) into the
    /// run's memory footprint, which the plugin's memories and tables share:
    /// over the limit, the run fails. Called after every call that adds to
    /// it.
    fn charge(&mut self) -> wasmtime::Result<()> {
        let held = self.host_bytes();
        let charged = std::mem::replace(&mut self.host_charged, held);
        if held >= charged {
            self.charge_host(held - charged)
        } else {
            self.release_host(charged - held);
            Ok(())
        }
    }

    /// Host memory this run holds for the plugin, roughly.
    pub(super) fn host_bytes(&self) -> usize {
        self.guard.bytes() + self.caps.structure.bytes() + self.held
    }

    fn sql(&self) -> Option<&SqlConnection> {
        self.caps.grants.sql.as_ref()
    }

    /// A finding as the host will keep it, or why it is refused. Every
    /// string comes from a closed vocabulary or from structure the host
    /// listed or parsed itself (see the `structure` module); the numbers
    /// are bounded by what was read and made coarse.
    fn check_finding(&self, finding: &WitFinding) -> Result<Finding, Refused> {
        if !guard::is_known_category(&finding.category)
            && !self.caps.kinds.contains(&finding.category)
        {
            let suggestion = granted::did_you_mean(
                &finding.category,
                self.caps.kinds.iter().map(String::as_str),
            )
            .map(|id| format!("; did you mean {id}?"))
            .unwrap_or_default();
            return Err(Refused(format!(
                "the category is neither a DPV personal-data id (such as pd:EmailAddress) nor a kind the register's categories declare{suggestion}"
            )));
        }
        if !self.caps.detectors.contains(&finding.detector) {
            return Err(Refused(
                "the detector is not one of those the plugin declared in describe".to_owned(),
            ));
        }
        if !(0.0..=1.0).contains(&finding.confidence) {
            return Err(Refused("the confidence is outside 0.0 to 1.0".to_owned()));
        }
        if finding.matches > finding.sampled {
            return Err(Refused("matches is greater than sampled".to_owned()));
        }
        let (place, location) = match &finding.location {
            Location::Column(ColumnRef { table, column }) => (
                Place::Column {
                    schema: table.schema.as_deref(),
                    table: &table.name,
                    column,
                },
                match &table.schema {
                    Some(schema) => format!("{schema}.{}.{column}", table.name),
                    None => format!("{}.{column}", table.name),
                },
            ),
            Location::File(FileField { path, field }) => (
                Place::File {
                    path,
                    field: field.as_deref(),
                },
                match field {
                    None => path.clone(),
                    Some(field) => format!("{path}#{field}"),
                },
            ),
            Location::Endpoint(EndpointField { endpoint, field }) => (
                Place::Endpoint { endpoint, field },
                format!("{endpoint}#{field}"),
            ),
        };
        let bound = self.caps.structure.check(&place)?;
        let sampled = coarse_count(finding.sampled.min(bound));
        Ok(Finding {
            location,
            category: finding.category.clone(),
            confidence: coarse_confidence(finding.confidence),
            matches: coarse_count(finding.matches).min(sampled),
            sampled,
            detector: finding.detector.clone(),
            view_of: Vec::new(),
        })
    }
}

impl types::Host for RunState {}

impl sql::Host for RunState {
    async fn list_tables(&mut self) -> Answer<Vec<TableRef>> {
        let Some(conn) = self.sql() else {
            return self.not_granted("sql");
        };
        match conn.list_tables() {
            Ok(tables) => {
                for t in &tables {
                    self.caps
                        .structure
                        .table_listed(t.schema.as_deref(), &t.name);
                }
                self.charge()?;
                Ok(Ok(tables.into_iter().map(table_to_wit).collect()))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }

    async fn list_columns(&mut self, table: TableRef) -> Answer<Vec<sql::ColumnInfo>> {
        let Some(conn) = self.sql() else {
            return self.not_granted("sql");
        };
        let table = table_from_wit(table);
        match conn.list_columns(&table) {
            Ok(columns) => {
                for c in &columns {
                    self.caps.structure.column_listed(
                        table.schema.as_deref(),
                        &table.name,
                        &c.name,
                    );
                }
                self.charge()?;
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
            return self.not_granted("sql");
        };
        let table = table_from_wit(table);
        match conn.row_count_estimate(&table) {
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
        let Some(conn) = caps.grants.sql.as_ref() else {
            return self.not_granted("sql");
        };
        match conn.sample(&table, &columns, limit, budget) {
            Ok(rows) => {
                self.guard
                    .values(rows.iter().flatten().flatten().map(String::as_str));
                for (i, column) in columns.iter().enumerate() {
                    let cells = rows
                        .iter()
                        .filter(|row| row.get(i).is_some_and(Option::is_some))
                        .count() as u64;
                    self.caps.structure.cells_read(
                        table.schema.as_deref(),
                        &table.name,
                        column,
                        cells,
                    );
                }
                self.charge()?;
                Ok(Ok(rows))
            }
            Err(refusal) => self.refuse(refusal),
        }
    }
}

impl files::Host for RunState {
    async fn list_dir(&mut self, path: String) -> Answer<Vec<files::DirEntry>> {
        let Some(root) = self.caps.grants.files.as_mut() else {
            return self.not_granted("files");
        };
        match root.list_dir(&path) {
            Ok(entries) => {
                for e in &entries {
                    if e.kind == ropa_connect::EntryKind::File {
                        self.caps.structure.file_listed(&e.path);
                    }
                }
                self.charge()?;
                Ok(Ok(entries
                    .into_iter()
                    .map(|e| files::DirEntry {
                        path: e.path,
                        kind: match e.kind {
                            ropa_connect::EntryKind::File => files::EntryKind::File,
                            ropa_connect::EntryKind::Directory => files::EntryKind::Directory,
                            ropa_connect::EntryKind::Other => files::EntryKind::Other,
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
            return self.not_granted("files");
        };
        match root.read(&path, offset, length, budget) {
            Ok(bytes) => {
                self.guard.text(Some(&path), offset, &bytes);
                let eof = bytes.len() < length as usize;
                self.caps.structure.file_read(&path, offset, &bytes, eof);
                self.charge()?;
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
            return self.not_granted("http");
        };
        match client.get(&url, max_body, budget) {
            Ok(response) => {
                self.guard.text(None, 0, &response.body);
                self.caps.structure.endpoint_read(&url, &response.body);
                self.charge()?;
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

impl log::Host for RunState {
    async fn message(&mut self, level: log::Level, text: String) -> Answer<()> {
        if self.log.len() as u64 >= self.limits.log_lines {
            self.log_dropped += 1;
            return self.over_limit("log");
        }
        let text = guard::truncate(&text, MAX_LOG_BYTES);
        if let Err(Refused(reason)) = self.guard.settled().check_free("the log line", &text) {
            self.refused.log_line(&reason);
            return Ok(Err(CapabilityError::Invalid(reason)));
        }
        let level = match level {
            log::Level::Trace => "trace",
            log::Level::Debug => "debug",
            log::Level::Info => "info",
            log::Level::Warn => "warn",
            log::Level::Error => "error",
        };
        self.held += 48 + text.len();
        self.log.push(LogLine {
            level: level.to_owned(),
            text,
        });
        self.charge()?;
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
        // Repeats count too: a flood of one finding is still a flood.
        if self.findings.len() as u64 + self.repeats >= self.limits.findings {
            return self.over_limit("report findings");
        }
        match self.check_finding(&finding) {
            Ok(finding) => {
                // At most one finding per place and kind: the first stands.
                let key = (finding.location.clone(), finding.category.clone());
                if self.caps.reported.contains(&key) {
                    self.repeats += 1;
                } else {
                    // The finding, and its key in `reported`.
                    self.held += 160
                        + finding.location.len() * 2
                        + finding.category.len() * 2
                        + finding.detector.len();
                    self.caps.reported.insert(key);
                    self.findings.push(finding);
                    self.charge()?;
                }
                Ok(Ok(()))
            }
            Err(Refused(reason)) => {
                self.refused.finding(&reason);
                if self.refused.findings > CALLS_AFTER_LIMIT {
                    return self.over_limit("report refused findings");
                }
                Ok(Err(CapabilityError::Invalid(reason)))
            }
        }
    }
}

fn table_to_wit(t: ropa_connect::TableRef) -> TableRef {
    TableRef {
        schema: t.schema,
        name: t.name,
    }
}

fn table_from_wit(t: TableRef) -> ropa_connect::TableRef {
    ropa_connect::TableRef {
        schema: t.schema,
        name: t.name,
    }
}
