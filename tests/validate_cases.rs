//! Data-driven `ropa validate` cases: each folder of `tests/cases/` (except
//! `base/`) changes a copy of the valid base register in one way, and its
//! `expected.txt` records the exit code and the exact output.
//!
//! `expected.txt` is `exit: N`, then stdout verbatim, then — only when ropa
//! wrote to stderr — a `--- stderr ---` line and stderr verbatim. Temporary
//! paths read `REGISTER` (the register) and `TMP` (the directory around it).
//!
//! `UPDATE_EXPECT=1 cargo test -p ropa --test e2e` rewrites the goldens from
//! what the binary prints. Review every change: a golden that records a wrong
//! or unhelpful diagnostic is a bug, not an expectation. The table below also
//! pins, per case, the exit code and the rule that must fire, so a rewrite
//! cannot quietly bless a case that stopped showing what it is about.

use std::path::Path;

use crate::util::{Prepared, base_dir, cases_dir, run, snapshot, snapshot_diff};

/// A case folder: its exit code, and texts its output (stdout or stderr)
/// must contain whatever the golden says; a text starting with `!` must not
/// appear.
struct Case {
    name: &'static str,
    exit: i32,
    shows: &'static [&'static str],
}

const fn case(name: &'static str, exit: i32, shows: &'static [&'static str]) -> Case {
    Case { name, exit, shows }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Files that are not JSON, or not one JSON object (S01).
    case("s01-trailing-comma", 1, &["error[S01]", "categories.json:", "trailing comma"]),
    case("s01-truncated", 1, &["error[S01]", "subjects.json:", "cut off"]),
    case("s01-bom", 1, &["error[S01]", "recipients.json:1:1", "byte-order mark"]),
    case("s01-invalid-utf8", 1, &["error[S01]", "categories.json:", "not valid UTF-8"]),
    case("s01-empty-file", 1, &["error[S01]", "subjects.json", "the file is empty"]),
    case("s01-two-documents", 1, &["error[S01]", "subjects.json:", "trailing characters"]),
    case("s02-duplicate-key", 1, &["subjects.json:", "the key \"children\" appears twice"]),
    case("s02-duplicate-key-in-config", 1, &["systems/webshop.json:", "tables"]),
    // Files that are JSON but not the register's shape (S02).
    case("s02-wrong-type", 1, &["error[S02]", "activities/order-handling.json:", "true or false"]),
    case("s02-missing-field", 1, &["error[S02]", "recipients.json:", "missing required field \"publish_name\""]),
    case("s02-unknown-field-typo", 1, &["error[S02]", "activities/order-handling.json:", "unknown field \"retentoin\"", "did you mean \"retention\"?"]),
    case("s02-wrong-schema-link", 1, &["error[S02]", "categories.json:2:", "activity.schema.json"]),
    case("s02-activity-file-name-invalid", 1, &["error[S02]", "activities/Order_Handling.json", "not a valid id"]),
    case("s03-duplicate-ids", 1, &["error[S03]", "categories.json:", "\"contact-details\" is used twice"]),
    case("s04-file-too-large", 1, &["error[S04]", "categories.json", "5242880 bytes"]),
    case("s05-symlink-outside", 1, &["error[S05]", "categories.json", "outside the register"]),
    case("s05-symlinked-directory", 1, &["error[S05]", "activities", "outside the register"]),
    case("s05-symlink-inside-is-followed", 0, &["REGISTER: 0 errors, 0 warnings: ok"]),
    case("s06-missing-file", 1, &["error[S06]", "subjects.json is missing"]),
    case("s10-data-and-network", 1, &["error[S10]", "(Art. 32(1))", "is granted sql and http together", "systems/webshop.json:"]),
    case("s10-data-and-network-allowed", 0, &["warning[S10]", "(Art. 32(1))", "may read data (sql) and reach the network"]),
    case("s07-stray-top-level-file", 0, &["warning[S07]", "categorie.json is not a register file"]),
    // The register cannot be read at all (exit 2).
    case("read-missing-register", 2, &["does not exist"]),
    case("read-unreadable-file", 2, &["REGISTER/organisation.json", "!is missing"]),
    case("read-no-register-files", 2, &["holds no register"]),
    // The legal rules, one case each.
    case("v01-purpose-without-legal-basis", 1, &["error[V01]", "(Art. 5(1)(b), 6(1), 13(1)(c), 14(1)(c))", "activities/order-handling.json:"]),
    case("v02-legal-obligation-without-reference", 1, &["error[V02]", "(Art. 6(3))"]),
    case("v03-legitimate-interests-without-interest", 1, &["error[V03]", "(Art. 6(1)(f), 13(1)(d), 14(2)(b), 5(2))"]),
    case("v04-public-authority-legitimate-interests", 1, &["error[V04]", "(Art. 6(1) second subparagraph)"]),
    case("v05-consent-without-proof", 1, &["error[V05]", "(Art. 7(1), 7(3), 13(2)(c), 14(2)(d))", "proof of consent"]),
    case("v10-special-category-without-condition", 1, &["error[V10]", "(Art. 6, 9(1)-(2))", "\"dietary-needs\" is special-category data"]),
    case("v11-health-condition-without-law", 1, &["error[V11]", "(Art. 9(2), 9(3))", "Art. 9(2)(h) needs the Union or Member State law", "bound by a duty of secrecy"]),
    case("v14-no-retention", 1, &["error[V14]", "(Art. 5(1)(e), 30(1)(f), 13(2)(a), 14(2)(a))", "no retention is recorded"]),
    case("v15-no-longer-than-necessary", 1, &["error[V15]", "(Art. 13(2)(a); WP29 WP260 rev.01 Annex)"]),
    case("v17-dangling-references", 1, &["error[V17]", "(Art. 30(1)(c)-(d))", "data category \"contact-detail\" does not exist", "recipient \"mail-provider\" does not exist", "data subject category \"customer\" does not exist", "system \"mailing-tool\" does not exist"]),
    case("v17-orphan", 0, &["warning[V17]", "(Art. 30(1)(c)-(d))", "data category \"payment-details\" is not used by any activity"]),
    case("v18-processor-without-agreement", 1, &["error[V18]", "(Art. 28(2)-(4))", "\"hosting-provider\" is a processor"]),
    case("v20-us-recipient-without-transfer", 1, &["error[V20]", "(Art. 44)", "outside the EEA"]),
    case("v21-two-mechanisms", 1, &["error[V21]", "(Art. 45-49)", "lists 2 mechanisms"]),
    case("v22-adequacy-without-decision", 1, &["error[V22]", "(Art. 45)", "no adequacy decision for IN"]),
    case("v23-us-adequacy-not-certified", 1, &["error[V23]", "(Art. 45; Decision (EU) 2023/1795)", "not recorded as DPF-certified"]),
    case("v26-recipient-without-countries", 1, &["error[V26]", "(Art. 13(1)(f), 5(1)(a))", "no countries of processing"]),
    case("v28-marketing-without-objection", 1, &["error[V28]", "(Art. 21(2)-(4))", "activities/newsletter.json:"]),
    case("v29-automated-decisions-incomplete", 1, &["error[V29]", "(Art. 22, 13(2)(f), 14(2)(g), 35(3)(a))", "all three Art. 22(3) safeguards", "a DPIA"]),
    case("v32-third-party-source-without-categories", 1, &["error[V32]", "(Art. 14(1)(d), 14(2)(f), 14(5))", "activities/order-handling.json:"]),
    case("v34-direct-collection-without-provision", 1, &["error[V34]", "(Art. 13(2)(e))", "whether they must provide it is not recorded"]),
    case("v40-missing-english-text", 1, &["error[V40]", "(Art. 12(1))", "the English text is missing"]),
    case("v41-authority-url-not-web-address", 1, &["error[V41]", "(Art. 13(1)(a), 13(2)(d), 77)", "is not a web address"]),
    // Known gaps, --strict and JSON output.
    case("gap-acknowledged", 0, &["warning[V05]", "known gap, acknowledged in the file:", "0 errors"]),
    case("gap-acknowledges-warning", 0, &["warning[V14]", "known gap, acknowledged in the file: Retention of internal order records", "!warning[S09]"]),
    case("gap-stale", 0, &["warning[S09]", "known gap V15 at /retention no longer occurs"]),
    case("gap-not-acknowledgeable", 1, &["error[V10]", "warning[S09]", "rule V10 (special categories have an Art. 9(2) condition) cannot be acknowledged"]),
    case("strict-warnings", 1, &["warning[S07]", "(--strict: warnings count as errors): FAILED"]),
    case("format-json-failing", 1, &["\"format_version\": 1", "\"rule\": \"V14\"", "\"ok\": false", "\"acknowledged\": \"Order history retention"]),
];

const EXPECTED: &str = "expected.txt";

/// What went wrong in one case.
#[derive(Default)]
struct Problems {
    /// A panic, a write to the register.
    hard: Vec<String>,
    /// The exit code, the table's texts and the golden.
    soft: Vec<String>,
}

/// Runs one case folder.
fn check_case(dir: &Path, spec: &Case, update: bool) -> Problems {
    let mut problems = Problems::default();
    let prepared = Prepared::new(dir);
    let args_file = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
    let extra: Vec<&str> = args_file
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();

    let before = snapshot(prepared.tmp.path());
    let mut args = vec![
        "validate".into(),
        "--register".into(),
        prepared.register.clone().into_os_string(),
    ];
    args.extend(extra.iter().map(Into::into));
    let out = run(prepared.tmp.path(), &args, &[]);
    let after = snapshot(prepared.tmp.path());

    if out.panicked() {
        problems.hard.push(format!("ropa panicked:\n{out}"));
    }
    if let Some(diff) = snapshot_diff(&before, &after) {
        problems
            .hard
            .push(format!("validate changed the register directory:\n{diff}"));
    }
    if out.code != Some(spec.exit) {
        problems.soft.push(format!(
            "exit code {:?}, the table says {}",
            out.code, spec.exit
        ));
    }
    let stdout = prepared.normalise(&out.stdout);
    let stderr = prepared.normalise(&out.stderr);
    for needle in spec.shows {
        let (wanted, needle) = match needle.strip_prefix('!') {
            Some(rest) => (false, rest),
            None => (true, *needle),
        };
        let shown = stdout.contains(needle) || stderr.contains(needle);
        if shown != wanted {
            problems.soft.push(if wanted {
                format!("the output does not show {needle:?}")
            } else {
                format!("the output shows {needle:?}, and must not")
            });
        }
    }

    let mut actual = format!("exit: {}\n{stdout}", out.code.unwrap_or(-1));
    if !stderr.is_empty() {
        actual.push_str("--- stderr ---\n");
        actual.push_str(&stderr);
    }
    let golden = dir.join(EXPECTED);
    if update {
        std::fs::write(&golden, &actual).expect("write expected.txt");
    } else {
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => problems.soft.push(format!(
                "output differs from {EXPECTED} (UPDATE_EXPECT=1 rewrites it; review the diff)\n--- expected ---\n{expected}--- actual ---\n{actual}"
            )),
            Err(err) => problems.soft.push(format!(
                "cannot read {EXPECTED}: {err}\n--- actual ---\n{actual}"
            )),
        }
    }
    problems
}

/// The case folders, sorted.
fn case_folders() -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/cases")
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "base")
        .collect();
    folders.sort();
    folders
}

fn spec(name: &str) -> Option<&'static Case> {
    CASES.iter().find(|c| c.name == name)
}

#[test]
fn every_case_matches_its_golden() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let folders = case_folders();
    let mut failures = Vec::new();
    for name in &folders {
        let Some(spec) = spec(name) else {
            failures.push(format!(
                "{name}: the folder is not in the CASES table of tests/validate_cases.rs"
            ));
            continue;
        };
        let dir = cases_dir().join(name);
        let problems = check_case(&dir, spec, update);
        for problem in problems.hard.into_iter().chain(problems.soft) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    for spec in CASES {
        if !folders.iter().any(|f| f == spec.name) {
            failures.push(format!(
                "{}: in the CASES table, but tests/cases/{0}/ is missing",
                spec.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in {} cases:\n\n{}",
        failures.len(),
        folders.len(),
        failures.join("\n\n")
    );
}

/// The base must be clean, or every case would carry its noise.
#[test]
fn the_base_register_is_clean() {
    for strict in [false, true] {
        let prepared = Prepared::base();
        let mut args = vec![
            "validate".into(),
            "--register".into(),
            prepared.register.clone().into_os_string(),
        ];
        if strict {
            args.push("--strict".into());
        }
        let out = run(prepared.tmp.path(), &args, &[]);
        out.assert_code(0);
        assert_eq!(
            prepared.normalise(&out.stdout),
            "REGISTER: 0 errors, 0 warnings: ok\n",
            "{out}"
        );
        assert_eq!(out.stderr, "", "{out}");
    }
}

/// Every `$schema` link in the case files points at a schema that exists, so
/// the files open with completion and checking in an editor.
#[test]
fn schema_links_in_the_cases_resolve() {
    fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&cases_dir(), &mut files);
    assert!(
        files.len() > 7,
        "expected the base and case files, found {files:?}"
    );
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in &files {
        // Some case files are broken on purpose; only check the ones that parse.
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let Some(link) = value.get("$schema").and_then(|s| s.as_str()) else {
            continue;
        };
        checked += 1;
        if !file.parent().expect("parent").join(link).is_file() {
            broken.push(format!("{}: {link}", file.display()));
        }
    }
    assert!(checked >= 7, "only {checked} files with a $schema link");
    assert!(
        broken.is_empty(),
        "$schema links that do not resolve:\n{}",
        broken.join("\n")
    );
    // And the base's own files are all checked.
    assert!(base_dir().join("activities").is_dir());
}

/// The check that validate wrote nothing sees every kind of change.
#[test]
fn the_write_check_sees_changes() {
    let prepared = Prepared::base();
    let reg = &prepared.register;
    let before = snapshot(prepared.tmp.path());
    assert_eq!(snapshot_diff(&before, &snapshot(prepared.tmp.path())), None);

    std::fs::write(reg.join("subjects.json"), "{}\n").unwrap();
    std::fs::remove_file(reg.join("systems/webshop.json")).unwrap();
    std::fs::write(reg.join("new.json"), "{}\n").unwrap();
    let diff = snapshot_diff(&before, &snapshot(prepared.tmp.path())).expect("a difference");
    assert!(diff.contains("changed: reg/subjects.json"), "{diff}");
    assert!(diff.contains("removed: reg/systems/webshop.json"), "{diff}");
    assert!(diff.contains("added: reg/new.json"), "{diff}");
}
