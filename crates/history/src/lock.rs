//! The one writer of a register's repository at a time: an advisory lock
//! on `.git/ropa.lock`, held by `ropa commit` and `ropa accept`, and taken
//! without waiting by the journal's recovery.

use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use git2::Repository;

use super::HistoryError;

/// How long a `ropa commit` waits for another one to finish; the
/// `ROPA_LOCK_WAIT` environment variable (seconds) overrides it.
fn lock_wait() -> Duration {
    let secs = std::env::var("ROPA_LOCK_WAIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

/// An advisory lock on `.git/ropa.lock`, released when the process ends —
/// also when it is killed, so no stale lock outlives a crash.
pub(super) struct Lock(#[allow(dead_code)] File);

fn open_lock_file(repo: &Repository) -> Result<(File, PathBuf), HistoryError> {
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
    Ok((file, path))
}

pub(super) fn lock(repo: &Repository, mut on_wait: impl FnMut(bool)) -> Result<Lock, HistoryError> {
    let (file, path) = open_lock_file(repo)?;
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

/// The lock if no one holds it, without waiting.
pub(super) fn try_lock(repo: &Repository) -> Result<Option<Lock>, HistoryError> {
    let (file, path) = open_lock_file(repo)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock(file))),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(source)) => Err(HistoryError::Io {
            context: format!("cannot lock {}", path.display()),
            source,
        }),
    }
}
