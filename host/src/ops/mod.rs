//! What each command does, for any front end: the command line in
//! `host/src/cli`, a web workbench or a language server alike. An operation
//! takes its options and returns a typed result; nothing here prints,
//! reads the terminal or exits. A front end shows the result; the command
//! line turns an [`Error`] into the exit code it carries.

mod open;

pub mod commit;
pub mod diff;
pub mod init;
pub mod log;
pub mod rules;
pub mod validate;

#[cfg(feature = "scan")]
pub mod accept;
#[cfg(feature = "scan")]
pub mod gaps;
#[cfg(feature = "scan")]
pub mod plugin;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "scan")]
pub mod scan;
#[cfg(feature = "scan")]
pub mod scans;

pub use open::{History, OpenError, Opened, open};

use ropa_register::diagnostic::{Diagnostic, Severity};
use ropa_register::validate::Report;

/// The command ran and found nothing to object to.
pub const EXIT_OK: u8 = 0;
/// The register has errors (or, with `--strict`, warnings), or what an
/// operation would leave does; nothing was changed.
pub const EXIT_INVALID: u8 = 1;
/// Something could not be read or written at all; nothing was changed.
pub const EXIT_UNREADABLE: u8 = 2;

/// Why an operation stopped. Whatever it was, nothing was changed unless the
/// message says otherwise.
#[derive(Debug)]
pub struct Error {
    /// The exit code of the command line: [`EXIT_INVALID`] or
    /// [`EXIT_UNREADABLE`].
    pub code: u8,
    /// The diagnostics that made it stop, to be shown before the message.
    pub diagnostics: Vec<Diagnostic>,
    /// One sentence for the person who ran it, naming the file or place and
    /// what was (not) done.
    pub message: String,
}

impl Error {
    /// Something could not be read or written at all.
    pub fn unreadable(message: impl Into<String>) -> Error {
        Error {
            code: EXIT_UNREADABLE,
            diagnostics: Vec::new(),
            message: message.into(),
        }
    }

    /// The register, or the input, is not acceptable as it is.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error {
            code: EXIT_INVALID,
            diagnostics: Vec::new(),
            message: message.into(),
        }
    }

    /// The same error, shown after these diagnostics.
    pub fn with_diagnostics(mut self, diagnostics: Vec<Diagnostic>) -> Error {
        self.diagnostics = diagnostics;
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "scan")]
/// The register of a report when it has no errors: an operation that acts
/// on a register (scan it, hold a scan against it) does not act on one that
/// says nothing reliable. Otherwise an [`EXIT_UNREADABLE`] error with all
/// the diagnostics and `refusal` as its message.
fn valid_register(
    report: Report,
    refusal: &str,
) -> Result<ropa_register::register::Register, Error> {
    let passes = report.passes(false);
    match report.register.filter(|_| passes) {
        Some(register) => Ok(register),
        None => Err(Error::unreadable(refusal).with_diagnostics(report.diagnostics)),
    }
}

/// The errors of a report, for an operation refused because of them.
fn errors_of(report: Report) -> Vec<Diagnostic> {
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}
