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

/// Every `pd:` concept ropa knows, by its local name: all classes of DPV
/// 2.3's `pd` core and extended modules (the kind from the class itself or
/// the broader one it specialises), and the names ropa listed before, some
/// from earlier releases (`CriminalOffense` of DPV 2.0). A register's `dpv`
/// ids are checked against it (rule V49), so a class missing here is an
/// error in a register: add it rather than work around it.
pub const VOCABULARY: &[(&str, Kind)] = &[
    ("Accent", Ordinary),
    ("Account", Ordinary),
    ("AccountIdentifier", Ordinary),
    ("Acquaintance", Ordinary),
    ("Age", Ordinary),
    ("AgeExact", Ordinary),
    ("AgeRange", Ordinary),
    ("ApartmentOwned", Ordinary),
    ("Association", Ordinary),
    ("Attitude", Ordinary),
    ("Authenticating", Ordinary),
    ("AuthenticationHistory", Ordinary),
    ("BankAccount", Ordinary),
    ("Behavioural", Ordinary),
    ("Biometric", Special(SpecialCategory::Biometric)),
    ("BirthCountry", Ordinary),
    ("BirthDate", Ordinary),
    ("BirthPlace", Ordinary),
    ("BloodType", Special(SpecialCategory::Health)),
    ("BrowserFingerprint", Ordinary),
    ("BrowserHistory", Ordinary),
    ("BrowsingBehaviour", Ordinary),
    ("BrowsingReferral", Ordinary),
    ("CallLog", Ordinary),
    ("CarOwned", Ordinary),
    ("Character", Ordinary),
    ("Citizenship", Ordinary),
    ("City", Ordinary),
    ("Communication", Ordinary),
    ("CommunicationsMetadata", Ordinary),
    ("Connection", Ordinary),
    ("Contact", Ordinary),
    ("Country", Ordinary),
    ("Credit", Ordinary),
    ("CreditCapacity", Ordinary),
    ("CreditCardNumber", Ordinary),
    ("CreditRecord", Ordinary),
    ("CreditScore", Ordinary),
    ("CreditStanding", Ordinary),
    ("CreditWorthiness", Ordinary),
    ("Criminal", Criminal),
    ("CriminalCharge", Criminal),
    ("CriminalConviction", Criminal),
    ("CriminalOffence", Criminal),
    ("CriminalOffense", Criminal),
    ("CriminalPardon", Criminal),
    ("CurrentEmployment", Ordinary),
    ("CurrentLocation", Ordinary),
    ("Demeanour", Ordinary),
    ("Demographic", Ordinary),
    ("DeviceApplications", Ordinary),
    ("DeviceBased", Ordinary),
    ("DeviceOperatingSystem", Ordinary),
    ("DeviceSoftware", Ordinary),
    ("Dialect", Ordinary),
    ("DigitalFingerprint", Ordinary),
    ("Disability", Special(SpecialCategory::Health)),
    ("DisciplinaryAction", Ordinary),
    ("Dislike", Ordinary),
    ("DistinguishingCharacteristic", Ordinary),
    ("Divorce", Ordinary),
    ("DNACode", Special(SpecialCategory::Genetic)),
    ("Domicile", Ordinary),
    ("DrugTestResult", Special(SpecialCategory::Health)),
    ("Education", Ordinary),
    ("EducationExperience", Ordinary),
    ("EducationQualification", Ordinary),
    ("EducationTraining", Ordinary),
    ("EmailAddress", Ordinary),
    ("EmailAddressPersonal", Ordinary),
    ("EmailAddressWork", Ordinary),
    ("EmailContent", Ordinary),
    ("Emotion", Ordinary),
    ("EmploymentHistory", Ordinary),
    ("Ethnicity", Special(SpecialCategory::RacialOrEthnicOrigin)),
    (
        "EthnicOrigin",
        Special(SpecialCategory::RacialOrEthnicOrigin),
    ),
    ("External", Ordinary),
    ("FacialExpression", Special(SpecialCategory::Biometric)),
    ("FacialPrint", Special(SpecialCategory::Biometric)),
    ("Family", Ordinary),
    ("FamilyHealthHistory", Special(SpecialCategory::Health)),
    ("FamilyStructure", Ordinary),
    ("Favourite", Ordinary),
    ("FavouriteColour", Ordinary),
    ("FavouriteFood", Ordinary),
    ("FavouriteMusic", Ordinary),
    ("Fetish", Special(SpecialCategory::SexLifeOrOrientation)),
    ("Financial", Ordinary),
    ("FinancialAccount", Ordinary),
    ("FinancialAccountNumber", Ordinary),
    ("FinancialStatus", Ordinary),
    ("Fingerprint", Special(SpecialCategory::Biometric)),
    ("Friend", Ordinary),
    ("Gender", Ordinary),
    ("GeneralReputation", Ordinary),
    ("Genetic", Special(SpecialCategory::Genetic)),
    ("Geographic", Ordinary),
    ("GPSCoordinate", Ordinary),
    ("GroupMembership", Ordinary),
    ("GroupProfile", Ordinary),
    ("HairColour", Ordinary),
    ("Health", Special(SpecialCategory::Health)),
    ("HealthHistory", Special(SpecialCategory::Health)),
    ("HealthRecord", Special(SpecialCategory::Health)),
    ("Height", Ordinary),
    ("Historical", Ordinary),
    ("HomeLocation", Ordinary),
    ("Household", Ordinary),
    ("HouseNumber", Ordinary),
    ("HouseOwned", Ordinary),
    ("Identifier", Ordinary),
    ("Identifying", Ordinary),
    ("Income", Ordinary),
    ("IncomeBracket", Ordinary),
    ("IndividualHealthHistory", Special(SpecialCategory::Health)),
    ("IndividualProfile", Ordinary),
    ("Insurance", Ordinary),
    ("Intention", Ordinary),
    ("Interaction", Ordinary),
    ("Interest", Ordinary),
    ("Internal", Ordinary),
    ("IPAddress", Ordinary),
    ("Job", Ordinary),
    ("KnowledgeBelief", Ordinary),
    ("Language", Ordinary),
    ("LifeHistory", Ordinary),
    ("Like", Ordinary),
    ("LinkClicked", Ordinary),
    ("LoanRecord", Ordinary),
    ("Locality", Ordinary),
    ("Location", Ordinary),
    ("MACAddress", Ordinary),
    ("MaritalStatus", Ordinary),
    ("Marriage", Ordinary),
    ("MedicalHealth", Special(SpecialCategory::Health)),
    ("MentalHealth", Special(SpecialCategory::Health)),
    ("Mood", Ordinary),
    ("Name", Ordinary),
    ("NationalID", Ordinary),
    ("NationalIdentificationNumber", NationalId),
    ("Nationality", Ordinary),
    ("OfficialID", NationalId),
    ("Offspring", Ordinary),
    ("Opinion", Ordinary),
    ("Ownership", Ordinary),
    ("Parent", Ordinary),
    ("Passport", Ordinary),
    ("Password", Ordinary),
    ("PastEmployment", Ordinary),
    ("PaymentCard", Ordinary),
    ("PaymentCardExpiry", Ordinary),
    ("PaymentCardNumber", Ordinary),
    ("PerformanceAtWork", Ordinary),
    ("PersonalDocuments", Ordinary),
    ("Personality", Ordinary),
    ("PersonalPossession", Ordinary),
    (
        "PhilosophicalBelief",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    ("PhysicalAddress", Ordinary),
    ("PhysicalCharacteristic", Ordinary),
    ("PhysicalHealth", Special(SpecialCategory::Health)),
    ("PhysicalTrait", Ordinary),
    ("Picture", Ordinary),
    ("Piercing", Ordinary),
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
    ("PostalCode", Ordinary),
    ("Preference", Ordinary),
    ("Prescription", Special(SpecialCategory::Health)),
    ("PrivacyPreference", Ordinary),
    ("Proclivity", Special(SpecialCategory::SexLifeOrOrientation)),
    ("Professional", Ordinary),
    ("ProfessionalCertification", Ordinary),
    ("ProfessionalEvaluation", Ordinary),
    ("ProfessionalExperience", Ordinary),
    ("ProfessionalInterview", Ordinary),
    ("ProfessionalTraining", Ordinary),
    ("Profile", Ordinary),
    ("PublicLife", Ordinary),
    ("PubliclyAvailableSocialMedia", Ordinary),
    ("Purchase", Ordinary),
    ("PurchasesAndSpendingHabit", Ordinary),
    ("Race", Special(SpecialCategory::RacialOrEthnicOrigin)),
    ("Racial", Special(SpecialCategory::RacialOrEthnicOrigin)),
    (
        "RacialOrigin",
        Special(SpecialCategory::RacialOrEthnicOrigin),
    ),
    ("Reference", Ordinary),
    ("Region", Ordinary),
    ("Relationship", Ordinary),
    ("Relationships", Ordinary),
    ("Reliability", Ordinary),
    (
        "Religion",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    (
        "ReligiousBelief",
        Special(SpecialCategory::ReligiousOrPhilosophicalBeliefs),
    ),
    ("Reputation", Ordinary),
    ("Residency", Ordinary),
    ("Retina", Special(SpecialCategory::Biometric)),
    ("RoomNumber", Ordinary),
    ("Salary", Ordinary),
    ("Sale", Ordinary),
    ("School", Ordinary),
    ("SecretText", Ordinary),
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
    ("Sibling", Ordinary),
    ("SkinTone", Ordinary),
    ("Social", Ordinary),
    ("SocialBehaviour", Ordinary),
    ("SocialMedia", Ordinary),
    ("SocialMediaCommunication", Ordinary),
    ("SocialNetwork", Ordinary),
    ("SocialStatus", Ordinary),
    ("Street", Ordinary),
    ("Tattoo", Ordinary),
    ("Tax", Ordinary),
    ("TechnicalKnowledge", Ordinary),
    ("TelephoneNumber", Ordinary),
    ("Thought", Ordinary),
    ("Tracking", Ordinary),
    (
        "TradeUnionMembership",
        Special(SpecialCategory::TradeUnionMembership),
    ),
    ("Transaction", Ordinary),
    ("Transactional", Ordinary),
    ("TravelHistory", Ordinary),
    ("TVViewingBehaviour", Ordinary),
    ("UID", Ordinary),
    ("UserAgent", Ordinary),
    ("Username", Ordinary),
    ("Vaccination", Special(SpecialCategory::Health)),
    ("VehicalLicenseNumber", Ordinary),
    ("VehicalLicenseRegistration", Ordinary),
    ("Vehicle", Ordinary),
    ("VehicleLicence", Ordinary),
    ("VehicleLicense", Ordinary),
    ("VehicleUsage", Ordinary),
    (
        "VoiceCommunicationRecording",
        Special(SpecialCategory::Biometric),
    ),
    ("VoiceMail", Ordinary),
    ("Vulnerability", Ordinary),
    ("Weight", Ordinary),
    ("WorkEnvironment", Ordinary),
    ("WorkExperience", Ordinary),
    ("WorkHistory", Ordinary),
    ("WorkLocation", Ordinary),
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
    /// `pd:NationalIdentificationNumber`: a national register, social
    /// security or tax identification number (Belgium, Germany, France,
    /// Spain, Italy, the US).
    pub const NATIONAL_IDENTIFICATION_NUMBER: &str = "pd:NationalIdentificationNumber";
    /// `pd:Picture`: a photograph or other image of a person.
    pub const PICTURE: &str = "pd:Picture";
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
        NATIONAL_IDENTIFICATION_NUMBER,
        PICTURE,
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

    /// DPV 2.3's classes are known, and a specialised class has the kind of
    /// the class it specialises.
    #[test]
    fn the_vocabulary_holds_dpv_2_3() {
        for id in [
            "pd:Citizenship",
            "pd:Residency",
            "pd:PostalCode",
            "pd:WorkLocation",
        ] {
            assert_eq!(kind(id), Some(Ordinary), "{id}");
        }
        assert_eq!(
            special_category("pd:DrugTestResult"),
            Some(SpecialCategory::Health)
        );
        assert_eq!(
            special_category("pd:Fetish"),
            Some(SpecialCategory::SexLifeOrOrientation)
        );
        assert!(!is_known("pd:Usernmae") && !is_known("pd:BankAccountNumber"));
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
