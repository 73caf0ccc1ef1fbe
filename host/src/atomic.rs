//! Writing a file whole or not at all: a temporary file beside the target,
//! flushed, then renamed over it. A process killed half-way leaves the old
//! file (or none) and at most a stray temporary file, never a torn one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` whole or not at all: into a temporary file in
/// the same directory, flushed to disk, then renamed over `path`. On any
/// failure the temporary file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
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
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|err| format!("cannot write {shown}: {err}"))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|err| format!("cannot write {shown}: {err}"))?;
    set_permissions(tmp.as_file(), path);
    tmp.persist(path)
        .map_err(|err| format!("cannot write {shown}: {}", err.error))?;
    Ok(())
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

/// Refuses an output file (`-o FILE`) that would land inside the register
/// directory `register_dir` or inside the git directory of the repository
/// holding it: a rendered statement or a findings file written there would
/// be taken for a register file, or corrupt the history. Where the file
/// lands is decided as [`write_atomically`] writes it: the parent directory
/// with every link and `..` resolved, plus the name (a link in the name's
/// place is replaced, not written through). Call it before anything is
/// written. A path whose directory does not exist is let through; writing
/// it fails with its own message.
pub fn refuse_protected(path: &Path, register_dir: &Path) -> Result<(), String> {
    let Some(target) = landing(path) else {
        return Ok(());
    };
    let shown = path.display();
    if let Ok(register) = register_dir.canonicalize()
        && target.starts_with(&register)
    {
        return Err(format!(
            "refusing to write {shown}: it is inside the register directory {} (as {}); \
             the register holds only its own files, write the output elsewhere",
            register_dir.display(),
            target.display()
        ));
    }
    if let Ok(repo) = crate::history::Repo::discover(register_dir) {
        // The git directory (a worktree's own and the shared one) and the
        // `.git` entry of the working tree, which may be a file naming them.
        let git_dirs = [
            repo.repo.path().to_owned(),
            repo.repo.commondir().to_owned(),
            repo.workdir.join(".git"),
        ];
        for git in git_dirs {
            if let Ok(git) = git.canonicalize()
                && target.starts_with(&git)
            {
                return Err(format!(
                    "refusing to write {shown}: it is inside the git directory {} of the \
                     register's repository (as {}); write the output elsewhere",
                    git.display(),
                    target.display()
                ));
            }
        }
    }
    Ok(())
}

/// Where [`write_atomically`] would put `path`'s bytes, canonical; `None`
/// when its directory cannot be resolved.
fn landing(path: &Path) -> Option<std::path::PathBuf> {
    let Some(name) = path.file_name() else {
        // `..`, `/`: a directory, which the writer refuses; resolved as is.
        return path.canonicalize().ok();
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}
