//! `ropa rules`, and `ropa rules <ID>`.

use std::process::ExitCode;

use ropa::ops::{self, EXIT_OK};
use ropa_register::diagnostic::Severity;
use ropa_register::rules::Rule;

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id (`V15`, any case): print its documentation instead of the list.
    rule: Option<String>,
    /// How to print the list, or the rule.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(id) = &args.rule {
        let rule = match ops::rules::find(id) {
            Ok(rule) => rule,
            Err(err) => return Ok(super::fail(err)),
        };
        match args.format {
            OutputFormat::Text => print!("{}", documentation(rule)),
            OutputFormat::Json => {
                let mut json = summary(rule);
                json["severity"] = severity(rule).into();
                json["checked_in"] = rule.checked_elsewhere().into();
                json["documentation"] = rule.documentation().into();
                println!("{}", serde_json::to_string_pretty(&json)?);
            }
        }
        return Ok(ExitCode::from(EXIT_OK));
    }
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
            let rules: Vec<_> = Rule::all().map(summary).collect();
            println!("{}", serde_json::to_string_pretty(&rules)?);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn summary(rule: Rule) -> serde_json::Value {
    serde_json::json!({
        "id": rule.id(),
        "title": rule.title(),
        "article": rule.article(),
        "acknowledgeable": rule.acknowledgeable(),
    })
}

fn severity(rule: Rule) -> &'static str {
    match rule.default_severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The heading lines, then the declaration's documentation.
fn documentation(rule: Rule) -> String {
    let mut out = format!("{}: {}\n\n", rule.id(), rule.title());
    if !rule.article().is_empty() {
        out.push_str(&format!("Articles: {}\n", rule.article()));
    }
    out.push_str(&format!("Severity: {}\n", severity(rule)));
    out.push_str(&format!(
        "May be acknowledged as a known gap: {}\n",
        if rule.acknowledgeable() { "yes" } else { "no" }
    ));
    if let Some(place) = rule.checked_elsewhere() {
        out.push_str(&format!("Checked in: {place}\n"));
    }
    out.push('\n');
    out.push_str(&rule.documentation());
    out.push('\n');
    out
}
