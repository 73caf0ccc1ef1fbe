//! V02: legal obligation and public task name the law.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::model::law_missing;
use crate::model::Basis;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A purpose resting on legal obligation (Art. 6(1)(c)) or public task
    /// (Art. 6(1)(e)) has a `legal_reference`.
    ///
    /// ## Why
    /// Art. 6(3) requires the basis for these two to be laid down by Union
    /// or Member State law. Without naming the statute and article, neither
    /// the DPO nor the reader of the statement can check that the law exists
    /// and covers the processing.
    ///
    /// ## Example
    /// ```json
    /// "legal_bases": [ { "basis": "legal_obligation" } ]
    /// ```
    ///
    /// ## How to fix
    /// Add `"legal_reference"`: the statute and article that lays down the
    /// obligation or task, e.g. `"art. 52 Algemene wet inzake rijksbelastingen"`.
    ///
    /// ## Reference
    /// - [§4, row V02](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V02 {
        title: "legal obligation and public task name the law",
        articles: "Art. 6(3)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        for (i, purpose) in activity.purposes.iter().enumerate() {
            for (j, basis) in purpose.legal_bases.iter().enumerate() {
                if matches!(basis.basis, Basis::LegalObligation | Basis::PublicTask)
                    && law_missing(&basis.legal_reference)
                {
                    out.error(
                        Rule::V02,
                        &file,
                        format!("/purposes/{i}/legal_bases/{j}"),
                        format!("purpose \"{}\" rests on {} without naming the law", purpose.id, basis.basis.article()),
                        "add \"legal_reference\": the statute and article that lays down the obligation or task",
                    );
                }
            }
        }
    }
}
