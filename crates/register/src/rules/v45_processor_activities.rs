//! V45: an activity carried out for customers says for whom, and borrows
//! nothing of a controller's.

use super::declare::rule;
use super::{Findings, Rule, activities, blank};
use crate::model::{ActivityRole, Channel, NamedController, ProcessingFor};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// An activity with `"role": "processor"`, carried out on behalf of the
    /// organisation's customers, records in `processing_for` the
    /// controllers it serves (their description, in every language), and
    /// has no legal basis and no Art. 9(2) condition of its own. An
    /// activity of the organisation's own (`controller`, the default) has
    /// no `processing_for`.
    ///
    /// Warnings, for what the processor's record holds of each controller
    /// (Art. 30(2)(a)): no controller named in `names` and no `list_ref`
    /// saying where the list of them is kept; a controller named without
    /// contact details (a name alone, or an empty `contact`); a
    /// controller's `representative` or `dpo` without contact details; a
    /// controller with no processing agreement on record (neither its own
    /// `agreement_ref` nor that of `processing_for`). A name that is blank
    /// is an error.
    ///
    /// ## Why
    /// A processor processes only on the documented instructions of the
    /// controller (Art. 28(3)(a), 29): the purposes, the legal basis and any
    /// special-category condition are the controller's, and a basis the
    /// processor wrote down as its own would tell people something false.
    /// Its record holds the name and contact details of each controller it
    /// acts for, and where applicable of the controller's representative
    /// and data protection officer (Art. 30(2)(a)); the contract with each
    /// is required (Art. 28(3)). A processor with many customers keeps
    /// them in its customer records, which the record may point to.
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
    /// our platform" }, "list_ref": "customer database", "agreement_ref":
    /// "DPA register" }`, and remove the purposes' `legal_bases` (an empty
    /// list) and any `special_category_conditions`: they are the
    /// controllers'. Name a controller with its contact details as
    /// `{ "name": "…", "contact": [ { "kind": "email", "value": "…" } ] }`
    /// in `names`. If the organisation decides why and how itself, it is
    /// the controller: remove `"role": "processor"`.
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
                controllers(processing_for, &file, out);
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

/// What the processor's record holds of each controller (Art. 30(2)(a)):
/// named with contact details, or where the list of them is kept; and the
/// agreement with each (Art. 28(3)).
fn controllers(processing_for: &ProcessingFor, file: &FileRef, out: &mut Findings) {
    let agreement_for_all = !blank(&processing_for.agreement_ref);
    if processing_for.names.is_empty() {
        if blank(&processing_for.list_ref) {
            out.warning(
                Rule::V45,
                file,
                "/processing_for",
                "none of the controllers this activity is carried out for is named, nor is it said where the list of them is kept: the processor's record holds the name and contact details of each (Art. 30(2)(a))",
                "name them in \"names\", each as {\"name\": \"…\", \"contact\": [{\"kind\": \"email\", \"value\": \"…\"}]}, or say in \"list_ref\" where the list of them with their contact details is kept",
            );
        }
        if !agreement_for_all {
            out.warning(
                Rule::V45,
                file,
                "/processing_for",
                "no reference to the processing agreements with the controllers (Art. 28(3))",
                "add \"agreement_ref\": where the signed agreements are kept",
            );
        }
        return;
    }
    let no_contact = |channels: &[Channel]| channels.iter().all(|c| c.value.trim().is_empty());
    for (i, named) in processing_for.names.iter().enumerate() {
        let at = format!("/processing_for/names/{i}");
        let name = named.name().trim();
        if name.is_empty() {
            out.error(
                Rule::V45,
                file,
                &at,
                "a controller this activity is carried out for is named by an empty name",
                "write the controller's name, or remove the entry",
            );
            continue;
        }
        match named {
            NamedController::Name(_) => out.warning(
                Rule::V45,
                file,
                &at,
                format!("controller \"{name}\" is named without its contact details, which the processor's record holds (Art. 30(2)(a))"),
                format!("write it as {{\"name\": \"{name}\", \"contact\": [{{\"kind\": \"email\", \"value\": \"…\"}}]}}"),
            ),
            NamedController::Contact(c) => {
                if no_contact(&c.contact) {
                    out.warning(
                        Rule::V45,
                        file,
                        format!("{at}/contact"),
                        format!("controller \"{name}\" has no contact details, which the processor's record holds (Art. 30(2)(a))"),
                        "add a channel, e.g. {\"kind\": \"email\", \"value\": \"…\"}",
                    );
                }
                if c.representative.as_ref().is_some_and(|r| no_contact(&r.contact)) {
                    out.warning(
                        Rule::V45,
                        file,
                        format!("{at}/representative/contact"),
                        format!("the representative of controller \"{name}\" has no contact details (Art. 30(2)(a))"),
                        "add a channel, e.g. {\"kind\": \"email\", \"value\": \"…\"}",
                    );
                }
                if c.dpo.as_ref().is_some_and(|d| no_contact(&d.contact)) {
                    out.warning(
                        Rule::V45,
                        file,
                        format!("{at}/dpo/contact"),
                        format!("the data protection officer of controller \"{name}\" has no contact details (Art. 30(2)(a))"),
                        "add a channel, e.g. {\"kind\": \"email\", \"value\": \"…\"}",
                    );
                }
            }
        }
        if processing_for.agreement_of(named).is_none() {
            out.warning(
                Rule::V45,
                file,
                &at,
                format!("no reference to the processing agreement with controller \"{name}\" (Art. 28(3))"),
                "add \"agreement_ref\" to the controller, or to \"processing_for\" for every controller",
            );
        }
    }
}
