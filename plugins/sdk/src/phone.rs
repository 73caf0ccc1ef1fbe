//! Telephone numbers (`pd:TelephoneNumber`): Dutch and international.
//!
//! Recognised shapes (digits in groups separated by single spaces, hyphens,
//! dots or slashes; an area code may stand in parentheses):
//!
//! - Dutch national numbers: ten digits starting with `0` — mobile `06…`
//!   (`0612345678`, `06-12345678`, `06 1234 5678`) and landlines
//!   (`020-1234567`, `0111 123456`, `(010) 123 45 67`). Service numbers
//!   (`0800`, `090x`) belong to businesses and are not reported, nor are
//!   prefixes not in use for people (`097` machine-to-machine, `09…`).
//! - The Netherlands from abroad: `+31` or `0031` followed by the nine
//!   national digits, optionally with the trunk `(0)`: `+31 6 12345678`,
//!   `+31 (0)20 123 4567`, `0031612345678`.
//! - Other international numbers in E.164 style: `+` or `00`, a country code
//!   not starting with 0, 8–15 digits in all (`+44 20 7946 0958`,
//!   `+1 (555) 123-4567`).
//!
//! A bare number without a leading `0` or `+` is never a phone number here:
//! that rules out amounts, order numbers and years.

use crate::bytes::{at, end_ok, is_digit, whole};

/// Whether the whole (trimmed) value is one telephone number.
///
/// ```
/// use ropa_plugin_sdk::phone::is_phone;
/// assert!(is_phone("06-12345678"));
/// assert!(is_phone("+31 (0)20 123 4567"));
/// assert!(!is_phone("12345678"));
/// ```
pub fn is_phone(value: &str) -> bool {
    whole(value, match_at)
}

const MAX_DIGITS: usize = 17;
const MAX_GROUPS: usize = 8;

/// A phone number starting at `i` (a `+`, `(` or digit); returns its end.
/// The longest valid reading wins, so a number followed by another number
/// (`06-12345678 12`) is still found.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    let mut p = i;
    let plus = at(t, p) == b'+';
    if plus {
        p += 1;
    }
    let mut digits = [0u8; MAX_DIGITS];
    let mut nd = 0usize;
    // Per group (a trunk "(0)" is not one): digits so far, end offset, and
    // the group's length.
    let mut ends = [(0usize, 0usize); MAX_GROUPS];
    let mut lens = [0u8; MAX_GROUPS];
    let mut ng = 0usize;
    loop {
        let paren = at(t, p) == b'(';
        let gs = if paren { p + 1 } else { p };
        let mut q = gs;
        while is_digit(at(t, q)) {
            q += 1;
        }
        let glen = q - gs;
        if glen == 0 || nd + glen > MAX_DIGITS {
            break;
        }
        if paren {
            // Parentheses hold an area code ("(020)") or the trunk "(0)".
            if at(t, q) != b')' || glen > 4 {
                break;
            }
            q += 1;
        }
        // "+31 (0)6…": the trunk prefix in parentheses is not dialled.
        let trunk =
            paren && glen == 1 && t[gs] == b'0' && ng == 1 && (plus || starts_00(&digits, nd));
        if !trunk {
            for k in 0..glen {
                digits[nd] = t[gs + k] - b'0';
                nd += 1;
            }
            if ng == MAX_GROUPS {
                break;
            }
            ends[ng] = (nd, q);
            lens[ng] = glen as u8;
            ng += 1;
        }
        p = q;
        // At most one separator, then another group must follow. (Digits
        // can follow without a separator only after a ")".)
        let sep = at(t, p);
        let after = if matches!(sep, b' ' | b'-' | b'.' | b'/') {
            p + 1
        } else {
            p
        };
        let next = at(t, after);
        if is_digit(next) || (next == b'(' && is_digit(at(t, after + 1))) {
            p = after;
        } else {
            break;
        }
    }
    // Try the longest reading first.
    for g in (0..ng).rev() {
        let (n, end) = ends[g];
        if valid(&digits[..n], plus, &lens[..=g]) && end_ok(t, end) {
            return Some(end);
        }
    }
    None
}

#[inline]
fn starts_00(d: &[u8], n: usize) -> bool {
    n >= 2 && d[0] == 0 && d[1] == 0
}

/// Whether the digits (with a leading `+` or not) and the group lengths form
/// a plausible number.
fn valid(d: &[u8], plus: bool, groups: &[u8]) -> bool {
    let intl: &[u8] = if plus {
        d
    } else if d.len() >= 2 && d[0] == 0 && d[1] == 0 {
        // "00" and the country code: at least ten digits follow in practice
        // ("0044 20 7946 0958"); fewer is more likely a padded number.
        if d.len() < 12 {
            return false;
        }
        &d[2..]
    } else if d.first() == Some(&0) {
        return valid_nl_national(d, groups);
    } else {
        return false;
    };
    // International: groups after the country code may be single digits only
    // right after it ("+31 6 …", "+1 (555)").
    if groups.iter().skip(2).any(|&g| g == 1) {
        return false;
    }
    if intl.len() >= 2 && intl[0] == 3 && intl[1] == 1 {
        let nat = &intl[2..];
        return nat.len() == 9 && nl_prefix_in_use(nat);
    }
    (8..=15).contains(&intl.len()) && intl[0] != 0
}

/// A Dutch national number: `0` and nine digits, a plausible area code in
/// the first group, no service number.
fn valid_nl_national(d: &[u8], groups: &[u8]) -> bool {
    if d.len() != 10 || !nl_prefix_in_use(&d[1..]) {
        return false;
    }
    if groups.len() > 1 {
        // The first group is the area code with its 0 ("06", "020", "0111")
        // or a grouping of the whole number ("0612 345 678"); no group is a
        // single digit.
        if !(2..=4).contains(&groups[0]) || groups.iter().any(|&g| g < 2) {
            return false;
        }
    }
    true
}

/// Whether the national significant number (after the `0` or `+31`) starts
/// with a prefix in use for people: geographic 1–5 and 7, mobile 6, and the
/// location-independent 84, 85, 87 and 88. Not 80x/90x (service numbers of
/// businesses), 97 (machine-to-machine) or 0.
fn nl_prefix_in_use(nat: &[u8]) -> bool {
    match nat.first() {
        Some(1..=7) => true,
        Some(8) => matches!(nat.get(1), Some(4 | 5 | 7 | 8)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        for v in [
            "0612345678",
            "06-12345678",
            "06 12345678",
            "06 1234 5678",
            "06-1234 5678",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "020-1234567",
            "0201234567",
            "020 123 4567",
            "0111-123456",
            "(020) 1234567",
            "(0111) 123456",
            "010/1234567",
            "085 123 4567",
        ] {
            assert!(is_phone(v), "{v}");
        }
    }

    #[test]
    fn dutch_numbers_from_abroad() {
        for v in [
            "+31612345678",
            "+31 6 12345678",
            "+31 6 1234 5678",
            "+31 (0)6 12345678",
            "+31 (0)20 123 4567",
            "+31-20-1234567",
            "+31 20 1234567",
            "0031612345678",
            "0031 6 12345678",
            "0031 (0)20 1234567",
        ] {
            assert!(is_phone(v), "{v}");
        }
    }

    #[test]
    fn international_numbers() {
        for v in [
            "+44 20 7946 0958",
            "+1 (555) 123-4567",
            "+49 30 12345678",
            "+4915123456789",
            "0044 20 7946 0958",
            "+32 2 555 12 12",
        ] {
            assert!(is_phone(v), "{v}");
        }
    }

    #[test]
    fn rejects_non_numbers() {
        for v in [
            "",
            "12345678",
            "612345678",
            "061234567",   // nine digits
            "06123456789", // eleven digits
            "0012345",     // too short after 00
            "0012345678",  // a padded number, not 00 + country code
            "0912345678",  // 09 is not in use for people
            "0971234567",
            "0812345678",
            "+31 6 1234567", // eight national digits
            "+31 06 12345678",
            "+0 123 456 789",
            "+1234567",          // seven digits
            "+1234567890123456", // sixteen digits
            "0800-1234567",
            "0800 1234",
            "0900-123456",
            "0906 123456",
            "0 612345678",
            "06 1 2345678",
            "01-02-2020",
            "12-05-1985",
            "2024-01-15",
            "06-12345678a",
            "06_12345678",
            "€ 0612345678,-",
            "+31 6 12345678 9",
            "1.234.567",
            "(06) 12345678)",
            "(0612345678)",
        ] {
            assert!(!is_phone(v), "{v:?}");
        }
    }

    #[test]
    fn longest_valid_reading_in_text() {
        let t = b"bel 06-12345678 12 keer";
        assert_eq!(match_at(t, 4), Some(15));
        let t = b"+31 6 12345678, of";
        assert_eq!(match_at(t, 0), Some(14));
    }
}
