//! Reads a register directory from disk: which files there are, their text,
//! and the refusals that protect the reader (size limit, links that leave the
//! register, bytes that are not UTF-8 JSON).
//!
//! Nothing here interprets the register; that is `load`'s job.

use std::fs::FileType;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::rules::Rule;

/// A register file larger than this is refused rather than read: a register
/// file is a few kilobytes, and a runaway file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most JSON values (objects, arrays, scalars) a register file may hold. A
/// parsed value costs the validator some 200 bytes, so 4 MiB of `{}` would
/// take about 300 MB; real files stay far below (a system's inventory of
/// 25,000 entries, 3.6 MB, holds about 150,000).
pub const MAX_FILE_VALUES: usize = 400_000;

/// The kinds of file a register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    Organisation,
    Categories,
    Subjects,
    Recipients,
    Activity,
    System,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Organisation,
        FileKind::Categories,
        FileKind::Subjects,
        FileKind::Recipients,
        FileKind::Activity,
        FileKind::System,
    ];

    /// The file name of a single-file kind; `None` for per-entry directories.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            FileKind::Organisation => Some("organisation.json"),
            FileKind::Categories => Some("categories.json"),
            FileKind::Subjects => Some("subjects.json"),
            FileKind::Recipients => Some("recipients.json"),
            FileKind::Activity | FileKind::System => None,
        }
    }

    /// The directory of a per-entry kind.
    pub fn dir_name(self) -> Option<&'static str> {
        match self {
            FileKind::Activity => Some("activities"),
            FileKind::System => Some("systems"),
            _ => None,
        }
    }

    /// The schema's file name in `schemas/`.
    pub fn schema_name(self) -> &'static str {
        match self {
            FileKind::Organisation => "organisation.schema.json",
            FileKind::Categories => "categories.schema.json",
            FileKind::Subjects => "subjects.schema.json",
            FileKind::Recipients => "recipients.schema.json",
            FileKind::Activity => "activity.schema.json",
            FileKind::System => "system.schema.json",
        }
    }
}

/// One register file's text, as read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: FileKind,
    /// Path relative to the register directory, `/` separated.
    pub rel: String,
    pub text: String,
}

/// Why a register could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the register directory {0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is not a directory; --register takes the register's directory")]
    NotADirectory(PathBuf),
    #[error("{} holds no register: organisation.json, categories.json, subjects.json and recipients.json are all missing (create one with `ropa init DIR`)", .0.display())]
    NotARegister(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What reading a register directory produced: the files that could be read,
/// and diagnostics for the ones refused.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a directory of the register holds one file per entry
/// (`activities/`, `systems/`).
pub fn is_entry_dir(name: &str) -> bool {
    FileKind::ALL.iter().any(|k| k.dir_name() == Some(name))
}

/// One entry of a register directory, as a filesystem or a git tree holds it.
#[derive(Debug)]
pub struct RawEntry {
    /// Path relative to the register directory, `/` separated.
    pub rel: String,
    pub content: RawContent,
}

#[derive(Debug)]
pub enum RawContent {
    Bytes(Vec<u8>),
    /// A symbolic link that leads out of the register; `target` says where.
    LinkOutside {
        target: String,
    },
    /// Larger than [`MAX_FILE_BYTES`]; not read.
    TooLarge(u64),
}

pub fn read_register(dir: &Path) -> Result<SourceSet, ReadError> {
    let meta = std::fs::metadata(dir).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing(dir.to_owned()),
        _ => ReadError::Io {
            path: dir.to_owned(),
            source,
        },
    })?;
    if !meta.is_dir() {
        return Err(ReadError::NotADirectory(dir.to_owned()));
    }
    let root = dir.canonicalize().map_err(|source| ReadError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut paths: Vec<(PathBuf, String, FileType)> = Vec::new();
    let mut strays = Vec::new();
    for (name, _) in list_dir(dir)? {
        let path = dir.join(&name);
        let is_entry_dir = is_entry_dir(&name);
        if path.is_dir() {
            if is_entry_dir {
                if let Some(target) = outside(&root, &path)? {
                    strays.push(file_diagnostic(
                        Rule::S05,
                        &format!("{name}/"),
                        format!("{name}/ is a symbolic link to {target}, outside the register; it is not read"),
                        Some(format!("move the files into {name}/ instead of linking to them")),
                    ));
                    continue;
                }
                for (inner, kind) in list_dir(&path)? {
                    let inner_path = path.join(&inner);
                    // The listing's type spares a stat per file; a link is
                    // followed to see what it leads to.
                    let is_dir = if kind.is_symlink() {
                        inner_path.is_dir()
                    } else {
                        kind.is_dir()
                    };
                    if !is_dir {
                        paths.push((inner_path, format!("{name}/{inner}"), kind));
                    }
                }
            } else if FileKind::ALL
                .iter()
                .any(|k| k.file_name() == Some(name.as_str()))
            {
                return Err(ReadError::Io {
                    path,
                    source: std::io::Error::other("it is a directory, not a file"),
                });
            } else if !name.starts_with('.') {
                // A misspelt "activity/" would otherwise make every activity vanish silently.
                let close = FileKind::ALL.iter().filter_map(|k| k.dir_name()).find(|d| {
                    d.starts_with(name.trim_end_matches('s'))
                        || name.starts_with(d.trim_end_matches("ies"))
                });
                strays.push(file_diagnostic(
                    Rule::S07,
                    &format!("{name}/"),
                    format!("the directory {name}/ is not part of a register and is ignored"),
                    Some(match close {
                        Some(d) => format!("did you mean {d}/? a register keeps activities in activities/ and systems in systems/"),
                        None => "a register keeps activities in activities/ and systems in systems/".to_owned(),
                    }),
                ));
            }
        } else if name.ends_with(".json") {
            let kind = std::fs::symlink_metadata(&path)
                .map_err(|source| ReadError::Io {
                    path: path.clone(),
                    source,
                })?
                .file_type();
            paths.push((path, name, kind));
        }
    }
    // Reading is independent per file: share it among the cores.
    let entries = crate::parallel::map_chunks(&paths, 64, |part| {
        part.iter()
            .map(|(path, rel, kind)| read_entry(&root, path, rel.clone(), *kind))
            .collect::<Result<Vec<_>, _>>()
    })
    .into_iter()
    .collect::<Result<Vec<Vec<RawEntry>>, ReadError>>()?;
    let mut set = assemble(dir, entries.into_iter().flatten().collect())?;
    set.diagnostics.extend(strays);
    Ok(set)
}

/// Where `path` really leads, when that is outside `root`.
fn outside(root: &Path, path: &Path) -> Result<Option<String>, ReadError> {
    let target = path.canonicalize().map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok((!target.starts_with(root)).then(|| target.display().to_string()))
}

/// Sorts a register's entries into its files, and reports what is missing,
/// stray or refused. Shared by the filesystem and git readers so both apply
/// the same rules.
pub fn assemble(dir: &Path, mut entries: Vec<RawEntry>) -> Result<SourceSet, ReadError> {
    entries.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut set = SourceSet::default();
    let known: Vec<&str> = FileKind::ALL.iter().filter_map(|k| k.file_name()).collect();
    let mut single_files_found = 0;
    for kind in FileKind::ALL {
        if let Some(name) = kind.file_name() {
            if entries.iter().any(|e| e.rel == name) {
                single_files_found += 1;
            } else {
                set.diagnostics.push(file_diagnostic(
                    Rule::S06,
                    name,
                    format!("{name} is missing"),
                    Some(format!(
                        "create {name}; `ropa init DIR` writes a starting point for every file"
                    )),
                ));
            }
        }
    }
    if single_files_found == 0 {
        return Err(ReadError::NotARegister(dir.to_owned()));
    }
    for entry in entries {
        let rel = entry.rel;
        let file_name = rel.rsplit('/').next().unwrap_or_default();
        if file_name.starts_with('.') {
            continue;
        }
        let Some(kind) = kind_of(&rel) else {
            let help = match rel.split_once('/') {
                Some((dir, _)) => format!("only <id>.json files belong in {dir}/"),
                None => format!(
                    "a register holds {}, activities/<id>.json and systems/<id>.json",
                    known.join(", ")
                ),
            };
            set.diagnostics.push(file_diagnostic(
                Rule::S07,
                &rel,
                format!("{rel} is not a register file and is ignored"),
                Some(help),
            ));
            continue;
        };
        match entry.content {
            // A link out of the register is refused: the register is what git
            // versions, and a link would smuggle in (or leak) a file git does not hold.
            RawContent::LinkOutside { target } => set.diagnostics.push(file_diagnostic(
                Rule::S05,
                &rel,
                format!(
                    "{rel} is a symbolic link to {target}, outside the register; it is not read"
                ),
                Some("copy the file into the register instead of linking to it".to_owned()),
            )),
            RawContent::TooLarge(len) => set.diagnostics.push(too_large(&rel, len)),
            RawContent::Bytes(bytes) => match decode(kind, rel, bytes) {
                Ok(file) => set.files.push(file),
                Err(d) => set.diagnostics.push(d),
            },
        }
    }
    Ok(set)
}

/// The names in `dir`, sorted, each with its type as the listing gives it
/// (a link is a link, not what it leads to).
fn list_dir(dir: &Path) -> Result<Vec<(String, FileType)>, ReadError> {
    let io = |source| ReadError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let kind = entry.file_type().map_err(io)?;
        names.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(names)
}

/// Reads one file; `kind` is its type as its directory listed it.
fn read_entry(
    root: &Path,
    path: &Path,
    rel: String,
    kind: FileType,
) -> Result<RawEntry, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    if kind.is_symlink() {
        // A dangling link is unreadable (exit 2); a link inside the register is followed.
        if let Some(target) = outside(root, path)? {
            return Ok(RawEntry {
                rel,
                content: RawContent::LinkOutside { target },
            });
        }
    }
    // A FIFO or a device would block the reader or never end, so what is
    // not listed as a regular file is looked at before it is opened.
    let not_regular = || ReadError::Io {
        path: path.to_owned(),
        source: std::io::Error::other("it is not a regular file"),
    };
    if !kind.is_file() && !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Ok(RawEntry {
            rel,
            content: RawContent::TooLarge(meta.len()),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows between the size check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(RawEntry {
        rel,
        content: RawContent::Bytes(bytes),
    })
}

/// About how many JSON values `text` holds: one, plus one for each `,`,
/// `{` and `[` outside strings. Cheap, so it runs before the parse.
fn json_values(text: &str) -> usize {
    let mut count = 1;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'{' | b'[' => count += 1,
                _ => {}
            }
        }
    }
    count
}

/// A diagnostic for a file over [`MAX_FILE_BYTES`].
pub fn too_large(rel: &str, len: u64) -> Diagnostic {
    file_diagnostic(
        Rule::S04,
        rel,
        format!("{rel} is {len} bytes; register files may be at most {MAX_FILE_BYTES} bytes (4 MiB), so it is not read"),
        Some("split the content over several files, or check that the file is what you meant to put here".to_owned()),
    )
}

/// Turns a file's bytes into text, refusing what is not UTF-8 JSON text:
/// a byte-order mark, invalid UTF-8, an empty file. Used for files on disk
/// and for files in a git tree alike.
pub fn decode(kind: FileKind, rel: String, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&rel, bytes.len() as u64));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(syntax(
            &rel,
            1,
            1,
            "the file starts with a byte-order mark (BOM), which JSON does not allow",
            "save the file as UTF-8 without BOM (in most editors: the encoding menu, \"UTF-8\" rather than \"UTF-8 with BOM\")",
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let (line, column) = crate::span::line_col(&text, text.len());
            let mut d = syntax(
                &rel,
                line,
                column,
                &format!(
                    "the file is not valid UTF-8 (the byte at offset {} from the start cannot be decoded)",
                    valid.len()
                ),
                "save the file as UTF-8; it was probably written in another encoding such as Windows-1252",
            );
            d.snippet = text
                .lines()
                .nth(line - 1)
                .map(|l| crate::diagnostic::Snippet::new(l, column));
            return Err(d);
        }
    };
    let values = json_values(&text);
    if values > MAX_FILE_VALUES {
        return Err(file_diagnostic(
            Rule::S04,
            &rel,
            format!("{rel} holds about {values} JSON values; register files may hold at most {MAX_FILE_VALUES}, so it is not read"),
            Some("split the content over several files, or check that the file is what you meant to put here".to_owned()),
        ));
    }
    if text.trim().is_empty() {
        return Err(syntax(
            &rel,
            0,
            0,
            "the file is empty",
            &format!(
                "a register file holds one JSON object; see `ropa init` for what {rel} starts with"
            ),
        ));
    }
    Ok(SourceFile { kind, rel, text })
}

/// The kind of a register file from its path relative to the register
/// directory, or `None` for a file that is not part of the register.
pub fn kind_of(rel: &str) -> Option<FileKind> {
    FileKind::ALL
        .into_iter()
        .find(|kind| match (kind.file_name(), kind.dir_name()) {
            (Some(name), _) => rel == name,
            (None, Some(dir)) => rel
                .strip_prefix(dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| {
                    !name.contains('/') && !name.starts_with('.') && name.ends_with(".json")
                }),
            _ => false,
        })
}

fn syntax(rel: &str, line: usize, column: usize, message: &str, help: &str) -> Diagnostic {
    let mut d = file_diagnostic(Rule::S01, rel, message.to_owned(), Some(help.to_owned()));
    d.line = line;
    d.column = column;
    d
}

/// A diagnostic about a file as a whole.
pub fn file_diagnostic(rule: Rule, rel: &str, message: String, help: Option<String>) -> Diagnostic {
    Diagnostic {
        severity: rule.default_severity(),
        rule: rule.id(),
        article: rule.article(),
        file: rel.to_owned(),
        line: 0,
        column: 0,
        pointer: String::new(),
        message,
        help,
        acknowledged: None,
        cause: None,
        fixed_at: None,
        snippet: None,
    }
}

/// The diagnostic that stands for the `errors` and `warnings` of a file not
/// shown beyond [`MAX_PER_FILE`](crate::diagnostic::MAX_PER_FILE); `rule` is the rule of the first of them.
/// `None` when nothing was left out.
pub fn hidden(rule: Rule, file: &str, errors: usize, warnings: usize) -> Option<Diagnostic> {
    let counted = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 more {what}")),
        n => Some(format!("{n} more {what}s")),
    };
    let counts: Vec<String> = [counted(errors, "error"), counted(warnings, "warning")]
        .into_iter()
        .flatten()
        .collect();
    if counts.is_empty() {
        return None;
    }
    let mut d = file_diagnostic(
        rule,
        file,
        format!(
            "… and {} in this file, not shown (at most {} are shown per file)",
            counts.join(" and "),
            crate::diagnostic::MAX_PER_FILE
        ),
        Some("fix the problems shown first, then validate again to see the rest".to_owned()),
    );
    d.severity = if errors > 0 {
        crate::diagnostic::Severity::Error
    } else {
        crate::diagnostic::Severity::Warning
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_among_the_activities_is_refused_without_being_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let activities = tmp.path().join("activities");
        std::fs::create_dir(&activities).unwrap();
        let fifo = activities.join("stuck.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // Opening a FIFO for reading waits for a writer: run on a thread
        // and give up on it rather than hang.
        let (send, receive) = std::sync::mpsc::channel();
        let dir = tmp.path().to_owned();
        std::thread::spawn(move || send.send(read_register(&dir).map(|_| ())));
        let result = receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading the register does not block on a FIFO");
        match result {
            Err(ReadError::Io { path, source }) => {
                assert_eq!(path, fifo);
                assert_eq!(source.to_string(), "it is not a regular file");
            }
            other => panic!("{other:?}"),
        }
    }
}
