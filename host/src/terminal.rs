//! Text from elsewhere (a plugin, a findings file, a register, a commit)
//! made safe to print on a terminal: control characters and bidirectional
//! overrides are shown escaped, so that no string can move the cursor,
//! rewrite a line or reorder what the reader sees.

use std::borrow::Cow;

/// `text` with every character a terminal would act on shown as `\u{..}`,
/// except line breaks and tabs; borrowed when nothing needs escaping.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
