//! The legal rules a schema cannot express (reference §4), and the
//! structural ones every register file must pass.
//!
//! Each check is a function over a whole [`Register`] that reports
//! [`Finding`]s; it does no IO. Findings name a file and a JSON pointer;
//! `validate` turns them into located diagnostics.

mod catalogue;
pub mod language;
mod lawfulness;
mod records;
mod references;
mod retention;
mod scanning;
mod transfers;
mod transparency;

pub use catalogue::Rule;
pub use transfers::in_eea;

use rustc_hash::FxHashMap;

use crate::diagnostic::Severity;
use crate::register::{FileRef, Register};

/// A rule's verdict on one place of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub file: FileRef,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

/// Runs every rule over the register. The translation rule (V40) runs
/// earlier, file by file, as the loader parses them
/// ([`language::check_document`]).
pub fn check(register: &Register) -> Vec<Finding> {
    // The references take about as long as all the other groups together,
    // so they are checked on a core of their own beside them.
    let (references, others) = std::thread::scope(|scope| {
        let references = scope.spawn(|| {
            let mut out = Findings::default();
            references::check(register, &mut out);
            out.0
        });
        let mut out = Findings::default();
        lawfulness::check(register, &mut out);
        retention::check(register, &mut out);
        transfers::check(register, &mut out);
        transparency::check(register, &mut out);
        records::check(register, &mut out);
        scanning::check(register, &mut out);
        let references = references
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (references, out.0)
    });
    let mut findings = references;
    findings.extend(others);
    findings
}

/// Collects findings; the helpers keep the checks short. Also counts them
/// per file, so that a check can spare the words of findings that will not
/// be shown (see [`Findings::full`]).
#[derive(Default)]
pub(crate) struct Findings(Vec<Finding>, FxHashMap<FileRef, usize>);

impl Findings {
    /// Whether `file` already has as many findings as are shown per file
    /// (`diagnostic::MAX_PER_FILE`): the next ones are only counted, so
    /// their message need not be worked out at length.
    fn full(&self, file: &FileRef) -> bool {
        self.1
            .get(file)
            .is_some_and(|&n| n >= crate::diagnostic::MAX_PER_FILE)
    }

    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        *self.1.entry(file.clone()).or_default() += 1;
        self.0.push(Finding {
            rule,
            severity,
            file: file.clone(),
            pointer: pointer.into(),
            message: message.into(),
            help: help.into(),
        });
    }

    fn error(
        &mut self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            rule,
            Severity::Error,
            file,
            pointer,
            message,
            Some(help.into()),
        );
    }

    fn warning(
        &mut self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            rule,
            Severity::Warning,
            file,
            pointer,
            message,
            Some(help.into()),
        );
    }
}

/// `activities/<id>.json` for each activity, with its id.
fn activities(
    register: &Register,
) -> impl Iterator<Item = (FileRef, &crate::model::Id, &crate::model::ActivityFile)> {
    register
        .activities
        .iter()
        .map(|(id, a)| (FileRef::Activity(id.clone()), id, a))
}
