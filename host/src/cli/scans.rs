//! `ropa scans list | show | prune`.

use super::show::size;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use ropa::ops::scans::{Listed, PruneOptions, Pruned, Shown};
use ropa::ops::{self, EXIT_OK, EXIT_UNREADABLE};
use ropa::terminal::line;
use ropa_scan::store::Spared;

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the saved scans, newest first: id, start time, systems,
    /// findings, size.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Show a saved scan: per system its plugin and findings.
    Show {
        /// The scan's id, or enough of its beginning to tell it from the
        /// others (`scan-` may be left out); the latest when absent.
        id: Option<String>,
        /// `json` prints the findings file.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Remove old saved scans. The latest is always kept, and so is every
    /// scan the register's inventory names as a source. What a save killed
    /// half-way left behind (an hour-old temporary file) goes too.
    #[command(group(clap::ArgGroup::new("which").required(true).multiple(true)))]
    Prune {
        /// Keep the newest N scans.
        #[arg(long, value_name = "N", group = "which", value_parser = clap::value_parser!(u64).range(1..))]
        keep: Option<u64>,
        /// Remove scans started more than DAYS days ago. With --keep, a
        /// scan goes only when both let it go.
        #[arg(long, value_name = "DAYS", group = "which")]
        older_than: Option<u64>,
        /// Say what would be removed; remove nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(super::output::stdout());
    let code = match args.command {
        Command::List { format } => match ops::scans::list(register_dir) {
            Ok(listed) => {
                match format {
                    OutputFormat::Json => {
                        serde_json::to_writer_pretty(&mut out, &listed)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Text => write!(out, "{}", list_text(&listed))?,
                }
                EXIT_OK
            }
            Err(err) => return Ok(super::fail(err)),
        },
        Command::Show { id, format } => match ops::scans::show(register_dir, id.as_deref()) {
            Ok(shown) => {
                match format {
                    OutputFormat::Json => {
                        serde_json::to_writer_pretty(&mut out, &shown.file)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Text => write!(out, "{}", show_text(&shown))?,
                }
                EXIT_OK
            }
            Err(err) => return Ok(super::fail(err)),
        },
        Command::Prune {
            keep,
            older_than,
            dry_run,
            format,
        } => {
            let options = PruneOptions {
                keep: keep.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                older_than_days: older_than,
                dry_run,
            };
            match ops::scans::prune(register_dir, &options) {
                Ok(pruned) => {
                    match format {
                        OutputFormat::Json => {
                            serde_json::to_writer_pretty(&mut out, &pruned)?;
                            writeln!(out)?;
                        }
                        OutputFormat::Text => write!(out, "{}", prune_text(&pruned))?,
                    }
                    for failed in &pruned.failed {
                        eprintln!("error: {}", line(&failed.error));
                    }
                    if pruned.failed.is_empty() {
                        EXIT_OK
                    } else {
                        EXIT_UNREADABLE
                    }
                }
                Err(err) => return Ok(super::fail(err)),
            }
        }
    };
    out.flush()?;
    Ok(ExitCode::from(code))
}

/// A table, newest first; then how many and how much. Strings read from a
/// file (its start time, an error quoting it) are made safe for a terminal.
fn list_text(listed: &Listed) -> String {
    let dir = listed.dir.display().to_string();
    if listed.scans.is_empty() {
        return format!("No scans saved in {} yet.\n", line(&dir));
    }
    let width = listed
        .scans
        .iter()
        .map(|s| s.saved.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(2);
    let mut out = format!(
        "{:width$}  {:24}  {:>7}  {:>6}  {:>8}  {:>10}\n",
        "ID", "STARTED", "SYSTEMS", "FAILED", "FINDINGS", "SIZE"
    );
    for scan in &listed.scans {
        let latest = if scan.latest { "  latest" } else { "" };
        let row = match (&scan.contents, &scan.error) {
            (Some(c), _) => format!(
                "{:width$}  {:24}  {:>7}  {:>6}  {:>8}  {:>10}{latest}",
                scan.saved.id,
                c.started,
                c.systems,
                c.failed,
                c.findings,
                size(scan.saved.bytes)
            ),
            (None, error) => format!(
                "{:width$}  unreadable: {}{latest}",
                scan.saved.id,
                error.as_deref().unwrap_or("?")
            ),
        };
        out.push_str(&line(&row));
        out.push('\n');
    }
    out.push_str(&format!(
        "{} scan(s), {}, in {}\n",
        listed.scans.len(),
        size(listed.bytes),
        line(&dir)
    ));
    out
}

/// The scan's header, then per system its plugin and findings, as `ropa
/// scan` prints them (without what the plugins said: that is never saved).
fn show_text(shown: &Shown) -> String {
    let file = &shown.file;
    let mut out = format!(
        "Scan {}{}\n  started   {}\n  ropa      {}\n  register  {}\n  file      {} ({})\n",
        line(&file.id),
        if shown.latest { " (latest)" } else { "" },
        line(&file.started),
        line(&file.ropa),
        line(&file.register),
        line(&shown.saved.path.display().to_string()),
        size(shown.saved.bytes)
    );
    let mut findings = 0;
    for system in &file.systems {
        let plugin = system
            .plugin
            .as_ref()
            .map(|p| format!("{} {}", p.name, p.version))
            .unwrap_or_else(|| "no plugin".to_owned());
        let head = match &system.error {
            None => format!(
                "{} ({plugin}, {}): {} findings{}",
                system.system,
                system.kind,
                system.findings.len(),
                if system.summary.as_ref().is_some_and(|s| s.truncated) {
                    " (stopped early at a limit: the scan is incomplete)"
                } else {
                    ""
                }
            ),
            Some(err) => format!(
                "{} ({plugin}, {}): FAILED: {}",
                system.system, system.kind, err.reason
            ),
        };
        out.push_str(&line(&head));
        out.push('\n');
        let width = system
            .findings
            .iter()
            .map(|f| f.location.chars().count())
            .max()
            .unwrap_or(0);
        for finding in &system.findings {
            out.push_str(&super::show::finding_line(finding, width));
            out.push('\n');
        }
        findings += system.findings.len();
    }
    let failed = file.failures();
    out.push_str(&format!(
        "{} systems: {} ok, {failed} failed; {findings} findings.\n",
        file.systems.len(),
        file.systems.len() - failed
    ));
    out
}

/// Each scan removed, each kept against the rules and why, then the total.
fn prune_text(pruned: &Pruned) -> String {
    let verb = if pruned.dry_run {
        "would remove"
    } else {
        "removed"
    };
    let mut out = String::new();
    for scan in &pruned.removed {
        out.push_str(&line(&format!("{verb} {} ({})", scan.id, size(scan.bytes))));
        out.push('\n');
    }
    for stray in &pruned.leftovers {
        out.push_str(&line(&format!(
            "{verb} {} ({}): left by a save that never finished",
            stray.id,
            size(stray.bytes)
        )));
        out.push('\n');
    }
    for scan in &pruned.spared {
        let why = match &scan.spared {
            Spared::Latest => "it is the latest scan".to_owned(),
            Spared::Cited(file) => format!("{file} names it as the source of an inventory entry"),
        };
        out.push_str(&line(&format!("kept {}: {why}", scan.saved.id)));
        out.push('\n');
    }
    // A scan that could not be removed is still kept; a leftover temporary
    // file (`.scan-…`) that could not be removed is no scan.
    let stuck = pruned
        .failed
        .iter()
        .filter(|f| !f.saved.id.starts_with('.'))
        .count();
    let kept = pruned.kept + pruned.spared.len() + stuck;
    out.push_str(&format!(
        "{} {} scan(s), {} {}; {kept} kept in {}.\n",
        if pruned.dry_run {
            "Would remove"
        } else {
            "Removed"
        },
        pruned.removed.len(),
        if pruned.dry_run { "freeing" } else { "freed" },
        size(pruned.freed),
        line(&pruned.dir.display().to_string())
    ));
    out
}
