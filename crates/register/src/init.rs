//! `ropa init`: a new register a DPO can start from — nearly empty, with
//! every file linked to its schema so an editor completes and checks it.
//!
//! What init can work out from the country (the law, the supervisory
//! authority, the languages) it fills in; every value it cannot know is a
//! placeholder ([`placeholder`]), which V50 reports until it is replaced, so
//! a new register does not validate until it says something true.

use std::path::{Path, PathBuf};

use serde::Serialize;

use ropa_law::authorities::{self, Authority};

use crate::model::*;
use crate::schema::EMBEDDED;

/// Where `init` puts a copy of the schemas, relative to the register.
pub const SCHEMA_DIR: &str = ".ropa/schemas";

/// The text every placeholder starts with. `ropa init` writes
/// `<<FILL IN: what>>` for each value it cannot know, and V50 reports every
/// string that contains this start, in any case, so that no placeholder can
/// reach a statement. No real value of a register contains it.
pub const PLACEHOLDER_START: &str = "<<FILL IN";

/// The placeholder for a value init cannot know: `<<FILL IN: what>>`.
pub fn placeholder(what: &str) -> String {
    format!("{PLACEHOLDER_START}: {what}>>")
}

/// Whether `text` holds a placeholder anywhere (see [`PLACEHOLDER_START`]).
pub fn is_placeholder(text: &str) -> bool {
    let start = PLACEHOLDER_START.as_bytes();
    text.as_bytes()
        .windows(start.len())
        .any(|w| w.eq_ignore_ascii_case(start))
}

/// What the DPO tells `ropa init`; everything else follows from the country
/// or starts as a placeholder.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The controller's name; a placeholder when absent.
    pub organisation: Option<String>,
    /// The e-mail address for privacy matters; a placeholder when absent.
    pub email: Option<String>,
    /// Where the controller is established (its address): an ISO 3166-1
    /// alpha-2 code, see [`parse_country`].
    pub country: Location,
    /// The law the register is kept under; by default the UK GDPR for
    /// `GB`, the GDPR for any other country.
    pub jurisdiction: Option<Jurisdiction>,
    /// The statement's languages; by default the country's languages that
    /// ropa has words for, and English.
    pub languages: Option<Vec<Lang>>,
}

impl InitOptions {
    /// The options for a controller in `country`, with every default.
    pub fn for_country(country: Location) -> InitOptions {
        InitOptions {
            organisation: None,
            email: None,
            country,
            jurisdiction: None,
            languages: None,
        }
    }

    /// Works out the defaults: what the register will say.
    pub fn settle(&self) -> Settings {
        let country = self.country.as_str();
        let jurisdiction = self.jurisdiction.unwrap_or(if country == "GB" {
            Jurisdiction::Uk
        } else {
            Jurisdiction::Eu
        });
        let own = authorities::of_country(country)
            .map(|a| a.languages().collect::<Vec<_>>())
            .unwrap_or_default();
        let (languages, without_words) = match &self.languages {
            Some(chosen) => (chosen.clone(), Vec::new()),
            None => {
                let mut languages: Vec<Lang> = Vec::new();
                let mut without_words = Vec::new();
                for code in own.iter().copied().chain(["en"]) {
                    match Lang::from_code(code) {
                        Some(lang) if !languages.contains(&lang) => languages.push(lang),
                        Some(_) => {}
                        None => without_words.push(code),
                    }
                }
                (languages, without_words)
            }
        };
        Settings {
            jurisdiction,
            languages,
            without_words,
            authority: authorities::default_for(jurisdiction, country),
            established_in_territory: jurisdiction.is_home(country),
        }
    }
}

/// What `init` wrote, beyond what the DPO gave: the defaults it chose.
#[derive(Debug, Clone)]
pub struct Settings {
    pub jurisdiction: Jurisdiction,
    /// The statement's languages.
    pub languages: Vec<Lang>,
    /// The country's languages left out because ropa has no words for them
    /// (ISO 639-1 codes), when the languages were not chosen.
    pub without_words: Vec<&'static str>,
    /// The supervisory authority written, when the law's table gives one;
    /// otherwise the register holds placeholders for it.
    pub authority: Option<&'static Authority>,
    /// Whether the controller is established in the law's territory; when
    /// not, it needs a representative there (V36).
    pub established_in_territory: bool,
}

/// Reads a country code as `--country` takes it: an ISO 3166-1 alpha-2
/// code in capitals. The error says which code was probably meant.
pub fn parse_country(code: &str) -> Result<Location, String> {
    if Location::is_known(code) && !matches!(code, "EU" | "EEA") {
        return Ok(Location::from(code));
    }
    let upper = code.to_ascii_uppercase();
    let meant = match upper.as_str() {
        // What the EU's own style guide writes for the United Kingdom and Greece.
        "UK" => Some("GB"),
        "EL" => Some("GR"),
        "EU" | "EEA" => None,
        _ if Location::is_known(&upper) => Some(upper.as_str()),
        _ => None,
    };
    Err(match meant {
        Some(meant) => {
            format!("`{code}` is no ISO 3166-1 alpha-2 country code; did you mean `{meant}`?")
        }
        None if matches!(upper.as_str(), "EU" | "EEA") => format!(
            "`{code}` is a region; give the country the controller is established in, e.g. `NL`"
        ),
        None => format!(
            "`{code}` is no ISO 3166-1 alpha-2 country code (two capitals, e.g. `NL`, `DE`, `GB`, `US`)"
        ),
    })
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{} already exists and is not empty; ropa init does not overwrite anything (choose a new directory)", .0.display())]
    NotEmpty(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Creates the register in `dir`, which must not exist or be empty.
pub fn init(dir: &Path, options: &InitOptions) -> Result<Created, InitError> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(InitError::NotEmpty(dir.to_owned()));
        }
    }
    let link = |name: &str, depth: usize| format!("{}{SCHEMA_DIR}/{name}", "../".repeat(depth));
    let mut written = Vec::new();
    let mut write = |rel: &str, text: String| -> Result<(), InitError> {
        let path = dir.join(rel);
        let io = |source| InitError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(path.parent().expect("a file has a parent")).map_err(io)?;
        crate::atomic::write_atomically(&path, text.as_bytes())
            .map_err(|e| io(std::io::Error::other(e)))?;
        written.push(rel.to_owned());
        Ok(())
    };

    let settings = options.settle();
    write(
        "organisation.json",
        pretty(&organisation(
            link("organisation.schema.json", 0),
            options,
            &settings,
        )),
    )?;
    write(
        "categories.json",
        pretty(&CategoriesFile {
            schema: link("categories.schema.json", 0),
            categories: vec![],
            known_gaps: vec![],
        }),
    )?;
    write(
        "subjects.json",
        pretty(&SubjectsFile {
            schema: link("subjects.schema.json", 0),
            subjects: vec![],
            known_gaps: vec![],
        }),
    )?;
    write(
        "recipients.json",
        pretty(&RecipientsFile {
            schema: link("recipients.schema.json", 0),
            third_party_marketing: ThirdPartyMarketing::Never,
            recipients: vec![],
            known_gaps: vec![],
        }),
    )?;
    std::fs::create_dir_all(dir.join("activities")).map_err(|source| InitError::Io {
        path: dir.join("activities"),
        source,
    })?;
    std::fs::create_dir_all(dir.join("systems")).map_err(|source| InitError::Io {
        path: dir.join("systems"),
        source,
    })?;
    for (name, text) in EMBEDDED {
        write(&format!("{SCHEMA_DIR}/{name}"), text.to_owned())?;
    }
    Ok(Created {
        files: written,
        settings,
    })
}

/// What [`init`] did.
#[derive(Debug)]
pub struct Created {
    /// The files written, relative to the register.
    pub files: Vec<String>,
    pub settings: Settings,
}

fn organisation(schema: String, options: &InitOptions, settings: &Settings) -> OrganisationFile {
    let email = Channel {
        kind: ChannelKind::Email,
        value: options
            .email
            .clone()
            .unwrap_or_else(|| placeholder("e-mail address for privacy matters")),
        label: None,
    };
    let languages = &settings.languages;
    let supervisory_authority = match settings.authority {
        Some(authority) => SupervisoryAuthority {
            id: authority.id.to_owned(),
            // A language the table has no name in gets the authority's own
            // name, as a proper name.
            name: languages
                .iter()
                .map(|lang| {
                    let name = authority
                        .name_in(lang.code())
                        .or_else(|| authority.own.first().map(|(_, name)| *name))
                        .unwrap_or(authority.english);
                    (*lang, name.to_owned())
                })
                .collect(),
            url: authority.url.into(),
        },
        // Outside the territory: the authority of the member state where the
        // representative is (Art. 27(3)), which only the controller knows.
        None => SupervisoryAuthority {
            id: placeholder("DPV id of the supervisory authority, e.g. legal-ie:DPA-IE"),
            name: languages
                .iter()
                .map(|lang| {
                    (
                        *lang,
                        placeholder(&format!(
                            "the supervisory authority's name in {}",
                            lang.name()
                        )),
                    )
                })
                .collect(),
            // A web address already, so the placeholder is the one error here
            // (V50), not also V41's "not a web address".
            url: PerLanguage::Same(format!(
                "https://{}",
                placeholder("the supervisory authority's website")
            )),
        },
    };
    OrganisationFile {
        schema,
        jurisdiction: settings.jurisdiction,
        also_under: Vec::new(),
        controller: Controller {
            name: options
                .organisation
                .clone()
                .unwrap_or_else(|| placeholder("the controller's legal name")),
            address: Address {
                street: placeholder("street and number"),
                postcode: placeholder("postcode"),
                city: placeholder("city"),
                country: options.country.clone(),
            },
            contact: vec![email.clone()],
            chamber_of_commerce: None,
            short_name: None,
            designated_by: None,
        },
        scope: None,
        joint_controllers: vec![],
        group_controllers: vec![],
        // None, not a placeholder: V36 asks for the representative, or for
        // the Art. 27(2) ground on which there is none.
        representative: None,
        representative_exemption: None,
        dpo: None,
        public_authority: false,
        established_in_territory: settings.established_in_territory,
        supervisory_authority,
        rights: RightsHandling {
            channels: vec![email],
            self_service: None,
            identity_verification: None,
            declared: vec![],
            response_time: Some("P1M".to_owned()),
        },
        notice: Notice {
            languages: languages.clone(),
            last_changed: None,
            cookie_statement: None,
            change_notification: None,
            activity_order: vec![],
            form_fields: None,
            introduction: None,
            changes: None,
            sections: vec![],
            layout: Layout::ByTopic,
            services: vec![],
            versions: vec![],
        },
        security_measures: vec![],
        known_gaps: vec![],
    }
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("the model serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(country: &str) -> Settings {
        InitOptions::for_country(Location::from(country)).settle()
    }

    fn codes(languages: &[Lang]) -> Vec<&'static str> {
        languages.iter().map(|l| l.code()).collect()
    }

    #[test]
    fn the_country_gives_the_law_the_authority_and_the_languages() {
        let nl = settle("NL");
        assert_eq!(codes(&nl.languages), ["nl", "en"]);
        assert_eq!(nl.jurisdiction, Jurisdiction::Eu);
        assert_eq!(nl.authority.unwrap().id, "legal-nl:DPA-NL");
        assert!(nl.established_in_territory);

        let gb = settle("GB");
        assert_eq!(codes(&gb.languages), ["en"]);
        assert_eq!(gb.jurisdiction, Jurisdiction::Uk);
        assert_eq!(gb.authority.unwrap().url, "https://ico.org.uk");

        // No French words yet: English only, and init says why.
        let fr = settle("FR");
        assert_eq!(codes(&fr.languages), ["en"]);
        assert_eq!(fr.without_words, ["fr"]);

        let us = settle("US");
        assert!(!us.established_in_territory && us.authority.is_none());
        assert_eq!(codes(&us.languages), ["en"]);
    }

    #[test]
    fn placeholders_are_recognised_and_real_text_is_not() {
        assert!(is_placeholder(&placeholder("city")));
        assert!(is_placeholder("Street <<fill in>> 1"));
        for real in [
            "Straatnaam 1",
            "fill in the form",
            "<< FILL IN",
            "«FILL IN»",
        ] {
            assert!(!is_placeholder(real), "{real}");
        }
    }

    #[test]
    fn country_codes_are_checked_with_a_suggestion() {
        assert_eq!(parse_country("DE").unwrap().as_str(), "DE");
        assert!(
            parse_country("de")
                .unwrap_err()
                .contains("did you mean `DE`")
        );
        assert!(
            parse_country("UK")
                .unwrap_err()
                .contains("did you mean `GB`")
        );
        assert!(parse_country("EU").unwrap_err().contains("region"));
        assert!(parse_country("XX").unwrap_err().contains("ISO 3166-1"));
    }
}
