//! The legal bases of Art. 6(1).

/// Art. 6(1)(a)-(f).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Basis {
    #[cfg_attr(feature = "serde", serde(rename = "consent"))]
    Consent,
    #[cfg_attr(feature = "serde", serde(rename = "contract"))]
    Contract,
    #[cfg_attr(feature = "serde", serde(rename = "legal_obligation"))]
    LegalObligation,
    #[cfg_attr(feature = "serde", serde(rename = "vital_interests"))]
    VitalInterests,
    #[cfg_attr(feature = "serde", serde(rename = "public_task"))]
    PublicTask,
    #[cfg_attr(feature = "serde", serde(rename = "legitimate_interests"))]
    LegitimateInterests,
}

impl Basis {
    pub const ALL: [Basis; 6] = [
        Basis::Consent,
        Basis::Contract,
        Basis::LegalObligation,
        Basis::VitalInterests,
        Basis::PublicTask,
        Basis::LegitimateInterests,
    ];

    /// The article that defines the basis.
    pub fn article(self) -> &'static str {
        match self {
            Basis::Consent => "Art. 6(1)(a)",
            Basis::Contract => "Art. 6(1)(b)",
            Basis::LegalObligation => "Art. 6(1)(c)",
            Basis::VitalInterests => "Art. 6(1)(d)",
            Basis::PublicTask => "Art. 6(1)(e)",
            Basis::LegitimateInterests => "Art. 6(1)(f)",
        }
    }
}
