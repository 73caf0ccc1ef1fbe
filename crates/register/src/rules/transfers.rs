//! Where data goes (V20-V24, V26): recipients outside the EEA need a
//! transfer with one valid mechanism, and the statement's "does data leave
//! the EEA?" must be derivable from the recipients' countries.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Findings, Rule, activities};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Id, Location, MechanismKind, Recipient};
use crate::register::{FileRef, Register};

/// EU member states and the other EEA countries (Iceland, Liechtenstein, Norway).
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Whether a location is inside the EEA. `EU` and `EEA` stand for "somewhere
/// inside", when the register knows no more than that.
pub fn in_eea(location: &Location) -> bool {
    matches!(location.as_str(), "EU" | "EEA") || EEA.contains(&location.as_str())
}

/// An adequacy decision (Art. 45), kept as data: decisions are adopted,
/// renewed and annulled, and the table must follow without code changes.
#[derive(Debug, Deserialize)]
pub struct Adequacy {
    pub country: String,
    pub decision: String,
    /// Limits of the decision, e.g. only DPF-certified organisations.
    pub scope: String,
    /// Whether the recipient must be certified (the EU-US Data Privacy Framework).
    #[serde(default)]
    pub certification_required: bool,
}

pub fn adequacy_table() -> &'static BTreeMap<String, Adequacy> {
    static TABLE: OnceLock<BTreeMap<String, Adequacy>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let list: Vec<Adequacy> = serde_json::from_str(include_str!("adequacy.json"))
            .expect("the adequacy table is valid");
        list.into_iter().map(|a| (a.country.clone(), a)).collect()
    })
}

pub(super) fn check(register: &Register, out: &mut Findings) {
    for (i, recipient) in register.recipients.recipients.iter().enumerate() {
        if recipient.countries.is_empty() {
            out.error(
                Rule::V26,
                &FileRef::Recipients,
                format!("/recipients/{i}/countries"),
                format!("recipient \"{}\" has no countries of processing, so whether data leaves the EEA cannot be worked out", recipient.id),
                "list where the recipient processes the data, remote access and sub-processors included (ISO codes such as \"NL\", or \"EU\" when only that is known)",
            );
        }
    }

    // Looked up for every recipient of every activity, so hashed; the
    // first entry of an id is the one that counts.
    let recipients: FxHashMap<&Id, &Recipient> = register
        .recipients
        .recipients
        .iter()
        .rev()
        .map(|r| (&r.id, r))
        .collect();
    for (file, _, activity) in activities(register) {
        let transferred: FxHashSet<(&Id, &Location)> = activity
            .transfers
            .iter()
            .map(|t| (&t.recipient, &t.country))
            .collect();
        let mut first_at: FxHashMap<&Id, usize> = FxHashMap::default();
        for (i, r) in activity.recipients.iter().enumerate() {
            first_at.entry(r).or_insert(i);
        }
        for recipient_id in &activity.recipients {
            let Some(recipient) = recipients.get(recipient_id) else {
                continue;
            };
            for country in recipient.countries.iter().filter(|c| !in_eea(c)) {
                let covered = transferred.contains(&(recipient_id, country));
                if !covered {
                    let at = first_at.get(recipient_id).copied().unwrap_or_default();
                    out.error(
                        Rule::V20,
                        &file,
                        format!("/recipients/{at}"),
                        format!("recipient \"{recipient_id}\" processes data in {country}, outside the EEA, and this activity records no transfer to {country}"),
                        format!("add a transfer {{\"recipient\": \"{recipient_id}\", \"country\": \"{country}\", \"mechanisms\": […]}}"),
                    );
                }
            }
        }
        for (i, transfer) in activity.transfers.iter().enumerate() {
            let at = format!("/transfers/{i}");
            if in_eea(&transfer.country) {
                out.warning(
                    Rule::V21,
                    &file,
                    format!("{at}/country"),
                    format!(
                        "{} is inside the EEA; this is not a transfer under Chapter V",
                        transfer.country
                    ),
                    "remove the transfer entry",
                );
                continue;
            }
            if transfer.mechanisms.len() != 1 {
                out.error(
                    Rule::V21,
                    &file,
                    format!("{at}/mechanisms"),
                    format!("transfer {i} lists {} mechanisms; it needs exactly one", transfer.mechanisms.len()),
                    "record the one mechanism the transfer relies on (adequacy, scc, bcr, code_of_conduct, certification, ad_hoc_clauses or derogation)",
                );
            }
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                let at = format!("{at}/mechanisms/{j}");
                match mechanism.kind {
                    MechanismKind::Adequacy => {
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
                        if decision.certification_required {
                            let certified = register
                                .recipient(&transfer.recipient)
                                .and_then(|r| r.dpf_certified)
                                == Some(true);
                            if !certified {
                                out.error(
                                    Rule::V23,
                                    &file,
                                    at,
                                    format!("adequacy for {} covers only certified organisations, and recipient \"{}\" is not recorded as DPF-certified", transfer.country, transfer.recipient),
                                    "check the recipient on the Data Privacy Framework list and set \"dpf_certified\": true in recipients.json, or use standard contractual clauses",
                                );
                            }
                        }
                    }
                    MechanismKind::Scc
                    | MechanismKind::Bcr
                    | MechanismKind::AdHocClauses
                    | MechanismKind::CodeOfConduct
                    | MechanismKind::Certification => {
                        if super::lawfulness::text_missing(&transfer.copy_via) {
                            out.error(
                                Rule::V24,
                                &file,
                                format!("/transfers/{i}"),
                                format!("transfer {i} relies on safeguards, and the statement must say how to get a copy of them"),
                                "add \"copy_via\": how people can obtain a copy, e.g. by e-mail to the privacy desk",
                            );
                        }
                        if super::lawfulness::blank(&transfer.tia_ref) {
                            out.warning(
                                Rule::V24,
                                &file,
                                format!("/transfers/{i}"),
                                format!("transfer {i} has no transfer impact assessment on record"),
                                "add \"tia_ref\" (EDPB Recommendations 01/2020)",
                            );
                        }
                    }
                    MechanismKind::Derogation => {
                        if mechanism.derogation.is_none() {
                            out.error(
                                Rule::V21,
                                &file,
                                at,
                                "a derogation must name the point of Art. 49(1) it relies on",
                                "add \"derogation\": \"a\" … \"g\"",
                            );
                        }
                    }
                }
            }
        }
    }
}
