//! Where the GDPR's own territory ends: the European Economic Area.

/// EU member states and the other EEA countries (Iceland, Liechtenstein, Norway).
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Whether a location (an ISO 3166-1 alpha-2 code, or `EU`/`EEA` for
/// "somewhere inside" when the register knows no more) is inside the EEA.
pub fn in_eea(location: &str) -> bool {
    matches!(location, "EU" | "EEA") || EEA.contains(&location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eea_is_the_union_and_three_more() {
        assert_eq!(EEA.len(), 27 + 3);
        assert!(in_eea("NL") && in_eea("NO") && in_eea("EU") && in_eea("EEA"));
        assert!(!in_eea("GB") && !in_eea("CH") && !in_eea("US") && !in_eea("nl"));
    }
}
