//! `init`: a new, nearly empty register, recorded in git as its first commit.

use std::path::Path;

use ropa_history::{CommitOutcome, check_author, init_repository};
pub use ropa_register::init::InitOptions;

use super::{EXIT_UNREADABLE, Error};

#[derive(Debug)]
pub struct Initialised {
    /// The files written, relative to the register.
    pub files: Vec<String>,
    /// The first commit, when one was made.
    pub commit: Option<String>,
}

/// Creates a register in `dir` (which must not exist, or be empty) and its
/// repository. The author is checked before anything is written, so a
/// refused init leaves nothing behind.
pub fn init(dir: &Path, options: &InitOptions, author: Option<&str>) -> Result<Initialised, Error> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_author(parent, author).map_err(|err| Error::unreadable(err.to_string()))?;
    let files =
        ropa_register::init::init(dir, options).map_err(|err| Error::invalid(err.to_string()))?;
    match init_repository(dir, author) {
        Ok(CommitOutcome::Committed { id, .. }) => Ok(Initialised {
            files,
            commit: Some(id),
        }),
        Ok(CommitOutcome::NothingToCommit) => Ok(Initialised {
            files,
            commit: None,
        }),
        Err(err) => Err(Error {
            code: EXIT_UNREADABLE,
            diagnostics: Vec::new(),
            message: format!(
                "the register was created in {} ({} files), but recording it in git failed: {err}",
                dir.display(),
                files.len()
            ),
        }),
    }
}
