//! Where scans are kept: every `ropa scan` saves its findings file under
//! `.ropa/scans/<register dir name>/` beside the register directory (in the
//! repository, not in the register: findings are evidence, not records), so
//! `ropa gaps` and `ropa accept` find the latest one without being told.

use std::path::{Path, PathBuf};

use super::FindingsFile;
use super::grants::base_dir;
use ropa_register::atomic::write_atomically;

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

/// Saves a scan as `<id>.json`; returns where.
pub fn save(register_dir: &Path, file: &FindingsFile) -> Result<PathBuf, String> {
    let dir = scans_dir(register_dir);
    std::fs::create_dir_all(&dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    let path = dir.join(format!("{}.json", file.id));
    let json = serde_json::to_vec_pretty(file).map_err(|err| err.to_string())?;
    write_atomically(&path, &json)?;
    Ok(path)
}

/// The latest saved scan of `register_dir`: ids are start times, so the
/// greatest name is the newest.
pub fn latest(register_dir: &Path) -> Result<PathBuf, String> {
    let dir = scans_dir(register_dir);
    let none_yet = || {
        format!(
            "no scan saved in {} yet; run `ropa scan` first, or name a findings file with --findings",
            dir.display()
        )
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Err(none_yet()),
        Err(err) => return Err(format!("cannot read {}: {err}", dir.display())),
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("scan-"))
        })
        .max()
        .ok_or_else(none_yet)
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

    #[test]
    fn the_latest_scan_is_the_newest_id_and_a_missing_one_says_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let register = tmp.path().join("register");
        std::fs::create_dir(&register).unwrap();
        let err = latest(&register).unwrap_err();
        assert!(err.contains("run `ropa scan` first"), "{err}");
        for id in [
            "scan-20261126T040000",
            "scan-20261126T050000",
            "scan-20261125T235959",
        ] {
            let file = FindingsFile::new(format!("{id}Z"), &register, Vec::new());
            let file = FindingsFile {
                id: id.to_owned(),
                ..file
            };
            save(&register, &file).unwrap();
        }
        std::fs::write(scans_dir(&register).join("zzz.txt"), "").unwrap();
        let newest = latest(&register).unwrap();
        assert!(
            newest.ends_with("scan-20261126T050000.json"),
            "{}",
            newest.display()
        );
        assert_eq!(read(&newest).unwrap().id, "scan-20261126T050000");
        std::fs::write(scans_dir(&register).join("scan-99.json"), "{\"id\": 1}").unwrap();
        let err = read(&scans_dir(&register).join("scan-99.json")).unwrap_err();
        assert!(err.contains("scan-99.json:1:"), "{err}");
    }
}
