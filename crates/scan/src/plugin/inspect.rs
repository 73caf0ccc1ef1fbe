//! What a plugin declares and what it imports, for `ropa plugin inspect`.

use serde::Serialize;

use super::contract::Surface;
use super::{Info, Plugin};

/// A plugin as a developer or a DPO reviews it before running it.
#[derive(Debug, Serialize)]
pub struct Inspection {
    pub info: Info,
    /// SHA-256 of the component.
    pub sha256: String,
    /// Every interface the component imports; which of them are granted is
    /// decided per system, and the WASI ones have nothing behind them.
    pub imports: Vec<String>,
    pub exports: Vec<String>,
}

pub fn inspect(plugin: &Plugin, surface: Surface) -> Inspection {
    Inspection {
        info: plugin.info.clone(),
        sha256: plugin.hash.clone(),
        imports: surface.imports,
        exports: surface.exports,
    }
}
