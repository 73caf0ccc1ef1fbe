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
    /// Examples shown in the statement as one text, e.g. "name, address,
    /// e-mail address"; `items` says the same as structured data and is
    /// preferred (a category gives one or the other, V53).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Text>,
    /// The data items the category holds, each with its label, kind and
    /// origin (Art. 13(1), 14(1)(d)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DataItem>,
    /// Whether `items` names all the category holds (`exhaustive`: the
    /// statement says "namely") or examples of it (`illustrative`, the
    /// default: "for example").
    #[serde(default, skip_serializing_if = "ItemListing::is_default")]
    pub items_listed: ItemListing,
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

/// One data item of a category, e.g. "IP address" in "Device data".
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataItem {
    /// Unique within its category; activities refer to it as `category`
    /// and `item` (a retention of its own).
    pub id: Id,
    pub label: Text,
    /// The DPV kind of the item, one of the kinds its category covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<PdId>,
    /// Whether people must provide this item, where it differs from the
    /// category's `provision` (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<Provision>,
    /// Where the item comes from (default `provided`).
    #[serde(default, skip_serializing_if = "Origin::is_default")]
    pub origin: Origin,
    /// For an `obtained` item: its source, named or described as the
    /// statement tells it (Art. 14(2)(f)), e.g. "the credit agency Experian".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// Where a data item comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The person gives it, e.g. in a form (Art. 13).
    #[default]
    Provided,
    /// Recorded as the person uses a service: device data, logs, cookies (Art. 13).
    Observed,
    /// Worked out by the controller from other data, e.g. a segment or a score.
    Derived,
    /// Received from someone else or a public source (Art. 14).
    Obtained,
}

impl Origin {
    fn is_default(&self) -> bool {
        *self == Origin::Provided
    }
}

/// How a category's `items` are meant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemListing {
    /// Examples of what the category holds: "for example".
    #[default]
    Illustrative,
    /// All the category holds: "namely".
    Exhaustive,
}

impl ItemListing {
    fn is_default(&self) -> bool {
        *self == ItemListing::Illustrative
    }
}

impl Category {
    pub fn item(&self, id: &Id) -> Option<&DataItem> {
        self.items.iter().find(|i| &i.id == id)
    }
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

impl Provision {
    /// Whether the register says what happens when the data is not
    /// provided: nothing to say for voluntary data; for data marked per
    /// field, the forms' convention (`notice.form_fields`, when
    /// `form_fields` is true) says it unless the provision does.
    pub fn consequence_known(&self, form_fields: bool) -> bool {
        match self.kind {
            ProvisionKind::Voluntary => true,
            ProvisionKind::MarkedPerField => self.consequence.is_some() || form_fields,
            ProvisionKind::RequiredByLaw | ProvisionKind::RequiredForContract => {
                self.consequence.is_some()
            }
        }
    }
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
