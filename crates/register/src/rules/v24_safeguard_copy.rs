//! V24: transfers under safeguards say how to get a copy.

use super::declare::rule;
use super::{Findings, Rule, activities, blank, text_missing};
use crate::model::MechanismKind;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A transfer relying on appropriate safeguards (standard contractual
    /// clauses, binding corporate rules, ad hoc clauses, a code of conduct or
    /// a certification) records `copy_via`, how people can obtain a copy of
    /// them (an error when absent), and `tia_ref`, where the transfer impact
    /// assessment is kept (a warning when absent).
    ///
    /// ## Why
    /// Art. 13(1)(f) and 14(1)(f) require the statement to refer to the
    /// safeguards and to the means by which people can obtain a copy of
    /// them. The EDPB's Recommendations 01/2020 ask the exporter to assess
    /// whether the law of the destination lets the safeguards work.
    ///
    /// ## Example
    /// ```json
    /// { "recipient": "support-desk", "country": "IN", "mechanisms": [ { "kind": "scc" } ] }
    /// ```
    /// with no `copy_via`.
    ///
    /// ## How to fix
    /// Add `"copy_via"`, e.g. `{ "nl": "per e-mail aan de privacybalie", "en":
    /// "by e-mail to the privacy desk" }`, and `"tia_ref"`.
    ///
    /// ## Reference
    /// - [§4, row V24](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V24 {
        title: "safeguard transfers say how to get a copy",
        articles: "Art. 13(1)(f), 14(1)(f)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let home = register.organisation.jurisdiction;
    for (file, _, activity) in activities(register) {
        for (i, transfer) in activity.transfers.iter().enumerate() {
            if home.is_home(transfer.country.as_str()) {
                continue;
            }
            for mechanism in &transfer.mechanisms {
                let safeguard = matches!(
                    mechanism.kind,
                    MechanismKind::Scc
                        | MechanismKind::Bcr
                        | MechanismKind::AdHocClauses
                        | MechanismKind::CodeOfConduct
                        | MechanismKind::Certification
                );
                if !safeguard {
                    continue;
                }
                if text_missing(&transfer.copy_via) {
                    out.error(
                        Rule::V24,
                        &file,
                        format!("/transfers/{i}"),
                        format!("transfer {i} relies on safeguards, and the statement must say how to get a copy of them"),
                        "add \"copy_via\": how people can obtain a copy, e.g. by e-mail to the privacy desk",
                    );
                }
                if blank(&transfer.tia_ref) {
                    out.warning(
                        Rule::V24,
                        &file,
                        format!("/transfers/{i}"),
                        format!("transfer {i} has no transfer impact assessment on record"),
                        "add \"tia_ref\" (EDPB Recommendations 01/2020)",
                    );
                }
            }
        }
    }
}
