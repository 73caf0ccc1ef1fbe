//! The findings file: what one `ropa scan` found, per system, with the
//! plugin that found it — never a value. Its schema is
//! `schemas/findings.schema.json`.

use std::path::Path;
use std::time::Instant;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plugin::{Finding, OperatorNotes, Plugin, ScanFailure, ScanResult, Summary};
use ropa_history::{civil_from_days, unix_seconds};

/// `$schema` of a findings file: `schemas/findings.schema.json`, by the same
/// never-fetched base URI the register's schemas are known by.
pub const SCHEMA: &str = "https://schemas.ropa.invalid/findings.schema.json";

/// One `ropa scan`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingsFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Names the scan, e.g. in `ropa accept`'s commit message: `scan-` and
    /// the start time.
    pub id: String,
    /// When the scan started, UTC, RFC 3339.
    pub started: String,
    /// The `ropa` version that ran it.
    pub ropa: String,
    /// The register directory scanned, as given.
    pub register: String,
    pub systems: Vec<SystemScan>,
}

/// One system's part of a scan. Only what the host verified or said in
/// its own words is saved: findings checked against the structure the host
/// listed, counts the host made, failures in the host's words. What the
/// plugin said itself (its log, its error texts, its counters) is in
/// `operator`, shown and never saved.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemScan {
    /// The system's id in the register.
    pub system: String,
    /// The plugin that ran, when it could be loaded.
    pub plugin: Option<PluginRef>,
    /// The kind of system the plugin was told it scans.
    pub kind: String,
    /// What the host counted of a finished scan; absent when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Why the scan of this system failed; absent when it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ScanFailure>,
    /// Findings, kept also when the scan failed part-way.
    pub findings: Vec<Finding>,
    /// For the operator only: never written, never read back.
    #[serde(skip)]
    #[schemars(skip)]
    pub operator: OperatorNotes,
}

/// Which plugin, exactly.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginRef {
    pub name: String,
    pub version: String,
    /// SHA-256 of the component.
    pub sha256: String,
}

impl PluginRef {
    pub fn of(plugin: &Plugin) -> PluginRef {
        PluginRef {
            name: plugin.info.name.clone(),
            version: plugin.info.version.clone(),
            sha256: plugin.hash.clone(),
        }
    }
}

impl SystemScan {
    pub fn failed(
        system: &str,
        plugin: Option<PluginRef>,
        kind: &str,
        error_kind: &str,
        reason: String,
        started: Instant,
    ) -> SystemScan {
        SystemScan {
            system: system.to_owned(),
            plugin,
            kind: kind.to_owned(),
            summary: None,
            error: Some(ScanFailure::new(error_kind, reason)),
            findings: Vec::new(),
            operator: OperatorNotes {
                elapsed: started.elapsed(),
                ..OperatorNotes::default()
            },
        }
    }

    pub fn from_result(
        system: &str,
        plugin: &Plugin,
        kind: &str,
        result: ScanResult,
    ) -> SystemScan {
        let (summary, error) = match result.outcome {
            Ok(s) => (Some(s), None),
            Err(f) => (None, Some(f)),
        };
        let mut findings = result.findings;
        // A stable order whatever order the plugin reported in.
        findings.sort_by(|a, b| (&a.location, &a.category).cmp(&(&b.location, &b.category)));
        SystemScan {
            system: system.to_owned(),
            plugin: Some(PluginRef::of(plugin)),
            kind: kind.to_owned(),
            summary,
            error,
            findings,
            operator: result.operator,
        }
    }
}

impl FindingsFile {
    pub fn new(started: String, register: &Path, systems: Vec<SystemScan>) -> FindingsFile {
        let id = format!(
            "scan-{}",
            started.replace([':', '-'], "").trim_end_matches('Z')
        );
        FindingsFile {
            schema: SCHEMA.to_owned(),
            id,
            started,
            ropa: env!("CARGO_PKG_VERSION").to_owned(),
            register: register.display().to_string(),
            systems,
        }
    }

    /// How many systems failed.
    pub fn failures(&self) -> usize {
        self.systems.iter().filter(|s| s.error.is_some()).count()
    }
}

/// Now, UTC, to the second: `2026-11-26T02:45:12Z`.
pub fn now_utc() -> String {
    let secs = unix_seconds();
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        civil_from_days(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_an_rfc3339_utc_time() {
        let now = super::now_utc();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }
}
