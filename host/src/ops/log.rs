//! `log`: the register's history, in register terms.

use std::path::Path;

use ropa_history::{LogEntry, Repo};

use super::Error;

/// At most `limit` commits that change the register, newest first.
pub fn log(dir: &Path, limit: usize) -> Result<Vec<LogEntry>, Error> {
    Repo::discover(dir)
        .and_then(|repo| ropa_history::log(&repo, limit))
        .map_err(|err| Error::unreadable(err.to_string()))
}
