//! The project's development tasks, run as `cargo xtask <task>` (the alias
//! is in `.cargo/config.toml`). Each task is a few lines over a library that
//! does the work; nothing here is part of ropa.

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  example-systems          rewrite example-systems/ with what the generator
                           (crates/example-systems) writes; review the diff
  example-systems --check  fail when example-systems/ differs from it
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["example-systems"] => example_systems(false),
        ["example-systems", "--check"] => example_systems(true),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Writes the example systems, or with `check` only compares them, and
/// reports files the generator does not write.
fn example_systems(check: bool) -> ExitCode {
    use ropa_example_systems::{DIR, drift, generate, workspace_root};

    let dir = workspace_root().join(DIR);
    if !check && let Err(e) = generate(&dir) {
        eprintln!("error: writing {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let drift = match drift(&dir) {
        Ok(drift) => drift,
        Err(e) => {
            eprintln!("error: comparing {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    for rel in &drift.stale {
        eprintln!("{DIR}/{rel} differs from what the generator writes");
    }
    for rel in &drift.extra {
        eprintln!("{DIR}/{rel} is not written by the generator: remove it");
    }
    if drift.is_empty() {
        if !check {
            println!("wrote {}", dir.display());
        }
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
