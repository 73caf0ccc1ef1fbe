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
//! or unhelpful diagnostic is a bug, not an expectation. Each folder's `pins`
//! file also pins the exit code and the texts that must show (the rule that
//! must fire), so a rewrite cannot quietly bless a case that stopped showing
//! what it is about; and every rule of the registry must fire in some case.

use std::path::Path;

use ropa_register::rules::Rule;

use crate::util::{Prepared, base_dir, cases_dir, run, snapshot, snapshot_diff};

/// What a case folder's `pins` file says its output must be: the exit code,
/// texts it must show (stdout or stderr), and texts it must never show,
/// whatever the golden says. So a golden rewrite cannot quietly bless a case
/// that stopped showing what it is about.
///
/// ```text
/// exit: 1
/// shows: error[V24]
/// never: is missing
/// ```
struct Pins {
    exit: i32,
    shows: Vec<String>,
    never: Vec<String>,
}

const PINS: &str = "pins";

impl Pins {
    fn read(dir: &Path) -> Result<Pins, String> {
        let text = std::fs::read_to_string(dir.join(PINS))
            .map_err(|err| format!("cannot read {PINS}: {err}; every case pins its exit code and the texts it must show"))?;
        let mut exit = None;
        let (mut shows, mut never) = (Vec::new(), Vec::new());
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let n = n + 1;
            match line.split_once(": ") {
                Some(("exit", code)) => {
                    exit = Some(
                        code.parse()
                            .map_err(|_| format!("{PINS}:{n}: not an exit code: {code}"))?,
                    )
                }
                Some(("shows", text)) => shows.push(text.to_owned()),
                Some(("never", text)) => never.push(text.to_owned()),
                _ => {
                    return Err(format!(
                        "{PINS}:{n}: neither `exit: N`, `shows: TEXT` nor `never: TEXT`: {line}"
                    ));
                }
            }
        }
        let exit = exit.ok_or_else(|| format!("{PINS} has no `exit: N` line"))?;
        Ok(Pins { exit, shows, never })
    }

    /// Whether the case shows `rule` firing: its `error[ID]`, `warning[ID]`
    /// or JSON `"rule": "ID"` is among the texts pinned.
    fn fires(&self, rule: &str) -> bool {
        let fires = [
            format!("error[{rule}]"),
            format!("warning[{rule}]"),
            format!("\"rule\": \"{rule}\""),
        ];
        self.shows.iter().any(|s| fires.contains(s))
    }
}

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
fn check_case(dir: &Path, pins: &Pins, update: bool) -> Problems {
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
    if out.code != Some(pins.exit) {
        problems.soft.push(format!(
            "exit code {:?}, {PINS} says {}",
            out.code, pins.exit
        ));
    }
    let stdout = prepared.normalise(&out.stdout);
    let stderr = prepared.normalise(&out.stderr);
    let shown = |text: &str| stdout.contains(text) || stderr.contains(text);
    for text in pins.shows.iter().filter(|t| !shown(t)) {
        problems
            .soft
            .push(format!("the output does not show {text:?}"));
    }
    for text in pins.never.iter().filter(|t| shown(t)) {
        problems
            .soft
            .push(format!("the output shows {text:?}, and must not"));
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

#[test]
fn every_case_matches_its_golden() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let folders = case_folders();
    let mut failures = Vec::new();
    for name in &folders {
        let dir = cases_dir().join(name);
        let pins = match Pins::read(&dir) {
            Ok(pins) => pins,
            Err(err) => {
                failures.push(format!("{name}: {err}"));
                continue;
            }
        };
        let problems = check_case(&dir, &pins, update);
        for problem in problems.hard.into_iter().chain(problems.soft) {
            failures.push(format!("{name}: {problem}"));
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

/// Every rule the registry declares has a case folder whose `pins` show it
/// firing (which `every_case_matches_its_golden` holds the output to): a
/// rule no register can be seen breaking is a rule nobody has seen work.
#[test]
fn every_rule_has_a_case() {
    let pinned: Vec<(String, Pins)> = case_folders()
        .into_iter()
        .filter_map(|name| Some((name.clone(), Pins::read(&cases_dir().join(name)).ok()?)))
        .collect();
    let missing: Vec<String> = Rule::all()
        .filter(|rule| !pinned.iter().any(|(_, pins)| pins.fires(rule.id())))
        .map(|rule| {
            format!(
                "{} ({}): no case shows it firing; add tests/cases/{}-…/ with a register that breaks it and a `{PINS}` file with `shows: error[{0}]` (or `warning[{0}]`)",
                rule.id(),
                rule.title(),
                rule.id().to_ascii_lowercase()
            )
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
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

/// Diagnostics of one rule and severity with the same `cause` are shown as
/// one block with one message, help and place to fix it: in every case and
/// every example register, those must be the same for all of them, or the
/// block would tell some of its places something untrue.
#[test]
fn diagnostics_of_one_cause_say_the_same() {
    let mut registers: Vec<(String, Prepared)> = case_folders()
        .into_iter()
        .map(|name| {
            let prepared = Prepared::new(&cases_dir().join(&name));
            (name, prepared)
        })
        .collect();
    let root = crate::util::workspace_root();
    let mut examples = vec![root.join("register")];
    examples.extend(
        std::fs::read_dir(root.join("examples"))
            .expect("examples/")
            .map(|e| e.expect("entry").path()),
    );
    for dir in examples {
        let tmp = tempfile::tempdir().expect("temporary directory");
        let register = tmp.path().join("reg");
        crate::util::copy_dir(&dir, &register);
        registers.push((dir.display().to_string(), Prepared { tmp, register }));
    }
    let mut problems = Vec::new();
    let mut grouped = 0;
    for (name, prepared) in &registers {
        let out = run(
            prepared.tmp.path(),
            [
                std::ffi::OsStr::new("validate"),
                std::ffi::OsStr::new("--format"),
                std::ffi::OsStr::new("json"),
                std::ffi::OsStr::new("--register"),
                prepared.register.as_os_str(),
            ],
            &[],
        );
        let Ok(report) = serde_json::from_str::<serde_json::Value>(&out.stdout) else {
            continue;
        };
        let mut first: std::collections::HashMap<(String, String, String), &serde_json::Value> =
            std::collections::HashMap::new();
        for d in report["diagnostics"].as_array().into_iter().flatten() {
            let Some(cause) = d["cause"].as_str() else {
                assert!(
                    d.get("fixed_at").is_none(),
                    "{name}: fixed_at without a cause: {d}"
                );
                continue;
            };
            let key = (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
                cause.to_owned(),
            );
            match first.get(&key) {
                None => {
                    first.insert(key, d);
                }
                Some(f) => {
                    grouped += 1;
                    for field in ["message", "help", "fixed_at", "article"] {
                        if f[field] != d[field] {
                            problems.push(format!(
                                "{name}: {} \"{}\": {field} differs:\n  {}\n  {}",
                                key.0, key.2, f[field], d[field]
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The repeated cases at least group something, so the check checks.
    assert!(grouped >= 10, "only {grouped} diagnostics joined a group");
}
