//! A value as a plugin gets it, the same for every engine: text cut to
//! [`CELL_BYTES_CAP`] bytes on a character boundary, bytes as lowercase hex
//! of at most half as many.

use super::CELL_BYTES_CAP;

/// Text cut to [`CELL_BYTES_CAP`] bytes on a character boundary; invalid
/// UTF-8 becomes U+FFFD (and the cap still holds).
pub(crate) fn text(bytes: &[u8]) -> String {
    let mut end = bytes.len().min(CELL_BYTES_CAP);
    // Back off to the start of a UTF-8 sequence.
    while end < bytes.len() && end > 0 && (bytes[end] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
    }
    let mut text = String::from_utf8_lossy(&bytes[..end]).into_owned();
    // Invalid UTF-8 became U+FFFD (3 bytes for 1); keep the cap.
    while text.len() > CELL_BYTES_CAP {
        text.pop();
    }
    text
}

/// Lowercase hex of the first `CELL_BYTES_CAP / 2` bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let bytes = &bytes[..bytes.len().min(CELL_BYTES_CAP / 2)];
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        hex.push(DIGITS[(b >> 4) as usize] as char);
        hex.push(DIGITS[(b & 0xf) as usize] as char);
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_a_character_boundary() {
        assert_eq!(text("é".repeat(40_000).as_bytes()).len(), CELL_BYTES_CAP);
        assert_eq!(text(b"a\xffb"), "a\u{fffd}b");
        assert_eq!(text(&[0xff; CELL_BYTES_CAP]).len(), CELL_BYTES_CAP - 1);
        assert_eq!(hex(&[0x00, 0xff, 0x10]), "00ff10");
        assert_eq!(hex(&vec![0xab; CELL_BYTES_CAP]).len(), CELL_BYTES_CAP);
    }
}
