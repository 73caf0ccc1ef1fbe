//! SQLite's errors in words, naming the file.

use rusqlite::ErrorCode;

use super::Sqlite;
use crate::Refusal;

impl Sqlite {
    /// SQLite's error in words, naming the file.
    pub(super) fn describe(&self, e: rusqlite::Error) -> Refusal {
        let shown = &self.shown;
        let detail = match &e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
            other => other.to_string(),
        };
        Refusal::Failed(match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => {
                format!("{shown} is not a SQLite database ({detail})")
            }
            Some(ErrorCode::DatabaseCorrupt) => {
                format!("database {shown} is corrupt ({detail})")
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
                "database {shown} is locked by another connection (waited {} ms)",
                self.busy_timeout.as_millis()
            ),
            Some(ErrorCode::OperationInterrupted) => {
                format!("the query on database {shown} was interrupted")
            }
            Some(ErrorCode::CannotOpen) => format!("cannot open database file {shown} ({detail})"),
            _ => format!("database {shown}: {detail}"),
        })
    }
}
