//! Walking a JSON document for its scalar values and where they sit,
//! without building the document in memory and without recursion (so a
//! deeply nested or hostile document cannot exhaust the stack).
//!
//! Every scalar is handed to a callback with its place as a JSON pointer
//! (RFC 6901) in the *location convention* of the WIT contract: array
//! elements are `*` (`/customers/*/email`), and object keys that look like
//! values rather than names (numbers, e-mail addresses, ids, long keys —
//! `{"users": {"jan@example.nl": …}}`) are `*` too, so that a pointer never
//! carries a value.
//!
//! A document cut off at the end (a truncated HTTP body, a file read up to a
//! size cap) is walked as far as it goes: [`walk`] then answers
//! [`Walked::Truncated`] rather than an error.

use std::borrow::Cow;

use crate::detect_value;

/// A scalar value in a JSON document.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar<'a> {
    /// A string, unescaped.
    Str(Cow<'a, str>),
    /// A number, as written.
    Number(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Scalar<'_> {
    /// The value as text (`None` for `null`).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::Number(n) => Some(n),
            Scalar::Bool(true) => Some("true"),
            Scalar::Bool(false) => Some("false"),
            Scalar::Null => None,
        }
    }
}

/// How far a walk went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walked {
    /// The whole document, followed by nothing but blanks.
    Complete,
    /// The document stopped before its end; everything up to there was
    /// walked.
    Truncated,
}

/// Why a document is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was wrong.
    pub reason: &'static str,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.offset)
    }
}

/// Deepest nesting walked; deeper documents are refused.
pub const MAX_DEPTH: usize = 256;

/// Whether an object key is a value rather than a name (and so becomes `*`
/// in a pointer): empty, longer than 64 bytes, all digits, a UUID or long
/// hex id, or anything a value detector recognises (an e-mail address, a
/// phone number, a date, …).
pub fn key_is_value(key: &str) -> bool {
    let k = key.trim();
    if k.is_empty() || k.len() > 64 {
        return true;
    }
    let b = k.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let hexish = b.iter().all(|c| c.is_ascii_hexdigit() || *c == b'-');
    if hexish && b.len() >= 16 && b.iter().any(u8::is_ascii_digit) {
        return true;
    }
    k.contains('@') || !detect_value(k).is_empty()
}

/// Appends `key` to `pointer` as one segment (`/` + the key escaped per RFC
/// 6901, or `/*` when the key is a value).
pub fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    if key_is_value(key) {
        pointer.push('*');
        return;
    }
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The segments of a pointer, unescaped (`*` stays `*`).
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

enum Frame {
    /// An object; the pointer's length before its key.
    Object(usize),
    /// An array; the pointer's length before its `/*`.
    Array(usize),
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

enum Step<T> {
    Ok(T),
    /// The input ended.
    End,
    Err(JsonError),
}

impl<'a> Cursor<'a> {
    fn err<T>(&self, reason: &'static str) -> Step<T> {
        Step::Err(JsonError {
            offset: self.i,
            reason,
        })
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Step<Cow<'a, str>> {
        let start = self.i + 1;
        let mut j = start;
        // Fast path: no escapes.
        while let Some(&c) = self.b.get(j) {
            match c {
                b'"' => {
                    self.i = j + 1;
                    return Step::Ok(String::from_utf8_lossy(&self.b[start..j]));
                }
                b'\\' => break,
                c if c < 0x20 => {
                    self.i = j;
                    return self.err("control character in a string");
                }
                _ => j += 1,
            }
        }
        if j >= self.b.len() {
            return Step::End;
        }
        let mut out: Vec<u8> = self.b[start..j].to_vec();
        while let Some(&c) = self.b.get(j) {
            match c {
                b'"' => {
                    self.i = j + 1;
                    return Step::Ok(Cow::Owned(String::from_utf8_lossy(&out).into_owned()));
                }
                b'\\' => {
                    let Some(&e) = self.b.get(j + 1) else {
                        return Step::End;
                    };
                    j += 2;
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => {
                            self.i = j - 2;
                            return self.err("bad escape in a string");
                        }
                    };
                    if let Some(s) = simple {
                        out.push(s);
                        continue;
                    }
                    let Some(hi) = self.hex4(j) else {
                        if j + 4 > self.b.len() {
                            return Step::End;
                        }
                        self.i = j;
                        return self.err("bad \\u escape");
                    };
                    j += 4;
                    let mut code = u32::from(hi);
                    if (0xD800..0xDC00).contains(&code)
                        && self.b.get(j) == Some(&b'\\')
                        && self.b.get(j + 1) == Some(&b'u')
                        && let Some(lo) = self.hex4(j + 2)
                        && (0xDC00..0xE000).contains(&u32::from(lo))
                    {
                        code = 0x10000 + ((code - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
                        j += 6;
                    }
                    let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c if c < 0x20 => {
                    self.i = j;
                    return self.err("control character in a string");
                }
                _ => {
                    out.push(c);
                    j += 1;
                }
            }
        }
        Step::End
    }

    fn hex4(&self, j: usize) -> Option<u16> {
        let s = self.b.get(j..j + 4)?;
        let s = std::str::from_utf8(s).ok()?;
        u16::from_str_radix(s, 16).ok()
    }

    /// A number; at the very end of the input it may be cut, unless it is
    /// the whole document (`top`).
    fn number(&mut self, top: bool) -> Step<&'a str> {
        let start = self.i;
        let mut j = start;
        while let Some(&c) = self.b.get(j) {
            if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                j += 1;
            } else {
                break;
            }
        }
        if j >= self.b.len() && !top {
            return Step::End;
        }
        let text = std::str::from_utf8(&self.b[start..j]).unwrap_or("");
        let ok = {
            let t = text.strip_prefix('-').unwrap_or(text);
            t.bytes().next().is_some_and(|c| c.is_ascii_digit())
                && !t.ends_with(['.', 'e', 'E', '-', '+'])
        };
        if !ok {
            return self.err("bad number");
        }
        self.i = j;
        Step::Ok(text)
    }

    fn literal(&mut self) -> Step<Scalar<'a>> {
        for (word, value) in [
            (&b"true"[..], Scalar::Bool(true)),
            (b"false", Scalar::Bool(false)),
            (b"null", Scalar::Null),
        ] {
            let rest = &self.b[self.i..];
            if rest.starts_with(word) {
                self.i += word.len();
                return Step::Ok(value);
            }
            if word.starts_with(rest) {
                return Step::End;
            }
        }
        self.err("unexpected character")
    }
}

/// Walks one JSON document in `json` (a UTF-8 byte-order mark is skipped),
/// calling `on_scalar(pointer, value)` for every scalar in document order.
/// Pointers start at `root` (usually `""`; `"/*"` for the records of an
/// NDJSON file).
///
/// ```
/// use ropa_plugin_sdk::json::{walk, Walked};
/// let mut seen = Vec::new();
/// let doc = br#"{"customers": [{"email": "a@example.nl", "id": 7}], "by_mail": {"b@example.nl": 1}}"#;
/// let walked = walk(doc, "", |p, v| seen.push((p.to_string(), v.as_text().map(str::len)))).unwrap();
/// assert_eq!(walked, Walked::Complete);
/// assert_eq!(seen, [
///     ("/customers/*/email".to_string(), Some(12)),
///     ("/customers/*/id".to_string(), Some(1)),
///     ("/by_mail/*".to_string(), Some(1)),
/// ]);
/// ```
pub fn walk<'a>(
    json: &'a [u8],
    root: &str,
    mut on_scalar: impl FnMut(&str, Scalar<'a>),
) -> Result<Walked, JsonError> {
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let mut c = Cursor { b: json, i: 0 };
    let mut pointer = String::from(root);
    let mut stack: Vec<Frame> = Vec::new();
    // Whether a value is expected next (else: what follows a value).
    let mut want_value = true;
    macro_rules! step {
        ($e:expr) => {
            match $e {
                Step::Ok(v) => v,
                Step::End => return Ok(Walked::Truncated),
                Step::Err(e) => return Err(e),
            }
        };
    }
    // Reads `"key" :` and pushes the key onto the pointer.
    macro_rules! key {
        () => {{
            c.skip_ws();
            match c.peek() {
                None => return Ok(Walked::Truncated),
                Some(b'"') => {}
                Some(_) => return Err(c_err(&c, "expected a key")),
            }
            let k = step!(c.string());
            push_key(&mut pointer, &k);
            c.skip_ws();
            match c.peek() {
                None => return Ok(Walked::Truncated),
                Some(b':') => c.i += 1,
                Some(_) => return Err(c_err(&c, "expected ':'")),
            }
        }};
    }
    loop {
        if want_value {
            c.skip_ws();
            let Some(b) = c.peek() else {
                return Ok(Walked::Truncated);
            };
            match b {
                b'{' => {
                    c.i += 1;
                    c.skip_ws();
                    match c.peek() {
                        None => return Ok(Walked::Truncated),
                        Some(b'}') => {
                            c.i += 1;
                            want_value = false;
                        }
                        Some(_) => {
                            if stack.len() >= MAX_DEPTH {
                                return Err(c_err(&c, "nested too deeply"));
                            }
                            stack.push(Frame::Object(pointer.len()));
                            key!();
                        }
                    }
                }
                b'[' => {
                    c.i += 1;
                    c.skip_ws();
                    match c.peek() {
                        None => return Ok(Walked::Truncated),
                        Some(b']') => {
                            c.i += 1;
                            want_value = false;
                        }
                        Some(_) => {
                            if stack.len() >= MAX_DEPTH {
                                return Err(c_err(&c, "nested too deeply"));
                            }
                            stack.push(Frame::Array(pointer.len()));
                            pointer.push_str("/*");
                        }
                    }
                }
                b'"' => {
                    let s = step!(c.string());
                    on_scalar(&pointer, Scalar::Str(s));
                    want_value = false;
                }
                b'-' | b'0'..=b'9' => {
                    let n = step!(c.number(stack.is_empty()));
                    on_scalar(&pointer, Scalar::Number(n));
                    want_value = false;
                }
                _ => {
                    let v = step!(c.literal());
                    on_scalar(&pointer, v);
                    want_value = false;
                }
            }
        } else {
            c.skip_ws();
            let Some(top) = stack.last() else {
                return if c.i >= json.len() {
                    Ok(Walked::Complete)
                } else {
                    Err(c_err(&c, "text after the document"))
                };
            };
            let Some(b) = c.peek() else {
                return Ok(Walked::Truncated);
            };
            match (top, b) {
                (&Frame::Object(len), b',') => {
                    c.i += 1;
                    pointer.truncate(len);
                    key!();
                    want_value = true;
                }
                (&Frame::Object(len), b'}') | (&Frame::Array(len), b']') => {
                    c.i += 1;
                    pointer.truncate(len);
                    stack.pop();
                }
                (&Frame::Array(_), b',') => {
                    c.i += 1;
                    want_value = true;
                }
                _ => return Err(c_err(&c, "expected ',' or the end of a container")),
            }
        }
    }
}

fn c_err(c: &Cursor<'_>, reason: &'static str) -> JsonError {
    JsonError {
        offset: c.i,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Seen = Vec<(String, Option<String>)>;

    fn all(doc: &str) -> (Result<Walked, JsonError>, Seen) {
        let mut v = Vec::new();
        let r = walk(doc.as_bytes(), "", |p, s| {
            v.push((p.to_string(), s.as_text().map(str::to_string)))
        });
        (r, v)
    }

    #[test]
    fn scalars_and_pointers() {
        let (r, v) = all(
            r#" {"a": {"b/c": [1, -2.5e3, true, null, "x\"y\u00e9\ud83d\ude00"]}, "~k": {}, "e": []} "#,
        );
        assert_eq!(r, Ok(Walked::Complete));
        let want: Vec<(String, Option<String>)> = vec![
            ("/a/b~1c/*".into(), Some("1".into())),
            ("/a/b~1c/*".into(), Some("-2.5e3".into())),
            ("/a/b~1c/*".into(), Some("true".into())),
            ("/a/b~1c/*".into(), None),
            ("/a/b~1c/*".into(), Some("x\"yé😀".into())),
        ];
        assert_eq!(v, want);
        let (r, v) = all("\"top\"");
        assert_eq!(
            (r, v),
            (Ok(Walked::Complete), vec![("".into(), Some("top".into()))])
        );
    }

    #[test]
    fn value_keys_become_stars() {
        let (_, v) = all(
            r#"{"123": {"jan@example.nl": {"email": "x"}}, "0612345678": 1, "9f8e7d6c-5b4a-3f2e-1d0c-b9a8f7e6d5c4": 2}"#,
        );
        let ptrs: Vec<&str> = v.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(ptrs, ["/*/*/email", "/*", "/*"]);
    }

    #[test]
    fn truncated_and_invalid() {
        let (r, v) = all(r#"{"a": [{"email": "x@y.nl"}, {"email": "z@"#);
        assert_eq!(r, Ok(Walked::Truncated));
        assert_eq!(v.len(), 1);
        for doc in ["{\"a\": 1", "[1, 2", "{\"a\"", "tru", "\"abc", "{\"a\": 12"] {
            assert_eq!(all(doc).0, Ok(Walked::Truncated), "{doc}");
        }
        for doc in [
            "<html>",
            "{a: 1}",
            "[1,]x",
            "{\"a\" 1}",
            "[1] [2]",
            "nul!",
            "-",
            "{\"a\":\"\x01\"}",
        ] {
            assert!(all(doc).0.is_err(), "{doc}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let doc = "[".repeat(100_000);
        assert!(all(&doc).0.is_err());
        let ok = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(all(&ok).0, Ok(Walked::Complete));
    }

    #[test]
    fn segments_unescape() {
        let s: Vec<String> = segments("/a~1b/*/c~0d").collect();
        assert_eq!(s, ["a/b", "*", "c~d"]);
    }
}
