//! `systems/<id>.json`: a system that holds personal data, how to scan it,
//! and its accepted data inventory.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, KnownGap, Location, PdId};

/// `systems/<id>.json`; the id is the file name.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    #[schemars(length(min = 1))]
    pub name: String,
    pub kind: SystemKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who in the organisation is responsible for the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Where the system runs.
    pub countries: Vec<Location>,
    /// The recipient (e.g. a hosting processor) that runs the system, if not the controller itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosted_by: Option<Id>,
    /// How to scan the system; `null` when it is not scanned.
    #[serde(default)]
    pub scan: Option<Scan>,
    /// Personal data known to be in the system (accepted from scans or entered by hand).
    pub inventory: Vec<InventoryEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<KnownGap>,
}

/// What kind of system it is, in the words plugins use too (`plugin-info`'s
/// `system-kinds` in `plugins/wit`): a plugin is told the same word, but
/// for a database its engine (`sqlite`, `postgresql`, from
/// `scan.grants.sql.engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    Database,
    Files,
    /// An HTTP API answering JSON.
    #[serde(rename = "http-json")]
    HttpJson,
    Saas,
    Other,
    /// `http_api`, the old name of `http-json`: still read, with a warning
    /// (rule S11), so registers written before keep working.
    #[serde(rename = "http_api")]
    #[schemars(extend("deprecated" = true))]
    LegacyHttpApi,
}

/// Which plugin scans the system and what it may touch. Secrets never appear
/// here: a connection is named by an environment variable.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scan {
    /// The plugin: a bundled plugin's name or a path to a `.wasm` component.
    #[schemars(length(min = 1))]
    pub plugin: String,
    /// Capabilities granted to the plugin for this system.
    pub grants: Grants,
    /// Plugin-specific configuration, passed to the plugin as is.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub config: serde_json::Map<String, serde_json::Value>,
    /// Bounds of one scan of this system, where the defaults do not suit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<ScanLimits>,
}

/// Overrides of a plugin run's bounds; anything unset keeps its default
/// (`plugins/README.md` lists them).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanLimits {
    /// Wall-clock time of the whole scan, waiting on the system included (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 86400))]
    pub time_seconds: Option<u64>,
    /// CPU time the plugin may use, its own code and the host's work on its
    /// calls; time spent waiting for the system or for a free core does not
    /// count (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 86400))]
    pub cpu_seconds: Option<u64>,
    /// Memory the plugin may use (default 256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 4096))]
    pub memory_mib: Option<u64>,
    /// Findings accepted from one scan (default 10000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub findings: Option<u64>,
    /// Rows the plugin may sample in all (default 1000000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rows: Option<u64>,
    /// Data the plugin may read in all, in MiB (default 1024).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub bytes_mib: Option<u64>,
    /// Log lines kept from one scan (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub log_lines: Option<u64>,
}

/// Capabilities a plugin gets for one system; anything not granted is refused.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grants {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql: Option<SqlGrant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<FilesGrant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpGrant>,
    /// Grants a data capability (`sql` or `files`) and `http` together,
    /// knowing that a hostile plugin could then send what it reads to the
    /// allowed hosts. Without it, that combination is an error (rule S10);
    /// with it, a warning.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub data_and_network: bool,
}

/// Read-only SQL on one database.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SqlGrant {
    pub engine: SqlEngine,
    /// SQLite: path of the database file, relative to the register's repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// PostgreSQL: the environment variable that holds the connection URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z_][A-Z0-9_]*$"))]
    pub url_env: Option<String>,
    /// Schemas to scan (PostgreSQL); all non-system schemas when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SqlEngine {
    Sqlite,
    Postgresql,
}

/// Read access under one directory.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesGrant {
    /// The granted root, relative to the register's repository.
    #[schemars(length(min = 1))]
    pub root: String,
}

/// HTTP GET on allow-listed hosts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpGrant {
    #[schemars(length(min = 1))]
    pub hosts: Vec<String>,
    /// The environment variable that holds a bearer token, if the API needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z_][A-Z0-9_]*$"))]
    pub token_env: Option<String>,
}

/// One place in the system known to hold a kind of personal data.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InventoryEntry {
    /// Where: `table.column`, `file#field` or `endpoint.field`.
    #[schemars(length(min = 1))]
    pub location: String,
    /// The kind of personal data found there.
    pub dpv: PdId,
    /// The register category it belongs to, once the DPO has linked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Id>,
    /// The scan that found it, or `manual`.
    #[schemars(length(min = 1))]
    pub source: String,
    pub accepted: Date,
}
