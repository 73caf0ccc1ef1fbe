//! Markdown escaping for register texts.
//!
//! askama escapes every `{{ value }}` of a `.md` template with
//! [`Markdown`] (configured in `host/askama.toml`), so a register text is
//! always shown as the text it is: `*`, `_`, `[`, `]`, `#`, `<`, `>`,
//! backticks, `|` (table cells), `~`, backslashes and entity-like `&` are
//! backslash-escaped, a leading list or quote marker is neutralised, and
//! line breaks become spaces so that a text cannot start a block of its own.

use std::fmt::{self, Write};

/// The askama escaper for Markdown templates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl askama::filters::Escaper for Markdown {
    fn write_escaped_str<W: Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        write_escaped(&mut dest, text)
    }
}

/// `text` as Markdown that renders to exactly `text` (whitespace collapsed).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    write_escaped(&mut out, text).expect("writing to a String cannot fail");
    out
}

fn write_escaped<W: Write>(dest: &mut W, text: &str) -> fmt::Result {
    // Whitespace runs become one space; leading and trailing ones go.
    let mut pending_space = false;
    let mut emitted = 0usize;
    // Whether everything emitted so far is a digit: "12." would start a list.
    let mut leading_digits = true;
    // Most text needs no escape: it is copied in runs, from `run` up to the
    // character at hand, rather than character by character.
    let mut run = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            let lone_inner_space = c == ' '
                && emitted > 0
                && !pending_space
                && chars.peek().is_some_and(|&(_, next)| !next.is_whitespace());
            if lone_inner_space {
                // Already the one space it would collapse to: it stays in the run.
                emitted += 1;
                leading_digits = false;
                continue;
            }
            dest.write_str(&text[run..i])?;
            run = i + c.len_utf8();
            pending_space = emitted > 0;
            continue;
        }
        if pending_space {
            dest.write_char(' ')?;
            pending_space = false;
            emitted += 1;
            leading_digits = false;
        }
        let rest = &text[i + c.len_utf8()..];
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => true,
            // A leading "-", "+" or "=" would start a list or underline a heading.
            '-' | '+' | '=' => emitted == 0,
            '.' | ')' => emitted > 0 && leading_digits,
            // Only what could be read as an entity reference, `&name;` or `&#123;`.
            '&' => looks_like_entity(rest),
            '!' => rest.starts_with('['),
            _ => false,
        };
        if escape {
            dest.write_str(&text[run..i])?;
            dest.write_char('\\')?;
            run = i;
        }
        emitted += 1;
        leading_digits &= c.is_ascii_digit();
    }
    dest.write_str(&text[run..])
}

/// Whether the text after an `&` makes it an entity reference: a name or
/// number, then `;`.
fn looks_like_entity(after_ampersand: &str) -> bool {
    let name = after_ampersand
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'#')
        .count();
    name > 0 && after_ampersand.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(escape("*bold* _it_ `code`"), r"\*bold\* \_it\_ \`code\`");
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            r"\[x\](javascript:alert(1))"
        );
        assert_eq!(escape("# heading"), r"\# heading");
        assert_eq!(escape("<script>a|b</script>"), r"\<script\>a\|b\</script\>");
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("1. item"), r"1\. item");
        assert_eq!(escape("a\n\n# b"), r"a \# b");
        assert_eq!(escape("Q&A, &amp;"), r"Q&A, \&amp;");
        assert_eq!(escape("e-mail (o.m.) 2031 CN"), "e-mail (o.m.) 2031 CN");
        assert_eq!(escape("  a \n b\t\tc d  "), "a b c d");
        assert_eq!(escape("12 3. x"), r"12 3. x");
        assert_eq!(escape("123. x &#1; &x"), r"123\. x \&\#1; &x");
        assert_eq!(escape("café [1] ![x]"), r"café \[1\] \!\[x\]");
    }
}
