//! The scanning logic of the bundled plugins, written against the traits in
//! [`crate::source`] so that it runs (and is tested) natively:
//!
//! - [`database`]: tables and columns through [`SqlSource`](crate::source::SqlSource),
//!   a bounded sample of rows per table;
//! - [`files`]: a directory tree through [`FileSource`](crate::source::FileSource):
//!   CSV/TSV, JSON, NDJSON and plain text;
//! - [`json_api`]: JSON endpoints through [`HttpSource`](crate::source::HttpSource).
//!
//! Each module has a `SPEC` (what `describe` answers, less name and
//! version), its configuration keys `CONFIG`, and a `scan` function. The
//! pieces they share are here: the [`Reporter`] that hands findings to a
//! [`Sink`] and keeps the summary, [`Fields`] that classifies the fields of
//! JSON documents, and [`classify_field`].

pub mod database;
pub mod files;
pub mod json_api;

use std::collections::HashMap;

use crate::config::ConfigKey;
use crate::hints;
use crate::json::{self, Scalar};
use crate::source::{Capability, Finding, Level, Location, ScanSummary, Sink, SourceError};
use crate::{ColumnFinding, ColumnStats};

/// What a scanner says about itself in `describe`, less its name and
/// version (which come from the plugin crate).
#[derive(Clone, Copy, Debug)]
pub struct PluginSpec {
    /// One line for people.
    pub description: &'static str,
    /// The system kinds it scans.
    pub system_kinds: &'static [&'static str],
    /// The capabilities it needs.
    pub capabilities: &'static [Capability],
    /// The configuration keys it understands.
    pub config: &'static [ConfigKey],
}

/// Log lines a scan writes at most; the rest are counted and summed up in
/// one line at the end.
pub const MAX_LOG_LINES: u64 = 200;

/// Hands findings to a [`Sink`] and keeps the [`ScanSummary`]: counts what
/// was reported, examined and skipped, stops at the run's limits, and keeps
/// the log within [`MAX_LOG_LINES`].
pub struct Reporter<'s, S: Sink + ?Sized> {
    sink: &'s mut S,
    summary: ScanSummary,
    stopped: bool,
    logged: u64,
    suppressed: u64,
}

impl<'s, S: Sink + ?Sized> Reporter<'s, S> {
    /// A reporter with an empty summary.
    pub fn new(sink: &'s mut S) -> Self {
        Reporter {
            sink,
            summary: ScanSummary::default(),
            stopped: false,
            logged: 0,
            suppressed: 0,
        }
    }

    /// Reports one finding at `location`. Returns `false` when the scan must
    /// stop (the run's cap on findings was reached).
    pub fn report(&mut self, location: Location, finding: &ColumnFinding) -> bool {
        if self.stopped {
            return false;
        }
        let finding = Finding::at(location, finding);
        match self.sink.report(&finding) {
            Ok(()) => {
                self.summary.findings_reported += 1;
                true
            }
            Err(SourceError::LimitExceeded) => {
                self.limit_reached("findings");
                false
            }
            Err(e) => {
                let msg = format!(
                    "finding {} at {} was refused: {e}",
                    finding.category, finding.location
                );
                self.log(Level::Warn, &msg);
                true
            }
        }
    }

    /// Counts `places` examined places holding `values` sampled values.
    pub fn examined(&mut self, places: u64, values: u64) {
        self.summary.locations_examined += places;
        self.summary.values_sampled += values;
    }

    /// Counts `places` places that could not be examined because of `err`
    /// (logged with `what`). Returns `false` when the scan must stop (a
    /// limit of the run was reached).
    pub fn skipped(&mut self, places: u64, what: &str, err: &SourceError) -> bool {
        if *err == SourceError::LimitExceeded {
            self.limit_reached(what);
            return false;
        }
        self.summary.locations_skipped += places;
        self.log(Level::Warn, &format!("skipped {what}: {err}"));
        true
    }

    /// Counts `places` places left out on purpose (binary files, for
    /// instance), with the reason logged at `level`.
    pub fn left_out(&mut self, places: u64, level: Level, why: &str) {
        self.summary.locations_skipped += places;
        self.log(level, why);
    }

    /// Marks the scan as cut short by a limit (of the run, or of the
    /// scanner's configuration) and stops it.
    pub fn limit_reached(&mut self, what: &str) {
        if !self.stopped {
            self.log(
                Level::Warn,
                &format!("a limit was reached ({what}); the scan stops with what it has"),
            );
        }
        self.summary.truncated = true;
        self.stopped = true;
    }

    /// Marks the summary as truncated (some input was only sampled) without
    /// stopping.
    pub fn mark_truncated(&mut self) {
        self.summary.truncated = true;
    }

    /// Whether the scan must stop.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Logs one message (never a value), within [`MAX_LOG_LINES`].
    pub fn log(&mut self, level: Level, message: &str) {
        if self.logged < MAX_LOG_LINES {
            self.logged += 1;
            self.sink.log(level, message);
        } else {
            self.suppressed += 1;
        }
    }

    /// Reports progress.
    pub fn progress(&mut self, done: u64, total: Option<u64>, step: &str) {
        self.sink.progress(done, total, step);
    }

    /// The summary so far.
    pub fn summary(&self) -> &ScanSummary {
        &self.summary
    }

    /// Ends the scan: the summary (and, if lines were left out, how many).
    /// Log lines are kept few and terse: the host refuses a line holding any
    /// word of the values it handed out, so every fixed word risks that.
    pub fn finish(self) -> ScanSummary {
        if self.suppressed > 0 {
            let n = self.suppressed;
            self.sink
                .log(Level::Info, &format!("{n} log lines left out"));
        }
        self.summary
    }
}

/// What one field's values say: the column classification
/// ([`ColumnStats::classify`]) and, for free text, the kinds found inside
/// the values ([`ColumnStats::classify_text`]), one finding per category
/// (the more confident one where both found the same).
///
/// `name` is what the field is called (for a generic `name`, qualified with
/// what it is the name of: see [`hints::qualified_name`]); `sql_type` its
/// declared type (`""` when unknown). Free text is scanned when the values
/// read like it or the name says so (`notes`, `opmerkingen`).
pub fn classify_field(name: &str, sql_type: &str, stats: &ColumnStats) -> Vec<ColumnFinding> {
    let mut out: Vec<ColumnFinding> = stats.classify(name, sql_type).into_iter().collect();
    if stats.looks_like_free_text() || hints::is_free_text_name(name) {
        for f in stats.classify_text() {
            match out.iter_mut().find(|o| o.category == f.category) {
                Some(o) if o.confidence < f.confidence => *o = f,
                Some(_) => {}
                None => out.push(f),
            }
        }
    }
    out
}

/// Container keys that say nothing about what their elements are
/// (`{"data": [{"name": …}]}`): the context for a generic `name` is looked
/// for further up, or in the endpoint's or file's name.
const GENERIC_CONTAINERS: &[&str] = &[
    "data",
    "items",
    "item",
    "results",
    "result",
    "records",
    "record",
    "rows",
    "row",
    "list",
    "values",
    "value",
    "entries",
    "entry",
    "content",
    "objects",
    "object",
    "hits",
    "response",
    "payload",
    "page",
    "nodes",
    "node",
    "edges",
    "docs",
    "documents",
    "elements",
    "body",
    "collection",
    "embedded",
    "_embedded",
    "attributes",
    "fields",
];

/// One field of a JSON document (or of many documents of the same shape):
/// its pointer, its values' counts and which JSON types they had.
#[derive(Clone, Debug, Default)]
pub struct Field {
    /// The JSON pointer, `*` for array elements.
    pub pointer: String,
    /// The values' counts.
    pub stats: ColumnStats,
    strings: u64,
    integers: u64,
    decimals: u64,
    booleans: u64,
}

impl Field {
    /// The field's type as a declared SQL type would say it, from the JSON
    /// types of its values: `boolean`, `integer`, `decimal`, or `""` (text
    /// or mixed).
    pub fn sql_type(&self) -> &'static str {
        let n = self.strings + self.integers + self.decimals + self.booleans;
        if n == 0 || self.strings > 0 {
            ""
        } else if self.booleans == n {
            "boolean"
        } else if self.integers == n {
            "integer"
        } else if self.booleans == 0 {
            "decimal"
        } else {
            ""
        }
    }

    /// The name to classify the field by: its last key, qualified for a
    /// generic `name` by the nearest meaningful key above it, else by
    /// `context` (a file's or endpoint's name).
    pub fn name(&self, context: &str) -> String {
        let segs: Vec<String> = json::segments(&self.pointer).collect();
        let Some(last) = segs.iter().rposition(|s| s != "*") else {
            return String::new();
        };
        let key = &segs[last];
        if !hints::is_generic_name(key) {
            return key.clone();
        }
        let parent = segs[..last]
            .iter()
            .rev()
            .find(|s| *s != "*" && !GENERIC_CONTAINERS.contains(&s.to_ascii_lowercase().as_str()));
        hints::qualified_name(parent.map_or(context, String::as_str), key)
    }
}

/// The fields of JSON documents, in the order first seen. Each field keeps
/// at most `cap` values' counts; at most [`Fields::MAX_FIELDS`] fields are
/// kept. Counts only, never a value.
#[derive(Clone, Debug)]
pub struct Fields {
    fields: Vec<Field>,
    index: HashMap<String, usize>,
    cap: u64,
    /// Values not counted (over a field's cap, or over the field limit).
    pub dropped: u64,
}

impl Fields {
    /// Most distinct fields kept per document or endpoint.
    pub const MAX_FIELDS: usize = 10_000;

    /// No fields yet; each will count at most `cap` values.
    pub fn new(cap: u64) -> Fields {
        Fields {
            fields: Vec::new(),
            index: HashMap::new(),
            cap: cap.max(1),
            dropped: 0,
        }
    }

    /// Adds one scalar at `pointer`.
    pub fn add(&mut self, pointer: &str, value: &Scalar<'_>) {
        let k = match self.index.get(pointer) {
            Some(&k) => k,
            None => {
                if self.fields.len() >= Fields::MAX_FIELDS {
                    self.dropped += 1;
                    return;
                }
                self.fields.push(Field {
                    pointer: pointer.to_string(),
                    ..Field::default()
                });
                self.index
                    .insert(pointer.to_string(), self.fields.len() - 1);
                self.fields.len() - 1
            }
        };
        let f = &mut self.fields[k];
        if f.stats.sampled() >= self.cap {
            self.dropped += 1;
            return;
        }
        match value {
            Scalar::Null => return,
            Scalar::Str(_) => f.strings += 1,
            Scalar::Bool(_) => f.booleans += 1,
            Scalar::Number(n) => {
                if n.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                    f.integers += 1;
                } else {
                    f.decimals += 1;
                }
            }
        }
        if let Some(t) = value.as_text() {
            f.stats.add(t);
        }
    }

    /// The fields, in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter()
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether no field was seen.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Values counted in all fields.
    pub fn values(&self) -> u64 {
        self.fields.iter().map(|f| f.stats.sampled()).sum()
    }
}

/// The last path segment of `path` without its extension
/// (`exports/customers.json` → `customers`), as context for generic names.
pub fn stem(path: &str) -> &str {
    let base = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    match base.rfind('.') {
        Some(0) | None => base,
        Some(i) => &base[..i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pd;

    #[test]
    fn field_names_take_context_for_generic_names() {
        let f = |p: &str| Field {
            pointer: p.into(),
            ..Field::default()
        };
        assert_eq!(f("/customers/*/email").name("x"), "email");
        assert_eq!(f("/customers/*/name").name("x"), "customers.name");
        assert_eq!(f("/data/*/name").name("users"), "users.name");
        assert_eq!(
            f("/data/*/attributes/name").name("products"),
            "products.name"
        );
        assert_eq!(f("/*").name("x"), "");
        assert_eq!(f("").name("x"), "");
        assert!(crate::hints::column_hint(&f("/data/*/name").name("users")).is_some());
        assert!(crate::hints::column_hint(&f("/items/*/name").name("x")).is_none());
    }

    #[test]
    fn field_types() {
        let mut fs = Fields::new(100);
        for v in [Scalar::Number("1"), Scalar::Number("-2")] {
            fs.add("/a", &v);
        }
        fs.add("/b", &Scalar::Number("1.5"));
        fs.add("/c", &Scalar::Bool(true));
        fs.add("/d", &Scalar::Str("x".into()));
        fs.add("/d", &Scalar::Number("1"));
        fs.add("/e", &Scalar::Null);
        let types: Vec<_> = fs
            .iter()
            .map(|f| (f.pointer.as_str(), f.sql_type()))
            .collect();
        assert_eq!(
            types,
            [
                ("/a", "integer"),
                ("/b", "decimal"),
                ("/c", "boolean"),
                ("/d", ""),
                ("/e", "")
            ]
        );
    }

    #[test]
    fn free_text_fields_are_scanned_inside() {
        let mut stats = ColumnStats::new();
        for v in [
            "Klant belt terug op 06-12345678 over de levering",
            "Graag contact via jan@example.nl over deze bestelling",
            "Pakket is beschadigd aangekomen, graag een nieuwe",
        ] {
            stats.add(v);
        }
        let cats: Vec<_> = classify_field("body", "text", &stats)
            .iter()
            .map(|f| f.category)
            .collect();
        assert_eq!(cats, [pd::EMAIL_ADDRESS, pd::TELEPHONE_NUMBER]);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("exports/customers.json"), "customers");
        assert_eq!(stem("a/.hidden"), ".hidden");
        assert_eq!(stem("noext"), "noext");
    }
}
