//! The register's texts for the public, found by walking its files rather
//! than listed: a localised text (`{"nl": …, "en": …}`), a law (a plain
//! string, or `{name: {…}, identifier, url}` whose name is a localised
//! text), and the value of a channel that has no label to show instead.
//! Every such text in the parts the statement is owed is public **by
//! default**: a new text field fails the test until the statement tells it
//! or [`RECORDS_ONLY`] says why it need not.
//!
//! The parts the statement is owed: `organisation.json`; the public
//! activities (of a processor's activity only its name and for whom); the
//! categories, subjects and recipients those activities use.
//!
//! Plain strings that are references or codes (`owner`, `lia_ref`,
//! `agreement_ref`, `tia_ref`, `proof_location`, ids, DPV ids) are not texts
//! for the public and are never collected; the structured facts among the
//! codes are `structured`'s.

use std::collections::BTreeSet;

use ropa_register::model::Lang;
use serde_json::Value;

use super::{Fact, Kind, Register, Used, is_processors, is_public};

/// Texts the statement does not tell, each verified against the derivation
/// (`crates/documents/src/statement/`) and `templates/statement.*`, with
/// why: `(file, pointer, why)`. A pointer covers everything under it; `*`
/// stands for any one step (an index, a key), in a file name for any name.
const RECORDS_ONLY: &[(&str, &str, &str)] = &[
    (
        "*",
        "/known_gaps",
        "notes for the DPO on gaps the register knows of; validation reads them",
    ),
    (
        "organisation.json",
        "/security_measures",
        "Art. 30(1)(g): the records' column; a statement does not publish them",
    ),
    (
        "organisation.json",
        "/representative_exemption",
        "the Art. 27(2) assessment behind having no representative: records only",
    ),
    (
        "organisation.json",
        "/supervisory_authority/url",
        "a page: the statement links to it (`links` checks the href) and shows it without its scheme",
    ),
    (
        "organisation.json",
        "/also_under/*/supervisory_authority/url",
        "a page: the statement links to it (`links` checks the href) and shows it without its scheme",
    ),
    (
        "activities/*",
        "/name",
        "the statement tells purposes, not activities: it names one only to tell apart two \
         retention rules of one category, or as taking automated decisions (a processor's \
         activity, named, is `PROCESSOR_TOLD`)",
    ),
    (
        "activities/*",
        "/description",
        "the records' description of the activity; the statement describes its purposes",
    ),
    (
        "activities/*",
        "/information_exemption",
        "the Art. 14(5) assessment: records only",
    ),
    (
        "activities/*",
        "/security_measures",
        "Art. 30(1)(g): records only",
    ),
    (
        "activities/*",
        "/dpia",
        "the Art. 35 assessment: records only",
    ),
    ("activities/*", "/review", "review dates: records only"),
    (
        "subjects.json",
        "/subjects/*/label",
        "the statement speaks to the reader and lists no categories of data subjects; the \
         records do (it tells a subject's `informed_via` with its source)",
    ),
    (
        "systems/*",
        "",
        "systems are for the records and scans; where they keep data outside the territory \
         is a structured fact (`structured`)",
    ),
];

/// All a statement tells of an activity carried out for other controllers.
const PROCESSOR_TOLD: &[&str] = &["/name", "/processing_for/controllers"];

/// Keys whose plain string value is a law (`"art. 52 AWR"`).
const LAW_KEYS: &[&str] = &["designated_by", "legal_reference", "law"];

/// Keys of a localised text that names something rather than telling it:
/// the sentences around it are the statement's own, so it counts as a
/// structured fact in the shares.
const NAME_KEYS: &[&str] = &["name", "label", "short_name", "title"];

/// Every text of `register` for the public, in `lang`.
pub(super) fn public(register: &Register, lang: Lang) -> Vec<Fact> {
    let used = register.used();
    let mut out = Vec::new();
    for (file, value) in &register.files {
        let mut found = Vec::new();
        walk(value, String::new(), lang, &mut found);
        out.extend(
            found
                .into_iter()
                .filter(|(pointer, _, _)| owed(&used, file, value, pointer))
                .map(|(pointer, text, kind)| Fact {
                    file: file.clone(),
                    pointer,
                    text,
                    kind,
                }),
        );
    }
    out
}

/// Whether the statement owes its reader the text at `pointer` of `file`.
fn owed(used: &Used, file: &str, value: &Value, pointer: &str) -> bool {
    if file.starts_with("activities/") {
        if !is_public(value) {
            return false;
        }
        if is_processors(value) {
            return PROCESSOR_TOLD.iter().any(|p| under(p, pointer));
        }
    }
    let records_only = RECORDS_ONLY
        .iter()
        .any(|(f, p, _)| matches(f, file) && under(p, pointer));
    !records_only
        && match file {
            "categories.json" => in_use(value, pointer, "categories", &used.categories),
            "subjects.json" => in_use(value, pointer, "subjects", &used.subjects),
            "recipients.json" => in_use(value, pointer, "recipients", &used.recipients),
            _ => true,
        }
}

/// For a catalogue (`/categories/3/…`): whether the entry `pointer` lies in
/// is one a told activity uses. Outside the list, everything is.
fn in_use(value: &Value, pointer: &str, list: &str, used: &BTreeSet<String>) -> bool {
    let mut steps = pointer.split('/').skip(1);
    if steps.next() != Some(list) {
        return true;
    }
    let Some(index) = steps.next().and_then(|i| i.parse::<usize>().ok()) else {
        return true;
    };
    value[list][index]["id"]
        .as_str()
        .is_some_and(|id| used.contains(id))
}

/// Collects `(pointer, text, kind)` for every text for the public in
/// `value`, in `lang`.
fn walk(value: &Value, pointer: String, lang: Lang, out: &mut Vec<(String, String, Kind)>) {
    let key = pointer.rsplit('/').next().unwrap_or_default();
    if is_localised(value) {
        if let Some(text) = value.get(lang.code()).and_then(Value::as_str) {
            let kind = if NAME_KEYS.contains(&key) {
                Kind::Structured
            } else {
                Kind::Free
            };
            out.push((pointer, text.to_owned(), kind));
        }
        return;
    }
    match value {
        Value::String(law) if LAW_KEYS.contains(&key) => {
            out.push((pointer, law.clone(), Kind::Structured));
        }
        Value::Object(map) => {
            // A channel shows its label where it has one, else its value.
            if let (Some(_), Some(Value::String(v)), None) =
                (map.get("kind"), map.get("value"), map.get("label"))
            {
                out.push((format!("{pointer}/value"), v.clone(), Kind::Structured));
            }
            for (k, v) in map {
                walk(v, format!("{pointer}/{}", escape(k)), lang, out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                walk(v, format!("{pointer}/{i}"), lang, out);
            }
        }
        _ => {}
    }
}

/// A text written per language: an object whose keys are all language codes.
fn is_localised(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        !map.is_empty()
            && map
                .iter()
                .all(|(k, v)| Lang::from_code(k).is_some() && v.is_string())
    })
}

/// A key as a JSON pointer writes it (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether the file `name` matches `pattern`: `*` alone for any file, a
/// `*` step for any name in its folder.
fn matches(pattern: &str, name: &str) -> bool {
    pattern == "*"
        || (pattern.split('/').count() == name.split('/').count()
            && pattern
                .split('/')
                .zip(name.split('/'))
                .all(|(p, n)| p == "*" || p == n))
}

/// Whether `pointer` is at or under `pattern` (`*`: any one step).
fn under(pattern: &str, pointer: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').collect();
    let n: Vec<&str> = pointer.split('/').collect();
    n.len() >= p.len() && p.iter().zip(&n).all(|(p, n)| *p == "*" || p == n)
}
