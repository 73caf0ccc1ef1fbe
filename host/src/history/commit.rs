//! `ropa commit` and the repository `ropa init` creates: record the
//! register's files — and only those — after validation, one writer at a time.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{IndexEntry, IndexTime, Oid, Repository, Signature};

use super::{HistoryError, Repo, short_id};

/// How long a `ropa commit` waits for another one to finish; the
/// `ROPA_LOCK_WAIT` environment variable (seconds) overrides it.
fn lock_wait() -> Duration {
    let secs = std::env::var("ROPA_LOCK_WAIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

#[derive(Debug, PartialEq, Eq)]
pub enum CommitOutcome {
    Committed { id: String, files: usize },
    NothingToCommit,
}

/// Commits the register's files as they are in the working tree. The caller
/// has validated them. Other files — modified, staged or untracked — are left
/// exactly as they are and never committed.
pub fn commit(
    repo: &Repo,
    message: &str,
    author: Option<&str>,
    validate: impl FnOnce() -> bool,
) -> Result<Option<CommitOutcome>, HistoryError> {
    let _lock = lock(&repo.repo, |waited| {
        if waited {
            eprintln!("waiting for another ropa commit on this repository to finish…");
        }
    })?;
    // Validation runs under the lock, so what is validated is what is committed.
    if !validate() {
        return Ok(None);
    }
    if repo.repo.head_detached()? {
        let at = repo.repo.head()?.target().map(short_id).unwrap_or_default();
        return Err(HistoryError::DetachedHead(at));
    }
    let signature = signature(&repo.repo, author)?;
    let head = repo.head_commit()?;
    let files = register_files(repo)?;

    // Build the new tree from HEAD's tree with the register replaced, in an
    // index of our own: what the user staged elsewhere stays out of it.
    let mut index = git2::Index::new()?;
    if let Some(head) = &head {
        index.read_tree(&head.tree()?)?;
    }
    if repo.prefix.is_empty() {
        index.clear()?;
    } else {
        index.remove_dir(Path::new(&repo.prefix), 0)?;
    }
    for (path, bytes) in &files {
        let id = repo.repo.blob(bytes)?;
        index.add(&entry(path, id, bytes.len()))?;
    }
    let tree_id = index.write_tree_to(&repo.repo)?;
    if head.as_ref().is_some_and(|h| h.tree_id() == tree_id) {
        return Ok(Some(CommitOutcome::NothingToCommit));
    }
    let tree = repo.repo.find_tree(tree_id)?;
    let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
    let id = repo.repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )?;

    // Bring the real index in line for the register's paths only, so `git
    // status` shows them clean; everything else in it is untouched.
    let mut real = repo.repo.index()?;
    if repo.prefix.is_empty() {
        real.clear()?;
    } else {
        real.remove_dir(Path::new(&repo.prefix), 0)?;
    }
    for (path, _) in &files {
        real.add_path(Path::new(path))?;
    }
    real.write()?;
    Ok(Some(CommitOutcome::Committed {
        id: short_id(id),
        files: files.len(),
    }))
}

/// The register's files that differ from the last commit (changed, new or
/// deleted), relative to the working tree.
pub fn uncommitted_register_files(repo: &Repo) -> Result<Vec<String>, HistoryError> {
    let files = register_files(repo)?;
    let Some(head) = repo.head_commit()? else {
        return Ok(files.into_iter().map(|(path, _)| path).collect());
    };
    let tree = head.tree()?;
    let mut changed = Vec::new();
    for (path, bytes) in &files {
        let id = Oid::hash_object(git2::ObjectType::Blob, bytes)?;
        let committed = tree.get_path(Path::new(path)).ok().map(|e| e.id());
        if committed != Some(id) {
            changed.push(path.clone());
        }
    }
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
        if !files.iter().any(|(p, _)| *p == path) {
            changed.push(path);
        }
    }
    changed.sort();
    Ok(changed)
}

/// Creates a repository in `dir` unless one already holds it, and commits
/// the register there.
pub fn init_repository(dir: &Path, author: Option<&str>) -> Result<CommitOutcome, HistoryError> {
    if Repository::discover(dir).is_err() {
        Repository::init(dir)?;
    }
    let repo = Repo::discover(dir)?;
    commit(&repo, "Start the register (ropa init)", author, || true)
        .map(|o| o.expect("validation was skipped"))
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

/// Every file under the register directory that git would track (ignored
/// files are skipped), as paths relative to the working tree, sorted.
fn register_files(repo: &Repo) -> Result<Vec<(String, Vec<u8>)>, HistoryError> {
    let mut out = Vec::new();
    let mut stack = vec![repo.workdir.join(&repo.prefix)];
    while let Some(dir) = stack.pop() {
        let io = |source| HistoryError::Io {
            context: format!("cannot read {}", dir.display()),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            let rel = path
                .strip_prefix(&repo.workdir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".git" || rel.ends_with("/.git") || repo.repo.is_path_ignored(&rel)? {
                continue;
            }
            if entry.file_type().map_err(io)?.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|source| HistoryError::Io {
                    context: format!("cannot read {}", path.display()),
                    source,
                })?;
                out.push((rel, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn entry(path: &str, id: Oid, len: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: len as u32,
        id,
        flags: (path.len().min(0xfff)) as u16,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
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

/// An advisory lock on `.git/ropa.lock`, released when the process ends —
/// also when it is killed, so no stale lock outlives a crash.
struct Lock(#[allow(dead_code)] File);

fn lock(repo: &Repository, mut on_wait: impl FnMut(bool)) -> Result<Lock, HistoryError> {
    let path: PathBuf = repo.path().join("ropa.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| HistoryError::Io {
            context: format!("cannot open {}", path.display()),
            source,
        })?;
    let start = Instant::now();
    let wait = lock_wait();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock(file)),
            Err(TryLockError::WouldBlock) => {
                if !told {
                    on_wait(true);
                    told = true;
                }
                if start.elapsed() > wait {
                    return Err(HistoryError::Locked(wait.as_secs()));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::Error(source)) => {
                return Err(HistoryError::Io {
                    context: format!("cannot lock {}", path.display()),
                    source,
                });
            }
        }
    }
}
