//! V32: data from elsewhere names its source and categories.

use super::declare::rule;
use super::{Findings, Rule, own_activities, text_missing};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// Each source of an activity that is not the person themselves (a third
    /// party, a public source, another person) has a description and the
    /// data categories it provides, unless the activity records an Art.
    /// 14(5) `information_exemption`. A public activity with data must say
    /// where its data comes from at all.
    ///
    /// ## Why
    /// When data is not obtained from the person, the statement must give
    /// the categories of data concerned (Art. 14(1)(d)) and the source,
    /// including whether it is publicly accessible (Art. 14(2)(f)). Only the
    /// exemptions of Art. 14(5), recorded with their reason, lift this.
    ///
    /// ## Example
    /// ```json
    /// "sources": [ { "kind": "third_party", "description": { … }, "categories": [] } ]
    /// ```
    ///
    /// ## How to fix
    /// Describe the source (name or type, public or not) and list the
    /// categories it provides, or record an `"information_exemption"`.
    ///
    /// ## Reference
    /// - [§4, row V32](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: Art. 14 sources](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V32 {
        title: "data from elsewhere names its source and categories",
        articles: "Art. 14(1)(d), 14(2)(f), 14(5)",
        severity: Error,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (file, _, activity) in own_activities(register) {
        if activity.information_exemption.is_none() {
            for (i, source) in activity.sources.iter().enumerate() {
                if source.kind.is_direct() {
                    continue;
                }
                if source.categories.is_empty() || text_missing(&Some(source.description.clone())) {
                    out.error(
                        Rule::V32,
                        &file,
                        format!("/sources/{i}"),
                        "data comes from someone other than the person it is about, and the source or the categories it provides are not recorded",
                        "describe the source (name or type, public or not) and list the categories it provides, or record an Art. 14(5) \"information_exemption\"",
                    );
                }
            }
        }
        if activity.sources.is_empty() && activity.public && !activity.data.is_empty() {
            out.error(
                Rule::V32,
                &file,
                "/sources",
                "the activity does not say where its data comes from",
                "add \"sources\": from the person themselves, observed, from another person, a third party or a public source",
            );
        }
    }
}
