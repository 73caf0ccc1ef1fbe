//! The ground truth: where personal data sits in the example systems, as one
//! static table, [`TRUTH`], written out as `ground-truth.json` (and as the
//! tables of the generated `README.md`). Every column and field is
//! classified, exactly once per `pd:` id; the scanners' precision and recall
//! are measured against it.

use serde_json::{Map, Value, json};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    /// Personal data a scanner should report, of a kind its column-name hints
    /// or value detectors know.
    Personal,
    /// Personal data only in context: the row belongs to a person, but
    /// neither the column's name nor its values say so. A scanner need not
    /// report it; a finding here is not a false positive.
    Contextual,
    /// Not personal data; a finding here is a false positive.
    NonPersonal,
}

/// One classified location.
pub(crate) struct Truth {
    pub(crate) system: &'static str,
    /// `table.column`, or `file#field` (a CSV header or a JSON pointer with
    /// `*` for every array element).
    pub(crate) location: &'static str,
    pub(crate) tier: Tier,
    /// The DPV `pd:` id; empty for non-personal locations.
    pub(crate) pd: &'static str,
    /// The register category (categories.json) it belongs to; `None` when the
    /// published statement declares no category for it.
    pub(crate) category: Option<&'static str>,
    pub(crate) note: &'static str,
}

const fn p(
    system: &'static str,
    location: &'static str,
    pd: &'static str,
    category: Option<&'static str>,
    note: &'static str,
) -> Truth {
    Truth {
        system,
        location,
        tier: Tier::Personal,
        pd,
        category,
        note,
    }
}

const fn c(
    system: &'static str,
    location: &'static str,
    pd: &'static str,
    category: Option<&'static str>,
    note: &'static str,
) -> Truth {
    Truth {
        system,
        location,
        tier: Tier::Contextual,
        pd,
        category,
        note,
    }
}

const fn n(system: &'static str, location: &'static str, note: &'static str) -> Truth {
    Truth {
        system,
        location,
        tier: Tier::NonPersonal,
        pd: "",
        category: None,
        note,
    }
}

pub(crate) const W: &str = "webshop";
pub(crate) const X: &str = "exports";
const PERSONALIA: Option<&str> = Some("personalia");
const BEDRIJF: Option<&str> = Some("bedrijfsgegevens");
const ACCOUNT: Option<&str> = Some("accountgegevens");
const AANKOOP: Option<&str> = Some("aankoopgegevens");
const MARKETING: Option<&str> = Some("marketingvoorkeuren");
const DEELNAME: Option<&str> = Some("deelnamegedrag");
const INTERACTIE: Option<&str> = Some("interactiegegevens");

/// Where personal data sits in the example systems.
#[rustfmt::skip]
pub(crate) const TRUTH: &[Truth] = &[
    // customers
    n(W, "customers.id", "key"),
    p(W, "customers.first_name", "pd:Name", PERSONALIA, ""),
    p(W, "customers.last_name", "pd:Name", PERSONALIA, "with the tussenvoegsel (`van der Meer`)"),
    p(W, "customers.street", "pd:PhysicalAddress", PERSONALIA, ""),
    p(W, "customers.house_number", "pd:PhysicalAddress", PERSONALIA, "text: `12`, `12a`, `12-II`"),
    p(W, "customers.postcode", "pd:PhysicalAddress", PERSONALIA, "`1234 AB` or `1234AB`"),
    p(W, "customers.city", "pd:PhysicalAddress", PERSONALIA, ""),
    c(W, "customers.country", "pd:PhysicalAddress", PERSONALIA, "part of the address, but a country alone singles no one out"),
    p(W, "customers.email", "pd:EmailAddress", PERSONALIA, ""),
    p(W, "customers.phone", "pd:TelephoneNumber", PERSONALIA, "`06-12345678`, `023-1234567`"),
    n(W, "customers.created_at", "when the customer record was created"),
    // business_customers
    n(W, "business_customers.id", "key"),
    c(W, "business_customers.company_name", "pd:Name", BEDRIJF, "a sole trader's trade name often carries the owner's name (`Klusbedrijf De Vries`)"),
    p(W, "business_customers.kvk_number", "pd:Identifier", BEDRIJF, "8 digits; identifies a sole trader"),
    c(W, "business_customers.vat_number", "pd:Identifier", BEDRIJF, "identifies a sole trader; some are empty"),
    p(W, "business_customers.postal_address", "pd:PhysicalAddress", BEDRIJF, "street and number, or `Postbus 1234`"),
    p(W, "business_customers.postal_code", "pd:PhysicalAddress", BEDRIJF, ""),
    p(W, "business_customers.city", "pd:PhysicalAddress", BEDRIJF, ""),
    p(W, "business_customers.contact_person_name", "pd:Name", PERSONALIA, ""),
    p(W, "business_customers.contact_email", "pd:EmailAddress", PERSONALIA, ""),
    p(W, "business_customers.contact_phone", "pd:TelephoneNumber", PERSONALIA, ""),
    // accounts
    n(W, "accounts.id", "key"),
    n(W, "accounts.customer_id", "key"),
    p(W, "accounts.username", "pd:Username", ACCOUNT, ""),
    p(W, "accounts.password_hash", "pd:Password", ACCOUNT, "bcrypt-shaped (`$2b$12$…`), not real hashes"),
    c(W, "accounts.last_login_at", "pd:ServiceConsumptionBehaviour", None, "when the customer last logged in; no category of the statement names it"),
    // products
    n(W, "products.id", "key"),
    n(W, "products.sku", "article number"),
    n(W, "products.product_name", "a product's name, not a person's"),
    n(W, "products.description", "product text"),
    n(W, "products.price", "amount"),
    n(W, "products.stock", "count"),
    // orders
    n(W, "orders.id", "key"),
    n(W, "orders.customer_id", "key"),
    n(W, "orders.order_number", "`WS-2023-00412`"),
    n(W, "orders.status", "order state"),
    c(W, "orders.total_amount", "pd:Purchase", AANKOOP, "what the customer spent"),
    n(W, "orders.currency", "`EUR`"),
    c(W, "orders.ordered_at", "pd:Purchase", AANKOOP, "when the customer bought (the statement's own example)"),
    // order_lines
    n(W, "order_lines.id", "key"),
    n(W, "order_lines.order_id", "key"),
    c(W, "order_lines.product_id", "pd:Purchase", AANKOOP, "which product the customer bought"),
    c(W, "order_lines.quantity", "pd:Purchase", AANKOOP, "how many"),
    n(W, "order_lines.unit_price", "the catalogue price"),
    // marketing_preferences
    n(W, "marketing_preferences.customer_id", "key"),
    c(W, "marketing_preferences.newsletter_opt_in", "pd:Preference", MARKETING, "signed up for e-mail offers or not"),
    c(W, "marketing_preferences.opt_in_at", "pd:Preference", MARKETING, "when"),
    c(W, "marketing_preferences.channel", "pd:Preference", MARKETING, "`e-mail`, `post` or `sms`"),
    // promotion_participations
    n(W, "promotion_participations.id", "key"),
    n(W, "promotion_participations.customer_id", "key"),
    c(W, "promotion_participations.promotion_code", "pd:ServiceConsumptionBehaviour", DEELNAME, "which promotion the customer took part in"),
    c(W, "promotion_participations.event_name", "pd:ServiceConsumptionBehaviour", DEELNAME, "which trade fair (beurs) or promotion"),
    c(W, "promotion_participations.registered_at", "pd:ServiceConsumptionBehaviour", DEELNAME, "when"),
    // support_tickets
    n(W, "support_tickets.id", "key"),
    n(W, "support_tickets.customer_id", "key; empty for people who are not customers"),
    c(W, "support_tickets.subject", "pd:Communication", INTERACTIE, "`Levering`, `Retour`, …"),
    p(W, "support_tickets.body", "pd:EmailAddress", PERSONALIA, "free text in Dutch; some tickets give an e-mail address"),
    p(W, "support_tickets.body", "pd:TelephoneNumber", PERSONALIA, "some give a phone number"),
    p(W, "support_tickets.body", "pd:PhysicalAddress", PERSONALIA, "address changes give a street, postcode and city"),
    p(W, "support_tickets.body", "pd:BankAccount", None, "returns give an IBAN for the refund: not declared in the statement"),
    p(W, "support_tickets.body", "pd:Name", PERSONALIA, "signatures and colleagues' names, found by a first name before a surname or after a salutation"),
    c(W, "support_tickets.body", "pd:Communication", INTERACTIE, "the message itself"),
    n(W, "support_tickets.status", "ticket state"),
    n(W, "support_tickets.created_at", "when the ticket was opened"),
    // refunds
    n(W, "refunds.id", "key"),
    n(W, "refunds.order_id", "key"),
    n(W, "refunds.amount", "amount"),
    p(W, "refunds.iban", "pd:BankAccount", None, "valid mod-97, fake account numbers; **not declared in the published statement**: the gap a scan must show"),
    p(W, "refunds.account_holder", "pd:Name", PERSONALIA, "usually the customer, sometimes someone else"),
    n(W, "refunds.refunded_at", "when the refund was paid"),
    // exports/nieuwsbrief.csv
    p(X, "nieuwsbrief.csv#email", "pd:EmailAddress", PERSONALIA, ""),
    p(X, "nieuwsbrief.csv#voornaam", "pd:Name", PERSONALIA, "empty for some sign-ups"),
    p(X, "nieuwsbrief.csv#achternaam", "pd:Name", PERSONALIA, "empty for some sign-ups"),
    c(X, "nieuwsbrief.csv#aangemeld_op", "pd:Preference", MARKETING, "when the person signed up"),
    // exports/crm-export.json
    n(X, "crm-export.json#/export/system", "the exporting system"),
    n(X, "crm-export.json#/export/exported_at", "when the export was made"),
    n(X, "crm-export.json#/export/count", "number of contacts"),
    n(X, "crm-export.json#/contacts/*/id", "CRM key (`C-0001`)"),
    p(X, "crm-export.json#/contacts/*/name", "pd:Name", PERSONALIA, "full name"),
    p(X, "crm-export.json#/contacts/*/email", "pd:EmailAddress", PERSONALIA, ""),
    p(X, "crm-export.json#/contacts/*/phone", "pd:TelephoneNumber", PERSONALIA, "international format, `+31 6 12345678`"),
    c(X, "crm-export.json#/contacts/*/company", "pd:Name", BEDRIJF, "a sole trader's trade name; `null` for private customers"),
    p(X, "crm-export.json#/contacts/*/address/street", "pd:PhysicalAddress", PERSONALIA, "street and number"),
    p(X, "crm-export.json#/contacts/*/address/postcode", "pd:PhysicalAddress", PERSONALIA, ""),
    p(X, "crm-export.json#/contacts/*/address/city", "pd:PhysicalAddress", PERSONALIA, ""),
    p(X, "crm-export.json#/contacts/*/notes", "pd:TelephoneNumber", PERSONALIA, "free text; some notes give another phone number"),
    p(X, "crm-export.json#/contacts/*/notes", "pd:EmailAddress", PERSONALIA, "some give another e-mail address"),
    p(X, "crm-export.json#/contacts/*/notes", "pd:Name", PERSONALIA, "colleagues' names"),
    c(X, "crm-export.json#/contacts/*/tags", "pd:ServiceConsumptionBehaviour", DEELNAME, "trade fairs visited, newsletter"),
    n(X, "crm-export.json#/contacts/*/team", "the ISMT team that owns the contact"),
    n(X, "crm-export.json#/contacts/*/created", "when the contact was created"),
];

pub(crate) fn ground_truth_json() -> String {
    let mut systems = Map::new();
    for (system, register, files) in [
        (
            W,
            "register/systems/webshop.json",
            json!([
                "example-systems/webshop.sqlite",
                "example-systems/webshop.sql"
            ]),
        ),
        (
            X,
            "register/systems/exports.json",
            json!(["example-systems/exports"]),
        ),
    ] {
        let entries = |tier: Tier| -> Vec<Value> {
            TRUTH
                .iter()
                .filter(|t| t.system == system && t.tier == tier)
                .map(|t| {
                    let mut m = Map::new();
                    m.insert("location".into(), json!(t.location));
                    m.insert("pd".into(), json!(t.pd));
                    m.insert("category".into(), json!(t.category));
                    if !t.note.is_empty() {
                        m.insert("note".into(), json!(t.note.replace('`', "")));
                    }
                    Value::Object(m)
                })
                .collect()
        };
        let non_personal: Vec<&str> = TRUTH
            .iter()
            .filter(|t| t.system == system && t.tier == Tier::NonPersonal)
            .map(|t| t.location)
            .collect();
        systems.insert(
            system.into(),
            json!({
                "register": register,
                "files": files,
                "personal": entries(Tier::Personal),
                "contextual": entries(Tier::Contextual),
                "non_personal": non_personal,
            }),
        );
    }
    let doc = json!({
        "$comment": "Generated by crates/example-systems; do not edit. Where personal data sits in the fake example systems, for precision/recall tests of the scanners.",
        "format_version": 1,
        "tiers": {
            "personal": "Personal data a scanner should report, as (location, pd: id) pairs with the DPV pd: ids its detectors use; a location can hold several kinds (free text). A listed pair that no finding reports is a miss (recall).",
            "contextual": "Personal data only in context: the row belongs to a person, but neither the name nor the values say what it is. A scanner need not report these pairs; a finding that matches one is neither a miss nor a false positive.",
            "non_personal": "Not personal data. A finding here, or any finding whose (location, pd: id) pair is listed neither under personal nor under contextual, is a false positive (precision).",
        },
        "locations": "Relative to the system: table.column for the database; path#field for files, the field a CSV header or a JSON pointer with * for every array element.",
        "category": "The register category (register/categories.json) the data belongs to; null when ISMT's published statement declares none.",
        "systems": systems,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::{TRUTH, Tier};
    use crate::workspace_root;

    #[test]
    fn the_ground_truth_uses_known_ids_and_categories() {
        let root = workspace_root();
        // The ids the SDK's detectors and hints report.
        let sdk_ids: BTreeSet<String> = ropa_law::dpv::pd::ALL
            .iter()
            .map(|id| (*id).to_owned())
            .collect();
        let categories: Value = serde_json::from_str(
            &std::fs::read_to_string(root.join("register/categories.json")).unwrap(),
        )
        .unwrap();
        let mut category_ids = BTreeSet::new();
        let mut register_pd = BTreeSet::new();
        for c in categories["categories"].as_array().unwrap() {
            category_ids.insert(c["id"].as_str().unwrap().to_owned());
            for pd in c["dpv"].as_array().unwrap() {
                register_pd.insert(pd.as_str().unwrap().to_owned());
            }
        }
        let mut pairs = BTreeSet::new();
        for t in TRUTH {
            assert!(
                pairs.insert((t.system, t.location, t.pd)),
                "{} {} is classified twice",
                t.location,
                t.pd
            );
            match t.tier {
                // What a scanner is expected to report: ids the detectors use.
                Tier::Personal => assert!(sdk_ids.contains(t.pd), "{}: {}", t.location, t.pd),
                Tier::Contextual => assert!(
                    sdk_ids.contains(t.pd) || register_pd.contains(t.pd),
                    "{}: {}",
                    t.location,
                    t.pd
                ),
                Tier::NonPersonal => assert!(t.pd.is_empty() && t.category.is_none()),
            }
            if let Some(c) = t.category {
                assert!(category_ids.contains(c), "{}: category {c}", t.location);
            }
        }
        // The bank accounts for refunds are the one kind the statement does not
        // declare: a gap a scan must bring to light.
        let undeclared: BTreeSet<&str> = TRUTH
            .iter()
            .filter(|t| t.tier == Tier::Personal && t.category.is_none())
            .map(|t| t.pd)
            .collect();
        assert_eq!(undeclared, BTreeSet::from(["pd:BankAccount"]));
    }
}
