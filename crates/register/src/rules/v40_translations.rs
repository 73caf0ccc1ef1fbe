//! Translations (V40): every public text exists, non-empty, in every
//! language the statement is published in, so the renders of all languages
//! carry the same sections and items.

use serde_json::Value;

use super::declare::rule;
use super::{Finding, Findings, Rule};
use crate::model::Lang;
use crate::register::FileRef;

rule! {
    /// ## What it checks
    /// Every public text (an object whose keys are language codes, such as
    /// `{ "nl": "…", "en": "…" }`) has a non-empty text in every language
    /// `organisation.json` publishes the statement in (`notice.languages`).
    ///
    /// ## Why
    /// Information must be given in a concise, transparent, intelligible
    /// form, using clear and plain language (Art. 12(1)); a reader of the
    /// English statement is owed the same sections, activities, rights and
    /// transfers as a reader of the Dutch one. A missing translation would
    /// silently drop an item from one language only.
    ///
    /// ## Example
    /// ```json
    /// "description": { "nl": "Bestellingen afhandelen" }
    /// ```
    /// in a register published in Dutch and English.
    ///
    /// ## How to fix
    /// Add the same text in the missing language, e.g.
    /// `"en": "Handling orders"`.
    ///
    /// ## Reference
    /// - [§4, row V40](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V40 {
        title: "every public text exists in every published language",
        articles: "Art. 12(1)",
        severity: Error,
        acknowledgeable: false,
        check: Document(check_document),
    }
}

/// Checks one file as written — the parsed JSON, while the loader still has
/// it — so the pointers are the file's own, nothing is serialised again, and
/// the parsed document can be dropped straight after.
pub fn check_document(file: &FileRef, document: &Value, languages: &[Lang]) -> Vec<Finding> {
    let mut out = Findings::default();
    if matches!(file, FileRef::System(_)) {
        // Systems are internal: they hold no public texts.
        return out.0;
    }
    walk(&mut out, languages, file, document, &mut Vec::new());
    out.0
}

/// `path` holds the pointer's tokens; a pointer string is built only for a finding.
fn walk<'a>(
    out: &mut Findings,
    languages: &[Lang],
    file: &FileRef,
    value: &'a Value,
    path: &mut Vec<Token<'a>>,
) {
    match value {
        Value::Object(map) if is_text(map) => {
            for lang in languages {
                let present = map
                    .get(lang.code())
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.trim().is_empty());
                if !present {
                    let sample = languages
                        .iter()
                        .find_map(|l| {
                            map.get(l.code())
                                .and_then(Value::as_str)
                                .filter(|s| !s.trim().is_empty())
                        })
                        .map(|s| format!(" (the text reads: \"{}\")", shorten(s)))
                        .unwrap_or_default();
                    let published: Vec<&str> = languages.iter().map(|l| l.code()).collect();
                    out.error(
                        Rule::V40,
                        file,
                        pointer(path),
                        format!("the {} text is missing{sample}", lang.name()),
                        format!(
                            "add \"{}\": the same text in {}; the statement is published in {}",
                            lang.code(),
                            lang.name(),
                            words(&published)
                        ),
                    );
                }
            }
        }
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Token::Key(key));
                walk(out, languages, file, child, path);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Token::Index(i));
                walk(out, languages, file, child, path);
                path.pop();
            }
        }
        _ => {}
    }
}

enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer(path: &[Token<'_>]) -> String {
    path.iter()
        .map(|t| match t {
            Token::Key(k) => format!("/{}", crate::span::escape_token(k)),
            Token::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// A localised text is an object whose keys are all language codes. The
/// model has no other object of that shape.
fn is_text(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty() && map.keys().all(|k| Lang::from_code(k).is_some())
}

/// "nl and en", "nl, en and de".
fn words(codes: &[&str]) -> String {
    match codes.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => codes.concat(),
    }
}

fn shorten(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
