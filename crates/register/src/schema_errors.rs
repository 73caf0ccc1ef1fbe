//! Puts JSON Schema errors into words a DPO can act on: which field, what
//! was expected, what the field is for (from the schema's descriptions).

use jsonschema::{ValidationError, error::ValidationErrorKind};
use serde_json::Value;

use crate::schema::resolve_location;
use crate::span::child_pointer;

/// One schema problem, ready to become a diagnostic.
#[derive(Debug)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

/// How many problems [`explain`] makes of `err` when not limited: a list
/// of unknown fields is one problem per field.
pub fn count(err: &ValidationError<'_>) -> usize {
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected.len(),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            match chosen_branch(err, context) {
                Some(errors) if !errors.is_empty() => errors.iter().map(count).sum(),
                _ => 1,
            }
        }
        _ => 1,
    }
}

/// The branch of an `anyOf` worth explaining: `Option<T>` fields are "T or
/// null", so the branch that is not just "not null".
fn chosen_branch<'e, 'a>(
    err: &ValidationError<'_>,
    context: &'e [Vec<ValidationError<'a>>],
) -> Option<&'e Vec<ValidationError<'a>>> {
    context.iter().find(|errors| {
        !errors.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Type { .. })
                && e.instance_path() == err.instance_path()
        })
    })
}

/// The problems `err` stands for, at most `limit` of them (see [`count`]).
pub fn explain(err: &ValidationError<'_>, limit: usize) -> Vec<Problem> {
    let pointer = err.instance_path().as_str().to_owned();
    let keyword = err
        .absolute_keyword_location()
        .map(|u| u.as_str().to_owned())
        .unwrap_or_default();
    let here = describe_place(&pointer);
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = sibling(&keyword, "properties")
                .and_then(Value::as_object)
                .map(|props| props.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            unexpected
                .iter()
                .take(limit)
                .map(|field| {
                    let suggestion = closest(field, &allowed)
                        .map(|s| format!("did you mean \"{s}\"? "))
                        .unwrap_or_default();
                    Problem {
                        pointer: child_pointer(&pointer, field),
                        message: format!("unknown field \"{}\" in {here}", clipped(field, 80)),
                        help: Some(format!(
                            "{suggestion}allowed fields here: {}",
                            allowed.join(", ")
                        )),
                    }
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let description = sibling(&keyword, "properties")
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("description"))
                .and_then(Value::as_str);
            vec![Problem {
                pointer,
                message: format!("missing required field \"{name}\" in {here}"),
                help: Some(match description {
                    Some(d) => format!("add \"{name}\": {}", first_sentence(d)),
                    None => format!("add \"{name}\""),
                }),
            }]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = format!("{kind:?}").to_lowercase();
            let expected = expected
                .trim_start_matches("single(")
                .trim_end_matches(')')
                .to_owned();
            vec![Problem {
                pointer,
                message: format!(
                    "{here} should be {}, not {}",
                    article(&expected),
                    type_name(err.instance())
                ),
                help: described(&keyword),
            }]
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&Value> = options.as_array().into_iter().flatten().collect();
            // Only the same value in other letters is sure to be meant
            // (`nl` for `NL`); among two-letter codes every near one is a
            // different country.
            let meant = err.instance().as_str().and_then(|value| {
                options
                    .iter()
                    .filter_map(|option| option.as_str())
                    .find(|option| option.eq_ignore_ascii_case(value))
            });
            let suggestion = meant
                .map(|m| format!("did you mean \"{m}\"? "))
                .unwrap_or_default();
            // A short list is the best help; a long one (the country codes)
            // is left to the schema's description of the field.
            let help = if options.len() <= 16 {
                let quoted: Vec<String> = options.iter().map(|o| o.to_string()).collect();
                format!("{suggestion}use one of: {}", quoted.join(", "))
            } else {
                match described(&keyword) {
                    Some(d) => format!("{suggestion}{d}"),
                    None => format!(
                        "{suggestion}see the schema for the {} allowed values",
                        options.len()
                    ),
                }
            };
            vec![Problem {
                pointer,
                message: format!(
                    "{} is not an allowed value for {here}",
                    short(err.instance())
                ),
                help: Some(help),
            }]
        }
        ValidationErrorKind::Pattern { .. } if pointer == "/$schema" => {
            let expected = keyword_schema_name(&keyword);
            vec![Problem {
                pointer,
                message: format!(
                    "this file links the schema {}, which is not the schema for this kind of file",
                    short(err.instance())
                ),
                help: Some(format!(
                    "link {expected}, e.g. \"$schema\": \"../schemas/{expected}\" (one more ../ in activities/ and systems/)"
                )),
            }]
        }
        ValidationErrorKind::Pattern { .. } => vec![Problem {
            pointer,
            message: format!("{} is not a valid value for {here}", short(err.instance())),
            help: described(&keyword)
                .or_else(|| Some(format!("the value must match {}", err.schema_path()))),
        }],
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MinItems { .. } => {
            vec![Problem {
                pointer,
                message: format!("{here} must not be empty"),
                help: described(&keyword),
            }]
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // `Option<T>` fields are "T or null": report why the value is not a T.
            match chosen_branch(err, context) {
                Some(errors) if !errors.is_empty() => {
                    let mut problems = Vec::new();
                    for e in errors {
                        if problems.len() >= limit {
                            break;
                        }
                        problems.extend(explain(e, limit - problems.len()));
                    }
                    problems
                }
                _ => vec![Problem {
                    pointer,
                    message: format!("{here} has an unexpected value {}", short(err.instance())),
                    help: described(&keyword),
                }],
            }
        }
        _ => vec![Problem {
            pointer,
            // The library's message quotes the whole value, which may be
            // the whole file.
            message: format!("{here}: {}", clipped(err, 200)),
            help: described(&keyword),
        }],
    }
}

/// A value as JSON, cut short after some 60 characters: a message quotes
/// the value, which may be a string of megabytes.
fn short(value: &Value) -> String {
    clipped(value, 60)
}

/// `shown`'s text, cut after about `max` bytes (on a character boundary)
/// without writing the rest.
fn clipped(shown: &impl std::fmt::Display, max: usize) -> String {
    struct Bounded {
        text: String,
        max: usize,
    }
    impl std::fmt::Write for Bounded {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let room = self.max - self.text.len();
            if s.len() <= room {
                self.text.push_str(s);
                return Ok(());
            }
            let mut end = room;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            self.text.push_str(&s[..end]);
            // Stops the formatting: nothing more is wanted.
            Err(std::fmt::Error)
        }
    }
    let mut out = Bounded {
        text: String::new(),
        max,
    };
    match std::fmt::write(&mut out, format_args!("{shown}")) {
        Ok(()) => out.text,
        Err(_) => out.text + "…",
    }
}

/// The schema file a keyword location belongs to, e.g. `activity.schema.json`.
fn keyword_schema_name(keyword_uri: &str) -> String {
    let doc = keyword_uri.split('#').next().unwrap_or_default();
    doc.rsplit('/').next().unwrap_or_default().to_owned()
}

/// "in /purposes/0" reads badly; "in purposes[0]" or "at the top level" reads well.
fn describe_place(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the file's top level".to_owned();
    }
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            // A key can be megabytes long; the place only needs its start.
            out.push_str(&clipped(&token, 40));
        }
    }
    format!("\"{out}\"")
}

/// The schema keyword's sibling, e.g. the `properties` next to an `additionalProperties`.
fn sibling(keyword_uri: &str, name: &str) -> Option<&'static Value> {
    let parent = keyword_uri.rsplit_once('/')?.0;
    resolve_location(&format!("{parent}/{name}"))
}

/// The description of the schema that holds the failing keyword.
fn described(keyword_uri: &str) -> Option<String> {
    sibling(keyword_uri, "description")
        .and_then(Value::as_str)
        .map(|d| first_sentence(d).to_owned())
}

fn first_sentence(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or(text).trim()
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn article(json_type: &str) -> String {
    match json_type {
        "object" => "an object".to_owned(),
        "array" => "a list".to_owned(),
        "boolean" => "true or false".to_owned(),
        "integer" => "a whole number".to_owned(),
        other => format!("a {other}"),
    }
}

/// The allowed name closest to a misspelt one, if it is close enough to be
/// a typo. Case is ignored (`Retention` → `retention`) and a swap of two
/// neighbours counts as one edit (`Usernmae` → `Username`).
pub(crate) fn closest<'a, S: AsRef<str> + ?Sized + 'a>(
    name: &str,
    allowed: impl IntoIterator<Item = &'a S>,
) -> Option<&'a str> {
    let name = name.to_lowercase();
    allowed
        .into_iter()
        .map(AsRef::as_ref)
        // A typo keeps the length; a far longer name is no typo, and its
        // distance would cost its length times the candidate's.
        .filter(|candidate| name.len() <= 2 * candidate.len() + 8)
        .map(|candidate| {
            let d = strsim::osa_distance(&name, &candidate.to_lowercase());
            (d, candidate)
        })
        .filter(|(d, candidate)| *d <= 2.max(candidate.len() / 4))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_like_paths() {
        assert_eq!(describe_place(""), "the file's top level");
        assert_eq!(
            describe_place("/purposes/0/legal_bases"),
            "\"purposes[0].legal_bases\""
        );
    }

    #[test]
    fn long_values_are_quoted_short() {
        let long = Value::String("é".repeat(1_000_000));
        let shown = short(&long);
        assert!(shown.starts_with("\"éé") && shown.ends_with('…'), "{shown}");
        assert!(shown.len() <= 64, "{}", shown.len());
        assert_eq!(short(&Value::from("ok")), "\"ok\"");
    }

    #[test]
    fn typos_find_their_field() {
        let allowed = vec![
            "retention".to_owned(),
            "recipients".to_owned(),
            "purposes".to_owned(),
        ];
        assert_eq!(closest("retentoin", &allowed), Some("retention"));
        assert_eq!(closest("Recipients", &allowed), Some("recipients"));
        assert_eq!(closest("colour", &allowed), None);
    }
}
