//! S04: a register file is at most 4 MiB.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// No register file is larger than 4 MiB, or holds more JSON values than
    /// a register file of that size could; such a file is not read.
    ///
    /// ## Why
    /// A register is written by people and by `ropa accept`; a file of many
    /// megabytes is a mistake or hostile, and reading it would make every
    /// command slow and memory-hungry. Refusing it before parsing keeps
    /// `ropa validate` small.
    ///
    /// ## Example
    /// A `categories.json` of 5 MiB, e.g. a database export saved over it.
    ///
    /// ## How to fix
    /// Split the content over several files (one activity per file), or
    /// restore the file that belongs there.
    ///
    /// ## Reference
    /// A rule of the tool, not of the GDPR.
    ///
    /// - [§2.4: what the register files hold](docs/gdpr-register-model.md#24-cross-authority-synthesis-what-the-schema-must-be-able-to-hold)
    S04 {
        title: "a register file is at most 4 MiB",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Elsewhere("source.rs (`too_large`, and the count of values in `read_entry`), before a file is parsed"),
    }
}
