//! A worksheet of shared-string cells: its XML, made in pieces of rows.

use super::HEADER_STYLE;
use super::xml::{column_name, push_u32};
use super::zip::Piece;

/// Rows per piece of a sheet's XML, fixed so the workbook's bytes do not
/// depend on the machine. About half a megabyte of XML for the record.
const ROWS_PER_PIECE: usize = 512;

/// A cell without text.
pub const EMPTY: u32 = u32::MAX;

/// Points per line of 11-point Calibri, and Excel's tallest row.
const LINE_HEIGHT: u32 = 15;
const MAX_ROW_HEIGHT: u32 = 409;

/// About how many lines `text` takes when wrapped in a column `width`
/// characters wide: each of its own lines, wrapped at that many characters
/// (text is mostly narrower than the digits a width is counted in, which
/// makes up for the room lost at word breaks).
pub fn lines(text: &str, width: f64) -> u16 {
    let per_line = (width as usize).max(1);
    let total: usize = text
        .split('\n')
        .map(|line| {
            // Characters, not bytes: count the bytes that start one.
            let chars = line.bytes().filter(|&b| (b as i8) >= -0x40).count();
            chars.div_ceil(per_line).max(1)
        })
        .sum();
    u16::try_from(total).unwrap_or(u16::MAX)
}

/// A sheet of text cells. Row 0 is the header row, set in the header
/// style; every other cell takes the workbook's default style (wrapped,
/// top-aligned).
pub struct Sheet {
    /// Column widths in characters, one per column.
    pub widths: Vec<f64>,
    /// Shared-string numbers, row by row, `widths.len()` per row; [`EMPTY`]
    /// for a cell left blank.
    pub cells: Vec<u32>,
    /// Lines of text in each row's tallest cell ([`lines`]).
    pub lines: Vec<u16>,
    /// Rows and columns frozen at the top and left.
    pub frozen: (u32, u16),
    pub autofilter: bool,
    pub landscape: bool,
    /// Printed pages are scaled to the sheet's width (for a sheet of few columns).
    pub fit_to_width: bool,
    /// The sheet shown when the workbook opens.
    pub selected: bool,
}

impl Sheet {
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    pub fn rows(&self) -> usize {
        self.cells.len() / self.columns().max(1)
    }

    /// The used range, such as `A1:AG18`.
    pub fn dimension(&self) -> String {
        format!(
            "A1:{}{}",
            column_name(self.columns().saturating_sub(1) as u16),
            self.rows().max(1)
        )
    }

    /// The sheet's XML in pieces.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let rows = self.rows();
        let letters: Vec<String> = (0..self.columns()).map(|c| column_name(c as u16)).collect();
        let mut pieces: Vec<Piece<'_>> = vec![Box::new(|| self.head())];
        let mut start = 0;
        while start < rows {
            let end = (start + ROWS_PER_PIECE).min(rows);
            let letters = letters.clone();
            pieces.push(Box::new(move || self.rows_xml(start..end, &letters)));
            start = end;
        }
        pieces.push(Box::new(|| self.tail()));
        pieces
    }

    fn head(&self) -> Vec<u8> {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
        );
        if self.fit_to_width {
            x += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
        }
        x += &format!("<dimension ref=\"{}\"/>", self.dimension());
        x += "<sheetViews><sheetView ";
        if self.selected {
            x += "tabSelected=\"1\" ";
        }
        x += "workbookViewId=\"0\">";
        x += &self.pane();
        x += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>";
        for (c, width) in self.widths.iter().enumerate() {
            // Excel stores a width of n characters as n plus its 5 pixels
            // of padding at 7 pixels a character, in 256ths: n + 182/256.
            x += &format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                width + 182.0 / 256.0,
                n = c + 1
            );
        }
        x += "</cols><sheetData>";
        x.into_bytes()
    }

    /// The frozen panes and where the cursor starts.
    fn pane(&self) -> String {
        let (rows, columns) = self.frozen;
        let corner = format!("{}{}", column_name(columns), rows + 1);
        match (rows, columns) {
            (0, 0) => String::new(),
            (rows, 0) => format!(
                "<pane ySplit=\"{rows}\" topLeftCell=\"{corner}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
                 <selection pane=\"bottomLeft\" activeCell=\"{corner}\" sqref=\"{corner}\"/>"
            ),
            (0, columns) => format!(
                "<pane xSplit=\"{columns}\" topLeftCell=\"{corner}\" activePane=\"topRight\" state=\"frozen\"/>\
                 <selection pane=\"topRight\" activeCell=\"{corner}\" sqref=\"{corner}\"/>"
            ),
            (rows, columns) => {
                let top_right = format!("{}1", column_name(columns));
                let bottom_left = format!("A{}", rows + 1);
                format!(
                    "<pane xSplit=\"{columns}\" ySplit=\"{rows}\" topLeftCell=\"{corner}\" activePane=\"bottomRight\" state=\"frozen\"/>\
                     <selection pane=\"topRight\" activeCell=\"{top_right}\" sqref=\"{top_right}\"/>\
                     <selection pane=\"bottomLeft\" activeCell=\"{bottom_left}\" sqref=\"{bottom_left}\"/>\
                     <selection pane=\"bottomRight\" activeCell=\"{corner}\" sqref=\"{corner}\"/>"
                )
            }
        }
    }

    /// `<row>` elements for `rows`; blank cells are left out.
    fn rows_xml(&self, rows: std::ops::Range<usize>, letters: &[String]) -> Vec<u8> {
        let columns = self.columns();
        let cells = &self.cells[rows.start * columns..rows.end * columns];
        let mut out = Vec::with_capacity(cells.len() * 40 + rows.len() * 32);
        let mut number = Vec::with_capacity(10);
        for (r, row) in rows.zip(cells.chunks_exact(columns)) {
            number.clear();
            push_u32(&mut number, r as u32 + 1);
            out.extend_from_slice(b"<row r=\"");
            out.extend_from_slice(&number);
            let lines = self.lines.get(r).copied().unwrap_or(1);
            if lines > 1 {
                // Set, because spreadsheet programs do not all grow a row
                // to fit wrapped text when they open a file.
                out.extend_from_slice(b"\" ht=\"");
                push_u32(
                    &mut out,
                    (u32::from(lines) * LINE_HEIGHT).min(MAX_ROW_HEIGHT),
                );
                out.extend_from_slice(b"\" customHeight=\"1");
            }
            out.extend_from_slice(b"\">");
            let style: &[u8] = if r == 0 { HEADER_STYLE.as_bytes() } else { b"" };
            for (&cell, letter) in row.iter().zip(letters) {
                if cell == EMPTY {
                    continue;
                }
                out.extend_from_slice(b"<c r=\"");
                out.extend_from_slice(letter.as_bytes());
                out.extend_from_slice(&number);
                out.extend_from_slice(b"\"");
                out.extend_from_slice(style);
                out.extend_from_slice(b" t=\"s\"><v>");
                push_u32(&mut out, cell);
                out.extend_from_slice(b"</v></c>");
            }
            out.extend_from_slice(b"</row>");
        }
        out
    }

    fn tail(&self) -> Vec<u8> {
        let mut x = String::from("</sheetData>");
        if self.autofilter {
            x += &format!("<autoFilter ref=\"{}\"/>", self.dimension());
        }
        x += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";
        match (self.landscape, self.fit_to_width) {
            (false, false) => {}
            (true, false) => x += "<pageSetup orientation=\"landscape\"/>",
            (landscape, true) => {
                x += "<pageSetup ";
                if landscape {
                    x += "orientation=\"landscape\" ";
                }
                x += "fitToWidth=\"1\" fitToHeight=\"0\"/>";
            }
        }
        x += "</worksheet>";
        x.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(sheet: &Sheet) -> String {
        let bytes: Vec<u8> = sheet.pieces().into_iter().flat_map(|p| p()).collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn cells_are_placed_by_reference_and_blanks_left_out() {
        let sheet = Sheet {
            widths: vec![10.0, 20.0, 30.0],
            cells: vec![0, 1, 2, 3, EMPTY, 4],
            lines: vec![1, 3],
            frozen: (1, 2),
            autofilter: true,
            landscape: true,
            fit_to_width: false,
            selected: true,
        };
        let x = xml(&sheet);
        assert!(x.contains("<dimension ref=\"A1:C2\"/>"), "{x}");
        assert!(
            x.contains(
                "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>\
                 <c r=\"B1\" s=\"1\" t=\"s\"><v>1</v></c><c r=\"C1\" s=\"1\" t=\"s\"><v>2</v></c></row>\
                 <row r=\"2\" ht=\"45\" customHeight=\"1\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"C2\" t=\"s\"><v>4</v></c></row></sheetData>"
            ),
            "{x}"
        );
        assert!(x.contains("<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\""));
        assert!(x.contains("<col min=\"2\" max=\"2\" width=\"20.7109375\" customWidth=\"1\"/>"));
        assert!(x.contains("<autoFilter ref=\"A1:C2\"/>"));
        assert!(x.contains("<pageSetup orientation=\"landscape\"/></worksheet>"));
        assert!(x.contains("tabSelected=\"1\""));
    }

    #[test]
    fn wrapped_text_is_counted_in_lines() {
        assert_eq!(lines("", 14.0), 1);
        assert_eq!(lines("administratie", 14.0), 1);
        assert_eq!(lines("communicatie-marketing", 14.0), 2);
        assert_eq!(lines("a\nb\nc", 14.0), 3);
        // Characters, not bytes: 14 two-byte letters fit on one line.
        assert_eq!(lines(&"é".repeat(14), 14.0), 1);
        assert_eq!(lines(&"x".repeat(45), 44.0), 2);
    }

    #[test]
    fn a_long_sheet_is_cut_into_pieces_that_join_up() {
        let rows = ROWS_PER_PIECE * 2 + 3;
        let sheet = Sheet {
            widths: vec![8.0],
            cells: (0..rows as u32).collect(),
            lines: Vec::new(),
            frozen: (1, 0),
            autofilter: false,
            landscape: true,
            fit_to_width: true,
            selected: false,
        };
        assert_eq!(sheet.pieces().len(), 2 + 3);
        let x = xml(&sheet);
        let rows_found = x.matches("<row ").count();
        assert_eq!(rows_found, rows);
        let last = rows.to_string();
        assert!(x.contains(&format!("<c r=\"A{last}\" t=\"s\"><v>{}</v></c>", rows - 1)));
        assert!(x.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\""));
        assert!(!x.contains("autoFilter") && !x.contains("tabSelected"));
        assert!(x.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension"));
        assert!(x.contains(
            "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
        ));
    }
}
