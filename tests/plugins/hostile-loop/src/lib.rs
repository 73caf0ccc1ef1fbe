//! `hostile-loop`: `scan` spins forever. The host's fuel/epoch or wall-clock
//! limit must stop it.

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
        info("Hostile test plugin: scan never returns (busy loop)")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        // A volatile counter and black_box so the optimiser keeps the loop.
        let mut counter: u64 = 0;
        loop {
            unsafe {
                let c = core::ptr::read_volatile(&counter);
                core::ptr::write_volatile(&mut counter, c.wrapping_add(1));
            }
            std::hint::black_box(());
        }
    }
}
