//! `ropa init DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa_history::{CommitOutcome, check_author, init_repository};
use ropa_register::init::{InitOptions, init};

use super::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the register; must not exist yet, or be empty.
    dir: PathBuf,
    /// The controller's name.
    #[arg(long)]
    organisation: Option<String>,
    /// The controller's e-mail address for privacy matters.
    #[arg(long)]
    email: Option<String>,
    /// The author of the first commit, as "Name <email>"; by default git's user.name and user.email.
    #[arg(long)]
    author: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let defaults = InitOptions::default();
    let options = InitOptions {
        organisation: args.organisation.unwrap_or(defaults.organisation),
        email: args.email.unwrap_or(defaults.email),
    };
    // Refuse before writing anything, so a failed init leaves nothing behind.
    let parent = args
        .dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(err) = check_author(parent, args.author.as_deref()) {
        eprintln!("error: {err}");
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }
    let files = match init(&args.dir, &options) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_INVALID));
        }
    };
    println!(
        "created a register in {} ({} files)",
        args.dir.display(),
        files.len()
    );
    match init_repository(&args.dir, args.author.as_deref()) {
        Ok(CommitOutcome::Committed { id, .. }) => println!("recorded it in git as commit {id}"),
        Ok(CommitOutcome::NothingToCommit) => {}
        Err(err) => {
            eprintln!("error: the register was created, but recording it in git failed: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    }
    println!(
        "next: fill in organisation.json, add categories, subjects, recipients and activities/<id>.json,"
    );
    println!(
        "      then `ropa validate --register {0}` and `ropa commit --register {0} -m \"…\"`",
        args.dir.display()
    );
    Ok(ExitCode::from(EXIT_OK))
}
