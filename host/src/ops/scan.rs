//! `scan`: every system of a valid register scanned by its plugin, the
//! findings saved beside the register for `gaps` and `accept`.

use std::path::{Path, PathBuf};

pub use ropa_scan::{Event, Scan};

use super::scans::{Pruned, prune_saved};
use super::{Error, History, open, valid_register};

pub struct Options<'a> {
    /// The scan itself: systems, plugin, jobs, progress events.
    pub scan: ropa_scan::Options<'a>,
    /// Also write the findings file here, whole or not at all. Refused
    /// before anything runs when it lies inside the register or its
    /// repository's git directory.
    pub output: Option<&'a Path>,
    /// After saving, remove all but the newest this many saved scans (not
    /// the ones the register cites; see `scans::prune`); `None` keeps all.
    pub keep_scans: Option<usize>,
}

#[derive(Debug)]
pub struct Scanned {
    /// The scan: each system's part, its findings read back one at a time
    /// (`Scan::findings`, `Scan::write_json`).
    pub scan: Scan,
    /// Where the findings were saved for `gaps`, or why they could not be.
    pub saved: Result<PathBuf, String>,
    /// The older scans removed after saving (`keep_scans`), or why they
    /// could not be; `None` when not asked or nothing was saved.
    pub pruned: Option<Result<Pruned, String>>,
    /// Writing `output`, when asked: why it failed. The scan itself stands.
    pub output_failed: Option<String>,
}

pub fn scan(register_dir: &Path, options: &Options<'_>) -> Result<Scanned, Error> {
    let report = open(register_dir, None, History::Skip)
        .map_err(|err| Error::unreadable(err.to_string()))?
        .report;
    // Scanning an invalid register would scan systems whose grants were
    // never checked.
    let register = valid_register(report, "the register has errors; fix them before scanning")?;
    if let Some(path) = options.output {
        ropa_history::refuse_protected(path, register_dir).map_err(Error::unreadable)?;
    }
    let mut scan = ropa_scan::scan(&register, register_dir, &options.scan)
        .map_err(|err| Error::unreadable(err.to_string()))?;
    let saved = ropa_scan::store::save(register_dir, &mut scan);
    let pruned = match (&saved, options.keep_scans) {
        (Ok(_), Some(keep)) => Some(prune_saved(
            register_dir,
            &register,
            Some(keep.max(1)),
            None,
            false,
        )),
        _ => None,
    };
    let output_failed = options.output.and_then(|path| scan.write_file(path).err());
    Ok(Scanned {
        scan,
        saved,
        pruned,
        output_failed,
    })
}
