//! The example registers under `examples/`, each a fictional controller of
//! another kind than ISMT: each validates without errors, renders in each of
//! its languages, and every fact of its register that the public is owed
//! appears in its statement. The facts are read from the register's files,
//! not typed here, so a text the statement drops fails the test whatever it
//! says.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::render::text_of;
use crate::util::{run, workspace_root};

fn examples() -> Vec<PathBuf> {
    let dir = workspace_root().join("examples");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.join("organisation.json").is_file())
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no example register under examples/");
    all
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of `value` in `lang`, when `value` is a localised text.
fn text<'a>(value: &'a Value, lang: &str) -> Option<&'a str> {
    value.get(lang).and_then(Value::as_str)
}

/// A law in `lang`: one string for every language, or its name per language.
fn law<'a>(value: &'a Value, lang: &str) -> Option<&'a str> {
    value.as_str().or_else(|| text(&value["name"], lang))
}

/// Every fact of the register the public statement must carry, in `lang`:
/// the controller, the public activities' purposes, data, sources,
/// retention texts and laws, recipients, the rights declared and how to
/// exercise them, the complaint route. Whatever the register says of these
/// is read from its files.
fn facts(register: &Path, lang: &str) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    let mut add = |s: Option<&str>| {
        if let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) {
            // The statement ends a phrase with its own full stop.
            facts.push(s.trim_end_matches('.').to_owned());
        }
    };
    let org = read(&register.join("organisation.json"));
    let controller = &org["controller"];
    add(controller["name"].as_str());
    for part in ["street", "postcode", "city"] {
        add(controller["address"][part].as_str());
    }
    add(text(&org["scope"], lang));
    add(law(&controller["designated_by"], lang));
    add(text(&org["supervisory_authority"]["name"], lang));
    add(text(&org["notice"]["change_notification"], lang));
    let rights = &org["rights"];
    add(text(&rights["self_service"], lang));
    add(text(&rights["identity_verification"], lang));
    for channel in rights["channels"].as_array().into_iter().flatten() {
        add(text(&channel["label"], lang).or(channel["value"].as_str()));
    }
    for declared in rights["declared"].as_array().into_iter().flatten() {
        add(text(&declared["text"], lang));
        add(text(&declared["route"], lang));
        for limit in declared["limits"].as_array().into_iter().flatten() {
            add(text(&limit["text"], lang));
            add(law(&limit["law"], lang));
        }
    }
    if let Some(rep) = org["representative"].as_object() {
        add(rep.get("name").and_then(Value::as_str));
    }
    for other in org["also_under"].as_array().into_iter().flatten() {
        add(other["representative"]["name"].as_str());
        add(text(&other["supervisory_authority"]["name"], lang));
    }
    for joint in org["joint_controllers"].as_array().into_iter().flatten() {
        add(joint["name"].as_str());
        add(text(&joint["essence"], lang));
    }

    let mut public_categories = std::collections::BTreeSet::new();
    let mut public_recipients = std::collections::BTreeSet::new();
    let mut activities: Vec<PathBuf> = std::fs::read_dir(register.join("activities"))
        .expect("activities/")
        .map(|e| e.expect("an entry").path())
        .collect();
    activities.sort();
    for path in activities {
        let activity = read(&path);
        if activity["public"] != Value::Bool(true) {
            continue;
        }
        // Carried out for others: the statement names it and for whom,
        // and tells nothing of it as the controller's own.
        if activity["role"] == "processor" {
            add(text(&activity["name"], lang));
            add(text(&activity["processing_for"]["controllers"], lang));
            continue;
        }
        for purpose in activity["purposes"].as_array().into_iter().flatten() {
            add(text(&purpose["label"], lang));
            for basis in purpose["legal_bases"].as_array().into_iter().flatten() {
                add(text(&basis["legitimate_interest"], lang));
                add(law(&basis["legal_reference"], lang));
                add(text(&basis["contract"]["title"], lang));
            }
        }
        for data in activity["data"].as_array().into_iter().flatten() {
            public_categories.insert(data["category"].as_str().unwrap_or_default().to_owned());
        }
        let retentions = std::iter::once(&activity["retention"]).chain(
            activity["data"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| &d["retention"]),
        );
        for retention in retentions {
            add(text(&retention["criteria"], lang));
            add(text(&retention["start_event"], lang));
            add(law(&retention["legal_reference"], lang));
        }
        for source in activity["sources"].as_array().into_iter().flatten() {
            add(text(&source["description"], lang));
        }
        add(text(&activity["consent"]["mechanism"], lang));
        add(text(&activity["objection"]["description"], lang));
        for other in activity["profiling"]["by_others"]
            .as_array()
            .into_iter()
            .flatten()
        {
            add(text(&other["who"], lang));
            add(text(&other["description"], lang));
        }
        for recipient in activity["recipients"].as_array().into_iter().flatten() {
            public_recipients.insert(recipient.as_str().unwrap_or_default().to_owned());
        }
        for transfer in activity["transfers"].as_array().into_iter().flatten() {
            add(text(&transfer["copy_via"], lang));
            for mechanism in transfer["mechanisms"].as_array().into_iter().flatten() {
                add(mechanism["decision"].as_str());
            }
        }
    }
    for category in read(&register.join("categories.json"))["categories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| public_categories.contains(c["id"].as_str().unwrap_or_default()))
    {
        add(text(&category["label"], lang));
        add(text(&category["examples"], lang));
        add(text(&category["provision"]["consequence"], lang));
    }
    for recipient in read(&register.join("recipients.json"))["recipients"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| public_recipients.contains(r["id"].as_str().unwrap_or_default()))
    {
        add(text(&recipient["label"], lang));
        add(text(&recipient["description"], lang));
        if recipient["publish_name"] == Value::Bool(true) {
            add(recipient["name"].as_str());
        }
    }
    facts
}

/// The names a cited law has in languages other than `lang`, where it has
/// its own name in `lang`: a reader of `lang` must not meet them.
fn foreign_law_names(register: &Path, lang: &str) -> Vec<String> {
    fn walk(value: &Value, lang: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let names = &value["name"];
                    let own = text(names, lang);
                    if ["designated_by", "legal_reference", "law"].contains(&key.as_str())
                        && let (Some(own), Some(names)) = (own, names.as_object())
                    {
                        out.extend(
                            names
                                .values()
                                .filter_map(Value::as_str)
                                .filter(|n| !own.contains(n))
                                .map(str::to_owned),
                        );
                    }
                    walk(value, lang, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, lang, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&read(&register.join("organisation.json")), lang, &mut out);
    for entry in std::fs::read_dir(register.join("activities")).expect("activities/") {
        walk(&read(&entry.expect("an entry").path()), lang, &mut out);
    }
    assert!(
        lang != "en" || !out.is_empty() || !register.ends_with("nl-municipality"),
        "the municipality cites its laws in Dutch and English"
    );
    out
}

/// Every page of the register the statement in `lang` must link to: the
/// authority's page in that language and the text of every law it cites.
fn links(register: &Path, lang: &str) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                // A cited law: a name per language and where its text is.
                if map.contains_key("name")
                    && let Some(url) = map.get("url").and_then(Value::as_str)
                {
                    out.push(url.to_owned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let org = read(&register.join("organisation.json"));
    let authority = &org["supervisory_authority"]["url"];
    let mut out: Vec<String> = authority
        .as_str()
        .or_else(|| text(authority, lang))
        .map(str::to_owned)
        .into_iter()
        .collect();
    walk(&org["controller"], &mut out);
    walk(&org["rights"], &mut out);
    for entry in std::fs::read_dir(register.join("activities")).expect("activities/") {
        let activity = read(&entry.expect("an entry").path());
        if activity["public"] == Value::Bool(true) {
            // The statement does not tell Art. 9 conditions yet: the
            // records carry them.
            walk(&activity["purposes"], &mut out);
            walk(&activity["retention"], &mut out);
            walk(&activity["data"], &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_example_validates_and_its_statements_carry_every_fact_of_its_register() {
    for register in examples() {
        let reg = register.display().to_string();
        let out = run(&workspace_root(), ["--register", &reg, "validate"], &[]);
        out.assert_code(0);
        let org = read(&register.join("organisation.json"));
        let languages: Vec<String> = org["notice"]["languages"]
            .as_array()
            .expect("notice.languages")
            .iter()
            .map(|l| l.as_str().expect("a code").to_owned())
            .collect();
        let render = |args: &[&str]| {
            let mut all = vec!["--register", reg.as_str(), "render"];
            all.extend_from_slice(args);
            let out = run(&workspace_root(), all, &[]);
            out.assert_code(0);
            out
        };
        for lang in &languages {
            let lang = lang.as_str();
            let html = render(&["statement", "--lang", lang, "--format", "fragment"]);
            let statement = text_of(&html.stdout);
            let missing: Vec<String> = facts(&register, lang)
                .into_iter()
                .filter(|f| {
                    !statement.contains(&f.split_whitespace().collect::<Vec<_>>().join(" "))
                })
                .collect();
            assert!(
                missing.is_empty(),
                "{reg} ({lang}): the statement lacks {} fact(s) of its register:\n  - {}\n--- statement ---\n{statement}",
                missing.len(),
                missing.join("\n  - ")
            );
            let foreign: Vec<String> = foreign_law_names(&register, lang)
                .into_iter()
                .filter(|name| statement.contains(name.as_str()))
                .collect();
            assert!(
                foreign.is_empty(),
                "{reg} ({lang}): the statement names laws in another language: {foreign:?}"
            );
            let unlinked: Vec<String> = links(&register, lang)
                .into_iter()
                .filter(|url| !html.stdout.contains(&format!("href=\"{url}\"")))
                .collect();
            assert!(
                unlinked.is_empty(),
                "{reg} ({lang}): the statement does not link to {unlinked:?}"
            );
            for format in ["md", "html"] {
                render(&["statement", "--lang", lang, "--format", format]);
            }
            render(&["records", "--lang", lang, "--format", "csv"]);
        }
    }
}
