//! Helpers for writing a plugin (only when building for WebAssembly): the
//! host's imports behind the SDK's native traits, and conversions between
//! the SDK's types and the generated WIT types.
//!
//! A whole plugin, with the scanning logic of [`crate::scanner::database`]:
//!
//! ```ignore
//! use ropa_plugin_sdk::bindings::exports::ropa::scanner::plugin::Guest;
//! use ropa_plugin_sdk::bindings::ropa::scanner::types::{ConfigEntry, PluginInfo, ScanError, ScanSummary};
//! use ropa_plugin_sdk::guest::{self, HostSql};
//! use ropa_plugin_sdk::scanner::database;
//!
//! struct Plugin;
//! ropa_plugin_sdk::export_plugin!(Plugin);
//!
//! impl Guest for Plugin {
//!     fn describe() -> PluginInfo {
//!         guest::plugin_info(&database::SPEC, env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
//!     }
//!     fn scan(kind: String, config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
//!         guest::run(&kind, config, |kind, config, sink| database::scan(&mut HostSql, sink, kind, config))
//!     }
//! }
//! ```
//!
//! Like the rest of the SDK these helpers are value-free: what they hand to
//! the host ([`HostSink`], the `*_finding` conversions) is built from
//! [`ColumnFinding`]s and names of places, never from a value read.

use crate::ColumnFinding;
use crate::bindings::ropa::scanner::types as wit;
use crate::bindings::ropa::scanner::{files, findings, http, log, sql};
use crate::config::{Config, ConfigKey, ConfigType, ConfigValue};
use crate::reader::ChunkReader;
use crate::scanner::PluginSpec;
use crate::source::{
    Capability, ColumnInfo, DirEntry, EntryKind, FileSource, Finding, HttpResponse, HttpSource,
    Level, Location, Row, ScanError, ScanSummary, Sink, SourceError, SqlSource, TableRef,
};

impl From<wit::CapabilityError> for SourceError {
    fn from(e: wit::CapabilityError) -> SourceError {
        match e {
            wit::CapabilityError::NotGranted => SourceError::NotGranted,
            wit::CapabilityError::LimitExceeded => SourceError::LimitExceeded,
            wit::CapabilityError::NotFound => SourceError::NotFound,
            wit::CapabilityError::Invalid(s) => SourceError::Invalid(s),
            wit::CapabilityError::Failed(s) => SourceError::Failed(s),
        }
    }
}

impl From<SourceError> for wit::CapabilityError {
    fn from(e: SourceError) -> wit::CapabilityError {
        match e {
            SourceError::NotGranted => wit::CapabilityError::NotGranted,
            SourceError::LimitExceeded => wit::CapabilityError::LimitExceeded,
            SourceError::NotFound => wit::CapabilityError::NotFound,
            SourceError::Invalid(s) => wit::CapabilityError::Invalid(s),
            SourceError::Failed(s) => wit::CapabilityError::Failed(s),
        }
    }
}

impl From<&TableRef> for wit::TableRef {
    fn from(t: &TableRef) -> wit::TableRef {
        wit::TableRef {
            schema: t.schema.clone(),
            name: t.name.clone(),
        }
    }
}

impl From<wit::TableRef> for TableRef {
    fn from(t: wit::TableRef) -> TableRef {
        TableRef {
            schema: t.schema,
            name: t.name,
        }
    }
}

impl From<&Location> for wit::Location {
    fn from(l: &Location) -> wit::Location {
        match l {
            Location::Column { table, column } => wit::Location::Column(wit::ColumnRef {
                table: table.into(),
                column: column.clone(),
            }),
            Location::File { path, field } => wit::Location::File(wit::FileField {
                path: path.clone(),
                field: field.clone(),
            }),
            Location::Endpoint { endpoint, field } => wit::Location::Endpoint(wit::EndpointField {
                endpoint: endpoint.clone(),
                field: field.clone(),
            }),
        }
    }
}

impl From<&Finding> for wit::Finding {
    fn from(f: &Finding) -> wit::Finding {
        wit::Finding {
            location: (&f.location).into(),
            category: f.category.to_string(),
            confidence: f.confidence,
            matches: f.matches,
            sampled: f.sampled,
            detector: f.detector.to_string(),
        }
    }
}

/// A WIT finding for a database column.
pub fn column_finding(table: &wit::TableRef, column: &str, f: &ColumnFinding) -> wit::Finding {
    let location = Location::Column {
        table: TableRef {
            schema: table.schema.clone(),
            name: table.name.clone(),
        },
        column: column.to_string(),
    };
    (&Finding::at(location, f)).into()
}

/// A WIT finding for a field of a file (`field`: a CSV header or a JSON
/// pointer; `None` for the file's free text).
pub fn file_finding(path: &str, field: Option<&str>, f: &ColumnFinding) -> wit::Finding {
    let location = Location::File {
        path: path.to_string(),
        field: field.map(str::to_string),
    };
    (&Finding::at(location, f)).into()
}

/// A WIT finding for a field (a JSON pointer) of an endpoint's responses.
pub fn endpoint_finding(endpoint: &str, field: &str, f: &ColumnFinding) -> wit::Finding {
    let location = Location::Endpoint {
        endpoint: endpoint.to_string(),
        field: field.to_string(),
    };
    (&Finding::at(location, f)).into()
}

/// The configuration entries `scan` was given, as a [`Config`] to read
/// typed values with defaults from.
pub fn config(entries: Vec<wit::ConfigEntry>) -> Config {
    Config::new(entries.into_iter().map(|e| {
        let value = match e.value {
            wit::ConfigValue::Text(s) => ConfigValue::Text(s),
            wit::ConfigValue::Integer(n) => ConfigValue::Integer(n),
            wit::ConfigValue::Boolean(b) => ConfigValue::Boolean(b),
            wit::ConfigValue::TextList(l) => ConfigValue::TextList(l),
            wit::ConfigValue::Json(s) => ConfigValue::Json(s),
        };
        (e.key, value)
    }))
}

fn config_key(k: &ConfigKey) -> wit::ConfigKey {
    wit::ConfigKey {
        name: k.name.to_string(),
        value_type: match k.value_type {
            ConfigType::Text => wit::ConfigType::Text,
            ConfigType::Integer => wit::ConfigType::Integer,
            ConfigType::Boolean => wit::ConfigType::Boolean,
            ConfigType::TextList => wit::ConfigType::TextList,
            ConfigType::Json => wit::ConfigType::Json,
        },
        description: k.description.to_string(),
        required: k.required,
        default_value: k.default_value.map(str::to_string),
    }
}

/// What `describe` answers for a scanner described by `spec`; `name` and
/// `version` are the plugin crate's (`env!("CARGO_PKG_NAME")`,
/// `env!("CARGO_PKG_VERSION")`).
pub fn plugin_info(spec: &PluginSpec, name: &str, version: &str) -> wit::PluginInfo {
    wit::PluginInfo {
        name: name.to_string(),
        version: version.to_string(),
        description: spec.description.to_string(),
        system_kinds: spec.system_kinds.iter().map(|s| s.to_string()).collect(),
        capabilities: spec
            .capabilities
            .iter()
            .map(|c| match c {
                Capability::Sql => wit::Capability::Sql,
                Capability::Files => wit::Capability::Files,
                Capability::Http => wit::Capability::Http,
                Capability::Log => wit::Capability::Log,
            })
            .collect(),
        config: spec.config.iter().map(config_key).collect(),
        detectors: crate::detectors().map(str::to_string).collect(),
    }
}

impl From<ScanSummary> for wit::ScanSummary {
    fn from(s: ScanSummary) -> wit::ScanSummary {
        wit::ScanSummary {
            findings_reported: s.findings_reported,
            locations_examined: s.locations_examined,
            values_sampled: s.values_sampled,
            locations_skipped: s.locations_skipped,
            truncated: s.truncated,
        }
    }
}

impl From<ScanError> for wit::ScanError {
    fn from(e: ScanError) -> wit::ScanError {
        match e {
            ScanError::BadConfig(s) => wit::ScanError::BadConfig(s),
            ScanError::UnsupportedKind(s) => wit::ScanError::UnsupportedKind(s),
            ScanError::Capability(c) => wit::ScanError::Capability(c.into()),
            ScanError::Failed(s) => wit::ScanError::Failed(s),
        }
    }
}

/// Runs a scan written against the SDK's traits as the body of
/// `Guest::scan`: the configuration converted, findings and log lines sent
/// to the host through a [`HostSink`], the result converted back.
pub fn run(
    system_kind: &str,
    config_entries: Vec<wit::ConfigEntry>,
    scan: impl FnOnce(&str, &Config, &mut HostSink) -> Result<ScanSummary, ScanError>,
) -> Result<wit::ScanSummary, wit::ScanError> {
    let config = config(config_entries);
    let mut sink = HostSink;
    scan(system_kind, &config, &mut sink)
        .map(Into::into)
        .map_err(Into::into)
}

/// The host's `sql` interface as a [`SqlSource`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HostSql;

impl SqlSource for HostSql {
    fn list_tables(&mut self) -> Result<Vec<TableRef>, SourceError> {
        Ok(sql::list_tables()?.into_iter().map(Into::into).collect())
    }

    fn list_columns(&mut self, table: &TableRef) -> Result<Vec<ColumnInfo>, SourceError> {
        let cols = sql::list_columns(&table.into())?;
        Ok(cols
            .into_iter()
            .map(|c| ColumnInfo {
                name: c.name,
                data_type: c.data_type,
                nullable: c.nullable,
            })
            .collect())
    }

    fn row_count_estimate(&mut self, table: &TableRef) -> Result<Option<u64>, SourceError> {
        Ok(sql::row_count_estimate(&table.into())?)
    }

    fn sample(
        &mut self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
    ) -> Result<Vec<Row>, SourceError> {
        Ok(sql::sample(&table.into(), columns, limit)?)
    }
}

/// The host's `files` interface as a [`FileSource`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HostFiles;

impl FileSource for HostFiles {
    fn list_dir(&mut self, path: &str) -> Result<Vec<DirEntry>, SourceError> {
        Ok(files::list_dir(path)?
            .into_iter()
            .map(|e| DirEntry {
                path: e.path,
                kind: match e.kind {
                    files::EntryKind::File => EntryKind::File,
                    files::EntryKind::Directory => EntryKind::Directory,
                    files::EntryKind::Other => EntryKind::Other,
                },
                size: e.size,
            })
            .collect())
    }

    fn read(&mut self, path: &str, offset: u64, length: u32) -> Result<Vec<u8>, SourceError> {
        Ok(files::read(path, offset, length)?)
    }
}

/// A reader of one file through the host's `files.read`, in chunks of
/// 1 MiB, at most `cap` bytes: `while let Some(chunk) = r.next_chunk()? {…}`.
pub fn file_reader<'a>(
    host: &'a mut HostFiles,
    path: &'a str,
    cap: u64,
) -> ChunkReader<'a, HostFiles> {
    ChunkReader::new(host, path, cap)
}

/// The host's `http` interface as an [`HttpSource`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HostHttp;

impl HttpSource for HostHttp {
    fn get(&mut self, url: &str, max_body: u64) -> Result<HttpResponse, SourceError> {
        let r = http::get(url, max_body)?;
        Ok(HttpResponse {
            status: r.status,
            content_type: r.content_type,
            body: r.body,
            truncated: r.truncated,
        })
    }
}

/// The host's `findings` and `log` interfaces as a [`Sink`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HostSink;

impl Sink for HostSink {
    fn report(&mut self, finding: &Finding) -> Result<(), SourceError> {
        Ok(findings::report(&finding.into())?)
    }

    fn log(&mut self, level: Level, message: &str) {
        let level = match level {
            Level::Trace => log::Level::Trace,
            Level::Debug => log::Level::Debug,
            Level::Info => log::Level::Info,
            Level::Warn => log::Level::Warn,
            Level::Error => log::Level::Error,
        };
        // A refused or rate-limited log line is not worth failing over.
        let _ = log::message(level, message);
    }

    fn progress(&mut self, done: u64, total: Option<u64>, step: &str) {
        let _ = log::progress(done, total, step);
    }
}
