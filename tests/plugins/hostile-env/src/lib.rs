//! `hostile-env`: `scan` reads the WASI environment and arguments. They must be
//! empty; if a variable is present, a finding with detector `env-leak` and
//! category `pd:<first variable name>` is reported (and, if arguments are
//! present, one with detector `args-leak`).

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
        detectors: vec!["column-name".into(), "env-leak".into(), "args-leak".into()],
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

fn leak(column: &str, category: String, detector: &str) -> bool {
    let finding = Finding {
        location: Location::Column(ColumnRef {
            table: TableRef {
                schema: None,
                name: "environment".into(),
            },
            column: column.into(),
        }),
        category,
        confidence: 1.0,
        matches: 0,
        sampled: 0,
        detector: detector.into(),
    };
    findings::report(&finding).is_ok()
}

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan reads environment variables and arguments")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        let args: Vec<String> = std::env::args().collect();
        if vars.is_empty() && args.is_empty() {
            return Err(ScanError::Failed("no environment".into()));
        }
        let mut reported = 0;
        if let Some((name, _)) = vars.first() {
            reported += leak("vars", format!("pd:{name}"), "env-leak") as u64;
        }
        if let Some(first) = args.first() {
            reported += leak("args", format!("pd:{first}"), "args-leak") as u64;
        }
        Ok(ScanSummary {
            findings_reported: reported,
            ..zero()
        })
    }
}
