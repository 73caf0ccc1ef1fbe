//! The client's and the server's errors in words: naming the server, never
//! the URL or its password, and never a message that may quote a value.

use std::error::Error as StdError;
use std::fmt::Write as _;
use std::io;
use std::sync::atomic::Ordering;
use std::time::Duration;

use postgres::error::SqlState;

use super::{Postgres, words};
use crate::Refusal;

impl Postgres {
    /// The client's error in words, naming the server. The server's own
    /// message is passed on only for the kinds of error whose messages name
    /// objects and settings, never for those that may quote a value (a data
    /// exception, an error raised by a function of the database).
    pub(super) fn describe(
        &self,
        e: &postgres::Error,
        on_timeout: &dyn Fn() -> Refusal,
    ) -> Refusal {
        let shown = &self.shown;
        let Some(db) = e.as_db_error() else {
            if e.is_closed() || io_source(e).is_some() {
                self.lost.store(true, Ordering::SeqCst);
                return Refusal::Failed(format!(
                    "the connection to the PostgreSQL server at {shown} was lost"
                ));
            }
            return Refusal::Failed(format!("the PostgreSQL server at {shown}: {}", chain(e)));
        };
        let code = db.code();
        if *code == SqlState::QUERY_CANCELED {
            return on_timeout();
        }
        if *code == SqlState::LOCK_NOT_AVAILABLE {
            return Refusal::Failed(format!(
                "a table is locked by another session on the PostgreSQL server at {shown} \
                 (waited {})",
                words(self.timeout)
            ));
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return Refusal::NotGranted(format!(
                "the PostgreSQL server at {shown} refused: {}",
                db.message()
            ));
        }
        if [
            SqlState::UNDEFINED_TABLE,
            SqlState::UNDEFINED_COLUMN,
            SqlState::INVALID_SCHEMA_NAME,
        ]
        .contains(code)
        {
            return Refusal::NotFound(db.message().to_owned());
        }
        if db.severity() == "FATAL" || db.severity() == "PANIC" {
            self.lost.store(true, Ordering::SeqCst);
        }
        let class = code.code().get(..2).unwrap_or("");
        if [
            "08", "25", "28", "3D", "40", "42", "53", "54", "55", "57", "58",
        ]
        .contains(&class)
        {
            Refusal::Failed(format!(
                "the PostgreSQL server at {shown}: {}",
                db.message()
            ))
        } else {
            Refusal::Failed(format!(
                "the query on the PostgreSQL server at {shown} failed with SQLSTATE {} \
                 (the server's message is not shown, as it may quote a value)",
                code.code()
            ))
        }
    }
}

/// Why a connection attempt failed, in plain words.
pub(super) fn connect_failure(e: &postgres::Error, timeout: Duration) -> String {
    if let Some(db) = e.as_db_error() {
        // "password authentication failed for user …", "database … does
        // not exist", "no pg_hba.conf entry for host …": the server's words,
        // which never hold the password.
        return db.message().to_owned();
    }
    if let Some(io) = io_source(e) {
        return match io.kind() {
            io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            io::ErrorKind::TimedOut => format!("timed out after {}", words(timeout)),
            io::ErrorKind::NotFound => "no server socket there".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset => {
                "the server closed the connection".to_owned()
            }
            _ => io.to_string(),
        };
    }
    match e.source().map(|s| s.to_string()) {
        Some(s) if s.contains("password missing") => {
            "the server asks for a password and the URL gives none".to_owned()
        }
        _ => chain(e),
    }
}

/// The I/O error under a client error, if any.
fn io_source(e: &postgres::Error) -> Option<&io::Error> {
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = s.source();
    }
    None
}

/// An error and its causes, `: `-separated.
fn chain(e: &dyn StdError) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let _ = write!(text, ": {s}");
        source = s.source();
    }
    text
}
