//! `ropa plugin list | inspect | new`: for plugin developers and for a DPO
//! who wants to know what a vendor's plugin asks for before running it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::terminal::{self, line};
use ropa_scan::plugin::{Runtime, Source, bundled, contract, inspect, template};

use super::{EXIT_OK, EXIT_UNREADABLE, OutputFormat};

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
    let runtime = Runtime::with_default_cache().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut infos = Vec::new();
    for b in bundled::BUNDLED {
        let plugin = runtime.load(Source::Bundled(b))?;
        infos.push(plugin.info);
    }
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
    let (source, wasm): (Source, Vec<u8>) = match bundled::find(wanted) {
        Some(b) => (Source::Bundled(b), b.wasm.to_vec()),
        None => {
            let path = PathBuf::from(wanted);
            match ropa_scan::plugin::read_component(&path) {
                Ok(bytes) => (Source::File(path), bytes),
                Err(err) => {
                    eprintln!("error: plugin {}: {err}", line(wanted));
                    return Ok(ExitCode::from(EXIT_UNREADABLE));
                }
            }
        }
    };
    let surface = match contract::check(&wasm) {
        Ok(surface) => surface,
        Err(err) => {
            eprintln!("error: plugin {}: {}", line(wanted), line(&err.to_string()));
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let runtime = Runtime::with_default_cache().map_err(|e| anyhow::anyhow!("{e}"))?;
    let plugin = match runtime.load(source) {
        Ok(plugin) => plugin,
        Err(err) => {
            eprintln!("error: {}", terminal::lines(&err.to_string()));
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let inspection = inspect::inspect(&plugin, surface);
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
    let target = dir.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    match template::create(name, &target) {
        Ok(()) => {
            println!(
                "Created the plugin crate {name} in {}.\nBuild it with:\n  cd {} && cargo build --release --target wasm32-wasip2\nand start in src/lib.rs, fn scan.",
                target.display(),
                target.display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}

/// A plugin's list of words (kinds, capabilities, keys), one line.
fn joined(words: &[String]) -> String {
    line(&words.join(", ")).into_owned()
}
