//! Arguments and dispatch: one module per command, each with its `Args` and
//! a `run` that returns the exit code.

mod accept;
mod commit;
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
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
    }
}
