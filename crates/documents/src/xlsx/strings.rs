//! The workbook's shared strings: each distinct cell text stored once and
//! referred to by its number. An activity's texts repeat in each of its
//! data categories' rows, and many texts repeat across activities, so the
//! sheets hold small numbers and the texts are written once.

use rustc_hash::FxHashMap;

use super::xml::{push_text, push_u32};
use super::zip::Piece;

/// Strings per piece of `sharedStrings.xml`, fixed so the workbook's bytes
/// do not depend on the machine.
const STRINGS_PER_PIECE: usize = 4096;

#[derive(Default)]
pub struct SharedStrings {
    index: FxHashMap<Box<str>, u32>,
    /// How many cells refer to a string (the table's `count`).
    uses: u64,
}

impl SharedStrings {
    /// The number of `text`, added at the end if it is new.
    pub fn intern(&mut self, text: &str) -> u32 {
        self.uses += 1;
        if let Some(&n) = self.index.get(text) {
            return n;
        }
        let n = u32::try_from(self.index.len()).expect("fewer than 4 billion distinct texts");
        self.index.insert(text.into(), n);
        n
    }

    /// `xl/sharedStrings.xml`, in pieces.
    pub fn into_pieces<'a>(self) -> Vec<Piece<'a>> {
        let mut strings: Vec<(u32, Box<str>)> =
            self.index.into_iter().map(|(text, n)| (n, text)).collect();
        strings.sort_unstable_by_key(|(n, _)| *n);
        let strings: Vec<Box<str>> = strings.into_iter().map(|(_, text)| text).collect();
        let unique = strings.len();
        let uses = self.uses;

        let mut head = Vec::new();
        head.extend_from_slice(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
              <sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"",
        );
        head.extend_from_slice(uses.to_string().as_bytes());
        head.extend_from_slice(b"\" uniqueCount=\"");
        push_u32(&mut head, unique as u32);
        head.extend_from_slice(b"\">");

        let mut chunks: Vec<Vec<Box<str>>> = Vec::new();
        let mut strings = strings.into_iter();
        loop {
            let chunk: Vec<Box<str>> = strings.by_ref().take(STRINGS_PER_PIECE).collect();
            if chunk.is_empty() {
                break;
            }
            chunks.push(chunk);
        }
        let count = chunks.len();
        let mut pieces: Vec<Piece<'a>> = Vec::with_capacity(count + 2);
        pieces.push(Box::new(move || head));
        for chunk in chunks {
            pieces.push(Box::new(move || {
                let len: usize = chunk.iter().map(|s| s.len() + 16).sum();
                let mut out = Vec::with_capacity(len + len / 8);
                for text in &chunk {
                    if super::xml::needs_preserve(text) {
                        out.extend_from_slice(b"<si><t xml:space=\"preserve\">");
                    } else {
                        out.extend_from_slice(b"<si><t>");
                    }
                    push_text(&mut out, text);
                    out.extend_from_slice(b"</t></si>");
                }
                out
            }));
        }
        pieces.push(Box::new(|| b"</sst>".to_vec()));
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_is_stored_once_and_counted_per_use() {
        let mut strings = SharedStrings::default();
        let numbers: Vec<u32> = ["b", "a", "b", " c", "a"]
            .iter()
            .map(|t| strings.intern(t))
            .collect();
        assert_eq!(numbers, [0, 1, 0, 2, 1]);
        let xml: Vec<u8> = strings
            .into_pieces()
            .into_iter()
            .flat_map(|p| p())
            .collect();
        let xml = String::from_utf8(xml).unwrap();
        assert!(
            xml.ends_with(
                "count=\"5\" uniqueCount=\"3\"><si><t>b</t></si><si><t>a</t></si>\
                 <si><t xml:space=\"preserve\"> c</t></si></sst>"
            ),
            "{xml}"
        );
    }
}
