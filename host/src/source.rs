//! Reads a register directory from disk: which files there are, their text,
//! and the refusals that protect the reader (size limit, links that leave the
//! register, bytes that are not UTF-8 JSON).
//!
//! Nothing here interprets the register; that is `load`'s job.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::rules::Rule;

/// A register file larger than this is refused rather than read: a register
/// file is a few kilobytes, and a runaway file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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
    let mut set = SourceSet::default();
    let mut single_files_found = 0;

    for kind in FileKind::ALL {
        if let Some(name) = kind.file_name() {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_err() {
                set.diagnostics.push(file_diagnostic(
                    Rule::S06,
                    name,
                    format!("{name} is missing"),
                    Some(format!(
                        "create {name}; `ropa init DIR` writes a starting point for every file"
                    )),
                ));
                continue;
            }
            single_files_found += 1;
            read_one(&root, &path, kind, name.to_owned(), &mut set)?;
        } else if let Some(sub) = kind.dir_name() {
            let sub_path = dir.join(sub);
            if !sub_path.is_dir() {
                continue;
            }
            let mut names = Vec::new();
            let entries = std::fs::read_dir(&sub_path).map_err(|source| ReadError::Io {
                path: sub_path.clone(),
                source,
            })?;
            for entry in entries {
                let entry = entry.map_err(|source| ReadError::Io {
                    path: sub_path.clone(),
                    source,
                })?;
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
            names.sort();
            for name in names {
                let rel = format!("{sub}/{name}");
                if name.starts_with('.') {
                    continue;
                }
                if !name.ends_with(".json") {
                    set.diagnostics.push(file_diagnostic(
                        Rule::S07,
                        &rel,
                        format!("{rel} is not a .json file and is ignored"),
                        Some(format!("only <id>.json files belong in {sub}/")),
                    ));
                    continue;
                }
                read_one(&root, &sub_path.join(&name), kind, rel, &mut set)?;
            }
        }
    }
    if single_files_found == 0 {
        return Err(ReadError::NotARegister(dir.to_owned()));
    }
    stray_top_level_files(dir, &mut set)?;
    Ok(set)
}

/// A top-level `.json` file the register does not know is most likely a
/// misspelt one ("categorie.json"): say so instead of silently ignoring it.
fn stray_top_level_files(dir: &Path, set: &mut SourceSet) -> Result<(), ReadError> {
    let known: Vec<&str> = FileKind::ALL.iter().filter_map(|k| k.file_name()).collect();
    let entries = std::fs::read_dir(dir).map_err(|source| ReadError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut strays = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| ReadError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && !known.contains(&name.as_str()) {
            strays.push(name);
        }
    }
    strays.sort();
    for name in strays {
        set.diagnostics.push(file_diagnostic(
            Rule::S07,
            &name,
            format!("{name} is not a register file and is ignored"),
            Some(format!(
                "a register holds {}, activities/<id>.json and systems/<id>.json",
                known.join(", ")
            )),
        ));
    }
    Ok(())
}

fn read_one(
    root: &Path,
    path: &Path,
    kind: FileKind,
    rel: String,
    set: &mut SourceSet,
) -> Result<(), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let link = std::fs::symlink_metadata(path).map_err(io)?;
    if link.file_type().is_symlink() {
        // A dangling link is unreadable; a link out of the register is refused:
        // the register is what git versions, and a link would smuggle in
        // (or leak) a file git does not hold.
        let target = path.canonicalize().map_err(io)?;
        if !target.starts_with(root) {
            set.diagnostics.push(file_diagnostic(
                Rule::S05,
                &rel,
                format!(
                    "{rel} is a symbolic link to {}, outside the register; it is not read",
                    target.display()
                ),
                Some("copy the file into the register instead of linking to it".to_owned()),
            ));
            return Ok(());
        }
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        set.diagnostics.push(file_diagnostic(
            Rule::S04,
            &rel,
            format!(
                "{rel} is {} bytes; register files may be at most {} bytes (4 MiB), so it is not read",
                meta.len(),
                MAX_FILE_BYTES
            ),
            Some("split the content over several files, or check that the file is what you meant to put here".to_owned()),
        ));
        return Ok(());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows between the size check and the read.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;

    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        set.diagnostics.push(syntax(
            &rel,
            1,
            1,
            "the file starts with a byte-order mark (BOM), which JSON does not allow",
            "save the file as UTF-8 without BOM (in most editors: the encoding menu, \"UTF-8\" rather than \"UTF-8 with BOM\")",
        ));
        return Ok(());
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
                    "the file is not valid UTF-8 (byte {} cannot be decoded)",
                    valid.len()
                ),
                "save the file as UTF-8; it was probably written in another encoding such as Windows-1252",
            );
            d.snippet = text.lines().nth(line - 1).map(str::to_owned);
            set.diagnostics.push(d);
            return Ok(());
        }
    };
    if text.trim().is_empty() {
        set.diagnostics.push(syntax(
            &rel,
            0,
            0,
            "the file is empty",
            &format!(
                "a register file holds one JSON object; see `ropa init` for what {rel} starts with"
            ),
        ));
        return Ok(());
    }
    set.files.push(SourceFile { kind, rel, text });
    Ok(())
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
        snippet: None,
    }
}
