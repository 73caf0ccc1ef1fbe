//! `ropa gaps` and `ropa accept` on crafted registers and findings files:
//! each kind of gap found where it is and quiet where it is not, the report
//! against its schema, and accept's commits, idempotence and refusals.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::util::{GitRegister, copy_dir, run, snapshot, snapshot_diff, workspace_root};

pub(crate) const AUTHOR: &str = "Dee Peeo <dpo@example.org>";

/// The base test register in a fresh git repository, committed once, and a
/// findings file to hold against it.
pub(crate) struct Scene(GitRegister);

impl std::ops::Deref for Scene {
    type Target = GitRegister;

    fn deref(&self) -> &GitRegister {
        &self.0
    }
}

/// One system's part of a crafted scan.
pub(crate) struct Scanned {
    system: &'static str,
    found: Vec<(&'static str, &'static str)>,
    failed: bool,
    truncated: bool,
}

pub(crate) fn scanned(system: &'static str, found: &[(&'static str, &'static str)]) -> Scanned {
    Scanned {
        system,
        found: found.to_vec(),
        failed: false,
        truncated: false,
    }
}

impl Scene {
    pub(crate) fn new() -> Scene {
        let scene = Scene(GitRegister::new());
        scene.commit();
        scene
    }

    pub(crate) fn commit(&self) {
        self.ropa(["commit", "-m", "Register as given", "--author", AUTHOR])
            .assert_code(0);
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join("register").join(rel)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub(crate) fn write(&self, rel: &str, value: &Value) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
    }

    /// A system named by no activity yet, with an empty inventory.
    pub(crate) fn add_system(&self, id: &str, countries: &[&str]) {
        self.write(
            &format!("systems/{id}.json"),
            &json!({
                "$schema": "../../schemas/system.schema.json",
                "name": id,
                "kind": "database",
                "countries": countries,
                "scan": null,
                "inventory": []
            }),
        );
    }

    /// Writes a findings file where `ropa scan` saves one.
    pub(crate) fn scan(&self, id: &str, systems: &[Scanned]) -> PathBuf {
        let systems: Vec<Value> = systems
            .iter()
            .map(|s| {
                let findings: Vec<Value> = s
                    .found
                    .iter()
                    .map(|(location, pd)| {
                        json!({"location": location, "category": pd, "confidence": 0.9,
                               "matches": 40, "sampled": 50, "detector": "test"})
                    })
                    .collect();
                let mut system = json!({
                    "system": s.system,
                    "plugin": {"name": "test", "version": "1.0.0", "sha256": "00"},
                    "kind": "sqlite",
                    "findings": findings
                });
                if s.failed {
                    system["error"] = json!({"kind": "trap", "reason": "the plugin crashed"});
                } else {
                    system["summary"] = json!({"findings": s.found.len(),
                        "truncated": s.truncated});
                }
                system
            })
            .collect();
        let file = json!({
            "$schema": "https://schemas.ropa.invalid/findings.schema.json",
            "id": id,
            "started": "2026-11-26T10:00:00Z",
            "ropa": "0.1.0",
            "register": "register",
            "systems": systems
        });
        let dir = self.root.join(".ropa/scans/register");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{id}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
        path
    }

    /// `ropa gaps --format json` on the latest scan.
    fn gaps(&self) -> Vec<Value> {
        let out = self.ropa(["gaps", "--format", "json"]);
        out.assert_code(0);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        report["gaps"].as_array().unwrap().clone()
    }
}

fn of_kind<'a>(gaps: &'a [Value], kind: &str) -> Vec<&'a Value> {
    gaps.iter().filter(|g| g["kind"] == kind).collect()
}

fn locations(gap: &Value) -> Vec<String> {
    gap["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["location"].as_str().unwrap(),
                p["found"].as_str().unwrap()
            )
        })
        .collect()
}

/// Findings that match the base register exactly: its inventory entry, and
/// both categories its activities list.
const TRUE_TO_REGISTER: &[(&str, &str)] = &[
    ("customers.email", "pd:EmailAddress"),
    ("orders.total", "pd:Purchase"),
];

#[test]
fn a_register_true_to_the_scan_has_no_gaps_and_check_passes() {
    let scene = Scene::new();
    scene.edit("systems/webshop.json", |s| {
        s["inventory"]
            .as_array_mut()
            .unwrap()
            .push(json!({"location": "orders.total", "dpv": "pd:Purchase",
                         "category": "order-history", "source": "manual", "accepted": "2026-01-01"}));
    });
    scene.scan(
        "scan-20261126T100000",
        &[scanned("webshop", TRUE_TO_REGISTER)],
    );
    assert_eq!(scene.gaps(), Vec::<Value>::new());
    let out = scene.ropa(["gaps", "--check"]);
    out.assert_code(0);
    assert!(out.stdout.contains("No gaps"), "{out}");
}

#[test]
fn unrecorded_and_uncovered_findings() {
    let scene = Scene::new();
    scene.scan(
        "scan-20261126T100000",
        &[scanned(
            "webshop",
            &[
                ("customers.email", "pd:EmailAddress"),
                ("customers.name", "pd:Name"),
                ("refunds.iban", "pd:BankAccount"),
                ("orders.total", "pd:Purchase"),
            ],
        )],
    );
    let gaps = scene.gaps();
    let unrecorded = of_kind(&gaps, "unrecorded");
    // customers.email is in the inventory already.
    let places: Vec<String> = unrecorded.iter().flat_map(|g| locations(g)).collect();
    assert_eq!(
        places,
        ["customers.name pd:Name", "orders.total pd:Purchase"]
    );
    assert_eq!(unrecorded[0]["category"], "contact-details");
    assert_eq!(unrecorded[0]["change"]["file"], "systems/webshop.json");
    let uncovered = of_kind(&gaps, "uncovered");
    assert_eq!(uncovered.len(), 1);
    assert_eq!(locations(uncovered[0]), ["refunds.iban pd:BankAccount"]);
    assert_eq!(uncovered[0]["change"]["file"], "categories.json");
    assert!(
        uncovered[0]["message"]
            .as_str()
            .unwrap()
            .contains("no category"),
        "{}",
        uncovered[0]
    );

    // Once a category covers bank accounts, the finding is merely unrecorded.
    scene.edit("categories.json", |c| {
        c["categories"][1]["dpv"]
            .as_array_mut()
            .unwrap()
            .push(json!("pd:BankAccount"));
    });
    let gaps = scene.gaps();
    assert!(of_kind(&gaps, "uncovered").is_empty(), "{gaps:#?}");
    assert_eq!(of_kind(&gaps, "unrecorded").len(), 3);
}

#[test]
fn a_category_found_where_no_activity_using_the_system_lists_it() {
    let scene = Scene::new();
    scene.add_system("crm", &["NL"]);
    scene.edit("activities/newsletter.json", |a| {
        a["systems"].as_array_mut().unwrap().push(json!("crm"));
    });
    scene.scan(
        "scan-20261126T100000",
        &[
            scanned(
                "crm",
                &[
                    ("contacts.email", "pd:EmailAddress"),
                    ("deals.amount", "pd:Purchase"),
                    ("deals.date", "pd:Purchase"),
                ],
            ),
            // order-handling uses the webshop and lists order-history: no gap there.
            scanned("webshop", TRUE_TO_REGISTER),
        ],
    );
    let gaps = scene.gaps();
    let not_listed = of_kind(&gaps, "category-not-listed");
    assert_eq!(not_listed.len(), 1, "{gaps:#?}");
    assert_eq!(not_listed[0]["system"], "crm");
    assert_eq!(not_listed[0]["category"], "order-history");
    assert_eq!(
        locations(not_listed[0]),
        ["deals.amount pd:Purchase", "deals.date pd:Purchase"]
    );
    assert_eq!(
        not_listed[0]["change"]["file"],
        "activities/newsletter.json"
    );
}

#[test]
fn a_system_holding_personal_data_that_no_activity_names() {
    let scene = Scene::new();
    scene.add_system("archive", &["NL"]);
    scene.add_system("empty", &["NL"]);
    scene.scan(
        "scan-20261126T100000",
        &[
            scanned("archive", &[("old_orders.email", "pd:EmailAddress")]),
            scanned("empty", &[]),
            scanned("webshop", TRUE_TO_REGISTER),
        ],
    );
    let gaps = scene.gaps();
    let not_named = of_kind(&gaps, "system-not-named");
    assert_eq!(not_named.len(), 1, "{gaps:#?}");
    assert_eq!(not_named[0]["system"], "archive");
    // The activity listing what was found is the suggested one to change.
    assert_eq!(not_named[0]["change"]["file"], "activities/newsletter.json");
    assert!(gaps.iter().all(|g| g["system"] != "empty"), "{gaps:#?}");
}

#[test]
fn declared_categories_never_found_are_possibly_stale() {
    let scene = Scene::new();
    scene.scan(
        "scan-20261126T100000",
        &[scanned(
            "webshop",
            &[("customers.email", "pd:EmailAddress")],
        )],
    );
    let gaps = scene.gaps();
    let never = of_kind(&gaps, "never-found");
    assert_eq!(never.len(), 1, "{gaps:#?}");
    assert_eq!(never[0]["category"], "order-history");
    assert!(
        never[0]["message"]
            .as_str()
            .unwrap()
            .contains("possibly stale")
    );

    // A scan that failed part-way says nothing about what is missing.
    scene.scan(
        "scan-20261126T110000",
        &[Scanned {
            failed: true,
            ..scanned("webshop", &[("customers.email", "pd:EmailAddress")])
        }],
    );
    assert!(of_kind(&scene.gaps(), "never-found").is_empty());

    // Nor does one cut short by a limit.
    scene.scan(
        "scan-20261126T120000",
        &[Scanned {
            truncated: true,
            ..scanned("webshop", &[("customers.email", "pd:EmailAddress")])
        }],
    );
    assert!(of_kind(&scene.gaps(), "never-found").is_empty());

    // Data a scanner cannot see is vouched for by a manual inventory entry.
    scene.scan(
        "scan-20261126T130000",
        &[scanned(
            "webshop",
            &[("customers.email", "pd:EmailAddress")],
        )],
    );
    assert_eq!(of_kind(&scene.gaps(), "never-found").len(), 1);
    scene.edit("systems/webshop.json", |s| {
        s["inventory"].as_array_mut().unwrap().push(
            json!({"location": "paper archive", "dpv": "pd:Purchase", "category": "order-history",
                   "source": "manual", "accepted": "2026-01-01"}),
        );
    });
    assert!(of_kind(&scene.gaps(), "never-found").is_empty());
}

#[test]
fn inventory_entries_a_complete_scan_no_longer_finds() {
    let scene = Scene::new();
    scene.edit("systems/webshop.json", |s| {
        let inventory = s["inventory"].as_array_mut().unwrap();
        inventory.push(
            json!({"location": "customers.fax", "dpv": "pd:TelephoneNumber",
            "source": "scan-20250101T000000", "accepted": "2025-01-01"}),
        );
    });
    scene.scan(
        "scan-20261126T100000",
        &[scanned("webshop", TRUE_TO_REGISTER)],
    );
    let gaps = scene.gaps();
    let gone = of_kind(&gaps, "no-longer-found");
    // customers.email is found; the manual entry is never questioned.
    assert_eq!(gone.len(), 1, "{gaps:#?}");
    assert_eq!(locations(gone[0]), ["customers.fax pd:TelephoneNumber"]);
    assert_eq!(gone[0]["change"]["pointer"], "/inventory/1");

    scene.scan(
        "scan-20261126T110000",
        &[Scanned {
            truncated: true,
            ..scanned("webshop", TRUE_TO_REGISTER)
        }],
    );
    assert!(of_kind(&scene.gaps(), "no-longer-found").is_empty());
}

#[test]
fn special_criminal_and_national_id_data_the_statement_does_not_declare() {
    let scene = Scene::new();
    let found = [
        ("patients.diagnosis", "pd:Health"),
        ("employees.record", "pd:CriminalConviction"),
        ("customers.bsn", "pd:OfficialID"),
        ("customers.email", "pd:EmailAddress"),
    ];
    scene.scan("scan-20261126T100000", &[scanned("webshop", &found)]);
    let gaps = scene.gaps();
    for (kind, place) in [
        ("special-category", "patients.diagnosis pd:Health"),
        ("criminal-data", "employees.record pd:CriminalConviction"),
        ("national-id", "customers.bsn pd:OfficialID"),
    ] {
        let of = of_kind(&gaps, kind);
        assert_eq!(of.len(), 1, "{kind}: {gaps:#?}");
        assert_eq!(locations(of[0]), [place]);
    }
    let special = of_kind(&gaps, "special-category")[0]["message"]
        .as_str()
        .unwrap();
    assert!(
        special.contains("no special-category data at all"),
        "{special}"
    );

    // A public activity's category marked health data declares it.
    scene.edit("categories.json", |c| {
        c["categories"][1]["dpv"]
            .as_array_mut()
            .unwrap()
            .push(json!("pd:Health"));
        c["categories"][1]["special"] = json!("health");
    });
    scene.edit("activities/order-handling.json", |a| {
        a["special_category_conditions"] = json!([{"category": "order-history", "condition": "a"}]);
    });
    let gaps = scene.gaps();
    assert!(of_kind(&gaps, "special-category").is_empty(), "{gaps:#?}");
    assert_eq!(of_kind(&gaps, "criminal-data").len(), 1);
}

#[test]
fn data_in_a_system_outside_the_eea_the_statement_does_not_name() {
    let scene = Scene::new();
    scene.add_system("backup", &["US"]);
    scene.edit("activities/order-handling.json", |a| {
        a["public"] = json!(false);
        a["systems"].as_array_mut().unwrap().push(json!("backup"));
    });
    scene.scan(
        "scan-20261126T100000",
        &[
            scanned("backup", &[("dump.email", "pd:EmailAddress")]),
            scanned("webshop", TRUE_TO_REGISTER),
        ],
    );
    let out = scene.ropa(["gaps", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|_| panic!("{out}"));
    let gaps = report["gaps"].as_array().unwrap();
    let outside = of_kind(gaps, "outside-eea");
    assert_eq!(outside.len(), 1, "{gaps:#?}");
    assert_eq!(outside[0]["system"], "backup");
    assert_eq!(outside[0]["countries"], json!(["US"]));
    assert!(
        outside[0]["message"]
            .as_str()
            .unwrap()
            .contains("not processed outside the EU/EEA"),
        "{}",
        outside[0]
    );
    // The webshop runs in the Netherlands.
    assert!(
        gaps.iter()
            .all(|g| g["kind"] != "outside-eea" || g["system"] != "webshop")
    );
}

#[test]
fn the_json_report_follows_its_schema_and_ids_survive_a_rescan() {
    let scene = Scene::new();
    scene.add_system("archive", &["US"]);
    let found = [
        ("customers.name", "pd:Name"),
        ("refunds.iban", "pd:BankAccount"),
        ("patients.diagnosis", "pd:Health"),
    ];
    scene.scan(
        "scan-20261126T100000",
        &[
            scanned("webshop", &found),
            scanned("archive", &[("x.email", "pd:EmailAddress")]),
        ],
    );
    let out = scene.ropa(["gaps", "--format", "json"]);
    out.assert_code(0);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_root().join("schemas/gaps.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the gaps schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let kinds: std::collections::BTreeSet<&str> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    assert_eq!(report["scan"]["id"], "scan-20261126T100000");

    scene.scan(
        "scan-20261127T100000",
        &[
            scanned("webshop", &found),
            scanned("archive", &[("x.email", "pd:EmailAddress")]),
        ],
    );
    let again: Value =
        serde_json::from_str(&scene.ropa(["gaps", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        again["scan"]["id"], "scan-20261127T100000",
        "the latest scan is used"
    );
    assert_eq!(again["gaps"], report["gaps"]);
}

#[test]
fn check_exits_1_on_gaps_and_errors_name_what_is_missing() {
    let scene = Scene::new();
    let out = scene.ropa(["gaps"]);
    out.assert_code(2);
    assert!(out.stderr.contains("run `ropa scan` first"), "{out}");

    scene.scan(
        "scan-20261126T100000",
        &[scanned("webshop", &[("refunds.iban", "pd:BankAccount")])],
    );
    scene.ropa(["gaps"]).assert_code(0);
    let out = scene.ropa(["gaps", "--check"]);
    out.assert_code(1);
    assert!(out.stdout.contains("uncovered"), "{out}");

    let broken = scene.root.join("broken.json");
    std::fs::write(&broken, "{\"id\": \"scan-1\",\n \"systems\": 7}").unwrap();
    let out = scene.ropa(["gaps", "--findings", broken.to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("broken.json:"), "{out}");
}

/// The id and message of the branch's last commit.
pub(crate) fn head(scene: &Scene) -> (String, String) {
    let repo = git2::Repository::open(&scene.root).unwrap();
    let commit = repo.head().unwrap().peel_to_commit().unwrap();
    (
        commit.id().to_string(),
        commit.message().unwrap().to_owned(),
    )
}

#[test]
fn accept_all_records_findings_commits_naming_the_scan_and_is_idempotent() {
    let scene = Scene::new();
    scene.edit("systems/webshop.json", |s| {
        s["inventory"].as_array_mut().unwrap().push(json!({"location": "customers.fax",
            "dpv": "pd:TelephoneNumber", "source": "scan-20250101T000000", "accepted": "2025-01-01"}));
    });
    scene.commit();
    let activity_before = scene.read("activities/newsletter.json");
    scene.scan(
        "scan-20261126T100000",
        &[scanned(
            "webshop",
            &[
                ("customers.email", "pd:EmailAddress"),
                ("customers.name", "pd:Name"),
                ("orders.total", "pd:Purchase"),
                ("refunds.iban", "pd:BankAccount"),
            ],
        )],
    );
    let out = scene.ropa(["accept", "--all", "--author", AUTHOR]);
    out.assert_code(0);
    assert!(out.stdout.contains("committed"), "{out}");
    let (_, message) = head(&scene);
    assert!(
        message.starts_with("Accept scan scan-20261126T100000"),
        "{message}"
    );
    assert!(
        message.contains("customers.fax pd:TelephoneNumber removed"),
        "{message}"
    );

    let system: Value = serde_json::from_str(&scene.read("systems/webshop.json")).unwrap();
    let inventory: Vec<String> = system["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e["location"].as_str().unwrap(),
                e["dpv"].as_str().unwrap(),
                e["category"].as_str().unwrap_or("-"),
                e["source"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        inventory,
        [
            "customers.email pd:EmailAddress contact-details manual",
            "customers.name pd:Name contact-details scan-20261126T100000",
            "orders.total pd:Purchase order-history scan-20261126T100000",
            "refunds.iban pd:BankAccount - scan-20261126T100000",
        ]
    );
    // Each entry is one line of the file; nothing else of the register moved.
    assert!(scene.read("systems/webshop.json").contains(
        "{\"location\": \"orders.total\", \"dpv\": \"pd:Purchase\", \"category\": \"order-history\", \"source\": \"scan-20261126T100000\""
    ));
    assert_eq!(scene.read("activities/newsletter.json"), activity_before);
    scene.ropa(["validate"]).assert_code(0);

    // The bank account stays uncovered; everything else is closed.
    let gaps = scene.gaps();
    assert_eq!(gaps.len(), 1, "{gaps:#?}");
    assert_eq!(gaps[0]["kind"], "uncovered");
    assert!(gaps[0].get("accept").is_none());

    let before = snapshot(&scene.root.join("register"));
    let head_before = head(&scene);
    let out = scene.ropa(["accept", "--all", "--author", AUTHOR]);
    out.assert_code(0);
    assert!(out.stdout.contains("nothing to accept"), "{out}");
    assert_eq!(head(&scene), head_before);
    assert_eq!(
        snapshot_diff(&before, &snapshot(&scene.root.join("register"))),
        None
    );
}

#[test]
fn accept_links_a_category_and_activity_when_the_dpo_says_so() {
    let scene = Scene::new();
    scene.add_system("crm", &["NL"]);
    scene.commit();
    scene.scan(
        "scan-20261126T100000",
        &[scanned("crm", &[("contacts.street", "pd:PhysicalAddress")])],
    );
    let gaps = scene.gaps();
    let unrecorded = of_kind(&gaps, "unrecorded")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let not_named = of_kind(&gaps, "system-not-named")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The system-not-named gap needs the activity.
    let out = scene.ropa(["accept", &not_named, "--author", AUTHOR]);
    out.assert_code(1);
    assert!(out.stderr.contains("--activity"), "{out}");

    // A category that does not cover the kind is refused.
    let out = scene.ropa([
        "accept",
        &unrecorded,
        "--category",
        "order-history",
        "--author",
        AUTHOR,
    ]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("does not cover pd:PhysicalAddress"),
        "{out}"
    );

    let out = scene.ropa([
        "accept",
        &unrecorded,
        &not_named,
        "--category",
        "contact-details",
        "--activity",
        "newsletter",
        "--author",
        AUTHOR,
    ]);
    out.assert_code(0);
    let crm: Value = serde_json::from_str(&scene.read("systems/crm.json")).unwrap();
    assert_eq!(crm["inventory"][0]["category"], "contact-details");
    let newsletter = scene.read("activities/newsletter.json");
    assert!(
        newsletter.contains("\"webshop\",\n    \"crm\"")
            || newsletter.contains("\"webshop\", \"crm\""),
        "{newsletter}"
    );
    assert!(scene.gaps().is_empty(), "{:#?}", scene.gaps());
}

#[test]
fn accept_refuses_what_would_not_validate_and_writes_nothing() {
    let scene = Scene::new();
    scene.add_system("crm", &["NL"]);
    // Retention per data entry only: a category added without one is an error.
    scene.edit("activities/newsletter.json", |a| {
        let retention = a["retention"].take();
        a.as_object_mut().unwrap().remove("retention");
        a["data"][0]["retention"] = retention;
        a["systems"].as_array_mut().unwrap().push(json!("crm"));
    });
    scene.commit();
    scene.scan(
        "scan-20261126T100000",
        &[scanned("crm", &[("deals.amount", "pd:Purchase")])],
    );
    let gaps = scene.gaps();
    let not_listed = of_kind(&gaps, "category-not-listed")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = snapshot(&scene.root.join("register"));
    let head_before = head(&scene);
    let out = scene.ropa([
        "accept",
        &not_listed,
        "--activity",
        "newsletter",
        "--author",
        AUTHOR,
    ]);
    out.assert_code(1);
    assert!(out.stderr.contains("retention"), "{out}");
    assert!(out.stderr.contains("nothing was accepted"), "{out}");
    assert_eq!(
        snapshot_diff(&before, &snapshot(&scene.root.join("register"))),
        None
    );
    assert_eq!(head(&scene), head_before);

    // Unknown ids and gaps only a person can close are refused too.
    let out = scene.ropa(["accept", "gap-0000000000", "--author", AUTHOR]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("not a gap of scan scan-20261126T100000"),
        "{out}"
    );
    let never = of_kind(&gaps, "never-found");
    if let Some(gap) = never.first() {
        let out = scene.ropa(["accept", gap["id"].as_str().unwrap(), "--author", AUTHOR]);
        out.assert_code(1);
        assert!(out.stderr.contains("needs an edit by hand"), "{out}");
    }
    assert_eq!(
        snapshot_diff(&before, &snapshot(&scene.root.join("register"))),
        None
    );
}

#[test]
fn accept_refuses_to_sweep_uncommitted_edits_into_its_commit() {
    let scene = Scene::new();
    scene.scan(
        "scan-20261126T100000",
        &[scanned("webshop", &[("customers.name", "pd:Name")])],
    );
    scene.edit("activities/newsletter.json", |a| {
        a["owner"] = json!("Marketing")
    });
    let out = scene.ropa(["accept", "--all", "--author", AUTHOR]);
    out.assert_code(1);
    assert!(out.stderr.contains("activities/newsletter.json"), "{out}");
    assert!(out.stderr.contains("commit them first"), "{out}");
    // --dry-run shows the plan without touching anything.
    let out = scene.ropa(["accept", "--all", "--dry-run"]);
    out.assert_code(0);
    assert!(
        out.stdout
            .contains("customers.name pd:Name recorded as contact-details"),
        "{out}"
    );
}

/// The example register against its example systems, through the real
/// scanners: the demo's point is the bank account numbers ISMT's statement
/// does not declare.
#[test]
fn the_example_shows_the_undeclared_bank_account_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&workspace_root().join("register"), &root.join("register"));
    copy_dir(
        &workspace_root().join("example-systems"),
        &root.join("example-systems"),
    );
    let out = run(root, ["scan"], &[]);
    out.assert_code(0);
    let out = run(root, ["gaps", "--format", "json"], &[]);
    out.assert_code(0);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let gaps: Vec<String> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            format!(
                "{} {} {}",
                g["kind"].as_str().unwrap(),
                g["system"].as_str().unwrap_or("-"),
                locations(g).join(",")
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            "uncovered webshop refunds.iban pd:BankAccount",
            "uncovered webshop support_tickets.body pd:BankAccount",
        ]
    );
    run(root, ["gaps", "--check"], &[]).assert_code(1);
}
