//! `validate`: everything ropa knows about a register's correctness, in one
//! ordered list of located diagnostics.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::load::{Loaded, load_dir};
use crate::model::KnownGap;
use crate::register::{FileRef, Register};
use crate::rules::{self, Finding, Rule};
use crate::source::{ReadError, SourceFile, file_diagnostic};
use crate::span::SpanIndex;

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
    let mut gaps: BTreeMap<FileRef, (&[KnownGap], Vec<bool>)> = gap_lists(register)
        .into_iter()
        .map(|(file, list)| (file, (list, vec![false; list.len()])))
        .collect();

    let mut placed = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let mut acknowledged = None;
        if finding.rule.acknowledgeable()
            && let Some((list, used)) = gaps.get_mut(&finding.file)
            && let Some(i) = list.iter().position(|g| {
                g.rule == finding.rule.id() && covers(g.at.as_deref(), &finding.pointer)
            })
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

    for (file, (list, used)) in &gaps {
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

/// Whether a known gap at `at` covers a finding at `pointer`: the same place
/// or anything below it, whole segments only.
fn covers(at: Option<&str>, pointer: &str) -> bool {
    match at {
        None => true,
        Some(at) => {
            pointer == at
                || pointer
                    .strip_prefix(at)
                    .is_some_and(|rest| rest.starts_with('/'))
        }
    }
}

fn locate(placed: Vec<Placed>, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    let mut spans: BTreeMap<String, SpanIndex> = BTreeMap::new();
    placed
        .into_iter()
        .map(
            |Placed {
                 finding,
                 acknowledged,
             }| {
                let rel = finding.file.path();
                let mut d = file_diagnostic(finding.rule, &rel, finding.message, finding.help);
                d.severity = finding.severity;
                d.pointer = finding.pointer;
                d.acknowledged = acknowledged;
                match sources.get(&rel) {
                    Some(source) => {
                        let index = spans
                            .entry(rel)
                            .or_insert_with(|| SpanIndex::build(&source.text));
                        let offset = index.offset(&d.pointer);
                        d.locate(&source.text, offset)
                    }
                    None => d,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn known_gaps_cover_whole_segments() {
        assert!(covers(None, "/data/0"));
        assert!(covers(Some("/data"), "/data/0/retention"));
        assert!(covers(Some("/data/1"), "/data/1"));
        assert!(!covers(Some("/data/1"), "/data/10"));
    }
}
