//! Hostile register files: a file may hold a million problems, be nested a
//! hundred thousand deep or be one line of megabytes. `ropa validate` shows
//! at most `MAX_PER_FILE` diagnostics per file and counts the rest in one
//! more, and never crashes. (How fast it is on such files is measured by
//! `cargo bench -p ropa --bench validate`, not here.)

use std::path::Path;

use serde_json::Value;

use crate::util::{base_dir, copy_dir, run};

/// `ropa_register::diagnostic::MAX_PER_FILE`.
const SHOWN: usize = 100;

/// The base register with `activities/x.json` holding `content`; returns
/// `ropa validate --format json` on it, parsed.
fn validate_with(content: &str) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let register = tmp.path().join("register");
    copy_dir(&base_dir(), &register);
    std::fs::write(register.join("activities").join("x.json"), content).unwrap();
    let out = run(
        tmp.path(),
        ["validate", "--format", "json", "--register", "register"],
        &[],
    );
    out.assert_code(1);
    serde_json::from_str(&out.stdout).unwrap_or_else(|err| panic!("{err}:\n{out}"))
}

/// The diagnostics about `activities/x.json`.
/// The diagnostics shown one by one, without the count of the rest.
fn shown<'a>(diagnostics: &[&'a Value]) -> Vec<&'a Value> {
    diagnostics
        .iter()
        .copied()
        .filter(|d| !d["message"].as_str().unwrap().starts_with("… and "))
        .collect()
}

fn about_x(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "activities/x.json")
        .collect()
}

/// The number the "… and N more errors" diagnostic gives, if there is one.
fn hidden(diagnostics: &[&Value]) -> Option<usize> {
    diagnostics.iter().find_map(|d| {
        let message = d["message"].as_str()?;
        let rest = message.strip_prefix("… and ")?;
        let (n, _) = rest.split_once(" more error")?;
        Some(n.parse().unwrap())
    })
}

/// `{"purposes": [{}, {}, …]}` with `n` empty purposes.
fn empty_purposes(n: usize) -> String {
    format!("{{\"purposes\": [{}]}}", vec!["{}"; n].join(","))
}

#[test]
fn twenty_thousand_empty_objects_give_the_first_hundred_errors_and_the_count_of_the_rest() {
    // Counted on small files, under the cap: the errors of the file's top
    // level, and those of each empty purpose.
    let one = about_x(&validate_with(&empty_purposes(1))).len();
    let two = about_x(&validate_with(&empty_purposes(2))).len();
    let per_purpose = two - one;
    assert!(per_purpose >= 1 && two < SHOWN, "{one}, {two}");
    let total = one - per_purpose + 20_000 * per_purpose;

    // The 60 KB file, on one line.
    let report = validate_with(&empty_purposes(20_000));
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), SHOWN + 1);
    assert_eq!(hidden(&diagnostics), Some(total - SHOWN));
    let last = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().starts_with("… and "))
        .unwrap();
    assert_eq!(last["rule"], "S02");
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .ends_with("in this file, not shown (at most 100 are shown per file)"),
        "{last}"
    );
    // Each shown error is located in the file, on its one line (the count
    // has no place of its own, and sorts first).
    for d in shown(&diagnostics) {
        assert_eq!(d["line"], 1, "{d}");
    }
}

#[test]
fn keys_written_five_thousand_times_give_a_hundred_errors_and_the_count() {
    let content = format!("{{{}}}", vec!["\"status\": 0"; 5_000].join(",\n"));
    let report = validate_with(&content);
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), SHOWN + 1);
    assert!(diagnostics.iter().all(|d| d["rule"] == "S01"));
    assert_eq!(hidden(&diagnostics), Some(4_999 - SHOWN));
    // The first repeat is the second line.
    let first = shown(&diagnostics)[0];
    assert_eq!(first["line"], 2);
    assert_eq!(first["pointer"], "/status");
}

#[test]
fn unknown_fields_past_the_hundredth_are_counted() {
    let unknown = 5_000;
    let fields: Vec<String> = (0..unknown).map(|i| format!("\"field{i}\": 0")).collect();
    let content = format!("{{{}}}", fields.join(", "));
    let report = validate_with(&content);
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), SHOWN + 1);
    let unknown_shown = diagnostics
        .iter()
        .filter(|d| d["message"].as_str().unwrap().starts_with("unknown field"))
        .count();
    let others_shown = SHOWN - unknown_shown;
    // The other errors are the required fields missing at the top level.
    let missing = about_x(&validate_with("{}")).len();
    assert!(others_shown <= missing, "{others_shown} > {missing}");
    assert_eq!(hidden(&diagnostics), Some(unknown + missing - SHOWN));
}

#[test]
fn a_hundred_thousand_open_brackets_are_a_located_syntax_error_not_a_crash() {
    let report = validate_with(&"[".repeat(100_000));
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = diagnostics[0];
    assert_eq!(d["rule"], "S01");
    assert_eq!(d["line"], 1);
    assert!(d["column"].as_u64().unwrap() > 1, "{d}");
    assert!(
        d["message"].as_str().unwrap().contains("recursion limit"),
        "{d}"
    );
}

#[test]
fn a_rule_broken_five_thousand_times_in_one_file_shows_a_hundred_and_counts_the_rest() {
    let base = base_dir().join("activities").join("newsletter.json");
    let mut activity: Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let missing: Vec<String> = (0..5_000).map(|i| format!("no-such-system-{i}")).collect();
    activity["systems"] = missing.into();
    let report = validate_with(&activity.to_string());
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), SHOWN + 1);
    let v17 = |d: &&&Value| {
        d["rule"] == "V17" && d["message"].as_str().unwrap().contains("does not exist")
    };
    assert_eq!(diagnostics.iter().filter(v17).count(), SHOWN);
    // The base activity breaks no other rule, so the rest are the systems.
    assert_eq!(hidden(&diagnostics), Some(5_000 - SHOWN));
}

#[test]
fn a_line_of_megabytes_is_shown_clipped_around_each_error() {
    // One line: a megabyte of padding, then a wrong value.
    let content = format!(
        "{{\"description\": {{\"en\": \"{}\"}}, \"status\": 7}}",
        "x".repeat(1 << 20)
    );
    let tmp = tempfile::tempdir().unwrap();
    let register = tmp.path().join("register");
    copy_dir(&base_dir(), &register);
    std::fs::write(register.join("activities").join("x.json"), content).unwrap();
    let out = run(
        Path::new(tmp.path()),
        ["validate", "--register", "register"],
        &[],
    );
    out.assert_code(1);
    assert!(out.stdout.contains("activities/x.json:1:"), "{out}");
    // Every snippet is cut to some 100 characters of the line.
    assert!(
        out.stdout.lines().all(|l| l.chars().count() < 400),
        "a line of the output is longer than a clipped snippet"
    );
}

/// Four mebibytes of `{}`: more JSON values than a register file may hold,
/// refused before they are parsed (S04), so validating stays small.
#[test]
fn a_file_of_more_values_than_a_register_file_holds_is_not_read() {
    let content = format!("[{}]", vec!["{}"; 1_300_000].join(","));
    let report = validate_with(&content);
    let diagnostics = about_x(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["rule"], "S04");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("JSON values; register files may hold at most 400000"),
        "{}",
        diagnostics[0]
    );
}
