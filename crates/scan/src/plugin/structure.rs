//! What the host itself has seen of a system's structure, and the check
//! that a finding names only that structure.
//!
//! A finding is the one thing of a plugin's output that is saved, held
//! against the register and committed, so none of its strings may be the
//! plugin's choice. Each must come from a closed vocabulary (the DPV
//! personal-data ids, the detectors the plugin declared in `describe`) or
//! from structure the host listed or parsed on its own:
//!
//! - a table the host's metadata query listed, and a column the host listed
//!   *for that table*;
//! - a file the host listed, with a field that is a header the host parsed
//!   from the file's first record (`.csv`, `.tsv`, `.tab`, `.psv` whose
//!   first record holds no value-like field), a column number of it, or a
//!   JSON pointer whose every segment is `*`, an array index, or a key the
//!   host saw in key position in that file and that does not look like a
//!   value (the SDK's `json::key_is_value`, the rule the bundled scanners
//!   use to write `*` for keys that are data);
//! - an endpoint whose path the system's own configuration names (the
//!   register, not the plugin, chose it) and that the plugin fetched, with
//!   a pointer of keys seen in that endpoint's bodies.
//!
//! Numbers are bounded by what was read and made coarse: `sampled` is at
//! most the non-null cells the host handed out for that column (the bytes
//! read of that file or endpoint), `matches` at most `sampled`, both kept to
//! two significant digits; `confidence` is kept to tenths. What a hostile
//! plugin can still choose is written down in `plugins/README.md`.

use std::collections::{HashMap, HashSet};

use ropa_plugin_sdk::csv::{next_record, sniff_delimiter};
use ropa_plugin_sdk::json::key_is_value;

use super::guard::Refused;

/// Longest piece of a JSON key kept across the end of a read, so that a key
/// cut by it is still seen whole.
const CARRY: usize = 256;
/// Longest JSON key taken as a name (the SDK's `key_is_value` says the same).
const MAX_KEY_BYTES: usize = 64;

/// Host-side memory of this module is charged per entry: the bytes of the
/// strings plus this much for the hash-set slot and the allocation.
const ENTRY_OVERHEAD: usize = 48;

/// A location as the host verified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place<'a> {
    Column {
        schema: Option<&'a str>,
        table: &'a str,
        column: &'a str,
    },
    File {
        path: &'a str,
        field: Option<&'a str>,
    },
    Endpoint {
        endpoint: &'a str,
        field: &'a str,
    },
}

/// What the host listed and read, by place.
#[derive(Debug, Default)]
pub struct Structure {
    /// Columns listed per table (`None`: the table was listed, its columns
    /// not yet).
    tables: HashMap<(Option<String>, String), Option<HashSet<String>>>,
    /// Non-null cells handed out per `(schema, table, column)`.
    cells: HashMap<(Option<String>, String, String), u64>,
    /// Files listed by `list-dir`, and what was read of them.
    files: HashMap<String, Seen>,
    /// Endpoints the configuration names (paths); filled once per run.
    configured_endpoints: HashSet<String>,
    /// What was read of each endpoint the plugin fetched.
    endpoints: HashMap<String, Seen>,
    /// Bytes of host memory this structure holds, roughly.
    bytes: usize,
}

/// What the host read of one file or endpoint.
#[derive(Debug, Default)]
struct Seen {
    /// Bytes read, over all reads.
    read: u64,
    /// The first record's fields when it is a header.
    header: Vec<String>,
    /// Fields of the first record, header or not: column numbers up to this
    /// are places.
    columns: usize,
    /// Keys seen in key position that are not values.
    keys: HashSet<String>,
    /// Where the last read ended and the bytes before it that may hold the
    /// start of a key cut by that end.
    carry: Option<(u64, Vec<u8>)>,
    /// Bytes held by `header` and `keys`.
    held: usize,
}

impl Structure {
    /// The endpoints a system's configuration names: every text in it that
    /// is an absolute `http(s)://` URL or a path, and every path joined to
    /// every such URL, as URL paths.
    pub fn configure_endpoints(&mut self, config: &serde_json::Map<String, serde_json::Value>) {
        let mut texts = Vec::new();
        for value in config.values() {
            match value {
                serde_json::Value::String(s) => texts.push(s.as_str()),
                serde_json::Value::Array(items) => {
                    texts.extend(items.iter().filter_map(serde_json::Value::as_str))
                }
                _ => {}
            }
        }
        let bases: Vec<&str> = texts.iter().filter_map(|t| url_path(t)).collect();
        for text in &texts {
            if let Some(path) = url_path(text) {
                self.configured_endpoints.insert(path.to_owned());
            } else if !text.is_empty() && !text.contains("://") {
                let relative = text.split(['?', '#']).next().unwrap_or(text);
                let relative = relative.trim_start_matches('/');
                self.configured_endpoints.insert(format!("/{relative}"));
                for base in &bases {
                    // Joined as the SDK's scanner joins them (`base/path`),
                    // and by RFC 3986 (the base's path up to its last `/`).
                    self.configured_endpoints
                        .insert(format!("{}/{relative}", base.trim_end_matches('/')));
                    let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
                    self.configured_endpoints.insert(format!("{dir}{relative}"));
                }
            }
        }
    }

    /// Host memory held, in bytes (roughly).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn table_listed(&mut self, schema: Option<&str>, table: &str) {
        let key = (schema.map(str::to_owned), table.to_owned());
        if !self.tables.contains_key(&key) {
            self.bytes += table.len() + schema.map_or(0, str::len) + ENTRY_OVERHEAD;
            self.tables.insert(key, None);
        }
    }

    pub fn column_listed(&mut self, schema: Option<&str>, table: &str, column: &str) {
        let key = (schema.map(str::to_owned), table.to_owned());
        let columns = self.tables.entry(key).or_default().get_or_insert_default();
        if columns.insert(column.to_owned()) {
            self.bytes += column.len() + ENTRY_OVERHEAD;
        }
    }

    /// `count` non-null cells of a column handed out.
    pub fn cells_read(&mut self, schema: Option<&str>, table: &str, column: &str, count: u64) {
        let key = (
            schema.map(str::to_owned),
            table.to_owned(),
            column.to_owned(),
        );
        match self.cells.get_mut(&key) {
            Some(n) => *n += count,
            None => {
                self.bytes += table.len() + column.len() + ENTRY_OVERHEAD;
                self.cells.insert(key, count);
            }
        }
    }

    pub fn file_listed(&mut self, path: &str) {
        if !self.files.contains_key(path) {
            self.bytes += path.len() + ENTRY_OVERHEAD;
            self.files.insert(path.to_owned(), Seen::default());
        }
    }

    /// `bytes` of a listed file read at `offset`; `eof` when the read
    /// reached the file's end.
    pub fn file_read(&mut self, path: &str, offset: u64, bytes: &[u8], eof: bool) {
        let Some(seen) = self.files.get_mut(path) else {
            return;
        };
        let before = seen.bytes();
        if offset == 0 && is_delimited(path) {
            seen.first_record(bytes, eof);
        }
        seen.read_text(offset, bytes);
        self.bytes += seen.bytes().saturating_sub(before);
    }

    /// A response of `url` (the whole body as read).
    pub fn endpoint_read(&mut self, url: &str, body: &[u8]) {
        let Some(path) = url_path(url) else { return };
        if !self.configured_endpoints.contains(path) {
            // Not a place a finding may name; nothing to remember.
            return;
        }
        let seen = match self.endpoints.get_mut(path) {
            Some(seen) => seen,
            None => {
                self.bytes += path.len() + ENTRY_OVERHEAD;
                self.endpoints.entry(path.to_owned()).or_default()
            }
        };
        let before = seen.bytes();
        seen.carry = None;
        seen.read_text(0, body);
        seen.carry = None;
        self.bytes += seen.bytes().saturating_sub(before);
    }

    /// Checks a place and says how many values could have been examined
    /// there: the bound for a finding's `sampled`.
    pub fn check(&self, place: &Place<'_>) -> Result<u64, Refused> {
        match *place {
            Place::Column {
                schema,
                table,
                column,
            } => {
                let key = (schema.map(str::to_owned), table.to_owned());
                let Some(listed) = self.tables.get(&key) else {
                    return Err(not_listed("the table"));
                };
                if !listed.as_ref().is_some_and(|c| c.contains(column)) {
                    return Err(not_listed("the column of that table"));
                }
                let key = (key.0, key.1, column.to_owned());
                Ok(self.cells.get(&key).copied().unwrap_or(0))
            }
            Place::File { path, field } => {
                let Some(seen) = self.files.get(path) else {
                    return Err(not_listed("the file"));
                };
                if let Some(field) = field {
                    seen.check_field(field)?;
                }
                Ok(seen.read)
            }
            Place::Endpoint { endpoint, field } => {
                if !self.configured_endpoints.contains(endpoint) {
                    return Err(Refused(
                        "the endpoint is not one the system's configuration names (scan.config)"
                            .to_owned(),
                    ));
                }
                let Some(seen) = self.endpoints.get(endpoint) else {
                    return Err(Refused(
                        "the endpoint was never fetched by the plugin".to_owned(),
                    ));
                };
                if !field.starts_with('/') && !field.is_empty() {
                    return Err(Refused(
                        "an endpoint's field must be a JSON pointer".to_owned(),
                    ));
                }
                seen.check_pointer(field)?;
                Ok(seen.read)
            }
        }
    }
}

impl Seen {
    /// Host memory held for this file, roughly.
    fn bytes(&self) -> usize {
        self.held + self.carry.as_ref().map_or(0, |(_, c)| c.len())
    }

    /// The first record of a delimited file: a header when none of its
    /// fields looks like a value (the same rule as the SDK's file scanner,
    /// which reports column numbers otherwise).
    fn first_record(&mut self, bytes: &[u8], eof: bool) {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let delimiter = sniff_delimiter(bytes);
        let Some((fields, _)) = next_record(bytes, 0, delimiter, eof) else {
            return;
        };
        self.columns = fields.len();
        let fields: Vec<String> = fields.iter().map(|f| f.trim().to_owned()).collect();
        if fields.iter().any(|f| !f.is_empty() && key_is_value(f)) {
            return;
        }
        self.header = fields.into_iter().filter(|f| !f.is_empty()).collect();
        self.held += self
            .header
            .iter()
            .map(|h| h.len() + ENTRY_OVERHEAD)
            .sum::<usize>();
    }

    /// Bytes read at `offset`: counted, and scanned for JSON keys.
    fn read_text(&mut self, offset: u64, bytes: &[u8]) {
        self.read += bytes.len() as u64;
        // A key cut by the end of the last read is completed by a read that
        // goes on from there.
        if let Some((end, tail)) = self.carry.take()
            && end == offset
        {
            let mut joined = tail;
            joined.extend_from_slice(&bytes[..bytes.len().min(CARRY)]);
            self.held += collect_keys(&joined, &mut self.keys);
        }
        self.held += collect_keys(bytes, &mut self.keys);
        let from = bytes.len().saturating_sub(CARRY);
        self.carry = Some((offset + bytes.len() as u64, bytes[from..].to_vec()));
    }

    fn check_field(&self, field: &str) -> Result<(), Refused> {
        if field.starts_with('/') {
            return self.check_pointer(field);
        }
        if self.header.iter().any(|h| h == field) {
            return Ok(());
        }
        if let Ok(n) = field.parse::<usize>()
            && (1..=self.columns).contains(&n)
            && field == n.to_string()
        {
            return Ok(());
        }
        Err(Refused(
            "the field is neither a header of the file (as the host read its first record), a column number, nor a JSON pointer"
                .to_owned(),
        ))
    }

    fn check_pointer(&self, pointer: &str) -> Result<(), Refused> {
        if pointer.is_empty() {
            return Ok(());
        }
        let Some(rest) = pointer.strip_prefix('/') else {
            return Err(Refused("the field is not a JSON pointer".to_owned()));
        };
        for segment in rest.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let index = !segment.is_empty()
                && segment.len() <= 9
                && segment.bytes().all(|b| b.is_ascii_digit());
            if segment == "*" || index || self.keys.contains(&segment) {
                continue;
            }
            return Err(Refused(
                "a step of the field's pointer is not a key the host saw in that file or response (keys that look like values must be `*`)"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}

/// Keys in key position (`"key"` followed by `:`) that do not look like
/// values, added to `keys`; answers the bytes added. Found from each colon
/// backwards, so a read that starts inside a string does not throw the
/// pairing of quotes off.
fn collect_keys(bytes: &[u8], keys: &mut HashSet<String>) -> usize {
    let mut added = 0;
    for colon in memchr::memchr_iter(b':', bytes) {
        let mut j = colon;
        while j > 0 && bytes[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        if j == 0 || bytes[j - 1] != b'"' || escaped(bytes, j - 1) {
            continue;
        }
        let close = j - 1;
        let lowest = close.saturating_sub(MAX_KEY_BYTES + 1);
        let Some(open) = (lowest..close)
            .rev()
            .find(|&i| bytes[i] == b'"' && !escaped(bytes, i))
        else {
            continue;
        };
        let Ok(raw) = std::str::from_utf8(&bytes[open + 1..close]) else {
            continue;
        };
        let key = unescape(raw);
        if !key_is_value(&key) && !key.chars().any(char::is_control) && !keys.contains(&key) {
            added += key.len() + ENTRY_OVERHEAD;
            keys.insert(key);
        }
    }
    added
}

/// Whether the byte at `i` is escaped by an odd run of backslashes.
fn escaped(bytes: &[u8], i: usize) -> bool {
    bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// A JSON string's escapes resolved (`\"`, `\\`, `\/`, `\uXXXX`); an
/// invalid escape is kept as written.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
}

/// The path of an absolute `http(s)://` URL, without query or fragment
/// (`/` when it has none).
pub fn url_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    Some(rest.find('/').map_or("/", |i| &rest[i..]))
}

/// Files the SDK's file scanner reads as delimited text.
fn is_delimited(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".csv", ".tsv", ".tab", ".psv"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn not_listed(what: &str) -> Refused {
    Refused(format!(
        "the location names {what} that the host did not list to the plugin"
    ))
}

/// `n` to two significant digits: counts say how much, not which number.
pub fn coarse_count(n: u64) -> u64 {
    if n < 100 {
        return n;
    }
    let mut scale = 1;
    let mut m = n;
    while m >= 100 {
        m /= 10;
        scale *= 10;
    }
    // Rounded down, so a count never grows past the bound it was held to.
    n / scale * scale
}

/// A confidence kept to tenths.
pub fn coarse_confidence(c: f32) -> f32 {
    (c * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_file<'a>(path: &'a str, field: Option<&'a str>) -> Place<'a> {
        Place::File { path, field }
    }

    #[test]
    fn a_column_must_be_listed_for_its_own_table() {
        let mut s = Structure::default();
        s.table_listed(None, "klanten");
        s.table_listed(None, "orders");
        s.column_listed(None, "klanten", "email");
        s.cells_read(None, "klanten", "email", 120);
        let col = |table, column| Place::Column {
            schema: None,
            table,
            column,
        };
        assert_eq!(s.check(&col("klanten", "email")), Ok(120));
        assert!(s.check(&col("orders", "email")).is_err());
        assert!(s.check(&col("nobody", "email")).is_err());
    }

    #[test]
    fn a_headerless_csv_gives_column_numbers_never_its_first_line() {
        let mut s = Structure::default();
        s.file_listed("a.csv");
        s.file_read(
            "a.csv",
            0,
            b"jan@voorbeeld.nl,Jan Jansen\npiet@voorbeeld.nl,Piet\n",
            true,
        );
        assert!(s.check(&place_file("a.csv", Some("Jan Jansen"))).is_err());
        assert!(s.check(&place_file("a.csv", Some("2"))).is_ok());
        assert!(s.check(&place_file("a.csv", Some("3"))).is_err());
        s.file_listed("b.csv");
        s.file_read("b.csv", 0, b"naam;email\nJan;jan@voorbeeld.nl\n", true);
        assert!(s.check(&place_file("b.csv", Some("email"))).is_ok());
        assert!(s.check(&place_file("b.csv", Some("Jan"))).is_err());
        // A text file's first line is never a header.
        s.file_listed("c.txt");
        s.file_read("c.txt", 0, b"Beste Jan Jansen,\nhier", true);
        assert!(
            s.check(&place_file("c.txt", Some("Beste Jan Jansen")))
                .is_err()
        );
        assert!(s.check(&place_file("nope.csv", None)).is_err());
    }

    #[test]
    fn json_keys_that_are_values_are_not_places() {
        let mut s = Structure::default();
        s.file_listed("u.json");
        let doc =
            br#"{"users": {"jan@voorbeeld.nl": {"e\"mail": 1, "naam": "x"}, "0612345678": {}}}"#;
        // Read in two pieces cut inside a key.
        s.file_read("u.json", 0, &doc[..30], false);
        s.file_read("u.json", 30, &doc[30..], true);
        assert!(
            s.check(&place_file("u.json", Some("/users/*/naam")))
                .is_ok()
        );
        assert!(
            s.check(&place_file("u.json", Some("/users/*/e\"mail")))
                .is_ok()
        );
        assert!(
            s.check(&place_file("u.json", Some("/users/jan@voorbeeld.nl/naam")))
                .is_err()
        );
        assert!(
            s.check(&place_file("u.json", Some("/users/0612345678")))
                .is_err()
        );
        assert!(s.check(&place_file("u.json", Some("/x"))).is_err());
    }

    #[test]
    fn endpoints_come_from_the_configuration() {
        let mut s = Structure::default();
        let config = serde_json::json!({
            "base-url": "http://127.0.0.1:8080/api/",
            "endpoints": ["contacts", "/v2/users?page=1", "https://crm.example/x/y"]
        });
        s.configure_endpoints(config.as_object().unwrap());
        s.endpoint_read(
            "http://127.0.0.1:8080/api/contacts?page=2",
            br#"[{"email": "a"}]"#,
        );
        s.endpoint_read("http://127.0.0.1:8080/jan@voorbeeld.nl", br#"{"email": 1}"#);
        let ep = |endpoint, field| Place::Endpoint { endpoint, field };
        assert!(s.check(&ep("/api/contacts", "/*/email")).is_ok());
        assert!(s.check(&ep("/jan@voorbeeld.nl", "/email")).is_err());
        assert!(
            s.check(&ep("/v2/users", "/email")).is_err(),
            "never fetched"
        );
    }

    #[test]
    fn counts_and_confidence_are_coarse() {
        assert_eq!(coarse_count(7), 7);
        assert_eq!(coarse_count(99), 99);
        assert_eq!(coarse_count(1234), 1200);
        assert_eq!(coarse_count(1950), 1900);
        assert_eq!(coarse_count(123_456_789_012_345), 120_000_000_000_000);
        assert_eq!(coarse_confidence(0.87), 0.9);
        assert_eq!(coarse_confidence(0.349), 0.3);
    }
}
