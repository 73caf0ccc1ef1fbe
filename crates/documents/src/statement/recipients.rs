//! Recipients and transfers outside the EEA (Art. 13(1)(e)-(f)).

use super::Deriver;
use super::contact::web_url;
use super::view::{
    LinkView, MechanismView, RecipientGroup, RecipientGroupKind, RecipientView, TransferView,
};
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
                let first = transfer.and_then(|t| t.mechanisms.first());
                let recipient = self
                    .register
                    .recipient(recipient_id)
                    .map(|r| published_name(r).unwrap_or_else(|| self.t(&r.label)))
                    .unwrap_or_else(|| recipient_id.to_string());
                // Judged under another law than the register's own: that
                // law's words say whose data it is and name its tool.
                let other_law = transfer.and_then(|t| t.under).filter(|&law| law != home);
                let copy_via = transfer
                    .zip(first)
                    .and_then(|(t, m)| t.copy_via(m))
                    .map(|text| self.t(text))
                    .filter(|text| !text.is_empty());
                let mechanisms = transfer
                    .map(|t| self.mechanisms(t, copy_via.as_deref()))
                    .unwrap_or_default();
                let view = TransferView {
                    country: self.words.country(destination.as_str()),
                    destination,
                    recipient,
                    mechanisms,
                    copy_via,
                    for_territory: other_law.map(|law| {
                        let words = Words::under(self.lang, law);
                        self.words
                            .statement
                            .outside_eea
                            .for_territory
                            .fill(|_| words.law.in_territory.as_str())
                    }),
                };
                let key = (
                    view.country.clone(),
                    view.recipient.clone(),
                    view.mechanisms
                        .iter()
                        .map(|m| format!("{:?}{:?}{:?}", m.kind, m.decision, m.derogation))
                        .collect::<Vec<_>>()
                        .join(","),
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
                        country: self.words.country(country),
                        destination: Destination::Country(country.clone()),
                        recipient,
                        mechanisms: Vec::new(),
                        copy_via: None,
                    };
                    let key = (view.country.clone(), view.recipient.clone(), String::new());
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

impl Deriver<'_> {
    /// A transfer's mechanisms, in the order it relies on them. An adequacy
    /// decision is named by the framework people know it by, where the law's
    /// table gives one for the decision the register records: a rendering
    /// never depends on the day it is made.
    fn mechanisms(&self, transfer: &Transfer, copy_via: Option<&str>) -> Vec<MechanismView> {
        let home = self.register.organisation.jurisdiction;
        let law = transfer.under.unwrap_or(home);
        let other_law = (law != home).then(|| Words::under(self.lang, law));
        let words = other_law.unwrap_or(self.words);
        transfer
            .mechanisms
            .iter()
            .enumerate()
            .map(|(j, m)| {
                let framework = (m.kind == MechanismKind::Adequacy)
                    .then_some(m.decision.as_deref())
                    .flatten()
                    .and_then(|named| {
                        law.decisions_for(transfer.country.as_str())
                            .find(|d| d.is_named_by(named))
                    })
                    .and_then(|d| d.known_as.map(|f| (d, f)));
                let outside = &words.statement.outside_eea;
                let text = match (framework, other_law) {
                    (Some((decision, f)), _) => Some(outside.framework.fill(|slot| match slot {
                        "framework" => outside.frameworks.of(f),
                        _ => decision.decision,
                    })),
                    (None, Some(_)) => {
                        let said = outside.mechanisms.of(&m.kind);
                        Some(match &m.decision {
                            Some(decision) => said.with_decision.fill(|_| decision.as_str()),
                            None => said.text.clone(),
                        })
                    }
                    (None, None) => None,
                };
                let own_copy = m
                    .copy_via
                    .as_ref()
                    .map(|text| self.t(text))
                    .filter(|text| !text.is_empty() && Some(text.as_str()) != copy_via);
                MechanismView {
                    kind: m.kind,
                    decision: m.decision.clone(),
                    derogation: (m.kind == MechanismKind::Derogation)
                        .then(|| m.derogation.clone())
                        .flatten(),
                    framework: framework.map(|(_, f)| outside.frameworks.of(f).to_owned()),
                    recourse: m.recourse.as_ref().map(|r| LinkView {
                        text: r.name.clone(),
                        // Linked only as a web address, as channels are.
                        href: r.url.as_deref().filter(|u| web_url(u)).map(str::to_owned),
                    }),
                    text,
                    copy_via: if j == 0 { None } else { own_copy },
                }
            })
            .collect()
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
