//! What a run produces, in host terms: findings (never a value), log lines,
//! a summary, or the reason it failed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One kind of personal data seen in one place of a system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// `table.column` (`schema.table.column` outside the default schema),
    /// `path#field` (a CSV header or a JSON pointer; `path` alone for free
    /// text), or `endpoint#pointer`.
    pub location: String,
    /// A DPV personal-data id, e.g. `pd:EmailAddress`.
    pub category: String,
    /// 0.0 to 1.0.
    pub confidence: f32,
    /// Values that matched the detector.
    pub matches: u64,
    /// Values examined.
    pub sampled: u64,
    /// Which detector decided, e.g. `column-name+email`.
    #[schemars(regex(pattern = r"^[a-z0-9+_.-]{1,64}$"))]
    pub detector: String,
    /// For a column of a view: the tables the view reads, as the database
    /// records them (the host asks it; the plugin has no say). The data is
    /// held there; the view is one more way to read it, not one more place
    /// that holds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub view_of: Vec<String>,
}

/// A message the plugin logged: shown to the operator, never saved in a
/// findings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub level: String,
    pub text: String,
}

/// What a finished scan amounts to, as the host counted it. How much the
/// plugin read is shown to the operator and not saved: a plugin chooses
/// how much it reads, so the amount could spell out what it read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Findings the host accepted.
    pub findings: u64,
    /// Whether the scan may have missed something: a limit of the run was
    /// reached, or the plugin said it stopped early. An incomplete scan
    /// never makes `ropa accept` drop an inventory entry.
    pub truncated: bool,
}

/// Why a run failed, in the host's words (never the plugin's: those are
/// shown to the operator only, see [`OperatorNotes`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[serde(deny_unknown_fields)]
#[error("{reason}")]
pub struct ScanFailure {
    /// A short machine-readable kind: `plugin` (could not load), `system`
    /// (could not be opened), `config`, `time-limit`, `cpu-limit`,
    /// `memory-limit`, `limit`, `trap`, `capability`, `plugin-error`,
    /// `host` (ropa could not keep the findings: a temporary file could
    /// not be written).
    pub kind: String,
    /// What happened, for people.
    pub reason: String,
}

impl ScanFailure {
    pub fn new(kind: &str, reason: impl Into<String>) -> ScanFailure {
        ScanFailure {
            kind: kind.to_owned(),
            reason: reason.into(),
        }
    }
}

/// What the operator is shown of a run besides its findings, and what is
/// never written to a findings file: whatever a plugin says in its own
/// words could carry what it read.
#[derive(Debug, Clone, Default)]
pub struct OperatorNotes {
    /// Wall-clock time of the run.
    pub elapsed: std::time::Duration,
    /// Rows and bytes the host handed to the plugin.
    pub rows_read: u64,
    pub bytes_read: u64,
    /// What the host refused of what the plugin said.
    pub refused: Refusals,
    /// CPU time the run used (see the `cpu` module), against `limits.cpu`.
    pub cpu: std::time::Duration,
    /// Which capabilities the plugin called that the system does not
    /// grant, against what it grants and what the plugin declared.
    pub not_granted: Option<String>,
    /// The plugin's log (lines carrying a value it read were refused).
    pub log: Vec<LogLine>,
    /// The plugin's own words when it failed: its error text or the last
    /// line it wrote to stderr (a panic message).
    pub plugin_said: Option<String>,
    /// The counters the plugin reported at the end, as it claimed them.
    pub claimed: Option<ClaimedSummary>,
}

/// What the host refused of what a plugin said, findings and log lines
/// counted apart, each with the reason the first was refused: a developer
/// fixing a plugin needs to know which of the two the host held back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusals {
    /// Findings `report` answered `invalid`.
    pub findings: u64,
    pub first_finding: Option<String>,
    /// Log lines withheld (they carried a value the plugin was handed).
    pub log_lines: u64,
    pub first_log_line: Option<String>,
}

impl Refusals {
    pub(super) fn finding(&mut self, reason: &str) {
        self.findings += 1;
        self.first_finding.get_or_insert_with(|| reason.to_owned());
    }

    pub(super) fn log_line(&mut self, reason: &str) {
        self.log_lines += 1;
        self.first_log_line.get_or_insert_with(|| reason.to_owned());
    }
}

/// A plugin's `scan-summary`, unverified.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimedSummary {
    pub findings_reported: u64,
    pub locations_examined: u64,
    pub values_sampled: u64,
    pub locations_skipped: u64,
    pub truncated: bool,
}

/// The outcome of one run of a plugin on one system.
#[derive(Debug, Clone)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub outcome: Result<Summary, ScanFailure>,
    pub operator: OperatorNotes,
}
