//! International bank account numbers (`pd:BankAccount`).
//!
//! An IBAN is a country code, two check digits and a national account number
//! (BBAN) of letters and digits, of a length fixed per country (ISO 13616 /
//! the SWIFT IBAN registry). It is accepted only with its country's exact
//! length and a valid mod-97 checksum (ISO 7064 MOD 97-10), written either
//! without spaces (`NL91ABNA0417164300`) or in the printed groups of four
//! (`NL91 ABNA 0417 1643 00`), in upper or lower case.

use crate::bytes::{at, end_ok, is_alnum, is_alpha, is_digit, whole};

/// Whether the whole (trimmed) value is one valid IBAN.
///
/// ```
/// use ropa_plugin_sdk::iban::is_iban;
/// assert!(is_iban("NL91 ABNA 0417 1643 00"));
/// assert!(!is_iban("NL91 ABNA 0417 1643 01")); // checksum
/// ```
pub fn is_iban(value: &str) -> bool {
    whole(value, match_at)
}

/// The IBAN length of a country, by its ISO 3166 alpha-2 code (upper case),
/// from the SWIFT IBAN registry.
pub fn country_length(cc: [u8; 2]) -> Option<usize> {
    let n = match &cc {
        b"NO" => 15,
        b"BE" => 16,
        b"DK" | b"FI" | b"FO" | b"GL" | b"NL" | b"SD" | b"FK" => 18,
        b"MK" | b"SI" => 19,
        b"AT" | b"BA" | b"EE" | b"KZ" | b"LT" | b"LU" | b"XK" | b"MN" => 20,
        b"CH" | b"HR" | b"LI" | b"LV" => 21,
        b"BG" | b"BH" | b"CR" | b"DE" | b"GB" | b"GE" | b"IE" | b"ME" | b"RS" | b"VA" => 22,
        b"AE" | b"GI" | b"IL" | b"IQ" | b"OM" | b"SO" | b"TL" => 23,
        b"AD" | b"CZ" | b"ES" | b"MD" | b"PK" | b"RO" | b"SA" | b"SE" | b"SK" | b"TN" | b"VG" => 24,
        b"LY" | b"PT" | b"ST" => 25,
        b"IS" | b"TR" => 26,
        b"BI" | b"DJ" | b"FR" | b"GR" | b"IT" | b"MC" | b"MR" | b"SM" => 27,
        b"AL" | b"AZ" | b"BY" | b"CY" | b"DO" | b"GT" | b"HN" | b"HU" | b"LB" | b"NI" | b"PL"
        | b"SV" => 28,
        b"BR" | b"EG" | b"PS" | b"QA" | b"UA" => 29,
        b"JO" | b"KW" | b"MU" | b"YE" => 30,
        b"MT" | b"SC" => 31,
        b"LC" => 32,
        b"RU" => 33,
        _ => return None,
    };
    Some(n)
}

/// The longest IBAN of any country.
pub const MAX_LEN: usize = 34;

/// Whether `iban` (upper-case letters and digits only, country code first)
/// has a valid mod-97 checksum: moved so the first four characters come
/// last, letters as 10–35, the number modulo 97 is 1.
pub fn mod97_ok(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let mut r: u32 = 0;
    for &b in iban[4..].iter().chain(&iban[..4]) {
        if is_digit(b) {
            r = (r * 10 + u32::from(b - b'0')) % 97;
        } else if is_alpha(b) {
            r = (r * 100 + u32::from((b | 0x20) - b'a' + 10)) % 97;
        } else {
            return false;
        }
    }
    r == 1
}

/// An IBAN starting at `i` (its country code); returns its end.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    match scan(t, i) {
        Some((end, true)) => Some(end),
        _ => None,
    }
}

/// Something shaped like an IBAN at `i` (known country, its exact length,
/// valid grouping, a boundary after it): its end and whether the check
/// digits are right. Text scanning skips a mistyped IBAN whole rather than
/// reading its tail as another number.
pub(crate) fn scan(t: &[u8], i: usize) -> Option<(usize, bool)> {
    let (c0, c1) = (at(t, i), at(t, i + 1));
    if !is_alpha(c0) || !is_alpha(c1) || !is_digit(at(t, i + 2)) || !is_digit(at(t, i + 3)) {
        return None;
    }
    let len = country_length([c0.to_ascii_uppercase(), c1.to_ascii_uppercase()])?;
    let mut buf = [0u8; MAX_LEN];
    let mut n = 0;
    let mut p = i;
    while n < len {
        let b = at(t, p);
        if is_alnum(b) {
            buf[n] = b.to_ascii_uppercase();
            n += 1;
            p += 1;
        } else if b == b' ' && n % 4 == 0 && is_alnum(at(t, p + 1)) {
            p += 1;
        } else {
            return None;
        }
    }
    if !end_ok(t, p) {
        return None;
    }
    let check = u32::from(buf[2] - b'0') * 10 + u32::from(buf[3] - b'0');
    Some((p, (2..=98).contains(&check) && mod97_ok(&buf[..n])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published example IBANs, one per format family.
    const VALID: [&str; 12] = [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "BE68539007547034",
        "FR1420041010050500013M02606",
        "NO9386011117947",
        "MT84MALT011000012345MTLCAST001S",
        "CH9300762011623852957",
        "AT611904300234573201",
    ];

    #[test]
    fn accepts_valid_ibans() {
        for v in VALID {
            assert!(is_iban(v), "{v}");
        }
    }

    #[test]
    fn rejects_wrong_checksums_lengths_and_shapes() {
        for v in [
            "",
            "NL91ABNA0417164301",     // checksum
            "NL92ABNA0417164300",     // check digits
            "NL91ABNA041716430",      // one short
            "NL91ABNA04171643000",    // one long
            "XX91ABNA0417164300",     // no such country
            "NL91-ABNA-0417-1643-00", // separator
            "DE89370400440532013001",
            "GB82WEST12345698765433",
            "BE68539007547035",
            "NL00ABNA0417164300",
            "NL99ABNA0417164300",
        ] {
            assert!(!is_iban(v), "{v:?}");
        }
    }

    /// Every single-character substitution of a valid IBAN breaks the
    /// checksum: mod-97 catches all single errors.
    #[test]
    fn every_single_digit_error_is_caught() {
        for v in VALID {
            let clean: Vec<u8> = v
                .bytes()
                .filter(|b| *b != b' ')
                .map(|b| b.to_ascii_uppercase())
                .collect();
            for pos in 2..clean.len() {
                if !clean[pos].is_ascii_digit() {
                    continue;
                }
                for d in b'0'..=b'9' {
                    if d == clean[pos] {
                        continue;
                    }
                    let mut m = clean.clone();
                    m[pos] = d;
                    assert!(!mod97_ok(&m), "{} with {} at {pos}", v, d as char);
                }
            }
        }
    }

    /// Check digits computed for generated BBANs of every registered length
    /// give IBANs that pass; the next check digits do not.
    #[test]
    fn generated_ibans_for_every_country_length() {
        let codes: [&[u8; 2]; 20] = [
            b"NO", b"BE", b"NL", b"SI", b"AT", b"CH", b"DE", b"AE", b"ES", b"PT", b"IS", b"FR",
            b"PL", b"BR", b"JO", b"MT", b"LC", b"RU", b"GB", b"IT",
        ];
        for cc in codes {
            let len = country_length(*cc).unwrap();
            let bban: Vec<u8> = (0..len - 4)
                .map(|k| b'0' + ((k * 7 + 3) % 10) as u8)
                .collect();
            // check = 98 - (BBAN + CC + "00") mod 97
            let mut tmp = bban.clone();
            tmp.extend_from_slice(cc);
            tmp.extend_from_slice(b"00");
            let mut r = 0u32;
            for b in tmp {
                r = if b.is_ascii_digit() {
                    (r * 10 + u32::from(b - b'0')) % 97
                } else {
                    (r * 100 + u32::from(b - b'A' + 10)) % 97
                };
            }
            let check = 98 - r;
            let iban = format!(
                "{}{:02}{}",
                std::str::from_utf8(cc).unwrap(),
                check,
                std::str::from_utf8(&bban).unwrap()
            );
            assert!(is_iban(&iban), "{iban}");
            let wrong = format!(
                "{}{:02}{}",
                std::str::from_utf8(cc).unwrap(),
                check % 97 + 1,
                std::str::from_utf8(&bban).unwrap()
            );
            assert!(!is_iban(&wrong), "{wrong}");
        }
    }
}
