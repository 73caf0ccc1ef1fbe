//! References to laws and pages that differ per language.
//!
//! A Dutch law has an official English title; an authority has a page in
//! each language. The register says either one string for every language
//! (what most internal references are: "art. 52 AWR") or one per language,
//! so a reader of the English statement meets the English name where the
//! register has it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Lang, Text};

/// A law the register relies on: one string for every language, e.g.
/// `"art. 52 AWR"`, or its name per language with its official identifier
/// and a link:
///
/// ```json
/// { "name": { "nl": "Participatiewet", "en": "Participation Act" },
///   "identifier": "BWBR0015703",
///   "url": "https://wetten.overheid.nl/BWBR0015703" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LawRef {
    /// The same reference in every language.
    Plain(String),
    /// The name in each language, with what identifies the law.
    Cited(LawCitation),
}

/// A law named in each language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawCitation {
    /// The law (and article) as a reader of each language knows it.
    pub name: Text,
    /// Its official identifier, e.g. an ELI, `BWBR0015703`, `SI 2019/419`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Where its text is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl LawRef {
    /// The reference as a reader of `lang` meets it: the name in `lang`, or
    /// else in the first language it is written in (V40 reports the gap).
    /// `None` when blank.
    pub fn name(&self, lang: Lang) -> Option<&str> {
        let name = match self {
            LawRef::Plain(text) => text.as_str(),
            LawRef::Cited(citation) => citation
                .name
                .get(lang)
                .filter(|n| !n.trim().is_empty())
                .or_else(|| citation.name.iter().next().map(|(_, n)| n))?,
        };
        Some(name.trim()).filter(|n| !n.is_empty())
    }

    /// Whether the reference names no law at all.
    pub fn is_blank(&self) -> bool {
        match self {
            LawRef::Plain(text) => text.trim().is_empty(),
            LawRef::Cited(citation) => citation.name.iter().all(|(_, n)| n.trim().is_empty()),
        }
    }

    /// The official identifier, when the register gives one.
    pub fn identifier(&self) -> Option<&str> {
        match self {
            LawRef::Plain(_) => None,
            LawRef::Cited(citation) => citation.identifier.as_deref().map(str::trim),
        }
        .filter(|i| !i.is_empty())
    }

    /// Where the law's text is published, when the register says.
    pub fn url(&self) -> Option<&str> {
        match self {
            LawRef::Plain(_) => None,
            LawRef::Cited(citation) => citation.url.as_deref().map(str::trim),
        }
        .filter(|u| !u.is_empty())
    }
}

impl From<&str> for LawRef {
    fn from(text: &str) -> LawRef {
        LawRef::Plain(text.to_owned())
    }
}

/// Whether an optional law names none.
pub fn law_missing(law: &Option<LawRef>) -> bool {
    law.as_ref().is_none_or(LawRef::is_blank)
}

/// A string that may differ per language, such as a page that exists in
/// each: `"https://ico.org.uk"`, or `{"nl": "https://…/nl", "en": "https://…/en"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PerLanguage {
    /// The same in every language.
    Same(String),
    /// One per language.
    Each(Text),
}

impl PerLanguage {
    /// The value for `lang`, or else the first one written (V40 reports
    /// the gap).
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            PerLanguage::Same(value) => value,
            PerLanguage::Each(text) => text
                .get(lang)
                .or_else(|| text.iter().next().map(|(_, v)| v))
                .unwrap_or_default(),
        }
    }

    /// Every value written, with the language it is for (`None`: all).
    pub fn values(&self) -> Vec<(Option<Lang>, &str)> {
        match self {
            PerLanguage::Same(value) => vec![(None, value.as_str())],
            PerLanguage::Each(text) => text.iter().map(|(l, v)| (Some(l), v)).collect(),
        }
    }
}

impl From<&str> for PerLanguage {
    fn from(value: &str) -> PerLanguage {
        PerLanguage::Same(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::from_code(code).unwrap()
    }

    #[test]
    fn a_cited_law_is_named_in_the_readers_language() {
        let law: LawRef = serde_json::from_str(
            r#"{"name": {"nl": "Participatiewet", "en": "Participation Act"},
                "identifier": "BWBR0015703", "url": "https://wetten.overheid.nl/BWBR0015703"}"#,
        )
        .unwrap();
        assert_eq!(law.name(lang("en")), Some("Participation Act"));
        assert_eq!(law.name(lang("nl")), Some("Participatiewet"));
        // A language the name is not written in falls back to the first.
        assert_eq!(law.name(lang("de")), Some("Participatiewet"));
        assert_eq!(law.identifier(), Some("BWBR0015703"));
        assert_eq!(law.url(), Some("https://wetten.overheid.nl/BWBR0015703"));
        assert!(!law.is_blank());
    }

    #[test]
    fn a_plain_law_is_the_same_in_every_language() {
        let law: LawRef = serde_json::from_str(r#""art. 52 AWR""#).unwrap();
        assert_eq!(law.name(lang("en")), Some("art. 52 AWR"));
        assert_eq!((law.identifier(), law.url()), (None, None));
        assert!(LawRef::from("  ").is_blank());
        assert!(law_missing(&Some(LawRef::from(" "))) && law_missing(&None));
        // Unknown fields of a citation are refused, as everywhere.
        assert!(serde_json::from_str::<LawRef>(r#"{"name": {"en": "x"}, "link": "y"}"#).is_err());
    }

    #[test]
    fn a_page_per_language_is_found_per_language() {
        let page: PerLanguage =
            serde_json::from_str(r#"{"nl": "https://a.nl", "en": "https://a.nl/en"}"#).unwrap();
        assert_eq!(page.get(lang("en")), "https://a.nl/en");
        assert_eq!(page.get(lang("de")), "https://a.nl");
        assert_eq!(PerLanguage::from("https://b").get(lang("nl")), "https://b");
    }
}
