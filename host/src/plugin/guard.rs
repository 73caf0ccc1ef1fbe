//! The check between a plugin and the findings file: what a plugin hands
//! back must be well-formed and must not carry a value it was handed.
//!
//! The guard remembers what the host gave the plugin: the *names* it listed
//! (tables, columns, paths, CSV headers, JSON keys) and the *values* it read
//! (sampled cells, words of file contents and HTTP bodies). A finding may
//! name places by the names; none of its strings may contain a value. The
//! structural checks (a DPV id shape for the category, a short lowercase
//! token for the detector, a column the host listed) leave little room to
//! smuggle anything; the value check catches the direct attempt of copying a
//! sampled value into a finding or a log line.

use std::collections::HashSet;

/// Values shorter than this are too common to mean anything ("ja", "nl").
const MIN_VALUE_CHARS: usize = 4;
/// Longest piece of a value remembered; a longer value is remembered by its
/// prefix, which a copy of it contains as well.
const MAX_VALUE_CHARS: usize = 64;
/// How many distinct values one run remembers. Past it, new values are not
/// remembered (the structural checks still hold).
const MAX_VALUES: usize = 2_000_000;
/// Longest string a finding may carry in any field.
pub const MAX_FIELD_BYTES: usize = 512;
/// Longest detector name.
const MAX_DETECTOR_BYTES: usize = 64;

#[derive(Debug, Default)]
pub struct Guard {
    names: HashSet<String>,
    values: HashSet<String>,
}

/// Why a finding or log line was refused, in words for the plugin's author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl Guard {
    /// A table, column, path or key the host listed.
    pub fn name(&mut self, name: &str) {
        self.names.insert(name.to_lowercase());
    }

    /// A value the plugin was handed (a sampled cell).
    pub fn value(&mut self, value: &str) {
        let value = value.trim();
        if value.chars().count() >= MIN_VALUE_CHARS {
            self.remember(value);
        }
        // Also its words, so that a plugin that copies one word of a
        // sentence is caught too.
        for word in value.split(is_word_separator) {
            if word.chars().count() > MIN_VALUE_CHARS {
                self.remember(word);
            }
        }
    }

    /// Bytes of a file or an HTTP body. Words in key position — a JSON
    /// object's keys, the first line of a CSV file — are names; the rest are
    /// values. `starts_file` says whether `bytes` begin at offset 0.
    pub fn text(&mut self, bytes: &[u8], starts_file: bool) {
        let text = String::from_utf8_lossy(bytes);
        let mut lines = text.lines();
        if starts_file && let Some(header) = lines.next() {
            for field in header.split([',', ';', '\t', '|']) {
                let field = field.trim().trim_matches('"');
                if !field.is_empty() && !field.starts_with(['{', '[']) {
                    self.name(field);
                }
            }
            self.json_keys(header);
            self.words(header);
        }
        for line in lines {
            self.json_keys(line);
            self.words(line);
        }
    }

    fn json_keys(&mut self, line: &str) {
        // `"key"` followed by optional blanks and a colon.
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            let key = &after[..end];
            let tail = after[end + 1..].trim_start();
            if tail.starts_with(':') {
                self.name(key);
            }
            rest = &after[end + 1..];
        }
    }

    fn words(&mut self, line: &str) {
        for field in line.split([',', ';', '\t', '|', '"', '{', '}', '[', ']']) {
            let field = field.trim();
            if field.is_empty() || field == ":" {
                continue;
            }
            let field = field.trim_start_matches(':').trim();
            if !self.names.contains(&field.to_lowercase()) {
                self.value(field);
            }
        }
    }

    fn remember(&mut self, value: &str) {
        if self.values.len() >= MAX_VALUES {
            return;
        }
        let prefix: String = value.chars().take(MAX_VALUE_CHARS).collect();
        let lower = prefix.to_lowercase();
        if !self.names.contains(&lower) {
            self.values.insert(lower);
        }
    }

    /// A detector name is checked word by word: words of the method
    /// (`column-name`, `email`, `iban-mod97`) pass, any other word must not be
    /// a value.
    pub fn check_detector_words(&self, detector: &str) -> Result<(), Refused> {
        for word in detector
            .split(['-', '+', '_', '.'])
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_lowercase();
            if DETECTOR_WORDS.contains(&lower.as_str())
                || DPV_PD.iter().any(|c| c.eq_ignore_ascii_case(&lower))
            {
                continue;
            }
            self.check_free("the detector", word)?;
        }
        Ok(())
    }

    /// Whether a listed name.
    pub fn is_name(&self, name: &str) -> bool {
        self.names.contains(&name.to_lowercase())
    }

    /// Refuses `text` when it contains a remembered value.
    pub fn check_free(&self, what: &str, text: &str) -> Result<(), Refused> {
        if text.len() > MAX_FIELD_BYTES {
            return Err(Refused(format!(
                "{what} is {} bytes long; at most {MAX_FIELD_BYTES} are accepted",
                text.len()
            )));
        }
        if self.values.is_empty() {
            return Ok(());
        }
        let lower = text.to_lowercase();
        // Every substring of MIN..=MAX characters, by char boundaries.
        let mut bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        bounds.push(lower.len());
        for (n, &start) in bounds.iter().enumerate() {
            for &end in bounds
                .iter()
                .skip(n + MIN_VALUE_CHARS)
                .take(MAX_VALUE_CHARS - MIN_VALUE_CHARS + 1)
            {
                if self.values.contains(&lower[start..end]) {
                    return Err(Refused(format!(
                        "{what} contains a value the plugin read from the system; findings and log lines may say where and what kind, never a value"
                    )));
                }
            }
        }
        Ok(())
    }

    /// A finding's names: each must be one the host listed, or else pass the
    /// value check. JSON pointers and CSV headers are split into segments.
    pub fn check_name(&self, what: &str, name: &str) -> Result<(), Refused> {
        if self.is_name(name) {
            return Ok(());
        }
        self.check_free(what, name)
    }

    /// A JSON pointer (`/contacts/*/email`) whose segments are keys, `*` or
    /// array indices.
    pub fn check_pointer(&self, what: &str, pointer: &str) -> Result<(), Refused> {
        if pointer.len() > MAX_FIELD_BYTES {
            return self.check_free(what, pointer);
        }
        for segment in pointer.split('/').filter(|s| !s.is_empty()) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            if segment == "*" || segment.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            self.check_name(what, &segment)?;
        }
        Ok(())
    }
}

fn is_word_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';' | '(' | ')' | '<' | '>' | '"' | '\'' | '=' | '|'
        )
}

/// DPV personal-data concepts (namespace `https://w3id.org/dpv/pd#`). A
/// category from this list cannot carry anything but its meaning, so it
/// skips the value check (a sampled value "email" must not make
/// `pd:EmailAddress` suspicious); other well-formed ids are value-checked.
const DPV_PD: &[&str] = &[
    "Account",
    "Age",
    "AgeExact",
    "AgeRange",
    "Attitude",
    "Authenticating",
    "BankAccount",
    "Behavioural",
    "Biometric",
    "BirthDate",
    "BirthPlace",
    "BrowserFingerprint",
    "BrowserHistory",
    "BrowsingBehaviour",
    "BrowsingReferral",
    "CallLog",
    "Character",
    "Communication",
    "CommunicationsMetadata",
    "Contact",
    "Country",
    "Credit",
    "CreditCardNumber",
    "CreditCapacity",
    "CreditRecord",
    "CreditScore",
    "CreditStanding",
    "Criminal",
    "CriminalCharge",
    "CriminalConviction",
    "CriminalOffence",
    "CriminalPardon",
    "Demographic",
    "DeviceApplications",
    "DeviceBased",
    "DeviceOperatingSystem",
    "DeviceSoftware",
    "Dialect",
    "Disability",
    "DistinguishingCharacteristic",
    "DNACode",
    "Education",
    "EducationExperience",
    "EducationQualification",
    "EmailAddress",
    "EmailContent",
    "EmploymentHistory",
    "Ethnicity",
    "EthnicOrigin",
    "Family",
    "FamilyHealthHistory",
    "FamilyStructure",
    "Financial",
    "FinancialAccount",
    "FinancialAccountNumber",
    "FinancialStatus",
    "Fingerprint",
    "Gender",
    "GeneralReputation",
    "Genetic",
    "GPSCoordinate",
    "Health",
    "HealthHistory",
    "HealthRecord",
    "HouseOwned",
    "Identifier",
    "Income",
    "IncomeBracket",
    "Interest",
    "IPAddress",
    "Job",
    "Language",
    "Location",
    "LoanRecord",
    "MACAddress",
    "MaritalStatus",
    "MedicalHealth",
    "MentalHealth",
    "Name",
    "NationalID",
    "Nationality",
    "OfficialID",
    "Opinion",
    "Ownership",
    "Passport",
    "Password",
    "PaymentCard",
    "PaymentCardExpiry",
    "PaymentCardNumber",
    "PersonalDocuments",
    "PhilosophicalBelief",
    "PhysicalAddress",
    "PhysicalCharacteristic",
    "PhysicalHealth",
    "Picture",
    "PINCode",
    "Political",
    "PoliticalAffiliation",
    "PoliticalOpinion",
    "PostalAddress",
    "Preference",
    "PrivacyPreference",
    "Professional",
    "ProfessionalCertification",
    "ProfessionalEvaluation",
    "ProfessionalInterview",
    "Profile",
    "Purchase",
    "PurchasesAndSpendingHabit",
    "Race",
    "RacialOrigin",
    "Relationships",
    "Religion",
    "ReligiousBelief",
    "Reputation",
    "Sale",
    "Salary",
    "School",
    "Sexual",
    "SexualHistory",
    "SexualPreference",
    "Sexuality",
    "SocialMedia",
    "SocialMediaCommunication",
    "SocialNetwork",
    "Social",
    "SocialStatus",
    "ServiceConsumptionBehaviour",
    "Tattoo",
    "Tax",
    "TelephoneNumber",
    "Thought",
    "TradeUnionMembership",
    "Transaction",
    "TravelHistory",
    "UID",
    "UserAgent",
    "Username",
    "VehicleLicence",
    "VoiceMail",
    "Weight",
    "WorkEnvironment",
    "WorkHistory",
];

/// Words a detector name is made of that mean nothing but the method.
const DETECTOR_WORDS: &[&str] = &[
    "column", "name", "type", "hint", "value", "values", "text", "free", "key", "header", "field",
    "json", "csv", "email", "phone", "iban", "mod97", "bsn", "11", "test", "card", "luhn",
    "postcode", "nl", "ip", "ipv4", "ipv6", "date", "birth", "regex", "pattern", "sample", "path",
    "file", "endpoint", "content",
];

/// Whether a category is a DPV personal-data concept.
pub fn is_known_category(category: &str) -> bool {
    category
        .strip_prefix("pd:")
        .is_some_and(|c| DPV_PD.contains(&c))
}

/// `pd:` followed by a DPV concept name.
pub fn check_category(category: &str) -> Result<(), Refused> {
    let ok = category.len() <= 80
        && category.strip_prefix("pd:").is_some_and(|rest| {
            rest.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(())
    } else {
        Err(Refused(format!(
            "the category is not a DPV personal-data id such as pd:EmailAddress"
        )))
    }
}

/// Lowercase letters, digits and `-+_.`, at most 64 bytes.
pub fn check_detector(detector: &str) -> Result<(), Refused> {
    let ok = !detector.is_empty()
        && detector.len() <= MAX_DETECTOR_BYTES
        && detector
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-+_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Refused(format!(
            "the detector must be 1 to {MAX_DETECTOR_BYTES} characters of a-z, 0-9, '-', '+', '_' or '.'"
        )))
    }
}

/// At most `max` characters of `text`, for quoting in an error.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_cell_is_refused_anywhere_in_a_string() {
        let mut guard = Guard::default();
        guard.value("jan.jansen@voorbeeld.nl");
        guard.value("Vraag over bestelling 1234 van Piet Pietersen");
        assert!(guard.check_free("detector", "email").is_ok());
        assert!(
            guard
                .check_free("detector", "x-jan.jansen@voorbeeld.nl")
                .is_err()
        );
        assert!(
            guard
                .check_free("detector", "pd:JAN.JANSEN@VOORBEELD.NL")
                .is_err()
        );
        assert!(guard.check_free("detector", "Pietersen").is_err());
        assert!(guard.check_free("detector", "van").is_ok());
    }

    #[test]
    fn header_and_keys_are_names_not_values() {
        let mut guard = Guard::default();
        guard.text(b"email,voornaam\njan@voorbeeld.nl,Jan\n", true);
        guard.text(
            b"{\"contacts\": [{\"email\": \"piet@voorbeeld.nl\"}]}",
            true,
        );
        assert!(guard.check_name("field", "email").is_ok());
        assert!(guard.check_name("field", "voornaam").is_ok());
        assert!(guard.check_pointer("field", "/contacts/*/email").is_ok());
        assert!(
            guard
                .check_pointer("field", "/contacts/*/piet@voorbeeld.nl")
                .is_err()
        );
        assert!(guard.check_free("log", "read jan@voorbeeld.nl").is_err());
    }

    #[test]
    fn shapes() {
        assert!(check_category("pd:EmailAddress").is_ok());
        assert!(check_category("pd:emailAddress").is_err());
        assert!(check_category("pd:Email Address").is_err());
        assert!(check_category("EmailAddress").is_err());
        assert!(check_detector("column-name+email").is_ok());
        assert!(check_detector("Column").is_err());
        assert!(check_detector(&"a".repeat(65)).is_err());
    }

    #[test]
    fn method_words_are_not_mistaken_for_values() {
        let mut guard = Guard::default();
        for value in ["email", "phone", "Jansen"] {
            guard.value(value);
        }
        assert!(guard.check_detector_words("column-name+email").is_ok());
        assert!(guard.check_detector_words("column-name+jansen").is_err());
        assert!(is_known_category("pd:EmailAddress"));
        assert!(!is_known_category("pd:Jansen"));
    }
}
