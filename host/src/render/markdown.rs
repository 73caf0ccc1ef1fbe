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
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            pending_space = emitted > 0;
            continue;
        }
        if pending_space {
            dest.write_char(' ')?;
            pending_space = false;
            emitted += 1;
            leading_digits = false;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => true,
            // A leading "-", "+" or "=" would start a list or underline a heading.
            '-' | '+' | '=' => emitted == 0,
            '.' | ')' => emitted > 0 && leading_digits,
            // Only what could be read as an entity reference, `&name;` or `&#123;`.
            '&' => {
                let mut ahead = chars.clone();
                let mut name = 0;
                let mut entity = false;
                for n in ahead.by_ref() {
                    if n.is_ascii_alphanumeric() || n == '#' {
                        name += 1;
                    } else {
                        entity = n == ';' && name > 0;
                        break;
                    }
                }
                entity
            }
            '!' => chars.peek() == Some(&'['),
            _ => false,
        };
        if escape {
            dest.write_char('\\')?;
        }
        dest.write_char(c)?;
        emitted += 1;
        leading_digits &= c.is_ascii_digit();
    }
    Ok(())
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
    }
}
