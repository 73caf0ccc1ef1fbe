//! What a value looks like beyond the strict detectors: a person's name, a
//! company, a street address, a city, a postcode or telephone number of
//! some country, a password hash, a login, a word for a gender, a date's
//! year. One such value proves little; [`crate::ColumnStats`] counts them
//! and lets the *share* of a column's values decide, which is how a column
//! named `c7` is recognised from its values alone.

use crate::person::{NameShape, name_shape};
use crate::place::{PostcodeShape, is_city, is_street_address, postcode_shape};

/// The shapes counted per column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    FirstName,
    Surname,
    FullName,
    Company,
    Street,
    City,
    PostcodeDistinct,
    PostcodeDigits,
    PhoneShaped,
    PasswordHash,
    Login,
    Gender,
    UserAgent,
    Image,
}

impl Shape {
    pub(crate) const COUNT: usize = 14;
}

/// Counts of shapes over a column's values, and the range of years of its
/// dates. Counts only.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ShapeCounts {
    counts: [u64; Shape::COUNT],
    /// Earliest and latest year among the values that are dates.
    years: Option<(u32, u32)>,
}

impl ShapeCounts {
    pub(crate) fn get(&self, shape: Shape) -> u64 {
        self.counts[shape as usize]
    }

    pub(crate) fn years(&self) -> Option<(u32, u32)> {
        self.years
    }

    /// Counts the shapes of one trimmed, non-empty value. `strict_match`:
    /// a strict detector already took it (an e-mail address is not also a
    /// name). `phone_shaped`: it has a telephone number's format.
    pub(crate) fn add(&mut self, v: &str, strict_match: bool, phone_shaped: bool, date: bool) {
        if date {
            if let Some(year) = year_of(v) {
                self.years = Some(match self.years {
                    Some((lo, hi)) => (lo.min(year), hi.max(year)),
                    None => (year, year),
                });
            }
            return;
        }
        let mut count = |s: Shape| self.counts[s as usize] += 1;
        if is_image(v) {
            count(Shape::Image);
            return;
        }
        if phone_shaped {
            count(Shape::PhoneShaped);
        }
        match postcode_shape(v) {
            Some(PostcodeShape::Distinct) => count(Shape::PostcodeDistinct),
            Some(PostcodeShape::Digits) => count(Shape::PostcodeDigits),
            None => {}
        }
        if strict_match {
            return;
        }
        let first = v.as_bytes()[0];
        if first.is_ascii_digit() || first == b'#' {
            if is_street_address(v) {
                count(Shape::Street);
            }
            return;
        }
        if first == b'$' || first == b'{' || v.contains('$') {
            if is_password_hash(v) {
                count(Shape::PasswordHash);
            }
            return;
        }
        if is_user_agent(v) {
            count(Shape::UserAgent);
            return;
        }
        if is_login(v) {
            count(Shape::Login);
            return;
        }
        if is_gender_word(v) {
            count(Shape::Gender);
            return;
        }
        if is_street_address(v) {
            count(Shape::Street);
            return;
        }
        if is_city(v) {
            count(Shape::City);
        }
        match name_shape(v) {
            Some(NameShape::FirstName) => count(Shape::FirstName),
            Some(NameShape::Surname) => count(Shape::Surname),
            Some(NameShape::FullName) => count(Shape::FullName),
            Some(NameShape::Company) => count(Shape::Company),
            None => {}
        }
    }

    pub(crate) fn merge(&mut self, other: &ShapeCounts) {
        for i in 0..Shape::COUNT {
            self.counts[i] += other.counts[i];
        }
        self.years = match (self.years, other.years) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (one, other) => one.or(other),
        };
    }
}

/// The year of a value that [`crate::date::is_date`] accepted: its run of
/// four digits.
fn year_of(v: &str) -> Option<u32> {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            return std::str::from_utf8(&b[i..i + 4]).ok()?.parse().ok();
        }
        i += run.max(1);
    }
    None
}

/// The hash formats of password stores: bcrypt, argon2, scrypt, PBKDF2,
/// the crypt(3) SHA and MD5 schemes, phpass, LDAP's `{SSHA}`, Django's.
pub fn is_password_hash(v: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "$2a$",
        "$2b$",
        "$2y$",
        "$2x$",
        "$argon2i$",
        "$argon2d$",
        "$argon2id$",
        "$scrypt$",
        "$pbkdf2",
        "$5$",
        "$6$",
        "$1$",
        "$y$",
        "$P$",
        "$H$",
        "{SSHA}",
        "{SHA}",
        "{SSHA256}",
        "{SSHA512}",
        "{CRYPT}",
        "{BCRYPT}",
        "pbkdf2_sha256$",
        "pbkdf2_sha1$",
        "bcrypt$",
        "argon2$",
        "scrypt:",
        "sha1$",
        "md5$",
    ];
    v.len() >= 20 && !v.contains(' ') && PREFIXES.iter().any(|p| v.starts_with(p))
}

/// A browser's or HTTP client's `User-Agent`: `Mozilla/5.0 (…) …`,
/// `curl/8.4.0`, `python-requests/2.31.0` — a product token, a slash and a
/// version, alone or followed by more.
fn is_user_agent(v: &str) -> bool {
    let token = v.split(' ').next().unwrap_or("");
    let Some((product, version)) = token.split_once('/') else {
        return false;
    };
    !product.is_empty()
        && product.len() <= 32
        && product
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && product.bytes().any(|b| b.is_ascii_alphabetic())
        && version.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

/// Image signatures at the start of a value, as the host hands a blob over
/// (lower-case hex) or as an application stores an image in text (base64,
/// a `data:` URI): JPEG, PNG, GIF, WebP, TIFF, HEIC.
pub fn is_image(v: &str) -> bool {
    const HEX: &[&str] = &[
        "ffd8ff",
        "89504e470d0a1a0a",
        "47494638",
        "49492a00",
        "4d4d002a",
    ];
    const BASE64: &[&str] = &["/9j/", "iVBORw0KGgo", "R0lGOD", "SUkqAA", "TU0AKg"];
    if v.len() < 24 {
        return false;
    }
    let b = v.as_bytes();
    if v.starts_with("data:image/") {
        return true;
    }
    let lower_hex = |s: &[u8]| {
        s.iter()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
    };
    if lower_hex(&b[..24]) {
        // RIFF....WEBP, and ....ftypheic / ftypmif1 (HEIC, AVIF).
        let webp = v.starts_with("52494646") && v.get(16..24) == Some("57454250");
        let heic = v.get(8..16) == Some("66747970")
            && matches!(v.get(16..24), Some("68656963" | "6d696631" | "61766966"));
        return HEX.iter().any(|h| v.starts_with(h)) || webp || heic;
    }
    BASE64.iter().any(|p| v.starts_with(p))
        || (v.starts_with("UklGR") && v.get(8..12) == Some("V0VC"))
}

/// A Windows login, `DOMAIN\user`.
fn is_login(v: &str) -> bool {
    let Some((domain, user)) = v.split_once('\\') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    ok(domain) && ok(user)
}

/// A word for a gender, or its letter, in the EU languages and English.
fn is_gender_word(v: &str) -> bool {
    const WORDS: &[&str] = &[
        "m",
        "f",
        "v",
        "w",
        "x",
        "male",
        "female",
        "man",
        "woman",
        "men",
        "women",
        "vrouw",
        "mannelijk",
        "vrouwelijk",
        "mann",
        "frau",
        "männlich",
        "weiblich",
        "divers",
        "homme",
        "femme",
        "masculin",
        "féminin",
        "hombre",
        "mujer",
        "masculino",
        "femenino",
        "uomo",
        "donna",
        "maschio",
        "femmina",
        "mulher",
        "non-binary",
        "nonbinary",
        "kobieta",
        "mężczyzna",
        "kvinna",
        "kvinde",
        "mand",
    ];
    v.len() <= 12 && WORDS.contains(&v.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hashes_and_their_look_alikes() {
        assert!(is_password_hash(
            "$2b$12$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
        ));
        assert!(is_password_hash("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="));
        assert!(is_password_hash("pbkdf2_sha256$600000$salt$hash0123456789"));
        assert!(!is_password_hash("$12.50"));
        assert!(!is_password_hash("$2b$ short"));
    }

    #[test]
    fn logins_genders_and_years() {
        assert!(is_login("adventure-works\\mary0"));
        assert!(!is_login("C:\\Program Files\\x"));
        for v in ["M", "f", "Female", "vrouw", "männlich"] {
            assert!(is_gender_word(v), "{v}");
        }
        assert!(!is_gender_word("L"));
        // Words of any status column are no genders.
        assert!(!is_gender_word("unknown") && !is_gender_word("other"));
        assert!(is_user_agent(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
        ));
        assert!(is_user_agent("curl/8.4.0"));
        assert!(!is_user_agent("api/v1/users"));
        assert!(!is_user_agent("12/03/1985"));
        assert!(is_image("ffd8ffe000104a46494600010100000100010000ffdb"));
        assert!(is_image("89504e470d0a1a0a0000000d49484452000000100000"));
        assert!(is_image("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgH"));
        assert!(is_image("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg"));
        assert!(!is_image("0123456789abcdef0123456789abcdef0123456789"));
        assert!(!is_image("ffd8ff"));
        assert_eq!(year_of("1985-03-12 00:00:00"), Some(1985));
        assert_eq!(year_of("12-03-1985"), Some(1985));
    }
}
