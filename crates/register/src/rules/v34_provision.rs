//! V34: directly collected data says whether it is required.

use std::collections::BTreeSet;

use super::declare::rule;
use super::{Findings, Rule};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every data category that a public activity collects from people
    /// themselves (a source of kind `data_subject` or `observed`) records
    /// `provision` in `categories.json`: required by law, required for a
    /// contract, voluntary or marked per field; when it is required, the
    /// `consequence` of not providing it.
    ///
    /// ## Why
    /// When data is collected from the person, the statement must say
    /// whether providing it is a statutory or contractual requirement,
    /// whether they are obliged to provide it, and what happens if they do
    /// not (Art. 13(2)(e)).
    ///
    /// ## Example
    /// ```json
    /// { "id": "contact-details", "name": { … } }
    /// ```
    /// collected through the web shop's order form, without `"provision"`.
    ///
    /// ## How to fix
    /// Add `"provision": { "kind": "required_for_contract", "consequence":
    /// { … "without it we cannot deliver your order" } }`; for fields marked
    /// per form, `organisation.json` `notice.form_fields` may say it once.
    ///
    /// ## Reference
    /// - [§4, row V34](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V34 {
        title: "directly collected data says whether it is required",
        articles: "Art. 13(2)(e)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let directly_collected: BTreeSet<_> = register
        .activities
        .values()
        .filter(|a| a.public && a.is_own())
        .flat_map(|a| &a.sources)
        .filter(|s| s.kind.is_direct())
        .flat_map(|s| &s.categories)
        .collect();
    let org = &register.organisation;
    for (i, category) in register.categories.categories.iter().enumerate() {
        if !directly_collected.contains(&category.id) {
            continue;
        }
        let at = format!("/categories/{i}");
        match &category.provision {
            None => out.error(
                Rule::V34,
                &FileRef::Categories,
                at,
                format!("\"{}\" is collected from people directly, and whether they must provide it is not recorded", category.id),
                "add \"provision\": required_by_law, required_for_contract, voluntary or marked_per_field, with the consequence of not providing it",
            ),
            Some(p) => {
                if !p.consequence_known(org.notice.form_fields.is_some()) {
                    out.error(
                        Rule::V34,
                        &FileRef::Categories,
                        format!("{at}/provision"),
                        format!("\"{}\" must be provided, and the consequence of not providing it is not recorded", category.id),
                        "add \"consequence\", e.g. \"without it we cannot deliver your order\"",
                    );
                }
            }
        }
    }
}
