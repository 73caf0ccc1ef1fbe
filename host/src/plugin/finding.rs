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
}

/// A message the plugin logged (kept up to the run's limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogLine {
    pub level: String,
    pub text: String,
}

/// What a plugin reports at the end of a successful scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub findings_reported: u64,
    pub locations_examined: u64,
    pub values_sampled: u64,
    pub locations_skipped: u64,
    pub truncated: bool,
}

/// Why a run failed, in words a DPO can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[serde(deny_unknown_fields)]
#[error("{reason}")]
pub struct ScanFailure {
    /// A short machine-readable kind: `plugin` (could not load), `system`
    /// (could not be opened), `config`, `time-limit`, `cpu-limit`,
    /// `memory-limit`, `limit`, `trap`, `capability`, `plugin-error`.
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

/// The outcome of one run of a plugin on one system.
#[derive(Debug, Clone)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    /// Findings the guard refused, with the reason of the first.
    pub refused: u64,
    pub first_refusal: Option<String>,
    pub log: Vec<LogLine>,
    pub outcome: Result<Summary, ScanFailure>,
    pub elapsed: std::time::Duration,
}
