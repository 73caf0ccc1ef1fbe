//! V10: special categories have an Art. 9(2) condition.

use rustc_hash::FxHashSet;

use super::declare::rule;
use super::{Cause, Findings, Rule, own_activities};
use crate::model::{Id, SpecialCategory};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// For every data category of an activity that `categories.json` marks
    /// as special (`"special"` other than `"none"`), the activity's
    /// `special_category_conditions` name an Art. 9(2) condition.
    ///
    /// ## Why
    /// Processing health, religious, biometric and the other data of Art.
    /// 9(1) is prohibited unless one of the conditions of Art. 9(2) applies,
    /// in addition to an Art. 6 basis. Without one the processing is
    /// unlawful, so this cannot be acknowledged as a known gap.
    ///
    /// ## Example
    /// An activity listing `{ "category": "dietary-needs" }`, where
    /// `dietary-needs` is `"special": "health"`, and no condition for it.
    ///
    /// ## How to fix
    /// Add `{ "category": "dietary-needs", "condition": "a" }` (explicit
    /// consent, or the point of Art. 9(2) that applies) to
    /// `special_category_conditions`, or stop processing the data.
    ///
    /// ## Reference
    /// - [§4, row V10](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.8: the Art. 9(2) conditions](docs/gdpr-register-model.md#18-art-92-conditions-enumeration)
    V10 {
        title: "special categories have an Art. 9(2) condition",
        articles: "Art. 6, 9(1)-(2)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let categories = register.categories_by_id();
    for (file, _, activity) in own_activities(register) {
        let conditions: FxHashSet<&Id> = activity
            .special_category_conditions
            .iter()
            .map(|c| &c.category)
            .collect();
        for (i, data) in activity.data.iter().enumerate() {
            let Some(category) = categories.get(&data.category) else {
                continue;
            };
            if category.special != SpecialCategory::None && !conditions.contains(&data.category) {
                // A fact of categories.json; each activity that uses the
                // category records its own condition.
                out.because(Cause::named(format!("category {}", data.category))).error(
                    Rule::V10,
                    &file,
                    format!("/data/{i}"),
                    format!("\"{}\" is special-category data, and no Art. 9(2) condition is recorded for it", data.category),
                    format!("add {{\"category\": \"{}\", \"condition\": \"a\"…\"j\"}} to \"special_category_conditions\"", data.category),
                );
            }
        }
    }
}
