//! The `files` capability: listing and bounded reads under one granted root.
//!
//! # Why a path cannot leave the root
//!
//! - The root is canonicalised once, at [`FilesConnector::open`].
//! - A path is checked as text first: absolute paths and `..` components are
//!   refused (`NotGranted`), backslashes and NUL are malformed (`Invalid`);
//!   empty and `.` components are dropped. What is left is a list of plain
//!   names, so joining them to the root can only go down, never up.
//! - The only other way out is a symbolic link, and **no symbolic link is
//!   ever followed**: each component is looked at with `lstat`
//!   ([`std::fs::symlink_metadata`]) from the root down, and a path that
//!   passes through a link, at any level, is refused: `NotGranted` when the
//!   link leads out of the root (or nowhere), `Invalid` when it stays inside.
//!   Links are listed as [`EntryKind::Other`], as the WIT says they are not
//!   readable. Not following links at all (rather than following those that
//!   stay inside) also means a plugin walking the tree never loops.
//! - Between that check and the `open`, someone on the machine could swap a
//!   component for a link. So the file is opened with `O_NOFOLLOW` (where the
//!   flag's value is known, Linux) and, everywhere, the opened file's device
//!   and inode are compared with what `lstat` saw: a read only ever returns
//!   bytes of the very file that passed the checks.
//! - Only regular files are opened. FIFOs, sockets and devices are
//!   [`EntryKind::Other`] and refused before any `open` (opening a FIFO would
//!   block); `O_NONBLOCK` (Linux) covers the swap race for them too.
//!
//! Hard links and mount points inside the root are the administrator's to
//! grant: they are part of the tree like any file or directory.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{Budget, DirEntry, EntryKind, Refusal, spent};

/// The most bytes one `read` returns, whatever the plugin asks.
pub const READ_BYTES_PER_CALL: u32 = 1024 * 1024;

/// The most entries `list_dir` returns; a larger directory is refused.
pub const LIST_DIR_MAX_ENTRIES: usize = 100_000;

/// Read-only access to the tree under one directory.
#[derive(Debug, Clone)]
pub struct FilesConnector {
    root: PathBuf,
}

/// A path that passed the checks: where it is and what `lstat` said of it.
struct Located {
    path: PathBuf,
    meta: Metadata,
    /// The path relative to the root, normalised (`a/b`, `` for the root).
    rel: String,
}

impl FilesConnector {
    /// Grant the tree under `root`, which must exist and be a directory.
    pub fn open(root: &Path) -> Result<Self, Refusal> {
        let shown = root.display();
        let canonical = root.canonicalize().map_err(|e| match e.kind() {
            ErrorKind::NotFound => Refusal::Failed(format!("granted root {shown} not found")),
            _ => Refusal::Failed(format!("cannot open granted root {shown}: {e}")),
        })?;
        let meta = std::fs::metadata(&canonical)
            .map_err(|e| Refusal::Failed(format!("cannot open granted root {shown}: {e}")))?;
        if !meta.is_dir() {
            return Err(Refusal::Failed(format!(
                "granted root {shown} is not a directory"
            )));
        }
        Ok(FilesConnector { root: canonical })
    }

    /// The granted root, canonical.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The entries of the directory `rel` (`""` or `"."` for the root), not
    /// recursive, sorted by path. Each entry's `path` is relative to the
    /// root, `/`-separated, and usable with `list_dir` and `read`. Links,
    /// FIFOs, sockets and devices are `Other`, with size 0. Names that are
    /// not UTF-8 cannot be named in the WIT and are left out; names with a
    /// backslash are listed as `Other` (no path with one is accepted).
    pub fn list_dir(&self, rel: &str) -> Result<Vec<DirEntry>, Refusal> {
        let at = self.locate(rel)?;
        if !at.meta.is_dir() {
            return Err(Refusal::Invalid(format!("`{rel}` is not a directory")));
        }
        let io = |e: std::io::Error| Refusal::Failed(format!("cannot list `{rel}`: {e}"));
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&at.path).map_err(io)? {
            let entry = entry.map_err(io)?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if entries.len() == LIST_DIR_MAX_ENTRIES {
                return Err(Refusal::Failed(format!(
                    "directory `{rel}` has more than {LIST_DIR_MAX_ENTRIES} entries"
                )));
            }
            // `DirEntry::metadata` does not follow a link (it is `lstat`).
            let meta = match entry.metadata() {
                Ok(meta) => meta,
                // Removed since `read_dir` saw it.
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(io(e)),
            };
            let (kind, size) = if name.contains('\\') {
                (EntryKind::Other, 0)
            } else if meta.file_type().is_file() {
                (EntryKind::File, meta.len())
            } else if meta.file_type().is_dir() {
                (EntryKind::Directory, 0)
            } else {
                (EntryKind::Other, 0)
            };
            let path = if at.rel.is_empty() {
                name
            } else {
                format!("{}/{name}", at.rel)
            };
            entries.push(DirEntry { path, kind, size });
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(entries)
    }

    /// Up to `length` bytes of the regular file `rel` from byte `offset`:
    /// fewer at the end of the file (none past it), and at most
    /// [`READ_BYTES_PER_CALL`] and the bytes left in the budget. The bytes
    /// returned are taken from `budget`; `LimitExceeded` when it has none
    /// left or its deadline has passed.
    pub fn read(
        &self,
        rel: &str,
        offset: u64,
        length: u32,
        budget: &mut Budget,
    ) -> Result<Vec<u8>, Refusal> {
        let at = self.locate(rel)?;
        let file_type = at.meta.file_type();
        if file_type.is_dir() {
            return Err(Refusal::Invalid(format!(
                "`{rel}` is a directory; list it instead of reading it"
            )));
        }
        if !file_type.is_file() {
            return Err(Refusal::Invalid(format!(
                "`{rel}` is not a regular file (a FIFO, socket or device) and is never opened"
            )));
        }
        budget.check_time()?;
        if length == 0 {
            return Ok(Vec::new());
        }
        if budget.bytes_left() == 0 {
            return Err(spent("bytes"));
        }
        let want = u64::from(length.min(READ_BYTES_PER_CALL)).min(budget.bytes_left());

        let io = |e: std::io::Error| Refusal::Failed(format!("cannot read `{rel}`: {e}"));
        let mut file = open_no_follow(&at.path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => Refusal::NotFound(format!("`{rel}` does not exist")),
            _ => io(e),
        })?;
        let opened = file.metadata().map_err(io)?;
        if !opened.file_type().is_file() || !same_file(&opened, &at.meta) {
            return Err(Refusal::Failed(format!(
                "`{rel}` changed while it was being opened; not read"
            )));
        }
        let mut bytes = Vec::with_capacity(want.min(opened.len().saturating_sub(offset)) as usize);
        if offset < opened.len() {
            file.seek(SeekFrom::Start(offset)).map_err(io)?;
            file.take(want).read_to_end(&mut bytes).map_err(io)?;
        }
        budget.take_bytes(bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Check `rel` (see the module documentation) and `lstat` every
    /// component from the root down.
    fn locate(&self, rel: &str) -> Result<Located, Refusal> {
        if rel.contains('\0') {
            return Err(Refusal::Invalid(
                "the path contains a NUL character".to_owned(),
            ));
        }
        if rel.contains('\\') {
            return Err(Refusal::Invalid(format!(
                "`{rel}` contains a backslash; paths are `/`-separated"
            )));
        }
        if rel.starts_with('/') {
            return Err(Refusal::NotGranted(format!(
                "`{rel}` is outside the granted root (paths are relative to it)"
            )));
        }
        let names: Vec<&str> = rel
            .split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .collect();
        if names.contains(&"..") {
            return Err(Refusal::NotGranted(format!(
                "`{rel}` is outside the granted root (`..` is not allowed)"
            )));
        }

        let mut path = self.root.clone();
        let mut meta = std::fs::symlink_metadata(&path)
            .map_err(|e| Refusal::Failed(format!("the granted root cannot be read: {e}")))?;
        if !meta.is_dir() {
            return Err(Refusal::Failed(
                "the granted root is no longer a directory".to_owned(),
            ));
        }
        for (i, name) in names.iter().enumerate() {
            if !meta.is_dir() {
                return Err(Refusal::NotFound(format!(
                    "`{rel}` does not exist (`{}` is not a directory)",
                    names[..i].join("/")
                )));
            }
            path.push(name);
            meta = std::fs::symlink_metadata(&path).map_err(|e| match e.kind() {
                ErrorKind::NotFound | ErrorKind::NotADirectory => {
                    Refusal::NotFound(format!("`{rel}` does not exist"))
                }
                _ => Refusal::Failed(format!("cannot look at `{rel}`: {e}")),
            })?;
            if meta.file_type().is_symlink() {
                let link = names[..=i].join("/");
                let inside = path
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(&self.root));
                return Err(if inside {
                    Refusal::Invalid(format!(
                        "`{link}` is a symbolic link; links are not followed"
                    ))
                } else {
                    Refusal::NotGranted(format!(
                        "`{rel}` is outside the granted root (`{link}` is a symbolic link leading out of it)"
                    ))
                });
            }
        }
        Ok(Located {
            path,
            meta,
            rel: names.join("/"),
        })
    }
}

/// Open for reading without following a final symbolic link and without
/// blocking on a FIFO, where the flags' values are known.
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(OPEN_FLAGS);
    }
    options.open(path)
}

// `O_NONBLOCK | O_NOFOLLOW` from the kernel's headers (no `libc` dependency
// for two constants); 0 elsewhere, where the inode check still holds.
#[cfg(all(
    target_os = "linux",
    any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "riscv64",
        target_arch = "loongarch64"
    )
))]
const OPEN_FLAGS: i32 = 0o4000 | 0x20000;
#[cfg(all(target_os = "linux", any(target_arch = "aarch64", target_arch = "arm")))]
const OPEN_FLAGS: i32 = 0o4000 | 0x8000;
#[cfg(all(
    unix,
    not(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "riscv64",
            target_arch = "loongarch64",
            target_arch = "aarch64",
            target_arch = "arm"
        )
    ))
))]
const OPEN_FLAGS: i32 = 0;

/// Whether two metadata describe the same file (device and inode).
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use super::*;

    fn budget() -> Budget {
        Budget::new(1000, 1 << 30, Duration::from_secs(60))
    }

    /// root/{a.txt, sub/{deep.txt, nested/, up -> ..}, link_in -> a.txt,
    /// link_etc -> /etc, link_passwd -> /etc/passwd, escape -> <outside>,
    /// dangling -> <nowhere>, fifo}, and <outside>/secret.txt.
    fn tree() -> (tempfile::TempDir, tempfile::TempDir, FilesConnector) {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::write(r.join("a.txt"), "hello world").unwrap();
        std::fs::create_dir_all(r.join("sub/nested")).unwrap();
        std::fs::write(r.join("sub/deep.txt"), "deep").unwrap();
        symlink("..", r.join("sub/up")).unwrap();
        symlink("a.txt", r.join("link_in")).unwrap();
        symlink("/etc", r.join("link_etc")).unwrap();
        symlink("/etc/passwd", r.join("link_passwd")).unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        symlink(outside.path(), r.join("escape")).unwrap();
        symlink(r.join("nowhere"), r.join("dangling")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(r.join("fifo"))
            .status()
            .unwrap();
        assert!(status.success());
        let files = FilesConnector::open(r).unwrap();
        (root, outside, files)
    }

    fn entry(path: &str, kind: EntryKind, size: u64) -> DirEntry {
        DirEntry {
            path: path.to_owned(),
            kind,
            size,
        }
    }

    #[test]
    fn lists_sorted_without_following_links() {
        let (_root, _outside, files) = tree();
        let root = files.list_dir("").unwrap();
        assert_eq!(
            root,
            vec![
                entry("a.txt", EntryKind::File, 11),
                entry("dangling", EntryKind::Other, 0),
                entry("escape", EntryKind::Other, 0),
                entry("fifo", EntryKind::Other, 0),
                entry("link_etc", EntryKind::Other, 0),
                entry("link_in", EntryKind::Other, 0),
                entry("link_passwd", EntryKind::Other, 0),
                entry("sub", EntryKind::Directory, 0),
            ]
        );
        assert_eq!(files.list_dir(".").unwrap(), root);
        assert_eq!(files.list_dir("./").unwrap(), root);
        assert_eq!(
            files.list_dir("sub").unwrap(),
            vec![
                entry("sub/deep.txt", EntryKind::File, 4),
                entry("sub/nested", EntryKind::Directory, 0),
                entry("sub/up", EntryKind::Other, 0),
            ]
        );
        assert_eq!(files.list_dir("./sub//nested/").unwrap(), vec![]);
        assert!(matches!(files.list_dir("a.txt"), Err(Refusal::Invalid(_))));
        assert!(matches!(files.list_dir("nope"), Err(Refusal::NotFound(_))));
    }

    #[test]
    fn reads_in_chunks() {
        let (_root, _outside, files) = tree();
        let mut b = budget();
        assert_eq!(files.read("a.txt", 0, 5, &mut b).unwrap(), b"hello");
        assert_eq!(files.read("a.txt", 5, 100, &mut b).unwrap(), b" world");
        assert_eq!(files.read("a.txt", 11, 100, &mut b).unwrap(), b"");
        assert_eq!(files.read("a.txt", u64::MAX, 100, &mut b).unwrap(), b"");
        assert_eq!(files.read("a.txt", 0, 0, &mut b).unwrap(), b"");
        assert_eq!(files.read("./sub//deep.txt", 1, 2, &mut b).unwrap(), b"ee");
        let mut whole = Vec::new();
        let mut offset = 0;
        loop {
            let chunk = files.read("a.txt", offset, 3, &mut b).unwrap();
            if chunk.is_empty() {
                break;
            }
            offset += chunk.len() as u64;
            whole.extend(chunk);
        }
        assert_eq!(whole, b"hello world");
    }

    #[test]
    fn caps_and_budget() {
        let (root, _outside, files) = tree();
        let big = vec![7u8; 3 * READ_BYTES_PER_CALL as usize];
        std::fs::write(root.path().join("big.bin"), &big).unwrap();
        let mut b = budget();
        let chunk = files.read("big.bin", 0, u32::MAX, &mut b).unwrap();
        assert_eq!(chunk.len(), READ_BYTES_PER_CALL as usize);
        assert_eq!(b.bytes_left(), (1 << 30) - u64::from(READ_BYTES_PER_CALL));

        let mut b = Budget::new(0, 8, Duration::from_secs(60));
        assert_eq!(files.read("a.txt", 0, 5, &mut b).unwrap(), b"hello");
        assert_eq!(
            files.read("a.txt", 5, 5, &mut b).unwrap(),
            b" wo",
            "budget cuts"
        );
        assert_eq!(b.bytes_left(), 0);
        assert!(matches!(
            files.read("a.txt", 0, 5, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        let mut b = Budget::with_deadline(0, 8, Instant::now());
        assert!(matches!(
            files.read("a.txt", 0, 5, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
    }

    #[test]
    fn refuses_paths_out_of_the_root() {
        let (_root, outside, files) = tree();
        let secret = outside.path().join("secret.txt");
        let absolute = secret.to_str().unwrap();
        for path in [
            "..",
            "../x",
            "sub/../a.txt",
            "sub/../../etc/passwd",
            "/etc/passwd",
            absolute,
            "link_passwd",
            "link_etc/passwd",
            "link_etc",
            "escape/secret.txt",
            "sub/up/../..",
            "dangling",
        ] {
            let mut b = budget();
            let read = files.read(path, 0, 100, &mut b);
            assert!(
                matches!(&read, Err(Refusal::NotGranted(m)) if m.contains("outside the granted root")),
                "read {path}: {read:?}"
            );
            let list = files.list_dir(path);
            assert!(
                matches!(&list, Err(Refusal::NotGranted(_))),
                "list {path}: {list:?}"
            );
            assert_eq!(b.bytes_left(), 1 << 30);
        }
        // Links that stay inside are not followed either.
        let mut b = budget();
        for path in ["link_in", "sub/up", "sub/up/a.txt"] {
            assert!(
                matches!(files.read(path, 0, 100, &mut b), Err(Refusal::Invalid(m)) if m.contains("symbolic link")),
                "{path}"
            );
        }
        assert!(matches!(files.list_dir("sub/up"), Err(Refusal::Invalid(_))));
    }

    #[test]
    fn refuses_malformed_and_missing_paths() {
        let (_root, _outside, files) = tree();
        let mut b = budget();
        for path in ["a\\b", "..\\a.txt", "a.txt\0", "\0"] {
            assert!(
                matches!(files.read(path, 0, 10, &mut b), Err(Refusal::Invalid(_))),
                "{path:?}"
            );
        }
        for path in ["missing", "sub/missing.txt", "a.txt/x", "sub/deep.txt/"] {
            let got = files.read(path, 0, 10, &mut b);
            // A trailing slash is dropped like an empty component.
            if path == "sub/deep.txt/" {
                assert_eq!(got.unwrap(), b"deep");
            } else {
                assert!(matches!(got, Err(Refusal::NotFound(_))), "{path}: {got:?}");
            }
        }
        for dir in ["", ".", "sub", "sub/nested"] {
            assert!(
                matches!(files.read(dir, 0, 10, &mut b), Err(Refusal::Invalid(m)) if m.contains("directory")),
                "{dir}"
            );
        }
    }

    #[test]
    fn never_opens_a_fifo() {
        let (_root, _outside, files) = tree();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut b = budget();
            tx.send(files.read("fifo", 0, 10, &mut b)).unwrap();
        });
        let got = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("reading a FIFO must not block");
        assert!(matches!(got, Err(Refusal::Invalid(m)) if m.contains("not a regular file")));
    }

    #[test]
    fn root_must_be_a_directory() {
        let (root, _outside, files) = tree();
        assert!(matches!(
            FilesConnector::open(&root.path().join("a.txt")),
            Err(Refusal::Failed(m)) if m.contains("not a directory")
        ));
        assert!(matches!(
            FilesConnector::open(&root.path().join("missing")),
            Err(Refusal::Failed(m)) if m.contains("not found")
        ));
        // A root reached through a link is canonicalised; its tree is granted.
        let via_link = FilesConnector::open(&root.path().join("sub/up")).unwrap();
        assert_eq!(via_link.root(), files.root());
        assert_eq!(via_link.list_dir("").unwrap().len(), 8);
    }
}
