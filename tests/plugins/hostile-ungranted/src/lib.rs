//! `hostile-ungranted`: `scan` calls `http.get`, `files.list-dir` and
//! `sql.list-tables`, none of which the host grants it. It fails with the
//! `Debug` text of the three errors (expected: `not-granted` each time); if any
//! call succeeds it reports a finding with detector `capability-granted`.

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
        detectors: vec!["column-name".into(), "capability-granted".into()],
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

use ropa::scanner::types::{ColumnRef, Finding, Location, TableRef};
use ropa::scanner::{files, findings, http, sql};

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan calls capabilities it is not granted")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let results = [
            ("http", http::get("https://example.org/", 1024).map(|_| ())),
            ("files", files::list_dir(".").map(|_| ())),
            ("sql", sql::list_tables().map(|_| ())),
        ];
        let granted: Vec<&str> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(name, _)| *name)
            .collect();
        if granted.is_empty() {
            let text: Vec<String> = results
                .iter()
                .map(|(name, r)| format!("{name}: {:?}", r.as_ref().unwrap_err()))
                .collect();
            return Err(ScanError::Failed(text.join("; ")));
        }
        let mut reported = 0;
        for name in granted {
            let finding = Finding {
                location: Location::Column(ColumnRef {
                    table: TableRef {
                        schema: None,
                        name: "capability".into(),
                    },
                    column: name.into(),
                }),
                category: "pd:EmailAddress".into(),
                confidence: 1.0,
                matches: 0,
                sampled: 0,
                detector: "capability-granted".into(),
            };
            if findings::report(&finding).is_ok() {
                reported += 1;
            }
        }
        Ok(ScanSummary {
            findings_reported: reported,
            ..zero()
        })
    }
}
