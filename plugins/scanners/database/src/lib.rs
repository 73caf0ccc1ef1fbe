//! `database-scanner`: finds personal data in SQLite and PostgreSQL
//! databases through the host's `sql` capability. The scanning logic is
//! `ropa_plugin_sdk::scanner::database` (tested natively); this crate only
//! connects it to the host's imports.

use ropa_plugin_sdk::bindings::exports::ropa::scanner::plugin::Guest;
use ropa_plugin_sdk::bindings::ropa::scanner::types::{
    ConfigEntry, PluginInfo, ScanError, ScanSummary,
};
use ropa_plugin_sdk::guest::{self, HostSql};
use ropa_plugin_sdk::scanner::database;

struct DatabaseScanner;

ropa_plugin_sdk::export_plugin!(DatabaseScanner);

impl Guest for DatabaseScanner {
    fn describe() -> PluginInfo {
        guest::plugin_info(
            &database::SPEC,
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
        )
    }

    fn scan(system_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        guest::run(&system_kind, config, |kind, config, sink| {
            database::scan(&mut HostSql, sink, kind, config)
        })
    }
}
