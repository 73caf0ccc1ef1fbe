//! What the statement says, as plain values: the sections in their order
//! and one view type per part. The templates and the word files read these;
//! the derivation (`statement`) fills them from the register.

use crate::sentence::Sentence;
use ropa_register::model::{
    AdmSafeguard, Basis, ChannelKind, Destination, EndAction, Lang, MechanismKind, SourceKind,
    Storage, ThirdPartyMarketing,
};

/// A section of the statement, in the order the statement tells them (the
/// order of the ISMT seed statement). Its id is the HTML anchor, the same in
/// every language so links survive a change of language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    WhoWeAre,
    PersonalData,
    DataYouProvide,
    DataWeRecord,
    DataAboutOthers,
    DataFromThirdParties,
    Purposes,
    LegalBases,
    LegitimateInterests,
    Recipients,
    OutsideEea,
    Retention,
    Rights,
    WithdrawingConsent,
    Complaints,
    RequiredData,
    Profiling,
    /// One of the controller's services: its place in `Statement::services`.
    Service(usize),
    /// A section the controller adds: its place in `Statement::added`.
    Added(usize),
    LastChanged,
}

impl Section {
    pub const ALL: [Section; 18] = [
        Section::WhoWeAre,
        Section::PersonalData,
        Section::DataYouProvide,
        Section::DataWeRecord,
        Section::DataAboutOthers,
        Section::DataFromThirdParties,
        Section::Purposes,
        Section::LegalBases,
        Section::LegitimateInterests,
        Section::Recipients,
        Section::OutsideEea,
        Section::Retention,
        Section::Rights,
        Section::WithdrawingConsent,
        Section::Complaints,
        Section::RequiredData,
        Section::Profiling,
        Section::LastChanged,
    ];

    /// The stable anchor id of one of the statement's own sections; an
    /// added section's is the register's ([`Statement::anchor`]).
    pub fn id(self) -> &'static str {
        match self {
            Section::Added(_) => "added",
            Section::Service(_) => "service",
            Section::WhoWeAre => "who-we-are",
            Section::PersonalData => "personal-data",
            Section::DataYouProvide => "data-you-provide",
            Section::DataWeRecord => "data-we-record",
            Section::DataAboutOthers => "data-about-others",
            Section::DataFromThirdParties => "data-from-third-parties",
            Section::Purposes => "purposes",
            Section::LegalBases => "legal-bases",
            Section::LegitimateInterests => "legitimate-interests",
            Section::Recipients => "recipients",
            Section::OutsideEea => "outside-eea",
            Section::Retention => "retention",
            Section::Rights => "your-rights",
            Section::WithdrawingConsent => "withdrawing-consent",
            Section::Complaints => "complaints",
            Section::RequiredData => "required-data",
            Section::Profiling => "profiling",
            Section::LastChanged => "last-changed",
        }
    }
}

/// The statement's content in one language.
#[derive(Debug, Clone)]
pub struct Statement {
    pub lang: Lang,
    /// The sections that have something to say, in order.
    pub sections: Vec<Section>,
    pub controller: ControllerView,
    /// Which activities, companies and trade names the statement covers.
    pub scope: Option<String>,
    /// The other laws the controller is subject to (`also_under`), each
    /// with its sentence, representative and authority.
    pub other_laws: Vec<OtherLawView>,
    /// Public activities carried out as processor, for other organisations:
    /// named, and left out of everything else the statement says.
    pub on_behalf_of: Vec<OnBehalfOfView>,
    /// The data protection officer, when one is appointed (Art. 13(1)(b)).
    pub dpo: Option<PartyView>,
    /// The EU representative (Art. 27).
    pub representative: Option<PartyView>,
    /// Joint controllers and the essence of the arrangement (Art. 26(2)).
    pub joint_controllers: Vec<JointView>,
    /// The companies of the group that are each the controller for some of
    /// the processing the statement describes (Art. 13(1)(a)).
    pub group_controllers: Vec<GroupControllerView>,
    pub cookie_statement: Option<String>,
    /// The controller's own introduction, paragraph by paragraph.
    pub introduction: Vec<String>,
    /// The controller's own words on changes to the statement.
    pub changes: Option<String>,
    /// The controller's services, as `Section::Service` refers to them.
    pub services: Vec<ServiceView>,
    /// The sections the controller adds, as `Section::Added` refers to them.
    pub added: Vec<AddedSectionView>,
    /// The published versions, newest first.
    pub versions: Vec<VersionView>,
    /// When the newest version takes effect, where later than published.
    pub effective_from: Option<String>,
    /// How people are told of material changes (Art. 13(3)).
    pub change_notification: Option<String>,
    /// The pinned "last changed" date, formatted for the language; `None`
    /// leaves the date out (the register's history will supply it).
    pub last_changed: Option<String>,
    /// The categories collected, in catalogue order (Art. 14(1)(d)).
    pub categories: Vec<CategoryView>,
    /// Whether some data comes from the people themselves (given or observed).
    pub collected_from_you: bool,
    /// Whether some data comes from anyone else (Art. 14).
    pub collected_from_others: bool,
    /// Sources where the data subject provides the data (Art. 13).
    pub sources_direct: Vec<SourceView>,
    /// Sources where the data subject is observed using a service (Art. 13).
    pub sources_observed: Vec<SourceView>,
    /// Data items recorded as people use a service, and those derived
    /// from other data.
    pub observed_items: Vec<ItemView>,
    pub derived_items: Vec<ItemView>,
    /// Data items obtained from others, each with its source (Art. 14(2)(f)).
    pub obtained_items: Vec<ItemView>,
    /// Special-category and criminal-offence data, each with what allows
    /// processing it (Art. 9(2), 10).
    pub sensitive: Vec<SensitiveView>,
    /// Data about other people that someone provides (Art. 14).
    pub sources_other_persons: Vec<SourceView>,
    /// Data from third parties and public sources (Art. 14(2)(f)).
    pub sources_third_parties: Vec<SourceView>,
    pub purposes: Vec<PurposeView>,
    /// The legal bases relied on, each with the purposes resting on it.
    pub bases: Vec<BasisView>,
    /// The legitimate interests pursued (Art. 13(1)(d)).
    pub interests: Vec<InterestView>,
    /// How people opt out of communications resting on legitimate interests.
    pub objections: Vec<ObjectionView>,
    pub third_party_marketing: ThirdPartyMarketing,
    pub recipient_groups: Vec<RecipientGroup>,
    /// Where data is processed outside the EEA; empty when nowhere (Art. 13(1)(f)).
    pub outside_eea: Vec<TransferView>,
    /// Retention, grouped by identical rule (Art. 13(2)(a)).
    pub retention: Vec<RetentionView>,
    /// Whether one retention rule covers every category listed.
    pub retention_uniform: bool,
    pub rights: RightsView,
    /// The right to object to direct marketing (Art. 21(2)-(4)), when there is any.
    pub direct_marketing: Option<DirectMarketingView>,
    /// Withdrawing consent (Art. 7(3), 13(2)(c)), when any purpose rests on consent.
    pub consent: Option<ConsentView>,
    pub authority: AuthorityView,
    pub provision: ProvisionView,
    pub profiling: ProfilingView,
}

impl Statement {
    /// A section's anchor: the register's id for an added one.
    pub fn anchor(&self, section: &Section) -> &str {
        match section {
            Section::Added(i) => self.added[*i].id.as_str(),
            Section::Service(i) => self.services[*i].id.as_str(),
            own => own.id(),
        }
    }

    /// The kind of an added section, for its title from the word file.
    pub fn added_kind(&self, section: &Section) -> Option<ropa_register::model::AddedSectionKind> {
        match section {
            Section::Added(i) => Some(self.added[*i].kind),
            _ => None,
        }
    }

    /// An added section's title, given by the register; `None` for the
    /// statement's own sections and added ones that take their kind's.
    pub fn own_title(&self, section: &Section) -> Option<&str> {
        match section {
            Section::Added(i) => self.added[*i].title.as_deref(),
            Section::Service(i) => Some(self.services[*i].name.as_str()),
            _ => None,
        }
    }
}

/// What the statement tells of one service.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub categories: Vec<CategoryView>,
    pub purposes: Vec<PurposeView>,
    pub retention: Vec<RetentionView>,
    /// Whether one retention rule covers every category of the service.
    pub retention_uniform: bool,
    /// Who receives its data: each recipient's name where published, else
    /// its label.
    pub recipients: Vec<String>,
}

/// A section the controller adds.
#[derive(Debug, Clone)]
pub struct AddedSectionView {
    pub id: String,
    pub kind: ropa_register::model::AddedSectionKind,
    /// The register's title; the kind's from the word file when `None`.
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    /// The page it points to, e.g. the cookie statement.
    pub link: Option<LinkView>,
}

/// One published version of the statement.
#[derive(Debug, Clone)]
pub struct VersionView {
    pub date: String,
    pub effective_from: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone)]
pub struct ControllerView {
    /// The full legal name, e.g. "ISMT B.V.".
    pub name: String,
    /// The name running text uses: the register's `short_name` in the
    /// language, or the name without its legal form, e.g. "ISMT".
    pub short_name: String,
    /// The same with a capital, where it opens a sentence.
    pub short_name_opening: String,
    /// Street, postcode and city on one line, in the order the country
    /// writes them ("Küppersweg 30, 2031 CN Haarlem", "14 Mill Lane, York
    /// YO1 7HH").
    pub address: String,
    /// The country, named in the statement's language.
    pub country: String,
    /// ISO 3166-1 alpha-2, e.g. `NL`.
    pub country_code: String,
    /// Whether the address is outside the country readers of the language
    /// live in (its word file's `home_country`), so that it names the country.
    pub abroad: bool,
    pub contact: Vec<ChannelView>,
    pub chamber_of_commerce: Option<String>,
    /// The law that designates the controller (Art. 4(7)).
    pub designated_by: Option<LinkView>,
}

/// A company of the group and the processing it is the controller for.
#[derive(Debug, Clone)]
pub struct GroupControllerView {
    pub company: ControllerView,
    /// Whom or what it is responsible for, in the register's words.
    pub responsible_for: Option<String>,
    /// The names of the activities it is the controller for.
    pub activities: List,
}

/// Someone with a name and ways to reach them.
#[derive(Debug, Clone)]
pub struct PartyView {
    pub name: Option<String>,
    pub contact: Vec<ChannelView>,
}

#[derive(Debug, Clone)]
pub struct JointView {
    pub name: String,
    pub contact: Vec<ChannelView>,
    pub essence: Option<String>,
}

/// Register values a sentence lists ("This ground applies to: a, b and
/// c."). A short list is told in its sentence. A long one, or items too
/// long or with commas of their own ("a, b and c and d"), would make a
/// sentence nobody can read: it is told as the sentence's lead-in ("This
/// ground applies to:") followed by its items as a bulleted list. One item,
/// however long, is a sentence's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List(Vec<String>);

impl List {
    /// The most items a sentence lists.
    pub const MOST_IN_A_SENTENCE: usize = 5;
    /// The most characters an item a sentence lists may have.
    pub const LONGEST_IN_A_SENTENCE: usize = 60;

    /// Whether the list is told as a bulleted list rather than in its sentence.
    pub fn long(&self) -> bool {
        self.0.len() > Self::MOST_IN_A_SENTENCE
            || (self.0.len() > 1
                && self.0.iter().any(|item| {
                    item.chars().count() > Self::LONGEST_IN_A_SENTENCE || item.contains(',')
                }))
    }
}

impl std::ops::Deref for List {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.0
    }
}

impl std::ops::DerefMut for List {
    fn deref_mut(&mut self) -> &mut Vec<String> {
        &mut self.0
    }
}

impl From<Vec<String>> for List {
    fn from(items: Vec<String>) -> List {
        List(items)
    }
}

impl FromIterator<String> for List {
    fn from_iter<I: IntoIterator<Item = String>>(items: I) -> List {
        List(items.into_iter().collect())
    }
}

/// A way to reach someone. `href` is set only for what is safe to link: a
/// `mailto:` of a plausible e-mail address, or an `http(s)://` URL.
///
/// A short label ("our privacy request form") is the link's text. A label
/// that describes the channel ("the unsubscribe link at the foot of every
/// e-mail") would make a sentence read wrongly as a link's text: it is
/// written as words, followed by the address in brackets, linked. So is the
/// label of a channel that cannot be linked (a phone number, an address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelView {
    pub kind: ChannelKind,
    /// The label written before the address, where it is not the link's text.
    pub description: Option<String>,
    /// What the link shows: a short label, or else the value as people type it.
    pub text: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CategoryView {
    pub label: String,
    pub examples: Option<String>,
    /// The labels of the category's data items.
    pub items: List,
    /// Whether `items` is all the category holds ("namely") rather than
    /// examples of it ("for example").
    pub exhaustive: bool,
}

/// A data item told apart from its category: observed, derived or obtained.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub label: String,
    /// The label of its category.
    pub category: String,
    /// Where an obtained item comes from.
    pub source: Option<String>,
}

/// Sensitive data and what allows processing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveView {
    /// The category's label.
    pub category: String,
    /// The kind in words: "health data", "data about criminal convictions".
    pub kind: String,
    pub ground: SensitiveGround,
    /// The law relied on, where the register names one.
    pub law: Option<LinkView>,
}

/// What allows processing sensitive data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SensitiveGround {
    /// The point of Art. 9(2), `a` to `j`.
    Article9(String),
    /// Art. 10: official authority, or authorised by law.
    Article10(ropa_register::model::CriminalDataGround),
}

#[derive(Debug, Clone)]
pub struct SourceView {
    pub kind: SourceKind,
    pub description: String,
    /// The categories that come from this source (labels), shown for indirect sources.
    pub categories: List,
    /// How the people concerned are informed, when the register says (Art. 14).
    pub informed_via: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PurposeView {
    pub label: String,
    pub description: Option<String>,
    pub bases: Vec<Basis>,
    /// How data minimisation is applied, e.g. anonymous data where possible:
    /// each activity's, where the purpose is told for several.
    pub minimisation: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct BasisView {
    pub basis: Basis,
    /// The purposes resting on this basis (labels).
    pub purposes: List,
    /// The laws relied on, for legal obligations and public tasks (Art. 6(3)).
    pub legal_references: Vec<LinkView>,
    /// The contracts named, for the contract basis.
    pub contracts: Vec<LinkView>,
}

/// Another law the controller is subject to, in the statement's words.
#[derive(Debug, Clone)]
pub struct OtherLawView {
    /// "For people in the United Kingdom, the UK GDPR applies as well."
    pub applies: String,
    /// "in the United Kingdom", for the complaint sentence.
    pub in_territory: String,
    /// The representative there, and the sentence that law's words name
    /// it with ("Our representative in the United Kingdom is {name}").
    pub representative: Option<PartyView>,
    pub representative_sentence: Sentence,
    pub authority: AuthorityView,
}

/// An activity carried out for other organisations, who decide about it.
#[derive(Debug, Clone)]
pub struct OnBehalfOfView {
    pub activity: String,
    /// The controllers, as the register describes them.
    pub controllers: String,
}

/// A title with the page it links to, when the page is safe to link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkView {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone)]
pub struct InterestView {
    pub text: String,
    pub purposes: List,
}

#[derive(Debug, Clone)]
pub struct ObjectionView {
    pub description: String,
    pub channels: Vec<ChannelView>,
}

/// Recipients grouped the way a reader thinks of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecipientGroupKind {
    /// Public authorities.
    Authorities,
    /// Processors and sub-processors.
    ServiceProviders,
    /// Independent and joint controllers, other third parties.
    Others,
    /// Within the controller's own organisation.
    Internal,
}

#[derive(Debug, Clone)]
pub struct RecipientGroup {
    pub kind: RecipientGroupKind,
    pub recipients: Vec<RecipientView>,
}

#[derive(Debug, Clone)]
pub struct RecipientView {
    pub label: String,
    /// The organisation's name, only where the register says to publish it.
    pub name: Option<String>,
    pub description: Option<String>,
    /// When data is disclosed to this recipient.
    pub cases: Vec<String>,
}

/// One destination outside the EEA.
#[derive(Debug, Clone)]
pub struct TransferView {
    /// The country, named in the statement's language; for a destination
    /// that is no country, its sentence (`destination`) says where.
    pub country: String,
    /// The destination as the register holds it, e.g. `US`, `worldwide`.
    pub destination: Destination,
    /// Who receives the data there (label, or name where published).
    pub recipient: String,
    /// The mechanisms the transfer rests on: the one relied on first, then
    /// those that take over should the one before fall away.
    pub mechanisms: Vec<MechanismView>,
    /// How to obtain a copy of the safeguards (Art. 13(1)(f)).
    pub copy_via: Option<String>,
    /// For a transfer judged under another law than the register's own:
    /// whose data it concerns ("This concerns the data of people in the
    /// United Kingdom.").
    pub for_territory: Option<String>,
}

/// One mechanism of a transfer (Art. 45-49).
#[derive(Debug, Clone)]
pub struct MechanismView {
    pub kind: MechanismKind,
    /// The adequacy decision or SCC instrument, when recorded.
    pub decision: Option<String>,
    /// For a derogation: the point of Art. 49(1) it rests on, `a` to `g`.
    pub derogation: Option<String>,
    /// The framework an adequacy decision is known by, in the statement's
    /// language: "the EU-U.S. Data Privacy Framework".
    pub framework: Option<String>,
    /// The independent recourse mechanism the recipient chose under the
    /// framework.
    pub recourse: Option<LinkView>,
    /// The whole sentence in another law's words, for a transfer judged
    /// under another law than the register's own.
    pub text: Option<String>,
    /// For a fallback: its own route to a copy, where it differs from the
    /// transfer's.
    pub copy_via: Option<String>,
}

/// One retention rule and the categories it applies to.
#[derive(Debug, Clone)]
pub struct RetentionView {
    pub categories: Vec<String>,
    /// The activities the rule is theirs, told when one of its categories
    /// is kept differently by another activity; empty otherwise.
    pub activities: Vec<String>,
    /// The period, formatted for the language, e.g. "7 jaar".
    pub period: Option<String>,
    pub criteria: Option<String>,
    /// Whether the criteria are a phrase to be made a sentence ("until you
    /// unsubscribe") rather than sentences of their own.
    pub criteria_phrase: bool,
    pub start_event: Option<String>,
    /// How the data is kept; the rest applies to `Limited` only, but for
    /// `reason`, which `Indefinite` gives.
    pub storage: Storage,
    pub end_action: Option<EndAction>,
    pub legal_reference: Option<LinkView>,
    pub reason: Option<String>,
}

pub use ropa_law::Right;

/// One right in the statement's list.
#[derive(Debug, Clone)]
pub struct RightView {
    pub right: Right,
    /// The register's own words for it, in place of the statement's.
    pub text: Option<String>,
    /// How to exercise it.
    pub route: Option<String>,
    /// Where to send a request for it, when not the general channels.
    pub channels: Vec<ChannelView>,
    pub limits: Vec<LimitView>,
}

/// An exception to a right, with the law it comes from.
#[derive(Debug, Clone)]
pub struct LimitView {
    pub text: String,
    pub law: Option<LinkView>,
}

#[derive(Debug, Clone)]
pub struct RightsView {
    /// The rights that apply given the legal bases used (reference §3.5),
    /// and those the register declares, in the order of the articles.
    pub list: Vec<RightView>,
    /// Objection rests on legitimate interests (Art. 21(1)).
    pub objection_legitimate_interests: bool,
    /// Objection rests on a public task (Art. 21(1)).
    pub objection_public_task: bool,
    /// Portability applies to data processed with consent.
    pub portability_consent: bool,
    /// Portability applies to data processed for a contract.
    pub portability_contract: bool,
    pub self_service: Option<String>,
    pub channels: Vec<ChannelView>,
    pub identity_verification: Option<String>,
    /// The response time, formatted for the language, e.g. "1 maand".
    pub response_time: String,
}

#[derive(Debug, Clone)]
pub struct DirectMarketingView {
    /// Whether profiling serves direct marketing (Art. 21(2): objection covers it).
    pub profiling: bool,
    pub channels: Vec<ChannelView>,
    /// How to object, as the direct-marketing activities describe it
    /// (objections to processing under Art. 21(1) are told with the
    /// legitimate interests): whole sentences, and phrases ("the
    /// unsubscribe link in every e-mail") for the statement's sentence.
    pub how_sentences: Vec<String>,
    pub how_phrases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ConsentView {
    /// The purposes resting on consent.
    pub purposes: List,
    /// The special categories processed with explicit consent (Art.
    /// 9(2)(a)), which can be withdrawn as any consent.
    pub explicit: List,
    /// How consent is asked, where the register words it as whole sentences.
    pub mechanism_sentences: Vec<String>,
    /// How consent is asked, where the register words it as a phrase
    /// ("a checkbox in the form").
    pub mechanism_phrases: Vec<String>,
    pub channels: Vec<ChannelView>,
}

#[derive(Debug, Clone)]
pub struct AuthorityView {
    pub name: String,
    /// The website, when it is an `http(s)` URL.
    pub href: Option<String>,
    /// The website as people type it, e.g. "www.autoriteitpersoonsgegevens.nl".
    pub website: String,
}

/// Whether people must provide data, and what happens if they do not (Art. 13(2)(e)).
#[derive(Debug, Clone)]
pub struct ProvisionView {
    /// Whether data is needed for a contract: some is required for one, or
    /// forms mark required fields and a purpose rests on a contract.
    pub for_a_contract: bool,
    /// The mark forms put on required fields, when forms mark them.
    pub marker: Option<String>,
    /// What happens when required data is not given (from `notice.form_fields`).
    pub consequence: Option<String>,
    /// What filling in an optional field means.
    pub optional_fields: Option<String>,
    pub required_by_law: Vec<ProvisionItem>,
    pub required_for_contract: Vec<ProvisionItem>,
    /// Categories people may choose not to give (labels).
    pub voluntary: List,
    /// Those of them whose absence has a consequence the register states.
    pub voluntary_consequences: Vec<ProvisionItem>,
}

#[derive(Debug, Clone)]
pub struct ProvisionItem {
    pub label: String,
    pub consequence: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProfilingView {
    /// Whether any public activity profiles people.
    pub exists: bool,
    pub descriptions: Vec<String>,
    pub external_sources: bool,
    /// `Some(false)`: no special categories go into profiles; `Some(true)`:
    /// some do; `None`: not recorded for every profiling activity.
    pub special_categories: Option<bool>,
    pub data_types: Vec<ProfilingDataView>,
    pub opt_outs: Vec<String>,
    /// Others who profile people in connection with the public activities,
    /// whether or not the organisation profiles itself.
    pub by_others: Vec<OtherProfilerView>,
    /// Solely automated decisions with legal or similarly significant effects (Art. 22).
    pub decisions: Vec<DecisionView>,
    /// Every public activity records that it takes no such decisions.
    pub no_decisions: bool,
}

#[derive(Debug, Clone)]
pub struct ProfilingDataView {
    pub label: String,
    pub description: Option<String>,
}

/// Another organisation that profiles people, as the register tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherProfilerView {
    pub who: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct DecisionView {
    /// The activity that takes the decisions (its name).
    pub activity: String,
    pub logic: Option<String>,
    pub consequences: Option<String>,
    pub safeguards: Vec<AdmSafeguard>,
    /// Under Art. 22(2)(b): the law that authorises the decisions and lays
    /// down the measures that protect the person.
    pub authorising_law: Option<LinkView>,
}
