//! A scan's findings on disk while the scan is written out, so that what
//! `ropa scan` holds in memory does not grow with what it found. When a
//! system's run ends its findings go to one anonymous temporary file (in
//! `TMPDIR`, gone when closed) as JSON lines, and leave memory; every
//! destination — the saved scan, `-o`, standard output, the table on the
//! terminal — then reads them back one at a time. What stays in memory is
//! the findings of the systems being scanned (each bounded by its run's
//! limits) and, per system, what the host says of it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, SerializeStruct, Serializer};

use crate::plugin::{Finding, ScanFailure};
use crate::report::{SCHEMA, SystemScan, scan_id};

/// Where the findings wait while systems are scanned; shared by the
/// threads that scan them.
#[derive(Debug)]
pub struct Spool {
    /// The file, and where its written part ends.
    file: Mutex<(File, u64)>,
}

/// One system's part of a scan, its findings in the spool.
#[derive(Debug)]
pub struct Spooled {
    /// The system's part of the scan but its findings: `findings` is
    /// empty here; [`Scan::findings`] reads them.
    pub head: SystemScan,
    /// How many findings.
    pub count: u64,
    /// The widest location among them, in characters (to align a table).
    pub widest: usize,
    start: u64,
    len: u64,
}

impl Spool {
    pub fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: Mutex::new((tempfile::tempfile()?, 0)),
        })
    }

    /// Moves `system`'s findings into the spool. When they cannot be
    /// written (the temporary file's disk is full), the system is reported
    /// failed in the host's words and its findings are dropped: a scan
    /// that keeps only some of what it found would pass for complete.
    pub fn keep(&self, mut system: SystemScan) -> Spooled {
        let findings = std::mem::take(&mut system.findings);
        let widest = findings
            .iter()
            .map(|f| f.location.chars().count())
            .max()
            .unwrap_or(0);
        let mut guard = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        let (file, end) = &mut *guard;
        match append(file, *end, &findings) {
            Ok(len) => {
                let start = *end;
                *end += len;
                Spooled {
                    head: system,
                    count: findings.len() as u64,
                    widest,
                    start,
                    len,
                }
            }
            Err(err) => {
                system.summary = None;
                system.error = Some(ScanFailure::new(
                    "host",
                    format!(
                        "ropa could not keep the {} findings in a temporary file (TMPDIR): {err}",
                        findings.len()
                    ),
                ));
                Spooled {
                    head: system,
                    count: 0,
                    widest: 0,
                    start: *end,
                    len: 0,
                }
            }
        }
    }
}

/// Writes `findings` as JSON lines at `at`; returns how many bytes. What a
/// failed write left past `at` is written over by the next.
fn append(file: &mut File, at: u64, findings: &[Finding]) -> io::Result<u64> {
    use std::io::Seek;
    file.seek(io::SeekFrom::Start(at))?;
    let mut out = Counting {
        inner: BufWriter::new(&mut *file),
        written: 0,
    };
    for finding in findings {
        serde_json::to_writer(&mut out, finding)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(out.written)
}

/// A writer that counts what passes through it.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A finished scan, its findings in the spool. It serialises as its
/// findings file (`schemas/findings.schema.json`, the same bytes
/// [`FindingsFile`](crate::FindingsFile) would give), reading the findings
/// from the spool as it goes, so writing it out holds one finding at a
/// time in memory, to whatever destination.
#[derive(Debug)]
pub struct Scan {
    /// Names the scan: see [`FindingsFile::id`](crate::FindingsFile).
    pub id: String,
    /// When the scan started, UTC, RFC 3339.
    pub started: String,
    /// The `ropa` version that ran it.
    pub ropa: String,
    /// The register directory scanned, as given.
    pub register: String,
    systems: Vec<Spooled>,
    spool: File,
}

impl Scan {
    pub fn new(started: String, register: &Path, systems: Vec<Spooled>, spool: Spool) -> Scan {
        let (spool, _) = spool
            .file
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        Scan {
            id: scan_id(&started),
            started,
            ropa: env!("CARGO_PKG_VERSION").to_owned(),
            register: register.display().to_string(),
            systems,
            spool,
        }
    }

    /// The same scan under a new id: the same start time, another random
    /// part. For when the id is taken (see `store::save`).
    pub fn redraw_id(&mut self) {
        self.id = scan_id(&self.started);
    }

    /// The systems, in the order scanned.
    pub fn systems(&self) -> &[Spooled] {
        &self.systems
    }

    /// How many systems failed.
    pub fn failures(&self) -> usize {
        self.systems
            .iter()
            .filter(|s| s.head.error.is_some())
            .count()
    }

    /// A system's findings, read from the spool one at a time.
    pub fn findings<'a>(&'a self, system: &Spooled) -> Findings<'a> {
        Findings {
            lines: BufReader::new(SpoolPart {
                file: &self.spool,
                at: system.start,
                end: system.start + system.len,
            }),
            line: Vec::new(),
        }
    }

    /// Writes the findings file to `path` whole or not at all
    /// (`ropa_register::atomic`), streamed. The error names the file.
    pub fn write_file(&self, path: &Path) -> Result<(), String> {
        ropa_register::atomic::write_atomically_with(path, |file| self.write_json(file))
    }

    /// Writes the findings file, pretty-printed, to `out`.
    pub fn write_json(&self, out: impl Write) -> io::Result<()> {
        let mut out = BufWriter::new(out);
        serde_json::to_writer_pretty(&mut out, self)?;
        out.flush()
    }
}

/// A system's findings, read back from the spool.
pub struct Findings<'a> {
    lines: BufReader<SpoolPart<'a>>,
    line: Vec<u8>,
}

impl Iterator for Findings<'_> {
    type Item = io::Result<Finding>;

    fn next(&mut self) -> Option<io::Result<Finding>> {
        self.line.clear();
        match self.lines.read_until(b'\n', &mut self.line) {
            Ok(0) => None,
            Ok(_) => Some(serde_json::from_slice(&self.line).map_err(io::Error::other)),
            Err(err) => Some(Err(err)),
        }
    }
}

/// A part of the spool, read by position: readers of different systems
/// never move each other's place in the file.
struct SpoolPart<'a> {
    file: &'a File,
    at: u64,
    end: u64,
}

impl Read for SpoolPart<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = (self.end - self.at).min(buf.len() as u64) as usize;
        if left == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, &mut buf[..left], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

// The findings file's layout, field by field as `FindingsFile` and
// `SystemScan` derive it (a test holds the bytes of the two equal).
impl Serialize for Scan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut file = serializer.serialize_struct("FindingsFile", 6)?;
        file.serialize_field("$schema", SCHEMA)?;
        file.serialize_field("id", &self.id)?;
        file.serialize_field("started", &self.started)?;
        file.serialize_field("ropa", &self.ropa)?;
        file.serialize_field("register", &self.register)?;
        file.serialize_field("systems", &Systems(self))?;
        file.end()
    }
}

struct Systems<'a>(&'a Scan);

impl Serialize for Systems<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.systems.iter().map(|spooled| System {
            scan: self.0,
            spooled,
        }))
    }
}

struct System<'a> {
    scan: &'a Scan,
    spooled: &'a Spooled,
}

impl Serialize for System<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let head = &self.spooled.head;
        let mut system = serializer.serialize_struct("SystemScan", 6)?;
        system.serialize_field("system", &head.system)?;
        system.serialize_field("plugin", &head.plugin)?;
        system.serialize_field("kind", &head.kind)?;
        match &head.summary {
            Some(summary) => system.serialize_field("summary", summary)?,
            None => system.skip_field("summary")?,
        }
        match &head.error {
            Some(error) => system.serialize_field("error", error)?,
            None => system.skip_field("error")?,
        }
        system.serialize_field("findings", &SpooledFindings(self))?;
        system.end()
    }
}

struct SpooledFindings<'a>(&'a System<'a>);

impl Serialize for SpooledFindings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let System { scan, spooled } = self.0;
        let mut seq = serializer.serialize_seq(Some(spooled.count as usize))?;
        for finding in scan.findings(spooled) {
            let finding = finding.map_err(|err| {
                S::Error::custom(format!(
                    "cannot read the findings back from the temporary file: {err}"
                ))
            })?;
            seq.serialize_element(&finding)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plugin::Summary;
    use crate::report::{FindingsFile, PluginRef};

    fn finding(i: usize) -> Finding {
        Finding {
            location: format!("table_{i}.e\u{301}mail \"quoted\""),
            category: "pd:EmailAddress".into(),
            confidence: 0.25 * (i % 4) as f32,
            matches: i as u64,
            sampled: 200,
            detector: "column-name+email".into(),
            view_of: Vec::new(),
        }
    }

    fn system(id: &str, findings: usize, failed: bool) -> SystemScan {
        let mut system = SystemScan::failed(
            id,
            Some(PluginRef {
                name: "database-scanner".into(),
                version: "0.1.0".into(),
                sha256: "00".into(),
            }),
            "sqlite",
            "trap",
            "the plugin crashed".into(),
            std::time::Instant::now(),
        );
        if !failed {
            system.error = None;
            system.summary = Some(Summary {
                findings: findings as u64,
                truncated: true,
            });
        }
        system.findings = (0..findings).map(finding).collect();
        system
    }

    /// The systems of a scan, kept by threads in whatever order they end,
    /// and the findings file the same systems make in memory.
    fn scan_and_file() -> (Scan, FindingsFile) {
        let systems = vec![
            system("crm", 1000, false),
            system("empty", 0, false),
            system("broken", 3, true),
            system("shop", 250, false),
        ];
        let spool = Spool::new().unwrap();
        let kept: Vec<Spooled> = std::thread::scope(|scope| {
            let handles: Vec<_> = systems
                .iter()
                .rev()
                .map(|s| {
                    let (s, spool) = (s.clone(), &spool);
                    scope.spawn(move || spool.keep(s))
                })
                .collect();
            let mut kept: Vec<Spooled> = handles.into_iter().map(|h| h.join().unwrap()).collect();
            kept.reverse();
            kept
        });
        let scan = Scan::new(
            "2026-11-26T04:00:00.000Z".into(),
            Path::new("register"),
            kept,
            spool,
        );
        let file = FindingsFile {
            schema: SCHEMA.into(),
            id: scan.id.clone(),
            started: scan.started.clone(),
            ropa: scan.ropa.clone(),
            register: scan.register.clone(),
            systems,
        };
        (scan, file)
    }

    #[test]
    fn a_spooled_scan_writes_the_bytes_of_its_findings_file() {
        let (scan, file) = scan_and_file();
        let mut streamed = Vec::new();
        scan.write_json(&mut streamed).unwrap();
        let whole = serde_json::to_vec_pretty(&file).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        assert_eq!(scan.failures(), 1);
    }

    #[test]
    fn each_system_reads_back_its_own_findings_in_order() {
        let (scan, file) = scan_and_file();
        let systems = scan.systems();
        // Two readers at once do not move each other's place.
        let mut crm = scan.findings(&systems[0]);
        let mut shop = scan.findings(&systems[3]);
        for i in 0..250 {
            assert_eq!(crm.next().unwrap().unwrap(), finding(i));
            assert_eq!(shop.next().unwrap().unwrap(), finding(i));
        }
        assert!(shop.next().is_none());
        assert_eq!(crm.count(), 750);
        for (spooled, system) in systems.iter().zip(&file.systems) {
            let read: Vec<Finding> = scan.findings(spooled).map(Result::unwrap).collect();
            assert_eq!(read, system.findings, "{}", system.system);
            assert_eq!(spooled.count as usize, system.findings.len());
            assert!(spooled.head.findings.is_empty(), "no longer in memory");
        }
        assert_eq!(
            systems[0].widest,
            "table_999.e\u{301}mail \"quoted\"".chars().count()
        );
    }

    #[test]
    fn write_file_replaces_the_file_whole_or_says_why_not() {
        let (scan, file) = scan_and_file();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("findings.json");
        std::fs::write(&path, "old").unwrap();
        scan.write_file(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            serde_json::to_vec_pretty(&file).unwrap()
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = scan
            .write_file(&dir.path().join("missing/findings.json"))
            .unwrap_err();
        assert!(
            err.contains("missing") && err.contains("does not exist"),
            "{err}"
        );
        let err = scan.write_file(dir.path()).unwrap_err();
        assert!(err.contains("is a directory"), "{err}");
    }
}
