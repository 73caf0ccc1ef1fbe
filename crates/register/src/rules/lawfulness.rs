//! Lawfulness: purposes and their legal bases (V01-V05), special categories
//! and their Art. 9(2) conditions (V10, V11).

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Findings, Rule, activities};
use crate::model::{Basis, Category, Id, SpecialCategory, Text};
use crate::register::Register;

pub(super) fn check(register: &Register, out: &mut Findings) {
    let public_authority = register.organisation.public_authority;
    // Looked up for every data entry of every activity, so hashed.
    let categories: FxHashMap<&Id, &Category> = register
        .categories
        .categories
        .iter()
        .rev()
        .map(|c| (&c.id, c))
        .collect();
    for (file, _, activity) in activities(register) {
        if activity.purposes.is_empty() {
            out.error(
                Rule::V01,
                &file,
                "/purposes",
                "the activity has no purpose",
                "add at least one specific, explicit purpose with its legal basis",
            );
        }
        let mut uses_consent = false;
        let mut consent_at = String::new();
        for (i, purpose) in activity.purposes.iter().enumerate() {
            let at = format!("/purposes/{i}");
            if purpose.legal_bases.is_empty() {
                out.error(
                    Rule::V01,
                    &file,
                    format!("{at}/legal_bases"),
                    format!("purpose \"{}\" has no legal basis", purpose.id),
                    "add the Art. 6(1) basis this purpose rests on, e.g. {\"basis\": \"contract\"}",
                );
            }
            for (j, basis) in purpose.legal_bases.iter().enumerate() {
                let at = format!("{at}/legal_bases/{j}");
                match basis.basis {
                    Basis::LegalObligation | Basis::PublicTask if blank(&basis.legal_reference) => out.error(
                        Rule::V02,
                        &file,
                        at,
                        format!("purpose \"{}\" rests on {} without naming the law", purpose.id, basis.basis.article()),
                        "add \"legal_reference\": the statute and article that lays down the obligation or task",
                    ),
                    Basis::LegitimateInterests => {
                        if text_missing(&basis.legitimate_interest) {
                            out.error(
                                Rule::V03,
                                &file,
                                at.clone(),
                                format!("purpose \"{}\" rests on legitimate interests without saying which interest", purpose.id),
                                "add \"legitimate_interest\": whose interest, and what it is, in every published language",
                            );
                        }
                        if blank(&basis.lia_ref) {
                            out.warning(
                                Rule::V03,
                                &file,
                                at.clone(),
                                format!("purpose \"{}\" rests on legitimate interests with no assessment on record", purpose.id),
                                "add \"lia_ref\": where the legitimate interests assessment (balancing test) is kept",
                            );
                        }
                        if public_authority {
                            out.error(
                                Rule::V04,
                                &file,
                                at,
                                format!("purpose \"{}\" rests on legitimate interests, which a public authority cannot use for its tasks", purpose.id),
                                "use public task (with \"legal_reference\") instead",
                            );
                        }
                    }
                    Basis::Consent => {
                        if !uses_consent {
                            consent_at = at.clone();
                        }
                        uses_consent = true;
                    }
                    _ => {}
                }
            }
        }
        if uses_consent {
            match &activity.consent {
                None => out.error(
                    Rule::V05,
                    &file,
                    consent_at.clone(),
                    "a purpose rests on consent, but the activity records no consent details",
                    "add \"consent\" with \"withdrawal_channels\" and \"proof_location\"",
                ),
                Some(consent) => {
                    if consent.withdrawal_channels.is_empty() {
                        out.error(
                            Rule::V05,
                            &file,
                            "/consent/withdrawal_channels",
                            "consent can be given, but no channel to withdraw it is recorded",
                            "add a channel at least as easy as the one used to give consent (Art. 7(3))",
                        );
                    }
                    if blank(&consent.proof_location) {
                        out.error(
                            Rule::V05,
                            &file,
                            "/consent",
                            "where proof of consent is kept is not recorded",
                            "add \"proof_location\": the system or file that holds who consented to what, and when",
                        );
                    }
                }
            }
        }

        let conditions: FxHashSet<&Id> = activity
            .special_category_conditions
            .iter()
            .map(|c| &c.category)
            .collect();
        for (i, data) in activity.data.iter().enumerate() {
            let Some(category) = categories.get(&data.category) else {
                continue;
            };
            if category.special == SpecialCategory::None {
                continue;
            }
            if !conditions.contains(&data.category) {
                out.error(
                    Rule::V10,
                    &file,
                    format!("/data/{i}"),
                    format!("\"{}\" is special-category data, and no Art. 9(2) condition is recorded for it", data.category),
                    format!("add {{\"category\": \"{}\", \"condition\": \"a\"…\"j\"}} to \"special_category_conditions\"", data.category),
                );
            }
        }
        for (i, condition) in activity.special_category_conditions.iter().enumerate() {
            let at = format!("/special_category_conditions/{i}");
            if matches!(condition.condition.as_str(), "b" | "g" | "h" | "i" | "j")
                && blank(&condition.legal_reference)
            {
                out.error(
                    Rule::V11,
                    &file,
                    at.clone(),
                    format!(
                        "Art. 9(2)({}) needs the Union or Member State law it relies on",
                        condition.condition
                    ),
                    "add \"legal_reference\", e.g. the UAVG article",
                );
            }
            if condition.condition == "h" && blank(&condition.professional_secrecy) {
                out.error(
                    Rule::V11,
                    &file,
                    at,
                    "Art. 9(2)(h) needs a professional bound by a duty of secrecy",
                    "add \"professional_secrecy\": who processes the data under a duty of secrecy",
                );
            }
        }
    }
}

pub(super) fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// A public text that is absent altogether (a missing translation is V40's business).
pub(super) fn text_missing(text: &Option<Text>) -> bool {
    text.as_ref()
        .is_none_or(|t| t.nl.is_none() && t.en.is_none())
}
