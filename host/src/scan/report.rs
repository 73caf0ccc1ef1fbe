//! The findings file: what one `ropa scan` found, per system, with the
//! plugin that found it — never a value. Its schema is
//! `schemas/findings.schema.json`.

use std::path::Path;
use std::time::{Instant, SystemTime};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plugin::{Finding, LogLine, Plugin, ScanFailure, ScanResult, Summary};

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

/// One system's part of a scan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemScan {
    /// The system's id in the register.
    pub system: String,
    /// The plugin that ran, when it could be loaded.
    pub plugin: Option<PluginRef>,
    /// The kind of system the plugin was told it scans.
    pub kind: String,
    /// Wall-clock time of this system's scan, in milliseconds.
    pub elapsed_ms: u64,
    /// What the plugin reported at the end; absent when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Why the scan of this system failed; absent when it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ScanFailure>,
    /// Findings, kept also when the scan failed part-way.
    pub findings: Vec<Finding>,
    /// Findings the host refused (malformed, or carrying a value).
    pub refused: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_refusal: Option<String>,
    /// The plugin's log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogLine>,
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
            elapsed_ms: started.elapsed().as_millis() as u64,
            summary: None,
            error: Some(ScanFailure::new(error_kind, reason)),
            findings: Vec::new(),
            refused: 0,
            first_refusal: None,
            log: Vec::new(),
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
            elapsed_ms: result.elapsed.as_millis() as u64,
            summary,
            error,
            findings,
            refused: result.refused,
            first_refusal: result.first_refusal,
            log: result.log,
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
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_418), (2025, 11, 26));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
