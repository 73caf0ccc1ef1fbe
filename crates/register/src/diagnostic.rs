//! Diagnostics: what is wrong, where, under which rule and article, and how
//! to fix it; rendered for people (with the offending line, as compilers do)
//! and as a stable JSON document for CI. Both come from the same values.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;

use crate::span::LineIndex;

/// At most this many diagnostics are shown per file; the rest are counted in
/// one more (see [`hidden`]). A hostile or broken file can hold a million
/// problems, and a DPO fixes the first ones first anyway.
pub const MAX_PER_FILE: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Rule id: `V01`…`V48` for the legal rules, `S01`… for structural ones.
    pub rule: &'static str,
    /// The articles the rule rests on; empty for structural rules.
    pub article: &'static str,
    /// Path of the file, relative to the register directory (`/` separated).
    pub file: String,
    /// 1-based; 0 when the diagnostic concerns the file as a whole.
    pub line: usize,
    pub column: usize,
    /// JSON pointer to the value concerned.
    pub pointer: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The DPO's note when this is a known gap, acknowledged in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
    /// The fact behind the diagnostic when one fact shows in many places
    /// (a recipient not certified, under every transfer to it), named by the
    /// rule in words that stay the same from run to run: diagnostics of one
    /// rule with the same cause are one problem (see [`groups`]). `None`:
    /// the diagnostic is a problem of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Where the cause is fixed once for all its places, when that is one
    /// place (the recipient's entry in `recipients.json`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_at: Option<Place>,
    /// The offending line of the file, for display.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// A place in a register file, located as a diagnostic is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Relative to the register directory (`/` separated).
    pub file: String,
    /// 1-based; 0 when the place is the file as a whole.
    pub line: usize,
    pub column: usize,
    /// JSON pointer to the value.
    pub pointer: String,
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

impl Place {
    /// The place of `pointer` in `file`, located in the file's text.
    pub fn locate(file: String, pointer: String, lines: &LineIndex<'_>, offset: usize) -> Place {
        let (line, column) = lines.line_col(offset);
        Place {
            file,
            line,
            column,
            pointer,
            snippet: lines.line(line).map(|l| Snippet::new(l, column)),
        }
    }
}

/// The part of the offending line shown under a diagnostic, and where the
/// caret goes in it. Clipped when the diagnostic is made, so that a file of
/// one 4 MiB line does not put a copy of that line in every diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// 0-based, in characters of `text`.
    pub caret: usize,
}

impl Snippet {
    /// The snippet of `line` for a 1-based `column`.
    pub fn new(line: &str, column: usize) -> Snippet {
        let (text, caret) = clip(line, column);
        Snippet { text, caret }
    }
}

impl Diagnostic {
    /// Fills in line, column and snippet from a byte offset of the file.
    pub fn locate(mut self, lines: &LineIndex<'_>, offset: usize) -> Diagnostic {
        let (line, column) = lines.line_col(offset);
        self.line = line;
        self.column = column;
        self.snippet = lines.line(line).map(|l| Snippet::new(l, column));
        self
    }
}

/// Counts of a set of diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// How many problems they come from: the number of [`groups`], the
    /// blocks the text shows.
    pub causes: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
            causes: groups(diagnostics).len(),
        }
    }
}

/// Diagnostics that are one problem: of one rule and severity, with the same
/// cause. A diagnostic without a cause is a group of its own. An
/// acknowledged known gap (an error turned warning) is grouped with the
/// other warnings of its cause, not with the errors.
#[derive(Debug)]
pub struct Group<'a> {
    /// In the order of the diagnostics; never empty.
    pub members: Vec<&'a Diagnostic>,
}

impl<'a> Group<'a> {
    fn first(&self) -> &'a Diagnostic {
        self.members[0]
    }

    /// Where the group is shown: where its cause is fixed, or else its
    /// first place.
    fn header(&self) -> (&'a str, usize, usize) {
        let first = self.first();
        match &first.fixed_at {
            Some(p) => (p.file.as_str(), p.line, p.column),
            None => (first.file.as_str(), first.line, first.column),
        }
    }
}

/// The groups of `diagnostics`, in the order of the places they are shown
/// at (file, line, column), else in the order of the diagnostics.
pub fn groups(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut by_cause: HashMap<(&str, Severity, &str), usize> = HashMap::new();
    for d in diagnostics {
        let Some(cause) = d.cause.as_deref() else {
            groups.push(Group { members: vec![d] });
            continue;
        };
        match by_cause.entry((d.rule, d.severity, cause)) {
            Entry::Occupied(at) => {
                groups[*at.get()].members.push(d);
            }
            Entry::Vacant(at) => {
                at.insert(groups.len());
                groups.push(Group { members: vec![d] });
            }
        }
    }
    // Stable: groups shown at the same place keep the diagnostics' order.
    groups.sort_by(|a, b| a.header().cmp(&b.header()));
    groups
}

/// At most this many places are listed under a problem found in many; the
/// JSON report lists every one.
pub const PLACES_SHOWN: usize = 10;

/// Renders diagnostics for a terminal, one block per problem ([`groups`]):
///
/// ```text
/// error[V05]: …message… (Art. 7(1))
///   --> activities/marketing.json:12:5 (at /consent)
///    |
/// 12 |     "consent": {
///    |     ^
///    = help: …
/// ```
///
/// A problem found in many places is shown once, at the place where it is
/// fixed (or else at its first place), followed by the places it shows in:
///
/// ```text
/// error[V23]: …message… (Art. 45)
///   --> recipients.json:14:5 (at /recipients/1)
///    |
/// 14 |     {
///    |     ^
///    = help: …
///    = in 12 places:
///        activities/backups.json:40:22 (at /transfers/0/mechanisms/0)
///        …
///        … and 2 more (`--format json` lists every one)
/// ```
pub fn render_text(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for group in groups(diagnostics) {
        render_group(&mut out, &group);
    }
    out
}

fn render_group(out: &mut String, group: &Group<'_>) {
    let d = group.first();
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    out.push_str(&format!("{label}[{}]: {}", d.rule, d.message));
    if !d.article.is_empty() {
        out.push_str(&format!(" ({})", d.article));
    }
    out.push('\n');
    // Shown where the cause is fixed, with every place listed below; or at
    // the first place, with the others listed.
    let (file, line, column, pointer, snippet, listed) = match &d.fixed_at {
        Some(p) => (
            &p.file,
            p.line,
            p.column,
            &p.pointer,
            &p.snippet,
            &group.members[..],
        ),
        None => (
            &d.file,
            d.line,
            d.column,
            &d.pointer,
            &d.snippet,
            &group.members[1..],
        ),
    };
    let number = line.to_string();
    let width = number.len().max(2);
    let pad = " ".repeat(width);
    out.push_str(&format!(
        "{pad}--> {}\n",
        place(file, line, column, pointer)
    ));
    if let Some(snippet) = snippet {
        out.push_str(&format!(
            "{pad} |\n{number:>width$} | {}\n{pad} | {}^\n",
            snippet.text,
            " ".repeat(snippet.caret)
        ));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} = help: {help}\n"));
    }
    if d.fixed_at.is_none()
        && let Some(note) = &d.acknowledged
    {
        out.push_str(&format!(
            "{pad} = known gap, acknowledged in the file: {note}\n"
        ));
    }
    if !listed.is_empty() {
        let n = listed.len();
        let places = if n == 1 { "place" } else { "places" };
        if d.fixed_at.is_some() {
            out.push_str(&format!("{pad} = in {n} {places}:\n"));
        } else {
            out.push_str(&format!("{pad} = the same in {n} more {places}:\n"));
        }
        for m in listed.iter().take(PLACES_SHOWN) {
            out.push_str(&format!(
                "{pad}     {}",
                place(&m.file, m.line, m.column, &m.pointer)
            ));
            if let Some(note) = &m.acknowledged {
                out.push_str(&format!("; known gap, acknowledged in the file: {note}"));
            }
            out.push('\n');
        }
        if n > PLACES_SHOWN {
            out.push_str(&format!(
                "{pad}     … and {} more (`--format json` lists every one)\n",
                n - PLACES_SHOWN
            ));
        }
    }
    out.push('\n');
}

/// `file:line:column (at pointer)`, leaving out what is not known.
fn place(file: &str, line: usize, column: usize, pointer: &str) -> String {
    let mut s = file.to_owned();
    if line > 0 {
        s.push_str(&format!(":{line}:{column}"));
    }
    if !pointer.is_empty() {
        s.push_str(&format!(" (at {pointer})"));
    }
    s
}

/// Shows at most 100 characters of a long line, keeping the column in view;
/// returns the shown text and the caret's offset in it.
fn clip(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    // Only the characters around the column are decoded: the line may be
    // the whole of a 4 MiB file.
    let skip = column.saturating_sub(1 + WIDTH);
    let chars: Vec<char> = line
        .chars()
        .skip(skip)
        .take(2 * WIDTH + 1)
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let ellipsis_before = skip > 0;
    let column = column - skip;
    let caret = column.saturating_sub(1).min(chars.len());
    if chars.len() <= WIDTH && !ellipsis_before {
        return (chars.into_iter().collect(), caret);
    }
    // A line cut at its start may still be shorter than WIDTH: the column
    // can point past the line's end.
    let start = caret
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = caret - start;
    if start > 0 || ellipsis_before {
        shown = format!("…{}", shown.chars().skip(1).collect::<String>());
    }
    if end < chars.len() {
        shown.pop();
        shown.push('…');
    }
    caret = caret.min(WIDTH - 1);
    (shown, caret)
}

/// The JSON report of `ropa validate --format json`. Its shape is stable:
/// fields may be added, never renamed or removed, within a `format_version`.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub format_version: u32,
    pub register: &'a str,
    pub strict: bool,
    pub ok: bool,
    pub summary: Summary,
    pub diagnostics: &'a [Diagnostic],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(rule: &'static str, file: &str, line: usize, cause: Option<&str>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule,
            article: "Art. 45",
            file: file.to_owned(),
            line,
            column: 3,
            pointer: "/transfers/0".to_owned(),
            message: format!("{rule} message"),
            help: Some("the fix".to_owned()),
            acknowledged: None,
            cause: cause.map(str::to_owned),
            fixed_at: None,
            snippet: None,
        }
    }

    #[test]
    fn diagnostics_of_one_rule_severity_and_cause_are_one_group() {
        let mut acknowledged = diagnostic("V24", "activities/c.json", 5, Some("x"));
        acknowledged.severity = Severity::Warning;
        acknowledged.acknowledged = Some("known".to_owned());
        let diagnostics = vec![
            diagnostic("V24", "activities/a.json", 5, Some("x")),
            diagnostic("V24", "activities/a.json", 9, None),
            diagnostic("V24", "activities/a.json", 9, None),
            diagnostic("V24", "activities/b.json", 5, Some("x")),
            diagnostic("V24", "activities/b.json", 7, Some("y")),
            diagnostic("V23", "activities/b.json", 8, Some("x")),
            acknowledged,
        ];
        let groups = groups(&diagnostics);
        let sizes: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g.first().rule, g.members.len()))
            .collect();
        // Without a cause each diagnostic is a problem of its own, even at
        // the same place; another rule or severity is another problem.
        assert_eq!(
            sizes,
            [
                ("V24", 2),
                ("V24", 1),
                ("V24", 1),
                ("V24", 1),
                ("V23", 1),
                ("V24", 1)
            ]
        );
        let summary = Summary::of(&diagnostics);
        assert_eq!(
            (summary.errors, summary.warnings, summary.causes),
            (6, 1, 6)
        );
    }

    #[test]
    fn a_group_is_shown_where_its_cause_is_fixed_with_every_place() {
        let fixed_at = Place {
            file: "recipients.json".to_owned(),
            line: 14,
            column: 5,
            pointer: "/recipients/1".to_owned(),
            snippet: Some(Snippet::new("    {", 5)),
        };
        let mut diagnostics: Vec<Diagnostic> = (0..12)
            .map(|i| {
                let mut d = diagnostic("V23", &format!("activities/a{i:02}.json"), 40, Some("r"));
                d.fixed_at = Some(fixed_at.clone());
                d
            })
            .collect();
        diagnostics[3].acknowledged = Some("being checked".to_owned());
        let text = render_text(&diagnostics);
        assert_eq!(text.matches("error[V23]").count(), 1, "{text}");
        assert!(
            text.starts_with(
                "error[V23]: V23 message (Art. 45)\n  --> recipients.json:14:5 (at /recipients/1)\n   |\n14 |     {\n   |     ^\n   = help: the fix\n   = in 12 places:\n       activities/a00.json:40:3 (at /transfers/0)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("activities/a03.json:40:3 (at /transfers/0); known gap, acknowledged in the file: being checked\n"),
            "{text}"
        );
        assert!(text.contains("activities/a09.json"), "{text}");
        assert!(!text.contains("activities/a10.json"), "{text}");
        assert!(
            text.ends_with("       … and 2 more (`--format json` lists every one)\n\n"),
            "{text}"
        );
    }

    #[test]
    fn a_group_without_a_place_to_fix_it_is_shown_at_its_first_place() {
        let diagnostics = vec![
            diagnostic("V22", "activities/a.json", 5, Some("IN")),
            diagnostic("V22", "activities/b.json", 6, Some("IN")),
        ];
        assert_eq!(
            render_text(&diagnostics),
            "error[V22]: V22 message (Art. 45)\n  --> activities/a.json:5:3 (at /transfers/0)\n   = help: the fix\n   = the same in 1 more place:\n       activities/b.json:6:3 (at /transfers/0)\n\n"
        );
        // One alone is shown as any diagnostic.
        assert_eq!(
            render_text(&diagnostics[..1]),
            "error[V22]: V22 message (Art. 45)\n  --> activities/a.json:5:3 (at /transfers/0)\n   = help: the fix\n\n"
        );
    }

    #[test]
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}X{}", "a".repeat(300), "b".repeat(300));
        let (shown, caret) = clip(&line, 301);
        assert_eq!(shown.chars().count(), 100);
        assert_eq!(shown.chars().nth(caret), Some('X'));
        // Far into a long line, only the characters around the column count.
        let line = format!("{}X{}", "é".repeat(4_000_000), "b".repeat(300));
        let (shown, caret) = clip(&line, 4_000_001);
        assert_eq!(shown.chars().count(), 100);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().nth(caret), Some('X'));
        // At the very end of a long line.
        let (shown, caret) = clip(&line[..line.len() - 301], 4_000_001);
        assert!(shown.starts_with('…'), "{shown}");
        assert_eq!(caret, 99);
    }

    #[test]
    fn a_column_past_the_end_of_a_short_line_is_shown_at_its_end() {
        // Found by the fuzzer: the column of a byte-counting parser on a
        // line of few, wide characters lies beyond the line's last character.
        let line = "qq\u{30c}".repeat(30);
        for column in [1, 50, 91, 150, 400] {
            let (shown, caret) = clip(&line, column);
            assert!(caret <= shown.chars().count(), "{column}: {shown} {caret}");
            assert!(shown.chars().count() <= 100, "{column}: {shown}");
        }
        assert_eq!(clip("", 500), ("…".to_owned(), 0));
    }
}
