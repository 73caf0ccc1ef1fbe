//! `ropa scan`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use ropa::ops::scan::{Event, Scan};
use ropa::ops::{self, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};
use ropa_scan::plugin::OperatorNotes;

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scan only this system (repeatable); all systems with a scan
    /// configuration when absent.
    #[arg(long = "system", value_name = "ID")]
    systems: Vec<String>,
    /// Run this plugin (`.wasm` component) instead of each system's own.
    #[arg(long, value_name = "PATH.wasm")]
    plugin: Option<PathBuf>,
    /// Systems scanned at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Also write the findings file (JSON) here.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Show every line the plugins logged (by default their warnings and
    /// errors, at most 10 per system). Log lines are shown, never saved.
    #[arg(long)]
    log: bool,
    /// Tell more of each run: every log line, and the CPU time (what the
    /// CPU limit counts), wall-clock time (what the time limit counts),
    /// rows and bytes it took.
    #[arg(short, long)]
    verbose: bool,
    /// After saving, remove all but the newest N saved scans (never one the
    /// register's inventory cites; `ropa scans` manages them); 0 keeps all.
    #[arg(
        long,
        value_name = "N",
        env = "ROPA_KEEP_SCANS",
        default_value_t = ops::scans::DEFAULT_KEEP
    )]
    keep_scans: usize,
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let display = Display::new(std::io::stderr().is_terminal());
    let options = ops::scan::Options {
        scan: ropa_scan::Options {
            systems: args.systems,
            plugin: args.plugin.as_deref(),
            jobs,
            events: Some(display.events()),
        },
        output: args.output.as_deref(),
        keep_scans: (args.keep_scans > 0).then_some(args.keep_scans),
    };
    let scanned = ops::scan::scan(register_dir, &options);
    display.finish();
    let scanned = match scanned {
        Ok(scanned) => scanned,
        Err(err) => return Ok(super::fail(err)),
    };
    match &scanned.saved {
        Ok(path) => eprintln!(
            "findings saved to {} (`ropa gaps` holds them against the register)",
            path.display()
        ),
        Err(err) => eprintln!(
            "warning: could not save the findings for `ropa gaps`: {err} (-o FILE keeps them elsewhere)"
        ),
    }
    match &scanned.pruned {
        Some(Ok(pruned)) if !pruned.removed.is_empty() => eprintln!(
            "removed {} older saved scan(s), {}, keeping the newest {} (--keep-scans; `ropa scans list` shows what is kept)",
            pruned.removed.len(),
            super::show::size(pruned.freed),
            args.keep_scans
        ),
        Some(Ok(pruned)) => {
            for failed in &pruned.failed {
                eprintln!("warning: {}", failed.error);
            }
        }
        Some(Err(err)) => eprintln!("warning: could not prune the saved scans: {err}"),
        None => {}
    }
    if let Some(err) = &scanned.output_failed {
        eprintln!("error: {err}");
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }
    let scan = &scanned.scan;
    let detail = Detail {
        all_log: args.log || args.verbose,
        verbose: args.verbose,
    };
    let mut out = super::output::stdout();
    match args.format {
        OutputFormat::Json => {
            scan.write_json(&mut out)?;
            writeln!(out)?;
            out.flush()?;
            // The findings file is for machines; people (and CI logs) get
            // what the plugins said, which the file never holds.
            let mut to_stderr = |text: &str| {
                eprint!("{text}");
                Ok(())
            };
            let mut sink = Sink::new(&mut to_stderr);
            write_text(scan, detail, &mut sink)?;
            sink.finish()?;
        }
        OutputFormat::Text => {
            let mut to_stdout = |text: &str| out.write_all(text.as_bytes());
            let mut sink = Sink::new(&mut to_stdout);
            write_text(scan, detail, &mut sink)?;
            sink.finish()?;
        }
    }
    let failed = scan.failures();
    Ok(ExitCode::from(if failed == 0 {
        EXIT_OK
    } else if failed < scan.systems().len() {
        EXIT_INVALID
    } else {
        EXIT_UNREADABLE
    }))
}

/// Log lines of a system shown without `--log`: its warnings and errors,
/// at most this many.
const LOG_LINES_SHOWN: usize = 10;

/// The findings per system, for people, with what the plugins said (which
/// the findings file does not keep), written to `sink` a piece at a time:
/// the findings are read back from the scan's spool as they are written.
/// Every string that came from a plugin or a register is made safe for a
/// terminal.
fn write_text(scan: &Scan, detail: Detail, sink: &mut Sink<'_>) -> std::io::Result<()> {
    use ropa::terminal::{line as clean, lines};
    for spooled in scan.systems() {
        let system = &spooled.head;
        let plugin = system
            .plugin
            .as_ref()
            .map(|p| format!("{} {}", p.name, p.version))
            .unwrap_or_else(|| "no plugin".to_owned());
        let notes = &system.operator;
        let secs = notes.elapsed.as_secs_f64();
        let head = match &system.error {
            None => format!(
                "{} ({plugin}, {}): {} findings in {secs:.2} s{}",
                system.system,
                system.kind,
                spooled.count,
                if system.summary.as_ref().is_some_and(|s| s.truncated) {
                    " (stopped early at a limit: the scan is incomplete)"
                } else {
                    ""
                }
            ),
            Some(err) => format!(
                "{} ({plugin}, {}): FAILED after {secs:.2} s: {}",
                system.system, system.kind, err.reason
            ),
        };
        sink.line(&clean(&head))?;
        if let Some(said) = &notes.plugin_said {
            sink.line(&format!("  the plugin said: {}", lines(said)))?;
        }
        for finding in scan.findings(spooled) {
            sink.line(&super::show::finding_line(&finding?, spooled.widest))?;
        }
        write_notes(notes, detail, sink)?;
    }
    let failed = scan.failures();
    let count = scan.systems().len();
    sink.line(&format!(
        "Scanned {count} systems: {} ok, {failed} failed.",
        count - failed
    ))
}

/// How much of a run's notes is told.
#[derive(Debug, Clone, Copy)]
pub(super) struct Detail {
    /// Every log line, not only warnings and errors (at most 10).
    pub all_log: bool,
    /// What the run took, besides.
    pub verbose: bool,
}

/// What a run tells the operator besides its findings and never saves:
/// what it took (`verbose`), capabilities it was refused, its log, and what
/// the host refused of what it said — findings and log lines apart.
/// Every string from the plugin is made safe for a terminal.
pub(super) fn write_notes(
    notes: &OperatorNotes,
    detail: Detail,
    sink: &mut Sink<'_>,
) -> std::io::Result<()> {
    use ropa::terminal::line as clean;
    if detail.verbose {
        sink.line(&format!(
            "  took {:.2} s wall-clock, {:.2} s CPU; read {} rows, {} bytes",
            notes.elapsed.as_secs_f64(),
            notes.cpu.as_secs_f64(),
            notes.rows_read,
            notes.bytes_read
        ))?;
    }
    if let Some(not_granted) = &notes.not_granted {
        sink.line(&format!("  not granted: {}", clean(not_granted)))?;
    }
    let shown: Vec<_> = notes
        .log
        .iter()
        .filter(|l| detail.all_log || l.level == "warn" || l.level == "error")
        .collect();
    let limit = if detail.all_log {
        usize::MAX
    } else {
        LOG_LINES_SHOWN
    };
    for line in shown.iter().take(limit) {
        sink.line(&format!("  {}: {}", line.level, clean(&line.text)))?;
    }
    if shown.len() > limit {
        sink.line(&format!(
            "  … {} more warnings and errors in the plugin's log (--log or -v shows all)",
            shown.len() - limit
        ))?;
    }
    let refused = &notes.refused;
    if refused.findings > 0 {
        sink.line(&format!(
            "  {} findings refused by the host; the first because {}",
            refused.findings,
            clean(refused.first_finding.as_deref().unwrap_or("?"))
        ))?;
    }
    if refused.log_lines > 0 {
        sink.line(&format!(
            "  {} log lines withheld by the host; the first because {}",
            refused.log_lines,
            clean(refused.first_log_line.as_deref().unwrap_or("?"))
        ))?;
    }
    Ok(())
}

/// Where text goes, in whole lines, a few dozen KiB at a time: a table of a
/// million findings is never one string.
pub(super) struct Sink<'a> {
    buf: String,
    emit: &'a mut dyn FnMut(&str) -> std::io::Result<()>,
}

impl<'a> Sink<'a> {
    const CHUNK: usize = 64 << 10;

    pub(super) fn new(emit: &'a mut dyn FnMut(&str) -> std::io::Result<()>) -> Sink<'a> {
        Sink {
            buf: String::new(),
            emit,
        }
    }

    pub(super) fn line(&mut self, text: &str) -> std::io::Result<()> {
        self.buf.push_str(text);
        self.buf.push('\n');
        if self.buf.len() >= Self::CHUNK {
            (self.emit)(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        (self.emit)(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

/// A progress bar on a terminal, plain lines otherwise.
struct Display {
    bar: Option<indicatif::ProgressBar>,
}

impl Display {
    fn new(terminal: bool) -> Display {
        let bar = terminal.then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} [{pos}/{len}] {wide_msg}")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Display { bar }
    }

    fn events(&self) -> Arc<dyn Fn(Event) + Send + Sync> {
        match self.bar.clone() {
            Some(bar) => Arc::new(move |event| match event {
                Event::Started { system } => {
                    bar.inc_length(1);
                    bar.set_message(format!("{system}: starting"));
                }
                Event::Progress { system, step, .. } => {
                    // The step is the plugin's text.
                    bar.set_message(ropa::terminal::line(&format!("{system}: {step}")).into_owned())
                }
                Event::Finished { system, ok } => {
                    bar.inc(1);
                    if !ok {
                        bar.println(format!("{system}: failed"));
                    }
                }
            }),
            None => Arc::new(|event| {
                if let Event::Finished { system, ok } = event {
                    eprintln!("{system}: {}", if ok { "scanned" } else { "failed" });
                }
            }),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
