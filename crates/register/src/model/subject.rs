//! `subjects.json`: the categories of data subjects.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DpvId, Id, KnownGap, Text};

/// `subjects.json`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectsFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    pub subjects: Vec<Subject>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

/// A category of data subjects (Art. 30(1)(c)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: Id,
    pub label: Text,
    /// DPV data-subject ids, e.g. `dpv:Customer`.
    pub dpv: Vec<DpvId>,
    /// Whether children may be among them (Art. 8, 12(1)).
    pub children: bool,
    /// How these people are informed when their data does not come from themselves (Art. 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informed_via: Option<Text>,
}
