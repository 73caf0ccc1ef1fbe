//! Classifying a column (or a file field, or a JSON field): the name's hint,
//! the declared type and the sampled values merged into one finding.
//!
//! # How evidence combines
//!
//! - The **type** can veto a hint: a `BOOLEAN email` is a flag, a
//!   `TIMESTAMP phone_verified` a time; only dates of birth survive a date
//!   type, only numeric-capable hints (house number, BSN, phone) an integer
//!   type, only passwords a binary one. An `inet` column is an IP address
//!   even without a hint.
//! - **Values that confirm the hint** (an `email` column whose samples are
//!   e-mail addresses) raise the confidence: `1 − (1 − hint)(1 − values)`,
//!   where the values' confidence is the kind's confidence times the share
//!   of sampled values that match, shrunk for small samples (`n / (n + 1)`).
//! - **Values that contradict the hint**: when at least five values were
//!   sampled and 80 % or more match *another* kind, the values decide (a
//!   `telefoon` column full of e-mail addresses is an e-mail column; a
//!   column whose values are all dates is not a name). A textual hint
//!   (name, e-mail, street) whose values are 80 % plain numbers is dropped.
//!   A hint that expects a value kind none of five or more samples has
//!   (an `iban` column without one IBAN) keeps half its confidence.
//! - **Values alone** (no hint): the kind's confidence times the share that
//!   match, shrunk for small samples. Dates alone score 0.3 at best: an
//!   `order_date` column full of dates is not reported.
//!
//! A result below [`MIN_CONFIDENCE`] is no finding.

use crate::hints::{self, Hint};
use crate::shape::{Shape, ShapeCounts};
use crate::text::{BIRTH_DATE_IN_CONTEXT, BSN_IN_CONTEXT};
use crate::{Kind, detect_value, pd, scan_text};

/// Findings below this confidence are not reported.
pub const MIN_CONFIDENCE: f32 = 0.4;

/// One kind of personal data in one column: what, how sure, how many of how
/// many values, by which detector. No value is stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnFinding {
    /// The DPV `pd:` category.
    pub category: &'static str,
    /// 0..=1.
    pub confidence: f32,
    /// How many sampled values matched the detector (0 when the finding
    /// rests on the name).
    pub matches: u64,
    /// How many non-empty values were examined.
    pub sampled: u64,
    /// Which evidence decided: `column-name`, `column-type`, a value
    /// detector (`email`, `iban-mod97`, …) or both (`column-name+email`).
    pub detector: &'static str,
}

/// A column's declared type, reduced to what matters for classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlType {
    /// Character data (`TEXT`, `varchar`, `char`, `json`, `uuid`, …).
    Text,
    /// Whole numbers (`integer`, `bigint`, `serial`, …).
    Integer,
    /// Fractional numbers (`numeric`, `decimal`, `real`, `double`, `money`).
    Decimal,
    /// `boolean`.
    Boolean,
    /// Dates, times, timestamps, intervals.
    Temporal,
    /// Binary data (`blob`, `bytea`, `binary`, `image`) and spatial types
    /// (`geometry`, `geography`), which print as binary.
    Binary,
    /// Network addresses (`inet`, `cidr`).
    Network,
    /// Undeclared (SQLite allows that) or not recognised.
    Unknown,
}

impl SqlType {
    /// Reads a declared type as PostgreSQL, SQLite or MySQL print it.
    pub fn parse(declared: &str) -> SqlType {
        let t = declared.trim().to_ascii_lowercase();
        let has = |s: &str| t.contains(s);
        if t.is_empty() {
            SqlType::Unknown
        } else if t.starts_with("enum(") || t.starts_with("enum (") || t.starts_with("set(") {
            // MySQL's enumerations: their labels are text, whatever they say.
            SqlType::Text
        } else if has("bool") || t == "bit" || t == "bit(1)" || t == "tinyint(1)" {
            // SQL Server's `bit` and MySQL's `tinyint(1)` are its booleans.
            SqlType::Boolean
        } else if has("inet") || has("cidr") {
            SqlType::Network
        } else if has("date") || has("time") || has("interval") || has("year") {
            SqlType::Temporal
        } else if has("char")
            || has("text")
            || has("clob")
            || has("string")
            || has("json")
            || has("uuid")
        {
            SqlType::Text
        } else if has("blob")
            || has("bytea")
            || has("binary")
            || t == "image"
            || has("geometry")
            || has("geography")
            || t == "point"
            || t == "polygon"
        {
            // Spatial types print as binary (WKB) too.
            SqlType::Binary
        } else if has("int") || has("serial") {
            SqlType::Integer
        } else if has("dec")
            || has("numeric")
            || has("real")
            || has("float")
            || has("double")
            || has("money")
        {
            SqlType::Decimal
        } else {
            SqlType::Unknown
        }
    }
}

fn fits_type(h: &Hint, ty: SqlType) -> bool {
    match ty {
        SqlType::Boolean => false,
        SqlType::Temporal => h.temporal_ok,
        SqlType::Integer => h.numeric_ok,
        SqlType::Decimal => matches!(h.category, pd::LOCATION | pd::SALARY | pd::INCOME),
        SqlType::Binary => matches!(h.category, pd::PASSWORD | pd::PICTURE),
        SqlType::Network => h.category == pd::IP_ADDRESS,
        SqlType::Text | SqlType::Unknown => true,
    }
}

/// How sure a value in the right *format* (not checked any further) makes
/// us, for a hinted column: a `phone` column whose values are all shaped like
/// telephone numbers of some country.
const FORMAT_CONFIDENCE: f32 = 0.5;

/// Counts over one column's (or one file or JSON field's) sampled values:
/// how many there were and what the detectors made of them. It is built one
/// value at a time ([`ColumnStats::add`]) and keeps **counts only, never a
/// value**, so a plugin can classify a field of any size in bounded memory
/// and without holding on to what it read.
///
/// ```
/// use ropa_plugin_sdk::{ColumnStats, pd};
/// let mut stats = ColumnStats::new();
/// for v in ["(206) 555-9857", "(71) 555-2282", "030-0076545", "+1 (780) 428-9482"] {
///     stats.add(v);
/// }
/// let f = stats.classify("HomePhone", "nvarchar(24)").unwrap();
/// assert_eq!((f.category, f.sampled), (pd::TELEPHONE_NUMBER, 4));
/// assert!(f.confidence > 0.9);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnStats {
    /// Values matching each kind's detector as a whole.
    counts: [u64; Kind::COUNT],
    /// Values that no detector matched but that have the format of a
    /// telephone number, a postcode or a card number of some country.
    formats: [u64; Kind::COUNT],
    /// Non-empty values examined.
    sampled: u64,
    /// Values made of digits, `-` and `.` only.
    numeric: u64,
    /// Values of three words or more.
    prose: u64,
    /// Bytes of all values (trimmed).
    bytes: u64,
    /// What free-text scanning found inside the values.
    text: TextStats,
    /// Names, places, postcodes and the like among the values, and the
    /// years their dates span.
    shapes: ShapeCounts,
    /// Values of free text (24 bytes or more, three words or more) that
    /// mention a person by name.
    names_in_text: u64,
}

impl ColumnStats {
    /// No values yet.
    pub fn new() -> ColumnStats {
        ColumnStats::default()
    }

    /// Adds one sampled value. Empty and blank values are ignored (they say
    /// nothing); pass only non-NULL values, or use [`ColumnStats::add_opt`].
    pub fn add(&mut self, value: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        self.sampled += 1;
        self.bytes += v.len() as u64;
        let b = v.as_bytes();
        if b.iter()
            .all(|&c| c.is_ascii_digit() || c == b'-' || c == b'.')
            && b.iter().any(u8::is_ascii_digit)
        {
            self.numeric += 1;
        }
        if words_at_least(b, 3) {
            self.prose += 1;
        }
        let set = detect_value(v);
        for k in set.iter() {
            self.counts[k.index()] += 1;
        }
        let mut phone_shaped = set.contains(Kind::Phone);
        if set.is_empty() && b.len() <= 40 {
            for k in [Kind::Phone, Kind::Postcode, Kind::PaymentCard] {
                if format_matches(k, b) {
                    self.formats[k.index()] += 1;
                }
            }
            phone_shaped = format_matches(Kind::Phone, b) && phone_shaped_alone(b);
        }
        let strict = set.iter().any(|k| k != Kind::Date);
        self.shapes
            .add(v, strict, phone_shaped, set.contains(Kind::Date));
        if v.len() >= 24 && words_at_least(b, 3) && crate::person::names_in_text(v) {
            self.names_in_text += 1;
        }
        self.text.add(v);
    }

    /// Adds one sampled cell, `None` for NULL (ignored).
    pub fn add_opt(&mut self, value: Option<&str>) {
        if let Some(v) = value {
            self.add(v);
        }
    }

    /// Builds the counts of a slice of sampled cells.
    pub fn of(samples: &[Option<&str>]) -> ColumnStats {
        let mut stats = ColumnStats::new();
        for v in samples {
            stats.add_opt(*v);
        }
        stats
    }

    /// Adds another batch's counts (the same field, read in parts).
    pub fn merge(&mut self, other: &ColumnStats) {
        for k in 0..Kind::COUNT {
            self.counts[k] += other.counts[k];
            self.formats[k] += other.formats[k];
        }
        self.sampled += other.sampled;
        self.numeric += other.numeric;
        self.prose += other.prose;
        self.bytes += other.bytes;
        self.text.merge(&other.text);
        self.shapes.merge(&other.shapes);
        self.names_in_text += other.names_in_text;
    }

    /// How many non-empty values were examined.
    pub fn sampled(&self) -> u64 {
        self.sampled
    }

    /// How many values matched `kind`'s detector as a whole.
    pub fn count(&self, kind: Kind) -> u64 {
        self.counts[kind.index()]
    }

    /// What free-text scanning found inside the values.
    pub fn text(&self) -> &TextStats {
        &self.text
    }

    /// Whether the values read like free text (notes, messages, ticket
    /// bodies, XML or JSON documents) rather than single items: on average
    /// 24 bytes or more with at least a third of them three words or longer,
    /// or on average 64 bytes or more.
    pub fn looks_like_free_text(&self) -> bool {
        self.sampled > 0
            && ((self.bytes >= 24 * self.sampled && self.prose * 3 >= self.sampled)
                || self.bytes >= 64 * self.sampled)
    }

    /// Classifies the field from its name and declared type (`""` when
    /// unknown); see [`classify_column`].
    pub fn classify(&self, name: &str, sql_type: &str) -> Option<ColumnFinding> {
        let ty = SqlType::parse(sql_type);
        let hint = hints::column_hint(name).filter(|h| fits_type(h, ty));
        let finding = match hint {
            Some(h) => self.with_hint(&h),
            None if ty == SqlType::Network => Some(ColumnFinding {
                category: pd::IP_ADDRESS,
                confidence: 0.8,
                matches: self.count(Kind::Ipv4) + self.count(Kind::Ipv6),
                sampled: self.sampled,
                detector: "column-type",
            }),
            None => self.values_alone(),
        };
        finding.filter(|f| f.confidence >= MIN_CONFIDENCE)
    }

    /// The kinds of personal data found *inside* the values, as
    /// [`classify_text`] reports them.
    pub fn classify_text(&self) -> Vec<ColumnFinding> {
        let mut found = self.text.findings();
        // Names in tickets and notes: a name list is no proof per value, so
        // two values at least, and confidence grows with how many.
        let m = self.names_in_text;
        if m >= 2 {
            let confidence = 0.7 * (m as f32 / (m as f32 + 1.0));
            if confidence >= MIN_CONFIDENCE {
                found.push(ColumnFinding {
                    category: pd::NAME,
                    confidence,
                    matches: m,
                    sampled: self.text.sampled(),
                    detector: "person-name-in-text",
                });
            }
        }
        found
    }

    /// The kind most values match (ties in [`Kind::ALL`] order).
    fn best(&self, among: &[Kind]) -> Option<(Kind, u64)> {
        best_of(&self.counts, among)
    }

    /// The confidence `m` matches of `k` give on their own.
    fn confidence(&self, k: Kind, m: u64) -> f32 {
        if self.sampled == 0 {
            return 0.0;
        }
        let n = self.sampled as f32;
        k.confidence() * (m as f32 / n) * (n / (n + 1.0))
    }

    fn share(&self, m: u64) -> f32 {
        if self.sampled == 0 {
            0.0
        } else {
            m as f32 / self.sampled as f32
        }
    }

    fn with_hint(&self, h: &Hint) -> Option<ColumnFinding> {
        let combine = |v: f32| 1.0 - (1.0 - h.confidence) * (1.0 - v);
        let strict = self
            .best(h.expects)
            .map(|(k, m)| (k, m, self.confidence(k, m)));
        // Values in the hinted kind's format, strict matches included.
        let format = best_of(&self.formats, h.expects).map(|(k, f)| {
            let m = f + self.count(k);
            let n = self.sampled as f32;
            (k, m, FORMAT_CONFIDENCE * self.share(m) * (n / (n + 1.0)))
        });
        match (strict, format) {
            (Some((_, _, vs)), Some((k, m, vf))) if vf > vs && self.share(m) >= 0.5 => {
                return Some(ColumnFinding {
                    category: h.category,
                    confidence: combine(vf),
                    matches: m,
                    sampled: self.sampled,
                    detector: format_detector(k),
                });
            }
            (Some((k, m, v)), _) => {
                return Some(ColumnFinding {
                    category: h.category,
                    confidence: combine(v),
                    matches: m,
                    sampled: self.sampled,
                    detector: k.detector_with_hint(),
                });
            }
            (None, Some((k, m, vf))) if self.share(m) >= 0.5 => {
                return Some(ColumnFinding {
                    category: h.category,
                    confidence: combine(vf),
                    matches: m,
                    sampled: self.sampled,
                    detector: format_detector(k),
                });
            }
            _ => {}
        }
        if self.sampled >= 5 {
            if let Some((k, m)) = self.best(&Kind::ALL)
                && self.share(m) >= 0.8
                && k.category() != h.category
            {
                return self.values_alone();
            }
            if !h.numeric_ok && self.share(self.numeric) >= 0.8 {
                return None;
            }
        }
        let damp = if !h.expects.is_empty() && self.sampled >= 5 {
            0.5
        } else {
            1.0
        };
        Some(ColumnFinding {
            category: h.category,
            confidence: h.confidence * damp,
            matches: 0,
            sampled: self.sampled,
            detector: "column-name",
        })
    }

    /// What the values say without a name: the strict detectors' kind most
    /// values match, or a shape most of them have (names, streets, cities,
    /// postcodes, telephone formats, password hashes, logins, genders,
    /// dates spread over a lifetime), whichever is surer.
    fn values_alone(&self) -> Option<ColumnFinding> {
        let strict = self.best(&Kind::ALL).map(|(k, m)| ColumnFinding {
            category: k.category(),
            confidence: self.confidence(k, m),
            matches: m,
            sampled: self.sampled,
            detector: k.detector(),
        });
        let shaped = self.shaped();
        match (strict, shaped) {
            (Some(s), Some(h)) if h.confidence > s.confidence => Some(h),
            (Some(s), _) => Some(s),
            (None, h) => h,
        }
    }

    /// The surest shape-based finding, if a shape covers enough of the
    /// values.
    fn shaped(&self) -> Option<ColumnFinding> {
        if self.sampled == 0 {
            return None;
        }
        // Long values are text to scan, not items of a shape; only a
        // browser's User-Agent and an image are both.
        let free_text = self.looks_like_free_text();
        let sh = &self.shapes;
        let n = self.sampled as f32;
        let shrink = n / (n + 1.0);
        let mut best: Option<ColumnFinding> = None;
        let mut consider = |category, detector, matches: u64, min_share: f32, confidence: f32| {
            let share = matches as f32 / n;
            if share < min_share {
                return;
            }
            let f = ColumnFinding {
                category,
                confidence: confidence * share * shrink,
                matches,
                sampled: self.sampled,
                detector,
            };
            if best.is_none_or(|b| f.confidence > b.confidence) {
                best = Some(f);
            }
        };
        consider(
            pd::USER_AGENT,
            "user-agent",
            sh.get(Shape::UserAgent),
            0.8,
            0.85,
        );
        // Images: one signature is evidence enough that a column holds
        // images (a table of two staff may have one photograph); whether
        // they show people or products is for the DPO to see.
        consider(
            pd::PICTURE,
            "image-signature",
            sh.get(Shape::Image),
            0.5,
            0.85,
        );
        // The other shapes need a few values to go by.
        if free_text || self.sampled < 2 {
            return best;
        }
        let names = sh.get(Shape::FirstName) + sh.get(Shape::Surname) + sh.get(Shape::FullName);
        let cities = sh.get(Shape::City);
        // A column of companies is no column of people, and a column of
        // places whose names are also surnames (London, Paris) is places.
        if sh.get(Shape::Company) * 5 < self.sampled && names > cities {
            consider(pd::NAME, "person-name", names, 0.5, 0.85);
        }
        // Regions, states and sales territories share many names with
        // cities: a handful of values is too few to tell them apart.
        if cities >= names && self.sampled >= 5 {
            consider(pd::PHYSICAL_ADDRESS, "city", cities, 0.7, 0.8);
        }
        consider(
            pd::PHYSICAL_ADDRESS,
            "street-address",
            sh.get(Shape::Street),
            0.6,
            0.9,
        );
        // Postcodes: mostly in postcode formats, and some in a format no
        // plain number has.
        let distinct = sh.get(Shape::PostcodeDistinct);
        if distinct * 6 >= self.sampled {
            let postcodes = distinct + sh.get(Shape::PostcodeDigits);
            consider(pd::PHYSICAL_ADDRESS, "postcode-format", postcodes, 0.8, 0.8);
        }
        consider(
            pd::TELEPHONE_NUMBER,
            "phone-format",
            sh.get(Shape::PhoneShaped),
            0.8,
            0.6,
        );
        consider(
            pd::PASSWORD,
            "password-hash",
            sh.get(Shape::PasswordHash),
            0.8,
            0.95,
        );
        consider(pd::USERNAME, "login", sh.get(Shape::Login), 0.8, 0.8);
        if self.sampled >= 10 {
            consider(pd::GENDER, "gender-words", sh.get(Shape::Gender), 0.95, 0.6);
        }
        // Dates of birth: dates spread over a generation or more, none
        // before 1900 or after 2030 (the date detector's window). Order and
        // hire dates span years, not decades.
        if let Some((lo, hi)) = sh.years()
            && hi - lo >= 25
        {
            consider(
                pd::BIRTH_DATE,
                "birth-date-range",
                self.count(Kind::Date),
                0.8,
                0.6,
            );
        }
        best
    }
}

fn best_of(counts: &[u64; Kind::COUNT], among: &[Kind]) -> Option<(Kind, u64)> {
    let mut best: Option<(Kind, u64)> = None;
    for &k in among {
        let m = counts[k.index()];
        if m > 0 && best.is_none_or(|(_, b)| m > b) {
            best = Some((k, m));
        }
    }
    best
}

fn format_detector(k: Kind) -> &'static str {
    match k {
        Kind::Phone => "column-name+phone-pattern",
        Kind::Postcode => "column-name+postcode-pattern",
        Kind::PaymentCard => "column-name+card-pattern",
        _ => k.detector_with_hint(),
    }
}

/// Whether `b` has at least `n` words (runs of non-blank bytes).
fn words_at_least(b: &[u8], n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &c in b {
        let blank = c.is_ascii_whitespace();
        if !blank && !in_word {
            words += 1;
            if words >= n {
                return true;
            }
        }
        in_word = !blank;
    }
    false
}

/// The loose formats that confirm a hinted column where the strict
/// detectors (which know Dutch numbers and checksums) do not: telephone
/// numbers, postcodes and card numbers as other countries write them.
fn format_matches(k: Kind, b: &[u8]) -> bool {
    match k {
        Kind::Phone => phone_format(b),
        Kind::Postcode => postcode_format(b),
        Kind::PaymentCard => card_format(b),
        _ => false,
    }
}

/// 7–15 digits in groups separated by blanks, `-`, `.`, `/`, with an
/// optional leading `+` or area code in parentheses and an optional
/// extension (`x123`, `ext. 123`): `(206) 555-9857`, `697-555-0142`,
/// `1 (11) 500 555-0110`, `14033335568`.
fn phone_format(b: &[u8]) -> bool {
    let lower = b.to_ascii_lowercase();
    // Cut an extension off: "x123", "ext. 123", "#123".
    let cut = (1..lower.len())
        .find(|&i| lower[i] == b'x' || lower[i] == b'#' || lower[i..].starts_with(b"ext"))
        .unwrap_or(lower.len());
    if cut < lower.len() {
        let mut tail = &lower[cut..];
        for marker in [&b"ext"[..], b"x", b"#"] {
            if let Some(rest) = tail.strip_prefix(marker) {
                tail = rest;
                break;
            }
        }
        let tail = tail.trim_ascii_start();
        let tail = tail.strip_prefix(b".").unwrap_or(tail);
        let tail = tail.strip_prefix(b":").unwrap_or(tail).trim_ascii();
        if tail.is_empty() || tail.len() > 6 || !tail.iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    let body = b[..cut].trim_ascii();
    let body = body.strip_suffix(b",").unwrap_or(body).trim_ascii_end();
    let Some(&first) = body.first() else {
        return false;
    };
    if !(first.is_ascii_digit() || first == b'+' || first == b'(') {
        return false;
    }
    let mut digits = 0;
    let mut open = false;
    let mut prev_sep = false;
    for (i, &c) in body.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                prev_sep = false;
            }
            b'+' if i == 0 => {}
            b'(' if !open => open = true,
            b')' if open => open = false,
            b' ' | b'-' | b'.' | b'/' => {
                if prev_sep && c != b' ' {
                    return false;
                }
                prev_sep = true;
            }
            _ => return false,
        }
    }
    !open && (7..=15).contains(&digits)
}

/// Whether a value in a telephone format (see [`phone_format`]) is shaped
/// as telephone numbers are written, which a long number or an account
/// number (`10-4020-000676`) is not: with a `+`, an area code in
/// parentheses, a trunk `0` before separated groups (`030-0076545`), or in
/// the North American 3-3-4 groups (`819-555-0175`).
fn phone_shaped_alone(b: &[u8]) -> bool {
    let separated = b.iter().any(|&c| matches!(c, b' ' | b'-' | b'.' | b'/'));
    if b.starts_with(b"+") || b.contains(&b'(') {
        return true;
    }
    if b.starts_with(b"0") && separated {
        return true;
    }
    let groups: Vec<usize> = b
        .split(|c| matches!(c, b' ' | b'-' | b'.'))
        .filter(|g| !g.is_empty())
        .map(<[u8]>::len)
        .collect();
    matches!(groups.as_slice(), [3, 3, 4] | [1, 3, 3, 4])
}

/// Words that announce a telephone number in free text, matched at the
/// start of a word; the short ones (up to three letters) also end there.
const PHONE_WORDS: &[&[u8]] = &[
    b"phone",
    b"telephone",
    b"telefoon",
    b"tel",
    b"call",
    b"bel",
    b"bellen",
    b"mobile",
    b"mobiel",
    b"gsm",
    b"cell",
    b"fax",
    b"whatsapp",
    b"sms",
];
/// How far before a number [`phone_in_context`] looks for a phone word.
const PHONE_CONTEXT: usize = 32;

/// Whether `text` holds a number in a telephone format of any country
/// (`(206) 555-9857`, `697-555-0142`) with a phone word ("phone", "tel",
/// "call", "bel", "mobile", "fax", …) in the 32 bytes before it. The strict
/// detectors know Dutch and `+`-prefixed numbers only; in free text this
/// finds the others where the text says what they are.
fn phone_in_context(text: &[u8]) -> bool {
    let n = text.len();
    let mut i = 0;
    while i < n {
        let c = text[i];
        let starts = c.is_ascii_digit() || c == b'(' || c == b'+';
        if !starts || (i > 0 && (text[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        // The longest run of phone characters from here.
        let mut e = i;
        while e < n
            && matches!(
                text[e],
                b'0'..=b'9' | b' ' | b'-' | b'.' | b'/' | b'(' | b')' | b'+'
            )
        {
            e += 1;
        }
        let mut run = text[i..e].trim_ascii_end();
        while let Some((&last, rest)) = run.split_last() {
            if last.is_ascii_digit() {
                break;
            }
            run = rest.trim_ascii_end();
        }
        let boundary = text
            .get(i + run.len())
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary && phone_format(run) {
            let from = i.saturating_sub(PHONE_CONTEXT);
            let before = text[from..i].to_ascii_lowercase();
            let word_at = |k: usize, w: &[u8]| {
                before[k..].starts_with(w)
                    && (k == 0 || !before[k - 1].is_ascii_alphabetic())
                    && (w.len() > 3
                        || before
                            .get(k + w.len())
                            .is_none_or(|b| !b.is_ascii_alphabetic()))
            };
            if PHONE_WORDS
                .iter()
                .any(|w| (0..before.len()).any(|k| word_at(k, w)))
            {
                return true;
            }
        }
        i = e.max(i + 1);
    }
    false
}

/// 3–10 letters, digits, one blank or `-`, at least one digit: `98052`,
/// `SW1 1AA`, `T2P 2T3`, `1010`, `12345-6789`, `3511 LX`.
fn postcode_format(b: &[u8]) -> bool {
    if !(3..=10).contains(&b.len()) {
        return false;
    }
    let mut seps = 0;
    let mut digits = 0;
    for &c in b {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c == b' ' || c == b'-' {
            seps += 1;
        } else if !c.is_ascii_alphabetic() {
            return false;
        }
    }
    seps <= 1 && digits >= 1
}

/// 12–19 digits in groups separated by blanks or `-`.
fn card_format(b: &[u8]) -> bool {
    let mut digits = 0;
    for &c in b {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c != b' ' && c != b'-' {
            return false;
        }
    }
    (12..=19).contains(&digits) && b[0].is_ascii_digit()
}

/// Classifies one column from its name, its declared SQL type (`""` when
/// unknown) and sampled values (`None` for NULL). Returns the most likely
/// kind of personal data, or `None` when the column does not look personal.
/// See the module docs for how the evidence is combined; the same as
/// [`ColumnStats::of`] followed by [`ColumnStats::classify`].
///
/// ```
/// use ropa_plugin_sdk::{classify_column, pd};
/// let f = classify_column("klant_email", "varchar(255)", &[Some("a@example.nl"), None, Some("b@example.com")]).unwrap();
/// assert_eq!((f.category, f.matches, f.sampled, f.detector), (pd::EMAIL_ADDRESS, 2, 2, "column-name+email"));
/// assert!(classify_column("email_sent_at", "timestamp", &[Some("2024-01-01 10:00:00")]).is_none());
/// ```
pub fn classify_column(
    name: &str,
    sql_type: &str,
    samples: &[Option<&str>],
) -> Option<ColumnFinding> {
    ColumnStats::of(samples).classify(name, sql_type)
}

/// Counts of personal data found *inside* free-text values (ticket texts,
/// notes, message bodies, lines of a text file): per kind, how many values
/// hold at least one instance. Counts only, never a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextStats {
    with: [u64; Kind::COUNT],
    sampled: u64,
    /// BSNs with a BSN word before them (see [`crate::bsn::bsn_context`]).
    bsn_in_context: u64,
}

impl TextStats {
    /// No values yet.
    pub fn new() -> TextStats {
        TextStats::default()
    }

    /// Scans one value. Blank values are ignored.
    pub fn add(&mut self, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        let mut seen = [false; Kind::COUNT];
        let mut bsn_in_context = false;
        scan_text(value, |m| {
            if m.kind != Kind::Date || m.confidence >= BIRTH_DATE_IN_CONTEXT {
                seen[m.kind.index()] = true;
            }
            bsn_in_context |= m.kind == Kind::Bsn && m.confidence >= BSN_IN_CONTEXT;
        });
        self.bsn_in_context += u64::from(bsn_in_context);
        if !seen[Kind::Phone.index()] && phone_in_context(value.as_bytes()) {
            seen[Kind::Phone.index()] = true;
        }
        self.record(seen);
    }

    /// Counts one value (e.g. a line of a file scanned in bulk) by which
    /// kinds were seen in it: `seen[kind.index()]`, where a date counts only
    /// with a birth word before it.
    pub fn record(&mut self, seen: [bool; Kind::COUNT]) {
        self.sampled += 1;
        for (w, s) in self.with.iter_mut().zip(seen) {
            *w += u64::from(s);
        }
    }

    /// Counts `n` BSNs found with a BSN word before them.
    pub fn record_bsn_in_context(&mut self, n: u64) {
        self.bsn_in_context += n;
    }

    /// Counts `n` values in which nothing was found.
    pub fn record_empty(&mut self, n: u64) {
        self.sampled += n;
    }

    /// Adds another batch's counts.
    pub fn merge(&mut self, other: &TextStats) {
        for (a, b) in self.with.iter_mut().zip(other.with) {
            *a += b;
        }
        self.bsn_in_context += other.bsn_in_context;
        self.sampled += other.sampled;
    }

    /// How many values were scanned.
    pub fn sampled(&self) -> u64 {
        self.sampled
    }

    /// How many values hold at least one instance of `kind`.
    pub fn with(&self, kind: Kind) -> u64 {
        self.with[kind.index()]
    }

    /// One finding per category, as [`classify_text`] describes.
    pub fn findings(&self) -> Vec<ColumnFinding> {
        let mut out: Vec<ColumnFinding> = Vec::new();
        for k in Kind::ALL {
            let m = self.with[k.index()];
            if m == 0 {
                continue;
            }
            let base = if k == Kind::Date {
                BIRTH_DATE_IN_CONTEXT
            } else {
                k.confidence()
            };
            let mut confidence = base * (m as f32 / (m as f32 + 1.0));
            // One BSN named as such is enough; a bare number passing the
            // 11-test is one in eleven.
            if k == Kind::Bsn && self.bsn_in_context > 0 {
                let s = self.bsn_in_context.min(m) as f32;
                confidence = confidence.max(BSN_IN_CONTEXT * s / (s + 1.0));
            }
            let f = ColumnFinding {
                category: k.category(),
                confidence,
                matches: m,
                sampled: self.sampled,
                detector: k.detector(),
            };
            match out.iter_mut().find(|o| o.category == f.category) {
                Some(o) if o.matches < f.matches => *o = f,
                Some(_) => {}
                None => out.push(f),
            }
        }
        out.retain(|f| f.confidence >= MIN_CONFIDENCE);
        out
    }
}

/// Classifies a free-text column (ticket texts, notes, message bodies): the
/// kinds of personal data found *inside* the values, one finding per
/// category, `matches` counting the values that hold at least one. Dates
/// count only with a birth word before them. Confidence is the kind's,
/// shrunk when few values match (`m / (m + 1)`).
///
/// ```
/// use ropa_plugin_sdk::{classify_text, pd};
/// let tickets = [Some("Bel me op 06-12345678 a.u.b."), Some("Graag per mail: jan@example.nl"), Some("Dank!"), None];
/// let found = classify_text(&tickets);
/// let cats: Vec<_> = found.iter().map(|f| (f.category, f.matches, f.sampled)).collect();
/// assert_eq!(cats, [(pd::EMAIL_ADDRESS, 1, 3), (pd::TELEPHONE_NUMBER, 1, 3)]);
/// ```
pub fn classify_text(samples: &[Option<&str>]) -> Vec<ColumnFinding> {
    let mut stats = TextStats::new();
    for v in samples.iter().flatten() {
        stats.add(v);
    }
    stats.findings()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some<'a>(v: &[&'a str]) -> Vec<Option<&'a str>> {
        v.iter().map(|s| Some(*s)).collect()
    }

    #[test]
    fn sql_types() {
        for (t, want) in [
            ("TEXT", SqlType::Text),
            ("varchar(255)", SqlType::Text),
            ("character varying", SqlType::Text),
            ("INTEGER", SqlType::Integer),
            ("bigint", SqlType::Integer),
            ("numeric(10,2)", SqlType::Decimal),
            ("double precision", SqlType::Decimal),
            ("boolean", SqlType::Boolean),
            ("timestamp with time zone", SqlType::Temporal),
            ("DATE", SqlType::Temporal),
            ("datetime", SqlType::Temporal),
            ("interval", SqlType::Temporal),
            ("bytea", SqlType::Binary),
            ("BLOB", SqlType::Binary),
            ("inet", SqlType::Network),
            ("", SqlType::Unknown),
            ("bit", SqlType::Boolean),
            ("tinyint(1)", SqlType::Boolean),
            ("tinyint", SqlType::Integer),
            ("enum('M','F')", SqlType::Text),
            ("enum('update','delete')", SqlType::Text),
            ("geometry", SqlType::Binary),
            ("geography", SqlType::Binary),
            ("point", SqlType::Binary),
            ("image", SqlType::Binary),
            ("uniqueidentifier", SqlType::Unknown),
            ("money", SqlType::Decimal),
        ] {
            assert_eq!(SqlType::parse(t), want, "{t}");
        }
    }

    #[test]
    fn hint_and_values_agree() {
        let f = classify_column(
            "email",
            "text",
            &some(&["a@x.nl", "b@y.com", "c@z.org", "d@x.nl", "e@x.nl"]),
        )
        .unwrap();
        assert_eq!(f.category, pd::EMAIL_ADDRESS);
        assert_eq!((f.matches, f.sampled), (5, 5));
        assert_eq!(f.detector, "column-name+email");
        assert!(f.confidence > 0.95);

        let f = classify_column(
            "geboortedatum",
            "date",
            &some(&["1985-03-12", "1990-01-01"]),
        )
        .unwrap();
        assert_eq!(f.category, pd::BIRTH_DATE);
        assert!(f.confidence > 0.9);
        assert_eq!(f.detector, "column-name+date");

        let f = classify_column(
            "iban",
            "varchar",
            &some(&["NL91ABNA0417164300", "NL91ABNA0417164301"]),
        )
        .unwrap();
        assert_eq!((f.category, f.matches, f.sampled), (pd::BANK_ACCOUNT, 1, 2));
    }

    #[test]
    fn name_alone() {
        let f =
            classify_column("achternaam", "", &some(&["Jansen", "de Vries", "Bakker"])).unwrap();
        assert_eq!(
            (f.category, f.matches, f.detector),
            (pd::NAME, 0, "column-name")
        );
        let f = classify_column("woonplaats", "TEXT", &[]).unwrap();
        assert_eq!(f.category, pd::PHYSICAL_ADDRESS);
        assert_eq!(f.sampled, 0);
    }

    #[test]
    fn values_alone_decide_without_a_hint() {
        let f = classify_column(
            "contact",
            "text",
            &some(&["a@x.nl", "b@y.com", "c@z.org", "d@x.nl"]),
        )
        .unwrap();
        assert_eq!((f.category, f.detector), (pd::EMAIL_ADDRESS, "email"));
        let f = classify_column(
            "veld_7",
            "",
            &some(&["111222333", "123456782", "012345672", "999999990"]),
        )
        .unwrap();
        assert_eq!(f.category, pd::OFFICIAL_ID);
        // Nine-digit order numbers: about one in eleven passes the 11-test.
        let orders: Vec<String> = (0..100u64)
            .map(|k| format!("{}", 300_000_000 + k * 7919))
            .collect();
        let samples: Vec<Option<&str>> = orders.iter().map(|s| Some(s.as_str())).collect();
        assert!(classify_column("ordernummer", "", &samples).is_none());
        // Dates alone are not dates of birth.
        assert!(
            classify_column(
                "order_date",
                "date",
                &some(&["2024-01-01", "2023-05-06", "2022-07-08"])
            )
            .is_none()
        );
        assert!(
            classify_column(
                "created",
                "",
                &some(&["2024-01-01", "2023-05-06", "2022-07-08"])
            )
            .is_none()
        );
    }

    #[test]
    fn type_vetoes_hint() {
        assert!(classify_column("email", "boolean", &some(&["true", "false"])).is_none());
        assert!(
            classify_column("email_sent", "timestamp", &some(&["2024-01-01 10:00:00"])).is_none()
        );
        assert!(classify_column("name", "integer", &some(&["1", "2"])).is_none());
        let f = classify_column("huisnummer", "integer", &some(&["12", "7"])).unwrap();
        assert_eq!(f.category, pd::PHYSICAL_ADDRESS);
        let f = classify_column("password_hash", "bytea", &some(&["deadbeef"])).unwrap();
        assert_eq!(f.category, pd::PASSWORD);
        let f = classify_column("remote", "inet", &some(&["10.0.0.1"])).unwrap();
        assert_eq!((f.category, f.detector), (pd::IP_ADDRESS, "column-type"));
    }

    #[test]
    fn values_contradict_hint() {
        let emails = some(&["a@x.nl", "b@y.com", "c@z.org", "d@x.nl", "e@x.nl"]);
        let f = classify_column("telefoon", "", &emails).unwrap();
        assert_eq!(f.category, pd::EMAIL_ADDRESS);
        let numbers = some(&["1", "2", "3", "4", "5", "6"]);
        assert!(classify_column("name", "", &numbers).is_none());
        let dates = some(&[
            "2024-01-01",
            "2023-05-06",
            "2022-07-08",
            "2021-01-01",
            "2020-02-02",
        ]);
        assert!(classify_column("username", "", &dates).is_none());
        // An IBAN column without one IBAN keeps half its confidence.
        let f = classify_column("iban", "", &some(&["x", "y", "z", "w", "v"])).unwrap();
        assert!((f.confidence - 0.95 * 0.5).abs() < 1e-6);
    }

    #[test]
    fn false_positive_names_stay_quiet() {
        for (name, ty) in [
            ("email_sent_at", "timestamp"),
            ("phone_count", "integer"),
            ("product_name", "varchar(100)"),
            ("city_id", "integer"),
            ("company_name", "text"),
            ("price", "numeric(10,2)"),
            ("sku", "text"),
        ] {
            assert!(
                classify_column(name, ty, &some(&["abc", "def"])).is_none(),
                "{name}"
            );
        }
    }

    #[test]
    fn formats_confirm_hinted_columns() {
        for v in [
            "(206) 555-9857",
            "697-555-0142",
            "1 (11) 500 555-0110",
            "14033335568",
            "+55 (12) 3923-5555",
            "030-0074321",
            "(5) 555-4729",
            "0921-12 34 65",
            "555-0100 x123",
            "425.555.0100 ext. 12",
        ] {
            assert!(phone_format(v.as_bytes()), "{v}");
        }
        for v in [
            "12345",
            "abc-def",
            "2024-01-01 10:00",
            "(12",
            "1-2",
            "555--1234",
            "06 12 ab 34",
        ] {
            assert!(!phone_format(v.as_bytes()), "{v}");
        }
        for v in [
            "98052",
            "SW1 1AA",
            "T2P 2T3",
            "1010",
            "12227-000",
            "3511 LX",
        ] {
            assert!(postcode_format(v.as_bytes()), "{v}");
        }
        for v in ["AB", "Utrecht", "12 34 56", "12345678901"] {
            assert!(!postcode_format(v.as_bytes()), "{v}");
        }
        // US phone numbers and postcodes in hinted columns: the hint holds
        // at full strength, the values confirm it.
        let f = classify_column(
            "Phone",
            "nvarchar(24)",
            &some(&[
                "(206) 555-9857",
                "(171) 555-7788",
                "(5) 555-4729",
                "(503) 555-9831",
                "(71) 555-2282",
            ]),
        )
        .unwrap();
        assert_eq!(
            (f.category, f.matches, f.detector),
            (pd::TELEPHONE_NUMBER, 5, "column-name+phone-pattern")
        );
        assert!(f.confidence > 0.9);
        let f = classify_column(
            "postal_code",
            "varchar(10)",
            &some(&["35200", "17886", "83579", "53561", "42399"]),
        )
        .unwrap();
        assert_eq!(f.category, pd::PHYSICAL_ADDRESS);
        assert!(f.confidence >= 0.85);
        let f = classify_column(
            "Fax",
            "",
            &some(&[
                "030-0076545",
                "(5) 555-3745",
                "(171) 555-6750",
                "0921-12 34 67",
                "(206) 555-9857",
            ]),
        )
        .unwrap();
        assert!(f.confidence > 0.8, "{f:?}");
        // Without a hint, numbers written as telephone numbers are (the
        // North American 3-3-4 groups), ...
        let f = classify_column(
            "ref",
            "",
            &some(&[
                "697-555-0142",
                "212-555-0187",
                "612-555-0100",
                "849-555-0139",
                "122-555-0189",
            ]),
        )
        .unwrap();
        assert_eq!(
            (f.category, f.detector),
            (pd::TELEPHONE_NUMBER, "phone-format")
        );
        // ... and account numbers and bare long numbers are not.
        for values in [
            [
                "10-4020-000676",
                "10-4020-000117",
                "10-4020-000442",
                "10-4030-011271",
                "10-4020-000581",
            ],
            ["1234567", "2345678", "3456789", "4567890", "5678901"],
        ] {
            assert!(
                classify_column("ref", "", &some(&values)).is_none(),
                "{values:?}"
            );
        }
    }

    /// National numbers of six countries are found from their values and
    /// named by the checksum that held; a hinted column agrees.
    #[test]
    fn national_numbers_by_their_checksums() {
        for (values, detector) in [
            (
                ["85.07.30-033.28", "85073003328", "85.07.30-033.28"],
                "be-national-number-mod97",
            ),
            (
                ["86095742719", "47036892816", "65929970489"],
                "de-tax-id-mod11",
            ),
            (
                [
                    "2 55 08 14 168 025 38",
                    "255081416802538",
                    "2 55 08 14 168 025 38",
                ],
                "fr-nir-mod97",
            ),
            (["12345678Z", "X1234567L", "12345678-Z"], "es-dni-mod23"),
            (
                ["RSSMRA85T10A562S", "MRTMTT91D08F205J", "RSSMRA85T10A562S"],
                "it-codice-fiscale",
            ),
            (["078-05-1121", "123-45-6789", "219-09-9999"], "us-ssn"),
        ] {
            let f = classify_column("c7", "", &some(&values)).unwrap();
            assert_eq!(
                (f.category, f.detector),
                (pd::NATIONAL_IDENTIFICATION_NUMBER, detector),
                "{values:?}"
            );
        }
        let f = classify_column("codice_fiscale", "", &some(&["RSSMRA85T10A562S"])).unwrap();
        assert_eq!(f.detector, "column-name+it-codice-fiscale");
        // Look-alikes one digit off are nothing.
        assert!(
            classify_column(
                "c7",
                "",
                &some(&["85073003327", "86095742718", "12345678A"])
            )
            .is_none()
        );
    }

    /// Every detector a finding can name is one a plugin declares through
    /// [`crate::detectors`]: the host refuses any other.
    #[test]
    fn every_detector_named_is_declared() {
        let declared: Vec<&str> = crate::detectors().collect();
        for k in Kind::ALL {
            for name in [k.detector(), k.detector_with_hint(), format_detector(k)] {
                assert!(declared.contains(&name), "{name}");
            }
        }
        for name in ["person-name", "city", "image-signature", "birth-date-range"] {
            assert!(declared.contains(&name), "{name}");
        }
    }

    /// A text whose only BSN is on one line is reported when a BSN word
    /// says what the number is; a bare number passing the 11-test is not.
    #[test]
    fn one_bsn_named_as_such_is_reported() {
        let named = classify_text(&[
            Some("Mevrouw Jansen, BSN 111222333, heeft gebeld."),
            Some("Geen bijzonderheden."),
            Some("Pakket verzonden."),
        ]);
        let f = named
            .iter()
            .find(|f| f.category == pd::OFFICIAL_ID)
            .expect("the BSN is reported");
        assert!(f.confidence >= MIN_CONFIDENCE, "{f:?}");
        let bare = classify_text(&[
            Some("Factuur 111222333 is betaald."),
            Some("Geen bijzonderheden."),
            Some("Pakket verzonden."),
        ]);
        assert!(
            !bare.iter().any(|f| f.category == pd::OFFICIAL_ID),
            "{bare:?}"
        );
        // The same in a file read in chunks.
        let mut lines = crate::scanner::files::LineScanner::default();
        for chunk in b"notities\nklant belde, bsn 111222333\nklaar\n".chunks(5) {
            lines.feed(chunk, false);
        }
        lines.feed(b"", true);
        let found = lines.finish().findings();
        assert!(
            found.iter().any(|f| f.category == pd::OFFICIAL_ID),
            "{found:?}"
        );
    }

    #[test]
    fn phones_in_free_text_need_a_phone_word() {
        assert!(phone_in_context(
            b"Please call me back on (206) 555-9857 tomorrow"
        ));
        assert!(phone_in_context(
            b"<act:telephoneNumber><act:number>697-555-0142</act:number>"
        ));
        assert!(phone_in_context(b"Tel: 425.555.0100"));
        assert!(!phone_in_context(b"Order 1234567 shipped"));
        assert!(!phone_in_context(b"Hotel booking 1234567"));
        assert!(!phone_in_context(
            b"Telemarketing course 1992-1993 and 2001-2002"
        ));
        assert!(!phone_in_context(b"call"));
    }

    #[test]
    fn long_values_are_free_text() {
        let xml = "<AdditionalContactInfo><act:eMail><act:eMailAddress>x@y.example</act:eMailAddress></act:eMail></AdditionalContactInfo>";
        let stats = ColumnStats::of(&[Some(xml)]);
        assert!(stats.looks_like_free_text());
        assert!(!ColumnStats::of(&some(&["Jan de Vries", "Piet"])).looks_like_free_text());
        assert!(
            ColumnStats::of(&some(&[
                "The parcel arrived damaged, please send a new one"
            ]))
            .looks_like_free_text()
        );
    }

    #[test]
    fn free_text() {
        let tickets = some(&[
            "Mijn nieuwe nummer is 06-12345678.",
            "Stuur de factuur naar jan@example.nl graag",
            "Geboren op 12-03-1985, klopt dat?",
            "Order 2024-01-05 is niet aangekomen",
            "Terugbetalen op NL91 ABNA 0417 1643 00",
        ]);
        let found = classify_text(&tickets);
        let cats: Vec<&str> = found.iter().map(|f| f.category).collect();
        assert_eq!(
            cats,
            [
                pd::EMAIL_ADDRESS,
                pd::BANK_ACCOUNT,
                pd::TELEPHONE_NUMBER,
                pd::BIRTH_DATE
            ]
        );
        assert!(found.iter().all(|f| f.sampled == 5 && f.matches == 1));
    }
}
