//! V50: no placeholder that `ropa init` wrote, or a DPO copied, is left in
//! the register.

use serde_json::Value;

use super::declare::rule;
use super::{Finding, Findings, Rule};
use crate::init::{PLACEHOLDER_START, is_placeholder};
use crate::model::Lang;
use crate::register::FileRef;

rule! {
    /// ## What it checks
    /// No string anywhere in any register file (`organisation.json`,
    /// `categories.json`, `subjects.json`, `recipients.json`, every
    /// `activities/*.json` and `systems/*.json`) holds a placeholder: text
    /// that contains `<<FILL IN` (in any case), the form `ropa init` writes
    /// for every value it cannot know, such as
    /// `"<<FILL IN: street and number>>"`. Each placeholder is reported at
    /// its file and JSON pointer.
    ///
    /// ## Why
    /// The statement gives the controller's identity and contact details
    /// (Art. 13(1)(a), 14(1)(a)) and the record names them (Art. 30(1)(a));
    /// information must be accurate (Art. 5(1)(d)) and given in a
    /// transparent, intelligible form (Art. 12(1)). A street called
    /// "Straatnaam 1" or an authority without a name in a published
    /// statement is false information, and nothing else catches it: a
    /// placeholder is a well-formed string. A freshly initialised register
    /// therefore does not validate until every placeholder is replaced.
    /// Integrity, not a gap a DPO can plan to close: it cannot be
    /// acknowledged.
    ///
    /// ## Example
    /// ```json
    /// "address": { "street": "<<FILL IN: street and number>>", … }
    /// ```
    ///
    /// ## How to fix
    /// Replace the placeholder with the real value. Where the field is
    /// optional and has no value, remove it instead.
    ///
    /// ## Reference
    /// - [§4, row V50](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V50 {
        title: "no placeholder is left in the register",
        articles: "Art. 5(1)(d), 12(1), 13(1)(a), 30(1)(a)",
        severity: Error,
        acknowledgeable: false,
        check: Document(check_document),
    }
}

/// Checks one file as written, so that every string is seen, whatever
/// field holds it, and the pointer is the file's own.
pub fn check_document(file: &FileRef, document: &Value, _: &[Lang]) -> Vec<Finding> {
    let mut out = Findings::default();
    walk(&mut out, file, document, &mut String::new());
    out.0
}

/// `pointer` is the place of `value`; it grows and shrinks as the walk
/// descends, so a pointer is copied only for a finding.
fn walk(out: &mut Findings, file: &FileRef, value: &Value, pointer: &mut String) {
    match value {
        Value::String(text) if is_placeholder(text) => {
            let shown = if out.full(file) {
                // Counted, not shown.
                String::new()
            } else {
                format!(
                    "a placeholder is left here: \"{}\"; the statement and the records would print it as it is",
                    short(text)
                )
            };
            out.error(
                Rule::V50,
                file,
                pointer.clone(),
                shown,
                format!(
                    "replace it with the real value (every text containing \"{PLACEHOLDER_START}\" is a placeholder)"
                ),
            );
        }
        Value::Object(map) => {
            for (key, child) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&crate::span::escape_token(key));
                walk(out, file, child, pointer);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                walk(out, file, child, pointer);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn short(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_found_at_its_place() {
        let document = serde_json::json!({
            "controller": { "name": "Real B.V.", "address": { "street": "<<FILL IN: street and number>>" } },
            "notes": ["fine", "see <<fill in>> later"],
            "a/b": "<<FILL IN: x>>",
        });
        let findings = check_document(&FileRef::Organisation, &document, &[]);
        let pointers: Vec<&str> = findings.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/controller/address/street", "/notes/1", "/a~1b"]);
        assert!(findings.iter().all(|f| f.rule == Rule::V50));
        assert!(findings[0].message.contains("<<FILL IN: street and number>>"));
    }

    #[test]
    fn real_text_is_no_placeholder() {
        let document = serde_json::json!({
            "street": "Fill in the form at <https://example.org>", "n": 1, "b": true, "x": null,
            "quote": "«fill in» << not one",
        });
        assert!(check_document(&FileRef::Organisation, &document, &[]).is_empty());
    }
}
