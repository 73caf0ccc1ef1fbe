//! V26: where data is processed is known for every recipient.

use super::declare::rule;
use super::{Findings, Rule};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every recipient in `recipients.json` lists the countries where it
    /// processes the data.
    ///
    /// ## Why
    /// The statement says whether data leaves the EEA (Art. 13(1)(f)), and
    /// ropa derives that from the recipients' countries rather than letting
    /// anyone write "no processing outside the EU" by hand. A recipient with
    /// no countries makes that statement unknowable, and a wrong one would
    /// mislead people (fairness and transparency, Art. 5(1)(a)).
    ///
    /// ## Example
    /// ```json
    /// { "id": "hosting-provider", "role": "processor", "countries": [] }
    /// ```
    ///
    /// ## How to fix
    /// List where the recipient processes the data, remote access and
    /// sub-processors included: ISO codes such as `"NL"`, or `"EU"` when only
    /// that is known.
    ///
    /// ## Reference
    /// - [§4, row V26](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V26 {
        title: "where data is processed is known for every recipient",
        articles: "Art. 13(1)(f), 5(1)(a)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (i, recipient) in register.recipients.recipients.iter().enumerate() {
        if recipient.countries.is_empty() {
            out.error(
                Rule::V26,
                &FileRef::Recipients,
                format!("/recipients/{i}/countries"),
                format!("recipient \"{}\" has no countries of processing, so whether data leaves the EEA cannot be worked out", recipient.id),
                "list where the recipient processes the data, remote access and sub-processors included (ISO codes such as \"NL\", or \"EU\" when only that is known)",
            );
        }
    }
}
