//! Running the real `ropa` binary, and the file juggling the tests need:
//! copying a register, building one from a case folder, and taking a
//! snapshot of a directory to prove a command wrote nothing.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The base test register in `register/` of a fresh git repository in a
/// temp dir, not yet committed. Git's global configuration is kept out
/// (HOME points into the temp dir), so the tests do not depend on the
/// machine's identity.
pub struct GitRegister {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    home: PathBuf,
}

impl GitRegister {
    pub fn new() -> GitRegister {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        git2::Repository::init(&root).unwrap();
        copy_dir(&base_dir(), &root.join("register"));
        GitRegister {
            _tmp: tmp,
            root,
            home,
        }
    }

    pub fn register(&self) -> PathBuf {
        self.root.join("register")
    }

    /// The environment `ropa` and git run in.
    pub fn env(&self) -> Vec<(&'static str, &OsStr)> {
        vec![
            ("HOME", self.home.as_os_str()),
            ("XDG_CONFIG_HOME", self.home.as_os_str()),
            ("GIT_CONFIG_NOSYSTEM", OsStr::new("1")),
        ]
    }

    /// Runs `ropa` in the repository; it must not panic.
    #[track_caller]
    pub fn ropa<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = run(&self.root, args, &self.env());
        assert!(!out.panicked(), "ropa panicked:\n{out}");
        out
    }

    /// Rewrites a register file through a JSON edit.
    pub fn edit(&self, rel: &str, change: impl FnOnce(&mut serde_json::Value)) {
        let path = self.register().join(rel);
        let mut value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut value);
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap() + "\n").unwrap();
    }
}

/// The binary cargo built for this test run.
pub fn ropa_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_ropa"))
}

/// The workspace root (`host/`'s parent).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("host/ has a parent")
        .to_owned()
}

/// `tests/cases/`.
pub fn cases_dir() -> PathBuf {
    workspace_root().join("tests").join("cases")
}

/// `tests/cases/base/`: the valid register every case starts from.
pub fn base_dir() -> PathBuf {
    cases_dir().join("base")
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Output {
    /// The exit code; `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Whether the binary panicked (a bad input must give a diagnostic, never a panic).
    pub fn panicked(&self) -> bool {
        // Rust's own panic line (`thread 'main' panicked at …`), not a
        // plugin's message that ropa passes on.
        self.stderr.contains("thread '") && self.stderr.contains("' panicked at")
    }

    /// Asserts the exit code and that there was no panic, showing everything on failure.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert!(!self.panicked(), "ropa panicked:\n{self}");
        assert_eq!(self.code, Some(code), "unexpected exit code:\n{self}");
        self
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `ropa` with `args` in `cwd`. The environment is the test's own minus
/// `ROPA_REGISTER` and `ROPA_KEEP_SCANS` (so a developer's settings cannot
/// leak in), plus `env`.
pub fn run<I, S>(cwd: &Path, args: I, env: &[(&str, &OsStr)]) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(ropa_bin());
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("ROPA_REGISTER")
        .env_remove("ROPA_KEEP_SCANS")
        .env("RUST_BACKTRACE", "0");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", ropa_bin().display()));
    Output {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Copies the directory tree `from` into `to` (created if needed). Symbolic
/// links are not expected in the sources and are refused.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| {
                panic!(
                    "copy {} to {}: {e}",
                    entry.path().display(),
                    target.display()
                )
            });
        } else {
            panic!("{} is not a file or directory", entry.path().display());
        }
    }
}

/// One entry of a [`snapshot`].
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry under `dir` (links not followed), by path relative to `dir`.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.expect("directory entry");
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("below root").to_owned();
            let kind = entry.file_type().expect("file type");
            if kind.is_symlink() {
                out.insert(rel, Entry::Link(std::fs::read_link(&path).expect("link")));
            } else if kind.is_dir() {
                out.insert(rel, Entry::Dir);
                walk(root, &path, out);
            } else {
                out.insert(rel, Entry::File(std::fs::read(&path).expect("read file")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Explains how two snapshots differ, or `None` when they are the same.
pub fn snapshot_diff(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
) -> Option<String> {
    let mut lines = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => lines.push(format!("removed: {}", path.display())),
            Some(other) if other != entry => lines.push(format!("changed: {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        lines.push(format!("added: {}", path.display()));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// A register built from the base plus one case folder's changes, in a
/// fresh temporary directory that is removed when this value is dropped.
///
/// The case folder may hold:
/// - `register/`: files laid over the base copy (same path replaces, new path adds);
/// - `remove`: paths (files or directories) to delete from the copy, one a line;
/// - `unreadable`: organisation.json is replaced by a directory of that name;
/// - `make-large`: the file it names (default `categories.json`) becomes 5 MiB
///   of valid JSON, over the 4 MiB limit (generated, so no big file is committed);
/// - `symlink`: `LINK -> TARGET` lines; the link (to a file or a directory)
///   replaces LINK in the register, and a TARGET that does not exist yet is
///   created as a copy of the base's LINK, so that only the link is wrong;
/// - `no-register`: `register` points at a directory that does not exist.
pub struct Prepared {
    pub tmp: tempfile::TempDir,
    /// What `--register` is given.
    pub register: PathBuf,
}

impl Prepared {
    /// A copy of the clean base register.
    pub fn base() -> Prepared {
        Prepared::new(&base_dir())
    }

    pub fn new(case: &Path) -> Prepared {
        let tmp = tempfile::Builder::new()
            .prefix("ropa-e2e-")
            .tempdir()
            .expect("temporary directory");
        let reg = tmp.path().join("reg");
        if case.join("no-register").exists() {
            return Prepared { tmp, register: reg };
        }
        copy_dir(&base_dir(), &reg);
        if case.join("register").is_dir() {
            copy_dir(&case.join("register"), &reg);
        }
        if let Ok(list) = std::fs::read_to_string(case.join("remove")) {
            for rel in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let path = reg.join(rel);
                let meta = std::fs::symlink_metadata(&path)
                    .unwrap_or_else(|e| panic!("remove: {} not in the copy: {e}", rel));
                if meta.is_dir() {
                    std::fs::remove_dir_all(&path).expect("remove directory");
                } else {
                    std::fs::remove_file(&path).expect("remove file");
                }
            }
        }
        if case.join("unreadable").exists() {
            let path = reg.join("organisation.json");
            std::fs::remove_file(&path).expect("remove organisation.json");
            std::fs::create_dir(&path).expect("organisation.json as a directory");
        }
        if let Ok(name) = std::fs::read_to_string(case.join("make-large")) {
            let name = match name.trim() {
                "" => "categories.json",
                name => name,
            };
            std::fs::write(reg.join(name), large_json(name)).expect("write large file");
        }
        if let Ok(spec) = std::fs::read_to_string(case.join("symlink")) {
            for line in spec.lines().filter(|l| !l.trim().is_empty()) {
                let (link, target) = line
                    .split_once("->")
                    .unwrap_or_else(|| panic!("symlink: expected `LINK -> TARGET`, got {line:?}"));
                let (link, target) = (link.trim(), target.trim());
                let link_path = reg.join(link);
                let target_path = link_path.parent().expect("link has a parent").join(target);
                // The target holds what the link replaces, so only the link is wrong.
                let replaced = base_dir().join(link);
                let is_dir = replaced.is_dir();
                if !target_path.exists() {
                    if is_dir {
                        copy_dir(&replaced, &target_path);
                    } else {
                        let text = std::fs::read(&replaced).unwrap_or_else(|_| b"{}\n".to_vec());
                        std::fs::write(&target_path, text).expect("write link target");
                    }
                }
                match std::fs::symlink_metadata(&link_path) {
                    Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&link_path)
                        .expect("remove the directory the link replaces"),
                    Ok(_) => {
                        std::fs::remove_file(&link_path).expect("remove the file the link replaces")
                    }
                    Err(_) => {}
                }
                symlink(Path::new(target), &link_path, is_dir);
            }
        }
        Prepared { tmp, register: reg }
    }

    /// Replaces the temporary paths in `text` by `REGISTER` (the register)
    /// and `TMP` (the directory holding it), so goldens do not depend on them.
    pub fn normalise(&self, text: &str) -> String {
        let mut out = text.to_owned();
        let mut roots = vec![self.tmp.path().to_owned()];
        if let Ok(canonical) = self.tmp.path().canonicalize() {
            roots.insert(0, canonical);
        }
        for root in &roots {
            out = out.replace(&root.join("reg").display().to_string(), "REGISTER");
        }
        for root in &roots {
            out = out.replace(&root.display().to_string(), "TMP");
        }
        out
    }
}

/// Valid JSON of exactly 5 MiB: the base file's start, padded with spaces.
fn large_json(name: &str) -> Vec<u8> {
    const SIZE: usize = 5 * 1024 * 1024;
    let schema = name.trim_end_matches(".json");
    let head = format!("{{\"$schema\": \"{schema}.schema.json\", \"padding\": \"");
    let tail = "\"}\n";
    let mut bytes = head.into_bytes();
    bytes.resize(SIZE - tail.len(), b'x');
    bytes.extend_from_slice(tail.as_bytes());
    bytes
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path, _is_dir: bool) {
    std::os::unix::fs::symlink(target, link)
        .unwrap_or_else(|e| panic!("symlink {} -> {}: {e}", link.display(), target.display()));
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path, is_dir: bool) {
    let made = if is_dir {
        std::os::windows::fs::symlink_dir(target, link)
    } else {
        std::os::windows::fs::symlink_file(target, link)
    };
    made.unwrap_or_else(|e| panic!("symlink {} -> {}: {e}", link.display(), target.display()));
}

/// A test plugin from `tests/plugins/` (`fixture-echo`, `hostile-loop`, …),
/// built for `wasm32-wasip2` on first use — the whole workspace at once, into
/// the plugin target directory that `host/build.rs` uses for the bundled
/// plugins, so that their dependencies are compiled once.
pub fn test_plugin(name: &str) -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = BUILT.get_or_init(|| {
        let target = PathBuf::from(ropa_scan::plugin::bundled::PLUGIN_TARGET_DIR);
        let manifest = workspace_root().join("tests/plugins/Cargo.toml");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-wasip2",
                "--manifest-path",
            ])
            .arg(&manifest)
            .arg("--target-dir")
            .arg(&target)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "building the test plugins failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        target.join("wasm32-wasip2/release")
    });
    let path = dir.join(format!("{}.wasm", name.replace('-', "_")));
    assert!(path.is_file(), "no test plugin {}", path.display());
    path
}
