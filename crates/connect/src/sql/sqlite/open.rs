//! Opening a database file: read-only by URI and by flag, `query_only` on
//! top, and the header and schema read at once so that a file that is no
//! database fails here.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::Sqlite;
use crate::Refusal;

impl Sqlite {
    /// See [`SqliteConnector::open`](super::SqliteConnector::open).
    pub(super) fn open(path: &Path, timeout: Duration) -> Result<Self, Refusal> {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Refusal::Failed(format!("database file {shown} not found")));
            }
            Err(e) => {
                return Err(Refusal::Failed(format!(
                    "cannot read database file {shown}: {e}"
                )));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(Refusal::Failed(format!(
                    "database path {shown} is not a file"
                )));
            }
            Ok(_) => {}
        }
        let canonical = path
            .canonicalize()
            .map_err(|e| Refusal::Failed(format!("cannot read database file {shown}: {e}")))?;
        let uri = file_uri(&canonical)?;
        // READ_ONLY never creates the file; `mode=ro` says the same in the
        // URI. NO_MUTEX: the connection is used by one thread at a time
        // (`Connection` is not `Sync`); the interrupt handle is thread-safe.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&uri, flags)
            .map_err(|e| Refusal::Failed(format!("cannot open database file {shown}: {e}")))?;
        let this = Sqlite {
            conn,
            shown,
            busy_timeout: timeout,
        };
        let setup = || -> rusqlite::Result<()> {
            this.conn.busy_timeout(timeout)?;
            this.conn.pragma_update(None, "query_only", true)?;
            // Functions a view of the database calls must be harmless ones.
            this.conn.pragma_update(None, "trusted_schema", false)?;
            // Reads the header and parses the schema: fails now for a file
            // that is not a database, a corrupt one or a locked one.
            this.conn
                .query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| {
                    r.get::<_, i64>(0)
                })?;
            Ok(())
        };
        setup().map_err(|e| this.describe(e))?;
        Ok(this)
    }
}

/// `file:<percent-encoded path>?mode=ro`: every byte but unreserved ones and
/// `/` is percent-encoded, so `?`, `#` and `%` in a file name stay part of it.
pub(super) fn file_uri(path: &Path) -> Result<String, Refusal> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let s = path.to_str().ok_or_else(|| {
            Refusal::Invalid(format!("database path {} is not UTF-8", path.display()))
        })?;
        let s = s.replace('\\', "/");
        if s.starts_with('/') {
            s
        } else {
            format!("/{s}")
        }
        .into_bytes()
    };
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    Ok(uri)
}
