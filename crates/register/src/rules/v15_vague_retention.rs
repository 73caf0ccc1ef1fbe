//! V15: retention is concrete, not "no longer than necessary".

use super::declare::rule;
use super::v14_retention::{retentions, severity};
use super::{Findings, Rule, own_activities};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Retention `criteria` (when there is no `period`) do not merely say
    /// the data is kept "no longer than necessary" or the like, in Dutch or
    /// English. An error in a public activity, a warning in an internal one.
    ///
    /// ## Why
    /// Art. 13(2)(a) asks for the period, or the criteria used to determine
    /// it. The Article 29 Working Party's transparency guidelines (WP260
    /// rev.01, Annex) say it is not sufficient to state generically that data
    /// is kept as long as necessary for legitimate purposes: people must be
    /// able to work out how long their data will be kept.
    ///
    /// ## Example
    /// ```json
    /// "retention": { "criteria": { "nl": "niet langer dan noodzakelijk", "en": "no longer than necessary" } }
    /// ```
    ///
    /// ## How to fix
    /// State a period (`"period": "P2Y"` from a `"start_event"`), or criteria
    /// a reader can apply, e.g. "until two years after the last order".
    ///
    /// ## Reference
    /// - [§4, row V15](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V15 {
        title: "retention is concrete, not \"no longer than necessary\"",
        articles: "Art. 13(2)(a); WP29 WP260 rev.01 Annex",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

/// Phrases that state no period and no criteria (WP260 rev.01 Annex: "as
/// long as necessary for legitimate business purposes" is not enough).
const VAGUE: &[&str] = &[
    "niet langer dan noodzakelijk",
    "niet langer dan nodig",
    "zo lang als nodig",
    "zolang als nodig",
    "zo lang als noodzakelijk",
    "zolang noodzakelijk",
    "no longer than necessary",
    "no longer than needed",
    "as long as necessary",
    "as long as needed",
    "for as long as is necessary",
];

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        let severity = severity(activity);
        for (at, retention, what) in retentions(activity) {
            let (None, Some(criteria)) = (&retention.period, &retention.criteria) else {
                continue;
            };
            let vague = criteria.iter().any(|(_, text)| {
                let text = text.to_lowercase();
                VAGUE.iter().any(|phrase| text.contains(phrase))
            });
            if vague {
                out.push(
                    Rule::V15,
                    severity,
                    &file,
                    format!("{at}/criteria"),
                    format!("{what} only says the data is kept \"no longer than necessary\", which tells people nothing concrete"),
                    Some("state a period (\"period\": \"P2Y\" from a \"start_event\") or criteria a reader can apply, e.g. \"until two years after the last order\"".to_owned()),
                );
            }
        }
    }
}
