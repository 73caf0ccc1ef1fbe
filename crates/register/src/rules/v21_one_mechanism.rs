//! V21: each transfer has exactly one mechanism.

use super::declare::rule;
use ropa_law::in_eea;
use super::{Findings, Rule, activities};
use crate::model::MechanismKind;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Each transfer lists exactly one mechanism of Art. 45-49; a derogation
    /// names the point of Art. 49(1) it relies on. A transfer to a country inside the
    /// EEA is a warning: it is not a transfer under Chapter V.
    ///
    /// ## Why
    /// A transfer rests on one instrument of Chapter V: an adequacy decision
    /// (Art. 45), appropriate safeguards (Art. 46, 47) or a derogation (Art.
    /// 49). With two the record does not say which one the controller relies
    /// on, and the statement cannot tell people; with none the transfer has
    /// no basis.
    ///
    /// ## Example
    /// ```json
    /// "transfers": [ { "recipient": "mail-provider", "country": "US",
    ///   "mechanisms": [ { "kind": "adequacy" }, { "kind": "scc" } ] } ]
    /// ```
    ///
    /// ## How to fix
    /// Record the one mechanism the transfer relies on (adequacy, scc, bcr,
    /// code_of_conduct, certification, ad_hoc_clauses or derogation with
    /// `"derogation": "a"`…`"g"`); remove transfers to EEA countries.
    ///
    /// ## Reference
    /// - [§4, row V21](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.5: the transfer mechanisms](docs/gdpr-register-model.md#15-transfer-per-recipient--activity)
    V21 {
        title: "each transfer has exactly one mechanism",
        articles: "Art. 45-49",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in activities(register) {
        for (i, transfer) in activity.transfers.iter().enumerate() {
            let at = format!("/transfers/{i}");
            if in_eea(transfer.country.as_str()) {
                out.warning(
                    Rule::V21,
                    &file,
                    format!("{at}/country"),
                    format!(
                        "{} is inside the EEA; this is not a transfer under Chapter V",
                        transfer.country
                    ),
                    "remove the transfer entry",
                );
                continue;
            }
            if transfer.mechanisms.len() != 1 {
                out.error(
                    Rule::V21,
                    &file,
                    format!("{at}/mechanisms"),
                    format!("transfer {i} lists {} mechanisms; it needs exactly one", transfer.mechanisms.len()),
                    "record the one mechanism the transfer relies on (adequacy, scc, bcr, code_of_conduct, certification, ad_hoc_clauses or derogation)",
                );
            }
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                if mechanism.kind == MechanismKind::Derogation && mechanism.derogation.is_none() {
                    out.error(
                        Rule::V21,
                        &file,
                        format!("{at}/mechanisms/{j}"),
                        "a derogation must name the point of Art. 49(1) it relies on",
                        "add \"derogation\": \"a\" … \"g\"",
                    );
                }
            }
        }
    }
}
