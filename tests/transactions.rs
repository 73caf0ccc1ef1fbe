//! `ropa commit` and `ropa accept` are all or nothing: killed at any step —
//! by `kill -9` at varying moments, and deterministically at each step
//! through the `ROPA_FAILPOINT` hook — the next ropa command leaves the
//! register fully as before or fully as after, git's index in line with
//! HEAD, and no temporary file in a commit; an editor saving during accept
//! never has its save committed or lost.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::util::{GitRegister, Output, ropa_bin, run, snapshot, snapshot_diff};

const AUTHOR: &str = "Dee Peeo <dpo@example.org>";
/// Systems in the accept scene; accept --all changes each one's file.
const SYSTEMS: usize = 40;

/// The base register with [`SYSTEMS`] extra systems (empty inventories),
/// committed, and a findings file that records two findings in each.
struct Scene {
    git: GitRegister,
    findings: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let git = GitRegister::new();
        for i in 0..SYSTEMS {
            let system = json!({
                "$schema": "../../schemas/system.schema.json",
                "name": format!("System {i}"),
                "kind": "database",
                "countries": ["NL"],
                "scan": null,
                "inventory": []
            });
            write_json(
                &git.register().join(format!("systems/s{i:02}.json")),
                &system,
            );
        }
        // Named by an activity, so that only the inventories change.
        let newsletter = git.register().join("activities/newsletter.json");
        let mut activity: Value =
            serde_json::from_str(&std::fs::read_to_string(&newsletter).unwrap()).unwrap();
        for i in 0..SYSTEMS {
            activity["systems"]
                .as_array_mut()
                .unwrap()
                .push(json!(format!("s{i:02}")));
        }
        write_json(&newsletter, &activity);
        git.ropa(["commit", "-m", "Register as given", "--author", AUTHOR])
            .assert_code(0);
        let findings = write_findings(&git, "scan-20261126T100000", "customers");
        Scene { git, findings }
    }

    fn head(&self) -> git2::Oid {
        let repo = git2::Repository::open(&self.git.root).unwrap();
        repo.head().unwrap().target().unwrap()
    }

    fn accept_args(&self) -> Vec<String> {
        vec![
            "accept".into(),
            "--all".into(),
            "--findings".into(),
            self.findings.display().to_string(),
            "--author".into(),
            AUTHOR.into(),
        ]
    }
}

fn write_json(path: &Path, value: &Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

/// A findings file (only the fields every version of the format has) with
/// an e-mail address and a name found in `table` of each scene system.
fn write_findings(git: &GitRegister, id: &str, table: &str) -> PathBuf {
    let systems: Vec<Value> = (0..SYSTEMS)
        .map(|i| {
            json!({
                "system": format!("s{i:02}"),
                "plugin": {"name": "test", "version": "1.0.0", "sha256": "00"},
                "kind": "sqlite",
                "findings": [
                    {"location": format!("{table}.email"), "category": "pd:EmailAddress",
                     "confidence": 0.9, "matches": 40, "sampled": 50, "detector": "test"},
                    {"location": format!("{table}.name"), "category": "pd:Name",
                     "confidence": 0.9, "matches": 40, "sampled": 50, "detector": "test"}
                ]
            })
        })
        .collect();
    let file = json!({
        "$schema": "https://schemas.ropa.invalid/findings.schema.json",
        "id": id,
        "started": "2026-11-26T10:00:00Z",
        "ropa": "0.1.0",
        "register": "register",
        "systems": systems
    });
    let path = git.root.join(format!("{id}.json"));
    write_json(&path, &file);
    path
}

/// Starts `ropa` in the repository with `extra` environment.
fn spawn(git: &GitRegister, args: &[String], extra: &[(&str, &str)]) -> std::process::Child {
    let mut command = Command::new(ropa_bin());
    command
        .args(args)
        .current_dir(&git.root)
        .env_remove("ROPA_REGISTER")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in git.env() {
        command.env(k, v);
    }
    for (k, v) in extra {
        command.env(k, v);
    }
    command.spawn().unwrap()
}

/// Runs `ropa` with a failpoint: it must die at that step.
fn run_to_failpoint(git: &GitRegister, args: &[String], point: &str) {
    let mut env = git.env();
    env.push(("ROPA_FAILPOINT", OsStr::new(point)));
    let out = run(&git.root, args, &env);
    assert_eq!(out.code, None, "ropa did not stop at {point}:\n{out}");
}

/// Register paths (relative to the working tree) whose index entry or
/// working tree file differs from HEAD, and untracked files there.
fn unclean(git: &GitRegister) -> Vec<String> {
    let repo = git2::Repository::open(&git.root).unwrap();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    let statuses = repo.statuses(Some(&mut options)).unwrap();
    statuses
        .iter()
        .filter_map(|s| {
            let path = s.path().ok()?.to_owned();
            (path.starts_with("register/") && !s.status().is_empty())
                .then(|| format!("{path} {:?}", s.status()))
        })
        .collect()
}

/// Paths in HEAD's tree that are ropa's temporary files.
fn temporaries_in_head(git: &GitRegister) -> Vec<String> {
    let repo = git2::Repository::open(&git.root).unwrap();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    let mut found = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let name = entry.name().unwrap_or_default();
        if name.ends_with(".tmp") {
            found.push(format!("{dir}{name}"));
        }
        git2::TreeWalkResult::Ok
    })
    .unwrap();
    found
}

/// The register files that differ between two snapshots.
fn changed_files(
    before: &std::collections::BTreeMap<PathBuf, crate::util::Entry>,
    after: &std::collections::BTreeMap<PathBuf, crate::util::Entry>,
) -> usize {
    snapshot_diff(before, after).map_or(0, |d| d.lines().count())
}

/// After an interrupted accept and the next command: the register is the
/// old one (HEAD unmoved) or the whole new one (HEAD the accept commit, all
/// [`SYSTEMS`] files changed), clean against HEAD, no temporary file left.
#[track_caller]
fn assert_whole(scene: &Scene, before_head: git2::Oid, before: &Snapshot, context: &str) -> bool {
    let after = snapshot(&scene.git.register());
    let changed = changed_files(before, &after);
    let head = scene.head();
    let leftovers = unclean(&scene.git);
    assert!(
        leftovers.is_empty(),
        "{context}: not clean against HEAD: {leftovers:?}"
    );
    assert!(
        temporaries_in_head(&scene.git).is_empty(),
        "{context}: a temporary file was committed"
    );
    assert!(
        !scene.git.root.join(".git/ropa-journal").exists(),
        "{context}: the journal was left"
    );
    if head == before_head {
        assert_eq!(changed, 0, "{context}: files changed, nothing committed");
        false
    } else {
        let repo = git2::Repository::open(&scene.git.root).unwrap();
        let commit = repo.find_commit(head).unwrap();
        assert!(
            commit.message().unwrap().starts_with("Accept scan"),
            "{context}: HEAD is {:?}",
            commit.message()
        );
        assert_eq!(commit.parent_id(0).unwrap(), before_head, "{context}");
        assert_eq!(changed, SYSTEMS, "{context}: a partial accept");
        true
    }
}

type Snapshot = std::collections::BTreeMap<PathBuf, crate::util::Entry>;

/// Puts the register back to `before` and commits that, so the next round
/// has the same findings to accept.
fn undo_accept(scene: &Scene, before: &Snapshot) {
    for (path, entry) in before {
        if let crate::util::Entry::File(bytes) = entry {
            std::fs::write(scene.git.register().join(path), bytes).unwrap();
        }
    }
    scene
        .git
        .ropa(["commit", "-m", "Undo the accept", "--author", AUTHOR])
        .assert_code(0);
}

/// Killed at each step of its commit, accept is rolled back (before the
/// branch moved) or finished (after) by the next command, whatever it is.
#[test]
fn accept_stopped_at_each_step_is_rolled_back_or_finished() {
    let scene = Scene::new();
    let args = scene.accept_args();
    for (point, committed) in [
        ("after-journal", false),
        ("after-file", false),
        ("after-index", false),
        ("after-ref", true),
    ] {
        let before = snapshot(&scene.git.register());
        let before_head = scene.head();
        run_to_failpoint(&scene.git, &args, point);
        assert!(scene.git.root.join(".git/ropa-journal").exists(), "{point}");
        // Any command that reads the register settles it first.
        let out = scene.git.ropa(["validate"]);
        assert!(out.stderr.contains("was interrupted"), "{point}: {out}");
        let done = assert_whole(&scene, before_head, &before, point);
        assert_eq!(done, committed, "{point}");
        if done {
            assert!(out.stderr.contains("after it committed"), "{out}");
            undo_accept(&scene, &before);
        } else {
            assert!(out.stderr.contains("run it again"), "{out}");
        }
    }
    // And the accept then goes through.
    let before = snapshot(&scene.git.register());
    let before_head = scene.head();
    let out = scene.git.ropa(&args);
    out.assert_code(0);
    assert!(assert_whole(&scene, before_head, &before, "the last run"));
}

/// `kill -9` at varying moments of an accept of 40 files: the next ropa
/// command always finds (or makes) the old register or the new one.
#[test]
fn accept_killed_at_any_moment_is_never_half_applied() {
    let scene = Scene::new();
    let args = scene.accept_args();
    let (mut interrupted, mut finished) = (0, 0);
    for delay_ms in [
        0u64, 5, 10, 20, 30, 40, 50, 60, 80, 100, 130, 160, 200, 250, 300, 400,
    ] {
        let before = snapshot(&scene.git.register());
        let before_head = scene.head();
        let mut child = spawn(&scene.git, &args, &[]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        interrupted += usize::from(scene.git.root.join(".git/ropa-journal").exists());
        // libgit2 leaves index.lock behind when killed while writing the
        // index; git does the same, and tells the user to remove it.
        let _ = std::fs::remove_file(scene.git.root.join(".git/index.lock"));
        scene.git.ropa(["gaps", "--findings", args[3].as_str()]);
        let context = format!("killed after {delay_ms} ms");
        if assert_whole(&scene, before_head, &before, &context) {
            finished += 1;
            undo_accept(&scene, &before);
        }
    }
    eprintln!(
        "accept kill loop: {interrupted} kills inside the commit, {finished} accepts finished"
    );
}

/// `kill -9` of `ropa commit`, then a plain `git commit`: the register
/// change is never undone by a stale index. Then `ropa` settles the rest.
#[test]
fn a_killed_commit_never_leaves_a_stale_index() {
    let git = GitRegister::new();
    git.ropa(["commit", "-m", "First", "--author", AUTHOR])
        .assert_code(0);
    // A larger register widens the window for the kill.
    let template = std::fs::read(git.register().join("activities/newsletter.json")).unwrap();
    for i in 0..300 {
        std::fs::write(
            git.register().join(format!("activities/copy-{i:03}.json")),
            &template,
        )
        .unwrap();
    }
    git.ropa(["commit", "-m", "Copies", "--author", AUTHOR])
        .assert_code(0);
    let points = ["after-journal", "after-index", "after-ref"];
    let delays = [0u64, 5, 10, 20, 40, 60, 80, 120, 160, 240];
    for round in 0..(points.len() + delays.len()) {
        let name = format!("Round {round} B.V.");
        git.edit("organisation.json", |o| {
            o["controller"]["name"] = json!(name.clone())
        });
        let args: Vec<String> = ["commit", "-m", "killed", "--author", AUTHOR]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if let Some(point) = points.get(round) {
            run_to_failpoint(&git, &args, point);
        } else {
            let mut child = spawn(&git, &args, &[]);
            std::thread::sleep(Duration::from_millis(delays[round - points.len()]));
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_file(git.root.join(".git/index.lock"));
        let repo = git2::Repository::open(&git.root).unwrap();
        let committed = |repo: &git2::Repository| {
            let tree = repo.head().unwrap().peel_to_tree().unwrap();
            let entry = tree
                .get_path(Path::new("register/organisation.json"))
                .unwrap();
            String::from_utf8(repo.find_blob(entry.id()).unwrap().content().to_vec())
                .unwrap()
                .contains(&name)
        };
        let was_committed = committed(&repo);
        if round % 2 == 0 {
            // What `git commit` does: the index's tree, on HEAD.
            git_commit(&repo);
            assert!(
                !was_committed || committed(&repo),
                "round {round}: git commit undid the change"
            );
            git.ropa(["validate"]).assert_code(0);
        } else {
            git.ropa(["validate"]).assert_code(0);
            let leftovers: Vec<String> = unclean(&git)
                .into_iter()
                .filter(|l| l.contains("INDEX"))
                .collect();
            assert!(
                leftovers.is_empty(),
                "round {round}: index not in line: {leftovers:?}"
            );
            git_commit(&repo);
            assert!(!was_committed || committed(&repo), "round {round}");
        }
        assert!(
            !git.root.join(".git/ropa-journal").exists(),
            "round {round}"
        );
        // Whatever happened, ropa commit now records the working tree.
        git.ropa(["commit", "-m", "after", "--author", AUTHOR])
            .assert_code(0);
        assert!(committed(&repo), "round {round}");
        assert!(
            unclean(&git).is_empty(),
            "round {round}: {:?}",
            unclean(&git)
        );
    }
}

/// `git commit` without `-a`: commits the index as it is, if it differs.
fn git_commit(repo: &git2::Repository) {
    let mut index = repo.index().unwrap();
    index.read(true).unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    if tree.id() == head.tree_id() {
        return;
    }
    let who = git2::Signature::now("Git User", "git@example.org").unwrap();
    repo.commit(Some("HEAD"), &who, &who, "git commit", &tree, &[&head])
        .unwrap();
}

/// An editor saving a file accept changes, at varying moments of the
/// accept, in place or by rename: the save is never committed by accept and
/// never lost — accept refuses, or the save stays as an uncommitted change.
#[test]
fn an_editors_save_during_accept_is_never_committed_nor_lost() {
    let scene = Scene::new();
    let target = scene.git.register().join("systems/s07.json");
    let mut refused = 0;
    for round in 0..12u64 {
        let findings = write_findings(
            &scene.git,
            &format!("scan-2026112{}T1000{round:02}", round % 10),
            &format!("t{round}"),
        );
        let mut args = scene.accept_args();
        args[3] = findings.display().to_string();
        let before_head = scene.head();
        let committed_text = std::fs::read_to_string(&target).unwrap();
        let mut saved: Value = serde_json::from_str(&committed_text).unwrap();
        saved["name"] = json!(format!("Edited in round {round}"));
        let saved = serde_json::to_string_pretty(&saved).unwrap() + "\n";
        let child = spawn(&scene.git, &args, &[]);
        std::thread::sleep(Duration::from_millis(round * 15));
        if round % 2 == 0 {
            std::fs::write(&target, &saved).unwrap();
        } else {
            let tmp = target.with_file_name("s07.json.editor-swap");
            std::fs::write(&tmp, &saved).unwrap();
            std::fs::rename(&tmp, &target).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.code().is_some(), "round {round}: {out:?}");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            saved,
            "round {round}: the editor's save was lost"
        );
        let repo = git2::Repository::open(&scene.git.root).unwrap();
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let entry = head
            .tree()
            .unwrap()
            .get_path(Path::new("register/systems/s07.json"))
            .unwrap();
        let committed =
            String::from_utf8(repo.find_blob(entry.id()).unwrap().content().to_vec()).unwrap();
        assert!(
            !committed.contains("Edited in round"),
            "round {round}: the editor's save was committed"
        );
        if head.id() == before_head {
            refused += 1;
        }
        // Back to HEAD's file for the next round.
        std::fs::write(&target, committed).unwrap();
    }
    eprintln!("editor race: accept refused {refused} of 12 rounds");
}

/// A findings file with a NUL in a location: refused, and nothing changes.
#[test]
fn a_control_character_in_a_location_changes_nothing() {
    let git = GitRegister::new();
    git.ropa(["commit", "-m", "First", "--author", AUTHOR])
        .assert_code(0);
    let file = json!({
        "$schema": "https://schemas.ropa.invalid/findings.schema.json",
        "id": "scan-20261126T100000",
        "started": "2026-11-26T10:00:00Z",
        "ropa": "0.1.0",
        "register": "register",
        "systems": [{
            "system": "webshop",
            "plugin": {"name": "test", "version": "1.0.0", "sha256": "00"},
            "kind": "sqlite",
            "findings": [
                {"location": "customers.name", "category": "pd:Name",
                 "confidence": 0.9, "matches": 40, "sampled": 50, "detector": "test"},
                {"location": "customers.e\u{0}mail", "category": "pd:EmailAddress",
                 "confidence": 0.9, "matches": 40, "sampled": 50, "detector": "test"}
            ]
        }]
    });
    let path = git.root.join("findings.json");
    write_json(&path, &file);
    let before = snapshot(&git.root);
    let repo = git2::Repository::open(&git.root).unwrap();
    let head = repo.head().unwrap().target().unwrap();
    let out: Output = git.ropa([
        "accept",
        "--all",
        "--findings",
        path.to_str().unwrap(),
        "--author",
        AUTHOR,
    ]);
    out.assert_code(1);
    assert!(out.stderr.contains("control character"), "{out}");
    assert!(out.stderr.contains("nothing was accepted"), "{out}");
    assert_eq!(repo.head().unwrap().target().unwrap(), head);
    let after = snapshot(&git.root);
    let changed: Vec<String> = snapshot_diff(&before, &after)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.contains(".git/"))
        .map(str::to_owned)
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
}
