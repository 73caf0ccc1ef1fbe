//! Where the EEA ends and which countries have an adequacy decision: what
//! the transfer rules (V20-V24) and the statement's "does data leave the
//! EEA?" rest on.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Location;

/// EU member states and the other EEA countries (Iceland, Liechtenstein, Norway).
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Whether a location is inside the EEA. `EU` and `EEA` stand for "somewhere
/// inside", when the register knows no more than that.
pub fn in_eea(location: &Location) -> bool {
    matches!(location.as_str(), "EU" | "EEA") || EEA.contains(&location.as_str())
}

/// An adequacy decision (Art. 45), kept as data: decisions are adopted,
/// renewed and annulled, and the table must follow without code changes.
#[derive(Debug, Deserialize)]
pub struct Adequacy {
    pub country: String,
    pub decision: String,
    /// Limits of the decision, e.g. only DPF-certified organisations.
    pub scope: String,
    /// Whether the recipient must be certified (the EU-US Data Privacy Framework).
    #[serde(default)]
    pub certification_required: bool,
}

pub fn adequacy_table() -> &'static BTreeMap<String, Adequacy> {
    static TABLE: OnceLock<BTreeMap<String, Adequacy>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let list: Vec<Adequacy> = serde_json::from_str(include_str!("adequacy.json"))
            .expect("the adequacy table is valid");
        list.into_iter().map(|a| (a.country.clone(), a)).collect()
    })
}
