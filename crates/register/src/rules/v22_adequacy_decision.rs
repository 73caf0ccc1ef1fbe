//! V22: adequacy matches the destination.

use super::declare::rule;
use super::eea::{adequacy_table, in_eea};
use super::{Findings, Rule, activities};
use crate::model::MechanismKind;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A transfer relying on adequacy goes to a country with an adequacy
    /// decision in ropa's table (`rules/adequacy.json`), and a `decision` it
    /// names is that country's.
    ///
    /// ## Why
    /// Art. 45 allows a transfer without further safeguards only to a
    /// country the Commission has decided ensures an adequate level of
    /// protection. Adequacy claimed for any other country is no basis at all,
    /// so the transfer is unlawful: this cannot be acknowledged.
    ///
    /// ## Example
    /// ```json
    /// { "recipient": "support-desk", "country": "IN", "mechanisms": [ { "kind": "adequacy" } ] }
    /// ```
    ///
    /// ## How to fix
    /// Use standard contractual clauses or another Art. 46 safeguard; the
    /// help lists the countries with a decision. Correct a `decision` that
    /// names another country's decision.
    ///
    /// ## Reference
    /// - [§4, row V22](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V22 {
        title: "adequacy matches the destination",
        articles: "Art. 45",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in activities(register) {
        for (i, transfer) in activity.transfers.iter().enumerate() {
            if in_eea(&transfer.country) {
                continue;
            }
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                if mechanism.kind != MechanismKind::Adequacy {
                    continue;
                }
                let at = format!("/transfers/{i}/mechanisms/{j}");
                let Some(decision) = adequacy_table().get(transfer.country.as_str()) else {
                    out.error(
                        Rule::V22,
                        &file,
                        at,
                        format!("there is no adequacy decision for {}", transfer.country),
                        format!("use standard contractual clauses or another Art. 46 safeguard; countries with an adequacy decision: {}", adequacy_table().keys().cloned().collect::<Vec<_>>().join(", ")),
                    );
                    continue;
                };
                if let Some(named) = &mechanism.decision
                    && !named.contains(&decision.decision)
                {
                    out.error(
                        Rule::V22,
                        &file,
                        format!("{at}/decision"),
                        format!(
                            "the adequacy decision for {} is {}, not {named}",
                            transfer.country, decision.decision
                        ),
                        format!(
                            "set \"decision\" to \"{}\" ({})",
                            decision.decision, decision.scope
                        ),
                    );
                }
            }
        }
    }
}
