//! V21: each transfer rests on a mechanism of Chapter V, any fallbacks
//! after it, a derogation last.

use ropa_law::Jurisdiction;

use super::declare::rule;
use super::{Cause, Findings, Rule, activities};
use crate::model::{MechanismKind, TransferMechanism};
use crate::register::FileRef;
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Each transfer lists the mechanisms of Art. 45-49 it rests on, at
    /// least one, that exist under the register's `jurisdiction`: the one
    /// relied on first, then any that take over should the one before fall
    /// away. No mechanism is listed twice, and a derogation of Art. 49 comes
    /// only after every adequacy decision or safeguard, and names the point
    /// of Art. 49(1) it relies on. Under the EU GDPR the UK's tools (`idta`,
    /// `uk_addendum`) are errors; under the UK GDPR the EU's clauses alone
    /// (`scc`) are. A register whose controller is also under the other law
    /// (`also_under`) judges each transfer under both, or under the one the
    /// transfer names (`"under": "uk"`); naming a law the register is not
    /// kept under is an error. A transfer to a country inside the territory
    /// of every law it is judged under (the EEA, or the UK) is a warning: it
    /// is not a transfer under Chapter V.
    ///
    /// ## Why
    /// A transfer rests on an instrument of Chapter V: an adequacy decision
    /// (Art. 45), appropriate safeguards (Art. 46, 47) or a derogation (Art.
    /// 49); with none it has no basis. Controllers often keep a second
    /// instrument ready, such as the standard contractual clauses behind the
    /// Data Privacy Framework, whose two predecessors the Court annulled; the
    /// order says which one the controller relies on, so the statement can
    /// tell people (Art. 13(1)(f)). A derogation applies only "in the
    /// absence of" a decision or safeguards (Art. 49(1)), so it can only be
    /// the last resort. The UK GDPR has its own safeguards: the ICO's
    /// International Data Transfer Agreement, or the EU's clauses with the
    /// ICO's Addendum (DPA 2018 s. 119A); neither is a safeguard under the EU
    /// GDPR.
    ///
    /// ## Example
    /// ```json
    /// "transfers": [ { "recipient": "mail-provider", "country": "US",
    ///   "mechanisms": [ { "kind": "derogation", "derogation": "a" }, { "kind": "scc" } ] } ]
    /// ```
    ///
    /// ## How to fix
    /// Record the mechanism the transfer relies on first (adequacy, scc,
    /// bcr, code_of_conduct, certification, ad_hoc_clauses or derogation
    /// with `"derogation": "a"`…`"g"`; under the UK GDPR idta or uk_addendum
    /// instead of scc), then any fallback, a derogation last; remove
    /// transfers to countries inside the territory.
    ///
    /// ## Reference
    /// - [§4, row V21](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.5: the transfer mechanisms](docs/gdpr-register-model.md#15-transfer-per-recipient--activity)
    V21 {
        title: "each transfer rests on a mechanism, fallbacks after it",
        articles: "Art. 45-49",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let org = &register.organisation;
    let subject_to = org.jurisdictions();
    for (file, _, activity) in activities(register) {
        for (i, transfer) in activity.transfers.iter().enumerate() {
            let at = format!("/transfers/{i}");
            if let Some(under) = transfer.under
                && !subject_to.contains(&under)
            {
                // One fact of organisation.json, for every transfer judged so.
                out.because(Cause::named(format!("under the {}, not subject to it", under.regulation()))).error(
                    Rule::V21,
                    &file,
                    format!("{at}/under"),
                    format!(
                        "the transfer is judged under the {}, and the register does not say the controller is subject to it",
                        under.regulation()
                    ),
                    format!(
                        "add {{\"jurisdiction\": \"{}\", …}} to \"also_under\" in organisation.json, or remove \"under\"",
                        under.code()
                    ),
                );
                continue;
            }
            let laws = org.laws_of(transfer);
            let outside: Vec<Jurisdiction> = laws
                .iter()
                .copied()
                .filter(|law| !law.is_home(transfer.country.as_str()))
                .collect();
            if outside.is_empty() {
                let territories: Vec<&str> = laws.iter().map(|l| l.territory()).collect();
                let territories = territories.join(" and ");
                let cause = Cause::named(format!("{} inside {territories}", transfer.country));
                out.because(cause).warning(
                    Rule::V21,
                    &file,
                    format!("{at}/country"),
                    format!(
                        "{} is inside {}; this is not a transfer under Chapter V",
                        transfer.country, territories
                    ),
                    "remove the transfer entry",
                );
                continue;
            }
            if transfer.mechanisms.is_empty() {
                out.error(
                    Rule::V21,
                    &file,
                    format!("{at}/mechanisms"),
                    format!("transfer {i} rests on no mechanism"),
                    "record the mechanism the transfer relies on (adequacy, scc, bcr, code_of_conduct, certification, ad_hoc_clauses or derogation)",
                );
            }
            check_order(&transfer.mechanisms, &file, &at, out);
            for (j, mechanism) in transfer.mechanisms.iter().enumerate() {
                for &home in &outside {
                    if let Some((why, fix)) = foreign_tool(home, mechanism.kind) {
                        // Under two laws, a tool of one of them belongs to
                        // an entry for that law alone.
                        let either = subject_to.len() > 1 && transfer.under.is_none();
                        let fix = if either {
                            format!("{fix}; or, when this entry covers the data under one law only, say which with \"under\"")
                        } else {
                            fix.to_owned()
                        };
                        // The same mistake in every transfer that uses the tool.
                        let cause = Cause::named(format!(
                            "{} under the {}{}",
                            kind_name(mechanism.kind),
                            home.regulation(),
                            if either { ", either law" } else { "" }
                        ));
                        out.because(cause).error(
                            Rule::V21,
                            &file,
                            format!("{at}/mechanisms/{j}/kind"),
                            why,
                            fix,
                        );
                    }
                }
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

/// No mechanism twice, and a derogation only after every decision and
/// safeguard: Art. 49(1) applies "in the absence of" them.
fn check_order(mechanisms: &[TransferMechanism], file: &FileRef, at: &str, out: &mut Findings) {
    for (j, mechanism) in mechanisms.iter().enumerate() {
        let same = |other: &TransferMechanism| {
            other.kind == mechanism.kind
                && other.decision == mechanism.decision
                && other.derogation == mechanism.derogation
        };
        if let Some(first) = mechanisms[..j].iter().position(same) {
            out.error(
                Rule::V21,
                file,
                format!("{at}/mechanisms/{j}"),
                format!("mechanism {j} repeats mechanism {first}"),
                "remove the second entry",
            );
            continue;
        }
        if mechanism.kind == MechanismKind::Derogation
            && let Some(after) = mechanisms[j + 1..]
                .iter()
                .position(|m| m.kind != MechanismKind::Derogation)
        {
            out.error(
                Rule::V21,
                file,
                format!("{at}/mechanisms/{j}"),
                format!(
                    "a derogation of Art. 49 comes before mechanism {} (\"kind\": {}); a derogation applies only in the absence of an adequacy decision or safeguards",
                    j + 1 + after,
                    serde_json::to_string(&mechanisms[j + 1 + after].kind).unwrap_or_default()
                ),
                "list the adequacy decision or safeguard first, and the derogation last, as the last resort",
            );
        }
    }
}

/// The kind as the register writes it (`"scc"`).
fn kind_name(kind: MechanismKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Why a transfer tool does not exist under the register's law, and what
/// to use instead. The UK's own tools (the IDTA and the Addendum) bind
/// nobody under the EU GDPR; the EU's standard contractual clauses alone do
/// not cover a restricted transfer under the UK GDPR.
fn foreign_tool(home: Jurisdiction, kind: MechanismKind) -> Option<(&'static str, &'static str)> {
    match (home, kind) {
        (Jurisdiction::Eu, MechanismKind::Idta | MechanismKind::UkAddendum) => Some((
            "the UK's International Data Transfer Agreement and Addendum are transfer tools of the UK GDPR; this register is kept under the EU GDPR",
            "use the European Commission's standard contractual clauses (\"kind\": \"scc\"), or set \"jurisdiction\": \"uk\" in organisation.json if the UK GDPR is the law the register is kept under",
        )),
        (Jurisdiction::Uk, MechanismKind::Scc) => Some((
            "the EU's standard contractual clauses alone do not cover a transfer under the UK GDPR",
            "use the ICO's International Data Transfer Agreement (\"kind\": \"idta\") or the EU clauses with the ICO's Addendum (\"kind\": \"uk_addendum\")",
        )),
        _ => None,
    }
}
