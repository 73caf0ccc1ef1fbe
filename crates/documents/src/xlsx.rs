//! The record as an Excel workbook (Office Open XML, `.xlsx`), written with
//! `rust_xlsxwriter`.
//!
//! Two sheets: the record, one row per activity × data category with a
//! bold header row, frozen header and first two columns, an autofilter,
//! wrapped text, set widths, rows as tall as their text, landscape pages
//! that repeat the header row; and the controller block followed by the
//! register's known gaps, printed to the width of a landscape page. When
//! the organisation carries out activities for other controllers, a third:
//! the processor's record (Art. 30(2)), one row per activity × named
//! controller, laid out as the record sheet is. The
//! document's dates are the register's "last changed" date
//! ([`Records::document_date`]), never the clock, so the same register
//! gives the same bytes.
//!
//! The record of a large register is a quarter of a million text cells.
//! Its sheet is written in the library's low-memory mode: each row goes out
//! as XML when the next one starts, into an anonymous temporary file (gone
//! when closed), instead of every cell being kept until the end. That is
//! the one file this crate touches; it saves a sixth of the time and a
//! third of the memory. The parts are deflated at level 1: the sheet's XML
//! repeats itself so much that higher levels gain little for their time.
//!
//! Excel's limits are checked here, cell by cell as the sheet is written,
//! so that a refusal names the activity and the column rather than a cell
//! reference.

use std::path::PathBuf;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::records::{Column, DATA_COLUMNS, ProcessorColumn, ProcessorRecord, Records};

/// Excel's limits: characters in a cell, rows in a sheet.
const MAX_CELL_CHARS: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;

/// Points per line of 11-point Calibri, and Excel's tallest row.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The default row height and column width of 11-point Calibri, in pixels,
/// as `Workbook::set_default_format` asks for them.
const DEFAULT_ROW_PIXELS: u32 = 20;
const DEFAULT_COLUMN_PIXELS: u32 = 64;

/// See the module's documentation.
const DEFLATE_LEVEL: u8 = 1;

/// The controller sheet's two columns, in characters.
const CONTROLLER_WIDTHS: [f64; 2] = [40.0, 80.0];

/// Why a record cannot be written as a workbook.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error(
        "activity {activity}, column \"{column}\": the text has {chars} characters; an Excel cell holds at most {MAX_CELL_CHARS}. Shorten it, or render the records as html, md or csv"
    )]
    CellTooLong {
        activity: String,
        column: &'static str,
        chars: usize,
    },
    #[error(
        "the record has {rows} rows (activities × data categories); an Excel sheet holds at most {MAX_ROWS}. Render the records as csv instead"
    )]
    TooManyRows { rows: usize },
    #[error(
        "cannot make a temporary file in {dir} to write the workbook through: {source}. Set TMPDIR to a writable directory"
    )]
    TemporaryFile {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// The library refused something the checks above let through.
    #[error(transparent)]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// The workbook's bytes.
pub fn workbook(records: &Records) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_zip_compression_level(DEFLATE_LEVEL);
    // Every cell wraps and aligns to the top without a format of its own,
    // so only the header rows carry one.
    book.set_default_format(
        &Format::new().set_text_wrap().set_align(FormatAlign::Top),
        DEFAULT_ROW_PIXELS,
        DEFAULT_COLUMN_PIXELS,
    )?;
    book.set_properties(&properties(records)?);
    let header = header_format();
    let record = book
        .add_worksheet_with_low_memory()
        .map_err(|err| match err {
            rust_xlsxwriter::XlsxError::TempFileError(dir, source) => {
                XlsxError::TemporaryFile { dir, source }
            }
            other => XlsxError::Writer(other),
        })?;
    record_sheet(record, records, &header)?;
    controller_sheet(book.add_worksheet(), records, &header)?;
    if let Some(processor) = &records.processor {
        processor_sheet(book.add_worksheet(), processor, records, &header)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Title, author and company, dated by the register rather than the clock
/// (the library would take the time of the render).
fn properties(records: &Records) -> Result<DocProperties, XlsxError> {
    let (year, month, day) = records.document_date;
    let date = ExcelDateTime::from_ymd(year, month, day)?;
    Ok(DocProperties::new()
        .set_title(format!(
            "{} {}",
            records.labels.title, records.controller_name
        ))
        .set_author(&records.controller_name)
        .set_company(&records.controller_name)
        .set_creation_datetime(&date))
}

/// Bold, on light blue-grey, with a thin line under it; wrapped and
/// top-aligned like every other cell.
fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_E7_F0))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// The record sheet: the header row, then one row per activity × data
/// category, the activity's own cells repeated in each of its rows. Rows
/// are written top to bottom, each with its height, as the low-memory
/// sheet requires.
fn record_sheet(
    sheet: &mut Worksheet,
    records: &Records,
    header: &Format,
) -> Result<(), XlsxError> {
    let rows: usize = records
        .activities
        .iter()
        .map(|activity| activity.data.len().max(1))
        .sum();
    if rows >= MAX_ROWS {
        return Err(XlsxError::TooManyRows { rows });
    }
    sheet.set_name(sheet_name(&records.labels.sheet))?;
    let widths: Vec<f64> = Column::ALL.iter().map(|c| c.width()).collect();
    let headers: Vec<&'static str> = Column::ALL.iter().map(|c| c.header(records.lang)).collect();
    header_row(sheet, &headers, &widths, header)?;

    // Where each column's text is found in a data entry, for the
    // per-category columns.
    let data_slot: Vec<Option<usize>> = Column::ALL
        .iter()
        .map(|column| DATA_COLUMNS.iter().position(|c| c == column))
        .collect();
    let mut row: u32 = 1;
    records.for_each_activity(|own, data| -> Result<(), XlsxError> {
        let activity = own[Column::Id as usize];
        let own_lines = Column::ALL
            .iter()
            .zip(own)
            .zip(&widths)
            .filter(|((column, _), _)| !column.per_category())
            .map(|((_, text), width)| lines(text, *width))
            .max()
            .unwrap_or(1);
        for entry in data {
            let mut entry_lines = own_lines;
            for (c, column) in headers.iter().copied().enumerate() {
                let text = match data_slot[c] {
                    Some(slot) => {
                        entry_lines = entry_lines.max(lines(entry[slot], widths[c]));
                        entry[slot]
                    }
                    None => own[c],
                };
                text_cell(sheet, (row, c as u16), text, activity, column, records)?;
            }
            set_lines(sheet, row, entry_lines)?;
            row += 1;
        }
        Ok(())
    })?;

    let last_column = (Column::ALL.len() - 1) as u16;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, row - 1, last_column)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(0, 0)?;
    // Thirty-three columns scaled to a page would be unreadable: no fit to width.
    Ok(())
}

/// The controller sheet: field and value, then the register's known gaps.
fn controller_sheet(
    sheet: &mut Worksheet,
    records: &Records,
    header: &Format,
) -> Result<(), XlsxError> {
    let labels = records.labels;
    sheet.set_name(sheet_name(&labels.controller_sheet))?;
    header_row(
        sheet,
        &[labels.field.as_str(), labels.value.as_str()],
        &CONTROLLER_WIDTHS,
        header,
    )?;
    let fields = records
        .controller
        .iter()
        .map(|field| (field.label, field.lines.join("\n"), field.label));
    let gaps = records.register_gaps.iter().map(|gap| {
        (
            labels.register_gaps.as_str(),
            gap.clone(),
            Column::KnownGaps.header(records.lang),
        )
    });
    for ((label, value, column), row) in fields.chain(gaps).zip(1..) {
        text_cell(sheet, (row, 0), label, "", column, records)?;
        text_cell(sheet, (row, 1), &value, "", column, records)?;
        let label_lines = lines(label, CONTROLLER_WIDTHS[0]);
        set_lines(
            sheet,
            row,
            label_lines.max(lines(&value, CONTROLLER_WIDTHS[1])),
        )?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape();
    // Two columns: as wide as the page, as many pages down as it takes.
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The processor's record (Art. 30(2)): the header row, then one row per
/// activity × named controller (one for an activity that names none), laid
/// out as the record sheet. A few rows: an ordinary sheet, not a low-memory one.
fn processor_sheet(
    sheet: &mut Worksheet,
    processor: &ProcessorRecord,
    records: &Records,
    header: &Format,
) -> Result<(), XlsxError> {
    let rows = processor.rows();
    if rows.len() >= MAX_ROWS {
        return Err(XlsxError::TooManyRows { rows: rows.len() });
    }
    sheet.set_name(sheet_name(&processor.labels.sheet))?;
    let widths: Vec<f64> = ProcessorColumn::ALL.iter().map(|c| c.width()).collect();
    let headers = processor.headers();
    header_row(sheet, &headers, &widths, header)?;
    let mut row: u32 = 1;
    for (activity, cells) in &rows {
        let mut height = 1;
        for (c, (text, column)) in cells.iter().zip(headers.iter().copied()).enumerate() {
            text_cell(sheet, (row, c as u16), text, activity, column, records)?;
            height = height.max(lines(text, widths[c]));
        }
        set_lines(sheet, row, height)?;
        row += 1;
    }
    let last_column = (ProcessorColumn::ALL.len() - 1) as u16;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, row - 1, last_column)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Row 0: the column names in the header format, and each column's width.
fn header_row(
    sheet: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    format: &Format,
) -> Result<(), XlsxError> {
    let mut header_lines = 1;
    for (c, (text, width)) in headers.iter().zip(widths).enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, *width)?;
        sheet.write_string_with_format(0, c, *text, format)?;
        header_lines = header_lines.max(lines(text, *width));
    }
    set_lines(sheet, 0, header_lines)
}

/// Writes a text cell, leaving an empty text blank. A text over Excel's
/// limit is refused with the activity (or, on the controller sheet, the
/// controller) and the header of the column it is in.
fn text_cell(
    sheet: &mut Worksheet,
    (row, column_number): (u32, u16),
    text: &str,
    activity: &str,
    column: &'static str,
    records: &Records,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    // Excel counts UTF-16 units; only a long text can be over.
    if text.len() > MAX_CELL_CHARS {
        let chars = text.encode_utf16().count();
        if chars > MAX_CELL_CHARS {
            return Err(XlsxError::CellTooLong {
                activity: if activity.is_empty() {
                    records.controller_name.clone()
                } else {
                    activity.to_owned()
                },
                column,
                chars,
            });
        }
    }
    sheet.write_string(row, column_number, text)?;
    Ok(())
}

/// Sets the height of a row of more than one line of text. Set, because
/// spreadsheet programs do not all grow a row to fit wrapped text when
/// they open a file.
fn set_lines(sheet: &mut Worksheet, row: u32, lines: u16) -> Result<(), XlsxError> {
    if lines > 1 {
        let height = (f64::from(lines) * LINE_HEIGHT).min(MAX_ROW_HEIGHT);
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// A sheet's name, cut to Excel's 31 characters.
fn sheet_name(label: &str) -> String {
    label.chars().take(31).collect()
}

/// About how many lines `text` takes when wrapped in a column `width`
/// characters wide: each of its own lines, wrapped at that many characters
/// (text is mostly narrower than the digits a width is counted in, which
/// makes up for the room lost at word breaks).
fn lines(text: &str, width: f64) -> u16 {
    let per_line = (width as usize).max(1);
    let total: usize = text
        .split('\n')
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum();
    u16::try_from(total).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sheet_names_are_cut_to_excels_limit() {
        assert_eq!(sheet_name("Register"), "Register");
        assert_eq!(sheet_name(&"é".repeat(40)).chars().count(), 31);
    }
}
