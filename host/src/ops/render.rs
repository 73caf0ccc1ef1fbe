//! `render`: the public statement or the internal records, as bytes, from
//! a register with no errors.

use std::path::Path;

use ropa_documents::{RecordsFormat, StatementFormat};
use ropa_register::diagnostic::Severity;
use ropa_register::model::{Date, Lang};
use ropa_register::validate::Report;

use super::{Error, History, open};

/// Which document, in which format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Statement(StatementFormat),
    Records(RecordsFormat),
}

#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub document: Document,
    pub lang: Lang,
    /// Refuse a register with warnings, too.
    pub strict: bool,
    /// Render the register as it was at this revision or day.
    pub at: Option<&'a str>,
    /// Also write the bytes to this file, whole or not at all. It is
    /// refused before anything is read when it lies inside the register or
    /// its repository's git directory.
    pub output: Option<&'a Path>,
}

#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// The register's warnings (rendered anyway unless `strict`).
    pub warnings: usize,
    /// The register as read and validated, handed back: a process about to
    /// end may skip freeing it piece by piece (`std::mem::forget`).
    pub report: Report,
}

pub fn render(register_dir: &Path, options: &Options<'_>) -> Result<Rendered, Error> {
    if matches!(options.document, Document::Records(RecordsFormat::Xlsx))
        && options.output.is_none()
    {
        return Err(Error::unreadable(
            "an XLSX workbook is binary and is not written to standard output; name a file with -o FILE",
        ));
    }
    // Before anything is read or written: a statement written into the
    // register or into `.git` would be taken for one of their files.
    if let Some(path) = options.output {
        ropa_history::refuse_protected(path, register_dir).map_err(Error::unreadable)?;
    }
    let opened = open(register_dir, options.at, History::LastChanged)
        .map_err(|err| Error::unreadable(err.to_string()))?;
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
        .filter(|d| options.strict || d.severity == Severity::Error)
        .cloned()
        .collect();
    let Some(register) = report.register.as_ref().filter(|_| blocking.is_empty()) else {
        let strict = if options.strict && summary.warnings > 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        };
        return Err(Error::invalid(format!(
            "{} has {}{strict}; nothing was rendered",
            register_dir.display(),
            counts(summary.errors, summary.warnings, options.strict),
        ))
        .with_diagnostics(blocking));
    };
    let languages = &register.organisation.notice.languages;
    if !languages.contains(&options.lang) {
        return Err(Error::invalid(format!(
            "the statement is not published in {} (organisation.json, notice.languages: {}); its texts are not checked in that language, so nothing was rendered",
            options.lang.name(),
            languages
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let rendered = match options.document {
        Document::Statement(format) => ropa_documents::statement(register, options.lang, format),
        Document::Records(format) => ropa_documents::records(register, options.lang, format),
    };
    let bytes = rendered.map_err(|err| Error::unreadable(format!("rendering failed: {err}")))?;
    if let Some(path) = options.output {
        ropa_register::atomic::write_atomically(path, &bytes).map_err(Error::unreadable)?;
    }
    Ok(Rendered {
        bytes,
        warnings: summary.warnings,
        report,
    })
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
