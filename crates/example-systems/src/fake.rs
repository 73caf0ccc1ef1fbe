//! Fake personal values: people with Dutch names, addresses with postcodes
//! in their city's range, e-mail addresses on domains that belong to no one,
//! phone numbers in Dutch formats, IBANs with valid check digits, and
//! bcrypt-shaped strings that hash nothing.

use std::collections::BTreeSet;

use crate::rng::Rng;
use crate::words::{BANKS, CITIES, FIRST_NAMES, MAIL_DOMAINS, POSTCODE_LETTERS, STREETS, SURNAMES};

pub(crate) struct Person {
    pub(crate) first: &'static str,
    pub(crate) tussen: &'static str,
    pub(crate) surname: &'static str,
}

impl Person {
    pub(crate) fn random(rng: &mut Rng) -> Person {
        let first = *rng.pick(FIRST_NAMES);
        let (tussen, surname) = *rng.pick(SURNAMES);
        Person {
            first,
            tussen,
            surname,
        }
    }

    /// The last name as written after a first name: `van der Meer`.
    pub(crate) fn last_name(&self) -> String {
        if self.tussen.is_empty() {
            self.surname.to_owned()
        } else {
            format!("{} {}", self.tussen, self.surname)
        }
    }

    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last_name())
    }

    /// The last name standing alone: `Van der Meer`.
    pub(crate) fn last_name_capitalised(&self) -> String {
        let name = self.last_name();
        let mut chars = name.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => name,
        }
    }
}

/// Lower-case ASCII letters and digits only, for e-mail addresses and
/// usernames.
pub(crate) fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                'ë' | 'é' | 'è' | 'ê' => 'e',
                'ï' | 'ı' | 'í' => 'i',
                'ö' | 'ó' => 'o',
                'ü' | 'ú' => 'u',
                'ç' => 'c',
                'ş' => 's',
                c => c,
            };
            c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// An address unused so far: tries again on a collision.
pub(crate) fn unique(
    taken: &mut BTreeSet<String>,
    rng: &mut Rng,
    mut make: impl FnMut(&mut Rng) -> String,
) -> String {
    loop {
        let v = make(rng);
        if taken.insert(v.clone()) {
            return v;
        }
    }
}

fn email_local(rng: &mut Rng, p: &Person) -> String {
    let f = ascii(p.first);
    let l = ascii(&p.last_name());
    match rng.below(6) {
        0 | 1 => format!("{f}.{l}"),
        2 => format!("{}.{l}", &f[..1]),
        3 => format!("{f}{l}{}", rng.range(60, 99)),
        4 => format!("{f}_{l}"),
        _ => format!("{f}{}", rng.range(1, 999)),
    }
}

pub(crate) fn email(rng: &mut Rng, p: &Person, taken: &mut BTreeSet<String>) -> String {
    unique(taken, rng, |rng| {
        format!("{}@{}", email_local(rng, p), rng.pick(MAIL_DOMAINS))
    })
}

pub(crate) fn mobile(rng: &mut Rng) -> String {
    format!("06-{}{}", rng.range(1, 5), rng.digits(7))
}

pub(crate) fn landline(rng: &mut Rng, area: &str) -> String {
    let rest = 10 - area.len();
    format!("{area}-{}{}", rng.range(2, 9), rng.digits(rest - 1))
}

/// `06-12345678` → `+31 6 12345678`; `023-1234567` → `+31 23 1234567`.
pub(crate) fn international(phone: &str) -> String {
    let (area, number) = phone.split_once('-').unwrap();
    format!("+31 {} {number}", &area[1..])
}

/// `06-12345678` → `06 12345678`, as people type it in a message.
pub(crate) fn spoken(rng: &mut Rng, phone: &str) -> String {
    match rng.below(3) {
        0 => phone.replace('-', " "),
        1 => phone.replace('-', ""),
        _ => phone.to_owned(),
    }
}

pub(crate) fn postcode(rng: &mut Rng, lo: u32, hi: u32) -> String {
    let digits = rng.range(i64::from(lo), i64::from(hi));
    loop {
        let a = *rng.pick(POSTCODE_LETTERS);
        let b = *rng.pick(POSTCODE_LETTERS);
        if a == b'S' && matches!(b, b'A' | b'D' | b'S') {
            continue;
        }
        let sep = if rng.chance(20) { "" } else { " " };
        return format!("{digits}{sep}{}{}", char::from(a), char::from(b));
    }
}

pub(crate) fn house_number(rng: &mut Rng) -> String {
    let n = if rng.chance(70) {
        rng.range(1, 80)
    } else {
        rng.range(81, 240)
    };
    match rng.below(100) {
        0..=84 => n.to_string(),
        85..=92 => format!("{n}{}", rng.pick(&["a", "b", "c"])),
        _ => format!("{n}-{}", rng.pick(&["I", "II", "III", "1", "2"])),
    }
}

pub(crate) struct Address {
    pub(crate) street: String,
    pub(crate) house_number: String,
    pub(crate) postcode: String,
    pub(crate) city: &'static str,
    pub(crate) area: &'static str,
}

impl Address {
    pub(crate) fn random(rng: &mut Rng) -> Address {
        let (city, lo, hi, area) = *rng.pick(CITIES);
        Address {
            street: rng.pick(STREETS).to_string(),
            house_number: house_number(rng),
            postcode: postcode(rng, lo, hi),
            city,
            area,
        }
    }
}

/// The ISO 13616 check digits of a country code and BBAN.
fn iban_check(country: &str, bban: &str) -> u32 {
    let mut rem = 0u32;
    for c in bban.chars().chain(country.chars()).chain("00".chars()) {
        let v = c.to_digit(36).unwrap();
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    98 - rem
}

/// `NLkk BANK 0xxxxxxxxx`, without spaces, with valid check digits.
pub(crate) fn iban(rng: &mut Rng) -> String {
    let bban = format!("{}0{}", rng.pick(BANKS), rng.digits(9));
    format!("NL{:02}{bban}", iban_check("NL", &bban))
}

/// Groups of four, as printed: `NL91 ABNA 0417 1643 00`.
pub(crate) fn iban_printed(iban: &str) -> String {
    iban.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bcrypt-shaped string (cost 12, 22 characters of salt, 31 of hash); not
/// the hash of anything.
pub(crate) fn password_hash(rng: &mut Rng) -> String {
    const B64: &[u8] = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let body: String = (0..53).map(|_| char::from(*rng.pick(B64))).collect();
    format!("$2b$12${body}")
}
