//! `ropa rules`.

use std::process::ExitCode;

use ropa_register::rules::Rule;

use super::{EXIT_OK, OutputFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.format {
        OutputFormat::Text => {
            for rule in Rule::all() {
                let article = if rule.article().is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", rule.article())
                };
                let gap = if rule.acknowledgeable() {
                    "  (may be acknowledged as a known gap)"
                } else {
                    ""
                };
                println!("{}  {}{article}{gap}", rule.id(), rule.title());
            }
        }
        OutputFormat::Json => {
            let rules: Vec<_> = Rule::all()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "title": r.title(),
                        "article": r.article(),
                        "acknowledgeable": r.acknowledgeable(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rules)?);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
