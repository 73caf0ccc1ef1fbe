//! `ropa log`.

use std::path::Path;
use std::process::ExitCode;

use ropa::history::{Repo, log};

use super::{EXIT_OK, EXIT_UNREADABLE, OutputFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// At most this many commits, newest first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let entries = match Repo::discover(register).and_then(|repo| log(&repo, args.limit)) {
        Ok(entries) => entries,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    match args.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "format_version": 1, "commits": entries })
            )?
        ),
        OutputFormat::Text => {
            for e in &entries {
                let public = if e.public { "  [public]" } else { "" };
                println!("{} {} {} <{}>{public}", e.id, e.date, e.author, e.email);
                for line in e.message.lines() {
                    println!("    {line}");
                }
                println!("    = {}", e.summary);
                println!();
            }
            if entries.is_empty() {
                println!("no commits change the register yet");
            }
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
