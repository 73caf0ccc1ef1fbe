//! `plugin list | inspect | new`: what plugins declare and import, and a
//! new plugin crate to start from.

use std::path::{Path, PathBuf};

use ropa_scan::plugin::inspect::Inspection;
use ropa_scan::plugin::{Info, Runtime, Source, bundled, contract, inspect, template};

use super::Error;

/// What each bundled plugin declares, in the order they are bundled.
pub fn list() -> Result<Vec<Info>, Error> {
    let runtime = runtime()?;
    bundled::BUNDLED
        .iter()
        .map(|b| {
            runtime
                .load(Source::Bundled(b))
                .map(|plugin| plugin.info)
                .map_err(|err| Error::unreadable(err.to_string()))
        })
        .collect()
}

/// What a plugin (a bundled plugin's name, or a `.wasm` component's path)
/// declares and imports, without running a scan.
pub fn inspect(wanted: &str) -> Result<Inspection, Error> {
    let (source, wasm): (Source, Vec<u8>) = match bundled::find(wanted) {
        Some(b) => (Source::Bundled(b), b.wasm.to_vec()),
        None => {
            let path = PathBuf::from(wanted);
            let bytes = ropa_scan::plugin::read_component(&path)
                .map_err(|err| Error::unreadable(format!("plugin {wanted}: {err}")))?;
            (Source::File(path), bytes)
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

fn runtime() -> Result<Runtime, Error> {
    Runtime::with_default_cache().map_err(|err| Error::unreadable(format!("{err}")))
}
