//! V18: processors have a processing agreement.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::RecipientRole;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every recipient with the role `processor` or `sub_processor` records a
    /// `processing_agreement`; a sub-processor also names the processor that
    /// engaged it (`parent`) and the controller's `authorisation`.
    ///
    /// ## Why
    /// Processing by a processor must be governed by a contract with the
    /// content Art. 28(3) prescribes, and a processor may engage another
    /// only with the controller's prior specific or general written
    /// authorisation (Art. 28(2), 28(4)). The record is where the DPO shows
    /// both exist.
    ///
    /// ## Example
    /// ```json
    /// { "id": "hosting-provider", "role": "processor", "countries": ["NL"] }
    /// ```
    ///
    /// ## How to fix
    /// Add `"processing_agreement": { "reference": "…", "date": "…" }`; for
    /// a sub-processor also `"parent"` and `"authorisation"`.
    ///
    /// ## Reference
    /// - [§4, row V18](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.4: recipients](docs/gdpr-register-model.md#14-party--recipient-catalogue)
    V18 {
        title: "processors have a processing agreement",
        articles: "Art. 28(2)-(4)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (i, recipient) in register.recipients.recipients.iter().enumerate() {
        let at = format!("/recipients/{i}");
        let processor = matches!(
            recipient.role,
            RecipientRole::Processor | RecipientRole::SubProcessor
        );
        if processor && recipient.processing_agreement.is_none() {
            out.error(
                Rule::V18,
                &FileRef::Recipients,
                at.clone(),
                format!("\"{}\" is a processor, and no processing agreement is recorded", recipient.id),
                "add \"processing_agreement\": {\"reference\": …, \"date\": …}; Art. 28(3) requires a contract with every processor",
            );
        }
        if recipient.role == RecipientRole::SubProcessor
            && (recipient.parent.is_none() || recipient.authorisation.is_none())
        {
            out.error(
                Rule::V18,
                &FileRef::Recipients,
                at,
                format!("\"{}\" is a sub-processor, and the processor that engaged it or the controller's authorisation is not recorded", recipient.id),
                "add \"parent\" (the processor's id) and \"authorisation\": general or specific (Art. 28(2))",
            );
        }
    }
}
