//! Reading delimited text (CSV, TSV, semicolon-separated as Dutch
//! spreadsheets write it) record by record from a buffer that may end in
//! the middle of a record, as a file read in chunks does.
//!
//! RFC 4180 quoting: a field in double quotes may hold the delimiter, line
//! breaks and doubled quotes (`""`). Records end at `\n`, `\r\n` or `\r`.

use std::borrow::Cow;

/// Guesses the delimiter from a file's first line: the most frequent of
/// `,`, `;`, tab and `|` outside quotes, `,` when none occurs.
///
/// ```
/// use ropa_plugin_sdk::csv::sniff_delimiter;
/// assert_eq!(sniff_delimiter(b"naam;email;telefoon\n"), b';');
/// assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
/// assert_eq!(sniff_delimiter(b"one column\n"), b',');
/// ```
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let cands = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &c in head {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(k) = cands.iter().position(|&d| d == c) {
                    counts[k] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for k in 1..4 {
        if counts[k] > counts[best] {
            best = k;
        }
    }
    if counts[best] == 0 { b',' } else { cands[best] }
}

/// The next record in `buf` from `pos`: its fields and the offset after it.
/// `None` when the buffer holds no complete record from `pos` — unless `eof`
/// (no more bytes will come), in which case what is left is the last
/// record. Fields are decoded as UTF-8, invalid bytes replaced.
///
/// ```
/// use ropa_plugin_sdk::csv::next_record;
/// let buf = b"a,\"b,\"\"c\"\"\"\r\nd,e";
/// let (fields, pos) = next_record(buf, 0, b',', false).unwrap();
/// assert_eq!(fields, ["a", "b,\"c\""]);
/// assert!(next_record(buf, pos, b',', false).is_none());
/// let (fields, _) = next_record(buf, pos, b',', true).unwrap();
/// assert_eq!(fields, ["d", "e"]);
/// ```
pub fn next_record(
    buf: &[u8],
    pos: usize,
    delimiter: u8,
    eof: bool,
) -> Option<(Vec<Cow<'_, str>>, usize)> {
    if pos >= buf.len() {
        return None;
    }
    let mut fields: Vec<Cow<'_, str>> = Vec::new();
    let mut i = pos;
    loop {
        // One field from `i`.
        if buf.get(i) == Some(&b'"') {
            let mut out: Vec<u8> = Vec::new();
            let mut j = i + 1;
            loop {
                match buf.get(j) {
                    None => {
                        if !eof {
                            return None;
                        }
                        // An unclosed quote at the end: take what is there.
                        fields.push(Cow::Owned(String::from_utf8_lossy(&out).into_owned()));
                        return Some((fields, buf.len()));
                    }
                    Some(b'"') if buf.get(j + 1) == Some(&b'"') => {
                        out.push(b'"');
                        j += 2;
                    }
                    Some(b'"') => {
                        j += 1;
                        break;
                    }
                    Some(&c) => {
                        out.push(c);
                        j += 1;
                    }
                }
            }
            // Anything between the closing quote and the delimiter is kept.
            let rest_start = j;
            while let Some(&c) = buf.get(j) {
                if c == delimiter || c == b'\n' || c == b'\r' {
                    break;
                }
                j += 1;
            }
            out.extend_from_slice(&buf[rest_start..j]);
            fields.push(Cow::Owned(String::from_utf8_lossy(&out).into_owned()));
            i = j;
        } else {
            let mut j = i;
            while let Some(&c) = buf.get(j) {
                if c == delimiter || c == b'\n' || c == b'\r' {
                    break;
                }
                j += 1;
            }
            fields.push(String::from_utf8_lossy(&buf[i..j]));
            i = j;
        }
        match buf.get(i) {
            Some(&c) if c == delimiter => i += 1,
            Some(b'\r') => {
                if buf.get(i + 1) == Some(&b'\n') {
                    return Some((fields, i + 2));
                }
                if i + 1 >= buf.len() && !eof {
                    // "\r" at the end of the buffer: "\n" may follow.
                    return None;
                }
                return Some((fields, i + 1));
            }
            Some(b'\n') => return Some((fields, i + 1)),
            // Fields stop at a delimiter or a line end; should anything
            // else stand here, the record ends.
            Some(_) => return Some((fields, i + 1)),
            None => {
                return if eof { Some((fields, buf.len())) } else { None };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, d: u8) -> Vec<Vec<String>> {
        let b = text.as_bytes();
        let mut pos = 0;
        let mut out = Vec::new();
        while let Some((f, p)) = next_record(b, pos, d, true) {
            out.push(f.into_iter().map(|c| c.into_owned()).collect());
            pos = p;
        }
        out
    }

    #[test]
    fn quoting_and_line_ends() {
        assert_eq!(
            records(
                "naam;opmerking\r\nJan;\"regel 1\nregel 2; \"\"x\"\"\"\rPiet;\n",
                b';'
            ),
            vec![
                vec!["naam", "opmerking"],
                vec!["Jan", "regel 1\nregel 2; \"x\""],
                vec!["Piet", ""],
            ]
        );
        assert_eq!(records("a,b", b','), vec![vec!["a", "b"]]);
        assert_eq!(records("\"open", b','), vec![vec!["open"]]);
        assert!(records("", b',').is_empty());
    }

    #[test]
    fn incomplete_records_wait_for_more() {
        assert!(next_record(b"a,\"b\nc", 0, b',', false).is_none());
        assert!(next_record(b"a,b\r", 0, b',', false).is_none());
        assert!(next_record(b"a,b", 0, b',', false).is_none());
        assert_eq!(next_record(b"a,b\n", 0, b',', false).unwrap().1, 4);
    }
}
