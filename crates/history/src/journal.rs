//! The journal of a commit in progress, `ropa-journal` in the repository's
//! git directory: written and flushed to disk before ropa changes a file,
//! the index or the branch, removed once the branch has moved.
//!
//! A run killed in between leaves it behind, and the next ropa command
//! settles that run by where the branch points. Moving the branch is the
//! commit point:
//! - the branch names the run's commit: the commit happened, so it is
//!   **rolled forward** — files `ropa accept` had not yet written get the
//!   committed bytes, and the index entries are brought in line with it;
//! - the branch still names the parent: nothing was committed, so the run is
//!   **rolled back** — the files accept had written get their old bytes
//!   back, and the index entries ropa had set their old values;
//! - the branch names anything else: someone moved it since, and files and
//!   index are left for them.
//!
//! Either way a file or an index entry is changed only while it holds
//! exactly what the interrupted run left there, so an edit made since is
//! kept; the temporary files the run left are removed. Both sides' bytes
//! are git objects already (HEAD's blobs, and the new blobs, written before
//! the journal), so the journal holds object ids, not contents.

use std::path::{Path, PathBuf};

use git2::{IndexEntry, IndexTime, Oid, Repository};
use serde::{Deserialize, Serialize};

use super::lock::try_lock;
use super::{HistoryError, Repo, short_id};
use ropa_register::atomic::{ReplaceError, holds, replace_if_unchanged, write_atomically};

const FILE_NAME: &str = "ropa-journal";

/// What a commit in progress is about to do.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Journal {
    /// `commit` or `accept`, to say what was interrupted.
    pub op: String,
    /// The first line of the commit message.
    pub subject: String,
    /// The branch the commit goes on, e.g. `refs/heads/main`.
    pub branch: String,
    /// The branch's commit before; `None` on an unborn branch.
    pub parent: Option<String>,
    /// The commit made (an object on no branch until the branch moves).
    pub commit: String,
    pub changes: Vec<PathChange>,
}

/// One path the commit changes in the index, and for accept in the working
/// tree too.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PathChange {
    /// Relative to the working tree, `/` separated.
    pub path: String,
    /// Before the run; `None`: no entry.
    pub old: Option<Blob>,
    /// After the run; `None`: the entry is removed.
    pub new: Option<Blob>,
    /// Whether ropa writes the file in the working tree (accept's edits).
    pub worktree: bool,
}

/// A blob and its file mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Blob {
    #[serde(with = "oid_hex")]
    pub id: Oid,
    pub mode: u32,
}

impl Blob {
    pub fn of(entry: &IndexEntry) -> Blob {
        Blob {
            id: entry.id,
            mode: entry.mode,
        }
    }
}

mod oid_hex {
    use git2::Oid;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(id: &Oid, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&id.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Oid, D::Error> {
        let text = String::deserialize(d)?;
        Oid::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// Which state of a [`PathChange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

impl PathChange {
    fn side(&self, side: Side) -> Option<&Blob> {
        match side {
            Side::Old => self.old.as_ref(),
            Side::New => self.new.as_ref(),
        }
    }
}

fn path(repo: &Repository) -> PathBuf {
    repo.path().join(FILE_NAME)
}

/// Writes the journal whole, and flushes it and its directory to disk.
pub(super) fn write(repo: &Repository, journal: &Journal) -> Result<(), HistoryError> {
    let bytes = serde_json::to_vec(journal).map_err(|e| HistoryError::Journal(e.to_string()))?;
    write_atomically(&path(repo), &bytes).map_err(HistoryError::Journal)?;
    #[cfg(unix)]
    std::fs::File::open(repo.path())
        .and_then(|dir| dir.sync_all())
        .map_err(|source| HistoryError::Io {
            context: format!("cannot flush {}", repo.path().display()),
            source,
        })?;
    Ok(())
}

pub(super) fn remove(repo: &Repository) -> Result<(), HistoryError> {
    match std::fs::remove_file(path(repo)) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(HistoryError::Io {
            context: format!("cannot remove {}", path(repo).display()),
            source,
        }),
    }
}

fn read(repo: &Repository) -> Result<Option<Journal>, HistoryError> {
    let path = path(repo);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(HistoryError::Io {
                context: format!("cannot read {}", path.display()),
                source,
            });
        }
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|err| {
        HistoryError::Journal(format!(
            "{} is not a journal this ropa can read ({err}); check `git status`, then remove the file",
            path.display()
        ))
    })
}

/// Settles a ropa commit or accept that was interrupted (see the module
/// docs), and says what it did; `None` when there was nothing to settle.
/// Cheap when there is none: a look for `.git` in the register's directory
/// and those above it, and for the journal in the first one found.
pub fn recover(register_dir: &Path) -> Result<Option<String>, HistoryError> {
    if !journal_near(register_dir) {
        return Ok(None);
    }
    let repo = Repo::discover(register_dir)?;
    // A journal under a held lock belongs to a run still going.
    let Some(_lock) = try_lock(&repo.repo)? else {
        return Ok(None);
    };
    recover_locked(&repo)
}

/// Whether the git directory holding `register_dir` has a journal, found
/// without opening the repository.
fn journal_near(register_dir: &Path) -> bool {
    let Ok(start) = std::path::absolute(register_dir) else {
        return false;
    };
    for dir in start.ancestors() {
        let dot_git = dir.join(".git");
        let Ok(meta) = std::fs::metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return dot_git.join(FILE_NAME).exists();
        }
        // A linked worktree: `.git` names its git directory.
        return std::fs::read_to_string(&dot_git)
            .ok()
            .and_then(|text| {
                text.lines()
                    .find_map(|l| l.strip_prefix("gitdir:"))
                    .map(|d| dir.join(d.trim()))
            })
            .is_some_and(|git_dir| git_dir.join(FILE_NAME).exists());
    }
    false
}

/// [`recover`], for a caller that holds the lock.
pub(super) fn recover_locked(repo: &Repo) -> Result<Option<String>, HistoryError> {
    let Some(journal) = read(&repo.repo)? else {
        return Ok(None);
    };
    let at = repo
        .repo
        .find_reference(&journal.branch)
        .ok()
        .and_then(|r| r.target())
        .map(|id| id.to_string());
    let what = format!("a ropa {} (\"{}\")", journal.op, plain(&journal.subject));
    let (mut note, kept) = if at.as_deref() == Some(journal.commit.as_str()) {
        let kept = settle(repo, &journal, Side::New)?;
        let id = Oid::from_str(&journal.commit)
            .map(short_id)
            .unwrap_or_default();
        (
            format!(
                "{what} was interrupted after it committed {id}; the working tree and the index are now in line with that commit"
            ),
            kept,
        )
    } else if at == journal.parent {
        let kept = settle(repo, &journal, Side::Old)?;
        let undone = if journal.op == "accept" {
            "the files it had begun to change are as they were"
        } else {
            "the index is as it was"
        };
        (
            format!(
                "{what} was interrupted before it committed; {undone}, and nothing of it was committed: run it again"
            ),
            kept,
        )
    } else {
        remove_temporaries(repo, &journal);
        let to = at
            .and_then(|id| Oid::from_str(&id).ok())
            .map(short_id)
            .unwrap_or_else(|| "nowhere".to_owned());
        (
            format!(
                "{what} was interrupted, and its branch has moved since (to {to}); its files and the index are left as they are: check `git status`"
            ),
            Vec::new(),
        )
    };
    for path in kept {
        note.push_str(&format!("; {path} was changed since and is left as it is"));
    }
    remove(&repo.repo)?;
    Ok(Some(note))
}

/// Brings the working tree files and the index entries of `journal` to
/// `side`, each only where it holds the other side. Returns the paths left
/// alone because they hold neither. The journal stays on failure.
fn settle(repo: &Repo, journal: &Journal, to: Side) -> Result<Vec<String>, HistoryError> {
    let from = match to {
        Side::Old => Side::New,
        Side::New => Side::Old,
    };
    let mut kept = Vec::new();
    for change in journal.changes.iter().filter(|c| c.worktree) {
        let file = repo.workdir.join(&change.path);
        let (Some(want), Some(was)) = (change.side(to), change.side(from)) else {
            continue;
        };
        let want = repo.repo.find_blob(want.id)?.content().to_vec();
        let was = repo.repo.find_blob(was.id)?.content().to_vec();
        let io = |source| HistoryError::Io {
            context: format!("cannot read {}", file.display()),
            source,
        };
        if holds(&file, &want).map_err(io)? {
            continue;
        }
        match replace_if_unchanged(&file, &was, &want) {
            Ok(()) => {}
            Err(ReplaceError::Changed(_)) => kept.push(change.path.clone()),
            Err(ReplaceError::Io(text)) => return Err(HistoryError::Journal(text)),
        }
    }
    update_index(&repo.repo, &journal.changes, to)?;
    remove_temporaries(repo, journal);
    Ok(kept)
}

/// Undoes a run that failed before its branch moved; what could not be
/// undone, in words.
pub(super) fn roll_back(repo: &Repo, journal: &Journal) -> Vec<String> {
    match settle(repo, journal, Side::Old) {
        Ok(kept) => kept
            .into_iter()
            .map(|path| format!("{path} was changed meanwhile and is left as it is"))
            .collect(),
        Err(err) => vec![format!("undoing it failed: {err}")],
    }
}

/// Sets the index entries of `changes` to `to`, each only where the index
/// holds the other side (or already `to`).
pub(super) fn update_index(
    repo: &Repository,
    changes: &[PathChange],
    to: Side,
) -> Result<(), HistoryError> {
    let from = match to {
        Side::Old => Side::New,
        Side::New => Side::Old,
    };
    let mut index = repo.index()?;
    index.read(true)?;
    let mut changed = false;
    for change in changes {
        let path = Path::new(&change.path);
        let current = index.get_path(path, 0).map(|e| Blob::of(&e));
        let (current, want, was) = (current.as_ref(), change.side(to), change.side(from));
        if current == want || current.map(|c| c.id) != was.map(|w| w.id) {
            continue;
        }
        match want {
            Some(blob) => index.add(&entry(&change.path, blob.id, blob.mode, 0))?,
            None => index.remove_path(path)?,
        }
        changed = true;
    }
    if changed {
        index.write()?;
    }
    Ok(())
}

/// Removes the temporary files (`.<name>.<random>.tmp`) a killed run may
/// have left beside the files it was writing.
fn remove_temporaries(repo: &Repo, journal: &Journal) {
    for change in journal.changes.iter().filter(|c| c.worktree) {
        let file = repo.workdir.join(&change.path);
        let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
            continue;
        };
        let prefix = format!(".{}.", name.to_string_lossy());
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A commit subject as one line of plain text for the terminal.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}
/// An index entry without stat data: git compares the file's content the
/// next time it looks, rather than trusting a time ropa did not see.
pub(super) fn entry(path: &str, id: Oid, mode: u32, len: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: len as u32,
        id,
        flags: (path.len().min(0xfff)) as u16,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
