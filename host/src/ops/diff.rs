//! `diff`: what changed between two versions of the register.

use std::path::Path;

use ropa_history::semantic_diff::Change;
use ropa_history::{HistoryError, Repo, Side};

use super::Error;

/// The changes in `range`: `REV` (that commit against the working tree) or
/// `REV..REV` (an empty side is `HEAD`); without a range, the last commit
/// against the working tree.
pub fn diff(dir: &Path, range: Option<&str>) -> Result<Vec<Change>, Error> {
    changes(dir, range).map_err(|err| Error::unreadable(err.to_string()))
}

fn changes(dir: &Path, range: Option<&str>) -> Result<Vec<Change>, HistoryError> {
    let repo = Repo::discover(dir)?;
    let commit = |rev: &str| repo.resolve(rev).map(Side::Commit);
    let (from, to) = match range {
        None => (
            Side::Commit(repo.head_commit()?.ok_or(HistoryError::NoCommits)?),
            Side::WorkingTree,
        ),
        Some(range) => match range.split_once("..") {
            Some((a, b)) => (
                commit(if a.is_empty() { "HEAD" } else { a })?,
                commit(if b.is_empty() { "HEAD" } else { b })?,
            ),
            None => (commit(range)?, Side::WorkingTree),
        },
    };
    ropa_history::diff(&repo, &from, &to)
}
