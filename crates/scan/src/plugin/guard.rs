//! The value check on what a plugin says to the operator: log lines,
//! progress steps, error texts and panic messages are shown on the
//! terminal (never saved), and one that carries a value the plugin was
//! handed is refused or withheld.
//!
//! The guard remembers the *values* the host gave the plugin (sampled cells,
//! words of file contents and HTTP bodies) as hashes. Findings do not rely
//! on it: their strings come from closed vocabularies and from structure
//! the host verified itself (the `structure` module), because a check that
//! looks for copies cannot catch an encoded one.

mod words;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use words::{finish, is_separator, key_of, prefix_keys, word_key, words};

/// Values shorter than this are too common to mean anything ("ja", "nl").
const MIN_VALUE_BYTES: usize = 4;
/// Words of free text shorter than this are not remembered: in prose they
/// are mostly ordinary words.
const MIN_WORD_BYTES: usize = 5;
/// Longest piece of a value remembered; a longer value is remembered by its
/// prefix, which a copy of it contains as well.
const MAX_VALUE_BYTES: usize = 64;
/// How many distinct values one run remembers. Past it, new values are not
/// remembered (the structural checks still hold).
const MAX_VALUES: usize = 4_000_000;
/// Longest string a finding may carry in any field.
pub const MAX_FIELD_BYTES: usize = 512;
/// Longest detector name.
const MAX_DETECTOR_BYTES: usize = 64;

/// Values are remembered as 64-bit hashes of their ASCII-lowercased bytes
/// (see [`words`]): the guard sees every byte a plugin reads (hundreds of
/// megabytes for a file share), so it must not copy them. A collision can
/// only refuse an innocent finding, never let a value through.
type Hashes = HashSet<u64, BuildHasherDefault<AlreadyHashed>>;

#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 hashes are stored")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Slots of the cache in front of the value set: 2^14 keys, 128 KiB.
const RECENT_BITS: u32 = 14;
const RECENT_SLOTS: usize = 1 << RECENT_BITS;

#[derive(Debug)]
pub struct Guard {
    values: Hashes,
    /// The word keys remembered last, by their top bits: text repeats its
    /// words, and a hit here costs a load instead of a hash-set insert.
    recent: Box<[u64; RECENT_SLOTS]>,
    /// Per file, the word the last read of it ended in (its first
    /// [`MAX_VALUE_BYTES`] bytes), and where that read ended: a read that
    /// goes on from there completes the word.
    open_words: HashMap<String, (u64, Vec<u8>)>,
    /// Per file, where the last read of it ended.
    read_to: HashMap<String, u64>,
    /// Pieces of words too short to remember ([`MIN_WORD_BYTES`]), cut off
    /// by the ends of reads: the start of a word (after a read's last
    /// separator), its end (before a read's first separator), or a read
    /// with no separator at all (any of the three).
    cut: CutPieces,
    /// Whether some file was read out of order: its cut words were not
    /// joined, so output is also checked for words made of cut pieces.
    read_out_of_order: bool,
}

/// Word pieces cut by the ends of reads, by their role in a word.
#[derive(Debug, Default)]
struct CutPieces {
    starts: Hashes,
    middles: Hashes,
    ends: Hashes,
}

impl Default for Guard {
    fn default() -> Guard {
        Guard {
            values: Hashes::default(),
            recent: Box::new([0; RECENT_SLOTS]),
            open_words: HashMap::new(),
            read_to: HashMap::new(),
            cut: CutPieces::default(),
            read_out_of_order: false,
        }
    }
}

/// Why a finding or log line was refused, in words for the plugin's author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Debug for AlreadyHashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AlreadyHashed")
    }
}

impl Guard {
    /// Host memory the guard holds, roughly: what a plugin makes the host
    /// keep counts against the plugin's memory limit.
    pub fn bytes(&self) -> usize {
        // A hash-set slot is the 8-byte key and a control byte, at a load
        // factor of up to 7/8.
        let set = |n: usize| n * 9 * 8 / 7;
        set(self.values.capacity())
            + set(self.cut.starts.capacity())
            + set(self.cut.middles.capacity())
            + set(self.cut.ends.capacity())
            // Per file read: its path (taken as 256 bytes, to keep this
            // cheap), the open word and the map slots.
            + (self.open_words.len() + self.read_to.len()) * (256 + MAX_VALUE_BYTES + 48)
            + RECENT_SLOTS * 8
    }

    /// A value the plugin was handed (a sampled cell): remembered whole and
    /// word by word, so that copying one word of it is caught too.
    pub fn value(&mut self, value: &str) {
        let bytes = value.trim().as_bytes();
        if bytes.len() >= MIN_VALUE_BYTES {
            self.remember(finish(key_of(&bytes[..bytes.len().min(MAX_VALUE_BYTES)])));
        }
        self.words(bytes, false);
    }

    /// Bytes of a file or an HTTP body read under `source` (a path) at
    /// `offset`: every word is a value, except a JSON object's keys, which
    /// a log line may well name.
    pub fn text(&mut self, source: Option<&str>, offset: u64, bytes: &[u8]) {
        self.words(bytes, true);
        if let Some(source) = source {
            let end = offset + bytes.len() as u64;
            let last = self.read_to.insert(source.to_owned(), end);
            if offset != 0 && last != Some(offset) {
                self.read_out_of_order = true;
            }
            self.join_across_reads(source, offset, bytes);
            self.keep_cut_pieces(bytes);
        }
    }

    /// Remembers the short pieces of words the ends of this read cut: a
    /// plugin reading a file out of order, a few bytes at a time, could
    /// otherwise cut every word into pieces too short to remember and put
    /// them together again in a log line.
    fn keep_cut_pieces(&mut self, bytes: &[u8]) {
        let short = |piece: &[u8]| !piece.is_empty() && piece.len() < MIN_WORD_BYTES;
        let first = bytes.iter().position(|&b| is_separator(b));
        let Some(first) = first else {
            if short(bytes) {
                let key = finish(key_of(bytes));
                self.cut.starts.insert(key);
                self.cut.middles.insert(key);
                self.cut.ends.insert(key);
            }
            return;
        };
        if short(&bytes[..first]) {
            self.cut.ends.insert(finish(key_of(&bytes[..first])));
        }
        let last = bytes
            .iter()
            .rposition(|&b| is_separator(b))
            .map_or(0, |i| i + 1);
        if short(&bytes[last..]) {
            self.cut.starts.insert(finish(key_of(&bytes[last..])));
        }
    }

    /// One pass over `bytes`: words hashed as they are read; JSON keys
    /// (`"key"` followed by `:`) are skipped when `keys` is set.
    fn words(&mut self, bytes: &[u8], keys: bool) {
        for word in words(bytes) {
            if keys && is_json_key(bytes, &word) {
                continue;
            }
            // Short words are not remembered, so not even hashed.
            if word.len() >= MIN_WORD_BYTES {
                let end = word.end.min(word.start + MAX_VALUE_BYTES);
                self.remember_key(word_key(bytes, word.start..end));
            }
        }
    }

    /// A word cut by the end of one read is completed by the read of the
    /// same file that starts where it ended (a plugin reads a file in
    /// chunks, or byte by byte to split its words): each piece alone may be
    /// too short to remember, the word so far is remembered.
    fn join_across_reads(&mut self, source: &str, offset: u64, bytes: &[u8]) {
        let end = offset + bytes.len() as u64;
        let first_len = bytes
            .iter()
            .position(|&b| is_separator(b))
            .unwrap_or(bytes.len());
        let carried = match self.open_words.get(source) {
            Some((carried_to, _)) if *carried_to == offset => self.open_words.remove(source),
            _ => None,
        };
        if let Some((_, mut word)) = carried {
            extend_prefix(&mut word, &bytes[..first_len]);
            if word.len() >= MIN_WORD_BYTES {
                self.remember(finish(key_of(&word)));
            }
            if first_len == bytes.len() {
                self.open_words.insert(source.to_owned(), (end, word));
                return;
            }
        }
        let last_start = bytes
            .iter()
            .rposition(|&b| is_separator(b))
            .map_or(0, |i| i + 1);
        if last_start < bytes.len() {
            let mut word = Vec::new();
            extend_prefix(&mut word, &bytes[last_start..]);
            self.open_words.insert(source.to_owned(), (end, word));
        }
    }

    /// Remembers a word by its key (its hash before [`finish`]): a repeated
    /// word is recognised in the cache before any mixing or set insert.
    fn remember_key(&mut self, key: u64) {
        let slot = (key >> (u64::BITS - RECENT_BITS)) as usize;
        if self.recent[slot] == key {
            return;
        }
        self.recent[slot] = key;
        self.remember(finish(key));
    }

    fn remember(&mut self, hash: u64) {
        if self.values.len() < MAX_VALUES {
            self.values.insert(hash);
        }
    }

    /// Refuses `text` when any piece of it is a remembered value.
    pub fn check_free(&self, what: &str, text: &str) -> Result<(), Refused> {
        if text.len() > MAX_FIELD_BYTES {
            return Err(Refused(format!(
                "{what} is {} bytes long; at most {MAX_FIELD_BYTES} are accepted",
                text.len()
            )));
        }
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let piece = &bytes[start..bytes.len().min(start + MAX_VALUE_BYTES)];
            let remembered = prefix_keys(piece)
                .skip(MIN_VALUE_BYTES - 1)
                .any(|key| self.values.contains(&finish(key)));
            if remembered {
                return Err(carries_a_value(what));
            }
        }
        if self.read_out_of_order && self.made_of_cut_pieces(bytes) {
            return Err(carries_a_value(what));
        }
        Ok(())
    }

    /// Whether `text` holds a word of at least [`MIN_WORD_BYTES`] put
    /// together from cut pieces: a start, any middles, an end, each too
    /// short to have been remembered on its own.
    fn made_of_cut_pieces(&self, text: &[u8]) -> bool {
        const LONGEST: usize = MIN_WORD_BYTES - 1;
        let n = text.len();
        // For each position, which pieces of 1 to LONGEST bytes start there.
        let mut roles = vec![[(false, false, false); LONGEST]; n];
        for (i, roles) in roles.iter_mut().enumerate() {
            let piece = &text[i..n.min(i + LONGEST)];
            for (len, key) in prefix_keys(piece).enumerate() {
                if piece[..=len].iter().any(|&b| is_separator(b)) {
                    break;
                }
                let key = finish(key);
                roles[len] = (
                    self.cut.starts.contains(&key),
                    self.cut.middles.contains(&key),
                    self.cut.ends.contains(&key),
                );
            }
        }
        // From each start piece, walk middles until an end piece closes a
        // word long enough to have been a value.
        for start in 0..n {
            let mut reach = vec![false; n + 1];
            for (len, role) in roles[start].iter().enumerate() {
                if role.0 {
                    reach[start + len + 1] = true;
                }
            }
            for at in start + 1..n.min(start + MAX_VALUE_BYTES) {
                if !reach[at] {
                    continue;
                }
                for (len, &(_, middle, end)) in roles[at].iter().enumerate() {
                    let to = at + len + 1;
                    if end && to - start >= MIN_WORD_BYTES {
                        return true;
                    }
                    if middle {
                        reach[to] = true;
                    }
                }
            }
        }
        false
    }
}

fn carries_a_value(what: &str) -> Refused {
    Refused(format!(
        "{what} contains a value the plugin read from the system; findings and log lines may say where and what kind, never a value"
    ))
}

/// Whether `bytes[word]` is a JSON object's key: `"word"` followed by `:`.
fn is_json_key(bytes: &[u8], word: &std::ops::Range<usize>) -> bool {
    word.start > 0
        && bytes[word.start - 1] == b'"'
        && bytes.get(word.end) == Some(&b'"')
        && bytes[word.end + 1..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b':')
}

/// Appends to `word` what of `more` fits in [`MAX_VALUE_BYTES`]: a longer
/// word is remembered by its prefix.
fn extend_prefix(word: &mut Vec<u8>, more: &[u8]) {
    let room = MAX_VALUE_BYTES.saturating_sub(word.len());
    word.extend_from_slice(&more[..more.len().min(room)]);
}

/// The guard of one run, with bulk text (file chunks, HTTP bodies) indexed
/// on a thread of its own while the plugin goes on scanning: indexing every
/// byte a plugin reads costs about as much as the plugin's own detectors,
/// and on the plugin's thread it would halve a scan's throughput. Every
/// check first waits until all text handed out so far is indexed, so
/// nothing can slip past the guard by being checked early.
pub struct SharedGuard {
    guard: Arc<Mutex<Guard>>,
    indexer: Option<Indexer>,
    /// [`Guard::bytes`] as last seen by whoever held the lock: read on
    /// every capability call, so it must not wait for the indexer.
    bytes: Arc<AtomicUsize>,
}

/// Text to index, the name (a path, an endpoint) it was read under and
/// where in it it was read.
type Chunk = (Option<String>, u64, Vec<u8>);

struct Indexer {
    chunks: Sender<Chunk>,
    /// Buffers the indexer is done with, to be filled again: a fresh
    /// megabyte per read would cost a page fault per page.
    spent: Receiver<Vec<u8>>,
    /// Chunks sent but not yet indexed.
    pending: Arc<(Mutex<u64>, Condvar)>,
    thread: JoinHandle<()>,
}

impl Default for SharedGuard {
    fn default() -> SharedGuard {
        SharedGuard {
            guard: Arc::new(Mutex::new(Guard::default())),
            indexer: None,
            bytes: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl SharedGuard {
    /// Host memory the guard holds, as of the last text indexed or values
    /// added; never waits for the indexer.
    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Adds sampled values (see [`Guard::value`]).
    pub fn values<'a>(&self, values: impl IntoIterator<Item = &'a str>) {
        let mut guard = self.now();
        for value in values {
            guard.value(value);
        }
        self.bytes.store(guard.bytes(), Ordering::Relaxed);
    }

    /// The guard as it is, for adding sampled values.
    pub fn now(&self) -> MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The guard once all text handed out so far is indexed: for checks.
    pub fn settled(&self) -> MutexGuard<'_, Guard> {
        if let Some(indexer) = &self.indexer {
            let (count, done) = &*indexer.pending;
            let mut pending = count.lock().unwrap_or_else(|e| e.into_inner());
            while *pending > 0 {
                pending = done.wait(pending).unwrap_or_else(|e| e.into_inner());
            }
        }
        self.now()
    }

    /// Indexes a copy of `bytes` in the background (see [`Guard::text`]).
    /// Nothing here takes the guard's lock, so the plugin never waits for
    /// the indexer while it reads.
    pub fn text(&mut self, source: Option<&str>, offset: u64, bytes: &[u8]) {
        let indexer = self.indexer.get_or_insert_with(|| {
            let (chunks, received) = channel::<Chunk>();
            let (give_back, spent) = channel::<Vec<u8>>();
            let pending = Arc::new((Mutex::new(0u64), Condvar::new()));
            let guard = Arc::clone(&self.guard);
            let counter = Arc::clone(&pending);
            let held = Arc::clone(&self.bytes);
            let thread = std::thread::Builder::new()
                .name("ropa-guard".to_owned())
                .spawn(move || {
                    for (source, offset, bytes) in received {
                        let mut guard = guard.lock().unwrap_or_else(|e| e.into_inner());
                        guard.text(source.as_deref(), offset, &bytes);
                        held.store(guard.bytes(), Ordering::Relaxed);
                        drop(guard);
                        let _ = give_back.send(bytes);
                        let (count, done) = &*counter;
                        *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
                        done.notify_all();
                    }
                })
                .expect("a thread can be started");
            Indexer {
                chunks,
                spent,
                pending,
                thread,
            }
        });
        *indexer.pending.0.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        let mut copy = indexer.spent.try_recv().unwrap_or_default();
        copy.clear();
        copy.extend_from_slice(bytes);
        let chunk = (source.map(str::to_owned), offset, copy);
        if indexer.chunks.send(chunk).is_err() {
            // The indexer is gone (it cannot panic on text, but if it did):
            // index here rather than lose the text.
            *indexer.pending.0.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            self.now().text(source, offset, bytes);
        }
    }
}

impl Drop for SharedGuard {
    fn drop(&mut self) {
        if let Some(Indexer { chunks, thread, .. }) = self.indexer.take() {
            drop(chunks);
            let _ = thread.join();
        }
    }
}

/// Whether a category is a DPV personal-data concept.
pub fn is_known_category(category: &str) -> bool {
    ropa_law::dpv::is_known(category)
}

/// Lowercase letters, digits and `-+_.`, at most 64 bytes.
pub fn check_detector(detector: &str) -> Result<(), Refused> {
    let ok = !detector.is_empty()
        && detector.len() <= MAX_DETECTOR_BYTES
        && detector
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-+_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Refused(format!(
            "the detector must be 1 to {MAX_DETECTOR_BYTES} characters of a-z, 0-9, '-', '+', '_' or '.'"
        )))
    }
}

/// At most `max` characters of `text`, for quoting in an error.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_cell_is_refused_anywhere_in_a_string() {
        let mut guard = Guard::default();
        guard.value("jan.jansen@voorbeeld.nl");
        guard.value("Vraag over bestelling 1234 van Piet Pietersen");
        assert!(guard.check_free("detector", "email").is_ok());
        assert!(
            guard
                .check_free("detector", "x-jan.jansen@voorbeeld.nl")
                .is_err()
        );
        assert!(
            guard
                .check_free("detector", "pd:JAN.JANSEN@VOORBEELD.NL")
                .is_err()
        );
        assert!(guard.check_free("detector", "Pietersen").is_err());
        assert!(guard.check_free("detector", "van").is_ok());
    }

    #[test]
    fn json_keys_are_not_values() {
        let mut guard = Guard::default();
        guard.text(
            None,
            0,
            b"{\"contacts\": [{\"email\": \"piet@voorbeeld.nl\"}]}",
        );
        assert!(guard.check_free("log", "field contacts/email").is_ok());
        assert!(guard.check_free("log", "read piet@voorbeeld.nl").is_err());
    }

    /// Text with words around every chunk boundary a reader may cut at:
    /// short and long, upper case, UTF-8, e-mail addresses, JSON.
    const MAIL: &str = "Beste Piet, graag retour naar Ærø-Straße 12 of klant4711@Voorbeeld.NL; \
        {\"iban\": \"NL91ABNA0417164300\"} tel. 06-12345678\tzie https://voorbeeld.nl/\
        bestellingen/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \
        日本語のテキスト abcd abcde\n";

    /// The words of `text` the guard must catch: at least
    /// `MIN_WORD_BYTES`, split the obvious way.
    fn long_words(text: &str) -> Vec<&str> {
        text.split(|c: char| c.is_ascii() && is_separator(c as u8))
            .filter(|w| w.len() >= MIN_WORD_BYTES)
            .collect()
    }

    #[test]
    fn every_word_read_is_caught_however_the_file_is_read() {
        let text = MAIL.repeat(3);
        for chunk in [1, 2, 5, 7, 8, 9, 63, 64, 65, 100, text.len()] {
            let mut guard = Guard::default();
            for (i, piece) in text.as_bytes().chunks(chunk).enumerate() {
                guard.text(Some("mail.txt"), (i * chunk) as u64, piece);
            }
            for word in long_words(&text) {
                assert!(
                    guard.check_free("log", &format!("saw {word}!")).is_err(),
                    "{word:?} read in chunks of {chunk}"
                );
                let upper = word.to_ascii_uppercase();
                assert!(guard.check_free("log", &upper).is_err(), "{upper:?}");
            }
            assert!(guard.check_free("log", "abcd").is_ok(), "chunks of {chunk}");
        }
    }

    #[test]
    fn words_of_the_minimum_length_are_remembered_shorter_ones_not() {
        let mut guard = Guard::default();
        guard.text(Some("a.txt"), 0, b"abcd vwxyz");
        assert!(guard.check_free("log", "vwxyz").is_err());
        assert!(guard.check_free("log", "abcd").is_ok());
    }

    #[test]
    fn only_a_read_that_goes_on_where_the_last_ended_completes_its_word() {
        let mut guard = Guard::default();
        guard.text(Some("a.txt"), 0, b"hello jan");
        guard.text(Some("b.txt"), 0, b"sen ");
        assert!(guard.check_free("log", "jansen").is_ok());
        guard.text(Some("a.txt"), 9, b"sen ");
        assert!(guard.check_free("log", "jansen").is_err());
    }

    #[test]
    fn words_cut_into_short_pieces_and_read_out_of_order_are_caught() {
        let text = MAIL.repeat(2);
        for chunk in [1, 2, 3, 4] {
            let mut guard = Guard::default();
            let pieces: Vec<(usize, &[u8])> = text.as_bytes().chunks(chunk).enumerate().collect();
            // Every other piece first, then the rest backwards: no read
            // goes on where the one before it ended.
            let order = pieces
                .iter()
                .step_by(2)
                .chain(pieces.iter().skip(1).step_by(2).rev());
            for (i, piece) in order {
                guard.text(Some("mail.txt"), (i * chunk) as u64, piece);
            }
            for word in long_words(&text) {
                for smuggled in [
                    word.to_owned(),
                    format!("zz{word}zz"),
                    format!("saw {word}!"),
                ] {
                    assert!(
                        guard.check_free("log", &smuggled).is_err(),
                        "{smuggled:?} read out of order in pieces of {chunk}"
                    );
                }
            }
        }
        // A file read in order keeps the check exact.
        let mut guard = Guard::default();
        for (i, piece) in MAIL.as_bytes().chunks(3).enumerate() {
            guard.text(Some("mail.txt"), (i * 3) as u64, piece);
        }
        assert!(
            guard
                .check_free("log", "scanned 3 files, 12 fields")
                .is_ok()
        );
    }

    #[test]
    fn detector_shapes() {
        assert!(check_detector("column-name+email").is_ok());
        assert!(check_detector("Column").is_err());
        assert!(check_detector(&"a".repeat(65)).is_err());
    }

    #[test]
    fn categories_come_from_the_dpv_vocabulary() {
        assert!(is_known_category("pd:EmailAddress"));
        assert!(!is_known_category("pd:Jansen"));
        assert!(!is_known_category("EmailAddress"));
    }
}
