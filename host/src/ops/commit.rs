//! `commit`: the register's working tree recorded in git, validated from the
//! very bytes that are committed.

use std::path::Path;

use ropa_history::{Change, CommitError, CommitOutcome, Repo};
use ropa_register::load::load_sources;
use ropa_register::source::SourceSet;
use ropa_register::validate::{Report, validate_loaded};

use super::{Error, errors_of};

/// Commits the register in `dir` with `message`, by `author` ("Name
/// <email>", else git's configured identity). A register with errors is
/// not committed: the error carries them.
pub fn commit(dir: &Path, message: &str, author: Option<&str>) -> Result<CommitOutcome, Error> {
    let repo = Repo::discover(dir).map_err(|err| Error::unreadable(err.to_string()))?;
    ropa_history::commit(&repo, message, author, Change::WorkingTree, passes).map_err(|err| {
        match err {
            CommitError::Invalid(report) => {
                let errors = errors_of(*report);
                Error::invalid(format!(
                    "the register has {} error(s); nothing was committed (fix them, then commit again)",
                    errors.len()
                ))
                .with_diagnostics(errors)
            }
            CommitError::History(err) => Error::unreadable(format!("{err}; nothing was committed")),
        }
    })
}

/// Validates a register as it would be committed.
pub(super) fn passes(set: SourceSet) -> Result<(), Box<Report>> {
    let report = validate_loaded(load_sources(set.files, set.diagnostics));
    if report.passes(false) {
        Ok(())
    } else {
        Err(Box::new(report))
    }
}
