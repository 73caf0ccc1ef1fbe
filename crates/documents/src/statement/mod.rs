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

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::words::Words;
use ropa_law::in_eea;
use ropa_register::model::{
    ActivityFile, Basis, Channel, ChannelKind, Id, Lang, ProvisionKind, RecipientRole, Retention,
    SourceKind, Text,
};
use ropa_register::register::Register;

pub mod view;

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
            words: Words::of(lang),
            categories,
            recipients,
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
}

impl<'a> Deriver<'a> {
    fn t(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or_default().trim().to_owned()
    }

    fn opt(&self, text: &Option<Text>) -> Option<String> {
        text.as_ref().map(|t| self.t(t)).filter(|s| !s.is_empty())
    }

    /// The public activities, in the order the register asks for.
    fn public(&self) -> impl Iterator<Item = (&'a Id, &'a ActivityFile)> + use<'a> {
        let order = &self.register.organisation.notice.activity_order;
        let mut public: Vec<(&'a Id, &'a ActivityFile)> = self
            .register
            .activities
            .iter()
            .filter(|(_, a)| a.public)
            .collect();
        public.sort_by_key(|(id, _)| order.iter().position(|o| o == *id).unwrap_or(order.len()));
        public.into_iter()
    }

    fn channels(&self, channels: &[Channel]) -> Vec<ChannelView> {
        channels.iter().map(|c| self.channel(c)).collect()
    }

    fn channel(&self, channel: &Channel) -> ChannelView {
        let value = channel.value.trim();
        let href = match channel.kind {
            ChannelKind::Email if plausible_email(value) => Some(format!("mailto:{value}")),
            ChannelKind::Web | ChannelKind::Account if web_url(value) => Some(value.to_owned()),
            _ => None,
        };
        // A link shows its label; a channel that is not linked (a phone
        // number, an address) must still show its value.
        let text = match (self.opt(&channel.label), &href) {
            (Some(label), Some(_)) => label,
            (Some(label), None) if label != value => format!("{label} ({value})"),
            _ => value.to_owned(),
        };
        ChannelView {
            kind: channel.kind,
            text,
            href,
        }
    }

    fn recipient(&self, id: &Id) -> Option<&'a ropa_register::model::Recipient> {
        self.recipients.get(id).copied()
    }

    fn statement(&self) -> Statement {
        let org = &self.register.organisation;
        let country = &org.controller.address.country;
        let controller = ControllerView {
            name: org.controller.name.trim().to_owned(),
            short_name: short_name(&org.controller.name),
            street: org.controller.address.street.clone(),
            postcode: org.controller.address.postcode.clone(),
            city: org.controller.address.city.clone(),
            country: self.words.country(country),
            country_code: country.to_string(),
            abroad: self.words.language.home_country.as_deref() != Some(country.as_str()),
            contact: self.channels(&org.controller.contact),
            chamber_of_commerce: org.controller.chamber_of_commerce.clone(),
        };
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
        let (sources_direct, sources_other_persons, sources_third_parties) = self.sources();
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
        let last_changed = org.notice.last_changed.as_ref().map(|d| self.words.date(d));

        let mut sections = vec![Section::WhoWeAre];
        if !categories.is_empty() {
            sections.push(Section::PersonalData);
        }
        if !sources_direct.is_empty() {
            sections.push(Section::DataYouProvide);
        }
        if !sources_other_persons.is_empty() {
            sections.push(Section::DataAboutOthers);
        }
        if !sources_third_parties.is_empty() {
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
        if last_changed.is_some() {
            sections.push(Section::LastChanged);
        }

        let authority = &org.supervisory_authority;
        let url = authority.url.trim();
        Statement {
            lang: self.lang,
            sections,
            controller,
            scope: self.opt(&org.scope),
            dpo,
            representative,
            joint_controllers,
            cookie_statement: self.opt(&org.notice.cookie_statement),
            change_notification: self.opt(&org.notice.change_notification),
            last_changed,
            categories,
            collected_from_you: kinds.iter().any(|k| k.is_direct()),
            collected_from_others: kinds.iter().any(|k| !k.is_direct()),
            sources_direct,
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
            authority: AuthorityView {
                name: self.t(&authority.name),
                href: web_url(url).then(|| url.to_owned()),
                website: display_url(url),
            },
            provision,
            profiling,
        }
    }

    /// The categories public activities use, in catalogue order.
    fn categories(&self) -> Vec<CategoryView> {
        let used: BTreeSet<&Id> = self
            .public()
            .flat_map(|(_, a)| a.data.iter().map(|d| &d.category))
            .collect();
        self.register
            .categories
            .categories
            .iter()
            .filter(|c| used.contains(&c.id))
            .map(|c| CategoryView {
                label: self.t(&c.label),
                examples: self.opt(&c.examples),
            })
            .collect()
    }

    /// Sources by kind; identical descriptions are told once, in the order
    /// first seen (activities by id), their categories merged and listed in
    /// catalogue order.
    fn sources(&self) -> (Vec<SourceView>, Vec<SourceView>, Vec<SourceView>) {
        struct Group {
            views: Vec<SourceView>,
            index: HashMap<String, usize>,
            /// Catalogue positions of each view's categories.
            categories: Vec<BTreeSet<usize>>,
        }
        let new_group = || Group {
            views: Vec::new(),
            index: HashMap::new(),
            categories: Vec::new(),
        };
        let mut groups = [new_group(), new_group(), new_group()];
        for (_, activity) in self.public() {
            for source in &activity.sources {
                let group = &mut groups[match source.kind {
                    SourceKind::DataSubject | SourceKind::Observed => 0,
                    SourceKind::OtherPerson => 1,
                    SourceKind::ThirdParty | SourceKind::Public => 2,
                }];
                let description = self.t(&source.description);
                let index = match group.index.get(&description) {
                    Some(&i) => i,
                    None => {
                        group.index.insert(description.clone(), group.views.len());
                        group.views.push(SourceView {
                            kind: source.kind,
                            description,
                            categories: Vec::new(),
                            informed_via: Vec::new(),
                        });
                        group.categories.push(BTreeSet::new());
                        group.views.len() - 1
                    }
                };
                for id in &source.categories {
                    if let Some((at, _)) = self.categories.get(id) {
                        group.categories[index].insert(*at);
                    }
                }
                let view = &mut group.views[index];
                for id in &source.subjects {
                    if let Some(text) = self
                        .register
                        .subject(id)
                        .and_then(|s| self.opt(&s.informed_via))
                    {
                        push_unique(&mut view.informed_via, text);
                    }
                }
            }
        }
        let [direct, others, third] = groups.map(|group| {
            group
                .views
                .into_iter()
                .zip(group.categories)
                .map(|(mut view, at)| {
                    view.categories = self.labels_at(&at);
                    view
                })
                .collect::<Vec<_>>()
        });
        (direct, others, third)
    }

    /// The labels of the categories at these catalogue positions, in order,
    /// each label once.
    fn labels_at(&self, positions: &BTreeSet<usize>) -> Vec<String> {
        let mut out = Vec::with_capacity(positions.len());
        let mut seen = HashSet::new();
        for &at in positions {
            let label = self.t(&self.register.categories.categories[at].label);
            if seen.insert(label.clone()) {
                out.push(label);
            }
        }
        out
    }

    fn purposes(&self) -> Vec<PurposeView> {
        let mut out: Vec<PurposeView> = Vec::new();
        let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                let label = self.t(&purpose.label);
                let description = self.opt(&purpose.description);
                let key = (label, description);
                let view = match index.get(&key) {
                    Some(&i) => &mut out[i],
                    None => {
                        index.insert(key.clone(), out.len());
                        let (label, description) = key;
                        out.push(PurposeView {
                            label,
                            description,
                            bases: Vec::new(),
                            minimisation: self.opt(&purpose.minimisation),
                        });
                        out.last_mut().expect("just pushed")
                    }
                };
                for basis in &purpose.legal_bases {
                    push_unique(&mut view.bases, basis.basis);
                }
                view.bases.sort_by_key(|b| basis_rank(*b));
            }
        }
        out
    }

    fn bases(&self) -> Vec<BasisView> {
        let mut out: Vec<BasisView> = Vec::new();
        let mut seen: HashSet<(Basis, String)> = HashSet::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                for basis in &purpose.legal_bases {
                    let view = match out.iter_mut().position(|b| b.basis == basis.basis) {
                        Some(i) => &mut out[i],
                        None => {
                            out.push(BasisView {
                                basis: basis.basis,
                                purposes: Vec::new(),
                                legal_references: Vec::new(),
                            });
                            out.last_mut().expect("just pushed")
                        }
                    };
                    let label = self.t(&purpose.label);
                    if seen.insert((basis.basis, label.clone())) {
                        view.purposes.push(label);
                    }
                    if let Some(reference) = basis
                        .legal_reference
                        .as_deref()
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                    {
                        push_unique(&mut view.legal_references, reference.to_owned());
                    }
                }
            }
        }
        out.sort_by_key(|b| basis_rank(b.basis));
        out
    }

    fn interests(&self) -> (Vec<InterestView>, Vec<ObjectionView>) {
        let mut interests: Vec<InterestView> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut seen: HashSet<(usize, String)> = HashSet::new();
        let mut objections: Vec<ObjectionView> = Vec::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                for basis in &purpose.legal_bases {
                    let Some(text) = self.opt(&basis.legitimate_interest) else {
                        continue;
                    };
                    if basis.basis != Basis::LegitimateInterests {
                        continue;
                    }
                    let at = match index.get(&text) {
                        Some(&i) => i,
                        None => {
                            index.insert(text.clone(), interests.len());
                            interests.push(InterestView {
                                text,
                                purposes: Vec::new(),
                            });
                            interests.len() - 1
                        }
                    };
                    let label = self.t(&purpose.label);
                    if seen.insert((at, label.clone())) {
                        interests[at].purposes.push(label);
                    }
                }
            }
            if let Some(objection) = &activity.objection {
                let description = self.t(&objection.description);
                let channels = self.channels(&objection.channels);
                match objections
                    .iter_mut()
                    .position(|o| o.description == description)
                {
                    Some(i) => {
                        for c in channels {
                            push_unique(&mut objections[i].channels, c);
                        }
                    }
                    None => objections.push(ObjectionView {
                        description,
                        channels,
                    }),
                }
            }
        }
        (interests, objections)
    }

    fn recipients(&self) -> Vec<RecipientGroup> {
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
    fn outside_eea(&self) -> Vec<TransferView> {
        let mut out: Vec<TransferView> = Vec::new();
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        for (_, activity) in self.public() {
            let mut destinations: Vec<(&Id, &ropa_register::model::Location)> = Vec::new();
            for id in &activity.recipients {
                if let Some(recipient) = self.recipient(id) {
                    for country in recipient.countries.iter().filter(|c| !in_eea(c.as_str())) {
                        destinations.push((id, country));
                    }
                }
            }
            for transfer in activity
                .transfers
                .iter()
                .filter(|t| !in_eea(t.country.as_str()))
            {
                if !destinations
                    .iter()
                    .any(|(r, c)| *r == &transfer.recipient && *c == &transfer.country)
                {
                    destinations.push((&transfer.recipient, &transfer.country));
                }
            }
            for (recipient_id, country) in destinations {
                let transfer = activity
                    .transfers
                    .iter()
                    .find(|t| &t.recipient == recipient_id && &t.country == country);
                let mechanism = transfer.and_then(|t| t.mechanisms.first());
                let recipient = self
                    .register
                    .recipient(recipient_id)
                    .map(|r| published_name(r).unwrap_or_else(|| self.t(&r.label)))
                    .unwrap_or_else(|| recipient_id.to_string());
                let view = TransferView {
                    country: self.words.country(country),
                    country_code: country.clone(),
                    recipient,
                    mechanism: mechanism.map(|m| m.kind),
                    decision: mechanism.and_then(|m| m.decision.clone()),
                    copy_via: transfer.and_then(|t| self.opt(&t.copy_via)),
                };
                let key = (
                    view.country.clone(),
                    view.recipient.clone(),
                    format!("{:?}{:?}", view.mechanism, view.decision),
                );
                if seen.insert(key) {
                    out.push(view);
                }
            }
            for id in &activity.systems {
                let Some(system) = self.register.systems.get(id) else {
                    continue;
                };
                let host = system.hosted_by.as_ref().and_then(|h| self.recipient(h));
                for country in system.countries.iter().filter(|c| !in_eea(c.as_str())) {
                    // A hosting recipient's own transfer covers the system.
                    if host.is_some_and(|h| h.countries.contains(country))
                        && activity.transfers.iter().any(|t| {
                            Some(&t.recipient) == system.hosted_by.as_ref() && &t.country == country
                        })
                    {
                        continue;
                    }
                    let recipient = host
                        .map(|r| published_name(r).unwrap_or_else(|| self.t(&r.label)))
                        .unwrap_or_else(|| self.register.organisation.controller.name.clone());
                    let view = TransferView {
                        country: self.words.country(country),
                        country_code: country.clone(),
                        recipient,
                        mechanism: None,
                        decision: None,
                        copy_via: None,
                    };
                    let key = (view.country.clone(), view.recipient.clone(), "None".into());
                    if seen.insert(key) {
                        out.push(view);
                    }
                }
            }
        }
        out
    }

    /// Retention per category, rules told once with the categories they
    /// cover; rules in the order of their first category in the catalogue.
    fn retention(&self, categories: &[CategoryView]) -> (Vec<RetentionView>, bool) {
        // Every (category, rule) pair, found in one pass over the activities.
        let mut uses: Vec<(usize, &Retention)> = Vec::new();
        for (_, activity) in self.public() {
            for data in &activity.data {
                let Some(rule) = data.retention.as_ref().or(activity.retention.as_ref()) else {
                    continue;
                };
                if let Some((at, _)) = self.categories.get(&data.category) {
                    uses.push((*at, rule));
                }
            }
        }
        // Stable: within a category, activities keep their order.
        uses.sort_by_key(|(at, _)| *at);
        let mut out: Vec<RetentionView> = Vec::new();
        let mut index: HashMap<RetentionKey, usize> = HashMap::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (at, rule) in uses {
            let view = RetentionView {
                categories: Vec::new(),
                period: rule.period.as_deref().map(|p| self.words.period(p)),
                criteria: self.opt(&rule.criteria),
                start_event: self.opt(&rule.start_event),
                end_action: rule.end_action,
                legal_reference: rule.legal_reference.clone(),
            };
            let key = RetentionKey::of(&view);
            let i = match index.get(&key) {
                Some(&i) => i,
                None => {
                    index.insert(key, out.len());
                    out.push(view);
                    out.len() - 1
                }
            };
            if seen.insert((i, at)) {
                let label = self.t(&self.register.categories.categories[at].label);
                push_unique(&mut out[i].categories, label);
            }
        }
        let uniform = out.len() == 1 && out[0].categories.len() == categories.len();
        (out, uniform)
    }

    fn rights(&self, bases: &[BasisView]) -> RightsView {
        let org = &self.register.organisation;
        let used = |b: Basis| bases.iter().any(|v| v.basis == b);
        let all_bases: Vec<Basis> = bases.iter().map(|v| v.basis).collect();
        let rights = ropa_law::rights::rights(ropa_law::rights::Processing {
            bases: &all_bases,
            direct_marketing: self.public().any(|(_, a)| {
                a.purposes.iter().any(|p| p.direct_marketing)
                    || (a.profiling.exists && a.profiling.for_direct_marketing)
            }),
            solely_automated_decisions: self.public().any(|(_, a)| {
                a.automated_decisions
                    .as_ref()
                    .is_some_and(|d| d.solely_automated_significant)
            }),
        });
        // Objecting to direct marketing and withdrawing consent have
        // sections of their own, with the channels to use.
        let list: Vec<Right> = rights
            .into_iter()
            .filter(|r| {
                !matches!(
                    r,
                    Right::ObjectionToDirectMarketing | Right::WithdrawConsent
                )
            })
            .collect();
        let portability_consent = used(Basis::Consent);
        let portability_contract = used(Basis::Contract);
        let objection_legitimate_interests = used(Basis::LegitimateInterests);
        let objection_public_task = used(Basis::PublicTask);
        RightsView {
            list,
            objection_legitimate_interests,
            objection_public_task,
            portability_consent,
            portability_contract,
            self_service: self.opt(&org.rights.self_service),
            channels: self.channels(&org.rights.channels),
            identity_verification: self.opt(&org.rights.identity_verification),
            response_time: self
                .words
                .period(org.rights.response_time.as_deref().unwrap_or("P1M")),
        }
    }

    fn direct_marketing(&self) -> Option<DirectMarketingView> {
        let mut any = false;
        let mut profiling = false;
        let mut channels = Vec::new();
        for (_, activity) in self.public() {
            let purposes = activity.purposes.iter().any(|p| p.direct_marketing);
            let profiles = activity.profiling.exists && activity.profiling.for_direct_marketing;
            if !(purposes || profiles) {
                continue;
            }
            any = true;
            profiling |= profiles;
            if let Some(objection) = &activity.objection {
                for c in self.channels(&objection.channels) {
                    push_unique(&mut channels, c);
                }
            }
        }
        if channels.is_empty() {
            channels = self.channels(&self.register.organisation.rights.channels);
        }
        any.then_some(DirectMarketingView {
            profiling,
            channels,
        })
    }

    fn consent(&self) -> Option<ConsentView> {
        let mut purposes = Vec::new();
        let mut mechanisms = Vec::new();
        let mut channels = Vec::new();
        for (_, activity) in self.public() {
            let mut uses = false;
            for purpose in &activity.purposes {
                if purpose
                    .legal_bases
                    .iter()
                    .any(|b| b.basis == Basis::Consent)
                {
                    uses = true;
                    push_unique(&mut purposes, self.t(&purpose.label));
                }
            }
            if uses && let Some(consent) = &activity.consent {
                if let Some(m) = self.opt(&consent.mechanism) {
                    push_unique(&mut mechanisms, m);
                }
                for c in self.channels(&consent.withdrawal_channels) {
                    push_unique(&mut channels, c);
                }
            }
        }
        if purposes.is_empty() {
            return None;
        }
        if channels.is_empty() {
            channels = self.channels(&self.register.organisation.rights.channels);
        }
        let (mechanism_sentences, mechanism_phrases) =
            mechanisms.into_iter().partition(|m| is_sentence(m));
        Some(ConsentView {
            purposes,
            mechanism_sentences,
            mechanism_phrases,
            channels,
        })
    }

    fn provision(&self) -> ProvisionView {
        let used: BTreeSet<&Id> = self
            .public()
            .flat_map(|(_, a)| a.data.iter().map(|d| &d.category))
            .collect();
        let mut view = ProvisionView {
            marker: None,
            consequence: None,
            optional_fields: None,
            required_by_law: Vec::new(),
            required_for_contract: Vec::new(),
            voluntary: Vec::new(),
        };
        for category in self
            .register
            .categories
            .categories
            .iter()
            .filter(|c| used.contains(&c.id))
        {
            let Some(provision) = &category.provision else {
                continue;
            };
            let item = ProvisionItem {
                label: self.t(&category.label),
                consequence: self.opt(&provision.consequence),
            };
            match provision.kind {
                ProvisionKind::RequiredByLaw => view.required_by_law.push(item),
                ProvisionKind::RequiredForContract => view.required_for_contract.push(item),
                ProvisionKind::Voluntary => view.voluntary.push(item.label),
                // The form marks them; `notice.form_fields` says how.
                ProvisionKind::MarkedPerField => {}
            }
        }
        if let Some(fields) = &self.register.organisation.notice.form_fields {
            view.marker = Some(fields.marker.trim().to_owned());
            view.consequence = Some(self.t(&fields.consequence));
            view.optional_fields = self.opt(&fields.optional_fields);
        }
        view
    }

    fn profiling(&self) -> ProfilingView {
        let mut view = ProfilingView {
            exists: false,
            descriptions: Vec::new(),
            external_sources: false,
            special_categories: Some(false),
            data_types: Vec::new(),
            opt_outs: Vec::new(),
            decisions: Vec::new(),
            no_decisions: true,
        };
        let mut any_public = false;
        for (_, activity) in self.public() {
            any_public = true;
            match &activity.automated_decisions {
                Some(adm) if adm.solely_automated_significant => {
                    view.no_decisions = false;
                    view.decisions.push(DecisionView {
                        activity: self.t(&activity.name),
                        logic: self.opt(&adm.logic),
                        consequences: self.opt(&adm.consequences),
                        safeguards: adm.safeguards.clone(),
                        authorising_law: adm
                            .legal_reference
                            .clone()
                            .filter(|_| adm.exception.as_deref() == Some("b")),
                    });
                }
                Some(_) => {}
                None => view.no_decisions = false,
            }
            let profiling = &activity.profiling;
            if !profiling.exists {
                continue;
            }
            view.exists = true;
            if let Some(d) = self.opt(&profiling.description) {
                push_unique(&mut view.descriptions, d);
            }
            view.external_sources |= profiling.external_sources == Some(true);
            view.special_categories = match (view.special_categories, profiling.special_categories)
            {
                (_, Some(true)) | (Some(true), _) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            };
            for data in &profiling.data_types {
                let label = self.t(&data.label);
                if !view.data_types.iter().any(|d| d.label == label) {
                    view.data_types.push(ProfilingDataView {
                        label,
                        description: self.opt(&data.description),
                    });
                }
            }
            if let Some(o) = self.opt(&profiling.opt_out) {
                push_unique(&mut view.opt_outs, o);
            }
        }
        if !view.exists {
            view.special_categories = None;
        }
        view.no_decisions &= any_public;
        view
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

/// What makes two retention rules the same rule, as the statement tells it.
#[derive(PartialEq, Eq, Hash)]
struct RetentionKey(
    Option<String>,
    Option<String>,
    Option<String>,
    // The model's enum is not `Hash`; its discriminant is.
    u8,
    Option<String>,
);

impl RetentionKey {
    fn of(r: &RetentionView) -> RetentionKey {
        RetentionKey(
            r.period.clone(),
            r.criteria.clone(),
            r.start_event.clone(),
            r.end_action as u8,
            r.legal_reference.clone(),
        )
    }
}

/// The order bases are told in: contract first, consent last, as the seed does.
fn basis_rank(basis: Basis) -> u8 {
    match basis {
        Basis::Contract => 0,
        Basis::LegalObligation => 1,
        Basis::VitalInterests => 2,
        Basis::PublicTask => 3,
        Basis::LegitimateInterests => 4,
        Basis::Consent => 5,
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

/// The controller's name without its legal form: "ISMT B.V." → "ISMT".
pub fn short_name(name: &str) -> String {
    const FORMS: &[&str] = &[
        "B.V.",
        "BV",
        "N.V.",
        "NV",
        "V.O.F.",
        "VOF",
        "C.V.",
        "CV",
        "GmbH",
        "AG",
        "Ltd.",
        "Ltd",
        "Limited",
        "LLC",
        "Inc.",
        "Inc",
        "S.A.",
        "SA",
        "S.à r.l.",
        "SARL",
        "Oy",
        "AB",
        "A/S",
        "ApS",
        "plc",
        "PLC",
        "SE",
    ];
    let name = name.trim();
    for form in FORMS {
        if let Some(rest) = name.strip_suffix(form)
            && (rest.ends_with(' ') || rest.ends_with(','))
        {
            let rest = rest.trim_end().trim_end_matches(',').trim_end();
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    name.to_owned()
}

/// Whether `value` looks enough like an e-mail address to put behind `mailto:`.
/// Deliberately narrow: what fails is shown as text, never linked.
pub fn plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

/// Whether `value` is an `http://` or `https://` URL that is safe to link:
/// a host follows the scheme, and no whitespace, quote, angle bracket or
/// control character appears anywhere.
pub fn web_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        && value
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"\"'<>`\\{}|^".contains(c))
}

/// A URL as people type it: without scheme and trailing slash.
fn display_url(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        url
    };
    rest.strip_suffix('/').unwrap_or(rest).to_owned()
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
