//! A plugin's configuration: the keys it declares ([`ConfigKey`], for
//! `describe`) and typed reads of the values a system's entry sets
//! ([`Config`], for `scan`), with defaults.
//!
//! Keys are matched without regard to case or to `-` versus `_`, so
//! `sample-rows` and `sample_rows` are the same key.

use crate::source::ScanError;

/// The type of a configuration value (WIT `config-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigType {
    /// Free text.
    Text,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of texts.
    TextList,
    /// Any JSON value as its JSON text.
    Json,
}

/// A configuration value (WIT `config-value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigValue {
    /// For [`ConfigType::Text`].
    Text(String),
    /// For [`ConfigType::Integer`].
    Integer(i64),
    /// For [`ConfigType::Boolean`].
    Boolean(bool),
    /// For [`ConfigType::TextList`].
    TextList(Vec<String>),
    /// For [`ConfigType::Json`].
    Json(String),
}

/// One configuration key a plugin understands (WIT `config-key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigKey {
    /// The key, kebab-case (`sample-rows`).
    pub name: &'static str,
    /// The type its value must have.
    pub value_type: ConfigType,
    /// What it does, for `ropa plugin inspect`.
    pub description: &'static str,
    /// Whether a system must set it.
    pub required: bool,
    /// The default as it would be written in the register's JSON.
    pub default_value: Option<&'static str>,
}

fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            let n = |c: u8| {
                if c == b'_' {
                    b'-'
                } else {
                    c.to_ascii_lowercase()
                }
            };
            n(x) == n(y)
        })
}

/// The configured values of one scan, read by key with defaults.
///
/// ```
/// use ropa_plugin_sdk::config::{Config, ConfigValue};
/// let config = Config::new([("sample_rows".to_string(), ConfigValue::Integer(50))]);
/// assert_eq!(config.integer("sample-rows", 200).unwrap(), 50);
/// assert_eq!(config.integer("max-depth", 16).unwrap(), 16);
/// assert!(config.text_list("include-tables").unwrap().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    entries: Vec<(String, ConfigValue)>,
}

impl Config {
    /// The configuration made of these entries.
    pub fn new(entries: impl IntoIterator<Item = (String, ConfigValue)>) -> Config {
        Config {
            entries: entries.into_iter().collect(),
        }
    }

    /// The entries, as given.
    pub fn entries(&self) -> &[(String, ConfigValue)] {
        &self.entries
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&ConfigValue> {
        self.entries
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
    }

    /// Refuses keys that `keys` does not declare and declared keys that are
    /// required but missing. (The host checks this before a scan; a plugin
    /// checks again so that a native run behaves the same.)
    pub fn check(&self, keys: &[ConfigKey]) -> Result<(), ScanError> {
        for (k, _) in &self.entries {
            if !keys.iter().any(|d| same_key(d.name, k)) {
                let known: Vec<&str> = keys.iter().map(|d| d.name).collect();
                return Err(ScanError::BadConfig(format!(
                    "unknown key `{k}`; this plugin understands {}",
                    known.join(", ")
                )));
            }
        }
        for d in keys {
            if d.required && self.get(d.name).is_none() {
                return Err(ScanError::BadConfig(format!(
                    "`{}` is required: {}",
                    d.name, d.description
                )));
            }
        }
        Ok(())
    }

    fn wrong(key: &str, want: &str) -> ScanError {
        ScanError::BadConfig(format!("`{key}` must be {want}"))
    }

    /// A whole number, `default` when unset. A text holding a number is
    /// accepted too.
    pub fn integer(&self, key: &str, default: i64) -> Result<i64, ScanError> {
        match self.get(key) {
            None => Ok(default),
            Some(ConfigValue::Integer(n)) => Ok(*n),
            Some(ConfigValue::Text(t) | ConfigValue::Json(t)) => t
                .trim()
                .parse()
                .map_err(|_| Config::wrong(key, "a whole number")),
            Some(_) => Err(Config::wrong(key, "a whole number")),
        }
    }

    /// A whole number in `min..=max`, `default` when unset.
    pub fn integer_in(
        &self,
        key: &str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Result<i64, ScanError> {
        let n = self.integer(key, default)?;
        if (min..=max).contains(&n) {
            Ok(n)
        } else {
            Err(ScanError::BadConfig(format!(
                "`{key}` is {n}; it must lie between {min} and {max}"
            )))
        }
    }

    /// `true` or `false`, `default` when unset.
    pub fn boolean(&self, key: &str, default: bool) -> Result<bool, ScanError> {
        match self.get(key) {
            None => Ok(default),
            Some(ConfigValue::Boolean(b)) => Ok(*b),
            Some(ConfigValue::Text(t) | ConfigValue::Json(t)) => match t.trim() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(Config::wrong(key, "true or false")),
            },
            Some(_) => Err(Config::wrong(key, "true or false")),
        }
    }

    /// A text, `None` when unset.
    pub fn text(&self, key: &str) -> Result<Option<&str>, ScanError> {
        match self.get(key) {
            None => Ok(None),
            Some(ConfigValue::Text(t)) => Ok(Some(t)),
            Some(_) => Err(Config::wrong(key, "a text")),
        }
    }

    /// A list of texts, empty when unset. A single text counts as a list of
    /// one.
    pub fn text_list(&self, key: &str) -> Result<Vec<String>, ScanError> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(ConfigValue::TextList(l)) => Ok(l.clone()),
            Some(ConfigValue::Text(t)) => Ok(vec![t.clone()]),
            Some(_) => Err(Config::wrong(key, "a list of texts")),
        }
    }
}

/// Whether `text` matches the glob `pattern`, ignoring ASCII case: `*`
/// stands for any run of characters (also none, also `/`), `?` for one.
///
/// ```
/// use ropa_plugin_sdk::config::glob_match;
/// assert!(glob_match("audit_*", "AUDIT_LOG"));
/// assert!(glob_match("*.min.js", "static/app.min.js"));
/// assert!(!glob_match("customers", "customers_archive"));
/// ```
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let t: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[ConfigKey] = &[
        ConfigKey {
            name: "sample-rows",
            value_type: ConfigType::Integer,
            description: "rows",
            required: false,
            default_value: Some("200"),
        },
        ConfigKey {
            name: "endpoints",
            value_type: ConfigType::TextList,
            description: "the endpoints",
            required: true,
            default_value: None,
        },
    ];

    #[test]
    fn typed_reads_and_checks() {
        let c = Config::new([
            ("Sample_Rows".into(), ConfigValue::Integer(10)),
            ("endpoints".into(), ConfigValue::TextList(vec!["/a".into()])),
        ]);
        assert!(c.check(KEYS).is_ok());
        assert_eq!(c.integer("sample-rows", 1).unwrap(), 10);
        assert!(c.integer_in("sample-rows", 1, 20, 30).is_err());
        assert!(c.boolean("endpoints", false).is_err());
        assert_eq!(c.text_list("endpoints").unwrap(), ["/a"]);
        let missing = Config::default();
        assert!(
            matches!(missing.check(KEYS), Err(ScanError::BadConfig(m)) if m.contains("endpoints"))
        );
        let unknown = Config::new([("nope".into(), ConfigValue::Boolean(true))]);
        assert!(matches!(unknown.check(KEYS), Err(ScanError::BadConfig(m)) if m.contains("nope")));
        let text = Config::new([("sample-rows".into(), ConfigValue::Text(" 42 ".into()))]);
        assert_eq!(text.integer("sample-rows", 1).unwrap(), 42);
    }

    #[test]
    fn globs() {
        assert!(glob_match("*", ""));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(!glob_match("a*b*c", "aXXbYY"));
        assert!(glob_match("public.*", "public.customers"));
        assert!(glob_match("tmp_?", "TMP_1"));
    }
}
