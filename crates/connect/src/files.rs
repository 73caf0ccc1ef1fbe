//! The `files` capability: listing and bounded reads under one granted root.
//!
//! # Why a path cannot leave the root
//!
//! - The root is canonicalised and opened **once**, at
//!   [`FilesConnector::open`]; every later call resolves its path from that
//!   directory handle, never from the root's name. Renaming the root, or
//!   putting a link where it was, changes nothing for a connector already
//!   made.
//! - A path is checked as text first: absolute paths and `..` components are
//!   refused (`NotGranted`), backslashes and NUL are malformed (`Invalid`);
//!   empty and `.` components are dropped. What is left is a list of plain
//!   names, so the path can only go down, never up.
//! - The only other way out is a symbolic link, and **no symbolic link is
//!   ever followed, at any step**. The kernel resolves the whole path in one
//!   `openat2` call from the root's handle with `RESOLVE_BENEATH |
//!   RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS`: it refuses to leave the
//!   root and refuses a link in any component, atomically. A directory
//!   swapped for a link while a plugin reads (the attack this closes: an
//!   `lstat` walk followed by an `open` by name could be raced) makes the
//!   call fail; it never returns what lies behind the link. Where `openat2`
//!   is missing (Linux before 5.6, other systems) the capability is refused
//!   at `open` rather than resolved in a way a link could escape.
//! - The message of a refusal says where the link is and whether it leads
//!   out of the root (`NotGranted`) or stays inside (`Invalid`); that is
//!   worked out only after the call failed, for the words, and decides
//!   nothing. Links are listed as [`EntryKind::Other`], as the WIT says they
//!   are not readable. Not following links at all (rather than following
//!   those that stay inside) also means a plugin walking the tree never
//!   loops.
//! - Only regular files are opened for reading. A file is first opened with
//!   `O_PATH` (which opens nothing: no FIFO blocks, no device driver runs)
//!   and its type taken from that handle; FIFOs, sockets and devices are
//!   [`EntryKind::Other`] and refused there. The file is then opened for
//!   reading the same way (`O_NONBLOCK`, in case it was swapped for a FIFO in
//!   between) and its device and inode compared with the first handle's: a
//!   read only ever returns bytes of the very file that passed the checks.
//! - A directory is listed through the handle that resolved it, and each
//!   entry's type and size are taken relative to that handle without
//!   following links.
//!
//! Hard links and mount points inside the root are the administrator's to
//! grant: they are part of the tree like any file or directory.

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use super::{Budget, DirEntry, EntryKind, Refusal, spent};

/// The most bytes one `read` returns, whatever the plugin asks.
pub const READ_BYTES_PER_CALL: u32 = 1024 * 1024;

/// The most entries `list_dir` returns; a larger directory is refused.
pub const LIST_DIR_MAX_ENTRIES: usize = 100_000;

/// How often a resolution the kernel asks to retry (`EAGAIN`: a rename raced
/// with it) is tried again before the call fails.
const RESOLVE_TRIES: usize = 4;

/// Read-only access to the tree under one directory.
#[derive(Debug, Clone)]
pub struct FilesConnector {
    /// The root as canonicalised at `open`, for messages only.
    root: PathBuf,
    /// The root directory, opened once (`O_PATH`); every path is resolved
    /// from it.
    dir: Arc<OwnedFd>,
}

/// A path that passed the text checks.
struct Checked {
    /// The path as the plugin gave it, for messages.
    given: String,
    /// The plain names, from the root down.
    names: Vec<String>,
}

impl Checked {
    /// The path relative to the root, normalised (`a/b`, `` for the root).
    fn rel(&self) -> String {
        self.names.join("/")
    }

    /// What to hand the kernel: `.` for the root itself.
    fn to_resolve(&self) -> String {
        if self.names.is_empty() {
            ".".to_owned()
        } else {
            self.rel()
        }
    }
}

impl FilesConnector {
    /// Grant the tree under `root`, which must exist and be a directory.
    pub fn open(root: &Path) -> Result<Self, Refusal> {
        let shown = root.display();
        let canonical = root.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Refusal::Failed(format!("granted root {shown} not found"))
            }
            _ => Refusal::Failed(format!("cannot open granted root {shown}: {e}")),
        })?;
        let dir = rustix::fs::open(
            &canonical,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| match e {
            Errno::NOTDIR => Refusal::Failed(format!("granted root {shown} is not a directory")),
            _ => Refusal::Failed(format!(
                "cannot open granted root {shown}: {}",
                std::io::Error::from(e)
            )),
        })?;
        // Ask once whether the kernel can resolve paths safely, so that a
        // system without `openat2` refuses the grant instead of every read.
        match open_beneath(&dir, ".", OFlags::PATH | OFlags::DIRECTORY) {
            Ok(_) => {}
            Err(Errno::NOSYS) => {
                return Err(Refusal::Failed(format!(
                    "cannot grant {shown}: the files capability resolves paths with `openat2` \
                     (Linux 5.6 or later), so that no symbolic link can lead out of the root, \
                     and this system does not offer it"
                )));
            }
            Err(e) => {
                return Err(Refusal::Failed(format!(
                    "cannot open granted root {shown}: {}",
                    std::io::Error::from(e)
                )));
            }
        }
        Ok(FilesConnector {
            root: canonical,
            dir: Arc::new(dir),
        })
    }

    /// The granted root, canonical (as it was when the connector was made).
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
        let path = check(rel)?;
        let fd = self
            .resolve(&path, OFlags::RDONLY | OFlags::DIRECTORY)
            .map_err(|e| {
                self.refusal(&path, e, || {
                    Refusal::Invalid(format!("`{rel}` is not a directory"))
                })
            })?;
        let io =
            |e: Errno| Refusal::Failed(format!("cannot list `{rel}`: {}", std::io::Error::from(e)));
        let prefix = path.rel();
        let mut entries = Vec::new();
        for entry in Dir::read_from(&fd).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name();
            if name == c"." || name == c".." {
                continue;
            }
            let Ok(text) = name.to_str() else {
                continue;
            };
            if entries.len() == LIST_DIR_MAX_ENTRIES {
                return Err(Refusal::Failed(format!(
                    "directory `{rel}` has more than {LIST_DIR_MAX_ENTRIES} entries"
                )));
            }
            // Relative to the listed directory's handle, not following a
            // link: what is described is the entry itself.
            let stat = match stat_in(&fd, name) {
                Ok(stat) => stat,
                // Removed since the directory was read.
                Err(Errno::NOENT) => continue,
                Err(e) => return Err(io(e)),
            };
            let file_type = FileType::from_raw_mode(stat.st_mode);
            let (kind, size) = if text.contains('\\') {
                (EntryKind::Other, 0)
            } else if file_type == FileType::RegularFile {
                (EntryKind::File, stat.st_size as u64)
            } else if file_type == FileType::Directory {
                (EntryKind::Directory, 0)
            } else {
                (EntryKind::Other, 0)
            };
            let path = if prefix.is_empty() {
                text.to_owned()
            } else {
                format!("{prefix}/{text}")
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
        let path = check(rel)?;
        let changed = || {
            Refusal::Failed(format!(
                "`{rel}` changed while it was being opened; not read"
            ))
        };
        let io =
            |e: Errno| Refusal::Failed(format!("cannot read `{rel}`: {}", std::io::Error::from(e)));
        // `O_PATH` opens nothing: the type is known before any FIFO or
        // device is opened. With `O_NOFOLLOW` a final link is handed back
        // as the link itself (and refused below), not followed.
        let handle = self
            .resolve(&path, OFlags::PATH | OFlags::NOFOLLOW)
            .map_err(|e| self.refusal(&path, e, changed))?;
        let seen = rustix::fs::fstat(&handle).map_err(io)?;
        match FileType::from_raw_mode(seen.st_mode) {
            FileType::RegularFile => {}
            FileType::Directory => {
                return Err(Refusal::Invalid(format!(
                    "`{rel}` is a directory; list it instead of reading it"
                )));
            }
            FileType::Symlink => return Err(self.refusal(&path, Errno::LOOP, changed)),
            _ => {
                return Err(Refusal::Invalid(format!(
                    "`{rel}` is not a regular file (a FIFO, socket or device) and is never opened"
                )));
            }
        }
        budget.check_time()?;
        if length == 0 {
            return Ok(Vec::new());
        }
        if budget.bytes_left() == 0 {
            return Err(spent("bytes"));
        }
        let want = u64::from(length.min(READ_BYTES_PER_CALL)).min(budget.bytes_left());

        let fd = self
            .resolve(
                &path,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY,
            )
            .map_err(|e| self.refusal(&path, e, changed))?;
        let opened = rustix::fs::fstat(&fd).map_err(io)?;
        if FileType::from_raw_mode(opened.st_mode) != FileType::RegularFile
            || (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino)
        {
            return Err(changed());
        }
        let len = opened.st_size as u64;
        let mut file = File::from(fd);
        let io = |e: std::io::Error| Refusal::Failed(format!("cannot read `{rel}`: {e}"));
        let mut bytes = Vec::with_capacity(want.min(len.saturating_sub(offset)) as usize);
        if offset < len {
            file.seek(SeekFrom::Start(offset)).map_err(io)?;
            file.take(want).read_to_end(&mut bytes).map_err(io)?;
        }
        budget.take_bytes(bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Open `path` beneath the root with `flags`, no link followed at any
    /// step; retried while the kernel reports a racing rename.
    fn resolve(&self, path: &Checked, flags: OFlags) -> Result<OwnedFd, Errno> {
        let target = path.to_resolve();
        let mut tries = 0;
        loop {
            match open_beneath(&self.dir, &target, flags) {
                Err(Errno::AGAIN) if tries + 1 < RESOLVE_TRIES => tries += 1,
                other => return other,
            }
        }
    }

    /// The refusal for a path the kernel would not resolve (`errno`). For a
    /// link or a component that is not a directory, the tree is looked at
    /// again, component by component, to say where; `otherwise` is the
    /// answer when that look finds nothing wrong (the tree changed, or the
    /// last component is not what the caller wanted). This only chooses
    /// words: the path was refused already.
    fn refusal(
        &self,
        path: &Checked,
        errno: Errno,
        otherwise: impl FnOnce() -> Refusal,
    ) -> Refusal {
        let rel = &path.given;
        match errno {
            Errno::NOENT => return Refusal::NotFound(format!("`{rel}` does not exist")),
            // Only `..` or an absolute link can ask to leave; both are
            // refused before, so this is a link, reported below.
            Errno::XDEV | Errno::LOOP | Errno::NOTDIR => {}
            Errno::AGAIN => {
                return Refusal::Failed(format!(
                    "`{rel}` kept changing while it was being opened; not read"
                ));
            }
            e => {
                return Refusal::Failed(format!(
                    "cannot look at `{rel}`: {}",
                    std::io::Error::from(e)
                ));
            }
        }
        let names = &path.names;
        for i in 0..names.len() {
            let prefix = names[..=i].join("/");
            // The prefix's own earlier components were directories a moment
            // ago; should one have become a link since, the words may be off
            // but nothing is read.
            let stat =
                match rustix::fs::statat(&*self.dir, prefix.as_str(), AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(stat) => stat,
                    Err(Errno::NOENT | Errno::NOTDIR) => {
                        return Refusal::NotFound(format!("`{rel}` does not exist"));
                    }
                    Err(_) => break,
                };
            let file_type = FileType::from_raw_mode(stat.st_mode);
            if file_type == FileType::Symlink {
                let inside = self
                    .root
                    .join(&prefix)
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(&self.root));
                return if inside {
                    Refusal::Invalid(format!(
                        "`{prefix}` is a symbolic link; links are not followed"
                    ))
                } else {
                    Refusal::NotGranted(format!(
                        "`{rel}` is outside the granted root (`{prefix}` is a symbolic link leading out of it)"
                    ))
                };
            }
            if file_type != FileType::Directory && i + 1 < names.len() {
                return Refusal::NotFound(format!(
                    "`{rel}` does not exist (`{prefix}` is not a directory)"
                ));
            }
        }
        otherwise()
    }
}

/// Check `rel` as text (see the module documentation).
fn check(rel: &str) -> Result<Checked, Refusal> {
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
    let names: Vec<String> = rel
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_owned)
        .collect();
    if names.iter().any(|n| n == "..") {
        return Err(Refusal::NotGranted(format!(
            "`{rel}` is outside the granted root (`..` is not allowed)"
        )));
    }
    Ok(Checked {
        given: rel.to_owned(),
        names,
    })
}

/// `lstat` of one entry of the directory `dir`.
fn stat_in(dir: &OwnedFd, name: &CStr) -> Result<Stat, Errno> {
    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
}

/// Open `path` under `dir` without leaving it and without following any
/// symbolic link (nor `/proc` magic link) in any component: one `openat2`.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn open_beneath(dir: &OwnedFd, path: &str, flags: OFlags) -> Result<OwnedFd, Errno> {
    use rustix::fs::ResolveFlags;
    rustix::fs::openat2(
        dir,
        path,
        flags | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
    )
}

/// Other systems have no single call that refuses links in every
/// component; the capability is refused there (see [`FilesConnector::open`]).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn open_beneath(_dir: &OwnedFd, _path: &str, _flags: OFlags) -> Result<OwnedFd, Errno> {
    Err(Errno::NOSYS)
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

    /// How many times each path is read and listed while another thread
    /// swaps a directory for a link: enough that the old `lstat`-then-`open`
    /// walk let files through (1–4 in 200,000 reads under attack, and every
    /// few hundred lists with a bare swap loop like this one).
    const RACE_ROUNDS: usize = 20_000;

    /// `dir` (a directory of the root, at any depth) and a link beside it to
    /// a directory outside holding the same names are exchanged atomically
    /// (`renameat2(RENAME_EXCHANGE)`), over and over, while the connector
    /// reads and lists through `dir`: the outside's secret never comes back,
    /// nor its names.
    fn race(dir: &str) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let inside = root.path().join(dir);
        std::fs::create_dir_all(&inside).unwrap();
        std::fs::write(inside.join("data.txt"), "public").unwrap();
        std::fs::write(outside.path().join("data.txt"), "SECRET").unwrap();
        std::fs::write(outside.path().join("outside-only.txt"), "SECRET").unwrap();
        let swap = inside.with_file_name("swap");
        symlink(outside.path(), &swap).unwrap();
        let files = FilesConnector::open(root.path()).unwrap();

        let stop = Arc::new(AtomicBool::new(false));
        let swaps = Arc::new(AtomicUsize::new(0));
        let swapper = {
            let (stop, swaps, inside, swap) =
                (stop.clone(), swaps.clone(), inside.clone(), swap.clone());
            std::thread::spawn(move || {
                let cwd = rustix::fs::CWD;
                while !stop.load(Ordering::Relaxed) {
                    rustix::fs::renameat_with(
                        cwd,
                        &inside,
                        cwd,
                        &swap,
                        rustix::fs::RenameFlags::EXCHANGE,
                    )
                    .unwrap();
                    swaps.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        let file = format!("{dir}/data.txt");
        let (mut read, mut listed, mut refused) = (0, 0, 0);
        let mut b = Budget::new(1000, 1 << 40, Duration::from_secs(600));
        for _ in 0..RACE_ROUNDS {
            match files.read(&file, 0, 100, &mut b) {
                Ok(bytes) => {
                    assert_eq!(bytes, b"public", "read {file} behind a link");
                    read += 1;
                }
                Err(_) => refused += 1,
            }
            match files.list_dir(dir) {
                Ok(entries) => {
                    assert!(
                        entries.iter().all(|e| !e.path.contains("outside-only")),
                        "listed {dir} behind a link: {entries:?}"
                    );
                    listed += 1;
                }
                Err(_) => refused += 1,
            }
        }
        stop.store(true, Ordering::Relaxed);
        swapper.join().unwrap();
        eprintln!(
            "{dir}: {RACE_ROUNDS} reads and lists during {} swaps: {read} read, {listed} listed, {refused} refused",
            swaps.load(Ordering::Relaxed)
        );
    }

    #[test]
    fn a_directory_swapped_for_a_link_never_leads_out() {
        race("sub");
    }

    #[test]
    fn a_deep_directory_swapped_for_a_link_never_leads_out() {
        race("a/b/sub");
    }

    #[test]
    fn the_root_is_held_by_its_handle() {
        let (root, outside, files) = tree();
        // The granted folder is moved away and a link to the outside put
        // in its place: the connector still answers from the folder granted.
        let moved = root.path().with_extension("moved");
        std::fs::rename(root.path(), &moved).unwrap();
        symlink(outside.path(), root.path()).unwrap();
        let mut b = budget();
        assert_eq!(files.read("a.txt", 0, 100, &mut b).unwrap(), b"hello world");
        assert!(matches!(
            files.read("secret.txt", 0, 100, &mut b),
            Err(Refusal::NotFound(_))
        ));
        assert_eq!(files.list_dir("").unwrap().len(), 8);
        std::fs::remove_file(root.path()).unwrap();
        std::fs::rename(&moved, root.path()).unwrap();
    }

    #[test]
    fn a_link_as_first_or_last_component_is_not_followed() {
        let (root, _outside, files) = tree();
        // A link to a directory inside, as the first component.
        symlink("sub", root.path().join("sub_link")).unwrap();
        let mut b = budget();
        for path in ["sub_link/deep.txt", "sub_link", "./sub_link/"] {
            let read = files.read(path, 0, 10, &mut b);
            assert!(
                matches!(&read, Err(Refusal::Invalid(m)) if m.contains("`sub_link` is a symbolic link")),
                "read {path}: {read:?}"
            );
        }
        assert!(matches!(
            files.list_dir("sub_link"),
            Err(Refusal::Invalid(_))
        ));
        // A link to a file inside, as the last component, deeper down.
        symlink("../deep.txt", root.path().join("sub/nested/a_link")).unwrap();
        let read = files.read("sub/nested/a_link", 0, 10, &mut b);
        assert!(
            matches!(&read, Err(Refusal::Invalid(m)) if m.contains("`sub/nested/a_link` is a symbolic link")),
            "{read:?}"
        );
        assert_eq!(b.bytes_left(), 1 << 30);
    }
}
