//! The public privacy statement (Art. 13/14), derived from a register.
//!
//! [`Statement::derive`] turns a [`Register`] and a [`Lang`] into a plain
//! view model: every fact the statement tells, already picked in the
//! language asked for, ordered and de-duplicated, with nothing left for a
//! template to decide but wording. What the statement says is computed here,
//! never typed by hand: which data is collected and from where, each
//! purpose with its basis, whether anything leaves the EEA, which rights
//! apply given the bases, and so on.
//!
//! Not for: wording (every fixed sentence is in the language's word file,
//! [`crate::words`]), escaping or formats (the templates), IO of any kind.
//! Only activities with `"public": true` are described.
//!
//! Everything iterates the register in its own order (catalogues as listed,
//! activities by id), so the same register always gives the same statement.

use std::collections::HashMap;

use crate::words::Words;
use ropa_register::model::{ActivityFile, Id, Lang, LawRef, Layout, Origin, SourceKind, Text};
use ropa_register::register::Register;

mod contact;
mod data;
mod notice;
mod profiling;
mod provision;
mod purposes;
mod recipients;
mod retention;
mod rights;
mod services;
pub mod view;

use contact::display_url;
pub use contact::{plausible_email, short_name, web_url};

pub use view::*;

impl Statement {
    /// Derives the statement in `lang` from the public activities of `register`.
    ///
    /// The register is expected to have passed validation: a missing text
    /// comes out empty rather than failing, but validation (V40) refuses such
    /// a register before it gets here.
    pub fn derive(register: &Register, lang: Lang) -> Statement {
        let categories = register
            .categories
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, (i, c)))
            .collect();
        let recipients = register
            .recipients
            .recipients
            .iter()
            .map(|r| (&r.id, r))
            .collect();
        Deriver {
            register,
            lang,
            words: Words::under(lang, register.organisation.jurisdiction),
            categories,
            recipients,
            only: None,
        }
        .statement()
    }
}

struct Deriver<'a> {
    register: &'a Register,
    lang: Lang,
    /// How the language writes dates, periods and countries.
    words: &'static Words,
    /// Categories by id, with their place in the catalogue.
    categories: HashMap<&'a Id, (usize, &'a ropa_register::model::Category)>,
    recipients: HashMap<&'a Id, &'a ropa_register::model::Recipient>,
    /// The activities a service consists of, when deriving the part of the
    /// statement about that service alone.
    only: Option<&'a [Id]>,
}

impl<'a> Deriver<'a> {
    fn t(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or_default().trim().to_owned()
    }

    fn opt(&self, text: &Option<Text>) -> Option<String> {
        text.as_ref().map(|t| self.t(t)).filter(|s| !s.is_empty())
    }

    /// An authority people can complain to, with its page in the
    /// statement's language.
    fn authority(&self, authority: &ropa_register::model::SupervisoryAuthority) -> AuthorityView {
        let url = authority.url.get(self.lang).trim();
        AuthorityView {
            name: self.t(&authority.name),
            href: web_url(url).then(|| url.to_owned()),
            website: display_url(url),
        }
    }

    /// A law as the statement names it: in the reader's language, linked
    /// to its text where the register gives a web address.
    fn law(&self, law: &LawRef) -> Option<LinkView> {
        let url = law.url().filter(|u| contact::web_url(u));
        Some(LinkView {
            text: law.name(self.lang)?.to_owned(),
            href: url.map(str::to_owned),
        })
    }

    /// The public activities the organisation is controller of, in the
    /// order the register asks for: what the statement is about.
    fn public(&self) -> impl Iterator<Item = (&'a Id, &'a ActivityFile)> + use<'a> {
        let mut public = self.in_order(|a| a.public && a.is_own());
        if let Some(only) = self.only {
            public.retain(|(id, _)| only.contains(id));
        }
        public.into_iter()
    }

    /// The public activities carried out for other organisations, which
    /// the statement only names.
    fn on_behalf_of(&self) -> Vec<OnBehalfOfView> {
        self.in_order(|a| a.public && !a.is_own())
            .into_iter()
            .map(|(_, a)| OnBehalfOfView {
                activity: self.t(&a.name),
                controllers: a
                    .processing_for
                    .as_ref()
                    .map(|p| self.t(&p.controllers))
                    .unwrap_or_default(),
            })
            .collect()
    }

    fn in_order(&self, keep: impl Fn(&ActivityFile) -> bool) -> Vec<(&'a Id, &'a ActivityFile)> {
        let mut kept = self.register.activities_in_order();
        kept.retain(|(_, a)| keep(a));
        kept
    }

    fn recipient(&self, id: &Id) -> Option<&'a ropa_register::model::Recipient> {
        self.recipients.get(id).copied()
    }

    fn statement(&self) -> Statement {
        let org = &self.register.organisation;
        let referred = self
            .opt(&org.controller.short_name)
            .unwrap_or_else(|| short_name(&org.controller.name));
        let mut controller = self.company(
            &org.controller.name,
            &org.controller.address,
            &org.controller.contact,
            org.controller.chamber_of_commerce.as_deref(),
        );
        controller.short_name_opening = capitalised(&referred);
        controller.short_name = referred.clone();
        controller.designated_by = org
            .controller
            .designated_by
            .as_ref()
            .and_then(|law| self.law(law));
        let group_controllers = self.group_controllers();
        let dpo = org.dpo.as_ref().filter(|d| d.appointed).map(|d| PartyView {
            name: d.name.clone(),
            contact: self.channels(&d.contact),
        });
        let representative = org.representative.as_ref().map(|r| PartyView {
            name: Some(r.name.clone()),
            contact: self.channels(&r.contact),
        });
        let joint_controllers = org
            .joint_controllers
            .iter()
            .map(|j| JointView {
                name: j.name.clone(),
                contact: self.channels(&j.contact),
                essence: self.opt(&j.essence),
            })
            .collect();

        let categories = self.categories();
        let [
            sources_direct,
            sources_observed,
            sources_other_persons,
            sources_third_parties,
        ] = self.sources();
        let observed_items = self.items(Origin::Observed);
        let derived_items = self.items(Origin::Derived);
        let obtained_items = self.items(Origin::Obtained);
        let sensitive = self.sensitive();
        let kinds: Vec<SourceKind> = self
            .public()
            .flat_map(|(_, a)| a.sources.iter().map(|s| s.kind))
            .collect();
        let purposes = self.purposes();
        let bases = self.bases();
        let (interests, objections) = self.interests();
        let recipient_groups = self.recipients();
        let outside_eea = self.outside_eea();
        let (retention, retention_uniform) = self.retention(&categories);
        let rights = self.rights(&bases);
        let direct_marketing = self.direct_marketing();
        let consent = self.consent();
        let provision = self.provision();
        let profiling = self.profiling();
        let versions = self.versions();
        // Pinned, or else the newest version's date.
        let last_changed = org
            .notice
            .last_changed
            .as_ref()
            .map(|d| self.words.date(d))
            .or_else(|| versions.first().map(|v| v.date.clone()));

        let mut sections = vec![Section::WhoWeAre];
        if !categories.is_empty() {
            sections.push(Section::PersonalData);
        }
        if !sources_direct.is_empty() {
            sections.push(Section::DataYouProvide);
        }
        if !sources_observed.is_empty() || !observed_items.is_empty() || !derived_items.is_empty() {
            sections.push(Section::DataWeRecord);
        }
        if !sources_other_persons.is_empty() {
            sections.push(Section::DataAboutOthers);
        }
        if !sources_third_parties.is_empty() || !obtained_items.is_empty() {
            sections.push(Section::DataFromThirdParties);
        }
        sections.push(Section::Purposes);
        if !bases.is_empty() {
            sections.push(Section::LegalBases);
        }
        if !interests.is_empty() || !objections.is_empty() {
            sections.push(Section::LegitimateInterests);
        }
        sections.push(Section::Recipients);
        sections.push(Section::OutsideEea);
        if !retention.is_empty() {
            sections.push(Section::Retention);
        }
        sections.push(Section::Rights);
        if consent.is_some() {
            sections.push(Section::WithdrawingConsent);
        }
        sections.push(Section::Complaints);
        if provision.marker.is_some()
            || !provision.required_by_law.is_empty()
            || !provision.required_for_contract.is_empty()
            || !provision.voluntary.is_empty()
        {
            sections.push(Section::RequiredData);
        }
        sections.push(Section::Profiling);
        if last_changed.is_some() || !versions.is_empty() {
            sections.push(Section::LastChanged);
        }
        let services = self.services();
        if org.notice.layout == Layout::ByService && !services.is_empty() {
            // Each service tells its own data, purposes and retention.
            sections.retain(|s| !matches!(s, Section::Purposes | Section::Retention));
            for i in (0..services.len()).rev() {
                sections.insert(1, Section::Service(i));
            }
        }
        self.place_added(&mut sections);

        let other_laws = org
            .also_under
            .iter()
            .map(|other| {
                let words = Words::under(self.lang, other.jurisdiction);
                let applies = self
                    .words
                    .statement
                    .who_we_are
                    .also_under
                    .fill(|slot| match slot {
                        "in_territory" => words.law.in_territory.as_str(),
                        "regulation" => words.law.regulation.as_str(),
                        _ => "",
                    });
                let representative = other.representative.as_ref().map(|r| PartyView {
                    name: Some(r.name.clone()),
                    contact: self.channels(&r.contact),
                });
                let reachable = representative
                    .as_ref()
                    .is_some_and(|r| !r.contact.is_empty());
                OtherLawView {
                    applies,
                    in_territory: words.law.in_territory.clone(),
                    representative,
                    representative_sentence: words
                        .statement
                        .who_we_are
                        .representative_of(reachable)
                        .clone(),
                    authority: self.authority(&other.supervisory_authority),
                }
            })
            .collect();
        Statement {
            lang: self.lang,
            sections,
            controller,
            scope: self.opt(&org.scope),
            other_laws,
            on_behalf_of: self.on_behalf_of(),
            dpo,
            representative,
            joint_controllers,
            group_controllers,
            cookie_statement: self.opt(&org.notice.cookie_statement),
            introduction: self.introduction(),
            changes: self.opt(&org.notice.changes),
            added: self.added_sections(),
            services,
            effective_from: versions
                .first()
                .filter(|v| Some(&v.date) == last_changed.as_ref())
                .and_then(|v| v.effective_from.clone()),
            versions,
            change_notification: self.opt(&org.notice.change_notification),
            last_changed,
            categories,
            collected_from_you: kinds.iter().any(|k| k.is_direct()),
            collected_from_others: kinds.iter().any(|k| !k.is_direct())
                || !obtained_items.is_empty(),
            sources_direct,
            sources_observed,
            observed_items,
            derived_items,
            obtained_items,
            sensitive,
            sources_other_persons,
            sources_third_parties,
            purposes,
            bases,
            interests,
            objections,
            third_party_marketing: self.register.recipients.third_party_marketing,
            recipient_groups,
            outside_eea,
            retention,
            retention_uniform,
            rights,
            direct_marketing,
            consent,
            authority: self.authority(&org.supervisory_authority),
            provision,
            profiling,
        }
    }
}

/// Whether a register text is a whole sentence (ends like one) rather than
/// a phrase to be fitted into one of the statement's own sentences.
fn is_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?'])
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// `text` with its first letter in capitals: "de gemeente" → "De gemeente".
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_the_legal_form() {
        assert_eq!(short_name("ISMT B.V."), "ISMT");
        assert_eq!(short_name("Acme, Inc."), "Acme");
        assert_eq!(short_name("BV"), "BV");
        assert_eq!(short_name("Gemeente Haarlem"), "Gemeente Haarlem");
        assert_eq!(capitalised("de gemeente Haarlem"), "De gemeente Haarlem");
        assert_eq!(capitalised("ärztekammer"), "Ärztekammer");
    }

    /// What validation lets `after` name is what the statement has.
    #[test]
    fn the_register_knows_the_statements_sections() {
        let ids: Vec<&str> = Section::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ropa_register::model::STATEMENT_SECTIONS);
    }

    #[test]
    fn a_list_too_long_for_a_sentence_is_told_as_a_list() {
        let list = |items: &[&str]| -> List { items.iter().map(|s| s.to_string()).collect() };
        assert!(!list(&["a", "b", "c", "d", "e"]).long());
        assert!(list(&["a", "b", "c", "d", "e", "f"]).long());
        // Commas of an item's own make "a, b and c and d" unreadable.
        assert!(list(&["Name, address and e-mail", "Orders"]).long());
        let long = "x".repeat(List::LONGEST_IN_A_SENTENCE + 1);
        assert!(list(&[&long, "b"]).long());
        // One item, however long, is a sentence's.
        assert!(!list(&[&long]).long());
        assert!(!list(&["Name, address and e-mail"]).long());
    }

    #[test]
    fn only_plausible_addresses_are_linked() {
        assert!(plausible_email("info@ismt-bv.com"));
        assert!(!plausible_email("javascript:alert(1)@x.com"));
        assert!(!plausible_email("\"><img src=x>@x.com"));
        assert!(!plausible_email("a@b"));
        assert!(web_url("https://www.autoriteitpersoonsgegevens.nl"));
        assert!(web_url("HTTP://example.org/a?b=c#d"));
        assert!(!web_url("javascript:alert(1)"));
        assert!(!web_url("https://x.org/\"onmouseover=alert(1)"));
        assert!(!web_url("https:///path"));
    }
}
