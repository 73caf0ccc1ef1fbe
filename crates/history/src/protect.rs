//! Output files are kept out of the register and out of its repository.

use std::path::Path;

/// Refuses an output file (`-o FILE`) that would land inside the register
/// directory `register_dir` or inside the git directory of the repository
/// holding it: a rendered statement or a findings file written there would
/// be taken for a register file, or corrupt the history. Where the file
/// lands is decided as [`write_atomically`](ropa_register::atomic::write_atomically) writes it: the parent directory
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
    if let Ok(repo) = crate::Repo::discover(register_dir) {
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

/// Where [`write_atomically`](ropa_register::atomic::write_atomically) would put `path`'s bytes, canonical; `None`
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
