//! V56: a category's Art. 9, 10 and 87 flags agree with its DPV kinds.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::{PdId, SpecialCategory};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// For each category in `categories.json`, the DPV kinds it and its
    /// items name (`dpv`) against its flags:
    /// - a special-category kind of Art. 9(1) (`pd:HealthRecord`, `pd:Ethnicity`,
    ///   `pd:Biometric` …) with `"special": "none"`;
    /// - a criminal-offence kind (`pd:CriminalConviction` …) with
    ///   `"criminal": false`;
    /// - a national identification number (`pd:NationalIdentificationNumber`
    ///   …) with `"national_id": false`.
    ///
    /// ## Why
    /// The flags decide what the law asks: an Art. 9(2) condition for
    /// special-category data (V10), the ground of Art. 10 for criminal data
    /// (V54), the conditions of Art. 87 for a national number, and what the
    /// statement tells people. A category that says it holds health data in
    /// its DPV kinds and is flagged as ordinary escapes all of them, and
    /// the statement stays silent on data it must name with its condition.
    ///
    /// ## Example
    /// ```json
    /// { "id": "background", "dpv": ["pd:Ethnicity"], "special": "none", … }
    /// ```
    ///
    /// ## How to fix
    /// Set the flag (`"special": "racial_or_ethnic_origin"`, `"criminal":
    /// true`, `"national_id": true`) and record what allows the processing;
    /// or, if the kind was chosen wrongly, name the ordinary kind it is.
    ///
    /// ## Reference
    /// - [§4, row V56](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V56 {
        title: "a category's Art. 9, 10 and 87 flags agree with its DPV kinds",
        articles: "Art. 9(1), 10, 87",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let file = FileRef::Categories;
    for (i, category) in register.categories.categories.iter().enumerate() {
        let own = category
            .dpv
            .iter()
            .enumerate()
            .map(|(j, id)| (format!("/categories/{i}/dpv/{j}"), id));
        let items = category.items.iter().enumerate().filter_map(|(j, item)| {
            let id: &PdId = item.dpv.as_ref()?;
            Some((format!("/categories/{i}/items/{j}/dpv"), id))
        });
        for (at, id) in own.chain(items) {
            let pd = id.as_str();
            if category.special == SpecialCategory::None
                && let Some(kind) = ropa_law::dpv::special_category(pd)
            {
                out.error(
                    Rule::V56,
                    &file,
                    at.clone(),
                    format!("\"{}\" holds {pd}, which is {} (Art. 9(1)), and is flagged \"special\": \"none\"", category.id, kind.name()),
                    format!("set \"special\": \"{}\" and record its Art. 9(2) condition in the activities that use it", kind.value()),
                );
            }
            if !category.criminal && ropa_law::dpv::is_criminal(pd) {
                out.error(
                    Rule::V56,
                    &file,
                    at.clone(),
                    format!("\"{}\" holds {pd}, which is data on criminal convictions and offences (Art. 10), and is flagged \"criminal\": false", category.id),
                    "set \"criminal\": true and record its ground (\"criminal_data\") in the activities that use it",
                );
            }
            if !category.national_id && ropa_law::dpv::is_national_id(pd) {
                out.error(
                    Rule::V56,
                    &file,
                    at,
                    format!("\"{}\" holds {pd}, a national identification number (Art. 87), and is flagged \"national_id\": false", category.id),
                    "set \"national_id\": true",
                );
            }
        }
    }
}
