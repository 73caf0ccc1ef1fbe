//! The ZIP container of an XLSX workbook, its members made and compressed
//! on every core.
//!
//! A member's text is made in pieces. Each piece is made and deflated on
//! whichever core is free, as its own run of raw deflate blocks: every
//! piece but the last ends on a sync flush (an empty stored block, so the
//! next piece starts on a byte boundary) and the last one ends the stream.
//! Joined in order, the runs are one valid deflate stream, and the pieces'
//! CRC-32s combine into the member's. How a member is cut into pieces is up
//! to the caller and never depends on the number of cores, so the archive's
//! bytes are the same on every machine.
//!
//! Every member is dated 1980-01-01 00:00, the earliest date ZIP can hold:
//! the clock never reaches the bytes.

use std::sync::Mutex;

use flate2::{Compress, Compression, FlushCompress, Status};

/// Deflate level 1: the sheet's XML repeats itself so much that higher
/// levels make a file only a little smaller, at three times the time.
const LEVEL: u32 = 1;

/// Makes one piece of a member's text.
pub type Piece<'a> = Box<dyn FnOnce() -> Vec<u8> + Send + 'a>;

/// A member of the archive: its name and the pieces of its text, in order.
pub struct Member<'a> {
    pub name: &'static str,
    pub pieces: Vec<Piece<'a>>,
}

impl<'a> Member<'a> {
    /// A member whose text is already made.
    pub fn whole(name: &'static str, text: Vec<u8>) -> Member<'a> {
        Member {
            name,
            pieces: vec![Box::new(move || text)],
        }
    }
}

/// Why an archive cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum ZipError {
    #[error(
        "{name} would hold {bytes} bytes; a ZIP archive without the ZIP64 extension holds at most 4 GiB per member"
    )]
    TooLarge { name: &'static str, bytes: u64 },
}

/// One piece, made and deflated.
struct Deflated {
    bytes: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

/// The archive of `members`, in their order.
pub fn archive(members: Vec<Member<'_>>) -> Result<Vec<u8>, ZipError> {
    let mut names = Vec::with_capacity(members.len());
    let mut jobs = Vec::new();
    for member in members {
        names.push((member.name, member.pieces.len()));
        let last = member.pieces.len().saturating_sub(1);
        for (i, piece) in member.pieces.into_iter().enumerate() {
            jobs.push((jobs.len(), piece, i == last));
        }
    }
    let deflated = run_all(jobs);

    let mut out = Vec::with_capacity(deflated.iter().map(|d| d.bytes.len() + 128).sum());
    let mut central = Vec::new();
    let mut pieces = deflated.into_iter();
    for &(name, count) in &names {
        let mut crc = crc32fast::Hasher::new();
        let mut len = 0u64;
        let mut data = Vec::new();
        for piece in pieces.by_ref().take(count) {
            crc.combine(&piece.crc);
            len += piece.len;
            data.push(piece.bytes);
        }
        if count == 0 {
            // An empty member is still a valid, empty deflate stream.
            data.push(deflate(&[], true));
        }
        let compressed: u64 = data.iter().map(|d| d.len() as u64).sum();
        let offset = out.len() as u64;
        let header = Header {
            name,
            crc: crc.finalize(),
            compressed: u32_or(compressed, name)?,
            len: u32_or(len, name)?,
            offset: u32_or(offset, name)?,
        };
        header.write_local(&mut out);
        for d in data {
            out.extend_from_slice(&d);
        }
        header.write_central(&mut central);
    }
    let entries = u16::try_from(names.len()).expect("an XLSX has a few members");
    let central_offset = u32_or(out.len() as u64, "the central directory")?;
    let central_len = central.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]); // this disk, the disk with the directory
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]); // no comment
    Ok(out)
}

fn u32_or(n: u64, name: &'static str) -> Result<u32, ZipError> {
    u32::try_from(n).map_err(|_| ZipError::TooLarge { name, bytes: n })
}

/// Makes and deflates every piece, on all cores; the results in job order.
fn run_all(jobs: Vec<(usize, Piece<'_>, bool)>) -> Vec<Deflated> {
    let count = jobs.len();
    let queue = Mutex::new(jobs.into_iter());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.max(1));
    let work = || {
        let mut done = Vec::new();
        loop {
            let Some((job, piece, last)) = queue.lock().expect("no worker panics").next() else {
                break;
            };
            let text = piece();
            let mut crc = crc32fast::Hasher::new();
            crc.update(&text);
            done.push((
                job,
                Deflated {
                    bytes: deflate(&text, last),
                    crc,
                    len: text.len() as u64,
                },
            ));
        }
        done
    };
    let mut done: Vec<(usize, Deflated)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().expect("making a piece does not panic"));
        }
        done
    });
    done.sort_by_key(|(job, _)| *job);
    debug_assert_eq!(done.len(), count);
    done.into_iter().map(|(_, d)| d).collect()
}

/// Raw deflate of one piece: ends the stream when `last`, else ends on a
/// sync flush so the next piece's blocks can follow it.
fn deflate(input: &[u8], last: bool) -> Vec<u8> {
    let mut compress = Compress::new(Compression::new(LEVEL), false);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    let mut out = Vec::with_capacity(input.len() / 4 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(4096));
        }
        let consumed = compress.total_in() as usize;
        let status = compress
            .compress_vec(&input[consumed..], &mut out, flush)
            .expect("deflate accepts any input");
        let all_in = compress.total_in() as usize == input.len();
        // A flush is complete once it leaves output space unused.
        let flushed = match status {
            Status::StreamEnd => true,
            Status::Ok | Status::BufError => !last && out.len() < out.capacity(),
        };
        if all_in && flushed {
            return out;
        }
    }
}

/// The fields a member's local and central headers share.
struct Header {
    name: &'static str,
    crc: u32,
    compressed: u32,
    len: u32,
    offset: u32,
}

/// Version 2.0: deflate.
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;
/// MS-DOS date of 1980-01-01 (time 00:00 is zero).
const DOS_DATE: u16 = (1 << 5) | 1;

impl Header {
    fn write_common(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&VERSION.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&DEFLATE.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&self.crc.to_le_bytes());
        out.extend_from_slice(&self.compressed.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
        out.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    }

    fn write_local(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.write_common(out);
        out.extend_from_slice(self.name.as_bytes());
    }

    fn write_central(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&VERSION.to_le_bytes()); // version made by: MS-DOS, 2.0
        self.write_common(out);
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out.extend_from_slice(&0u16.to_le_bytes()); // disk number
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(self.name.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn text(n: usize, seed: u8) -> Vec<u8> {
        (0..n)
            .map(|i| {
                b"<c r=\"A1\" t=\"s\"><v>12</v></c>"[i % 29].wrapping_add((i / 977) as u8 % seed)
            })
            .collect()
    }

    /// Reads a member back with flate2's decoder and checks the headers.
    fn read_member(archive: &[u8], at: usize) -> (String, Vec<u8>, usize) {
        let u16_at = |i: usize| u16::from_le_bytes([archive[i], archive[i + 1]]) as usize;
        let u32_at = |i: usize| u32::from_le_bytes(archive[i..i + 4].try_into().unwrap());
        assert_eq!(u32_at(at), 0x0403_4b50, "a local header");
        let (crc, compressed, len) = (u32_at(at + 14), u32_at(at + 18) as usize, u32_at(at + 22));
        let name_len = u16_at(at + 26);
        let name = String::from_utf8(archive[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len;
        let mut text = Vec::new();
        flate2::read::DeflateDecoder::new(&archive[start..start + compressed])
            .read_to_end(&mut text)
            .unwrap();
        assert_eq!(text.len() as u32, len, "{name}: length");
        assert_eq!(crc32fast::hash(&text), crc, "{name}: CRC-32");
        (name, text, start + compressed)
    }

    #[test]
    fn pieces_join_into_one_stream_with_the_whole_crc() {
        let parts = [text(300_000, 3), text(1, 5), Vec::new(), text(70_000, 7)];
        let whole: Vec<u8> = parts.concat();
        let pieces: Vec<Piece> = parts
            .iter()
            .map(|p| {
                let p = p.clone();
                Box::new(move || p) as Piece
            })
            .collect();
        let archive = archive(vec![
            Member::whole("first.xml", b"<a/>".to_vec()),
            Member {
                name: "xl/big.xml",
                pieces,
            },
            Member {
                name: "empty",
                pieces: Vec::new(),
            },
        ])
        .unwrap();
        let (name, first, at) = read_member(&archive, 0);
        assert_eq!(
            (name.as_str(), first.as_slice()),
            ("first.xml", &b"<a/>"[..])
        );
        let (name, big, at) = read_member(&archive, at);
        assert_eq!(name, "xl/big.xml");
        assert!(big == whole, "the pieces read back as the whole text");
        let (name, empty, at) = read_member(&archive, at);
        assert_eq!((name.as_str(), empty.len()), ("empty", 0));
        assert_eq!(
            u32::from_le_bytes(archive[at..at + 4].try_into().unwrap()),
            0x0201_4b50,
            "the central directory follows the members"
        );
        let end = archive.len() - 22;
        assert_eq!(&archive[end..end + 4], &0x0605_4b50u32.to_le_bytes());
        assert_eq!(
            u16::from_le_bytes([archive[end + 10], archive[end + 11]]),
            3
        );
    }

    #[test]
    fn the_same_members_give_the_same_bytes() {
        let make = || {
            archive(vec![Member {
                name: "a.xml",
                pieces: (0..9u8)
                    .map(|i| Box::new(move || text(50_000, i + 2)) as Piece)
                    .collect(),
            }])
            .unwrap()
        };
        assert!(make() == make());
    }
}
