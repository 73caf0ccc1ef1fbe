//! The DPV personal-data vocabulary (namespace `https://w3id.org/dpv/pd#`,
//! DPV 2.x) and what the law makes of each kind: the Art. 9(1) special
//! categories, criminal-offence data (Art. 10) and national identification
//! numbers (Art. 87).
//!
//! One table serves the plugin SDK (the ids its detectors report), the
//! host's guard (the closed vocabulary of a finding's category) and the
//! gaps (whether a finding contradicts what the statement declares).

use crate::special::SpecialCategory;

/// What the law makes of a kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ordinary,
    /// A special category of Art. 9(1).
    Special(SpecialCategory),
    /// Personal data relating to criminal convictions and offences (Art. 10).
    Criminal,
    /// A national identification number (Art. 87), such as the Dutch BSN.
    NationalId,
}

use Kind::*;

/// Every `pd:` concept ropa knows, by its local name.
pub const VOCABULARY: &[(&str, Kind)] = &[
    ("Account", Ordinary),
    ("Age", Ordinary),
    ("AgeExact", Ordinary),
    ("AgeRange", Ordinary),
    ("Attitude", Ordinary),
    ("Authenticating", Ordinary),
    ("BankAccount", Ordinary),
    ("Behavioural", Ordinary),
    ("Biometric", Special(SpecialCategory::Biometric)),
    ("BirthDate", Ordinary),
    ("BirthPlace", Ordinary),
    ("BloodType", Special(SpecialCategory::Health)),
    ("BrowserFingerprint", Ordinary),
    ("BrowserHistory", Ordinary),
    ("BrowsingBehaviour", Ordinary),
    ("BrowsingReferral", Ordinary),
    ("CallLog", Ordinary),
    ("Character", Ordinary),
    ("Communication", Ordinary),
    ("CommunicationsMetadata", Ordinary),
    ("Contact", Ordinary),
    ("Country", Ordinary),
    ("Credit", Ordinary),
    ("CreditCapacity", Ordinary),
    ("CreditCardNumber", Ordinary),
    ("CreditRecord", Ordinary),
    ("CreditScore", Ordinary),
    ("CreditStanding", Ordinary),
    ("Criminal", Criminal),
    ("CriminalCharge", Criminal),
    ("CriminalConviction", Criminal),
    ("CriminalOffence", Criminal),
    ("CriminalOffense", Criminal),
    ("CriminalPardon", Criminal),
    ("Demographic", Ordinary),
    ("DeviceApplications", Ordinary),
    ("DeviceBased", Ordinary),
    ("DeviceOperatingSystem", Ordinary),
    ("DeviceSoftware", Ordinary),
    ("Dialect", Ordinary),
    ("Disability", Special(SpecialCategory::Health)),
    ("DistinguishingCharacteristic", Ordinary),
    ("DNACode", Special(SpecialCategory::Genetic)),
    ("Education", Ordinary),
    ("EducationExperience", Ordinary),
    ("EducationQualification", Ordinary),
    ("EmailAddress", Ordinary),
    ("EmailContent", Ordinary),
    ("EmploymentHistory", Ordinary),
    ("Ethnicity", Special(SpecialCategory::RacialOrEthnicOrigin)),
    (
        "EthnicOrigin",
        Special(SpecialCategory::RacialOrEthnicOrigin),
    ),
    ("FacialPrint", Special(SpecialCategory::Biometric)),
    ("Family", Ordinary),
    ("FamilyHealthHistory", Special(SpecialCategory::Health)),
    ("FamilyStructure", Ordinary),
    ("Financial", Ordinary),
    ("FinancialAccount", Ordinary),
    ("FinancialAccountNumber", Ordinary),
    ("FinancialStatus", Ordinary),
    ("Fingerprint", Special(SpecialCategory::Biometric)),
    ("Gender", Ordinary),
    ("GeneralReputation", Ordinary),
    ("Genetic", Special(SpecialCategory::Genetic)),
    ("GPSCoordinate", Ordinary),
    ("Health", Special(SpecialCategory::Health)),
    ("HealthHistory", Special(SpecialCategory::Health)),
    ("HealthRecord", Special(SpecialCategory::Health)),
    ("HouseOwned", Ordinary),
    ("Identifier", Ordinary),
    ("Income", Ordinary),
    ("IncomeBracket", Ordinary),
    ("Interest", Ordinary),
    ("IPAddress", Ordinary),
    ("Job", Ordinary),
    ("Language", Ordinary),
    ("LoanRecord", Ordinary),
    ("Location", Ordinary),
    ("MACAddress", Ordinary),
    ("MaritalStatus", Ordinary),
    ("MedicalHealth", Special(SpecialCategory::Health)),
    ("MentalHealth", Special(SpecialCategory::Health)),
    ("Name", Ordinary),
    ("NationalID", Ordinary),
    ("NationalIdentificationNumber", NationalId),
    ("Nationality", Ordinary),
    ("OfficialID", NationalId),
    ("Opinion", Ordinary),
    ("Ownership", Ordinary),
    ("Passport", Ordinary),
    ("Password", Ordinary),
    ("PaymentCard", Ordinary),
    ("PaymentCardExpiry", Ordinary),
    ("PaymentCardNumber", Ordinary),
    ("PersonalDocuments", Ordinary),
    (
        "PhilosophicalBelief",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    ("PhysicalAddress", Ordinary),
    ("PhysicalCharacteristic", Ordinary),
    ("PhysicalHealth", Special(SpecialCategory::Health)),
    ("Picture", Ordinary),
    ("PINCode", Ordinary),
    ("Political", Special(SpecialCategory::PoliticalOpinions)),
    (
        "PoliticalAffiliation",
        Special(SpecialCategory::PoliticalOpinions),
    ),
    (
        "PoliticalOpinion",
        Special(SpecialCategory::PoliticalOpinions),
    ),
    ("PostalAddress", Ordinary),
    ("Preference", Ordinary),
    ("Prescription", Special(SpecialCategory::Health)),
    ("PrivacyPreference", Ordinary),
    ("Professional", Ordinary),
    ("ProfessionalCertification", Ordinary),
    ("ProfessionalEvaluation", Ordinary),
    ("ProfessionalInterview", Ordinary),
    ("Profile", Ordinary),
    ("Purchase", Ordinary),
    ("PurchasesAndSpendingHabit", Ordinary),
    ("Race", Special(SpecialCategory::RacialOrEthnicOrigin)),
    ("Racial", Special(SpecialCategory::RacialOrEthnicOrigin)),
    (
        "RacialOrigin",
        Special(SpecialCategory::RacialOrEthnicOrigin),
    ),
    ("Relationships", Ordinary),
    (
        "Religion",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    (
        "ReligiousBelief",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    ("Reputation", Ordinary),
    ("Retina", Special(SpecialCategory::Biometric)),
    ("Salary", Ordinary),
    ("Sale", Ordinary),
    ("School", Ordinary),
    ("ServiceConsumptionBehaviour", Ordinary),
    ("SexLife", Special(SpecialCategory::SexLifeOrOrientation)),
    ("Sexual", Special(SpecialCategory::SexLifeOrOrientation)),
    (
        "SexualHistory",
        Special(SpecialCategory::SexLifeOrOrientation),
    ),
    ("Sexuality", Special(SpecialCategory::SexLifeOrOrientation)),
    (
        "SexualOrientation",
        Special(SpecialCategory::SexLifeOrOrientation),
    ),
    (
        "SexualPreference",
        Special(SpecialCategory::SexLifeOrOrientation),
    ),
    ("Social", Ordinary),
    ("SocialMedia", Ordinary),
    ("SocialMediaCommunication", Ordinary),
    ("SocialNetwork", Ordinary),
    ("SocialStatus", Ordinary),
    ("Tattoo", Ordinary),
    ("Tax", Ordinary),
    ("TelephoneNumber", Ordinary),
    ("Thought", Ordinary),
    (
        "TradeUnionMembership",
        Special(SpecialCategory::TradeUnionMembership),
    ),
    ("Transaction", Ordinary),
    ("TravelHistory", Ordinary),
    ("UID", Ordinary),
    ("UserAgent", Ordinary),
    ("Username", Ordinary),
    ("Vaccination", Special(SpecialCategory::Health)),
    ("VehicleLicence", Ordinary),
    (
        "VoiceCommunicationRecording",
        Special(SpecialCategory::Biometric),
    ),
    ("VoiceMail", Ordinary),
    ("Weight", Ordinary),
    ("WorkEnvironment", Ordinary),
    ("WorkHistory", Ordinary),
];

/// What the law makes of a `pd:` id; `None` when it is not in the vocabulary.
pub fn kind(pd: &str) -> Option<Kind> {
    let local = pd.strip_prefix("pd:")?;
    VOCABULARY
        .iter()
        .find(|(name, _)| *name == local)
        .map(|&(_, kind)| kind)
}

/// Whether an id is a DPV personal-data concept, e.g. `pd:EmailAddress`.
pub fn is_known(pd: &str) -> bool {
    kind(pd).is_some()
}

/// The Art. 9(1) special category a kind of data belongs to, if any.
pub fn special_category(pd: &str) -> Option<SpecialCategory> {
    match kind(pd)? {
        Special(category) => Some(category),
        _ => None,
    }
}

/// Whether a kind of data concerns criminal convictions and offences (Art. 10).
pub fn is_criminal(pd: &str) -> bool {
    kind(pd) == Some(Criminal)
}

/// Whether a kind of data is a national identification number (Art. 87).
pub fn is_national_id(pd: &str) -> bool {
    kind(pd) == Some(NationalId)
}

/// The ids the bundled detectors and hints report, by name.
pub mod pd {
    /// `pd:Name`: a person's name or part of it.
    pub const NAME: &str = "pd:Name";
    /// `pd:EmailAddress`.
    pub const EMAIL_ADDRESS: &str = "pd:EmailAddress";
    /// `pd:TelephoneNumber`.
    pub const TELEPHONE_NUMBER: &str = "pd:TelephoneNumber";
    /// `pd:PhysicalAddress`: street, house number, postcode, place.
    pub const PHYSICAL_ADDRESS: &str = "pd:PhysicalAddress";
    /// `pd:BirthDate`.
    pub const BIRTH_DATE: &str = "pd:BirthDate";
    /// `pd:BirthPlace`.
    pub const BIRTH_PLACE: &str = "pd:BirthPlace";
    /// `pd:Age`.
    pub const AGE: &str = "pd:Age";
    /// `pd:Gender`.
    pub const GENDER: &str = "pd:Gender";
    /// `pd:Nationality`.
    pub const NATIONALITY: &str = "pd:Nationality";
    /// `pd:OfficialID`: BSN, passport, driving licence or other official
    /// identifier (the closest DPV class for the Dutch BSN).
    pub const OFFICIAL_ID: &str = "pd:OfficialID";
    /// `pd:BankAccount`: IBAN or older account numbers.
    pub const BANK_ACCOUNT: &str = "pd:BankAccount";
    /// `pd:PaymentCardNumber`.
    pub const PAYMENT_CARD_NUMBER: &str = "pd:PaymentCardNumber";
    /// `pd:IPAddress`.
    pub const IP_ADDRESS: &str = "pd:IPAddress";
    /// `pd:Username`.
    pub const USERNAME: &str = "pd:Username";
    /// `pd:Password` (also its hash).
    pub const PASSWORD: &str = "pd:Password";
    /// `pd:Identifier`: the closest DPV class for a Chamber of Commerce (KvK)
    /// number, which identifies a sole trader; DPV has no class of its own.
    pub const IDENTIFIER: &str = "pd:Identifier";
    /// `pd:UserAgent`.
    pub const USER_AGENT: &str = "pd:UserAgent";
    /// `pd:Location`: geographic coordinates.
    pub const LOCATION: &str = "pd:Location";
    /// `pd:MaritalStatus`.
    pub const MARITAL_STATUS: &str = "pd:MaritalStatus";
    /// `pd:Salary`: what a person is paid.
    pub const SALARY: &str = "pd:Salary";
    /// `pd:Income`: a person's (or household's) income.
    pub const INCOME: &str = "pd:Income";

    /// Every id above, for checking them against the vocabulary.
    pub const ALL: &[&str] = &[
        NAME,
        EMAIL_ADDRESS,
        TELEPHONE_NUMBER,
        PHYSICAL_ADDRESS,
        BIRTH_DATE,
        BIRTH_PLACE,
        AGE,
        GENDER,
        NATIONALITY,
        OFFICIAL_ID,
        BANK_ACCOUNT,
        PAYMENT_CARD_NUMBER,
        IP_ADDRESS,
        USERNAME,
        PASSWORD,
        IDENTIFIER,
        USER_AGENT,
        LOCATION,
        MARITAL_STATUS,
        SALARY,
        INCOME,
    ];
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
        assert!(is_known("pd:EmailAddress") && !is_known("pd:Jansen") && !is_known("EmailAddress"));
    }

    #[test]
    fn every_id_the_detectors_report_is_in_the_vocabulary_once() {
        for id in pd::ALL {
            assert!(is_known(id), "{id}");
        }
        let mut names: Vec<&str> = VOCABULARY.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a name twice in the vocabulary");
    }
}
