//! The law a register is kept under: the EU GDPR, or the UK GDPR.
//!
//! The two share their articles but not their territory, their adequacy
//! findings, their transfer tools or their authority. Everything that asks
//! "is this a transfer?" or "which decision covers it?" asks it of a
//! [`Jurisdiction`], so that a UK controller's EEA processor is a transfer
//! under the UK's adequacy regulations, and an EU controller's UK processor
//! one under the EU's decision for the UK.

use crate::adequacy::{self, Decision};
use crate::date::Day;
use crate::territory::in_eea;

/// The data protection law a register is kept under.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Jurisdiction {
    /// Regulation (EU) 2016/679, in the EU and the EEA.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "eu"))]
    Eu,
    /// The UK GDPR, with the Data Protection Act 2018, in the United Kingdom.
    #[cfg_attr(feature = "serde", serde(rename = "uk"))]
    Uk,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 2] = [Jurisdiction::Eu, Jurisdiction::Uk];

    /// The code a register writes: `eu`, `uk`.
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::Eu => "eu",
            Jurisdiction::Uk => "uk",
        }
    }

    /// The regulation's short name, as the records cite it.
    pub fn regulation(self) -> &'static str {
        match self {
            Jurisdiction::Eu => "GDPR",
            Jurisdiction::Uk => "UK GDPR",
        }
    }

    /// The territory in the words of a rule's message: "the EEA", "the UK".
    pub fn territory(self) -> &'static str {
        match self {
            Jurisdiction::Eu => "the EEA",
            Jurisdiction::Uk => "the UK",
        }
    }

    /// Whether a location (an ISO 3166-1 alpha-2 code, or `EU`/`EEA`/`UK`
    /// for "somewhere inside") is inside the territory the law applies in,
    /// so that sending data there is no transfer under Chapter V.
    ///
    /// The UK is `GB`: Jersey, Guernsey and the Isle of Man are not part of
    /// it, and neither are the British Overseas Territories (Gibraltar).
    pub fn is_home(self, location: &str) -> bool {
        match self {
            Jurisdiction::Eu => in_eea(location),
            Jurisdiction::Uk => matches!(location, "GB" | "UK"),
        }
    }

    /// Every adequacy finding of this law, past and present, ordered by
    /// country and then by date: the Commission's decisions (Art. 45), or
    /// the UK's adequacy regulations (DPA 2018 s. 17A and Sch. 21).
    pub fn adequacy(self) -> &'static [Decision] {
        match self {
            Jurisdiction::Eu => adequacy::DECISIONS,
            Jurisdiction::Uk => adequacy::UK_REGULATIONS,
        }
    }

    /// Every finding there has been for `country`, oldest first.
    pub fn decisions_for(self, country: &str) -> impl Iterator<Item = &'static Decision> + '_ {
        self.adequacy().iter().filter(move |d| d.country == country)
    }

    /// The finding a transfer to `country` may rest on, on `day`.
    pub fn in_force(self, country: &str, day: Day) -> Option<&'static Decision> {
        self.decisions_for(country)
            .filter(|d| d.applies_on(day))
            .last()
    }

    /// The countries with a finding that applies on `day`, in code order.
    pub fn countries_on(self, day: Day) -> Vec<&'static str> {
        let mut countries: Vec<&str> = self
            .adequacy()
            .iter()
            .filter(|d| d.applies_on(day))
            .map(|d| d.country)
            .collect();
        countries.dedup();
        countries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uk_is_home_only_to_the_uk() {
        let uk = Jurisdiction::Uk;
        assert!(uk.is_home("GB") && uk.is_home("UK"));
        assert!(!uk.is_home("NL") && !uk.is_home("EU") && !uk.is_home("JE") && !uk.is_home("GI"));
        assert!(Jurisdiction::Eu.is_home("NL") && !Jurisdiction::Eu.is_home("GB"));
    }

    #[test]
    fn each_law_finds_its_own_adequacy() {
        let day = Day::ymd(2026, 12, 7);
        // An EU controller's UK processor: the EU's decision for the UK.
        let eu_gb = Jurisdiction::Eu.in_force("GB", day).unwrap();
        assert_eq!(eu_gb.decision, "(EU) 2021/1772");
        // A UK controller's Dutch processor: the UK's regulations for the EEA.
        let uk_nl = Jurisdiction::Uk.in_force("NL", day).unwrap();
        assert!(uk_nl.decision.contains("Sch. 21"), "{}", uk_nl.decision);
        // The UK Extension to the Data Privacy Framework, certified only.
        let uk_us = Jurisdiction::Uk.in_force("US", day).unwrap();
        assert!(uk_us.certification_required);
        assert_eq!(
            uk_us.known_as,
            Some(crate::adequacy::Framework::UkExtension)
        );
        assert_eq!(
            Jurisdiction::Uk.in_force("US", Day::ymd(2023, 10, 11)),
            None
        );
        assert_eq!(Jurisdiction::Uk.in_force("CN", day), None);
        assert_eq!(Jurisdiction::Eu.countries_on(day).len(), 15);
    }

    #[test]
    fn each_table_is_ordered_and_leaves_its_own_territory_out() {
        for jurisdiction in Jurisdiction::ALL {
            let table = jurisdiction.adequacy();
            for pair in table.windows(2) {
                assert!(
                    (pair[0].country, pair[0].from) < (pair[1].country, pair[1].from),
                    "{}: {} before {}",
                    jurisdiction.code(),
                    pair[0].decision,
                    pair[1].decision
                );
            }
            for d in table {
                assert!(d.country.len() == 2 && d.country.bytes().all(|b| b.is_ascii_uppercase()));
                assert!(!jurisdiction.is_home(d.country), "{} is home", d.country);
            }
        }
    }
}
