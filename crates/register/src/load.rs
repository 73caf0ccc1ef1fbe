//! Turns register files into a [`Register`]: JSON syntax, then the schema,
//! then the typed model. Every problem becomes a [`Diagnostic`] that names
//! the file, line and column; nothing panics on bad input.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, MAX_PER_FILE};
use crate::model::Lang;
use crate::model::{
    ActivityFile, CategoriesFile, Id, OrganisationFile, RecipientsFile, SubjectsFile, SystemFile,
};
use crate::register::{FileRef, Register};
use crate::rules::Finding;
use crate::rules::Rule;
use crate::rules::check_document;
use crate::schema;
use crate::source::{FileKind, ReadError, SourceFile, file_diagnostic, hidden, read_register};
use crate::span::{LineIndex, SpanIndex};

/// A register as far as it could be loaded.
#[derive(Debug)]
pub struct Loaded {
    /// `None` when some file could not be parsed or fails its schema; the
    /// semantic rules then do not run.
    pub register: Option<Register>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file read, by relative path, for locating diagnostics.
    pub sources: BTreeMap<String, SourceFile>,
    /// What the rules on files as written (V40 translations, V50
    /// placeholders) found, file by file, while each file's parsed JSON
    /// was at hand.
    pub translation_findings: Vec<Finding>,
}

pub fn load_dir(dir: &Path) -> Result<Loaded, ReadError> {
    let set = read_register(dir)?;
    Ok(load_sources(set.files, set.diagnostics))
}

/// Loads files already read (from disk, or from a git tree). Files are
/// independent, so they are parsed and checked on all cores.
pub fn load_sources(files: Vec<SourceFile>, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    let mut complete = !diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    let languages = published_languages(&files);
    let parts = crate::parallel::map_chunks(&files, 64, |files| load_part(files, &languages));

    let mut organisation = None;
    let mut categories = None;
    let mut subjects = None;
    let mut recipients = None;
    let mut activities = BTreeMap::new();
    let mut systems = BTreeMap::new();
    let mut translation_findings = Vec::new();
    for part in parts {
        complete &= part.complete;
        diagnostics.extend(part.diagnostics);
        translation_findings.extend(part.translation_findings);
        for parsed in part.parsed {
            match parsed {
                Parsed::Organisation(v) => organisation = Some(v),
                Parsed::Categories(v) => categories = Some(v),
                Parsed::Subjects(v) => subjects = Some(v),
                Parsed::Recipients(v) => recipients = Some(v),
                Parsed::Activity(id, v) => {
                    activities.insert(id, *v);
                }
                Parsed::System(id, v) => {
                    systems.insert(id, v);
                }
            }
        }
    }

    let register = match (complete, organisation, categories, subjects, recipients) {
        (true, Some(organisation), Some(categories), Some(subjects), Some(recipients)) => {
            Some(Register {
                organisation,
                categories,
                subjects,
                recipients,
                activities,
                systems,
            })
        }
        _ => None,
    };
    let sources = files.into_iter().map(|f| (f.rel.clone(), f)).collect();
    Loaded {
        register,
        diagnostics,
        sources,
        translation_findings,
    }
}

/// One file, typed. Few of these live at once, so the size difference
/// between variants costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
enum Parsed {
    Organisation(OrganisationFile),
    Categories(CategoriesFile),
    Subjects(SubjectsFile),
    Recipients(RecipientsFile),
    Activity(Id, Box<ActivityFile>),
    System(Id, SystemFile),
}

/// What one worker made of its share of the files.
struct Part {
    parsed: Vec<Parsed>,
    translation_findings: Vec<Finding>,
    diagnostics: Vec<Diagnostic>,
    complete: bool,
}

/// The languages organisation.json says the statement is published in,
/// read ahead of the full load so every worker can check translations; none
/// when it cannot be read (its own diagnostics will say why, and the
/// translations are checked once it reads).
fn published_languages(files: &[SourceFile]) -> Vec<Lang> {
    files
        .iter()
        .find(|f| f.kind == FileKind::Organisation)
        .and_then(|f| serde_json::from_str::<Value>(&f.text).ok())
        .and_then(|v| {
            serde_json::from_value::<Vec<Lang>>(v.pointer("/notice/languages")?.clone()).ok()
        })
        .unwrap_or_default()
}

fn load_part(files: &[SourceFile], languages: &[Lang]) -> Part {
    let mut part = Part {
        parsed: Vec::new(),
        translation_findings: Vec::new(),
        diagnostics: Vec::new(),
        complete: true,
    };
    for file in files {
        let (docs, diags) = (
            Texts {
                languages,
                findings: &mut part.translation_findings,
            },
            &mut part.diagnostics,
        );
        let parsed = match file.kind {
            FileKind::Organisation => parse(file, docs, diags).map(Parsed::Organisation),
            FileKind::Categories => parse(file, docs, diags).map(Parsed::Categories),
            FileKind::Subjects => parse(file, docs, diags).map(Parsed::Subjects),
            FileKind::Recipients => parse(file, docs, diags).map(Parsed::Recipients),
            FileKind::Activity | FileKind::System => match entry_id(file) {
                Err(d) => {
                    diags.push(d);
                    None
                }
                Ok(id) if file.kind == FileKind::Activity => {
                    parse(file, docs, diags).map(|v| Parsed::Activity(id, Box::new(v)))
                }
                Ok(id) => parse(file, docs, diags).map(|v| Parsed::System(id, v)),
            },
        };
        match parsed {
            Some(p) => part.parsed.push(p),
            None => part.complete = false,
        }
    }
    part
}

/// The id of an activity or system is its file name.
fn entry_id(file: &SourceFile) -> Result<Id, Diagnostic> {
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".json");
    let valid = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !stem.starts_with('-');
    if valid {
        Ok(Id(stem.to_owned()))
    } else {
        Err(file_diagnostic(
            Rule::S02,
            &file.rel,
            format!("the file name {stem:?} is not a valid id"),
            Some("name the file after the entry's id: lower-case letters, digits and hyphens, e.g. newsletter-signup.json".to_owned()),
        ))
    }
}

/// Where the translation check reports while a file's JSON is at hand.
struct Texts<'a> {
    languages: &'a [Lang],
    findings: &'a mut Vec<Finding>,
}

/// The file a finding of the document rules (V40, V50) is about.
fn translation_target(file: &SourceFile) -> Option<FileRef> {
    let stem = || {
        Id(file
            .rel
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".json")
            .to_owned())
    };
    match file.kind {
        FileKind::Organisation => Some(FileRef::Organisation),
        FileKind::Categories => Some(FileRef::Categories),
        FileKind::Subjects => Some(FileRef::Subjects),
        FileKind::Recipients => Some(FileRef::Recipients),
        FileKind::Activity => Some(FileRef::Activity(stem())),
        FileKind::System => Some(FileRef::System(stem())),
    }
}

fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    texts: Texts<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let (value, has_duplicates) = match crate::json_value::parse(&file.text) {
        Ok(parsed) => parsed,
        Err(err) => {
            diagnostics.push(syntax_diagnostic(file, &err));
            return None;
        }
    };
    // The parse notices a key written twice; the walk places each one.
    if has_duplicates {
        let duplicates = crate::span::duplicate_keys(&file.text, MAX_PER_FILE);
        if duplicates.total > 0 {
            let lines = LineIndex::new(&file.text);
            for (pointer, offset) in duplicates.found {
                let key = pointer.rsplit('/').next().unwrap_or_default();
                let key = key.replace("~1", "/").replace("~0", "~");
                let d = file_diagnostic(
                    Rule::S01,
                    &file.rel,
                    format!("the key \"{key}\" appears twice in the same object"),
                    Some("a key may appear only once; JSON readers silently keep one of the two, so remove the other".to_owned()),
                );
                diagnostics.push(Diagnostic { pointer, ..d }.locate(&lines, offset));
            }
            let shown = duplicates.total.min(MAX_PER_FILE);
            diagnostics.extend(hidden(Rule::S01, &file.rel, duplicates.total - shown, 0));
            return None;
        }
    }
    let validator = schema::validator(file.kind);
    // `is_valid` stops at the first problem and builds nothing; only an
    // invalid file pays for its errors.
    let mut problems = Vec::new();
    let mut more = 0;
    if !validator.is_valid(&value) {
        // Every error is counted, but only the first ones are put into
        // words and located: the rest are one more diagnostic.
        for err in validator.iter_errors(&value) {
            let count = crate::schema_errors::count(&err);
            if problems.len() < MAX_PER_FILE {
                let explained = crate::schema_errors::explain(&err, MAX_PER_FILE - problems.len());
                more += count.saturating_sub(explained.len());
                problems.extend(explained);
            } else {
                more += count;
            }
        }
    }
    if !problems.is_empty() {
        let spans = SpanIndex::build(&file.text, problems.iter().map(|p| p.pointer.as_str()));
        let lines = LineIndex::new(&file.text);
        for problem in problems {
            let offset = spans.offset(&problem.pointer);
            let d = file_diagnostic(Rule::S02, &file.rel, problem.message, problem.help);
            let d = Diagnostic {
                pointer: problem.pointer,
                ..d
            };
            diagnostics.push(d.locate(&lines, offset));
        }
        diagnostics.extend(hidden(Rule::S02, &file.rel, more, 0));
        return None;
    }
    // The schema and the types agree (a test checks it), so this only fails
    // on what a schema cannot say; report it rather than panic.
    let typed = T::deserialize(&value);
    if typed.is_ok()
        && let Some(target) = translation_target(file)
    {
        texts
            .findings
            .extend(check_document(&target, &value, texts.languages));
    }
    // `value` is dropped here, file by file, so the parsed documents of a
    // large register are never all in memory at once.
    match typed {
        Ok(typed) => Some(typed),
        Err(err) => {
            let d = file_diagnostic(Rule::S02, &file.rel, err.to_string(), None);
            diagnostics.push(d);
            None
        }
    }
}

fn syntax_diagnostic(file: &SourceFile, err: &serde_json::Error) -> Diagnostic {
    let detail = strip_position(&err.to_string());
    let (message, help) = if err.classify() == serde_json::error::Category::Eof {
        (
            format!(
                "the file ends before the JSON is complete ({detail}); it may have been cut off"
            ),
            "check the end of the file: a closing `}`, `]` or `\"` is probably missing".to_owned(),
        )
    } else if detail.contains("trailing comma") {
        (
            format!("invalid JSON: {detail}"),
            "remove the comma after the last item; JSON allows no trailing comma".to_owned(),
        )
    } else if detail.contains("key must be a string") {
        (
            format!("invalid JSON: {detail}"),
            "put field names in double quotes, e.g. \"name\": …".to_owned(),
        )
    } else if detail.contains("trailing characters") {
        (
            format!("invalid JSON: {detail}"),
            "a register file holds exactly one JSON object; remove what follows its closing `}`"
                .to_owned(),
        )
    } else {
        (
            format!("invalid JSON: {detail}"),
            "check the JSON syntax at this place".to_owned(),
        )
    };
    let d = file_diagnostic(Rule::S01, &file.rel, message, Some(help));
    let line = err.line();
    let mut column = char_column(&file.text, line, err.column());
    let mut line = line;
    if detail.contains("trailing comma") {
        // serde_json reports the bracket after the comma; point at the comma.
        if let Some((l, c)) = last_comma_before(&file.text, line, column) {
            (line, column) = (l, c);
        }
    }
    at_line_col(d, &file.text, line, column)
}

/// serde_json counts a column in bytes; a diagnostic counts characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let bytes = &line_text.as_bytes()[..byte_column.min(line_text.len())];
    let within = String::from_utf8_lossy(bytes).chars().count();
    // A column past the line's end (the parser stood on its line break)
    // stays past it by the same amount.
    within + byte_column.saturating_sub(line_text.len())
}

/// The line and column of the last `,` before a 1-based position.
fn last_comma_before(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let in_line: usize = text[line_start..]
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let comma = text[..line_start + in_line].rfind(',')?;
    Some(crate::span::line_col(text, comma))
}

fn at_line_col(mut d: Diagnostic, text: &str, line: usize, column: usize) -> Diagnostic {
    d.line = line;
    d.column = column;
    d.snippet = text
        .lines()
        .nth(line.saturating_sub(1))
        .map(|l| crate::diagnostic::Snippet::new(l, column));
    d
}

/// serde_json appends " at line L column C"; the diagnostic says that itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_error_in(text: &str) -> Diagnostic {
        let file = SourceFile {
            kind: FileKind::Categories,
            rel: "categories.json".to_owned(),
            text: text.to_owned(),
        };
        let err = crate::json_value::parse(text).expect_err("the text is not JSON");
        syntax_diagnostic(&file, &err)
    }

    #[test]
    fn a_syntax_error_after_wide_characters_is_placed_in_characters() {
        // "é" is two bytes: serde_json's column 11 is the 9th character.
        let d = syntax_error_in("{\"één\": x}");
        assert_eq!((d.line, d.column), (1, 9), "{d:?}");
        let snippet = d.snippet.expect("a snippet");
        assert_eq!(snippet.text.chars().nth(snippet.caret), Some('x'));
    }

    #[test]
    fn the_fuzzers_combining_marks_give_a_diagnostic_not_a_panic() {
        // Found by the fuzzer: a line of combining marks whose byte column
        // lies past its last character. The first byte chose the file.
        let input = include_bytes!("../../../fuzz/seeds/register_file/crash-combining-marks");
        let text = String::from_utf8_lossy(&input[1..]);
        let d = syntax_error_in(&text);
        assert_eq!(d.line, 2);
        let snippet = d.snippet.expect("a snippet");
        assert!(snippet.caret <= snippet.text.chars().count());
    }
}
