//! V45: an activity carried out for customers says for whom, and borrows
//! nothing of a controller's.

use super::declare::rule;
use super::{Findings, Rule, activities};
use crate::model::ActivityRole;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// An activity with `"role": "processor"`, carried out on behalf of the
    /// organisation's customers, records in `processing_for` the
    /// controllers it serves (their description, in every language; a
    /// warning without `agreement_ref`, where the processing agreements
    /// are kept), and has no legal basis and no Art. 9(2) condition of its
    /// own. An activity of the organisation's own (`controller`, the
    /// default) has no `processing_for`.
    ///
    /// ## Why
    /// A processor processes only on the documented instructions of the
    /// controller (Art. 28(3)(a), 29): the purposes, the legal basis and any
    /// special-category condition are the controller's, and a basis the
    /// processor wrote down as its own would tell people something false.
    /// Its record lists each controller it acts for (Art. 30(2)(a)), and the
    /// contract with each is required (Art. 28(3)).
    ///
    /// ## Example
    /// ```json
    /// { "role": "processor",
    ///   "purposes": [ { "id": "host", "legal_bases": [ { "basis": "contract" } ], … } ] }
    /// ```
    /// with no `processing_for`.
    ///
    /// ## How to fix
    /// Add `"processing_for": { "controllers": { "en": "the schools that use
    /// our platform" }, "agreement_ref": "DPA register" }`, and remove the
    /// purposes' `legal_bases` (an empty list) and any
    /// `special_category_conditions`: they are the controllers'. If the
    /// organisation decides why and how itself, it is the controller: remove
    /// `"role": "processor"`.
    ///
    /// ## Reference
    /// - [§4, row V45](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.6: the processor-side record](docs/gdpr-register-model.md#16-processor-side-record-art-302-only-when-the-organisation-is-itself-a-processor)
    V45 {
        title: "an activity for customers says for whom and has no basis of its own",
        articles: "Art. 30(2), 28(3), 29",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in activities(register) {
        if activity.role == ActivityRole::Controller {
            if activity.processing_for.is_some() {
                out.error(
                    Rule::V45,
                    &file,
                    "/processing_for",
                    "this activity is the organisation's own (its role is controller), yet it names controllers it processes for",
                    "add \"role\": \"processor\" when the activity is carried out for customers, or remove \"processing_for\"",
                );
            }
            continue;
        }
        match &activity.processing_for {
            None => out.error(
                Rule::V45,
                &file,
                "/role",
                "an activity carried out as processor does not say for which controllers",
                "add \"processing_for\": {\"controllers\": {\"en\": \"our business customers\"}, \"agreement_ref\": \"…\"}",
            ),
            Some(processing_for) => {
                if processing_for.controllers.iter().all(|(_, t)| t.trim().is_empty()) {
                    out.error(
                        Rule::V45,
                        &file,
                        "/processing_for/controllers",
                        "the controllers this activity is carried out for are not described",
                        "describe them, e.g. \"the schools that use our platform\"",
                    );
                }
                if processing_for
                    .agreement_ref
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty())
                {
                    out.warning(
                        Rule::V45,
                        &file,
                        "/processing_for",
                        "no reference to the processing agreements with the controllers (Art. 28(3))",
                        "add \"agreement_ref\": where the signed agreements are kept",
                    );
                }
            }
        }
        for (i, purpose) in activity.purposes.iter().enumerate() {
            if !purpose.legal_bases.is_empty() {
                out.error(
                    Rule::V45,
                    &file,
                    format!("/purposes/{i}/legal_bases"),
                    format!("purpose \"{}\" of an activity carried out as processor names a legal basis, and the basis is the controller's, not the processor's", purpose.id),
                    "make \"legal_bases\" an empty list",
                );
            }
        }
        if !activity.special_category_conditions.is_empty() {
            out.error(
                Rule::V45,
                &file,
                "/special_category_conditions",
                "an activity carried out as processor names Art. 9(2) conditions, and they are the controller's",
                "make \"special_category_conditions\" an empty list, or remove it",
            );
        }
    }
}
