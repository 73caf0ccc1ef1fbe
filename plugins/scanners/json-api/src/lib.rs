//! `json-api-scanner`: finds personal data in the responses of JSON APIs
//! through the host's `http` capability. The scanning logic is
//! `ropa_plugin_sdk::scanner::json_api` (tested natively); this crate only
//! connects it to the host's imports.

use ropa_plugin_sdk::bindings::exports::ropa::scanner::plugin::Guest;
use ropa_plugin_sdk::bindings::ropa::scanner::types::{
    ConfigEntry, PluginInfo, ScanError, ScanSummary,
};
use ropa_plugin_sdk::guest::{self, HostHttp};
use ropa_plugin_sdk::scanner::json_api;

struct JsonApiScanner;

ropa_plugin_sdk::export_plugin!(JsonApiScanner);

impl Guest for JsonApiScanner {
    fn describe() -> PluginInfo {
        guest::plugin_info(
            &json_api::SPEC,
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
        )
    }

    fn scan(system_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        guest::run(&system_kind, config, |kind, config, sink| {
            json_api::scan(&mut HostHttp, sink, kind, config)
        })
    }
}
