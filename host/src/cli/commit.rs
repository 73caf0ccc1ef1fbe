//! `ropa commit`.

use std::path::Path;
use std::process::ExitCode;

use ropa::ops::{self, EXIT_OK};
use ropa_history::CommitOutcome;

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
    match ops::commit::commit(register, &args.message, args.author.as_deref()) {
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
        Err(err) => Ok(super::fail(err)),
    }
}
