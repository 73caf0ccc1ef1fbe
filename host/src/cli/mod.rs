//! Arguments and dispatch: one module per command, each with its `Args` and
//! a `run` that returns the exit code.

#[cfg(feature = "scan")]
mod accept;
mod commit;
#[cfg(feature = "scan")]
mod compile;
mod diff;
#[cfg(feature = "scan")]
mod gaps;
mod init;
mod log;
pub mod output;
#[cfg(feature = "scan")]
mod plugin;
#[cfg(feature = "render")]
mod render;
mod rules;
#[cfg(feature = "scan")]
mod scan;
#[cfg(feature = "scan")]
mod scans;
#[cfg(feature = "scan")]
mod show;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use ropa::ops::{EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE};

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
    /// List the rules `validate` checks, with their articles; or show one
    /// rule's documentation (`ropa rules V15`).
    Rules(rules::Args),
    /// Record the register in git, after validating it.
    Commit(commit::Args),
    /// The register's history, in register terms.
    Log(log::Args),
    /// What changed between two versions of the register.
    Diff(diff::Args),
    /// Render the public privacy statement or the internal Art. 30 records.
    #[cfg(feature = "render")]
    Render(render::Args),
    /// Scan the register's systems for personal data with their plugins.
    #[cfg(feature = "scan")]
    Scan(scan::Args),
    /// List, show and prune the scans saved for the register.
    #[cfg(feature = "scan")]
    Scans(scans::Args),
    /// Hold a scan's findings against the register: what it does not declare.
    #[cfg(feature = "scan")]
    Gaps(gaps::Args),
    /// Adopt findings of a scan into the register, validated and committed.
    #[cfg(feature = "scan")]
    Accept(accept::Args),
    /// List, inspect and create scanner plugins.
    #[cfg(feature = "scan")]
    Plugin(plugin::Args),
    /// Compiles a plugin for the ropa process that started this one, which
    /// kills it at the compile timeout (not for people).
    #[cfg(feature = "scan")]
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
        #[cfg(feature = "render")]
        Command::Render(args) => render::run(args, &cli.register),
        #[cfg(feature = "scan")]
        Command::Gaps(args) => gaps::run(args, &cli.register),
        #[cfg(feature = "scan")]
        Command::Accept(args) => accept::run(args, &cli.register),
        #[cfg(feature = "scan")]
        Command::Scan(args) => scan::run(args, &cli.register),
        #[cfg(feature = "scan")]
        Command::Scans(args) => scans::run(args, &cli.register),
        #[cfg(feature = "scan")]
        Command::Plugin(args) => plugin::run(args),
        #[cfg(feature = "scan")]
        Command::InternalCompile(args) => Ok(compile::run(args)),
    }
}

/// Shows why an operation stopped: its diagnostics, then the message; the
/// exit code it carries. Both may quote a register's or a plugin's text.
fn fail(err: ropa::ops::Error) -> ExitCode {
    if !err.diagnostics.is_empty() {
        eprint!(
            "{}",
            ropa::terminal::lines(&ropa_register::diagnostic::render_text(&err.diagnostics))
        );
    }
    eprintln!("error: {}", ropa::terminal::lines(&err.message));
    ExitCode::from(err.code)
}

/// Before a command that reads or writes the register: a `ropa commit` or
/// `ropa accept` killed half-way is finished or rolled back (see
/// `ropa_history::journal`), so no command sees it half-applied. When that
/// fails, a command that commits stops (exit code returned); one that only
/// reads goes on after a warning.
fn settle_interrupted(cli: &Cli) -> Option<ExitCode> {
    let writes = match cli.command {
        Command::Commit(_) => true,
        #[cfg(feature = "scan")]
        Command::Accept(_) => true,
        Command::Validate(_) | Command::Log(_) | Command::Diff(_) => false,
        #[cfg(feature = "render")]
        Command::Render(_) => false,
        #[cfg(feature = "scan")]
        Command::Gaps(_) | Command::Scan(_) | Command::Scans(_) => false,
        Command::Init(_) | Command::Rules(_) => return None,
        #[cfg(feature = "scan")]
        Command::Plugin(_) | Command::InternalCompile(_) => return None,
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
