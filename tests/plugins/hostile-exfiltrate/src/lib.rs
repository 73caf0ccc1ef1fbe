//! `hostile-exfiltrate`: reads a value from the system and tries to get it
//! into the findings file through one channel, chosen by the `mode` key:
//!
//! - `log`: hex, base64, reversed and split copies in log lines, and the
//!   value in a progress step;
//! - `detector`: a detector name made of the value (not declared);
//! - `kind`: a made-up category `pd:X<hex>`;
//! - `error`: the value in the scan's error text;
//! - `panic`: the value in a panic message;
//! - `summary`: the value's bytes as the summary's counters;
//! - `numbers`: the value's bytes in `sampled`, `matches` and `confidence`
//!   of otherwise normal findings, one byte per finding;
//! - `csv-first-line`: the first line of a header-less CSV file as a field;
//! - `json-keys`: a JSON object's keys that are e-mail addresses in a
//!   field's pointer;
//! - `http-path`: GET `<target>/<hex of the value>` on an allowed host,
//!   then that path as an endpoint;
//! - `repeat`: one place and kind reported again and again with other
//!   numbers;
//! - `hoard`: reads every file of the root in 1 MiB chunks and keeps
//!   nothing, so that only the host's own record of what it handed out
//!   grows (the keys of a JSON file, say);
//! - `escape`: terminal escape codes in log lines, a progress step and the
//!   error text, to rewrite what the operator sees (its description has
//!   one too).
//!
//! Each mode also reports one honest finding, so a test can tell that the
//! run went through. The host must keep the value out of everything saved.

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::types::{
    Capability, ColumnRef, ConfigEntry, ConfigKey, ConfigType, ConfigValue, EndpointField,
    FileField, Finding, Location, PluginInfo, ScanError, ScanSummary, TableRef,
};
use ropa::scanner::{files, findings, http, log, sql};

struct Plugin;

export!(Plugin);

fn text(config: &[ConfigEntry], key: &str) -> String {
    config
        .iter()
        .find(|e| e.key == key)
        .and_then(|e| match &e.value {
            ConfigValue::Text(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn hex(value: &str) -> String {
    value.bytes().map(|b| format!("{b:02x}")).collect()
}

fn base64(value: &str) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in value.as_bytes().chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The first table, its columns and the first non-null value of the first
/// column, with how many values were sampled.
fn from_sql() -> Result<(TableRef, Vec<String>, String, u64), ScanError> {
    let table = sql::list_tables()
        .map_err(ScanError::Capability)?
        .into_iter()
        .next()
        .ok_or_else(|| ScanError::Failed("no table".into()))?;
    let columns: Vec<String> = sql::list_columns(&table)
        .map_err(ScanError::Capability)?
        .into_iter()
        .map(|c| c.name)
        .collect();
    let rows = sql::sample(&table, &columns[..1], 10).map_err(ScanError::Capability)?;
    let sampled = rows.iter().filter(|r| r[0].is_some()).count() as u64;
    let value = rows
        .into_iter()
        .find_map(|r| r.into_iter().next().flatten())
        .ok_or_else(|| ScanError::Failed("no value".into()))?;
    Ok((table, columns, value, sampled))
}

fn column(table: &TableRef, column: &str, sampled: u64) -> Finding {
    Finding {
        location: Location::Column(ColumnRef {
            table: table.clone(),
            column: column.to_owned(),
        }),
        category: "pd:EmailAddress".into(),
        confidence: 0.9,
        matches: sampled,
        sampled,
        detector: "email".into(),
    }
}

fn file(path: &str, field: Option<&str>) -> Finding {
    Finding {
        location: Location::File(FileField {
            path: path.to_owned(),
            field: field.map(str::to_owned),
        }),
        category: "pd:EmailAddress".into(),
        confidence: 0.9,
        matches: 1,
        sampled: 2,
        detector: "email".into(),
    }
}

fn read_all(path: &str) -> Result<String, ScanError> {
    let bytes = files::read(path, 0, 1 << 16).map_err(ScanError::Capability)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn done(reported: u64) -> ScanSummary {
    ScanSummary {
        findings_reported: reported,
        locations_examined: 1,
        values_sampled: 1,
        locations_skipped: 0,
        truncated: false,
    }
}

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        PluginInfo {
            name: env!("CARGO_PKG_NAME").into(),
            version: "0.1.0".into(),
            description:
                "Hostile test plugin: tries to get a value it read into the findings\u{1b}[2K\rcapabilities: (none)"
                    .into(),
            system_kinds: vec!["sqlite".into(), "files".into(), "http-json".into()],
            capabilities: vec![
                Capability::Sql,
                Capability::Files,
                Capability::Http,
                Capability::Log,
            ],
            config: vec![
                ConfigKey {
                    name: "mode".into(),
                    value_type: ConfigType::Text,
                    description: "which channel to try".into(),
                    required: true,
                    default_value: None,
                },
                ConfigKey {
                    name: "target".into(),
                    value_type: ConfigType::Text,
                    description: "base URL for the http-path mode".into(),
                    required: false,
                    default_value: Some("\"\"".into()),
                },
            ],
            detectors: vec!["email".into(), "column-name".into()],
        }
    }

    fn scan(_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let report = |f: &Finding| findings::report(f).is_ok();
        match text(&config, "mode").as_str() {
            "log" => {
                let (table, columns, value, sampled) = from_sql()?;
                let half = value.len() / 2;
                for line in [
                    hex(&value),
                    base64(&value),
                    value.chars().rev().collect(),
                    value[..half].to_owned(),
                    value[half..].to_owned(),
                    value.clone(),
                ] {
                    let _ = log::message(log::Level::Warn, &line);
                }
                let _ = log::progress(1, None, &hex(&value));
                report(&column(&table, &columns[1], sampled));
                Ok(done(1))
            }
            "detector" => {
                let (table, columns, value, sampled) = from_sql()?;
                let mut f = column(&table, &columns[1], sampled);
                f.detector = format!("x{}", hex(&value)[..40].to_owned());
                report(&f);
                report(&column(&table, &columns[1], sampled));
                Ok(done(1))
            }
            "kind" => {
                let (table, columns, value, sampled) = from_sql()?;
                let mut f = column(&table, &columns[1], sampled);
                f.category = format!("pd:X{}", hex(&value));
                report(&f);
                report(&column(&table, &columns[1], sampled));
                Ok(done(1))
            }
            "error" => {
                let (table, columns, value, sampled) = from_sql()?;
                report(&column(&table, &columns[1], sampled));
                Err(ScanError::Failed(format!("{} {}", hex(&value), value)))
            }
            "panic" => {
                let (table, columns, value, sampled) = from_sql()?;
                report(&column(&table, &columns[1], sampled));
                panic!("{} {}", hex(&value), value);
            }
            "summary" => {
                let (table, columns, value, sampled) = from_sql()?;
                report(&column(&table, &columns[1], sampled));
                let mut bytes = [0u8; 40];
                for (b, v) in bytes.iter_mut().zip(value.bytes()) {
                    *b = v;
                }
                let word = |i: usize| u64::from_le_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap());
                Ok(ScanSummary {
                    findings_reported: word(0),
                    locations_examined: word(1),
                    values_sampled: word(2),
                    locations_skipped: word(3),
                    truncated: false,
                })
            }
            "numbers" => {
                let (table, columns, value, _) = from_sql()?;
                let bytes = value.as_bytes();
                // Eight bytes in `sampled`, seven in `matches`, one in the
                // confidence; then one byte per column in `sampled`.
                let mut first = column(&table, &columns[1], 0);
                let mut eight = [0u8; 8];
                eight.copy_from_slice(&bytes[..8]);
                first.sampled = u64::from_le_bytes(eight) | 1 << 63;
                first.matches = u64::from_le_bytes(eight) & 0x00ff_ffff_ffff_ffff;
                first.confidence = f32::from(bytes[8]) / 255.0;
                report(&first);
                for (i, c) in columns.iter().enumerate().skip(2) {
                    let mut f = column(&table, c, 0);
                    f.sampled = 256 + u64::from(bytes[i % bytes.len()]);
                    f.matches = f.sampled;
                    report(&f);
                }
                Ok(done(1))
            }
            "csv-first-line" => {
                let _ = files::list_dir(".").map_err(ScanError::Capability)?;
                let content = read_all("people.csv")?;
                let line = content.lines().next().unwrap_or_default();
                let first_field = line.split(',').next().unwrap_or_default();
                report(&file("people.csv", Some(line)));
                report(&file("people.csv", Some(first_field)));
                report(&file("people.csv", Some("1")));
                Ok(done(1))
            }
            "json-keys" => {
                let _ = files::list_dir(".").map_err(ScanError::Capability)?;
                let content = read_all("users.json")?;
                // The first key that holds an `@`.
                let key = content
                    .split('"')
                    .find(|s| s.contains('@'))
                    .unwrap_or_default()
                    .to_owned();
                report(&file("users.json", Some(&format!("/users/{key}/naam"))));
                report(&file("users.json", Some("/users/*/naam")));
                Ok(done(1))
            }
            "http-path" => {
                let (table, columns, value, sampled) = from_sql()?;
                let target = text(&config, "target");
                let path = format!("/{}", hex(&value));
                let _ = http::get(&format!("{target}{path}"), 1024);
                report(&Finding {
                    location: Location::Endpoint(EndpointField {
                        endpoint: path,
                        field: "/email".into(),
                    }),
                    category: "pd:EmailAddress".into(),
                    confidence: 0.9,
                    matches: 1,
                    sampled: 1,
                    detector: "email".into(),
                });
                report(&column(&table, &columns[1], sampled));
                Ok(done(1))
            }
            "repeat" => {
                let (table, columns, value, sampled) = from_sql()?;
                report(&column(&table, &columns[1], sampled));
                for b in value.bytes() {
                    let mut f = column(&table, &columns[1], sampled);
                    f.matches = u64::from(b) % (sampled + 1);
                    report(&f);
                }
                Ok(done(1))
            }
            "hoard" => {
                let entries = files::list_dir(".").map_err(ScanError::Capability)?;
                for entry in entries {
                    let mut offset = 0;
                    loop {
                        let chunk = files::read(&entry.path, offset, 1 << 20)
                            .map_err(ScanError::Capability)?;
                        if chunk.is_empty() {
                            break;
                        }
                        offset += chunk.len() as u64;
                    }
                }
                Ok(done(0))
            }
            "escape" => {
                let _ = log::message(
                    log::Level::Error,
                    "\u{1b}[1A\u{1b}[2K\rScanned 1 systems: 1 ok, 0 failed.\u{202e}",
                );
                let _ = log::progress(1, None, "\u{1b}]0;owned\u{7}");
                Err(ScanError::Failed("\u{1b}[2K\rcapabilities: (none)".into()))
            }
            other => Err(ScanError::BadConfig(format!("unknown mode {other}"))),
        }
    }
}
