//! `activities/<id>.json`: one processing activity, the heart of the register.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Channel, Date, Destination, DpvId, Id, Jurisdiction, KnownGap, LawRef, SecurityMeasure, Text,
};

/// `activities/<id>.json`; the id is the file name.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The company of the group that is the controller for this activity,
    /// by its id in `group_controllers` of organisation.json; by default,
    /// the register's `controller`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<Id>,
    /// The department or business function responsible (internal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether the public statement describes this activity (internal ones, e.g. HR, are records only).
    pub public: bool,
    pub status: Status,
    /// Whose processing this is: the organisation's own (`controller`, the
    /// default), or its customers' that it carries out for them
    /// (`processor`, Art. 28), which has no legal basis of its own, stays
    /// out of the controller's statement and record, and says for whom in
    /// `processing_for`.
    #[serde(default, skip_serializing_if = "ActivityRole::is_controller")]
    pub role: ActivityRole,
    /// For a processor activity: the controllers it processes for
    /// (Art. 30(2)(a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_for: Option<ProcessingFor>,
    /// Categories of data subjects (ids from subjects.json).
    pub subjects: Vec<Id>,
    /// The purposes, each with its own legal basis (Art. 5(1)(b), 6(1)).
    pub purposes: Vec<Purpose>,
    /// The personal data processed (ids from categories.json), each with its retention.
    pub data: Vec<DataUse>,
    /// Retention for every data entry that does not set its own (Art. 5(1)(e), 30(1)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
    /// Where the data comes from (Art. 14(2)(f)).
    pub sources: Vec<Source>,
    /// An Art. 14(5) exemption from informing people whose data comes from elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_exemption: Option<InformationExemption>,
    /// Consent details; required when a purpose rests on consent (Art. 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// How people object to direct marketing (Art. 21(2)-(4)); required for direct marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection: Option<Objection>,
    /// Recipients (ids from recipients.json).
    pub recipients: Vec<Id>,
    /// Transfers to third countries or international organisations; an empty list when there are none.
    pub transfers: Vec<Transfer>,
    /// Art. 9(2) conditions, one per special category processed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_category_conditions: Vec<SpecialCondition>,
    /// What allows the processing of criminal-offence data, when a category
    /// used is `criminal` (Art. 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criminal_data: Option<CriminalData>,
    pub profiling: Profiling,
    /// Automated individual decisions (Art. 22); `null` while not assessed.
    #[serde(default)]
    pub automated_decisions: Option<AutomatedDecisions>,
    /// Systems that hold the data (ids from systems/).
    pub systems: Vec<Id>,
    /// Security measures specific to this activity (Art. 30(1)(g)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_measures: Vec<SecurityMeasure>,
    /// The data protection impact assessment (Art. 35); `null` while not assessed.
    #[serde(default)]
    pub dpia: Option<Dpia>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

/// The organisation's role in one activity (Art. 4(7), 4(8)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityRole {
    /// It decides why and how: the GDPR's controller.
    #[default]
    Controller,
    /// It processes on behalf of its customers, who decide.
    Processor,
}

impl ActivityRole {
    pub fn is_controller(&self) -> bool {
        *self == ActivityRole::Controller
    }
}

/// The controllers a processor activity is carried out for (Art. 30(2)(a)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessingFor {
    /// Who they are, as the statement may say it: "the schools that use
    /// our platform", "our business customers".
    pub controllers: Text,
    /// The controllers by name, where the processor's record names them:
    /// each a name, or its name with contact details, and its
    /// representative and data protection officer where it has them
    /// (Art. 30(2)(a)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NamedController>,
    /// Where the list of every controller, with contact details, is kept
    /// when the record does not name each one: "the customer database,
    /// accounts with an accepted processing agreement".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_ref: Option<String>,
    /// Where the processing agreements with them are kept (Art. 28(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_ref: Option<String>,
}

/// A controller a processor activity is carried out for: its name alone,
/// e.g. `"Brightline Studio GmbH"`, or with what the processor's record
/// holds of it (Art. 30(2)(a)):
///
/// ```json
/// { "name": "Brightline Studio GmbH",
///   "contact": [ { "kind": "email", "value": "privacy@brightline.example" } ],
///   "dpo": { "contact": [ { "kind": "email", "value": "dpo@brightline.example" } ] },
///   "agreement_ref": "DPA BL-2024-07" }
/// ```
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NamedController {
    /// Its name only (V45 asks for its contact details).
    Name(String),
    /// Its name with contact details.
    Contact(ControllerContact),
}

/// A controller with the contact details the processor's record holds.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControllerContact {
    #[schemars(length(min = 1))]
    pub name: String,
    /// How to reach the controller.
    pub contact: Vec<Channel>,
    /// Its representative (Art. 27), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<super::Party>,
    /// Its data protection officer (Art. 37), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<ControllerDpo>,
    /// Where the processing agreement with this controller is kept, when
    /// not with the others (`agreement_ref` of `processing_for`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_ref: Option<String>,
}

/// The data protection officer of a controller the organisation processes for.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControllerDpo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub contact: Vec<Channel>,
}

impl NamedController {
    pub fn name(&self) -> &str {
        match self {
            NamedController::Name(name) => name,
            NamedController::Contact(c) => &c.name,
        }
    }

    /// What the record holds of the controller beyond its name.
    pub fn details(&self) -> Option<&ControllerContact> {
        match self {
            NamedController::Name(_) => None,
            NamedController::Contact(c) => Some(c),
        }
    }
}

impl ProcessingFor {
    /// The agreement with `controller`: its own, else the one for all.
    pub fn agreement_of<'a>(&'a self, controller: &'a NamedController) -> Option<&'a str> {
        let given = |r: Option<&'a str>| r.map(str::trim).filter(|r| !r.is_empty());
        given(
            controller
                .details()
                .and_then(|c| c.agreement_ref.as_deref()),
        )
        .or_else(|| given(self.agreement_ref.as_deref()))
    }
}

impl ActivityFile {
    /// Whether the organisation is this activity's controller: its legal
    /// basis, statement and record are the organisation's.
    pub fn is_own(&self) -> bool {
        self.role.is_controller()
    }

    /// Whether the activity serves direct marketing: a purpose that is, or
    /// profiles built for it (Art. 21(2)).
    pub fn direct_marketing(&self) -> bool {
        self.purposes.iter().any(|p| p.direct_marketing)
            || (self.profiling.exists && self.profiling.for_direct_marketing)
    }

    /// Whether a purpose rests on legitimate interests or a public task:
    /// the processing Art. 21(1) lets people object to.
    pub fn objectable(&self) -> bool {
        self.purposes.iter().any(|p| {
            p.legal_bases
                .iter()
                .any(|b| matches!(b.basis, Basis::LegitimateInterests | Basis::PublicTask))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Active,
    Retired,
}

/// A specific, explicit purpose (Art. 5(1)(b)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    pub id: Id,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// DPV purpose ids, e.g. `dpv:CustomerOrderManagement`.
    pub dpv: Vec<DpvId>,
    /// The Art. 6(1) bases this purpose rests on.
    pub legal_bases: Vec<LegalBasis>,
    /// Whether this purpose is direct marketing (Art. 21(2)).
    pub direct_marketing: bool,
    /// How data minimisation is applied, e.g. "anonymous data where possible".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimisation: Option<Text>,
}

/// An Art. 6(1) legal basis with what it needs.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub basis: Basis,
    /// The legitimate interest pursued, and whose it is (Art. 6(1)(f), 13(1)(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interest: Option<Text>,
    /// Where the legitimate interests assessment is kept (Art. 5(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lia_ref: Option<String>,
    /// The statute and article that lays down the obligation or task (Art. 6(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<LawRef>,
    /// For `contract`: the contract the processing is necessary for, as the
    /// statement names it (terms of service, a membership agreement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractRef>,
}

/// A contract people enter into with the controller.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractRef {
    /// Its title, e.g. "Terms of service".
    pub title: Text,
    /// Where people can read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Art. 6(1)(a)-(f), defined with the rest of the law.
pub use ropa_law::Basis;

/// One kind of personal data used by the activity.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataUse {
    /// Id from categories.json.
    pub category: Id,
    /// Retention for this category; the activity's `retention` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
    /// Items of the category kept otherwise than the rest of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_retention: Vec<ItemRetention>,
}

/// The retention of one data item, where it differs from its category's.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemRetention {
    /// Id of an item of the category (`items` in categories.json).
    pub item: Id,
    pub retention: Retention,
}

/// How long data is kept (Art. 5(1)(e), 13(2)(a)): a period or criteria, from
/// which event, and what happens at the end; or that it is not stored at
/// all, kept only on the person's device, or kept with no end, and why.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// How the data is kept: `limited` (the default: for a `period` or by
    /// `criteria`, then the `end_action`), `not_stored` (processed and
    /// discarded at once), `on_device` (kept only on the person's own
    /// device), `indefinite` (with no end, for the `reason` given).
    #[serde(default, skip_serializing_if = "Storage::is_limited")]
    pub storage: Storage,
    /// An ISO 8601 duration, e.g. `P7Y`, `P6M`, `P2W`, `PT48H`, `PT30S`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = super::period::PATTERN))]
    pub period: Option<String>,
    /// The criteria used to decide the period, when there is no fixed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Text>,
    /// The event the period counts from, e.g. "end of the contract".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_event: Option<Text>,
    /// What happens to data kept for a limited time when it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_action: Option<EndAction>,
    /// The law that sets the period, e.g. "art. 52 AWR".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<LawRef>,
    /// For `indefinite`: why the data is kept with no end, as the statement
    /// tells it, e.g. "the municipal archive keeps decisions permanently".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

/// How data is kept, when not for a limited time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    /// For a period or by criteria, then erased or anonymised.
    #[default]
    Limited,
    /// Processed and discarded at once.
    NotStored,
    /// Kept only on the person's own device.
    OnDevice,
    /// Kept with no end, for a stated reason.
    Indefinite,
}

impl Storage {
    pub fn is_limited(&self) -> bool {
        *self == Storage::Limited
    }
}

impl Retention {
    /// The period split into its units, when it is a duration of something.
    pub fn period_parts(&self) -> Option<super::PeriodParts> {
        self.period.as_deref().and_then(super::PeriodParts::parse)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndAction {
    Erase,
    Anonymise,
    EraseOrAnonymise,
}

/// Where personal data comes from (Art. 14(2)(f)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    /// The source as the statement describes it.
    pub description: Text,
    /// The categories that come from this source (ids from categories.json).
    pub categories: Vec<Id>,
    /// Whose data it is, when not every subject of the activity (ids from subjects.json).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Id>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Provided by the data subject (Art. 13).
    DataSubject,
    /// Observed while the data subject uses a service, e.g. browsing behaviour (Art. 13).
    Observed,
    /// Provided by someone else about the data subject, e.g. a customer about colleagues (Art. 14).
    OtherPerson,
    /// Received from a third party (Art. 14).
    ThirdParty,
    /// Taken from a publicly accessible source (Art. 14(2)(f)).
    Public,
}

impl SourceKind {
    /// Whether Art. 13 (collection from the data subject) applies rather than Art. 14.
    pub fn is_direct(self) -> bool {
        matches!(self, SourceKind::DataSubject | SourceKind::Observed)
    }
}

/// An Art. 14(5) exemption from the duty to inform.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InformationExemption {
    pub ground: ExemptionGround,
    #[schemars(length(min = 1))]
    pub reason: String,
}

/// Art. 14(5)(a)-(d).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionGround {
    AlreadyInformed,
    ImpossibleOrDisproportionate,
    LaidDownByLaw,
    ProfessionalSecrecy,
}

/// Consent details (Art. 7).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// How consent is asked, e.g. "a checkbox in the account settings".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<Text>,
    /// Where people withdraw consent (Art. 7(3)).
    pub withdrawal_channels: Vec<Channel>,
    /// Where proof of consent is kept (Art. 7(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_location: Option<String>,
}

/// The right to object to direct marketing (Art. 21(2)-(4)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// How objection works, e.g. "an opt-out link in every message".
    pub description: Text,
    pub channels: Vec<Channel>,
}

/// A transfer to a third country or international organisation (Art. 44-49).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Id from recipients.json.
    pub recipient: Id,
    /// The country the data goes to, or where no country can be named:
    /// `worldwide`, `chosen_by_the_person` (wherever the person takes or
    /// sends it, at their request), `other_operators` (the servers other
    /// operators run that the person's messages reach, as with e-mail).
    pub country: Destination,
    /// The law this transfer is judged under, when the controller is
    /// subject to more than one (`also_under`) and the transfer rests on
    /// different tools under each: one entry per law. By default, every
    /// law of the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<Jurisdiction>,
    /// The mechanisms the transfer rests on: the one relied on first, then
    /// any that take over should the one before fall away (the standard
    /// contractual clauses agreed behind the Data Privacy Framework, in
    /// case the decision is annulled as its two predecessors were).
    pub mechanisms: Vec<TransferMechanism>,
    /// How people can get a copy of the safeguards (Art. 13(1)(f)), for
    /// every mechanism that does not say its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_via: Option<Text>,
    /// Transfer impact assessment reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tia_ref: Option<String>,
}

/// One of the mechanisms of Art. 45-49.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferMechanism {
    pub kind: MechanismKind,
    /// For `adequacy`: the decision, e.g. `(EU) 2023/1795`; for `scc`: the instrument, e.g. `2021/914`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// For `scc`: the module (1-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 4))]
    pub module: Option<u8>,
    /// For `derogation`: the point of Art. 49(1), e.g. `a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-g]$"))]
    pub derogation: Option<String>,
    /// How people can get a copy of these safeguards, when not the
    /// transfer's `copy_via`: the clauses on request, the rules on a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_via: Option<Text>,
    /// For an adequacy decision known by a framework with its own recourse
    /// bodies (the Data Privacy Framework): the independent recourse
    /// mechanism the recipient chose, which people can complain to free of
    /// charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recourse: Option<Recourse>,
}

/// An independent recourse mechanism under a framework (e.g. BBB National
/// Programs, JAMS, the panel of EU data protection authorities).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recourse {
    /// Its name, as the recipient's certification gives it.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Where people file a complaint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Transfer {
    /// How people get a copy of the safeguards of `mechanism`: its own
    /// route, else the transfer's.
    pub fn copy_via<'a>(&'a self, mechanism: &'a TransferMechanism) -> Option<&'a Text> {
        mechanism
            .copy_via
            .as_ref()
            .filter(|t| !t.is_empty())
            .or(self.copy_via.as_ref())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MechanismKind {
    /// Art. 45.
    Adequacy,
    /// Art. 46(2)(c)-(d).
    Scc,
    /// Art. 46(2)(b), 47.
    Bcr,
    /// Art. 46(2)(e).
    CodeOfConduct,
    /// Art. 46(2)(f).
    Certification,
    /// Art. 46(3)(a).
    AdHocClauses,
    /// Art. 49(1).
    Derogation,
    /// UK GDPR Art. 46(2)(d): the ICO's International Data Transfer Agreement.
    Idta,
    /// UK GDPR Art. 46(2)(d): the EU's standard contractual clauses with the
    /// ICO's International Data Transfer Addendum.
    UkAddendum,
}

/// An Art. 9(2) condition for one special category.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialCondition {
    /// Id from categories.json.
    pub category: Id,
    /// The point of Art. 9(2), `a` to `j`.
    #[schemars(regex(pattern = r"^[a-j]$"))]
    pub condition: String,
    /// The Union or Member State law relied on (needed for b, g, h, i, j).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<LawRef>,
    /// For (h): who is bound by professional secrecy (Art. 9(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub professional_secrecy: Option<String>,
}

/// The ground for processing data on criminal convictions and offences (Art. 10).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriminalData {
    pub ground: CriminalDataGround,
    /// The Union or Member State law that authorises the processing and
    /// its safeguards; required for `authorised_by_law`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<LawRef>,
}

/// Art. 10: the two ways criminal-offence data may be processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CriminalDataGround {
    /// Under the control of official authority.
    OfficialAuthority,
    /// Authorised by Union or Member State law providing for safeguards.
    AuthorisedByLaw,
}

/// Profiling (Art. 4(4)); `{"exists": false}` when there is none.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profiling {
    /// Whether the organisation itself profiles people in this activity.
    pub exists: bool,
    /// What the profiling is for and how it works, as the statement tells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The kinds of data combined into profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_types: Vec<ProfilingData>,
    /// Whether special-category data goes into profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_categories: Option<bool>,
    /// Whether external sources are used for the profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_sources: Option<bool>,
    /// Whether the profiles serve direct marketing (Art. 21(2)).
    #[serde(default)]
    pub for_direct_marketing: bool,
    /// How people opt out of profiling-based marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opt_out: Option<Text>,
    /// Profiles that others build of people in connection with this
    /// activity: the platforms the organisation advertises on, advertising
    /// networks, its clients. Told whether or not the organisation profiles
    /// itself (`exists`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_others: Vec<OtherProfiler>,
}

/// Another organisation that profiles people in connection with the
/// processing, as the statement tells it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherProfiler {
    /// Who they are, e.g. "the social media platforms we advertise on".
    pub who: Text,
    /// What profiles they may build and from what, and whose privacy
    /// statement applies, e.g. "They may build profiles of you based on
    /// how you interact with our ads; their own privacy statements apply."
    pub description: Text,
}

/// A kind of data used in profiles.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilingData {
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Automated individual decision-making (Art. 22).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutomatedDecisions {
    /// Whether decisions based solely on automated processing have legal or similarly significant effects.
    pub solely_automated_significant: bool,
    /// The Art. 22(2) exception: `a` (contract), `b` (law), `c` (explicit consent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[abc]$"))]
    pub exception: Option<String>,
    /// Art. 22(3) safeguards in place; required for exceptions `a` and `c`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safeguards: Vec<AdmSafeguard>,
    /// For exception `b`: the Union or Member State law (statute and article)
    /// that authorises the decisions and lays down suitable measures to
    /// safeguard the person's rights and freedoms and legitimate interests
    /// (Art. 22(2)(b)); it takes the place of the Art. 22(3) safeguards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<LawRef>,
    /// Meaningful information about the logic involved (Art. 13(2)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logic: Option<Text>,
    /// The significance and the envisaged consequences for the data subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdmSafeguard {
    HumanIntervention,
    ExpressPointOfView,
    ContestDecision,
}

/// The data protection impact assessment (Art. 35).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Why a DPIA is or is not required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Review dates: the register is a living document (Art. 5(2)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Date>,
}
