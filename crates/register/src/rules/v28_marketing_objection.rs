//! V28: direct marketing states the absolute right to object.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// An activity with a purpose marked `direct_marketing`, or profiling
    /// `for_direct_marketing`, records `objection` with at least one channel.
    ///
    /// ## Why
    /// People may object at any time to processing for direct marketing,
    /// profiling for it included, and then it must stop: the right is
    /// absolute (Art. 21(2)-(3)). It must be brought to their attention
    /// explicitly, clearly and separately from other information (Art.
    /// 21(4)); the statement needs a channel to name.
    ///
    /// ## Example
    /// ```json
    /// "purposes": [ { "id": "newsletter", "direct_marketing": true, … } ]
    /// ```
    /// in an activity without `"objection"`.
    ///
    /// ## How to fix
    /// Add `"objection": { "description": { … }, "channels": [ … ] }`, e.g.
    /// the unsubscribe link in every mail.
    ///
    /// ## Reference
    /// - [§4, row V28](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V28 {
        title: "direct marketing states the absolute right to object",
        articles: "Art. 21(2)-(4)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        let marketing = activity.purposes.iter().any(|p| p.direct_marketing)
            || activity.profiling.for_direct_marketing;
        if marketing
            && activity
                .objection
                .as_ref()
                .is_none_or(|o| o.channels.is_empty())
        {
            out.error(
                Rule::V28,
                &file,
                match (&activity.objection, activity.purposes.iter().position(|p| p.direct_marketing)) {
                    (Some(_), _) => "/objection/channels".to_owned(),
                    (None, Some(i)) => format!("/purposes/{i}/direct_marketing"),
                    (None, None) => "/profiling/for_direct_marketing".to_owned(),
                },
                "the activity serves direct marketing, and no way to object to it is recorded",
                "add \"objection\" with a description and channels: people may object to direct marketing at any time, and the statement must say so separately",
            );
        }
    }
}
