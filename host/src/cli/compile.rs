//! `ropa internal-compile` (hidden): the child process in which ropa
//! compiles a plugin, so that a compilation past its timeout can be killed
//! (see `ropa_scan::plugin::compile`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ends itself after this many milliseconds, should its parent be gone.
    #[arg(long)]
    deadline_ms: u64,
    /// The component.
    input: PathBuf,
    /// Where the compiled code goes.
    output: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    let code = ropa_scan::plugin::compile::child_main(
        &args.input,
        &args.output,
        Duration::from_millis(args.deadline_ms),
    );
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
