//! V23: US adequacy needs a DPF-certified recipient.

use super::declare::rule;
use ropa_law::date::today_utc;

use rustc_hash::FxHashMap;

use super::{Cause, Findings, Rule, activities, judged_transfers};
use crate::model::{Id, MechanismKind};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// A transfer relying on an adequacy decision that covers only certified
    /// organisations (the EU-US Data Privacy Framework) goes to a recipient
    /// recorded as `"dpf_certified": true` in `recipients.json`. The
    /// independent recourse mechanism a certified recipient chose
    /// (`recourse`) belongs to such a decision only, and its `url` is a web
    /// address.
    ///
    /// ## Why
    /// The US adequacy decision (Decision (EU) 2023/1795) covers only
    /// organisations on the Data Privacy Framework list. A transfer to a US
    /// recipient that is not certified has no adequacy to rely on (Art. 45)
    /// and needs another mechanism. Each certified organisation names an
    /// independent recourse mechanism people can turn to free of charge
    /// (the Framework's Recourse, Enforcement and Liability principle); other
    /// mechanisms have none, and a statement naming one would mislead.
    ///
    /// ## Example
    /// ```json
    /// { "recipient": "mail-provider", "country": "US", "mechanisms": [ { "kind": "adequacy" } ] }
    /// ```
    /// where `mail-provider` has no `dpf_certified`.
    ///
    /// ## How to fix
    /// Check the recipient on the Data Privacy Framework list and set
    /// `"dpf_certified": true`, or use standard contractual clauses. Move a
    /// `recourse` to the mechanism that rests on the Framework, or remove it.
    ///
    /// ## Reference
    /// - [§4, row V23](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V23 {
        title: "US adequacy needs a DPF-certified recipient",
        articles: "Art. 45; Decision (EU) 2023/1795",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    // Where each recipient is in recipients.json, the first entry of an id
    // being the one that counts: the fact is fixed there, once for every
    // transfer to it.
    let mut at: FxHashMap<&Id, usize> = FxHashMap::default();
    for (i, r) in register.recipients.recipients.iter().enumerate() {
        at.entry(&r.id).or_insert(i);
    }
    for (file, _, activity) in activities(register) {
        for (i, transfer, home) in judged_transfers(register, activity) {
            if home.is_home(transfer.country.as_str()) {
                continue;
            }
            let decision = home.in_force(transfer.country.as_str(), today_utc());
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                let framework = decision
                    .filter(|_| mechanism.kind == MechanismKind::Adequacy)
                    .and_then(|d| d.known_as)
                    .filter(|f| f.has_recourse_bodies());
                if mechanism.recourse.is_some() && framework.is_none() {
                    out.error(
                        Rule::V23,
                        &file,
                        format!("/transfers/{i}/mechanisms/{j}/recourse"),
                        format!(
                            "only a framework with independent recourse mechanisms, such as the EU-U.S. Data Privacy Framework, has a recourse body; this mechanism ({} to {}) has none",
                            serde_json::to_string(&mechanism.kind).unwrap_or_default(),
                            transfer.country
                        ),
                        "move \"recourse\" to the adequacy mechanism that rests on the Framework, or remove it",
                    );
                }
                if let Some(url) = mechanism.recourse.as_ref().and_then(|r| r.url.as_deref()) {
                    let url = url.trim();
                    if !(url.starts_with("https://") || url.starts_with("http://")) {
                        out.error(
                            Rule::V23,
                            &file,
                            format!("/transfers/{i}/mechanisms/{j}/recourse/url"),
                            format!("the recourse body's address \"{url}\" is not a web address"),
                            "give the full address where people file a complaint, e.g. https://bbbprograms.org/programs/all-programs/dpf-consumers",
                        );
                    }
                }
                if mechanism.kind != MechanismKind::Adequacy
                    || !decision.is_some_and(|d| d.certification_required)
                {
                    continue;
                }
                let entry = at.get(&transfer.recipient).copied();
                let recipient = entry.map(|r| &register.recipients.recipients[r]);
                if recipient.and_then(|r| r.dpf_certified) == Some(true) {
                    continue;
                }
                let key = format!(
                    "recipient {}, {}, not DPF-certified",
                    transfer.recipient, transfer.country
                );
                let cause = match (entry, recipient) {
                    (Some(r), Some(recipient)) => {
                        let field = if recipient.dpf_certified.is_some() { "/dpf_certified" } else { "" };
                        Cause::fixed_at(key, FileRef::Recipients, format!("/recipients/{r}{field}"))
                    }
                    // V17 reports a recipient that does not exist.
                    _ => Cause::named(key),
                };
                out.because(cause).error(
                    Rule::V23,
                    &file,
                    format!("/transfers/{i}/mechanisms/{j}"),
                    format!("adequacy for {} covers only certified organisations, and recipient \"{}\" is not recorded as DPF-certified", transfer.country, transfer.recipient),
                    "check the recipient on the Data Privacy Framework list and set \"dpf_certified\": true in recipients.json, or use standard contractual clauses",
                );
            }
        }
    }
}
