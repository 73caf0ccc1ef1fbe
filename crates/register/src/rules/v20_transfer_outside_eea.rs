//! V20: recipients outside the territory (the EEA, or the UK) have a transfer entry.

use rustc_hash::FxHashMap;

use super::declare::rule;
use super::{Cause, Findings, Rule, activities};
use crate::model::{Id, Recipient};
use crate::register::Register;

rule! {
    /// ## What it checks
    /// For every recipient of an activity, each country outside the EEA in
    /// the recipient's `countries` (remote access and sub-processors
    /// included) has a transfer entry in that activity for that recipient
    /// and country, or a worldwide one. Under the UK GDPR the territory is
    /// the UK; a controller under both laws (`also_under`) needs the entry
    /// under each, and an entry that names its law (`under`) covers that
    /// law only.
    ///
    /// ## Why
    /// Any transfer of personal data to a third country, onward transfers
    /// included, may only take place under the conditions of Chapter V (Art.
    /// 44). A recipient that processes data in the United States is such a
    /// transfer whether or not anyone wrote it down; the record must say on
    /// what it rests, and the statement must tell people.
    ///
    /// ## Example
    /// A recipient with `"countries": ["NL", "US"]` listed by an activity
    /// that has no `"transfers"` entry for it and `US`.
    ///
    /// ## How to fix
    /// Add `{ "recipient": "…", "country": "US", "mechanisms": [ … ] }` to
    /// the activity's `"transfers"`, or correct the recipient's countries.
    ///
    /// ## Reference
    /// - [§4, row V20](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.5: transfers](docs/gdpr-register-model.md#15-transfer-per-recipient--activity)
    V20 {
        title: "recipients outside the territory have a transfer entry",
        articles: "Art. 44",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let laws = register.organisation.jurisdictions();
    // Looked up for every recipient of every activity, so hashed; the
    // first entry of an id is the one that counts.
    let recipients: FxHashMap<&Id, &Recipient> = register
        .recipients
        .recipients
        .iter()
        .rev()
        .map(|r| (&r.id, r))
        .collect();
    for (file, _, activity) in activities(register) {
        let transfers = &activity.transfers;
        let mut first_at: FxHashMap<&Id, usize> = FxHashMap::default();
        for (i, r) in activity.recipients.iter().enumerate() {
            first_at.entry(r).or_insert(i);
        }
        for recipient_id in &activity.recipients {
            let Some(recipient) = recipients.get(recipient_id) else {
                continue;
            };
            // Under each law the controller is subject to, the countries
            // outside its territory.
            let outside = laws.iter().flat_map(|&home| {
                recipient
                    .countries
                    .iter()
                    .filter(move |c| !home.is_home(c.as_str()))
                    .map(move |c| (home, c))
            });
            for (home, country) in outside {
                // A transfer recorded as worldwide covers every country; one
                // judged under another law covers nothing under this one.
                let covered = transfers.iter().any(|t| {
                    &t.recipient == recipient_id
                        && t.country.covers(country)
                        && t.under.is_none_or(|under| under == home)
                });
                if !covered {
                    let at = first_at.get(recipient_id).copied().unwrap_or_default();
                    // One fact of recipients.json, and each activity that
                    // shares data with the recipient records its own transfer.
                    let cause = Cause::named(format!(
                        "recipient {recipient_id} in {country}, outside {}",
                        home.territory()
                    ));
                    out.because(cause).error(
                        Rule::V20,
                        &file,
                        format!("/recipients/{at}"),
                        format!("recipient \"{recipient_id}\" processes data in {country}, outside {}, and this activity records no transfer to {country}", home.territory()),
                        format!("add a transfer {{\"recipient\": \"{recipient_id}\", \"country\": \"{country}\", \"mechanisms\": […]}}"),
                    );
                }
            }
        }
    }
}
