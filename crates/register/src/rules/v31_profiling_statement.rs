//! V31: profiling comes with a statement on automated decisions.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// An activity whose `profiling` says `"exists": true` records
    /// `automated_decisions`, if only to say that no decision with legal or
    /// similarly significant effects follows. A warning.
    ///
    /// ## Why
    /// The statement must say whether automated decision-making, profiling
    /// included, exists, and if it does, what it means for people (Art.
    /// 13(2)(f)); profiling is also what people may object to (Art. 21).
    /// Without the record saying so, the statement can only stay silent.
    ///
    /// ## Example
    /// ```json
    /// "profiling": { "exists": true, "description": { … } }
    /// ```
    /// with no `"automated_decisions"`.
    ///
    /// ## How to fix
    /// Add `"automated_decisions": { "solely_automated_significant": false }`
    /// if no such decisions follow, or describe them (see V29).
    ///
    /// ## Reference
    /// - [§4, row V31](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V31 {
        title: "profiling comes with a statement on automated decisions",
        articles: "Art. 13(2)(f), 21",
        severity: Warning,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        if activity.profiling.exists && activity.automated_decisions.is_none() {
            out.warning(
                Rule::V31,
                &file,
                "/profiling",
                "the activity profiles people but does not say whether decisions with legal or similarly significant effects follow",
                "add \"automated_decisions\": {\"solely_automated_significant\": false} if none do, or describe them",
            );
        }
    }
}
