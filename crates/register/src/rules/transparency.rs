//! What the statement must be able to tell people (Art. 13, 14, 21, 22):
//! objection to direct marketing, automated decisions, sources, whether data
//! is required, the DPO, and how to reach the controller and the authority.

use std::collections::BTreeSet;

use super::lawfulness::{blank, text_missing};
use super::{Findings, Rule, activities};
use crate::model::{ProvisionKind, SourceKind};
use crate::register::{FileRef, Register};

pub(super) fn check(register: &Register, out: &mut Findings) {
    let org = &register.organisation;
    let mut directly_collected = BTreeSet::new();
    let mut other_person_subjects = BTreeSet::new();

    for (file, _, activity) in activities(register) {
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

        let profiling = &activity.profiling;
        match &activity.automated_decisions {
            None if profiling.exists => out.warning(
                Rule::V31,
                &file,
                "/profiling",
                "the activity profiles people but does not say whether decisions with legal or similarly significant effects follow",
                "add \"automated_decisions\": {\"solely_automated_significant\": false} if none do, or describe them",
            ),
            Some(adm) if adm.solely_automated_significant => {
                let mut missing = Vec::new();
                if adm.exception.is_none() {
                    missing.push("the Art. 22(2) exception (\"exception\")");
                }
                if adm.safeguards.len() < 3 {
                    missing.push("all three Art. 22(3) safeguards (human intervention, expressing one's view, contesting)");
                }
                if text_missing(&adm.logic) {
                    missing.push("the logic involved (\"logic\")");
                }
                if text_missing(&adm.consequences) {
                    missing.push("the significance and envisaged consequences (\"consequences\")");
                }
                if !activity.dpia.as_ref().is_some_and(|d| d.required && !blank(&d.reference)) {
                    missing.push("a DPIA (\"dpia\" with \"required\": true and a \"reference\")");
                }
                if !missing.is_empty() {
                    out.error(
                        Rule::V29,
                        &file,
                        "/automated_decisions",
                        "decisions are taken solely by automated means with significant effects, and the record lacks required parts",
                        format!("add {}", missing.join("; ")),
                    );
                }
            }
            _ => {}
        }

        for (i, source) in activity.sources.iter().enumerate() {
            if source.kind.is_direct() {
                if activity.public {
                    directly_collected.extend(source.categories.iter().cloned());
                }
                continue;
            }
            if source.kind == SourceKind::OtherPerson && activity.information_exemption.is_none() {
                if source.subjects.is_empty() {
                    out.warning(
                        Rule::V33,
                        &file,
                        format!("/sources/{i}"),
                        "data comes from another person, and the source does not say whose data it is",
                        "add \"subjects\": the ids of the people this source supplies data about",
                    );
                }
                other_person_subjects.extend(source.subjects.iter().cloned());
            }
            if activity.information_exemption.is_none()
                && (source.categories.is_empty() || text_missing(&Some(source.description.clone())))
            {
                out.error(
                    Rule::V32,
                    &file,
                    format!("/sources/{i}"),
                    "data comes from someone other than the person it is about, and the source or the categories it provides are not recorded",
                    "describe the source (name or type, public or not) and list the categories it provides, or record an Art. 14(5) \"information_exemption\"",
                );
            }
        }
        if activity.sources.is_empty() && activity.public && !activity.data.is_empty() {
            out.error(
                Rule::V32,
                &file,
                "/sources",
                "the activity does not say where its data comes from",
                "add \"sources\": from the person themselves, observed, from another person, a third party or a public source",
            );
        }
    }

    // People whose data someone else supplies (a customer's colleagues,
    // family) are data subjects too, and Art. 14 asks how they are informed.
    for (i, subject) in register.subjects.subjects.iter().enumerate() {
        if other_person_subjects.contains(&subject.id) && text_missing(&subject.informed_via) {
            out.warning(
                Rule::V33,
                &FileRef::Subjects,
                format!("/subjects/{i}"),
                format!("others supply the data of \"{}\", and how these people are informed is not recorded", subject.id),
                "add \"informed_via\", or record an Art. 14(5) \"information_exemption\" on the activities concerned",
            );
        }
    }

    for (i, category) in register.categories.categories.iter().enumerate() {
        if !directly_collected.contains(&category.id) {
            continue;
        }
        let at = format!("/categories/{i}");
        match &category.provision {
            None => out.error(
                Rule::V34,
                &FileRef::Categories,
                at,
                format!("\"{}\" is collected from people directly, and whether they must provide it is not recorded", category.id),
                "add \"provision\": required_by_law, required_for_contract, voluntary or marked_per_field, with the consequence of not providing it",
            ),
            Some(p) => {
                let consequence_known = match p.kind {
                    ProvisionKind::Voluntary => true,
                    ProvisionKind::MarkedPerField => p.consequence.is_some() || org.notice.form_fields.is_some(),
                    _ => p.consequence.is_some(),
                };
                if !consequence_known {
                    out.error(
                        Rule::V34,
                        &FileRef::Categories,
                        format!("{at}/provision"),
                        format!("\"{}\" must be provided, and the consequence of not providing it is not recorded", category.id),
                        "add \"consequence\", e.g. \"without it we cannot deliver your order\"",
                    );
                }
            }
        }
    }

    match &org.dpo {
        None => out.warning(
            Rule::V35,
            &FileRef::Organisation,
            "",
            "the register does not record whether a data protection officer is appointed",
            "add \"dpo\": {\"appointed\": true, \"contact\": […]}, or {\"appointed\": false, \"rationale\": \"…the Art. 37(1) assessment…\"}",
        ),
        Some(dpo) if dpo.appointed && dpo.contact.is_empty() => out.error(
            Rule::V35,
            &FileRef::Organisation,
            "/dpo",
            "a DPO is appointed, and no contact details are recorded to publish",
            "add \"contact\" channels for the DPO (Art. 37(7)); the name is optional",
        ),
        Some(dpo) if !dpo.appointed && blank(&dpo.rationale) => out.warning(
            Rule::V35,
            &FileRef::Organisation,
            "/dpo",
            "no DPO is appointed, and the reason is not recorded",
            "add \"rationale\": why Art. 37(1) does not require one (not a public authority, no large-scale monitoring or special-category data as a core activity)",
        ),
        _ => {}
    }

    if org.controller.contact.is_empty() {
        out.error(
            Rule::V41,
            &FileRef::Organisation,
            "/controller/contact",
            "the controller has no contact channel",
            "add at least one channel, e.g. {\"kind\": \"email\", \"value\": \"privacy@example.com\"}",
        );
    }
    if org.rights.channels.is_empty() {
        out.error(
            Rule::V41,
            &FileRef::Organisation,
            "/rights/channels",
            "no channel is recorded where people can exercise their rights",
            "add at least one channel (Art. 12(2))",
        );
    }
    let url = org.supervisory_authority.url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        out.error(
            Rule::V41,
            &FileRef::Organisation,
            "/supervisory_authority/url",
            format!("the supervisory authority's website \"{url}\" is not a web address"),
            "give the full address, e.g. https://www.autoriteitpersoonsgegevens.nl",
        );
    }
}
