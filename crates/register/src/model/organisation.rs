//! `organisation.json`: who the controller is, how people reach it and
//! exercise their rights, and the statement's own metadata.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Address, Channel, Date, Id, KnownGap, Lang, LawRef, PerLanguage, SecurityMeasure, Text,
};
pub use ropa_law::{Jurisdiction, Right};

/// `organisation.json`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFile {
    /// Link to this file's schema, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The law the register is kept under: `eu` (the GDPR) or `uk` (the UK
    /// GDPR). It decides what is a transfer, which adequacy findings and
    /// transfer tools exist, and how the statement names the law.
    #[serde(default)]
    pub jurisdiction: Jurisdiction,
    /// The other laws the controller is subject to, each with what differs
    /// under it: a register kept under the GDPR whose controller also
    /// offers its services to people in the UK is under the UK GDPR too
    /// (UK GDPR Art. 3(2)), with a representative and an authority there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_under: Vec<OtherLaw>,
    pub controller: Controller,
    /// Which activities, companies and trade names the statement covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// Joint controllers (Art. 26); an empty list when there are none.
    pub joint_controllers: Vec<JointController>,
    /// Other companies of the controller's group that are each the
    /// controller for some of the activities (named by the activity's
    /// `controller`), not jointly: a parent company and its EU subsidiary,
    /// each deciding for its own customers or services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_controllers: Vec<GroupController>,
    /// The representative of a controller established outside the territory
    /// (Art. 27): in the EU, or in the UK under the UK GDPR. `null` when the
    /// controller is established inside it, or is exempt
    /// (`representative_exemption`).
    #[serde(default)]
    pub representative: Option<Party>,
    /// Why a controller established outside the territory has no
    /// representative (Art. 27(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_exemption: Option<RepresentativeExemption>,
    /// The data protection officer (Art. 37), or why none is appointed. `null` while unrecorded.
    #[serde(default)]
    pub dpo: Option<Dpo>,
    /// Whether the controller is a public authority or body (Art. 6(1) last subparagraph, 37(1)(a)).
    pub public_authority: bool,
    /// Whether the controller has an establishment in the territory of its
    /// jurisdiction: the EEA under the GDPR, the UK under the UK GDPR (Art.
    /// 3(1)). One that has not, and offers goods or services to people there
    /// or monitors them (Art. 3(2)), needs a representative (Art. 27).
    pub established_in_territory: bool,
    pub supervisory_authority: SupervisoryAuthority,
    pub rights: RightsHandling,
    pub notice: Notice,
    /// Security measures that apply to every activity (Art. 30(1)(g), 32).
    pub security_measures: Vec<SecurityMeasure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

/// The controller (Art. 4(7), 13(1)(a)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    #[schemars(length(min = 1))]
    pub name: String,
    pub address: Address,
    /// How to reach the controller; at least one electronic channel.
    pub contact: Vec<Channel>,
    /// How running text refers to the controller, per language: "the
    /// municipality of Zuiderwaarde", "de gemeente Zuiderwaarde". A name,
    /// not a pronoun: sentences use it as their subject. By default, the
    /// name without its legal form ("ISMT B.V." → "ISMT").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    /// The law that designates the controller, where the law determines the
    /// purposes and means of the processing (Art. 4(7)), e.g. a public
    /// body's founding act: "art. 160 Gemeentewet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designated_by: Option<LawRef>,
    /// Chamber of Commerce (KvK) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chamber_of_commerce: Option<String>,
}

/// A company of the group that is the controller for some activities
/// (Art. 4(7), 13(1)(a)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupController {
    /// How activities name it, in their `controller`.
    pub id: Id,
    #[schemars(length(min = 1))]
    pub name: String,
    pub address: Address,
    /// How to reach it; at least one channel.
    pub contact: Vec<Channel>,
    /// Its Chamber of Commerce (or company register) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chamber_of_commerce: Option<String>,
    /// Whom or what it is responsible for, in words people recognise: "our
    /// customers in the European Union".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_for: Option<Text>,
}

/// Another organisation with name and contact, e.g. a representative.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    #[schemars(length(min = 1))]
    pub name: String,
    pub contact: Vec<Channel>,
}

/// A joint controller and the essence of the arrangement (Art. 26).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointController {
    #[schemars(length(min = 1))]
    pub name: String,
    pub contact: Vec<Channel>,
    /// Reference to the arrangement between the controllers.
    #[serde(default)]
    pub arrangement_ref: Option<String>,
    /// The essence of the arrangement, made available to data subjects (Art. 26(2)).
    #[serde(default)]
    pub essence: Option<Text>,
}

/// Another law the controller is subject to, and what differs under it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherLaw {
    pub jurisdiction: Jurisdiction,
    /// Whether the controller has an establishment in that law's territory.
    pub established_in_territory: bool,
    /// The representative there (Art. 27), when not established in it.
    #[serde(default)]
    pub representative: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_exemption: Option<RepresentativeExemption>,
    /// The authority people there can complain to.
    pub supervisory_authority: SupervisoryAuthority,
}

/// One law the controller is subject to, with what the register says
/// under it: the register's own (`jurisdiction`), or one of `also_under`.
#[derive(Debug, Clone, Copy)]
pub struct UnderLaw<'a> {
    pub jurisdiction: Jurisdiction,
    pub established_in_territory: bool,
    pub representative: Option<&'a Party>,
    pub representative_exemption: Option<&'a RepresentativeExemption>,
    pub supervisory_authority: &'a SupervisoryAuthority,
    /// Its place in `also_under`, for a law other than the register's own.
    pub index: Option<usize>,
}

impl OrganisationFile {
    /// Every law the controller is subject to: the register's own first.
    pub fn laws(&self) -> Vec<UnderLaw<'_>> {
        let own = UnderLaw {
            jurisdiction: self.jurisdiction,
            established_in_territory: self.established_in_territory,
            representative: self.representative.as_ref(),
            representative_exemption: self.representative_exemption.as_ref(),
            supervisory_authority: &self.supervisory_authority,
            index: None,
        };
        std::iter::once(own)
            .chain(
                self.also_under
                    .iter()
                    .enumerate()
                    .map(|(i, other)| UnderLaw {
                        jurisdiction: other.jurisdiction,
                        established_in_territory: other.established_in_territory,
                        representative: other.representative.as_ref(),
                        representative_exemption: other.representative_exemption.as_ref(),
                        supervisory_authority: &other.supervisory_authority,
                        index: Some(i),
                    }),
            )
            .collect()
    }

    /// Every law the controller is subject to, the register's own first.
    pub fn jurisdictions(&self) -> Vec<Jurisdiction> {
        std::iter::once(self.jurisdiction)
            .chain(self.also_under.iter().map(|o| o.jurisdiction))
            .collect()
    }

    /// The laws a transfer is judged under: the one it names, or every one.
    pub fn laws_of(&self, transfer: &super::Transfer) -> Vec<Jurisdiction> {
        let mut laws = self.jurisdictions();
        laws.retain(|law| transfer.under.is_none_or(|under| under == *law));
        laws
    }
}

impl UnderLaw<'_> {
    /// The JSON pointer of one of this law's fields in `organisation.json`.
    pub fn pointer(&self, field: &str) -> String {
        match self.index {
            None => format!("/{field}"),
            Some(i) => format!("/also_under/{i}/{field}"),
        }
    }
}

/// The ground of Art. 27(2) on which a controller established outside the
/// territory has no representative, with the assessment behind it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeExemption {
    pub ground: RepresentativeGround,
    /// Why the ground applies: how occasional the processing is, why it is
    /// unlikely to result in a risk.
    #[schemars(length(min = 1))]
    pub reason: String,
}

/// Art. 27(2)(a) or (b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeGround {
    /// (a): occasional processing, without large-scale special-category or
    /// criminal data, unlikely to result in a risk.
    Occasional,
    /// (b): a public authority or body.
    PublicAuthority,
}

/// The DPO, or the recorded reason why none is appointed.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpo {
    pub appointed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Published contact details of the DPO (Art. 37(7)); required when appointed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<Channel>,
    /// Why no DPO is appointed (the Art. 37(1) assessment); required when not appointed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// The supervisory authority people can complain to (Art. 13(2)(d), 77).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisoryAuthority {
    /// DPV id of the authority, e.g. `legal-nl:DPA-NL`.
    #[schemars(length(min = 1))]
    pub id: String,
    pub name: Text,
    /// The authority's website, where complaints are filed: one address,
    /// or one per language, e.g. `{"nl": "https://autoriteitpersoonsgegevens.nl",
    /// "en": "https://autoriteitpersoonsgegevens.nl/en"}`.
    pub url: PerLanguage,
}

/// How data subjects exercise their rights (Art. 12).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsHandling {
    /// Where requests go (Art. 12(2)).
    pub channels: Vec<Channel>,
    /// What people with an account can see and change themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service: Option<Text>,
    /// What the controller may ask to verify identity (Art. 12(6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_verification: Option<Text>,
    /// Rights the statement tells beyond those that follow from the legal
    /// bases (the right to be informed, objection outside Art. 21's cases),
    /// and how and within which limits people exercise any right.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared: Vec<DeclaredRight>,
    /// Response time as an ISO 8601 duration; the GDPR's default is `P1M` (Art. 12(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = super::period::PATTERN))]
    pub response_time: Option<String>,
}

/// A right as the controller declares it: granted on top of the law, or
/// told with its route and limits.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredRight {
    pub right: Right,
    /// What the right means here, in place of the statement's own words,
    /// e.g. an objection the controller honours beyond Art. 21.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// How to exercise it: a form, a letter, through another organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Text>,
    /// Where to send a request for this right, when not the general channels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Exceptions to the right, each with the law it comes from (Art. 23).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<RightLimit>,
}

/// An exception to a right.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightLimit {
    pub text: Text,
    /// The law that lays the exception down, e.g. "art. 41 UAVG".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawRef>,
}

/// Metadata of the public statement.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Languages the statement is published in.
    #[schemars(length(min = 1))]
    pub languages: Vec<Lang>,
    /// The "last changed" date, when pinned; otherwise it comes from the register's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_changed: Option<Date>,
    /// Where the separate cookie statement is found, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_statement: Option<Text>,
    /// How people are told about material changes to the statement (Art. 13(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_notification: Option<Text>,
    /// The order in which the statement presents the public activities (and
    /// so their purposes, sources and recipients) and the record all of
    /// them; activities not listed follow, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_order: Vec<Id>,
    /// How forms mark the fields that must be filled in (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_fields: Option<FormFields>,
    /// The controller's own introduction, after the statement's opening
    /// line; paragraphs separated by a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<Text>,
    /// What the controller says of changes to the statement, in its own
    /// words, instead of the statement's neutral sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Text>,
    /// Sections the controller adds (security, children, cookies, or its
    /// own), each placed after the section it names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<AddedSection>,
    /// How the statement is laid out: `by_topic` (the default: what data,
    /// what for, how long … each for all activities) or `by_service` (a
    /// section per service in `services`, telling its data, purposes,
    /// retention and recipients, before the sections on rights).
    #[serde(default, skip_serializing_if = "Layout::is_default")]
    pub layout: Layout,
    /// The controller's services (products, apps, shops, events …) and
    /// the public activities each consists of, for `by_service`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// The statement's published versions, newest first, each with its
    /// date, the date it takes effect, and what changed (Art. 13(3)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<NoticeVersion>,
}

/// The anchors of the statement's own sections, which `after` may name and
/// an added section may not take; the documents' `Section::id` (a test
/// there holds the two lists equal).
pub const STATEMENT_SECTIONS: &[&str] = &[
    "who-we-are",
    "personal-data",
    "data-you-provide",
    "data-we-record",
    "data-about-others",
    "data-from-third-parties",
    "purposes",
    "legal-bases",
    "legitimate-interests",
    "recipients",
    "outside-eea",
    "retention",
    "your-rights",
    "withdrawing-consent",
    "complaints",
    "required-data",
    "profiling",
    "last-changed",
];

/// How the statement is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    #[default]
    ByTopic,
    ByService,
}

impl Layout {
    fn is_default(&self) -> bool {
        *self == Layout::ByTopic
    }
}

/// One of the controller's services, as the statement groups it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The service's anchor in the statement.
    pub id: Id,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The public activities the service consists of (ids of activities/).
    #[schemars(length(min = 1))]
    pub activities: Vec<Id>,
}

/// A section the controller adds to the statement.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddedSection {
    /// The section's anchor in the statement, unique among its sections.
    pub id: Id,
    /// What the section is about; its title comes from the statement's
    /// words unless `title` gives one (required for `other`).
    pub kind: AddedSectionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The section's text; paragraphs separated by a blank line.
    pub text: Text,
    /// A page the section points to, e.g. the cookie statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<PerLanguage>,
    /// The section it follows: the anchor of one of the statement's own
    /// sections (`who-we-are`, `retention`, `your-rights`, …) or of an
    /// earlier added one; at the end, before the version history, when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// The kinds of section a controller adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AddedSectionKind {
    /// How the data is secured, in plain words (Art. 32).
    Security,
    /// Children and age limits (Art. 8).
    Children,
    /// Cookies and similar technologies, pointing to the cookie statement.
    Cookies,
    /// Anything else, under the `title` given.
    Other,
}

/// One published version of the statement.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeVersion {
    /// When this version was published.
    pub date: Date,
    /// When it takes effect, where that is later than `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<Date>,
    /// What changed from the version before.
    pub summary: Text,
}

/// The convention forms use to show which data is required (Art. 13(2)(e)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormFields {
    /// The mark on required fields, e.g. `*`.
    #[schemars(length(min = 1))]
    pub marker: String,
    /// What happens when required data is not provided.
    pub consequence: Text,
    /// What filling in an unmarked (optional) field means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional_fields: Option<Text>,
}
