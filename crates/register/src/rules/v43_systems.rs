//! V43: each activity names the systems holding its data.

use super::declare::rule;
use super::{Findings, Rule, activities};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Every activity that is not retired lists the systems (`systems/<id>.json`)
    /// its data is kept in. A warning.
    ///
    /// ## Why
    /// The Autoriteit Persoonsgegevens (AP) recommends recording where the data
    /// of each processing is stored (its recommendation 4 for the register,
    /// 2018): without it a request for access or erasure cannot be answered
    /// completely, and `ropa scan` has nothing to compare the record with.
    ///
    /// ## Example
    /// ```json
    /// { "id": "newsletter", "status": "active", "systems": [] }
    /// ```
    ///
    /// ## How to fix
    /// List the ids of the systems that hold the activity's data, and create
    /// a `systems/<id>.json` for each.
    ///
    /// ## Reference
    /// - [§4, row V43](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§2.1: the AP's register columns](docs/gdpr-register-model.md#21-autoriteit-persoonsgegevens-nl)
    V43 {
        title: "each activity names the systems holding its data",
        articles: "AP recommendation 4 (2018)",
        severity: Warning,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, id, activity) in activities(register) {
        if activity.systems.is_empty() && activity.status != crate::model::Status::Retired {
            out.warning(
                Rule::V43,
                &file,
                "/systems",
                format!("\"{id}\" does not say in which systems its data is kept"),
                "list the systems (systems/<id>.json); they are needed to answer access and erasure requests",
            );
        }
    }
}
