//! V42: security measures are described.

use super::declare::rule;
use super::{Cause, Findings, Rule, activities};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Technical and organisational security measures are described, for the
    /// organisation as a whole (`security_measures` in `organisation.json`)
    /// or per activity. One warning when nothing at all is described;
    /// otherwise, when there are no organisation-wide measures, one per
    /// activity that describes none, shown together at `organisation.json`'s
    /// `security_measures`, where one list covers them all.
    ///
    /// ## Why
    /// The record must contain, where possible, a general description of the
    /// technical and organisational security measures of Art. 32(1) (Art.
    /// 30(1)(g)). Without it the register cannot show how the data it lists
    /// is protected.
    ///
    /// ## Example
    /// An `organisation.json` with `"security_measures": []` and activities
    /// that describe none either.
    ///
    /// ## How to fix
    /// Describe the measures in `organisation.json` `"security_measures"`
    /// (they apply to every activity), and per activity where they differ.
    ///
    /// ## Reference
    /// - [§4, row V42](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V42 {
        title: "security measures are described",
        articles: "Art. 30(1)(g), 32",
        severity: Warning,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let global_measures = !register.organisation.security_measures.is_empty();
    if global_measures {
        return;
    }
    let any_activity_measures = register
        .activities
        .values()
        .any(|a| !a.security_measures.is_empty());
    if !any_activity_measures {
        out.warning(
            Rule::V42,
            &FileRef::Organisation,
            "/security_measures",
            "no security measures are described, for the organisation or for any activity",
            "describe the technical and organisational measures in \"security_measures\" (they apply to every activity), and per activity where they differ",
        );
        return;
    }
    for (file, _, activity) in activities(register) {
        if activity.security_measures.is_empty() {
            // The organisation's measures would cover every one of them.
            let cause = Cause::fixed_at(
                "no security measures for the organisation",
                FileRef::Organisation,
                "/security_measures",
            );
            out.because(cause).warning(
                Rule::V42,
                &file,
                "",
                "no security measures are described for the organisation as a whole, nor for the activity",
                "describe the measures in organisation.json \"security_measures\" (for all activities) or in each activity",
            );
        }
    }
}
