//! `ropa commit`.

use std::path::Path;
use std::process::ExitCode;

use ropa_history::{Change, CommitError, CommitOutcome, Repo, commit};
use ropa_register::diagnostic::{Severity, render_text};
use ropa_register::load::load_sources;
use ropa_register::validate::validate_loaded;

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What changed and why, for the history.
    #[arg(short, long)]
    message: String,
    /// The author, as "Name <email>"; by default git's user.name and user.email.
    #[arg(long)]
    author: Option<String>,
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let repo = match Repo::discover(register) {
        Ok(repo) => repo,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    // The register is validated from the very bytes that are committed.
    let outcome = commit(
        &repo,
        &args.message,
        args.author.as_deref(),
        Change::WorkingTree,
        |set| {
            let report = validate_loaded(load_sources(set.files, set.diagnostics));
            if report.passes(false) {
                Ok(())
            } else {
                Err(report)
            }
        },
    );
    match outcome {
        Ok(CommitOutcome::Committed { id, files, warning }) => {
            println!(
                "committed {id}: {} ({files} register files)",
                args.message.lines().next().unwrap_or_default()
            );
            if let Some(warning) = warning {
                eprintln!("warning: {warning}");
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Ok(CommitOutcome::NothingToCommit) => {
            println!("nothing to commit: the register is as in the last commit");
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(CommitError::Invalid(report)) => {
            let errors: Vec<_> = report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            eprint!("{}", render_text(&errors));
            eprintln!(
                "error: the register has {} error(s); nothing was committed (fix them, then commit again)",
                errors.len()
            );
            Ok(ExitCode::from(EXIT_INVALID))
        }
        Err(CommitError::History(err)) => {
            eprintln!("error: {err}; nothing was committed");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}
