//! `init`: a new, nearly empty register for a controller in a given
//! country, recorded in git as its first commit.

use std::path::Path;

use ropa_history::{CommitOutcome, check_author, init_repository};
pub use ropa_register::init::{InitOptions, Settings, parse_country};

use super::{EXIT_UNREADABLE, Error};

#[derive(Debug)]
pub struct Initialised {
    /// The files written, relative to the register.
    pub files: Vec<String>,
    /// What init chose for the DPO: the law, the languages, the authority.
    pub settings: Settings,
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
    let created =
        ropa_register::init::init(dir, options).map_err(|err| Error::invalid(err.to_string()))?;
    let (files, settings) = (created.files, created.settings);
    match init_repository(dir, author) {
        Ok(CommitOutcome::Committed { id, .. }) => Ok(Initialised {
            files,
            settings,
            commit: Some(id),
        }),
        Ok(CommitOutcome::NothingToCommit) => Ok(Initialised {
            files,
            settings,
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
