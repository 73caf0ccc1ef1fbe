//! `hostile-findings`: `scan` reports ten million well-formed findings (one
//! real column, a category of its own each) and ignores
//! every error (including `limit-exceeded`). The host must stop it.

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::types::{Capability, ConfigEntry, PluginInfo, ScanError, ScanSummary};

struct Plugin;

export!(Plugin);

fn info(description: &str) -> PluginInfo {
    PluginInfo {
        name: env!("CARGO_PKG_NAME").into(),
        version: "0.1.0".into(),
        description: description.into(),
        system_kinds: vec!["sqlite".into(), "files".into()],
        capabilities: vec![Capability::Sql, Capability::Files, Capability::Log],
        config: vec![],
        detectors: vec!["column-name".into()],
    }
}

#[allow(dead_code)]
fn zero() -> ScanSummary {
    ScanSummary {
        findings_reported: 0,
        locations_examined: 0,
        values_sampled: 0,
        locations_skipped: 0,
        truncated: false,
    }
}

use ropa::scanner::types::{ColumnRef, Finding, Location};
use ropa::scanner::{findings, sql};

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan floods the host with findings")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        // A real column, so that every finding is well-formed and only the
        // count is wrong: each gets a category of its own.
        let table = sql::list_tables()
            .ok()
            .and_then(|t| t.into_iter().next())
            .ok_or_else(|| ScanError::Failed("no table".into()))?;
        let column = sql::list_columns(&table)
            .ok()
            .and_then(|c| c.into_iter().next())
            .ok_or_else(|| ScanError::Failed("no column".into()))?;
        let mut accepted = 0u64;
        for i in 0..10_000_000u64 {
            let finding = Finding {
                location: Location::Column(ColumnRef {
                    table: table.clone(),
                    column: column.name.clone(),
                }),
                category: format!("pd:Flood{i}"),
                confidence: 0.5,
                matches: 0,
                sampled: 0,
                detector: "column-name".into(),
            };
            // Ignored on purpose, limit-exceeded included.
            if findings::report(&finding).is_ok() {
                accepted += 1;
            }
        }
        Ok(ScanSummary {
            findings_reported: accepted,
            locations_examined: 10_000_000,
            ..zero()
        })
    }
}
