//! V53: a category's data items say what they are and where they come from.

use rustc_hash::FxHashSet;

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::Origin;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// The `items` of each category in `categories.json`:
    /// - a category lists what it holds once: as `items` or as the free
    ///   text `examples`, not both;
    /// - item ids are unique within their category;
    /// - an item's `dpv` is one of the kinds its category covers (the
    ///   category's `dpv` list);
    /// - an `obtained` item names or describes its `source`, and only an
    ///   obtained item has one;
    /// - a `provision` is given only for an item the person provides, with
    ///   the consequence of not providing it unless it is voluntary.
    ///
    /// ## Why
    /// The statement tells people which personal data is processed (Art.
    /// 13(1), 14(1)(d)), where data not obtained from them comes from (Art.
    /// 14(2)(f)), and whether they must provide it and what happens if they
    /// do not (Art. 13(2)(e)). Items are those facts at the level people
    /// recognise ("IP address", "date of birth"); an item that contradicts
    /// its category, or a source on an item people give themselves, would
    /// be told wrongly or not at all. Scan findings map onto categories
    /// through the DPV kinds, so an item's kind must be its category's.
    ///
    /// ## Example
    /// ```json
    /// { "id": "credit-score", "label": {…}, "dpv": "pd:CreditScore", "origin": "obtained" }
    /// ```
    /// with no `source`.
    ///
    /// ## How to fix
    /// Add `"source": {"en": "the credit agency Experian", …}`; add the
    /// item's kind to the category's `dpv`; move the free-text `examples`
    /// into `items`.
    ///
    /// ## Reference
    /// - [§4, row V53](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V53 {
        title: "data items say what they are and where they come from",
        articles: "Art. 13(1), 13(2)(e), 14(1)(d), 14(2)(f)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let file = FileRef::Categories;
    let form_fields = register.organisation.notice.form_fields.is_some();
    for (i, category) in register.categories.categories.iter().enumerate() {
        if category.items.is_empty() {
            continue;
        }
        let at = format!("/categories/{i}");
        if category.examples.is_some() {
            out.error(
                Rule::V53,
                &file,
                format!("{at}/examples"),
                format!("\"{}\" gives both \"items\" and \"examples\"; the statement would list its data twice", category.id),
                "move what \"examples\" says into \"items\" and remove it",
            );
        }
        let mut seen = FxHashSet::default();
        for (j, item) in category.items.iter().enumerate() {
            let at = format!("{at}/items/{j}");
            if !seen.insert(&item.id) {
                out.error(
                    Rule::V53,
                    &file,
                    format!("{at}/id"),
                    format!("\"{}\" has two items \"{}\"", category.id, item.id),
                    "give each item of a category its own id",
                );
            }
            if let Some(dpv) = &item.dpv
                && !category.dpv.contains(dpv)
            {
                out.error(
                    Rule::V53,
                    &file,
                    format!("{at}/dpv"),
                    format!("the item \"{}\" is {dpv}, which its category \"{}\" does not cover", item.id, category.id),
                    format!("add \"{dpv}\" to the category's \"dpv\", or move the item to the category it belongs to"),
                );
            }
            match (item.origin, &item.source) {
                (Origin::Obtained, None) => out.error(
                    Rule::V53,
                    &file,
                    at.clone(),
                    format!("the item \"{}\" is obtained from others, and its source is not named", item.id),
                    "add \"source\": who it comes from, named or described, e.g. \"the credit agency Experian\"",
                ),
                (Origin::Provided | Origin::Observed | Origin::Derived, Some(_)) => out.error(
                    Rule::V53,
                    &file,
                    format!("{at}/source"),
                    format!("the item \"{}\" has a \"source\", and is not obtained from others; the statement would not tell it", item.id),
                    "set \"origin\": \"obtained\", or remove \"source\"",
                ),
                _ => {}
            }
            if let Some(provision) = &item.provision {
                if item.origin != Origin::Provided {
                    out.error(
                        Rule::V53,
                        &file,
                        format!("{at}/provision"),
                        format!("the item \"{}\" is not provided by the person, and says whether they must provide it", item.id),
                        "remove \"provision\", or set \"origin\": \"provided\"",
                    );
                } else {
                    if !provision.consequence_known(form_fields) {
                        out.error(
                            Rule::V53,
                            &file,
                            format!("{at}/provision"),
                            format!("the item \"{}\" must be provided, and the consequence of not providing it is not recorded", item.id),
                            "add \"consequence\", e.g. \"without it we cannot deliver your order\"",
                        );
                    }
                }
            }
        }
    }
}
