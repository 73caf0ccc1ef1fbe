//! V04: public authorities do not rely on legitimate interests.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::model::Basis;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// When `organisation.json` says `"public_authority": true`, no purpose
    /// rests on legitimate interests (Art. 6(1)(f)).
    ///
    /// ## Why
    /// The second subparagraph of Art. 6(1) says point (f) does not apply to
    /// processing by public authorities in the performance of their tasks:
    /// their processing must rest on a law (public task or legal obligation,
    /// Art. 6(3)). This is not a gap a DPO can accept; the basis is wrong.
    ///
    /// ## Example
    /// A municipality with
    /// ```json
    /// "legal_bases": [ { "basis": "legitimate_interests", … } ]
    /// ```
    ///
    /// ## How to fix
    /// Use public task, with the `"legal_reference"` that assigns the task.
    ///
    /// ## Reference
    /// - [§4, row V04](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: public authorities](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V04 {
        title: "public authorities do not rely on legitimate interests",
        articles: "Art. 6(1) second subparagraph",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    if !register.organisation.public_authority {
        return;
    }
    for (file, _, activity) in own_activities(register) {
        for (i, purpose) in activity.purposes.iter().enumerate() {
            for (j, basis) in purpose.legal_bases.iter().enumerate() {
                if basis.basis == Basis::LegitimateInterests {
                    out.error(
                        Rule::V04,
                        &file,
                        format!("/purposes/{i}/legal_bases/{j}"),
                        format!("purpose \"{}\" rests on legitimate interests, which a public authority cannot use for its tasks", purpose.id),
                        "use public task (with \"legal_reference\") instead",
                    );
                }
            }
        }
    }
}
