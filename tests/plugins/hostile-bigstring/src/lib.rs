//! `hostile-bigstring`: `scan` reports one finding whose `detector` is a 100 MiB
//! string, then fails with a 100 MiB `scan-error::failed` text. The host must
//! refuse both without copying them wholesale.

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

use ropa::scanner::findings;
use ropa::scanner::types::{ColumnRef, Finding, Location, TableRef};

const BIG: usize = 100 << 20;

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan passes 100 MiB strings to the host")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        {
            let finding = Finding {
                location: Location::Column(ColumnRef {
                    table: TableRef {
                        schema: None,
                        name: "big".into(),
                    },
                    column: "string".into(),
                }),
                category: "pd:EmailAddress".into(),
                confidence: 0.5,
                matches: 0,
                sampled: 0,
                detector: "d".repeat(BIG),
            };
            let _ = findings::report(&finding);
        } // dropped before the second string is built
        Err(ScanError::Failed("e".repeat(BIG)))
    }
}
