//! Diagnostics: what is wrong, where, under which rule and article, and how
//! to fix it; rendered for people (with the offending line, as compilers do)
//! and as a stable JSON document for CI. Both come from the same values.

use serde::Serialize;

use crate::span::line_col;

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
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// Fills in line, column and snippet from the file text.
    pub fn locate(mut self, text: &str, offset: usize) -> Diagnostic {
        let (line, column) = line_col(text, offset);
        self.line = line;
        self.column = column;
        self.snippet = text.lines().nth(line - 1).map(str::to_owned);
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
            let (shown, caret) = clip(snippet, d.column);
            out.push_str(&format!(
                "{pad} |\n{number:>width$} | {shown}\n{pad} | {}^\n",
                " ".repeat(caret)
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
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let caret = column.saturating_sub(1).min(chars.len());
    if chars.len() <= WIDTH {
        return (chars.into_iter().collect(), caret);
    }
    let start = caret.saturating_sub(WIDTH / 2).min(chars.len() - WIDTH);
    let mut shown: String = chars[start..start + WIDTH].iter().collect();
    let mut caret = caret - start;
    if start > 0 {
        shown = format!("…{}", shown.chars().skip(1).collect::<String>());
    }
    if start + WIDTH < chars.len() {
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
    }
}
