//! `fixture-echo`: a small, well-behaved plugin for the host's end-to-end tests.
//!
//! Config `mode`:
//! - `sql` (default): every table, every column, samples `sample-rows` rows;
//!   one finding per column whose name contains `mail`.
//! - `files`: walks the granted root; one finding per `.csv` header field
//!   named `email`.
//!
//! Its findings report config `category` (default `pd:EmailAddress`).
//! - `empty`: does nothing and returns a zero summary (per-system overhead).

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::files::{self, EntryKind};
use ropa::scanner::findings;
use ropa::scanner::log::{self, Level};
use ropa::scanner::sql;
use ropa::scanner::types::{
    Capability, CapabilityError, ColumnRef, ConfigEntry, ConfigKey, ConfigType, ConfigValue,
    FileField, Finding, Location, PluginInfo, ScanError, ScanSummary,
};

struct Plugin;

export!(Plugin);

const KINDS: [&str; 3] = ["sqlite", "postgresql", "files"];
/// How much of a CSV file is read looking for the end of its header line.
const HEADER_MAX: u32 = 64 * 1024;

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        PluginInfo {
            name: "fixture-echo".into(),
            version: "0.1.0".into(),
            description: "Test fixture: reports columns named like e-mail and CSV `email` headers"
                .into(),
            system_kinds: KINDS.iter().map(|k| k.to_string()).collect(),
            capabilities: vec![Capability::Sql, Capability::Files, Capability::Log],
            config: vec![
                ConfigKey {
                    name: "sample-rows".into(),
                    value_type: ConfigType::Integer,
                    description: "Rows sampled per table".into(),
                    required: false,
                    default_value: Some("10".into()),
                },
                ConfigKey {
                    name: "mode".into(),
                    value_type: ConfigType::Text,
                    description: "`sql`, `files` or `empty`".into(),
                    required: false,
                    default_value: Some("\"sql\"".into()),
                },
                ConfigKey {
                    name: "category".into(),
                    value_type: ConfigType::Text,
                    description: "The category its findings report (to try the host's refusals)".into(),
                    required: false,
                    default_value: Some("\"pd:EmailAddress\"".into()),
                },
            ],
            detectors: vec!["column-name".into()],
        }
    }

    fn scan(system_kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        if !KINDS.contains(&system_kind.as_str()) {
            return Err(ScanError::UnsupportedKind(system_kind));
        }
        let mut sample_rows: u32 = 10;
        let mut mode = String::from("sql");
        let mut category = String::from("pd:EmailAddress");
        for entry in config {
            match (entry.key.as_str(), entry.value) {
                ("sample-rows", ConfigValue::Integer(n)) => {
                    sample_rows = u32::try_from(n).ok().filter(|n| *n > 0).ok_or_else(|| {
                        ScanError::BadConfig(format!(
                            "sample-rows: {n} is not between 1 and 2^32-1"
                        ))
                    })?;
                }
                ("mode", ConfigValue::Text(m)) => mode = m,
                ("category", ConfigValue::Text(c)) => category = c,
                (key, _) => {
                    return Err(ScanError::BadConfig(format!(
                        "{key}: unknown key or wrong type"
                    )));
                }
            }
        }
        let mut summary = ScanSummary {
            findings_reported: 0,
            locations_examined: 0,
            values_sampled: 0,
            locations_skipped: 0,
            truncated: false,
        };
        match mode.as_str() {
            "sql" => scan_sql(sample_rows, &category, &mut summary)?,
            "files" => scan_files(&category, &mut summary)?,
            "empty" => {}
            other => {
                return Err(ScanError::BadConfig(format!(
                    "mode: `{other}` is not one of `sql`, `files`, `empty`"
                )));
            }
        }
        info(&format!(
            "done: {} findings, {} locations examined, {} skipped, {} values sampled{}",
            summary.findings_reported,
            summary.locations_examined,
            summary.locations_skipped,
            summary.values_sampled,
            if summary.truncated {
                " (truncated)"
            } else {
                ""
            }
        ));
        Ok(summary)
    }
}

fn info(text: &str) {
    let _ = log::message(Level::Info, text);
}

fn warn(text: &str) {
    let _ = log::message(Level::Warn, text);
}

/// Reports a finding and counts it. `false` means the findings budget is spent
/// and the scan should stop.
fn report(finding: Finding, summary: &mut ScanSummary) -> bool {
    match findings::report(&finding) {
        Ok(()) => {
            summary.findings_reported += 1;
            true
        }
        Err(CapabilityError::LimitExceeded) => {
            summary.truncated = true;
            false
        }
        Err(e) => {
            warn(&format!("finding refused: {e:?}"));
            true
        }
    }
}

fn scan_sql(sample_rows: u32, category: &str, summary: &mut ScanSummary) -> Result<(), ScanError> {
    let tables = sql::list_tables().map_err(ScanError::Capability)?;
    let total = tables.len() as u64;
    for (done, table) in tables.into_iter().enumerate() {
        let _ = log::progress(done as u64, Some(total), &format!("table {}", table.name));
        let columns = match sql::list_columns(&table) {
            Ok(c) => c,
            Err(CapabilityError::LimitExceeded) => {
                summary.truncated = true;
                break;
            }
            Err(e) => {
                warn(&format!("table {}: columns not listed: {e:?}", table.name));
                summary.locations_skipped += 1;
                continue;
            }
        };
        if columns.is_empty() {
            continue;
        }
        info(&format!(
            "sampling table {} ({} columns)",
            table.name,
            columns.len()
        ));
        let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
        let rows = match sql::sample(&table, &names, sample_rows) {
            Ok(r) => r,
            Err(CapabilityError::LimitExceeded) => {
                summary.truncated = true;
                break;
            }
            Err(e) => {
                warn(&format!("table {}: not sampled: {e:?}", table.name));
                summary.locations_skipped += names.len() as u64;
                continue;
            }
        };
        for (i, name) in names.into_iter().enumerate() {
            let values = rows
                .iter()
                .filter_map(|r| r.get(i).and_then(|v| v.as_deref()));
            let (mut sampled, mut matches) = (0u64, 0u64);
            for v in values {
                sampled += 1;
                if v.contains('@') {
                    matches += 1;
                }
            }
            summary.locations_examined += 1;
            summary.values_sampled += sampled;
            if name.to_lowercase().contains("mail") {
                let finding = Finding {
                    location: Location::Column(ColumnRef {
                        table: table.clone(),
                        column: name,
                    }),
                    category: category.into(),
                    confidence: 0.9,
                    matches,
                    sampled,
                    detector: "column-name".into(),
                };
                if !report(finding, summary) {
                    return Ok(());
                }
            }
        }
    }
    let _ = log::progress(total, Some(total), "tables done");
    Ok(())
}

fn scan_files(category: &str, summary: &mut ScanSummary) -> Result<(), ScanError> {
    // Depth-first walk; the root listing failing ends the scan, a
    // subdirectory failing is skipped.
    let root = files::list_dir(".").map_err(ScanError::Capability)?;
    let mut stack = vec![root];
    while let Some(entries) = stack.pop() {
        for entry in entries {
            match entry.kind {
                EntryKind::Directory => match files::list_dir(&entry.path) {
                    Ok(sub) => stack.push(sub),
                    Err(CapabilityError::LimitExceeded) => {
                        summary.truncated = true;
                        return Ok(());
                    }
                    Err(e) => {
                        warn(&format!("{}: not listed: {e:?}", entry.path));
                        summary.locations_skipped += 1;
                    }
                },
                EntryKind::File if entry.path.to_ascii_lowercase().ends_with(".csv") => {
                    info(&format!("reading header of {}", entry.path));
                    let header = match read_header(&entry.path) {
                        Ok(h) => h,
                        Err(CapabilityError::LimitExceeded) => {
                            summary.truncated = true;
                            return Ok(());
                        }
                        Err(e) => {
                            warn(&format!("{}: not read: {e:?}", entry.path));
                            summary.locations_skipped += 1;
                            continue;
                        }
                    };
                    for field in header.split(',') {
                        let field = field.trim().trim_matches('"').trim();
                        summary.locations_examined += 1;
                        if field.eq_ignore_ascii_case("email") {
                            let finding = Finding {
                                location: Location::File(FileField {
                                    path: entry.path.clone(),
                                    field: Some(field.to_string()),
                                }),
                                category: category.into(),
                                confidence: 0.9,
                                matches: 0,
                                sampled: 0,
                                detector: "column-name".into(),
                            };
                            if !report(finding, summary) {
                                return Ok(());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The first line of a file (without the line break), reading at most
/// `HEADER_MAX` bytes.
fn read_header(path: &str) -> Result<String, CapabilityError> {
    let mut buf: Vec<u8> = Vec::new();
    while (buf.len() as u32) < HEADER_MAX {
        let chunk = files::read(path, buf.len() as u64, HEADER_MAX - buf.len() as u32)?;
        if chunk.is_empty() {
            break;
        }
        buf.extend_from_slice(&chunk);
        if buf.contains(&b'\n') {
            break;
        }
    }
    let end = buf.iter().position(|b| *b == b'\n').unwrap_or(buf.len());
    let line = String::from_utf8_lossy(&buf[..end]);
    let line = line.trim_end_matches('\r');
    Ok(line.strip_prefix('\u{feff}').unwrap_or(line).to_string())
}
