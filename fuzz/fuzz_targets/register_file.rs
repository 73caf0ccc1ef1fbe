//! The register reader: any bytes as one file of an otherwise valid
//! register, read and validated in memory the way `ropa validate --at` reads
//! a register from a git tree (`source::assemble`, `load::load_sources`,
//! `validate::validate_loaded`), then printed as `ropa validate` prints.
//!
//! The first byte chooses the file the bytes replace or add; the rest is its
//! content. Whatever the bytes, the reader must return diagnostics, never
//! panic, overflow its stack or take time out of proportion to the input.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use ropa_register::source::{RawContent, RawEntry, assemble};

/// The valid base register of the end-to-end tests.
const BASE: [(&str, &str); 8] = [
    (
        "organisation.json",
        include_str!("../../tests/cases/base/organisation.json"),
    ),
    (
        "categories.json",
        include_str!("../../tests/cases/base/categories.json"),
    ),
    (
        "subjects.json",
        include_str!("../../tests/cases/base/subjects.json"),
    ),
    (
        "recipients.json",
        include_str!("../../tests/cases/base/recipients.json"),
    ),
    (
        "activities/newsletter.json",
        include_str!("../../tests/cases/base/activities/newsletter.json"),
    ),
    (
        "activities/order-handling.json",
        include_str!("../../tests/cases/base/activities/order-handling.json"),
    ),
    (
        "systems/webshop.json",
        include_str!("../../tests/cases/base/systems/webshop.json"),
    ),
    // Not in the base: the fuzzed bytes added as a new entry.
    ("systems/fuzzed.json", ""),
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, content)) = data.split_first() else {
        return;
    };
    let replaced = BASE[usize::from(choice) % BASE.len()].0;
    let entries = BASE
        .iter()
        .filter(|(rel, text)| *rel != replaced && !text.is_empty())
        .map(|(rel, text)| RawEntry {
            rel: (*rel).to_owned(),
            content: RawContent::Bytes(text.as_bytes().to_vec()),
        })
        .chain(std::iter::once(RawEntry {
            rel: replaced.to_owned(),
            content: RawContent::Bytes(content.to_vec()),
        }))
        .collect();
    let set = assemble(Path::new("register"), entries).expect("the base files are present");
    let loaded = ropa_register::load::load_sources(set.files, set.diagnostics);
    let report = ropa_register::validate::validate_loaded(loaded);
    let _ = ropa_register::diagnostic::render_text(&report.diagnostics);
    // The cap on diagnostics per file holds, whatever the file.
    let in_file = report
        .diagnostics
        .iter()
        .filter(|d| d.file == replaced)
        .count();
    assert!(
        in_file <= ropa_register::diagnostic::MAX_PER_FILE + 1,
        "{in_file} diagnostics for {replaced}"
    );
});
