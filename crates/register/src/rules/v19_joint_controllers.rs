//! V19: joint controllers come with their arrangement and its essence.

use super::declare::rule;
use super::{Findings, Rule, blank, text_missing};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every entry of `joint_controllers` in `organisation.json` has an
    /// `essence` of the arrangement (an error without it; V40 asks for it in
    /// every language), an `arrangement_ref` (a warning without it) and at
    /// least one contact channel (a warning without one).
    ///
    /// ## Why
    /// Joint controllers determine their respective responsibilities in an
    /// arrangement (Art. 26(1)), and the essence of that arrangement must be
    /// made available to the people concerned (Art. 26(2)): the statement is
    /// where ropa makes it available. People may exercise their rights
    /// against each of the controllers (Art. 26(3)), so each needs a way to
    /// be reached.
    ///
    /// ## Example
    /// ```json
    /// "joint_controllers": [ { "name": "Partner B.V.", "contact": [] } ]
    /// ```
    ///
    /// ## How to fix
    /// Add `"essence"` (who informs people, who handles their requests, what
    /// each party does), `"arrangement_ref"` (where the signed arrangement
    /// is kept) and `"contact"`.
    ///
    /// ## Reference
    /// - [§4, row V19](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: joint controllers](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V19 {
        title: "joint controllers have an arrangement and its essence",
        articles: "Art. 26",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let file = &FileRef::Organisation;
    for (i, joint) in register.organisation.joint_controllers.iter().enumerate() {
        let at = format!("/joint_controllers/{i}");
        if text_missing(&joint.essence) {
            out.error(
                Rule::V19,
                file,
                format!("{at}/essence"),
                format!("the essence of the arrangement with joint controller \"{}\" is not recorded, and the statement must make it available (Art. 26(2))", joint.name),
                "add \"essence\": what each controller does and who people can turn to, in every language of the statement",
            );
        }
        if blank(&joint.arrangement_ref) {
            out.warning(
                Rule::V19,
                file,
                format!("{at}/arrangement_ref"),
                format!("no reference to the arrangement with joint controller \"{}\" (Art. 26(1))", joint.name),
                "add \"arrangement_ref\": where the signed arrangement is kept",
            );
        }
        if joint.contact.is_empty() {
            out.warning(
                Rule::V19,
                file,
                format!("{at}/contact"),
                format!("joint controller \"{}\" has no contact channel, and people may exercise their rights against it (Art. 26(3))", joint.name),
                "add \"contact\" channels",
            );
        }
    }
}
