//! Dutch citizen service numbers, BSN (`pd:OfficialID`).
//!
//! A BSN has nine digits `d1 … d9` (older ones of eight are written with a
//! leading zero) and passes the *11-test*:
//! `9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9` is a
//! multiple of 11 — note the weight −1 on the last digit, which is what sets
//! it apart from the bank-account 11-test (weight +1). `000000000` is not a
//! BSN. Written plain (`111222333`) or in the dotted form of official
//! documents (`1112.22.333`).
//!
//! One random nine-digit number in eleven passes, so a single match is weak
//! evidence; [`crate::Kind::Bsn`] scores accordingly and a column needs most
//! of its values to pass.

use crate::bytes::{at, digit_run, end_ok, is_digit, whole};

/// Whether the whole (trimmed) value is a BSN passing the 11-test.
///
/// ```
/// use ropa_plugin_sdk::bsn::is_bsn;
/// assert!(is_bsn("111222333"));
/// assert!(!is_bsn("111222334"));
/// ```
pub fn is_bsn(value: &str) -> bool {
    whole(value, match_at)
}

/// Words that, shortly before a number, say it is a BSN.
const BSN_WORDS: &[&[u8]] = &[
    b"bsn",
    b"burgerservicenummer",
    b"burger service nummer",
    b"sofinummer",
    b"sofi-nummer",
    b"sofinr",
    b"citizen service number",
];

/// How far before a number [`bsn_context`] looks, in bytes.
const CONTEXT_WINDOW: usize = 32;

/// Whether a BSN word ("BSN", "burgerservicenummer", "sofinummer", …)
/// occurs in the 32 bytes before `start`, not before `floor` (the end of the
/// previous match). With one, a single number that passes the 11-test is a
/// BSN and not one number in eleven.
pub fn bsn_context(t: &[u8], start: usize, floor: usize) -> bool {
    crate::bytes::word_before::<CONTEXT_WINDOW>(t, start, floor, BSN_WORDS)
}

/// The 11-test on nine digit values (0–9 each).
pub fn eleven_test(d: &[u8; 9]) -> bool {
    let mut sum: i32 = 0;
    for (k, &v) in d[..8].iter().enumerate() {
        sum += (9 - k as i32) * i32::from(v);
    }
    sum -= i32::from(d[8]);
    sum % 11 == 0 && d.iter().any(|&v| v != 0)
}

/// A BSN starting at `i`; returns its end.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    let mut d = [0u8; 9];
    let end = if digit_run(t, i) == 9 {
        for (k, v) in d.iter_mut().enumerate() {
            *v = t[i + k] - b'0';
        }
        i + 9
    } else if digit_run(t, i) == 4
        && at(t, i + 4) == b'.'
        && digit_run(t, i + 5) == 2
        && at(t, i + 7) == b'.'
        && digit_run(t, i + 8) == 3
    {
        for (v, &b) in d
            .iter_mut()
            .zip(t[i..i + 11].iter().filter(|b| is_digit(**b)))
        {
            *v = b - b'0';
        }
        i + 11
    } else {
        return None;
    };
    (end_ok(t, end) && eleven_test(&d)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bsn_word_before_the_number() {
        let t = b"Klant Jansen, BSN: 111222333, belt terug";
        let s = t.windows(9).position(|w| w == b"111222333").unwrap();
        assert!(bsn_context(t, s, 0));
        assert!(!bsn_context(t, s, s - 2), "not before the previous match");
        let t = b"Factuur 111222333 betaald";
        let s = t.windows(9).position(|w| w == b"111222333").unwrap();
        assert!(!bsn_context(t, s, 0));
        assert!(bsn_context(b"Burgerservicenummer ", 20, 0));
    }

    fn digits(s: &str) -> [u8; 9] {
        let mut d = [0u8; 9];
        for (k, b) in s.bytes().enumerate() {
            d[k] = b - b'0';
        }
        d
    }

    #[test]
    fn accepts_valid_numbers() {
        for v in [
            "111222333",
            "123456782",
            " 123456782 ",
            "1234.56.782",
            "012345672",
            "999999990",
        ] {
            assert!(is_bsn(v), "{v}");
        }
    }

    #[test]
    fn rejects_invalid_numbers() {
        for v in [
            "",
            "000000000",
            "111222334",
            "123456789",
            "12345678",
            "1234567822",
            "123-456-782",
            "123 456 782",
            "1234.56.78",
            "12345678a",
            "a123456782",
        ] {
            assert!(!is_bsn(v), "{v:?}");
        }
    }

    /// The last digit has weight −1, not +1: a number that passes the
    /// bank-account variant of the test (all weights positive) but not the
    /// BSN variant is rejected.
    #[test]
    fn last_weight_is_minus_one() {
        // 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3 = 69; +d9 ≡ 0 (mod 11) → d9 = 8,
        // while −d9 ≡ 0 (mod 11) → d9 = 3.
        assert!(eleven_test(&digits("111222333")));
        assert!(!eleven_test(&digits("111222338")));
    }

    /// For every eight-digit prefix in a sample, exactly the check digit that
    /// the 11-test implies passes (none when it would be 10).
    #[test]
    fn exactly_one_check_digit_per_prefix() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let prefix = (state >> 33) % 100_000_000;
            let s = format!("{prefix:08}");
            let mut d = digits(&format!("{s}0"));
            let sum: i32 = (0..8).map(|k| (9 - k as i32) * i32::from(d[k])).sum();
            let expected = sum % 11;
            let mut passing = Vec::new();
            for c in 0..10u8 {
                d[8] = c;
                if eleven_test(&d) {
                    passing.push(i32::from(c));
                }
            }
            if expected == 10 || prefix == 0 {
                assert!(passing.is_empty(), "{s}: {passing:?}");
            } else {
                assert_eq!(passing, vec![expected], "{s}");
            }
        }
    }
}
