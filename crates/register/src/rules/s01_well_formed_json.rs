//! S01: a register file is well-formed UTF-8 JSON, one object.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// Every register file is valid UTF-8, has no byte-order mark, and holds
    /// exactly one JSON document with no key written twice.
    ///
    /// ## Why
    /// Nothing else can be checked in a file that cannot be read: the schema
    /// (S02) and the legal rules need the parsed document. The error says
    /// where the text stops being JSON, so a hand edit can be fixed there.
    ///
    /// ## Example
    /// ```json
    /// { "categories": [ { "id": "contact-details" }, ] }
    /// ```
    /// The trailing comma after the last entry is not JSON.
    ///
    /// ## How to fix
    /// Correct the text at the line and column shown; save the file as UTF-8
    /// without a byte-order mark.
    ///
    /// ## Reference
    /// A rule of the tool, not of the GDPR.
    ///
    /// - [§2.4: what the register files hold](docs/gdpr-register-model.md#24-cross-authority-synthesis-what-the-schema-must-be-able-to-hold)
    /// - [§4: the rules checked on them](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    S01 {
        title: "a register file is well-formed UTF-8 JSON",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Elsewhere("source.rs (`decode`: UTF-8, byte-order mark, syntax) and load.rs (keys written twice), as each file is read"),
    }
}
