//! The findings file: what one `ropa scan` found, per system, with the
//! plugin that found it — never a value. Its schema is
//! `schemas/findings.schema.json`.

use std::path::Path;
use std::time::{Instant, SystemTime};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plugin::{Finding, LogLine, Plugin, ScanResult, Summary};

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
    pub summary: Option<SummaryRecord>,
    /// Why the scan of this system failed; absent when it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorRecord>,
    /// Findings, kept also when the scan failed part-way.
    pub findings: Vec<FindingRecord>,
    /// Findings the host refused (malformed, or carrying a value).
    pub refused: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_refusal: Option<String>,
    /// The plugin's log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogRecord>,
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

/// A finding as recorded: where, what kind, how sure, by what. No value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingRecord {
    /// `table.column`, `path#field` or `endpoint#pointer`.
    #[schemars(length(min = 1, max = 600))]
    pub location: String,
    /// A DPV personal-data id.
    #[schemars(regex(pattern = r"^pd:[A-Z][A-Za-z0-9]*$"))]
    pub category: String,
    #[schemars(range(min = 0.0, max = 1.0))]
    pub confidence: f32,
    pub matches: u64,
    pub sampled: u64,
    #[schemars(regex(pattern = r"^[a-z0-9+_.-]{1,64}$"))]
    pub detector: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryRecord {
    pub findings_reported: u64,
    pub locations_examined: u64,
    pub values_sampled: u64,
    pub locations_skipped: u64,
    pub truncated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// `plugin` (could not load), `system` (could not be opened), `config`,
    /// `time-limit`, `cpu-limit`, `memory-limit`, `limit`, `trap`,
    /// `capability`, `plugin-error`.
    pub kind: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogRecord {
    pub level: String,
    pub text: String,
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
            error: Some(ErrorRecord {
                kind: error_kind.to_owned(),
                reason,
            }),
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
            Ok(s) => (Some(summary(s)), None),
            Err(f) => (
                None,
                Some(ErrorRecord {
                    kind: f.kind,
                    reason: f.reason,
                }),
            ),
        };
        let mut findings: Vec<FindingRecord> = result.findings.into_iter().map(finding).collect();
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
            log: result.log.into_iter().map(log).collect(),
        }
    }
}

fn summary(s: Summary) -> SummaryRecord {
    SummaryRecord {
        findings_reported: s.findings_reported,
        locations_examined: s.locations_examined,
        values_sampled: s.values_sampled,
        locations_skipped: s.locations_skipped,
        truncated: s.truncated,
    }
}

fn finding(f: Finding) -> FindingRecord {
    FindingRecord {
        location: f.location,
        category: f.category,
        confidence: f.confidence,
        matches: f.matches,
        sampled: f.sampled,
        detector: f.detector,
    }
}

fn log(l: LogLine) -> LogRecord {
    LogRecord {
        level: l.level,
        text: l.text,
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
