//! `ropa render statement|records`.
//!
//! Validates first: a register with errors is never rendered (exit 1, the
//! errors on stderr); warnings are summed up in one line and rendering goes
//! on, unless `--strict`. Output goes to stdout or, with `-o`, to a file
//! written whole or not at all (a temporary file beside it, then renamed).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use ropa::open::{History, open};
use ropa::terminal;
use ropa_documents::{self, RecordsFormat, StatementFormat};
use ropa_register::diagnostic::{Severity, render_text};
use ropa_register::model::Date;
use ropa_register::model::Lang;

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The public privacy statement (Art. 13/14).
    Statement(StatementArgs),
    /// The internal record of processing activities (Art. 30(1)).
    Records(RecordsArgs),
}

#[derive(Debug, clap::Args)]
struct StatementArgs {
    /// The language to render.
    #[arg(long, value_enum)]
    lang: LangArg,
    /// A standalone HTML page, an HTML fragment to embed in a site's layout, or Markdown.
    #[arg(long, value_enum, default_value = "html")]
    format: StatementFormatArg,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct RecordsArgs {
    /// The language of the column names and fixed words.
    #[arg(long, value_enum)]
    lang: LangArg,
    /// HTML page, Markdown, CSV (one row per activity and data category) or an
    /// Excel workbook (xlsx, only with -o).
    #[arg(long, value_enum, default_value = "html")]
    format: RecordsFormatArg,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct Common {
    /// Write to FILE instead of standard output; the file is replaced whole
    /// or not at all.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Refuse to render when the register has warnings, too.
    #[arg(long)]
    strict: bool,
    /// Render the register as it was in a past commit: a revision (commit
    /// id, tag, `HEAD~3`) or a day (`2024-05-01`: the last commit on or before it).
    #[arg(long, value_name = "REV|DATE")]
    at: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatementFormatArg {
    Html,
    Fragment,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RecordsFormatArg {
    Html,
    Md,
    Csv,
    Xlsx,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// What to produce, once the arguments are understood.
enum Job {
    Statement(StatementFormat),
    Records(RecordsFormat),
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let (job, lang, common) = match args.what {
        What::Statement(a) => {
            let format = match a.format {
                StatementFormatArg::Html => StatementFormat::Html,
                StatementFormatArg::Fragment => StatementFormat::Fragment,
                StatementFormatArg::Md => StatementFormat::Md,
            };
            (Job::Statement(format), Lang::from(a.lang), a.common)
        }
        What::Records(a) => {
            let format = match a.format {
                RecordsFormatArg::Html => RecordsFormat::Html,
                RecordsFormatArg::Md => RecordsFormat::Md,
                RecordsFormatArg::Csv => RecordsFormat::Csv,
                RecordsFormatArg::Xlsx => RecordsFormat::Xlsx,
            };
            (Job::Records(format), Lang::from(a.lang), a.common)
        }
    };
    if matches!(job, Job::Records(RecordsFormat::Xlsx)) && common.output.is_none() {
        eprintln!(
            "error: an XLSX workbook is binary and is not written to standard output; name a file with -o FILE"
        );
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }
    // Before anything is read or written: a statement written into the
    // register or into `.git` would be taken for one of their files.
    if let Some(path) = &common.output
        && let Err(message) = ropa_history::refuse_protected(path, register)
    {
        eprintln!("error: {message}");
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }

    let opened = match open(register, common.at.as_deref(), History::LastChanged) {
        Ok(opened) => opened,
        Err(err) => {
            eprintln!("error: {}", terminal::lines(&err.to_string()));
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let mut report = opened.report;
    // Unless the register pins it, "last changed" is the day of the last
    // commit that changed something the statement shows.
    if let Some(register) = report.register.as_mut()
        && register.organisation.notice.last_changed.is_none()
    {
        register.organisation.notice.last_changed =
            opened.last_public_change.map(|day| Date(day.to_string()));
    }
    let summary = report.summary();
    let blocking: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| common.strict || d.severity == Severity::Error)
        .cloned()
        .collect();
    let Some(register_model) = report.register.as_ref().filter(|_| blocking.is_empty()) else {
        eprint!("{}", terminal::lines(&render_text(&blocking)));
        let strict = if common.strict && summary.warnings > 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        };
        eprintln!(
            "error: {} has {}{strict}; nothing was rendered",
            register.display(),
            counts(summary.errors, summary.warnings, common.strict),
        );
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    if summary.warnings > 0 {
        eprintln!(
            "{} warning{}; run `ropa validate` to see them",
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" }
        );
    }
    let languages = &register_model.organisation.notice.languages;
    if !languages.contains(&lang) {
        eprintln!(
            "error: the statement is not published in {} (organisation.json, notice.languages: {}); its texts are not checked in that language, so nothing was rendered",
            lang.name(),
            languages
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(EXIT_INVALID));
    }

    let rendered = match job {
        Job::Statement(format) => ropa_documents::statement(register_model, lang, format),
        Job::Records(format) => ropa_documents::records(register_model, lang, format),
    };
    let bytes = match rendered {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: rendering failed: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };

    let written = match &common.output {
        Some(path) => ropa_register::atomic::write_atomically(path, &bytes),
        None => write_stdout(&bytes),
    };
    // The process ends here: freeing a large register's memory piece by
    // piece would only add to the command's time.
    std::mem::forget(report);
    match written {
        Ok(()) => Ok(ExitCode::from(EXIT_OK)),
        Err(message) => {
            eprintln!("error: {message}");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}

/// "2 errors and 3 warnings", counting only what blocks rendering.
fn counts(errors: usize, warnings: usize, strict: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if strict && warnings > 0 {
        format!(
            "{} and {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    } else {
        plural(errors, "error")
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(format!("cannot write to standard output: {err}")),
    }
}
