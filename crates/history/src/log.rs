//! `ropa log`, `ropa diff` and the statement's "last changed" date: the
//! register's history read as changes to activities, purposes, recipients …

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Commit, ObjectType, Oid, Tree};
use serde::Serialize;

use super::dates::day_of;
use super::{Day, HistoryError, Repo, short_id};
use crate::semantic_diff::{Change, diff_file, summary};
use ropa_register::source::kind_of;

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
    let mut walk = repo.repo.revwalk()?;
    walk.push(head.id())?;
    walk.simplify_first_parent()?;
    let ids: Vec<Oid> = walk.collect::<Result<_, _>>()?;

    // Commits are independent of each other: read them in batches on all
    // cores, each worker with its own handle on the repository (a handle is
    // not shared between threads), until `limit` register commits are found.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let dir = repo.dir.as_path();
    for batch in ids.chunks(256) {
        let chunk = batch.len().div_ceil(workers);
        let results: Vec<Result<Vec<LogEntry>, HistoryError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let own = Repo::discover(dir)?;
                        let mut entries = Vec::new();
                        for &id in part {
                            if let Some(entry) = entry_for(&own, id)? {
                                entries.push(entry);
                            }
                        }
                        Ok(entries)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("reading a commit does not panic"))
                .collect()
        });
        for entries in results {
            for entry in entries? {
                if out.len() == limit {
                    return Ok(out);
                }
                out.push(entry);
            }
        }
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

/// The log entry of one commit, `None` when it did not change the register.
fn entry_for(repo: &Repo, id: Oid) -> Result<Option<LogEntry>, HistoryError> {
    let commit = repo.repo.find_commit(id)?;
    let Some(changes) = commit_changes(repo, &commit)? else {
        return Ok(None);
    };
    let author = commit.author();
    Ok(Some(LogEntry {
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
    }))
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
        if let Some(changes) = commit_changes(repo, &commit)?
            && !visit(&commit, changes)
        {
            break;
        }
    }
    Ok(())
}

/// What a commit changed in the register, `None` when its register tree is
/// its first parent's.
fn commit_changes(repo: &Repo, commit: &Commit<'_>) -> Result<Option<Vec<Change>>, HistoryError> {
    let new = repo.register_tree(commit)?;
    let old = match commit.parent(0) {
        Ok(parent) => repo.register_tree(&parent)?,
        Err(_) => None,
    };
    if old.as_ref().map(Tree::id) == new.as_ref().map(Tree::id) {
        return Ok(None);
    }
    tree_changes(repo, old.as_ref(), new.as_ref()).map(Some)
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
            if ropa_register::source::is_entry_dir(&name) {
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
    let mut changed = Vec::new();
    changed_blobs(repo, "", old, new, &mut changed)?;
    let mut changes = Vec::new();
    for (rel, a, b) in changed {
        if kind_of(&rel).is_none() {
            continue;
        }
        let text = |oid: Option<Oid>| -> Result<Option<String>, HistoryError> {
            oid.map(|oid| blob_text(repo, oid)).transpose()
        };
        let (a, b) = (text(a)?, text(b)?);
        changes.extend(diff_file(&rel, a.as_deref(), b.as_deref()));
    }
    Ok(changes)
}

/// The blobs that differ between two trees, `(path, old, new)`, found by
/// walking both sorted entry lists side by side and descending only into
/// subtrees whose ids differ. (libgit2's tree diff builds a path string for
/// every entry of a large unchanged-but-touched tree; this does not.)
fn changed_blobs(
    repo: &Repo,
    prefix: &str,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    out: &mut Vec<(String, Option<Oid>, Option<Oid>)>,
) -> Result<(), HistoryError> {
    // Entries are read in place (no copies): trees are sorted, so a merge walk finds the differences.
    let len = |t: Option<&Tree<'_>>| t.map_or(0, Tree::len);
    let (mut i, mut j) = (0, 0);
    while i < len(old) || j < len(new) {
        let x = old.and_then(|t| t.get(i));
        let y = new.and_then(|t| t.get(j));
        let order = match (&x, &y) {
            (Some(x), Some(y)) => git_order(x).cmp(git_order(y)),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (x, y) = match order {
            std::cmp::Ordering::Less => {
                i += 1;
                (x, None)
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (None, y)
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
                (x, y)
            }
        };
        if let (Some(x), Some(y)) = (&x, &y)
            && x.id() == y.id()
        {
            continue;
        }
        let name = x
            .as_ref()
            .or(y.as_ref())
            .map(|e| String::from_utf8_lossy(e.name_bytes()).into_owned())
            .unwrap_or_default();
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let tree_of = |e: &Option<git2::TreeEntry<'_>>| -> Result<Option<Tree<'_>>, HistoryError> {
            match e {
                Some(e) if e.kind() == Some(ObjectType::Tree) => {
                    Ok(Some(repo.repo.find_tree(e.id())?))
                }
                _ => Ok(None),
            }
        };
        let blob_of = |e: &Option<git2::TreeEntry<'_>>| {
            e.as_ref()
                .filter(|e| e.kind() == Some(ObjectType::Blob))
                .map(|e| e.id())
        };
        let (ta, tb) = (tree_of(&x)?, tree_of(&y)?);
        if ta.is_some() || tb.is_some() {
            changed_blobs(repo, &path, ta.as_ref(), tb.as_ref(), out)?;
        }
        let (ba, bb) = (blob_of(&x), blob_of(&y));
        if ba.is_some() || bb.is_some() {
            out.push((path, ba, bb));
        }
    }
    Ok(())
}

/// Git sorts a tree's entries as if directory names ended in `/`.
fn git_order<'e>(entry: &'e git2::TreeEntry<'_>) -> impl Iterator<Item = u8> + use<'e> {
    let slash = (entry.kind() == Some(ObjectType::Tree)).then_some(b'/');
    entry.name_bytes().iter().copied().chain(slash)
}

fn blob_text(repo: &Repo, oid: Oid) -> Result<String, HistoryError> {
    let object = repo.repo.find_object(oid, Some(ObjectType::Blob))?;
    let blob = object.peel_to_blob()?;
    Ok(String::from_utf8_lossy(blob.content()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::{FileMode, Repository, build::TreeUpdateBuilder};

    /// A file `x.json` and a directory `x` sort differently in git ("x.json"
    /// before "x/") than by name; the walk must still pair them up.
    #[test]
    fn changed_blobs_follows_git_tree_order() {
        let dir = tempfile::tempdir().unwrap();
        let git = Repository::init(dir.path()).unwrap();
        let blob = |text: &str| git.blob(text.as_bytes()).unwrap();
        let empty = git
            .find_tree(git.treebuilder(None).unwrap().write().unwrap())
            .unwrap();
        let build = |inner: &str| {
            let id = TreeUpdateBuilder::new()
                .upsert("activities.json", blob("{}"), FileMode::Blob)
                .upsert("activities/a.json", blob(inner), FileMode::Blob)
                .upsert("activities/b.json", blob("{\"b\": 1}"), FileMode::Blob)
                .create_updated(&git, &empty)
                .unwrap();
            git.find_tree(id).unwrap()
        };
        let (old, new) = (build("{\"a\": 1}"), build("{\"a\": 2}"));
        let repo = Repo {
            repo: Repository::open(dir.path()).unwrap(),
            workdir: dir.path().to_owned(),
            prefix: String::new(),
            dir: dir.path().to_owned(),
        };
        let mut out = Vec::new();
        changed_blobs(&repo, "", Some(&old), Some(&new), &mut out).unwrap();
        let paths: Vec<&str> = out.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(paths, ["activities/a.json"]);
    }
}
