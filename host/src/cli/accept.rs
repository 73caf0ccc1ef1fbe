//! `ropa accept`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::atomic::write_atomically;
use ropa::diagnostic::{Severity, render_text};
use ropa::gaps::accept::{Decision, Plan, Selection, plan};
use ropa::gaps::{self};
use ropa::history::{
    CommitOutcome, Repo, check_author, commit, today_utc, uncommitted_register_files,
};
use ropa::load::load_sources;
use ropa::model::{Date, Id};
use ropa::source::read_register;
use ropa::validate::{validate_dir, validate_loaded};

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
    let read = |rel: &str| std::fs::read_to_string(register_dir.join(rel)).ok();
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
    if let Some(code) = refuse_if_invalid(register_dir, &plan)? {
        return Ok(code);
    }
    if args.dry_run {
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
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    }
    let message = commit_message(&scan.id, &plan);
    let mut failure = None;
    let outcome = commit(
        &repo,
        &message,
        args.author.as_deref(),
        || match write_and_validate(register_dir, &plan) {
            Ok(()) => true,
            Err(err) => {
                failure = Some(err);
                false
            }
        },
    );
    match (outcome, failure) {
        (Ok(Some(CommitOutcome::Committed { id, .. })), _) => {
            println!("accepted from scan {}; committed {id}:", scan.id);
            print_changes(&plan);
            Ok(ExitCode::from(EXIT_OK))
        }
        (Ok(Some(CommitOutcome::NothingToCommit)), _) => {
            println!("nothing to accept: the register is as in the last commit");
            Ok(ExitCode::from(EXIT_OK))
        }
        (Ok(None), failure) => {
            eprintln!(
                "error: {}; nothing was accepted",
                failure.unwrap_or_else(|| "the edited register did not validate".to_owned())
            );
            Ok(ExitCode::from(EXIT_INVALID))
        }
        (Err(err), _) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}

/// Validates the register as the plan would leave it, before anything is
/// written; prints the errors and returns the exit code when it fails.
fn refuse_if_invalid(register_dir: &Path, plan: &Plan) -> anyhow::Result<Option<ExitCode>> {
    let mut set = match read_register(register_dir) {
        Ok(set) => set,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(Some(ExitCode::from(EXIT_UNREADABLE)));
        }
    };
    for file in &mut set.files {
        if let Some(text) = plan.files.get(&file.rel) {
            file.text.clone_from(text);
        }
    }
    let report = validate_loaded(load_sources(set.files, set.diagnostics));
    if report.passes(false) {
        return Ok(None);
    }
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
    Ok(Some(ExitCode::from(EXIT_INVALID)))
}

/// Writes the plan's files and checks the result, under the commit's lock;
/// on failure the files are put back as they were.
fn write_and_validate(register_dir: &Path, plan: &Plan) -> Result<(), String> {
    let mut originals = Vec::new();
    for (rel, text) in &plan.files {
        let path = register_dir.join(rel);
        let original =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        originals.push((path.clone(), original));
        if let Err(err) = write_atomically(&path, text.as_bytes()) {
            restore(&originals);
            return Err(err);
        }
    }
    match validate_dir(register_dir) {
        Ok(report) if report.passes(false) => Ok(()),
        Ok(_) => {
            restore(&originals);
            Err("the register changed while accepting and no longer validates".to_owned())
        }
        Err(err) => {
            restore(&originals);
            Err(err.to_string())
        }
    }
}

fn restore(originals: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in originals {
        if let Err(err) = write_atomically(path, bytes) {
            eprintln!("error: could not restore {}: {err}", path.display());
        }
    }
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
