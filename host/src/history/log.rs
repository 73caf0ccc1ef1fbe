//! `ropa log`, `ropa diff` and the statement's "last changed" date: the
//! register's history read as changes to activities, purposes, recipients …

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Commit, ObjectType, Oid, Tree};
use serde::Serialize;

use super::dates::day_of;
use super::{Day, HistoryError, Repo, short_id};
use crate::semantic_diff::{Change, diff_file, summary};
use crate::source::kind_of;

/// One commit that changed the register.
#[derive(Debug, Serialize)]
pub struct LogEntry {
    pub id: String,
    pub date: String,
    pub author: String,
    pub email: String,
    pub message: String,
    /// The changes in one line, in register terms.
    pub summary: String,
    /// Whether anything the public statement shows changed.
    pub public: bool,
    pub changes: Vec<Change>,
}

/// The commits that changed the register, newest first, following HEAD's
/// first parents (the history as it was published).
pub fn log(repo: &Repo, limit: usize) -> Result<Vec<LogEntry>, HistoryError> {
    let mut out = Vec::new();
    let Some(head) = repo.head_commit()? else {
        return Ok(out);
    };
    walk_register_commits(repo, &head, |commit, changes| {
        let author = commit.author();
        out.push(LogEntry {
            id: short_id(commit.id()),
            date: day_of(&commit.time()).to_string(),
            author: author.name().unwrap_or_default().to_owned(),
            email: author.email().unwrap_or_default().to_owned(),
            message: commit.message().unwrap_or_default().trim_end().to_owned(),
            summary: if changes.is_empty() {
                "files beside the register changed".to_owned()
            } else {
                summary(&changes)
            },
            public: changes.iter().any(|c| c.public),
            changes,
        });
        out.len() < limit
    })?;
    Ok(out)
}

/// The day of the last commit, at or before `from`, that changed something
/// the statement shows; `None` when the register has no history.
pub fn last_public_change(repo: &Repo, from: &Commit<'_>) -> Result<Option<Day>, HistoryError> {
    let mut found = None;
    walk_register_commits(repo, from, |commit, changes| {
        if changes.iter().any(|c| c.public) {
            found = Some(day_of(&commit.time()));
            return false;
        }
        true
    })?;
    Ok(found)
}

/// Calls `visit` with each commit (from `start` along first parents) whose
/// register differs from its parent's, and the changes; stops when `visit`
/// returns false.
fn walk_register_commits(
    repo: &Repo,
    start: &Commit<'_>,
    mut visit: impl FnMut(&Commit<'_>, Vec<Change>) -> bool,
) -> Result<(), HistoryError> {
    let mut walk = repo.repo.revwalk()?;
    walk.push(start.id())?;
    walk.simplify_first_parent()?;
    for oid in walk {
        let commit = repo.repo.find_commit(oid?)?;
        let new = repo.register_tree(&commit)?;
        let old = match commit.parent(0) {
            Ok(parent) => repo.register_tree(&parent)?,
            Err(_) => None,
        };
        if old.as_ref().map(Tree::id) == new.as_ref().map(Tree::id) {
            continue;
        }
        let changes = tree_changes(repo, old.as_ref(), new.as_ref())?;
        if !visit(&commit, changes) {
            break;
        }
    }
    Ok(())
}

/// One side of a diff.
pub enum Side<'r> {
    Commit(Commit<'r>),
    WorkingTree,
}

/// The changes between two versions of the register.
pub fn diff(repo: &Repo, from: &Side<'_>, to: &Side<'_>) -> Result<Vec<Change>, HistoryError> {
    match (from, to) {
        (Side::Commit(a), Side::Commit(b)) => tree_changes(
            repo,
            repo.register_tree(a)?.as_ref(),
            repo.register_tree(b)?.as_ref(),
        ),
        _ => {
            let old = side_files(repo, from)?;
            let new = side_files(repo, to)?;
            let mut changes = Vec::new();
            let paths: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
            for rel in paths {
                let (a, b) = (old.get(rel), new.get(rel));
                if a != b {
                    changes.extend(diff_file(rel, a.map(String::as_str), b.map(String::as_str)));
                }
            }
            Ok(changes)
        }
    }
}

/// The register files of one side, by path relative to the register.
fn side_files(repo: &Repo, side: &Side<'_>) -> Result<BTreeMap<String, String>, HistoryError> {
    let mut out = BTreeMap::new();
    match side {
        Side::Commit(commit) => {
            if let Some(tree) = repo.register_tree(commit)? {
                for (rel, oid, _) in repo.files(&tree)? {
                    if kind_of(&rel).is_some() {
                        out.insert(rel, blob_text(repo, oid)?);
                    }
                }
            }
        }
        Side::WorkingTree => {
            let dir = repo.workdir.join(&repo.prefix);
            for rel in working_files(&dir)? {
                if kind_of(&rel).is_some() {
                    let path = dir.join(&rel);
                    let text = std::fs::read(&path).map_err(|source| HistoryError::Io {
                        context: format!("cannot read {}", path.display()),
                        source,
                    })?;
                    out.insert(rel, String::from_utf8_lossy(&text).into_owned());
                }
            }
        }
    }
    Ok(out)
}

fn working_files(dir: &Path) -> Result<Vec<String>, HistoryError> {
    let mut out = Vec::new();
    let read = |d: &Path| -> Result<Vec<std::fs::DirEntry>, HistoryError> {
        std::fs::read_dir(d)
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|source| HistoryError::Io {
                context: format!("cannot read {}", d.display()),
                source,
            })
    };
    for entry in read(dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            if name == "activities" || name == "systems" {
                for inner in read(&entry.path())? {
                    out.push(format!("{name}/{}", inner.file_name().to_string_lossy()));
                }
            }
        } else {
            out.push(name);
        }
    }
    Ok(out)
}

/// Semantic changes between two register trees; libgit2 skips the subtrees
/// that did not change, so a commit touching one activity costs one file.
fn tree_changes(
    repo: &Repo,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
) -> Result<Vec<Change>, HistoryError> {
    let diff = repo.repo.diff_tree_to_tree(old, new, None)?;
    let mut changes = Vec::new();
    for delta in diff.deltas() {
        let path = delta.new_file().path().or_else(|| delta.old_file().path());
        let Some(rel) = path.map(|p| p.to_string_lossy().replace('\\', "/")) else {
            continue;
        };
        if kind_of(&rel).is_none() {
            continue;
        }
        let text = |oid: Oid| -> Result<Option<String>, HistoryError> {
            if oid.is_zero() {
                Ok(None)
            } else {
                blob_text(repo, oid).map(Some)
            }
        };
        let (a, b) = (text(delta.old_file().id())?, text(delta.new_file().id())?);
        changes.extend(diff_file(&rel, a.as_deref(), b.as_deref()));
    }
    Ok(changes)
}

fn blob_text(repo: &Repo, oid: Oid) -> Result<String, HistoryError> {
    let object = repo.repo.find_object(oid, Some(ObjectType::Blob))?;
    let blob = object.peel_to_blob()?;
    Ok(String::from_utf8_lossy(blob.content()).into_owned())
}
