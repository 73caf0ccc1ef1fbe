//! `ropa plugin list | inspect | new | run`: for plugin developers and for a
//! DPO who wants to know what a vendor's plugin asks for before running it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::ops::plugin::{Source, Trial};
use ropa::ops::{self, EXIT_INVALID, EXIT_OK};
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
    /// Try a plugin on a directory, a SQLite file or a URL, without a
    /// register: it is granted that source and nothing else (no network
    /// unless --http, and then only that URL's host and port), runs with the
    /// default limits (60 s wall-clock, 30 s CPU), and its findings, log
    /// and refusals are printed. Nothing is written: no register entry, no
    /// saved scan.
    Run {
        /// A `.wasm` component, or the name of a bundled plugin.
        #[arg(value_name = "PATH.wasm")]
        plugin: String,
        #[command(flatten)]
        source: SourceArgs,
        /// The plugin's configuration as a JSON object, as a system's
        /// `scan.config` would hold it, e.g. '{"sample-rows": 50}'.
        #[arg(long, value_name = "JSON")]
        config: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Tell more: every log line, and the CPU time, wall-clock time,
        /// rows and bytes the run took.
        #[arg(short, long)]
        verbose: bool,
    },
}

/// The one source a plugin is tried on.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
struct SourceArgs {
    /// Grant this directory, read-only, as the `files` capability's root.
    #[arg(long, value_name = "DIR")]
    files: Option<PathBuf>,
    /// Grant this SQLite database, read-only, as the `sql` capability.
    #[arg(long, value_name = "FILE")]
    sqlite: Option<PathBuf>,
    /// Grant `http` GET on this URL's host and port (a plugin that declares
    /// an `endpoints` key and is given none fetches this URL).
    #[arg(long, value_name = "URL")]
    http: Option<String>,
}

impl SourceArgs {
    fn source(self) -> Source {
        match (self.files, self.sqlite, self.http) {
            (Some(dir), _, _) => Source::Files(dir),
            (_, Some(file), _) => Source::Sqlite(file),
            (_, _, Some(url)) => Source::Http(url),
            // clap requires exactly one of them.
            (None, None, None) => unreachable!("clap requires a source"),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::List { format } => list(format),
        Command::Inspect { plugin, format } => inspect_one(&plugin, format),
        Command::New { name, dir } => new(&name, dir.as_deref()),
        Command::Run {
            plugin,
            source,
            config,
            format,
            verbose,
        } => try_on(
            &plugin,
            &source.source(),
            config.as_deref(),
            format,
            verbose,
        ),
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

fn try_on(
    wanted: &str,
    source: &Source,
    config: Option<&str>,
    format: OutputFormat,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let trial = match ops::plugin::run(wanted, source, config) {
        Ok(trial) => trial,
        Err(err) => return Ok(super::fail(err)),
    };
    let mut out = super::output::stdout();
    match format {
        OutputFormat::Json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&trial_json(&trial, source))?
            )?;
        }
        OutputFormat::Text => {
            let mut emit = |text: &str| out.write_all(text.as_bytes());
            let mut sink = super::scan::Sink::new(&mut emit);
            write_trial(&trial, source, verbose, &mut sink)?;
            sink.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if trial.result.outcome.is_ok() {
        EXIT_OK
    } else {
        EXIT_INVALID
    }))
}

/// A trial for people: a head line, the findings, what the plugin said and
/// what the host refused of it.
fn write_trial(
    trial: &Trial,
    source: &Source,
    verbose: bool,
    sink: &mut super::scan::Sink<'_>,
) -> std::io::Result<()> {
    let result = &trial.result;
    let notes = &result.operator;
    let who = format!(
        "{} {} on {} (kind {}; granted: {})",
        trial.plugin.name,
        trial.plugin.version,
        source.label(),
        trial.kind,
        trial.granted.join(", ")
    );
    let secs = notes.elapsed.as_secs_f64();
    let head = match &result.outcome {
        Ok(summary) => format!(
            "{who}: {} findings in {secs:.2} s{}",
            result.findings.len(),
            if summary.truncated {
                " (stopped early at a limit: the scan is incomplete)"
            } else {
                ""
            }
        ),
        Err(failure) => format!("{who}: FAILED after {secs:.2} s: {}", failure.reason),
    };
    sink.line(&line(&head))?;
    if let Some(said) = &notes.plugin_said {
        sink.line(&format!(
            "  the plugin said: {}",
            ropa::terminal::lines(said)
        ))?;
    }
    let width = result
        .findings
        .iter()
        .map(|f| f.location.chars().count())
        .max()
        .unwrap_or(0);
    for finding in &result.findings {
        sink.line(&super::show::finding_line(finding, width))?;
    }
    let detail = super::scan::Detail {
        all_log: verbose,
        verbose,
    };
    super::scan::write_notes(notes, detail, sink)?;
    sink.line("Nothing was saved: `ropa scan` scans a system of the register.")
}

/// A trial for machines, from the same data as the text.
fn trial_json(trial: &Trial, source: &Source) -> serde_json::Value {
    let result = &trial.result;
    let notes = &result.operator;
    let (summary, error) = match &result.outcome {
        Ok(summary) => (serde_json::to_value(summary).ok(), None),
        Err(failure) => (None, serde_json::to_value(failure).ok()),
    };
    let refused = &notes.refused;
    serde_json::json!({
        "plugin": { "name": trial.plugin.name, "version": trial.plugin.version },
        "source": source.label(),
        "kind": trial.kind,
        "granted": trial.granted,
        "config": trial.config,
        "findings": result.findings,
        "summary": summary,
        "error": error,
        "plugin_said": notes.plugin_said,
        "not_granted": notes.not_granted,
        "log": notes.log.iter().map(|l| serde_json::json!({ "level": l.level, "text": l.text })).collect::<Vec<_>>(),
        "refused": {
            "findings": refused.findings,
            "first_finding": refused.first_finding,
            "log_lines": refused.log_lines,
            "first_log_line": refused.first_log_line,
        },
        "took": {
            "wall_seconds": notes.elapsed.as_secs_f64(),
            "cpu_seconds": notes.cpu.as_secs_f64(),
            "rows": notes.rows_read,
            "bytes": notes.bytes_read,
        },
    })
}

/// A plugin's list of words (kinds, capabilities, keys), one line.
fn joined(words: &[String]) -> String {
    line(&words.join(", ")).into_owned()
}
