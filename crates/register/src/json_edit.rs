//! Edits a register file's text in place: replace one top-level member's
//! value, or append to a top-level array. Everything else in the file —
//! the DPO's layout, key order, one-line arrays — stays byte for byte, so the
//! commit's diff shows only what changed.
//!
//! The text must be well-formed JSON (the register has loaded it); an edit
//! of a member that is not there is `None`.

use std::ops::Range;

/// Replaces the value of the top-level member `key` with `value`, a JSON
/// text whose lines after the first are indented to sit under the member.
pub fn replace_member(text: &str, key: &str, value: &str) -> Option<String> {
    let (key_at, range) = member_value(text, key)?;
    let indent = line_indent(text, key_at);
    let value = value.replace('\n', &format!("\n{indent}"));
    Some(format!(
        "{}{value}{}",
        &text[..range.start],
        &text[range.end..]
    ))
}

/// Appends `element` (a JSON text on one line) to the top-level array
/// `key`, in the array's own style: one line stays one line, one element
/// per line stays so.
pub fn append_to_array(text: &str, key: &str, element: &str) -> Option<String> {
    let (key_at, range) = member_value(text, key)?;
    let array = &text[range.clone()];
    if !array.starts_with('[') {
        return None;
    }
    let inner = &array[1..array.len() - 1];
    let indent = line_indent(text, key_at);
    let (before, after) = (&text[..range.start], &text[range.end..]);
    if inner.trim().is_empty() {
        return Some(format!("{before}[\n{indent}  {element}\n{indent}]{after}"));
    }
    // Insert right after the last element, before any whitespace and `]`.
    let last = range.start + 1 + inner.trim_end().len();
    let separator = if inner.contains('\n') {
        let element_indent = inner
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| &l[..l.len() - l.trim_start().len()])
            .unwrap_or("");
        format!(",\n{element_indent}")
    } else {
        ", ".to_owned()
    };
    Some(format!(
        "{}{separator}{element}{}",
        &text[..last],
        &text[last..]
    ))
}

/// Where the value of top-level member `key` is, and where its key starts.
fn member_value(text: &str, key: &str) -> Option<(usize, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    pos += 1;
    loop {
        pos = skip_ws(bytes, pos);
        match bytes.get(pos)? {
            b'}' => return None,
            b',' => {
                pos += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let key_at = pos;
        let key_end = skip_string(bytes, pos)?;
        let name: String = serde_json::from_str(&text[key_at..key_end]).ok()?;
        pos = skip_ws(bytes, key_end);
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        let start = skip_ws(bytes, pos + 1);
        let end = skip_value(bytes, start)?;
        if name == key {
            return Some((key_at, start..end));
        }
        pos = end;
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

/// The end of the string starting at `pos` (just past its closing quote).
fn skip_string(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The end of the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = pos;
            loop {
                match bytes.get(at)? {
                    b'"' => {
                        at = skip_string(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let mut at = pos;
            while bytes
                .get(at)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                at += 1;
            }
            Some(at)
        }
    }
}

/// The whitespace that starts the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
  "$schema": "../../schemas/system.schema.json",
  "name": "Webshop \"main\" [eu]",
  "countries": ["NL"],
  "nested": {"inventory": [1]},
  "data": [
    {"category": "personalia"},
    {"category": "bedrijfsgegevens"}
  ],
  "inventory": []
}
"#;

    #[test]
    fn replacing_a_member_leaves_the_rest_byte_for_byte() {
        let out = replace_member(FILE, "inventory", "[\n  {\"a\": 1}\n]").unwrap();
        assert!(
            out.ends_with("  \"inventory\": [\n    {\"a\": 1}\n  ]\n}\n"),
            "{out}"
        );
        assert_eq!(out.replace("[\n    {\"a\": 1}\n  ]", "[]"), FILE);
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
        assert_eq!(replace_member(FILE, "missing", "1"), None);
    }

    #[test]
    fn appending_keeps_each_array_in_its_own_style() {
        let one_line = append_to_array(FILE, "countries", "\"DE\"").unwrap();
        assert!(
            one_line.contains("\"countries\": [\"NL\", \"DE\"],"),
            "{one_line}"
        );
        let per_line = append_to_array(FILE, "data", "{\"category\": \"x\"}").unwrap();
        assert!(
            per_line
                .contains("{\"category\": \"bedrijfsgegevens\"},\n    {\"category\": \"x\"}\n  ],"),
            "{per_line}"
        );
        let empty = append_to_array(FILE, "inventory", "{\"b\": 2}").unwrap();
        assert!(
            empty.contains("\"inventory\": [\n    {\"b\": 2}\n  ]\n}"),
            "{empty}"
        );
        for out in [one_line, per_line, empty] {
            assert!(
                serde_json::from_str::<serde_json::Value>(&out).is_ok(),
                "{out}"
            );
        }
        // Only top-level members are edited; a string holding brackets is skipped whole.
        assert_eq!(append_to_array(FILE, "name", "1"), None);
        let nested_first = "{\"nested\": {\"inventory\": [1]}, \"inventory\": [2]}";
        assert_eq!(
            append_to_array(nested_first, "inventory", "3").unwrap(),
            "{\"nested\": {\"inventory\": [1]}, \"inventory\": [2, 3]}"
        );
    }
}
