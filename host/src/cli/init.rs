//! `ropa init DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use ropa::init::{InitOptions, init};

use super::{EXIT_INVALID, EXIT_OK};

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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let defaults = InitOptions::default();
    let options = InitOptions {
        organisation: args.organisation.unwrap_or(defaults.organisation),
        email: args.email.unwrap_or(defaults.email),
    };
    match init(&args.dir, &options) {
        Ok(files) => {
            println!(
                "created a register in {} ({} files)",
                args.dir.display(),
                files.len()
            );
            println!(
                "next: fill in organisation.json, add categories, subjects, recipients and activities/<id>.json,"
            );
            println!(
                "      then run `ropa validate --register {}`",
                args.dir.display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(EXIT_INVALID))
        }
    }
}
