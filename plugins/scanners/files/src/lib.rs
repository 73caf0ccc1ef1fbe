//! `file-scanner`: finds personal data in the files under a granted
//! directory (CSV/TSV, JSON, NDJSON, plain text) through the host's `files`
//! capability. The scanning logic is `ropa_plugin_sdk::scanner::files`
//! (tested natively); this crate only connects it to the host's imports.

use ropa_plugin_sdk::bindings::exports::ropa::scanner::plugin::Guest;
use ropa_plugin_sdk::bindings::ropa::scanner::types::{
    ConfigEntry, PluginInfo, ScanError, ScanSummary,
};
use ropa_plugin_sdk::guest::{self, HostFiles};
use ropa_plugin_sdk::scanner::files;

struct FileScanner;

ropa_plugin_sdk::export_plugin!(FileScanner);

impl Guest for FileScanner {
    fn describe() -> PluginInfo {
        guest::plugin_info(
            &files::SPEC,
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
        )
    }

    fn scan(system_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        guest::run(&system_kind, config, |kind, config, sink| {
            files::scan(&mut HostFiles, sink, kind, config)
        })
    }
}
