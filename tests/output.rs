//! What ropa prints and where it writes: a reader that closed the pipe,
//! `-o` into the register or `.git`, and foreign text on a terminal.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{GitRegister, Prepared, ropa_bin, run, snapshot, snapshot_diff};

// --- A closed pipe -----------------------------------------------------------

/// Commands that print, some a lot (the statement is tens of kilobytes, more
/// than a pipe holds), with the exit code each has when its output is read.
fn printing_commands() -> Vec<(Vec<&'static str>, i32)> {
    vec![
        (vec!["validate"], 0),
        (vec!["validate", "--format", "json"], 0),
        (vec!["render", "statement", "--lang", "nl"], 0),
        (
            vec!["render", "records", "--lang", "en", "--format", "csv"],
            0,
        ),
        (vec!["rules"], 0),
        (vec!["log"], 0),
        (vec!["diff"], 0),
        (vec!["plugin", "list"], 0),
    ]
}

/// Runs ropa with standard output (and, with `both`, standard error) on a
/// pipe whose reading end is closed before ropa starts: every write to it
/// fails, from the first, as it does behind `| true` or `| head -0`.
fn run_with_closed_pipe(
    cwd: &Path,
    args: &[&str],
    env: &[(&str, &OsStr)],
    both: bool,
) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut command = Command::new(ropa_bin());
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("ROPA_REGISTER")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    if both {
        command
            .stdout(writer.try_clone().expect("pipe clone"))
            .stderr(writer);
    } else {
        command.stdout(writer).stderr(Stdio::piped());
    }
    let out = command.output().expect("ropa runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_printing_command_exits_quietly_when_its_reader_is_gone() {
    let repo = GitRegister::new();
    repo.ropa([
        "commit",
        "-m",
        "First version",
        "--author",
        "Ann <ann@example.org>",
    ])
    .assert_code(0);
    for (args, code) in printing_commands() {
        // Read normally first: the command does print, and exits with `code`.
        let out = repo.ropa(&args);
        out.assert_code(code);
        assert!(!out.stdout.is_empty(), "{args:?} prints nothing:\n{out}");

        let (exit, stderr) = run_with_closed_pipe(&repo.root, &args, &repo.env(), false);
        assert!(
            !stderr.contains("panicked")
                && !stderr.contains("error")
                && !stderr.contains("Broken pipe"),
            "{args:?} with its output closed said:\n{stderr}"
        );
        assert_eq!(
            exit,
            Some(code),
            "{args:?} with its output closed:\n{stderr}"
        );

        // `ropa … 2>&1 | true`: both streams closed; a panic would exit 101.
        let (exit, _) = run_with_closed_pipe(&repo.root, &args, &repo.env(), true);
        assert_eq!(exit, Some(code), "{args:?} with stdout and stderr closed");
    }
}

#[test]
fn a_closed_stderr_does_not_hide_the_exit_code_of_a_failure() {
    // An invalid register: the errors go to stdout, the verdict is exit 1.
    let reg = Prepared::base();
    std::fs::write(reg.register.join("categories.json"), "{ not json").unwrap();
    let cwd = reg.tmp.path();
    let register = reg.register.to_str().unwrap();
    for args in [
        vec!["--register", register, "validate"],
        vec![
            "--register",
            register,
            "render",
            "statement",
            "--lang",
            "en",
        ],
    ] {
        let (exit, _) = run_with_closed_pipe(cwd, &args, &[], true);
        assert_eq!(exit, Some(1), "{args:?}");
    }
}

// --- `-o` into the register or `.git` ------------------------------------------

#[test]
fn render_refuses_to_write_into_the_register_or_git() {
    let repo = GitRegister::new();
    let root = &repo.root;
    std::os::unix::fs::symlink(repo.register(), root.join("to-register")).unwrap();
    std::os::unix::fs::symlink(root.join(".git"), root.join("to-git")).unwrap();
    std::fs::create_dir(root.join("site")).unwrap();
    let before = snapshot(root);
    for (output, protected) in [
        ("register/statement.html", "register directory"),
        ("register/activities/x.json", "register directory"),
        ("register", "register directory"),
        ("register/.", "register directory"),
        ("site/../register/statement.html", "register directory"),
        ("to-register/statement.html", "register directory"),
        (".git/statement.html", "git directory"),
        (".git/HEAD", "git directory"),
        (".git/objects/statement.html", "git directory"),
        ("site/../.git/config", "git directory"),
        ("to-git/statement.html", "git directory"),
        (".git", "git directory"),
    ] {
        for what in [
            vec!["render", "statement", "--lang", "nl", "-o", output],
            vec![
                "render", "records", "--lang", "en", "--format", "xlsx", "--output", output,
            ],
        ] {
            let out = repo.ropa(&what);
            out.assert_code(2);
            assert!(
                out.stderr.contains(&format!("refusing to write {output}"))
                    && out.stderr.contains(protected),
                "{what:?}:\n{out}"
            );
        }
    }
    if let Some(diff) = snapshot_diff(&before, &snapshot(root)) {
        panic!("a refused -o wrote something:\n{diff}");
    }
    // Beside the register is fine, also through `..`.
    repo.ropa([
        "render",
        "statement",
        "--lang",
        "nl",
        "-o",
        "site/statement.html",
    ])
    .assert_code(0);
    repo.ropa([
        "render",
        "statement",
        "--lang",
        "nl",
        "-o",
        "register/../site/s.html",
    ])
    .assert_code(0);
    assert!(root.join("site/statement.html").is_file());
    assert!(root.join("site/s.html").is_file());
}

#[test]
fn render_refuses_the_register_outside_a_repository_too() {
    let reg = Prepared::base();
    let cwd = reg.tmp.path();
    let register = reg.register.to_str().unwrap();
    let inside = reg.register.join("systems/statement.md");
    let out = run(
        cwd,
        [
            "--register",
            register,
            "render",
            "statement",
            "--lang",
            "en",
            "--format",
            "md",
            "-o",
            inside.to_str().unwrap(),
        ],
        &[],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("register directory"), "{out}");
    assert!(!inside.exists());
}

// --- Foreign text on a terminal ----------------------------------------------

/// No raw control character but line feeds, and no bidi override, in `text`.
#[track_caller]
fn assert_terminal_safe(text: &str, what: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    });
    assert!(bad.is_none(), "{what} printed {bad:?} raw:\n{text}");
}

#[test]
fn log_and_diff_show_escape_codes_in_commits_and_values_escaped() {
    let repo = GitRegister::new();
    let hostile = "Routine\u{1b}[2K\r\u{1b}[1A\u{9b}2Jupdate \u{202e}lmth.exe";
    repo.ropa(["commit", "-m", hostile, "--author", "Ann <ann@example.org>"])
        .assert_code(0);
    let out = repo.ropa(["log"]);
    out.assert_code(0);
    assert_terminal_safe(&out.stdout, "ropa log");
    assert!(
        out.stdout
            .contains("Routine\\u{1b}[2K\\u{d}\\u{1b}[1A\\u{9b}2Jupdate \\u{202e}lmth.exe"),
        "{out}"
    );
    // The JSON output keeps the message as it is (JSON escapes it itself).
    let json = repo.ropa(["log", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        value["commits"][0]["message"].as_str().unwrap().trim_end(),
        hostile
    );

    repo.edit("organisation.json", |v| {
        v["name"] = serde_json::json!("Shop\u{9b}2J\u{1b}]0;owned\u{7}\u{202e}");
    });
    let out = repo.ropa(["diff"]);
    out.assert_code(0);
    assert_terminal_safe(&out.stdout, "ropa diff");
    assert!(out.stdout.contains("\\u{9b}2J"), "{out}");
}

#[test]
fn validate_shows_escape_codes_in_register_names_escaped() {
    let reg = Prepared::base();
    // A file name is the register's text too: this one clears the screen.
    let name = "x\u{1b}[2J\u{1b}[H\u{202e}.json";
    std::fs::write(reg.register.join("activities").join(name), "{ broken").unwrap();
    let register = reg.register.to_str().unwrap();
    let out = run(reg.tmp.path(), ["--register", register, "validate"], &[]);
    out.assert_code(1);
    assert_terminal_safe(&out.stdout, "ropa validate");
    assert_terminal_safe(&out.stderr, "ropa validate");
    assert!(
        out.stdout.contains("x\\u{1b}[2J\\u{1b}[H\\u{202e}.json"),
        "{out}"
    );
    let out = run(
        reg.tmp.path(),
        [
            "--register",
            register,
            "render",
            "statement",
            "--lang",
            "en",
        ],
        &[],
    );
    out.assert_code(1);
    assert_terminal_safe(&out.stderr, "ropa render");
    assert!(out.stderr.contains("\\u{1b}[2J"), "{out}");
}
