//! The command line around `validate`: where the register is looked for,
//! the JSON report's shape, `ropa init` and `ropa rules`.

use std::ffi::OsStr;
use std::path::Path;

use ropa_register::rules::Rule;
use serde_json::Value;

use crate::util::{Prepared, base_dir, cases_dir, copy_dir, run, snapshot, snapshot_diff};

/// A fresh, empty working directory, so that no `./register` is found by accident.
fn empty_cwd() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("ropa-e2e-cwd-")
        .tempdir()
        .expect("temporary directory")
}

/// A copy of the clean base register in a temporary directory.
fn base_copy() -> Prepared {
    Prepared::base()
}

/// The last line of a text report: `<register>: N errors, M warnings: verdict`.
fn verdict(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

// --- Where the register is ---------------------------------------------------

#[test]
fn register_flag_before_the_subcommand() {
    let reg = base_copy();
    let cwd = empty_cwd();
    let out = run(
        cwd.path(),
        [
            OsStr::new("--register"),
            reg.register.as_os_str(),
            OsStr::new("validate"),
        ],
        &[],
    );
    out.assert_code(0);
    assert_eq!(
        verdict(&reg.normalise(&out.stdout)),
        "REGISTER: 0 errors, 0 warnings: ok",
        "{out}"
    );
}

#[test]
fn register_flag_after_the_subcommand() {
    let reg = base_copy();
    let cwd = empty_cwd();
    let out = run(
        cwd.path(),
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            reg.register.as_os_str(),
        ],
        &[],
    );
    out.assert_code(0);
    assert_eq!(
        verdict(&reg.normalise(&out.stdout)),
        "REGISTER: 0 errors, 0 warnings: ok",
        "{out}"
    );
}

/// The flag really selects the register: pointed at a broken one, it fails.
#[test]
fn register_flag_selects_the_register_it_names() {
    let broken = Prepared::new(&cases_dir().join("v14-no-retention"));
    let cwd = empty_cwd();
    for before in [true, false] {
        let args: Vec<&OsStr> = if before {
            vec![
                "--register".as_ref(),
                broken.register.as_os_str(),
                "validate".as_ref(),
            ]
        } else {
            vec![
                "validate".as_ref(),
                "--register".as_ref(),
                broken.register.as_os_str(),
            ]
        };
        let out = run(cwd.path(), args, &[]);
        out.assert_code(1);
        assert!(out.stdout.contains("error[V14]"), "{out}");
        assert_eq!(
            verdict(&broken.normalise(&out.stdout)),
            "REGISTER: 2 errors, 0 warnings: FAILED",
            "{out}"
        );
    }
}

#[test]
fn ropa_register_environment_variable_is_honoured() {
    let reg = base_copy();
    let cwd = empty_cwd();
    let out = run(
        cwd.path(),
        ["validate"],
        &[("ROPA_REGISTER", reg.register.as_os_str())],
    );
    out.assert_code(0);
    assert_eq!(
        verdict(&reg.normalise(&out.stdout)),
        "REGISTER: 0 errors, 0 warnings: ok",
        "{out}"
    );

    let broken = Prepared::new(&cases_dir().join("v14-no-retention"));
    let out = run(
        cwd.path(),
        ["validate"],
        &[("ROPA_REGISTER", broken.register.as_os_str())],
    );
    out.assert_code(1);
    assert!(out.stdout.contains("error[V14]"), "{out}");
}

#[test]
fn register_flag_overrides_the_environment_variable() {
    let reg = base_copy();
    let cwd = empty_cwd();
    let missing = cwd.path().join("no-such-register");
    let out = run(
        cwd.path(),
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            reg.register.as_os_str(),
        ],
        &[("ROPA_REGISTER", missing.as_os_str())],
    );
    out.assert_code(0);
    assert_eq!(
        verdict(&reg.normalise(&out.stdout)),
        "REGISTER: 0 errors, 0 warnings: ok",
        "{out}"
    );
}

#[test]
fn default_register_is_register_in_the_working_directory() {
    let cwd = empty_cwd();
    copy_dir(&base_dir(), &cwd.path().join("register"));
    let out = run(cwd.path(), ["validate"], &[]);
    out.assert_code(0);
    assert_eq!(out.stdout, "register: 0 errors, 0 warnings: ok\n", "{out}");

    // The default is relative to the working directory, not to the binary or the repository.
    let elsewhere = empty_cwd();
    let out = run(elsewhere.path(), ["validate"], &[]);
    out.assert_code(2);
    assert_eq!(out.stdout, "", "{out}");
    assert_eq!(
        out.stderr, "error: the register directory register does not exist\n",
        "{out}"
    );
}

#[test]
fn a_file_given_as_register_is_refused() {
    let reg = base_copy();
    let file = reg.register.join("organisation.json");
    let out = run(
        reg.tmp.path(),
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            file.as_os_str(),
        ],
        &[],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("is not a directory"), "{out}");
}

// --- The JSON report ---------------------------------------------------------

fn validate_json(reg: &Prepared, extra: &[&str]) -> (crate::util::Output, Value) {
    let mut args = vec![
        OsStr::new("validate"),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--register"),
        reg.register.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    let out = run(reg.tmp.path(), args, &[]);
    let json: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("--format json does not print JSON ({e}):\n{out}"));
    (out, json)
}

/// The articles `ropa rules --format json` gives each rule id.
fn articles() -> std::collections::BTreeMap<String, String> {
    let out = run(&base_dir(), ["rules", "--format", "json"], &[]);
    out.assert_code(0);
    let rules: Value = serde_json::from_str(&out.stdout).expect("rules JSON");
    rules
        .as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_owned(),
                r["article"].as_str().expect("article").to_owned(),
            )
        })
        .collect()
}

#[test]
fn json_report_has_the_documented_shape() {
    // Errors in two files, warnings, and an acknowledged gap.
    let reg = Prepared::new(&cases_dir().join("format-json-failing"));
    std::fs::write(
        reg.register.join("categorie.json"),
        std::fs::read(base_dir().join("categories.json")).unwrap(),
    )
    .unwrap();
    let (out, json) = validate_json(&reg, &[]);
    out.assert_code(1);

    assert_eq!(json["format_version"], 1, "{out}");
    assert_eq!(json["ok"], false, "{out}");
    assert_eq!(json["strict"], false, "{out}");
    assert_eq!(
        json["register"],
        reg.register.display().to_string(),
        "{out}"
    );

    let diagnostics = json["diagnostics"].as_array().expect("diagnostics list");
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(json["summary"]["errors"], count("error"), "{out}");
    assert_eq!(json["summary"]["warnings"], count("warning"), "{out}");
    assert_eq!(count("error"), 1, "{out}");
    assert_eq!(count("warning"), 2, "{out}");
    // No two of them have one cause.
    assert_eq!(json["summary"]["causes"], 3, "{out}");

    let articles = articles();
    for d in diagnostics {
        for key in ["severity", "rule", "article", "file", "pointer", "message"] {
            assert!(d[key].is_string(), "diagnostic without string {key}: {d}");
        }
        for key in ["line", "column"] {
            assert!(d[key].is_u64(), "diagnostic without numeric {key}: {d}");
        }
        let rule = d["rule"].as_str().unwrap();
        assert_eq!(
            d["article"].as_str(),
            articles.get(rule).map(String::as_str),
            "article of {rule}: {d}"
        );
        let file = d["file"].as_str().unwrap();
        assert!(
            reg.register.join(file).exists(),
            "diagnostic names a file that is not in the register: {d}"
        );
        let pointer = d["pointer"].as_str().unwrap();
        assert!(pointer.is_empty() || pointer.starts_with('/'), "{d}");
        assert!(!d["message"].as_str().unwrap().is_empty(), "{d}");
    }

    let find = |rule: &str, severity: &str| {
        diagnostics
            .iter()
            .find(|d| d["rule"] == rule && d["severity"] == severity)
            .unwrap_or_else(|| panic!("no {severity} {rule} in {out}"))
    };
    let v14 = find("V14", "error");
    assert_eq!(v14["file"], "activities/order-handling.json");
    assert_eq!(v14["pointer"], "/data/0");
    assert_eq!(
        (v14["line"].as_u64(), v14["column"].as_u64()),
        (Some(17), Some(5))
    );
    let gap = find("V14", "warning");
    assert_eq!(gap["pointer"], "/data/1");
    assert!(
        gap["acknowledged"]
            .as_str()
            .is_some_and(|n| n.starts_with("Order history retention")),
        "{gap}"
    );
    let stray = find("S07", "warning");
    assert_eq!(stray["file"], "categorie.json");
    assert_eq!(stray["article"], "");
    assert_eq!(
        (stray["line"].as_u64(), stray["column"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn json_report_of_a_clean_register() {
    let reg = base_copy();
    let (out, json) = validate_json(&reg, &["--strict"]);
    out.assert_code(0);
    assert_eq!(json["ok"], true, "{out}");
    assert_eq!(json["strict"], true, "{out}");
    assert_eq!(json["summary"]["errors"], 0, "{out}");
    assert_eq!(json["summary"]["warnings"], 0, "{out}");
    assert_eq!(json["diagnostics"], Value::Array(vec![]), "{out}");
}

#[test]
fn json_report_under_strict_fails_on_warnings() {
    let reg = Prepared::new(&cases_dir().join("v17-orphan"));
    let (out, json) = validate_json(&reg, &[]);
    out.assert_code(0);
    assert_eq!(json["ok"], true, "{out}");
    assert_eq!(json["summary"]["warnings"], 1, "{out}");
    let (out, json) = validate_json(&reg, &["--strict"]);
    out.assert_code(1);
    assert_eq!(json["ok"], false, "{out}");
}

#[test]
fn json_report_when_the_register_cannot_be_read() {
    let reg = Prepared::new(&cases_dir().join("read-missing-register"));
    let (out, json) = validate_json(&reg, &[]);
    out.assert_code(2);
    assert_eq!(json["format_version"], 1, "{out}");
    assert_eq!(json["ok"], false, "{out}");
    assert!(
        json["fatal"]
            .as_str()
            .is_some_and(|f| f.contains("does not exist")),
        "{out}"
    );
}

/// One recipient fact under every transfer of five activities: the text
/// shows it once, where it is fixed, with its places; the JSON keeps every
/// diagnostic, each with the cause that groups it.
#[test]
fn a_fact_found_in_many_places_is_one_block_in_text_and_every_place_in_json() {
    let reg = Prepared::new(&cases_dir().join("repeated-errors"));
    let out = run(
        reg.tmp.path(),
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            reg.register.as_os_str(),
        ],
        &[],
    );
    out.assert_code(1);
    let text = reg.normalise(&out.stdout);
    // Three causes: the uncertified recipient (fixed in recipients.json),
    // and the misspelt one, missing (V17) and so not certified either (V23).
    assert_eq!(text.matches("error[V23]").count(), 2, "{text}");
    assert_eq!(text.matches("error[V17]").count(), 1, "{text}");
    let block = &text[text.find("error[V23]: adequacy for US covers only certified organisations, and recipient \"mail-provider\"").expect("the V23 block")..];
    let block = &block[..block.find("\n\n").expect("the block's end")];
    assert!(
        block.contains("\n  --> recipients.json:14:5 (at /recipients/1)\n"),
        "{block}"
    );
    assert!(block.contains("= in 3 places:"), "{block}");
    for activity in ["backups", "complaints", "customer-service"] {
        assert!(
            block.contains(&format!("activities/{activity}.json:")),
            "{activity} is not among the places:\n{block}"
        );
    }
    assert!(
        text.ends_with("REGISTER: 9 errors, 0 warnings (about 3 causes): FAILED\n"),
        "{text}"
    );

    let (out, json) = validate_json(&reg, &[]);
    out.assert_code(1);
    assert_eq!(json["summary"]["errors"], 9, "{out}");
    assert_eq!(json["summary"]["causes"], 3, "{out}");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 9, "{out}");
    let certified: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["cause"] == "recipient mail-provider, US, not DPF-certified")
        .collect();
    assert_eq!(certified.len(), 3, "{out}");
    for d in &certified {
        assert_eq!(d["rule"], "V23", "{d}");
        assert_eq!(d["pointer"], "/transfers/0/mechanisms/0", "{d}");
        assert!(d["line"].as_u64().is_some_and(|l| l > 0), "{d}");
        assert_eq!(
            d["fixed_at"],
            serde_json::json!({"file": "recipients.json", "line": 14, "column": 5, "pointer": "/recipients/1"}),
            "{d}"
        );
    }
    let missing = diagnostics
        .iter()
        .filter(|d| d["cause"] == "recipient mail-provdier")
        .count();
    assert_eq!(missing, 4, "{out}");
}

/// Warnings that repeat are grouped too, and a register with only warnings
/// still passes unless `--strict`, whatever the grouping.
#[test]
fn repeated_warnings_are_grouped_and_strict_still_counts_each() {
    let reg = Prepared::new(&cases_dir().join("repeated-warnings"));
    let args = |strict: bool| {
        let mut args = vec![
            OsStr::new("validate"),
            OsStr::new("--register"),
            reg.register.as_os_str(),
        ];
        if strict {
            args.push(OsStr::new("--strict"));
        }
        args
    };
    let out = run(reg.tmp.path(), args(false), &[]);
    out.assert_code(0);
    let text = reg.normalise(&out.stdout);
    assert_eq!(text.matches("warning[V24]").count(), 1, "{text}");
    assert_eq!(text.matches("warning[V21]").count(), 1, "{text}");
    // Twelve activities each: the first place, then ten of the other eleven.
    assert_eq!(
        text.matches("= the same in 11 more places:").count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.matches("… and 1 more (`--format json` lists every one)")
            .count(),
        2,
        "{text}"
    );
    // The acknowledged gap is one of the warning's places, with its note.
    assert!(
        text.contains("activities/reviews.json:60:5 (at /transfers/0); known gap, acknowledged in the file: The TIA"),
        "{text}"
    );
    assert!(
        text.ends_with("REGISTER: 0 errors, 24 warnings (about 2 causes): ok\n"),
        "{text}"
    );
    let out = run(reg.tmp.path(), args(true), &[]);
    out.assert_code(1);
    assert!(
        reg.normalise(&out.stdout).ends_with(
            "REGISTER: 0 errors, 24 warnings (about 2 causes) (--strict: warnings count as errors): FAILED\n"
        ),
        "{out}"
    );
    let (_, json) = validate_json(&reg, &[]);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 24, "{json}");
    assert!(diagnostics.iter().all(|d| d["cause"].is_string()), "{json}");
    assert!(
        diagnostics.iter().all(|d| d.get("fixed_at").is_none()),
        "{json}"
    );
}

// --- ropa init ---------------------------------------------------------------

/// Every register file under `dir` (the schema copies in `.ropa/` excluded).
fn register_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = snapshot(dir)
        .into_keys()
        .filter(|p| !p.starts_with(".ropa"))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// `ropa validate --format json` on `dir`: the exit code and the
/// `(severity, rule, pointer)` of each diagnostic.
fn validate_init(cwd: &Path, dir: &Path) -> (Option<i32>, Vec<(String, String, String)>) {
    let out = run(
        cwd,
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            dir.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ],
        &[],
    );
    assert!(!out.panicked(), "{out}");
    let json: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    let diagnostics = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (field("severity"), field("rule"), field("pointer"))
        })
        .collect();
    (out.code, diagnostics)
}

/// The rules and pointers of the errors, sorted.
fn errors(diagnostics: &[(String, String, String)]) -> Vec<(&str, &str)> {
    let mut errors: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|(severity, ..)| severity == "error")
        .map(|(_, rule, pointer)| (rule.as_str(), pointer.as_str()))
        .collect();
    errors.sort_unstable();
    errors
}

/// Runs `ropa init <cwd>/register ARGS…` and returns the output and the
/// register's `organisation.json`.
fn init_in(cwd: &Path, args: &[&str]) -> (crate::util::Output, Value) {
    let dir = cwd.join("register");
    let mut all = vec![OsStr::new("init"), dir.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    let out = run(cwd, all, &[]);
    out.assert_code(0);
    let organisation = std::fs::read_to_string(dir.join("organisation.json")).unwrap();
    (out, serde_json::from_str(&organisation).unwrap())
}

/// Replaces what init left as placeholders with real values, as a DPO would.
fn fill_placeholders(dir: &Path) {
    let path = dir.join("organisation.json");
    let mut org: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    org["controller"]["address"]["street"] = "Stationsplein 1".into();
    org["controller"]["address"]["postcode"] = "3511 ED".into();
    org["controller"]["address"]["city"] = "Utrecht".into();
    org["controller"]["contact"][0]["value"] = "privacy@testbedrijf.example".into();
    org["rights"]["channels"][0]["value"] = "privacy@testbedrijf.example".into();
    std::fs::write(&path, serde_json::to_string_pretty(&org).unwrap() + "\n").unwrap();
}

#[test]
fn init_creates_a_register_that_fails_on_its_placeholders_until_they_are_filled() {
    let cwd = empty_cwd();
    let dir = cwd.path().join("new").join("register");
    let out = run(
        cwd.path(),
        [
            OsStr::new("init"),
            dir.as_os_str(),
            OsStr::new("--country"),
            OsStr::new("NL"),
            OsStr::new("--organisation"),
            OsStr::new("Testbedrijf B.V."),
        ],
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stdout
            .starts_with(&format!("created a register in {}", dir.display())),
        "{out}"
    );
    assert!(
        out.stdout.contains("<<FILL IN"),
        "the output names the placeholders: {out}"
    );

    let files = register_files(&dir);
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    for required in [
        "organisation.json",
        "categories.json",
        "subjects.json",
        "recipients.json",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "init did not write {required}: {names:?}"
        );
    }
    assert!(dir.join("activities").is_dir() && dir.join("systems").is_dir());
    let organisation = std::fs::read_to_string(dir.join("organisation.json")).unwrap();
    assert!(organisation.contains("Testbedrijf B.V."), "{organisation}");
    for dutch in ["Straatnaam", "1234 AB", "Plaats"] {
        assert!(!organisation.contains(dutch), "{organisation}");
    }

    // Every file links a schema that exists on disk, relative to the file,
    // and is the schema of that kind of file, identical to the committed one.
    for rel in &files {
        let path = dir.join(rel);
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", rel.display()));
        let link = value["$schema"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no $schema", rel.display()));
        let schema = path.parent().unwrap().join(link);
        assert!(
            schema.is_file(),
            "{}: $schema {link} does not exist",
            rel.display()
        );
        let stem = rel.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_name = format!("{stem}.schema.json");
        assert_eq!(
            schema.file_name().unwrap().to_string_lossy(),
            expected_name,
            "{}: links the wrong schema",
            rel.display()
        );
        let committed = crate::util::workspace_root()
            .join("schemas")
            .join(&expected_name);
        assert_eq!(
            std::fs::read(&schema).unwrap(),
            std::fs::read(&committed).unwrap(),
            "{} differs from schemas/{expected_name}",
            schema.display()
        );
    }

    // Fresh: exactly the placeholders are errors, nothing else.
    let (code, diagnostics) = validate_init(cwd.path(), &dir);
    assert_eq!(code, Some(1), "{diagnostics:?}");
    assert_eq!(
        errors(&diagnostics),
        [
            ("V50", "/controller/address/city"),
            ("V50", "/controller/address/postcode"),
            ("V50", "/controller/address/street"),
            ("V50", "/controller/contact/0/value"),
            ("V50", "/rights/channels/0/value"),
        ]
    );

    // Filled in: it validates. A starting point may carry reminders
    // (warnings), never errors.
    fill_placeholders(&dir);
    let out = run(
        cwd.path(),
        [
            OsStr::new("validate"),
            OsStr::new("--register"),
            dir.as_os_str(),
        ],
        &[],
    );
    out.assert_code(0);
    let last = verdict(&out.stdout);
    assert!(
        last.starts_with(&format!("{}: 0 errors, ", dir.display())) && last.ends_with(": ok"),
        "{out}"
    );
}

#[test]
fn init_accepts_an_existing_empty_directory() {
    let cwd = empty_cwd();
    let out = run(cwd.path(), ["init", ".", "--country", "NL"], &[]);
    out.assert_code(0);
    assert!(cwd.path().join("organisation.json").is_file(), "{out}");
    let (code, diagnostics) = validate_init(cwd.path(), Path::new("."));
    assert_eq!(code, Some(1));
    let errors = errors(&diagnostics);
    assert!(
        !errors.is_empty() && errors.iter().all(|(rule, _)| *rule == "V50"),
        "{errors:?}"
    );
}

#[test]
fn init_for_germany_writes_german_and_english_and_the_german_authority() {
    let cwd = empty_cwd();
    let (out, org) = init_in(
        cwd.path(),
        &["--country", "DE", "--email", "datenschutz@firma.example"],
    );
    assert_eq!(org["jurisdiction"], "eu");
    assert_eq!(org["controller"]["address"]["country"], "DE");
    assert_eq!(org["notice"]["languages"], serde_json::json!(["de", "en"]));
    assert_eq!(org["established_in_territory"], true);
    let authority = &org["supervisory_authority"];
    assert_eq!(authority["id"], "legal-de:DPA-DE");
    assert_eq!(authority["url"], "https://www.bfdi.bund.de");
    let german = authority["name"]["de"].as_str().unwrap();
    let english = authority["name"]["en"].as_str().unwrap();
    assert!(
        german.contains("Bundesbeauftragte für den Datenschutz"),
        "{german}"
    );
    assert!(
        english.contains("Federal Commissioner for Data Protection"),
        "{english}"
    );
    assert!(out.stdout.contains("statement languages: de, en"), "{out}");
    // Most German controllers answer to their Land's authority: init says so.
    assert!(out.stdout.contains("Land"), "{out}");
    // The e-mail was given, so only the name and the address are left.
    let (_, diagnostics) = validate_init(cwd.path(), &cwd.path().join("register"));
    assert_eq!(
        errors(&diagnostics),
        [
            ("V50", "/controller/address/city"),
            ("V50", "/controller/address/postcode"),
            ("V50", "/controller/address/street"),
            ("V50", "/controller/name"),
        ]
    );
}

#[test]
fn init_for_the_uk_keeps_the_register_under_the_uk_gdpr_with_the_ico() {
    let cwd = empty_cwd();
    let (out, org) = init_in(cwd.path(), &["--country", "GB"]);
    assert_eq!(org["jurisdiction"], "uk");
    assert_eq!(org["established_in_territory"], true);
    assert_eq!(org["notice"]["languages"], serde_json::json!(["en"]));
    let authority = &org["supervisory_authority"];
    assert_eq!(authority["id"], "legal-gb:DPA-GB");
    assert_eq!(authority["url"], "https://ico.org.uk");
    assert_eq!(
        authority["name"]["en"],
        "Information Commissioner's Office (ICO)"
    );
    assert!(
        out.stdout
            .contains("the UK GDPR (\"jurisdiction\": \"uk\")"),
        "{out}"
    );
}

#[test]
fn init_for_a_country_without_words_says_the_statement_is_in_english() {
    let cwd = empty_cwd();
    let (out, org) = init_in(cwd.path(), &["--country", "FR"]);
    assert_eq!(org["notice"]["languages"], serde_json::json!(["en"]));
    assert_eq!(org["supervisory_authority"]["id"], "legal-fr:DPA-FR");
    assert!(out.stdout.contains("no words for `fr`"), "{out}");
    // Chosen languages win over the defaults, and the authority is named in each.
    let cwd = empty_cwd();
    let (_, org) = init_in(cwd.path(), &["--country", "FR", "--languages", "nl,en"]);
    assert_eq!(org["notice"]["languages"], serde_json::json!(["nl", "en"]));
    let names = &org["supervisory_authority"]["name"];
    assert!(names["nl"].as_str().unwrap().contains("CNIL"), "{names}");
    assert!(names["en"].as_str().unwrap().contains("CNIL"), "{names}");
}

#[test]
fn init_outside_the_eea_asks_for_a_representative_and_the_authority() {
    let cwd = empty_cwd();
    let (out, org) = init_in(
        cwd.path(),
        &["--country", "US", "--organisation", "Example Inc."],
    );
    assert_eq!(org["jurisdiction"], "eu");
    assert_eq!(org["established_in_territory"], false);
    assert_eq!(org["representative"], Value::Null);
    assert!(out.stdout.contains("representative"), "{out}");
    let (code, diagnostics) = validate_init(cwd.path(), &cwd.path().join("register"));
    assert_eq!(code, Some(1));
    let errors = errors(&diagnostics);
    assert!(errors.contains(&("V36", "/representative")), "{errors:?}");
    for pointer in [
        "/supervisory_authority/id",
        "/supervisory_authority/name/en",
        "/supervisory_authority/url",
        "/controller/address/street",
    ] {
        assert!(errors.contains(&("V50", pointer)), "{pointer}: {errors:?}");
    }
    assert!(
        errors
            .iter()
            .all(|(rule, _)| matches!(*rule, "V36" | "V50")),
        "{errors:?}"
    );
}

/// Real registers hold no placeholder: V50 stays silent on the ISMT
/// example and on the cases' base register.
#[test]
fn no_placeholder_in_the_example_or_the_base_register() {
    let cwd = empty_cwd();
    for register in [crate::util::workspace_root().join("register"), base_dir()] {
        let (_, diagnostics) = validate_init(cwd.path(), &register);
        // Every file was read and parsed, so V50 saw every string.
        assert!(
            diagnostics
                .iter()
                .all(|(_, rule, _)| !rule.starts_with('S')),
            "{}: {diagnostics:?}",
            register.display()
        );
        let v50: Vec<_> = diagnostics
            .iter()
            .filter(|(_, rule, _)| rule == "V50")
            .collect();
        assert!(v50.is_empty(), "{}: {v50:?}", register.display());
    }
}

#[test]
fn init_refuses_unknown_countries_languages_and_laws_and_writes_nothing() {
    for (args, expected) in [
        (&["--country", "UK"][..], "did you mean `GB`?"),
        (&["--country", "nl"][..], "did you mean `NL`?"),
        (
            &["--country", "XX"][..],
            "no ISO 3166-1 alpha-2 country code",
        ),
        (
            &["--country", "NL", "--languages", "nl,fr"][..],
            "ropa has no words for `fr`; it can write statements in de, en, nl",
        ),
        (
            &["--country", "NL", "--jurisdiction", "us"][..],
            "`eu` (the GDPR) or `uk` (the UK GDPR)",
        ),
        (&[][..], "--country"),
    ] {
        let cwd = empty_cwd();
        let before = snapshot(cwd.path());
        let mut all = vec!["init", "register"];
        all.extend(args);
        let out = run(cwd.path(), &all, &[]);
        out.assert_code(2);
        assert!(out.stderr.contains(expected), "{args:?}: {out}");
        if let Some(diff) = snapshot_diff(&before, &snapshot(cwd.path())) {
            panic!("{args:?}: a refused init wrote:\n{diff}");
        }
    }
}

#[test]
fn init_refuses_a_non_empty_directory_and_touches_nothing() {
    let cwd = empty_cwd();
    let dir = cwd.path().join("existing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("organisation.json"), "{\"mine\": true}\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me\n").unwrap();
    let before = snapshot(cwd.path());

    let out = run(
        cwd.path(),
        [
            OsStr::new("init"),
            dir.as_os_str(),
            OsStr::new("--country"),
            OsStr::new("NL"),
        ],
        &[],
    );
    out.assert_code(1);
    assert_eq!(out.stdout, "", "{out}");
    assert!(
        out.stderr.contains("already exists and is not empty"),
        "{out}"
    );
    if let Some(diff) = snapshot_diff(&before, &snapshot(cwd.path())) {
        panic!("init changed a directory it refused:\n{diff}\n{out}");
    }
}

// --- ropa rules --------------------------------------------------------------

/// The sections every rule's documentation has, in this order.
const RULE_SECTIONS: &[&str] = &[
    "## What it checks",
    "## Why",
    "## Example",
    "## How to fix",
    "## Reference",
];

#[test]
fn rules_lists_every_rule_of_the_registry() {
    let cwd = empty_cwd();
    let out = run(cwd.path(), ["rules"], &[]);
    out.assert_code(0);
    let ids: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let registry: Vec<&str> = Rule::all().map(Rule::id).collect();
    assert_eq!(ids, registry, "one line per rule, in id order:\n{out}");
    for rule in Rule::all() {
        let line = out
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id()))
            .expect("listed");
        assert!(line.contains(rule.title()), "{line}");
        // Legal rules name their articles.
        if rule.id().starts_with('V') {
            assert!(
                line.contains(&format!("[{}]", rule.article())) && !rule.article().is_empty(),
                "{} without its articles: {line}",
                rule.id()
            );
        }
        assert_eq!(
            line.contains("(may be acknowledged as a known gap)"),
            rule.acknowledgeable(),
            "{line}"
        );
    }
}

#[test]
fn rules_as_json_match_the_text_listing() {
    let articles = articles();
    for rule in Rule::all() {
        let article = articles
            .get(rule.id())
            .unwrap_or_else(|| panic!("rules --format json lacks {}", rule.id()));
        assert_eq!(article, rule.article(), "{}", rule.id());
    }
    let cwd = empty_cwd();
    let text = run(cwd.path(), ["rules"], &[]);
    text.assert_code(0);
    assert_eq!(text.stdout.lines().count(), articles.len(), "{text}");
}

#[test]
fn rules_with_an_id_prints_its_documentation() {
    let cwd = empty_cwd();
    let out = run(cwd.path(), ["rules", "V15"], &[]);
    out.assert_code(0);
    assert_eq!(out.stderr, "", "{out}");
    assert!(
        out.stdout.starts_with("V15: retention is concrete"),
        "{out}"
    );
    for line in [
        "Articles: Art. 13(2)(a); WP29 WP260 rev.01 Annex",
        "Severity: error",
        "May be acknowledged as a known gap: yes",
        "\"no longer than necessary\"",
        "[§4, row V15](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)",
    ] {
        assert!(out.stdout.contains(line), "no {line:?} in:\n{out}");
    }
    let mut from = 0;
    for section in RULE_SECTIONS {
        let at = out.stdout[from..]
            .find(section)
            .unwrap_or_else(|| panic!("no {section:?} after byte {from}:\n{out}"));
        from += at + section.len();
    }
    // Any case.
    let lower = run(cwd.path(), ["rules", "v15"], &[]);
    lower.assert_code(0);
    assert_eq!(lower.stdout, out.stdout);
}

/// Every rule `ropa rules` lists has its documentation, whose links lead
/// into the legal reference in the repository.
#[test]
fn every_rule_prints_its_documentation() {
    let cwd = empty_cwd();
    let reference = crate::util::workspace_root().join("docs/gdpr-register-model.md");
    assert!(reference.is_file(), "{}", reference.display());
    for rule in Rule::all() {
        let out = run(cwd.path(), ["rules", rule.id()], &[]);
        out.assert_code(0);
        assert!(
            out.stdout
                .starts_with(&format!("{}: {}\n", rule.id(), rule.title())),
            "{out}"
        );
        for section in RULE_SECTIONS {
            assert!(
                out.stdout.contains(section),
                "{}: no {section}:\n{out}",
                rule.id()
            );
        }
        assert!(
            out.stdout.contains("](docs/gdpr-register-model.md#"),
            "{}: no link into the legal reference:\n{out}",
            rule.id()
        );
    }
}

#[test]
fn rules_with_an_id_as_json() {
    let cwd = empty_cwd();
    let out = run(cwd.path(), ["rules", "v24", "--format", "json"], &[]);
    out.assert_code(0);
    let rule: Value = serde_json::from_str(&out.stdout).expect("rule JSON");
    assert_eq!(rule["id"], "V24", "{rule}");
    assert_eq!(rule["article"], "Art. 13(1)(f), 14(1)(f)", "{rule}");
    assert_eq!(rule["severity"], "error", "{rule}");
    assert_eq!(rule["acknowledgeable"], true, "{rule}");
    let doc = rule["documentation"].as_str().expect("documentation");
    assert!(
        doc.contains("## How to fix") && doc.contains("copy_via"),
        "{doc}"
    );
}

#[test]
fn rules_with_an_unknown_id_says_so_and_suggests() {
    let cwd = empty_cwd();
    let out = run(cwd.path(), ["rules", "15"], &[]);
    out.assert_code(2);
    assert_eq!(out.stdout, "", "{out}");
    assert_eq!(
        out.stderr, "error: there is no rule 15; did you mean V15? `ropa rules` lists them all\n",
        "{out}"
    );

    let out = run(cwd.path(), ["rules", "retention", "--format", "json"], &[]);
    out.assert_code(2);
    assert_eq!(out.stdout, "", "{out}");
    assert_eq!(
        out.stderr, "error: there is no rule retention; `ropa rules` lists them all\n",
        "{out}"
    );
}
