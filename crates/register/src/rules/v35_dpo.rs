//! V35: the DPO, or why there is none, is recorded.

use super::declare::rule;
use super::{Findings, Rule, blank};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// `organisation.json` records `dpo`: when one is appointed, the contact
    /// channels to publish (an error without them); when none is, the
    /// `rationale` (a warning without it). No `dpo` at all is a warning.
    ///
    /// ## Why
    /// Public authorities, and controllers whose core activities are
    /// large-scale regular and systematic monitoring or large-scale
    /// processing of special-category or criminal data, must appoint a data
    /// protection officer (Art. 37(1)), publish their contact details (Art.
    /// 37(7)) and give them in the statement (Art. 13(1)(b)). A controller
    /// that appoints none should be able to show why it need not.
    ///
    /// ## Example
    /// ```json
    /// "dpo": { "appointed": true, "contact": [] }
    /// ```
    ///
    /// ## How to fix
    /// Add the DPO's `"contact"` channels (the name is optional), or
    /// `{ "appointed": false, "rationale": "…the Art. 37(1) assessment…" }`.
    ///
    /// ## Reference
    /// - [§4, row V35](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: public authorities](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V35 {
        title: "the DPO, or why there is none, is recorded",
        articles: "Art. 37(1), 37(7), 13(1)(b)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    match &register.organisation.dpo {
        None => out.warning(
            Rule::V35,
            &FileRef::Organisation,
            "",
            "the register does not record whether a data protection officer is appointed",
            "add \"dpo\": {\"appointed\": true, \"contact\": […]}, or {\"appointed\": false, \"rationale\": \"…the Art. 37(1) assessment…\"}",
        ),
        Some(dpo) if dpo.appointed && dpo.contact.is_empty() => out.error(
            Rule::V35,
            &FileRef::Organisation,
            "/dpo",
            "a DPO is appointed, and no contact details are recorded to publish",
            "add \"contact\" channels for the DPO (Art. 37(7)); the name is optional",
        ),
        Some(dpo) if !dpo.appointed && blank(&dpo.rationale) => out.warning(
            Rule::V35,
            &FileRef::Organisation,
            "/dpo",
            "no DPO is appointed, and the reason is not recorded",
            "add \"rationale\": why Art. 37(1) does not require one (not a public authority, no large-scale monitoring or special-category data as a core activity)",
        ),
        _ => {}
    }
}
