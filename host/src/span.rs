//! Maps JSON pointers to places in a JSON text.
//!
//! serde_json and jsonschema speak in JSON pointers; a DPO needs a line and a
//! column. This walks an already well-formed JSON text once and records where
//! every value (and the key naming it) starts.

use std::collections::HashMap;

/// Where every value of one JSON text starts, by JSON pointer.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// Byte offset of the member's key when the value is an object member,
    /// else of the value itself.
    starts: HashMap<String, usize>,
}

impl SpanIndex {
    pub fn build(text: &str) -> SpanIndex {
        let mut walker = Walker {
            bytes: text.as_bytes(),
            pos: 0,
            starts: HashMap::new(),
            duplicates: None,
        };
        walker.skip_ws();
        walker.value(String::new(), None);
        SpanIndex {
            starts: walker.starts,
        }
    }

    /// The byte offset for `pointer`, or for its nearest ancestor that exists.
    pub fn offset(&self, pointer: &str) -> usize {
        let mut p = pointer;
        loop {
            if let Some(&at) = self.starts.get(p) {
                return at;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0,
            }
        }
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Keys written twice in one object: `(pointer of the second, its offset)`.
/// A parsed value keeps only one of them, silently; the text still shows both.
pub fn duplicate_keys(text: &str) -> Vec<(String, usize)> {
    let mut walker = Walker {
        bytes: text.as_bytes(),
        pos: 0,
        starts: HashMap::new(),
        duplicates: Some(Vec::new()),
    };
    walker.skip_ws();
    walker.value(String::new(), None);
    walker.duplicates.unwrap_or_default()
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    starts: HashMap<String, usize>,
    /// Collected only when asked for.
    duplicates: Option<Vec<(String, usize)>>,
}

impl Walker<'_> {
    fn value(&mut self, pointer: String, key_start: Option<usize>) {
        self.starts
            .insert(pointer.clone(), key_start.unwrap_or(self.pos));
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(&pointer),
            Some(b'[') => self.array(&pointer),
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while let Some(b) = self.bytes.get(self.pos) {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
            }
            None => {}
        }
    }

    fn object(&mut self, pointer: &str) {
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b'"') => {}
                Some(b'}') | None => {
                    self.pos += 1;
                    return;
                }
                Some(_) => {
                    self.pos += 1;
                    continue;
                }
            }
            let key_start = self.pos;
            let key = self.string();
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b':') {
                self.pos += 1;
            }
            self.skip_ws();
            let child = format!("{pointer}/{}", escape_token(&key));
            if let Some(duplicates) = &mut self.duplicates
                && self.starts.contains_key(&child)
            {
                duplicates.push((child.clone(), key_start));
            }
            self.value(child, Some(key_start));
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
            }
        }
    }

    fn array(&mut self, pointer: &str) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b']') | None => {
                    self.pos += 1;
                    return;
                }
                Some(_) => {}
            }
            self.value(format!("{pointer}/{index}"), None);
            index += 1;
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
            }
        }
    }

    /// Reads a string literal and returns its decoded content.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let literal = &self.bytes[start..self.pos.min(self.bytes.len())];
        serde_json::from_slice::<String>(literal).unwrap_or_default()
    }

    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(u8::is_ascii_whitespace)
        {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_land_on_keys_and_items() {
        let text = "{\n  \"a\": [1, {\"b/c\": true}],\n  \"d\": \"x\\\"y\"\n}";
        let index = SpanIndex::build(text);
        assert_eq!(line_col(text, index.offset("/a")), (2, 3));
        assert_eq!(line_col(text, index.offset("/a/1/b~1c")), (2, 13));
        assert_eq!(line_col(text, index.offset("/d")), (3, 3));
        // A pointer that does not exist falls back to its nearest ancestor.
        assert_eq!(line_col(text, index.offset("/a/1/missing")), (2, 12));
        assert_eq!(index.offset(""), 0);
    }

    #[test]
    fn keys_written_twice_are_found() {
        let text = "{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}";
        let found: Vec<String> = duplicate_keys(text).into_iter().map(|(p, _)| p).collect();
        assert_eq!(found, ["/b/c", "/a"]);
        assert!(duplicate_keys("{\"a\": [{\"x\": 1}, {\"x\": 2}]}").is_empty());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"straat\": \"Küppersweg\", \"x\": 1}";
        let index = SpanIndex::build(text);
        assert_eq!(line_col(text, index.offset("/x")), (1, 26));
    }
}
