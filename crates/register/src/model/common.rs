//! Building blocks shared by several file kinds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language ropa knows, as the build script read it from its word file.
struct Known {
    /// ISO 639-1 code, the word file's name.
    code: &'static str,
    /// The language's name in itself.
    native: &'static str,
    /// The language's name in English, for messages.
    english: &'static str,
    /// The word file, for the documents to take their words from.
    words: &'static str,
}

/// Every language ropa knows, in the order of their codes: one per word
/// file `templates/words/<code>.toml`, listed by `build.rs`.
static KNOWN: &[Known] = &include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// A language a public text or a document is written in: one of the
/// languages ropa has a word file for.
///
/// **A language is data.** Nothing in the code names one: what ropa knows
/// of a language (its code, its names, every word of the documents, its
/// dates and numbers) is its word file.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(u8);

impl Lang {
    /// Every known language, in the order of their codes.
    pub fn all() -> impl ExactSizeIterator<Item = Lang> + Clone {
        (0..KNOWN.len()).map(|i| Lang(i as u8))
    }

    /// The language with ISO 639-1 code `code`, when ropa knows it.
    pub fn from_code(code: &str) -> Option<Lang> {
        KNOWN
            .iter()
            .position(|known| known.code == code)
            .map(|i| Lang(i as u8))
    }

    /// The language's place in [`Lang::all`], for tables kept per language.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    fn known(self) -> &'static Known {
        &KNOWN[usize::from(self.0)]
    }

    /// The ISO 639-1 code, as a register and `--lang` write it.
    pub fn code(self) -> &'static str {
        self.known().code
    }

    /// The language's name in English, for messages.
    pub fn name(self) -> &'static str {
        self.known().english
    }

    /// The language's name in itself.
    pub fn own_name(self) -> &'static str {
        self.known().native
    }

    /// The language's word file (TOML), which the documents read their
    /// words from.
    pub fn word_file(self) -> &'static str {
        self.known().words
    }

    /// "`de`, `en` or `nl`": the known codes, for messages.
    fn known_list() -> String {
        let codes: Vec<String> = Lang::all().map(|l| format!("`{}`", l.code())).collect();
        match codes.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => codes.concat(),
        }
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(code: &str) -> Result<Lang, String> {
        Lang::from_code(code)
            .ok_or_else(|| format!("unknown language `{code}`, expected {}", Lang::known_list()))
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Lang::all().map(Lang::code).collect();
        schemars::json_schema!({
            "type": "string",
            "enum": codes,
            "description": "A language a public text or the statement is written in.",
        })
    }
}

/// A text shown to the public, in every language the statement is published
/// in: `{"nl": "…", "en": "…"}`, a map from language to text. Its keys are
/// known language codes; any other key is an error, as an unknown field is
/// anywhere else.
///
/// Kept as a short list in the order the register writes it (a register
/// has a few languages and many texts): no allocation beyond the list, and
/// a text is written back as it was read.
#[derive(Debug, Clone, Default, Eq)]
pub struct Text(Vec<(Lang, String)>);

impl Text {
    /// The text in `lang`, when it is written in it.
    #[inline]
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, text)| text.as_str())
    }

    /// Sets the text in `lang`, replacing the one there was.
    pub fn insert(&mut self, lang: Lang, text: impl Into<String>) {
        let text = text.into();
        match self.0.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, old)) => *old = text,
            None => self.0.push((lang, text)),
        }
    }

    /// The text in each language it is written in, in the register's order.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }

    /// Whether the text is written in no language at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The same texts in the same languages, in whatever order.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.0.len() == other.0.len() && self.iter().all(|(l, t)| other.get(l) == Some(t))
    }
}

impl FromIterator<(Lang, String)> for Text {
    fn from_iter<I: IntoIterator<Item = (Lang, String)>>(iter: I) -> Text {
        let mut text = Text::default();
        for (lang, value) in iter {
            text.insert(lang, value);
        }
        text
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (lang, text) in &self.0 {
            map.serialize_entry(lang.code(), text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object with a text per language code")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                // Most registers publish in two languages.
                let mut text = Vec::with_capacity(map.size_hint().unwrap_or(2));
                while let Some(code) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let Some(lang) = Lang::from_code(&code) else {
                        return Err(serde::de::Error::unknown_field(&code, &CODES));
                    };
                    // As a struct's optional field: a null is an absent text.
                    let value: Option<String> = map.next_value()?;
                    if text.iter().any(|(l, _)| *l == lang) {
                        return Err(serde::de::Error::duplicate_field(lang.code()));
                    }
                    if let Some(value) = value {
                        text.push((lang, value));
                    }
                }
                Ok(Text(text))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// The known codes as serde's `unknown_field` wants them: a `'static` slice.
static CODES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| Lang::all().map(Lang::code).collect());

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let properties: serde_json::Map<String, serde_json::Value> = Lang::all()
            .map(|l| {
                let description = format!("{}.", l.name());
                let schema = serde_json::json!({
                    "type": ["string", "null"],
                    "description": description,
                });
                (l.code().to_owned(), schema)
            })
            .collect();
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": false,
            "properties": properties,
            "description": "A text shown to the public, in every language the statement is published in.",
            "minProperties": 1,
        })
    }
}

/// A way to reach someone: the controller, the DPO, the desk that handles
/// rights requests or consent withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: ChannelKind,
    /// The address itself: an e-mail address, a URL, a telephone number, a postal address.
    #[schemars(length(min = 1))]
    pub value: String,
    /// How to describe the channel in the statement, when the value alone does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Email,
    Web,
    Phone,
    Post,
    /// The data subject's own account (self-service).
    Account,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[schemars(length(min = 1))]
    pub street: String,
    #[schemars(length(min = 1))]
    pub postcode: String,
    #[schemars(length(min = 1))]
    pub city: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Location,
}

/// A technical or organisational security measure (Art. 32).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityMeasure {
    /// DPV measure id, e.g. `dpv:Encryption`, `dpv:AccessControlMethod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<DpvId>,
    /// What is done, for the record (internal).
    #[schemars(length(min = 1))]
    pub description: String,
}

/// A gap the DPO knows about and has chosen to record rather than fix now.
///
/// A completeness rule that would report an error at `at` (or anywhere in the
/// file when `at` is absent) reports a warning instead, carrying this note, so
/// the gap stays visible in every `ropa validate` until it is closed.
/// `--strict` turns it back into an error. Integrity rules (syntax, schema,
/// references, translations) cannot be acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownGap {
    /// The rule id, e.g. `V15`.
    #[schemars(regex(pattern = r"^V[0-9]{2}$"))]
    pub rule: String,
    /// JSON pointer inside this file that the acknowledgement covers (and everything below it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(/.*)?$"))]
    pub at: Option<String>,
    /// Why the gap exists and what would close it.
    #[schemars(length(min = 1))]
    pub note: String,
}

/// Declares a string newtype whose schema carries a pattern, so every use
/// shares one definition in the schemas.
macro_rules! pattern_string {
    ($(#[$doc:meta])* $name:ident, $pattern:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(#[schemars(regex(pattern = $pattern))] pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

pattern_string!(
    /// The id of a register entry (category, subject, recipient, purpose, …):
    /// lower-case letters, digits and hyphens.
    Id,
    r"^[a-z0-9][a-z0-9-]*$"
);

pattern_string!(
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
);

/// Where data is processed, or a country in an address: an ISO 3166-1
/// alpha-2 country code, or `EU` / `EEA` when only the region is known. The
/// schema lists every code, so an unknown one (`XX`, or `UK` for `GB`) is a
/// schema error at its place, whichever field holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Location(pub String);

impl Location {
    /// The regions a register may name when it knows no country.
    const REGIONS: [&'static str; 2] = ["EU", "EEA"];

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Every code a location may be, in order: the ISO 3166-1 alpha-2
    /// codes, then the regions. For any front end that takes a country
    /// (`ropa init --country`), so it accepts what the schema accepts.
    pub fn codes() -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = celes::Country::get_countries()
            .iter()
            .map(|country| country.alpha2)
            .collect();
        codes.sort_unstable();
        codes.extend(Self::REGIONS);
        codes
    }

    /// Whether `code` is a code [`Location::codes`] lists, exactly as
    /// written (upper case).
    pub fn is_known(code: &str) -> bool {
        Self::REGIONS.contains(&code)
            || (code.bytes().all(|b| b.is_ascii_uppercase())
                // `from_alpha2` ignores case; the register does not.
                && celes::Country::from_alpha2(code).is_ok())
    }
}

impl std::ops::Deref for Location {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Location {
    fn from(s: &str) -> Self {
        Location(s.to_owned())
    }
}

impl JsonSchema for Location {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Location".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": Location::codes(),
            // The first paragraph is the help of a schema error: it names
            // the two codes most often written wrong.
            "description": "An ISO 3166-1 alpha-2 country code in capitals (the United Kingdom is GB, Greece GR), or EU / EEA when only the region is known.",
        })
    }
}

/// Where a transfer goes: a country (or region), or, where no country can
/// be named, how far the data reaches. Written as the country's code, or
/// as one of `worldwide`, `chosen_by_the_person`, `other_operators`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Destination {
    /// Written first: a country code is never one of these words.
    Reach(Reach),
    Country(Location),
}

/// Where data goes when no country can be named.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Anywhere in the world, e.g. a support desk that follows the sun.
    Worldwide,
    /// Wherever the person takes or sends it, at their own request: a
    /// message to someone abroad, a booking with a hotel abroad.
    ChosenByThePerson,
    /// The servers of other operators that the person's messages reach, as
    /// with e-mail or federated services.
    OtherOperators,
}

impl Destination {
    /// The country, when the destination is one.
    pub fn country(&self) -> Option<&Location> {
        match self {
            Destination::Country(country) => Some(country),
            Destination::Reach(_) => None,
        }
    }

    /// As the register writes it; never a home country's code when the
    /// destination is no country, so `Jurisdiction::is_home` is false.
    pub fn as_str(&self) -> &str {
        match self {
            Destination::Country(country) => country.as_str(),
            Destination::Reach(Reach::Worldwide) => "worldwide",
            Destination::Reach(Reach::ChosenByThePerson) => "chosen_by_the_person",
            Destination::Reach(Reach::OtherOperators) => "other_operators",
        }
    }

    /// Whether data sent here may be in `country`: it is that country, or it
    /// reaches anywhere.
    pub fn covers(&self, country: &Location) -> bool {
        match self {
            Destination::Country(c) => c == country,
            Destination::Reach(Reach::Worldwide) => true,
            Destination::Reach(_) => false,
        }
    }
}

/// One list of every value, so a wrong one gets one message with one help,
/// as a wrong country code does anywhere else.
impl JsonSchema for Destination {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Destination".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut values = vec!["worldwide", "chosen_by_the_person", "other_operators"];
        values.extend(Location::codes());
        schemars::json_schema!({
            "type": "string",
            "enum": values,
            "description": "An ISO 3166-1 alpha-2 country code in capitals (the United Kingdom is GB, Greece GR), EU / EEA when only the region is known, or where no country can be named: worldwide, chosen_by_the_person (wherever the person sends or takes it), other_operators (other operators' servers the person's messages reach).",
        })
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

pattern_string!(
    /// A W3C DPV personal-data id, e.g. `pd:EmailAddress`.
    PdId,
    r"^pd:[A-Za-z0-9]+$"
);

pattern_string!(
    /// A W3C DPV concept id, e.g. `dpv:DirectMarketing`, `dpv:Customer`.
    DpvId,
    r"^dpv:[A-Za-z0-9]+$"
);

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn locations_are_iso_3166_codes_or_the_two_regions() {
        for code in ["NL", "US", "GB", "GR", "JE", "EU", "EEA"] {
            assert!(Location::is_known(code), "{code}");
        }
        // `UK` and `EL` are what the EU writes for the United Kingdom and
        // Greece; ISO 3166-1 says `GB` and `GR`.
        for code in ["XX", "UK", "EL", "nl", "Nl", "", "NLD"] {
            assert!(!Location::is_known(code), "{code}");
        }
        let codes = Location::codes();
        assert!(codes.len() >= 249 + 2, "{}", codes.len());
        assert!(codes.iter().all(|c| Location::is_known(c)));
    }

    /// The law's own lists name countries by codes the register accepts.
    #[test]
    fn the_law_names_known_countries() {
        for code in ropa_law::territory::EEA {
            assert!(Location::is_known(code), "EEA: {code}");
        }
        for decision in ropa_law::adequacy::DECISIONS {
            assert!(
                Location::is_known(decision.country),
                "adequacy: {}",
                decision.country
            );
        }
    }
}
