//! `ropa plugin list | inspect | new`: for plugin developers and for a DPO
//! who wants to know what a vendor's plugin asks for before running it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::ops::{self, EXIT_OK};
use ropa::terminal::line;

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// The plugins bundled with this ropa: versions, system kinds, capabilities.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// What a plugin declares (name, version, capabilities, configuration)
    /// and what it imports, without running a scan.
    Inspect {
        /// A `.wasm` component, or the name of a bundled plugin.
        plugin: String,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Create `./NAME`, a plugin crate that builds on its own:
    /// `cargo build --release --target wasm32-wasip2` inside it.
    New {
        /// The plugin's name (kebab-case), also the directory created.
        name: String,
        /// Create the crate in this directory instead of `./NAME`.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::List { format } => list(format),
        Command::Inspect { plugin, format } => inspect_one(&plugin, format),
        Command::New { name, dir } => new(&name, dir.as_deref()),
    }
}

fn list(format: OutputFormat) -> anyhow::Result<ExitCode> {
    let infos = match ops::plugin::list() {
        Ok(infos) => infos,
        Err(err) => return Ok(super::fail(err)),
    };
    let mut out = super::output::stdout();
    match format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&infos)?)?,
        OutputFormat::Text => {
            for info in &infos {
                writeln!(out, "{} {}", line(&info.name), line(&info.version))?;
                writeln!(out, "  {}", line(&info.description))?;
                writeln!(out, "  scans:        {}", joined(&info.system_kinds))?;
                writeln!(out, "  capabilities: {}", joined(&info.capabilities))?;
                let keys: Vec<String> = info.config.iter().map(|k| k.name.clone()).collect();
                writeln!(out, "  config:       {}", joined(&keys))?;
            }
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn inspect_one(wanted: &str, format: OutputFormat) -> anyhow::Result<ExitCode> {
    let inspection = match ops::plugin::inspect(wanted) {
        Ok(inspection) => inspection,
        Err(err) => return Ok(super::fail(err)),
    };
    let mut out = super::output::stdout();
    match format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&inspection)?)?,
        OutputFormat::Text => {
            // Everything but the hash is the plugin's own words.
            let info = &inspection.info;
            writeln!(out, "{} {}", line(&info.name), line(&info.version))?;
            writeln!(out, "  {}", line(&info.description))?;
            writeln!(out, "  sha256:       {}", inspection.sha256)?;
            writeln!(out, "  scans:        {}", joined(&info.system_kinds))?;
            writeln!(out, "  capabilities: {}", joined(&info.capabilities))?;
            writeln!(out, "  detectors:    {}", joined(&info.detectors))?;
            writeln!(out, "  config:")?;
            for key in &info.config {
                let default = key
                    .default
                    .as_deref()
                    .map(|d| format!(", default {d}"))
                    .unwrap_or_default();
                let required = if key.required { ", required" } else { "" };
                writeln!(
                    out,
                    "    {} ({}{required}{}): {}",
                    line(&key.name),
                    key.value_type,
                    line(&default),
                    line(&key.description)
                )?;
            }
            writeln!(out, "  imports:")?;
            for import in &inspection.imports {
                writeln!(out, "    {}", line(import))?;
            }
            writeln!(out, "  exports:")?;
            for export in &inspection.exports {
                writeln!(out, "    {}", line(export))?;
            }
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn new(name: &str, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    match ops::plugin::new(name, dir) {
        Ok(target) => {
            println!(
                "Created the plugin crate {name} in {}.\nBuild it with:\n  cd {} && cargo build --release --target wasm32-wasip2\nand start in src/lib.rs, fn scan.",
                target.display(),
                target.display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(err) => Ok(super::fail(err)),
    }
}

/// A plugin's list of words (kinds, capabilities, keys), one line.
fn joined(words: &[String]) -> String {
    line(&words.join(", ")).into_owned()
}
