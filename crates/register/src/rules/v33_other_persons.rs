//! V33: people whose data others supply are informed.

use std::collections::BTreeSet;

use super::declare::rule;
use super::{Findings, Rule, own_activities, text_missing};
use crate::model::SourceKind;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// A source of kind `other_person` (data one person supplies about
    /// another: a customer's colleagues, family) names whose data it is
    /// (`subjects`), and each of those data subjects records how they are
    /// informed (`informed_via` in `subjects.json`), unless the activity
    /// records an Art. 14(5) `information_exemption`. Warnings.
    ///
    /// ## Why
    /// The people others tell the controller about are data subjects too,
    /// and Art. 14 requires informing them, within a reasonable period,
    /// unless an exemption of Art. 14(5) applies. A register that does not
    /// list them cannot show that anyone thought about it.
    ///
    /// ## Example
    /// ```json
    /// "sources": [ { "kind": "other_person", "description": { … }, "categories": ["contact-details"] } ]
    /// ```
    /// with no `"subjects"`.
    ///
    /// ## How to fix
    /// Add `"subjects"` to the source, and `"informed_via"` to each of those
    /// subjects, or record an `"information_exemption"` on the activity.
    ///
    /// ## Reference
    /// - [§4, row V33](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V33 {
        title: "people whose data others supply are informed",
        articles: "Art. 14",
        severity: Warning,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let mut other_person_subjects = BTreeSet::new();
    for (file, _, activity) in own_activities(register) {
        if activity.information_exemption.is_some() {
            continue;
        }
        for (i, source) in activity.sources.iter().enumerate() {
            if source.kind != SourceKind::OtherPerson {
                continue;
            }
            if source.subjects.is_empty() {
                out.warning(
                    Rule::V33,
                    &file,
                    format!("/sources/{i}"),
                    "data comes from another person, and the source does not say whose data it is",
                    "add \"subjects\": the ids of the people this source supplies data about",
                );
            }
            other_person_subjects.extend(source.subjects.iter());
        }
    }
    for (i, subject) in register.subjects.subjects.iter().enumerate() {
        if other_person_subjects.contains(&subject.id) && text_missing(&subject.informed_via) {
            out.warning(
                Rule::V33,
                &FileRef::Subjects,
                format!("/subjects/{i}"),
                format!("others supply the data of \"{}\", and how these people are informed is not recorded", subject.id),
                "add \"informed_via\", or record an Art. 14(5) \"information_exemption\" on the activities concerned",
            );
        }
    }
}
