//! Adequacy findings, with the days they apply from and, once they end, the
//! day they stopped applying: the European Commission's decisions (Art. 45)
//! and the UK's adequacy regulations. A register reaches the table of its
//! law through [`crate::Jurisdiction`].
//!
//! Kept as a table: decisions are adopted, renewed and annulled, and the
//! rules, the statement and the gaps follow this table without other code
//! changes. A transfer may rest on a decision only on the days it applies.

use crate::date::Day;

/// One adequacy decision for one country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// ISO 3166-1 alpha-2 code of the country (or territory) covered.
    pub country: &'static str,
    /// The decision's reference, e.g. `(EU) 2023/1795`.
    pub decision: &'static str,
    /// The framework people know the decision by, where it has one.
    pub known_as: Option<Framework>,
    /// Limits of the decision, e.g. only certified organisations.
    pub scope: &'static str,
    /// Whether the recipient must be certified (the EU-U.S. frameworks).
    pub certification_required: bool,
    /// The day the decision was adopted and began to apply.
    pub from: Day,
    /// The first day it no longer applied, and why; `None` while it applies.
    pub ended: Option<(Day, &'static str)>,
}

impl Decision {
    /// Whether a transfer may rest on the decision on `day`.
    pub fn applies_on(&self, day: Day) -> bool {
        self.from <= day && self.ended.is_none_or(|(end, _)| day < end)
    }

    /// Whether `named` (what a register wrote) refers to this decision.
    pub fn is_named_by(&self, named: &str) -> bool {
        named.contains(self.decision)
    }
}

/// A framework an adequacy decision is known by: people know the EU-U.S.
/// Data Privacy Framework, not decision (EU) 2023/1795. The statement
/// names a framework in its reader's language through the word files (by
/// [`Framework::key`]); the rules use [`Framework::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    SafeHarbour,
    PrivacyShield,
    DataPrivacyFramework,
    /// The UK's bridge onto the Data Privacy Framework.
    UkExtension,
}

impl Framework {
    /// Every framework, for the tests that each has words in every language.
    pub const ALL: [Framework; 4] = [
        Framework::SafeHarbour,
        Framework::PrivacyShield,
        Framework::DataPrivacyFramework,
        Framework::UkExtension,
    ];

    /// Its name in English, as its own texts write it.
    pub fn name(self) -> &'static str {
        match self {
            Framework::SafeHarbour => "Safe Harbour",
            Framework::PrivacyShield => "EU-U.S. Privacy Shield",
            Framework::DataPrivacyFramework => "EU-U.S. Data Privacy Framework",
            Framework::UkExtension => "UK Extension to the EU-U.S. Data Privacy Framework",
        }
    }

    /// The key of its name in the word files.
    pub fn key(self) -> &'static str {
        match self {
            Framework::SafeHarbour => "safe_harbour",
            Framework::PrivacyShield => "privacy_shield",
            Framework::DataPrivacyFramework => "data_privacy_framework",
            Framework::UkExtension => "uk_extension",
        }
    }

    /// Whether each certified organisation names an independent recourse
    /// mechanism people can complain to free of charge (the DPF Principles'
    /// Recourse, Enforcement and Liability principle; the Privacy Shield
    /// had the same).
    pub fn has_recourse_bodies(self) -> bool {
        !matches!(self, Framework::SafeHarbour)
    }
}

const fn decision(
    country: &'static str,
    decision: &'static str,
    scope: &'static str,
    from: Day,
) -> Decision {
    Decision {
        country,
        decision,
        known_as: None,
        scope,
        certification_required: false,
        from,
        ended: None,
    }
}

/// Every decision, past and present, ordered by country and then by date.
pub const DECISIONS: &[Decision] = &[
    decision("AD", "2010/625/EU", "Andorra", Day::ymd(2010, 10, 19)),
    decision("AR", "2003/490/EC", "Argentina", Day::ymd(2003, 6, 30)),
    decision(
        "CA",
        "2002/2/EC",
        "Canada: commercial organisations under PIPEDA",
        Day::ymd(2001, 12, 20),
    ),
    decision("CH", "2000/518/EC", "Switzerland", Day::ymd(2000, 7, 26)),
    decision("FO", "2010/146/EU", "Faroe Islands", Day::ymd(2010, 3, 5)),
    // The decision carries a sunset clause; it has been extended and renewed
    // since. Record the day it ends here if it is ever left to lapse.
    decision(
        "GB",
        "(EU) 2021/1772",
        "United Kingdom (GDPR decision, as renewed)",
        Day::ymd(2021, 6, 28),
    ),
    decision("GG", "2003/821/EC", "Guernsey", Day::ymd(2003, 11, 21)),
    decision("IL", "2011/61/EU", "Israel", Day::ymd(2011, 1, 31)),
    decision("IM", "2004/411/EC", "Isle of Man", Day::ymd(2004, 4, 28)),
    decision("JE", "2008/393/EC", "Jersey", Day::ymd(2008, 5, 8)),
    decision(
        "JP",
        "(EU) 2019/419",
        "Japan: organisations under the APPI with the supplementary rules",
        Day::ymd(2019, 1, 23),
    ),
    decision(
        "KR",
        "(EU) 2022/254",
        "Republic of Korea",
        Day::ymd(2021, 12, 17),
    ),
    decision("NZ", "2013/65/EU", "New Zealand", Day::ymd(2012, 12, 19)),
    Decision {
        known_as: Some(Framework::SafeHarbour),
        certification_required: true,
        ended: Some((
            Day::ymd(2015, 10, 6),
            "declared invalid by the Court of Justice in C-362/14 (Schrems I)",
        )),
        ..decision(
            "US",
            "2000/520/EC",
            "United States: only organisations that self-certified under the Safe Harbour principles",
            Day::ymd(2000, 7, 26),
        )
    },
    Decision {
        known_as: Some(Framework::PrivacyShield),
        certification_required: true,
        ended: Some((
            Day::ymd(2020, 7, 16),
            "declared invalid by the Court of Justice in C-311/18 (Schrems II)",
        )),
        ..decision(
            "US",
            "(EU) 2016/1250",
            "United States: only organisations certified under the EU-U.S. Privacy Shield",
            Day::ymd(2016, 7, 12),
        )
    },
    Decision {
        known_as: Some(Framework::DataPrivacyFramework),
        certification_required: true,
        ..decision(
            "US",
            "(EU) 2023/1795",
            "United States: only organisations certified under the EU-US Data Privacy Framework",
            Day::ymd(2023, 7, 10),
        )
    },
    decision("UY", "2012/484/EU", "Uruguay", Day::ymd(2012, 8, 21)),
];

/// The UK's adequacy regulations (DPA 2018 s. 17A), past and present,
/// ordered by country and then by date. At the end of the transition period
/// the UK recognised the EEA, Gibraltar and every country the Commission had
/// found adequate (DPA 2018 Sch. 21); later findings are regulations of
/// their own.
pub const UK_REGULATIONS: &[Decision] = &[
    uk_transitional("AD", "Andorra"),
    uk_transitional("AR", "Argentina"),
    uk_transitional("AT", "EEA state"),
    uk_transitional("BE", "EEA state"),
    uk_transitional("BG", "EEA state"),
    uk_transitional("CA", "Canada: commercial organisations under PIPEDA"),
    uk_transitional("CH", "Switzerland"),
    uk_transitional("CY", "EEA state"),
    uk_transitional("CZ", "EEA state"),
    uk_transitional("DE", "EEA state"),
    uk_transitional("DK", "EEA state"),
    uk_transitional("EE", "EEA state"),
    uk_transitional("ES", "EEA state"),
    uk_transitional("FI", "EEA state"),
    uk_transitional("FO", "Faroe Islands"),
    uk_transitional("FR", "EEA state"),
    uk_transitional("GG", "Guernsey"),
    uk_transitional("GI", "Gibraltar"),
    uk_transitional("GR", "EEA state"),
    uk_transitional("HR", "EEA state"),
    uk_transitional("HU", "EEA state"),
    uk_transitional("IE", "EEA state"),
    uk_transitional("IL", "Israel"),
    uk_transitional("IM", "Isle of Man"),
    uk_transitional("IS", "EEA state"),
    uk_transitional("IT", "EEA state"),
    uk_transitional("JE", "Jersey"),
    uk_transitional(
        "JP",
        "Japan: organisations under the APPI with the supplementary rules",
    ),
    regulation(
        "KR",
        "SI 2022/1213",
        "Republic of Korea: The Data Protection (Adequacy) (Republic of Korea) Regulations 2022",
        Day::ymd(2022, 12, 19),
    ),
    uk_transitional("LI", "EEA state"),
    uk_transitional("LT", "EEA state"),
    uk_transitional("LU", "EEA state"),
    uk_transitional("LV", "EEA state"),
    uk_transitional("MT", "EEA state"),
    uk_transitional("NL", "EEA state"),
    uk_transitional("NO", "EEA state"),
    uk_transitional("NZ", "New Zealand"),
    uk_transitional("PL", "EEA state"),
    uk_transitional("PT", "EEA state"),
    uk_transitional("RO", "EEA state"),
    uk_transitional("SE", "EEA state"),
    uk_transitional("SI", "EEA state"),
    uk_transitional("SK", "EEA state"),
    Decision {
        known_as: Some(Framework::UkExtension),
        certification_required: true,
        ..regulation(
            "US",
            "SI 2023/1028",
            "United States: only organisations certified under the EU-U.S. Data Privacy Framework with its UK Extension (The Data Protection (Adequacy) (United States of America) Regulations 2023)",
            Day::ymd(2023, 10, 12),
        )
    },
    uk_transitional("UY", "Uruguay"),
];

const fn regulation(
    country: &'static str,
    regulation: &'static str,
    scope: &'static str,
    from: Day,
) -> Decision {
    decision(country, regulation, scope, from)
}

/// A finding the UK carried over on 1 January 2021 (DPA 2018 Sch. 21).
const fn uk_transitional(country: &'static str, scope: &'static str) -> Decision {
    decision(country, "DPA 2018 Sch. 21", scope, Day::ymd(2021, 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;

    const EU: Jurisdiction = Jurisdiction::Eu;

    #[test]
    fn a_decision_applies_from_its_first_day_until_the_day_it_ended() {
        let shield = EU
            .decisions_for("US")
            .find(|d| d.is_named_by("(EU) 2016/1250"))
            .unwrap();
        assert!(!shield.applies_on(Day::ymd(2016, 7, 11)));
        assert!(shield.applies_on(Day::ymd(2016, 7, 12)));
        assert!(shield.applies_on(Day::ymd(2020, 7, 15)));
        assert!(!shield.applies_on(Day::ymd(2020, 7, 16)));
    }

    #[test]
    fn the_decision_in_force_follows_the_calendar() {
        let on = |y, m, d| EU.in_force("US", Day::ymd(y, m, d)).map(|d| d.decision);
        assert_eq!(on(1999, 1, 1), None);
        assert_eq!(on(2010, 1, 1), Some("2000/520/EC"));
        assert_eq!(on(2016, 1, 1), None);
        assert_eq!(on(2018, 5, 25), Some("(EU) 2016/1250"));
        assert_eq!(on(2021, 1, 1), None);
        assert_eq!(on(2026, 12, 7), Some("(EU) 2023/1795"));
        assert_eq!(EU.in_force("CN", Day::ymd(2026, 12, 7)), None);
    }
}
