//! V24: transfers under safeguards say how to get a copy.

use super::declare::rule;
use super::{Cause, Findings, Rule, activities, blank};
use crate::model::MechanismKind;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// A transfer relying on appropriate safeguards (standard contractual
    /// clauses, binding corporate rules, ad hoc clauses, a code of conduct,
    /// a certification, or under the UK GDPR the IDTA or the Addendum)
    /// records `copy_via`, how people can obtain a copy of them (an error
    /// when absent), on the transfer or on each mechanism that has its own
    /// route, and `tia_ref`, where the transfer impact
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
    let org = &register.organisation;
    for (file, _, activity) in activities(register) {
        for (i, transfer) in activity.transfers.iter().enumerate() {
            let country = transfer.country.as_str();
            if org.laws_of(transfer).iter().all(|law| law.is_home(country)) {
                continue;
            }
            let mut relies_on_safeguards = false;
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                let safeguard = matches!(
                    mechanism.kind,
                    MechanismKind::Scc
                        | MechanismKind::Bcr
                        | MechanismKind::AdHocClauses
                        | MechanismKind::CodeOfConduct
                        | MechanismKind::Certification
                        | MechanismKind::Idta
                        | MechanismKind::UkAddendum
                );
                if !safeguard {
                    continue;
                }
                relies_on_safeguards = true;
                if transfer.copy_via(mechanism).is_none_or(|t| t.is_empty()) {
                    // Said per transfer; the same gap in every activity
                    // that transfers to the recipient.
                    let cause = Cause::named(format!(
                        "recipient {} in {country}, no copy_via",
                        transfer.recipient
                    ));
                    out.because(cause).error(
                        Rule::V24,
                        &file,
                        format!("/transfers/{i}/mechanisms/{j}"),
                        format!("the transfer to \"{}\" in {country} relies on safeguards, and the statement must say how to get a copy of them", transfer.recipient),
                        "add \"copy_via\" to the transfer, or to this mechanism when it has its own route: how people can obtain a copy, e.g. by e-mail to the privacy desk",
                    );
                }
            }
            if relies_on_safeguards && blank(&transfer.tia_ref) {
                let cause = Cause::named(format!(
                    "recipient {} in {country}, no tia_ref",
                    transfer.recipient
                ));
                out.because(cause).warning(
                    Rule::V24,
                    &file,
                    format!("/transfers/{i}"),
                    format!("the transfer to \"{}\" in {country} has no transfer impact assessment on record", transfer.recipient),
                    "add \"tia_ref\" (EDPB Recommendations 01/2020)",
                );
            }
        }
    }
}
