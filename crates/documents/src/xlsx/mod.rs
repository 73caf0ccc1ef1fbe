//! The record as an Excel workbook (Office Open XML, `.xlsx`).
//!
//! Two sheets: the record, one row per activity × data category with a
//! bold header row, frozen header and first two columns, an autofilter,
//! wrapped text, set widths, rows as tall as their text, landscape pages
//! that repeat the header row; and the controller block, printed to the
//! width of a landscape page. The document's dates are the register's
//! "last changed" date ([`Records::document_date`]), never the clock.
//!
//! Written here rather than with a general spreadsheet library because the
//! record of a large register is a quarter of a million text cells, and a
//! render has to stay well under a tenth of a second: cells are kept as
//! shared-string numbers, an activity's texts are looked up once for all
//! its rows, and the sheet's XML is made and compressed in pieces on every
//! core (the `zip` module).

mod sheet;
mod strings;
mod xml;
mod zip;

use super::records::{Column, DATA_COLUMNS, Records};
use sheet::{EMPTY, Sheet, lines};
use strings::SharedStrings;
use xml::{absolute_range, push_text};
use zip::{Member, archive};

/// The header cells' style (`cellXfs` 1 in [`STYLES`]); cells without a
/// style take `cellXfs` 0, wrapped and top-aligned.
const HEADER_STYLE: &str = " s=\"1\"";

/// Excel's limits: characters in a cell, rows in a sheet.
const MAX_CELL_CHARS: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;

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
    #[error(transparent)]
    Zip(#[from] zip::ZipError),
}

/// The workbook's bytes.
pub fn workbook(records: &Records) -> Result<Vec<u8>, XlsxError> {
    let labels = records.labels;
    let mut strings = SharedStrings::default();
    let record = record_sheet(records, &mut strings)?;
    let controller = controller_sheet(records, &mut strings)?;
    let record_name: String = labels.sheet.chars().take(31).collect();
    let controller_name: String = labels.controller_sheet.chars().take(31).collect();

    let title = format!("{} {}", labels.title, records.controller_name);
    let members = vec![
        Member::whole("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        Member::whole("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
        Member::whole(
            "docProps/app.xml",
            app(&records.controller_name, &[&record_name, &controller_name]),
        ),
        Member::whole(
            "docProps/core.xml",
            core(&title, &records.controller_name, records.document_date),
        ),
        Member::whole(
            "xl/workbook.xml",
            workbook_xml(&record_name, &controller_name, &record),
        ),
        Member::whole(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.as_bytes().to_vec(),
        ),
        Member::whole("xl/styles.xml", STYLES.as_bytes().to_vec()),
        Member {
            name: "xl/worksheets/sheet1.xml",
            pieces: record.pieces(),
        },
        Member {
            name: "xl/worksheets/sheet2.xml",
            pieces: controller.pieces(),
        },
        Member {
            name: "xl/sharedStrings.xml",
            pieces: strings.into_pieces(),
        },
    ];
    Ok(archive(members)?)
}

/// The record sheet: the header row, then one row per activity × data
/// category. An activity's own cells are looked up once for all its rows.
fn record_sheet(records: &Records, strings: &mut SharedStrings) -> Result<Sheet, XlsxError> {
    let columns = Column::ALL.len();
    let widths: Vec<f64> = Column::ALL.iter().map(|c| c.width()).collect();
    let mut cells: Vec<u32> = Vec::new();
    let mut header_lines = 1;
    for (column, width) in Column::ALL.iter().zip(&widths) {
        let header = column.header(records.lang);
        cells.push(strings.intern(header));
        header_lines = header_lines.max(lines(header, *width));
    }
    let mut row_lines = vec![header_lines];
    let mut row = vec![EMPTY; columns];
    records.for_each_activity(|own, data| -> Result<(), XlsxError> {
        let activity = own[Column::Id as usize];
        let mut own_lines = 1;
        for (((slot, text), column), width) in row.iter_mut().zip(own).zip(Column::ALL).zip(&widths)
        {
            if !column.per_category() {
                *slot = cell(strings, text, activity, column, records)?;
                own_lines = own_lines.max(lines(text, *width));
            }
        }
        for entry in data {
            let mut entry_lines = own_lines;
            for (column, text) in DATA_COLUMNS.iter().zip(entry) {
                let i = *column as usize;
                row[i] = cell(strings, text, activity, *column, records)?;
                entry_lines = entry_lines.max(lines(text, widths[i]));
            }
            cells.extend_from_slice(&row);
            row_lines.push(entry_lines);
        }
        Ok(())
    })?;
    let rows = cells.len() / columns;
    if rows > MAX_ROWS {
        return Err(XlsxError::TooManyRows { rows: rows - 1 });
    }
    Ok(Sheet {
        widths,
        cells,
        lines: row_lines,
        frozen: (1, 2),
        autofilter: true,
        landscape: true,
        // Thirty-three columns scaled to a page would be unreadable.
        fit_to_width: false,
        selected: true,
    })
}

/// The controller sheet: field and value, then the register's known gaps.
fn controller_sheet(records: &Records, strings: &mut SharedStrings) -> Result<Sheet, XlsxError> {
    let labels = records.labels;
    let widths = vec![40.0, 80.0];
    let mut cells = vec![strings.intern(labels.field), strings.intern(labels.value)];
    let mut row_lines = vec![1];
    let rows = records
        .controller
        .iter()
        .map(|field| (field.label, field.lines.join("\n"), field.column))
        .chain(
            records
                .register_gaps
                .iter()
                .map(|gap| (labels.register_gaps, gap.clone(), Column::KnownGaps)),
        );
    for (label, value, column) in rows {
        cells.push(strings.intern(label));
        cells.push(cell(strings, &value, "", column, records)?);
        row_lines.push(lines(label, widths[0]).max(lines(&value, widths[1])));
    }
    Ok(Sheet {
        widths,
        cells,
        lines: row_lines,
        frozen: (1, 0),
        autofilter: false,
        landscape: true,
        fit_to_width: true,
        selected: false,
    })
}

/// A text cell's shared-string number, or [`EMPTY`] for no text.
fn cell(
    strings: &mut SharedStrings,
    text: &str,
    activity: &str,
    column: Column,
    records: &Records,
) -> Result<u32, XlsxError> {
    if text.is_empty() {
        return Ok(EMPTY);
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
                column: column.header(records.lang),
                chars,
            });
        }
    }
    Ok(strings.intern(text))
}

fn workbook_xml(record_name: &str, controller_name: &str, record: &Sheet) -> Vec<u8> {
    let mut x = Vec::new();
    x.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
          <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
          xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
          <bookViews><workbookView/></bookViews><sheets><sheet name=\"",
    );
    push_attribute(&mut x, record_name);
    x.extend_from_slice(b"\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"");
    push_attribute(&mut x, controller_name);
    x.extend_from_slice(b"\" sheetId=\"2\" r:id=\"rId2\"/></sheets><definedNames>");
    // The autofilter's range, and the header row repeated on every printed page.
    let quoted = format!("'{}'", record_name.replace('\'', "''"));
    let last_row = record.rows().saturating_sub(1) as u32;
    let last_column = record.columns().saturating_sub(1) as u16;
    x.extend_from_slice(
        b"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">",
    );
    push_text(
        &mut x,
        &format!("{quoted}!{}", absolute_range(last_column, last_row)),
    );
    x.extend_from_slice(
        b"</definedName><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">",
    );
    push_text(&mut x, &format!("{quoted}!$1:$1"));
    x.extend_from_slice(b"</definedName></definedNames></workbook>");
    x
}

/// Text for an attribute value: as element text, with `"` escaped too.
fn push_attribute(out: &mut Vec<u8>, text: &str) {
    let mut escaped = Vec::new();
    push_text(&mut escaped, text);
    for b in escaped {
        if b == b'"' {
            out.extend_from_slice(b"&quot;");
        } else {
            out.push(b);
        }
    }
}

fn core(title: &str, author: &str, (y, m, d): (u16, u8, u8)) -> Vec<u8> {
    let mut x = Vec::new();
    x.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
          <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
          xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
          xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>",
    );
    push_text(&mut x, title);
    x.extend_from_slice(b"</dc:title><dc:creator>");
    push_text(&mut x, author);
    x.extend_from_slice(b"</dc:creator><cp:lastModifiedBy>");
    push_text(&mut x, author);
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    x.extend_from_slice(
        format!(
            "</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>"
        )
        .as_bytes(),
    );
    x
}

fn app(company: &str, sheets: &[&str]) -> Vec<u8> {
    let mut x = Vec::new();
    x.extend_from_slice(
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
             xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
             <Application>ropa</Application><HeadingPairs><vt:vector size=\"2\" baseType=\"variant\">\
             <vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant>\
             </vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"{n}\" baseType=\"lpstr\">",
            n = sheets.len()
        )
        .as_bytes(),
    );
    for sheet in sheets {
        x.extend_from_slice(b"<vt:lpstr>");
        push_text(&mut x, sheet);
        x.extend_from_slice(b"</vt:lpstr>");
    }
    x.extend_from_slice(b"</vt:vector></TitlesOfParts><Company>");
    push_text(&mut x, company);
    x.extend_from_slice(b"</Company></Properties>");
    x
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const WORKBOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>\
</Relationships>";

/// Calibri 11; the Normal style wraps text and aligns it to the top, so
/// every cell does without a style of its own. `cellXfs` 1 is the header:
/// bold, on light blue-grey, with a thin line under it.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE7F0\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellStyleXfs>\
<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
