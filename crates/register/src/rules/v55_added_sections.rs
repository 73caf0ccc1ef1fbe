//! V55: the sections and versions the controller adds to the statement
//! can be placed and dated.

use rustc_hash::FxHashSet;

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::{AddedSectionKind, Layout, STATEMENT_SECTIONS};
use crate::register::{FileRef, Register};


rule! {
    /// ## What it checks
    /// In `notice` of `organisation.json`:
    /// - each added section (`sections`) has an id of its own, not one of
    ///   the statement's sections' anchors (`who-we-are`, `retention`, …);
    /// - its `after`, when given, names one of the statement's sections or
    ///   an added section listed before it;
    /// - a section of kind `other` has a `title`;
    /// - each version (`versions`) takes effect no earlier than it is
    ///   published, no two versions share a date, and a pinned
    ///   `last_changed` is the newest version's date;
    /// - laid out `by_service`, each public activity of the organisation's
    ///   own is in exactly one of `services`, each service names only such
    ///   activities, and no service has the anchor of another section.
    ///
    /// ## Why
    /// The statement must be concise, transparent and easily accessible
    /// (Art. 12(1)): a section placed after one that does not exist would
    /// land where no reader looks for it, an untitled one cannot be found
    /// in the contents, and a version history that contradicts the "last
    /// changed" date leaves people unsure which text applies to them —
    /// the one they must be told of when it changes (Art. 13(3)).
    ///
    /// ## Example
    /// ```json
    /// "sections": [{ "id": "security", "kind": "security", "text": {…}, "after": "retension" }]
    /// ```
    ///
    /// ## How to fix
    /// Name the section to follow by its anchor (`ropa render statement`
    /// shows them), give `other` sections a title, and date versions as
    /// published.
    ///
    /// ## Reference
    /// - [§4, row V55](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V55 {
        title: "the statement's added sections and versions can be placed and dated",
        articles: "Art. 12(1), 13(3)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let file = FileRef::Organisation;
    let notice = &register.organisation.notice;
    let mut earlier: FxHashSet<&str> = FxHashSet::default();
    for (i, section) in notice.sections.iter().enumerate() {
        let at = format!("/notice/sections/{i}");
        let id = section.id.as_str();
        if STATEMENT_SECTIONS.contains(&id) || earlier.contains(id) {
            out.error(
                Rule::V55,
                &file,
                format!("{at}/id"),
                format!("the added section \"{id}\" has the anchor of another section of the statement"),
                "give it an id no other section has, e.g. \"security-measures\"",
            );
        }
        if let Some(after) = section.after.as_deref()
            && !STATEMENT_SECTIONS.contains(&after)
            && !earlier.contains(after)
        {
            let hint = match notice.sections.iter().skip(i + 1).any(|s| s.id.as_str() == after) {
                true => format!("\"{after}\" is added later in the list: list it before this one"),
                false => format!(
                    "name one of the statement's sections: {}",
                    STATEMENT_SECTIONS.join(", ")
                ),
            };
            out.error(
                Rule::V55,
                &file,
                format!("{at}/after"),
                format!("the added section \"{id}\" follows \"{after}\", which is no section before it"),
                hint,
            );
        }
        if section.kind == AddedSectionKind::Other && section.title.is_none() {
            out.error(
                Rule::V55,
                &file,
                at.clone(),
                format!("the added section \"{id}\" is of kind \"other\", and has no title"),
                "add \"title\" in each language, or choose the kind it is: security, children or cookies",
            );
        }
        earlier.insert(id);
    }
    let mut dates = FxHashSet::default();
    for (i, version) in notice.versions.iter().enumerate() {
        let at = format!("/notice/versions/{i}");
        if !dates.insert(version.date.as_str()) {
            out.error(
                Rule::V55,
                &file,
                format!("{at}/date"),
                format!("two versions are dated {}", version.date.as_str()),
                "give each published version its own date, or merge their summaries",
            );
        }
        if let Some(effective) = &version.effective_from
            && effective.as_str() < version.date.as_str()
        {
            out.error(
                Rule::V55,
                &file,
                format!("{at}/effective_from"),
                format!(
                    "the version of {} takes effect on {}, before it was published",
                    version.date.as_str(),
                    effective.as_str()
                ),
                "a version takes effect when it is published or later",
            );
        }
    }
    services(register, out);
    let newest = notice.versions.iter().map(|v| v.date.as_str()).max();
    if let (Some(pinned), Some(newest)) = (&notice.last_changed, newest)
        && pinned.as_str() != newest
    {
        out.error(
            Rule::V55,
            &file,
            "/notice/last_changed",
            format!(
                "the statement says it was last changed on {}, and its newest version is of {newest}",
                pinned.as_str()
            ),
            "remove \"last_changed\": the newest version gives it; or add the version of that date",
        );
    }
}

/// The statement laid out by service tells every public activity once.
fn services(register: &Register, out: &mut Findings) {
    let file = FileRef::Organisation;
    let notice = &register.organisation.notice;
    if notice.layout != Layout::ByService {
        if !notice.services.is_empty() {
            out.error(
                Rule::V55,
                &file,
                "/notice/services",
                "services are listed, and the statement is laid out by topic, so it does not tell them",
                "set \"layout\": \"by_service\", or remove \"services\"",
            );
        }
        return;
    }
    if notice.services.is_empty() {
        out.error(
            Rule::V55,
            &file,
            "/notice/layout",
            "the statement is laid out by service, and no services are listed",
            "add \"services\": each with its name and the public activities it consists of",
        );
        return;
    }
    let added: FxHashSet<&str> = notice.sections.iter().map(|s| s.id.as_str()).collect();
    let mut told: rustc_hash::FxHashMap<&crate::model::Id, usize> = Default::default();
    for (i, service) in notice.services.iter().enumerate() {
        let id = service.id.as_str();
        if STATEMENT_SECTIONS.contains(&id) || added.contains(id) {
            out.error(
                Rule::V55,
                &file,
                format!("/notice/services/{i}/id"),
                format!("the service \"{id}\" has the anchor of another section of the statement"),
                "give it an id no section has",
            );
        }
        for (j, activity) in service.activities.iter().enumerate() {
            let public = register
                .activities
                .get(activity)
                .is_some_and(|a| a.public && a.is_own());
            if !public {
                out.error(
                    Rule::V55,
                    &file,
                    format!("/notice/services/{i}/activities/{j}"),
                    format!("the service \"{id}\" names \"{activity}\", which is no public activity of the organisation's own"),
                    "name the public activities in activities/ the service consists of",
                );
            } else if let Some(other) = told.insert(activity, i) {
                out.error(
                    Rule::V55,
                    &file,
                    format!("/notice/services/{i}/activities/{j}"),
                    format!("\"{activity}\" is in the services \"{}\" and \"{id}\"; the statement would tell it twice", notice.services[other].id.as_str()),
                    "put each activity in one service",
                );
            }
        }
    }
    for (id, activity) in &register.activities {
        if activity.public && activity.is_own() && !told.contains_key(id) {
            out.error(
                Rule::V55,
                &file,
                "/notice/services",
                format!("the public activity \"{id}\" is in no service, and the statement laid out by service would not tell its purposes"),
                format!("add \"{id}\" to the service it belongs to"),
            );
        }
    }
}
