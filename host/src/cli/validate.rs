//! `ropa validate`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use ropa::ops;
use ropa::terminal;
use ropa_register::diagnostic::{JsonReport, render_text};

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, OutputFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Count warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Validate the register as it was in a past commit: a revision (commit
    /// id, tag, `HEAD~3`) or a day (`2024-05-01`: the last commit on or before it).
    #[arg(long, value_name = "REV|DATE")]
    at: Option<String>,
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let report = match ops::validate::validate(register, args.at.as_deref()) {
        Ok(report) => report,
        Err(err) => {
            match args.format {
                OutputFormat::Text => eprintln!("error: {}", terminal::lines(&err.to_string())),
                OutputFormat::Json => println!(
                    "{}",
                    // The same shape as a normal report, plus what made it fatal.
                    serde_json::to_string_pretty(&serde_json::json!({
                        "format_version": 1,
                        "register": register.display().to_string(),
                        "strict": args.strict,
                        "ok": false,
                        "summary": { "errors": 0, "warnings": 0, "causes": 0 },
                        "diagnostics": [],
                        "fatal": err.to_string(),
                    }))?
                ),
            }
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let passes = report.passes(args.strict);
    let summary = report.summary();
    let mut out = super::output::stdout();
    match args.format {
        OutputFormat::Text => {
            // The diagnostics quote the register's names, values and lines.
            write!(
                out,
                "{}",
                terminal::lines(&render_text(&report.diagnostics))
            )?;
            if report.register.is_none() && summary.errors > 0 {
                writeln!(
                    out,
                    "note: the legal rules were not checked, because not every file could be loaded; fix the errors above first"
                )?;
            }
            let verdict = if passes { "ok" } else { "FAILED" };
            let strict = if args.strict && summary.warnings > 0 {
                " (--strict: warnings count as errors)"
            } else {
                ""
            };
            // Said only when problems found in many places were shown once.
            let causes = if summary.causes < summary.errors + summary.warnings {
                format!(
                    " (about {} cause{})",
                    summary.causes,
                    if summary.causes == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}: {} error{}, {} warning{}{causes}{strict}: {verdict}",
                register.display(),
                summary.errors,
                if summary.errors == 1 { "" } else { "s" },
                summary.warnings,
                if summary.warnings == 1 { "" } else { "s" },
            )?;
        }
        OutputFormat::Json => {
            let register = register.display().to_string();
            let json = JsonReport {
                format_version: 1,
                register: &register,
                strict: args.strict,
                ok: passes,
                summary,
                diagnostics: &report.diagnostics,
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
    }
    // The process ends here: freeing a large register's memory piece by
    // piece would only add to the command's time.
    std::mem::forget(report);
    Ok(ExitCode::from(if passes { EXIT_OK } else { EXIT_INVALID }))
}
