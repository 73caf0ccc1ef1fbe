//! `ropa render statement|records`.
//!
//! The work is `ops::render`: a register with errors is never rendered
//! (exit 1, the errors on stderr); warnings are summed up in one line and
//! rendering goes on, unless `--strict`. Output goes to stdout or, with
//! `-o`, to a file written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Subcommand, ValueEnum};
use ropa::ops::render::{Document, Options};
use ropa::ops::{self, EXIT_OK, EXIT_UNREADABLE};
use ropa_documents::{RecordsFormat, StatementFormat};
use ropa_register::model::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The public privacy statement (Art. 13/14).
    Statement(StatementArgs),
    /// The internal record of processing activities (Art. 30(1)), followed
    /// by the processor's record (Art. 30(2)) of activities carried out for
    /// other controllers, when there are any.
    Records(RecordsArgs),
}

#[derive(Debug, clap::Args)]
struct StatementArgs {
    /// The language to render.
    #[arg(long, value_parser = lang())]
    lang: Lang,
    /// A standalone HTML page, an HTML fragment to embed in a site's layout, or Markdown.
    #[arg(long, value_enum, default_value = "html")]
    format: StatementFormatArg,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct RecordsArgs {
    /// The language of the column names and fixed words.
    #[arg(long, value_parser = lang())]
    lang: Lang,
    /// HTML page, Markdown, CSV (one row per activity and data category; the
    /// processor's record a second table after an empty line) or an Excel
    /// workbook (xlsx, only with -o).
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

/// `--lang`: a language ropa has a word file for; `--help` lists them.
fn lang() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::all().map(Lang::code))
        .map(|code| Lang::from_code(&code).expect("one of the listed languages"))
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

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let (document, lang, common) = match args.what {
        What::Statement(a) => {
            let format = match a.format {
                StatementFormatArg::Html => StatementFormat::Html,
                StatementFormatArg::Fragment => StatementFormat::Fragment,
                StatementFormatArg::Md => StatementFormat::Md,
            };
            (Document::Statement(format), a.lang, a.common)
        }
        What::Records(a) => {
            let format = match a.format {
                RecordsFormatArg::Html => RecordsFormat::Html,
                RecordsFormatArg::Md => RecordsFormat::Md,
                RecordsFormatArg::Csv => RecordsFormat::Csv,
                RecordsFormatArg::Xlsx => RecordsFormat::Xlsx,
            };
            (Document::Records(format), a.lang, a.common)
        }
    };
    let options = Options {
        document,
        lang,
        strict: common.strict,
        at: common.at.as_deref(),
        output: common.output.as_deref(),
    };
    let rendered = match ops::render::render(register, &options) {
        Ok(rendered) => rendered,
        Err(err) => return Ok(super::fail(err)),
    };
    if rendered.warnings > 0 {
        eprintln!(
            "{} warning{}; run `ropa validate` to see them",
            rendered.warnings,
            if rendered.warnings == 1 { "" } else { "s" }
        );
    }
    let written = match &common.output {
        Some(_) => Ok(()),
        None => write_stdout(&rendered.bytes),
    };
    // The process ends here: freeing a large register's memory piece by
    // piece would only add to the command's time.
    std::mem::forget(rendered);
    match written {
        Ok(()) => Ok(ExitCode::from(EXIT_OK)),
        Err(message) => {
            eprintln!("error: {message}");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
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
