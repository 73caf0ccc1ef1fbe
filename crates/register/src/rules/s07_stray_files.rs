//! S07: no stray files where register files belong.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// Every JSON file at the top of the register, in `activities/` and in
    /// `systems/` is a register file; anything else there is ignored, with a
    /// warning.
    ///
    /// ## Why
    /// A misnamed file (`categorie.json`, `activities/order.JSON`) is
    /// usually a file someone meant to be read. Ignoring it silently would
    /// leave its content out of the record and the statement.
    ///
    /// ## Example
    /// `categorie.json` beside `categories.json`.
    ///
    /// ## How to fix
    /// Rename the file to the register file it was meant to be, or move it
    /// out of the register.
    ///
    /// ## Reference
    /// A rule of the tool, not of the GDPR.
    ///
    /// - [§2.4: what the register files hold](docs/gdpr-register-model.md#24-cross-authority-synthesis-what-the-schema-must-be-able-to-hold)
    S07 {
        title: "no stray files where register files belong",
        articles: "",
        severity: Warning,
        acknowledgeable: false,
        check: Elsewhere("source.rs (`read_register` and `assemble`), as the directory is listed"),
    }
}
