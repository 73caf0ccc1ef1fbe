//! What changed between two versions of a register, in register terms:
//! "activities/newsletter: purposes\[personalisation\] added", "recipients:
//! recipients\[mailhouse\].countries NL → US". Pure: it compares parsed JSON
//! and knows nothing of git.
//!
//! Each change is marked public when the statement shows the field — a
//! material change people may have to be told about (Art. 13(3), 12(1)).

use ropa_register::model::Lang;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One change in one register file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The register file, relative to the register directory.
    pub file: String,
    /// Where in the file, e.g. `purposes[marketing].legal_bases`; empty for the whole file.
    pub path: String,
    pub kind: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// Whether the public statement shows what changed.
    pub public: bool,
}

/// Fields the statement never shows: the record's own bookkeeping.
const INTERNAL_FIELDS: &[&str] = &[
    "$schema",
    "owner",
    "status",
    "systems",
    "dpia",
    "review",
    "security_measures",
    "lia_ref",
    "proof_location",
    "processing_agreement",
    "parent",
    "authorisation",
    "dpf_certified",
    "tia_ref",
    "dpv",
    "known_gaps",
    "rationale",
    "public_authority",
    "established_in_territory",
    "representative_exemption",
];

/// Compares two versions of one register file (`None` where it does not exist).
/// A version that is not valid JSON compares as opaque text.
pub fn diff_file(rel: &str, old: Option<&str>, new: Option<&str>) -> Vec<Change> {
    let parse = |text: Option<&str>| {
        text.map(|t| {
            serde_json::from_str::<Value>(t).unwrap_or_else(|_| Value::String(t.to_owned()))
        })
    };
    let (old, new) = (parse(old), parse(new));
    let mut changes = Vec::new();
    let context = Context::new(rel, old.as_ref(), new.as_ref());
    match (&old, &new) {
        (None, None) => {}
        (None, Some(v)) => changes.push(context.change(
            String::new(),
            ChangeKind::Added,
            None,
            Some(v.clone()),
            &[],
        )),
        (Some(v), None) => changes.push(context.change(
            String::new(),
            ChangeKind::Removed,
            Some(v.clone()),
            None,
            &[],
        )),
        (Some(a), Some(b)) => walk(&context, &mut Vec::new(), a, b, &mut changes),
    }
    changes
}

/// What decides whether a change is public, beyond the field names.
struct Context<'a> {
    file: &'a str,
    /// Systems are internal throughout; so is an activity that is not public
    /// in either version.
    internal_file: bool,
    /// Recipients whose name the statement shows.
    published_names: Vec<String>,
}

impl<'a> Context<'a> {
    fn new(file: &'a str, old: Option<&Value>, new: Option<&Value>) -> Context<'a> {
        let versions = [old, new];
        let internal_file = file.starts_with("systems/")
            || (file.starts_with("activities/")
                && versions
                    .iter()
                    .flatten()
                    .all(|v| v.get("public").and_then(Value::as_bool) == Some(false)));
        let published_names = versions
            .iter()
            .flatten()
            .filter_map(|v| v.get("recipients").and_then(Value::as_array))
            .flatten()
            .filter(|r| r.get("publish_name").and_then(Value::as_bool) == Some(true))
            .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
            .collect();
        Context {
            file,
            internal_file,
            published_names,
        }
    }

    fn change(
        &self,
        path: String,
        kind: ChangeKind,
        old: Option<Value>,
        new: Option<Value>,
        segments: &[Segment],
    ) -> Change {
        Change {
            file: self.file.to_owned(),
            public: self.is_public(segments),
            path,
            kind,
            old,
            new,
        }
    }

    fn is_public(&self, segments: &[Segment]) -> bool {
        if segments.first().is_some_and(|s| s.key() == Some("public"))
            && self.file.starts_with("activities/")
        {
            return true;
        }
        if self.internal_file {
            return false;
        }
        if segments
            .iter()
            .any(|s| s.key().is_some_and(|k| INTERNAL_FIELDS.contains(&k)))
        {
            return false;
        }
        // A recipient's name is shown only when the register says to publish it.
        if let [
            Segment::Key(list),
            Segment::Item(id),
            Segment::Key(field),
            ..,
        ] = segments
            && list == "recipients"
            && field == "name"
            && self.file == "recipients.json"
        {
            return self.published_names.contains(id);
        }
        true
    }
}

#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    /// An array element matched by its id (or category, recipient …).
    Item(String),
    Index(usize),
}

impl Segment {
    fn key(&self) -> Option<&str> {
        match self {
            Segment::Key(k) => Some(k),
            _ => None,
        }
    }
}

fn path_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Item(id) => out.push_str(&format!("[{id}]")),
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn walk(
    context: &Context,
    path: &mut Vec<Segment>,
    old: &Value,
    new: &Value,
    out: &mut Vec<Change>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if !is_text(a) && !is_text(b) => {
            let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
            for key in keys {
                path.push(Segment::Key(key.clone()));
                pair(context, path, a.get(key), b.get(key), out);
                path.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) => walk_array(context, path, a, b, out),
        _ => out.push(context.change(
            path_text(path),
            ChangeKind::Changed,
            Some(old.clone()),
            Some(new.clone()),
            path,
        )),
    }
}

fn walk_array(
    context: &Context,
    path: &mut Vec<Segment>,
    a: &[Value],
    b: &[Value],
    out: &mut Vec<Change>,
) {
    let keyed = |items: &[Value]| -> Option<Vec<String>> { items.iter().map(item_key).collect() };
    if let (Some(ka), Some(kb)) = (keyed(a), keyed(b)) {
        // Elements with identities: match them up, whatever their order.
        for (j, key) in kb.iter().enumerate() {
            path.push(Segment::Item(key.clone()));
            let old = ka.iter().position(|k| k == key).map(|i| &a[i]);
            pair(context, path, old, Some(&b[j]), out);
            path.pop();
        }
        for (i, key) in ka.iter().enumerate() {
            if !kb.contains(key) {
                path.push(Segment::Item(key.clone()));
                pair(context, path, Some(&a[i]), None, out);
                path.pop();
            }
        }
    } else if a.iter().chain(b).all(|v| !v.is_object() && !v.is_array()) {
        // A list of ids or codes is a set: say what joined and what left.
        let removed: Vec<Value> = a.iter().filter(|v| !b.contains(v)).cloned().collect();
        let added: Vec<Value> = b.iter().filter(|v| !a.contains(v)).cloned().collect();
        if removed.is_empty() && added.is_empty() {
            return; // only the order changed
        }
        let old = (!removed.is_empty()).then(|| Value::Array(removed));
        let new = (!added.is_empty()).then(|| Value::Array(added));
        let kind = match (&old, &new) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        out.push(context.change(path_text(path), kind, old, new, path));
    } else {
        for i in 0..a.len().max(b.len()) {
            path.push(Segment::Index(i));
            pair(context, path, a.get(i), b.get(i), out);
            path.pop();
        }
    }
}

/// One place that exists in either version or both.
fn pair(
    context: &Context,
    path: &mut Vec<Segment>,
    old: Option<&Value>,
    new: Option<&Value>,
    out: &mut Vec<Change>,
) {
    match (old, new) {
        (Some(x), Some(y)) => walk(context, path, x, y, out),
        (None, Some(y)) => out.push(context.change(
            path_text(path),
            ChangeKind::Added,
            None,
            Some(y.clone()),
            path,
        )),
        (Some(x), None) => out.push(context.change(
            path_text(path),
            ChangeKind::Removed,
            Some(x.clone()),
            None,
            path,
        )),
        (None, None) => {}
    }
}

/// The identity of an array element, when it has one.
fn item_key(value: &Value) -> Option<String> {
    let obj = value.as_object()?;
    let field = |name: &str| obj.get(name).and_then(Value::as_str);
    if let Some(id) = field("id") {
        return Some(id.to_owned());
    }
    if let (Some(recipient), Some(country)) = (field("recipient"), field("country")) {
        return Some(format!("{recipient}→{country}"));
    }
    field("category")
        .or_else(|| field("location"))
        .map(str::to_owned)
}

fn is_text(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty() && map.keys().all(|k| Lang::from_code(k).is_some())
}

/// A value, short enough for one line.
pub fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(items) if items.iter().all(|v| v.is_string()) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        // The text in the first language the register writes it in.
        Value::Object(map) if is_text(map) => map.values().next().map(short).unwrap_or_default(),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}

/// The old and new value, short; for a localised text, the language that changed.
pub fn values(old: &Value, new: &Value) -> (String, String) {
    if let (Some(a), Some(b)) = (old.as_object(), new.as_object())
        && is_text(a)
        && is_text(b)
    {
        // The languages in the order the register writes them.
        let langs = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
        for lang in langs {
            if a.get(lang) != b.get(lang) {
                let side = |v: Option<&Value>| {
                    v.map(short)
                        .map_or_else(|| "(none)".to_owned(), |s| format!("{lang}: {s}"))
                };
                return (side(a.get(lang)), side(b.get(lang)));
            }
        }
    }
    (short(old), short(new))
}

/// One change as a phrase: `purposes[marketing] added`, `countries NL → US`.
pub fn describe(change: &Change) -> String {
    let what = if change.path.is_empty() {
        "file".to_owned()
    } else {
        change.path.clone()
    };
    match (change.kind, &change.old, &change.new) {
        (ChangeKind::Added, _, Some(new)) if !new.is_object() => {
            format!("{what} added {}", short(new))
        }
        (ChangeKind::Added, ..) => format!("{what} added"),
        (ChangeKind::Removed, Some(old), _) if !old.is_object() => {
            format!("{what} removed {}", short(old))
        }
        (ChangeKind::Removed, ..) => format!("{what} removed"),
        (ChangeKind::Changed, Some(old), Some(new)) => {
            let (old, new) = values(old, new);
            format!("{what} {old} → {new}")
        }
        (ChangeKind::Changed, ..) => format!("{what} changed"),
    }
}

/// A one-line summary of many changes, grouped by file:
/// `activities/newsletter: purposes[x] added; recipients: recipients[m].countries NL → US`.
pub fn summary(changes: &[Change]) -> String {
    const PER_FILE: usize = 3;
    let mut parts: Vec<String> = Vec::new();
    let mut files: Vec<&str> = changes.iter().map(|c| c.file.as_str()).collect();
    files.dedup();
    for file in files {
        let in_file: Vec<&Change> = changes.iter().filter(|c| c.file == file).collect();
        let mut phrases: Vec<String> = in_file.iter().take(PER_FILE).map(|c| describe(c)).collect();
        if in_file.len() > PER_FILE {
            phrases.push(format!("{} more", in_file.len() - PER_FILE));
        }
        parts.push(format!(
            "{}: {}",
            file.trim_end_matches(".json"),
            phrases.join(", ")
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_lists_match_by_id_and_sets_show_what_moved() {
        let old = r#"{"recipients": [{"id": "mailhouse", "name": "Mail BV", "publish_name": false, "countries": ["NL"]}]}"#;
        let new = r#"{"recipients": [{"id": "mailhouse", "name": "Mail Inc", "publish_name": false, "countries": ["US"]}]}"#;
        let changes = diff_file("recipients.json", Some(old), Some(new));
        assert_eq!(
            summary(&changes),
            "recipients: recipients[mailhouse].name \"Mail BV\" → \"Mail Inc\", recipients[mailhouse].countries NL → US"
        );
        // The name is not published, the countries are.
        assert_eq!(
            changes.iter().map(|c| c.public).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn internal_fields_and_internal_activities_are_not_public() {
        let old = r#"{"public": true, "owner": "sales", "purposes": []}"#;
        let new = r#"{"public": true, "owner": "marketing", "purposes": [{"id": "p"}]}"#;
        let changes = diff_file("activities/a.json", Some(old), Some(new));
        assert_eq!(changes.len(), 2);
        assert!(!changes[0].public && changes[0].path == "owner");
        assert!(
            changes[1].public
                && changes[1].path == "purposes[p]"
                && changes[1].kind == ChangeKind::Added
        );

        let hr_old = r#"{"public": false, "purposes": []}"#;
        let hr_new = r#"{"public": false, "purposes": [{"id": "p"}]}"#;
        assert!(!diff_file("activities/hr.json", Some(hr_old), Some(hr_new))[0].public);
    }

    #[test]
    fn a_changed_text_shows_the_language_that_changed() {
        let old = r#"{"label": {"nl": "Naam", "en": "Name"}}"#;
        let new = r#"{"label": {"nl": "Naam", "en": "Full name"}}"#;
        let changes = diff_file("categories.json", Some(old), Some(new));
        assert_eq!(
            describe(&changes[0]),
            "label en: \"Name\" → en: \"Full name\""
        );
    }

    #[test]
    fn whole_files_and_reordering() {
        let added = diff_file("activities/n.json", None, Some(r#"{"public": true}"#));
        assert_eq!(describe(&added[0]), "file added");
        let same_set = diff_file(
            "x.json",
            Some(r#"{"a": ["x", "y"]}"#),
            Some(r#"{"a": ["y", "x"]}"#),
        );
        assert!(same_set.is_empty());
    }
}
