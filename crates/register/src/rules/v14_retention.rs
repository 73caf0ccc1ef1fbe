//! V14: every data category of an activity has a retention rule.

use super::declare::rule;
use super::{Findings, Rule, own_activities};
use crate::diagnostic::Severity;
use crate::model::{ActivityFile, Retention, Storage};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every data category of an activity has a retention rule, its own or
    /// the activity's default: a `period` (an ISO 8601 duration, hours to
    /// years) with the `start_event` it counts from, or `criteria` a reader
    /// can apply, and the `end_action`; or `"storage": "not_stored"` or
    /// `"on_device"` with none of these, or `"indefinite"` with the `reason`
    /// and no period or end action to contradict it. An error in a public
    /// activity, a warning in an internal one; a contradiction is an error
    /// anywhere.
    ///
    /// ## Why
    /// Data may be kept no longer than necessary (Art. 5(1)(e)); the record
    /// must give the envisaged time limits for erasure where possible (Art.
    /// 30(1)(f)), and the statement the period or the criteria that set it
    /// (Art. 13(2)(a), 14(2)(a)). A period without a start event cannot be
    /// applied: seven years from what?
    ///
    /// ## Example
    /// ```json
    /// "data": [ { "category": "order-history" } ]
    /// ```
    /// in an activity with no default `"retention"`.
    ///
    /// ## How to fix
    /// Add `"retention"` to the data entry, or a default for the whole
    /// activity, e.g. `{ "period": "P7Y", "start_event": { "nl": "einde van
    /// het boekjaar", "en": "end of the financial year" } }`.
    ///
    /// ## Reference
    /// - [§4, row V14](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: the forms a retention may take](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V14 {
        title: "every data category has a retention rule",
        articles: "Art. 5(1)(e), 30(1)(f), 13(2)(a), 14(2)(a)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        let severity = severity(activity);
        for (at, retention, what) in retentions(activity) {
            match retention.storage {
                Storage::Limited => check_limited(out, &file, severity, &at, retention, &what),
                Storage::NotStored | Storage::OnDevice => {
                    let how = if retention.storage == Storage::NotStored {
                        "is not stored"
                    } else {
                        "is kept only on the person's device"
                    };
                    if let Some(field) = limited_fields(retention).next() {
                        out.push(
                            Rule::V14,
                            Severity::Error,
                            &file,
                            format!("{at}/{field}"),
                            format!("{what} says the data {how}, and gives \"{field}\" for keeping it"),
                            Some("remove \"period\", \"criteria\", \"start_event\" and \"end_action\", or set \"storage\" to \"limited\"".to_owned()),
                        );
                    }
                }
                Storage::Indefinite => {
                    if retention.reason.as_ref().is_none_or(|r| r.iter().all(|(_, t)| t.trim().is_empty())) {
                        out.push(
                            Rule::V14,
                            severity,
                            &file,
                            at.clone(),
                            format!("{what} keeps the data with no end and does not say why"),
                            Some("add \"reason\": why the data must be kept with no end, e.g. the law that makes it a permanent record".to_owned()),
                        );
                    }
                    if let Some(field) = limited_fields(retention).find(|f| *f != "criteria") {
                        out.push(
                            Rule::V14,
                            Severity::Error,
                            &file,
                            format!("{at}/{field}"),
                            format!("{what} keeps the data with no end, and gives \"{field}\", which ends it"),
                            Some("remove it, or set \"storage\" to \"limited\" if the data is kept for a period".to_owned()),
                        );
                    }
                }
            }
        }
        if activity.retention.is_none() {
            for (i, data) in activity.data.iter().enumerate() {
                if data.retention.is_none() {
                    out.push(
                        Rule::V14,
                        severity,
                        &file,
                        format!("/data/{i}"),
                        format!("no retention is recorded for \"{}\"", data.category),
                        Some("add \"retention\" here, or a default \"retention\" for the whole activity: a period (e.g. \"P2Y\") or criteria, the start event and the end action".to_owned()),
                    );
                }
            }
        }
    }
}

/// A retention for a limited time: a period from an event, or criteria, and
/// what happens at the end.
fn check_limited(
    out: &mut Findings,
    file: &FileRef,
    severity: Severity,
    at: &str,
    retention: &Retention,
    what: &str,
) {
    match (&retention.period, &retention.criteria) {
        (None, None) => out.push(
            Rule::V14,
            severity,
            file,
            at.to_owned(),
            format!("{what} has neither a period nor criteria"),
            Some("add \"period\" (an ISO 8601 duration such as \"P7Y\" or \"PT48H\") or \"criteria\" that let a reader work out the period; or \"storage\": \"not_stored\", \"on_device\" or \"indefinite\" if the data is not kept for a limited time".to_owned()),
        ),
        (Some(period), _) if retention.period_parts().is_none() => out.push(
            Rule::V14,
            Severity::Error,
            file,
            format!("{at}/period"),
            format!("{what} has the period \"{period}\", which is no length of time"),
            Some("give the period, e.g. \"P7Y\", \"P6M\", \"PT48H\"; for data not kept at all, \"storage\": \"not_stored\"".to_owned()),
        ),
        (Some(_), _) if retention.start_event.is_none() => out.push(
            Rule::V14,
            severity,
            file,
            at.to_owned(),
            format!("{what} has a period but does not say from when it counts"),
            Some("add \"start_event\", e.g. {\"nl\": \"einde van de overeenkomst\", \"en\": \"end of the contract\"}".to_owned()),
        ),
        _ => {}
    }
    if retention.end_action.is_none() {
        out.push(
            Rule::V14,
            severity,
            file,
            at.to_owned(),
            format!("{what} does not say what happens to the data when the period ends"),
            Some("add \"end_action\": \"erase\", \"anonymise\" or \"erase_or_anonymise\"".to_owned()),
        );
    }
}

/// The fields of a retention for a limited time that it gives.
fn limited_fields(retention: &Retention) -> impl Iterator<Item = &'static str> {
    [
        ("period", retention.period.is_some()),
        ("criteria", retention.criteria.is_some()),
        ("start_event", retention.start_event.is_some()),
        ("end_action", retention.end_action.is_some()),
    ]
    .into_iter()
    .filter_map(|(field, given)| given.then_some(field))
}

/// In the statement a missing or vague period is an Art. 13 failure; in an
/// internal activity it is a gap in the record.
pub(super) fn severity(activity: &ActivityFile) -> Severity {
    if activity.public {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// The retention rules an activity states: its default, then each data
/// entry's own, with where each is and how a message names it.
pub(super) fn retentions(
    activity: &ActivityFile,
) -> impl Iterator<Item = (String, &Retention, String)> {
    let default = activity.retention.as_ref().map(|r| {
        (
            "/retention".to_owned(),
            r,
            "the activity's default retention".to_owned(),
        )
    });
    let own = activity.data.iter().enumerate().filter_map(|(i, data)| {
        let retention = data.retention.as_ref()?;
        Some((
            format!("/data/{i}/retention"),
            retention,
            format!("the retention of \"{}\"", data.category),
        ))
    });
    let items = activity.data.iter().enumerate().flat_map(|(i, data)| {
        data.item_retention.iter().enumerate().map(move |(j, item)| {
            (
                format!("/data/{i}/item_retention/{j}/retention"),
                &item.retention,
                format!("the retention of \"{}\" in \"{}\"", item.item, data.category),
            )
        })
    });
    default.into_iter().chain(own).chain(items)
}
