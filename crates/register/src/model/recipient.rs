//! `recipients.json`: everyone personal data is disclosed to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, KnownGap, Location, Text};

/// `recipients.json`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientsFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Whether personal data is ever disclosed to third parties for their own marketing.
    pub third_party_marketing: ThirdPartyMarketing,
    pub recipients: Vec<Recipient>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThirdPartyMarketing {
    Never,
    OnlyWithExplicitConsent,
}

/// A recipient or category of recipients (Art. 4(9), 30(1)(d), 13(1)(e)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: Id,
    pub role: RecipientRole,
    /// The organisation's name; `null` when the register only knows the kind of recipient.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the statement names the organisation or only describes its category.
    pub publish_name: bool,
    /// The category of recipient as the statement names it, e.g. "Mail-order company".
    pub label: Text,
    /// What the recipient does with the data, or examples of such recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// When data is disclosed to this recipient.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disclosure_cases: Vec<Text>,
    /// Where the recipient processes the data, remote access included (Art. 44).
    pub countries: Vec<Location>,
    /// The processing agreement (Art. 28(3)); required for processors.
    #[serde(default)]
    pub processing_agreement: Option<Agreement>,
    /// For a sub-processor: the processor that engaged it (Art. 28(2), (4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// For a sub-processor: how the controller authorised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<SubProcessorAuthorisation>,
    /// Whether a US recipient is certified under the EU-US Data Privacy Framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpf_certified: Option<bool>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecipientRole {
    /// Within the controller's own organisation.
    Internal,
    Processor,
    SubProcessor,
    /// An independent controller that receives the data.
    Controller,
    JointController,
    PublicAuthority,
    ThirdParty,
}

/// A processing agreement or similar contract.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    #[schemars(length(min = 1))]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubProcessorAuthorisation {
    General,
    Specific,
}
