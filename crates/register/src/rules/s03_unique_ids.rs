//! S03: ids are unique within their catalogue, and within an activity.

use rustc_hash::FxHashMap;

use super::declare::rule;
use super::{Findings, Rule, activities};
use crate::model::Id;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// No id is used twice in `categories.json`, `subjects.json` or
    /// `recipients.json`; within an activity, no purpose id is used twice
    /// and no data category is listed twice.
    ///
    /// ## Why
    /// Activities refer to catalogue entries by id (V17). With two entries of
    /// one id, which one an activity means is a guess, and the record would
    /// say different things depending on who reads it. A category listed
    /// twice in one activity can carry two contradicting retention rules.
    ///
    /// ## Example
    /// ```json
    /// { "categories": [ { "id": "contact-details", … }, { "id": "contact-details", … } ] }
    /// ```
    ///
    /// ## How to fix
    /// Rename one entry, or merge the two; list each category once per
    /// activity, with one retention rule.
    ///
    /// ## Reference
    /// - [§1.3: the data category catalogue](docs/gdpr-register-model.md#13-personal-data-category-catalogue-one-per-category)
    /// - [§1.4: the recipient catalogue](docs/gdpr-register-model.md#14-party--recipient-catalogue)
    /// - [§4, row V17: references resolve to one entry](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    S03 {
        title: "ids are unique within their catalogue",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    unique(
        out,
        &FileRef::Categories,
        "/categories",
        register.categories.categories.iter().map(|c| &c.id),
    );
    unique(
        out,
        &FileRef::Subjects,
        "/subjects",
        register.subjects.subjects.iter().map(|s| &s.id),
    );
    unique(
        out,
        &FileRef::Recipients,
        "/recipients",
        register.recipients.recipients.iter().map(|r| &r.id),
    );
    for (file, _, activity) in activities(register) {
        let mut purposes = rustc_hash::FxHashSet::default();
        for (i, purpose) in activity.purposes.iter().enumerate() {
            if !purposes.insert(&purpose.id) {
                out.error(
                    Rule::S03,
                    &file,
                    format!("/purposes/{i}/id"),
                    format!(
                        "purpose id \"{}\" is used twice in this activity",
                        purpose.id
                    ),
                    "give each purpose its own id",
                );
            }
        }
        let mut listed = rustc_hash::FxHashSet::default();
        for (i, data) in activity.data.iter().enumerate() {
            if !listed.insert(&data.category) {
                out.error(
                    Rule::S03,
                    &file,
                    format!("/data/{i}/category"),
                    format!(
                        "data category \"{}\" is listed twice in this activity",
                        data.category
                    ),
                    "list each category once; give it one retention rule",
                );
            }
        }
    }
}

/// Reports duplicate ids, naming the first entry of each.
fn unique<'a>(out: &mut Findings, file: &FileRef, list: &str, ids: impl Iterator<Item = &'a Id>) {
    let mut seen: FxHashMap<&Id, usize> = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        if let Some(&first) = seen.get(id) {
            out.error(
                Rule::S03,
                file,
                format!("{list}/{i}/id"),
                format!("id \"{id}\" is used twice (entries {first} and {i})"),
                "ids must be unique: rename one entry, or merge the two",
            );
        } else {
            seen.insert(id, i);
        }
    }
}
