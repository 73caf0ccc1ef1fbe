//! The register under git: `init` with a first commit, `commit` refusing an
//! invalid register, `log` and `diff` in register terms, `--at` reading the
//! past, and the reliability promises (one writer at a time, a killed writer
//! loses nothing, unrelated files left alone).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{GitRegister, base_dir, copy_dir, ropa_bin, run};

const ANN: &str = "Ann Example <ann@example.org>";

/// The base register in a fresh repository, committed once.
struct Repo(GitRegister);

impl std::ops::Deref for Repo {
    type Target = GitRegister;

    fn deref(&self) -> &GitRegister {
        &self.0
    }
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo(GitRegister::new());
        repo.ropa(["commit", "-m", "First version", "--author", ANN])
            .assert_code(0);
        repo
    }

    fn git(&self) -> git2::Repository {
        git2::Repository::open(&self.root).unwrap()
    }

    fn head(&self) -> String {
        self.git().head().unwrap().target().unwrap().to_string()
    }

    fn first_activity(&self) -> String {
        let mut names: Vec<String> = std::fs::read_dir(self.register().join("activities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        format!("activities/{}", names[0])
    }
}

#[test]
fn init_creates_a_repository_with_a_first_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let env = [
        ("HOME", home.as_os_str()),
        ("XDG_CONFIG_HOME", home.as_os_str()),
        ("GIT_CONFIG_NOSYSTEM", OsStr::new("1")),
    ];
    run(
        tmp.path(),
        ["init", "reg", "--country", "NL", "--author", ANN],
        &env,
    )
    .assert_code(0);
    let repo = git2::Repository::open(tmp.path().join("reg")).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().email().ok(), Some("ann@example.org"));
    assert!(
        head.tree()
            .unwrap()
            .get_path(Path::new("organisation.json"))
            .is_ok()
    );
    let log = run(
        tmp.path(),
        ["log", "--register", "reg", "--format", "json"],
        &env,
    )
    .assert_code(0)
    .stdout
    .clone();
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    assert_eq!(log["commits"].as_array().unwrap().len(), 1);

    // Without an author anywhere, init refuses before writing anything.
    let out = run(tmp.path(), ["init", "other", "--country", "NL"], &env);
    out.assert_code(2);
    assert!(out.stderr.contains("--author"), "{out}");
    assert!(!tmp.path().join("other").exists());
}

#[test]
fn commit_refuses_an_invalid_register_and_commits_a_valid_one() {
    let repo = Repo::new();
    let before = repo.head();
    let activity = repo.first_activity();
    repo.edit(&activity, |a| {
        a["subjects"] = serde_json::json!(["nobody-by-this-id"])
    });
    let out = repo.ropa(["commit", "-m", "Broken", "--author", ANN]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("V17") && out.stderr.contains("nothing was committed"),
        "{out}"
    );
    assert_eq!(repo.head(), before);

    repo.edit(&activity, |a| {
        a["owner"] = serde_json::json!("Customer service")
    });
    let out = repo.ropa(["commit", "-m", "New owner", "--author", ANN]);
    out.assert_code(1); // still broken: the dangling subject is there
    git2::Repository::open(&repo.root).unwrap();
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(base_dir().join(&activity)).unwrap())
            .unwrap();
    repo.edit(&activity, |a| a["subjects"] = base["subjects"].clone());
    repo.ropa(["commit", "-m", "New owner", "--author", ANN])
        .assert_code(0);
    assert_ne!(repo.head(), before);

    let out = repo.ropa(["commit", "-m", "Again", "--author", ANN]);
    out.assert_code(0);
    assert!(out.stdout.contains("nothing to commit"), "{out}");
}

#[test]
fn commit_needs_an_author_and_a_branch() {
    let repo = Repo::new();
    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("Renamed B.V.")
    });
    let out = repo.ropa(["commit", "-m", "Rename"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("no author") && out.stderr.contains("--author"),
        "{out}"
    );
    let out = repo.ropa(["commit", "-m", "Rename", "--author", "just a name"]);
    out.assert_code(2);
    assert!(out.stderr.contains("Name <email>"), "{out}");

    // A detached HEAD: committing would leave the commit on no branch.
    let git = repo.git();
    let head = git.head().unwrap().target().unwrap();
    git.set_head_detached(head).unwrap();
    let out = repo.ropa(["commit", "-m", "Rename", "--author", ANN]);
    out.assert_code(2);
    assert!(out.stderr.contains("detached"), "{out}");
    assert_eq!(git.head().unwrap().target().unwrap(), head);
}

#[test]
fn commit_leaves_unrelated_files_alone() {
    let repo = Repo::new();
    // A tracked file beside the register, modified and staged; and an untracked one.
    std::fs::write(repo.root.join("notes.txt"), "v1\n").unwrap();
    let git = repo.git();
    let mut index = git.index().unwrap();
    index.add_path(Path::new("notes.txt")).unwrap();
    index.write().unwrap();
    std::fs::write(repo.root.join("scratch.txt"), "untracked\n").unwrap();

    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("Renamed B.V.")
    });
    repo.ropa(["commit", "-m", "Rename", "--author", ANN])
        .assert_code(0);

    let head = git.head().unwrap().peel_to_tree().unwrap();
    assert!(
        head.get_path(Path::new("notes.txt")).is_err(),
        "a staged file outside the register was committed"
    );
    assert!(head.get_path(Path::new("scratch.txt")).is_err());
    let status = git.status_file(Path::new("notes.txt")).unwrap();
    assert!(
        status.contains(git2::Status::INDEX_NEW),
        "the staged file lost its staging: {status:?}"
    );
    assert!(
        git.status_file(Path::new("scratch.txt"))
            .unwrap()
            .contains(git2::Status::WT_NEW)
    );
    // The register itself is clean after the commit.
    assert!(
        git.status_file(Path::new("register/organisation.json"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn log_speaks_in_register_terms() {
    let repo = Repo::new();
    repo.edit("recipients.json", |r| {
        let first = &mut r["recipients"][0];
        first["countries"] = serde_json::json!(["DE"]);
    });
    repo.ropa([
        "commit",
        "-m",
        "Recipient moved to Germany",
        "--author",
        ANN,
    ])
    .assert_code(0);
    let out = repo.ropa(["log"]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("Recipient moved to Germany")
            && out.stdout.contains("countries")
            && out.stdout.contains("→ DE"),
        "{out}"
    );
    assert!(
        out.stdout.contains("Ann Example <ann@example.org>"),
        "{out}"
    );

    let json: serde_json::Value = serde_json::from_str(
        &repo
            .ropa(["log", "--format", "json", "--limit", "1"])
            .stdout,
    )
    .unwrap();
    let commits = json["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 1);
    assert_eq!(commits[0]["message"], "Recipient moved to Germany");
    assert_eq!(commits[0]["public"], true);
    assert!(
        commits[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("recipients: ")
    );
}

#[test]
fn diff_marks_what_the_statement_shows() {
    let repo = Repo::new();
    let activity = repo.first_activity();
    repo.edit(&activity, |a| {
        a["owner"] = serde_json::json!("Somebody else")
    });
    let out = repo.ropa(["diff", "--format", "json"]);
    out.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["material"], false, "{out}");
    assert_eq!(json["changes"][0]["path"], "owner");

    repo.edit("categories.json", |c| {
        c["categories"][0]["label"]["en"] = serde_json::json!("Something new")
    });
    let out = repo.ropa(["diff"]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("categories.json")
            && out.stdout.contains("\"Something new\"")
            && out.stdout.contains("[public"),
        "{out}"
    );
    repo.ropa(["commit", "-m", "Relabel", "--author", ANN])
        .assert_code(0);

    // REV..REV compares two commits.
    let out = repo.ropa(["diff", "HEAD~1..HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["material"], true, "{out}");
    assert_eq!(json["changes"].as_array().unwrap().len(), 2);
    let out = repo.ropa(["diff", "no-such-rev..HEAD"]);
    out.assert_code(2);
    assert!(out.stderr.contains("unknown revision"), "{out}");
}

#[test]
fn validate_at_reads_the_past() {
    let repo = Repo::new();
    let first = repo.head();
    let activity = repo.first_activity();
    // Break the working tree; the past is still valid.
    std::fs::write(repo.register().join(&activity), "{ not json").unwrap();
    repo.ropa(["validate"]).assert_code(1);
    repo.ropa(["validate", "--at", "HEAD"]).assert_code(0);
    repo.ropa(["validate", "--at", &first[..8]]).assert_code(0);

    let out = repo.ropa(["validate", "--at", "nonsense"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("unknown revision \"nonsense\""),
        "{out}"
    );
    let out = repo.ropa(["validate", "--at", "1999-01-01"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("no commit on or before 1999-01-01"),
        "{out}"
    );
    repo.ropa(["validate", "--at", "2999-01-01"]).assert_code(0);
}

#[test]
fn at_a_commit_without_the_register() {
    let repo = Repo::new();
    // Move the register: the old commits hold it under another name.
    let git = repo.git();
    let sig = git2::Signature::now("Ann", "ann@example.org").unwrap();
    let empty = git.treebuilder(None).unwrap().write().unwrap();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    let orphan = git
        .commit(
            None,
            &sig,
            &sig,
            "empty",
            &git.find_tree(empty).unwrap(),
            &[],
        )
        .unwrap();
    let out = repo.ropa(["validate", "--at", &orphan.to_string()]);
    out.assert_code(2);
    assert!(out.stderr.contains("does not exist in commit"), "{out}");
    drop(head);
}

#[test]
fn outside_a_repository() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&base_dir(), &tmp.path().join("register"));
    for args in [
        vec!["log"],
        vec!["diff"],
        vec!["commit", "-m", "x", "--author", ANN],
        vec!["validate", "--at", "HEAD"],
    ] {
        let out = run(tmp.path(), &args, &[]);
        out.assert_code(2);
        assert!(
            out.stderr.contains("not inside a git repository") && out.stderr.contains("ropa init"),
            "{args:?}: {out}"
        );
    }
}

/// Two `ropa commit` at once: one waits for the other, and both changes
/// end up committed.
#[test]
fn concurrent_commits_lose_nothing() {
    let repo = Repo::new();
    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("Concurrent B.V.")
    });
    repo.edit("categories.json", |c| {
        c["categories"][0]["label"]["nl"] = serde_json::json!("Gelijktijdig")
    });
    let spawn = |message: &str| {
        let mut command = Command::new(ropa_bin());
        command
            .args(["commit", "-m", message, "--author", ANN])
            .current_dir(&repo.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in repo.env() {
            command.env(k, v);
        }
        command.spawn().unwrap()
    };
    let (a, b) = (spawn("one"), spawn("two"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{a:?}\n{b:?}");
    let git = repo.git();
    let tree = git.head().unwrap().peel_to_tree().unwrap();
    let blob = |p: &str| {
        let entry = tree.get_path(Path::new(p)).unwrap();
        String::from_utf8(git.find_blob(entry.id()).unwrap().content().to_vec()).unwrap()
    };
    assert!(blob("register/organisation.json").contains("Concurrent B.V."));
    assert!(blob("register/categories.json").contains("Gelijktijdig"));
}

/// A commit that cannot get the lock within the wait says so, and commits nothing.
#[test]
fn a_held_lock_gives_a_clear_message() {
    let repo = Repo::new();
    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("Locked B.V.")
    });
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(repo.root.join(".git/ropa.lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = repo.head();
    let mut env = repo.env();
    env.push(("ROPA_LOCK_WAIT", OsStr::new("1")));
    let out = run(&repo.root, ["commit", "-m", "x", "--author", ANN], &env);
    out.assert_code(2);
    assert!(
        out.stderr.contains("another ropa commit") && out.stderr.contains("nothing was committed"),
        "{out}"
    );
    assert_eq!(repo.head(), before);
    lock.unlock().unwrap();
    repo.ropa(["commit", "-m", "x", "--author", ANN])
        .assert_code(0);
}

/// A writer killed at any moment leaves the register and the repository
/// usable: HEAD is the old or the new commit, never something broken, the
/// working tree is untouched, and the next commit works.
#[test]
fn a_killed_commit_leaves_everything_intact() {
    let repo = Repo::new();
    // A larger register makes the window for the kill wider.
    let big = repo.register().join("activities");
    let template = std::fs::read_to_string(repo.register().join(repo.first_activity())).unwrap();
    for i in 0..300 {
        std::fs::write(big.join(format!("copy-{i:03}.json")), &template).unwrap();
    }
    let before = repo.head();
    let snapshot = crate::util::snapshot(&repo.register());
    for delay_ms in [0u64, 5, 15, 40, 80] {
        let mut command = Command::new(ropa_bin());
        command
            .args(["commit", "-m", "killed", "--author", ANN])
            .current_dir(&repo.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in repo.env() {
            command.env(k, v);
        }
        let mut child = command.spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let git = repo.git();
        let head = git
            .head()
            .unwrap()
            .peel_to_commit()
            .expect("HEAD still resolves to a commit");
        assert!(
            head.id().to_string() == before || head.message().ok() == Some("killed"),
            "HEAD moved somewhere unexpected"
        );
        let changed =
            crate::util::snapshot_diff(&snapshot, &crate::util::snapshot(&repo.register()));
        assert!(changed.is_none(), "the register changed: {changed:?}");
        // libgit2 leaves index.lock behind if killed while writing the index; that is the one thing to clean.
        let _ = std::fs::remove_file(repo.root.join(".git/index.lock"));
    }
    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("After the kills B.V.")
    });
    repo.ropa(["commit", "-m", "after", "--author", ANN])
        .assert_code(0);
    repo.ropa(["validate", "--at", "HEAD"]).assert_code(0);
}

/// Moves HEAD's commit to a given day (noon UTC), keeping its tree and parents.
fn redate_head(repo: &Repo, day: &str) {
    let git = repo.git();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    let (y, m, d): (i64, i64, i64) = (
        day[..4].parse().unwrap(),
        day[5..7].parse().unwrap(),
        day[8..].parse().unwrap(),
    );
    // Days from civil (Howard Hinnant), as the history module counts them.
    let (y2, m2) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let seconds = (era * 146_097 + doe - 719_468) * 86_400 + 12 * 3600;
    let sig = git2::Signature::new(
        "Ann Example",
        "ann@example.org",
        &git2::Time::new(seconds, 0),
    )
    .unwrap();
    head.amend(Some("HEAD"), Some(&sig), Some(&sig), None, None, None)
        .unwrap();
}

fn statement(repo: &Repo, extra: &[&str]) -> String {
    let mut args = vec!["render", "statement", "--lang", "nl", "--format", "md"];
    args.extend_from_slice(extra);
    repo.ropa(&args).assert_code(0).stdout.clone()
}

/// The statement as published on any past day can be rendered again, byte
/// for byte, from the history.
#[test]
fn a_past_statement_renders_as_it_did_then() {
    let repo = Repo::new();
    redate_head(&repo, "2024-01-10");
    let first = repo.head();
    let then = statement(&repo, &[]);

    repo.edit("categories.json", |c| {
        c["categories"][0]["label"]["nl"] = serde_json::json!("Nieuwe naam")
    });
    repo.ropa(["commit", "-m", "Relabel", "--author", ANN])
        .assert_code(0);
    redate_head(&repo, "2024-03-10");
    let now = statement(&repo, &[]);
    assert_ne!(then, now);
    assert!(now.contains("Nieuwe naam"));

    assert_eq!(statement(&repo, &["--at", &first]), then);
    assert_eq!(statement(&repo, &["--at", "HEAD~1"]), then);
    assert_eq!(statement(&repo, &["--at", "2024-02-01"]), then);
    assert_eq!(statement(&repo, &["--at", "2024-03-10"]), now);
    // The working tree may have moved on; the past does not.
    repo.edit("categories.json", |c| {
        c["categories"][0]["label"]["nl"] = serde_json::json!("Nog later")
    });
    assert_eq!(statement(&repo, &["--at", "HEAD"]), now);
}

/// Unless the register pins it, "last changed" is the day of the last
/// commit that changed something the statement shows.
#[test]
fn last_changed_follows_public_changes_only() {
    let repo = Repo::new();
    repo.edit("organisation.json", |o| {
        o["notice"].as_object_mut().unwrap().remove("last_changed");
    });
    repo.ropa(["commit", "-m", "Unpin the date", "--author", ANN])
        .assert_code(0);
    redate_head(&repo, "2024-01-10");
    assert!(statement(&repo, &[]).contains("10-01-2024"));

    // An internal field: the date stays.
    let activity = repo.first_activity();
    repo.edit(&activity, |a| a["owner"] = serde_json::json!("Finance"));
    repo.ropa(["commit", "-m", "Owner", "--author", ANN])
        .assert_code(0);
    redate_head(&repo, "2024-02-20");
    let text = statement(&repo, &[]);
    assert!(
        text.contains("10-01-2024") && !text.contains("20-02-2024"),
        "{text}"
    );

    // A public one: the date moves.
    repo.edit("categories.json", |c| {
        c["categories"][0]["label"]["nl"] = serde_json::json!("Nieuwe naam")
    });
    repo.ropa(["commit", "-m", "Relabel", "--author", ANN])
        .assert_code(0);
    redate_head(&repo, "2024-03-30");
    assert!(statement(&repo, &[]).contains("30-03-2024"));
    // And a past version carries the date it had.
    assert!(statement(&repo, &["--at", "HEAD~1"]).contains("10-01-2024"));
}

/// What is not a regular file inside the register — a link out, a link to
/// a device, a FIFO, a socket, a file over 4 MiB, a name with a backslash —
/// is refused, every one named in one message; nothing is committed, the
/// index is untouched, and the exit code says so. Without them the commit
/// goes through.
#[cfg(unix)]
#[test]
fn commit_refuses_what_is_not_a_plain_file_of_the_register() {
    let repo = Repo::new();
    repo.edit("organisation.json", |o| {
        o["controller"]["name"] = serde_json::json!("Refused B.V.")
    });
    let register = repo.register();
    let outside = repo.root.parent().unwrap().join("outside.json");
    std::fs::write(&outside, "{\"secret\": true}\n").unwrap();
    std::os::unix::fs::symlink(&outside, register.join("activities/linked.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", register.join("zero.json")).unwrap();
    std::fs::create_dir(register.join("notes")).unwrap();
    let made = Command::new("mkfifo")
        .arg(register.join("notes/pipe"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let _socket = std::os::unix::net::UnixListener::bind(register.join("notes/socket")).unwrap();
    std::fs::write(register.join("notes/big.bin"), vec![b'x'; 5 * 1024 * 1024]).unwrap();
    std::fs::write(register.join("x\\y.txt"), "a note\n").unwrap();
    let offenders = [
        "register/activities/linked.json",
        "register/zero.json",
        "register/notes/pipe",
        "register/notes/socket",
        "register/notes/big.bin",
        "register/x\\y.txt",
    ];
    let before = repo.head();
    let index_before = std::fs::read(repo.root.join(".git/index")).unwrap();
    // A FIFO must not make the commit wait: it gets a minute, then fails.
    let mut child = Command::new(ropa_bin())
        .args(["commit", "-m", "refused", "--author", ANN])
        .current_dir(&repo.root)
        .envs(repo.env())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("ropa commit hangs on the register's special files");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for path in offenders {
        assert!(stderr.contains(path), "{path} not named: {stderr}");
    }
    assert!(stderr.contains("nothing was committed"), "{stderr}");
    assert!(!stderr.contains("secret"), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "one message: {stderr}");
    assert_eq!(repo.head(), before);
    assert_eq!(
        std::fs::read(repo.root.join(".git/index")).unwrap(),
        index_before,
        "the index changed"
    );

    // The backslash alone: the same refusal, and the same exit code.
    for path in &offenders[..5] {
        let path = repo.root.join(path);
        if std::fs::symlink_metadata(&path).is_ok() {
            std::fs::remove_file(&path).unwrap();
        }
    }
    let out = repo.ropa(["commit", "-m", "refused", "--author", ANN]);
    out.assert_code(2);
    assert!(out.stderr.contains("register/x\\y.txt"), "{out}");
    assert_eq!(repo.head(), before);

    std::fs::remove_file(register.join("x\\y.txt")).unwrap();
    // ropa's own temporary files are never committed, and never refused.
    std::fs::write(register.join("systems/.webshop.json.a1B2c3.tmp"), "{").unwrap();
    repo.ropa(["commit", "-m", "accepted", "--author", ANN])
        .assert_code(0);
    assert_ne!(repo.head(), before);
    let git = repo.git();
    let tree = git.head().unwrap().peel_to_tree().unwrap();
    assert!(
        tree.get_path(Path::new("register/systems/.webshop.json.a1B2c3.tmp"))
            .is_err()
    );
    let status = git
        .status_file(Path::new("register/organisation.json"))
        .unwrap();
    assert!(status.is_empty(), "{status:?}");
}
