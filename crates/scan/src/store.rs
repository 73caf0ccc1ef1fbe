//! Where scans are kept: every `ropa scan` saves its findings file under
//! `.ropa/scans/<register dir name>/` beside the register directory (in the
//! repository, not in the register: findings are evidence, not records), so
//! `ropa gaps` and `ropa accept` find the latest one without being told.
//!
//! A saved scan is never written over. Its id is its start time and a random
//! part (`report::scan_id`), and [`save`] writes the file whole under a
//! temporary name, then gives it its own name only where no file has that
//! name yet (`renameat2` with `RENAME_NOREPLACE`, or a hard link, through
//! tempfile); when the name is taken it draws another id. What accumulates
//! is managed here too: [`list`] reads only the directory, [`contents`] one
//! file's counts without holding its findings, [`find`] a scan by a prefix
//! of its id, [`plan_prune`] decides what goes and [`remove`] removes it.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::grants::base_dir;
use super::{FindingsFile, Scan};
use ropa_history::civil_from_days;

/// The directory scans of `register_dir` are saved in. It is named after
/// the register directory, so that two registers side by side never take
/// each other's scans for their own.
pub fn scans_dir(register_dir: &Path) -> PathBuf {
    let abs = std::path::absolute(register_dir).unwrap_or_else(|_| register_dir.to_path_buf());
    let name = abs
        .components()
        .next_back()
        .map(|c| c.as_os_str().to_owned())
        .unwrap_or_else(|| "register".into());
    base_dir(register_dir)
        .join(".ropa")
        .join("scans")
        .join(name)
}

/// How often [`save`] draws another id when the file name is taken. Two
/// clashes in a row mean 32 random bits came out the same twice: something
/// other than chance writes there.
const SAVE_ATTEMPTS: usize = 3;

/// Saves a scan as `<id>.json`, never over another file; returns where.
/// When a file of that name exists (another scan of the same millisecond
/// drew the same random part), the scan gets a new id (`file.id` changes)
/// and is saved under that.
pub fn save(register_dir: &Path, file: &mut Scan) -> Result<PathBuf, String> {
    let dir = scans_dir(register_dir);
    std::fs::create_dir_all(&dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    for _ in 0..SAVE_ATTEMPTS {
        let path = dir.join(format!("{}.json", file.id));
        // Cheap, and racy: `persist_noclobber` below is what guarantees it.
        if path.exists() {
            file.redraw_id();
            continue;
        }
        let tmp = written_beside(&dir, &file.id, file)
            .map_err(|err| format!("cannot save {}: {err}", path.display()))?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => {
                file.redraw_id();
            }
            Err(err) => return Err(format!("cannot save {}: {}", path.display(), err.error)),
        }
    }
    Err(format!(
        "cannot save the scan in {}: {SAVE_ATTEMPTS} new ids in a row were taken already",
        dir.display()
    ))
}

/// `file` as pretty JSON in a temporary file `.<id>.json.<random>.tmp` in
/// `dir` (which no listing takes for a scan), flushed to disk; removed
/// again when dropped. Written as a stream: neither the JSON text nor the
/// findings of a scan are held in memory whole.
fn written_beside(dir: &Path, id: &str, file: &Scan) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{id}.json."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_json(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    readable_like_any_new_file(tmp.as_file());
    Ok(tmp)
}

/// A temporary file is private (0600); a saved scan is as readable as any
/// file the user creates (0644), as it was when saved by rename.
#[cfg(unix)]
fn readable_like_any_new_file(file: &std::fs::File) {
    use std::os::unix::fs::PermissionsExt;
    let _ = file.set_permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn readable_like_any_new_file(_file: &std::fs::File) {}

/// A saved scan, as its directory entry tells it (nothing is read from the
/// file itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// Its id: the file name without `.json`.
    pub id: String,
    pub path: PathBuf,
    /// The file's size.
    pub bytes: u64,
    /// When it started, UTC, as `YYYYMMDDTHHMMSS`: from its id, or, for a
    /// file whose name holds no time, when the file was last written.
    pub time: String,
}

/// The saved scans of `register_dir`, oldest first (by id: by start time);
/// none when nothing was saved yet. A file is a scan when its name is
/// `scan-*.json`; anything else in the directory is left alone.
pub fn list(register_dir: &Path) -> Result<Vec<Saved>, String> {
    let dir = scans_dir(register_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("cannot read {}: {err}", dir.display())),
    };
    let mut scans = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
        let name = entry.file_name();
        let Some(id) = name
            .to_str()
            .and_then(|n| n.strip_suffix(".json"))
            .filter(|id| id.starts_with("scan-"))
        else {
            continue;
        };
        let meta = match entry.metadata() {
            Ok(meta) if meta.is_file() => meta,
            Ok(_) => continue,
            // Removed since the directory was read (a prune running beside).
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => return Err(format!("cannot read {}: {err}", entry.path().display())),
        };
        let time = time_of_id(id)
            .map(str::to_owned)
            .unwrap_or_else(|| compact_utc(meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
        scans.push(Saved {
            id: id.to_owned(),
            path: entry.path(),
            bytes: meta.len(),
            time,
        });
    }
    scans.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(scans)
}

/// How old the temporary file of a save must be before it is taken for
/// the leftover of a save that never finished (a killed `ropa scan`): a
/// save streams one file to disk, which takes minutes at most.
pub const STRAY_AFTER: Duration = Duration::from_secs(60 * 60);

/// The temporary files of saves that never finished: `.scan-….json.….tmp`
/// in the scans directory, last written more than [`STRAY_AFTER`] before
/// `now`. A save in progress is younger and is left alone.
pub fn strays(register_dir: &Path, now: SystemTime) -> Result<Vec<Saved>, String> {
    let dir = scans_dir(register_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("cannot read {}: {err}", dir.display())),
    };
    let mut strays = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(".scan-") && name.ends_with(".tmp") && name.contains(".json.")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let written = meta.modified().unwrap_or(now);
        if !meta.is_file() || now.duration_since(written).unwrap_or_default() < STRAY_AFTER {
            continue;
        }
        strays.push(Saved {
            id: name,
            path: entry.path(),
            bytes: meta.len(),
            time: compact_utc(written),
        });
    }
    strays.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(strays)
}

/// `YYYYMMDDTHHMMSS` at the start of an id after `scan-`, when it is there.
fn time_of_id(id: &str) -> Option<&str> {
    let time = id.strip_prefix("scan-")?.get(..15)?;
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    (digits(0..8) && b[8] == b'T' && digits(9..15)).then_some(time)
}

/// A moment as `YYYYMMDDTHHMMSS`, UTC: the form of the time in an id, so
/// that times compare as text.
pub fn compact_utc(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let day = civil_from_days(days);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        day.year,
        day.month,
        day.day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The latest saved scan of `register_dir`: ids begin with the start time,
/// so the greatest is the newest.
pub fn latest(register_dir: &Path) -> Result<PathBuf, String> {
    list(register_dir)?
        .pop()
        .map(|scan| scan.path)
        .ok_or_else(|| {
            format!(
                "no scan saved in {} yet; run `ropa scan` first, or name a findings file with --findings",
                scans_dir(register_dir).display()
            )
        })
}

/// The saved scan whose id is `wanted` or begins with it (`scan-` may be
/// left out, `.json` may be added). The error says whether none or several
/// matched, and what to do.
pub fn find(register_dir: &Path, wanted: &str) -> Result<Saved, String> {
    let wanted = wanted.strip_suffix(".json").unwrap_or(wanted);
    let scans = list(register_dir)?;
    if let Some(exact) = scans.iter().find(|s| s.id == wanted) {
        return Ok(exact.clone());
    }
    let with_prefix = format!("scan-{wanted}");
    let matching: Vec<&Saved> = scans
        .iter()
        .filter(|s| {
            !wanted.is_empty() && (s.id.starts_with(wanted) || s.id.starts_with(&with_prefix))
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!(
            "no scan saved in {} has an id beginning with {wanted:?}; `ropa scans list` lists them",
            scans_dir(register_dir).display()
        )),
        several => {
            const NAMED: usize = 5;
            let mut named: Vec<&str> = several.iter().take(NAMED).map(|s| s.id.as_str()).collect();
            if several.len() > NAMED {
                named.push("…");
            }
            Err(format!(
                "{wanted:?} begins the ids of {} saved scans ({}); give more of the id",
                several.len(),
                named.join(", ")
            ))
        }
    }
}

/// What [`contents`] reads of a findings file: its counts, not its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contents {
    /// When the scan started, as the file says (RFC 3339).
    pub started: String,
    /// The ropa version that ran it.
    pub ropa: String,
    /// Systems scanned.
    pub systems: usize,
    /// Of those, the systems whose scan failed.
    pub failed: usize,
    /// Findings, all systems together.
    pub findings: u64,
}

/// The counts of the findings file at `path`, read as a stream: the
/// findings are counted, never held, so a scan of millions of findings is
/// listed in the memory of a few. The error names the file and, for bad
/// JSON, the line and column.
pub fn contents(path: &Path) -> Result<Contents, String> {
    #[derive(Deserialize)]
    struct Head {
        started: String,
        ropa: String,
        systems: Vec<SystemHead>,
    }
    #[derive(Deserialize)]
    struct SystemHead {
        #[serde(default)]
        error: Option<IgnoredAny>,
        findings: Counted,
    }
    let file = std::fs::File::open(path)
        .map_err(|err| format!("cannot read findings file {}: {err}", path.display()))?;
    let head: Head = serde_json::from_reader(BufReader::new(file)).map_err(|err| {
        format!(
            "{}:{}:{}: not a findings file of `ropa scan`: {err}",
            path.display(),
            err.line(),
            err.column()
        )
    })?;
    Ok(Contents {
        started: head.started,
        ropa: head.ropa,
        systems: head.systems.len(),
        failed: head.systems.iter().filter(|s| s.error.is_some()).count(),
        findings: head.systems.iter().map(|s| s.findings.0).sum(),
    })
}

/// The length of a JSON array, its elements skipped unread.
struct Counted(u64);

impl<'de> Deserialize<'de> for Counted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Counted, D::Error> {
        struct Count;
        impl<'de> Visitor<'de> for Count {
            type Value = Counted;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of findings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Counted, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Counted(n))
            }
        }
        deserializer.deserialize_seq(Count)
    }
}

/// Which saved scans [`plan_prune`] removes: those that every given rule
/// lets go. With neither rule given, none.
#[derive(Debug, Clone)]
pub struct PruneRules<'a> {
    /// Keep the newest this many.
    pub keep: Option<usize>,
    /// Keep those started at or after this time (`YYYYMMDDTHHMMSS`, UTC;
    /// see [`compact_utc`]).
    pub older_than: Option<&'a str>,
    /// Scans the register names as the source of an inventory entry, by
    /// id, with the register file that names each: kept whatever the rules
    /// say, being the evidence of what was accepted.
    pub cited: &'a BTreeMap<String, String>,
}

/// Why a scan the rules would remove is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "why", content = "file")]
pub enum Spared {
    /// The latest scan, the one `ropa gaps` and `ropa accept` read.
    Latest,
    /// The register names it as the source of an inventory entry in this
    /// file.
    Cited(String),
}

/// What pruning does: the scans to remove, those the rules let go but that
/// are kept all the same, and how many the rules keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrunePlan {
    pub remove: Vec<Saved>,
    pub spared: Vec<(Saved, Spared)>,
    pub kept: usize,
}

/// Decides which of `scans` (oldest first, as [`list`] gives them) go. The
/// latest scan never goes, nor one the register cites.
pub fn plan_prune(scans: Vec<Saved>, rules: &PruneRules<'_>) -> PrunePlan {
    let mut plan = PrunePlan::default();
    if rules.keep.is_none() && rules.older_than.is_none() {
        plan.kept = scans.len();
        return plan;
    }
    let count = scans.len();
    for (i, scan) in scans.into_iter().enumerate() {
        let newer = count - 1 - i;
        let beyond_keep = rules.keep.is_none_or(|keep| newer >= keep);
        let old = rules
            .older_than
            .is_none_or(|cutoff| scan.time.as_str() < cutoff);
        if !(beyond_keep && old) {
            plan.kept += 1;
        } else if newer == 0 {
            plan.spared.push((scan, Spared::Latest));
        } else if let Some(file) = rules.cited.get(&scan.id) {
            let file = file.clone();
            plan.spared.push((scan, Spared::Cited(file)));
        } else {
            plan.remove.push(scan);
        }
    }
    plan
}

/// What [`remove`] did.
#[derive(Debug, Clone, Default)]
pub struct Removed {
    pub removed: Vec<Saved>,
    /// Bytes freed (a file another prune removed first frees nothing here).
    pub freed: u64,
    /// Scans that could not be removed, and why.
    pub failed: Vec<(Saved, String)>,
}

/// Removes the scans `plan` lets go. A file gone already (another prune
/// running beside this one) counts as removed.
pub fn remove(plan: &PrunePlan) -> Removed {
    let mut done = Removed::default();
    for scan in &plan.remove {
        match std::fs::remove_file(&scan.path) {
            Ok(()) => {
                done.freed += scan.bytes;
                done.removed.push(scan.clone());
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                done.removed.push(scan.clone())
            }
            Err(err) => done.failed.push((
                scan.clone(),
                format!("cannot remove {}: {err}", scan.path.display()),
            )),
        }
    }
    done
}

/// Reads a findings file; the error names the file and, for bad JSON, the
/// line and column.
pub fn read(path: &Path) -> Result<FindingsFile, String> {
    let bytes = std::fs::read(path)
        .map_err(|err| format!("cannot read findings file {}: {err}", path.display()))?;
    parse(&bytes, &path.display().to_string())
}

/// Reads a findings file's bytes; `origin` names it in the error. What
/// [`read`] does once the file is read (the fuzz target calls it directly).
pub fn parse(bytes: &[u8], origin: &str) -> Result<FindingsFile, String> {
    serde_json::from_slice(bytes).map_err(|err| {
        format!(
            "{origin}:{}:{}: not a findings file of `ropa scan`: {err}",
            err.line(),
            err.column()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let register = tmp.path().join("register");
        std::fs::create_dir(&register).unwrap();
        (tmp, register)
    }

    fn scan(started: &str, register: &Path) -> Scan {
        let spool = crate::spool::Spool::new().unwrap();
        Scan::new(started.to_owned(), register, Vec::new(), spool)
    }

    fn saved_as(register: &Path, id: &str) -> PathBuf {
        let mut file = scan("2026-11-26T04:00:00.000Z", register);
        file.id = id.to_owned();
        save(register, &mut file).unwrap()
    }

    #[test]
    fn the_latest_scan_is_the_newest_id_and_a_missing_one_says_what_to_do() {
        let (_tmp, register) = register();
        let err = latest(&register).unwrap_err();
        assert!(err.contains("run `ropa scan` first"), "{err}");
        for id in [
            "scan-20261126T040000",
            "scan-20261126T050000.001-00000000",
            "scan-20261126T050000",
            "scan-20261125T235959.999-ffffffff",
        ] {
            saved_as(&register, id);
        }
        std::fs::write(scans_dir(&register).join("zzz.txt"), "").unwrap();
        std::fs::write(scans_dir(&register).join(".scan-x.json.1.tmp"), "").unwrap();
        let newest = latest(&register).unwrap();
        assert!(
            newest.ends_with("scan-20261126T050000.001-00000000.json"),
            "{}",
            newest.display()
        );
        assert_eq!(
            read(&newest).unwrap().id,
            "scan-20261126T050000.001-00000000"
        );
        std::fs::write(scans_dir(&register).join("scan-99.json"), "{\"id\": 1}").unwrap();
        let err = read(&scans_dir(&register).join("scan-99.json")).unwrap_err();
        assert!(err.contains("scan-99.json:1:"), "{err}");
    }

    #[test]
    fn a_scan_whose_id_is_taken_is_saved_under_a_new_one_and_nothing_is_overwritten() {
        let (_tmp, register) = register();
        let started = "2026-11-26T04:00:00.000Z";
        let mut first = scan(started, &register);
        let mut second = scan(started, &register);
        second.id = first.id.clone();
        second.register = "the second".into();
        let first_path = save(&register, &mut first).unwrap();
        let first_bytes = std::fs::read(&first_path).unwrap();
        let second_path = save(&register, &mut second).unwrap();
        assert_ne!(first.id, second.id);
        assert!(second.id.starts_with("scan-20261126T040000.000-"));
        assert_eq!(std::fs::read(&first_path).unwrap(), first_bytes);
        assert_eq!(read(&second_path).unwrap().id, second.id);
        assert_eq!(read(&second_path).unwrap().register, "the second");
        let ids: Vec<String> = list(&register).unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&first.id) && ids.contains(&second.id));
        // No temporary file stays behind.
        let names = std::fs::read_dir(scans_dir(&register)).unwrap().count();
        assert_eq!(names, 2);
    }

    #[test]
    fn a_prefix_finds_one_scan_and_an_ambiguous_or_unknown_one_says_so() {
        let (_tmp, register) = register();
        for id in [
            "scan-20261126T040000.000-aaaaaaaa",
            "scan-20261126T040000.000-bbbbbbbb",
            "scan-20261127T040000.000-cccccccc",
        ] {
            saved_as(&register, id);
        }
        let found = |wanted: &str| find(&register, wanted).map(|s| s.id);
        assert_eq!(
            found("scan-20261127").unwrap(),
            "scan-20261127T040000.000-cccccccc"
        );
        assert_eq!(
            found("20261126T040000.000-b").unwrap(),
            "scan-20261126T040000.000-bbbbbbbb"
        );
        assert_eq!(
            found("scan-20261126T040000.000-aaaaaaaa.json").unwrap(),
            "scan-20261126T040000.000-aaaaaaaa"
        );
        let err = found("20261126").unwrap_err();
        assert!(err.contains("2 saved scans"), "{err}");
        assert!(
            err.contains("bbbbbbbb") && err.contains("give more"),
            "{err}"
        );
        let err = found("2025").unwrap_err();
        assert!(err.contains("`ropa scans list`"), "{err}");
        assert!(found("").is_err());
    }

    #[test]
    fn contents_counts_systems_failures_and_findings() {
        let (tmp, _register) = register();
        let path = tmp.path().join("scan.json");
        let finding = serde_json::json!({"location": "t.c", "category": "pd:Name",
            "confidence": 1.0, "matches": 1, "sampled": 1, "detector": "d"});
        let file = serde_json::json!({
            "$schema": crate::report::SCHEMA, "id": "scan-x", "started": "2026-11-26T04:00:00Z",
            "ropa": "0.1.0", "register": "register",
            "systems": [
                {"system": "a", "plugin": null, "kind": "sqlite", "findings": [finding, finding]},
                {"system": "b", "plugin": null, "kind": "files", "findings": [finding],
                 "error": {"kind": "trap", "reason": "crashed"}},
            ]
        });
        std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        assert_eq!(
            contents(&path).unwrap(),
            Contents {
                started: "2026-11-26T04:00:00Z".into(),
                ropa: "0.1.0".into(),
                systems: 2,
                failed: 1,
                findings: 3,
            }
        );
        std::fs::write(&path, "{\"started\": 1}").unwrap();
        let err = contents(&path).unwrap_err();
        assert!(err.contains("scan.json:1:") && err.contains("not a findings file"));
    }

    fn scans(times: &[&str]) -> Vec<Saved> {
        times
            .iter()
            .map(|t| Saved {
                id: format!("scan-{t}.000-00000000"),
                path: PathBuf::from(format!("scan-{t}.json")),
                bytes: 10,
                time: (*t).to_owned(),
            })
            .collect()
    }

    fn ids(scans: &[Saved]) -> Vec<&str> {
        scans.iter().map(|s| &s.time[..8]).collect()
    }

    #[test]
    fn prune_keeps_the_newest_the_recent_the_latest_and_the_cited() {
        let all = scans(&[
            "20260101T000000",
            "20260201T000000",
            "20260301T000000",
            "20260401T000000",
            "20260501T000000",
        ]);
        let none = BTreeMap::new();
        let keep = |n, cutoff, cited| {
            plan_prune(
                all.clone(),
                &PruneRules {
                    keep: n,
                    older_than: cutoff,
                    cited,
                },
            )
        };
        let plan = keep(Some(2), None, &none);
        assert_eq!(ids(&plan.remove), ["20260101", "20260201", "20260301"]);
        assert_eq!((plan.kept, plan.spared.len()), (2, 0));
        let plan = keep(None, Some("20260301T000000"), &none);
        assert_eq!(ids(&plan.remove), ["20260101", "20260201"]);
        // Both: only what both let go.
        let plan = keep(Some(4), Some("20260301T000000"), &none);
        assert_eq!(ids(&plan.remove), ["20260101"]);
        // Neither: nothing.
        assert_eq!(keep(None, None, &none).kept, 5);
        // Everything is old: the latest stays.
        let plan = keep(None, Some("20270101T000000"), &none);
        assert_eq!(plan.remove.len(), 4);
        assert_eq!(ids(&[plan.spared[0].0.clone()]), ["20260501"]);
        assert_eq!(plan.spared[0].1, Spared::Latest);
        // A scan the register cites stays.
        let cited = BTreeMap::from([(all[1].id.clone(), "systems/webshop.json".to_owned())]);
        let plan = keep(Some(1), None, &cited);
        assert_eq!(ids(&plan.remove), ["20260101", "20260301", "20260401"]);
        assert_eq!(
            plan.spared,
            [(all[1].clone(), Spared::Cited("systems/webshop.json".into()))]
        );
    }

    #[test]
    fn remove_frees_the_files_and_tolerates_one_gone_already() {
        let (_tmp, register) = register();
        for id in [
            "scan-20261101T000000.000-00000000",
            "scan-20261102T000000.000-00000000",
            "scan-20261103T000000.000-00000000",
        ] {
            saved_as(&register, id);
        }
        let plan = plan_prune(
            list(&register).unwrap(),
            &PruneRules {
                keep: Some(1),
                older_than: None,
                cited: &BTreeMap::new(),
            },
        );
        let sizes: u64 = plan.remove.iter().map(|s| s.bytes).sum();
        std::fs::remove_file(&plan.remove[0].path).unwrap();
        let done = remove(&plan);
        assert_eq!(done.removed.len(), 2);
        assert_eq!(done.freed, sizes - plan.remove[0].bytes);
        assert!(done.failed.is_empty());
        let left: Vec<String> = list(&register).unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(left, ["scan-20261103T000000.000-00000000"]);
    }

    #[test]
    fn times_come_from_the_id_or_else_the_file() {
        assert_eq!(
            time_of_id("scan-20261126T024512.345-7f3a9c01"),
            Some("20261126T024512")
        );
        assert_eq!(time_of_id("scan-20261126T024512"), Some("20261126T024512"));
        assert_eq!(time_of_id("scan-99"), None);
        assert_eq!(time_of_id("scan-2026112xT024512"), None);
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_795_661_112);
        assert_eq!(compact_utc(at), "20261126T024512");
        let (_tmp, register) = register();
        std::fs::create_dir_all(scans_dir(&register)).unwrap();
        let path = scans_dir(&register).join("scan-99.json");
        std::fs::write(&path, "{}").unwrap();
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert_eq!(list(&register).unwrap()[0].time, compact_utc(written));
    }
}
