//! V22: adequacy matches the destination.

use super::declare::rule;
use ropa_law::date::today_utc;

use super::{Cause, Findings, Rule, activities, judged_transfers};
use crate::model::MechanismKind;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A transfer relying on adequacy goes to a country with an adequacy
    /// decision that applies today (ropa's table, `crates/law/src/adequacy.rs`,
    /// holds each decision with the day it began to apply and, for one that
    /// was annulled or lapsed, the day it ended), and a `decision` it names
    /// is that country's current one. A transfer that goes to no one
    /// country (`worldwide`, `chosen_by_the_person`, `other_operators`)
    /// cannot rest on adequacy at all.
    ///
    /// ## Why
    /// Art. 45 allows a transfer without further safeguards only to a
    /// country the Commission has decided ensures an adequate level of
    /// protection. Adequacy claimed for any other country is no basis at all,
    /// so the transfer is unlawful: this cannot be acknowledged. A decision
    /// the Court of Justice declared invalid (Safe Harbour, Privacy Shield)
    /// stopped being a basis on the day of the judgment.
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
    // Decisions are annulled and lapse: a transfer may rest on one only on
    // the days it applies, so the rule reads today's date.
    let today = today_utc();
    for (file, _, activity) in activities(register) {
        for (i, transfer, home) in judged_transfers(register, activity) {
            let country = transfer.country.as_str();
            if home.is_home(country) {
                continue;
            }
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                if mechanism.kind != MechanismKind::Adequacy {
                    continue;
                }
                let at = format!("/transfers/{i}/mechanisms/{j}");
                // Facts of the law and of the destination, the same for
                // every transfer to it: each is fixed in its own transfer.
                if transfer.country.country().is_none() {
                    out.because(Cause::named(format!("adequacy for {country}"))).error(
                        Rule::V22,
                        &file,
                        at,
                        format!("an adequacy decision covers one country, and the transfer goes to no one country (\"{country}\")"),
                        "rest it on safeguards that go with the data (standard contractual clauses, binding corporate rules) or, where the person asks for the transfer, on a derogation of Art. 49(1)",
                    );
                    continue;
                }
                let current = home.in_force(country, today);
                let named = mechanism.decision.as_deref();
                let named_decision =
                    named.and_then(|n| home.decisions_for(country).find(|d| d.is_named_by(n)));
                if let Some(ended) = named_decision.filter(|d| !d.applies_on(today)) {
                    let (end, why) = ended.ended.unwrap_or((ended.from, "not yet adopted"));
                    let cause = Cause::named(format!(
                        "decision {} for {country} under the {}, not applying",
                        ended.decision,
                        home.regulation()
                    ));
                    out.because(cause).error(
                        Rule::V22,
                        &file,
                        format!("{at}/decision"),
                        format!(
                            "adequacy decision {}{} for {country} ceased to apply on {end} ({why}); a transfer cannot rest on it",
                            ended.decision,
                            ended.known_as.map(|k| format!(" ({})", k.name())).unwrap_or_default(),
                        ),
                        match current {
                            Some(now) => format!(
                                "set \"decision\" to \"{}\" ({}), or use standard contractual clauses",
                                now.decision, now.scope
                            ),
                            None => "use standard contractual clauses or another Art. 46 safeguard".to_owned(),
                        },
                    );
                    continue;
                }
                let Some(decision) = current else {
                    let cause = Cause::named(format!(
                        "no adequacy decision for {country} under the {}",
                        home.regulation()
                    ));
                    out.because(cause).error(
                        Rule::V22,
                        &file,
                        at,
                        format!("there is no adequacy decision for {country}"),
                        format!(
                            "use standard contractual clauses or another Art. 46 safeguard; countries with an adequacy decision: {}",
                            home.countries_on(today).join(", ")
                        ),
                    );
                    continue;
                };
                if let Some(named) = named
                    && !decision.is_named_by(named)
                {
                    let cause = Cause::named(format!(
                        "decision {named} for {country} under the {}",
                        home.regulation()
                    ));
                    out.because(cause).error(
                        Rule::V22,
                        &file,
                        format!("{at}/decision"),
                        format!(
                            "the adequacy decision for {country} is {}, not {named}",
                            decision.decision
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
