//! The scans `ropa scan` saves under `.ropa/scans/`: none lost when several
//! start at once, the oldest pruned after saving; and `ropa scans list |
//! show | prune`, which never removes the latest scan nor one the
//! register's inventory names as its source.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::gaps::{Scene, scanned};
use crate::util::{Output, ropa_bin, run, snapshot, snapshot_diff};

/// `ropa scans list --format json` in `cwd`: the scans, newest first.
fn listed(cwd: &Path, env: &[(&str, &OsStr)]) -> Vec<Value> {
    let out = run(cwd, ["scans", "list", "--format", "json"], env);
    out.assert_code(0);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    json["scans"].as_array().unwrap().clone()
}

fn ids(scans: &[Value]) -> Vec<String> {
    scans
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn scans_started_at_once_are_all_saved_and_old_ones_pruned_after_saving() {
    let (_dir, root) = crate::scan::scene(&crate::scan::KNOWN);
    let cache = tempfile::tempdir().unwrap();
    let env = [("ROPA_CACHE_DIR", cache.path().as_os_str())];
    // The first compiles the plugin into the cache, so that the next ones
    // start together.
    run(&root, ["scan"], &env).assert_code(0);
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(ropa_bin())
                .args(["scan", "--format", "json"])
                .current_dir(&root)
                .env("ROPA_CACHE_DIR", cache.path())
                .env_remove("ROPA_KEEP_SCANS")
                .env_remove("ROPA_REGISTER")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut at_once = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0), "{text}");
        let file: Value = serde_json::from_slice(&out.stdout).unwrap();
        at_once.push(file["id"].as_str().unwrap().to_owned());
    }
    let seconds: BTreeSet<&str> = at_once.iter().map(|id| &id[..20]).collect();
    eprintln!(
        "4 scans at once started in {} distinct second(s): {at_once:?}",
        seconds.len()
    );
    let distinct: BTreeSet<&String> = at_once.iter().collect();
    assert_eq!(distinct.len(), 4, "{at_once:?}");

    let scans = listed(&root, &[]);
    assert_eq!(scans.len(), 5, "{scans:#?}");
    for id in &at_once {
        let scan = scans.iter().find(|s| s["id"] == *id).expect("saved");
        assert_eq!(scan["findings"], 3, "{scan}");
        assert_eq!(scan["systems"], 1, "{scan}");
        let path = PathBuf::from(scan["path"].as_str().unwrap());
        assert_eq!(
            scan["bytes"],
            std::fs::metadata(&path).unwrap().len(),
            "{scan}"
        );
        let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(saved["id"], *id, "the file holds its own id");
    }
    assert_eq!(scans[0]["latest"], true);
    assert!(scans[1..].iter().all(|s| s["latest"] == false));

    // After saving, `scan` keeps the newest N.
    let out = run(&root, ["scan", "--keep-scans", "2"], &env);
    out.assert_code(0);
    assert!(
        out.stderr.contains("removed 4 older saved scan(s)"),
        "{out}"
    );
    let kept = listed(&root, &[]);
    assert_eq!(kept.len(), 2, "{kept:#?}");
    assert_eq!(kept[1]["id"], scans[0]["id"], "the newest before stays");
    // ROPA_KEEP_SCANS=0 keeps all.
    let keep_all = [
        ("ROPA_CACHE_DIR", cache.path().as_os_str()),
        ("ROPA_KEEP_SCANS", OsStr::new("0")),
    ];
    run(&root, ["scan"], &keep_all).assert_code(0);
    run(&root, ["scan"], &keep_all).assert_code(0);
    assert_eq!(listed(&root, &[]).len(), 4);
    // A scan the register cites stays whatever --keep-scans says.
    let cited = ids(&listed(&root, &[]))[3].clone();
    cite(&root.join("register"), "crm", &cited);
    let out = run(&root, ["scan", "--keep-scans", "1"], &env);
    out.assert_code(0);
    let left = ids(&listed(&root, &[]));
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(left[1], cited, "{out}");
}

#[test]
fn every_destination_gets_the_same_findings_file() {
    let (_dir, root) = crate::scan::scene(&crate::scan::KNOWN);
    let cache = tempfile::tempdir().unwrap();
    let env = [("ROPA_CACHE_DIR", cache.path().as_os_str())];
    let out = run(&root, ["scan", "--format", "json", "-o", "out.json"], &env);
    out.assert_code(0);
    let saved = listed(&root, &[]);
    let saved = std::fs::read(saved[0]["path"].as_str().unwrap()).unwrap();
    let written = std::fs::read(root.join("out.json")).unwrap();
    assert_eq!(written, saved, "-o and the saved scan");
    assert_eq!(
        out.stdout.as_bytes(),
        [&saved[..], b"\n"].concat(),
        "standard output and the saved scan"
    );
    // The table for people (on standard error with --format json) has a
    // line per finding.
    let file: Value = serde_json::from_slice(&saved).unwrap();
    for finding in file["systems"][0]["findings"].as_array().unwrap() {
        let location = finding["location"].as_str().unwrap();
        assert!(
            out.stderr
                .lines()
                .any(|l| l.trim_start().starts_with(location)
                    && l.contains(finding["category"].as_str().unwrap())),
            "{location}: {out}"
        );
    }
}

/// Adds an inventory entry to `system` whose source is the scan `id`, as
/// `ropa accept` does.
fn cite(register: &Path, system: &str, id: &str) {
    let path = register.join("systems").join(format!("{system}.json"));
    let mut file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    file["inventory"].as_array_mut().unwrap().push(json!({
        "location": "contacts.email", "dpv": "pd:EmailAddress",
        "source": id, "accepted": "2026-01-01"
    }));
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
}

/// A size as `ropa scans` prints one below a MiB.
fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// The ids of the crafted scans below, oldest first: one saved by ropa
/// before ids had a random part, two of the same second.
const IDS: [&str; 5] = [
    "scan-20260101T100000",
    "scan-20260201T100000.000-aaaaaaaa",
    "scan-20260301T100000.000-bbbbbbbb",
    "scan-20260301T100000.000-cccccccc",
    "scan-20260401T100000.000-dddddddd",
];

fn scene_with_scans() -> (Scene, PathBuf) {
    let scene = Scene::new();
    let found = [
        ("customers.email", "pd:EmailAddress"),
        ("orders.total", "pd:Purchase"),
    ];
    let mut dir = PathBuf::new();
    for (n, id) in IDS.iter().enumerate() {
        let path = scene.scan(id, &[scanned("webshop", &found[..n % 2 + 1])]);
        dir = path.parent().unwrap().to_owned();
    }
    (scene, dir)
}

#[test]
fn list_and_show_find_scans_by_a_prefix_of_their_id() {
    let scene = Scene::new();
    let out = scene.ropa(["scans", "list"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with("No scans saved in "), "{out}");
    let out = scene.ropa(["scans", "show"]);
    out.assert_code(2);
    assert!(out.stderr.contains("run `ropa scan` first"), "{out}");

    let (scene, dir) = scene_with_scans();
    std::fs::write(dir.join("scan-20250101T000000.json"), "{\"started\": ").unwrap();
    let scans = listed(&scene.root, &scene.env());
    let mut newest_first: Vec<String> = IDS.iter().rev().map(|s| s.to_string()).collect();
    newest_first.push("scan-20250101T000000".into());
    assert_eq!(ids(&scans), newest_first);
    assert_eq!(scans[0]["latest"], true);
    assert_eq!(scans[0]["findings"], 1);
    assert_eq!(scans[1]["findings"], 2);
    assert_eq!(scans[0]["started"], "2026-11-26T10:00:00Z");
    assert!(
        scans[5]["error"]
            .as_str()
            .unwrap()
            .contains("scan-20250101T000000.json:1:"),
        "{}",
        scans[5]
    );
    let total: u64 = scans.iter().map(|s| s["bytes"].as_u64().unwrap()).sum();
    let out = scene.ropa(["scans", "list"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("ID "), "{out}");
    assert!(
        lines[1].starts_with(IDS[4]) && lines[1].ends_with("latest"),
        "{out}"
    );
    assert!(lines[6].contains("unreadable: "), "{out}");
    assert_eq!(
        lines[7],
        format!("6 scan(s), {}, in {}", human(total), dir.display()),
        "{out}"
    );

    // A prefix, with or without `scan-`.
    let out = scene.ropa(["scans", "show", "20260301T100000.000-b"]);
    out.assert_code(0);
    assert!(
        out.stdout.starts_with(&format!(
            "Scan {}\n  started   2026-11-26T10:00:00Z\n",
            IDS[2]
        )),
        "{out}"
    );
    assert!(
        out.stdout
            .contains("webshop (test 1.0.0, sqlite): 1 findings\n")
    );
    assert!(
        out.stdout.contains("  customers.email  pd:EmailAddress"),
        "{out}"
    );
    let out = scene.ropa(["scans", "show"]);
    out.assert_code(0);
    assert!(
        out.stdout
            .starts_with(&format!("Scan {} (latest)\n", IDS[4])),
        "{out}"
    );
    let out = scene.ropa(["scans", "show", "scan-20260301", "--format", "json"]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("\"scan-20260301\" begins the ids of 2 saved scans")
            && out.stderr.contains(IDS[2])
            && out.stderr.contains(IDS[3])
            && out.stderr.contains("give more of the id"),
        "{out}"
    );
    let out = scene.ropa(["scans", "show", "2027"]);
    out.assert_code(2);
    assert!(out.stderr.contains("`ropa scans list` lists them"), "{out}");
    let out = scene.ropa(["scans", "show", IDS[0], "--format", "json"]);
    out.assert_code(0);
    let shown: Value = serde_json::from_str(&out.stdout).unwrap();
    let saved: Value =
        serde_json::from_slice(&std::fs::read(dir.join(format!("{}.json", IDS[0]))).unwrap())
            .unwrap();
    assert_eq!(shown, saved);
}

#[test]
fn prune_keeps_the_latest_and_the_cited_and_says_what_it_freed() {
    let (scene, dir) = scene_with_scans();
    // The register cites the second scan.
    scene.edit("systems/webshop.json", |s| {
        s["inventory"].as_array_mut().unwrap().push(json!({
            "location": "orders.total", "dpv": "pd:Purchase",
            "category": "order-history", "source": IDS[1], "accepted": "2026-02-02"
        }));
    });
    let size = |id: &str| {
        std::fs::metadata(dir.join(format!("{id}.json")))
            .unwrap()
            .len()
    };

    // Nothing said, or nothing to keep: refused by the command line.
    for (args, says) in [
        (&["scans", "prune"][..], "--keep <N>"),
        (&["scans", "prune", "--dry-run"], "--keep <N>"),
        (&["scans", "prune", "--keep", "0"], "0 is not in 1.."),
    ] {
        let out = scene.ropa(args);
        out.assert_code(2);
        assert!(out.stderr.contains(says), "{out}");
    }

    let before = snapshot(&dir);
    let out = scene.ropa(["scans", "prune", "--keep", "1", "--dry-run"]);
    out.assert_code(0);
    assert_eq!(snapshot_diff(&before, &snapshot(&dir)), None);
    let freed = size(IDS[0]) + size(IDS[2]) + size(IDS[3]);
    assert_eq!(
        out.stdout,
        format!(
            "would remove {} ({})\nwould remove {} ({})\nwould remove {} ({})\n\
             kept {}: systems/webshop.json names it as the source of an inventory entry\n\
             Would remove 3 scan(s), freeing {}; 2 kept in {}.\n",
            IDS[0],
            human(size(IDS[0])),
            IDS[2],
            human(size(IDS[2])),
            IDS[3],
            human(size(IDS[3])),
            IDS[1],
            human(freed),
            dir.display()
        ),
        "{out}"
    );

    // None is older than a century.
    let out = scene.ropa(["scans", "prune", "--older-than", "36500"]);
    out.assert_code(0);
    assert!(
        out.stdout
            .starts_with("Removed 0 scan(s), freed 0 bytes; 5 kept"),
        "{out}"
    );

    // --keep and --older-than together: only what both let go.
    let out = scene.ropa(["scans", "prune", "--keep", "2", "--older-than", "36500"]);
    out.assert_code(0);
    assert_eq!(ids(&listed(&scene.root, &scene.env())).len(), 5);

    let out = scene.ropa(["scans", "prune", "--keep", "1", "--format", "json"]);
    out.assert_code(0);
    let pruned: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        ids(pruned["removed"].as_array().unwrap()),
        [IDS[0], IDS[2], IDS[3]]
    );
    assert_eq!(pruned["freed"], freed);
    assert_eq!(pruned["spared"][0]["id"], IDS[1]);
    assert_eq!(pruned["spared"][0]["why"], "cited");
    assert_eq!(pruned["spared"][0]["file"], "systems/webshop.json");
    assert_eq!(ids(&listed(&scene.root, &scene.env())), [IDS[4], IDS[1]]);

    // Everything is older than now: the latest and the cited stay.
    let out = scene.ropa(["scans", "prune", "--older-than", "0"]);
    out.assert_code(0);
    assert!(
        out.stdout
            .contains(&format!("kept {}: it is the latest scan\n", IDS[4])),
        "{out}"
    );
    assert_eq!(ids(&listed(&scene.root, &scene.env())), [IDS[4], IDS[1]]);

    // Which scans a register cites is unknown while it cannot be read:
    // nothing is removed.
    std::fs::write(scene.path("systems/webshop.json"), "{ \"name\": ").unwrap();
    let out: Output = scene.ropa(["scans", "prune", "--older-than", "0"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("systems/webshop.json") && out.stderr.contains("nothing was removed"),
        "{out}"
    );
    assert_eq!(ids(&listed(&scene.root, &scene.env())), [IDS[4], IDS[1]]);
}

/// A save killed half-way leaves its temporary file beside the scans:
/// pruning removes such a leftover once it is an hour old, whatever the
/// rules keep, and leaves a younger one (a save in progress) alone.
#[test]
fn prune_removes_what_a_killed_save_left_behind() {
    let (scene, dir) = scene_with_scans();
    let old = dir.join(".scan-20260101T000000.000-deadbeef.json.Ab12Cd.tmp");
    let young = dir.join(".scan-20260101T000001.000-cafebabe.json.Ef34Gh.tmp");
    for path in [&old, &young] {
        std::fs::write(path, vec![b'{'; 4096]).unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();

    let out = scene.ropa(["scans", "prune", "--keep", "10", "--dry-run"]);
    out.assert_code(0);
    assert!(old.exists(), "a dry run removes nothing");
    assert!(
        out.stdout.contains(".scan-20260101T000000.000-deadbeef.json.Ab12Cd.tmp (4.0 KiB): left by a save that never finished"),
        "{out}"
    );

    let out = scene.ropa(["scans", "prune", "--keep", "10"]);
    out.assert_code(0);
    assert!(!old.exists(), "{out}");
    assert!(young.exists(), "a save in progress is left alone: {out}");
    assert!(!out.stdout.contains("cafebabe"), "{out}");
    assert_eq!(
        ids(&listed(&scene.root, &[])).len(),
        IDS.len(),
        "every scan is kept: {out}"
    );
}
