//! Every example register — ISMT's in `register/` and the controllers of
//! other kinds under `examples/` — validates without errors, renders in each
//! of its languages, and every fact of it that the public is owed appears in
//! its statement: every public text, found by walking the register's files
//! (`texts`), and every structured fact, in the words the language's word
//! file gives it (`structured`). Nothing is typed here, so a fact the
//! statement drops fails the test whatever it says.
//!
//! The test also prints how much of each statement is the register's own
//! prose (`shares`): the sentences that tell a structured fact, those that
//! carry free text, and the fixed sentences of the templates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ropa_register::model::{Jurisdiction, Lang};
use serde_json::Value;

use crate::render::text_of;
use crate::util::{run, workspace_root};

/// The texts for the public, found in the register's files, and the ones
/// only the records tell.
mod texts;

/// Countries, periods, bases, rights, dates and names, in the words of
/// the statement's language.
mod structured;

/// A statement cut into sentences, and what each sentence is made of.
mod shares;

/// One fact the statement owes its reader, and where the register holds it.
#[derive(Debug, Clone)]
struct Fact {
    /// The file, relative to the register, e.g. `activities/support.json`.
    file: String,
    /// The JSON pointer of the value in that file.
    pointer: String,
    /// The fact as the statement must say it.
    text: String,
    kind: Kind,
}

/// What kind of fact it is; a sentence that tells it counts as such in
/// the shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A code, period, country or date in the word file's words, or a name:
    /// of the controller, a recipient, a category, a purpose, a law.
    Structured,
    /// The register's own prose: descriptions, examples, criteria, routes.
    Free,
}

impl Fact {
    /// The fact as a reader meets it: whitespace collapsed, and without a
    /// final full stop, which the statement's own sentence may put there.
    fn said(&self) -> String {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.trim_end_matches('.').to_owned()
    }
}

/// A register's files, read once, by their path inside the register.
struct Register {
    /// As the report names it: `register/`, `examples/uk-charity/`.
    name: String,
    dir: PathBuf,
    files: BTreeMap<String, Value>,
}

impl Register {
    fn read(dir: &Path) -> Register {
        let root = workspace_root();
        let name = format!("{}/", dir.strip_prefix(&root).unwrap_or(dir).display());
        let mut files = BTreeMap::new();
        for file in [
            "organisation.json",
            "categories.json",
            "subjects.json",
            "recipients.json",
        ] {
            files.insert(file.to_owned(), read(&dir.join(file)));
        }
        for folder in ["activities", "systems"] {
            for path in json_files(&dir.join(folder)) {
                let file = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
                files.insert(file, read(&path));
            }
        }
        Register {
            name,
            dir: dir.to_owned(),
            files,
        }
    }

    fn organisation(&self) -> &Value {
        &self.files["organisation.json"]
    }

    fn languages(&self) -> Vec<Lang> {
        self.organisation()["notice"]["languages"]
            .as_array()
            .expect("notice.languages")
            .iter()
            .map(|l| {
                l.as_str()
                    .and_then(Lang::from_code)
                    .expect("a known language")
            })
            .collect()
    }

    /// The law the register is kept under.
    fn jurisdiction(&self) -> Jurisdiction {
        serde_json::from_value(self.organisation()["jurisdiction"].clone()).expect("jurisdiction")
    }

    /// Every law the controller is subject to, the register's own first.
    fn jurisdictions(&self) -> Vec<Jurisdiction> {
        let also = items(&self.organisation()["also_under"]);
        std::iter::once(self.jurisdiction())
            .chain(also.map(|o| serde_json::from_value(o["jurisdiction"].clone()).expect("law")))
            .collect()
    }

    /// The activities the statement is about: public, and the controller's
    /// own. (A processor's activity is only named, with whom it is for.)
    fn told_activities(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.activities()
            .filter(|(_, a)| is_public(a) && !is_processors(a))
    }

    fn activities(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.files
            .iter()
            .filter(|(file, _)| file.starts_with("activities/"))
            .map(|(file, value)| (file.as_str(), value))
    }

    /// The catalogue entries the told activities use: the statement tells
    /// these, and no others.
    fn used(&self) -> Used {
        let mut used = Used::default();
        let ids = |list: &Value| -> Vec<String> {
            list.as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        for (_, activity) in self.told_activities() {
            for data in items(&activity["data"]) {
                used.categories
                    .extend(data["category"].as_str().map(str::to_owned));
            }
            used.subjects.extend(ids(&activity["subjects"]));
            for source in items(&activity["sources"]) {
                used.subjects.extend(ids(&source["subjects"]));
            }
            used.recipients.extend(ids(&activity["recipients"]));
            for transfer in items(&activity["transfers"]) {
                used.recipients
                    .extend(transfer["recipient"].as_str().map(str::to_owned));
            }
            used.systems.extend(ids(&activity["systems"]));
        }
        used
    }
}

/// Ids of the catalogue entries and systems the told activities use.
#[derive(Default)]
struct Used {
    categories: BTreeSet<String>,
    subjects: BTreeSet<String>,
    recipients: BTreeSet<String>,
    systems: BTreeSet<String>,
}

fn is_public(activity: &Value) -> bool {
    activity["public"] == Value::Bool(true)
}

fn is_processors(activity: &Value) -> bool {
    activity["role"] == "processor"
}

/// The items of a JSON array; none for anything else.
fn items(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

/// The example registers: ISMT's (the default register) and each under
/// `examples/`.
fn registers() -> Vec<Register> {
    let root = workspace_root();
    let mut dirs = vec![root.join("register")];
    let examples = root.join("examples");
    let mut more: Vec<PathBuf> = std::fs::read_dir(&examples)
        .unwrap_or_else(|e| panic!("{}: {e}", examples.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.join("organisation.json").is_file())
        .collect();
    more.sort();
    assert!(!more.is_empty(), "no example register under examples/");
    dirs.extend(more);
    dirs.iter().map(|dir| Register::read(dir)).collect()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of `value` in `lang`, when `value` is a localised text.
fn text<'a>(value: &'a Value, lang: &str) -> Option<&'a str> {
    value.get(lang).and_then(Value::as_str)
}

/// Every fact of the register the statement in `lang` owes its reader.
fn facts(register: &Register, lang: Lang) -> Vec<Fact> {
    let mut facts = texts::public(register, lang);
    facts.extend(structured::facts(register, lang));
    facts.retain(|f| !f.said().is_empty());
    facts
}

/// The facts `statement` (the text of the statement) does not say.
fn missing<'a>(facts: &'a [Fact], statement: &str) -> Vec<&'a Fact> {
    facts
        .iter()
        .filter(|f| {
            let said = f.said();
            // A phrase the statement makes a sentence of opens with a capital.
            let opening: String = said
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(said.chars().skip(1))
                .collect();
            !statement.contains(&said) && !statement.contains(&opening)
        })
        .collect()
}

/// The names a cited law has in languages other than `lang`, where it has
/// its own name in `lang`: a reader of `lang` must not meet them.
fn foreign_law_names(register: &Register, lang: &str) -> Vec<String> {
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
    walk(register.organisation(), lang, &mut out);
    for (_, activity) in register.activities() {
        walk(activity, lang, &mut out);
    }
    assert!(
        lang != "en" || !out.is_empty() || !register.name.ends_with("nl-municipality/"),
        "the municipality cites its laws in Dutch and English"
    );
    out
}

/// Every page of the register the statement in `lang` must link to: the
/// authority's page in that language and the text of every law it cites.
fn links(register: &Register, lang: &str) -> Vec<String> {
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
    let org = register.organisation();
    let authority = &org["supervisory_authority"]["url"];
    let mut out: Vec<String> = authority
        .as_str()
        .or_else(|| text(authority, lang))
        .map(str::to_owned)
        .into_iter()
        .collect();
    walk(&org["controller"], &mut out);
    walk(&org["rights"], &mut out);
    for (_, activity) in register.told_activities() {
        // The statement does not tell Art. 9 conditions yet: the
        // records carry them.
        walk(&activity["purposes"], &mut out);
        walk(&activity["retention"], &mut out);
        walk(&activity["data"], &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// The missing facts, one line each, by register and language.
fn report(missing: &BTreeMap<(String, String), Vec<Fact>>) -> String {
    let mut out = String::new();
    for ((register, lang), facts) in missing {
        out.push_str(&format!(
            "{register} ({lang}): {} fact(s) missing\n",
            facts.len()
        ));
        for f in facts {
            out.push_str(&format!("  - {} {}: {:?}\n", f.file, f.pointer, f.said()));
        }
    }
    out
}

/// Renders the statement of `register` in `lang` and the register's other
/// documents, checks the statement's laws and links, prints its shares,
/// and returns the facts it does not say.
fn examine(register: &Register, lang: Lang) -> Vec<Fact> {
    let reg = register.dir.display().to_string();
    let code = lang.code();
    let render = |args: &[&str]| {
        let mut all = vec!["--register", reg.as_str(), "render"];
        all.extend_from_slice(args);
        let out = run(&workspace_root(), all, &[]);
        out.assert_code(0);
        out.stdout
    };
    let html = render(&["statement", "--lang", code, "--format", "fragment"]);
    let statement = text_of(&html);
    let facts = facts(register, lang);
    println!(
        "{}",
        shares::Shares::of(&html, &facts).line(&register.name, code)
    );
    let foreign: Vec<String> = foreign_law_names(register, code)
        .into_iter()
        .filter(|name| statement.contains(name.as_str()))
        .collect();
    assert!(
        foreign.is_empty(),
        "{reg} ({code}): the statement names laws in another language: {foreign:?}"
    );
    let unlinked: Vec<String> = links(register, code)
        .into_iter()
        .filter(|url| !html.contains(&format!("href=\"{url}\"")))
        .collect();
    assert!(
        unlinked.is_empty(),
        "{reg} ({code}): the statement does not link to {unlinked:?}"
    );
    for format in ["md", "html"] {
        render(&["statement", "--lang", code, "--format", format]);
    }
    render(&["records", "--lang", code, "--format", "csv"]);
    missing(&facts, &statement).into_iter().cloned().collect()
}

#[test]
fn every_example_validates_and_its_statements_carry_every_fact_of_its_register() {
    // Facts missing from a statement, by register and language: all of
    // them fail the test, at once.
    let mut missing: BTreeMap<(String, String), Vec<Fact>> = BTreeMap::new();
    for register in registers() {
        let reg = register.dir.display().to_string();
        run(&workspace_root(), ["--register", &reg, "validate"], &[]).assert_code(0);
        for lang in register.languages() {
            let facts = examine(&register, lang);
            if !facts.is_empty() {
                missing.insert((register.name.clone(), lang.code().to_owned()), facts);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "statements lack facts of their registers (file, JSON pointer, as it must read):\n{}",
        report(&missing)
    );
}

/// The longest fixed piece of a sentence: what finds it in a statement
/// whatever its slots hold.
fn probe(sentence: &ropa_documents::sentence::Sentence) -> String {
    sentence
        .parts()
        .iter()
        .map(|p| p.text.trim())
        .max_by_key(|t| t.len())
        .unwrap_or_default()
        .to_owned()
}

/// No sentence without a fact: a fixed sentence that says something of the
/// controller appears only where its register holds the fact behind it (a
/// contract, consent, profiling, transfers, cookies, a date of change).
#[test]
fn no_template_sentence_is_told_without_the_fact_behind_it() {
    let mut checked = 0;
    for register in registers() {
        let reg = register.dir.display().to_string();
        let activities: Vec<&Value> = register.told_activities().map(|(_, a)| a).collect();
        let rests_on = |basis: &str| {
            activities.iter().any(|a| {
                items(&a["purposes"]).any(|p| items(&p["legal_bases"]).any(|b| b["basis"] == basis))
            })
        };
        let notice = &register.organisation()["notice"];
        let required_for_contract = items(&register.files["categories.json"]["categories"])
            .any(|c| c["provision"]["kind"] == "required_for_contract");
        let facts = [
            ("a purpose resting on a contract", rests_on("contract")),
            (
                "data required for a contract",
                rests_on("contract") || required_for_contract,
            ),
            ("a purpose resting on consent", rests_on("consent")),
            (
                "a purpose resting on legitimate interests",
                rests_on("legitimate_interests"),
            ),
            (
                "profiling",
                activities.iter().any(|a| a["profiling"]["exists"] == true),
            ),
            (
                "a transfer",
                activities
                    .iter()
                    .any(|a| items(&a["transfers"]).next().is_some()),
            ),
            (
                "no transfer",
                activities
                    .iter()
                    .all(|a| items(&a["transfers"]).next().is_none()),
            ),
            ("a cookie statement", !notice["cookie_statement"].is_null()),
            (
                "a date of change",
                !notice["last_changed"].is_null() || items(&notice["versions"]).next().is_some(),
            ),
        ];
        let holds = |fact: &str| facts.iter().any(|(f, h)| *f == fact && *h);
        for lang in register.languages() {
            let w = &ropa_documents::words::Words::under(lang, register.jurisdiction()).statement;
            let sentences: [(&str, String); 12] = [
                (
                    "a purpose resting on a contract",
                    probe(&w.legal_bases.contract.text),
                ),
                (
                    "data required for a contract",
                    probe(&w.required_data.intro_contract),
                ),
                (
                    "data required for a contract",
                    w.required_data.for_contract.clone(),
                ),
                (
                    "a purpose resting on consent",
                    w.legal_bases.consent.withdraw.clone(),
                ),
                (
                    "a purpose resting on consent",
                    w.withdrawing_consent.withdraw.clone(),
                ),
                (
                    "a purpose resting on legitimate interests",
                    probe(&w.legal_bases.legitimate_interests.text),
                ),
                ("profiling", probe(&w.profiling.uses)),
                ("profiling", w.profiling.data_types.clone()),
                ("a transfer", w.outside_eea.also_outside.clone()),
                ("no transfer", w.outside_eea.only_inside.clone()),
                ("a cookie statement", probe(&w.lead_with_cookies)),
                ("a date of change", w.changes_date.clone()),
            ];
            let html = run(
                &workspace_root(),
                [
                    "--register",
                    &reg,
                    "render",
                    "statement",
                    "--lang",
                    lang.code(),
                    "--format",
                    "fragment",
                ],
                &[],
            );
            html.assert_code(0);
            let statement = text_of(&html.stdout);
            for (fact, sentence) in &sentences {
                assert!(
                    sentence.len() > 12,
                    "{fact}: {sentence:?} is too short to find"
                );
                if !holds(fact) {
                    checked += 1;
                    assert!(
                        !statement.contains(sentence.as_str()),
                        "{reg} ({lang:?}): the statement says {sentence:?} and the register holds no {fact}:\n{statement}"
                    );
                }
            }
        }
    }
    // Every register holds some of the facts: the test must have judged
    // sentences it could not tell.
    assert!(
        checked > 5,
        "only {checked} sentences were checked for a missing fact"
    );
}
