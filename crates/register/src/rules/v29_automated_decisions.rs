//! V29: significant automated decisions have exception, safeguards,
//! explanation and DPIA.

use super::declare::rule;
use super::{Findings, Rule, activities, blank, text_missing};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// When `automated_decisions` says `"solely_automated_significant": true`,
    /// the activity records the Art. 22(2) `exception`, all three Art. 22(3)
    /// `safeguards`, the `logic` involved, the significance and envisaged
    /// `consequences`, and a `dpia` that was required and has a `reference`.
    ///
    /// ## Why
    /// Decisions based solely on automated processing with legal or
    /// similarly significant effects are prohibited unless an exception of
    /// Art. 22(2) applies, with safeguards: human intervention, expressing
    /// one's view and contesting the decision (Art. 22(3)). The statement
    /// must explain the logic, significance and consequences (Art.
    /// 13(2)(f), 14(2)(g)), and such processing requires a DPIA (Art.
    /// 35(3)(a)). Missing any of these makes the processing unlawful.
    ///
    /// ## Example
    /// ```json
    /// "automated_decisions": { "solely_automated_significant": true, "exception": "contract",
    ///   "safeguards": ["human_intervention"] }
    /// ```
    ///
    /// ## How to fix
    /// Add what the help lists as missing.
    ///
    /// ## Reference
    /// - [§4, row V29](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: the Art. 22(3) safeguards per exception](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V29 {
        title: "significant automated decisions have exception, safeguards, explanation and DPIA",
        articles: "Art. 22, 13(2)(f), 14(2)(g), 35(3)(a)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in activities(register) {
        let Some(adm) = &activity.automated_decisions else {
            continue;
        };
        if !adm.solely_automated_significant {
            continue;
        }
        let mut missing = Vec::new();
        if adm.exception.is_none() {
            missing.push("the Art. 22(2) exception (\"exception\")");
        }
        if adm.safeguards.len() < 3 {
            missing.push("all three Art. 22(3) safeguards (human intervention, expressing one's view, contesting)");
        }
        if text_missing(&adm.logic) {
            missing.push("the logic involved (\"logic\")");
        }
        if text_missing(&adm.consequences) {
            missing.push("the significance and envisaged consequences (\"consequences\")");
        }
        if !activity.dpia.as_ref().is_some_and(|d| d.required && !blank(&d.reference)) {
            missing.push("a DPIA (\"dpia\" with \"required\": true and a \"reference\")");
        }
        if !missing.is_empty() {
            out.error(
                Rule::V29,
                &file,
                "/automated_decisions",
                "decisions are taken solely by automated means with significant effects, and the record lacks required parts",
                format!("add {}", missing.join("; ")),
            );
        }
    }
}
