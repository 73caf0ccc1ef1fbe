//! V27: the rights a register declares fit the statement's list of rights.

use ropa_law::Right;
use ropa_law::rights::{Processing, rights};

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::Basis;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Each entry of `rights.declared` in `organisation.json` names a right
    /// of the statement's list: objecting to direct marketing and
    /// withdrawing consent are told in sections of their own, with the
    /// channels the activities give, so declaring them is an error. A right
    /// the legal bases already give, declared with no `text`, `route`,
    /// `channels` or `limits`, adds nothing: a warning.
    ///
    /// ## Why
    /// The statement lists the rights that follow from the legal bases
    /// (Art. 13(2)(b), 15-22) and those the controller grants beyond them.
    /// How to exercise each right (Art. 12(2)) and its limits under Union or
    /// Member State law (Art. 23) belong beside it; a declaration that says
    /// none of that is a mistake in the register.
    ///
    /// ## Example
    /// ```json
    /// "declared": [ { "right": "withdraw_consent" } ]
    /// ```
    ///
    /// ## How to fix
    /// Record objection channels on the activities (`objection`) and consent
    /// withdrawal in `consent`; give a declared right its `route`,
    /// `channels`, `limits` or own `text`, or remove it.
    ///
    /// ## Reference
    /// - [§4, row V27](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V27 {
        title: "declared rights fit the statement's list of rights",
        articles: "Art. 12(2), 13(2)(b), 15-23",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let declared = &register.organisation.rights.declared;
    if declared.is_empty() {
        return;
    }
    let public = || {
        register
            .activities
            .values()
            .filter(|a| a.public && a.is_own())
    };
    let bases: Vec<Basis> = public()
        .flat_map(|a| a.purposes.iter())
        .flat_map(|p| p.legal_bases.iter().map(|b| b.basis))
        .collect();
    let given = rights(Processing {
        bases: &bases,
        direct_marketing: public().any(|a| {
            a.purposes.iter().any(|p| p.direct_marketing)
                || (a.profiling.exists && a.profiling.for_direct_marketing)
        }),
        solely_automated_decisions: public().any(|a| {
            a.automated_decisions
                .as_ref()
                .is_some_and(|d| d.solely_automated_significant)
        }),
    });
    for (i, d) in declared.iter().enumerate() {
        let at = format!("/rights/declared/{i}");
        match d.right {
            Right::ObjectionToDirectMarketing | Right::WithdrawConsent => out.error(
                Rule::V27,
                &FileRef::Organisation,
                format!("{at}/right"),
                "objecting to direct marketing and withdrawing consent are told in sections of their own, not in the list of rights",
                "record the channels in the activities' \"objection\" and \"consent\" instead, and remove this entry",
            ),
            right => {
                let says_something = d.text.is_some()
                    || d.route.is_some()
                    || !d.channels.is_empty()
                    || !d.limits.is_empty();
                if !says_something && given.contains(&right) {
                    out.warning(
                        Rule::V27,
                        &FileRef::Organisation,
                        at,
                        "this right follows from the legal bases already, and the declaration adds no text, route, channels or limits",
                        "add how to exercise it (\"route\", \"channels\") or its \"limits\", or remove the entry",
                    );
                }
            }
        }
    }
}
