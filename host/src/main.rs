//! The `ropa` command line: parses arguments, calls the library, prints,
//! and chooses the exit code. Nothing else.

// The command line's `print!`, `println!`, `eprint!` and `eprintln!`: the
// standard ones panic when the reader has gone (`ropa validate | head -1`);
// these drop the rest of the output quietly instead (`cli::output` says
// why). Defined before `mod cli` so that they replace the standard ones in
// every command, present and future (`print!` too, though unused today).
#[allow(unused_macros)]
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::output::print(format_args!($($arg)*), false) };
}
macro_rules! println {
    () => { $crate::cli::output::print(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::cli::output::print(format_args!($($arg)*), true) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::cli::output::eprint(format_args!($($arg)*), false) };
}
macro_rules! eprintln {
    () => { $crate::cli::output::eprint(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::cli::output::eprint(format_args!($($arg)*), true) };
}

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    // This process is the `ropa` binary, which can compile plugins in a copy
    // of itself that is killed at the compile timeout.
    #[cfg(feature = "scan")]
    if let Ok(exe) = std::env::current_exe() {
        ropa_scan::plugin::compile::compile_in_child_processes(exe);
    }
    let code = match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // The error may quote a file name or a plugin's words.
            eprintln!("error: {}", ropa::terminal::lines(&format!("{err:#}")));
            ExitCode::from(cli::EXIT_UNREADABLE)
        }
    };
    if let Some(failure) = cli::output::failure() {
        eprintln!("error: cannot write to standard output: {failure}");
        return ExitCode::from(cli::EXIT_UNREADABLE);
    }
    code
}
