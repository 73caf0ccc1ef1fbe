//! Payment card numbers (`pd:PaymentCardNumber`).
//!
//! A card number (PAN) is accepted when its issuer prefix (IIN) and length
//! fit a card scheme and its last digit is the Luhn check digit:
//!
//! | scheme | prefix | length |
//! |---|---|---|
//! | Visa | 4 | 13, 16, 19 |
//! | Mastercard | 51–55, 2221–2720 | 16 |
//! | American Express | 34, 37 | 15 |
//! | Diners Club | 300–305, 36, 38, 39 | 14–19 |
//! | Discover | 6011, 644–649, 65 | 16–19 |
//! | JCB | 3528–3589 | 16–19 |
//! | UnionPay | 62 | 16–19 |
//! | Maestro | 50, 56–69 | 12–19 (12 only as a whole value) |
//!
//! Written without separators or in groups of four (the last one shorter),
//! or in the American Express grouping 4-6-5, separated by single spaces or
//! hyphens.

use crate::bytes::{at, digit_run, end_ok, whole};

/// Whether the whole (trimmed) value is a plausible card number with a valid
/// Luhn digit.
///
/// ```
/// use ropa_plugin_sdk::card::is_card_number;
/// assert!(is_card_number("4111 1111 1111 1111"));
/// assert!(!is_card_number("4111 1111 1111 1112"));
/// assert!(is_card_number("3782 822463 10005")); // American Express, 15 digits
/// assert!(is_card_number("6759 6498 2648")); // Maestro, 12 digits
/// ```
pub fn is_card_number(value: &str) -> bool {
    whole(value, match_at) || is_maestro_12(value)
}

/// A 12-digit Maestro number (prefix 50 or 56–69, Luhn), written whole or
/// in three groups of four. Only as a whole value: in free text twelve
/// digits are an order or phone number far more often than a card.
fn is_maestro_12(value: &str) -> bool {
    let v = value.trim().as_bytes();
    let digits: Vec<u8> = match v.len() {
        12 => v.to_vec(),
        14 if v[4] == v[9] && matches!(v[4], b' ' | b'-') => [&v[..4], &v[5..9], &v[10..]].concat(),
        _ => return false,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u8> = digits.iter().map(|b| b - b'0').collect();
    let prefix = d[0] * 10 + d[1];
    (prefix == 50 || (56..=69).contains(&prefix)) && luhn(&d)
}

/// The Luhn check over digit values (0–9): doubling every second digit from
/// the right, the sum is a multiple of 10.
pub fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &v) in d.iter().rev().enumerate() {
        let v = u32::from(v);
        sum += if k % 2 == 1 {
            let x = v * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            v
        };
    }
    !d.is_empty() && sum.is_multiple_of(10)
}

/// Whether the prefix and length fit a card scheme (see the module docs).
pub fn plausible_iin(d: &[u8]) -> bool {
    let len = d.len();
    if !(13..=19).contains(&len) {
        return false;
    }
    let p = |n: usize| d[..n].iter().fold(0u32, |a, &v| a * 10 + u32::from(v));
    match d[0] {
        4 => matches!(len, 13 | 16 | 19),
        5 => match p(2) {
            51..=55 => len == 16,
            50 | 56..=59 => true,
            _ => false,
        },
        2 => (2221..=2720).contains(&p(4)) && len == 16,
        3 => match p(2) {
            34 | 37 => len == 15,
            36 | 38 | 39 => len >= 14,
            30 => (300..=305).contains(&p(3)) && len >= 14,
            35 => (3528..=3589).contains(&p(4)) && len >= 16,
            _ => false,
        },
        6 => true,
        _ => false,
    }
}

/// A card number starting at `i`; returns its end.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    match scan(t, i) {
        Some((end, true)) => Some(end),
        _ => None,
    }
}

/// Something shaped like a card number at `i` (13–19 digits, plain or in
/// card groups, a boundary after it): its end and whether issuer, length
/// and Luhn digit are right. Text scanning skips a mistyped number whole.
pub(crate) fn scan(t: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut d = [0u8; 19];
    let mut n = 0usize;
    let first = digit_run(t, i);
    let end = if first >= 13 {
        if first > 19 {
            return None;
        }
        n = first;
        i + first
    } else if first == 4 {
        let sep = at(t, i + 4);
        if sep != b' ' && sep != b'-' {
            return None;
        }
        // Groups of four, the last 1–4 long, or Amex 4-6-5.
        let mut p = i;
        let mut groups = 0;
        let mut amex = false;
        loop {
            let g = digit_run(t, p);
            let ok = match groups {
                0 => g == 4,
                1 if g == 6 => {
                    amex = true;
                    true
                }
                _ if amex => groups == 2 && (4..=5).contains(&g),
                _ => (1..=4).contains(&g),
            };
            if !ok || n + g > 19 {
                return None;
            }
            for k in 0..g {
                d[n] = t[p + k] - b'0';
                n += 1;
            }
            p += g;
            groups += 1;
            let last_group = g < 4 || (amex && groups == 3);
            if !last_group && at(t, p) == sep && crate::bytes::is_digit(at(t, p + 1)) {
                p += 1;
            } else {
                break;
            }
        }
        p
    } else {
        return None;
    };
    if first >= 13 {
        for k in 0..n {
            d[k] = t[i + k] - b'0';
        }
    }
    let d = &d[..n];
    if !(13..=19).contains(&n) || !end_ok(t, end) {
        return None;
    }
    Some((end, plausible_iin(d) && luhn(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published test numbers of the schemes.
    const VALID: [&str; 12] = [
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4012888888881881",
        "4222222222222",
        "5555555555554444",
        "5105 1051 0510 5100",
        "2223000048400011",
        "378282246310005",
        "3782 822463 10005",
        "6011111111111117",
        "3530111333300000",
    ];

    #[test]
    fn accepts_valid_numbers() {
        for v in VALID {
            assert!(is_card_number(v), "{v}");
        }
        assert!(is_card_number("30569309025904")); // Diners, 14
        assert!(is_card_number("6759 6498 2643 8453")); // Maestro
    }

    #[test]
    fn rejects_invalid_numbers() {
        for v in [
            "",
            "4111111111111112", // Luhn
            "4111 1111 1111 1112",
            "5555555555554445",
            "378282246310006",
            "1111111111111117", // no scheme starts with 1
            "7111111111111111",
            "9111111111111111",
            "5555 5555 5555 4444 5", // too long for Mastercard (and Luhn)
            "411111111111",          // twelve digits
            "41111111111111111111",  // twenty digits
            "4111 1111 1111 111",    // Visa of 15
            "4111 11111111 1111",    // grouping
            "4111-1111 1111-1111",   // mixed separators
            "4111111111111111a",
            "3400 000000 00008", // Amex, Luhn
        ] {
            assert!(!is_card_number(v), "{v:?}");
        }
    }

    /// Changing any single digit of a valid number breaks the Luhn check.
    #[test]
    fn every_single_digit_error_is_caught() {
        for v in VALID {
            let d: Vec<u8> = v
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            assert!(luhn(&d));
            for pos in 0..d.len() {
                for x in 0..10 {
                    if x == d[pos] {
                        continue;
                    }
                    let mut m = d.clone();
                    m[pos] = x;
                    assert!(!luhn(&m), "{v} with {x} at {pos}");
                }
            }
        }
    }

    /// Luhn also catches every swap of two adjacent different digits except
    /// 0↔9, which is its known blind spot.
    #[test]
    fn adjacent_transpositions() {
        let d: Vec<u8> = "4111111111111111".bytes().map(|b| b - b'0').collect();
        let mut m = d.clone();
        m.swap(0, 1);
        assert!(!luhn(&m));
        assert!(luhn(&[0, 9, 1, 8]) == luhn(&[9, 0, 1, 8]));
    }
}
