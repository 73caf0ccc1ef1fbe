//! V49: DPV personal-data ids are concepts of the vocabulary.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::PdId;
use crate::register::{FileRef, Register};
use crate::schema_errors::closest;

rule! {
    /// ## What it checks
    /// Every DPV personal-data id in the register is a concept of the `pd:`
    /// vocabulary as ropa knows it: the `dpv` list of each category and of
    /// each of its items in `categories.json`, and the `dpv` of each `inventory` entry of a
    /// system. A misspelt id is named with the known id nearest to it.
    ///
    /// ## Why
    /// The ids say which personal data a category covers (Art. 30(1)(c)), and
    /// ropa reads the law from them: whether the data is a special category
    /// (Art. 9(1)), about criminal offences (Art. 10) or a national
    /// identification number (Art. 87). Scan findings are matched to the
    /// categories through the same ids. An id that is no concept, such as
    /// `pd:Usernmae`, means nothing: findings of `pd:Username` match no
    /// category and are reported as undeclared data, and a misspelt
    /// `pd:Helth` hides that the category is health data. Integrity, not a
    /// gap a DPO can plan to close: it cannot be acknowledged.
    ///
    /// ## Example
    /// ```json
    /// { "id": "account", "label": { "nl": "Account", "en": "Account" },
    ///   "dpv": ["pd:Usernmae", "pd:Password"], … }
    /// ```
    ///
    /// ## How to fix
    /// Use the id the help suggests, or another concept of the DPV `pd:`
    /// vocabulary (`ropa_law::dpv::VOCABULARY` lists those ropa knows, by
    /// their local names).
    ///
    /// ## Reference
    /// - [§4, row V49](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§3: DPV identifiers](docs/gdpr-register-model.md#3-w3c-data-privacy-vocabulary-dpv-identifiers)
    V49 {
        title: "DPV personal-data ids are concepts of the vocabulary",
        articles: "Art. 30(1)(c), 9(1), 10, 87",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (i, category) in register.categories.categories.iter().enumerate() {
        for (j, id) in category.dpv.iter().enumerate() {
            unknown(
                out,
                &FileRef::Categories,
                format!("/categories/{i}/dpv/{j}"),
                id,
                || format!("category \"{}\"", category.id),
            );
        }
        for (j, item) in category.items.iter().enumerate() {
            if let Some(id) = &item.dpv {
                unknown(
                    out,
                    &FileRef::Categories,
                    format!("/categories/{i}/items/{j}/dpv"),
                    id,
                    || format!("item \"{}\" of category \"{}\"", item.id, category.id),
                );
            }
        }
    }
    for (system_id, system) in &register.systems {
        let file = FileRef::System(system_id.clone());
        for (i, entry) in system.inventory.iter().enumerate() {
            unknown(
                out,
                &file,
                format!("/inventory/{i}/dpv"),
                &entry.dpv,
                || format!("the inventory entry \"{}\"", entry.location),
            );
        }
    }
}

/// Reports `id` when it is no concept of the vocabulary.
fn unknown(
    out: &mut Findings,
    file: &FileRef,
    pointer: String,
    id: &PdId,
    whose: impl FnOnce() -> String,
) {
    if ropa_law::dpv::is_known(id) {
        return;
    }
    if out.full(file) {
        // Counted, not shown: spare the search for the nearest id.
        out.error(Rule::V49, file, pointer, "", "");
        return;
    }
    let local = id.strip_prefix("pd:").unwrap_or(id);
    let names = ropa_law::dpv::VOCABULARY.iter().map(|(name, _)| *name);
    let help = match closest(local, names) {
        Some(near) => format!("did you mean \"pd:{near}\"? Use a concept of the DPV pd: vocabulary"),
        None => "use a concept of the DPV pd: vocabulary, e.g. \"pd:EmailAddress\", \"pd:Name\"".to_owned(),
    };
    out.error(
        Rule::V49,
        file,
        pointer,
        format!(
            "{} names \"{id}\", which is no DPV personal-data concept ropa knows",
            whose()
        ),
        help,
    );
}
