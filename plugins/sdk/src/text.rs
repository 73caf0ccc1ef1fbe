//! Finding personal data in free text: one pass over the bytes, stopping
//! only at bytes where a value can begin (digits, `@`, `+`, `:`), and trying
//! the anchored detectors there. Answers are byte ranges and kinds; the text
//! itself is never copied.

use crate::bytes::{at, digit_run, is_alpha, is_digit, is_upper, start_ok};
use crate::{Kind, bsn, card, date, email, iban, ip, phone, postcode};

/// One match in a text: which kind, where (byte offsets into the scanned
/// text, `start..end`) and how sure. It carries no copy of the text, so a
/// finding built from matches cannot contain a value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// What was found.
    pub kind: Kind,
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
    /// How sure the detector is, 0..=1: [`Kind::confidence`], except for
    /// dates, which score 0.8 with a birth word before them
    /// ([`date::birth_context`]) and [`Kind::Date`]'s 0.3 without.
    pub confidence: f32,
}

/// An upper bound on the length of any match (an e-mail address: 64 bytes
/// of local part, `@`, 253 of domain; everything else is far shorter). A
/// caller scanning a long text in chunks should let consecutive chunks
/// overlap by this many bytes and count a match only in the chunk where it
/// starts before the overlap.
pub const MAX_MATCH_LEN: usize = 320;

/// Confidence of a date with a birth word before it.
pub const BIRTH_DATE_IN_CONTEXT: f32 = 0.8;

/// The confidence of a number that passes the BSN 11-test with a BSN word
/// ("BSN", "burgerservicenummer") shortly before it.
pub const BSN_IN_CONTEXT: f32 = 0.95;

/// How many matches of each kind a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextCounts {
    counts: [u64; Kind::COUNT],
    /// Dates with a birth word before them (a subset of the dates).
    pub birth_dates_in_context: u64,
}

impl TextCounts {
    /// The number of matches of `kind`.
    pub fn get(&self, kind: Kind) -> u64 {
        self.counts[kind.index()]
    }

    /// The number of matches of all kinds.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Adds another text's counts (e.g. of the next chunk).
    pub fn add(&mut self, other: &TextCounts) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        self.birth_dates_in_context += other.birth_dates_in_context;
    }

    fn record(&mut self, m: &Match) {
        self.counts[m.kind.index()] += 1;
        if m.kind == Kind::Date && m.confidence >= BIRTH_DATE_IN_CONTEXT {
            self.birth_dates_in_context += 1;
        }
    }
}

/// Counts the matches of every kind in `text`.
///
/// ```
/// use ropa_plugin_sdk::{count_text, Kind};
/// let c = count_text("Mail jan@example.nl of bel 06-12345678.");
/// assert_eq!(c.get(Kind::Email), 1);
/// assert_eq!(c.get(Kind::Phone), 1);
/// ```
pub fn count_text(text: &str) -> TextCounts {
    let mut c = TextCounts::default();
    scan_bytes(text.as_bytes(), |m| c.record(&m));
    c
}

/// Calls `on_match` for every match in `text`, in order, not overlapping.
pub fn scan_text(text: &str, on_match: impl FnMut(Match)) {
    scan_bytes(text.as_bytes(), on_match);
}

/// Bytes at which a match can begin or be recognised.
const TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = true;
        b += 1;
    }
    t[b'@' as usize] = true;
    t[b'+' as usize] = true;
    t[b':' as usize] = true;
    t
};

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `x` is zero.
#[inline(always)]
fn has_zero(x: u64) -> bool {
    x.wrapping_sub(LO) & !x & HI != 0
}

/// Whether any byte of `x` lies strictly between `m` and `n` (both at most
/// 128; bytes of 128 and above never count).
#[inline(always)]
fn has_between(x: u64, m: u64, n: u64) -> bool {
    (LO * (127 + n)).wrapping_sub(x & (LO * 127)) & !x & ((x & (LO * 127)) + LO * (127 - m)) & HI
        != 0
}

/// Whether any of the eight bytes in `x` is a [`TRIGGER`]: a digit or `:`
/// (0x30–0x3A), `@` or `+`. Exact, so the byte loop after it finds the
/// trigger within these eight bytes.
#[inline(always)]
fn has_trigger(x: u64) -> bool {
    has_between(x, 0x2F, 0x3B)
        || has_zero(x ^ (LO * u64::from(b'@')))
        || has_zero(x ^ (LO * u64::from(b'+')))
}

/// The offset of the first trigger at or after `i`, or an offset at most 31
/// bytes before the end when there is none up to there: WebAssembly SIMD,
/// 32 bytes per step, the trigger's position taken from the lane mask (no
/// byte loop, which in the sandbox also means no interruption check per
/// byte). In WebAssembly only, where the SIMD proposal is enabled per
/// function (Wasmtime supports it by default), whatever flags the crate is
/// built with; elsewhere the eight-byte test in [`scan_bytes`] does the work.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
#[inline]
fn skip_quiet(t: &[u8], mut i: usize) -> usize {
    use core::arch::wasm32::{
        u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, u8x16_sub, v128, v128_load, v128_or,
    };
    #[inline(always)]
    fn triggers(v: v128) -> v128 {
        // Digits and ':' are 0x30..=0x3A; then '@' and '+'.
        let digit = u8x16_lt(u8x16_sub(v, u8x16_splat(b'0')), u8x16_splat(11));
        let at = u8x16_eq(v, u8x16_splat(b'@'));
        let plus = u8x16_eq(v, u8x16_splat(b'+'));
        v128_or(digit, v128_or(at, plus))
    }
    let n = t.len();
    let p = t.as_ptr();
    while i + 32 <= n {
        // SAFETY: `i + 32 <= n`, so both 16-byte loads lie inside `t`;
        // `v128_load` has no alignment requirement.
        let (a, b) = unsafe {
            (
                v128_load(p.add(i).cast::<v128>()),
                v128_load(p.add(i + 16).cast::<v128>()),
            )
        };
        let mask =
            u32::from(u8x16_bitmask(triggers(a))) | (u32::from(u8x16_bitmask(triggers(b))) << 16);
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 32;
    }
    i
}

#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn skip_quiet(_t: &[u8], i: usize) -> usize {
    i
}

/// Like [`scan_text`] over bytes (e.g. a chunk of a file that need not be
/// valid UTF-8; non-ASCII bytes are never part of a match).
pub fn scan_bytes(t: &[u8], on_match: impl FnMut(Match)) {
    #[cfg(target_arch = "wasm32")]
    scan_bytes_simd(t, on_match);
    #[cfg(not(target_arch = "wasm32"))]
    scan_impl(t, on_match);
}

/// [`scan_impl`] compiled with WebAssembly SIMD enabled, so that
/// [`skip_quiet`] is inlined into the loop.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn scan_bytes_simd(t: &[u8], on_match: impl FnMut(Match)) {
    scan_impl(t, on_match);
}

#[inline(always)]
fn scan_impl(t: &[u8], mut on_match: impl FnMut(Match)) {
    let n = t.len();
    let mut i = 0;
    // End of the last match: no match may start before it.
    let mut last_end = 0;
    let mut emit = |kind: Kind, start: usize, end: usize, last_end: &mut usize| {
        let confidence = match kind {
            Kind::Date if date::birth_context(t, start, *last_end) => BIRTH_DATE_IN_CONTEXT,
            Kind::Bsn if crate::bsn::bsn_context(t, start, *last_end) => BSN_IN_CONTEXT,
            _ => kind.confidence(),
        };
        on_match(Match {
            kind,
            start,
            end,
            confidence,
        });
        *last_end = end;
    };
    while i < n {
        // The hot loop: most bytes are letters and spaces. Sixteen or eight
        // at a time while none of them can start a match, then byte by byte.
        i = skip_quiet(t, i);
        while i + 8 <= n {
            let word = u64::from_le_bytes([
                t[i],
                t[i + 1],
                t[i + 2],
                t[i + 3],
                t[i + 4],
                t[i + 5],
                t[i + 6],
                t[i + 7],
            ]);
            if has_trigger(word) {
                break;
            }
            i += 8;
        }
        while i < n && !TRIGGER[t[i] as usize] {
            i += 1;
        }
        if i >= n {
            break;
        }
        let b = t[i];
        if is_digit(b) {
            match at_digit(t, i, last_end) {
                Found::Match(kind, s, e) => {
                    emit(kind, s, e, &mut last_end);
                    i = e;
                    continue;
                }
                Found::Skip(e) => {
                    i = e;
                    continue;
                }
                Found::Nothing => {}
            }
            // Skip the rest of the number.
            i += 1;
            while i < n && is_digit(t[i]) {
                i += 1;
            }
        } else if b == b'@' {
            if let Some((s, e)) = email::find_at(t, i, last_end) {
                emit(Kind::Email, s, e, &mut last_end);
                i = e;
                continue;
            }
            i += 1;
        } else if b == b'+' {
            if start_ok(t, i)
                && let Some(e) = phone::match_at(t, i)
            {
                emit(Kind::Phone, i, e, &mut last_end);
                i = e;
                continue;
            }
            i += 1;
        } else {
            // ':' — an IPv6 address around it?
            let s = ip::v6_start(t, i);
            if s >= last_end
                && v6_start_ok(t, s)
                && let Some(e) = ip::match_v6(t, s)
            {
                emit(Kind::Ipv6, s, e, &mut last_end);
                i = e;
                continue;
            }
            i += 1;
        }
    }
}

#[inline]
fn v6_start_ok(t: &[u8], s: usize) -> bool {
    s == 0 || {
        let p = t[s - 1];
        !(crate::bytes::is_alnum(p) || matches!(p, b'_' | b':' | b'.' | b'@'))
    }
}

/// What the detectors make of a digit.
enum Found {
    /// A match of `kind` at `start..end`.
    Match(Kind, usize, usize),
    /// A mistyped IBAN or card number (wrong checksum) ending here: skip it
    /// whole, so its tail is not read as another number.
    Skip(usize),
    /// Nothing starts here.
    Nothing,
}

/// The detectors that can start at a digit, most specific first.
#[inline]
fn at_digit(t: &[u8], i: usize, last_end: usize) -> Found {
    // An IBAN starts two letters before its first digit.
    if i >= 2 && i - 2 >= last_end && is_alpha(t[i - 1]) && is_alpha(t[i - 2]) && start_ok(t, i - 2)
    {
        match iban::scan(t, i - 2) {
            Some((e, true)) => return Found::Match(Kind::Iban, i - 2, e),
            Some((e, false)) => return Found::Skip(e),
            None => {}
        }
    }
    if !start_ok(t, i) {
        return Found::Nothing;
    }
    // "(020) 1234567": a phone number may open with a parenthesis.
    if i >= 1
        && t[i - 1] == b'('
        && i > last_end
        && let Some(e) = phone::match_at(t, i - 1)
    {
        return Found::Match(Kind::Phone, i - 1, e);
    }
    // Every detector below needs a particular digit run at `i` and byte
    // after it; checking that here first spares the calls that cannot match
    // (most numbers in text are short ones followed by a blank).
    let run = digit_run(t, i);
    let next = at(t, i + run);
    if (13..=19).contains(&run) || (run == 4 && (next == b' ' || next == b'-')) {
        match card::scan(t, i) {
            Some((e, true)) => return Found::Match(Kind::PaymentCard, i, e),
            Some((e, false)) => return Found::Skip(e),
            None => {}
        }
    }
    if ((run == 4 && next == b'-') || (run <= 2 && matches!(next, b'-' | b'/' | b'.' | b' ')))
        && let Some(e) = date::match_at(t, i)
    {
        return Found::Match(Kind::Date, i, e);
    }
    if run <= 3
        && next == b'.'
        && let Some(e) = ip::match_v4(t, i)
    {
        return Found::Match(Kind::Ipv4, i, e);
    }
    if run == 4
        && (next == b' ' || is_upper(next))
        && let Some(e) = postcode::match_at(t, i)
    {
        return Found::Match(Kind::Postcode, i, e);
    }
    if t[i] == b'0'
        && let Some(e) = phone::match_at(t, i)
    {
        return Found::Match(Kind::Phone, i, e);
    }
    if (run == 9 || (run == 4 && next == b'.'))
        && let Some(e) = bsn::match_at(t, i)
    {
        return Found::Match(Kind::Bsn, i, e);
    }
    Found::Nothing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let mut v = Vec::new();
        scan_text(text, |m| v.push((m.kind, &text[m.start..m.end])));
        v
    }

    #[test]
    fn finds_every_kind_in_dutch_text() {
        let text = "Beste klant, uw gegevens: jan.jansen@example.nl, tel. 06-12345678 of (020) 123 4567, \
                    IBAN NL91 ABNA 0417 1643 00, BSN 111222333, kaart 4111 1111 1111 1111, \
                    adres Dorpsstraat 1, 3511 LX Utrecht, IP 192.168.1.10 en 2001:db8::1, \
                    geboren op 12-03-1985. Bel ook +31 6 12345678. Van fe80::1ff:fe23:4567:890a.";
        assert_eq!(
            kinds(text),
            vec![
                (Kind::Email, "jan.jansen@example.nl"),
                (Kind::Phone, "06-12345678"),
                (Kind::Phone, "(020) 123 4567"),
                (Kind::Iban, "NL91 ABNA 0417 1643 00"),
                (Kind::Bsn, "111222333"),
                (Kind::PaymentCard, "4111 1111 1111 1111"),
                (Kind::Postcode, "3511 LX"),
                (Kind::Ipv4, "192.168.1.10"),
                (Kind::Ipv6, "2001:db8::1"),
                (Kind::Date, "12-03-1985"),
                (Kind::Phone, "+31 6 12345678"),
                (Kind::Ipv6, "fe80::1ff:fe23:4567:890a"),
            ]
        );
    }

    #[test]
    fn ignores_numbers_that_are_not_personal_data() {
        let text = "Order 123456789 van 12,50 euro om 14:30:00, versie 1.2.3.4.5, artikel SKU-48213, \
                    factuur 2024-001, totaal € 1.234.567,89, NL91 ABNA 0417 1643 01, BSN 111222334, \
                    kaart 4111 1111 1111 1112, in 2024 en 1999, 0800-1234567, code AB12CD34, \
                    std::vector, 00:1A:2B:3C:4D:5E, logo@2x.png, productnummer 061234567.";
        assert_eq!(kinds(text), vec![]);
    }

    #[test]
    fn dates_with_birth_context_score_higher() {
        let mut got = Vec::new();
        scan_text("Geboortedatum: 01-02-1990; besteld op 03-04-2024.", |m| {
            got.push(m.confidence)
        });
        assert_eq!(got, vec![BIRTH_DATE_IN_CONTEXT, Kind::Date.confidence()]);
        let c = count_text("Geboortedatum: 01-02-1990; besteld op 03-04-2024.");
        assert_eq!(c.get(Kind::Date), 2);
        assert_eq!(c.birth_dates_in_context, 1);
    }

    #[test]
    fn matches_do_not_overlap_and_offsets_are_in_bounds() {
        let text =
            "a@b.nl@c.nl 0612345678@x.nl NL91ABNA0417164300 123456782 +31612345678 ::1 fe80::1";
        let mut last = 0;
        scan_text(text, |m| {
            assert!(m.start >= last && m.end > m.start && m.end <= text.len());
            last = m.end;
        });
    }

    #[test]
    fn boundaries() {
        // Inside words, identifiers and longer numbers nothing starts.
        assert_eq!(
            kinds("abc0612345678 x_111222333 9.111222333 111222333000"),
            vec![]
        );
        // Non-ASCII around a value is a separator.
        assert_eq!(kinds("€0612345678é"), vec![(Kind::Phone, "0612345678")]);
        // An e-mail address whose local part is digits.
        assert_eq!(
            kinds("0612345678@kpnmail.nl"),
            vec![(Kind::Email, "0612345678@kpnmail.nl")]
        );
    }

    /// The eight-byte test agrees with the table for every byte in every
    /// position.
    #[test]
    fn word_test_is_exact() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = [b'a'; 8];
                w[pos] = b;
                assert_eq!(
                    has_trigger(u64::from_le_bytes(w)),
                    TRIGGER[b as usize],
                    "byte {b:#x} at {pos}"
                );
                let mut w = [0xC3u8; 8];
                w[pos] = b;
                assert_eq!(
                    has_trigger(u64::from_le_bytes(w)),
                    TRIGGER[b as usize],
                    "byte {b:#x} at {pos} among non-ASCII"
                );
            }
        }
    }

    /// Every kind placed at the very start and the very end of a text.
    #[test]
    fn edges() {
        for v in [
            "jan@example.nl",
            "0612345678",
            "+31612345678",
            "NL91ABNA0417164300",
            "111222333",
            "4111111111111111",
            "1234 AB",
            "10.0.0.1",
            "2001:db8::1",
            "12-03-1985",
        ] {
            assert_eq!(kinds(v).len(), 1, "{v}");
            assert_eq!(kinds(&format!("x {v}")).len(), 1, "{v}");
            assert_eq!(kinds(&format!("{v} x")).len(), 1, "{v}");
        }
    }
}
