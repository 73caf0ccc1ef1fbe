//! The file scan: a walk of the granted directory tree, and per file a
//! classification by format.
//!
//! - **CSV / TSV** (`.csv`, `.tsv`, `.tab`, `.psv`; delimiter sniffed for
//!   `.csv`): the header names the columns, up to `sample-rows` records are
//!   sampled; one finding per column and category at `path#Header`. A file
//!   whose first record looks like data rather than names gets the column
//!   numbers (`path#3`).
//! - **JSON** (`.json`, `.geojson`, and files without a known extension that
//!   start with `{` or `[`): keys and values, at `path#/pointer/*/key`
//!   (`*` for array elements and for keys that are values).
//!   **NDJSON** (`.ndjson`, `.jsonl`, or a `.json` file holding one document
//!   per line): each line a record, at `path#/*/key`.
//! - **Plain text** (anything else that is text): the free-text detectors,
//!   line by line; one finding per category at `path` (field none),
//!   `matches` counting the lines that hold one. A JSON file that does not
//!   parse is scanned as text too.
//!
//! Files are read in chunks through `files.read`, at most `max-file-bytes`
//! per file: a larger file is sampled from its start. Binary files (by
//! extension, or a NUL byte or many control bytes in the first 8 KiB) are
//! skipped and logged, as is UTF-16 text.

use crate::config::{Config, ConfigKey, ConfigType, glob_match};
use crate::csv::{next_record, sniff_delimiter};
use crate::hints;
use crate::json::{self, Walked};
use crate::reader::ChunkReader;
use crate::scanner::{Fields, PluginSpec, Reporter, classify_field, stem};
use crate::source::{
    Capability, DirEntry, EntryKind, FileSource, Level, Location, ScanError, ScanSummary, Sink,
    SourceError,
};
use crate::text::{BIRTH_DATE_IN_CONTEXT, BSN_IN_CONTEXT};
use crate::{ColumnStats, Kind, MAX_MATCH_LEN, TextStats, scan_bytes};

/// The system kinds the file scanner knows.
pub const SYSTEM_KINDS: &[&str] = &["files"];

/// The file scanner's configuration keys.
pub const CONFIG: &[ConfigKey] = &[
    ConfigKey {
        name: "max-file-bytes",
        value_type: ConfigType::Integer,
        description: "Bytes read per file at most (1024 to 1073741824); a larger file is sampled from its start",
        required: false,
        default_value: Some("8388608"),
    },
    ConfigKey {
        name: "max-files",
        value_type: ConfigType::Integer,
        description: "Files examined at most (1 to 10000000); the scan stops there and says it was cut short",
        required: false,
        default_value: Some("10000"),
    },
    ConfigKey {
        name: "max-depth",
        value_type: ConfigType::Integer,
        description: "How many directory levels below the root are walked (0 to 64)",
        required: false,
        default_value: Some("16"),
    },
    ConfigKey {
        name: "sample-rows",
        value_type: ConfigType::Integer,
        description: "Records sampled per CSV/TSV or NDJSON file, and values per JSON field (1 to 1000000)",
        required: false,
        default_value: Some("1000"),
    },
    ConfigKey {
        name: "include",
        value_type: ConfigType::TextList,
        description: "Scan only files whose path (relative to the root) matches one of these patterns, `*` and `?` as wildcards, e.g. `*.csv`; empty scans every file",
        required: false,
        default_value: Some("[]"),
    },
    ConfigKey {
        name: "exclude",
        value_type: ConfigType::TextList,
        description: "Leave out files and directories whose path matches one of these patterns, e.g. `archive/*`",
        required: false,
        default_value: Some("[]"),
    },
];

/// What the file scanner says about itself.
pub const SPEC: PluginSpec = PluginSpec {
    description: "Finds personal data in files under a granted directory: CSV/TSV columns, JSON and NDJSON fields, and plain text",
    system_kinds: SYSTEM_KINDS,
    capabilities: &[Capability::Files, Capability::Log],
    config: CONFIG,
};

/// The file scan's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Bytes read per file at most.
    pub max_file_bytes: u64,
    /// Files examined at most.
    pub max_files: u64,
    /// Directory levels walked below the root.
    pub max_depth: u32,
    /// Records per CSV/NDJSON file, values per JSON field.
    pub sample_rows: u64,
    /// Path patterns to scan (empty: all).
    pub include: Vec<String>,
    /// Path patterns to leave out.
    pub exclude: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: 8 << 20,
            max_files: 10_000,
            max_depth: 16,
            sample_rows: 1000,
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl Options {
    /// Reads the settings from a configuration, defaults filled in.
    pub fn from_config(config: &Config) -> Result<Options, ScanError> {
        config.check(CONFIG)?;
        Ok(Options {
            max_file_bytes: config.integer_in("max-file-bytes", 8 << 20, 1024, 1 << 30)? as u64,
            max_files: config.integer_in("max-files", 10_000, 1, 10_000_000)? as u64,
            max_depth: config.integer_in("max-depth", 16, 0, 64)? as u32,
            sample_rows: config.integer_in("sample-rows", 1000, 1, 1_000_000)? as u64,
            include: config.text_list("include")?,
            exclude: config.text_list("exclude")?,
        })
    }

    fn excluded(&self, path: &str) -> bool {
        self.exclude.iter().any(|p| glob_match(p, path))
    }

    fn included(&self, path: &str) -> bool {
        self.include.is_empty() || self.include.iter().any(|p| glob_match(p, path))
    }
}

/// Scans the files of a system of kind `system_kind`.
pub fn scan<F: FileSource + ?Sized, S: Sink + ?Sized>(
    files: &mut F,
    sink: &mut S,
    system_kind: &str,
    config: &Config,
) -> Result<ScanSummary, ScanError> {
    if !SYSTEM_KINDS.contains(&system_kind) {
        return Err(ScanError::UnsupportedKind(system_kind.to_string()));
    }
    let options = Options::from_config(config)?;
    scan_with(files, sink, &options)
}

/// Scans the granted root with explicit settings.
pub fn scan_with<F: FileSource + ?Sized, S: Sink + ?Sized>(
    files: &mut F,
    sink: &mut S,
    options: &Options,
) -> Result<ScanSummary, ScanError> {
    let mut r = Reporter::new(sink);
    let root = files.list_dir(".").map_err(ScanError::Capability)?;
    let mut stack: Vec<(std::vec::IntoIter<DirEntry>, u32)> = vec![(root.into_iter(), 0)];
    let mut examined = 0u64;
    let mut listed = 1u64;
    while let Some((entries, depth)) = stack.last_mut() {
        if r.stopped() {
            break;
        }
        let depth = *depth;
        let Some(entry) = entries.next() else {
            stack.pop();
            continue;
        };
        if options.excluded(&entry.path) {
            continue;
        }
        match entry.kind {
            EntryKind::Directory => {
                if depth >= options.max_depth {
                    r.log(
                        Level::Info,
                        &format!("not walked: {} lies deeper than max-depth", entry.path),
                    );
                    continue;
                }
                if listed >= options.max_files {
                    r.limit_reached("max-files (directories listed)");
                    break;
                }
                listed += 1;
                match files.list_dir(&entry.path) {
                    Ok(sub) => stack.push((sub.into_iter(), depth + 1)),
                    Err(e) => {
                        if !r.skipped(1, &format!("directory {}", entry.path), &e) {
                            break;
                        }
                    }
                }
            }
            EntryKind::File => {
                if !options.included(&entry.path) {
                    continue;
                }
                if examined >= options.max_files {
                    r.limit_reached("max-files");
                    break;
                }
                examined += 1;
                if examined % 100 == 1 {
                    r.progress(examined - 1, None, &format!("file {}", entry.path));
                }
                scan_file(files, &mut r, &entry, options);
            }
            EntryKind::Other => {}
        }
    }
    Ok(r.finish())
}

/// Extensions of formats that are never scanned as text.
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tif", "tiff", "heic", "psd", "pdf", "zip",
    "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "war", "exe", "dll", "so", "dylib", "o",
    "a", "class", "pyc", "wasm", "mp3", "mp4", "m4a", "avi", "mov", "mkv", "wav", "flac", "ogg",
    "webm", "woff", "woff2", "ttf", "otf", "eot", "sqlite", "sqlite3", "db", "mdb", "accdb", "xls",
    "xlsx", "doc", "docx", "ppt", "pptx", "odt", "ods", "odp", "iso", "dmg", "parquet", "avro",
    "orc", "pack", "idx",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Delimited(Option<u8>),
    Json,
    Ndjson,
    Text,
}

fn extension(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    match base.rfind('.') {
        Some(i) if i > 0 => base[i + 1..].to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn format_of(ext: &str, head: &[u8]) -> Format {
    match ext {
        "csv" => Format::Delimited(None),
        "tsv" | "tab" => Format::Delimited(Some(b'\t')),
        "psv" => Format::Delimited(Some(b'|')),
        "json" | "geojson" | "har" => Format::Json,
        "ndjson" | "jsonl" | "ldjson" => Format::Ndjson,
        "" | "dat" | "data" | "out" | "export" => {
            let first = head
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(head)
                .iter()
                .find(|b| !b.is_ascii_whitespace());
            if matches!(first, Some(b'{' | b'[')) {
                Format::Json
            } else {
                Format::Text
            }
        }
        _ => Format::Text,
    }
}

/// Whether the first bytes of a file say it is not text: a NUL byte, more
/// than one byte in ten a control character, or a UTF-16 byte-order mark.
pub fn looks_binary(head: &[u8]) -> bool {
    let h = &head[..head.len().min(8192)];
    if h.starts_with(b"\xFF\xFE") || h.starts_with(b"\xFE\xFF") || h.contains(&0) {
        return true;
    }
    let control = h
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control * 10 > h.len()
}

fn scan_file<F: FileSource + ?Sized, S: Sink + ?Sized>(
    files: &mut F,
    r: &mut Reporter<'_, S>,
    entry: &DirEntry,
    options: &Options,
) {
    let path = entry.path.as_str();
    let ext = extension(path);
    if BINARY_EXTENSIONS.contains(&ext.as_str()) {
        r.left_out(
            1,
            Level::Debug,
            &format!("skipped {path}: binary format (.{ext})"),
        );
        return;
    }
    if entry.size == 0 {
        r.examined(1, 0);
        return;
    }
    let mut reader = ChunkReader::new(files, path, options.max_file_bytes).with_size(entry.size);
    let first = match reader.next_chunk() {
        Ok(Some(c)) => c,
        Ok(None) => {
            r.examined(1, 0);
            return;
        }
        Err(e) => {
            r.skipped(1, &format!("file {path}"), &e);
            return;
        }
    };
    if looks_binary(&first) {
        r.left_out(1, Level::Info, &format!("skipped {path}: binary content"));
        return;
    }
    let outcome = match format_of(&ext, &first) {
        Format::Delimited(d) => scan_delimited(&mut reader, first, d, path, r, options),
        Format::Json => scan_json(&mut reader, first, path, r, options, false),
        Format::Ndjson => scan_json(&mut reader, first, path, r, options, true),
        Format::Text => scan_plain(&mut reader, first, path, r),
    };
    match outcome {
        Ok(()) => {
            if reader.capped() {
                r.log(
                    Level::Info,
                    &format!(
                        "{path}: only the first {} bytes were read (max-file-bytes)",
                        reader.offset()
                    ),
                );
            }
        }
        Err(e) => {
            r.skipped(1, &format!("file {path}"), &e);
        }
    }
}

/// Reads the next chunk onto `buf`, dropping the `consumed` bytes before it.
/// `Ok(false)` when nothing more comes.
fn refill<F: FileSource + ?Sized>(
    reader: &mut ChunkReader<'_, F>,
    buf: &mut Vec<u8>,
    consumed: &mut usize,
) -> Result<bool, SourceError> {
    match reader.next_chunk()? {
        Some(chunk) => {
            buf.drain(..*consumed);
            *consumed = 0;
            buf.extend_from_slice(&chunk);
            Ok(true)
        }
        None => Ok(false),
    }
}

fn report_all<S: Sink + ?Sized>(
    r: &mut Reporter<'_, S>,
    path: &str,
    field: Option<&str>,
    found: &[crate::ColumnFinding],
) -> bool {
    for f in found {
        let location = Location::File {
            path: path.to_string(),
            field: field.map(str::to_string),
        };
        if !r.report(location, f) {
            return false;
        }
    }
    true
}

fn scan_delimited<F: FileSource + ?Sized, S: Sink + ?Sized>(
    reader: &mut ChunkReader<'_, F>,
    first: Vec<u8>,
    delimiter: Option<u8>,
    path: &str,
    r: &mut Reporter<'_, S>,
    options: &Options,
) -> Result<(), SourceError> {
    let mut buf = first;
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    let d = delimiter.unwrap_or_else(|| sniff_delimiter(&buf));
    let mut pos = 0usize;
    // The header record.
    let header: Vec<String> = loop {
        if let Some((fields, next)) = next_record(&buf, pos, d, reader.at_eof()) {
            pos = next;
            break fields.into_iter().map(|f| f.trim().to_string()).collect();
        }
        if !refill(reader, &mut buf, &mut pos)? {
            r.examined(1, 0);
            return Ok(());
        }
    };
    let headerless = header
        .iter()
        .any(|h| !h.is_empty() && json::key_is_value(h));
    let names: Vec<String> = if headerless {
        (1..=header.len()).map(|k| k.to_string()).collect()
    } else {
        header
            .iter()
            .enumerate()
            .map(|(k, h)| {
                if h.is_empty() {
                    (k + 1).to_string()
                } else {
                    h.clone()
                }
            })
            .collect()
    };
    let mut stats = vec![ColumnStats::new(); names.len()];
    let mut rows = 0u64;
    if headerless {
        for (s, v) in stats.iter_mut().zip(&header) {
            s.add(v);
        }
        rows += 1;
    }
    while rows < options.sample_rows {
        match next_record(&buf, pos, d, reader.at_eof()) {
            Some((fields, next)) => {
                pos = next;
                if fields.len() == 1 && fields[0].trim().is_empty() {
                    continue;
                }
                for (s, v) in stats.iter_mut().zip(&fields) {
                    s.add(v);
                }
                rows += 1;
            }
            None => {
                if !refill(reader, &mut buf, &mut pos)? {
                    break;
                }
            }
        }
    }
    let context = stem(path);
    let mut values = 0;
    for (name, s) in names.iter().zip(&stats) {
        values += s.sampled();
        let found = classify_field(&hints::qualified_name(context, name), "", s);
        if !report_all(r, path, Some(name), &found) {
            break;
        }
    }
    r.examined(names.len() as u64, values);
    Ok(())
}

fn scan_json<F: FileSource + ?Sized, S: Sink + ?Sized>(
    reader: &mut ChunkReader<'_, F>,
    first: Vec<u8>,
    path: &str,
    r: &mut Reporter<'_, S>,
    options: &Options,
    ndjson: bool,
) -> Result<(), SourceError> {
    let mut buf = first;
    let mut consumed = 0;
    let mut fields = Fields::new(options.sample_rows);
    let mut bad_lines = 0u64;
    if ndjson {
        ndjson_records(
            reader,
            &mut buf,
            options.sample_rows,
            &mut fields,
            &mut bad_lines,
        )?;
    } else {
        while refill(reader, &mut buf, &mut consumed)? {}
        let walked = json::walk(&buf, "", |p, v| fields.add(p, &v));
        match walked {
            Ok(Walked::Complete | Walked::Truncated) => {}
            Err(e) if e.reason == "text after the document" => {
                // One document per line after all.
                fields = Fields::new(options.sample_rows);
                let mut rest = Vec::new();
                std::mem::swap(&mut rest, &mut buf);
                ndjson_lines(
                    &rest,
                    true,
                    options.sample_rows,
                    &mut fields,
                    &mut bad_lines,
                );
            }
            Err(e) => {
                r.log(
                    Level::Info,
                    &format!("{path} is not valid JSON ({e}); scanned as text"),
                );
                return scan_plain_buffer(buf, path, r);
            }
        }
    }
    if bad_lines > 0 {
        r.log(
            Level::Warn,
            &format!("{path}: {bad_lines} lines were not valid JSON and were skipped"),
        );
    }
    report_fields(r, path, &fields);
    Ok(())
}

fn report_fields<S: Sink + ?Sized>(r: &mut Reporter<'_, S>, path: &str, fields: &Fields) {
    let context = stem(path);
    for field in fields.iter() {
        let found = classify_field(&field.name(context), field.sql_type(), &field.stats);
        if !report_all(r, path, Some(&field.pointer), &found) {
            break;
        }
    }
    r.examined(fields.len() as u64, fields.values());
}

/// Reads and walks NDJSON records until `limit` records were seen or the
/// file (or its cap) ends.
fn ndjson_records<F: FileSource + ?Sized>(
    reader: &mut ChunkReader<'_, F>,
    buf: &mut Vec<u8>,
    limit: u64,
    fields: &mut Fields,
    bad: &mut u64,
) -> Result<(), SourceError> {
    let mut records = 0u64;
    loop {
        let eof = reader.at_eof();
        // Complete lines only, unless the file ended.
        let cut = if eof {
            buf.len()
        } else {
            buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
        };
        records += ndjson_lines(&buf[..cut], eof, limit - records, fields, bad);
        buf.drain(..cut);
        if records >= limit || eof {
            return Ok(());
        }
        match reader.next_chunk()? {
            Some(chunk) => buf.extend_from_slice(&chunk),
            None => {
                // The cap: a last, cut line is walked as far as it goes.
                ndjson_lines(buf, true, limit - records, fields, bad);
                return Ok(());
            }
        }
    }
}

/// Walks up to `limit` non-empty lines as JSON records at `/*`; returns how
/// many were walked.
fn ndjson_lines(text: &[u8], last: bool, limit: u64, fields: &mut Fields, bad: &mut u64) -> u64 {
    let mut n = 0;
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let mut lines = text.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if n >= limit {
            break;
        }
        if line.trim_ascii().is_empty() {
            continue;
        }
        let is_last = lines.peek().is_none();
        // Walk into a scratch table first, so a bad line adds nothing.
        let mut scratch: Vec<(String, json::Scalar<'_>)> = Vec::new();
        match json::walk(line, "/*", |p, v| scratch.push((p.to_string(), v))) {
            Ok(Walked::Complete) => {}
            Ok(Walked::Truncated) if last && is_last => {}
            _ => {
                *bad += 1;
                continue;
            }
        }
        for (p, v) in &scratch {
            fields.add(p, v);
        }
        n += 1;
    }
    n
}

fn scan_plain<F: FileSource + ?Sized, S: Sink + ?Sized>(
    reader: &mut ChunkReader<'_, F>,
    first: Vec<u8>,
    path: &str,
    r: &mut Reporter<'_, S>,
) -> Result<(), SourceError> {
    let mut lines = LineScanner::default();
    let mut chunk = first;
    loop {
        let next = reader.next_chunk()?;
        lines.feed(&chunk, next.is_none());
        match next {
            Some(c) => chunk = c,
            None => break,
        }
    }
    report_text(r, path, lines.finish());
    Ok(())
}

fn scan_plain_buffer<S: Sink + ?Sized>(
    buf: Vec<u8>,
    path: &str,
    r: &mut Reporter<'_, S>,
) -> Result<(), SourceError> {
    let mut lines = LineScanner::default();
    lines.feed(&buf, true);
    report_text(r, path, lines.finish());
    Ok(())
}

fn report_text<S: Sink + ?Sized>(r: &mut Reporter<'_, S>, path: &str, stats: TextStats) {
    report_all(r, path, None, &stats.findings());
    r.examined(1, stats.sampled());
}

/// Bytes kept before the counted part of each buffer, so that the
/// detectors see what precedes a match (word boundaries, birth words).
const CONTEXT: usize = 64;

/// The free-text detectors over a text that arrives in chunks, counted by
/// line: which kinds each line holds ([`TextStats`]). Consecutive chunks
/// overlap by [`MAX_MATCH_LEN`] bytes plus some context, so a value that
/// straddles two chunks is found once.
///
/// ```
/// use ropa_plugin_sdk::{Kind, scanner::files::LineScanner};
/// let text = b"naam: Jan\nmail jan@example.nl of bel 06-12345678\n\nniets\n";
/// let mut lines = LineScanner::default();
/// for chunk in text.chunks(7) {
///     lines.feed(chunk, false);
/// }
/// lines.feed(b"", true);
/// let stats = lines.finish();
/// assert_eq!((stats.sampled(), stats.with(Kind::Email), stats.with(Kind::Phone)), (4, 1, 1));
/// ```
#[derive(Default)]
pub struct LineScanner {
    carry: Vec<u8>,
    /// Absolute offset of `carry[0]`.
    base: u64,
    /// Matches and newlines count from here.
    count_from: u64,
    /// No match may start before the end of the last counted one.
    skip_until: u64,
    /// Newlines counted so far.
    newlines: u64,
    /// What the line of the last match holds so far; that line is the one
    /// after the last newline counted.
    current: Option<[bool; Kind::COUNT]>,
    stats: TextStats,
    lines_with: u64,
    /// Whether the last byte fed was a newline.
    ends_in_newline: bool,
    any: bool,
}

impl LineScanner {
    /// Scans the next chunk; `last` when no more will come.
    pub fn feed(&mut self, chunk: &[u8], last: bool) {
        if !chunk.is_empty() {
            self.any = true;
            self.ends_in_newline = chunk.last() == Some(&b'\n');
        }
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        let base = self.base;
        let end = base + buf.len() as u64;
        let limit = if last {
            end
        } else {
            end.saturating_sub(MAX_MATCH_LEN as u64)
        }
        .max(self.count_from);
        let (count_from, mut skip_until) = (self.count_from, self.skip_until);
        // Where the newlines of the counted part are: one bit per byte, and
        // how many lie before each 64-byte word. A match's line is then a
        // lookup, not a scan back to the previous match.
        let from = (count_from - base) as usize;
        let counted = &buf[from..(limit - base) as usize];
        let bits = newline_bits(counted);
        let mut before = Vec::with_capacity(bits.len());
        let mut total = 0u64;
        for w in &bits {
            before.push(total);
            total += u64::from(w.count_ones());
        }
        let line_of = |pos: usize| -> u64 {
            let k = pos - from;
            let (w, bit) = (k / 64, k % 64);
            before[w] + u64::from((bits[w] & ((1u64 << bit) - 1)).count_ones())
        };
        let first_line = self.newlines;
        let mut current = self.current.take();
        let mut current_line = if current.is_some() {
            Some(first_line)
        } else {
            None
        };
        let (stats, lines_with) = (&mut self.stats, &mut self.lines_with);
        scan_bytes(&buf, |m| {
            let s = base + m.start as u64;
            if s < count_from || s >= limit || s < skip_until {
                return;
            }
            skip_until = base + m.end as u64;
            if m.kind == Kind::Date && m.confidence < BIRTH_DATE_IN_CONTEXT {
                return;
            }
            if m.kind == Kind::Bsn && m.confidence >= BSN_IN_CONTEXT {
                stats.record_bsn_in_context(1);
            }
            let line = first_line + line_of(m.start);
            if current_line != Some(line) {
                if let Some(seen) = current.take() {
                    stats.record(seen);
                    *lines_with += 1;
                }
                current = Some([false; Kind::COUNT]);
                current_line = Some(line);
            }
            if let Some(seen) = &mut current {
                seen[m.kind.index()] = true;
            }
        });
        self.newlines += total;
        // The line of the last match may go on in the next chunk.
        if current_line.is_some_and(|l| l != self.newlines)
            && let Some(seen) = current.take()
        {
            self.stats.record(seen);
            self.lines_with += 1;
        }
        self.current = current;
        self.skip_until = skip_until;
        self.count_from = limit;
        let keep_from = limit.saturating_sub(CONTEXT as u64).max(base);
        buf.drain(..(keep_from - base) as usize);
        self.carry = buf;
        self.base = keep_from;
    }

    /// The counts: one value per line.
    pub fn finish(mut self) -> TextStats {
        if let Some(seen) = self.current.take() {
            self.stats.record(seen);
            self.lines_with += 1;
        }
        let lines = if !self.any {
            0
        } else if self.ends_in_newline {
            self.newlines
        } else {
            self.newlines + 1
        };
        self.stats
            .record_empty(lines.saturating_sub(self.lines_with));
        self.stats
    }
}

/// A bit per byte of `b`, set where the byte is `\n`; bit `k % 64` of word
/// `k / 64` for byte `k`, with a last word for a tail shorter than 64.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn newline_bits(b: &[u8]) -> Vec<u64> {
    let mut out = Vec::with_capacity(b.len() / 64 + 1);
    let mut blocks = b.chunks_exact(64);
    for block in &mut blocks {
        out.push(newline_word(block));
    }
    let tail = blocks.remainder();
    let mut w = 0u64;
    for (k, &c) in tail.iter().enumerate() {
        w |= u64::from(c == b'\n') << k;
    }
    out.push(w);
    out
}

/// The newline bits of 64 bytes: WebAssembly SIMD, enabled for this
/// function (Wasmtime supports it by default).
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
#[inline]
fn newline_word(block: &[u8]) -> u64 {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load};
    assert!(block.len() >= 64);
    let nl = u8x16_splat(b'\n');
    let mut w = 0u64;
    for k in 0..4 {
        // SAFETY: `block` holds at least 64 bytes (asserted above), so the
        // 16 bytes at `16 * k` are inside it; no alignment is required.
        let v: v128 = unsafe { v128_load(block.as_ptr().add(16 * k).cast()) };
        w |= u64::from(u8x16_bitmask(u8x16_eq(v, nl))) << (16 * k);
    }
    w
}

/// The newline bits of 64 bytes, eight at a time: an exact per-byte zero
/// test of `x ^ "\n\n…"`, its high bits gathered into one byte.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn newline_word(block: &[u8]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut w = 0u64;
    for (k, eight) in block.chunks_exact(8).take(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])) ^ NL;
        // High bit of each byte set where that byte of `x` is zero.
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        // Gather the eight high bits (bit 8i+7 → bit i).
        let bits = ((zero >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        w |= bits << (8 * k);
    }
    w
}
