//! Making a foreign string safe to print on a terminal.
//!
//! Text that ropa did not write itself — a plugin's name, description or
//! messages, a findings file, a git commit's author and message, a register
//! file's names and values — may hold control characters. Printed raw, an
//! escape sequence moves the cursor, clears or rewrites lines already shown
//! (a plugin once faked `capabilities: (none)` that way), changes the
//! window's title, or worse on some terminals; bidirectional overrides make
//! text read differently from what it is ("Trojan Source"). Every such
//! string goes through [`line`] or [`lines`] on its way to a terminal.
//!
//! What is escaped, written as Rust writes it (`\u{1b}`), so the operator
//! still sees that something was there:
//! - the C0 controls U+0000–U+001F (ESC, BEL, backspace, carriage return,
//!   …), except line feed and tab in [`lines`];
//! - DEL, U+007F, and the C1 controls U+0080–U+009F (U+009B is a
//!   one-character CSI on some terminals);
//! - the bidirectional embeddings, overrides and isolates U+202A–U+202E and
//!   U+2066–U+2069.
//!
//! Not for machine output: JSON escapes control characters itself, and a
//! file written with `-o` holds what the register says.

use std::borrow::Cow;

/// `text` for a single line of terminal output: every character listed in
/// the module documentation escaped, line feeds and tabs included. Borrows
/// when nothing needs escaping.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` as terminal output of several lines: like [`line`], but line
/// feeds and tabs are kept. A carriage return is escaped (it would let a
/// line overwrite itself).
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_layout: bool) -> Cow<'_, str> {
    // Every character to escape starts with a byte below 0x20, 0x7f, or
    // 0xc2 (U+0080–U+00BF) or 0xe2 (U+2000–U+2FFF) in UTF-8: text without
    // those bytes is returned as it is, after one pass over its bytes.
    let suspect = |b: &u8| *b < 0x20 || *b == 0x7f || *b == 0xc2 || *b == 0xe2;
    let Some(first) = text.bytes().position(|b| suspect(&b)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if escaped(c, keep_layout) {
            // `\u{1b}`: unambiguous, and what the operator would type in Rust.
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if out.len() == text.len() {
        // Only harmless characters behind the suspect bytes (é, —, …).
        return Cow::Borrowed(text);
    }
    Cow::Owned(out)
}

/// Whether `c` is escaped; see the module documentation.
fn escaped(c: char, keep_layout: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_layout,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        for text in [
            "",
            "file-scanner 0.1.0",
            "Café — naïve “quotes” €",
            "日本語",
        ] {
            assert!(
                matches!(line(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
            assert!(
                matches!(lines(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
        assert!(matches!(lines("two\n\tlines\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        // The attack: rewrite the line above and fake what a plugin asks for.
        let hostile = "scanner\x1b[1A\x1b[2K\rcapabilities: (none)\x07";
        assert_eq!(
            line(hostile),
            "scanner\\u{1b}[1A\\u{1b}[2K\\u{d}capabilities: (none)\\u{7}"
        );
        assert_eq!(line("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert_eq!(lines("a\nb\tc\r\n"), "a\nb\tc\\u{d}\n");
        assert_eq!(line("\0\u{7f}"), "\\u{0}\\u{7f}");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_escaped() {
        assert_eq!(line("x\u{9b}2Jy"), "x\\u{9b}2Jy");
        assert_eq!(line("\u{80}\u{9f}\u{a0}"), "\\u{80}\\u{9f}\u{a0}");
        assert_eq!(
            line("admin\u{202e}txt.exe"),
            "admin\\u{202e}txt.exe",
            "right-to-left override"
        );
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            let text = format!("a{c}b");
            assert_eq!(line(&text), format!("a\\u{{{:x}}}b", c as u32));
            assert_eq!(lines(&text), format!("a\\u{{{:x}}}b", c as u32));
        }
        // Neighbours of the escaped ranges stay as they are.
        for text in ["\u{2029}", "\u{2070}", "\u{2065}", "\u{202f}", "\u{2029}"] {
            assert!(matches!(line(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn every_control_character_is_escaped() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let shown = line(&c.to_string()).into_owned();
            assert!(
                shown.starts_with("\\u{") && !shown.chars().any(|s| s.is_control()),
                "{c:?}: {shown:?}"
            );
        }
    }
}
