//! The plugin runtime's costs, measured with the bundled plugins.
//!
//! - **First compile** of each bundled plugin (no cache), and a **cached
//!   load** (deserialize + link + `describe`).
//! - **Per-system overhead**: a fresh store and instance from the
//!   pre-instantiated component plus a scan of an empty system (the
//!   database scanner on a SQLite file with no tables); target under 1 ms.
//! - **Detector throughput inside the sandbox vs native**: the file scanner
//!   over 100 MiB of generated text with personal data in it, read through
//!   the `files` capability in 1 MiB chunks, against the same scanning code
//!   (`ropa_plugin_sdk::scanner::files`) compiled natively and reading the
//!   same file in the same chunks — one process, one core each, measured
//!   in one run. Targets: at least 0.6 of native, at least 150 MB/s.
//! - **The guard's indexer** on its own, one core: the same file handed to
//!   [`Guard::text`] in the same chunks. The sandboxed run indexes on a
//!   thread beside the plugin; when the indexer is slower than the plugin,
//!   the sandbox waits for it.
//!
//! Run with `cargo bench -p ropa --bench plugin`. Not a test: it reports.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ropa_connect::{FilesConnector, SqlConnection, SqliteConnector};
use ropa_plugin_sdk::scanner::files as file_scan;
use ropa_plugin_sdk::source::{DirEntry, EntryKind, FileSource, Finding, Level, Sink, SourceError};
use ropa_scan::plugin::{Cache, Grants, Guard, Limits, Runtime, ScanRequest, Source, bundled};

const TEXT_BYTES: usize = 100 << 20;
/// What the `files` capability hands out per call, and the SDK asks for.
const READ_BYTES: usize = 1 << 20;

fn main() {
    let tmp = tempfile::tempdir().unwrap();

    println!("first compile (no cache) and cached load, per bundled plugin:");
    let cache_dir = tmp.path().join("cache");
    let cold = Runtime::new(None).unwrap();
    let warm = Runtime::new(Some(Cache::new(cache_dir))).unwrap();
    for b in bundled::BUNDLED {
        let started = Instant::now();
        cold.load(Source::Bundled(b)).unwrap();
        let compile = started.elapsed();
        warm.load(Source::Bundled(b)).unwrap(); // fills the cache
        let loads = (0..20)
            .map(|_| {
                let started = Instant::now();
                let p = warm.load(Source::Bundled(b)).unwrap();
                assert_eq!(p.origin, ropa_scan::plugin::Origin::Cached);
                started.elapsed()
            })
            .collect();
        println!(
            "  {:<18} {:>7} KiB  compile {:>7.1} ms   cached load (median of 20) {:>6.2} ms",
            b.name,
            b.wasm.len() / 1024,
            ms(compile),
            ms(median(loads))
        );
    }

    let db = tmp.path().join("empty.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 1;")
        .unwrap();
    let scanner = warm
        .load(Source::Bundled(bundled::find("database-scanner").unwrap()))
        .unwrap();
    let empty = serde_json::Map::new();
    let runs: Vec<Duration> = (0..300)
        .map(|_| {
            let sql = SqliteConnector::open(&db, Duration::from_secs(5)).unwrap();
            let started = Instant::now();
            let result = warm.scan(
                &scanner,
                ScanRequest {
                    system: "empty".into(),
                    kind: "sqlite".into(),
                    config: &empty,
                    grants: Grants {
                        sql: Some(SqlConnection::from(sql)),
                        ..Grants::default()
                    },
                    kinds: Vec::new(),
                    limits: Limits::default(),
                    progress: None,
                },
            );
            let took = started.elapsed();
            assert!(result.outcome.is_ok(), "{:?}", result.outcome);
            took
        })
        .collect();
    let overhead = median(runs[50..].to_vec());
    println!(
        "\nper-system overhead (store + instance + empty scan, median of 250 warm): {:.3} ms (target < 1 ms){}",
        ms(overhead),
        if ms(overhead) < 1.0 { "" } else { "  MISSED" }
    );

    let text_dir = tmp.path().join("text");
    std::fs::create_dir(&text_dir).unwrap();
    let text_file = text_dir.join("mail-archive.txt");
    write_text(&text_file, TEXT_BYTES);
    let files = warm
        .load(Source::Bundled(bundled::find("file-scanner").unwrap()))
        .unwrap();
    let mut config = serde_json::Map::new();
    config.insert("max-file-bytes".into(), (TEXT_BYTES as u64 * 2).into());
    let limits = Limits {
        bytes: 4 << 30,
        ..Limits::default()
    };
    let mut sandbox = Vec::new();
    let mut native = Vec::new();
    let mut findings = (0, 0);
    for _ in 0..3 {
        let started = Instant::now();
        let result = warm.scan(
            &files,
            ScanRequest {
                system: "text".into(),
                kind: "files".into(),
                config: &config,
                grants: Grants {
                    files: Some(FilesConnector::open(&text_dir).unwrap()),
                    ..Grants::default()
                },
                kinds: Vec::new(),
                limits,
                progress: None,
            },
        );
        sandbox.push(started.elapsed());
        let summary = result.outcome.expect("the sandboxed scan succeeds");
        assert!(result.operator.bytes_read > 0 || summary.findings > 0);
        findings.0 = result.findings.len();

        let started = Instant::now();
        let mut source = DiskFiles(text_dir.clone());
        let mut sink = CountingSink(0);
        let options = file_scan::Options {
            max_file_bytes: TEXT_BYTES as u64 * 2,
            ..file_scan::Options::default()
        };
        file_scan::scan_with(&mut source, &mut sink, &options).expect("the native scan succeeds");
        native.push(started.elapsed());
        findings.1 = sink.0;
    }
    assert_eq!(findings.0, findings.1, "sandbox and native find the same");
    let text = std::fs::read(&text_file).unwrap();
    let indexer: Vec<Duration> = (0..3).map(|_| index(&text)).collect();
    let (s, n) = (best(&sandbox), best(&native));
    let mbps = |d: Duration| TEXT_BYTES as f64 / 1e6 / d.as_secs_f64();
    let runs = |v: &[Duration]| {
        v.iter()
            .map(|d| format!("{:.0}", ms(*d)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "\nfile scanner over {} MiB of text with personal data ({} findings), best of 3:",
        TEXT_BYTES >> 20,
        findings.0
    );
    println!(
        "  inside the sandbox {:>8.1} MB/s  ({:.0} ms; runs {} ms)",
        mbps(s),
        ms(s),
        runs(&sandbox)
    );
    println!(
        "  native             {:>8.1} MB/s  ({:.0} ms; runs {} ms)",
        mbps(n),
        ms(n),
        runs(&native)
    );
    let i = best(&indexer);
    println!(
        "  guard's indexer    {:>8.1} MB/s  ({:.0} ms; runs {} ms; one core, beside the sandbox)",
        mbps(i),
        ms(i),
        runs(&indexer)
    );
    let ratio = n.as_secs_f64() / s.as_secs_f64();
    println!(
        "  ratio sandbox/native {ratio:.2} (target >= 0.6){}; sandbox throughput target >= 150 MB/s{}",
        if ratio >= 0.6 { "" } else { "  MISSED" },
        if mbps(s) >= 150.0 { "" } else { "  MISSED" }
    );
}

/// How long the guard takes to index `text` handed to it in reads.
fn index(text: &[u8]) -> Duration {
    let mut guard = Guard::default();
    let started = Instant::now();
    for (i, read) in text.chunks(READ_BYTES).enumerate() {
        guard.text(Some("mail-archive.txt"), (i * READ_BYTES) as u64, read);
    }
    started.elapsed()
}

/// The same reads the `files` capability does, from disk, natively.
struct DiskFiles(PathBuf);

impl FileSource for DiskFiles {
    fn list_dir(&mut self, _path: &str) -> Result<Vec<DirEntry>, SourceError> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.0).unwrap() {
            let e = e.unwrap();
            out.push(DirEntry {
                path: e.file_name().to_string_lossy().into_owned(),
                kind: EntryKind::File,
                size: e.metadata().unwrap().len(),
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn read(&mut self, path: &str, offset: u64, length: u32) -> Result<Vec<u8>, SourceError> {
        let mut f = std::fs::File::open(self.0.join(path)).unwrap();
        f.seek(SeekFrom::Start(offset)).unwrap();
        let length = length.min(READ_BYTES as u32);
        let mut buf = Vec::with_capacity(length as usize);
        f.take(u64::from(length)).read_to_end(&mut buf).unwrap();
        Ok(buf)
    }
}

struct CountingSink(usize);

impl Sink for CountingSink {
    fn report(&mut self, _finding: &Finding) -> Result<(), SourceError> {
        self.0 += 1;
        Ok(())
    }

    fn log(&mut self, _level: Level, _message: &str) {}
}

/// Dutch mail-archive-like text: sentences with e-mail addresses, phone
/// numbers, IBANs, postcodes and dates among ordinary words.
fn write_text(path: &Path, size: usize) {
    const WORDS: [&str; 16] = [
        "bestelling",
        "levering",
        "factuur",
        "vraag",
        "graag",
        "retour",
        "klant",
        "pakket",
        "morgen",
        "adres",
        "bedankt",
        "groet",
        "status",
        "product",
        "korting",
        "betaling",
    ];
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    while written < size {
        let mut line = String::new();
        for _ in 0..12 {
            line.push_str(WORDS[(next() % 16) as usize]);
            line.push(' ');
        }
        match next() % 6 {
            0 => line.push_str(&format!("mail naar klant{}@voorbeeld.nl ", next() % 10_000)),
            1 => line.push_str(&format!("bel 06-{:08} ", next() % 100_000_000)),
            2 => line.push_str("rekening NL91ABNA0417164300 "),
            3 => line.push_str(&format!("postcode {} AB ", 1000 + next() % 9000)),
            4 => line.push_str(&format!(
                "geboren 1{}-0{}-1975 ",
                next() % 3,
                1 + next() % 9
            )),
            _ => {}
        }
        line.push('\n');
        out.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn best(v: &[Duration]) -> Duration {
    *v.iter().min().unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
