//! `hostile-passwd`: `scan` tries to read `/etc/passwd` through WASI. With no
//! preopened directory it must fail; if it does not, the first 20 bytes are
//! reported in a finding's `detector` so the host test sees the leak.

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
        detectors: vec!["column-name".into(), "passwd-leak".into()],
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
use ropa::scanner::types::{FileField, Finding, Location};

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan reads /etc/passwd")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        match std::fs::read_to_string("/etc/passwd") {
            Ok(text) => {
                let head = &text.as_bytes()[..text.len().min(20)];
                let finding = Finding {
                    location: Location::File(FileField {
                        path: "etc/passwd".into(),
                        field: None,
                    }),
                    category: "pd:Password".into(),
                    confidence: 1.0,
                    matches: 0,
                    sampled: 0,
                    detector: format!("passwd-leak:{}", String::from_utf8_lossy(head)),
                };
                let accepted = findings::report(&finding).is_ok();
                Ok(ScanSummary {
                    findings_reported: accepted as u64,
                    ..zero()
                })
            }
            Err(e) => Err(ScanError::Failed(format!("reading /etc/passwd: {e}"))),
        }
    }
}
