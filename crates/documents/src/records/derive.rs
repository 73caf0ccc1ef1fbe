//! The record's cells, derived from the register: one function per column
//! for the organisation-wide block and for each activity.

use std::collections::HashMap;

use super::{Column, Field, RecordActivity, RecordData};
use crate::words::{RecordWords, Words};
use ropa_law::Right;
use ropa_register::model::{
    ActivityFile, Address, AdmSafeguard, Basis, Category, Channel, CriminalDataGround, EndAction,
    Id, KnownGap, Lang, MechanismKind, Recipient, RecipientRole, RepresentativeGround, Retention,
    SourceKind, SpecialCategory, Status, Storage, Subject, UnderLaw,
};
use ropa_register::register::Register;

pub(super) struct Deriver<'a> {
    register: &'a Register,
    pub(super) lang: Lang,
    /// How the language writes dates and periods.
    words: &'static Words,
    /// The words of the record's cells.
    pub(super) w: &'static RecordWords,
    // Every activity names catalogue entries by id; indexed once, so that a
    // large register does not search its catalogues for each reference.
    categories: HashMap<&'a Id, &'a Category>,
    subjects: HashMap<&'a Id, &'a Subject>,
    recipients: HashMap<&'a Id, &'a Recipient>,
}

impl<'a> Deriver<'a> {
    pub(super) fn new(register: &'a Register, lang: Lang) -> Deriver<'a> {
        let words = Words::under(lang, register.organisation.jurisdiction);
        Deriver {
            register,
            lang,
            words,
            w: &words.records,
            categories: by_id(&register.categories.categories, |c| &c.id),
            subjects: by_id(&register.subjects.subjects, |s| &s.id),
            recipients: by_id(&register.recipients.recipients, |r| &r.id),
        }
    }

    pub(super) fn category(&self, id: &Id) -> Option<&'a Category> {
        self.categories.get(id).copied()
    }

    fn subject(&self, id: &Id) -> Option<&'a Subject> {
        self.subjects.get(id).copied()
    }

    pub(super) fn recipient(&self, id: &Id) -> Option<&'a Recipient> {
        self.recipients.get(id).copied()
    }

    /// The representative under one law, never "not required" without the
    /// reason the register gives. `established` is what the record says
    /// when the organisation is established in the law's territory, as
    /// controller or as processor.
    fn representative(&self, law: &UnderLaw<'_>, words: &Words, established: &str) -> String {
        match (law.representative, law.representative_exemption) {
            (Some(r), _) => format!("{} ({})", r.name, self.channels(&r.contact)),
            (None, _) if law.established_in_territory => established.to_owned(),
            (None, Some(exemption)) => {
                let point = match exemption.ground {
                    RepresentativeGround::Occasional => "a",
                    RepresentativeGround::PublicAuthority => "b",
                };
                words
                    .records
                    .words
                    .representative_exempt
                    .fill(|slot| match slot {
                        "point" => point,
                        "reason" => exemption.reason.trim(),
                        _ => "",
                    })
            }
            (None, None) => words.records.words.representative_missing.clone(),
        }
    }

    /// Where a transfer goes, and under which law when it names one.
    fn transfer_place(&self, transfer: &ropa_register::model::Transfer) -> String {
        let place = self.destination(&transfer.country);
        match transfer.under {
            Some(law) => format!("{place} ({})", law.regulation()),
            None => place,
        }
    }

    /// Where a transfer goes: a country by its name, or where the data
    /// reaches, in words.
    fn destination(&self, destination: &ropa_register::model::Destination) -> String {
        use ropa_register::model::{Destination, Reach};
        match destination {
            Destination::Country(country) => self.words.country_name(country),
            Destination::Reach(Reach::Worldwide) => self.w.words.worldwide.clone(),
            Destination::Reach(Reach::ChosenByThePerson) => {
                self.w.words.chosen_by_the_person.clone()
            }
            Destination::Reach(Reach::OtherOperators) => self.w.words.other_operators.clone(),
        }
    }

    /// Countries by their names, in the order the register gives them.
    pub(super) fn countries(&self, countries: &[ropa_register::model::Location]) -> String {
        countries
            .iter()
            .map(|c| self.words.country_name(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A law as the records cite it: its name in the records' language,
    /// with its identifier and link where the register gives them.
    fn law(&self, law: &ropa_register::model::LawRef) -> Option<String> {
        let name = law.name(self.lang)?;
        let cited: Vec<&str> = [law.identifier(), law.url()]
            .into_iter()
            .flatten()
            .collect();
        Some(if cited.is_empty() {
            name.to_owned()
        } else {
            format!("{name} [{}]", cited.join(", "))
        })
    }

    pub(super) fn t(&self, text: &ropa_register::model::Text) -> String {
        text.get(self.lang).unwrap_or_default().trim().to_owned()
    }

    pub(super) fn field(&self, column: Column, lines: Vec<String>) -> Field {
        Field {
            column,
            label: column.header(self.lang),
            lines,
        }
    }

    fn yes_no(&self, yes: bool) -> String {
        if yes {
            self.w.words.yes.clone()
        } else {
            self.w.words.no.clone()
        }
    }

    pub(super) fn channels(&self, channels: &[Channel]) -> String {
        channels
            .iter()
            .map(|c| match &c.label {
                Some(label) => format!("{} ({})", self.t(label), c.value),
                None => c.value.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A company's name, address, contact and registration, a line each.
    fn company(
        &self,
        name: &str,
        address: &Address,
        contact: &[Channel],
        chamber_of_commerce: Option<&str>,
    ) -> Vec<String> {
        let mut lines = vec![
            name.to_owned(),
            format!(
                "{}, {}",
                crate::address::one_line(address),
                self.words.country_name(&address.country)
            ),
        ];
        if !contact.is_empty() {
            lines.push(self.channels(contact));
        }
        if let Some(kvk) = chamber_of_commerce {
            lines.push(format!("{} {kvk}", self.w.words.chamber_of_commerce));
        }
        lines
    }

    pub(super) fn organisation_value(&self, column: Column) -> Vec<String> {
        let org = &self.register.organisation;
        let none = || vec![self.w.words.none.clone()];
        match column {
            Column::Controller => {
                let c = &org.controller;
                let mut lines = self.company(
                    &c.name,
                    &c.address,
                    &c.contact,
                    c.chamber_of_commerce.as_deref(),
                );
                if let Some(law) = c.designated_by.as_ref().and_then(|l| self.law(l)) {
                    lines.push(format!("{} {law}", self.w.words.designated_by));
                }
                lines
            }
            Column::JointController if org.joint_controllers.is_empty() => none(),
            Column::JointController => org
                .joint_controllers
                .iter()
                .map(|j| {
                    let mut line = format!("{} ({})", j.name, self.channels(&j.contact));
                    if let Some(r) = &j.arrangement_ref {
                        line.push_str(&format!("; {}: {r}", self.w.words.arrangement));
                    }
                    line
                })
                .collect(),
            Column::Dpo => match &org.dpo {
                None => vec![self.w.words.not_recorded.clone()],
                Some(dpo) if dpo.appointed => {
                    let mut lines = Vec::new();
                    if let Some(name) = &dpo.name {
                        lines.push(name.clone());
                    }
                    lines.push(self.channels(&dpo.contact));
                    lines
                }
                Some(dpo) => vec![format!(
                    "{}{}",
                    self.w.words.none_appointed,
                    dpo.rationale
                        .as_deref()
                        .map(|r| format!(": {r}"))
                        .unwrap_or_default()
                )],
            },
            Column::Representative => {
                self.representatives(|words| &words.records.words.representative_established)
            }
            _ => Vec::new(),
        }
    }

    /// The organisation's representatives, never "not required" without
    /// the reason the register gives: under every law the organisation is
    /// subject to, each prefixed with its regulation's name when there is
    /// more than one. `established` picks, from the law's words, what the
    /// record says of an organisation established in its territory.
    pub(super) fn representatives(
        &self,
        established: impl Fn(&'static Words) -> &'static String,
    ) -> Vec<String> {
        let laws = self.register.organisation.laws();
        let several = laws.len() > 1;
        laws.iter()
            .map(|law| {
                let words = Words::under(self.lang, law.jurisdiction);
                let line = self.representative(law, words, established(words));
                if several {
                    format!("{}: {line}", law.jurisdiction.regulation())
                } else {
                    line
                }
            })
            .collect()
    }

    pub(super) fn activity(&self, id: &str, a: &ActivityFile) -> RecordActivity {
        // A company of the group that is the controller for the activity
        // takes the controller's place in its row (Art. 30(1)(a)).
        let group = a.controller.as_ref().and_then(|id| {
            self.register
                .organisation
                .group_controllers
                .iter()
                .find(|g| &g.id == id)
        });
        let fields = Column::ALL
            .iter()
            .filter(|c| !c.per_category())
            .filter(|c| !c.organisation_wide() || (**c == Column::Controller && group.is_some()))
            .filter(|c| !matches!(c, Column::Id | Column::Activity))
            .map(|&c| match (c, group) {
                (Column::Controller, Some(g)) => {
                    let mut lines = self.company(
                        &g.name,
                        &g.address,
                        &g.contact,
                        g.chamber_of_commerce.as_deref(),
                    );
                    lines.extend(g.responsible_for.as_ref().map(|r| self.t(r)));
                    self.field(c, lines)
                }
                _ => self.field(c, self.activity_value(c, a)),
            })
            .collect();
        // Categories without a retention rule of their own follow the
        // activity's, worded once rather than once per category.
        let activity_retention = a.retention.as_ref().map(|r| self.retention(r));
        let data = a
            .data
            .iter()
            .map(|d| {
                let category = self.category(&d.category);
                let mut special = Vec::new();
                if let Some(c) = category {
                    if c.special != SpecialCategory::None {
                        let condition = a
                            .special_category_conditions
                            .iter()
                            .find(|s| s.category == d.category);
                        special.push(format!(
                            "{} ({}){}",
                            self.special_name(c.special),
                            self.w.words.article_9_1,
                            match condition {
                                Some(s) => format!(
                                    ": {} 9(2)({}){}",
                                    self.w.words.article,
                                    s.condition,
                                    s.legal_reference
                                        .as_ref()
                                        .and_then(|r| self.law(r))
                                        .map(|r| format!(", {r}"))
                                        .unwrap_or_default()
                                ),
                                None => format!(": {}", self.w.words.no_condition),
                            }
                        ));
                    }
                    if c.criminal {
                        let ground = a.criminal_data.as_ref().map(|g| {
                            let words = match g.ground {
                                CriminalDataGround::OfficialAuthority => {
                                    &self.w.words.criminal_official_authority
                                }
                                CriminalDataGround::AuthorisedByLaw => {
                                    &self.w.words.criminal_authorised_by_law
                                }
                            };
                            let law = g.legal_reference.as_ref().and_then(|r| self.law(r));
                            match law {
                                Some(law) => format!("{words}, {law}"),
                                None => words.clone(),
                            }
                        });
                        special.push(format!(
                            "{}: {}",
                            self.w.words.criminal,
                            ground.as_deref().unwrap_or(&self.w.words.no_condition)
                        ));
                    }
                    if c.national_id {
                        special.push(self.w.words.national_id.clone());
                    }
                }
                if special.is_empty() {
                    special.push(self.w.words.none.clone());
                }
                let sources = a
                    .sources
                    .iter()
                    .filter(|s| s.categories.is_empty() || s.categories.contains(&d.category))
                    .map(|s| format!("{}: {}", self.source_kind(s.kind), self.t(&s.description)))
                    .collect();
                let mut retention = vec![
                    d.retention
                        .as_ref()
                        .map(|r| self.retention(r))
                        .or_else(|| activity_retention.clone())
                        .unwrap_or_else(|| self.w.words.not_recorded.clone()),
                ];
                // Items kept otherwise than their category, each on a line.
                for item in &d.item_retention {
                    let name = category
                        .and_then(|c| c.item(&item.item))
                        .map(|i| self.t(&i.label))
                        .unwrap_or_else(|| item.item.to_string());
                    retention.push(format!("{name}: {}", self.retention(&item.retention)));
                }
                RecordData {
                    category: self.category_with_items(&d.category),
                    special,
                    sources,
                    retention,
                }
            })
            .collect();
        RecordActivity {
            id: id.to_owned(),
            name: self.t(&a.name),
            fields,
            data,
        }
    }

    /// A category by its label, with its items (Art. 30(1)(c), 30(2)(b)).
    pub(super) fn category_with_items(&self, id: &Id) -> String {
        let Some(category) = self.category(id) else {
            return id.to_string();
        };
        let label = self.t(&category.label);
        let items: Vec<String> = category.items.iter().map(|i| self.t(&i.label)).collect();
        if items.is_empty() {
            label
        } else {
            format!("{label} ({})", items.join(", "))
        }
    }

    pub(super) fn activity_value(&self, column: Column, a: &ActivityFile) -> Vec<String> {
        let none = || vec![self.w.words.none.clone()];
        let not_recorded = || vec![self.w.words.not_recorded.clone()];
        let or_none = |lines: Vec<String>| if lines.is_empty() { none() } else { lines };
        match column {
            Column::BusinessFunction => a.owner.clone().into_iter().collect(),
            Column::Description => a
                .description
                .as_ref()
                .map(|d| self.t(d))
                .into_iter()
                .collect(),
            Column::Public => vec![self.yes_no(a.public)],
            Column::Status => vec![
                match a.status {
                    Status::Planned => &self.w.words.planned,
                    Status::Active => &self.w.words.active,
                    Status::Retired => &self.w.words.retired,
                }
                .clone(),
            ],
            Column::Purpose => a
                .purposes
                .iter()
                .map(|p| {
                    let mut line = self.t(&p.label);
                    if let Some(d) = &p.description {
                        line = format!("{line}: {}", self.t(d));
                    }
                    if p.direct_marketing {
                        line.push_str(&format!(" ({})", self.w.words.direct_marketing));
                    }
                    line
                })
                .collect(),
            Column::LawfulBasis => a
                .purposes
                .iter()
                .map(|p| {
                    let bases = if p.legal_bases.is_empty() {
                        self.w.words.none_recorded.clone()
                    } else {
                        p.legal_bases
                            .iter()
                            .map(|b| {
                                let mut s = format!(
                                    "{} {}",
                                    self.article(b.basis),
                                    self.basis_name(b.basis)
                                );
                                if let Some(r) =
                                    b.legal_reference.as_ref().and_then(|r| self.law(r))
                                {
                                    s.push_str(&format!(" ({r})"));
                                }
                                s
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    format!("{}: {bases}", self.t(&p.label))
                })
                .collect(),
            Column::LegitimateInterests => or_none(
                a.purposes
                    .iter()
                    .flat_map(|p| {
                        p.legal_bases
                            .iter()
                            .filter(|b| b.basis == Basis::LegitimateInterests)
                            .filter_map(|b| b.legitimate_interest.as_ref())
                            .map(|i| format!("{}: {}", self.t(&p.label), self.t(i)))
                    })
                    .collect(),
            ),
            Column::Lia => {
                let lines: Vec<String> = a
                    .purposes
                    .iter()
                    .flat_map(|p| {
                        p.legal_bases
                            .iter()
                            .filter(|b| b.basis == Basis::LegitimateInterests)
                            .map(|b| {
                                format!(
                                    "{}: {}",
                                    self.t(&p.label),
                                    b.lia_ref.clone().unwrap_or_else(|| self
                                        .w
                                        .words
                                        .not_recorded
                                        .clone())
                                )
                            })
                    })
                    .collect();
                lines
            }
            Column::Subjects => or_none(
                a.subjects
                    .iter()
                    .map(|s| {
                        self.subject(s)
                            .map(|s| self.t(&s.label))
                            .unwrap_or_else(|| s.to_string())
                    })
                    .collect(),
            ),
            Column::Recipients => or_none(
                a.recipients
                    .iter()
                    .map(|id| match self.recipient(id) {
                        Some(r) => {
                            let mut line = self.t(&r.label);
                            if let Some(name) = &r.name {
                                line = format!("{line} ({name})");
                            }
                            format!(
                                "{line}: {}; {}",
                                self.role(r.role),
                                self.countries(&r.countries)
                            )
                        }
                        None => id.to_string(),
                    })
                    .collect(),
            ),
            Column::ProcessorContract => a
                .recipients
                .iter()
                .filter_map(|id| self.recipient(id))
                .filter(|r| {
                    matches!(
                        r.role,
                        RecipientRole::Processor | RecipientRole::SubProcessor
                    ) || r.processing_agreement.is_some()
                })
                .map(|r| {
                    let agreement = match &r.processing_agreement {
                        Some(p) => {
                            let mut s = p.reference.clone();
                            if let Some(date) = &p.date {
                                s.push_str(&format!(" ({date})"));
                            }
                            if let Some(url) = &p.url {
                                s.push_str(&format!(" {url}"));
                            }
                            s
                        }
                        None => self.w.words.none_recorded.clone(),
                    };
                    format!("{}: {agreement}", self.t(&r.label))
                })
                .collect(),
            Column::ThirdCountries => or_none(
                a.transfers
                    .iter()
                    .map(|t| {
                        let recipient = self
                            .recipient(&t.recipient)
                            .map(|r| self.t(&r.label))
                            .unwrap_or_else(|| t.recipient.to_string());
                        format!("{}: {recipient}", self.transfer_place(t))
                    })
                    .collect(),
            ),
            Column::Safeguards => or_none(
                a.transfers
                    .iter()
                    .map(|t| {
                        let mechanisms = t
                            .mechanisms
                            .iter()
                            .map(|m| {
                                // A tool is named as the law it is used under names it.
                                let mut s = match t.under {
                                    Some(law) => {
                                        Words::under(self.lang, law).records.mechanisms.of(&m.kind)
                                    }
                                    None => self.mechanism(m.kind),
                                }
                                .to_owned();
                                if let Some(d) = &m.decision {
                                    s.push_str(&format!(" {d}"));
                                }
                                if let Some(module) = m.module {
                                    s.push_str(&format!(" module {module}"));
                                }
                                if let Some(p) = &m.derogation {
                                    s.push_str(&format!(" (49(1)({p}))"));
                                }
                                if let Some(copy) = m.copy_via.as_ref().filter(|c| !c.is_empty()) {
                                    s.push_str(&format!(
                                        " ({}: {})",
                                        self.w.words.copy_via,
                                        self.t(copy)
                                    ));
                                }
                                if let Some(recourse) = &m.recourse {
                                    s.push_str(&format!(
                                        " ({}: {})",
                                        self.w.words.recourse, recourse.name
                                    ));
                                }
                                s
                            })
                            .collect::<Vec<_>>()
                            // The mechanisms after the first take over
                            // should the one before fall away.
                            .join(&format!("; {}: ", self.w.words.fallback));
                        let mut line = format!("{}: {mechanisms}", self.transfer_place(t));
                        if let Some(copy) = &t.copy_via {
                            line.push_str(&format!(
                                "; {}: {}",
                                self.w.words.copy_via,
                                self.t(copy)
                            ));
                        }
                        if let Some(tia) = &t.tia_ref {
                            line.push_str(&format!("; TIA {tia}"));
                        }
                        line
                    })
                    .collect(),
            ),
            Column::Security => or_none(
                self.register
                    .organisation
                    .security_measures
                    .iter()
                    .chain(&a.security_measures)
                    .map(|m| match &m.dpv {
                        Some(dpv) => format!("{} ({dpv})", m.description),
                        None => m.description.clone(),
                    })
                    .collect(),
            ),
            Column::Rights => vec![self.rights(a)],
            Column::Adm => {
                let p = &a.profiling;
                let mut lines = Vec::new();
                if p.exists {
                    let mut line = self.w.words.profiling_yes.clone();
                    if !p.data_types.is_empty() {
                        line.push_str(&format!(
                            " ({})",
                            p.data_types
                                .iter()
                                .map(|d| self.t(&d.label))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                    match p.special_categories {
                        Some(false) => line.push_str(&format!(
                            "; {}",
                            self.w.words.no_special_categories_in_profiles
                        )),
                        Some(true) => line.push_str(&format!(
                            "; {}",
                            self.w.words.special_categories_in_profiles
                        )),
                        None => {}
                    }
                    if p.for_direct_marketing {
                        line.push_str(&format!("; {}", self.w.words.for_direct_marketing));
                    }
                    lines.push(line);
                } else {
                    lines.push(self.w.words.profiling_no.clone());
                }
                for other in &p.by_others {
                    lines.push(format!(
                        "{}: {} — {}",
                        self.w.words.profiling_by_others,
                        self.t(&other.who),
                        self.t(&other.description)
                    ));
                }
                lines.push(match &a.automated_decisions {
                    None => self.w.words.decisions_not_assessed.clone(),
                    Some(adm) if !adm.solely_automated_significant => {
                        self.w.words.decisions_no.clone()
                    }
                    Some(adm) => {
                        let safeguards = adm
                            .safeguards
                            .iter()
                            .map(|s| self.safeguard(*s))
                            .collect::<Vec<_>>()
                            .join(", ");
                        format!(
                            "{}{}{}",
                            self.w.words.decisions_yes,
                            adm.exception
                                .as_deref()
                                .map(|e| {
                                    // Under (b) the law that authorises the
                                    // decisions, as a basis names its law.
                                    let law =
                                        adm.legal_reference.as_ref().and_then(|l| self.law(l));
                                    let law = match (e, law) {
                                        ("b", Some(law)) => format!(" ({law})"),
                                        _ => String::new(),
                                    };
                                    format!("; {} 22(2)({e}){law}", self.w.words.article)
                                })
                                .unwrap_or_default(),
                            if safeguards.is_empty() {
                                String::new()
                            } else {
                                format!("; {safeguards}")
                            }
                        )
                    }
                });
                lines
            }
            Column::ConsentRecord => match &a.consent {
                None => Vec::new(),
                Some(c) => {
                    let mut lines = vec![match &c.proof_location {
                        Some(p) => p.clone(),
                        None => self.w.words.no_proof_of_consent.clone(),
                    }];
                    if !c.withdrawal_channels.is_empty() {
                        lines.push(format!(
                            "{}: {}",
                            self.w.words.withdrawal,
                            self.channels(&c.withdrawal_channels)
                        ));
                    }
                    lines
                }
            },
            Column::Location => {
                if a.systems.is_empty() {
                    not_recorded()
                } else {
                    a.systems
                        .iter()
                        .map(|id| match self.register.systems.get(id) {
                            Some(s) => format!("{} ({})", s.name, self.countries(&s.countries)),
                            None => id.to_string(),
                        })
                        .collect()
                }
            }
            Column::DpiaRequired => match &a.dpia {
                None => vec![self.w.words.not_assessed.clone()],
                Some(d) => {
                    let mut line = self.yes_no(d.required);
                    if let Some(reason) = &d.reason {
                        line.push_str(&format!(": {reason}"));
                    }
                    vec![line]
                }
            },
            Column::Dpia => a
                .dpia
                .as_ref()
                .and_then(|d| d.reference.clone())
                .into_iter()
                .collect(),
            Column::LastReview => a
                .review
                .as_ref()
                .and_then(|r| r.last.as_ref())
                .map(|d| self.words.date(d))
                .into_iter()
                .collect(),
            Column::NextReview => a
                .review
                .as_ref()
                .and_then(|r| r.next.as_ref())
                .map(|d| self.words.date(d))
                .into_iter()
                .collect(),
            Column::KnownGaps => or_none(a.known_gaps.iter().map(gap).collect()),
            _ => Vec::new(),
        }
    }

    fn retention(&self, r: &Retention) -> String {
        match r.storage {
            Storage::Limited => {}
            Storage::NotStored => return self.w.words.not_stored.clone(),
            Storage::OnDevice => return self.w.words.on_device.clone(),
            Storage::Indefinite => {
                let reason = r.reason.as_ref().map(|t| self.t(t)).unwrap_or_default();
                return self.w.words.indefinite.fill(|_| &reason);
            }
        }
        let mut parts = Vec::new();
        if let Some(period) = &r.period {
            let mut s = self.words.period(period);
            if let Some(start) = &r.start_event {
                s.push_str(&format!(" {} {}", self.w.words.after, self.t(start)));
            }
            parts.push(s);
        } else if let Some(start) = &r.start_event {
            parts.push(format!("{}: {}", self.w.words.from, self.t(start)));
        }
        if let Some(criteria) = &r.criteria {
            parts.push(self.t(criteria));
        }
        if let Some(law) = r.legal_reference.as_ref().and_then(|l| self.law(l)) {
            parts.push(format!("({law})"));
        }
        // No end action recorded is V14's error; the record says nothing.
        let end = match r.end_action {
            Some(EndAction::Erase) => self.w.words.then_erased.as_str(),
            Some(EndAction::Anonymise) => self.w.words.then_anonymised.as_str(),
            Some(EndAction::EraseOrAnonymise) => self.w.words.then_erased_or_anonymised.as_str(),
            None => return parts.join("; "),
        };
        let mut text = parts.join("; ");
        if text.ends_with('.') {
            // After a full sentence, the end action is a sentence of its own.
            let mut chars = end.chars();
            let first = chars
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            text.push_str(&format!(" {first}{}.", chars.as_str()));
        } else if text.is_empty() {
            text = end.to_owned();
        } else {
            text.push_str(&format!("; {end}"));
        }
        text
    }

    fn rights(&self, a: &ActivityFile) -> String {
        let bases: Vec<Basis> = a
            .purposes
            .iter()
            .flat_map(|p| p.legal_bases.iter().map(|b| b.basis))
            .collect();
        let rights = ropa_law::rights::rights(ropa_law::rights::Processing {
            bases: &bases,
            direct_marketing: a.purposes.iter().any(|p| p.direct_marketing)
                || a.profiling.for_direct_marketing,
            solely_automated_decisions: a
                .automated_decisions
                .as_ref()
                .is_some_and(|d| d.solely_automated_significant),
        });
        let mut words: Vec<&str> = Vec::new();
        for right in rights {
            // The records name Art. 21 once, whether it is 21(1) or 21(2).
            let word: &str = match right {
                Right::Information => &self.w.rights.information,
                Right::Access => &self.w.rights.access,
                Right::Rectification => &self.w.rights.rectification,
                Right::Erasure => &self.w.rights.erasure,
                Right::Restriction => &self.w.rights.restriction,
                Right::Portability => &self.w.rights.portability,
                Right::Objection | Right::ObjectionToDirectMarketing => &self.w.rights.objection,
                Right::HumanIntervention => &self.w.rights.human_intervention,
                Right::WithdrawConsent => &self.w.rights.withdraw_consent,
            };
            if !words.contains(&word) {
                words.push(word);
            }
        }
        let rights = words;
        rights.join(", ")
    }

    fn article(&self, basis: Basis) -> &'static str {
        &self.w.bases.of(&basis).article
    }

    fn basis_name(&self, basis: Basis) -> &'static str {
        &self.w.bases.of(&basis).name
    }

    pub(super) fn role(&self, role: RecipientRole) -> &'static str {
        self.w.roles.of(&role)
    }

    fn mechanism(&self, kind: MechanismKind) -> &'static str {
        self.w.mechanisms.of(&kind)
    }

    fn safeguard(&self, s: AdmSafeguard) -> &'static str {
        self.w.safeguards.of(&s)
    }

    fn source_kind(&self, kind: SourceKind) -> &'static str {
        self.w.sources.of(&kind)
    }

    pub(super) fn special_name(&self, special: SpecialCategory) -> &'static str {
        self.w.special_categories.of(&special)
    }
}

/// Catalogue entries by id. A register with a duplicate id does not pass
/// validation; should one get here anyway, the first entry wins, as in the
/// catalogue's own order.
fn by_id<T>(entries: &[T], id: impl Fn(&T) -> &Id) -> HashMap<&Id, &T> {
    let mut index = HashMap::with_capacity(entries.len());
    for entry in entries {
        index.entry(id(entry)).or_insert(entry);
    }
    index
}

pub(super) fn gap(g: &KnownGap) -> String {
    match &g.at {
        Some(at) => format!("{} ({at}): {}", g.rule, g.note),
        None => format!("{}: {}", g.rule, g.note),
    }
}
