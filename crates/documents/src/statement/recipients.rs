//! Recipients and transfers outside the EEA (Art. 13(1)(e)-(f)).

use super::Deriver;
use super::view::{RecipientGroup, RecipientGroupKind, RecipientView, TransferView};
use crate::words::Words;
use ropa_register::model::{Destination, Id, MechanismKind, RecipientRole, Transfer};
use std::collections::{BTreeMap, BTreeSet};

impl<'a> Deriver<'a> {
    pub(super) fn recipients(&self) -> Vec<RecipientGroup> {
        let used: BTreeSet<&Id> = self
            .public()
            .flat_map(|(_, a)| {
                a.recipients
                    .iter()
                    .chain(a.transfers.iter().map(|t| &t.recipient))
            })
            .collect();
        let mut groups: Vec<RecipientGroup> = Vec::new();
        for recipient in self
            .register
            .recipients
            .recipients
            .iter()
            .filter(|r| used.contains(&r.id))
        {
            let kind = match recipient.role {
                RecipientRole::PublicAuthority => RecipientGroupKind::Authorities,
                RecipientRole::Processor | RecipientRole::SubProcessor => {
                    RecipientGroupKind::ServiceProviders
                }
                RecipientRole::Controller
                | RecipientRole::JointController
                | RecipientRole::ThirdParty => RecipientGroupKind::Others,
                RecipientRole::Internal => RecipientGroupKind::Internal,
            };
            let view = RecipientView {
                label: self.t(&recipient.label),
                name: published_name(recipient),
                description: self.opt(&recipient.description),
                cases: recipient
                    .disclosure_cases
                    .iter()
                    .map(|c| self.t(c))
                    .filter(|c| !c.is_empty())
                    .collect(),
            };
            match groups.iter_mut().find(|g| g.kind == kind) {
                Some(group) => group.recipients.push(view),
                None => groups.push(RecipientGroup {
                    kind,
                    recipients: vec![view],
                }),
            }
        }
        groups.sort_by_key(|g| g.kind);
        groups
    }

    /// Every place outside the EEA that data of a public activity goes to:
    /// recipients' countries, recorded transfers and the systems' locations.
    pub(super) fn outside_eea(&self) -> Vec<TransferView> {
        // Outside the territory of the register's law: the EEA, or the UK.
        let org = &self.register.organisation;
        let home = org.jurisdiction;
        let mut out: Vec<TransferView> = Vec::new();
        // Each destination told once per recipient and mechanism (at its
        // places in `out`), but for the different routes to a copy of the
        // safeguards that activities give.
        let mut told: BTreeMap<(String, String, String), Vec<usize>> = BTreeMap::new();
        for (_, activity) in self.public() {
            // A transfer leaves the territory of a law it is judged under.
            let leaves = |t: &&Transfer| {
                org.laws_of(t)
                    .iter()
                    .any(|law| !law.is_home(t.country.as_str()))
            };
            // The recipients' countries outside the territory first, each
            // with the transfers recorded to it (one per law, where the
            // register is kept under two), then the other transfers.
            let mut entries: Vec<(&Id, Destination, Option<&Transfer>)> = Vec::new();
            for id in &activity.recipients {
                let Some(recipient) = self.recipient(id) else {
                    continue;
                };
                for country in recipient
                    .countries
                    .iter()
                    .filter(|c| !home.is_home(c.as_str()))
                {
                    let destination = Destination::Country(country.clone());
                    let recorded: Vec<&Transfer> = activity
                        .transfers
                        .iter()
                        .filter(|t| &t.recipient == id && t.country == destination)
                        .filter(leaves)
                        .collect();
                    // A country a worldwide transfer covers is told once, as
                    // worldwide.
                    let worldwide = activity.transfers.iter().any(|t| {
                        &t.recipient == id && t.country != destination && t.country.covers(country)
                    });
                    if recorded.is_empty() && !worldwide {
                        entries.push((id, destination.clone(), None));
                    }
                    for t in recorded {
                        if !entries
                            .iter()
                            .any(|(_, _, e)| e.is_some_and(|e| std::ptr::eq(e, t)))
                        {
                            entries.push((id, destination.clone(), Some(t)));
                        }
                    }
                }
            }
            for t in activity.transfers.iter().filter(leaves) {
                if !entries
                    .iter()
                    .any(|(_, _, e)| e.is_some_and(|e| std::ptr::eq(e, t)))
                {
                    entries.push((&t.recipient, t.country.clone(), Some(t)));
                }
            }
            for (recipient_id, destination, transfer) in entries {
                let mechanism = transfer.and_then(|t| t.mechanisms.first());
                let recipient = self
                    .register
                    .recipient(recipient_id)
                    .map(|r| published_name(r).unwrap_or_else(|| self.t(&r.label)))
                    .unwrap_or_else(|| recipient_id.to_string());
                // Judged under another law than the register's own: that
                // law's words say whose data it is and name its tool.
                let other_law = transfer
                    .and_then(|t| t.under)
                    .filter(|&law| law != home)
                    .map(|law| Words::under(self.lang, law));
                let view = TransferView {
                    country: self.words.country(destination.as_str()),
                    destination,
                    recipient,
                    mechanism: mechanism.map(|m| m.kind),
                    decision: mechanism.and_then(|m| m.decision.clone()),
                    derogation: mechanism
                        .filter(|m| m.kind == MechanismKind::Derogation)
                        .and_then(|m| m.derogation.clone()),
                    copy_via: transfer
                        .zip(mechanism)
                        .and_then(|(t, m)| t.copy_via(m))
                        .map(|text| self.t(text))
                        .filter(|text| !text.is_empty()),
                    for_territory: other_law.map(|words| {
                        self.words
                            .statement
                            .outside_eea
                            .for_territory
                            .fill(|_| words.law.in_territory.as_str())
                    }),
                    mechanism_text: other_law.zip(mechanism).map(|(words, m)| {
                        let said = words.statement.outside_eea.mechanisms.of(&m.kind);
                        match &m.decision {
                            Some(decision) => said.with_decision.fill(|_| decision.as_str()),
                            None => said.text.clone(),
                        }
                    }),
                };
                let key = (
                    view.country.clone(),
                    view.recipient.clone(),
                    format!("{:?}{:?}", view.mechanism, view.decision),
                );
                let at = told.entry(key).or_default();
                if at.iter().any(|&i| out[i].copy_via == view.copy_via)
                    || (view.copy_via.is_none() && !at.is_empty())
                {
                    continue;
                }
                match at.iter().find(|&&i| out[i].copy_via.is_none()) {
                    Some(&i) => out[i].copy_via = view.copy_via,
                    None => {
                        at.push(out.len());
                        out.push(view);
                    }
                }
            }
            for id in &activity.systems {
                let Some(system) = self.register.systems.get(id) else {
                    continue;
                };
                let host = system.hosted_by.as_ref().and_then(|h| self.recipient(h));
                for country in system
                    .countries
                    .iter()
                    .filter(|c| !home.is_home(c.as_str()))
                {
                    // A hosting recipient's own transfer covers the system.
                    if host.is_some_and(|h| h.countries.contains(country))
                        && activity.transfers.iter().any(|t| {
                            Some(&t.recipient) == system.hosted_by.as_ref()
                                && t.country.covers(country)
                        })
                    {
                        continue;
                    }
                    let recipient = host
                        .map(|r| published_name(r).unwrap_or_else(|| self.t(&r.label)))
                        .unwrap_or_else(|| self.register.organisation.controller.name.clone());
                    let view = TransferView {
                        for_territory: None,
                        mechanism_text: None,
                        country: self.words.country(country),
                        destination: Destination::Country(country.clone()),
                        recipient,
                        mechanism: None,
                        decision: None,
                        derogation: None,
                        copy_via: None,
                    };
                    let key = (view.country.clone(), view.recipient.clone(), "None".into());
                    let at = told.entry(key).or_default();
                    if at.is_empty() {
                        at.push(out.len());
                        out.push(view);
                    }
                }
            }
        }
        out
    }
}

fn published_name(recipient: &ropa_register::model::Recipient) -> Option<String> {
    recipient
        .publish_name
        .then(|| recipient.name.as_deref().map(str::trim))
        .flatten()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}
