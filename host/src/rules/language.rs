//! Translations (V40): every public text exists, non-empty, in every
//! language the statement is published in, so the renders of all languages
//! carry the same sections and items.

use serde::Serialize;
use serde_json::Value;

use super::{Findings, Rule};
use crate::model::Lang;
use crate::register::{FileRef, Register};

pub(super) fn check(register: &Register, out: &mut Findings) {
    let languages = &register.organisation.notice.languages;
    walk_file(
        out,
        languages,
        &FileRef::Organisation,
        &register.organisation,
    );
    walk_file(out, languages, &FileRef::Categories, &register.categories);
    walk_file(out, languages, &FileRef::Subjects, &register.subjects);
    walk_file(out, languages, &FileRef::Recipients, &register.recipients);
    for (id, activity) in &register.activities {
        walk_file(out, languages, &FileRef::Activity(id.clone()), activity);
    }
}

fn walk_file(out: &mut Findings, languages: &[Lang], file: &FileRef, content: &impl Serialize) {
    // The serialised model has the file's own shape, so pointers into it
    // are pointers into the file.
    let value = serde_json::to_value(content).expect("the model serialises");
    walk(out, languages, file, &value, &mut String::new());
}

fn walk(
    out: &mut Findings,
    languages: &[Lang],
    file: &FileRef,
    value: &Value,
    pointer: &mut String,
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
                        .find_map(|l| map.get(l.code()).and_then(Value::as_str))
                        .map(|s| format!(" (the text reads: \"{}\")", shorten(s)))
                        .unwrap_or_default();
                    out.error(
                        Rule::V40,
                        file,
                        pointer.clone(),
                        format!("the {} text is missing{sample}", lang.name()),
                        format!(
                            "add \"{}\": the same text in {}; the statement is published in {}",
                            lang.code(),
                            lang.name(),
                            languages
                                .iter()
                                .map(|l| l.code())
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ),
                    );
                }
            }
        }
        Value::Object(map) => {
            for (key, child) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&crate::span::escape_token(key));
                walk(out, languages, file, child, pointer);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(out, languages, file, child, pointer);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// A localised text is an object whose keys are all language codes. The
/// model has no other object of that shape.
fn is_text(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty() && map.keys().all(|k| Lang::ALL.iter().any(|l| l.code() == k))
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
