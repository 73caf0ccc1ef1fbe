//! `ropa init DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use ropa::ops::init::InitOptions;
use ropa::ops::{self, EXIT_OK};

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
    let initialised = match ops::init::init(&args.dir, &options, args.author.as_deref()) {
        Ok(initialised) => initialised,
        Err(err) => return Ok(super::fail(err)),
    };
    println!(
        "created a register in {} ({} files)",
        args.dir.display(),
        initialised.files.len()
    );
    if let Some(id) = initialised.commit {
        println!("recorded it in git as commit {id}");
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
