//! Arguments and dispatch: one module per command, each with its `Args` and
//! a `run` that returns the exit code.

mod accept;
mod commit;
mod compile;
mod diff;
mod gaps;
mod init;
mod log;
pub mod output;
mod plugin;
mod render;
mod rules;
mod scan;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// No errors (warnings allowed unless `--strict`).
pub const EXIT_OK: u8 = 0;
/// The register has errors (or, with `--strict`, warnings).
pub const EXIT_INVALID: u8 = 1;
/// The register could not be read at all.
pub const EXIT_UNREADABLE: u8 = 2;

/// Keep a GDPR Art. 30 register as version-controlled JSON, check it, and
/// publish the privacy statement from it.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, about, max_term_width = 100)]
pub struct Cli {
    /// The register directory.
    #[arg(
        long,
        global = true,
        env = "ROPA_REGISTER",
        default_value = "register",
        value_name = "DIR"
    )]
    pub register: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the register against its schemas and the legal rules.
    Validate(validate::Args),
    /// Create a new, nearly empty register to start from.
    Init(init::Args),
    /// List the rules `validate` checks, with their articles.
    Rules(rules::Args),
    /// Record the register in git, after validating it.
    Commit(commit::Args),
    /// The register's history, in register terms.
    Log(log::Args),
    /// What changed between two versions of the register.
    Diff(diff::Args),
    /// Render the public privacy statement or the internal Art. 30 records.
    Render(render::Args),
    /// Scan the register's systems for personal data with their plugins.
    Scan(scan::Args),
    /// Hold a scan's findings against the register: what it does not declare.
    Gaps(gaps::Args),
    /// Adopt findings of a scan into the register, validated and committed.
    Accept(accept::Args),
    /// List, inspect and create scanner plugins.
    Plugin(plugin::Args),
    /// Compiles a plugin for the ropa process that started this one, which
    /// kills it at the compile timeout (not for people).
    #[command(name = ropa_scan::plugin::compile::SUBCOMMAND, hide = true)]
    InternalCompile(compile::Args),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(code) = settle_interrupted(&cli) {
        return Ok(code);
    }
    match cli.command {
        Command::Validate(args) => validate::run(args, &cli.register),
        Command::Init(args) => init::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Commit(args) => commit::run(args, &cli.register),
        Command::Log(args) => log::run(args, &cli.register),
        Command::Diff(args) => diff::run(args, &cli.register),
        Command::Render(args) => render::run(args, &cli.register),
        Command::Gaps(args) => gaps::run(args, &cli.register),
        Command::Accept(args) => accept::run(args, &cli.register),
        Command::Scan(args) => scan::run(args, &cli.register),
        Command::Plugin(args) => plugin::run(args),
        Command::InternalCompile(args) => Ok(compile::run(args)),
    }
}

/// Before a command that reads or writes the register: a `ropa commit` or
/// `ropa accept` killed half-way is finished or rolled back (see
/// `ropa_history::journal`), so no command sees it half-applied. When that
/// fails, a command that commits stops (exit code returned); one that only
/// reads goes on after a warning.
fn settle_interrupted(cli: &Cli) -> Option<ExitCode> {
    let writes = match cli.command {
        Command::Commit(_) | Command::Accept(_) => true,
        Command::Validate(_)
        | Command::Log(_)
        | Command::Diff(_)
        | Command::Render(_)
        | Command::Gaps(_)
        | Command::Scan(_) => false,
        Command::Init(_) | Command::Rules(_) | Command::Plugin(_) | Command::InternalCompile(_) => {
            return None;
        }
    };
    match ropa_history::recover(&cli.register) {
        Ok(Some(note)) => eprintln!("note: {note}"),
        Ok(None) => {}
        Err(err) if writes => {
            eprintln!(
                "error: an interrupted ropa commit or accept could not be settled: {err}; nothing was done"
            );
            return Some(ExitCode::from(EXIT_UNREADABLE));
        }
        Err(err) => eprintln!(
            "warning: an interrupted ropa commit or accept could not be settled: {err}; the register may be half-changed"
        ),
    }
    None
}
