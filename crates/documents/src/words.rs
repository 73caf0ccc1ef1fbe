//! The words of the documents, per language: every sentence of the
//! statement, every word of the records, and how dates, periods, counts and
//! countries are written. They come from the language's word file
//! (`templates/words/<code>.toml`, see [`Lang::word_file`]), read once, the
//! first time a document in that language is rendered. Country and region
//! names come from CLDR ([`crate::cldr`]), but where the word file names a
//! country itself.
//!
//! A sentence with values in it is a [`Sentence`]: text with `{slot}`s the
//! templates fill in, so each language puts the values where its grammar
//! wants them. Words are plain text and are written as they are: markup and
//! escaping belong to the templates.
//!
//! Not for: deciding what a document says (`statement`, `records`), markup
//! (the templates).

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use ropa_law::Jurisdiction;
use ropa_law::adequacy::Framework;
use serde::Deserialize;

pub use crate::sentence::{Part, Sentence};
use crate::statement::view::{
    ControllerView, RecipientGroupKind, Right, RightsView, Section, SensitiveGround,
};
use ropa_register::model::{
    AddedSectionKind, AdmSafeguard, Basis, CriminalDataGround, Date, Destination, EndAction, Lang,
    MechanismKind, PeriodParts, Reach, RecipientRole, SourceKind, SpecialCategory, TimeUnit,
};

/// The words of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub language: Language,
    pub format: Format,
    /// Country and region names by code (`NL`, `EU`), where the language
    /// names them otherwise than CLDR does.
    pub countries: Countries,
    pub law: LawWords,
    pub statement: StatementWords,
    pub records: RecordWords,
}

/// The law a register is kept under, as running text names it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawWords {
    /// "the GDPR", "the UK GDPR".
    pub regulation: String,
    /// "in the United Kingdom".
    pub in_territory: String,
}

impl Words {
    /// The words of `lang` under the EU GDPR.
    pub fn of(lang: Lang) -> &'static Words {
        Words::under(lang, Jurisdiction::Eu)
    }

    /// The words of `lang` for a register kept under `jurisdiction`, read
    /// from the language's word file the first time they are asked for.
    ///
    /// A word file is written for the EU GDPR; its `[under.uk]` table
    /// replaces the sentences that differ under the UK GDPR (the
    /// regulation's name, the territory, the transfer tools), key by key.
    pub fn under(lang: Lang, jurisdiction: Jurisdiction) -> &'static Words {
        static WORDS: LazyLock<Vec<OnceLock<Words>>> = LazyLock::new(|| {
            (0..Lang::all().count() * Jurisdiction::ALL.len())
                .map(|_| OnceLock::new())
                .collect()
        });
        let at = lang.index() * Jurisdiction::ALL.len() + jurisdiction as usize;
        WORDS[at].get_or_init(|| {
            // The word files are part of the build (and of its tests): a
            // mistake in one is a bug of ropa, not of the register.
            let file = format!("templates/words/{lang}.toml");
            let mut table: toml::Table =
                toml::from_str(lang.word_file()).unwrap_or_else(|e| panic!("{file}: {e}"));
            let overlays = table.remove("under");
            if let Some(overlay) = overlays
                .as_ref()
                .and_then(|o| o.get(jurisdiction.code()))
                .and_then(toml::Value::as_table)
            {
                overlay_onto(
                    &mut table,
                    overlay,
                    &format!("under.{}", jurisdiction.code()),
                )
                .unwrap_or_else(|key| panic!("{file}: [{key}] replaces nothing"));
            }
            let mut words = Words::deserialize(toml::Value::Table(table))
                .unwrap_or_else(|e| panic!("{file} under the {}: {e}", jurisdiction.regulation()));
            words.countries.cldr = crate::cldr::region_names(lang);
            words
        })
    }

    /// `2020-12-22` as the language writes a date: "22-12-2020",
    /// "22 December 2020", "22. Dezember 2020".
    pub fn date(&self, date: &Date) -> String {
        let mut parts = date.as_str().splitn(3, '-');
        let (Some(yyyy), Some(mm), Some(dd)) = (parts.next(), parts.next(), parts.next()) else {
            return date.to_string();
        };
        let month = mm
            .parse::<usize>()
            .ok()
            .and_then(|m| self.format.months.get(m.wrapping_sub(1)))
            .map_or(mm, String::as_str);
        let d = dd.strip_prefix('0').unwrap_or(dd);
        self.format.date.fill(|slot| match slot {
            "d" => d,
            "dd" => dd,
            "mm" => mm,
            "month" => month,
            "yyyy" => yyyy,
            _ => "",
        })
    }

    /// An ISO 8601 duration (`P7Y`, `P1Y6M`, `P30D`, `PT48H`) in words:
    /// "7 jaar", "one year and 6 months", "48 uur". Anything else is shown
    /// as written.
    pub fn period(&self, period: &str) -> String {
        let Some(parts) = PeriodParts::parse(period) else {
            return period.to_owned();
        };
        let mut words: Vec<String> = parts
            .units()
            .map(|(unit, n)| {
                let unit = self.format.period.of(unit);
                match n {
                    1 => unit.one.clone(),
                    _ => {
                        let n = n.to_string();
                        unit.many.fill(|_| &n)
                    }
                }
            })
            .collect();
        if words.len() == 1 {
            return words.remove(0);
        }
        self.format.and_list(&words)
    }

    /// A country or region as running text names it, "in {country}": "the
    /// Netherlands", "de Verenigde Staten", "Schweiz".
    pub fn country(&self, code: &str) -> String {
        match self.countries.in_text.get(code) {
            Some(name) => name.clone(),
            None => self.country_name(code),
        }
    }

    /// A country or region by its name alone, as a list or a table names
    /// it: "Netherlands", "Verenigde Staten". A code neither the word file
    /// nor CLDR names (none the register accepts) is written as it is.
    pub fn country_name(&self, code: &str) -> String {
        self.countries
            .names
            .get(code)
            .or_else(|| self.countries.cldr.get(code))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
}

/// How a language names countries and regions, where CLDR's names do not
/// do: regions CLDR has no name for (`EEA`), and names running text puts an
/// article before ("in the Netherlands").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Countries {
    /// Names in place of CLDR's, by code.
    #[serde(default)]
    pub names: HashMap<String, String>,
    /// Names as running text uses them, where they differ from the names:
    /// with their article.
    #[serde(default)]
    pub in_text: HashMap<String, String>,
    /// CLDR's names in the language, by code, for every code a register
    /// may write.
    #[serde(skip)]
    cldr: HashMap<String, String>,
}

/// Puts every key of `overlay` in place of the same key of `base`, table
/// by table. A key `base` does not have is a misspelling in the word file:
/// its dotted path comes back as the error.
fn overlay_onto(base: &mut toml::Table, overlay: &toml::Table, at: &str) -> Result<(), String> {
    for (key, value) in overlay {
        let path = format!("{at}.{key}");
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(replacing)) => {
                overlay_onto(inner, replacing, &path)?;
            }
            (Some(slot), _) => *slot = value.clone(),
            (None, _) => return Err(path),
        }
    }
    Ok(())
}

/// What the documents need to know of the language itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language's name in itself.
    pub name: String,
    /// Its name in English.
    pub english: String,
    /// The country whose addresses are written without it, as a reader of
    /// the language expects.
    #[serde(default)]
    pub home_country: Option<String>,
}

/// How the language writes dates, lists, counts and periods.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// With the slots `d`, `dd`, `mm`, `month` and `yyyy`.
    pub date: Sentence,
    pub months: [String; 12],
    /// The word before the last item of a list of things that all hold.
    pub and: String,
    /// The word before the last item of a list of alternatives.
    pub or: String,
    /// One, two, …: counts in words, from one up.
    pub numbers: Vec<String>,
    pub period: Periods,
}

impl Format {
    /// "a, b and c".
    pub fn and_list(&self, items: &[String]) -> String {
        match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {} {last}", rest.join(", "), self.and)
            }
            _ => items.concat(),
        }
    }

    /// `n` in words, when the language has a word for it.
    pub fn count(&self, n: &usize) -> Option<&str> {
        self.numbers.get(n.checked_sub(1)?).map(String::as_str)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periods {
    pub year: Unit,
    pub month: Unit,
    pub week: Unit,
    pub day: Unit,
    pub hour: Unit,
    pub minute: Unit,
    pub second: Unit,
}

impl Periods {
    fn of(&self, unit: TimeUnit) -> &Unit {
        match unit {
            TimeUnit::Year => &self.year,
            TimeUnit::Month => &self.month,
            TimeUnit::Week => &self.week,
            TimeUnit::Day => &self.day,
            TimeUnit::Hour => &self.hour,
            TimeUnit::Minute => &self.minute,
            TimeUnit::Second => &self.second,
        }
    }
}

/// A unit of a period: one of it, and `{n}` of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub one: String,
    pub many: Sentence,
}

// ---------------------------------------------------------------------------
// The statement

/// A sentence that lists register values, and its lead-in for a list told
/// as bullets instead ([`crate::statement::List::long`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// With the list in its slot: "This ground applies to: {purposes}."
    pub text: Sentence,
    /// Without it, before the list: "This ground applies to:".
    pub list: Sentence,
}

/// Every sentence of the public statement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementWords {
    pub title: Sentence,
    pub contents: String,
    pub last_changed_on: Sentence,
    pub lead: Sentence,
    pub lead_with_cookies: Sentence,
    /// What the statement says of changes, unless the controller says it.
    pub changes: String,
    pub changes_date: String,
    pub titles: Titles,
    pub who_we_are: WhoWeAre,
    pub personal_data: PersonalData,
    pub purposes: Purposes,
    pub legal_bases: LegalBases,
    pub legitimate_interests: LegitimateInterests,
    pub recipients: Recipients,
    pub outside_eea: OutsideEea,
    pub retention: RetentionWords,
    pub rights: Rights,
    pub withdrawing_consent: WithdrawingConsent,
    pub complaints: Complaints,
    pub required_data: RequiredData,
    pub profiling: Profiling,
    pub last_changed: LastChanged,
    pub added: AddedWords,
    pub services: ServiceWords,
}

/// The parts of a service's section, when the statement is laid out by
/// service.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceWords {
    pub data: String,
    pub purposes: String,
    pub retention: String,
    pub recipients: String,
    pub shared_with: Sentence,
}

/// Sections the controller adds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedWords {
    /// The page the section points to.
    pub more: Sentence,
}

/// The section headings; their one slot is `short_name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub who_we_are: Sentence,
    pub personal_data: Sentence,
    pub data_you_provide: Sentence,
    pub data_we_record: Sentence,
    pub data_about_others: Sentence,
    pub data_from_third_parties: Sentence,
    pub purposes: Sentence,
    pub legal_bases: Sentence,
    pub legitimate_interests: Sentence,
    pub recipients: Sentence,
    pub outside_eea: Sentence,
    pub retention: Sentence,
    pub rights: Sentence,
    pub withdrawing_consent: Sentence,
    pub complaints: Sentence,
    pub required_data: Sentence,
    pub profiling: Sentence,
    pub last_changed: Sentence,
    /// Sections the controller adds, by kind, when it gives no title.
    pub security: Sentence,
    pub children: Sentence,
    pub cookies: Sentence,
    pub other: Sentence,
}

impl Titles {
    /// The title of an added section of `kind` that has none of its own.
    pub fn added(&self, kind: &AddedSectionKind) -> &Sentence {
        match kind {
            AddedSectionKind::Security => &self.security,
            AddedSectionKind::Children => &self.children,
            AddedSectionKind::Cookies => &self.cookies,
            AddedSectionKind::Other => &self.other,
        }
    }

    pub fn of(&self, section: &Section) -> &Sentence {
        match section {
            Section::Added(_) | Section::Service(_) => &self.other,
            Section::WhoWeAre => &self.who_we_are,
            Section::PersonalData => &self.personal_data,
            Section::DataYouProvide => &self.data_you_provide,
            Section::DataWeRecord => &self.data_we_record,
            Section::DataAboutOthers => &self.data_about_others,
            Section::DataFromThirdParties => &self.data_from_third_parties,
            Section::Purposes => &self.purposes,
            Section::LegalBases => &self.legal_bases,
            Section::LegitimateInterests => &self.legitimate_interests,
            Section::Recipients => &self.recipients,
            Section::OutsideEea => &self.outside_eea,
            Section::Retention => &self.retention,
            Section::Rights => &self.rights,
            Section::WithdrawingConsent => &self.withdrawing_consent,
            Section::Complaints => &self.complaints,
            Section::RequiredData => &self.required_data,
            Section::Profiling => &self.profiling,
            Section::LastChanged => &self.last_changed,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoWeAre {
    pub established: Sentence,
    pub established_abroad: Sentence,
    pub chamber_of_commerce: Sentence,
    /// `{name}` is designated as the controller by `{law}` (Art. 4(7)).
    pub designated: Sentence,
    pub controller: Sentence,
    /// The register's controller, when companies of its group are the
    /// controllers for some of the processing.
    pub controller_of_the_rest: Sentence,
    /// Before the companies of the group that are each the controller for
    /// some of the processing.
    pub group_controllers: String,
    /// The processing a company of the group is the controller for.
    pub group_controls: Listing,
    pub reach_us: Sentence,
    pub joint_controllers: String,
    pub reachable: Sentence,
    /// Activities carried out for other organisations, and one of them.
    pub on_behalf_of: Sentence,
    pub on_behalf_of_item: Sentence,
    /// Another law the controller is subject to, for the people it protects.
    pub also_under: Sentence,
    pub dpo: String,
    pub dpo_named: Sentence,
    pub reach_dpo: Sentence,
    pub representative: Sentence,
    pub representative_reachable: Sentence,
}

impl WhoWeAre {
    /// Where the controller is established, naming the country when the
    /// address is abroad for the language's readers.
    pub fn established_at(&self, controller: &ControllerView) -> &Sentence {
        if controller.abroad {
            &self.established_abroad
        } else {
            &self.established
        }
    }

    /// Who the EU representative is, and how to reach them when `reachable`.
    pub fn representative_of(&self, reachable: bool) -> &Sentence {
        if reachable {
            &self.representative_reachable
        } else {
            &self.representative
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalData {
    pub collects: Sentence,
    pub for_example: Listing,
    /// A category's items, when they are all it holds.
    pub namely: Listing,
    pub from_you_and_others: String,
    pub from_you: String,
    pub from_others: String,
    pub you_provide: String,
    pub concerns: Listing,
    /// How the people a source tells of are informed (Art. 14): `{how}`.
    pub informed: Sentence,
    /// What people do not give but the controller records or derives.
    pub we_record: String,
    pub we_derive: String,
    /// Items obtained from others, and where one comes from.
    pub obtained: String,
    pub from_source: Sentence,
    pub sensitive: SensitiveWords,
}

/// Special-category and criminal-offence data, in plain words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitiveWords {
    pub intro: String,
    /// "we process it {ground}".
    pub processed: Sentence,
    /// Art. 10's kind, as Art. 9(1)'s are named in the records'
    /// `special_categories`.
    pub criminal: String,
    pub grounds: SensitiveGrounds,
    /// The law relied on, after the ground.
    pub law: Sentence,
}

/// What allows processing sensitive data, as a phrase that follows the
/// kind: the points of Art. 9(2) and the two grounds of Art. 10.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitiveGrounds {
    pub a: String,
    pub b: String,
    pub c: String,
    pub d: String,
    pub e: String,
    pub f: String,
    pub g: String,
    pub h: String,
    pub i: String,
    pub j: String,
    pub official_authority: String,
    pub authorised_by_law: String,
}

impl SensitiveWords {
    /// The ground in words; `None` for a point of Art. 9(2) that is not
    /// one (validation refuses those).
    pub fn ground(&self, ground: &SensitiveGround) -> Option<&str> {
        let g = &self.grounds;
        Some(match ground {
            SensitiveGround::Article9(point) => match point.as_str() {
                "a" => &g.a,
                "b" => &g.b,
                "c" => &g.c,
                "d" => &g.d,
                "e" => &g.e,
                "f" => &g.f,
                "g" => &g.g,
                "h" => &g.h,
                "i" => &g.i,
                "j" => &g.j,
                _ => return None,
            },
            SensitiveGround::Article10(CriminalDataGround::OfficialAuthority) => {
                &g.official_authority
            }
            SensitiveGround::Article10(CriminalDataGround::AuthorisedByLaw) => &g.authorised_by_law,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purposes {
    pub intro: Sentence,
    pub basis: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBases {
    pub intro: Sentence,
    pub applies_to: Listing,
    pub consent: ConsentBasis,
    pub contract: ContractBasis,
    pub legal_obligation: BasisWithLaw,
    pub vital_interests: BasisWords,
    pub public_task: BasisWithLaw,
    pub legitimate_interests: BasisWords,
}

impl LegalBases {
    /// The basis as a heading: "Toestemming".
    pub fn title(&self, basis: &Basis) -> &str {
        match basis {
            Basis::Consent => &self.consent.title,
            Basis::Contract => &self.contract.title,
            Basis::LegalObligation => &self.legal_obligation.title,
            Basis::VitalInterests => &self.vital_interests.title,
            Basis::PublicTask => &self.public_task.title,
            Basis::LegitimateInterests => &self.legitimate_interests.title,
        }
    }

    /// The basis as a purpose names it: "jouw toestemming".
    pub fn phrase(&self, basis: &Basis) -> &str {
        match basis {
            Basis::Consent => &self.consent.phrase,
            Basis::Contract => &self.contract.phrase,
            Basis::LegalObligation => &self.legal_obligation.phrase,
            Basis::VitalInterests => &self.vital_interests.phrase,
            Basis::PublicTask => &self.public_task.phrase,
            Basis::LegitimateInterests => &self.legitimate_interests.phrase,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisWords {
    pub title: String,
    pub phrase: String,
    pub text: Sentence,
}

/// The contract basis, which names the contracts when the register does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractBasis {
    pub title: String,
    pub phrase: String,
    pub text: Sentence,
    /// `{contracts}`: the contracts' titles, linked where they have a page.
    pub text_with_contracts: Sentence,
}

/// A basis that rests on a law, which the statement names when it can.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisWithLaw {
    pub title: String,
    pub phrase: String,
    pub text: String,
    pub text_with_law: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentBasis {
    pub title: String,
    pub phrase: String,
    pub asks: String,
    pub asks_through: Sentence,
    pub withdraw: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegitimateInterests {
    pub intro: Sentence,
    pub purposes: Listing,
    pub contact: Sentence,
    pub object: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    pub none: Sentence,
    pub shares: Sentence,
    pub never_for_marketing: Sentence,
    pub marketing_with_consent: Sentence,
    pub groups: String,
    pub cases: String,
    pub authorities: Group,
    pub service_providers: Group,
    pub others: Group,
    pub internal: Group,
}

impl Recipients {
    pub fn group(&self, kind: &RecipientGroupKind) -> &Group {
        match kind {
            RecipientGroupKind::Authorities => &self.authorities,
            RecipientGroupKind::ServiceProviders => &self.service_providers,
            RecipientGroupKind::Others => &self.others,
            RecipientGroupKind::Internal => &self.internal,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub title: String,
    pub intro: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideEea {
    pub no: String,
    pub only_inside: String,
    pub yes: String,
    pub also_outside: String,
    pub transfer: Sentence,
    /// A transfer that goes to no one country: anywhere, where the person
    /// chooses, or to other operators' servers.
    pub transfer_worldwide: Sentence,
    pub transfer_chosen_by_the_person: Sentence,
    pub transfer_other_operators: Sentence,
    pub copy: Sentence,
    /// A transfer judged under another law than the register's own.
    pub for_territory: Sentence,
    pub mechanisms: Mechanisms,
    /// An adequacy decision told by the framework the recipient is
    /// certified under, with the slots `framework` and `decision`.
    pub framework: Sentence,
    /// Before a mechanism that takes over should the one before fall away.
    pub fallback: String,
    /// The independent recourse mechanism a certified recipient chose, with
    /// the slots `framework` and `body`.
    pub recourse: Sentence,
    pub frameworks: Frameworks,
    pub derogations: Derogations,
}

/// The frameworks adequacy decisions are known by, as the sentences
/// `framework` and `recourse` need them (German: in the dative).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frameworks {
    pub safe_harbour: String,
    pub privacy_shield: String,
    pub data_privacy_framework: String,
    pub uk_extension: String,
}

impl Frameworks {
    pub fn of(&self, framework: Framework) -> &str {
        match framework {
            Framework::SafeHarbour => &self.safe_harbour,
            Framework::PrivacyShield => &self.privacy_shield,
            Framework::DataPrivacyFramework => &self.data_privacy_framework,
            Framework::UkExtension => &self.uk_extension,
        }
    }
}

impl OutsideEea {
    /// The sentence that tells a transfer to `destination`.
    pub fn transfer_to(&self, destination: &Destination) -> &Sentence {
        match destination {
            Destination::Country(_) => &self.transfer,
            Destination::Reach(Reach::Worldwide) => &self.transfer_worldwide,
            Destination::Reach(Reach::ChosenByThePerson) => &self.transfer_chosen_by_the_person,
            Destination::Reach(Reach::OtherOperators) => &self.transfer_other_operators,
        }
    }
}

/// The derogations of Art. 49(1), in plain words, and what they mean for
/// the protection of the data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derogations {
    pub a: String,
    pub b: String,
    pub c: String,
    pub d: String,
    pub e: String,
    pub f: String,
    pub g: String,
    /// Said after each: no adequacy finding or safeguard protects the data.
    pub no_safeguards: String,
}

impl Derogations {
    /// The words of the point `a` to `g`; `None` for anything else.
    pub fn of(&self, point: &str) -> Option<&str> {
        Some(match point {
            "a" => &self.a,
            "b" => &self.b,
            "c" => &self.c,
            "d" => &self.d,
            "e" => &self.e,
            "f" => &self.f,
            "g" => &self.g,
            _ => return None,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mechanisms {
    pub adequacy: Mechanism,
    pub scc: Mechanism,
    pub bcr: Mechanism,
    pub code_of_conduct: Mechanism,
    pub certification: Mechanism,
    pub ad_hoc_clauses: Mechanism,
    pub derogation: Mechanism,
    pub idta: Mechanism,
    pub uk_addendum: Mechanism,
}

impl Mechanisms {
    pub fn of(&self, kind: &MechanismKind) -> &Mechanism {
        match kind {
            MechanismKind::Adequacy => &self.adequacy,
            MechanismKind::Scc => &self.scc,
            MechanismKind::Bcr => &self.bcr,
            MechanismKind::CodeOfConduct => &self.code_of_conduct,
            MechanismKind::Certification => &self.certification,
            MechanismKind::AdHocClauses => &self.ad_hoc_clauses,
            MechanismKind::Derogation => &self.derogation,
            MechanismKind::Idta => &self.idta,
            MechanismKind::UkAddendum => &self.uk_addendum,
        }
    }
}

/// A transfer mechanism, without and with the decision the register names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mechanism {
    pub text: String,
    pub with_decision: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionWords {
    pub per_category: String,
    pub keep: Sentence,
    pub keep_after: Sentence,
    pub keep_under_law: Sentence,
    pub keep_after_under_law: Sentence,
    /// Criteria written as a phrase ("until you unsubscribe"), made a
    /// sentence.
    pub keep_by_criteria: Sentence,
    /// The `{law}` that sets a retention told by criteria, with no period.
    pub criteria_under_law: Sentence,
    pub erase: String,
    pub anonymise: String,
    pub erase_or_anonymise: String,
    /// Data processed and discarded at once, kept only on the person's
    /// device, or kept with no end for the `{reason}` the register gives.
    pub not_stored: String,
    pub on_device: String,
    pub indefinite: Sentence,
}

impl RetentionWords {
    /// How long data is kept, saying from when and under which law where the
    /// register does.
    pub fn sentence(&self, after_start: bool, under_law: bool) -> &Sentence {
        match (after_start, under_law) {
            (false, false) => &self.keep,
            (true, false) => &self.keep_after,
            (false, true) => &self.keep_under_law,
            (true, true) => &self.keep_after_under_law,
        }
    }

    pub fn end(&self, action: &EndAction) -> &str {
        match action {
            EndAction::Erase => &self.erase,
            EndAction::Anonymise => &self.anonymise,
            EndAction::EraseOrAnonymise => &self.erase_or_anonymise,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rights {
    pub intro: String,
    pub information: RightWords,
    pub access: RightWords,
    pub rectification: RightWords,
    pub erasure: RightWords,
    pub restriction: RightWords,
    pub portability: RightWords,
    pub objection: RightWords,
    pub human_intervention: RightWords,
    pub portability_consent_or_contract: String,
    pub portability_consent: String,
    pub portability_contract: String,
    pub objection_interests_or_public_task: String,
    pub objection_interests: String,
    pub objection_public_task: String,
    pub exercise: String,
    pub exercise_beyond_self_service: String,
    pub request: Sentence,
    pub response: Sentence,
    pub extension: String,
    pub direct_marketing: String,
    pub object_to_marketing: String,
    pub object_to_marketing_and_profiling: String,
    pub marketing_stops: String,
    pub marketing_objection_to: Sentence,
    /// `{how}`: the ways to object the activities describe, as phrases.
    pub marketing_objection_through: Sentence,
    /// `{route}`: how to exercise a right, as the register says.
    pub route: Sentence,
    /// `{channels}` where a request for this right goes.
    pub route_channels: Sentence,
    /// `{limit}`, and `{law}` it comes from.
    pub limit: Sentence,
    pub limit_law: Sentence,
}

impl Rights {
    /// The words of a right in the statement's list of rights; `None` for
    /// the two it tells in sections of their own (objecting to direct
    /// marketing, withdrawing consent).
    pub fn of(&self, right: &Right) -> Option<&RightWords> {
        match right {
            Right::Information => Some(&self.information),
            Right::Access => Some(&self.access),
            Right::Rectification => Some(&self.rectification),
            Right::Erasure => Some(&self.erasure),
            Right::Restriction => Some(&self.restriction),
            Right::Portability => Some(&self.portability),
            Right::Objection => Some(&self.objection),
            Right::HumanIntervention => Some(&self.human_intervention),
            Right::ObjectionToDirectMarketing | Right::WithdrawConsent => None,
        }
    }

    /// The `{basis}` of a right that applies to processing on some bases
    /// only: portability (Art. 20(1)(a)) and objection (Art. 21(1)).
    pub fn basis(&self, right: &Right, rights: &RightsView) -> &str {
        match right {
            Right::Portability => match (rights.portability_consent, rights.portability_contract) {
                (true, true) => &self.portability_consent_or_contract,
                (true, false) => &self.portability_consent,
                (false, _) => &self.portability_contract,
            },
            Right::Objection => match (
                rights.objection_legitimate_interests,
                rights.objection_public_task,
            ) {
                (true, true) => &self.objection_interests_or_public_task,
                (true, false) => &self.objection_interests,
                (false, _) => &self.objection_public_task,
            },
            _ => "",
        }
    }
}

/// A right: its name, and what it means for the reader; `{basis}` names the
/// bases it applies to, where that differs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightWords {
    pub title: String,
    pub text: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawingConsent {
    pub withdraw: String,
    pub asks_for: Listing,
    /// The special categories processed with explicit consent.
    pub explicit: Sentence,
    pub how: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    pub complaint: Sentence,
    pub website: Sentence,
    /// The right to an effective judicial remedy against the controller (Art. 79).
    pub judicial_remedy: String,
    /// The authority under another law the controller is subject to.
    pub also_complain: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredData {
    pub intro: Sentence,
    /// The same, where data is needed for a contract.
    pub intro_contract: Sentence,
    pub marker: Sentence,
    pub by_law: String,
    pub for_contract: String,
    pub voluntary: Listing,
    /// Before what follows from leaving out voluntary data.
    pub voluntary_if_not: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiling {
    pub uses: Sentence,
    pub external_sources: String,
    pub no_special_categories: String,
    pub special_categories: String,
    pub data_types: String,
    pub none: Sentence,
    /// In the place of `none` where others profile people (`by_others`).
    pub none_itself: Sentence,
    /// Leads the list of others who profile people.
    pub by_others: String,
    pub decisions: Sentence,
    pub no_decisions: Sentence,
    pub safeguards: Sentence,
    /// Under Art. 22(2)(b), in the place of the safeguards: the law.
    pub authorised_by_law: Sentence,
    pub human_intervention: String,
    pub express_point_of_view: String,
    pub contest_decision: String,
}

impl Profiling {
    pub fn safeguard(&self, safeguard: &AdmSafeguard) -> &str {
        match safeguard {
            AdmSafeguard::HumanIntervention => &self.human_intervention,
            AdmSafeguard::ExpressPointOfView => &self.express_point_of_view,
            AdmSafeguard::ContestDecision => &self.contest_decision,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastChanged {
    pub changed: Sentence,
    /// When the newest version takes effect later than it was published.
    pub changed_effective: Sentence,
    /// The list of published versions, and when one takes effect.
    pub versions: String,
    pub version_effective: Sentence,
}

// ---------------------------------------------------------------------------
// The records

/// The words of the record of processing activities.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordWords {
    pub title: String,
    pub controller: String,
    pub activities: String,
    pub data: String,
    pub register_gaps: String,
    pub field: String,
    pub value: String,
    pub intro: String,
    pub sheet: String,
    pub controller_sheet: String,
    pub columns: Columns,
    pub words: CellWords,
    pub rights: RightCells,
    pub bases: BasisCells,
    pub roles: Roles,
    pub mechanisms: MechanismCells,
    pub safeguards: SafeguardCells,
    pub sources: Sources,
    pub special_categories: SpecialCategories,
    /// The processor's record (Art. 30(2)).
    pub processor: ProcessorWords,
}

/// The column headers, by [`crate::records::Column`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: String,
    pub activity: String,
    pub business_function: String,
    pub description: String,
    pub public: String,
    pub status: String,
    pub controller: String,
    pub joint_controller: String,
    pub dpo: String,
    pub representative: String,
    pub purpose: String,
    pub lawful_basis: String,
    pub legitimate_interests: String,
    pub lia: String,
    pub subjects: String,
    pub category: String,
    pub special_category: String,
    pub source: String,
    pub recipients: String,
    pub processor_contract: String,
    pub third_countries: String,
    pub safeguards: String,
    pub retention: String,
    pub security: String,
    pub rights: String,
    pub adm: String,
    pub consent_record: String,
    pub location: String,
    pub dpia_required: String,
    pub dpia: String,
    pub last_review: String,
    pub next_review: String,
    pub known_gaps: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellWords {
    pub yes: String,
    pub no: String,
    pub none: String,
    pub not_recorded: String,
    pub none_recorded: String,
    pub not_assessed: String,
    /// No representative: the controller is established in the territory.
    pub representative_established: String,
    /// No representative, on a ground of Art. 27(2): `{point}` and `{reason}`.
    pub representative_exempt: Sentence,
    /// No representative, and none of the above recorded.
    pub representative_missing: String,
    pub none_appointed: String,
    pub chamber_of_commerce: String,
    /// Before the law that designates the controller (Art. 4(7)).
    pub designated_by: String,
    pub arrangement: String,
    pub planned: String,
    pub active: String,
    pub retired: String,
    pub direct_marketing: String,
    pub article: String,
    pub article_9_1: String,
    pub no_condition: String,
    pub criminal: String,
    /// What allows processing criminal-offence data (Art. 10).
    pub criminal_official_authority: String,
    pub criminal_authorised_by_law: String,
    pub national_id: String,
    pub copy_via: String,
    /// Before a transfer's mechanism that takes over should the one before
    /// it fall away.
    pub fallback: String,
    /// Before the independent recourse mechanism a certified recipient chose.
    pub recourse: String,
    /// Destinations that are no country.
    pub worldwide: String,
    pub chosen_by_the_person: String,
    pub other_operators: String,
    pub profiling_yes: String,
    pub profiling_no: String,
    /// Leads each organisation that profiles people in connection with the activity.
    pub profiling_by_others: String,
    pub no_special_categories_in_profiles: String,
    pub special_categories_in_profiles: String,
    pub for_direct_marketing: String,
    pub decisions_not_assessed: String,
    pub decisions_no: String,
    pub decisions_yes: String,
    pub no_proof_of_consent: String,
    pub withdrawal: String,
    pub after: String,
    pub from: String,
    pub then_erased: String,
    pub then_anonymised: String,
    pub then_erased_or_anonymised: String,
    pub not_stored: String,
    pub on_device: String,
    pub indefinite: Sentence,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightCells {
    pub information: String,
    pub access: String,
    pub rectification: String,
    pub erasure: String,
    pub restriction: String,
    pub portability: String,
    pub objection: String,
    pub human_intervention: String,
    pub withdraw_consent: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisCells {
    pub consent: BasisCell,
    pub contract: BasisCell,
    pub legal_obligation: BasisCell,
    pub vital_interests: BasisCell,
    pub public_task: BasisCell,
    pub legitimate_interests: BasisCell,
}

impl BasisCells {
    pub fn of(&self, basis: &Basis) -> &BasisCell {
        match basis {
            Basis::Consent => &self.consent,
            Basis::Contract => &self.contract,
            Basis::LegalObligation => &self.legal_obligation,
            Basis::VitalInterests => &self.vital_interests,
            Basis::PublicTask => &self.public_task,
            Basis::LegitimateInterests => &self.legitimate_interests,
        }
    }
}

/// A legal basis in the record: its article ("Art. 6(1)(a)") and name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisCell {
    pub article: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    pub internal: String,
    pub processor: String,
    pub sub_processor: String,
    pub controller: String,
    pub joint_controller: String,
    pub public_authority: String,
    pub third_party: String,
}

impl Roles {
    pub fn of(&self, role: &RecipientRole) -> &str {
        match role {
            RecipientRole::Internal => &self.internal,
            RecipientRole::Processor => &self.processor,
            RecipientRole::SubProcessor => &self.sub_processor,
            RecipientRole::Controller => &self.controller,
            RecipientRole::JointController => &self.joint_controller,
            RecipientRole::PublicAuthority => &self.public_authority,
            RecipientRole::ThirdParty => &self.third_party,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MechanismCells {
    pub adequacy: String,
    pub scc: String,
    pub bcr: String,
    pub code_of_conduct: String,
    pub certification: String,
    pub ad_hoc_clauses: String,
    pub derogation: String,
    pub idta: String,
    pub uk_addendum: String,
}

impl MechanismCells {
    pub fn of(&self, kind: &MechanismKind) -> &str {
        match kind {
            MechanismKind::Adequacy => &self.adequacy,
            MechanismKind::Scc => &self.scc,
            MechanismKind::Bcr => &self.bcr,
            MechanismKind::CodeOfConduct => &self.code_of_conduct,
            MechanismKind::Certification => &self.certification,
            MechanismKind::AdHocClauses => &self.ad_hoc_clauses,
            MechanismKind::Derogation => &self.derogation,
            MechanismKind::Idta => &self.idta,
            MechanismKind::UkAddendum => &self.uk_addendum,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafeguardCells {
    pub human_intervention: String,
    pub express_point_of_view: String,
    pub contest_decision: String,
}

impl SafeguardCells {
    pub fn of(&self, safeguard: &AdmSafeguard) -> &str {
        match safeguard {
            AdmSafeguard::HumanIntervention => &self.human_intervention,
            AdmSafeguard::ExpressPointOfView => &self.express_point_of_view,
            AdmSafeguard::ContestDecision => &self.contest_decision,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub data_subject: String,
    pub observed: String,
    pub other_person: String,
    pub third_party: String,
    pub public: String,
}

impl Sources {
    pub fn of(&self, kind: &SourceKind) -> &str {
        match kind {
            SourceKind::DataSubject => &self.data_subject,
            SourceKind::Observed => &self.observed,
            SourceKind::OtherPerson => &self.other_person,
            SourceKind::ThirdParty => &self.third_party,
            SourceKind::Public => &self.public,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialCategories {
    pub none: String,
    pub racial_or_ethnic_origin: String,
    pub political_opinions: String,
    pub religious_or_philosophical_beliefs: String,
    pub trade_union_membership: String,
    pub genetic: String,
    pub biometric: String,
    pub health: String,
    pub sex_life_or_orientation: String,
}

impl SpecialCategories {
    pub fn of(&self, special: &SpecialCategory) -> &str {
        match special {
            SpecialCategory::None => &self.none,
            SpecialCategory::RacialOrEthnicOrigin => &self.racial_or_ethnic_origin,
            SpecialCategory::PoliticalOpinions => &self.political_opinions,
            SpecialCategory::ReligiousOrPhilosophicalBeliefs => {
                &self.religious_or_philosophical_beliefs
            }
            SpecialCategory::TradeUnionMembership => &self.trade_union_membership,
            SpecialCategory::Genetic => &self.genetic,
            SpecialCategory::Biometric => &self.biometric,
            SpecialCategory::Health => &self.health,
            SpecialCategory::SexLifeOrOrientation => &self.sex_life_or_orientation,
        }
    }
}

/// The words of the processor's record, `[records.processor]` of each word
/// file; the columns it shares with the controller's record keep their
/// words there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessorWords {
    pub title: String,
    pub intro: String,
    /// Heading of the processor's details.
    pub processor: String,
    /// Heading of the list of activities.
    pub activities: String,
    /// Heading of an activity's table of named controllers.
    pub controllers: String,
    /// The spreadsheet tab (at most 31 characters).
    pub sheet: String,
    pub columns: ProcessorColumns,
    pub words: ProcessorCells,
}

/// The headers of the processor's own columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessorColumns {
    pub processor: String,
    pub representative: String,
    pub dpo: String,
    pub controllers: String,
    pub controller: String,
    pub controller_representative: String,
    pub controller_dpo: String,
    pub agreement: String,
    pub processing: String,
    pub recipients: String,
    pub recipient_contract: String,
}

/// The words of the processor's own cells.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessorCells {
    /// No representative: the processor is established in the territory.
    pub representative_established: String,
    /// Before where the list of every controller is kept (`list_ref`).
    pub list_ref: String,
    /// Before the agreements with every controller (`agreement_ref`).
    pub agreements: String,
    /// How the controllers authorised a sub-processor (Art. 28(2)).
    pub authorisation_general: String,
    pub authorisation_specific: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word file reads into [`Words`] under every jurisdiction: no
    /// word missing, none unknown, no overlay key that replaces nothing.
    #[test]
    fn every_language_has_every_word() {
        for lang in Lang::all() {
            for jurisdiction in Jurisdiction::ALL {
                Words::under(lang, jurisdiction);
            }
        }
    }

    /// A sentence an overlay replaces keeps the slots of the one it
    /// replaces, so the templates fill it in the same way.
    #[test]
    fn overlays_keep_the_slots_they_replace() {
        fn check(base: &toml::Table, overlay: &toml::Table, at: &str) {
            for (key, value) in overlay {
                let path = format!("{at}.{key}");
                match (base.get(key), value) {
                    (Some(toml::Value::Table(b)), toml::Value::Table(o)) => check(b, o, &path),
                    (Some(toml::Value::String(b)), toml::Value::String(o)) => {
                        let slots = |text: &str| {
                            let mut slots: Vec<String> = Sentence::try_from(text.to_owned())
                                .unwrap_or_else(|e| panic!("{path}: {e}"))
                                .slots()
                                .map(str::to_owned)
                                .collect();
                            slots.sort();
                            slots
                        };
                        assert_eq!(slots(o), slots(b), "{path}");
                    }
                    (Some(b), o) => assert_eq!(b.type_str(), o.type_str(), "{path}"),
                    (None, _) => panic!("{path} replaces nothing"),
                }
            }
        }
        for lang in Lang::all() {
            let mut table: toml::Table = toml::from_str(lang.word_file()).expect("a word file");
            let under = table
                .remove("under")
                .expect("every language words the UK GDPR");
            for jurisdiction in Jurisdiction::ALL
                .into_iter()
                .filter(|j| *j != Jurisdiction::Eu)
            {
                let overlay = under
                    .get(jurisdiction.code())
                    .and_then(toml::Value::as_table)
                    .unwrap_or_else(|| panic!("{lang}: no [under.{}]", jurisdiction.code()));
                check(
                    &table,
                    overlay,
                    &format!("{lang}: under.{}", jurisdiction.code()),
                );
            }
        }
    }

    /// A sentence has the same slots in every language (in any order), so a
    /// template fills in the same values whichever language it writes; a
    /// word without slots has no braces. The date is each language's own.
    #[test]
    fn every_language_has_the_same_slots() {
        fn walk(path: &str, value: &toml::Value, out: &mut Vec<(String, Vec<String>)>) {
            match value {
                toml::Value::String(text) => {
                    let mut slots: Vec<String> = Sentence::try_from(text.clone())
                        .unwrap_or_else(|e| panic!("{path}: {e}"))
                        .slots()
                        .map(str::to_owned)
                        .collect();
                    slots.sort();
                    out.push((path.to_owned(), slots));
                }
                toml::Value::Table(table) => {
                    for (key, child) in table {
                        walk(&format!("{path}.{key}"), child, out);
                    }
                }
                toml::Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        walk(&format!("{path}[{i}]"), child, out);
                    }
                }
                _ => {}
            }
        }
        let slots = |lang: Lang| {
            let table: toml::Table = toml::from_str(lang.word_file()).expect("a word file");
            let mut out = Vec::new();
            walk("", &toml::Value::Table(table), &mut out);
            out.retain(|(path, _)| {
                // Each language writes its own dates and names its own countries.
                path != ".format.date"
                    && !path.starts_with(".countries.")
                    && !path.starts_with(".format.numbers")
                    && !path.starts_with(".language.")
            });
            out
        };
        let mut langs = Lang::all();
        let first = langs.next().expect("a language");
        let reference = slots(first);
        for lang in langs {
            assert_eq!(
                slots(lang),
                reference,
                "the words of {lang} and {first} differ in keys or slots"
            );
        }
    }

    #[test]
    fn dates_use_known_slots() {
        for lang in Lang::all() {
            for slot in Words::of(lang).format.date.slots() {
                assert!(
                    ["d", "dd", "mm", "month", "yyyy"].contains(&slot),
                    "{lang}: {slot}"
                );
            }
        }
    }

    #[test]
    fn headings_have_no_slot_but_the_short_name() {
        let sections = crate::statement::Section::ALL;
        for lang in Lang::all() {
            let titles = &Words::of(lang).statement.titles;
            for section in sections {
                for slot in titles.of(&section).slots() {
                    assert_eq!(slot, "short_name", "{lang}: {section:?}");
                }
            }
        }
    }

    #[test]
    fn periods_dates_and_countries_in_words() {
        let nl = Words::of(Lang::from_code("nl").expect("Dutch"));
        let en = Words::of(Lang::from_code("en").expect("English"));
        let de = Words::of(Lang::from_code("de").expect("German"));
        assert_eq!(nl.period("P7Y"), "7 jaar");
        assert_eq!(en.period("P1Y6M"), "one year and 6 months");
        assert_eq!(nl.period("P1M"), "één maand");
        assert_eq!(nl.period("P2W"), "2 weken");
        assert_eq!(de.period("P1Y2M3D"), "ein Jahr, 2 Monate und 3 Tage");
        assert_eq!(nl.period("PX"), "PX");
        assert_eq!(nl.period("PT48H"), "48 uur");
        assert_eq!(en.period("PT30S"), "30 seconds");
        assert_eq!(de.period("P1DT12H"), "einen Tag und 12 Stunden");
        assert_eq!(en.period("PT1H30M"), "one hour and 30 minutes");
        let date = Date::from("2026-12-07");
        assert_eq!(nl.date(&date), "07-12-2026");
        assert_eq!(en.date(&date), "7 December 2026");
        assert_eq!(de.date(&date), "7. Dezember 2026");
        assert_eq!(nl.country("US"), "de Verenigde Staten");
        assert_eq!(nl.country_name("US"), "Verenigde Staten");
        assert_eq!(en.country("IM"), "the Isle of Man");
        assert_eq!(en.country("CL"), "Chile");
        assert_eq!(en.country_name("NL"), "Netherlands");
        assert_eq!(de.country("CH"), "Schweiz");
        assert_eq!(de.country("EEA"), "Europäischer Wirtschaftsraum");
        assert_eq!(de.country("XX"), "XX");
    }

    /// Every code the register accepts where a country or region goes (the
    /// list the schema is made from) has a name in every language, both as
    /// running text names it and alone: never the code, never empty.
    #[test]
    fn every_location_is_named_in_every_language() {
        let codes = ropa_register::model::Location::codes();
        for lang in Lang::all() {
            for jurisdiction in Jurisdiction::ALL {
                let words = Words::under(lang, jurisdiction);
                for code in &codes {
                    for name in [words.country(code), words.country_name(code)] {
                        assert!(
                            !name.trim().is_empty() && name != *code,
                            "{lang} ({}): {code} is named {name:?}",
                            jurisdiction.code()
                        );
                    }
                }
            }
        }
    }

    /// A word file names countries by codes a register may hold, so no
    /// name is dead.
    #[test]
    fn country_names_are_for_known_codes() {
        for lang in Lang::all() {
            let countries = &Words::of(lang).countries;
            for code in countries.names.keys().chain(countries.in_text.keys()) {
                assert!(
                    ropa_register::model::Location::is_known(code),
                    "{}: [countries] {code} is no ISO 3166-1 code, EU or EEA",
                    lang.code()
                );
            }
        }
    }

    /// A language is named in words in itself and in English, for the
    /// documents and for messages.
    #[test]
    fn every_language_has_a_name() {
        for lang in Lang::all() {
            for name in [lang.own_name(), lang.name()] {
                assert!(
                    !name.trim().is_empty() && name != lang.code(),
                    "{lang}: named {name:?}"
                );
            }
        }
    }

    #[test]
    fn sentences_split_at_their_slots() {
        let s = Sentence::try_from("Je kunt ons bereiken via {channels}.".to_owned()).unwrap();
        assert_eq!(s.slots().collect::<Vec<_>>(), ["channels"]);
        assert_eq!(s.fill(|_| "x"), "Je kunt ons bereiken via x.");
        // A value with its own full stop ends the sentence with it.
        let s = Sentence::try_from("Our representative is {name}. Ask {name}!".to_owned()).unwrap();
        assert_eq!(
            s.fill(|_| "Acme Ltd."),
            "Our representative is Acme Ltd. Ask Acme Ltd.!"
        );
        assert_eq!(
            s.fill(|_| "Yahoo!"),
            "Our representative is Yahoo! Ask Yahoo!!"
        );
        assert_eq!(s.fill(|_| "Acme"), "Our representative is Acme. Ask Acme!");
        assert!(Sentence::try_from("a {b".to_owned()).is_err());
        assert!(Sentence::try_from("a {B}".to_owned()).is_err());
        assert!(Sentence::try_from("a } b".to_owned()).is_err());
    }
}
