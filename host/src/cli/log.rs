//! `ropa log`.

use std::path::Path;
use std::process::ExitCode;

use ropa::ops::{self, EXIT_OK};
use ropa::terminal;

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// At most this many commits, newest first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let entries = match ops::log::log(register, args.limit) {
        Ok(entries) => entries,
        Err(err) => return Ok(super::fail(err)),
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
                // Author, e-mail and message are whatever the committer
                // wrote; the summary quotes the register.
                let public = if e.public { "  [public]" } else { "" };
                println!(
                    "{} {} {} <{}>{public}",
                    e.id,
                    e.date,
                    terminal::line(&e.author),
                    terminal::line(&e.email)
                );
                for line in e.message.lines() {
                    println!("    {}", terminal::line(line));
                }
                println!("    = {}", terminal::line(&e.summary));
                println!();
            }
            if entries.is_empty() {
                println!("no commits change the register yet");
            }
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
