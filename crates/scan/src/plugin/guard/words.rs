//! Words of text and their keys, for the guard. The indexer runs this over
//! every byte a plugin reads, so it works on blocks rather than bytes: 64
//! bytes are classified into one bit mask, words are found by the mask's
//! edges, and a word is hashed 8 bytes at a time.
//!
//! A word's *key* is a 64-bit hash of its ASCII-lowercased bytes (those
//! [`LOWER`] gives, so a separator inside a sampled value or a checked
//! string counts as 0) and its length: 8-byte chunks, the last one padded
//! with zeros, each absorbed by a folded multiply. The key is computed the
//! same way whichever path computes it — [`word_key`] from raw text,
//! [`prefix_keys`] byte by byte for checks — which the tests hold them to.
//! [`finish`] spreads a key into the hash the guard's set stores.

use std::ops::Range;

/// Each byte ASCII-lowercased, and 0 for a byte that ends a word: blanks,
/// control characters, the punctuation of CSV and JSON, brackets.
pub(super) const LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0x20;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    let seps = b" ,;|\"'{}[]()<>=:\x7f";
    let mut i = 0;
    while i < seps.len() {
        table[seps[i] as usize] = 0;
        i += 1;
    }
    table
};

pub(super) fn is_separator(byte: u8) -> bool {
    LOWER[usize::from(byte)] == 0
}

/// Bytes classified at a time: one bit of a `u64` each.
const BLOCK: usize = 64;

/// Bit `i` set when byte `i` of `block` is a separator; bits past the end
/// of a short (last) block are set too, so that a word there ends.
fn separator_mask(block: &[u8]) -> u64 {
    match <&[u8; BLOCK]>::try_from(block) {
        // Apart, so that the loop is unrolled for a full block.
        Ok(full) => separator_bits(full),
        Err(_) => separator_bits(block) | (u64::MAX << block.len()),
    }
}

#[inline(always)]
fn separator_bits(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .enumerate()
        .fold(0, |mask, (i, &b)| mask | u64::from(is_separator(b)) << i)
}

/// The words of a text: maximal runs of bytes that are not separators, as
/// ranges of it. Non-ASCII bytes (UTF-8) are word bytes.
pub(super) struct Words<'a> {
    text: &'a [u8],
    /// Where the block after the current one starts.
    next_block: usize,
    /// Where the current block starts.
    base: usize,
    /// Positions in the current block where a word starts or ends, not yet
    /// handed out.
    edges: u64,
    /// 1 when the byte before the next block is a separator (or there is
    /// none).
    before: u64,
    /// Where the word being read starts, when inside one.
    open: Option<usize>,
}

pub(super) fn words(text: &[u8]) -> Words<'_> {
    Words {
        text,
        next_block: 0,
        base: 0,
        edges: 0,
        before: 1,
        open: None,
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            while self.edges != 0 {
                let at = self.base + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                match self.open.take() {
                    Some(start) => return Some(start..at),
                    None => self.open = Some(at),
                }
            }
            if self.next_block >= self.text.len() {
                // A text ending in a full block ends inside its last word.
                return self.open.take().map(|start| start..self.text.len());
            }
            let end = (self.next_block + BLOCK).min(self.text.len());
            let separators = separator_mask(&self.text[self.next_block..end]);
            // An edge where a byte differs in kind from the one before it.
            self.edges = separators ^ ((separators << 1) | self.before);
            self.before = separators >> (BLOCK - 1);
            self.base = self.next_block;
            self.next_block = end;
        }
    }
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
/// wyhash's first secret: odd, with its bits spread evenly.
const MULTIPLIER: u64 = 0xa076_1d64_78bd_642f;
/// The golden ratio: spreads a length over all 64 bits.
const LENGTH_SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// Mixes one 8-byte chunk into the state: the folded (high xor low) 128-bit
/// product carries a change in any bit into all bits, in both directions,
/// which a plain multiply (upwards only) would not.
fn absorb(state: u64, chunk: u64) -> u64 {
    let product = u128::from(state ^ chunk) * u128::from(MULTIPLIER);
    (product as u64) ^ ((product >> 64) as u64)
}

fn key(state: u64, len: usize) -> u64 {
    state ^ (len as u64).wrapping_mul(LENGTH_SPREAD)
}

/// The 8 bytes ASCII-lowercased at once: each byte of `A`..=`Z` gets bit
/// 0x20. Equals [`LOWER`] byte by byte for every byte that is not a
/// separator, so for the bytes of a word.
fn lowercase(chunk: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = chunk & !HIGH;
    // The high bit of each byte says whether its low 7 bits are >= 'A' and
    // > 'Z'; no sum carries into the next byte.
    let from_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let past_z = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = from_a & !past_z & !chunk & HIGH;
    chunk | (upper >> 2)
}

/// The `len` (1 to 8) bytes of `text` at `at`, little-endian, zero above.
fn chunk_at(text: &[u8], at: usize, len: usize) -> u64 {
    let raw = match text.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("8 bytes")),
        None => {
            let mut eight = [0u8; 8];
            eight[..len].copy_from_slice(&text[at..at + len]);
            u64::from_le_bytes(eight)
        }
    };
    raw & (u64::MAX >> (64 - 8 * len))
}

/// The key of the word `text[word]` (a word as [`words`] finds them, not
/// empty), read 8 bytes at a time.
#[inline]
pub(super) fn word_key(text: &[u8], word: Range<usize>) -> u64 {
    let mut state = SEED;
    let mut at = word.start;
    while word.end - at > 8 {
        state = absorb(state, lowercase(chunk_at(text, at, 8)));
        at += 8;
    }
    let last = lowercase(chunk_at(text, at, word.end - at));
    key(absorb(state, last), word.len())
}

/// The keys of `text[..1]`, `text[..2]`, … `text[..]`, for any bytes (a
/// separator counts as 0): one absorb each, so that a check can look up
/// every piece of a string.
pub(super) fn prefix_keys(text: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let mut absorbed = SEED;
    let mut chunk = 0u64;
    text.iter().enumerate().map(move |(i, &b)| {
        let shift = 8 * (i % 8);
        chunk |= u64::from(LOWER[usize::from(b)]) << shift;
        let prefix = key(absorb(absorbed, chunk), i + 1);
        if shift == 56 {
            absorbed = absorb(absorbed, chunk);
            chunk = 0;
        }
        prefix
    })
}

/// The key of all of `text` (not empty).
pub(super) fn key_of(text: &[u8]) -> u64 {
    prefix_keys(text).last().expect("a key of no bytes")
}

/// The splitmix64 finaliser: the hash the guard's set stores, its bits
/// independent of each other (the set's buckets come from the low bits,
/// its tags from the high ones).
pub(super) fn finish(mut key: u64) -> u64 {
    key ^= key >> 30;
    key = key.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    key ^= key >> 27;
    key = key.wrapping_mul(0x94d0_49bb_1331_11eb);
    key ^ (key >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words the slow, obvious way: split at separators.
    fn words_by_bytes(text: &[u8]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, &b) in text.iter().enumerate() {
            match (start, is_separator(b)) {
                (None, false) => start = Some(i),
                (Some(s), true) => {
                    out.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push(s..text.len());
        }
        out
    }

    /// Deterministic text with words of every length from 1 to 80 around
    /// block and chunk boundaries, separators of every kind, upper case and
    /// UTF-8.
    fn mixed_text(len: usize) -> Vec<u8> {
        let pieces: [&[u8]; 8] = [
            b"Jansen",
            "Ærø-Straße".as_bytes(),
            b"klant4711@voorbeeld.nl",
            "日本語テキスト".as_bytes(),
            b"NL91ABNA0417164300",
            b"x",
            b"abcd",
            b"abcde",
        ];
        let seps = b" ,;|\"'{}[]()<>=:\x7f\n\t\r\x00";
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut text = Vec::new();
        while text.len() < len {
            match next() % 3 {
                0 => text.extend_from_slice(pieces[(next() % 8) as usize]),
                1 => text.extend((0..1 + next() % 80).map(|i| b'A' + (i % 26) as u8)),
                _ => {}
            }
            let run = 1 + next() % 3;
            text.extend((0..run).map(|_| seps[(next() as usize) % seps.len()]));
        }
        text.truncate(len);
        text
    }

    #[test]
    fn words_are_the_runs_between_separators() {
        for len in [0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 4096] {
            let text = mixed_text(len);
            assert_eq!(
                words(&text).collect::<Vec<_>>(),
                words_by_bytes(&text),
                "{len}"
            );
        }
    }

    #[test]
    fn a_word_straddling_blocks_is_one_word() {
        for start in [0, 1, 56, 60, 63, 64, 65, 120, 127] {
            for len in [1, 5, 8, 9, 64, 65, 130] {
                let mut text = vec![b' '; start];
                text.extend(std::iter::repeat_n(b'w', len));
                let whole = text.len();
                assert_eq!(words(&text).collect::<Vec<_>>(), vec![start..whole]);
                text.extend_from_slice(b" tail");
                assert_eq!(
                    words(&text).collect::<Vec<_>>(),
                    [start..whole, whole + 1..whole + 5]
                );
            }
        }
        assert_eq!(words(&[b'a'; 128]).collect::<Vec<_>>(), vec![0..128]);
        assert_eq!(words(b"   ").count(), 0);
    }

    #[test]
    fn lowercase_matches_the_table_for_word_bytes() {
        for b in (0..=255u8).filter(|&b| !is_separator(b)) {
            for position in 0..8 {
                let chunk = u64::from(b) << (8 * position);
                let expected = u64::from(LOWER[usize::from(b)]) << (8 * position);
                assert_eq!(lowercase(chunk), expected, "byte {b:#x} at {position}");
            }
        }
        assert_eq!(
            lowercase(u64::from_le_bytes(*b"AZaz@[`{")),
            u64::from_le_bytes(*b"azaz@[`{")
        );
    }

    #[test]
    fn a_word_has_the_same_key_read_in_chunks_or_byte_by_byte() {
        let text = mixed_text(20_000);
        for word in words(&text) {
            assert_eq!(
                word_key(&text, word.clone()),
                key_of(&text[word.clone()]),
                "{:?}",
                String::from_utf8_lossy(&text[word])
            );
        }
    }

    #[test]
    fn a_word_at_the_very_end_is_read_without_going_past_it() {
        for len in 1..=20 {
            let text: Vec<u8> = (0..len).map(|i| b'a' + i as u8).collect();
            for start in 0..len {
                assert_eq!(
                    word_key(&text, start..len),
                    key_of(&text[start..]),
                    "{start}..{len}"
                );
            }
        }
    }

    #[test]
    fn case_is_ignored_and_length_counts() {
        assert_eq!(key_of(b"JANSEN"), key_of(b"jansen"));
        assert_eq!(
            key_of("ÆRØ-STRASSE".as_bytes()),
            key_of("ÆRØ-strasse".as_bytes())
        );
        // Only ASCII letters are folded: the bytes of UTF-8 are kept.
        assert_ne!(key_of("ærø".as_bytes()), key_of("ÆRØ".as_bytes()));
        // A separator counts as 0 but still as a byte.
        assert_ne!(key_of(b"jansen"), key_of(b"jansen "));
        assert_ne!(key_of(b"abcdefgh"), key_of(b"abcdefgh\0"));
    }

    #[test]
    fn prefix_keys_are_the_keys_of_the_prefixes() {
        let text = "Piet Pietersen, Ærø-straße 12, klant4711@voorbeeld.nl".as_bytes();
        for (len, prefix) in (1..).zip(prefix_keys(text)) {
            assert_eq!(prefix, key_of(&text[..len]), "{len}");
        }
    }

    #[test]
    fn similar_words_have_distinct_hashes() {
        // Phone numbers and e-mail addresses that differ in one digit, at
        // every position of two chunks: none may share a hash (the set would
        // merge them) — a multiply without folding loses these.
        let mut seen = std::collections::HashSet::new();
        for n in 0..200_000u32 {
            for word in [format!("06-{n:08}"), format!("klant{n}@voorbeeld.nl")] {
                let bytes = word.as_bytes();
                assert!(
                    seen.insert(finish(word_key(bytes, 0..bytes.len()))),
                    "{word}"
                );
            }
        }
    }
}
