//! `ropa scan`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use ropa::open::{History, open};
use ropa::scan::{self, Event, FindingsFile, Options};

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, OutputFormat};

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
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let report = match open(register_dir, None, History::Skip) {
        Ok(opened) => opened.report,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    // Scanning an invalid register would scan systems whose grants were
    // never checked.
    let Some(register) = report.register.as_ref().filter(|_| report.passes(false)) else {
        eprint!("{}", ropa::diagnostic::render_text(&report.diagnostics));
        eprintln!("error: the register has errors; fix them before scanning");
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let display = Display::new(std::io::stderr().is_terminal());
    let events = display.events();
    let options = Options {
        systems: args.systems,
        plugin: args.plugin.as_deref(),
        jobs,
        events: Some(events),
    };
    let file = match scan::scan(register, register_dir, &options) {
        Ok(file) => file,
        Err(err) => {
            display.finish();
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    display.finish();
    match scan::store::save(register_dir, &file) {
        Ok(path) => eprintln!(
            "findings saved to {} (`ropa gaps` holds them against the register)",
            path.display()
        ),
        Err(err) => eprintln!(
            "warning: could not save the findings for `ropa gaps`: {err} (-o FILE keeps them elsewhere)"
        ),
    }
    if let Some(path) = &args.output {
        let json = serde_json::to_vec_pretty(&file)?;
        if let Err(err) = ropa::atomic::write_atomically(path, &json) {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&file)?)?,
        OutputFormat::Text => write!(out, "{}", text(&file))?,
    }
    let failed = file.failures();
    Ok(ExitCode::from(if failed == 0 {
        EXIT_OK
    } else if failed < file.systems.len() {
        EXIT_INVALID
    } else {
        EXIT_UNREADABLE
    }))
}

/// The findings per system, for people.
fn text(file: &FindingsFile) -> String {
    let mut out = String::new();
    for system in &file.systems {
        let plugin = system
            .plugin
            .as_ref()
            .map(|p| format!("{} {}", p.name, p.version))
            .unwrap_or_else(|| "no plugin".to_owned());
        let secs = system.elapsed_ms as f64 / 1000.0;
        match &system.error {
            None => out.push_str(&format!(
                "{} ({plugin}, {}): {} findings in {secs:.2} s{}\n",
                system.system,
                system.kind,
                system.findings.len(),
                if system.summary.as_ref().is_some_and(|s| s.truncated) {
                    " (stopped early at a limit: the scan is incomplete, see its log)"
                } else {
                    ""
                }
            )),
            Some(err) => out.push_str(&format!(
                "{} ({plugin}, {}): FAILED after {secs:.2} s: {}\n",
                system.system, system.kind, err.reason
            )),
        }
        let width = system
            .findings
            .iter()
            .map(|f| f.location.len())
            .max()
            .unwrap_or(0);
        for f in &system.findings {
            out.push_str(&format!(
                "  {:width$}  {:24}  {:.2}  {:>5}/{:<5}  {}\n",
                f.location, f.category, f.confidence, f.matches, f.sampled, f.detector
            ));
        }
        if system.summary.as_ref().is_some_and(|s| s.truncated) {
            for line in system
                .log
                .iter()
                .filter(|l| l.level == "warn" || l.level == "error")
            {
                out.push_str(&format!("  {}: {}\n", line.level, line.text));
            }
        }
        if system.refused > 0 {
            out.push_str(&format!(
                "  {} findings refused by the host; the first because {}\n",
                system.refused,
                system.first_refusal.as_deref().unwrap_or("?")
            ));
        }
    }
    let failed = file.failures();
    out.push_str(&format!(
        "Scanned {} systems: {} ok, {failed} failed.\n",
        file.systems.len(),
        file.systems.len() - failed
    ));
    out
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
                    bar.set_message(format!("{system}: {step}"))
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
