//! The register's structured facts as the statement must say them: codes,
//! periods, countries and dates in the words of the language's word file
//! (through `ropa_documents::words`, the functions the statement itself
//! uses, so a word file's change of words needs no change here), and the
//! names the register writes as plain strings.
//!
//! What it expects follows the law, not the derivation: a country is owed
//! where data leaves the territory of a law the controller is under, a
//! period wherever a told activity keeps data for one, a basis wherever a
//! purpose rests on it.

use std::collections::BTreeSet;

use ropa_documents::statement::short_name;
use ropa_documents::words::Words;
use ropa_register::model::{Basis, Date, Jurisdiction, Lang, Right};
use serde_json::Value;

use super::{Fact, Kind, Register, items, text};

/// Every structured fact of `register` the statement in `lang` owes.
pub(super) fn facts(register: &Register, lang: Lang) -> Vec<Fact> {
    let mut facts = Facts {
        words: Words::under(lang, register.jurisdiction()),
        lang,
        out: Vec::new(),
    };
    facts.organisation(register.organisation());
    for (file, activity) in register.told_activities() {
        facts.activity(register, file, activity);
    }
    facts.recipients(register);
    facts.systems(register);
    let mut seen = BTreeSet::new();
    facts
        .out
        .into_iter()
        .filter(|f| seen.insert((f.file.clone(), f.pointer.clone(), f.text.clone())))
        .collect()
}

/// The facts found so far, and the words of the statement's language.
struct Facts {
    words: &'static Words,
    lang: Lang,
    out: Vec<Fact>,
}

impl Facts {
    fn add(&mut self, file: &str, pointer: String, text: Option<impl Into<String>>) {
        if let Some(text) = text {
            self.out.push(Fact {
                file: file.to_owned(),
                pointer,
                text: text.into(),
                kind: Kind::Structured,
            });
        }
    }

    /// Who the controller is and who else people deal with (Art. 13(1)(a),
    /// (b), 26, 27), the rights declared, how long a request takes, and
    /// when the statement last changed.
    fn organisation(&mut self, org: &Value) {
        const FILE: &str = "organisation.json";
        let controller = &org["controller"];
        let name = controller["name"].as_str();
        self.add(FILE, "/controller/name".into(), name);
        // Running text calls the controller by its short name: the
        // register's, or the name without its legal form.
        if text(&controller["short_name"], self.lang.code()).is_none() {
            self.add(FILE, "/controller/name".into(), name.map(short_name));
        }
        for part in ["street", "postcode", "city"] {
            let pointer = format!("/controller/address/{part}");
            self.add(FILE, pointer, controller["address"][part].as_str());
        }
        let kvk = controller["chamber_of_commerce"].as_str();
        self.add(FILE, "/controller/chamber_of_commerce".into(), kvk);
        self.add(
            FILE,
            "/representative/name".into(),
            org["representative"]["name"].as_str(),
        );
        for (i, other) in items(&org["also_under"]).enumerate() {
            let name = other["representative"]["name"].as_str();
            self.add(FILE, format!("/also_under/{i}/representative/name"), name);
        }
        for (i, joint) in items(&org["joint_controllers"]).enumerate() {
            self.add(
                FILE,
                format!("/joint_controllers/{i}/name"),
                joint["name"].as_str(),
            );
        }
        self.add(FILE, "/dpo/name".into(), org["dpo"]["name"].as_str());
        let marker = org["notice"]["form_fields"]["marker"].as_str();
        self.add(FILE, "/notice/form_fields/marker".into(), marker);
        let date = org["notice"]["last_changed"].as_str();
        let said = date.map(|d| self.words.date(&Date::from(d)));
        self.add(FILE, "/notice/last_changed".into(), said);
        let time = org["rights"]["response_time"].as_str();
        let said = time.map(|t| self.words.period(t));
        self.add(FILE, "/rights/response_time".into(), said);
        for (i, declared) in items(&org["rights"]["declared"]).enumerate() {
            let right: Right = serde_json::from_value(declared["right"].clone()).expect("a right");
            let said = self
                .words
                .statement
                .rights
                .of(&right)
                .map(|r| r.title.clone());
            self.add(FILE, format!("/rights/declared/{i}/right"), said);
        }
    }

    /// A told activity's bases (Art. 13(1)(c)), periods (13(2)(a)) and
    /// transfers (13(1)(f)).
    fn activity(&mut self, register: &Register, file: &str, activity: &Value) {
        for (i, purpose) in items(&activity["purposes"]).enumerate() {
            for (j, basis) in items(&purpose["legal_bases"]).enumerate() {
                let code: Basis = serde_json::from_value(basis["basis"].clone()).expect("a basis");
                let said = self.words.statement.legal_bases.title(&code).to_owned();
                self.add(
                    file,
                    format!("/purposes/{i}/legal_bases/{j}/basis"),
                    Some(said),
                );
            }
        }
        let period = activity["retention"]["period"].as_str();
        self.add(
            file,
            "/retention/period".into(),
            period.map(|p| self.words.period(p)),
        );
        for (i, data) in items(&activity["data"]).enumerate() {
            let period = data["retention"]["period"].as_str();
            let said = period.map(|p| self.words.period(p));
            self.add(file, format!("/data/{i}/retention/period"), said);
        }
        let laws = register.jurisdictions();
        for (i, transfer) in items(&activity["transfers"]).enumerate() {
            let Some(country) = country_code(&transfer["country"]) else {
                continue;
            };
            // Judged under the law it names, or every law of the register.
            let under: Vec<Jurisdiction> = match transfer.get("under") {
                Some(law) => vec![serde_json::from_value(law.clone()).expect("a law")],
                None => laws.clone(),
            };
            if under.iter().all(|law| law.is_home(country)) {
                continue;
            }
            let said = self.words.country(country);
            self.add(file, format!("/transfers/{i}/country"), Some(said));
            let decision = transfer["mechanisms"][0]["decision"].as_str();
            self.add(
                file,
                format!("/transfers/{i}/mechanisms/0/decision"),
                decision,
            );
        }
    }

    /// The recipients of the told activities: the name of each that
    /// publishes it (Art. 13(1)(e)), and each country outside the territory
    /// where one processes data of a told activity (13(1)(f)).
    fn recipients(&mut self, register: &Register) {
        const FILE: &str = "recipients.json";
        let used = register.used().recipients;
        let home = register.jurisdiction();
        for (i, recipient) in items(&register.files[FILE]["recipients"]).enumerate() {
            let id = recipient["id"].as_str().unwrap_or_default();
            if !used.contains(id) {
                continue;
            }
            if recipient["publish_name"] == Value::Bool(true) {
                self.add(
                    FILE,
                    format!("/recipients/{i}/name"),
                    recipient["name"].as_str(),
                );
            }
            // Told as where the recipient of an activity's data is, unless
            // the activity tells it as "worldwide" or the like.
            let listed = register.told_activities().any(|(_, a)| {
                items(&a["recipients"]).any(|r| r == id) && !reaches_beyond_countries(a, id)
            });
            for (k, country) in items(&recipient["countries"]).enumerate() {
                let Some(code) = country.as_str().filter(|c| listed && !home.is_home(c)) else {
                    continue;
                };
                let said = self.words.country(code);
                self.add(FILE, format!("/recipients/{i}/countries/{k}"), Some(said));
            }
        }
    }

    /// Where the systems of the told activities keep data outside the
    /// territory (Art. 13(1)(f)).
    fn systems(&mut self, register: &Register) {
        let used = register.used().systems;
        let home = register.jurisdiction();
        for id in used {
            let file = format!("systems/{id}.json");
            let Some(system) = register.files.get(&file) else {
                continue;
            };
            let host = system["hosted_by"].as_str().unwrap_or_default();
            let beyond = register
                .told_activities()
                .any(|(_, a)| reaches_beyond_countries(a, host));
            for (k, country) in items(&system["countries"]).enumerate() {
                let Some(code) = country.as_str().filter(|c| !beyond && !home.is_home(c)) else {
                    continue;
                };
                let said = self.words.country(code);
                self.add(&file, format!("/countries/{k}"), Some(said));
            }
        }
    }
}

/// A transfer's destination when it is a country (`US`), not a reach
/// (`worldwide`, `chosen_by_the_person`, `other_operators`).
fn country_code(destination: &Value) -> Option<&str> {
    destination
        .as_str()
        .filter(|d| d.chars().all(|c| c.is_ascii_uppercase()))
}

/// Whether `activity` transfers data to `recipient` to no one country
/// (`worldwide`, …): the statement then tells the transfer so, not the
/// recipient's countries.
fn reaches_beyond_countries(activity: &Value, recipient: &str) -> bool {
    items(&activity["transfers"])
        .any(|t| t["recipient"] == recipient && country_code(&t["country"]).is_none())
}
