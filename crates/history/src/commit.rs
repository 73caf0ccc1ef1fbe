//! `ropa commit`, the commit `ropa accept` makes, and the repository `ropa
//! init` creates: record the register's files — and only those — after
//! validation, one writer at a time, all or nothing.
//!
//! A commit is prepared whole before anything visible changes: the files
//! are read (regular files inside the register only, within the size
//! limit), checked by the caller exactly as they will be committed, and
//! turned into git objects and a commit object. Only then, with a journal
//! (see [`super::journal`]) on disk, does ropa write accept's files, the
//! index, and last the branch ref — the step that makes the commit. A run
//! killed before that step is rolled back by the next ropa command; one
//! killed after it is finished. An error before it rolls back at once.

use std::io::Read;
use std::path::Path;

use git2::{Oid, Repository, Signature};

use super::journal::{self, Blob, Journal, PathChange, entry};
use super::lock::lock;
use super::{HistoryError, Repo, short_id};
use ropa_register::atomic::{ReplaceError, is_temporary, open_regular, replace_if_unchanged};
use ropa_register::source::{
    MAX_FILE_BYTES, RawContent, RawEntry, SourceSet, assemble, is_entry_dir,
};

#[derive(Debug, PartialEq, Eq)]
pub enum CommitOutcome {
    Committed {
        id: String,
        /// How many files the commit wrote: the register's, or accept's edits.
        files: usize,
        /// Something left to do after the commit was made (the index could
        /// not be brought in line); the next ropa command finishes it.
        warning: Option<String>,
    },
    NothingToCommit,
}

/// What a commit records.
pub enum Change<'a> {
    /// The register's files as they are in the working tree (`ropa commit`).
    WorkingTree,
    /// HEAD's register with these files replaced (`ropa accept`); ropa
    /// writes them to the working tree itself, and never reads them back.
    Edits(&'a [Edit]),
}

/// One file `ropa accept` changes.
pub struct Edit {
    /// Relative to the register directory, `/` separated.
    pub rel: String,
    /// The bytes the edit was planned on: what HEAD and the working tree
    /// must still hold.
    pub before: Vec<u8>,
    pub after: Vec<u8>,
}

/// Why nothing was committed.
#[derive(Debug)]
pub enum CommitError<R> {
    /// The caller's check refused the register as it would be committed.
    Invalid(R),
    History(HistoryError),
}

impl<R> From<HistoryError> for CommitError<R> {
    fn from(err: HistoryError) -> Self {
        CommitError::History(err)
    }
}

impl<R> From<git2::Error> for CommitError<R> {
    fn from(err: git2::Error) -> Self {
        CommitError::History(err.into())
    }
}

/// Commits `change`, after `check` has accepted the register exactly as it
/// will be committed. Other files — modified, staged or untracked — are
/// never committed, and their index entries are left as they are. `Err`
/// means nothing was committed and nothing was left changed.
pub fn commit<R>(
    repo: &Repo,
    message: &str,
    author: Option<&str>,
    change: Change<'_>,
    check: impl FnOnce(SourceSet) -> Result<(), R>,
) -> Result<CommitOutcome, CommitError<R>> {
    let _lock = lock(&repo.repo, |waited| {
        if waited {
            eprintln!("waiting for another ropa commit on this repository to finish…");
        }
    })?;
    // A run killed since the last command is settled before this one starts.
    if let Some(note) = journal::recover_locked(repo)? {
        eprintln!("note: {note}");
    }
    if repo.repo.head_detached()? {
        let at = repo.repo.head()?.target().map(short_id).unwrap_or_default();
        return Err(HistoryError::DetachedHead(at).into());
    }
    let branch = repo
        .repo
        .find_reference("HEAD")?
        .symbolic_target()
        .ok()
        .flatten()
        .map(str::to_owned)
        .ok_or_else(|| HistoryError::DetachedHead(String::new()))?;
    let signature = signature(&repo.repo, author)?;
    let head = repo.head_commit()?;

    // What the commit holds, checked as it will be committed.
    let (files, edits) = match change {
        Change::WorkingTree => {
            let files = working_files(repo)?;
            check(set_of(repo, &files)?).map_err(CommitError::Invalid)?;
            (files, None)
        }
        Change::Edits(edits) => {
            let head = head.as_ref().ok_or(HistoryError::NoCommits)?;
            let (files, set) = edited_files(repo, head, edits)?;
            check(set).map_err(CommitError::Invalid)?;
            (files, Some(edits))
        }
    };

    // The new tree: HEAD's, with the register (or the edited files)
    // replaced, built in an index of our own so that what the user staged
    // elsewhere stays out of it.
    let mut index = git2::Index::new()?;
    if let Some(head) = &head {
        index.read_tree(&head.tree()?)?;
    }
    if edits.is_none() {
        if repo.prefix.is_empty() {
            index.clear()?;
        } else {
            index.remove_dir(Path::new(&repo.prefix), 0)?;
        }
    }
    let mut blobs = Vec::with_capacity(files.len());
    for file in &files {
        let id = repo.repo.blob(&file.bytes)?;
        index.add(&entry(&file.path, id, file.mode, file.bytes.len()))?;
        blobs.push(Blob {
            id,
            mode: file.mode,
        });
    }
    let tree_id = index.write_tree_to(&repo.repo)?;
    if head.as_ref().is_some_and(|h| h.tree_id() == tree_id) {
        return Ok(CommitOutcome::NothingToCommit);
    }
    let tree = repo.repo.find_tree(tree_id)?;
    let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
    // Made, but on no branch yet: a message git refuses fails here, before
    // anything is written.
    let id = repo
        .repo
        .commit(None, &signature, &signature, message, &tree, &parents)?;

    // What the index will say of each path the commit touches.
    let changes = match edits {
        None => index_changes(repo, &files, &blobs)?,
        // Accept's files held `before` (HEAD's bytes, checked above) in the
        // working tree and the index alike: that is what a roll-back restores.
        Some(edits) => {
            let mut changes = Vec::with_capacity(edits.len());
            for ((edit, file), blob) in edits.iter().zip(&files).zip(&blobs) {
                changes.push(PathChange {
                    path: file.path.clone(),
                    old: Some(Blob {
                        id: Oid::hash_object(git2::ObjectType::Blob, &edit.before)?,
                        mode: blob.mode,
                    }),
                    new: Some(blob.clone()),
                    worktree: true,
                });
            }
            changes
        }
    };

    let record = Journal {
        op: if edits.is_some() { "accept" } else { "commit" }.to_owned(),
        subject: message.lines().next().unwrap_or_default().to_owned(),
        branch: branch.clone(),
        parent: head.as_ref().map(|h| h.id().to_string()),
        commit: id.to_string(),
        changes,
    };
    journal::write(&repo.repo, &record)?;
    failpoint("after-journal");

    // Accept's files, each replaced only while it still holds what the edit
    // was planned on.
    if let Some(edits) = edits {
        for edit in edits {
            let path = repo.dir.join(&edit.rel);
            if let Err(err) = replace_if_unchanged(&path, &edit.before, &edit.after) {
                let err = match err {
                    ReplaceError::Changed(_) => HistoryError::Changed(repo.repo_path(&edit.rel)),
                    ReplaceError::Io(text) => HistoryError::Journal(text),
                };
                return Err(abandon(repo, &record, err).into());
            }
            failpoint("after-file");
        }
    }
    if let Err(err) = journal::update_index(&repo.repo, &record.changes, journal::Side::New) {
        return Err(abandon(repo, &record, err).into());
    }
    failpoint("after-index");
    // The commit happens here: the ref moves only if it still names the
    // parent, so a commit made meanwhile by anyone else is never lost.
    let reflog = match &head {
        Some(_) => format!("commit: {}", record.subject),
        None => format!("commit (initial): {}", record.subject),
    };
    let moved = match &head {
        Some(parent) => repo
            .repo
            .reference_matching(&branch, id, true, parent.id(), &reflog),
        None => repo.repo.reference(&branch, id, false, &reflog),
    };
    if let Err(err) = moved {
        return Err(abandon(repo, &record, err.into()).into());
    }
    failpoint("after-ref");
    let warning = journal::remove(&repo.repo)
        .err()
        .map(|err| format!("{err}; the next ropa command finishes the commit's bookkeeping"));
    Ok(CommitOutcome::Committed {
        id: short_id(id),
        files: files.len(),
        warning,
    })
}

/// For the tests: `ROPA_FAILPOINT=<name>` ends the process dead at that
/// step of a commit, as `kill -9` would (no clean-up runs), so that every
/// window a kill can hit is tried deterministically, not only by chance.
fn failpoint(name: &str) {
    if std::env::var_os("ROPA_FAILPOINT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// Undoes a commit that failed before its ref moved: accept's files and
/// the index back as they were, the journal removed. Returns `err`, with
/// whatever could not be undone added.
fn abandon(repo: &Repo, record: &Journal, err: HistoryError) -> HistoryError {
    let problems = journal::roll_back(repo, record);
    let journal_left = journal::remove(&repo.repo).err();
    if problems.is_empty() && journal_left.is_none() {
        return err;
    }
    let mut text = err.to_string();
    for problem in problems {
        text.push_str(&format!("; {problem}"));
    }
    if let Some(left) = journal_left {
        text.push_str(&format!("; {left}"));
    }
    HistoryError::Journal(text)
}

/// One file of a commit: its path in the repository, mode and bytes.
struct CommitFile {
    path: String,
    mode: u32,
    bytes: Vec<u8>,
}

/// The index entries under the register that a commit of `files` changes:
/// each file whose entry differs, and each entry no file is left for.
fn index_changes(
    repo: &Repo,
    files: &[CommitFile],
    blobs: &[Blob],
) -> Result<Vec<PathChange>, HistoryError> {
    let real = repo.repo.index()?;
    let mut changes = Vec::new();
    let committed: std::collections::HashSet<&str> =
        files.iter().map(|f| f.path.as_str()).collect();
    let under = format!("{}/", repo.prefix);
    for old in real.iter() {
        let path = String::from_utf8_lossy(&old.path).into_owned();
        let inside = repo.prefix.is_empty() || path.starts_with(&under);
        let stage = (old.flags >> 12) & 0x3;
        if inside && stage == 0 && !committed.contains(path.as_str()) {
            changes.push(PathChange {
                path,
                old: Some(Blob::of(&old)),
                new: None,
                worktree: false,
            });
        }
    }
    for (file, blob) in files.iter().zip(blobs) {
        let old = real
            .get_path(Path::new(&file.path), 0)
            .map(|e| Blob::of(&e));
        if old.as_ref() != Some(blob) {
            changes.push(PathChange {
                path: file.path.clone(),
                old,
                new: Some(blob.clone()),
                worktree: false,
            });
        }
    }
    Ok(changes)
}

/// The register as `check` sees it: the files the register reader takes
/// (top-level `.json` files, the files of `activities/` and `systems/`),
/// from the bytes that will be committed.
fn set_of(repo: &Repo, files: &[CommitFile]) -> Result<SourceSet, HistoryError> {
    let entries = files
        .iter()
        .filter_map(|file| {
            let rel = register_rel(repo, &file.path)?;
            let read = match rel.split_once('/') {
                None => rel.ends_with(".json"),
                Some((dir, rest)) => is_entry_dir(dir) && !rest.contains('/'),
            };
            read.then(|| RawEntry {
                rel: rel.to_owned(),
                content: RawContent::Bytes(file.bytes.clone()),
            })
        })
        .collect();
    Ok(assemble(&repo.dir, entries)?)
}

/// A path in the repository relative to the register directory.
fn register_rel<'p>(repo: &Repo, path: &'p str) -> Option<&'p str> {
    if repo.prefix.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(repo.prefix.as_str())?.strip_prefix('/')
    }
}

/// Accept's edits as files to commit, and HEAD's register with them, after
/// checking that each was planned on the bytes HEAD holds.
fn edited_files(
    repo: &Repo,
    head: &git2::Commit<'_>,
    edits: &[Edit],
) -> Result<(Vec<CommitFile>, SourceSet), HistoryError> {
    let tree = head.tree()?;
    let mut files = Vec::with_capacity(edits.len());
    for edit in edits {
        let path = repo.repo_path(&edit.rel);
        let committed = tree.get_path(Path::new(&path)).ok();
        let before = Oid::hash_object(git2::ObjectType::Blob, &edit.before)?;
        let Some(committed) = committed.filter(|e| e.id() == before) else {
            return Err(HistoryError::Changed(path));
        };
        let mode = match committed.filemode() {
            0o100755 => 0o100755,
            _ => 0o100644,
        };
        files.push(CommitFile {
            path,
            mode,
            bytes: edit.after.clone(),
        });
    }
    let mut entries = repo.raw_at(head)?;
    for entry in &mut entries {
        if let Some(edit) = edits.iter().find(|e| e.rel == entry.rel) {
            entry.content = RawContent::Bytes(edit.after.clone());
        }
    }
    Ok((files, assemble(&repo.dir, entries)?))
}

/// The register's files that differ from the last commit (changed, new or
/// deleted), relative to the working tree.
pub fn uncommitted_register_files(repo: &Repo) -> Result<Vec<String>, HistoryError> {
    let files = working_files(repo)?;
    let Some(head) = repo.head_commit()? else {
        return Ok(files.into_iter().map(|f| f.path).collect());
    };
    let tree = head.tree()?;
    let mut changed = Vec::new();
    for file in &files {
        let id = Oid::hash_object(git2::ObjectType::Blob, &file.bytes)?;
        let committed = tree.get_path(Path::new(&file.path)).ok().map(|e| e.id());
        if committed != Some(id) {
            changed.push(file.path.clone());
        }
    }
    let present: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut committed = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob) {
            let path = format!("{dir}{}", entry.name().unwrap_or_default());
            if repo.prefix.is_empty() || path.starts_with(&format!("{}/", repo.prefix)) {
                committed.push(path);
            }
        }
        git2::TreeWalkResult::Ok
    })?;
    for path in committed {
        if !present.contains(path.as_str()) {
            changed.push(path);
        }
    }
    changed.sort();
    Ok(changed)
}

/// Every file under the register directory that git would track (ignored
/// files and ropa's temporary files are skipped), read without following a
/// link or waiting on a special file, sorted by path. Anything else found
/// there — a link, a FIFO, a device, a file over the size limit, a name
/// git or another system would read differently — is refused, all of them
/// named at once.
fn working_files(repo: &Repo) -> Result<Vec<CommitFile>, HistoryError> {
    let mut out = Vec::new();
    let mut refused: Vec<(String, String)> = Vec::new();
    let mut stack = vec![repo.prefix.clone()];
    while let Some(dir_rel) = stack.pop() {
        let dir = repo.workdir.join(&dir_rel);
        let io = |source| HistoryError::Io {
            context: format!("cannot read {}", dir.display()),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name();
            let join = |name: &str| {
                if dir_rel.is_empty() {
                    name.to_owned()
                } else {
                    format!("{dir_rel}/{name}")
                }
            };
            let Some(name) = name.to_str() else {
                refused.push((
                    join(&name.to_string_lossy()),
                    "its name is not UTF-8".to_owned(),
                ));
                continue;
            };
            let rel = join(name);
            if name == ".git" || is_temporary(name) || repo.repo.is_path_ignored(&rel)? {
                continue;
            }
            if let Some(why) = bad_name(name) {
                refused.push((rel, why.to_owned()));
                continue;
            }
            // The listing's type: a link is a link, not what it leads to.
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() {
                stack.push(rel);
            } else if kind.is_symlink() {
                let target = std::fs::read_link(entry.path())
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                refused.push((
                    rel,
                    format!("a symbolic link (to {target}); ropa commits regular files only"),
                ));
            } else if !kind.is_file() {
                refused.push((rel, format!("{}, not a regular file", special_kind(&kind))));
            } else {
                match read_regular(&entry.path()) {
                    Ok(Ok((bytes, mode))) => out.push(CommitFile {
                        path: rel,
                        mode,
                        bytes,
                    }),
                    Ok(Err(why)) => refused.push((rel, why)),
                    Err(source) => {
                        return Err(HistoryError::Io {
                            context: format!("cannot read {}", entry.path().display()),
                            source,
                        });
                    }
                }
            }
        }
    }
    if !refused.is_empty() {
        refused.sort();
        return Err(HistoryError::Unsafe(refused));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Why a file name cannot go into the register's history, if it cannot.
fn bad_name(name: &str) -> Option<&'static str> {
    if name.contains('\\') {
        Some("a backslash in its name, which Windows and git on Windows read as a folder separator")
    } else if name.chars().any(char::is_control) {
        Some("a control character in its name")
    } else {
        None
    }
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "something"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> &'static str {
    "something"
}

/// A regular file's bytes and git mode, or why it is not committed.
fn read_regular(path: &Path) -> std::io::Result<Result<(Vec<u8>, u32), String>> {
    let Some(file) = open_regular(path)? else {
        return Ok(Err(
            "not a regular file (it was replaced while ropa read it)".to_owned(),
        ));
    };
    let meta = file.metadata()?;
    let too_large = |len: u64| {
        format!("{len} bytes, over the {MAX_FILE_BYTES} bytes (4 MiB) a register file may hold")
    };
    if meta.len() > MAX_FILE_BYTES {
        return Ok(Err(too_large(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take`: a file that grows while it is read stops at the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(too_large(bytes.len() as u64)));
    }
    Ok(Ok((bytes, git_mode(&meta))))
}

#[cfg(unix)]
fn git_mode(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o111 != 0 {
        0o100755
    } else {
        0o100644
    }
}

#[cfg(not(unix))]
fn git_mode(_meta: &std::fs::Metadata) -> u32 {
    0o100644
}

/// Creates a repository in `dir` unless one already holds it, and commits
/// the register there.
pub fn init_repository(dir: &Path, author: Option<&str>) -> Result<CommitOutcome, HistoryError> {
    if Repository::discover(dir).is_err() {
        Repository::init(dir)?;
    }
    let repo = Repo::discover(dir)?;
    let unchecked = |_: SourceSet| Ok::<(), std::convert::Infallible>(());
    commit(
        &repo,
        "Start the register (ropa init)",
        author,
        Change::WorkingTree,
        unchecked,
    )
    .map_err(|err| match err {
        CommitError::History(err) => err,
        CommitError::Invalid(never) => match never {},
    })
}

/// Checks, before anything is written, that a commit could be signed.
pub fn check_author(dir: &Path, author: Option<&str>) -> Result<(), HistoryError> {
    if author.is_some() {
        return signature_from_text(author.unwrap_or_default()).map(|_| ());
    }
    let config = match Repository::discover(dir) {
        Ok(repo) => repo.config()?,
        Err(_) => git2::Config::open_default()?,
    };
    let has = |key: &str| config.get_string(key).is_ok_and(|v| !v.trim().is_empty());
    if has("user.name") && has("user.email") {
        Ok(())
    } else {
        Err(HistoryError::NoAuthor)
    }
}

fn signature(repo: &Repository, author: Option<&str>) -> Result<Signature<'static>, HistoryError> {
    match author {
        Some(text) => signature_from_text(text),
        None => repo.signature().map_err(|_| HistoryError::NoAuthor),
    }
}

/// `Name <email>`.
fn signature_from_text(text: &str) -> Result<Signature<'static>, HistoryError> {
    let (name, rest) = text
        .split_once('<')
        .ok_or_else(|| HistoryError::BadAuthor(text.to_owned()))?;
    let email = rest
        .trim()
        .strip_suffix('>')
        .ok_or_else(|| HistoryError::BadAuthor(text.to_owned()))?;
    let (name, email) = (name.trim(), email.trim());
    if name.is_empty() || !email.contains('@') {
        return Err(HistoryError::BadAuthor(text.to_owned()));
    }
    Ok(Signature::now(name, email)?)
}
