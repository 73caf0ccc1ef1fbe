//! Writing a file whole or not at all: a temporary file beside the target
//! (`.<name>.<random>.tmp`, which nothing ropa reads or commits), flushed,
//! then renamed over it. A process killed half-way leaves the old file (or
//! none) and at most a stray temporary file, never a torn one. Replacing a
//! file only while it holds what the caller read ([`replace_if_unchanged`])
//! is what keeps `ropa accept` from writing over an editor's save.

use std::io::{Read, Write};
use std::path::Path;

/// Writes `bytes` to `path` whole or not at all: into a temporary file in
/// the same directory, flushed to disk, then renamed over `path`. On any
/// failure the temporary file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// [`write_atomically`] for content written as a stream by `write` (a
/// findings file too large to hold in memory): the same temporary file,
/// flush and rename.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), String> {
    let shown = path.display();
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {shown}: the directory {} does not exist",
            dir.display()
        ));
    }
    if path.is_dir() {
        return Err(format!("cannot write {shown}: it is a directory"));
    }
    let tmp =
        temporary_beside(dir, path, write).map_err(|err| format!("cannot write {shown}: {err}"))?;
    tmp.persist(path)
        .map_err(|err| format!("cannot write {shown}: {}", err.error))?;
    Ok(())
}

/// What `write` writes, in a temporary file `.<name>.<random>.tmp` in
/// `dir`, flushed to disk and as readable as `path` will be; removed again
/// when dropped.
fn temporary_beside(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    set_permissions(tmp.as_file(), path);
    Ok(tmp)
}

/// A temporary file is private (0600); the result should be as readable as
/// the file it replaces, or as an ordinary new file (0644) for a web server.
#[cfg(unix)]
fn set_permissions(file: &std::fs::File, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o644);
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_permissions(_file: &std::fs::File, _target: &Path) {}

/// Why [`replace_if_unchanged`] left a file as it was.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The file no longer holds what the caller read: someone else wrote it.
    #[error("{} changed while ropa was working on it", .0.display())]
    Changed(std::path::PathBuf),
    #[error("{0}")]
    Io(String),
}

/// Replaces `path`, which must hold exactly `expected`, by `bytes`, whole or
/// not at all — and never over someone else's save.
///
/// The new bytes go into a temporary file beside `path` (flushed), the file
/// is checked against `expected`, and then the two are swapped in one step
/// (`renameat2(RENAME_EXCHANGE)` where the system has it): the temporary
/// name then holds what `path` held at the very moment of the swap. When that
/// is not `expected` — an editor saved in between — the swap is undone, so
/// the editor's save is what `path` holds, and [`ReplaceError::Changed`] is
/// returned. Where the swap is not available, a plain rename follows the
/// check, and a save in the instant between the two can be lost.
pub fn replace_if_unchanged(
    path: &Path,
    expected: &[u8],
    bytes: &[u8],
) -> Result<(), ReplaceError> {
    let shown = path.display();
    let io = |err: std::io::Error| ReplaceError::Io(format!("cannot write {shown}: {err}"));
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let tmp = temporary_beside(dir, path, |file| file.write_all(bytes)).map_err(io)?;
    // Dropping the temporary path removes whatever it names by then: our
    // bytes on failure, the replaced bytes after the swap.
    let tmp = tmp.into_temp_path();
    if !holds(path, expected).map_err(io)? {
        return Err(ReplaceError::Changed(path.to_owned()));
    }
    match exchange(&tmp, path) {
        Ok(true) => {
            if holds(&tmp, expected).map_err(io)? {
                return Ok(());
            }
            // Someone saved between the check and the swap: give their
            // bytes back their name.
            exchange(&tmp, path).map_err(io)?;
            Err(ReplaceError::Changed(path.to_owned()))
        }
        Ok(false) => std::fs::rename(&tmp, path).map_err(io),
        Err(err) => Err(io(err)),
    }
}

/// Whether the regular file at `path` holds exactly `expected`; a link or a
/// special file at `path` holds nothing expected.
pub fn holds(path: &Path, expected: &[u8]) -> std::io::Result<bool> {
    let file = match open_regular(path) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(false),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(err),
    };
    let mut bytes = Vec::with_capacity(expected.len());
    std::io::Read::take(file, expected.len() as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes == expected)
}

/// Opens `path` for reading when it is a regular file: never follows a
/// symbolic link and never waits on a FIFO or a device (`O_NOFOLLOW |
/// O_NONBLOCK`, then the type of what was opened). `None` for anything
/// but a regular file.
pub fn open_regular(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    #[cfg(unix)]
    {
        use rustix::fs::{Mode, OFlags};
        let fd = match rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => fd,
            // ELOOP: the last step is a symbolic link.
            Err(rustix::io::Errno::LOOP) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let file = std::fs::File::from(fd);
        Ok(file.metadata()?.is_file().then_some(file))
    }
    #[cfg(not(unix))]
    {
        if !std::fs::symlink_metadata(path)?.is_file() {
            return Ok(None);
        }
        let file = std::fs::File::open(path)?;
        Ok(file.metadata()?.is_file().then_some(file))
    }
}

/// Swaps the names `a` and `b` in one step; `false` when the system or the
/// file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => {
            Ok(false)
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Whether a file name is one of the temporary files ropa writes through
/// (`.<name>.<random>.tmp`): never part of the register, never committed.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}
