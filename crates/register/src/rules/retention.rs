//! Retention (V14, V15): every data category of an activity says how long it
//! is kept, from when, and what happens then; and says it concretely.

use super::{Findings, Rule, activities};
use crate::diagnostic::Severity;
use crate::model::Retention;
use crate::register::Register;

/// Phrases that state no period and no criteria (WP260 rev.01 Annex: "as
/// long as necessary for legitimate business purposes" is not enough).
const VAGUE: &[&str] = &[
    "niet langer dan noodzakelijk",
    "niet langer dan nodig",
    "zo lang als nodig",
    "zolang als nodig",
    "zo lang als noodzakelijk",
    "zolang noodzakelijk",
    "no longer than necessary",
    "no longer than needed",
    "as long as necessary",
    "as long as needed",
    "for as long as is necessary",
];

pub(super) fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in activities(register) {
        // In the statement a missing period is an Art. 13 failure; in an
        // internal activity it is a gap in the record.
        let severity = if activity.public {
            Severity::Error
        } else {
            Severity::Warning
        };
        if let Some(retention) = &activity.retention {
            concrete(
                out,
                severity,
                &file,
                "/retention",
                retention,
                "the activity's default retention",
            );
        }
        for (i, data) in activity.data.iter().enumerate() {
            match (&data.retention, &activity.retention) {
                (Some(retention), _) => {
                    let what = format!("the retention of \"{}\"", data.category);
                    concrete(out, severity, &file, &format!("/data/{i}/retention"), retention, &what);
                }
                (None, Some(_)) => {}
                (None, None) => out.push(
                    Rule::V14,
                    severity,
                    &file,
                    format!("/data/{i}"),
                    format!("no retention is recorded for \"{}\"", data.category),
                    Some("add \"retention\" here, or a default \"retention\" for the whole activity: a period (e.g. \"P2Y\") or criteria, the start event and the end action".to_owned()),
                ),
            }
        }
    }
}

fn concrete(
    out: &mut Findings,
    severity: Severity,
    file: &crate::register::FileRef,
    at: &str,
    retention: &Retention,
    what: &str,
) {
    match (&retention.period, &retention.criteria) {
        (None, None) => out.push(
            Rule::V14,
            severity,
            file,
            at,
            format!("{what} has neither a period nor criteria"),
            Some("add \"period\" (an ISO 8601 duration such as \"P7Y\") or \"criteria\" that let a reader work out the period".to_owned()),
        ),
        (Some(_), _) if retention.start_event.is_none() => out.push(
            Rule::V14,
            severity,
            file,
            at,
            format!("{what} has a period but does not say from when it counts"),
            Some("add \"start_event\", e.g. {\"nl\": \"einde van de overeenkomst\", \"en\": \"end of the contract\"}".to_owned()),
        ),
        (None, Some(criteria)) => {
            let vague = [criteria.nl.as_deref(), criteria.en.as_deref()]
                .into_iter()
                .flatten()
                .any(|text| {
                    let text = text.to_lowercase();
                    VAGUE.iter().any(|phrase| text.contains(phrase))
                });
            if vague {
                out.push(
                    Rule::V15,
                    severity,
                    file,
                    format!("{at}/criteria"),
                    format!("{what} only says the data is kept \"no longer than necessary\", which tells people nothing concrete"),
                    Some("state a period (\"period\": \"P2Y\" from a \"start_event\") or criteria a reader can apply, e.g. \"until two years after the last order\"".to_owned()),
                );
            }
        }
        _ => {}
    }
}
