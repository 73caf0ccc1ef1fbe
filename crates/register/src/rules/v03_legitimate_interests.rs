//! V03: legitimate interests are stated, and assessed.

use super::declare::rule;
use super::{Findings, Rule, own_activities, blank, text_missing};
use crate::model::Basis;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A purpose resting on legitimate interests (Art. 6(1)(f)) states the
    /// interest (`legitimate_interest`, an error when absent) and where the
    /// legitimate interests assessment is kept (`lia_ref`, a warning when
    /// absent).
    ///
    /// ## Why
    /// The statement must name the legitimate interests pursued (Art.
    /// 13(1)(d), 14(2)(b)); "our legitimate interest" alone tells people
    /// nothing they could object to. The balancing test behind the basis is
    /// what the controller must be able to show (accountability, Art. 5(2)).
    ///
    /// ## Example
    /// ```json
    /// "legal_bases": [ { "basis": "legitimate_interests" } ]
    /// ```
    ///
    /// ## How to fix
    /// Add `"legitimate_interest"`: whose interest and what it is, in every
    /// published language; and `"lia_ref"`: where the assessment is kept.
    ///
    /// ## Reference
    /// - [§4, row V03](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V03 {
        title: "legitimate interests are stated (and assessed)",
        articles: "Art. 6(1)(f), 13(1)(d), 14(2)(b), 5(2)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        for (i, purpose) in activity.purposes.iter().enumerate() {
            for (j, basis) in purpose.legal_bases.iter().enumerate() {
                if basis.basis != Basis::LegitimateInterests {
                    continue;
                }
                let at = format!("/purposes/{i}/legal_bases/{j}");
                if text_missing(&basis.legitimate_interest) {
                    out.error(
                        Rule::V03,
                        &file,
                        at.clone(),
                        format!("purpose \"{}\" rests on legitimate interests without saying which interest", purpose.id),
                        "add \"legitimate_interest\": whose interest, and what it is, in every published language",
                    );
                }
                if blank(&basis.lia_ref) {
                    out.warning(
                        Rule::V03,
                        &file,
                        at,
                        format!("purpose \"{}\" rests on legitimate interests with no assessment on record", purpose.id),
                        "add \"lia_ref\": where the legitimate interests assessment (balancing test) is kept",
                    );
                }
            }
        }
    }
}
