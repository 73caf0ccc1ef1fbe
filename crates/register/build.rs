//! Lists the languages ropa knows: one per word file
//! `templates/words/<code>.toml`, so that adding a language is adding its word
//! file. Writes `languages.rs` into `OUT_DIR`: each language's code, its names
//! (from the file's `[language]` table) and the file itself, included in the
//! binary for the documents to read their words from.

use std::env;
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let words = manifest_dir
        .join("../../templates/words")
        .canonicalize()
        .unwrap();
    // A directory is scanned for changes as a whole: a new file counts.
    println!("cargo::rerun-if-changed={}", words.display());

    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&words)
        .unwrap_or_else(|e| panic!("{}: {e}", words.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            (code, path)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no word file", words.display());
    assert!(files.len() <= 255, "a language's index is a byte");

    let mut out = String::from("[\n");
    for (code, path) in &files {
        assert!(
            (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()),
            "{}: a word file is named after the language's ISO 639 code",
            path.display()
        );
        let text = std::fs::read_to_string(path).unwrap();
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = |key: &str| -> String {
            table
                .get("language")
                .and_then(|l| l.get(key))
                .and_then(toml::Value::as_str)
                .unwrap_or_else(|| panic!("{}: no [language] {key}", path.display()))
                .to_owned()
        };
        writeln!(
            out,
            "    Known {{ code: {code:?}, native: {:?}, english: {:?}, words: include_str!({:?}) }},",
            name("name"),
            name("english"),
            path.display().to_string(),
        )
        .unwrap();
    }
    out.push(']');

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("languages.rs"), out).unwrap();
}
