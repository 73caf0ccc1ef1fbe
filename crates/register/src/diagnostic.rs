//! Diagnostics: what is wrong, where, under which rule and article, and how
//! to fix it; rendered for people (with the offending line, as compilers do)
//! and as a stable JSON document for CI. Both come from the same values.

use serde::Serialize;

use crate::span::LineIndex;

/// At most this many diagnostics are shown per file; the rest are counted in
/// one more (see [`hidden`]). A hostile or broken file can hold a million
/// problems, and a DPO fixes the first ones first anyway.
pub const MAX_PER_FILE: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// The offending line of the file, for display.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
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
        }
    }
}

/// Renders diagnostics for a terminal, one block each:
///
/// ```text
/// error[V05]: …message… (Art. 7(1))
///   --> activities/marketing.json:12:5 (at /consent)
///    |
/// 12 |     "consent": {
///    |     ^
///    = help: …
/// ```
pub fn render_text(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{label}[{}]: {}", d.rule, d.message));
        if !d.article.is_empty() {
            out.push_str(&format!(" ({})", d.article));
        }
        out.push('\n');
        let at = if d.pointer.is_empty() {
            String::new()
        } else {
            format!(" (at {})", d.pointer)
        };
        let number = d.line.to_string();
        let width = number.len().max(2);
        let pad = " ".repeat(width);
        if d.line == 0 {
            out.push_str(&format!("{pad}--> {}{at}\n", d.file));
        } else {
            out.push_str(&format!(
                "{pad}--> {}:{}:{}{at}\n",
                d.file, d.line, d.column
            ));
        }
        if let Some(snippet) = &d.snippet {
            out.push_str(&format!(
                "{pad} |\n{number:>width$} | {}\n{pad} | {}^\n",
                snippet.text,
                " ".repeat(snippet.caret)
            ));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("{pad} = help: {help}\n"));
        }
        if let Some(note) = &d.acknowledged {
            out.push_str(&format!(
                "{pad} = known gap, acknowledged in the file: {note}\n"
            ));
        }
        out.push('\n');
    }
    out
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
