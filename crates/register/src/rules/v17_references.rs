//! V17: references between files resolve; catalogue entries nothing refers
//! to are reported as orphans.

use rustc_hash::{FxHashMap, FxHashSet};

use super::declare::rule;
use super::{Cause, Findings, Rule, activities};
use crate::model::Id;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every id an activity uses (its group `controller`, data subjects, data categories, recipients,
    /// transfer recipients, systems, the categories of its special-category
    /// conditions) exists in its catalogue or as a system file, and so do a
    /// recipient's `parent`, a system's `hosted_by` and inventory categories,
    /// and the activities of the statement's `activity_order`. A source's
    /// categories and subjects must also be among the activity's own, and a
    /// transfer's recipient among its recipients. Catalogue entries that no
    /// activity uses are warnings (orphans).
    ///
    /// ## Why
    /// Art. 30(1)(c)-(d) asks the record to describe the categories of data
    /// subjects, of personal data and of recipients per processing; a
    /// reference to nothing describes nothing, and the statement would leave
    /// it out. An orphan is usually a renamed or forgotten entry.
    ///
    /// ## Example
    /// ```json
    /// "data": [ { "category": "contact-detail" } ]
    /// ```
    /// when `categories.json` defines `contact-details`.
    ///
    /// ## How to fix
    /// Correct the id (the help suggests a near match and lists the known
    /// ids), or add the entry to its catalogue. Remove orphans, or add them
    /// to the activities that use them.
    ///
    /// ## Reference
    /// - [§4, row V17](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V17 {
        title: "references between files resolve",
        articles: "Art. 30(1)(c)-(d)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let categories = known(register.categories.categories.iter().map(|c| &c.id));
    let subjects = known(register.subjects.subjects.iter().map(|s| &s.id));
    let recipients = known(register.recipients.recipients.iter().map(|r| &r.id));
    let systems: FxHashSet<&Id> = register.systems.keys().collect();

    let mut used_categories = FxHashSet::default();
    let mut used_subjects = FxHashSet::default();
    let mut used_recipients = FxHashSet::default();

    let group = known(
        register
            .organisation
            .group_controllers
            .iter()
            .map(|g| &g.id),
    );

    for (file, _, activity) in activities(register) {
        if let Some(controller) = &activity.controller {
            resolve(
                out,
                &file,
                || "/controller".to_owned(),
                controller,
                &group,
                "group controller",
                "group_controllers of organisation.json",
            );
        }
        for (i, subject) in activity.subjects.iter().enumerate() {
            used_subjects.insert(subject);
            resolve(
                out,
                &file,
                || format!("/subjects/{i}"),
                subject,
                &subjects,
                "data subject category",
                "subjects.json",
            );
        }
        for (i, data) in activity.data.iter().enumerate() {
            used_categories.insert(&data.category);
            resolve(
                out,
                &file,
                || format!("/data/{i}/category"),
                &data.category,
                &categories,
                "data category",
                "categories.json",
            );
            let category = register
                .categories
                .categories
                .iter()
                .find(|c| c.id == data.category);
            for (j, item) in data.item_retention.iter().enumerate() {
                if let Some(category) = category
                    && category.item(&item.item).is_none()
                {
                    let cause = Cause::named(format!("item {} of category {}", item.item, category.id));
                    out.because(cause).error(
                        Rule::V17,
                        &file,
                        format!("/data/{i}/item_retention/{j}/item"),
                        format!("\"{}\" is no item of the category \"{}\"", item.item, category.id),
                        "use the id of one of its items in categories.json, or add the item there",
                    );
                }
            }
        }
        let declared: FxHashSet<&Id> = activity.data.iter().map(|d| &d.category).collect();
        let activity_subjects: FxHashSet<&Id> = activity.subjects.iter().collect();
        let activity_recipients: FxHashSet<&Id> = activity.recipients.iter().collect();
        for (i, source) in activity.sources.iter().enumerate() {
            for (j, category) in source.categories.iter().enumerate() {
                let pointer = format!("/sources/{i}/categories/{j}");
                if resolve(
                    out,
                    &file,
                    || pointer.clone(),
                    category,
                    &categories,
                    "data category",
                    "categories.json",
                ) && !declared.contains(category)
                {
                    out.error(
                        Rule::V17,
                        &file,
                        pointer,
                        format!("source {i} provides \"{category}\", which this activity's data does not list"),
                        format!("add {{\"category\": \"{category}\"}} to \"data\", or remove it from the source"),
                    );
                }
            }
        }
        for (i, source) in activity.sources.iter().enumerate() {
            for (j, subject) in source.subjects.iter().enumerate() {
                let pointer = format!("/sources/{i}/subjects/{j}");
                if resolve(
                    out,
                    &file,
                    || pointer.clone(),
                    subject,
                    &subjects,
                    "data subject category",
                    "subjects.json",
                ) && !activity_subjects.contains(subject)
                {
                    out.error(
                        Rule::V17,
                        &file,
                        pointer,
                        format!("source {i} concerns \"{subject}\", who is not among this activity's subjects"),
                        format!("add \"{subject}\" to \"subjects\""),
                    );
                }
            }
        }
        for (i, recipient) in activity.recipients.iter().enumerate() {
            used_recipients.insert(recipient);
            resolve(
                out,
                &file,
                || format!("/recipients/{i}"),
                recipient,
                &recipients,
                "recipient",
                "recipients.json",
            );
        }
        for (i, transfer) in activity.transfers.iter().enumerate() {
            used_recipients.insert(&transfer.recipient);
            let pointer = format!("/transfers/{i}/recipient");
            if resolve(
                out,
                &file,
                || pointer.clone(),
                &transfer.recipient,
                &recipients,
                "recipient",
                "recipients.json",
            ) && !activity_recipients.contains(&transfer.recipient)
            {
                out.error(
                    Rule::V17,
                    &file,
                    pointer,
                    format!("transfer {i} goes to \"{}\", which is not among this activity's recipients", transfer.recipient),
                    format!("add \"{}\" to \"recipients\"", transfer.recipient),
                );
            }
        }
        for (i, condition) in activity.special_category_conditions.iter().enumerate() {
            resolve(
                out,
                &file,
                || format!("/special_category_conditions/{i}/category"),
                &condition.category,
                &categories,
                "data category",
                "categories.json",
            );
        }
        for (i, system) in activity.systems.iter().enumerate() {
            if !systems.contains(system) {
                out.because(Cause::named(format!("system {system}"))).error(
                    Rule::V17,
                    &file,
                    format!("/systems/{i}"),
                    format!("system \"{system}\" does not exist"),
                    format!(
                        "create systems/{system}.json, or correct the id (known systems: {})",
                        list(systems.iter().copied())
                    ),
                );
            }
        }
    }

    for (i, recipient) in register.recipients.recipients.iter().enumerate() {
        if let Some(parent) = &recipient.parent {
            resolve(
                out,
                &FileRef::Recipients,
                || format!("/recipients/{i}/parent"),
                parent,
                &recipients,
                "recipient",
                "recipients.json",
            );
            used_recipients.insert(parent);
        }
    }
    for (id, system) in &register.systems {
        let file = FileRef::System(id.clone());
        if let Some(host) = &system.hosted_by {
            used_recipients.insert(host);
            resolve(
                out,
                &file,
                || "/hosted_by".to_owned(),
                host,
                &recipients,
                "recipient",
                "recipients.json",
            );
        }
        for (i, entry) in system.inventory.iter().enumerate() {
            if let Some(category) = &entry.category {
                resolve(
                    out,
                    &file,
                    || format!("/inventory/{i}/category"),
                    category,
                    &categories,
                    "data category",
                    "categories.json",
                );
            }
        }
    }

    for (i, id) in register
        .organisation
        .notice
        .activity_order
        .iter()
        .enumerate()
    {
        if !register.activities.contains_key(id) {
            out.error(
                Rule::V17,
                &FileRef::Organisation,
                format!("/notice/activity_order/{i}"),
                format!("activity \"{id}\" in the statement's order does not exist"),
                format!(
                    "name an activity file in activities/ (known: {})",
                    list(register.activities.keys())
                ),
            );
        }
    }

    orphans(
        out,
        &FileRef::Categories,
        "/categories",
        &categories,
        &used_categories,
        "data category",
    );
    orphans(
        out,
        &FileRef::Subjects,
        "/subjects",
        &subjects,
        &used_subjects,
        "data subject category",
    );
    orphans(
        out,
        &FileRef::Recipients,
        "/recipients",
        &recipients,
        &used_recipients,
        "recipient",
    );
}

/// A catalogue's ids and each one's index in it. Looked up once for every
/// reference in every activity, so hashed; listed in id order.
type Known<'a> = FxHashMap<&'a Id, usize>;

/// The ids of `known` in order.
fn sorted<'a>(known: &Known<'a>) -> Vec<(&'a Id, usize)> {
    let mut ids: Vec<(&Id, usize)> = known.iter().map(|(id, &i)| (*id, i)).collect();
    ids.sort_unstable();
    ids
}

/// Each id's index in its catalogue: the first entry of an id is the one
/// references resolve to (a second one is S03's business).
fn known<'a>(ids: impl Iterator<Item = &'a Id>) -> Known<'a> {
    let mut seen = Known::default();
    for (i, id) in ids.enumerate() {
        seen.entry(id).or_insert(i);
    }
    seen
}

fn resolve(
    out: &mut Findings,
    file: &FileRef,
    pointer: impl FnOnce() -> String,
    id: &Id,
    known: &Known,
    what: &str,
    where_: &str,
) -> bool {
    if known.contains_key(id) {
        return true;
    }
    // The id is missing once, wherever it is named.
    let cause = Cause::named(format!("{what} {id}"));
    if out.full(file) {
        // Not shown: counted only, and spared a search of the catalogue.
        out.because(cause).error(
            Rule::V17,
            file,
            pointer(),
            format!("{what} \"{id}\" does not exist in {where_}"),
            "",
        );
        return false;
    }
    let known = sorted(known);
    let suggestion = known
        .iter()
        .map(|(k, _)| k)
        .find(|k| {
            k.as_str().eq_ignore_ascii_case(id)
                || k.starts_with(id.as_str())
                || id.starts_with(k.as_str())
        })
        .map(|k| format!("did you mean \"{k}\"? "))
        .unwrap_or_default();
    out.because(cause).error(
        Rule::V17,
        file,
        pointer(),
        format!("{what} \"{id}\" does not exist in {where_}"),
        format!(
            "{suggestion}known ids: {}",
            list(known.iter().map(|(k, _)| *k))
        ),
    );
    false
}

fn orphans(
    out: &mut Findings,
    file: &FileRef,
    list: &str,
    known: &Known,
    used: &FxHashSet<&Id>,
    what: &str,
) {
    for (id, i) in sorted(known) {
        if !used.contains(id) {
            out.warning(
                Rule::V17,
                file,
                format!("{list}/{i}"),
                format!("{what} \"{id}\" is not used by any activity"),
                "remove it, or add it to the activities that use it",
            );
        }
    }
}

/// The first ids, for a help text: a catalogue may hold thousands.
fn list<'a>(ids: impl ExactSizeIterator<Item = &'a Id>) -> String {
    const SHOWN: usize = 20;
    let total = ids.len();
    let ids: Vec<&str> = ids.take(SHOWN).map(|id| id.as_str()).collect();
    match total {
        0 => "none".to_owned(),
        n if n <= SHOWN => ids.join(", "),
        n => format!("{}, … ({} more)", ids.join(", "), n - SHOWN),
    }
}
