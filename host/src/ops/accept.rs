//! `accept`: findings of a scan adopted into the register: planned as file
//! edits, validated as the register would be after them, and committed in
//! one transaction with exactly the bytes that were validated.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use ropa_history::{
    Change, CommitError, CommitOutcome, Edit, HistoryError, Repo, check_author, today_utc,
    uncommitted_register_files,
};
use ropa_register::atomic::open_regular;
use ropa_register::model::{Date, Id};
use ropa_register::source::{MAX_FILE_BYTES, SourceSet, read_register, too_large};
use ropa_register::validate::Report;
use ropa_scan::gaps::accept::{Decision, plan};
pub use ropa_scan::gaps::accept::{Plan, Selection};

use super::commit::passes;
use super::{Error, errors_of};

#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The gaps to accept, as `gaps` names them, or all that need no decision.
    pub selection: Selection,
    /// The findings file of a scan; the latest saved scan when `None`.
    pub findings: Option<&'a Path>,
    /// Link the accepted findings to this category.
    pub category: Option<&'a str>,
    /// List the category, and name the system, in this activity.
    pub activity: Option<&'a str>,
    /// Plan and validate, change nothing.
    pub dry_run: bool,
    /// The author, as "Name <email>"; by default git's configured identity.
    pub author: Option<&'a str>,
}

/// What accepting did.
#[derive(Debug)]
pub enum Accepted {
    /// The register already holds what the scan found for those gaps.
    AlreadyHeld { scan: String },
    /// `dry_run`: what would change; the result validates.
    WouldChange { plan: Plan },
    /// Committed as `commit`.
    Committed {
        scan: String,
        commit: String,
        plan: Plan,
        /// Something left to do after the commit was made.
        warning: Option<String>,
    },
    /// The commit found the register as in the last commit.
    NothingToCommit,
}

pub fn accept(register_dir: &Path, options: &Options<'_>) -> Result<Accepted, Error> {
    let inputs = super::gaps::inputs(register_dir, options.findings)?;
    let (register, scan) = (inputs.register, inputs.scan);
    let repo = Repo::discover(register_dir).map_err(|err| Error::unreadable(err.to_string()))?;
    if !options.dry_run {
        check_author(register_dir, options.author)
            .map_err(|err| Error::unreadable(err.to_string()))?;
    }
    let decision = Decision {
        category: options.category.map(Id::from),
        activity: options.activity.map(Id::from),
    };
    let report = ropa_scan::gaps::find(&register, &scan);
    let today = Date(today_utc().to_string());
    // The texts the plan is made from, kept: the commit checks that HEAD and
    // the working tree still hold exactly these before replacing them.
    let read_texts: RefCell<BTreeMap<String, String>> = RefCell::default();
    let read = |rel: &str| {
        let text = read_text(&register_dir.join(rel))?;
        read_texts.borrow_mut().insert(rel.to_owned(), text.clone());
        Some(text)
    };
    let plan = plan(
        &register,
        &report,
        &options.selection,
        &decision,
        &today,
        read,
    )
    .map_err(|refusal| Error::invalid(format!("{refusal}; nothing was accepted")))?;
    if plan.files.is_empty() {
        return Ok(Accepted::AlreadyHeld { scan: scan.id });
    }
    if options.dry_run {
        let set = read_register(register_dir).map_err(|err| Error::unreadable(err.to_string()))?;
        passes(with_plan(set, &plan)).map_err(refusal)?;
        return Ok(Accepted::WouldChange { plan });
    }
    match uncommitted_register_files(&repo) {
        Ok(files) if !files.is_empty() => {
            return Err(Error::invalid(format!(
                "the register has changes not yet committed ({}); commit them first (`ropa commit -m …`) so that this commit holds only what is accepted; nothing was accepted",
                first_few(&files)
            )));
        }
        Ok(_) => {}
        Err(err) => return Err(Error::unreadable(format!("{err}; nothing was accepted"))),
    }
    let read_texts = read_texts.into_inner();
    let edits: Vec<Edit> = plan
        .files
        .iter()
        .map(|(rel, text)| Edit {
            rel: rel.clone(),
            before: read_texts
                .get(rel)
                .cloned()
                .unwrap_or_default()
                .into_bytes(),
            after: text.clone().into_bytes(),
        })
        .collect();
    let message = commit_message(&scan.id, &plan);
    // Validated and committed is HEAD's register with the plan's texts — the
    // exact bytes written — never what the disk holds by then.
    let outcome = ropa_history::commit(
        &repo,
        &message,
        options.author,
        Change::Edits(&edits),
        passes,
    );
    match outcome {
        Ok(CommitOutcome::Committed { id, warning, .. }) => Ok(Accepted::Committed {
            scan: scan.id,
            commit: id,
            plan,
            warning,
        }),
        Ok(CommitOutcome::NothingToCommit) => Ok(Accepted::NothingToCommit),
        Err(CommitError::Invalid(report)) => Err(refusal(report)),
        Err(CommitError::History(err @ HistoryError::Changed(_))) => Err(Error::invalid(format!(
            "{err}; nothing was accepted: commit or undo that change, then accept again"
        ))),
        Err(CommitError::History(err)) => {
            Err(Error::unreadable(format!("{err}; nothing was accepted")))
        }
    }
}

/// A register file's text, read without following a link or waiting on a
/// special file, within the register's size limit.
fn read_text(path: &Path) -> Option<String> {
    let file = open_regular(path).ok()??;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// The register with the plan's texts in place of the files it changes.
fn with_plan(mut set: SourceSet, plan: &Plan) -> SourceSet {
    let mut refused = Vec::new();
    set.files.retain_mut(|file| {
        let Some(text) = plan.files.get(&file.rel) else {
            return true;
        };
        // As the register reader would refuse the file written.
        if text.len() as u64 > MAX_FILE_BYTES {
            refused.push(too_large(&file.rel, text.len() as u64));
            return false;
        }
        file.text.clone_from(text);
        true
    });
    set.diagnostics.extend(refused);
    set
}

/// The errors accepting would leave.
fn refusal(report: Box<Report>) -> Error {
    let errors = errors_of(*report);
    Error::invalid(format!(
        "accepting would leave the register with {} error(s); nothing was accepted",
        errors.len()
    ))
    .with_diagnostics(errors)
}

/// Names the scan, so the history says where each entry came from.
fn commit_message(scan_id: &str, plan: &Plan) -> String {
    let files: Vec<&str> = plan.files.keys().map(String::as_str).collect();
    let mut message = format!(
        "Accept scan {scan_id}: {} change(s) in {}\n\n",
        plan.changes.len(),
        files.join(", ")
    );
    for change in &plan.changes {
        message.push_str(&format!("- {change}\n"));
    }
    message
}

/// The first few of `files`, and how many more: a register where every
/// file changed must not print a thousand names.
fn first_few(files: &[String]) -> String {
    const SHOWN: usize = 5;
    match files.len() {
        n if n <= SHOWN => files.join(", "),
        n => format!(
            "{}, and {} more; `git status` lists them",
            files[..SHOWN].join(", "),
            n - SHOWN
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::first_few;

    #[test]
    fn a_long_list_of_uncommitted_files_is_cut_short() {
        let files: Vec<String> = (0..1000).map(|i| format!("activities/a{i}.json")).collect();
        let shown = first_few(&files);
        assert!(
            shown.starts_with("activities/a0.json, activities/a1.json"),
            "{shown}"
        );
        assert!(
            shown.ends_with("and 995 more; `git status` lists them"),
            "{shown}"
        );
        assert!(!shown.contains("a5.json"), "{shown}");
        assert_eq!(
            first_few(&files[..2]),
            "activities/a0.json, activities/a1.json"
        );
    }
}
