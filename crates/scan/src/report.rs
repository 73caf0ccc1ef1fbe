//! The findings file: what one `ropa scan` found, per system, with the
//! plugin that found it — never a value. Its schema is
//! `schemas/findings.schema.json`.

use std::hash::{BuildHasher, Hasher};
use std::time::{Instant, SystemTime};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plugin::{Finding, OperatorNotes, Plugin, ScanFailure, ScanResult, Summary};
use ropa_history::civil_from_days;

/// `$schema` of a findings file: `schemas/findings.schema.json`, by the same
/// never-fetched base URI the register's schemas are known by.
pub const SCHEMA: &str = "https://schemas.ropa.invalid/findings.schema.json";

/// One `ropa scan`, as read back (`ropa gaps`, `ropa accept`, `ropa scans
/// show`). A scan being made is a [`Scan`](crate::Scan), which writes the
/// same file without holding its findings in memory.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingsFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Names the scan, e.g. in `ropa accept`'s commit message: `scan-`,
    /// the start time and a random part (`scan-20261126T024512.345-7f3a9c01`);
    /// scans saved by ropa before 0.2 have no random part.
    pub id: String,
    /// When the scan started, UTC, RFC 3339 (to the millisecond).
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
    /// How many systems failed.
    pub fn failures(&self) -> usize {
        self.systems.iter().filter(|s| s.error.is_some()).count()
    }
}

/// A scan's id: `scan-`, its start time without separators, and a random
/// part: `scan-20261126T024512.345-7f3a9c01`. Ids sort by start time as text
/// (to the millisecond, the form of the time being fixed); the random part
/// tells apart scans started in the same millisecond, by two processes or
/// two machines sharing the directory. That saving never writes over a scan
/// is `store::save`'s doing (it creates the file only where none is), so
/// the random part need only make a clash rare, not impossible.
pub fn scan_id(started: &str) -> String {
    format!(
        "scan-{}-{}",
        started.replace([':', '-'], "").trim_end_matches('Z'),
        random_part()
    )
}

/// Eight hex digits that differ between calls and between processes. std's
/// `RandomState` is seeded from the operating system's randomness once per
/// thread and gives every new instance other keys, so hashing the clock and
/// the process id with it is unpredictable enough for telling scans apart;
/// no random-number crate is needed for an id that nothing secret rests on.
fn random_part() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let since_epoch = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    hasher.write_u128(since_epoch.as_nanos());
    hasher.write_u32(std::process::id());
    format!("{:08x}", hasher.finish() as u32)
}

/// Now, UTC, to the millisecond: `2026-11-26T02:45:12.345Z`.
pub fn now_utc() -> String {
    let since_epoch = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since_epoch.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        civil_from_days(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_an_rfc3339_utc_time() {
        let now = super::now_utc();
        assert_eq!(now.len(), 24, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
        assert_eq!(now.as_bytes()[19], b'.', "{now}");
    }

    #[test]
    fn ids_of_one_start_time_differ_and_sort_by_the_time() {
        let started = "2026-11-26T02:45:12.345Z";
        let ids: std::collections::BTreeSet<String> =
            (0..1000).map(|_| super::scan_id(started)).collect();
        // 32 random bits: a clash among 1000 is a one in ten thousand chance
        // (and harmless: saving then draws again).
        assert!(ids.len() >= 999, "the random part varies: {ids:?}");
        for id in &ids {
            assert!(id.starts_with("scan-20261126T024512.345-"), "{id}");
            assert_eq!(id.len(), "scan-20261126T024512.345-7f3a9c01".len(), "{id}");
        }
        let earlier = super::scan_id("2026-11-26T02:45:12.344Z");
        let later = super::scan_id("2026-11-26T02:45:13.000Z");
        assert!(ids.iter().all(|id| earlier < *id && *id < later));
        // An id of ropa before 0.2 (to the second, no random part) sorts
        // before every later id of the same second.
        assert!(ids.iter().all(|id| "scan-20261126T024512" < id.as_str()));
    }
}
