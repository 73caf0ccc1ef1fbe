//! Rendering: the public statement and the internal records, in each
//! output format, as bytes.
//!
//! The statement's facts come from [`crate::statement`], the records' from
//! [`records::Records`]; this module puts them into askama templates
//! (compiled into the binary from `templates/`, see `askama.toml`),
//! [`csv`] or [`xlsx`]. There is one template per format, whatever the
//! language: every word comes from the language's [`words::Words`].
//! HTML templates escape every value as HTML, Markdown templates every value
//! as Markdown ([`markdown::Markdown`]), so a register text can never become
//! markup.
//!
//! **Nothing here touches the filesystem**, and nothing depends on the clock:
//! the same register renders the same bytes in every format.

mod address;
mod cldr;
pub mod csv;
pub mod markdown;
pub mod records;
pub mod sentence;
pub mod statement;
pub mod words;
pub mod xlsx;

use askama::Template;

use crate::statement::{Section, Statement};
use crate::words::{Format, StatementWords, Words};
use ropa_register::model::{Basis, Lang, Storage, ThirdPartyMarketing};
use ropa_register::register::Register;

/// Formats of the public statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementFormat {
    /// A complete standalone HTML page, styles inline, no external resources.
    Html,
    /// The same content without page chrome, for embedding in a site's layout.
    Fragment,
    /// Markdown (CommonMark with GitHub tables) for static-site generators.
    Md,
}

/// Formats of the internal Art. 30 record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordsFormat {
    Html,
    Md,
    Csv,
    Xlsx,
}

/// Why a document could not be produced. Rendering a valid register does
/// not fail in practice: the templates pass on askama's errors, and a
/// workbook can meet Excel's limits.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("XLSX: {0}")]
    Xlsx(#[from] xlsx::XlsxError),
}

/// Renders the public statement of `register` in `lang`.
pub fn statement(
    register: &Register,
    lang: Lang,
    format: StatementFormat,
) -> Result<Vec<u8>, RenderError> {
    let s = Statement::derive(register, lang);
    let words = Words::under(lang, register.organisation.jurisdiction);
    let w = &words.statement;
    let f = &words.format;
    let text = match format {
        StatementFormat::Md => StatementMd {
            s: &s,
            w,
            f,
            html: false,
        }
        .render()?,
        StatementFormat::Fragment => StatementHtml {
            s: &s,
            w,
            f,
            html: true,
        }
        .render()?,
        StatementFormat::Html => {
            let body = StatementHtml {
                s: &s,
                w,
                f,
                html: true,
            }
            .render()?;
            Page {
                s: &s,
                w,
                body: &body,
            }
            .render()?
        }
    };
    Ok(finish(text).into_bytes())
}

/// Renders the internal record of processing activities of `register`.
pub fn records(
    register: &Register,
    lang: Lang,
    format: RecordsFormat,
) -> Result<Vec<u8>, RenderError> {
    let r = records::Records::derive(register, lang);
    match format {
        RecordsFormat::Html => Ok(finish(RecordsHtml { r: &r }.render()?).into_bytes()),
        RecordsFormat::Md => Ok(finish(RecordsMd { r: &r }.render()?).into_bytes()),
        RecordsFormat::Csv => Ok(csv::csv(&r)),
        RecordsFormat::Xlsx => Ok(xlsx::workbook(&r)?),
    }
}

/// Ends a text document with exactly one newline and no trailing blanks on
/// its lines, whatever whitespace the templates left.
fn finish(text: String) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// The statement as an HTML fragment. `w` holds its sentences in the
/// statement's language, `f` how that language writes lists and counts.
#[derive(Template)]
#[template(path = "statement.html")]
struct StatementHtml<'a> {
    s: &'a Statement,
    w: &'a StatementWords,
    f: &'a Format,
    /// Whether links are written as HTML (else as Markdown), for the
    /// macros both templates share.
    html: bool,
}

#[derive(Template)]
#[template(path = "statement.md")]
struct StatementMd<'a> {
    s: &'a Statement,
    w: &'a StatementWords,
    f: &'a Format,
    /// Whether links are written as HTML (else as Markdown), for the
    /// macros both templates share.
    html: bool,
}

/// The page around the statement: `<html lang>`, title, inline styles.
#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    s: &'a Statement,
    w: &'a StatementWords,
    /// The rendered fragment (already escaped).
    body: &'a str,
}

#[derive(Template)]
#[template(path = "records.html")]
struct RecordsHtml<'a> {
    r: &'a records::Records,
}

#[derive(Template)]
#[template(path = "records.md")]
struct RecordsMd<'a> {
    r: &'a records::Records,
}

#[cfg(test)]
mod tests {
    use super::finish;

    #[test]
    fn finish_collapses_blank_runs_and_trailing_space() {
        assert_eq!(finish("a  \n\n\n\nb\n   \nc".into()), "a\n\nb\n\nc\n");
        assert_eq!(finish("\n\na\n".into()), "a\n");
    }
}
