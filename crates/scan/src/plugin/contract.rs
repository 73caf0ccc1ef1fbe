//! Which contract a component was built against, read from its import and
//! export names before anything is compiled, so that a plugin for another
//! version of `ropa:scanner` is refused with a message naming both versions
//! rather than failing to link with a message about a missing instance.

use wasmtime::wasmparser::{CanonicalFunction, Parser, Payload};

/// The contract's package.
pub const PACKAGE: &str = "ropa:scanner";
/// The version this host implements.
pub const VERSION: &str = "0.2.0";

/// The top-level imports and exports of a component, by name.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Surface {
    pub imports: Vec<String>,
    pub exports: Vec<String>,
}

/// Why a component is not a plugin this host can run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    #[error("is not a WebAssembly component ({0})")]
    Malformed(String),
    #[error(
        "is a core WebAssembly module, not a component; build it for the wasm32-wasip2 target (see plugins/README.md)"
    )]
    CoreModule,
    #[error("does not export {PACKAGE}/plugin; it is not a ropa scanner plugin (it exports: {0})")]
    NotAPlugin(String),
    #[error(
        "defines a resource type of its own (`canon resource.new`); the contract has none, and the handles such a type makes live in the host's memory, outside the plugin's memory limit"
    )]
    OwnResource,
    #[error(
        "was built against the contract {PACKAGE}@{found}; this ropa runs plugins built against {PACKAGE}@{VERSION} (the 0.2.x line) — rebuild the plugin against plugins/wit of this version"
    )]
    Version { found: String },
}

/// Reads the component's top-level imports and exports; refuses a
/// component that defines resource types of its own.
pub fn surface(wasm: &[u8]) -> Result<Surface, ContractError> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(ContractError::Malformed(
            "it does not start with the WebAssembly magic bytes".to_owned(),
        ));
    }
    if !Parser::is_component(wasm) {
        return Err(ContractError::CoreModule);
    }
    let mut surface = Surface::default();
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| ContractError::Malformed(e.to_string()))?;
        match payload {
            Payload::Version { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::ComponentImportSection(reader) if depth == 1 => {
                for import in reader {
                    let import = import.map_err(|e| ContractError::Malformed(e.to_string()))?;
                    surface.imports.push(import.name.name.to_owned());
                }
            }
            // At any depth: a nested component's handles are the plugin's too.
            Payload::ComponentCanonicalSection(reader) => {
                for function in reader {
                    let function = function.map_err(|e| ContractError::Malformed(e.to_string()))?;
                    if matches!(function, CanonicalFunction::ResourceNew { .. }) {
                        return Err(ContractError::OwnResource);
                    }
                }
            }
            Payload::ComponentExportSection(reader) if depth == 1 => {
                for export in reader {
                    let export = export.map_err(|e| ContractError::Malformed(e.to_string()))?;
                    surface.exports.push(export.name.name.to_owned());
                }
            }
            _ => {}
        }
    }
    Ok(surface)
}

/// Refuses anything but a component exporting `ropa:scanner/plugin` of a
/// version in this host's line.
pub fn check(wasm: &[u8]) -> Result<Surface, ContractError> {
    let surface = surface(wasm)?;
    let plugin_export = surface
        .exports
        .iter()
        .find_map(|name| name.strip_prefix("ropa:scanner/plugin"));
    let Some(rest) = plugin_export else {
        let exports = if surface.exports.is_empty() {
            "nothing".to_owned()
        } else {
            surface.exports.join(", ")
        };
        return Err(ContractError::NotAPlugin(exports));
    };
    let found = rest.strip_prefix('@').unwrap_or("(no version)");
    if !same_line(found, VERSION) {
        return Err(ContractError::Version {
            found: found.to_owned(),
        });
    }
    // Imports of the contract must be of the same line too.
    for import in &surface.imports {
        if let Some(rest) = import.strip_prefix("ropa:scanner/") {
            let found = rest.split_once('@').map_or("(no version)", |(_, v)| v);
            if !same_line(found, VERSION) {
                return Err(ContractError::Version {
                    found: found.to_owned(),
                });
            }
        }
    }
    Ok(surface)
}

/// Semver compatibility: same major, and same minor while the major is 0.
fn same_line(found: &str, ours: &str) -> bool {
    let parse = |v: &str| -> Option<(u64, u64)> {
        let mut parts = v.split(['.', '-', '+']);
        Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
    };
    match (parse(found), parse(ours)) {
        (Some((fmaj, fmin)), Some((omaj, omin))) => fmaj == omaj && (omaj != 0 || fmin == omin),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_lines() {
        assert!(same_line("0.1.0", "0.1.0"));
        assert!(same_line("0.1.7", "0.1.0"));
        assert!(!same_line("0.0.1", "0.1.0"));
        assert!(!same_line("0.2.0", "0.1.0"));
        assert!(!same_line("9.0.0", "0.1.0"));
        assert!(!same_line("(no version)", "0.1.0"));
    }

    #[test]
    fn garbage_is_named_as_such() {
        assert!(matches!(
            surface(b"hello"),
            Err(ContractError::Malformed(_))
        ));
        assert!(matches!(
            surface(b"\0asm\x01\0\0\0"),
            Err(ContractError::CoreModule)
        ));
        assert!(matches!(
            surface(b"\0asm\x0d\0\x01\0\xff\xff"),
            Err(ContractError::Malformed(_))
        ));
    }
}
