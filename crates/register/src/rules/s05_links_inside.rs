//! S05: no file links outside the register.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// A symbolic link in the register (a file or a directory such as
    /// `activities/`) points inside the register directory. Links inside are
    /// followed; links outside are not read.
    ///
    /// ## Why
    /// The register is what is versioned and reviewed. A link to a file
    /// elsewhere would make the statement depend on content no commit
    /// records, and lets a register read files it should not.
    ///
    /// ## Example
    /// `categories.json -> ../shared/categories.json`
    ///
    /// ## How to fix
    /// Copy the file into the register instead of linking to it.
    ///
    /// ## Reference
    /// A rule of the tool, not of the GDPR.
    ///
    /// - [§2.4: what the register files hold](docs/gdpr-register-model.md#24-cross-authority-synthesis-what-the-schema-must-be-able-to-hold)
    S05 {
        title: "no file links outside the register",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Elsewhere("source.rs (`read_register` and `assemble`), as the directory is listed"),
    }
}
