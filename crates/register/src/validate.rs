//! `validate`: everything ropa knows about a register's correctness, in one
//! ordered list of located diagnostics.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, MAX_PER_FILE, Place, Severity, Summary};
use crate::load::{Loaded, load_dir};
use crate::model::KnownGap;
use crate::register::{FileRef, Register};
use crate::rules::{self, Finding, Rule};
use crate::source::{ReadError, SourceFile, file_diagnostic, hidden};
use crate::span::{LineIndex, SpanIndex};

use rustc_hash::FxHashMap;

/// The outcome of validating a register.
#[derive(Debug)]
pub struct Report {
    /// The register, when every file could be loaded.
    pub register: Option<Register>,
    /// Sorted by file, then place, then rule.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }

    /// Whether the register may be used (rendered, committed): no errors,
    /// and under `strict` no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        let summary = self.summary();
        summary.errors == 0 && (!strict || summary.warnings == 0)
    }
}

pub fn validate_dir(dir: &Path) -> Result<Report, ReadError> {
    Ok(validate_loaded(load_dir(dir)?))
}

pub fn validate_loaded(loaded: Loaded) -> Report {
    let Loaded {
        register,
        mut diagnostics,
        sources,
        translation_findings,
    } = loaded;
    if let Some(register) = &register {
        let mut findings = rules::check(register);
        findings.extend(translation_findings);
        let acknowledged = apply_known_gaps(register, findings);
        diagnostics.extend(locate(acknowledged, &sources));
    }
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
    });
    diagnostics.dedup();
    Report {
        register,
        diagnostics,
    }
}

/// A finding with the known-gap note that downgraded it, if any.
struct Placed {
    finding: Finding,
    acknowledged: Option<String>,
}

/// Downgrades errors the DPO acknowledged as known gaps, and reports
/// acknowledgements that no longer match anything (the gap was closed).
fn apply_known_gaps(register: &Register, findings: Vec<Finding>) -> Vec<Placed> {
    // Each file's gaps by rule and place, so that a finding looks up the few
    // places that cover it (its pointer and each ancestor) instead of the
    // whole list: a file may hold many gaps and many findings.
    type Key<'a> = (&'a str, Option<&'a str>);
    /// A file's gaps, which of them matched a finding, and where each is.
    type FileGaps<'a> = (&'a [KnownGap], Vec<bool>, FxHashMap<Key<'a>, usize>);
    let mut gaps: BTreeMap<FileRef, FileGaps<'_>> = gap_lists(register)
        .into_iter()
        .map(|(file, list)| {
            let mut by_place = FxHashMap::default();
            for (i, g) in list.iter().enumerate() {
                // The first gap in the list wins, as the DPO reads it.
                by_place
                    .entry((g.rule.as_str(), g.at.as_deref()))
                    .or_insert(i);
            }
            (file, (list, vec![false; list.len()], by_place))
        })
        .collect();

    let mut placed = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let mut acknowledged = None;
        if finding.rule.acknowledgeable()
            && let Some((list, used, by_place)) = gaps.get_mut(&finding.file)
            && let Some(i) = covering(&finding.pointer)
                .filter_map(|at| by_place.get(&(finding.rule.id(), at)).copied())
                .min()
        {
            // An acknowledged error becomes a warning; an acknowledged warning keeps its note.
            used[i] = true;
            finding.severity = Severity::Warning;
            acknowledged = Some(list[i].note.clone());
        }
        placed.push(Placed {
            finding,
            acknowledged,
        });
    }

    for (file, (list, used, _)) in &gaps {
        for (i, gap) in list.iter().enumerate() {
            let pointer = format!("/known_gaps/{i}");
            let rule = Rule::from_id(&gap.rule);
            let message = match rule {
                None => format!("known gap names rule {}, which does not exist", gap.rule),
                Some(rule) if !rule.acknowledgeable() => {
                    format!(
                        "rule {} ({}) cannot be acknowledged as a known gap; fix the problem instead",
                        gap.rule,
                        rule.title()
                    )
                }
                Some(_) if !used[i] => format!(
                    "known gap {}{} no longer occurs",
                    gap.rule,
                    gap.at
                        .as_deref()
                        .map(|at| format!(" at {at}"))
                        .unwrap_or_default()
                ),
                Some(_) => continue,
            };
            placed.push(Placed {
                finding: Finding {
                    rule: Rule::S09,
                    severity: Severity::Warning,
                    file: file.clone(),
                    pointer,
                    message,
                    help: Some("remove this entry from \"known_gaps\"".to_owned()),
                    cause: None,
                },
                acknowledged: None,
            });
        }
    }
    placed
}

/// Every file's `known_gaps` list.
fn gap_lists(register: &Register) -> Vec<(FileRef, &[KnownGap])> {
    let mut lists = vec![
        (
            FileRef::Organisation,
            register.organisation.known_gaps.as_slice(),
        ),
        (
            FileRef::Categories,
            register.categories.known_gaps.as_slice(),
        ),
        (FileRef::Subjects, register.subjects.known_gaps.as_slice()),
        (
            FileRef::Recipients,
            register.recipients.known_gaps.as_slice(),
        ),
    ];
    lists.extend(
        register
            .activities
            .iter()
            .map(|(id, a)| (FileRef::Activity(id.clone()), a.known_gaps.as_slice())),
    );
    lists.extend(
        register
            .systems
            .iter()
            .map(|(id, s)| (FileRef::System(id.clone()), s.known_gaps.as_slice())),
    );
    lists
}

/// The places of a known gap that cover a finding at `pointer`: no place
/// (the whole file), the same place, or anything above it, whole segments
/// only.
fn covering(pointer: &str) -> impl Iterator<Item = Option<&str>> {
    let ancestors = pointer.match_indices('/').map(|(i, _)| &pointer[..i]);
    std::iter::once(None)
        .chain(ancestors.map(Some))
        .chain(std::iter::once(Some(pointer)))
}

/// Turns findings into located diagnostics: at most
/// [`MAX_PER_FILE`] per file (in the rules' order), the rest counted in one
/// more; each file's text is walked once for all its shown findings and the
/// places where their causes are fixed.
fn locate(placed: Vec<Placed>, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    let mut by_file: BTreeMap<String, Vec<Placed>> = BTreeMap::new();
    for p in placed {
        by_file.entry(p.finding.file.path()).or_default().push(p);
    }
    let mut shown: Vec<(String, Vec<Placed>, Vec<Placed>)> = Vec::with_capacity(by_file.len());
    for (rel, mut placed) in by_file {
        let rest = placed.split_off(placed.len().min(MAX_PER_FILE));
        shown.push((rel, placed, rest));
    }
    // Every pointer to be located, by file: the findings' own, and where
    // their causes are fixed (often another file, the same for many).
    let mut wanted: BTreeMap<String, rustc_hash::FxHashSet<&str>> = BTreeMap::new();
    for (rel, placed, _) in &shown {
        for p in placed {
            wanted
                .entry(rel.clone())
                .or_default()
                .insert(&p.finding.pointer);
            if let Some((file, pointer)) =
                p.finding.cause.as_ref().and_then(|c| c.fixed_at.as_ref())
            {
                wanted.entry(file.path()).or_default().insert(pointer);
            }
        }
    }
    let indexes: FxHashMap<String, (SpanIndex, LineIndex<'_>)> = wanted
        .into_iter()
        .filter_map(|(rel, pointers)| {
            let source = sources.get(&rel)?;
            let spans = SpanIndex::build(&source.text, pointers);
            Some((rel, (spans, LineIndex::new(&source.text))))
        })
        .collect();

    let mut out = Vec::new();
    for (rel, placed, rest) in shown {
        let index = indexes.get(&rel);
        for Placed {
            finding,
            acknowledged,
        } in placed
        {
            let mut d = file_diagnostic(finding.rule, &rel, finding.message, finding.help);
            d.severity = finding.severity;
            d.pointer = finding.pointer;
            d.acknowledged = acknowledged;
            if let Some((spans, lines)) = index {
                let offset = spans.offset(&d.pointer);
                d = d.locate(lines, offset);
            }
            if let Some(cause) = finding.cause {
                d.cause = Some(cause.key);
                d.fixed_at = cause.fixed_at.map(|(file, pointer)| {
                    let file = file.path();
                    match indexes.get(&file) {
                        Some((spans, lines)) => {
                            let offset = spans.offset(&pointer);
                            Place::locate(file, pointer, lines, offset)
                        }
                        None => Place {
                            file,
                            line: 0,
                            column: 0,
                            pointer,
                            snippet: None,
                        },
                    }
                });
            }
            out.push(d);
        }
        if let Some(first) = rest.first() {
            let errors = rest
                .iter()
                .filter(|p| p.finding.severity == Severity::Error)
                .count();
            out.extend(hidden(
                first.finding.rule,
                &rel,
                errors,
                rest.len() - errors,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::covering;

    #[test]
    fn known_gaps_cover_whole_segments() {
        let covers = |at: Option<&str>, pointer: &str| covering(pointer).any(|c| c == at);
        assert!(covers(None, "/data/0"));
        assert!(covers(Some("/data"), "/data/0/retention"));
        assert!(covers(Some("/data/1"), "/data/1"));
        assert!(!covers(Some("/data/1"), "/data/10"));
        assert!(covers(Some(""), "/data/1"));
        assert!(covers(None, ""));
    }
}
