//! `ropa accept`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa_history::{
    Change, CommitError, CommitOutcome, Edit, HistoryError, Repo, check_author, commit, today_utc,
    uncommitted_register_files,
};
use ropa_register::atomic::open_regular;
use ropa_register::diagnostic::{Severity, render_text};
use ropa_register::load::load_sources;
use ropa_register::model::{Date, Id};
use ropa_register::source::{MAX_FILE_BYTES, SourceSet, read_register, too_large};
use ropa_register::validate::{Report, validate_loaded};
use ropa_scan::gaps::accept::{Decision, Plan, Selection, plan};
use ropa_scan::gaps::{self};

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["all", "gaps"]))]
pub struct Args {
    /// The gaps to accept, as `ropa gaps` names them.
    #[arg(value_name = "GAP-ID")]
    gaps: Vec<String>,
    /// Accept every gap that needs no decision: record all findings in the
    /// inventories and remove entries no complete scan found any more.
    #[arg(long, conflicts_with_all = ["gaps", "category", "activity"])]
    all: bool,
    /// The findings file of a scan; the latest saved scan when absent.
    #[arg(long, value_name = "FILE")]
    findings: Option<PathBuf>,
    /// Link the accepted findings to this category.
    #[arg(long, value_name = "ID")]
    category: Option<String>,
    /// List the category, and name the system, in this activity.
    #[arg(long, value_name = "ID")]
    activity: Option<String>,
    /// Show what would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// The author, as "Name <email>"; by default git's user.name and user.email.
    #[arg(long)]
    author: Option<String>,
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let (register, scan, _) = match super::gaps::inputs(register_dir, args.findings.as_deref()) {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let repo = match Repo::discover(register_dir) {
        Ok(repo) => repo,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    if !args.dry_run
        && let Err(err) = check_author(register_dir, args.author.as_deref())
    {
        eprintln!("error: {err}");
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }
    let selection = if args.all {
        Selection::All
    } else {
        Selection::Ids(args.gaps.clone())
    };
    let decision = Decision {
        category: args.category.as_deref().map(Id::from),
        activity: args.activity.as_deref().map(Id::from),
    };
    let report = gaps::find(&register, &scan);
    let today = Date(today_utc().to_string());
    // The texts the plan is made from, kept: the commit checks that HEAD and
    // the working tree still hold exactly these before replacing them.
    let read_texts: RefCell<BTreeMap<String, String>> = RefCell::default();
    let read = |rel: &str| {
        let text = read_text(&register_dir.join(rel))?;
        read_texts.borrow_mut().insert(rel.to_owned(), text.clone());
        Some(text)
    };
    let plan = match plan(&register, &report, &selection, &decision, &today, read) {
        Ok(plan) => plan,
        Err(refusal) => {
            eprintln!("error: {refusal}; nothing was accepted");
            return Ok(ExitCode::from(EXIT_INVALID));
        }
    };
    if plan.files.is_empty() {
        println!(
            "nothing to accept: the register already holds what scan {} found for the chosen gaps",
            scan.id
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    if args.dry_run {
        let set = match read_register(register_dir) {
            Ok(set) => set,
            Err(err) => {
                eprintln!("error: {err}");
                return Ok(ExitCode::from(EXIT_UNREADABLE));
            }
        };
        if let Err(report) = check(with_plan(set, &plan)) {
            return Ok(refuse(report));
        }
        println!("would change {} file(s):", plan.files.len());
        print_changes(&plan);
        return Ok(ExitCode::from(EXIT_OK));
    }
    match uncommitted_register_files(&repo) {
        Ok(files) if !files.is_empty() => {
            eprintln!(
                "error: the register has changes not yet committed ({}); commit them first (`ropa commit -m …`) so that this commit holds only what is accepted; nothing was accepted",
                files.join(", ")
            );
            return Ok(ExitCode::from(EXIT_INVALID));
        }
        Ok(_) => {}
        Err(err) => {
            eprintln!("error: {err}; nothing was accepted");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
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
    let outcome = commit(
        &repo,
        &message,
        args.author.as_deref(),
        Change::Edits(&edits),
        check,
    );
    match outcome {
        Ok(CommitOutcome::Committed { id, warning, .. }) => {
            println!("accepted from scan {}; committed {id}:", scan.id);
            print_changes(&plan);
            if let Some(warning) = warning {
                eprintln!("warning: {warning}");
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Ok(CommitOutcome::NothingToCommit) => {
            println!("nothing to accept: the register is as in the last commit");
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(CommitError::Invalid(report)) => Ok(refuse(report)),
        Err(CommitError::History(err @ HistoryError::Changed(_))) => {
            eprintln!(
                "error: {err}; nothing was accepted: commit or undo that change, then accept again"
            );
            Ok(ExitCode::from(EXIT_INVALID))
        }
        Err(CommitError::History(err)) => {
            eprintln!("error: {err}; nothing was accepted");
            Ok(ExitCode::from(EXIT_UNREADABLE))
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

/// Validates a register as accepting would leave it.
fn check(set: SourceSet) -> Result<(), Report> {
    let report = validate_loaded(load_sources(set.files, set.diagnostics));
    if report.passes(false) {
        Ok(())
    } else {
        Err(report)
    }
}

/// Prints the errors accepting would leave; the exit code.
fn refuse(report: Report) -> ExitCode {
    let errors: Vec<_> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    eprint!("{}", render_text(&errors));
    eprintln!(
        "error: accepting would leave the register with {} error(s); nothing was accepted",
        errors.len()
    );
    ExitCode::from(EXIT_INVALID)
}

fn print_changes(plan: &Plan) {
    for change in &plan.changes {
        println!("  {change}");
    }
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
