//! V01: every activity has a purpose, every purpose a legal basis.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Every activity lists at least one purpose, and every purpose at least
    /// one Art. 6(1) legal basis.
    ///
    /// ## Why
    /// Personal data may only be collected for specified, explicit purposes
    /// (Art. 5(1)(b)), and processing is lawful only on one of the bases of
    /// Art. 6(1). The statement must give the purposes *and* the basis of
    /// each (Art. 13(1)(c), 14(1)(c)): a list of bases apart from the
    /// purposes does not tell people which applies to what.
    ///
    /// ## Example
    /// ```json
    /// "purposes": [ { "id": "delivery", "description": { … }, "legal_bases": [] } ]
    /// ```
    ///
    /// ## How to fix
    /// Add the purpose, and the basis it rests on, e.g.
    /// `"legal_bases": [{ "basis": "contract" }]`.
    ///
    /// ## Reference
    /// - [§4, row V01](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.7: the legal bases](docs/gdpr-register-model.md#17-art-61-legal-bases-enumeration-for-the-schema)
    V01 {
        title: "every activity has a purpose, every purpose a legal basis",
        articles: "Art. 5(1)(b), 6(1), 13(1)(c), 14(1)(c)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        if activity.purposes.is_empty() {
            out.error(
                Rule::V01,
                &file,
                "/purposes",
                "the activity has no purpose",
                "add at least one specific, explicit purpose with its legal basis",
            );
        }
        for (i, purpose) in activity.purposes.iter().enumerate() {
            if purpose.legal_bases.is_empty() {
                out.error(
                    Rule::V01,
                    &file,
                    format!("/purposes/{i}/legal_bases"),
                    format!("purpose \"{}\" has no legal basis", purpose.id),
                    "add the Art. 6(1) basis this purpose rests on, e.g. {\"basis\": \"contract\"}",
                );
            }
        }
    }
}
