//! `hostile-memory`: `scan` allocates without bound, 1 MiB at a time, touching
//! every page. The host's memory limit must stop it.

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

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan grows memory without bound")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        const MIB: usize = 1 << 20;
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        loop {
            let mut block = vec![0u8; MIB];
            for i in (0..MIB).step_by(4096) {
                block[i] = (hoard.len() as u8).wrapping_add(1);
            }
            hoard.push(std::hint::black_box(block));
            std::hint::black_box(&hoard);
        }
    }
}
