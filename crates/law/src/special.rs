//! The special categories of personal data (Art. 9(1)).

/// Art. 9(1) special categories of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum SpecialCategory {
    None,
    RacialOrEthnicOrigin,
    PoliticalOpinions,
    ReligiousOrPhilosophicalBeliefs,
    TradeUnionMembership,
    Genetic,
    Biometric,
    Health,
    SexLifeOrOrientation,
}

impl SpecialCategory {
    /// The value `categories.json` uses, e.g. `health`.
    pub fn value(self) -> &'static str {
        match self {
            SpecialCategory::None => "none",
            SpecialCategory::RacialOrEthnicOrigin => "racial_or_ethnic_origin",
            SpecialCategory::PoliticalOpinions => "political_opinions",
            SpecialCategory::ReligiousOrPhilosophicalBeliefs => {
                "religious_or_philosophical_beliefs"
            }
            SpecialCategory::TradeUnionMembership => "trade_union_membership",
            SpecialCategory::Genetic => "genetic",
            SpecialCategory::Biometric => "biometric",
            SpecialCategory::Health => "health",
            SpecialCategory::SexLifeOrOrientation => "sex_life_or_orientation",
        }
    }

    /// How Art. 9(1) names the category, for messages.
    pub fn name(self) -> &'static str {
        match self {
            SpecialCategory::None => "no special category",
            SpecialCategory::RacialOrEthnicOrigin => "racial or ethnic origin",
            SpecialCategory::PoliticalOpinions => "political opinions",
            SpecialCategory::ReligiousOrPhilosophicalBeliefs => {
                "religious or philosophical beliefs"
            }
            SpecialCategory::TradeUnionMembership => "trade union membership",
            SpecialCategory::Genetic => "genetic data",
            SpecialCategory::Biometric => "biometric data",
            SpecialCategory::Health => "health data",
            SpecialCategory::SexLifeOrOrientation => "sex life or sexual orientation",
        }
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    #[test]
    fn the_value_is_what_serde_writes() {
        use super::SpecialCategory::*;
        for kind in [
            None,
            RacialOrEthnicOrigin,
            PoliticalOpinions,
            ReligiousOrPhilosophicalBeliefs,
            TradeUnionMembership,
            Genetic,
            Biometric,
            Health,
            SexLifeOrOrientation,
        ] {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.value())
            );
        }
    }
}
