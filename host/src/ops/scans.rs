//! `scans`: the scans saved under `.ropa/scans/` listed, one shown, the
//! old ones pruned. `scan` prunes after saving too (see
//! [`DEFAULT_KEEP`]). Pruning never removes the latest scan (the one `gaps`
//! and `accept` read) nor a scan the register names as the source of an
//! inventory entry (the evidence of what was accepted).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use ropa_register::register::Register;
use ropa_scan::FindingsFile;
use ropa_scan::store::{self, Contents, PruneRules, Saved, Spared};
use serde::Serialize;

use super::{Error, History, errors_of, open};

/// How many scans `ropa scan` keeps, unless told otherwise: enough for a
/// quarter of weekly scans and a day of trying things out, few enough that
/// a directory of scans stays in the megabytes for an ordinary register.
pub const DEFAULT_KEEP: usize = 50;

/// The saved scans of a register, newest first.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// Where they are.
    pub dir: PathBuf,
    pub scans: Vec<Listing>,
    /// Their size together.
    pub bytes: u64,
}

/// One saved scan: its file, and what it holds when it can be read.
#[derive(Debug, Serialize)]
pub struct Listing {
    #[serde(flatten)]
    pub saved: Saved,
    /// The newest: the scan `gaps` and `accept` read when not told which.
    pub latest: bool,
    #[serde(flatten)]
    pub contents: Option<Contents>,
    /// Why the file could not be read as a findings file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Lists the scans saved for `register_dir`. A file that cannot be read is
/// listed with why; the register itself is not read.
pub fn list(register_dir: &Path) -> Result<Listed, Error> {
    let saved = store::list(register_dir).map_err(Error::unreadable)?;
    let bytes = saved.iter().map(|s| s.bytes).sum();
    let count = saved.len();
    let scans = saved
        .into_iter()
        .enumerate()
        .rev()
        .map(|(i, saved)| {
            let (contents, error) = match store::contents(&saved.path) {
                Ok(contents) => (Some(contents), None),
                Err(err) => (None, Some(err)),
            };
            Listing {
                saved,
                latest: i + 1 == count,
                contents,
                error,
            }
        })
        .collect();
    Ok(Listed {
        dir: store::scans_dir(register_dir),
        scans,
        bytes,
    })
}

/// One saved scan, read whole.
#[derive(Debug)]
pub struct Shown {
    pub saved: Saved,
    /// Whether it is the latest.
    pub latest: bool,
    pub file: FindingsFile,
}

/// The saved scan whose id begins with `wanted` (`scan-` may be left out),
/// or the latest when `None`.
pub fn show(register_dir: &Path, wanted: Option<&str>) -> Result<Shown, Error> {
    let latest = store::list(register_dir)
        .map_err(Error::unreadable)?
        .pop()
        .ok_or_else(|| {
            Error::unreadable(format!(
                "no scan saved in {} yet; run `ropa scan` first",
                store::scans_dir(register_dir).display()
            ))
        })?;
    let saved = match wanted {
        None => latest.clone(),
        Some(wanted) => store::find(register_dir, wanted).map_err(Error::unreadable)?,
    };
    let file = store::read(&saved.path).map_err(Error::unreadable)?;
    Ok(Shown {
        latest: saved.id == latest.id,
        saved,
        file,
    })
}

#[derive(Debug, Clone, Default)]
pub struct PruneOptions {
    /// Keep the newest this many.
    pub keep: Option<usize>,
    /// Keep those started less than this many days ago.
    pub older_than_days: Option<u64>,
    /// Say what would be removed; remove nothing.
    pub dry_run: bool,
}

/// What pruning did (or, on a dry run, would do).
#[derive(Debug, Serialize)]
pub struct Pruned {
    /// Where the scans are.
    pub dir: PathBuf,
    pub removed: Vec<Saved>,
    /// Scans the rules let go that are kept all the same, and why.
    pub spared: Vec<SparedScan>,
    /// Scans the rules keep.
    pub kept: usize,
    /// Bytes freed (would be, on a dry run).
    pub freed: u64,
    /// Scans that could not be removed, and why.
    pub failed: Vec<FailedRemoval>,
    /// Temporary files of saves that never finished (a killed scan),
    /// removed (would be, on a dry run) whatever the rules; their bytes are
    /// in `freed`.
    pub leftovers: Vec<Saved>,
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct SparedScan {
    #[serde(flatten)]
    pub saved: Saved,
    #[serde(flatten)]
    pub spared: Spared,
}

#[derive(Debug, Serialize)]
pub struct FailedRemoval {
    #[serde(flatten)]
    pub saved: Saved,
    pub error: String,
}

/// Removes the scans saved for `register_dir` that the options let go,
/// except the latest and those its register cites. The register is read
/// to learn which it cites; when it cannot be read whole, nothing is
/// removed.
pub fn prune(register_dir: &Path, options: &PruneOptions) -> Result<Pruned, Error> {
    if options.keep.is_none() && options.older_than_days.is_none() {
        return Err(Error::invalid(
            "say which scans to keep: --keep N (the newest N) or --older-than DAYS (remove those older); nothing was removed",
        ));
    }
    if options.keep == Some(0) {
        return Err(Error::invalid(
            "--keep 0 would keep no scan, and the latest is always kept: give 1 or more; nothing was removed",
        ));
    }
    let report = open(register_dir, None, History::Skip)
        .map_err(|err| Error::unreadable(format!("{err}; nothing was removed")))?
        .report;
    let Some(register) = &report.register else {
        return Err(Error::unreadable(
            "the register cannot be read whole, so which scans its inventories cite is unknown; fix the errors above and prune again; nothing was removed",
        )
        .with_diagnostics(errors_of(report)));
    };
    let cutoff = options
        .older_than_days
        .map(|days| store::compact_utc(days_ago(days)));
    prune_saved(
        register_dir,
        register,
        options.keep,
        cutoff.as_deref(),
        options.dry_run,
    )
    .map_err(Error::unreadable)
}

/// The moment `days` days before now (the epoch, for more days than that).
fn days_ago(days: u64) -> SystemTime {
    SystemTime::now()
        .checked_sub(Duration::from_secs(days.saturating_mul(86_400)))
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// Prunes the scans saved for `register_dir`, of which `register` is the
/// register: what `prune` does, and `scan` after saving.
pub(super) fn prune_saved(
    register_dir: &Path,
    register: &Register,
    keep: Option<usize>,
    older_than: Option<&str>,
    dry_run: bool,
) -> Result<Pruned, String> {
    let cited = cited(register);
    let plan = store::plan_prune(
        store::list(register_dir)?,
        &PruneRules {
            keep,
            older_than,
            cited: &cited,
        },
    );
    let spared = plan
        .spared
        .iter()
        .map(|(saved, spared)| SparedScan {
            saved: saved.clone(),
            spared: spared.clone(),
        })
        .collect();
    let dir = store::scans_dir(register_dir);
    let leftovers = store::strays(register_dir, SystemTime::now())?;
    let leftover_bytes: u64 = leftovers.iter().map(|s| s.bytes).sum();
    if dry_run {
        return Ok(Pruned {
            dir,
            freed: plan.remove.iter().map(|s| s.bytes).sum::<u64>() + leftover_bytes,
            removed: plan.remove,
            spared,
            kept: plan.kept,
            failed: Vec::new(),
            leftovers,
            dry_run,
        });
    }
    let done = store::remove(&plan);
    let stray_plan = store::PrunePlan {
        remove: leftovers,
        ..Default::default()
    };
    let strays_done = store::remove(&stray_plan);
    Ok(Pruned {
        dir,
        removed: done.removed,
        spared,
        kept: plan.kept,
        freed: done.freed + strays_done.freed,
        failed: done
            .failed
            .into_iter()
            .chain(strays_done.failed)
            .map(|(saved, error)| FailedRemoval { saved, error })
            .collect(),
        leftovers: strays_done.removed,
        dry_run,
    })
}

/// The scans the register names as the source of an inventory entry, by
/// id, each with the first system file that names it.
fn cited(register: &Register) -> BTreeMap<String, String> {
    let mut cited = BTreeMap::new();
    for (id, system) in &register.systems {
        for entry in &system.inventory {
            cited
                .entry(entry.source.clone())
                .or_insert_with(|| format!("systems/{id}.json"));
        }
    }
    cited
}
