//! The `ropa` command line: parses arguments, calls the library, prints,
//! and chooses the exit code. Nothing else.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    // This process is the `ropa` binary, which can compile plugins in a copy
    // of itself that is killed at the compile timeout.
    if let Ok(exe) = std::env::current_exe() {
        ropa::plugin::compile::compile_in_child_processes(exe);
    }
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(cli::EXIT_UNREADABLE)
        }
    }
}
