//! `categories.json`: the catalogue of personal-data categories.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, KnownGap, PdId, Text};

/// `categories.json`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoriesFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    pub categories: Vec<Category>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

/// A category of personal data (Art. 30(1)(c), 14(1)(d)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: Id,
    pub label: Text,
    /// Examples shown in the statement, e.g. "name, address, e-mail address".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Text>,
    /// The DPV personal-data kinds this category covers; scan findings map onto categories through them.
    pub dpv: Vec<PdId>,
    /// The Art. 9(1) special category this data belongs to, or `none`.
    pub special: SpecialCategory,
    /// Personal data relating to criminal convictions and offences (Art. 10).
    pub criminal: bool,
    /// A national identification number such as the BSN (Art. 87).
    pub national_id: bool,
    /// Whether people must provide this data, when it is collected from them (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<Provision>,
}

/// Art. 9(1) special categories, defined with the rest of the law.
pub use ropa_law::SpecialCategory;

/// Whether providing the data is a requirement (Art. 13(2)(e)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub kind: ProvisionKind,
    /// The consequence of not providing the data; required unless voluntary
    /// (for `marked_per_field`, the statement's `form_fields` gives it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    RequiredByLaw,
    RequiredForContract,
    Voluntary,
    /// Each form marks the fields that are required (see `notice.form_fields` in organisation.json).
    MarkedPerField,
}
