//! A system's `scan.config` held against the keys the plugin declared:
//! unknown keys, wrong types and missing required keys are refused before
//! the plugin runs; defaults are filled in.

use serde::Serialize;
use serde_json::Value;

use super::bindings::types::{ConfigEntry, ConfigKey, ConfigType, ConfigValue};

/// One configuration key a plugin understands.
#[derive(Debug, Clone, Serialize)]
pub struct Key {
    pub name: String,
    /// `text`, `integer`, `boolean`, `text-list` or `json`.
    pub value_type: &'static str,
    pub description: String,
    pub required: bool,
    pub default: Option<String>,
}

impl From<ConfigKey> for Key {
    fn from(key: ConfigKey) -> Key {
        Key {
            name: key.name,
            value_type: type_name(key.value_type),
            description: key.description,
            required: key.required,
            default: key.default_value,
        }
    }
}

fn type_name(t: ConfigType) -> &'static str {
    match t {
        ConfigType::Text => "text",
        ConfigType::Integer => "integer",
        ConfigType::Boolean => "boolean",
        ConfigType::TextList => "text-list",
        ConfigType::Json => "json",
    }
}

/// Checks `config` against `keys` and converts it; the error names the key.
pub(crate) fn entries(
    keys: &[Key],
    config: &serde_json::Map<String, Value>,
) -> Result<Vec<ConfigEntry>, String> {
    for name in config.keys() {
        if !keys.iter().any(|k| &k.name == name) {
            let known: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
            return Err(format!(
                "scan.config has the key {name:?}, which the plugin does not know (it knows: {})",
                if known.is_empty() {
                    "no keys".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        }
    }
    let mut entries = Vec::new();
    for key in keys {
        let value = match (config.get(&key.name), &key.default) {
            (Some(value), _) => value.clone(),
            (None, Some(default)) => serde_json::from_str(default)
                .map_err(|e| format!("the plugin's default for {:?} is not JSON: {e}", key.name))?,
            (None, None) if key.required => {
                return Err(format!(
                    "scan.config lacks {:?}, which the plugin requires: {}",
                    key.name, key.description
                ));
            }
            (None, None) => continue,
        };
        entries.push(ConfigEntry {
            key: key.name.clone(),
            value: convert(key, value)?,
        });
    }
    Ok(entries)
}

fn convert(key: &Key, value: Value) -> Result<ConfigValue, String> {
    let wrong = |value: &Value| {
        format!(
            "scan.config.{} must be {} ({}), not {value}",
            key.name,
            match key.value_type {
                "integer" => "a whole number",
                "boolean" => "true or false",
                "text-list" => "a list of texts",
                "text" => "a text",
                _ => "JSON",
            },
            key.description
        )
    };
    Ok(match key.value_type {
        "text" => ConfigValue::Text(value.as_str().ok_or_else(|| wrong(&value))?.to_owned()),
        "integer" => ConfigValue::Integer(value.as_i64().ok_or_else(|| wrong(&value))?),
        "boolean" => ConfigValue::Boolean(value.as_bool().ok_or_else(|| wrong(&value))?),
        "text-list" => {
            let items = value.as_array().ok_or_else(|| wrong(&value))?;
            let texts: Option<Vec<String>> = items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect();
            ConfigValue::TextList(texts.ok_or_else(|| wrong(&value))?)
        }
        _ => ConfigValue::Json(value.to_string()),
    })
}
