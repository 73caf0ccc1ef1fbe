//! Controllers of every kind. The law a register is kept under: a UK
//! controller's statement and record speak of the UK GDPR and the UK, its
//! EEA processors are transfers, and an EU controller's UK processor is a
//! transfer under the EU's decision for the UK. Representatives, joint
//! controllers and the rights a controller declares. Each register is
//! `tests/cases/base` with a case folder laid over it.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::util::{base_dir, cases_dir, copy_dir, run, workspace_root};

/// `tests/cases/base` with the `register/` of `case` laid over it.
fn register_of(case: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("ropa-jurisdiction-")
        .tempdir()
        .expect("a temporary directory");
    let reg = tmp.path().join("register");
    copy_dir(&base_dir(), &reg);
    copy_dir(&cases_dir().join(case).join("register"), &reg);
    (tmp, reg)
}

/// `tests/cases/base` as it is.
fn base() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("ropa-jurisdiction-")
        .tempdir()
        .expect("a temporary directory");
    let reg = tmp.path().join("register");
    copy_dir(&base_dir(), &reg);
    (tmp, reg)
}

fn ropa(register: &Path, args: &[&str], code: i32) -> crate::util::Output {
    let mut all = vec!["--register".to_owned(), register.display().to_string()];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let out = run(&workspace_root(), &all, &[]);
    out.assert_code(code);
    out
}

/// The statement in `lang`, as the HTML fragment a website embeds.
fn fragment(register: &Path, lang: &str) -> String {
    ropa(
        register,
        &[
            "render",
            "statement",
            "--lang",
            lang,
            "--format",
            "fragment",
        ],
        0,
    )
    .stdout
}

/// Fails with the statement when it lacks any of `facts`.
fn says_all(statement: &str, facts: &[&str]) {
    for fact in facts {
        assert!(
            statement.contains(fact),
            "the statement lacks {fact:?}:\n{statement}"
        );
    }
}

fn statement(register: &Path, lang: &str) -> String {
    ropa(
        register,
        &["render", "statement", "--lang", lang, "--format", "md"],
        0,
    )
    .stdout
}

/// The record in `lang`, as CSV.
fn record(register: &Path, lang: &str) -> String {
    ropa(
        register,
        &["render", "records", "--lang", lang, "--format", "csv"],
        0,
    )
    .stdout
}

fn edit(path: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

#[test]
fn a_uk_controller_is_told_of_the_uk_gdpr_and_the_uk_in_every_language() {
    let (_tmp, reg) = register_of("v20-uk-controller-transfers-recorded");
    let en = statement(&reg, "en");
    for fact in [
        "within the meaning of the UK General Data Protection Regulation (UK GDPR)",
        "Is your personal data processed outside the UK?",
        "outside the United Kingdom, in countries where the UK GDPR does not apply",
        // The Dutch hosting provider: a transfer under the UK's regulations for the EEA.
        "UK law recognises that this country ensures an adequate level of protection (adequacy regulations: DPA 2018 Sch. 21)",
        "(adequacy regulations: SI 2023/1028)",
        "your rights under the UK GDPR by processing your personal data (Article 79 UK GDPR).",
    ] {
        assert!(
            en.contains(fact),
            "the English statement lacks {fact:?}:\n{en}"
        );
    }
    for never in ["European Union", "European Commission", "EU/EEA", "(GDPR)"] {
        assert!(
            !en.contains(never),
            "the English statement says {never:?}:\n{en}"
        );
    }
    let nl = statement(&reg, "nl");
    for fact in [
        "Britse algemene verordening gegevensbescherming (UK GDPR)",
        "buiten het Verenigd Koninkrijk, in landen waar de UK GDPR niet geldt",
        "Het Britse recht erkent dat dit land een passend beschermingsniveau biedt",
    ] {
        assert!(
            nl.contains(fact),
            "the Dutch statement lacks {fact:?}:\n{nl}"
        );
    }
    for never in ["Europese Unie", "Europese Commissie", "(AVG)"] {
        assert!(
            !nl.contains(never),
            "the Dutch statement says {never:?}:\n{nl}"
        );
    }

    let records = ropa(
        &reg,
        &["render", "records", "--lang", "en", "--format", "md"],
        0,
    )
    .stdout;
    assert!(records.contains("Article 30(1) UK GDPR"), "{records}");
    assert!(
        records.contains("not applicable: the controller is established in the UK"),
        "{records}"
    );
}

#[test]
fn an_eu_controllers_uk_processor_is_a_transfer_under_the_eus_decision_for_the_uk() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    edit(&reg.join("recipients.json"), |r| {
        r["recipients"][0]["countries"] = json!(["GB"]);
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains("processes data in GB, outside the EEA"),
        "{out}"
    );
    for activity in ["newsletter", "order-handling"] {
        edit(&reg.join(format!("activities/{activity}.json")), |a| {
            a["transfers"] = json!([{
                "recipient": "hosting-provider",
                "country": "GB",
                "mechanisms": [{ "kind": "adequacy", "decision": "(EU) 2021/1772" }]
            }]);
        });
    }
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(en.contains("United Kingdom"), "{en}");
    assert!(
        en.contains("The European Commission has decided that this country ensures an adequate level of protection (adequacy decision (EU) 2021/1772)"),
        "{en}"
    );
    // The joint controller's arrangement is made available (Art. 26(2)).
    assert!(
        en.contains("you can ask either of us about your data"),
        "{en}"
    );
}

#[test]
fn the_record_gives_the_ground_for_having_no_representative() {
    let (_tmp, reg) = register_of("v36-occasional-processing-exemption");
    let records = record(&reg, "en");
    assert!(
        records
            .contains("not required under Art. 27(2)(a): A handful of orders from the EU a year"),
        "{records}"
    );
    assert!(!records.contains("not applicable"), "{records}");
}

#[test]
fn declared_rights_are_listed_with_their_route_and_limits() {
    let (_tmp, reg) = register_of("v27-rights-declared-with-route-and-limits");
    let en = statement(&reg, "en");
    for fact in [
        "**Right to be informed:** you may know what we do with your personal data",
        "**Right to object:** you can always object to the use of your data for customer satisfaction surveys, without giving a reason. How: through the objection form on our website. Send your request to [https://voorbeeld.example/bezwaar](https://voorbeeld.example/bezwaar).",
        "Limit: we keep invoice data for as long as the tax retention duty applies (art. 52 AWR).",
    ] {
        assert!(
            en.contains(fact),
            "the English statement lacks {fact:?}:\n{en}"
        );
    }
    // In the order of the articles: information (13-14) before access (15),
    // erasure (17) before objection (21).
    let at = |text: &str| en.find(text).unwrap_or_else(|| panic!("{text}:\n{en}"));
    assert!(at("Right to be informed") < at("Right of access"));
    assert!(at("Right to erasure") < at("Right to object"));
    let nl = statement(&reg, "nl");
    assert!(nl.contains("Beperking: factuurgegevens bewaren wij zolang de fiscale bewaarplicht geldt (art. 52 AWR)"), "{nl}");
    assert!(nl.contains("**Recht op informatie:**"), "{nl}");
}

#[test]
fn a_derogation_is_told_in_plain_words_with_no_safeguards() {
    let (_tmp, reg) = register_of("v21-derogation-before-safeguards");
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["transfers"][0]["mechanisms"] = json!([{ "kind": "derogation", "derogation": "a" }]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(
        en.contains("You explicitly agreed to this transfer after we told you of its possible risks. No adequacy decision and no appropriate safeguards protect your data there."),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains(
            "Daar beschermt geen adequaatheidsbesluit en geen passende waarborg je gegevens."
        ),
        "{nl}"
    );
}

#[test]
fn a_public_body_names_the_law_that_designates_it() {
    let (_tmp, reg) = register_of("v04-public-authority-legitimate-interests");
    edit(&reg.join("organisation.json"), |o| {
        o["controller"]["designated_by"] = json!("art. 160 Gemeentewet");
    });
    // The case's own error (V04) is the only one: the designation is valid.
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains("error[V04]") && !out.stdout.contains("designated_by"),
        "{out}"
    );
    let (_tmp2, reg) = register_of("v19-joint-controller-with-essence");
    edit(&reg.join("organisation.json"), |o| {
        o["public_authority"] = json!(true);
        o["controller"]["designated_by"] = json!("art. 160 Gemeentewet");
    });
    let en = statement(&reg, "en");
    assert!(
        en.contains("is designated as the controller by art. 160 Gemeentewet."),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("is als verwerkingsverantwoordelijke aangewezen bij art. 160 Gemeentewet."),
        "{nl}"
    );
    let records = record(&reg, "en");
    assert!(
        records.contains("Designated as controller by art. 160 Gemeentewet"),
        "{records}"
    );
}

#[test]
fn the_statement_refers_to_the_controller_as_the_register_says_with_a_capital_where_a_sentence_opens()
 {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    edit(&reg.join("organisation.json"), |o| {
        o["controller"]["short_name"] = json!({"nl": "de webwinkel", "en": "the web shop"});
    });
    let en = statement(&reg, "en");
    assert!(
        en.contains("What personal data does the web shop collect about you?"),
        "{en}"
    );
    assert!(
        en.contains("The web shop collects the following categories of personal data:"),
        "{en}"
    );
    assert!(!en.contains("Voorbeeld Webwinkel collects"), "{en}");
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("De webwinkel verzamelt de volgende categorieën persoonsgegevens:"),
        "{nl}"
    );
    // The full name still names the controller where the law asks for it.
    assert!(
        nl.contains("Voorbeeld Webwinkel B.V. is ‘verwerkingsverantwoordelijke’"),
        "{nl}"
    );
}

#[test]
fn a_law_is_cited_in_the_readers_language_with_its_link() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    let cited = json!({
        "name": {
            "nl": "artikel 52 van de Algemene wet inzake rijksbelastingen",
            "en": "Section 52 of the General Tax Act"
        },
        "identifier": "BWBR0002320",
        "url": "https://wetten.overheid.nl/BWBR0002320"
    });
    let order = reg.join("activities/order-handling.json");
    edit(&order, |a| {
        a["purposes"][0]["legal_bases"] =
            json!([{ "basis": "legal_obligation", "legal_reference": cited }]);
    });
    edit(&reg.join("organisation.json"), |o| {
        o["supervisory_authority"]["url"] = json!({
            "nl": "https://www.autoriteitpersoonsgegevens.nl",
            "en": "https://www.autoriteitpersoonsgegevens.nl/en"
        });
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(
        en.contains(
            "([Section 52 of the General Tax Act](https://wetten.overheid.nl/BWBR0002320))"
        ) && !en.contains("Algemene wet"),
        "{en}"
    );
    assert!(
        en.contains("(https://www.autoriteitpersoonsgegevens.nl/en)"),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("[artikel 52 van de Algemene wet inzake rijksbelastingen](https://wetten.overheid.nl/BWBR0002320)")
            && !nl.contains("autoriteitpersoonsgegevens.nl/en"),
        "{nl}"
    );
    let records = record(&reg, "en");
    assert!(
        records.contains("Section 52 of the General Tax Act [BWBR0002320, https://wetten.overheid.nl/BWBR0002320]"),
        "{records}"
    );

    // A name missing in a published language is V40's; a name blank in
    // every language names no law, which V02 refuses.
    edit(&order, |a| {
        a["purposes"][0]["legal_bases"][0]["legal_reference"]["name"] =
            json!({ "nl": "artikel 52 AWR" });
    });
    let out = ropa(&reg, &["validate", "--format", "json"], 1);
    assert!(
        out.stdout.contains("\"rule\": \"V40\"")
            && out
                .stdout
                .contains("/purposes/0/legal_bases/0/legal_reference/name"),
        "{out}"
    );
    edit(&order, |a| {
        a["purposes"][0]["legal_bases"][0]["legal_reference"]["name"] =
            json!({ "nl": " ", "en": " " });
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(out.stdout.contains("error[V02]"), "{out}");
}

#[test]
fn a_transfer_to_no_one_country_is_told_as_where_the_data_reaches() {
    let (_tmp, reg) = register_of("v24-copy-per-mechanism");
    let en = statement(&reg, "en");
    // The worldwide transfer covers the recipient's own country: it is
    // told once, as worldwide, with its mechanism's own copy route.
    assert!(
        en.contains("**Mailer Inc.**, anywhere in the world. We have agreed the European Commission’s standard contractual clauses with the recipient (decision (EU) 2021/914). You can obtain a copy of these safeguards: on request at privacy@voorbeeld.example"),
        "{en}"
    );
    assert!(!en.contains("India"), "{en}");
    let nl = statement(&reg, "nl");
    assert!(nl.contains("**Mailer Inc.**, overal ter wereld."), "{nl}");
    let records = record(&reg, "en");
    assert!(
        records.contains("worldwide: E-mail delivery service")
            && records.contains("(copy via: on request at privacy@voorbeeld.example)"),
        "{records}"
    );

    let newsletter = reg.join("activities/newsletter.json");
    for (reach, en_words, nl_words) in [
        (
            "chosen_by_the_person",
            "**Mailer Inc.**, in the country you choose yourself when you send or take your data there.",
            "**Mailer Inc.**, in het land dat je zelf kiest",
        ),
        (
            "other_operators",
            "**Mailer Inc.**: the servers of other providers that your messages reach, wherever those servers are.",
            "**Mailer Inc.**: de servers van andere aanbieders",
        ),
    ] {
        edit(&newsletter, |a| {
            a["transfers"][0]["country"] = json!(reach);
            a["transfers"][0]["mechanisms"] = json!([{ "kind": "derogation", "derogation": "a" }]);
        });
        // Only this destination leaves the recipient's own country without
        // a transfer: V20 names it, and nothing else fails.
        let out = ropa(&reg, &["validate"], 1);
        assert!(
            out.stdout.contains("error[V20]")
                && out.stdout.contains(": 1 error, 0 warnings: FAILED"),
            "{out}"
        );
        // A provider in the EEA that relays the data on.
        edit(&reg.join("recipients.json"), |r| {
            r["recipients"][1]["countries"] = json!(["IE"]);
        });
        ropa(&reg, &["validate"], 0);
        let en = statement(&reg, "en");
        assert!(en.contains(en_words), "{reach}: {en}");
        assert!(
            en.contains(
                "You explicitly agreed to this transfer after we told you of its possible risks."
            ),
            "{en}"
        );
        assert!(statement(&reg, "nl").contains(nl_words), "{reach}");
        edit(&reg.join("recipients.json"), |r| {
            r["recipients"][1]["countries"] = json!(["IN"]);
        });
    }
}

#[test]
fn an_activity_for_customers_is_named_as_theirs_and_left_out_of_the_controllers_documents() {
    let (_tmp, reg) = register_of("v45-processor-activity-for-shops");
    let en = statement(&reg, "en");
    assert!(
        en.contains("also processes personal data on behalf of other organisations, which decide why and how it is processed; for that processing, the privacy statement of the organisation concerned applies:\n\n- Hosting web shops for our customers, for the shopkeepers who use our platform\n"),
        "{en}"
    );
    // Its purpose is the shopkeepers': it is told nowhere as ours.
    assert!(
        !en.contains("Hosting web shops\n") && !en.contains("Hosting web shops."),
        "{en}"
    );
    assert_eq!(en.matches("Hosting web shops").count(), 1, "{en}");
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains(
            "- Webwinkels hosten voor onze klanten, voor de winkeliers die ons platform gebruiken"
        ),
        "{nl}"
    );
    // The controller's record leaves it out; the processor's record after
    // it (Art. 30(2)) holds it, with the controllers it is carried out for.
    let records = record(&reg, "en");
    let (own, theirs) = records
        .split_once("\r\n\r\n")
        .expect("the processor's table after an empty line");
    assert!(!own.contains("Hosting web shops"), "{own}");
    assert!(own.contains("Newsletter"), "{own}");
    for fact in [
        "shop-hosting,Hosting web shops for our customers,",
        "not applicable: the processor is established in the EEA (Art. 27(1))",
        "Bakkerij De Korenschoof B.V.\nprivacy@korenschoof.example",
        "fg@korenschoof.example,verwerkersovereenkomst VO-2024-031,",
        "Noord Representation B.V. (speiche@noord-rep.example),,\"processing agreements, customer files\",",
    ] {
        assert!(theirs.contains(fact), "{fact:?} not in {theirs}");
    }
}

/// The US software company of `examples/`, in a directory of its own.
fn us_software() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("ropa-two-laws-")
        .tempdir()
        .expect("a temporary directory");
    let reg = tmp.path().join("register");
    copy_dir(&workspace_root().join("examples/us-software"), &reg);
    // The example's schema links are relative to examples/; the copy has
    // no schemas beside it, and validation does not follow the links.
    (tmp, reg)
}

#[test]
fn a_controller_under_two_laws_is_judged_and_told_under_each() {
    let (_tmp, reg) = us_software();
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "For people in the United Kingdom, the UK GDPR applies as well. Our representative in the United Kingdom is Quayside Representation Ltd",
            "Our representative in the European Union is Kaiside EU Representation Ltd",
            "- **Deskline, Inc.** in the United States. This concerns the data of people in the United Kingdom. We have agreed the European Commission’s standard contractual clauses with the recipient, with the UK Information Commissioner’s International Data Transfer Addendum.",
            "- **Paystream Payments Ltd** in Ireland. This concerns the data of people in the United Kingdom. UK law recognises",
            "- **Nimbus Cloud, Inc.** in the United States. The recipient is certified under the EU-U.S. Data Privacy Framework. For recipients so certified, the European Commission has decided that the level of protection is adequate (adequacy decision (EU) 2023/1795).",
            "People in the United Kingdom can also lodge a complaint with the supervisory authority there: Information Commissioner's Office (ICO), through its website [ico.org.uk/make-a-complaint](https://ico.org.uk/make-a-complaint/).",
        ],
    );
    let records = record(&reg, "en");
    for fact in [
        "GDPR: Kaiside EU Representation Ltd (",
        "UK GDPR: Quayside Representation Ltd (",
        "United States (UK GDPR): standard contractual clauses with the UK Addendum (UK GDPR Art. 46(2)(d))",
        "United States (UK GDPR): adequacy regulations (UK GDPR Art. 45, DPA 2018 s. 17A) SI 2023/1028",
        "Ireland (UK GDPR): ",
    ] {
        assert!(
            records.contains(fact),
            "the record lacks {fact:?}:\n{records}"
        );
    }

    // Under the UK GDPR, the Irish payment provider is a transfer too: its
    // entry gone, V20 asks for it under that law only.
    let billing = reg.join("activities/accounts-and-billing.json");
    edit(&billing, |a| {
        let transfers = a["transfers"].as_array_mut().unwrap();
        transfers.retain(|t| t["recipient"] != "payment-provider");
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains(
            "error[V20]: recipient \"payment-provider\" processes data in IE, outside the UK"
        ) && out.stdout.contains(": 1 error, 0 warnings"),
        "{out}"
    );
    // An entry that names no law is judged under both: the UK's adequacy
    // for the EEA is no EU decision, and the rule says which law to name.
    edit(&billing, |a| {
        a["transfers"][0]["under"] = serde_json::Value::Null;
        a["transfers"].as_array_mut().unwrap().push(json!({
            "recipient": "payment-provider", "country": "IE", "under": "uk",
            "mechanisms": [{ "kind": "adequacy", "decision": "DPA 2018 Sch. 21" }]
        }));
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains(
            "error[V22]: the adequacy decision for US is SI 2023/1028, not (EU) 2023/1795"
        ) && out.stdout.contains(": 1 error, 0 warnings"),
        "{out}"
    );
    // A UK tool in an entry for both laws: an error under the EU's, which
    // points at `under`.
    let support = reg.join("activities/support.json");
    edit(&support, |a| {
        a["transfers"][1]["under"] = serde_json::Value::Null;
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains("error[V21]") && out.stdout.contains("say which with \"under\""),
        "{out}"
    );

    // Without its UK representative, V36 names the place under the UK law.
    let (_tmp2, reg) = us_software();
    edit(&reg.join("organisation.json"), |o| {
        o["also_under"][0]["representative"] = serde_json::Value::Null;
    });
    let out = ropa(&reg, &["validate", "--format", "json"], 1);
    assert!(
        out.stdout.contains("\"rule\": \"V36\"")
            && out
                .stdout
                .contains("\"pointer\": \"/also_under/0/representative\"")
            && out.stdout.contains("not established in the UK"),
        "{out}"
    );
    // A transfer under a law the register is not kept under.
    let (_tmp3, reg) = us_software();
    edit(&reg.join("organisation.json"), |o| {
        o.as_object_mut().unwrap().remove("also_under");
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout.contains("is judged under the UK GDPR, and the register does not say the controller is subject to it"),
        "{out}"
    );
}

#[test]
fn retention_is_told_as_it_really_is() {
    let (_tmp, reg) = register_of("v14-retention-forms");
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            // Contact details are kept differently by the two activities: each
            // rule says whose it is.
            "- **Contact details** (Newsletter). We keep this data until you unsubscribe from the newsletter. When the retention period ends, your personal data is erased.",
            "- **Contact details** (Handling orders). We keep this data for 48 hours after the order. When the retention period ends, your personal data is erased.",
            "- **Order details.** We keep this data with no end date: the archive keeps orders permanently",
        ],
    );
    let nl = statement(&reg, "nl");
    assert!(nl.contains("48 uur na de bestelling"), "{nl}");
    assert!(
        nl.contains(
            "Wij bewaren deze gegevens zonder einddatum: het archief bewaart bestellingen blijvend"
        ),
        "{nl}"
    );
    let records = record(&reg, "en");
    for fact in [
        "48 hours after the order; then erased",
        "kept with no end date: the archive keeps orders permanently",
    ] {
        assert!(
            records.contains(fact),
            "the record lacks {fact:?}:\n{records}"
        );
    }
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["data"][0]["retention"] = json!({ "storage": "not_stored" });
        a["data"][1]["retention"] = json!({ "storage": "on_device" });
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "- **Contact details** (Handling orders). We do not store this data: we process it and discard it at once.",
            "- **Order details.** This data is kept only on your own device; we do not store it.",
        ],
    );
    let records = record(&reg, "nl");
    assert!(
        records.contains("niet bewaard: verwerkt en meteen verwijderd")
            && records.contains("alleen bewaard op het eigen apparaat van de betrokkene"),
        "{records}"
    );
}

#[test]
fn the_record_keeps_the_order_the_register_sets() {
    let (_tmp, reg) = us_software();
    let csv = record(&reg, "en");
    // Where each activity's first row starts: `notice.activity_order`, not
    // the ids' order.
    let at = |id: &str| csv.find(&format!("\n{id},"));
    let order = [
        "accounts-and-billing",
        "product-analytics",
        "support",
        "newsletter",
    ];
    let places: Vec<Option<usize>> = order.iter().map(|id| at(id)).collect();
    assert!(places.iter().all(Option::is_some), "{places:?}\n{csv}");
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}\n{csv}");
    // The workspaces hosted for customers are not the controller's record:
    // they are the processor's, in the table after the empty line.
    let (own, theirs) = csv.split_once("\r\n\r\n").expect("the processor's table");
    assert!(!own.contains("\ncustomer-workspaces,"), "{own}");
    assert!(theirs.contains("\ncustomer-workspaces,"), "{theirs}");
}

#[test]
fn data_items_are_told_by_origin_and_sensitive_data_with_its_ground() {
    let (_tmp, reg) = register_of("v53-items-consistent");
    edit(&reg.join("categories.json"), |c| {
        let list = c["categories"].as_array_mut().unwrap();
        list.push(json!({
            "id": "health",
            "label": { "nl": "Allergieën", "en": "Allergies" },
            "items": [
                { "id": "allergy", "label": { "nl": "voedselallergie", "en": "food allergy" } },
                { "id": "segment", "label": { "nl": "dieetprofiel", "en": "diet profile" }, "origin": "derived" }
            ],
            "dpv": ["pd:HealthRecord"],
            "special": "health",
            "criminal": false,
            "national_id": false,
            "provision": { "kind": "voluntary" }
        }));
        list.push(json!({
            "id": "convictions",
            "label": { "nl": "Veroordelingen", "en": "Convictions" },
            "dpv": ["pd:CriminalConviction"],
            "special": "none",
            "criminal": true,
            "national_id": false,
            "provision": {
                "kind": "required_by_law",
                "consequence": { "nl": "zonder VOG geen bezorgdienst", "en": "without it we cannot take you on as a courier" }
            }
        }));
    });
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["data"][0]["item_retention"] = json!([{ "item": "ip", "retention": { "period": "PT48H", "start_event": { "nl": "het bezoek", "en": "the visit" }, "end_action": "erase" } }]);
        a["data"].as_array_mut().unwrap().extend([
            json!({ "category": "health" }),
            json!({ "category": "convictions" }),
        ]);
        a["special_category_conditions"] = json!([{ "category": "health", "condition": "a" }]);
        a["criminal_data"] = json!({
            "ground": "authorised_by_law",
            "legal_reference": { "name": { "nl": "Wet justitiële en strafvorderlijke gegevens", "en": "Judicial Data and Criminal Records Act" }, "url": "https://wetten.overheid.nl/BWBR0014194" }
        });
        a["consent"] = json!({
            "mechanism": { "nl": "een vinkje", "en": "a checkbox" },
            "withdrawal_channels": [{ "kind": "web", "value": "https://voorbeeld.example/afmelden" }],
            "proof_location": "the shop's consent log"
        });
    });
    ropa(&reg, &["validate"], 0);

    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            // An exhaustive list says "namely"; an illustrative one "for example".
            "- **Contact details** (namely Name, Address, E-mail address, IP address and Verified address)",
            "- **Allergies** (for example food allergy and diet profile)",
            // Explicit consent for sensitive data is withdrawn as any consent.
            "Voorbeeld Webwinkel asks for your explicit consent to process: Allergies.",
            // Sensitive data, in plain words, with its ground and law.
            "- **Allergies** (health data): we process it with your explicit consent.",
            "- **Convictions** (data about criminal convictions and offences): we process it because the law allows it, with safeguards for your rights ([Judicial Data and Criminal Records Act](https://wetten.overheid.nl/BWBR0014194)).",
            // Observed and derived data have their own place.
            "## Personal data we record ourselves\n\nWe record the following when you use our services:\n\n- **IP address** (Contact details)\n\nWe derive the following from other personal data:\n\n- **diet profile** (Allergies)",
            // Obtained data names its source.
            "- **Verified address** (Contact details), from PostNL's address service",
            // An item kept otherwise than its category.
            "- **IP address.** We keep this data for 48 hours after the visit.",
            // An item with its own provision.
            "Providing this data is voluntary: E-mail address, Order details and Allergies.",
            "- **Convictions**: without it we cannot take you on as a courier",
        ],
    );
    // Observed data is never told as data people give.
    let given = &en[en.find("## Personal data you provide").unwrap()
        ..en.find("## Personal data we record").unwrap()];
    assert!(!given.contains("IP address"), "{given}");

    let nl = statement(&reg, "nl");
    says_all(
        &nl,
        &[
            "- **Contactgegevens** (namelijk Naam, Adres, E-mailadres, IP-adres en Gecontroleerd adres)",
            "- **Allergieën** (gezondheidsgegevens): wij verwerken deze gegevens met jouw uitdrukkelijke toestemming.",
            "- **Gecontroleerd adres** (Contactgegevens), van de adresdienst van PostNL",
            "Het volgende leiden wij af uit andere persoonsgegevens:",
        ],
    );

    let records = record(&reg, "en");
    for fact in [
        "Contact details (Name, Address, E-mail address, IP address, Verified address)",
        "IP address: 48 hours after the visit; then erased",
        "criminal offence data (Art. 10): authorised by law, Judicial Data and Criminal Records Act",
    ] {
        assert!(
            records.contains(fact),
            "the record lacks {fact:?}:\n{records}"
        );
    }

    // Without the ground, the register does not validate (V54), and the
    // statement of a register without sensitive data says nothing of it.
    edit(&reg.join("activities/order-handling.json"), |a| {
        a.as_object_mut().unwrap().remove("criminal_data");
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(out.stdout.contains("error[V54]"), "{}", out.stdout);
    // An item's own retention names an item of its category.
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["data"][0]["item_retention"][0]["item"] = json!("ip-adress");
    });
    let out = ropa(&reg, &["validate"], 1);
    assert!(
        out.stdout
            .contains("\"ip-adress\" is no item of the category \"contact-details\""),
        "{}",
        out.stdout
    );
    let (_tmp, plain) = register_of("v53-items-consistent");
    let en = statement(&plain, "en");
    assert!(!en.contains("especially sensitive"), "{en}");
}

#[test]
fn the_controller_introduces_its_statement_and_adds_sections_where_it_says() {
    let (_tmp, reg) = base();
    // Without an introduction of its own, the statement opens with its
    // lead and claims nothing about the controller's aims or services.
    let en = statement(&reg, "en");
    assert!(
        en.contains("This privacy statement may change. We recommend that you check it regularly"),
        "{en}"
    );
    for claim in ["We aim to", "Our services develop", "We have done our best"] {
        assert!(
            !en.contains(claim),
            "{claim:?} without a fact behind it:\n{en}"
        );
    }
    edit(&reg.join("organisation.json"), |o| {
        let notice = &mut o["notice"];
        notice.as_object_mut().unwrap().remove("last_changed");
        notice["introduction"] = json!({
            "nl": "Wij zijn een kleine webwinkel.\n\nVragen? Mail ons.",
            "en": "We are a small web shop.\n\nQuestions? Mail us."
        });
        notice["changes"] = json!({
            "nl": "Wij passen deze verklaring aan als onze winkel verandert.",
            "en": "We update this statement when our shop changes."
        });
        notice["sections"] = json!([
            { "id": "security", "kind": "security", "after": "retention",
              "text": { "nl": "Wij versleutelen je gegevens.", "en": "We encrypt your data.\n\nOnly two people can see orders." } },
            { "id": "children", "kind": "children", "after": "your-rights",
              "text": { "nl": "Wij verkopen niet aan kinderen onder de 16.", "en": "We do not sell to children under 16." } },
            { "id": "cookie-use", "kind": "cookies", "after": "security",
              "text": { "nl": "Wij gebruiken alleen functionele cookies.", "en": "We use functional cookies only." },
              "url": { "nl": "https://voorbeeld.example/cookies", "en": "https://voorbeeld.example/en/cookies" } },
            { "id": "returns", "kind": "other",
              "title": { "nl": "Retourneren", "en": "Returns" },
              "text": { "nl": "Retouren verwerken wij binnen 14 dagen.", "en": "We handle returns within 14 days." } }
        ]);
        notice["versions"] = json!([
            { "date": "2023-05-01", "summary": { "nl": "Eerste versie.", "en": "First version." } },
            { "date": "2024-01-15", "effective_from": "2024-02-01",
              "summary": { "nl": "Nieuwe bewaartermijnen.", "en": "New retention periods." } }
        ]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    let anchors: Vec<&str> = en
        .lines()
        .filter_map(|l| l.strip_prefix("<a id=\"")?.strip_suffix("\"></a>"))
        .collect();
    let after = |a: &str, b: &str| {
        let i = anchors.iter().position(|x| *x == a).unwrap();
        anchors.get(i + 1) == Some(&b)
    };
    assert!(after("retention", "security"), "{anchors:?}");
    assert!(after("security", "cookie-use"), "{anchors:?}");
    assert!(after("your-rights", "children"), "{anchors:?}");
    assert!(after("returns", "last-changed"), "{anchors:?}");
    says_all(
        &en,
        &[
            "processes personal data.\n\nWe are a small web shop.\n\nQuestions? Mail us.\n",
            "We update this statement when our shop changes.",
            "## How do we secure your personal data?\n\nWe encrypt your data.\n\nOnly two people can see orders.\n",
            "## Cookies\n\nWe use functional cookies only.\n\nRead more at [voorbeeld.example/en/cookies](https://voorbeeld.example/en/cookies).",
            "## Children\n\nWe do not sell to children under 16.",
            "## Returns\n\nWe handle returns within 14 days.",
            "[Returns](#returns)",
            // The newest version dates the statement; each version is told.
            "*Last changed on 15 January 2024*",
            "This privacy statement was last changed on 15 January 2024, and is in effect from 1 February 2024.",
            "Versions of this privacy statement:\n\n- **15 January 2024** (in effect from 1 February 2024): New retention periods.\n- **1 May 2023**: First version.",
        ],
    );
    assert!(!en.contains("This privacy statement may change"), "{en}");
    let nl = statement(&reg, "nl");
    says_all(
        &nl,
        &[
            "## Hoe beveiligen wij jouw persoonsgegevens?",
            "Lees meer op [voorbeeld.example/cookies](https://voorbeeld.example/cookies).",
            "- **15-01-2024** (van kracht vanaf 01-02-2024): Nieuwe bewaartermijnen.",
            "Deze privacyverklaring is voor het laatst gewijzigd op 15-01-2024 en is van kracht vanaf 01-02-2024.",
        ],
    );
    let html = fragment(&reg, "en");
    assert!(
        html.contains("<section aria-labelledby=\"security\">\n<h2 id=\"security\">How do we secure your personal data?</h2>\n<p>We encrypt your data.</p>\n<p>Only two people can see orders.</p>"),
        "{html}"
    );
}

#[test]
fn a_statement_laid_out_by_service_tells_each_services_data_purposes_and_retention() {
    let (_tmp, reg) = base();
    edit(&reg.join("organisation.json"), |o| {
        o["notice"]["layout"] = json!("by_service");
        o["notice"]["services"] = json!([
            { "id": "web-shop", "name": { "nl": "De webwinkel", "en": "The web shop" },
              "description": { "nl": "Onze winkel op voorbeeld.example.", "en": "Our shop at voorbeeld.example." },
              "activities": ["order-handling"] },
            { "id": "newsletter", "name": { "nl": "De nieuwsbrief", "en": "The newsletter" },
              "activities": ["newsletter"] }
        ]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    let shop =
        &en[en.find("## The web shop").expect(&en)..en.find("## The newsletter").expect(&en)];
    for fact in [
        "Our shop at voorbeeld.example.",
        "### The personal data it uses\n\n- **Contact details** (for example name, address and e-mail address)\n- **Order details**\n",
        "- **Delivering orders.**",
        "### How long we keep it\n",
        "We keep this data for 7 years after end of the financial year",
        "### Who receives it",
    ] {
        assert!(
            shop.contains(fact),
            "the web shop's section lacks {fact:?}:\n{shop}"
        );
    }
    // The newsletter's purpose is told under the newsletter, not the shop.
    assert!(!shop.contains("Sending the newsletter"), "{shop}");
    let letter = &en[en.find("## The newsletter").unwrap()..];
    assert!(letter.contains("- **Sending the newsletter.**"), "{letter}");
    assert!(
        letter.contains("until you unsubscribe from the newsletter"),
        "{letter}"
    );
    // The topic sections the services replace are gone; the contents
    // name the services.
    assert!(!en.contains("## For what purposes"), "{en}");
    assert!(
        !en.contains("## How long is your personal data kept?"),
        "{en}"
    );
    assert!(
        en.contains("2. [The web shop](#web-shop)\n3. [The newsletter](#newsletter)"),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    assert!(nl.contains("## De webwinkel\n\nOnze winkel op voorbeeld.example.\n\n### De persoonsgegevens die wij hiervoor gebruiken"), "{nl}");

    // Every public activity in one service, no more.
    edit(&reg.join("organisation.json"), |o| {
        o["notice"]["services"][1]["activities"] = json!(["order-handling"]);
    });
    let out = ropa(&reg, &["validate"], 1);
    for problem in [
        "\"order-handling\" is in the services \"web-shop\" and \"newsletter\"",
        "the public activity \"newsletter\" is in no service",
    ] {
        assert!(out.stdout.contains(problem), "{}", out.stdout);
    }
}
/// Texts the statement used to drop: how to object to direct marketing
/// that rests on consent, the law behind a retention told by criteria, the
/// minimisation of a purpose two activities share, two descriptions of one
/// kind of profiled data, two routes to a copy of the same safeguards.
#[test]
fn texts_the_statement_once_dropped_are_told() {
    let (_tmp, reg) = base();
    edit(&reg.join("recipients.json"), |r| {
        r["recipients"].as_array_mut().unwrap().push(json!({
            "id": "mailer", "role": "processor", "name": "Mailer Inc.", "publish_name": true,
            "label": { "nl": "Mailservice", "en": "Mailing service" },
            "countries": ["US"], "processing_agreement": { "reference": "DPA-2" }
        }));
    });
    let purpose = |minimisation: &str| {
        json!({
            "id": format!("deliver-{}", minimisation.len()),
            "label": { "nl": "Bestellingen bezorgen", "en": "Delivering orders" },
            "dpv": ["dpv:CustomerOrderManagement"],
            "legal_bases": [{ "basis": "contract" }],
            "direct_marketing": false,
            "minimisation": { "nl": minimisation, "en": minimisation }
        })
    };
    let profiling = |description: &str| {
        json!({
            "exists": true,
            "data_types": [{
                "label": { "nl": "Klikgedrag", "en": "Clicks" },
                "description": { "nl": description, "en": description }
            }]
        })
    };
    let transfer = |copy: &str| {
        json!({
            "recipient": "mailer", "country": "US",
            "mechanisms": [{ "kind": "scc", "decision": "2021/914", "module": 2 }],
            "copy_via": { "nl": copy, "en": copy }
        })
    };
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["retention"]["legal_reference"] = json!("art. 11.7 Telecommunicatiewet");
        a["purposes"]
            .as_array_mut()
            .unwrap()
            .push(purpose("We never ask for your date of birth."));
        a["profiling"] = profiling("which links you click");
        a["recipients"]
            .as_array_mut()
            .unwrap()
            .push(json!("mailer"));
        a["transfers"] = json!([transfer("on request at privacy@voorbeeld.example")]);
    });
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["purposes"] = json!([purpose("We keep only the address we deliver to.")]);
        a["profiling"] = profiling("which products you look at");
        a["recipients"]
            .as_array_mut()
            .unwrap()
            .push(json!("mailer"));
        a["transfers"] = json!([transfer("on our website")]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "You can object through [https://voorbeeld.example/afmelden](https://voorbeeld.example/afmelden). You can also object through an unsubscribe link in every newsletter.",
            "We keep this data until you unsubscribe from the newsletter. This retention follows from art. 11.7 Telecommunicatiewet.",
            "- **Delivering orders.** We never ask for your date of birth. We keep only the address we deliver to.",
            "- **Clicks**: which links you click\n- **Clicks**: which products you look at\n",
            "You can obtain a copy of these safeguards: on request at privacy@voorbeeld.example\n",
            "You can obtain a copy of these safeguards: on our website\n",
        ],
    );
    let nl = statement(&reg, "nl");
    says_all(
        &nl,
        &[
            "Je kunt ook bezwaar maken via een afmeldlink onder elke nieuwsbrief.",
            "Deze bewaartermijn volgt uit art. 11.7 Telecommunicatiewet.",
        ],
    );
}

/// Profiling by others (`profiling.by_others`) is told in every language,
/// whether the organisation profiles itself or not, and without it the
/// statement is what it was.
#[test]
fn profiling_by_others_is_told_without_saying_no_one_profiles() {
    let (_tmp, reg) = base();
    let before = (statement(&reg, "en"), statement(&reg, "nl"));
    assert!(
        before
            .0
            .contains("Voorbeeld Webwinkel does not use profiling."),
        "{}",
        before.0
    );
    // An empty list is no list.
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["profiling"]["by_others"] = json!([]);
    });
    assert_eq!((statement(&reg, "en"), statement(&reg, "nl")), before);

    edit(&reg.join("activities/newsletter.json"), |a| {
        a["profiling"]["by_others"] = json!([{
            "who": {
                "nl": "De socialemediaplatforms waarop wij adverteren",
                "en": "The social media platforms on which we advertise"
            },
            "description": {
                "nl": "Zij kunnen profielen van je opstellen op grond van hoe je met onze advertenties omgaat; hun eigen privacyverklaringen zijn daarop van toepassing.",
                "en": "They may build profiles of you based on your interaction with our ads; their own privacy statements apply."
            }
        }]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(
        en.contains("Voorbeeld Webwinkel does not build profiles of you itself.\n\nOther organisations may build profiles of you in connection with our processing:\n\n- **The social media platforms on which we advertise.** They may build profiles of you based on your interaction with our ads; their own privacy statements apply.\n"),
        "{en}"
    );
    assert!(!en.contains("does not use profiling"), "{en}");
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("Voorbeeld Webwinkel stelt zelf geen profielen van je op.\n\nAndere organisaties kunnen in verband met onze verwerking profielen van je opstellen:\n\n- **De socialemediaplatforms waarop wij adverteren.** Zij kunnen profielen van je opstellen op grond van hoe je met onze advertenties omgaat; hun eigen privacyverklaringen zijn daarop van toepassing.\n"),
        "{nl}"
    );
    assert!(!nl.contains("maakt geen gebruik van profilering"), "{nl}");
    let records = record(&reg, "en");
    assert!(
        records.contains("Profiling: no\nProfiling by others: The social media platforms on which we advertise — They may build profiles"),
        "{records}"
    );

    // Beside profiling of its own, the others follow it.
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["profiling"]["exists"] = json!(true);
        a["profiling"]["description"] = json!({ "nl": "Wij kijken welke artikelen je leest.", "en": "We look at which articles you read." });
    });
    let en = statement(&reg, "en");
    assert!(
        en.contains("Voorbeeld Webwinkel uses profiling. We look at which articles you read."),
        "{en}"
    );
    assert!(
        en.find("We look at which articles you read.")
            < en.find("Other organisations may build profiles"),
        "{en}"
    );
    assert!(
        !en.contains("does not build profiles of you itself"),
        "{en}"
    );
}

/// What V52 names is what the statement leaves out: in each of its cases,
/// every text the rule reports is absent from the statement, in every
/// language and format, so the rule and the statement agree.
#[test]
fn the_texts_v52_names_are_the_ones_the_statement_leaves_out() {
    /// The texts under `value`, with their language (`None`: every one).
    fn texts<'a>(
        value: &'a serde_json::Value,
        lang: Option<&'a str>,
        out: &mut Vec<(Option<&'a str>, &'a str)>,
    ) {
        match value {
            serde_json::Value::String(s) => out.push((lang, s)),
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    let lang = if matches!(key.as_str(), "nl" | "en" | "de") {
                        Some(key.as_str())
                    } else {
                        lang
                    };
                    texts(v, lang, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, lang, out)),
            _ => {}
        }
    }
    let mut cases = 0;
    for entry in std::fs::read_dir(cases_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.starts_with("v52-") {
            continue;
        }
        let (_tmp, reg) = register_of(&name);
        let out = ropa(&reg, &["validate", "--format", "json"], 0);
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        for d in report["diagnostics"].as_array().unwrap() {
            assert_eq!(d["rule"], "V52", "{name}: {d}");
            let file: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(reg.join(d["file"].as_str().unwrap())).unwrap(),
            )
            .unwrap();
            let value = file.pointer(d["pointer"].as_str().unwrap()).unwrap();
            let mut found = Vec::new();
            texts(value, None, &mut found);
            assert!(!found.is_empty(), "{name}: no text at {d}");
            for lang in ["nl", "en"] {
                for format in ["md", "fragment"] {
                    let rendered = ropa(
                        &reg,
                        &["render", "statement", "--lang", lang, "--format", format],
                        0,
                    )
                    .stdout;
                    // The HTML's text, its entities read.
                    let statement = if format == "md" {
                        rendered
                    } else {
                        crate::render::text_of(&rendered)
                    };
                    for (_, text) in found.iter().filter(|(l, _)| l.is_none_or(|l| l == lang)) {
                        assert!(
                            !statement.contains(text),
                            "{name}: V52 says the statement leaves out {text:?} ({}), and the {lang} {format} statement tells it",
                            d["pointer"]
                        );
                    }
                }
            }
            cases += 1;
        }
    }
    assert!(cases >= 8, "only {cases} texts reported by the V52 cases");
}

/// Issue 16 (5), issue 19 (8): punctuation and grammar hold for any input.
///
/// An authority's name may bring its own article ("the Information
/// Commissioner's Office", "de Autoriteit Persoonsgegevens") or have none:
/// the statement puts none of its own before it.
#[test]
fn an_authority_is_named_without_an_article_of_the_statements_own() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    edit(&reg.join("organisation.json"), |o| {
        o["supervisory_authority"]["name"] = json!({
            "nl": "de Autoriteit Persoonsgegevens",
            "en": "your local Data Protection Authority"
        });
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(
        en.contains("Then you can lodge a complaint with the supervisory authority: your local Data Protection Authority.\n")
            && en.contains("You can lodge your complaint through its website: [www.autoriteitpersoonsgegevens.nl](https://www.autoriteitpersoonsgegevens.nl)."),
        "{en}"
    );
    assert!(!en.contains("the your"), "{en}");
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("Dan kun je een klacht indienen bij de toezichthouder: de Autoriteit Persoonsgegevens.\n"),
        "{nl}"
    );
    assert!(!nl.contains("de de "), "{nl}");

    // The authority of another law the controller is under, likewise.
    let (_tmp2, reg) = us_software();
    let en = statement(&reg, "en");
    assert!(
        en.contains("People in the United Kingdom can also lodge a complaint with the supervisory authority there: Information Commissioner's Office (ICO), through its website [ico.org.uk/make-a-complaint](https://ico.org.uk/make-a-complaint/)."),
        "{en}"
    );
    assert!(!en.contains("the Information"), "{en}");
}

/// A name that ends in a full stop ends the sentence with it: the
/// sentence's own is not added ("Ltd." rather than "Ltd..").
#[test]
fn a_name_ending_in_a_full_stop_ends_its_sentence_with_it() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    edit(&reg.join("organisation.json"), |o| {
        o["controller"]["short_name"] = json!({ "nl": "Voorbeeld Ltd.", "en": "Voorbeeld Ltd." });
        o["joint_controllers"][0]["contact"] = json!([]);
        o["dpo"] = json!({
            "appointed": true,
            "name": "Privacy Desk B.V.",
            "contact": [{ "kind": "email", "value": "fg@voorbeeld.example" }]
        });
        o["established_in_territory"] = json!(false);
        o["representative"] = json!({
            "name": "EU Representation Ltd.",
            "contact": [{ "kind": "email", "value": "eu@representation.example" }]
        });
        o["supervisory_authority"]["name"] =
            json!({ "nl": "Toezicht Inc.", "en": "Toezicht Inc." });
    });
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["purposes"][0]["legal_bases"] = json!([{
            "basis": "legitimate_interests",
            "legitimate_interest": { "nl": "Bestellingen afhandelen.", "en": "Handling orders." },
            "lia_ref": "LIA-2024-01"
        }]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "We have appointed a data protection officer (DPO): Privacy Desk B.V. You can reach the DPO at",
            "Our representative in the European Union is EU Representation Ltd., reachable at",
            "- **Partner Voorbeeld B.V.** Partner Voorbeeld and we organise the event together",
            "for the legitimate interests of Voorbeeld Ltd. You can read more about these interests below.",
            "lodge a complaint with the supervisory authority: Toezicht Inc.\n",
        ],
    );
    assert!(!en.contains(".."), "{en}");
    let nl = statement(&reg, "nl");
    says_all(
        &nl,
        &[
            "Wij hebben een functionaris voor gegevensbescherming (FG) aangesteld: Privacy Desk B.V. Je bereikt de FG via",
            "Onze vertegenwoordiger in de Europese Unie is EU Representation Ltd., bereikbaar via",
            "- **Partner Voorbeeld B.V.** Partner Voorbeeld en wij",
            "voor de gerechtvaardigde belangen van Voorbeeld Ltd. Hieronder lees je meer",
            "bij de toezichthouder: Toezicht Inc.\n",
        ],
    );
    assert!(!nl.contains(".."), "{nl}");
    let html = fragment(&reg, "en");
    assert!(
        html.contains("<li><strong>Partner Voorbeeld B.V.</strong> Partner Voorbeeld and we")
            && !html.contains(".."),
        "{html}"
    );
}

/// A channel's short label is its link's text; a label that describes the
/// channel is told as words, with the address linked after it, and the
/// sentences read right with either.
#[test]
fn a_channel_described_at_length_is_told_with_its_address_linked() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    let unsubscribe = json!([{
        "kind": "web",
        "value": "https://voorbeeld.example/afmelden",
        "label": {
            "nl": "de afmeldlink onderaan elke e-mail",
            "en": "the unsubscribe link at the foot of every e-mail"
        }
    }]);
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["consent"]["withdrawal_channels"] = unsubscribe.clone();
        a["objection"]["channels"] = unsubscribe.clone();
    });
    edit(&reg.join("organisation.json"), |o| {
        o["controller"]["contact"] = json!([
            { "kind": "web", "value": "https://voorbeeld.example/contact", "label": { "nl": "ons contactformulier", "en": "our contact form" } },
            { "kind": "phone", "value": "023 123 4567", "label": { "nl": "de klantenservice", "en": "customer service" } }
        ]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "You can withdraw your consent through the unsubscribe link at the foot of every e-mail ([voorbeeld.example/afmelden](https://voorbeeld.example/afmelden)).",
            "You can object through the unsubscribe link at the foot of every e-mail ([voorbeeld.example/afmelden](https://voorbeeld.example/afmelden)).",
            // A short label is the link's text; an unlinked channel shows its value.
            "You can reach us at [our contact form](https://voorbeeld.example/contact) or customer service (023 123 4567).",
        ],
    );
    for never in [
        "[the unsubscribe link",
        "by contacting",
        "send your objection to",
    ] {
        assert!(!en.contains(never), "the statement says {never:?}:\n{en}");
    }
    let nl = statement(&reg, "nl");
    says_all(
        &nl,
        &[
            "Je kunt de intrekking van je toestemming kenbaar maken via de afmeldlink onderaan elke e-mail ([voorbeeld.example/afmelden](https://voorbeeld.example/afmelden)).",
            "Je kunt je bezwaar doorgeven via de afmeldlink onderaan elke e-mail ([voorbeeld.example/afmelden](https://voorbeeld.example/afmelden)).",
            "Je kunt ons bereiken via [ons contactformulier](https://voorbeeld.example/contact) of de klantenservice (023 123 4567).",
        ],
    );
    let html = fragment(&reg, "en");
    assert!(
        html.contains("You can withdraw your consent through the unsubscribe link at the foot of every e-mail (<a href=\"https://voorbeeld.example/afmelden\">voorbeeld.example/afmelden</a>)."),
        "{html}"
    );
}

/// How the people a source tells of are informed (Art. 14) is a sentence
/// of its own with its label, not text glued to the categories.
#[test]
fn how_other_people_are_informed_is_told_with_its_label() {
    let (_tmp, reg) = register_of("v33-other-person-without-subjects");
    edit(&reg.join("subjects.json"), |s| {
        s["subjects"].as_array_mut().unwrap().push(json!({
            "id": "contact-persons",
            "label": { "nl": "Contactpersonen bij aflevering", "en": "Contact persons at delivery" },
            "dpv": ["dpv:DataSubject"],
            "children": false,
            "informed_via": {
                "nl": "De bezorger vertelt het hun bij de aflevering.",
                "en": "The courier tells them at delivery."
            }
        }));
    });
    edit(&reg.join("activities/order-handling.json"), |a| {
        a["subjects"] = json!(["customers", "contact-persons"]);
        a["sources"][1]["subjects"] = json!(["contact-persons"]);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    assert!(
        en.contains("- the customer, for the contact person at delivery *How they are informed: The courier tells them at delivery.* — *This concerns: Contact details.*\n"),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    assert!(
        nl.contains("*Hoe zij worden geïnformeerd: De bezorger vertelt het hun bij de aflevering.* — *Het gaat daarbij om: Contactgegevens.*\n"),
        "{nl}"
    );
    let html = fragment(&reg, "en");
    assert!(
        html.contains("<li>the customer, for the contact person at delivery<br><span class=\"informed\">How they are informed: The courier tells them at delivery.</span><br><span class=\"applies\">This concerns: Contact details.</span></li>"),
        "{html}"
    );
}

/// Register values a sentence would list ("a, b and c") are a bulleted
/// list after its lead-in where they are many, or long, or hold commas of
/// their own.
#[test]
fn a_long_list_is_told_as_a_list_not_one_sentence() {
    let (_tmp, reg) = register_of("v19-joint-controller-with-essence");
    let purposes: Vec<serde_json::Value> = (1..=25)
        .map(|n| {
            json!({
                "id": format!("mailing-{n}"),
                "label": { "nl": format!("Mailing {n}"), "en": format!("Mailing {n}") },
                "dpv": ["dpv:DirectMarketing"],
                "legal_bases": [{ "basis": "consent" }],
                "direct_marketing": true
            })
        })
        .collect();
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["purposes"] = json!(purposes);
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    let bullets: String = (1..=25).map(|n| format!("\n  - Mailing {n}")).collect();
    assert!(
        en.contains(&format!("*This ground applies to:*{bullets}\n")),
        "{en}"
    );
    let bullets: String = (1..=25).map(|n| format!("\n- Mailing {n}")).collect();
    assert!(
        en.contains(&format!(
            "Voorbeeld Webwinkel asks for your consent for:\n{bullets}\n\n"
        )),
        "{en}"
    );
    assert!(!en.contains("Mailing 1, Mailing 2"), "{en}");
    // The one purpose of delivering orders is still told in its sentence.
    assert!(
        en.contains("*This ground applies to: Delivering orders.*"),
        "{en}"
    );
    let nl = statement(&reg, "nl");
    let bullets: String = (1..=25).map(|n| format!("\n  - Mailing {n}")).collect();
    assert!(
        nl.contains(&format!("*Deze grondslag geldt voor:*{bullets}\n")),
        "{nl}"
    );
    assert!(
        nl.contains("Voorbeeld Webwinkel vraagt je toestemming voor:\n\n- Mailing 1\n"),
        "{nl}"
    );
    let html = fragment(&reg, "en");
    assert!(
        html.contains(
            "<span class=\"applies\">This ground applies to:</span>\n<ul>\n<li>Mailing 1</li>\n"
        ) && html.contains("asks for your consent for:</p>\n<ul>\n<li>Mailing 1</li>\n"),
        "{html}"
    );

    // Two items are a list too when one has a comma of its own: "a, b and
    // c and d" cannot be read.
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["purposes"] = json!([
            purposes[0],
            {
                "id": "offers",
                "label": { "nl": "Aanbiedingen, acties en kortingen", "en": "Offers, campaigns and discounts" },
                "dpv": ["dpv:DirectMarketing"],
                "legal_bases": [{ "basis": "consent" }],
                "direct_marketing": true
            }
        ]);
    });
    let en = statement(&reg, "en");
    assert!(
        en.contains(
            "*This ground applies to:*\n  - Mailing 1\n  - Offers, campaigns and discounts\n"
        ),
        "{en}"
    );
}

#[test]
fn a_transfer_under_the_data_privacy_framework_is_named_so_with_its_fallback_and_recourse() {
    let (_tmp, reg) = register_of("v21-fallback-mechanisms");
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "The recipient is certified under the EU-U.S. Data Privacy Framework. For recipients so certified, the European Commission has decided that the level of protection is adequate (adequacy decision (EU) 2023/1795).",
            "If you have a complaint about how the recipient handles your data under the EU-U.S. Data Privacy Framework, you can turn free of charge to [BBB National Programs](https://bbbprograms.org/programs/all-programs/dpf-consumers), the independent recourse mechanism the recipient has chosen.",
            "Should that safeguard no longer apply, the following applies instead. We have agreed the European Commission’s standard contractual clauses with the recipient (decision 2021/914).",
        ],
    );
    // The decision is the framework's reference, not its name.
    assert!(!en.contains("(adequacy decision)"), "{en}");
    // The fallback comes after the mechanism relied on, and the copy of the
    // safeguards is offered once.
    let relied = en.find("Data Privacy Framework. For").unwrap();
    let fallback = en.find("Should that safeguard").unwrap();
    assert!(relied < fallback, "{en}");
    assert_eq!(en.matches("You can obtain a copy").count(), 1, "{en}");
    says_all(
        &statement(&reg, "nl"),
        &[
            "De ontvanger is gecertificeerd onder het EU-VS-kader inzake gegevensbescherming (Data Privacy Framework).",
            "Mocht die waarborg niet langer gelden, dan geldt in plaats daarvan het volgende. Wij hebben met de ontvanger",
        ],
    );
    let records = record(&reg, "en");
    says_all(
        &records,
        &["(recourse body: BBB National Programs); should it lapse: "],
    );
    // A recourse body's address is a web address, never a script.
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["transfers"][0]["mechanisms"][0]["recourse"]["url"] = json!("javascript:alert(1)");
    });
    let out = ropa(&reg, &["validate"], 1);
    says_all(
        &out.stdout,
        &["error[V23]: the recourse body's address \"javascript:alert(1)\" is not a web address"],
    );
}

#[test]
fn a_company_of_the_group_is_named_as_the_controller_of_what_it_decides_on() {
    let (_tmp, reg) = base();
    edit(&reg.join("organisation.json"), |o| {
        o["group_controllers"] = json!([{
            "id": "de-shop",
            "name": "Voorbeeld Deutschland GmbH",
            "address": { "street": "Unter den Linden 1", "postcode": "10117", "city": "Berlin", "country": "DE" },
            "contact": [{ "kind": "email", "value": "datenschutz@voorbeeld.example" }],
            "chamber_of_commerce": "HRB 123456",
            "responsible_for": { "nl": "Voor klanten van de Duitse winkel.", "en": "For customers of the German shop." }
        }]);
    });
    edit(&reg.join("activities/newsletter.json"), |a| {
        a["controller"] = json!("de-shop");
    });
    ropa(&reg, &["validate"], 0);
    let en = statement(&reg, "en");
    says_all(
        &en,
        &[
            "is the ‘controller’ within the meaning of the General Data Protection Regulation (GDPR) for the processing of personal data described in this privacy statement, except the processing for which another company of its group is named below as the controller.",
            "Within our group, each of these companies is the controller for the processing named with it:",
            "- **Voorbeeld Deutschland GmbH**, Unter den Linden 1, 10117 Berlin, Germany (reachable at [datenschutz@voorbeeld.example](mailto:datenschutz@voorbeeld.example)). Voorbeeld Deutschland GmbH is registered with the Chamber of Commerce under number HRB 123456. For customers of the German shop. It is the controller for Newsletter.",
        ],
    );
    // Without a group, the controller is the controller for everything.
    assert!(
        !en.contains("for the processing of personal data described in this privacy statement."),
        "{en}"
    );
    says_all(
        &statement(&reg, "nl"),
        &[
            "behalve de verwerkingen waarvoor hieronder een ander bedrijf van de groep als verwerkingsverantwoordelijke staat genoemd.",
            "**Voorbeeld Deutschland GmbH**, Unter den Linden 1, 10117 Berlin, Duitsland",
            "Dit bedrijf is verwerkingsverantwoordelijke voor Nieuwsbrief.",
        ],
    );
    // The record names the group company as the newsletter's controller,
    // and the register's own controller for the rest.
    let csv = record(&reg, "en");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row"))
        .collect();
    let controller_of = |activity: &str| -> String {
        let row = rows
            .iter()
            .find(|r| r.iter().any(|cell| cell == activity))
            .unwrap_or_else(|| panic!("no row for {activity}:\n{csv}"));
        row.iter()
            .find(|cell| cell.contains("B.V.") || cell.contains("GmbH"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        controller_of("Newsletter")
            .starts_with("Voorbeeld Deutschland GmbH\nUnter den Linden 1, 10117 Berlin, Germany"),
        "{csv}"
    );
    assert!(
        controller_of("Handling orders").starts_with("Voorbeeld Webwinkel B.V."),
        "{csv}"
    );
}
