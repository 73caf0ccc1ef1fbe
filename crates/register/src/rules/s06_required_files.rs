//! S06: the organisation, categories, subjects and recipients files exist.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// `organisation.json`, `categories.json`, `subjects.json` and
    /// `recipients.json` are present in the register directory.
    ///
    /// ## Why
    /// Every activity refers to the catalogues of data categories, data
    /// subjects and recipients, and the statement starts from the
    /// organisation (controller, contact, rights, authority); without them
    /// there is no record of processing to check.
    ///
    /// ## Example
    /// A register with `activities/` and `categories.json` but no
    /// `subjects.json`.
    ///
    /// ## How to fix
    /// Create the missing file; `ropa init DIR` writes a starting point for
    /// every file.
    ///
    /// ## Reference
    /// - [§1.1: organisation level](docs/gdpr-register-model.md#11-organisation-level-one-per-register)
    /// - [§1.3: the data category catalogue](docs/gdpr-register-model.md#13-personal-data-category-catalogue-one-per-category)
    /// - [§1.4: the recipient catalogue](docs/gdpr-register-model.md#14-party--recipient-catalogue)
    S06 {
        title: "organisation, categories, subjects and recipients files exist",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Elsewhere("source.rs (`assemble`), once the directory is listed"),
    }
}
