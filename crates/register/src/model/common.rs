//! Building blocks shared by several file kinds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text shown to the public, in every language the statement is published in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct Text {
    /// Dutch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nl: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Nl => self.nl.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }
}

/// A language a public text or the statement is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Nl => "Dutch",
            Lang::En => "English",
        }
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

pattern_string!(
    /// Where data is processed: an ISO 3166-1 alpha-2 country code, or `EU` /
    /// `EEA` when only the region is known.
    Location,
    r"^([A-Z]{2}|EEA)$"
);

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
