//! `hostile-recursion`: `scan` recurses without bound (not a tail call, with a
//! frame on the shadow stack). The host must turn the stack overflow into a
//! trap, not a crash.

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
        info("Hostile test plugin: scan recurses without bound")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let depth = recurse(std::hint::black_box(0));
        Err(ScanError::Failed(format!(
            "recursion returned at depth {depth}"
        )))
    }
}

#[inline(never)]
fn recurse(n: u64) -> u64 {
    // The array lives in linear memory (black_box takes its address), and the
    // addition after the call keeps this from becoming a loop.
    let frame = std::hint::black_box([n; 32]);
    // Never true at run time; keeps the compiler from treating the recursion as
    // unconditional.
    if std::hint::black_box(n) == u64::MAX {
        return 0;
    }
    let deeper = recurse(std::hint::black_box(n + 1));
    std::hint::black_box(deeper.wrapping_add(frame[(n % 32) as usize]))
}
