//! What the internal record needs beyond the statement: processing
//! agreements (V18), security measures (V42) and systems (V43).

use super::{Findings, Rule, activities};
use crate::model::RecipientRole;
use crate::register::{FileRef, Register};

pub(super) fn check(register: &Register, out: &mut Findings) {
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

    // One warning when nothing at all is described; otherwise one per
    // activity that lacks what the others have.
    let global_measures = !register.organisation.security_measures.is_empty();
    let any_activity_measures = register
        .activities
        .values()
        .any(|a| !a.security_measures.is_empty());
    if !global_measures && !any_activity_measures {
        out.warning(
            Rule::V42,
            &FileRef::Organisation,
            "/security_measures",
            "no security measures are described, for the organisation or for any activity",
            "describe the technical and organisational measures in \"security_measures\" (they apply to every activity), and per activity where they differ",
        );
    }
    for (file, id, activity) in activities(register) {
        if !global_measures && any_activity_measures && activity.security_measures.is_empty() {
            out.warning(
                Rule::V42,
                &file,
                "",
                format!("no security measures are described for \"{id}\", nor for the organisation as a whole"),
                "describe the measures in organisation.json \"security_measures\" (for all activities) or in this activity",
            );
        }
        if activity.systems.is_empty() && activity.status != crate::model::Status::Retired {
            out.warning(
                Rule::V43,
                &file,
                "/systems",
                format!("\"{id}\" does not say in which systems its data is kept"),
                "list the systems (systems/<id>.json); they are needed to answer access and erasure requests",
            );
        }
    }
}
