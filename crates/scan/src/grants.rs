//! From a system's entry to open connectors: what its `scan.grants` allow,
//! resolved against the register's location, opened read-only. Secrets are
//! read from the environment variables the entry names, here and only here.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::plugin::Grants;
use ropa_connect::{
    FilesConnector, HttpConnector, PostgresConnector, SqlConnection, SqliteConnector,
};
use ropa_register::model::{SqlEngine, SystemFile, SystemKind};

/// How long opening a database may wait for a lock.
const OPEN_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one HTTP request may take (the run's deadline may cut it sooner).
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The kind of system a plugin is told it scans.
pub fn system_kind(system: &SystemFile) -> String {
    let grants = system.scan.as_ref().map(|s| &s.grants);
    let sql = grants.and_then(|g| g.sql.as_ref());
    match (system.kind, sql) {
        (_, Some(sql)) => match sql.engine {
            SqlEngine::Sqlite => "sqlite",
            SqlEngine::Postgresql => "postgresql",
        },
        (SystemKind::Files, _) => "files",
        (SystemKind::HttpApi, _) => "http-json",
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
    let mut grants = Grants::default();
    let Some(scan) = &system.scan else {
        return Ok(grants);
    };
    // Rule S10 refuses such a register; this holds for callers that skip it.
    let data = scan.grants.sql.is_some() || scan.grants.files.is_some();
    if data && scan.grants.http.is_some() && !scan.grants.data_and_network {
        return Err(
            "scan.grants grants a data capability and http together without \"data_and_network\": true (rule S10)"
                .to_owned(),
        );
    }
    let base = base_dir(register_dir);
    if let Some(sql) = &scan.grants.sql {
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
    if let Some(http) = &scan.grants.http {
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
    if let Some(files) = &scan.grants.files {
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
