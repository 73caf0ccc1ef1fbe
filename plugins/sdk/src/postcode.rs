//! Dutch postcodes (`pd:PhysicalAddress`).
//!
//! Four digits (1000–9999) and two letters, with or without one space:
//! `1234 AB`, `1234AB`. The letter pairs `SA`, `SD` and `SS` are never issued
//! (for their associations with the occupation); since 2005 every other pair
//! may occur. In free text the letters must be capitals (`2024 en` is not a
//! postcode); a sampled cell may be in lower case (`1234ab`).
//!
//! A postcode alone is the area of a handful of addresses: with a house
//! number it identifies one.

use crate::bytes::{at, end_ok, is_alpha, is_digit, is_upper, trimmed};

/// Whether the whole (trimmed) value is a Dutch postcode, in either case.
///
/// ```
/// use ropa_plugin_sdk::postcode::is_postcode;
/// assert!(is_postcode("1234 AB"));
/// assert!(is_postcode("1234ab"));
/// assert!(!is_postcode("1234 SS"));
/// ```
pub fn is_postcode(value: &str) -> bool {
    let t = trimmed(value);
    match_case(t, 0, false) == Some(t.len())
}

/// A postcode with capital letters starting at `i`; returns its end.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    match_case(t, i, true)
}

fn match_case(t: &[u8], i: usize, upper_only: bool) -> Option<usize> {
    let d0 = at(t, i);
    if !(b'1'..=b'9').contains(&d0)
        || !is_digit(at(t, i + 1))
        || !is_digit(at(t, i + 2))
        || !is_digit(at(t, i + 3))
    {
        return None;
    }
    let l = if at(t, i + 4) == b' ' { i + 5 } else { i + 4 };
    let (a, b) = (at(t, l), at(t, l + 1));
    let letter = |c: u8| if upper_only { is_upper(c) } else { is_alpha(c) };
    if !letter(a) || !letter(b) {
        return None;
    }
    let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
    if a == b'S' && matches!(b, b'A' | b'D' | b'S') {
        return None;
    }
    let end = l + 2;
    end_ok(t, end).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_postcodes() {
        for v in [
            "1234 AB",
            "1234AB",
            "9999 ZZ",
            "1000 AA",
            " 3511 LX ",
            "1234ab",
            "8011 PK",
            "1234 SB",
            "1234 AS",
        ] {
            assert!(is_postcode(v), "{v}");
        }
    }

    #[test]
    fn rejects_non_postcodes() {
        for v in [
            "", "0123 AB", "123 AB", "12345 AB", "1234 A", "1234 ABC", "1234  AB", "1234-AB",
            "1234 SA", "1234 SD", "1234 SS", "1234ss", "1234 A1", "AB 1234",
        ] {
            assert!(!is_postcode(v), "{v:?}");
        }
    }

    #[test]
    fn every_letter_pair_except_three() {
        let mut accepted = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let v = format!("5611 {}{}", a as char, b as char);
                if is_postcode(&v) {
                    accepted += 1;
                }
            }
        }
        assert_eq!(accepted, 26 * 26 - 3);
    }

    #[test]
    fn text_needs_capitals() {
        assert_eq!(match_at(b"in 2024 en later", 3), None);
        assert_eq!(match_at(b"3511 LX Utrecht", 0), Some(7));
        assert_eq!(match_at(b"3511LX, Utrecht", 0), Some(6));
    }
}
