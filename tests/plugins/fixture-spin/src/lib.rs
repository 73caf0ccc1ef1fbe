//! `fixture-spin`: `scan` computes without calling the host for `seconds`
//! (config, default 3) of wall-clock time, as read from the WASI monotonic
//! clock, then logs what it did and returns a zero summary. On an idle core
//! it uses about `seconds` of CPU time; on a busy one, its share of the core.
//! The tests set a CPU limit between the two.

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::log::{Level, message};
use ropa::scanner::types::{
    Capability, ConfigEntry, ConfigKey, ConfigType, ConfigValue, PluginInfo, ScanError,
    ScanSummary,
};

struct Plugin;

export!(Plugin);

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        PluginInfo {
            name: env!("CARGO_PKG_NAME").into(),
            version: "0.1.0".into(),
            description: "Test plugin: computes for a while by the wall clock".into(),
            system_kinds: vec!["sqlite".into(), "files".into()],
            capabilities: vec![Capability::Log],
            config: vec![ConfigKey {
                name: "seconds".into(),
                value_type: ConfigType::Integer,
                required: false,
                default_value: Some("3".into()),
                description: "wall-clock seconds to compute for".into(),
            }],
            detectors: vec!["column-name".into()],
        }
    }

    fn scan(_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let seconds = config
            .iter()
            .find_map(|e| match (&e.key[..], &e.value) {
                ("seconds", ConfigValue::Integer(n)) => Some((*n).max(0) as u64),
                _ => None,
            })
            .unwrap_or(3);
        let started = std::time::Instant::now();
        let mut rounds: u64 = 0;
        while started.elapsed() < std::time::Duration::from_secs(seconds) {
            // Work between clock readings, so most time is spent computing.
            let mut x = rounds;
            for i in 0..100_000u64 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(i));
            }
            rounds = std::hint::black_box(x) % 2 + rounds + 1;
        }
        let _ = message(Level::Info, &format!("computed {rounds} rounds"));
        Ok(ScanSummary {
            findings_reported: 0,
            locations_examined: 0,
            values_sampled: 0,
            locations_skipped: 0,
            truncated: false,
        })
    }
}
