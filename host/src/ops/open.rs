//! Where a register is read from: the working tree, or the tree of a past
//! commit (`--at REV|DATE`), with its "last changed" date from the history.

use std::path::Path;

use ropa_history::{Day, HistoryError, Repo};
use ropa_register::load::load_sources;
use ropa_register::source::ReadError;
use ropa_register::validate::{Report, validate_dir, validate_loaded};

/// Why a register could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// A register as read, validated, with what its history says.
#[derive(Debug)]
pub struct Opened {
    pub report: Report,
    /// The day of the last commit that changed something the statement
    /// shows, up to the version read; `None` outside a repository.
    pub last_public_change: Option<Day>,
    /// The commit read, for `--at`.
    pub commit: Option<String>,
}

/// What to read besides the register itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Only the register (validation needs no more).
    Skip,
    /// Also the day of the last public change, for the statement.
    LastChanged,
}

pub fn open(dir: &Path, at: Option<&str>, want: History) -> Result<Opened, OpenError> {
    match at {
        None => {
            let report = validate_dir(dir)?;
            if want == History::Skip {
                return Ok(Opened {
                    report,
                    last_public_change: None,
                    commit: None,
                });
            }
            // Outside a repository, or before the first commit, there is no history to ask.
            let last_public_change = match Repo::discover(dir) {
                Ok(repo) => match repo.head_commit()? {
                    Some(head) => ropa_history::last_public_change(&repo, &head)?,
                    None => None,
                },
                Err(_) => None,
            };
            Ok(Opened {
                report,
                last_public_change,
                commit: None,
            })
        }
        Some(at) => {
            let repo = Repo::discover(dir)?;
            let commit = repo.resolve(at)?;
            let set = repo.read_at(&commit)?;
            let report = validate_loaded(load_sources(set.files, set.diagnostics));
            let last_public_change = match want {
                History::Skip => None,
                History::LastChanged => ropa_history::last_public_change(&repo, &commit)?,
            };
            Ok(Opened {
                report,
                last_public_change,
                commit: Some(ropa_history::short_id(commit.id())),
            })
        }
    }
}
