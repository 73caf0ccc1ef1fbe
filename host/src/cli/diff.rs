//! `ropa diff`.

use std::path::Path;
use std::process::ExitCode;

use ropa::ops::{self, EXIT_OK};
use ropa::terminal;
use ropa_history::semantic_diff::{Change, ChangeKind, short, values};

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to compare: `REV` (that commit against the working tree) or
    /// `REV..REV`; by default the last commit against the working tree.
    #[arg(value_name = "REV[..REV]")]
    range: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: Args, register: &Path) -> anyhow::Result<ExitCode> {
    let changes = match ops::diff::diff(register, args.range.as_deref()) {
        Ok(changes) => changes,
        Err(err) => return Ok(super::fail(err)),
    };
    match args.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "format_version": 1,
                "material": changes.iter().any(|c| c.public),
                "changes": changes,
            }))?
        ),
        OutputFormat::Text => print_text(&changes),
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn print_text(changes: &[Change]) {
    if changes.is_empty() {
        println!("no changes to the register");
        return;
    }
    let mut file = "";
    for c in changes {
        if c.file != file {
            file = &c.file;
            println!("{}", terminal::line(file));
        }
        let mark = match c.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        let what = if c.path.is_empty() {
            "(whole file)".to_owned()
        } else {
            c.path.clone()
        };
        let values = match (&c.old, &c.new) {
            (Some(old), Some(new)) => {
                let (old, new) = values(old, new);
                format!(": {old} → {new}")
            }
            (None, Some(new)) if !new.is_object() => format!(": {}", short(new)),
            (Some(old), None) if !old.is_object() => format!(": {}", short(old)),
            _ => String::new(),
        };
        let public = if c.public {
            "   [public: shown in the statement]"
        } else {
            ""
        };
        // Names and values are the register's (any version's) text.
        println!(
            "  {mark} {}{}{public}",
            terminal::line(&what),
            terminal::line(&values)
        );
    }
    let material = changes.iter().filter(|c| c.public).count();
    println!();
    if material > 0 {
        println!(
            "{material} of {} changes are visible in the public statement: a material change may require informing people (Art. 13(3)).",
            changes.len()
        );
    } else {
        println!(
            "none of the {} changes is visible in the public statement.",
            changes.len()
        );
    }
}
