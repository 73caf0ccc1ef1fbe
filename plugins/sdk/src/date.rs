//! Dates, as candidate dates of birth (`pd:BirthDate`).
//!
//! Recognised: ISO `1985-03-12`; Dutch day-month-year `12-03-1985`,
//! `12/03/1985`, `12.03.1985`, `2-3-1985`; and written months in Dutch or
//! English, full or abbreviated, `12 maart 1985`, `1 mrt. 1985`,
//! `12 March 1985`. The year lies in [`MIN_YEAR`]`..=`[`MAX_YEAR`] and the
//! day exists in its month (leap years included). A sampled cell may carry a
//! time after the date (`1985-03-12 00:00:00`, `1985-03-12T00:00:00Z`), as
//! databases print `DATE` and `TIMESTAMP` columns.
//!
//! **A date alone is weak evidence**: order dates, invoice dates and
//! timestamps look the same as dates of birth. [`crate::Kind::Date`] therefore
//! scores low; a column-name hint (`geboortedatum`, `dob`) or, in free text,
//! a nearby word such as "geboren" or "born" ([`birth_context`]) is what
//! makes a date a date of birth.

use crate::bytes::{at, digit_run, digits_at, end_ok, is_alpha, is_digit, trimmed};

/// The earliest year accepted: older dates are not dates of birth of living
/// people.
pub const MIN_YEAR: u32 = 1900;
/// The latest year accepted. No clock is read (the detectors are pure), so
/// the window is fixed; later years are not plausible dates of birth.
pub const MAX_YEAR: u32 = 2030;

/// Whether the whole (trimmed) value is a plausible date, possibly followed
/// by a time of day.
///
/// ```
/// use ropa_plugin_sdk::date::is_date;
/// assert!(is_date("12-03-1985"));
/// assert!(is_date("1985-03-12 00:00:00"));
/// assert!(!is_date("31-02-1985"));
/// ```
pub fn is_date(value: &str) -> bool {
    let t = trimmed(value);
    let parsed = if is_alpha(at(t, 0)) {
        month_first(t, 0)
    } else {
        parse(t, 0, false)
    };
    let Some(e) = parsed else {
        return false;
    };
    e == t.len() || time_suffix(t, e) == Some(t.len())
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

fn plausible(y: u32, m: u32, d: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days_in_month(y, m)
}

/// A date in text at `i`; returns its end.
pub(crate) fn match_at(t: &[u8], i: usize) -> Option<usize> {
    let e = parse(t, i, true)?;
    end_ok(t, e).then_some(e)
}

/// Parses a date at `i` (a digit); `strict` (free text) asks two-digit
/// months and days in ISO dates.
fn parse(t: &[u8], i: usize, strict: bool) -> Option<usize> {
    let run = digit_run(t, i);
    match run {
        4 => {
            // ISO: yyyy-mm-dd
            if at(t, i + 4) != b'-' {
                return None;
            }
            let y = digits_at(t, i, 4)?;
            let (m, p) = one_or_two(t, i + 5)?;
            if at(t, p) != b'-' || (strict && p - (i + 5) != 2) {
                return None;
            }
            let (d, e) = one_or_two(t, p + 1)?;
            if strict && e - (p + 1) != 2 {
                return None;
            }
            plausible(y, m, d).then_some(e)
        }
        1 | 2 => {
            let (d, p) = one_or_two(t, i)?;
            let sep = at(t, p);
            if sep == b'.' && at(t, p + 1) == b' ' && !strict {
                // German: "15. März 1985".
                let (m, q) = month_name(t, p + 2)?;
                if at(t, q) != b' ' || digit_run(t, q + 1) != 4 {
                    return None;
                }
                let y = digits_at(t, q + 1, 4)?;
                plausible(y, m, d).then_some(q + 5)
            } else if matches!(sep, b'-' | b'/' | b'.') {
                let (m, q) = one_or_two(t, p + 1)?;
                if at(t, q) != sep || digit_run(t, q + 1) != 4 {
                    return None;
                }
                let y = digits_at(t, q + 1, 4)?;
                // Day first, as Europe writes it; with a slash, month first
                // where the day-first reading is no date (`03/15/1985`).
                (plausible(y, m, d) || (sep == b'/' && plausible(y, d, m))).then_some(q + 5)
            } else if sep == b' ' {
                let (m, q) = month_name(t, p + 1)?;
                if at(t, q) != b' ' || digit_run(t, q + 1) != 4 {
                    return None;
                }
                let y = digits_at(t, q + 1, 4)?;
                plausible(y, m, d).then_some(q + 5)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A date written month first, as in English: `March 15, 1985`,
/// `Mar 15 1985`; returns its end.
fn month_first(t: &[u8], i: usize) -> Option<usize> {
    let (m, p) = month_name(t, i)?;
    if at(t, p) != b' ' {
        return None;
    }
    let (d, mut q) = one_or_two(t, p + 1)?;
    if at(t, q) == b',' {
        q += 1;
    }
    if at(t, q) != b' ' || digit_run(t, q + 1) != 4 {
        return None;
    }
    let y = digits_at(t, q + 1, 4)?;
    plausible(y, m, d).then_some(q + 5)
}

fn one_or_two(t: &[u8], i: usize) -> Option<(u32, usize)> {
    match digit_run(t, i) {
        1 => Some((u32::from(t[i] - b'0'), i + 1)),
        2 => Some((digits_at(t, i, 2)?, i + 2)),
        _ => None,
    }
}

/// Month names and abbreviations of the EU's larger languages and English,
/// lower case: Dutch, English, German, French, Spanish and Italian.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("jan", 1),
    ("jän", 1),
    ("februari", 2),
    ("february", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("feb", 2),
    ("févr", 2),
    ("maart", 3),
    ("march", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("mrt", 3),
    ("mar", 3),
    ("mär", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("apr", 4),
    ("avr", 4),
    ("mei", 5),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("juni", 6),
    ("june", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("jul", 7),
    ("juil", 7),
    ("augustus", 8),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("aug", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("nov", 11),
    ("december", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dec", 12),
    ("dez", 12),
    ("déc", 12),
];

/// A month name at `i`, with an optional abbreviation dot; returns the month
/// and the end.
fn month_name(t: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut buf = [0u8; 12];
    let mut n = 0;
    // Letters, and the bytes of a non-ASCII letter (`ä`, `é`, `û`).
    while is_alpha(at(t, i + n)) || at(t, i + n) >= 0x80 {
        if n == buf.len() {
            return None;
        }
        buf[n] = at(t, i + n).to_ascii_lowercase();
        n += 1;
    }
    let word = &buf[..n];
    let &(name, m) = MONTHS.iter().find(|(name, _)| name.as_bytes() == word)?;
    let mut e = i + n;
    if name.len() <= 4 && at(t, e) == b'.' {
        e += 1;
    }
    Some((m, e))
}

/// A time of day after a date in a sampled cell: ` hh:mm[:ss[.fff]]` or
/// `Thh:mm…`, optionally `Z` or an offset `±hh[:mm]`; returns its end.
fn time_suffix(t: &[u8], i: usize) -> Option<usize> {
    if !matches!(at(t, i), b' ' | b'T') {
        return None;
    }
    let mut p = i + 1;
    let hh = digits_at(t, p, 2)?;
    if at(t, p + 2) != b':' {
        return None;
    }
    let mm = digits_at(t, p + 3, 2)?;
    p += 5;
    if hh > 23 || mm > 59 {
        return None;
    }
    if at(t, p) == b':' {
        if digits_at(t, p + 1, 2)? > 60 {
            return None;
        }
        p += 3;
        if at(t, p) == b'.' {
            p += 1;
            let s = p;
            while is_digit(at(t, p)) {
                p += 1;
            }
            if p == s {
                return None;
            }
        }
    }
    match at(t, p) {
        b'Z' => p += 1,
        b'+' | b'-' => {
            digits_at(t, p + 1, 2)?;
            p += 3;
            if at(t, p) == b':' {
                digits_at(t, p + 1, 2)?;
                p += 3;
            } else if digit_run(t, p) == 2 {
                p += 2;
            }
        }
        _ => {}
    }
    Some(p)
}

/// Words that, shortly before a date in free text, make it a date of birth.
const BIRTH_WORDS: [&[u8]; 8] = [
    b"geboren",
    b"geb.",
    b"geboorte",
    b"born",
    b"birth",
    b"dob",
    b"d.o.b",
    b"verjaardag",
];

/// How far before a date [`birth_context`] looks, in bytes: enough for
/// "geboren op " or "Date of birth: ", short enough that the next date in a
/// sentence is not taken along.
pub const CONTEXT_WINDOW: usize = 24;

/// Whether one of the words that mark a date of birth ("geboren",
/// "geboortedatum", "geb.", "born", "date of birth", "DOB", "verjaardag")
/// occurs in the [`CONTEXT_WINDOW`] bytes before `start`, not before
/// `floor` (the end of the previous match, so that one birth word does not
/// serve two dates).
pub fn birth_context(t: &[u8], start: usize, floor: usize) -> bool {
    crate::bytes::word_before::<CONTEXT_WINDOW>(t, start, floor, &BIRTH_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates() {
        for v in [
            "1985-03-12",
            "12-03-1985",
            "12/03/1985",
            "12.03.1985",
            "2-3-1985",
            "29-02-2000",
            "29-02-1996",
            "31-12-1900",
            "12 maart 1985",
            "1 mrt. 1985",
            "1 mrt 1985",
            "12 March 1985",
            "3 okt 1970",
            "1985-03-12 00:00:00",
            "1985-03-12T00:00:00Z",
            "1985-03-12T10:15:30.123+01:00",
            "1985-3-2",
            // Month first, as the US writes it.
            "03/15/1985",
            "March 15, 1985",
            "Mar 15 1985",
            // German, French, Spanish, Italian.
            "15. März 1985",
            "15 mars 1985",
            "1 août 1970",
            "15 marzo 1985",
            "3 dicembre 1970",
            "2 février 1985",
        ] {
            assert!(is_date(v), "{v}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for v in [
            "",
            "31-02-1985",
            "29-02-1900",
            "29-02-2001",
            "00-01-1985",
            "12-13-1985",
            "12-03-1899",
            "12-03-2031",
            "12-03-85",
            "12-03/1985",
            "1985/03/12",
            "19850312",
            "12 maartje 1985",
            "12 Foo 1985",
            "1985-03-12 25:00",
            "1985-03-12 banaan",
            "123-03-1985",
            "12:30",
            "13/13/1985",
            "March 32, 1985",
            "Marching 15, 1985",
            "15-03/1985",
        ] {
            assert!(!is_date(v), "{v:?}");
        }
    }

    #[test]
    fn text_asks_two_digit_iso_parts() {
        assert_eq!(match_at(b"op 1985-03-12.", 3), Some(13));
        assert_eq!(match_at(b"1985-3-12", 0), None);
        assert_eq!(match_at(b"1985-03-12T10:00", 0), None);
    }

    /// Every day of every month of a leap and a common year: exactly the
    /// days that exist are accepted.
    #[test]
    fn calendar() {
        for y in [1999u32, 2000, 2004, 1900] {
            let mut days = 0;
            for m in 1..=12 {
                for d in 1..=31 {
                    if is_date(&format!("{d:02}-{m:02}-{y}")) {
                        days += 1;
                    }
                    assert_eq!(
                        is_date(&format!("{d:02}-{m:02}-{y}")),
                        is_date(&format!("{y}-{m:02}-{d:02}"))
                    );
                }
            }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            assert_eq!(days, if leap { 366 } else { 365 }, "{y}");
        }
    }

    #[test]
    fn birth_context_words() {
        let t = b"Mevr. Jansen, geboren op 12-03-1985, woont";
        let s = t.windows(10).position(|w| w == b"12-03-1985").unwrap();
        assert!(birth_context(t, s, 0));
        let t = b"Besteld op 12-03-2024 en verzonden.";
        let s = t.windows(10).position(|w| w == b"12-03-2024").unwrap();
        assert!(!birth_context(t, s, 0));
        assert!(birth_context(b"DOB: ", 5, 0));
        assert!(birth_context(b"Date of birth ", 14, 0));
        assert!(!birth_context(b"Date of birth ", 14, 10));
    }
}
