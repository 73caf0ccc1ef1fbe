//! What the law makes of a DPV personal-data kind: the Art. 9(1) special
//! categories, criminal-offence data (Art. 10) and national identification
//! numbers (Art. 87). The ids follow DPV 2.x `pd:`; a plugin may report any
//! of them, so a finding can contradict what the statement declares.

use ropa_register::model::SpecialCategory;

/// The Art. 9(1) special category a kind of data belongs to, if any.
pub fn special_category(pd: &str) -> Option<SpecialCategory> {
    let kind = match pd.strip_prefix("pd:")? {
        "MedicalHealth" | "Health" | "HealthHistory" | "HealthRecord" | "Disability"
        | "Prescription" | "MentalHealth" | "PhysicalHealth" | "BloodType" | "Vaccination" => {
            SpecialCategory::Health
        }
        "Genetic" | "DNACode" => SpecialCategory::Genetic,
        "Biometric" | "FacialPrint" | "Fingerprint" | "Retina" | "VoiceCommunicationRecording" => {
            SpecialCategory::Biometric
        }
        "EthnicOrigin" | "Ethnicity" | "Race" | "Racial" => SpecialCategory::RacialOrEthnicOrigin,
        "PoliticalOpinion" | "PoliticalAffiliation" => SpecialCategory::PoliticalOpinions,
        "Religion" | "ReligiousBelief" | "PhilosophicalBelief" => {
            SpecialCategory::ReligiousOrPhilosophicalBeliefs
        }
        "TradeUnionMembership" => SpecialCategory::TradeUnionMembership,
        "Sexual" | "SexualHistory" | "SexualPreference" | "SexLife" | "SexualOrientation" => {
            SpecialCategory::SexLifeOrOrientation
        }
        _ => return None,
    };
    Some(kind)
}

/// Whether a kind of data concerns criminal convictions and offences (Art. 10).
pub fn is_criminal(pd: &str) -> bool {
    matches!(
        pd,
        "pd:Criminal"
            | "pd:CriminalCharge"
            | "pd:CriminalConviction"
            | "pd:CriminalOffense"
            | "pd:CriminalOffence"
            | "pd:CriminalPardon"
    )
}

/// Whether a kind of data is a national identification number, such as the
/// Dutch BSN (Art. 87; UAVG art. 46).
pub fn is_national_id(pd: &str) -> bool {
    matches!(pd, "pd:OfficialID" | "pd:NationalIdentificationNumber")
}

/// How the statement words a special category, for messages.
pub fn special_category_name(kind: SpecialCategory) -> &'static str {
    match kind {
        SpecialCategory::None => "no special category",
        SpecialCategory::RacialOrEthnicOrigin => "racial or ethnic origin",
        SpecialCategory::PoliticalOpinions => "political opinions",
        SpecialCategory::ReligiousOrPhilosophicalBeliefs => "religious or philosophical beliefs",
        SpecialCategory::TradeUnionMembership => "trade union membership",
        SpecialCategory::Genetic => "genetic data",
        SpecialCategory::Biometric => "biometric data",
        SpecialCategory::Health => "health data",
        SpecialCategory::SexLifeOrOrientation => "sex life or sexual orientation",
    }
}

/// The value `categories.json` uses for a special category.
pub fn special_category_value(kind: SpecialCategory) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_categories_are_recognised_and_ordinary_data_is_not() {
        assert_eq!(special_category("pd:Health"), Some(SpecialCategory::Health));
        assert_eq!(
            special_category("pd:MedicalHealth"),
            Some(SpecialCategory::Health)
        );
        assert_eq!(
            special_category("pd:Religion"),
            Some(SpecialCategory::ReligiousOrPhilosophicalBeliefs)
        );
        assert_eq!(special_category("pd:EmailAddress"), None);
        assert_eq!(special_category("Health"), None);
        assert!(is_criminal("pd:CriminalConviction"));
        assert!(!is_criminal("pd:Name"));
        assert!(is_national_id("pd:OfficialID"));
        assert_eq!(special_category_value(SpecialCategory::Health), "health");
    }
}
