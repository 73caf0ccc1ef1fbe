//! V11: Art. 9(2)(b), (g)-(j) conditions name the law.

use super::declare::rule;
use super::{Findings, Rule, own_activities, blank};
use crate::model::law_missing;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A special-category condition under Art. 9(2)(b), (g), (h), (i) or (j)
    /// has a `legal_reference`; one under (h) also names who processes the
    /// data under a duty of professional secrecy (`professional_secrecy`).
    ///
    /// ## Why
    /// These points only apply "on the basis of Union or Member State law"
    /// (in the Netherlands mostly the UAVG); the record must name it. Point
    /// (h) (health and social care) further requires that the data is
    /// processed by or under a professional bound by secrecy (Art. 9(3)).
    ///
    /// ## Example
    /// ```json
    /// "special_category_conditions": [ { "category": "health", "condition": "h" } ]
    /// ```
    ///
    /// ## How to fix
    /// Add `"legal_reference"`, e.g. the UAVG article, and for (h)
    /// `"professional_secrecy"`.
    ///
    /// ## Reference
    /// - [§4, row V11](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.8: the Art. 9(2) conditions](docs/gdpr-register-model.md#18-art-92-conditions-enumeration)
    V11 {
        title: "Art. 9(2)(b), (g)-(j) conditions name the law",
        articles: "Art. 9(2), 9(3)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        for (i, condition) in activity.special_category_conditions.iter().enumerate() {
            let at = format!("/special_category_conditions/{i}");
            if matches!(condition.condition.as_str(), "b" | "g" | "h" | "i" | "j")
                && law_missing(&condition.legal_reference)
            {
                out.error(
                    Rule::V11,
                    &file,
                    at.clone(),
                    format!(
                        "Art. 9(2)({}) needs the Union or Member State law it relies on",
                        condition.condition
                    ),
                    "add \"legal_reference\", e.g. the UAVG article",
                );
            }
            if condition.condition == "h" && blank(&condition.professional_secrecy) {
                out.error(
                    Rule::V11,
                    &file,
                    at,
                    "Art. 9(2)(h) needs a professional bound by a duty of secrecy",
                    "add \"professional_secrecy\": who processes the data under a duty of secrecy",
                );
            }
        }
    }
}
