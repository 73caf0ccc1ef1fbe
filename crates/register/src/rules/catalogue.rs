//! Every rule ropa checks: its id, the articles it rests on, and whether a
//! DPO may acknowledge it as a known gap (see `KnownGap`).

/// A rule. `S..` are structural (a file must be readable and well-formed);
/// `V..` are the legal rules of the reference's §4, numbered as there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    S01,
    S02,
    S03,
    S04,
    S05,
    S06,
    S07,
    S09,
    S10,
    V01,
    V02,
    V03,
    V04,
    V05,
    V10,
    V11,
    V14,
    V15,
    V17,
    V18,
    V20,
    V21,
    V22,
    V23,
    V24,
    V26,
    V28,
    V29,
    V31,
    V32,
    V33,
    V34,
    V35,
    V40,
    V41,
    V42,
    V43,
}

struct Entry {
    rule: Rule,
    id: &'static str,
    article: &'static str,
    title: &'static str,
    acknowledgeable: bool,
}

const fn e(
    rule: Rule,
    id: &'static str,
    article: &'static str,
    title: &'static str,
    acknowledgeable: bool,
) -> Entry {
    Entry {
        rule,
        id,
        article,
        title,
        acknowledgeable,
    }
}

/// The catalogue, in rule order. `ropa rules` prints it.
const CATALOGUE: &[Entry] = &[
    e(
        Rule::S01,
        "S01",
        "",
        "a register file is well-formed UTF-8 JSON",
        false,
    ),
    e(
        Rule::S02,
        "S02",
        "",
        "a register file matches its JSON Schema",
        false,
    ),
    e(
        Rule::S03,
        "S03",
        "",
        "ids are unique within their catalogue",
        false,
    ),
    e(
        Rule::S04,
        "S04",
        "",
        "a register file is at most 4 MiB",
        false,
    ),
    e(
        Rule::S05,
        "S05",
        "",
        "no file links outside the register",
        false,
    ),
    e(
        Rule::S06,
        "S06",
        "",
        "organisation, categories, subjects and recipients files exist",
        false,
    ),
    e(
        Rule::S07,
        "S07",
        "",
        "no stray files where register files belong",
        false,
    ),
    e(
        Rule::S09,
        "S09",
        "",
        "every acknowledged known gap still occurs",
        false,
    ),
    e(
        Rule::S10,
        "S10",
        "Art. 32(1)",
        "a scan is granted personal data and the network together only when its system says so",
        false,
    ),
    e(
        Rule::V01,
        "V01",
        "Art. 5(1)(b), 6(1), 13(1)(c), 14(1)(c)",
        "every activity has a purpose, every purpose a legal basis",
        true,
    ),
    e(
        Rule::V02,
        "V02",
        "Art. 6(3)",
        "legal obligation and public task name the law",
        true,
    ),
    e(
        Rule::V03,
        "V03",
        "Art. 6(1)(f), 13(1)(d), 14(2)(b), 5(2)",
        "legitimate interests are stated (and assessed)",
        true,
    ),
    e(
        Rule::V04,
        "V04",
        "Art. 6(1) second subparagraph",
        "public authorities do not rely on legitimate interests",
        false,
    ),
    e(
        Rule::V05,
        "V05",
        "Art. 7(1), 7(3), 13(2)(c), 14(2)(d)",
        "consent has a withdrawal channel and proof",
        true,
    ),
    e(
        Rule::V10,
        "V10",
        "Art. 6, 9(1)-(2)",
        "special categories have an Art. 9(2) condition",
        false,
    ),
    e(
        Rule::V11,
        "V11",
        "Art. 9(2), 9(3)",
        "Art. 9(2)(b), (g)-(j) conditions name the law",
        true,
    ),
    e(
        Rule::V14,
        "V14",
        "Art. 5(1)(e), 30(1)(f), 13(2)(a), 14(2)(a)",
        "every data category has a retention rule",
        true,
    ),
    e(
        Rule::V15,
        "V15",
        "Art. 13(2)(a); WP29 WP260 rev.01 Annex",
        "retention is concrete, not \"no longer than necessary\"",
        true,
    ),
    e(
        Rule::V17,
        "V17",
        "Art. 30(1)(c)-(d)",
        "references between files resolve",
        false,
    ),
    e(
        Rule::V18,
        "V18",
        "Art. 28(2)-(4)",
        "processors have a processing agreement",
        true,
    ),
    e(
        Rule::V20,
        "V20",
        "Art. 44",
        "recipients outside the EEA have a transfer entry",
        false,
    ),
    e(
        Rule::V21,
        "V21",
        "Art. 45-49",
        "each transfer has exactly one mechanism",
        false,
    ),
    e(
        Rule::V22,
        "V22",
        "Art. 45",
        "adequacy matches the destination",
        false,
    ),
    e(
        Rule::V23,
        "V23",
        "Art. 45; Decision (EU) 2023/1795",
        "US adequacy needs a DPF-certified recipient",
        false,
    ),
    e(
        Rule::V24,
        "V24",
        "Art. 13(1)(f), 14(1)(f)",
        "safeguard transfers say how to get a copy",
        true,
    ),
    e(
        Rule::V26,
        "V26",
        "Art. 13(1)(f), 5(1)(a)",
        "where data is processed is known for every recipient",
        true,
    ),
    e(
        Rule::V28,
        "V28",
        "Art. 21(2)-(4)",
        "direct marketing states the absolute right to object",
        true,
    ),
    e(
        Rule::V29,
        "V29",
        "Art. 22, 13(2)(f), 14(2)(g), 35(3)(a)",
        "significant automated decisions have exception, safeguards, explanation and DPIA",
        false,
    ),
    e(
        Rule::V31,
        "V31",
        "Art. 13(2)(f), 21",
        "profiling comes with a statement on automated decisions",
        true,
    ),
    e(
        Rule::V32,
        "V32",
        "Art. 14(1)(d), 14(2)(f), 14(5)",
        "data from elsewhere names its source and categories",
        true,
    ),
    e(
        Rule::V33,
        "V33",
        "Art. 14",
        "people whose data others supply are informed",
        true,
    ),
    e(
        Rule::V34,
        "V34",
        "Art. 13(2)(e)",
        "directly collected data says whether it is required",
        true,
    ),
    e(
        Rule::V35,
        "V35",
        "Art. 37(1), 37(7), 13(1)(b)",
        "the DPO, or why there is none, is recorded",
        true,
    ),
    e(
        Rule::V40,
        "V40",
        "Art. 12(1)",
        "every public text exists in every published language",
        false,
    ),
    e(
        Rule::V41,
        "V41",
        "Art. 13(1)(a), 13(2)(d), 77",
        "the controller and the supervisory authority can be reached",
        false,
    ),
    e(
        Rule::V42,
        "V42",
        "Art. 30(1)(g), 32",
        "security measures are described",
        true,
    ),
    e(
        Rule::V43,
        "V43",
        "AP recommendation 4 (2018)",
        "each activity names the systems holding its data",
        true,
    ),
];

impl Rule {
    fn entry(self) -> &'static Entry {
        CATALOGUE
            .iter()
            .find(|e| e.rule == self)
            .expect("every rule is in the catalogue")
    }

    pub fn id(self) -> &'static str {
        self.entry().id
    }

    pub fn article(self) -> &'static str {
        self.entry().article
    }

    pub fn title(self) -> &'static str {
        self.entry().title
    }

    /// Whether a `known_gaps` entry may turn this rule's errors into warnings.
    pub fn acknowledgeable(self) -> bool {
        self.entry().acknowledgeable
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        CATALOGUE.iter().find(|e| e.id == id).map(|e| e.rule)
    }

    pub fn all() -> impl Iterator<Item = Rule> {
        CATALOGUE.iter().map(|e| e.rule)
    }

    /// The severity of findings that are not explicitly a warning.
    pub fn default_severity(self) -> crate::diagnostic::Severity {
        match self {
            Rule::S07 | Rule::S09 => crate::diagnostic::Severity::Warning,
            _ => crate::diagnostic::Severity::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_in_order_and_ids_match_names() {
        let rules: Vec<Rule> = Rule::all().collect();
        let mut sorted = rules.clone();
        sorted.sort();
        assert_eq!(rules, sorted);
        for rule in rules {
            assert_eq!(format!("{rule:?}"), rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
    }
}
