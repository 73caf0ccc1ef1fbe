//! Standard output and standard error for a reader that may go away.
//!
//! `ropa validate | head -1` closes the pipe while ropa still writes. Rust
//! ignores `SIGPIPE`, so the write fails with `BrokenPipe`, and `println!`
//! panics on that. Restoring `SIGPIPE`'s default instead (the process dies
//! on such a write) would also end ropa on a write to any other closed pipe
//! or Unix socket — the PostgreSQL connector's local socket half-way through
//! a scan — and would stop `accept` or `commit` between two of their steps
//! because nobody reads their messages any more.
//!
//! So a closed stream is a reader's choice, not an error of ropa's: once a
//! write to standard output (or error) finds it closed, the rest of what is
//! written to it is dropped, quietly, and the command goes on to its own end
//! and exit code. `main.rs` replaces `print!`, `println!`, `eprint!` and
//! `eprintln!` for the whole command line with macros that write through
//! here, so no command can forget it; code that writes with `write!` takes
//! [`stdout`]. Any other failure to write standard output (a full disk
//! behind `>`) is still an error: the first is kept and `main` reports it.

use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output was found closed, or failed.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// Set once standard error was found closed, or failed.
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to write standard output other than a closed pipe.
static STDOUT_FAILED: OnceLock<String> = OnceLock::new();

/// Standard output, for `write!`: a closed pipe swallows what is written.
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

/// Standard output, locked; see [`stdout`].
pub struct Stdout(io::StdoutLock<'static>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if STDOUT_CLOSED.load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        match self.0.write(buf) {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                STDOUT_CLOSED.store(true, Ordering::Relaxed);
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if STDOUT_CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        match self.0.flush() {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                STDOUT_CLOSED.store(true, Ordering::Relaxed);
                Ok(())
            }
            other => other,
        }
    }
}

/// `print!` and `println!` (with `newline`).
pub fn print(args: fmt::Arguments<'_>, newline: bool) {
    let mut out = stdout();
    let written = out.write_fmt(args).and_then(|()| {
        if newline {
            out.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(err) = written {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        let _ = STDOUT_FAILED.set(err.to_string());
    }
}

/// `eprint!` and `eprintln!` (with `newline`). Nothing is left to tell of a
/// failure to write standard error: once it fails, it is given up.
pub fn eprint(args: fmt::Arguments<'_>, newline: bool) {
    if STDERR_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut err = io::stderr().lock();
    let written = err.write_fmt(args).and_then(|()| {
        if newline {
            err.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if written.is_err() {
        STDERR_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Why `print!` could not write standard output, other than a closed pipe.
pub fn failure() -> Option<&'static str> {
    STDOUT_FAILED.get().map(String::as_str)
}
