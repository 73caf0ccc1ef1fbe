//! History at scale: a generated history of 2,000 commits on the synthetic
//! 1,000-activity register, and the commands that read it.
//!
//! Run with `cargo bench -p ropa --bench history`. Targets (whole command,
//! release build): `ropa log --limit 2000` under 1 s; `ropa diff` of two
//! revisions under 200 ms; `--at` reads under 200 ms.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use git2::{FileMode, Repository, Signature, Time, build::TreeUpdateBuilder};
use ropa_synthetic::{Size, write};

const COMMITS: usize = 2_000;
const RUNS: usize = 10;

fn main() {
    // HISTORY_BENCH_DIR keeps the generated repository (and reuses it), for profiling.
    let tmp = tempfile::tempdir().expect("a temp dir");
    let root = std::env::var_os("HISTORY_BENCH_DIR")
        .map_or_else(|| tmp.path().to_owned(), std::path::PathBuf::from);
    let root = root.as_path();
    if !root.join(".git").exists() {
        write(&root.join("register"), &Size::BENCH).expect("the synthetic register is written");
        Repository::init(root).expect("git init");
        let start = Instant::now();
        generate_history(root);
        println!(
            "generated {COMMITS} commits in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }

    let bin = env!("CARGO_BIN_EXE_ropa");
    let time = |label: &str, args: &[&str], target_ms: f64| {
        let run = || {
            let out = Command::new(bin)
                .args(args)
                .current_dir(root)
                .output()
                .expect("ropa runs");
            assert!(
                out.status.success(),
                "{label}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        };
        run(); // warm the page cache
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed()
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let median = ms(times[RUNS / 2]);
        let verdict = if median <= target_ms {
            "ok"
        } else {
            "OVER TARGET"
        };
        println!(
            "{label:<44} min {:>7.1} ms  median {median:>7.1} ms  max {:>7.1} ms   target < {target_ms} ms: {verdict}",
            ms(times[0]),
            ms(times[RUNS - 1]),
        );
    };
    // libgit2 writes every object loose and never packs; a repository that
    // git has touched is packed. Measure both.
    time(
        "ropa log --limit 2000 (loose objects)",
        &["log", "--limit", "2000", "--format", "json"],
        1000.0,
    );
    let packed = Command::new("git")
        .args(["gc", "--quiet"])
        .current_dir(root)
        .status();
    if packed.is_ok_and(|s| s.success()) {
        time(
            "ropa log --limit 2000 (after git gc)",
            &["log", "--limit", "2000", "--format", "json"],
            1000.0,
        );
    } else {
        println!("(no git program to pack the repository: packed figures skipped)");
    }
    time("ropa diff HEAD~1..HEAD", &["diff", "HEAD~1..HEAD"], 200.0);
    time(
        "ropa diff HEAD~100..HEAD",
        &["diff", "HEAD~100..HEAD"],
        200.0,
    );
    time(
        "ropa diff HEAD~1000..HEAD",
        &["diff", "HEAD~1000..HEAD"],
        200.0,
    );
    time(
        "ropa validate --at HEAD~1000",
        &["validate", "--at", "HEAD~1000"],
        200.0,
    );
    let statement = [
        "render",
        "statement",
        "--lang",
        "nl",
        "--format",
        "html",
        "--at",
        "HEAD~1000",
        "-o",
    ];
    let out = root.join("statement.html");
    let mut args: Vec<&str> = statement.to_vec();
    args.push(out.to_str().expect("a UTF-8 temp path"));
    time("ropa render statement --at HEAD~1000", &args, 200.0);
}

/// The register as the first commit, then one commit per change to one
/// activity (a public text, every tenth an internal field), an hour apart.
fn generate_history(root: &Path) {
    let repo = Repository::open(root).expect("the repository");
    let workdir = ropa_history::Repo::discover(&root.join("register"))
        .expect("the register is in the repository");
    let unchecked = |_: ropa_register::source::SourceSet| Ok::<(), ()>(());
    ropa_history::commit(
        &workdir,
        "Synthetic register",
        Some("Bench <bench@example.org>"),
        ropa_history::Change::WorkingTree,
        unchecked,
    )
    .expect("the first commit");
    let mut names: Vec<String> = std::fs::read_dir(root.join("register/activities"))
        .expect("activities")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();

    let mut t = repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .time()
        .seconds()
        - (COMMITS as i64) * 3600;
    for i in 0..COMMITS {
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let tree = head.tree().unwrap();
        let name = &names[(i * 7919) % names.len()];
        let path = format!("register/activities/{name}");
        let blob = repo
            .find_blob(tree.get_path(Path::new(&path)).unwrap().id())
            .unwrap();
        let mut activity: serde_json::Value = serde_json::from_slice(blob.content()).unwrap();
        if i % 10 == 9 {
            activity["owner"] = serde_json::json!(format!("Department {i}"));
        } else {
            activity["name"]["en"] = serde_json::json!(format!("Activity revision {i}"));
        }
        let text = serde_json::to_string_pretty(&activity).unwrap() + "\n";
        let id = repo.blob(text.as_bytes()).unwrap();
        let new_tree = TreeUpdateBuilder::new()
            .upsert(path.as_str(), id, FileMode::Blob)
            .create_updated(&repo, &tree)
            .unwrap();
        t += 3600;
        let sig = Signature::new("Bench", "bench@example.org", &Time::new(t, 0)).unwrap();
        repo.commit(
            Some("HEAD"),
            &sig,
            &sig,
            &format!("Change {name} ({i})"),
            &repo.find_tree(new_tree).unwrap(),
            &[&head],
        )
        .unwrap();
    }
}
