//! Reading a file through [`FileSource::read`] in chunks, up to a cap.

use crate::source::{FileSource, SourceError};

/// The default chunk size: 1 MiB per `files.read` call.
pub const DEFAULT_CHUNK: u32 = 1 << 20;

/// Reads one file in chunks of at most `chunk` bytes, never more than `cap`
/// bytes in all. The host may return fewer bytes per call than asked (its
/// own per-call cap); the reader goes on until the file ends (an empty
/// read, or the size the listing gave) or the cap is reached.
///
/// ```
/// use ropa_plugin_sdk::reader::ChunkReader;
/// use ropa_plugin_sdk::source::{DirEntry, FileSource, SourceError};
///
/// struct One(Vec<u8>);
/// impl FileSource for One {
///     fn list_dir(&mut self, _: &str) -> Result<Vec<DirEntry>, SourceError> { Ok(vec![]) }
///     fn read(&mut self, _: &str, offset: u64, length: u32) -> Result<Vec<u8>, SourceError> {
///         let s = (offset as usize).min(self.0.len());
///         Ok(self.0[s..(s + length as usize).min(self.0.len())].to_vec())
///     }
/// }
/// let mut files = One(b"0123456789".to_vec());
/// let mut r = ChunkReader::new(&mut files, "f.txt", 8).with_chunk(3);
/// let mut got = Vec::new();
/// while let Some(chunk) = r.next_chunk().unwrap() {
///     got.extend(chunk);
/// }
/// assert_eq!(got, b"01234567");
/// assert!(r.capped());
/// ```
pub struct ChunkReader<'a, F: FileSource + ?Sized> {
    files: &'a mut F,
    path: &'a str,
    offset: u64,
    cap: u64,
    chunk: u32,
    size: Option<u64>,
    eof: bool,
}

impl<'a, F: FileSource + ?Sized> ChunkReader<'a, F> {
    /// A reader of `path` that reads at most `cap` bytes.
    pub fn new(files: &'a mut F, path: &'a str, cap: u64) -> Self {
        ChunkReader {
            files,
            path,
            offset: 0,
            cap,
            chunk: DEFAULT_CHUNK,
            size: None,
            eof: false,
        }
    }

    /// Asks for at most `chunk` bytes per call (at least 1).
    pub fn with_chunk(mut self, chunk: u32) -> Self {
        self.chunk = chunk.max(1);
        self
    }

    /// The file's size as listed: the reader stops there without asking
    /// for an empty chunk.
    pub fn with_size(mut self, size: u64) -> Self {
        self.size = Some(size);
        self
    }

    /// The next chunk, or `None` once the file ended or the cap was
    /// reached.
    pub fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, SourceError> {
        if self.eof || self.offset >= self.cap || self.size.is_some_and(|s| self.offset >= s) {
            if self.size.is_some_and(|s| self.offset >= s) {
                self.eof = true;
            }
            return Ok(None);
        }
        let want = (self.cap - self.offset).min(u64::from(self.chunk)) as u32;
        let bytes = self.files.read(self.path, self.offset, want)?;
        if bytes.is_empty() {
            self.eof = true;
            return Ok(None);
        }
        self.offset += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// Bytes read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Whether the file is known to have ended.
    pub fn at_eof(&self) -> bool {
        self.eof || self.size.is_some_and(|s| self.offset >= s)
    }

    /// Whether reading stopped at the cap with (possibly) more of the file
    /// left unread.
    pub fn capped(&self) -> bool {
        self.offset >= self.cap && !self.at_eof()
    }
}
