//! `ropa plugin run`: one plugin tried on one source named on the command
//! line — a directory, a SQLite file or an HTTP URL — without a register.
//!
//! The plugin is granted exactly that source, through the same grants a
//! system's entry would hold (`grants`), and nothing else: no network
//! unless the source is a URL, and then only that URL's host and port. It
//! runs with the default limits. Nothing is written anywhere: no register,
//! no saved scan; what it found and said goes back to the caller.

use std::path::{Path, PathBuf};

use ropa_register::model::{self, FilesGrant, HttpGrant, SqlEngine, SqlGrant, SystemKind};

use crate::grants;
use crate::plugin::{Info, Limits, Runtime, ScanRequest, ScanResult, Vocabulary};

/// What the plugin is tried on.
#[derive(Debug, Clone)]
pub enum Source {
    /// A directory, granted as the `files` capability's root.
    Files(PathBuf),
    /// A SQLite database file, granted read-only as `sql`.
    Sqlite(PathBuf),
    /// An `http(s)://` URL: `http` on its host and port only.
    Http(String),
}

impl Source {
    /// The source as the command line named it, for messages.
    pub fn label(&self) -> String {
        match self {
            Source::Files(dir) => format!("--files {}", dir.display()),
            Source::Sqlite(file) => format!("--sqlite {}", file.display()),
            Source::Http(url) => format!("--http {url}"),
        }
    }

    /// The register's words for such a system and its grants: what a
    /// system's entry would hold for it.
    fn as_entry(&self) -> Result<(SystemKind, model::Grants), String> {
        let mut granted = model::Grants {
            sql: None,
            files: None,
            http: None,
            data_and_network: false,
        };
        let path = |p: &Path| {
            p.to_str().map(str::to_owned).ok_or_else(|| {
                format!(
                    "{}: the path is not UTF-8; rename it or give another",
                    self.label()
                )
            })
        };
        let kind = match self {
            Source::Files(dir) => {
                if !dir.is_dir() {
                    return Err(format!(
                        "{}: no such directory; give the directory the plugin may read",
                        self.label()
                    ));
                }
                granted.files = Some(FilesGrant { root: path(dir)? });
                SystemKind::Files
            }
            Source::Sqlite(file) => {
                if !file.is_file() {
                    return Err(format!(
                        "{}: no such file; give the path of an existing SQLite database",
                        self.label()
                    ));
                }
                granted.sql = Some(SqlGrant {
                    engine: SqlEngine::Sqlite,
                    path: Some(path(file)?),
                    url_env: None,
                    schemas: Vec::new(),
                });
                SystemKind::Database
            }
            Source::Http(url) => {
                granted.http = Some(HttpGrant {
                    hosts: vec![host_and_port(url).map_err(|e| format!("{}: {e}", self.label()))?],
                    token_env: None,
                });
                SystemKind::HttpJson
            }
        };
        Ok((kind, granted))
    }
}

/// `host:port` of an `http(s)://` URL, the port made explicit so that only
/// that one is allowed.
fn host_and_port(url: &str) -> Result<String, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or("not an absolute URL; give one such as https://api.example.com/contacts")?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => 80,
        "https" => 443,
        _ => return Err(format!("the scheme {scheme:?} is not http or https")),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err("a URL with a user name or password is not accepted".to_owned());
    }
    if authority.is_empty() {
        return Err("the URL names no host".to_owned());
    }
    // A port is what follows the last `:` outside an IPv6 address's brackets.
    let has_port = authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.contains(']'));
    Ok(if has_port {
        authority.to_owned()
    } else {
        format!("{authority}:{default_port}")
    })
}

/// One plugin's run on one source.
#[derive(Debug)]
pub struct Trial {
    /// What the plugin declared.
    pub plugin: Info,
    /// The kind of system the plugin was told it scans.
    pub kind: String,
    /// The capabilities granted (`log` always).
    pub granted: Vec<&'static str>,
    /// The config the plugin was given.
    pub config: serde_json::Map<String, serde_json::Value>,
    pub result: ScanResult,
}

/// Why the plugin could not be tried; the message names the file or the
/// source and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum TrialError {
    #[error("the plugin runtime could not start: {0}")]
    Runtime(String),
    #[error("{0}")]
    Plugin(String),
    #[error("{0}")]
    Source(String),
}

/// Loads `wanted` (a `.wasm` file or a bundled plugin's name), grants it
/// `source` and nothing else, and runs it with the default limits and
/// `config`. For a URL, a plugin that declares an `endpoints` key and is
/// given none is given the URL as its one endpoint.
pub fn run(
    wanted: &str,
    source: &Source,
    mut config: serde_json::Map<String, serde_json::Value>,
) -> Result<Trial, TrialError> {
    let (kind, granted) = source.as_entry().map_err(TrialError::Source)?;
    let runtime = Runtime::with_default_cache().map_err(|e| TrialError::Runtime(e.to_string()))?;
    let plugin = crate::load(&runtime, wanted).map_err(|e| {
        TrialError::Plugin(format!(
            "{e}; give the path of a .wasm component built for wasm32-wasip2 (`ropa plugin inspect` checks one), or a bundled plugin's name"
        ))
    })?;
    if let Source::Http(url) = source
        && !config.contains_key("endpoints")
        && plugin.info.config.iter().any(|k| k.name == "endpoints")
    {
        config.insert("endpoints".to_owned(), serde_json::json!([url]));
    }
    // Paths as given: relative to the working directory.
    let grants = grants::open(&granted, Path::new(""))
        .map_err(|e| TrialError::Source(format!("{}: {e}", source.label())))?;
    let names = grants.names();
    let kind = grants::scan_kind(kind, Some(&granted));
    let request = ScanRequest {
        system: source.label(),
        kind: kind.clone(),
        config: &config,
        grants,
        kinds: Vocabulary::default().kinds,
        limits: Limits::default(),
        progress: None,
    };
    let result = runtime.scan(&plugin, request);
    Ok(Trial {
        plugin: plugin.info,
        kind,
        granted: names,
        config,
        result,
    })
}

#[cfg(test)]
mod tests {
    use super::host_and_port;

    #[test]
    fn a_url_grants_its_host_and_port_only() {
        assert_eq!(
            host_and_port("https://api.example.com/v1?x=1").unwrap(),
            "api.example.com:443"
        );
        assert_eq!(
            host_and_port("http://127.0.0.1:8080/x").unwrap(),
            "127.0.0.1:8080"
        );
        assert_eq!(host_and_port("http://[::1]/x").unwrap(), "[::1]:80");
        assert_eq!(host_and_port("http://[::1]:9/x").unwrap(), "[::1]:9");
        assert!(host_and_port("ftp://example.com").is_err());
        assert!(host_and_port("example.com/x").is_err());
        assert!(host_and_port("https://user:pw@example.com/").is_err());
    }
}
