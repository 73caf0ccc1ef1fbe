//! Maps JSON pointers to places in a JSON text.
//!
//! serde_json and jsonschema speak in JSON pointers; a DPO needs a line and a
//! column. Everything here is linear in the text, whatever the number of
//! diagnostics: a file may hold millions of values and any number of
//! problems (see `diagnostic::MAX_PER_FILE`), so nothing rescans the text
//! per diagnostic or keeps a pointer per value.
//!
//! The walkers here only run on texts that serde_json parsed, whose nesting
//! its recursion limit (128) bounds, so their recursion is bounded too.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

use rustc_hash::FxHashSet;

/// Where the values named by some JSON pointers start in one JSON text.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// Byte offset of each wanted pointer (and of each of its ancestors)
    /// found in the text: of the member's key when the value is an object
    /// member, else of the value itself.
    starts: HashMap<String, usize>,
}

impl SpanIndex {
    /// Finds the `pointers` in `text`, in one walk that descends only into
    /// the values on the way to one of them and skips the rest unparsed.
    pub fn build<'p>(text: &str, pointers: impl IntoIterator<Item = &'p str>) -> SpanIndex {
        let mut trie = vec![Node::default()];
        for pointer in pointers {
            let mut at = 0;
            let mut so_far = String::new();
            for token in pointer.split('/').skip(1) {
                so_far.push('/');
                so_far.push_str(token);
                let key = token.replace("~1", "/").replace("~0", "~");
                at = match trie[at].children.get(&key) {
                    Some(&child) => child,
                    None => {
                        trie.push(Node {
                            pointer: so_far.clone(),
                            ..Node::default()
                        });
                        let child = trie.len() - 1;
                        trie[at].children.insert(key, child);
                        child
                    }
                };
            }
        }
        let mut walker = Walker {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        };
        let mut starts = HashMap::new();
        walker.skip_ws();
        walker.find(&trie, 0, None, &mut starts);
        SpanIndex { starts }
    }

    /// The byte offset for `pointer`, or for its nearest ancestor that was
    /// found; `pointer` should be one the index was built for.
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

/// One step of the wanted pointers: the values below it that are wanted,
/// by member name or array index (as text).
#[derive(Debug, Default)]
struct Node {
    pointer: String,
    children: HashMap<String, usize>,
}

/// The start of every line of a text, found once so that any number of
/// diagnostics are located by a binary search each.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first byte of each line.
    starts: Vec<usize>,
    /// An all-ASCII text counts columns in bytes, without decoding the line.
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if self.ascii {
            offset - start
        } else {
            String::from_utf8_lossy(&self.text.as_bytes()[start..offset])
                .chars()
                .count()
        };
        (line, column + 1)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of a member of the object at `parent`.
pub fn child_pointer(parent: &str, key: &str) -> String {
    format!("{parent}/{}", escape_token(key))
}

/// 1-based line and column (in characters) of a byte offset, for a single
/// place in a text; [`LineIndex`] locates many.
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

/// Keys written twice in one object, as found in the text.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// The first `limit` of them: `(pointer of the repeated key, its offset)`.
    pub found: Vec<(String, usize)>,
    /// How many there are in all.
    pub total: usize,
}

/// Keys written twice in one object, up to `limit` of them placed. A parsed
/// value keeps only one of them, silently; the text still shows both.
pub fn duplicate_keys(text: &str, limit: usize) -> Duplicates {
    let mut walker = Walker {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    let mut out = Duplicates::default();
    // The pointer of the value being walked, grown and cut back as the walk
    // goes, so that no pointer is built per value.
    let mut pointer = String::new();
    walker.skip_ws();
    walker.duplicates(&mut pointer, limit, &mut out);
    out
}

struct Walker<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Walker<'a> {
    /// Walks the value at `pos` (trie node `node`), recording where the
    /// wanted pointers start.
    fn find(
        &mut self,
        trie: &[Node],
        node: usize,
        key_start: Option<usize>,
        starts: &mut HashMap<String, usize>,
    ) {
        starts
            .entry(trie[node].pointer.clone())
            .or_insert(key_start.unwrap_or(self.pos));
        let children = &trie[node].children;
        match self.bytes.get(self.pos) {
            Some(b'{') if !children.is_empty() => {
                self.pos += 1;
                while let Some(key_start) = self.next_member() {
                    let key = self.key();
                    self.colon();
                    match children.get(key.as_ref()) {
                        Some(&child) => self.find(trie, child, Some(key_start), starts),
                        None => self.skip_value(),
                    }
                    self.comma();
                }
            }
            Some(b'[') if !children.is_empty() => {
                self.pos += 1;
                let mut index = 0usize;
                let mut token = String::new();
                while self.next_item() {
                    token.clear();
                    let _ = write!(token, "{index}");
                    match children.get(&token) {
                        Some(&child) => self.find(trie, child, None, starts),
                        None => self.skip_value(),
                    }
                    index += 1;
                    self.comma();
                }
            }
            _ => self.skip_value(),
        }
    }

    /// Walks the value at `pos`, whose pointer is `pointer`, noting keys
    /// written twice in any object within.
    fn duplicates(&mut self, pointer: &mut String, limit: usize, out: &mut Duplicates) {
        let len = pointer.len();
        match self.bytes.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                let mut seen: FxHashSet<Cow<'a, str>> = FxHashSet::default();
                while let Some(key_start) = self.next_member() {
                    let key = self.key();
                    self.colon();
                    pointer.push('/');
                    push_escaped(pointer, &key);
                    if !seen.insert(key) {
                        out.total += 1;
                        if out.found.len() < limit {
                            out.found.push((pointer.clone(), key_start));
                        }
                    }
                    self.duplicates(pointer, limit, out);
                    pointer.truncate(len);
                    self.comma();
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut index = 0usize;
                while self.next_item() {
                    let _ = write!(pointer, "/{index}");
                    self.duplicates(pointer, limit, out);
                    pointer.truncate(len);
                    index += 1;
                    self.comma();
                }
            }
            _ => self.skip_value(),
        }
    }

    /// Moves to the next member's key inside an object and returns where it
    /// starts, or steps past the closing `}` and returns `None`.
    fn next_member(&mut self) -> Option<usize> {
        loop {
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b'"') => return Some(self.pos),
                Some(b'}') | None => {
                    self.pos += 1;
                    return None;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Moves to the next item inside an array, or steps past the closing `]`.
    fn next_item(&mut self) -> bool {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b']') | None => {
                self.pos += 1;
                false
            }
            Some(_) => true,
        }
    }

    fn colon(&mut self) {
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b':') {
            self.pos += 1;
        }
        self.skip_ws();
    }

    fn comma(&mut self) {
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b',') {
            self.pos += 1;
        }
    }

    /// Reads a key's string literal and returns its decoded content,
    /// borrowed from the text unless it holds an escape.
    fn key(&mut self) -> Cow<'a, str> {
        let start = self.pos;
        let escaped = self.skip_string();
        let end = self.pos.min(self.bytes.len());
        if escaped {
            Cow::Owned(
                serde_json::from_slice::<String>(&self.bytes[start..end]).unwrap_or_default(),
            )
        } else {
            Cow::Borrowed(self.text.get(start + 1..end - 1).unwrap_or_default())
        }
    }

    /// Steps over a string literal at `pos`; says whether it holds an escape.
    fn skip_string(&mut self) -> bool {
        let mut escaped = false;
        self.pos += 1;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        escaped
    }

    /// Steps over the value at `pos` without looking into it, by counting
    /// brackets outside strings: no recursion, no allocation.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    self.skip_string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b',' if depth == 0 => return,
                b if depth == 0 && b.is_ascii_whitespace() => return,
                _ => {}
            }
            self.pos += 1;
        }
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

/// Appends a key to a pointer as one escaped reference token.
fn push_escaped(pointer: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, pointer: &str) -> (usize, usize) {
        let index = SpanIndex::build(text, [pointer]);
        LineIndex::new(text).line_col(index.offset(pointer))
    }

    #[test]
    fn pointers_land_on_keys_and_items() {
        let text = "{\n  \"a\": [1, {\"b/c\": true}],\n  \"d\": \"x\\\"y\"\n}";
        assert_eq!(place(text, "/a"), (2, 3));
        assert_eq!(place(text, "/a/1/b~1c"), (2, 13));
        assert_eq!(place(text, "/d"), (3, 3));
        // A pointer that does not exist falls back to its nearest ancestor.
        assert_eq!(place(text, "/a/1/missing"), (2, 12));
        assert_eq!(SpanIndex::build(text, [""]).offset(""), 0);
    }

    #[test]
    fn many_pointers_are_found_in_one_walk() {
        let text = r#"{"x": {"y": [[], {"z": "]"}, "q"]}, "w~": [{}, {"a": {"b": 1}}]}"#;
        let pointers = ["/x/y/1/z", "/x/y/2", "/w~0/1/a/b", "/w~0/0/gone"];
        let index = SpanIndex::build(text, pointers);
        let at = |p: &str| &text[index.offset(p)..];
        assert!(at("/x/y/1/z").starts_with("\"z\": \"]\""));
        assert!(at("/x/y/2").starts_with("\"q\"]"));
        assert!(at("/w~0/1/a/b").starts_with("\"b\": 1"));
        assert!(at("/w~0/0/gone").starts_with("{}, {"));
    }

    #[test]
    fn keys_written_twice_are_found() {
        let text = "{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3, \"d\\u0061\": [{\"x\": 1, \"x\": 2}], \"da\": 0}";
        let found = duplicate_keys(text, 100);
        let pointers: Vec<&str> = found.found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/b/c", "/a", "/da/0/x", "/da"]);
        assert_eq!(found.total, 4);
        assert!(text[found.found[1].1..].starts_with("\"a\": 3"));
        assert_eq!(
            duplicate_keys("{\"a\": [{\"x\": 1}, {\"x\": 2}]}", 100).total,
            0
        );
    }

    #[test]
    fn duplicates_past_the_limit_are_counted_not_placed() {
        let text = format!("{{{}}}", vec!["\"k\": 0"; 1000].join(", "));
        let found = duplicate_keys(&text, 10);
        assert_eq!(found.found.len(), 10);
        assert_eq!(found.total, 999);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"straat\": \"Küppersweg\", \"x\": 1}";
        assert_eq!(place(text, "/x"), (1, 26));
        assert_eq!(line_col(text, 26), (1, 26));
    }

    #[test]
    fn lines_are_found_by_number() {
        let text = "a\r\nbé\n\nc";
        let lines = LineIndex::new(text);
        assert_eq!(
            [1, 2, 3, 4, 5].map(|n| lines.line(n)),
            [Some("a"), Some("bé"), Some(""), Some("c"), None]
        );
        assert_eq!(lines.line_col(text.len()), (4, 2));
        assert_eq!(lines.line_col(6), (2, 3));
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(lines.line_col(offset), line_col(text, offset), "{offset}");
            }
        }
    }
}
