//! `gaps`: a scan's findings held against the register.

use std::path::{Path, PathBuf};

use ropa_register::register::Register;
use ropa_scan::gaps::GapReport;
use ropa_scan::{FindingsFile, store};

use super::{Error, History, open, valid_register};

/// What the gaps are found from: the register (valid: a register with
/// errors says nothing reliable) and the scan to hold against it.
#[derive(Debug)]
pub struct Inputs {
    pub register: Register,
    pub scan: FindingsFile,
    /// Where the scan was read from.
    pub findings: PathBuf,
}

/// Reads the register in `dir` and the findings file `findings`, or the
/// latest scan saved for this register.
pub fn inputs(dir: &Path, findings: Option<&Path>) -> Result<Inputs, Error> {
    let report = open(dir, None, History::Skip)
        .map_err(|err| Error::unreadable(err.to_string()))?
        .report;
    let register = valid_register(
        report,
        "the register has errors; fix them before holding a scan against it",
    )?;
    let findings = match findings {
        Some(path) => path.to_path_buf(),
        None => store::latest(dir).map_err(|err| Error::unreadable(err.to_string()))?,
    };
    let scan = store::read(&findings).map_err(|err| Error::unreadable(err.to_string()))?;
    Ok(Inputs {
        register,
        scan,
        findings,
    })
}

/// The gaps between the register in `dir` and a scan of its systems.
pub fn gaps(dir: &Path, findings: Option<&Path>) -> Result<GapReport, Error> {
    let inputs = inputs(dir, findings)?;
    Ok(ropa_scan::gaps::find(&inputs.register, &inputs.scan))
}
