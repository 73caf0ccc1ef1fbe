//! S02: a register file matches its JSON Schema.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// Each file has the shape its schema in `schemas/` describes: required
    /// fields are present, values have the right type and enumeration, there
    /// are no unknown fields (a typo is named with the field it resembles),
    /// the `$schema` link names the file's own schema, and an activity or
    /// system file is named after a valid id. Every country, wherever it
    /// stands (an address, a recipient's or system's countries, a transfer's
    /// destination), is an ISO 3166-1 alpha-2 code or `EU` / `EEA`: `XX` is
    /// an error, and so is `UK` (the United Kingdom is `GB`).
    ///
    /// ## Why
    /// The schemas hold the fields the register must be able to record (the
    /// reference's field checklist); a misspelt field is silently a missing
    /// one, and the legal rules (§4) assume the shape is right.
    ///
    /// ## Example
    /// ```json
    /// { "id": "order-handling", "retentoin": { "period": "P7Y" } }
    /// ```
    /// `retentoin` is not a field; the retention is not recorded.
    /// ```json
    /// "countries": ["NL", "UK"]
    /// ```
    /// `UK` is no ISO 3166-1 code: whether data leaves the EEA, and under
    /// which adequacy decision, cannot be worked out from it.
    ///
    /// ## How to fix
    /// Follow the help line: rename the field, add the missing one, or give
    /// the value the type the schema asks for. An editor that reads the
    /// `$schema` link completes and checks fields as you type.
    ///
    /// ## Reference
    /// - [§1: the field checklist the schemas follow](docs/gdpr-register-model.md#1-field-checklist-for-the-data-model)
    /// - [§2.4: what the schema must be able to hold](docs/gdpr-register-model.md#24-cross-authority-synthesis-what-the-schema-must-be-able-to-hold)
    S02 {
        title: "a register file matches its JSON Schema",
        articles: "",
        severity: Error,
        acknowledgeable: false,
        check: Elsewhere("load.rs with schema_errors.rs, as each parsed file is checked against its schema"),
    }
}
