//! Byte-level helpers shared by the detectors. Every detector is an anchored
//! matcher `fn(text, start) -> Option<end>` over ASCII bytes; bytes outside
//! ASCII (UTF-8 continuation and lead bytes) are never part of a match and
//! count as separators.

/// The byte at `i`, or 0 past the end: lets matchers look ahead without
/// bounds checks of their own (0 matches no class below).
#[inline(always)]
pub(crate) fn at(t: &[u8], i: usize) -> u8 {
    match t.get(i) {
        Some(&b) => b,
        None => 0,
    }
}

#[inline(always)]
pub(crate) fn is_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10
}

#[inline(always)]
pub(crate) fn is_alpha(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

#[inline(always)]
pub(crate) fn is_upper(b: u8) -> bool {
    b.wrapping_sub(b'A') < 26
}

#[inline(always)]
pub(crate) fn is_alnum(b: u8) -> bool {
    is_digit(b) || is_alpha(b)
}

#[inline(always)]
pub(crate) fn is_hex(b: u8) -> bool {
    is_digit(b) || (b | 0x20).wrapping_sub(b'a') < 6
}

/// Whether `b` joins two parts of a number, so that a digit after it
/// continues the number rather than starting a new one.
#[inline(always)]
fn is_number_joint(b: u8) -> bool {
    matches!(b, b'.' | b',' | b'-' | b'/' | b':')
}

/// Whether a value may start at `i`: not inside a word (`abc123`), an
/// identifier (`x_123`), an e-mail address (`jan@`) or a longer number
/// (`1.234.567`, `12-34`).
#[inline]
pub(crate) fn start_ok(t: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = t[i - 1];
    if is_alnum(p) || p == b'_' || p == b'@' {
        return false;
    }
    !(is_number_joint(p) && i >= 2 && is_digit(t[i - 2]))
}

/// Whether a value may end at `e`: the next byte does not continue a word,
/// an identifier, an e-mail address or a number.
#[inline]
pub(crate) fn end_ok(t: &[u8], e: usize) -> bool {
    let n = at(t, e);
    if is_alnum(n) || n == b'_' || n == b'@' {
        return false;
    }
    !(is_number_joint(n) && is_digit(at(t, e + 1)))
}

/// The value without surrounding whitespace (what a sampled cell usually
/// means), as bytes.
#[inline]
pub(crate) fn trimmed(value: &str) -> &[u8] {
    value.trim().as_bytes()
}

/// Whether the anchored matcher `m` matches all of the trimmed `value`.
#[inline]
pub(crate) fn whole(value: &str, m: impl Fn(&[u8], usize) -> Option<usize>) -> bool {
    let t = trimmed(value);
    !t.is_empty() && m(t, 0) == Some(t.len())
}

/// Reads `n` digits at `i` as a number, or `None` if any is not a digit.
#[inline]
pub(crate) fn digits_at(t: &[u8], i: usize, n: usize) -> Option<u32> {
    let mut v = 0u32;
    for k in 0..n {
        let b = at(t, i + k);
        if !is_digit(b) {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Some(v)
}

/// The length of the run of digits starting at `i`.
#[inline]
pub(crate) fn digit_run(t: &[u8], i: usize) -> usize {
    let mut e = i;
    while e < t.len() && is_digit(t[e]) {
        e += 1;
    }
    e - i
}

/// Whether one of `words` (lower case) occurs, in any case, in the `N`
/// bytes before `start`, not before `floor` (the end of the previous match,
/// so that one word does not serve two matches): a birth word before a
/// date, a BSN word before a number.
pub(crate) fn word_before<const N: usize>(
    t: &[u8],
    start: usize,
    floor: usize,
    words: &[&[u8]],
) -> bool {
    let from = start.saturating_sub(N).max(floor).min(start);
    let mut buf = [0u8; N];
    let n = start - from;
    for (k, &b) in t[from..start].iter().enumerate() {
        buf[k] = b.to_ascii_lowercase();
    }
    let w = &buf[..n];
    words
        .iter()
        .any(|word| w.windows(word.len()).any(|x| x == *word))
}
