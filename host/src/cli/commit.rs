//! `ropa commit`.

use std::path::Path;
use std::process::ExitCode;

use ropa::diagnostic::render_text;
use ropa::history::{CommitOutcome, Repo, commit};
use ropa::validate::validate_dir;

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
    let mut refused = None;
    let outcome = commit(
        &repo,
        &args.message,
        args.author.as_deref(),
        || match validate_dir(register) {
            Ok(report) if report.passes(false) => true,
            Ok(report) => {
                refused = Some(Ok(report));
                false
            }
            Err(err) => {
                refused = Some(Err(err));
                false
            }
        },
    );
    match (outcome, refused) {
        (Ok(Some(CommitOutcome::Committed { id, files })), _) => {
            println!(
                "committed {id}: {} ({files} register files)",
                args.message.lines().next().unwrap_or_default()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
        (Ok(Some(CommitOutcome::NothingToCommit)), _) => {
            println!("nothing to commit: the register is as in the last commit");
            Ok(ExitCode::from(EXIT_OK))
        }
        (Ok(None), Some(Ok(report))) => {
            let errors: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == ropa::diagnostic::Severity::Error)
                .cloned()
                .collect();
            eprint!("{}", render_text(&errors));
            eprintln!(
                "error: the register has {} error(s); nothing was committed (fix them, then commit again)",
                errors.len()
            );
            Ok(ExitCode::from(EXIT_INVALID))
        }
        (Ok(None), Some(Err(err))) => {
            eprintln!("error: {err}; nothing was committed");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
        (Ok(None), None) => unreachable!("validation refused without a report"),
        (Err(err), _) => {
            eprintln!("error: {err}; nothing was committed");
            Ok(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}
