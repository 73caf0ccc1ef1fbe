//! The small pieces of SpreadsheetML text: escaped strings, cell
//! references and numbers, appended to a byte buffer without allocating.

/// Appends `text` as XML character data the way Excel writes it: `&`, `<`
/// and `>` as entities; the control characters XML 1.0 cannot carry (and
/// `\r`, which XML would turn into `\n`) and the non-characters U+FFFE and
/// U+FFFF as Excel's `_xHHHH_`; and a literal `_xHHHH_` in the text with its
/// underscore escaped (`_x005F_xHHHH_`), so Excel does not decode it.
pub fn push_text(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !SPECIAL[b as usize] {
            continue;
        }
        let escape: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'_' if is_excel_escape(&bytes[i..]) => b"_x005F",
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBF, 0xBE]) => {
                out.extend_from_slice(&bytes[copied..i]);
                out.extend_from_slice(b"_xFFFE_");
                copied = i + 3;
                continue;
            }
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBF, 0xBF]) => {
                out.extend_from_slice(&bytes[copied..i]);
                out.extend_from_slice(b"_xFFFF_");
                copied = i + 3;
                continue;
            }
            b'_' | 0xEF => continue,
            control => {
                out.extend_from_slice(&bytes[copied..i]);
                out.extend_from_slice(b"_x00");
                out.push(HEX[(control >> 4) as usize]);
                out.push(HEX[(control & 0xF) as usize]);
                out.push(b'_');
                copied = i + 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(escape);
        // `_x005F` is put before the underscore, which is then copied as is.
        copied = if b == b'_' { i } else { i + 1 };
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Whether `text` needs `xml:space="preserve"` to keep its leading or
/// trailing white space.
pub fn needs_preserve(text: &str) -> bool {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    text.starts_with(ws) || text.ends_with(ws)
}

/// `_xHHHH_` with four hex digits.
fn is_excel_escape(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Bytes that may need escaping: `& < > _`, the controls other than tab
/// and line feed, and 0xEF (the first byte of U+FFFE and U+FFFF).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'_' as usize] = true;
    table[0xEF] = true;
    table
};

/// Appends the decimal digits of `n`.
pub fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// A column's letters: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_name(mut column: u16) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// An absolute range such as `$A$1:$AG$18`, for defined names.
pub fn absolute_range(last_column: u16, last_row: u32) -> String {
    format!("$A$1:${}${}", column_name(last_column), last_row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = Vec::new();
        push_text(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_and_controls_are_escaped_as_excel_does() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(
            text("<script>a & b</script>"),
            "&lt;script&gt;a &amp; b&lt;/script&gt;"
        );
        assert_eq!(text("a\u{1}b\rc\td\ne"), "a_x0001_b_x000D_c\td\ne");
        assert_eq!(text("\u{1F}"), "_x001F_");
        assert_eq!(text("x\u{FFFE}y\u{FFFF}"), "x_xFFFE_y_xFFFF_");
    }

    #[test]
    fn a_literal_excel_escape_keeps_its_meaning() {
        assert_eq!(text("_x0041_"), "_x005F_x0041_");
        assert_eq!(text("a_x00e9_b"), "a_x005F_x00e9_b");
        assert_eq!(text("_x004_ _xZZZZ_ _x"), "_x004_ _xZZZZ_ _x");
        assert_eq!(text("snake_case"), "snake_case");
    }

    #[test]
    fn other_characters_pass_unchanged() {
        // 0xEF starts these, but they are not U+FFFE or U+FFFF.
        assert_eq!(text("\u{FFFD}\u{FEFF}ï"), "\u{FFFD}\u{FEFF}ï");
        assert_eq!(text("é ü — €"), "é ü — €");
    }

    #[test]
    fn columns_and_numbers() {
        let names: Vec<String> = [0, 1, 25, 26, 32, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AG", "AZ", "BA", "ZZ", "AAA"]);
        let mut out = Vec::new();
        for n in [0, 7, 10, 4_294_967_295] {
            push_u32(&mut out, n);
            out.push(b' ');
        }
        assert_eq!(out, b"0 7 10 4294967295 ");
        assert_eq!(absolute_range(32, 17), "$A$1:$AG$18");
    }

    #[test]
    fn preserve_is_asked_for_outer_white_space_only() {
        assert!(needs_preserve(" a"));
        assert!(needs_preserve("a\n"));
        assert!(!needs_preserve("a b"));
        assert!(!needs_preserve(""));
    }
}
