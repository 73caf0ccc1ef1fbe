//! V57: each company of the group named as a controller can be reached and
//! is the controller for something.

use rustc_hash::FxHashSet;

use super::declare::rule;
use super::{Findings, Rule, activities};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Each entry of `group_controllers` in `organisation.json` has an id no
    /// other entry has, a name other than the register's `controller`, at
    /// least one contact channel, and at least one activity naming it as its
    /// `controller` (a warning otherwise: it would be told as a controller of
    /// nothing).
    ///
    /// ## Why
    /// People must be told the identity and contact details of the
    /// controller of each processing (Art. 13(1)(a), 14(1)(a)). In a group
    /// whose companies each decide for their own customers or services, that
    /// is a different company for different processing, and each one keeps
    /// the record of its own (Art. 30(1)(a)). A company listed with no
    /// processing, or without a way to reach it, tells people nothing they
    /// can use.
    ///
    /// ## Example
    /// ```json
    /// "group_controllers": [ { "id": "eu", "name": "Acme Europe B.V.",
    ///   "address": { … }, "contact": [] } ]
    /// ```
    /// with no activity whose `"controller"` is `"eu"`.
    ///
    /// ## How to fix
    /// Add the company's contact channels, and set `"controller": "eu"` on
    /// the activities it decides on; remove a company that decides on none.
    /// Companies that decide together are joint controllers
    /// (`joint_controllers`, Art. 26), not group controllers.
    ///
    /// ## Reference
    /// - [§4, row V57](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V57 {
        title: "each group company named as controller can be reached and controls something",
        articles: "Art. 13(1)(a), 14(1)(a), 30(1)(a)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let org = &register.organisation;
    let named: FxHashSet<&str> = activities(register)
        .filter_map(|(_, _, a)| a.controller.as_ref().map(|c| c.as_str()))
        .collect();
    let mut seen = FxHashSet::default();
    for (i, group) in org.group_controllers.iter().enumerate() {
        let at = format!("/group_controllers/{i}");
        if !seen.insert(group.id.as_str()) {
            out.error(
                Rule::V57,
                &FileRef::Organisation,
                format!("{at}/id"),
                format!("group controller id \"{}\" is used twice", group.id),
                "give each company of the group its own id",
            );
        }
        if group.name.trim() == org.controller.name.trim() {
            out.error(
                Rule::V57,
                &FileRef::Organisation,
                format!("{at}/name"),
                format!(
                    "group controller \"{}\" is the register's own controller",
                    group.name
                ),
                "remove the entry: activities without \"controller\" are the register's controller's",
            );
        }
        if group.contact.is_empty() {
            out.error(
                Rule::V57,
                &FileRef::Organisation,
                format!("{at}/contact"),
                format!("group controller \"{}\" has no contact channel", group.name),
                "add at least one channel, e.g. {\"kind\": \"email\", \"value\": \"privacy@example.eu\"}",
            );
        }
        if !named.contains(group.id.as_str()) {
            out.warning(
                Rule::V57,
                &FileRef::Organisation,
                at,
                format!(
                    "no activity names group controller \"{}\" as its controller",
                    group.id
                ),
                format!(
                    "set \"controller\": \"{}\" on the activities {} decides on, or remove the entry",
                    group.id, group.name
                ),
            );
        }
    }
}
