//! End-to-end tests: the real `ropa` binary on real files in temporary
//! directories. One integration binary (as ripgrep does), so the crate and
//! the helpers compile once.

/// Running the binary, copying and snapshotting directories, building a
/// register from a case folder.
mod util;

/// `ropa validate` on the data-driven cases of `tests/cases/`, each compared
/// with its golden output.
mod validate_cases;

/// The command line itself: where the register is found, JSON output,
/// `ropa init` and `ropa rules`.
mod cli;

/// The register under git: `init`, `commit`, `log`, `diff`, `--at`, and the
/// reliability of concurrent and killed writers.
mod history;
mod render;

/// Controllers of every kind: the law a register is kept under (the EU or
/// the UK GDPR), representatives, joint controllers, declared rights.
mod controllers;

/// The ISMT example register: valid, with the seed statement's gaps as warnings.
mod example;

/// The processor's record (Art. 30(2)) of activities carried out for other
/// controllers: every field with its value, in every format and language;
/// none for a register that has no such activity.
mod processor;

/// Every example register (`register/` and `examples/*`): valid, rendered
/// in its languages, every public text and structured fact of each in its
/// statement; prints what share of each statement is free text.
mod examples;

/// Hostile plugins against the sandbox: limits, isolation, the guard.
mod sandbox;

/// A hostile plugin trying every channel of a findings file: nothing it
/// read reaches the file, the register or its history.
mod exfiltration;

/// `ropa plugin list | inspect | new` and the component cache.
mod plugin_cli;

/// `ropa plugin run`: a plugin tried on one source, granted that alone,
/// nothing saved.
mod plugin_run;

/// The CPU limit against CPU time used (a busy core costs nothing), the
/// wall-clock limit against time taken, each named as the register does.
mod limits;

/// The PostgreSQL server of the tests (`ROPA_TEST_POSTGRES_URL`), a fresh
/// database per test, and the PostgreSQL connector end to end.
mod postgres_server;

/// `ropa scan` on the example systems, on seeded values and on broken systems.
mod scan;

/// `ropa scans list | show | prune`, and the scans `ropa scan` saves: none
/// lost when started at once, the old ones pruned after saving, the same
/// findings file on every destination.
mod scans;

/// `ropa gaps` and `ropa accept`: every kind of gap, the report's schema,
/// accept's commits and refusals, and the example's demo.
mod gaps;

/// Hostile register files: a million problems in one file, deep nesting,
/// lines of megabytes; at most 100 diagnostics per file, and a count.
mod big_files;

/// `ropa commit` and `ropa accept` all or nothing: killed at every step and
/// at random moments, raced by an editor, fed a forged location.
mod transactions;

/// What ropa prints and where it writes: a closed pipe, `-o` into the
/// register or `.git`, escape codes from foreign text.
mod output;
