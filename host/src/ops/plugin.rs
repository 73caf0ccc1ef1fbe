//! `plugin list | inspect | new | run`: what plugins declare and import, a
//! new plugin crate to start from, and a plugin tried on a source without a
//! register.

use std::path::{Path, PathBuf};

use ropa_scan::plugin::inspect::Inspection;
use ropa_scan::plugin::{
    Info, Runtime, Source as PluginSource, bundled, contract, inspect, template,
};

use super::Error;

/// What each bundled plugin declares, in the order they are bundled.
pub fn list() -> Result<Vec<Info>, Error> {
    let runtime = runtime()?;
    bundled::BUNDLED
        .iter()
        .map(|b| {
            runtime
                .load(PluginSource::Bundled(b))
                .map(|plugin| plugin.info)
                .map_err(|err| Error::unreadable(err.to_string()))
        })
        .collect()
}

/// What a plugin (a bundled plugin's name, or a `.wasm` component's path)
/// declares and imports, without running a scan.
pub fn inspect(wanted: &str) -> Result<Inspection, Error> {
    let (source, wasm): (PluginSource, Vec<u8>) = match bundled::find(wanted) {
        Some(b) => (PluginSource::Bundled(b), b.wasm.to_vec()),
        None => {
            let path = PathBuf::from(wanted);
            let bytes = ropa_scan::plugin::read_component(&path)
                .map_err(|err| Error::unreadable(format!("plugin {wanted}: {err}")))?;
            (PluginSource::File(path), bytes)
        }
    };
    let surface = contract::check(&wasm)
        .map_err(|err| Error::unreadable(format!("plugin {wanted}: {err}")))?;
    let plugin = runtime()?
        .load(source)
        .map_err(|err| Error::unreadable(err.to_string()))?;
    Ok(inspect::inspect(&plugin, surface))
}

/// Creates the plugin crate `name` in `dir` (by default `./NAME`); the
/// directory created.
pub fn new(name: &str, dir: Option<&Path>) -> Result<PathBuf, Error> {
    let target = dir.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    template::create(name, &target).map_err(|err| Error::unreadable(err.to_string()))?;
    Ok(target)
}

pub use ropa_scan::trial::{Source, Trial};

/// Tries a plugin (a `.wasm` component's path, or a bundled plugin's name)
/// on `source`, granted that and nothing else, with the default limits and
/// `config` (a JSON object of the plugin's keys, `{}` when not given).
/// Writes nothing: no register entry, no saved scan. A run that fails is a
/// `Trial` whose outcome says why; an error here means it could not start.
pub fn run(wanted: &str, source: &Source, config: Option<&str>) -> Result<Trial, Error> {
    let config = match config {
        None => serde_json::Map::new(),
        Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                return Err(Error::unreadable(
                    "--config: not a JSON object; give the plugin's keys as one, e.g. '{\"sample-rows\": 50}'",
                ));
            }
            Err(err) => {
                return Err(Error::unreadable(format!(
                    "--config: not JSON ({err}); give the plugin's keys as a JSON object, e.g. '{{\"sample-rows\": 50}}'"
                )));
            }
        },
    };
    ropa_scan::trial::run(wanted, source, config).map_err(|err| Error::unreadable(err.to_string()))
}

fn runtime() -> Result<Runtime, Error> {
    Runtime::with_default_cache().map_err(|err| Error::unreadable(format!("{err}")))
}
