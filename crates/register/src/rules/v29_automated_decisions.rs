//! V29: significant automated decisions have exception, safeguards (or the
//! law that authorises them), explanation and DPIA.

use super::declare::rule;
use super::{Findings, Rule, own_activities, blank, text_missing};
use crate::model::law_missing;
use crate::model::AdmSafeguard;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// When `automated_decisions` says `"solely_automated_significant": true`,
    /// the activity records the Art. 22(2) `exception`, the `logic` involved,
    /// the significance and envisaged `consequences`, and a `dpia` that was
    /// required and has a `reference`. What protects the person depends on
    /// the exception: for `a` (contract) and `c` (explicit consent) all three
    /// Art. 22(3) `safeguards`; for `b` (authorised by law) the
    /// `legal_reference` of that law.
    ///
    /// ## Why
    /// Decisions based solely on automated processing with legal or
    /// similarly significant effects are prohibited unless an exception of
    /// Art. 22(2) applies. Under (a) and (c) the controller must offer human
    /// intervention, a way to express one's view and to contest the decision
    /// (Art. 22(3)); under (b) the Union or Member State law that authorises
    /// the decisions must itself lay down suitable measures to safeguard the
    /// person's rights, so the register names that law instead. The
    /// statement must explain the logic, significance and consequences (Art.
    /// 13(2)(f), 14(2)(g)), and such processing requires a DPIA (Art.
    /// 35(3)(a)). Missing any of these makes the processing unlawful.
    ///
    /// ## Example
    /// ```json
    /// "automated_decisions": { "solely_automated_significant": true, "exception": "a",
    ///   "safeguards": ["human_intervention"] }
    /// ```
    /// or, for a decision a law authorises, without naming the law:
    /// ```json
    /// "automated_decisions": { "solely_automated_significant": true, "exception": "b" }
    /// ```
    ///
    /// ## How to fix
    /// Add what the help lists as missing. For exception `b`, add
    /// `"legal_reference"`: the statute and article that authorise the
    /// decisions and lay down the measures that protect the person, written
    /// as for a legal obligation (V02); the statement and the record show it
    /// where the safeguards would be.
    ///
    /// ## Reference
    /// - [§4, row V29](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: the Art. 22(3) safeguards per exception](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V29 {
        title: "significant automated decisions have exception, safeguards or the authorising law, explanation and DPIA",
        articles: "Art. 22, 13(2)(f), 14(2)(g), 35(3)(a)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

/// The safeguards Art. 22(3) requires under exceptions (a) and (c).
const SAFEGUARDS: [AdmSafeguard; 3] = [
    AdmSafeguard::HumanIntervention,
    AdmSafeguard::ExpressPointOfView,
    AdmSafeguard::ContestDecision,
];

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        let Some(adm) = &activity.automated_decisions else {
            continue;
        };
        if !adm.solely_automated_significant {
            continue;
        }
        let mut missing = Vec::new();
        match adm.exception.as_deref() {
            None => missing.push(
                "the Art. 22(2) exception (\"exception\": \"a\" contract, \"b\" authorised by law, \"c\" explicit consent)",
            ),
            // Art. 22(2)(b): the law lays down the measures, not Art. 22(3).
            Some("b") => {
                if law_missing(&adm.legal_reference) {
                    missing.push(
                        "the law that authorises the decisions and lays down suitable measures to safeguard the person's rights (\"legal_reference\", Art. 22(2)(b))",
                    );
                }
            }
            Some(_) => {
                if !SAFEGUARDS.iter().all(|s| adm.safeguards.contains(s)) {
                    missing.push(
                        "all three Art. 22(3) safeguards (human intervention, expressing one's view, contesting)",
                    );
                }
            }
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
