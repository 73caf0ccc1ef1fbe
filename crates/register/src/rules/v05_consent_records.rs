//! V05: consent has a withdrawal channel and proof.

use super::declare::rule;
use super::{Findings, Rule, own_activities, blank};
use crate::model::Basis;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// An activity with a purpose resting on consent records `consent` with
    /// at least one `withdrawal_channels` entry and a `proof_location`.
    ///
    /// ## Why
    /// The controller must be able to demonstrate that the person consented
    /// (Art. 7(1)), and people may withdraw consent at any time, as easily as
    /// they gave it (Art. 7(3)); the statement must say so (Art. 13(2)(c),
    /// 14(2)(d)). Without a channel the statement cannot tell them how.
    ///
    /// ## Example
    /// ```json
    /// "legal_bases": [ { "basis": "consent" } ]
    /// ```
    /// in an activity without `"consent"`.
    ///
    /// ## How to fix
    /// Add `"consent": { "withdrawal_channels": [ … ], "proof_location": "…" }`:
    /// a channel at least as easy as the one used to consent, and the system
    /// or file that holds who consented to what, and when.
    ///
    /// ## Reference
    /// - [§4, row V05](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V05 {
        title: "consent has a withdrawal channel and proof",
        articles: "Art. 7(1), 7(3), 13(2)(c), 14(2)(d)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        // The first basis that is consent: where a missing record is shown.
        let consent_at = activity.purposes.iter().enumerate().find_map(|(i, purpose)| {
            let j = purpose.legal_bases.iter().position(|b| b.basis == Basis::Consent)?;
            Some(format!("/purposes/{i}/legal_bases/{j}"))
        });
        let Some(consent_at) = consent_at else {
            continue;
        };
        match &activity.consent {
            None => out.error(
                Rule::V05,
                &file,
                consent_at,
                "a purpose rests on consent, but the activity records no consent details",
                "add \"consent\" with \"withdrawal_channels\" and \"proof_location\"",
            ),
            Some(consent) => {
                if consent.withdrawal_channels.is_empty() {
                    out.error(
                        Rule::V05,
                        &file,
                        "/consent/withdrawal_channels",
                        "consent can be given, but no channel to withdraw it is recorded",
                        "add a channel at least as easy as the one used to give consent (Art. 7(3))",
                    );
                }
                if blank(&consent.proof_location) {
                    out.error(
                        Rule::V05,
                        &file,
                        "/consent",
                        "where proof of consent is kept is not recorded",
                        "add \"proof_location\": the system or file that holds who consented to what, and when",
                    );
                }
            }
        }
    }
}
