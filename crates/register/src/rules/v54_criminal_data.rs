//! V54: criminal-offence data rests on official authority or a law.


use super::declare::rule;
use super::{Cause, Findings, Rule, own_activities};
use crate::model::{CriminalDataGround, law_missing};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// An activity that uses a category `categories.json` marks as
    /// `"criminal": true` records in `criminal_data` what allows it: the
    /// control of official authority, or a Union or Member State law
    /// (`authorised_by_law`, with its `legal_reference`). An activity that
    /// uses no such category gives no `criminal_data`.
    ///
    /// ## Why
    /// Personal data relating to criminal convictions and offences may be
    /// processed only under the control of official authority or when
    /// authorised by Union or Member State law providing appropriate
    /// safeguards (Art. 10), in addition to an Art. 6 basis. The statement
    /// tells people which of the two applies; without it the processing is
    /// unlawful, so this cannot be acknowledged as a known gap.
    ///
    /// ## Example
    /// A screening activity listing `{ "category": "criminal-record" }`,
    /// where that category is `"criminal": true`, and no `criminal_data`.
    ///
    /// ## How to fix
    /// Add `"criminal_data": { "ground": "authorised_by_law",
    /// "legal_reference": "art. 28 Wet justitiële en strafvorderlijke
    /// gegevens" }`, or `{ "ground": "official_authority" }` for a public
    /// body acting under it.
    ///
    /// ## Reference
    /// - [§4, row V54](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V54 {
        title: "criminal-offence data rests on official authority or a law",
        articles: "Art. 10",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let categories = register.categories_by_id();
    for (file, _, activity) in own_activities(register) {
        let criminal = activity
            .data
            .iter()
            .position(|d| categories.get(&d.category).is_some_and(|c| c.criminal));
        match (criminal, &activity.criminal_data) {
            // A fact of categories.json; each activity that uses the
            // category records its own ground.
            (Some(i), None) => out.because(Cause::named(format!("category {}", activity.data[i].category))).error(
                Rule::V54,
                &file,
                format!("/data/{i}"),
                format!("\"{}\" is data on criminal convictions and offences, and what allows processing it is not recorded", activity.data[i].category),
                "add \"criminal_data\": {\"ground\": \"authorised_by_law\", \"legal_reference\": …} or {\"ground\": \"official_authority\"}",
            ),
            (Some(_), Some(ground))
                if ground.ground == CriminalDataGround::AuthorisedByLaw
                    && law_missing(&ground.legal_reference) =>
            {
                out.error(
                    Rule::V54,
                    &file,
                    "/criminal_data",
                    "criminal-offence data is processed as authorised by law, and the law is not named",
                    "add \"legal_reference\": the law and article that authorise it",
                )
            }
            (None, Some(_)) => out.error(
                Rule::V54,
                &file,
                "/criminal_data",
                "\"criminal_data\" is given, and the activity uses no category marked \"criminal\"",
                "remove it, or mark the category of criminal-offence data \"criminal\": true in categories.json",
            ),
            _ => {}
        }
    }
}
