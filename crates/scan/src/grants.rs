//! From a system's entry to open connectors: what its `scan.grants` allow,
//! resolved against the register's location, opened read-only. Secrets are
//! read from the environment variables the entry names, here and only here.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::plugin::Grants;
use ropa_connect::{
    FilesConnector, HttpConnector, PostgresConnector, SqlConnection, SqliteConnector,
};
use ropa_register::model::{self, SqlEngine, SystemFile, SystemKind};

/// How long opening a database may wait for a lock.
const OPEN_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one HTTP request may take (the run's deadline may cut it sooner).
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The kind of system a plugin is told it scans.
pub fn system_kind(system: &SystemFile) -> String {
    scan_kind(system.kind, system.scan.as_ref().map(|s| &s.grants))
}

/// The kind of system a plugin is told it scans, from the register's
/// `kind` of the system and what its entry grants: a database's engine, or
/// what is granted where the kind says less.
pub fn scan_kind(kind: SystemKind, grants: Option<&model::Grants>) -> String {
    let sql = grants.and_then(|g| g.sql.as_ref());
    match (kind, sql) {
        (_, Some(sql)) => match sql.engine {
            SqlEngine::Sqlite => "sqlite",
            SqlEngine::Postgresql => "postgresql",
        },
        (SystemKind::Files, _) => "files",
        (SystemKind::HttpJson | SystemKind::LegacyHttpApi, _) => "http-json",
        _ if grants.is_some_and(|g| g.files.is_some()) => "files",
        _ if grants.is_some_and(|g| g.http.is_some()) => "http-json",
        (SystemKind::Database, None) => "database",
        (SystemKind::Saas, None) => "saas",
        (SystemKind::Other, None) => "other",
    }
    .to_owned()
}

/// Paths in grants are relative to the directory that holds the register
/// directory (the repository's root in the usual layout).
pub(crate) fn base_dir(register_dir: &Path) -> PathBuf {
    let abs = std::path::absolute(register_dir).unwrap_or_else(|_| register_dir.to_path_buf());
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// Opens what the system's entry grants. The error names what could not be
/// opened and why.
pub fn open_grants(system: &SystemFile, register_dir: &Path) -> Result<Grants, String> {
    match &system.scan {
        None => Ok(Grants::default()),
        Some(scan) => open(&scan.grants, &base_dir(register_dir)),
    }
}

/// Opens what `granted` grants, its paths relative to `base`.
pub(crate) fn open(granted: &model::Grants, base: &Path) -> Result<Grants, String> {
    let mut grants = Grants::default();
    // Rule S10 refuses such a register; this holds for callers that skip it.
    let data = granted.sql.is_some() || granted.files.is_some();
    if data && granted.http.is_some() && !granted.data_and_network {
        return Err(
            "scan.grants grants a data capability and http together without \"data_and_network\": true (rule S10)"
                .to_owned(),
        );
    }
    if let Some(sql) = &granted.sql {
        grants.sql = Some(match sql.engine {
            SqlEngine::Sqlite => {
                let path = sql
                    .path
                    .as_deref()
                    .ok_or("scan.grants.sql has engine sqlite but no path of the database file")?;
                let db = SqliteConnector::open(&base.join(path), OPEN_TIMEOUT).map_err(|r| {
                    format!(
                        "the SQLite database {path} cannot be opened: {}",
                        r.message()
                    )
                })?;
                SqlConnection::from(db)
            }
            SqlEngine::Postgresql => {
                let var = sql.url_env.as_deref().ok_or(
                    "scan.grants.sql has engine postgresql but no url_env naming the environment variable with the connection URL",
                )?;
                let url = std::env::var(var).map_err(|_| {
                    format!(
                        "scan.grants.sql.url_env names {var}, which is not set in the environment"
                    )
                })?;
                let db =
                    PostgresConnector::open(&url, &sql.schemas, OPEN_TIMEOUT).map_err(|r| {
                        format!(
                            "the PostgreSQL database ({var}) cannot be opened: {}",
                            r.message()
                        )
                    })?;
                SqlConnection::from(db)
            }
        });
    }
    if let Some(http) = &granted.http {
        let token = match &http.token_env {
            None => None,
            Some(var) => Some(std::env::var(var).map_err(|_| {
                format!(
                    "scan.grants.http.token_env names {var}, which is not set in the environment"
                )
            })?),
        };
        grants.http = Some(
            HttpConnector::new(http.hosts.clone(), token, HTTP_TIMEOUT)
                .map_err(|r| format!("scan.grants.http cannot be used: {}", r.message()))?,
        );
    }
    if let Some(files) = &granted.files {
        let root = base.join(&files.root);
        grants.files = Some(FilesConnector::open(&root).map_err(|r| {
            format!(
                "the granted root {} cannot be opened: {}",
                files.root,
                r.message()
            )
        })?);
    }
    Ok(grants)
}
