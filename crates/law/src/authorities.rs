//! The supervisory authorities (Art. 51) people can complain to (Art. 77):
//! one per EEA country, and the ICO for the UK GDPR.
//!
//! `ropa init --country` fills in the controller's authority from here,
//! with its name in the languages the statement is published in. The table
//! is not a rule: a register names its authority itself, and may name
//! another (a German controller's authority is usually its Land's, not the
//! federal one; see [`Authority::note`]).
//!
//! Ids follow the DPV legal extension's pattern for authorities,
//! `legal-<country>:DPA-<COUNTRY>` (`legal-nl:DPA-NL`).

use crate::jurisdiction::Jurisdiction;
use crate::territory::in_eea;

/// A supervisory authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authority {
    /// ISO 3166-1 alpha-2 code of the country it supervises.
    pub country: &'static str,
    /// The DPV id, e.g. `legal-nl:DPA-NL`.
    pub id: &'static str,
    /// Its name in English.
    pub english: &'static str,
    /// Its name in the country's official languages (ISO 639-1), the main
    /// one first. These languages are also the country's languages for
    /// choosing a statement's default languages.
    pub own: &'static [(&'static str, &'static str)],
    /// Its website, where complaints are filed.
    pub url: &'static str,
    /// What a controller should check before relying on this default.
    pub note: Option<&'static str>,
}

impl Authority {
    /// Its name in `lang` (ISO 639-1), when the table knows it.
    pub fn name_in(&self, lang: &str) -> Option<&'static str> {
        if lang == "en" {
            return Some(self.english);
        }
        self.own.iter().find(|(l, _)| *l == lang).map(|(_, n)| *n)
    }

    /// The country's official languages, the main one first.
    pub fn languages(&self) -> impl Iterator<Item = &'static str> {
        self.own.iter().map(|(lang, _)| *lang)
    }
}

/// The authority of `country` (an ISO 3166-1 alpha-2 code), for an EEA
/// country or the UK.
pub fn of_country(country: &str) -> Option<&'static Authority> {
    AUTHORITIES.iter().find(|a| a.country == country)
}

/// The authority a controller in `country` under `jurisdiction` complains
/// to by default: the ICO under the UK GDPR; under the GDPR the authority
/// of the controller's EEA country. `None` for a controller established
/// outside the territory: its authority is the one of the member state where
/// its representative is (Art. 27(3)), which only the controller knows.
pub fn default_for(jurisdiction: Jurisdiction, country: &str) -> Option<&'static Authority> {
    match jurisdiction {
        Jurisdiction::Uk => of_country("GB"),
        Jurisdiction::Eu if in_eea(country) => of_country(country),
        Jurisdiction::Eu => None,
    }
}

/// Every authority, in country-code order.
pub const AUTHORITIES: &[Authority] = &[
    Authority {
        country: "AT",
        id: "legal-at:DPA-AT",
        english: "Austrian Data Protection Authority",
        own: &[("de", "Österreichische Datenschutzbehörde")],
        url: "https://www.dsb.gv.at",
        note: None,
    },
    Authority {
        country: "BE",
        id: "legal-be:DPA-BE",
        english: "Belgian Data Protection Authority",
        own: &[
            ("nl", "Gegevensbeschermingsautoriteit"),
            ("fr", "Autorité de protection des données"),
        ],
        url: "https://www.dataprotectionauthority.be",
        note: None,
    },
    Authority {
        country: "BG",
        id: "legal-bg:DPA-BG",
        english: "Commission for Personal Data Protection",
        own: &[("bg", "Комисия за защита на личните данни")],
        url: "https://www.cpdp.bg",
        note: None,
    },
    Authority {
        country: "CY",
        id: "legal-cy:DPA-CY",
        english: "Commissioner for Personal Data Protection",
        own: &[("el", "Επίτροπος Προστασίας Δεδομένων Προσωπικού Χαρακτήρα")],
        url: "https://www.dataprotection.gov.cy",
        note: None,
    },
    Authority {
        country: "CZ",
        id: "legal-cz:DPA-CZ",
        english: "Office for Personal Data Protection",
        own: &[("cs", "Úřad pro ochranu osobních údajů")],
        url: "https://uoou.gov.cz",
        note: None,
    },
    Authority {
        country: "DE",
        id: "legal-de:DPA-DE",
        english: "Federal Commissioner for Data Protection and Freedom of Information (BfDI)",
        own: &[(
            "de",
            "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)",
        )],
        url: "https://www.bfdi.bund.de",
        note: Some(
            "the BfDI supervises federal public bodies and telecommunications and postal services; most other controllers are supervised by the authority of their Land (BDSG § 40): replace supervisory_authority with it if so",
        ),
    },
    Authority {
        country: "DK",
        id: "legal-dk:DPA-DK",
        english: "Danish Data Protection Agency",
        own: &[("da", "Datatilsynet")],
        url: "https://www.datatilsynet.dk",
        note: None,
    },
    Authority {
        country: "EE",
        id: "legal-ee:DPA-EE",
        english: "Estonian Data Protection Inspectorate",
        own: &[("et", "Andmekaitse Inspektsioon")],
        url: "https://www.aki.ee",
        note: None,
    },
    Authority {
        country: "ES",
        id: "legal-es:DPA-ES",
        english: "Spanish Data Protection Agency (AEPD)",
        own: &[("es", "Agencia Española de Protección de Datos (AEPD)")],
        url: "https://www.aepd.es",
        note: Some(
            "public bodies of Catalonia, the Basque Country and Andalusia are supervised by their region's own authority",
        ),
    },
    Authority {
        country: "FI",
        id: "legal-fi:DPA-FI",
        english: "Office of the Data Protection Ombudsman",
        own: &[
            ("fi", "Tietosuojavaltuutetun toimisto"),
            ("sv", "Dataombudsmannens byrå"),
        ],
        url: "https://tietosuoja.fi",
        note: None,
    },
    Authority {
        country: "FR",
        id: "legal-fr:DPA-FR",
        english: "French Data Protection Authority (CNIL)",
        own: &[(
            "fr",
            "Commission nationale de l'informatique et des libertés (CNIL)",
        )],
        url: "https://www.cnil.fr",
        note: None,
    },
    Authority {
        country: "GB",
        id: "legal-gb:DPA-GB",
        english: "Information Commissioner's Office (ICO)",
        own: &[("en", "Information Commissioner's Office (ICO)")],
        url: "https://ico.org.uk",
        note: None,
    },
    Authority {
        country: "GR",
        id: "legal-gr:DPA-GR",
        english: "Hellenic Data Protection Authority",
        own: &[("el", "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα")],
        url: "https://www.dpa.gr",
        note: None,
    },
    Authority {
        country: "HR",
        id: "legal-hr:DPA-HR",
        english: "Croatian Personal Data Protection Agency",
        own: &[("hr", "Agencija za zaštitu osobnih podataka")],
        url: "https://azop.hr",
        note: None,
    },
    Authority {
        country: "HU",
        id: "legal-hu:DPA-HU",
        english: "Hungarian National Authority for Data Protection and Freedom of Information (NAIH)",
        own: &[(
            "hu",
            "Nemzeti Adatvédelmi és Információszabadság Hatóság (NAIH)",
        )],
        url: "https://www.naih.hu",
        note: None,
    },
    Authority {
        country: "IE",
        id: "legal-ie:DPA-IE",
        english: "Data Protection Commission",
        own: &[
            ("en", "Data Protection Commission"),
            ("ga", "An Coimisiún um Chosaint Sonraí"),
        ],
        url: "https://www.dataprotection.ie",
        note: None,
    },
    Authority {
        country: "IS",
        id: "legal-is:DPA-IS",
        english: "Icelandic Data Protection Authority",
        own: &[("is", "Persónuvernd")],
        url: "https://www.personuvernd.is",
        note: None,
    },
    Authority {
        country: "IT",
        id: "legal-it:DPA-IT",
        english: "Italian Data Protection Authority (Garante)",
        own: &[("it", "Garante per la protezione dei dati personali")],
        url: "https://www.garanteprivacy.it",
        note: None,
    },
    Authority {
        country: "LI",
        id: "legal-li:DPA-LI",
        english: "Data Protection Authority of Liechtenstein",
        own: &[("de", "Datenschutzstelle Liechtenstein")],
        url: "https://www.datenschutzstelle.li",
        note: None,
    },
    Authority {
        country: "LT",
        id: "legal-lt:DPA-LT",
        english: "State Data Protection Inspectorate",
        own: &[("lt", "Valstybinė duomenų apsaugos inspekcija")],
        url: "https://vdai.lrv.lt",
        note: None,
    },
    Authority {
        country: "LU",
        id: "legal-lu:DPA-LU",
        english: "National Commission for Data Protection (CNPD)",
        own: &[(
            "fr",
            "Commission nationale pour la protection des données (CNPD)",
        )],
        url: "https://cnpd.public.lu",
        note: None,
    },
    Authority {
        country: "LV",
        id: "legal-lv:DPA-LV",
        english: "Data State Inspectorate",
        own: &[("lv", "Datu valsts inspekcija")],
        url: "https://www.dvi.gov.lv",
        note: None,
    },
    Authority {
        country: "MT",
        id: "legal-mt:DPA-MT",
        english: "Information and Data Protection Commissioner",
        own: &[
            (
                "mt",
                "Kummissarju għall-Informazzjoni u l-Protezzjoni tad-Data",
            ),
            ("en", "Information and Data Protection Commissioner"),
        ],
        url: "https://idpc.org.mt",
        note: None,
    },
    Authority {
        country: "NL",
        id: "legal-nl:DPA-NL",
        english: "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
        own: &[("nl", "Autoriteit Persoonsgegevens")],
        url: "https://www.autoriteitpersoonsgegevens.nl",
        note: None,
    },
    Authority {
        country: "NO",
        id: "legal-no:DPA-NO",
        english: "Norwegian Data Protection Authority",
        own: &[("nb", "Datatilsynet"), ("nn", "Datatilsynet")],
        url: "https://www.datatilsynet.no",
        note: None,
    },
    Authority {
        country: "PL",
        id: "legal-pl:DPA-PL",
        english: "President of the Personal Data Protection Office (UODO)",
        own: &[("pl", "Prezes Urzędu Ochrony Danych Osobowych (UODO)")],
        url: "https://uodo.gov.pl",
        note: None,
    },
    Authority {
        country: "PT",
        id: "legal-pt:DPA-PT",
        english: "National Data Protection Commission (CNPD)",
        own: &[("pt", "Comissão Nacional de Proteção de Dados (CNPD)")],
        url: "https://www.cnpd.pt",
        note: None,
    },
    Authority {
        country: "RO",
        id: "legal-ro:DPA-RO",
        english: "National Supervisory Authority for Personal Data Processing (ANSPDCP)",
        own: &[(
            "ro",
            "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal (ANSPDCP)",
        )],
        url: "https://www.dataprotection.ro",
        note: None,
    },
    Authority {
        country: "SE",
        id: "legal-se:DPA-SE",
        english: "Swedish Authority for Privacy Protection (IMY)",
        own: &[("sv", "Integritetsskyddsmyndigheten (IMY)")],
        url: "https://www.imy.se",
        note: None,
    },
    Authority {
        country: "SI",
        id: "legal-si:DPA-SI",
        english: "Information Commissioner of the Republic of Slovenia",
        own: &[("sl", "Informacijski pooblaščenec")],
        url: "https://www.ip-rs.si",
        note: None,
    },
    Authority {
        country: "SK",
        id: "legal-sk:DPA-SK",
        english: "Office for Personal Data Protection of the Slovak Republic",
        own: &[("sk", "Úrad na ochranu osobných údajov Slovenskej republiky")],
        url: "https://dataprotection.gov.sk",
        note: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::territory::EEA;

    #[test]
    fn every_eea_country_and_the_uk_has_one_authority() {
        for country in EEA.iter().chain(&["GB"]) {
            let matching = AUTHORITIES.iter().filter(|a| a.country == *country).count();
            assert_eq!(matching, 1, "{country} has {matching} authorities");
        }
        assert_eq!(
            AUTHORITIES.len(),
            EEA.len() + 1,
            "an authority of no EEA country or the UK"
        );
    }

    #[test]
    fn entries_are_ordered_and_well_formed() {
        for pair in AUTHORITIES.windows(2) {
            assert!(
                pair[0].country < pair[1].country,
                "{} before {}",
                pair[0].country,
                pair[1].country
            );
        }
        for a in AUTHORITIES {
            let lower = a.country.to_ascii_lowercase();
            assert_eq!(a.id, format!("legal-{lower}:DPA-{}", a.country));
            assert!(a.url.starts_with("https://"), "{}: {}", a.country, a.url);
            assert!(
                !a.url[8..].contains(['/', ' ']),
                "{}: a site, not a page",
                a.url
            );
            assert!(!a.english.is_empty() && !a.own.is_empty(), "{}", a.country);
            for (lang, name) in a.own {
                assert!(
                    lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()),
                    "{lang}"
                );
                assert!(!name.trim().is_empty(), "{}: {lang}", a.country);
            }
        }
    }

    #[test]
    fn the_default_follows_the_law_and_the_establishment() {
        let nl = default_for(Jurisdiction::Eu, "NL").unwrap();
        assert_eq!(nl.name_in("nl"), Some("Autoriteit Persoonsgegevens"));
        assert_eq!(nl.name_in("de"), None);
        assert_eq!(
            default_for(Jurisdiction::Uk, "GB").unwrap().url,
            "https://ico.org.uk"
        );
        // Under the UK GDPR the ICO is the authority, wherever the controller is.
        assert_eq!(default_for(Jurisdiction::Uk, "US").unwrap().country, "GB");
        // Outside the EEA the authority follows the representative.
        assert_eq!(default_for(Jurisdiction::Eu, "US"), None);
        assert_eq!(default_for(Jurisdiction::Eu, "GB"), None);
        assert_eq!(
            of_country("DE").unwrap().languages().collect::<Vec<_>>(),
            ["de"]
        );
    }
}
