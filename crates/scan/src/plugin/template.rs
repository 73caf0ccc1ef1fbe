//! `ropa plugin new NAME`: a plugin crate that builds on its own, anywhere —
//! the contract's WIT and a copy of the SDK travel with it, so it needs
//! nothing from this repository and no network but crates.io.

use std::path::Path;

use super::bundled::sdk::{LAW_FILES, SDK_FILES};

const CONTRACT: &str = include_str!("../../../../plugins/wit/scanner.wit");

/// The SDK's dependency on the law crate, as the repository writes it and
/// as the plugin crate's copy must.
const LAW_IN_REPOSITORY: &str = r#"ropa-law = { path = "../../crates/law" }"#;
const LAW_BESIDE: &str = r#"ropa-law = { path = "../ropa-law" }"#;

/// Why the crate was not created.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "{0:?} is not a plugin name: use 1 to 64 characters of a-z, 0-9 and '-', starting with a letter"
    )]
    BadName(String),
    #[error("{0} already exists; choose another name or directory")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Creates the crate `name` in `dir` (which must not exist).
pub fn create(name: &str, dir: &Path) -> Result<(), TemplateError> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Err(TemplateError::BadName(name.to_owned()));
    }
    if dir.exists() {
        return Err(TemplateError::Exists(dir.display().to_string()));
    }
    let mut files: Vec<(String, String)> = vec![
        ("Cargo.toml".into(), cargo_toml(name)),
        ("src/lib.rs".into(), LIB_RS.replace("{name}", name)),
        ("wit/scanner.wit".into(), CONTRACT.to_owned()),
        ("README.md".into(), README.replace("{name}", name)),
        (".gitignore".into(), "/target\n".into()),
    ];
    for (rel, text) in SDK_FILES {
        let text = match *rel {
            // In the repository the SDK finds the law crate two floors up;
            // in the plugin crate it sits beside it.
            "Cargo.toml" => text.replace(LAW_IN_REPOSITORY, LAW_BESIDE),
            _ => (*text).to_owned(),
        };
        files.push((format!("ropa-plugin-sdk/{rel}"), text));
    }
    for (rel, text) in LAW_FILES {
        files.push((format!("ropa-law/{rel}"), (*text).to_owned()));
    }
    // Build into a temporary sibling and rename, so a failure leaves nothing.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = tempfile::Builder::new()
        .prefix(".ropa-plugin-new")
        .tempdir_in(parent)
        .map_err(|source| TemplateError::Write {
            path: parent.display().to_string(),
            source,
        })?;
    for (rel, text) in &files {
        let path = staging.path().join(rel);
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().expect("has a parent"))?;
            std::fs::write(&path, text)
        };
        write().map_err(|source| TemplateError::Write {
            path: dir.join(rel).display().to_string(),
            source,
        })?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|source| {
        let _ = std::fs::remove_dir_all(&staged);
        TemplateError::Write {
            path: dir.display().to_string(),
            source,
        }
    })
}

fn cargo_toml(name: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
# The SDK (bindings for the contract in wit/, detectors, column-name hints),
# copied here by `ropa plugin new` so the crate builds on its own.
ropa-plugin-sdk = {{ path = "ropa-plugin-sdk" }}

[profile.release]
opt-level = 3
lto = true
codegen-units = 1
strip = true

# Not part of any enclosing workspace.
[workspace]
"#
    )
}

const LIB_RS: &str = r#"//! {name}: a ropa scanner plugin.
//!
//! Build: `cargo build --release --target wasm32-wasip2`; the component is
//! `target/wasm32-wasip2/release/<name with _>.wasm`. Try it on a system of
//! your register: `ropa plugin inspect <that file>` and
//! `ropa scan --system <id> --plugin <that file>`.

use ropa_plugin_sdk::bindings::exports::ropa::scanner::plugin::Guest;
use ropa_plugin_sdk::bindings::ropa::scanner::types::{
    Capability, ConfigEntry, ConfigKey, ConfigType, ConfigValue, PluginInfo, ScanError,
    ScanSummary,
};
use ropa_plugin_sdk::bindings::ropa::scanner::{findings, log, sql};
use ropa_plugin_sdk::{classify_column, guest};

struct Plugin;

ropa_plugin_sdk::export_plugin!(Plugin);

impl Guest for Plugin {
    /// What the plugin is, what it scans and what it needs. The host calls
    /// it without granting anything; keep it cheap.
    fn describe() -> PluginInfo {
        PluginInfo {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "Samples every column of every table and reports personal data".to_string(),
            system_kinds: vec!["sqlite".to_string(), "postgresql".to_string()],
            capabilities: vec![Capability::Sql, Capability::Log],
            config: vec![ConfigKey {
                name: "sample-rows".to_string(),
                value_type: ConfigType::Integer,
                description: "Rows sampled per table".to_string(),
                required: false,
                default_value: Some("100".to_string()),
            }],
            // The detectors findings may name: all of the SDK's. The host
            // refuses a finding whose detector is not declared here.
            detectors: ropa_plugin_sdk::detectors().map(str::to_string).collect(),
        }
    }

    /// Start here. Read the system through the capability imports (`sql`,
    /// `files`, `http`), decide with the SDK's detectors, and hand each
    /// finding to `findings::report` — where, what kind, how sure; never a
    /// value.
    fn scan(_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let sample_rows = config
            .iter()
            .find_map(|e| match (&*e.key, &e.value) {
                ("sample-rows", ConfigValue::Integer(n)) => u32::try_from(*n).ok(),
                _ => None,
            })
            .unwrap_or(100);
        let mut summary = ScanSummary {
            findings_reported: 0,
            locations_examined: 0,
            values_sampled: 0,
            locations_skipped: 0,
            truncated: false,
        };
        for table in sql::list_tables().map_err(ScanError::Capability)? {
            let _ = log::message(log::Level::Info, &format!("table {}", table.name));
            let columns = sql::list_columns(&table).map_err(ScanError::Capability)?;
            let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
            let rows = sql::sample(&table, &names, sample_rows).map_err(ScanError::Capability)?;
            for (i, column) in columns.iter().enumerate() {
                let values: Vec<Option<&str>> = rows.iter().map(|row| row[i].as_deref()).collect();
                summary.locations_examined += 1;
                summary.values_sampled += values.iter().flatten().count() as u64;
                if let Some(found) = classify_column(&column.name, &column.data_type, &values) {
                    findings::report(&guest::column_finding(&table, &column.name, &found))
                        .map_err(ScanError::Capability)?;
                    summary.findings_reported += 1;
                }
            }
        }
        Ok(summary)
    }
}
"#;

const README: &str = r#"# {name}

A scanner plugin for ropa: a WebAssembly component built against the
contract in `wit/scanner.wit` (`ropa:scanner@0.2.0`).

    rustup target add wasm32-wasip2
    cargo build --release --target wasm32-wasip2
    ropa plugin inspect target/wasm32-wasip2/release/*.wasm
    ropa scan --system <id> --plugin target/wasm32-wasip2/release/*.wasm

`src/lib.rs` holds the plugin; `fn scan` is the place to start.
`ropa-plugin-sdk/` is a copy of ropa's plugin SDK (bindings, detectors,
column-name hints), `ropa-law/` of the DPV vocabulary it reports in, `wit/`
a copy of the contract: the crate needs nothing else.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copied_sdk_finds_the_copied_law_beside_it() {
        let (_, manifest) = SDK_FILES
            .iter()
            .find(|(rel, _)| *rel == "Cargo.toml")
            .expect("the SDK's manifest");
        assert!(
            manifest.contains(LAW_IN_REPOSITORY),
            "plugins/sdk/Cargo.toml no longer says {LAW_IN_REPOSITORY}; update the template"
        );
        assert!(LAW_FILES.iter().any(|(rel, _)| *rel == "src/dpv.rs"));
    }
}
