//! National identification numbers with a check digit or letter
//! (`pd:NationalIdentificationNumber`): each is accepted only when its
//! checksum holds, so a random number of the same length passes once in
//! 97 (Belgium, France), 11 (Germany), 23 (Spain) or 26 (Italy). The US
//! Social Security number has no checksum and is accepted only in its
//! written form `AAA-GG-SSSS`, with the number ranges never issued left out.
//!
//! The Dutch BSN is [`crate::bsn`].

/// Digits of `v` once the separators people write (`.`, `-`, `/`, blank)
/// are left out; `None` when anything else is in it.
fn digits(v: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    for b in v.trim().bytes() {
        match b {
            b'0'..=b'9' => out.push(b - b'0'),
            b'.' | b'-' | b'/' | b' ' => {}
            _ => return None,
        }
    }
    (out.len() == len).then_some(out)
}

fn number(d: &[u8]) -> u64 {
    d.iter().fold(0, |a, &x| a * 10 + u64::from(x))
}

/// A Belgian national register number (`85.07.30-033.28`): the birth date,
/// a serial, and 97 minus the first nine digits modulo 97 (with a 2 before
/// them for people born from 2000).
///
/// ```
/// use ropa_plugin_sdk::national_id::is_be_national_number;
/// assert!(is_be_national_number("85.07.30-033.28"));
/// assert!(!is_be_national_number("85.07.30-033.29"));
/// ```
pub fn is_be_national_number(v: &str) -> bool {
    let Some(d) = digits(v, 11) else {
        return false;
    };
    // The month is 0 (date unknown), 1–12, or shifted by 20 or 40 for
    // numbers of the bis register.
    let month = number(&d[2..4]) % 20;
    let day = number(&d[4..6]);
    if month > 12 || day > 31 {
        return false;
    }
    let body = number(&d[..9]);
    let check = number(&d[9..]);
    97 - body % 97 == check || 97 - (2_000_000_000 + body) % 97 == check
}

/// A German tax identification number (Steuer-IdNr, `86095742719`): 11
/// digits, the first not 0, one digit of the first ten used twice or three
/// times, and the ISO 7064 MOD 11,10 check digit.
///
/// ```
/// use ropa_plugin_sdk::national_id::is_de_tax_id;
/// assert!(is_de_tax_id("86 095 742 719"));
/// assert!(!is_de_tax_id("86095742718"));
/// ```
pub fn is_de_tax_id(v: &str) -> bool {
    let Some(d) = digits(v, 11) else {
        return false;
    };
    if d[0] == 0 {
        return false;
    }
    let mut seen = [0u8; 10];
    for &x in &d[..10] {
        seen[usize::from(x)] += 1;
    }
    let repeated = seen.iter().filter(|&&n| n >= 2).count();
    if repeated != 1 || seen.iter().any(|&n| n > 3) {
        return false;
    }
    let mut product = 10u32;
    for &x in &d[..10] {
        let mut sum = (u32::from(x) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == u32::from(d[10])
}

/// A French social security number (NIR, `2 55 08 14 168 025 38`): sex,
/// year and month of birth, département (Corsica's `2A` and `2B` count as
/// 19 and 18), commune, serial, and the key 97 minus the rest modulo 97.
///
/// ```
/// use ropa_plugin_sdk::national_id::is_fr_nir;
/// assert!(is_fr_nir("2 55 08 14 168 025 38"));
/// assert!(!is_fr_nir("2 55 08 14 168 025 39"));
/// ```
pub fn is_fr_nir(v: &str) -> bool {
    let compact: String = v
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if compact.len() != 15 || !compact.is_ascii() {
        return false;
    }
    let (body, key) = compact.split_at(13);
    // Corsica's départements: the key is computed with 19 for 2A and 18
    // for 2B, less 1,000,000 and 2,000,000.
    let (body_digits, less) = match &body[5..7] {
        "2A" | "2a" => (format!("{}19{}", &body[..5], &body[7..]), 1_000_000),
        "2B" | "2b" => (format!("{}18{}", &body[..5], &body[7..]), 2_000_000),
        _ => (body.to_owned(), 0),
    };
    if !body_digits.bytes().all(|b| b.is_ascii_digit()) || !key.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    let Ok(n) = body_digits.parse::<u64>() else {
        return false;
    };
    let n = n - less;
    let sex = body.as_bytes()[0];
    let month: u32 = body[3..5].parse().unwrap_or(0);
    matches!(sex, b'1' | b'2' | b'3' | b'4' | b'7' | b'8')
        && ((1..=12).contains(&month) || (20..=42).contains(&month) || month >= 50)
        && key.parse::<u64>().ok() == Some(97 - n % 97)
}

/// The check letters of the Spanish DNI and NIE, by the number modulo 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// A Spanish identity number: the DNI (`12345678Z`) or the foreigner's NIE
/// (`X1234567L`), whose letter is the number modulo 23.
///
/// ```
/// use ropa_plugin_sdk::national_id::is_es_dni;
/// assert!(is_es_dni("12345678-Z"));
/// assert!(is_es_dni("X1234567L"));
/// assert!(!is_es_dni("12345678A"));
/// ```
pub fn is_es_dni(v: &str) -> bool {
    let compact: Vec<u8> = v
        .trim()
        .bytes()
        .filter(|b| !matches!(b, b'-' | b' ' | b'.'))
        .collect();
    if compact.len() != 9 {
        return false;
    }
    let (first, rest) = (compact[0].to_ascii_uppercase(), &compact[1..8]);
    let lead = match first {
        b'0'..=b'9' => first - b'0',
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return false,
    };
    if !rest.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = rest
        .iter()
        .fold(u64::from(lead), |a, &b| a * 10 + u64::from(b - b'0'));
    compact[8].to_ascii_uppercase() == DNI_LETTERS[(n % 23) as usize]
}

/// An Italian codice fiscale (`RSSMRA85T10A562S`): three letters of the
/// surname, three of the first name, year, month letter, day (plus 40 for
/// women), place code, and the check letter; digits replaced by letters
/// (omocodia) are accepted.
///
/// ```
/// use ropa_plugin_sdk::national_id::is_it_codice_fiscale;
/// assert!(is_it_codice_fiscale("RSSMRA85T10A562S"));
/// assert!(!is_it_codice_fiscale("RSSMRA85T10A562T"));
/// ```
pub fn is_it_codice_fiscale(v: &str) -> bool {
    let s: Vec<u8> = v.trim().bytes().map(|b| b.to_ascii_uppercase()).collect();
    if s.len() != 16 || !s.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    // Positions that hold digits, which omocodia may write as L, M, N, P,
    // Q, R, S, T, U or V.
    const DIGIT_AT: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
    const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";
    for (i, &c) in s.iter().enumerate() {
        let ok = if DIGIT_AT.contains(&i) {
            c.is_ascii_digit() || OMOCODIA.contains(&c)
        } else {
            c.is_ascii_uppercase()
        };
        if !ok {
            return false;
        }
    }
    if !b"ABCDEHLMPRST".contains(&s[8]) {
        return false;
    }
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    const ODD_DIGITS: [u32; 10] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
    let mut sum = 0u32;
    for (i, &c) in s[..15].iter().enumerate() {
        let (digit, letter) = if c.is_ascii_digit() {
            (Some(u32::from(c - b'0')), None)
        } else {
            (None, Some(u32::from(c - b'A')))
        };
        // Position 1, 3, … (odd, counting from 1) use the odd table.
        sum += match (i % 2 == 0, digit, letter) {
            (true, Some(d), _) => ODD_DIGITS[d as usize],
            (true, None, Some(l)) => ODD[l as usize],
            (false, Some(d), _) => d,
            (false, None, Some(l)) => l,
            _ => return false,
        };
    }
    u32::from(s[15] - b'A') == sum % 26
}

/// A US Social Security number written `AAA-GG-SSSS` (or with blanks): the
/// area not 000, 666 or 900–999, the group not 00, the serial not 0000.
///
/// ```
/// use ropa_plugin_sdk::national_id::is_us_ssn;
/// assert!(is_us_ssn("078-05-1121"));
/// assert!(!is_us_ssn("666-05-1121"));
/// assert!(!is_us_ssn("078051121"));
/// ```
pub fn is_us_ssn(v: &str) -> bool {
    let b = v.trim().as_bytes();
    if b.len() != 11 || b[3] != b[6] || !matches!(b[3], b'-' | b' ') {
        return false;
    }
    let d = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |a, &c| {
            c.is_ascii_digit().then(|| a * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(area), Some(group), Some(serial)) = (d(0..3), d(4..6), d(7..11)) else {
        return false;
    };
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid numbers as published (the Belgian and French ones from their
    /// registries' documentation, the German test id of the Federal
    /// Central Tax Office's examples), each with a look-alike one digit
    /// off.
    #[test]
    fn true_numbers_and_look_alikes() {
        /// A check, numbers it accepts, and numbers it refuses.
        type Case = (
            fn(&str) -> bool,
            &'static [&'static str],
            &'static [&'static str],
        );
        let cases: [Case; 6] = [
            (
                is_be_national_number,
                &["85.07.30-033.28", "85073003328"],
                &["85073003327", "85.13.30-033.28", "1234567890"],
            ),
            (
                is_de_tax_id,
                &["86095742719", "47036892816", "65929970489"],
                &["86095742718", "11111111111", "06095742719"],
            ),
            (
                is_fr_nir,
                &["2 55 08 14 168 025 38", "255081416802538"],
                &["2 55 08 14 168 025 37", "5 55 08 14 168 025 38"],
            ),
            (
                is_es_dni,
                &["12345678Z", "X1234567L", "x-1234567-l"],
                &["12345678A", "W1234567L", "1234567Z"],
            ),
            (
                is_it_codice_fiscale,
                &["RSSMRA85T10A562S", "MRTMTT91D08F205J", "rssmra85t10a562s"],
                &["RSSMRA85T10A562T", "RSSMRA85Z10A562S", "RSSMRA85T10A56"],
            ),
            (
                is_us_ssn,
                &["078-05-1121", "123 45 6789"],
                &[
                    "000-12-3456",
                    "900-12-3456",
                    "123-00-4567",
                    "123-45-0000",
                    "123456789",
                    "2024-01-01",
                ],
            ),
        ];
        for (check, valid, invalid) in cases {
            for v in valid {
                assert!(check(v), "{v} should pass");
            }
            for v in invalid {
                assert!(!check(v), "{v} should not pass");
            }
        }
    }

    /// One random number in about 97 passes the Belgian check: a column of
    /// invoice numbers is not a column of national numbers.
    #[test]
    fn random_numbers_rarely_pass() {
        let mut state = 0x1234_5678_u64;
        let mut passed = [0u32; 3];
        for _ in 0..10_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = format!("{:011}", (state >> 11) % 100_000_000_000);
            passed[0] += u32::from(is_be_national_number(&n));
            passed[1] += u32::from(is_de_tax_id(&n));
            passed[2] += u32::from(is_es_dni(&format!("{}Z", &n[..8])));
        }
        assert!(passed[0] < 120, "{passed:?}");
        assert!(passed[1] < 500, "{passed:?}");
        assert!(passed[2] < 600, "{passed:?}");
    }
}
