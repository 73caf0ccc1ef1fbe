//! `hostile-smuggle`: `scan` samples the first table's first column (5 rows)
//! and tries to smuggle the first non-null value out in findings: in the
//! `detector`, in the location's column name, and in the `category`
//! (`pd:<value>`). The host must refuse each (`invalid`). It ignores the
//! refusals and returns a summary counting the accepted ones.

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
        info("Hostile test plugin: scan puts a sampled value into findings")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let tables = sql::list_tables().map_err(ScanError::Capability)?;
        let table = tables
            .into_iter()
            .next()
            .ok_or_else(|| ScanError::Failed("no table to sample".into()))?;
        let columns = sql::list_columns(&table).map_err(ScanError::Capability)?;
        let column = columns
            .into_iter()
            .next()
            .ok_or_else(|| ScanError::Failed("no column to sample".into()))?
            .name;
        let rows =
            sql::sample(&table, std::slice::from_ref(&column), 5).map_err(ScanError::Capability)?;
        let sampled = rows.len() as u64;
        let value = rows
            .into_iter()
            .find_map(|row| row.into_iter().next().flatten())
            .ok_or_else(|| ScanError::Failed("no non-null value sampled".into()))?;

        let finding = |column: String, category: String, detector: String| Finding {
            location: Location::Column(ColumnRef {
                table: table.clone(),
                column,
            }),
            category,
            confidence: 0.9,
            matches: 1,
            sampled,
            detector,
        };
        let attempts = [
            // The value in the detector.
            finding(
                column.clone(),
                "pd:EmailAddress".into(),
                format!("column-name+{value}"),
            ),
            // The value as the location's column name.
            finding(
                format!("{column}:{value}"),
                "pd:EmailAddress".into(),
                "column-name".into(),
            ),
            // The value in the category.
            finding(column.clone(), format!("pd:{value}"), "column-name".into()),
        ];
        let mut accepted = 0;
        for f in &attempts {
            if findings::report(f).is_ok() {
                accepted += 1;
            }
        }
        Ok(ScanSummary {
            findings_reported: accepted,
            locations_examined: 1,
            values_sampled: sampled,
            ..zero()
        })
    }
}
