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
use crate::text::BIRTH_DATE_IN_CONTEXT;
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
    /// Binary data (`blob`, `bytea`, `binary`).
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
        } else if has("bool") {
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
        } else if has("blob") || has("bytea") || has("binary") {
            SqlType::Binary
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
        SqlType::Decimal => h.category == pd::LOCATION,
        SqlType::Binary => h.category == pd::PASSWORD,
        SqlType::Network => h.category == pd::IP_ADDRESS,
        SqlType::Text | SqlType::Unknown => true,
    }
}

/// Per-kind counts over a column's samples.
struct Evidence {
    counts: [u64; Kind::COUNT],
    sampled: u64,
    numeric: u64,
}

impl Evidence {
    fn of(samples: &[Option<&str>]) -> Evidence {
        let mut ev = Evidence {
            counts: [0; Kind::COUNT],
            sampled: 0,
            numeric: 0,
        };
        for v in samples.iter().flatten() {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            ev.sampled += 1;
            if v.bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
                && v.bytes().any(|b| b.is_ascii_digit())
            {
                ev.numeric += 1;
            }
            for k in detect_value(v).iter() {
                ev.counts[k.index()] += 1;
            }
        }
        ev
    }

    fn count(&self, k: Kind) -> u64 {
        self.counts[k.index()]
    }

    /// The kind most values match (ties in [`Kind::ALL`] order).
    fn best(&self, among: &[Kind]) -> Option<(Kind, u64)> {
        let mut best: Option<(Kind, u64)> = None;
        for &k in among {
            let m = self.count(k);
            if m > 0 && best.is_none_or(|(_, b)| m > b) {
                best = Some((k, m));
            }
        }
        best
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
}

/// Classifies one column from its name, its declared SQL type (`""` when
/// unknown) and sampled values (`None` for NULL). Returns the most likely
/// kind of personal data, or `None` when the column does not look personal.
/// See the module docs for how the evidence is combined.
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
    let ty = SqlType::parse(sql_type);
    let hint = hints::column_hint(name).filter(|h| fits_type(h, ty));
    let ev = Evidence::of(samples);
    let finding = match hint {
        Some(h) => with_hint(&h, &ev),
        None if ty == SqlType::Network => Some(ColumnFinding {
            category: pd::IP_ADDRESS,
            confidence: 0.8,
            matches: ev.count(Kind::Ipv4) + ev.count(Kind::Ipv6),
            sampled: ev.sampled,
            detector: "column-type",
        }),
        None => values_alone(&ev),
    };
    finding.filter(|f| f.confidence >= MIN_CONFIDENCE)
}

fn with_hint(h: &Hint, ev: &Evidence) -> Option<ColumnFinding> {
    if let Some((k, m)) = ev.best(h.expects) {
        let v = ev.confidence(k, m);
        return Some(ColumnFinding {
            category: h.category,
            confidence: 1.0 - (1.0 - h.confidence) * (1.0 - v),
            matches: m,
            sampled: ev.sampled,
            detector: k.detector_with_hint(),
        });
    }
    if ev.sampled >= 5 {
        if let Some((k, m)) = ev.best(&Kind::ALL)
            && ev.share(m) >= 0.8
            && k.category() != h.category
        {
            return values_alone(ev);
        }
        if !h.numeric_ok && ev.share(ev.numeric) >= 0.8 {
            return None;
        }
    }
    let damp = if !h.expects.is_empty() && ev.sampled >= 5 {
        0.5
    } else {
        1.0
    };
    Some(ColumnFinding {
        category: h.category,
        confidence: h.confidence * damp,
        matches: 0,
        sampled: ev.sampled,
        detector: "column-name",
    })
}

fn values_alone(ev: &Evidence) -> Option<ColumnFinding> {
    let (k, m) = ev.best(&Kind::ALL)?;
    Some(ColumnFinding {
        category: k.category(),
        confidence: ev.confidence(k, m),
        matches: m,
        sampled: ev.sampled,
        detector: k.detector(),
    })
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
    let mut with = [0u64; Kind::COUNT];
    let mut sampled = 0u64;
    for v in samples.iter().flatten() {
        if v.trim().is_empty() {
            continue;
        }
        sampled += 1;
        let mut seen = [false; Kind::COUNT];
        scan_text(v, |m| {
            if m.kind != Kind::Date || m.confidence >= BIRTH_DATE_IN_CONTEXT {
                seen[m.kind.index()] = true;
            }
        });
        for (w, s) in with.iter_mut().zip(seen) {
            *w += u64::from(s);
        }
    }
    let mut out: Vec<ColumnFinding> = Vec::new();
    for k in Kind::ALL {
        let m = with[k.index()];
        if m == 0 {
            continue;
        }
        let base = if k == Kind::Date {
            BIRTH_DATE_IN_CONTEXT
        } else {
            k.confidence()
        };
        let confidence = base * (m as f32 / (m as f32 + 1.0));
        let f = ColumnFinding {
            category: k.category(),
            confidence,
            matches: m,
            sampled,
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
