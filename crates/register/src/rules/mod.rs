//! The legal rules a schema cannot express (reference §4), and the
//! structural ones every register file must pass.
//!
//! One file per rule, named after it (`v15_vague_retention.rs`): its
//! declaration ([`declare::rule!`]) holds the id, title, articles, severity,
//! whether a DPO may acknowledge it, and its documentation; its check
//! function sits beside it. The list below is the only place that names
//! them all: adding a rule is its file and one line here, and one case
//! folder in `tests/cases/` (a test fails without one).
//!
//! Each check is a function over a whole [`Register`] that reports
//! [`Finding`]s; it does no IO. Findings name a file and a JSON pointer;
//! `validate` turns them into located diagnostics. The structural rules are
//! checked where the files are read; their files document them and say where.

pub(crate) mod declare;

use rustc_hash::FxHashMap;

use crate::diagnostic::Severity;
use crate::register::{FileRef, Register};
use declare::{Check, RuleDef};

declare::registry! {
    S01 => s01_well_formed_json,
    S02 => s02_schema,
    S03 => s03_unique_ids,
    S04 => s04_file_size,
    S05 => s05_links_inside,
    S06 => s06_required_files,
    S07 => s07_stray_files,
    S09 => s09_stale_gaps,
    S10 => s10_data_and_network,
    S11 => s11_system_kind_name,
    V01 => v01_purpose_and_basis,
    V02 => v02_law_for_obligation_or_task,
    V03 => v03_legitimate_interests,
    V04 => v04_public_authority_interests,
    V05 => v05_consent_records,
    V10 => v10_special_category_condition,
    V11 => v11_special_category_law,
    V14 => v14_retention,
    V15 => v15_vague_retention,
    V17 => v17_references,
    V18 => v18_processing_agreement,
    V19 => v19_joint_controllers,
    V20 => v20_transfer_outside_eea,
    V21 => v21_transfer_mechanisms,
    V22 => v22_adequacy_decision,
    V23 => v23_us_certification,
    V24 => v24_safeguard_copy,
    V26 => v26_recipient_countries,
    V27 => v27_declared_rights,
    V28 => v28_marketing_objection,
    V29 => v29_automated_decisions,
    V31 => v31_profiling_statement,
    V32 => v32_indirect_sources,
    V33 => v33_other_persons,
    V34 => v34_provision,
    V35 => v35_dpo,
    V36 => v36_representative,
    V40 => v40_translations,
    V41 => v41_contact,
    V42 => v42_security_measures,
    V43 => v43_systems,
    V45 => v45_processor_activities,
    V49 => v49_dpv_vocabulary,
    V50 => v50_placeholders,
    V51 => v51_response_time,
    V52 => v52_public_texts,
    V53 => v53_data_items,
    V54 => v54_criminal_data,
    V55 => v55_added_sections,
    V56 => v56_flags_follow_dpv,
    V57 => v57_group_controllers,
}

impl Rule {
    /// The rule's declaration.
    pub(crate) fn def(self) -> &'static RuleDef {
        DEFS[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.def().id
    }

    pub fn article(self) -> &'static str {
        self.def().articles
    }

    pub fn title(self) -> &'static str {
        self.def().title
    }

    /// Whether a `known_gaps` entry may turn this rule's errors into warnings.
    pub fn acknowledgeable(self) -> bool {
        self.def().acknowledgeable
    }

    /// The rule with exactly this id (`V15`).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::all().find(|r| r.id() == id)
    }

    /// Every rule, in id order. `ropa rules` prints them.
    pub fn all() -> impl Iterator<Item = Rule> {
        DEFS.iter().map(|d| d.rule)
    }

    /// The severity of findings that are not explicitly a warning.
    pub fn default_severity(self) -> Severity {
        self.def().severity
    }

    /// The documentation of the declaration, as `ropa rules <ID>` prints it.
    pub fn documentation(self) -> String {
        // A doc comment `/// text` arrives as " text".
        self.def()
            .doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Where the check runs, when it is not in [`check`]: the structural
    /// rules are checked as the files are read.
    pub fn checked_elsewhere(self) -> Option<&'static str> {
        match self.def().check {
            Check::Elsewhere(place) => Some(place),
            Check::Document(_) => {
                Some("load.rs, on each file as it is parsed (`rules::check_document`)")
            }
            Check::Register(_) => None,
        }
    }
}

/// A rule's verdict on one place of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub file: FileRef,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
    /// The fact behind it, when the rule reports one fact in every place
    /// it shows in (see [`Cause`]).
    pub cause: Option<Cause>,
}

/// The one fact behind findings a rule makes in many places: a recipient
/// that is not certified shows under every transfer to it, in every
/// activity. Findings of one rule with the same cause are shown as one
/// problem with the list of its places; so their message and help must be
/// the same, naming the fact and not the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// Names the fact in words that stay the same from run to run
    /// (`recipient mail-provider, US, not DPF-certified`), never a place
    /// that shows it.
    pub key: String,
    /// Where one edit fixes it for every place, when there is such a place.
    pub fixed_at: Option<(FileRef, String)>,
}

impl Cause {
    /// A fact fixed in each place it shows in, or nowhere in the register
    /// (there is no adequacy decision for a country).
    pub(crate) fn named(key: impl Into<String>) -> Cause {
        Cause {
            key: key.into(),
            fixed_at: None,
        }
    }

    /// A fact fixed once, at `pointer` of `file`.
    pub(crate) fn fixed_at(
        key: impl Into<String>,
        file: FileRef,
        pointer: impl Into<String>,
    ) -> Cause {
        Cause {
            key: key.into(),
            fixed_at: Some((file, pointer.into())),
        }
    }
}

/// Runs every rule over the register. The translation rule (V40) runs
/// earlier, file by file, as the loader parses them ([`check_document`]);
/// the structural rules as the files are read.
pub fn check(register: &Register) -> Vec<Finding> {
    // The references take about as long as all the other rules together,
    // so they are checked on a core of their own beside them.
    const ALONE: Rule = Rule::V17;
    let run = |rule: Rule, out: &mut Findings| {
        if let Check::Register(check) = rule.def().check {
            check(register, out);
        }
    };
    let (alone, others) = std::thread::scope(|scope| {
        let alone = scope.spawn(|| {
            let mut out = Findings::default();
            run(ALONE, &mut out);
            out.0
        });
        let mut out = Findings::default();
        for rule in Rule::all().filter(|&r| r != ALONE) {
            run(rule, &mut out);
        }
        let alone = alone
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (alone, out.0)
    });
    let mut findings = alone;
    findings.extend(others);
    findings
}

/// Runs the rules that check one file as written (V40, V50) on its parsed JSON,
/// while the loader still holds it.
pub(crate) fn check_document(
    file: &FileRef,
    document: &serde_json::Value,
    languages: &[crate::model::Lang],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for def in DEFS {
        if let Check::Document(check) = def.check {
            findings.extend(check(file, document, languages));
        }
    }
    findings
}

/// Collects findings; the helpers keep the checks short. Also counts them
/// per file, so that a check can spare the words of findings that will not
/// be shown (see [`Findings::full`]).
#[derive(Default)]
pub(crate) struct Findings(Vec<Finding>, FxHashMap<FileRef, usize>);

impl Findings {
    /// Whether `file` already has as many findings as are shown per file
    /// (`diagnostic::MAX_PER_FILE`): the next ones are only counted, so
    /// their message need not be worked out at length.
    fn full(&self, file: &FileRef) -> bool {
        self.1
            .get(file)
            .is_some_and(|&n| n >= crate::diagnostic::MAX_PER_FILE)
    }

    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        *self.1.entry(file.clone()).or_default() += 1;
        self.0.push(Finding {
            rule,
            severity,
            file: file.clone(),
            pointer: pointer.into(),
            message: message.into(),
            help: help.into(),
            cause: None,
        });
    }

    /// The next finding is one of `cause`'s places:
    /// `out.because(cause).error(…)`.
    fn because(&mut self, cause: Cause) -> Because<'_> {
        Because { out: self, cause }
    }

    fn error(
        &mut self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            rule,
            Severity::Error,
            file,
            pointer,
            message,
            Some(help.into()),
        );
    }

    fn warning(
        &mut self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(
            rule,
            Severity::Warning,
            file,
            pointer,
            message,
            Some(help.into()),
        );
    }
}

/// Reports one finding of a [`Cause`]; see [`Findings::because`].
pub(crate) struct Because<'a> {
    out: &'a mut Findings,
    cause: Cause,
}

impl Because<'_> {
    fn push(
        self,
        rule: Rule,
        severity: Severity,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.out
            .push(rule, severity, file, pointer, message, Some(help.into()));
        if let Some(last) = self.out.0.last_mut() {
            last.cause = Some(self.cause);
        }
    }

    fn error(
        self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(rule, Severity::Error, file, pointer, message, help);
    }

    fn warning(
        self,
        rule: Rule,
        file: &FileRef,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(rule, Severity::Warning, file, pointer, message, help);
    }
}

/// `activities/<id>.json` for each activity, with its id.
fn activities(
    register: &Register,
) -> impl Iterator<Item = (FileRef, &crate::model::Id, &crate::model::ActivityFile)> {
    register
        .activities
        .iter()
        .map(|(id, a)| (FileRef::Activity(id.clone()), id, a))
}

/// The activities the organisation is controller of: the duties of a
/// controller (a legal basis, informing people, retention it decides) are
/// theirs, not those of activities carried out for customers (V45).
fn own_activities(
    register: &Register,
) -> impl Iterator<Item = (FileRef, &crate::model::Id, &crate::model::ActivityFile)> {
    activities(register).filter(|(_, _, a)| a.is_own())
}

/// Each transfer of `activity`, with its index, under each law it is
/// judged under (`Transfer::under`, else every law of the register).
fn judged_transfers<'a>(
    register: &'a Register,
    activity: &'a crate::model::ActivityFile,
) -> impl Iterator<Item = (usize, &'a crate::model::Transfer, ropa_law::Jurisdiction)> {
    activity
        .transfers
        .iter()
        .enumerate()
        .flat_map(|(i, transfer)| {
            register
                .organisation
                .laws_of(transfer)
                .into_iter()
                .map(move |law| (i, transfer, law))
        })
}

/// Whether an optional field is absent or blank.
fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// A public text that is absent altogether (a missing translation is V40's business).
fn text_missing(text: &Option<crate::model::Text>) -> bool {
    text.as_ref().is_none_or(crate::model::Text::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_in_order_and_ids_match_names() {
        let rules: Vec<Rule> = Rule::all().collect();
        let mut sorted = rules.clone();
        sorted.sort();
        assert_eq!(rules, sorted);
        for rule in rules {
            assert_eq!(format!("{rule:?}"), rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
    }

    /// What `ropa rules <ID>` prints must answer what a maintainer and a DPO
    /// ask of a rule, in the same order for every rule.
    #[test]
    fn every_rule_is_documented_in_the_same_sections() {
        const SECTIONS: &[&str] = &[
            "## What it checks",
            "## Why",
            "## Example",
            "## How to fix",
            "## Reference",
        ];
        for rule in Rule::all() {
            let doc = rule.documentation();
            let mut from = 0;
            for section in SECTIONS {
                let at = doc[from..].find(section).unwrap_or_else(|| {
                    panic!("{}: no \"{section}\" after byte {from}:\n{doc}", rule.id())
                });
                from += at + section.len();
            }
            let reference = &doc[doc.find("## Reference").unwrap_or_default()..];
            assert!(
                reference.contains(&format!("]({REFERENCE}#")),
                "{}: the reference section links no section of {REFERENCE}",
                rule.id()
            );
            assert!(!rule.title().is_empty(), "{}: no title", rule.id());
        }
    }

    /// The README's list of the rules that cannot be acknowledged is the
    /// registry's, so it cannot go stale; `UPDATE_README=1` rewrites it.
    #[test]
    fn readme_lists_the_rules_that_cannot_be_acknowledged() {
        const START: &str = "<!-- not-acknowledgeable:";
        const END: &str = "<!-- end not-acknowledgeable -->";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md");
        let start = readme
            .find(START)
            .expect("README.md marks the list's start");
        let start = start + readme[start..].find('\n').expect("a line after the marker") + 1;
        let end = start
            + readme[start..]
                .find(END)
                .expect("README.md marks the list's end");
        let list: String = Rule::all()
            .filter(|r| !r.acknowledgeable())
            .map(|r| format!("- `{}` {}\n", r.id(), r.title()))
            .collect();
        if readme[start..end] == list {
            return;
        }
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{list}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).expect("README.md is written");
        } else {
            panic!(
                "README.md's list of the rules that cannot be acknowledged differs from the rule declarations; run UPDATE_README=1 cargo test -p ropa-register readme_lists_the_rules_that_cannot_be_acknowledged\nexpected:\n{list}"
            );
        }
    }

    /// The legal reference the rules cite, from the repository root.
    const REFERENCE: &str = "docs/gdpr-register-model.md";
    const REFERENCE_TEXT: &str = include_str!("../../../../docs/gdpr-register-model.md");

    /// Every link of a rule's documentation into the legal reference lands
    /// on one of its headings (their anchors as GitHub makes them).
    #[test]
    fn links_into_the_reference_land_on_a_heading() {
        let anchors: Vec<String> = REFERENCE_TEXT
            .lines()
            .filter_map(|l| l.strip_prefix('#'))
            .map(|heading| {
                heading
                    .trim_start_matches('#')
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect()
            })
            .collect();
        let target = format!("]({REFERENCE}#");
        for rule in Rule::all() {
            let doc = rule.documentation();
            for (at, _) in doc.match_indices(&target) {
                let rest = &doc[at + target.len()..];
                let anchor = &rest[..rest.find(')').expect("a closing parenthesis")];
                assert!(
                    anchors.iter().any(|a| a == anchor),
                    "{}: #{anchor} is no heading of {REFERENCE}",
                    rule.id()
                );
            }
        }
    }

    /// Each legal rule links the row of the reference's §4 that bears its id,
    /// that row names the same articles' first one, and the rule's
    /// documentation cites it.
    #[test]
    fn legal_rules_cite_their_row_of_the_reference() {
        let section = &REFERENCE_TEXT[REFERENCE_TEXT
            .find("## 4. Semantic validation rules")
            .expect("§4 in the reference")..];
        for rule in Rule::all().filter(|r| r.id().starts_with('V')) {
            let id = rule.id();
            let doc = rule.documentation();
            assert!(
                doc.contains(&format!(
                    "[§4, row {id}]({REFERENCE}#4-semantic-validation-rules-beyond-json-schema)"
                )),
                "{id} does not link its row of §4"
            );
            let row = section
                .lines()
                .find(|l| l.starts_with(&format!("| {id} |")))
                .unwrap_or_else(|| panic!("§4 of the reference has no row {id}"));
            // "Art. 5(1)(b), 6(1)" → "5(1)(b)"; "AP recommendation 4 (2018)" → "AP".
            let first = rule
                .article()
                .trim_start_matches("Art. ")
                .split([',', ';', ' '])
                .next()
                .unwrap_or_default();
            assert!(
                row.contains(first),
                "{id}: \"{first}\" is not in the row {row}"
            );
            // And the documentation cites it (at least its paragraph, "21(2)"
            // of "21(2)-(4)") where it says what the rule checks and why.
            let paragraph = first.split_inclusive(')').next().unwrap_or(first);
            let body = &doc[..doc.find("## Example").unwrap_or_default()];
            assert!(
                body.contains(paragraph),
                "{id}: the documentation does not cite {paragraph}"
            );
        }
    }

    /// Where a check runs outside [`check`], the declaration says where.
    #[test]
    fn checks_that_run_elsewhere_say_where() {
        for rule in Rule::all() {
            match rule.def().check {
                Check::Elsewhere(place) => assert!(place.contains(".rs"), "{}: {place}", rule.id()),
                Check::Document(_) => assert!(matches!(rule, Rule::V40 | Rule::V50)),
                Check::Register(_) => {}
            }
        }
    }
}
