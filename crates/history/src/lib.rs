//! The register's history, from the git repository that holds it (git2; no
//! `git` binary needed). The only module that links git2.
//!
//! Accountability (Art. 5(2)) means being able to show what the register
//! said, when, and who changed it: `commit` records a validated register,
//! `log` and `diff` speak in register terms, and any past version can be
//! read back as it was (`--at`).

mod commit;
mod dates;
pub mod journal;
mod lock;
mod log;
mod protect;
pub mod semantic_diff;

pub use commit::{
    Change, CommitError, CommitOutcome, Edit, check_author, commit, init_repository,
    uncommitted_register_files,
};
pub use dates::{Day, civil_from_days, parse_day, today_utc, unix_seconds};
pub use journal::recover;
pub use log::{LogEntry, Side, diff, last_public_change, log};
pub use protect::refuse_protected;

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Tree};

use ropa_register::source::{MAX_FILE_BYTES, RawContent, RawEntry, ReadError, SourceSet, assemble};

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{} is not inside a git repository; create one with `ropa init DIR`, or `git init` in the directory that holds the register", .0.display())]
    NotARepository(PathBuf),
    #[error("the repository at {} has no working tree (it is bare); run ropa in a checkout", .0.display())]
    Bare(PathBuf),
    #[error(
        "HEAD is detached (at {0}); check out a branch first (e.g. `git switch main`) so the commit is not lost"
    )]
    DetachedHead(String),
    #[error("the repository has no commits yet")]
    NoCommits,
    #[error(
        "unknown revision {0:?}: give a commit id, a branch or tag name, or a date as YYYY-MM-DD"
    )]
    UnknownRevision(String),
    #[error("no commit on or before {date}: the register's history starts on {first}")]
    BeforeHistory { date: String, first: String },
    #[error("the register directory {prefix}/ does not exist in commit {commit} ({date})")]
    NoRegisterAt {
        prefix: String,
        commit: String,
        date: String,
    },
    #[error(
        "no author for the commit: pass --author \"Name <email>\", or set git config user.name and user.email"
    )]
    NoAuthor,
    #[error("--author must look like \"Name <email>\", not {0:?}")]
    BadAuthor(String),
    #[error(
        "another ropa commit on this repository has held the lock for {0} s; try again when it has finished"
    )]
    Locked(u64),
    #[error("{}", unsafe_paths(.0))]
    Unsafe(Vec<(String, String)>),
    #[error(
        "{0} changed while ropa was working on it (saved by an editor?); that change is kept as it is"
    )]
    Changed(String),
    #[error("{0}")]
    Journal(String),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// Every path `ropa commit` cannot commit, with the reason, in one message.
fn unsafe_paths(paths: &[(String, String)]) -> String {
    let list: Vec<String> = paths
        .iter()
        .map(|(path, why)| format!("{path}: {why}"))
        .collect();
    format!(
        "the register holds {} path(s) ropa does not commit — {}; a register holds regular files of at most 4 MiB with plain names: move or remove these",
        paths.len(),
        list.join("; ")
    )
}

/// The repository holding a register, and where in it the register lives.
pub struct Repo {
    pub repo: Repository,
    pub workdir: PathBuf,
    /// The register directory relative to the working tree, `/` separated;
    /// empty when the register is the repository's root.
    pub prefix: String,
    /// The register directory as given.
    pub dir: PathBuf,
}

impl Repo {
    /// Finds the repository that contains `register_dir`.
    pub fn discover(register_dir: &Path) -> Result<Repo, HistoryError> {
        tune_libgit2();
        let canonical = register_dir
            .canonicalize()
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => {
                    HistoryError::Read(ReadError::Missing(register_dir.to_owned()))
                }
                _ => HistoryError::Io {
                    context: format!("cannot open {}", register_dir.display()),
                    source,
                },
            })?;
        let repo = Repository::discover(&canonical)
            .map_err(|_| HistoryError::NotARepository(register_dir.to_owned()))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| HistoryError::Bare(repo.path().to_owned()))?;
        let workdir = workdir.canonicalize().map_err(|source| HistoryError::Io {
            context: "cannot open the working tree".to_owned(),
            source,
        })?;
        let prefix = canonical
            .strip_prefix(&workdir)
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        Ok(Repo {
            repo,
            workdir,
            prefix,
            dir: register_dir.to_owned(),
        })
    }

    /// A commit from a revision (`HEAD~2`, a commit id, a tag) or a day
    /// (`2024-05-01`: the last commit on or before it, following HEAD's
    /// first parents).
    pub fn resolve(&self, at: &str) -> Result<git2::Commit<'_>, HistoryError> {
        if let Some(day) = parse_day(at) {
            return self.commit_on_or_before(at, day);
        }
        self.repo
            .revparse_single(at)
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| HistoryError::UnknownRevision(at.to_owned()))
    }

    fn commit_on_or_before(&self, text: &str, day: Day) -> Result<git2::Commit<'_>, HistoryError> {
        let head = self.head_commit()?.ok_or(HistoryError::NoCommits)?;
        let mut walk = self.repo.revwalk()?;
        walk.push(head.id())?;
        walk.simplify_first_parent()?;
        let mut first = None;
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            if dates::day_of(&commit.time()) <= day {
                return Ok(commit);
            }
            first = Some(dates::day_of(&commit.time()));
        }
        Err(HistoryError::BeforeHistory {
            date: text.to_owned(),
            first: first.map(|d| d.to_string()).unwrap_or_default(),
        })
    }

    /// HEAD's commit, or `None` in a repository without commits.
    pub fn head_commit(&self) -> Result<Option<git2::Commit<'_>>, HistoryError> {
        match self.repo.head() {
            Ok(head) => Ok(Some(head.peel_to_commit()?)),
            Err(e)
                if e.code() == git2::ErrorCode::UnbornBranch
                    || e.code() == git2::ErrorCode::NotFound =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The register's subtree in a commit, `None` when the commit has no register.
    pub fn register_tree<'r>(
        &'r self,
        commit: &git2::Commit<'r>,
    ) -> Result<Option<Tree<'r>>, HistoryError> {
        let root = commit.tree()?;
        if self.prefix.is_empty() {
            return Ok(Some(root));
        }
        match root.get_path(Path::new(&self.prefix)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => {
                Ok(Some(self.repo.find_tree(entry.id())?))
            }
            Ok(_) => Ok(None),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Reads the register as it was in `commit`, with the same checks as
    /// reading it from disk.
    pub fn read_at(&self, commit: &git2::Commit<'_>) -> Result<SourceSet, HistoryError> {
        Ok(assemble(&self.dir, self.raw_at(commit)?)?)
    }

    /// The register's files in `commit`, as the register reader takes them
    /// in: a link is a link out, a file over the limit is not read.
    pub fn raw_at(&self, commit: &git2::Commit<'_>) -> Result<Vec<RawEntry>, HistoryError> {
        let tree = self
            .register_tree(commit)?
            .ok_or_else(|| HistoryError::NoRegisterAt {
                prefix: if self.prefix.is_empty() {
                    ".".to_owned()
                } else {
                    self.prefix.clone()
                },
                commit: short_id(commit.id()),
                date: dates::day_of(&commit.time()).to_string(),
            })?;
        let odb = self.repo.odb()?;
        let mut entries = Vec::new();
        for (rel, oid, mode) in self.files(&tree)? {
            let content = if mode == 0o120000 {
                let target =
                    String::from_utf8_lossy(self.repo.find_blob(oid)?.content()).into_owned();
                RawContent::LinkOutside { target }
            } else {
                let (len, _) = odb.read_header(oid)?;
                if len as u64 > MAX_FILE_BYTES {
                    RawContent::TooLarge(len as u64)
                } else {
                    RawContent::Bytes(self.repo.find_blob(oid)?.content().to_vec())
                }
            };
            entries.push(RawEntry { rel, content });
        }
        Ok(entries)
    }

    /// The files of a register tree that the register reader looks at: the
    /// top level and the per-entry directories. `(rel, blob, mode)`.
    pub fn files(&self, tree: &Tree<'_>) -> Result<Vec<(String, Oid, i32)>, HistoryError> {
        let mut out = Vec::new();
        for entry in tree.iter() {
            let name = entry.name().unwrap_or_default().to_owned();
            match entry.kind() {
                Some(ObjectType::Blob) if name.ends_with(".json") => {
                    out.push((name, entry.id(), entry.filemode()))
                }
                Some(ObjectType::Tree) if ropa_register::source::is_entry_dir(&name) => {
                    for inner in self.repo.find_tree(entry.id())?.iter() {
                        if inner.kind() == Some(ObjectType::Blob) {
                            let inner_name = inner.name().unwrap_or_default();
                            out.push((
                                format!("{name}/{inner_name}"),
                                inner.id(),
                                inner.filemode(),
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// A path in the working tree for a path relative to the register.
    pub fn repo_path(&self, rel: &str) -> String {
        if self.prefix.is_empty() {
            rel.to_owned()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }
}

/// Reading a long history touches the same large trees (`activities/`)
/// again and again: keep them in libgit2's object cache (whose default skips
/// trees over 4 KiB), and skip re-hashing every object read — git itself
/// does not verify objects on read either.
fn tune_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        // SAFETY: called once, before any repository is opened by this process.
        unsafe {
            let _ = git2::opts::set_cache_object_limit(ObjectType::Tree, 1 << 20);
        }
    });
}

pub fn short_id(oid: Oid) -> String {
    oid.to_string()[..10].to_owned()
}
