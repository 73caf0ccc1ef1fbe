//! The JSON Schemas of the register files: generated from the model types,
//! committed in `schemas/` (the **API boundary** editors and other tools
//! rely on), and embedded in the binary so a single `ropa` works anywhere.
//!
//! Layout: `common.schema.json` holds every definition under `$defs`; each
//! file kind has its own small schema (`activity.schema.json`, …) that
//! describes the top-level object and refers to the shared definitions.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use crate::model;
use crate::source::FileKind;

/// The base URI the embedded schemas are known by inside the validator. It
/// is never fetched (`.invalid` cannot resolve); references between the
/// schema files are relative, so editors resolve them next to the files.
const BASE_URI: &str = "https://schemas.ropa.invalid/";

pub const COMMON: &str = "common.schema.json";

/// The schema files as committed in `schemas/`, by file name.
pub const EMBEDDED: [(&str, &str); 7] = [
    (COMMON, include_str!("../../../schemas/common.schema.json")),
    (
        "organisation.schema.json",
        include_str!("../../../schemas/organisation.schema.json"),
    ),
    (
        "categories.schema.json",
        include_str!("../../../schemas/categories.schema.json"),
    ),
    (
        "subjects.schema.json",
        include_str!("../../../schemas/subjects.schema.json"),
    ),
    (
        "recipients.schema.json",
        include_str!("../../../schemas/recipients.schema.json"),
    ),
    (
        "activity.schema.json",
        include_str!("../../../schemas/activity.schema.json"),
    ),
    (
        "system.schema.json",
        include_str!("../../../schemas/system.schema.json"),
    ),
];

/// An embedded schema document, parsed once.
pub fn document(name: &str) -> Option<&'static Value> {
    static DOCS: OnceLock<BTreeMap<&'static str, Value>> = OnceLock::new();
    DOCS.get_or_init(|| {
        EMBEDDED
            .iter()
            .map(|(name, text)| {
                (
                    *name,
                    serde_json::from_str(text).expect("embedded schemas are valid JSON"),
                )
            })
            .collect()
    })
    .get(name)
}

/// The compiled validator for one file kind, built once.
pub fn validator(kind: FileKind) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<BTreeMap<FileKind, jsonschema::Validator>> = OnceLock::new();
    VALIDATORS
        .get_or_init(|| {
            FileKind::ALL
                .iter()
                .map(|&kind| {
                    let name = kind.schema_name();
                    let validator = jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .with_base_uri(format!("{BASE_URI}{name}"))
                        .with_retriever(Embedded)
                        .build(document(name).expect("every kind has a schema"))
                        .unwrap_or_else(|err| {
                            panic!("embedded schema {name} does not compile: {err}")
                        });
                    (kind, validator)
                })
                .collect()
        })
        .get(&kind)
        .expect("every kind has a validator")
}

/// Serves `$ref`s between the schema files from the embedded copies; nothing
/// is ever fetched from the network or the disk.
struct Embedded;

impl jsonschema::Retrieve for Embedded {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        document(name)
            .cloned()
            .ok_or_else(|| format!("no embedded schema named {name:?} ({uri})").into())
    }
}

/// Looks up a schema location such as
/// `https://schemas.ropa.invalid/common.schema.json#/$defs/Text/properties/nl`.
pub fn resolve_location(uri: &str) -> Option<&'static Value> {
    let (doc, fragment) = uri.split_once('#').unwrap_or((uri, ""));
    let name = doc.rsplit('/').next()?;
    document(name)?.pointer(fragment)
}

/// Generates every register file's schema from the model types: `(file name, text)`.
pub fn generate() -> Vec<(&'static str, String)> {
    let mut common: BTreeMap<String, Value> = BTreeMap::new();
    let mut files = Vec::new();
    for kind in FileKind::ALL {
        let (root, defs) = match kind {
            FileKind::Organisation => root_for::<model::OrganisationFile>(),
            FileKind::Categories => root_for::<model::CategoriesFile>(),
            FileKind::Subjects => root_for::<model::SubjectsFile>(),
            FileKind::Recipients => root_for::<model::RecipientsFile>(),
            FileKind::Activity => root_for::<model::ActivityFile>(),
            FileKind::System => root_for::<model::SystemFile>(),
        };
        for (name, def) in defs {
            if let Some(existing) = common.insert(name.clone(), def.clone()) {
                assert_eq!(
                    existing, def,
                    "two types generate different definitions named {name}"
                );
            }
        }
        files.push((kind.schema_name(), finish_root(kind, root)));
    }
    let common = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ropa register: shared definitions",
        "$defs": common,
    });
    let mut out = vec![(COMMON, pretty(&common))];
    out.extend(
        files
            .into_iter()
            .map(|(name, value)| (name, pretty(&value))),
    );
    out
}

fn root_for<T: JsonSchema>() -> (Value, Map<String, Value>) {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut root = generator.into_root_schema_for::<T>().to_value();
    let defs = root
        .as_object_mut()
        .and_then(|o| o.remove("$defs"))
        .and_then(|d| d.as_object().cloned())
        .unwrap_or_default();
    (root, defs)
}

/// Points the root's references at `common.schema.json`, and pins its
/// `$schema` property to this kind so that a file linked to the wrong schema
/// is caught.
fn finish_root(kind: FileKind, mut root: Value) -> Value {
    retarget_refs(&mut root);
    let name = kind.schema_name();
    if let Some(props) = root.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "$schema".to_owned(),
            json!({
                "description": format!("The schema of this file, for editors: a path or URL ending in {name}."),
                "type": "string",
                "pattern": format!("(^|/){}$", name.replace('.', "\\.")),
            }),
        );
    }
    // Identification first, so the file reads top-down in an editor.
    let mut ordered = Map::new();
    let mut rest = match root {
        Value::Object(map) => map,
        other => return other,
    };
    for key in ["$schema", "title", "description"] {
        if let Some(v) = rest.remove(key) {
            ordered.insert(key.to_owned(), v);
        }
    }
    ordered.extend(rest);
    Value::Object(ordered)
}

fn retarget_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "$ref" && s.starts_with("#/$defs/") => {
                        *s = format!("{COMMON}{s}");
                    }
                    _ => retarget_refs(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(retarget_refs),
        _ => {}
    }
}

/// A schema as committed: pretty JSON and a final newline.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// Asserts that `schemas/` holds exactly these generated schemas; with
/// `UPDATE_SCHEMAS=1` in the environment, rewrites the ones that differ.
/// For the `schemas_are_current` test of each crate that generates some.
#[doc(hidden)]
pub fn assert_committed(generated: &[(&str, String)]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, text) in generated {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if update {
                std::fs::write(&path, text).expect("a schema file is written");
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "schemas out of date: {stale:?}; run UPDATE_SCHEMAS=1 cargo test --workspace schemas_are_current"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schemas are what the model generates. After changing a
    /// model type, regenerate with `UPDATE_SCHEMAS=1 cargo test -p ropa schemas_are_current`
    /// and review the diff.
    #[test]
    fn schemas_are_current() {
        assert_committed(&generate());
    }

    #[test]
    fn every_kind_compiles() {
        for kind in FileKind::ALL {
            validator(kind);
        }
    }
}
