//! `validate`: the register checked against its schemas and the legal rules.

use std::path::Path;

use ropa_register::validate::Report;

use super::{Error, History, open};

/// The report on the register in `dir`, or on its version `at` a past
/// commit. Errors in the register are in the report, not an [`Error`]:
/// the error is for a register that could not be read at all.
pub fn validate(dir: &Path, at: Option<&str>) -> Result<Report, Error> {
    open(dir, at, History::Skip)
        .map(|opened| opened.report)
        .map_err(|err| Error::unreadable(err.to_string()))
}
