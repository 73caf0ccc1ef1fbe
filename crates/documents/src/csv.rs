//! The record as CSV (RFC 4180): comma-separated, CRLF line ends, a field
//! quoted when it holds a comma, quote or line break (its quotes doubled),
//! UTF-8, a header row, then one row per activity × data category.
//!
//! The processor's record (Art. 30(2)), when the register has activities
//! carried out for other controllers, is a second table in the same file:
//! after the controller's rows, an empty line, then its own header row and
//! one row per activity × named controller. One file, because `render`
//! writes one document, to standard output or whole to one `-o` file; a
//! spreadsheet shows the two tables one below the other, with an empty row
//! between them. A CSV reader meets the empty line as a record of no
//! fields, or skips it, and then the processor's header row; no row of
//! either table is empty, as each has 33 or 24 fields. A register with no
//! such activity gives the controller's table alone.
//!
//! An activity's own cells are the same in each of its rows, so they are
//! encoded once per activity, in the three runs between the data category's
//! columns, and copied into each row; parts of the record are laid out on
//! different cores.

use super::records::{Column, DATA_COLUMNS, Records};

pub fn csv(records: &Records) -> Vec<u8> {
    let mut out = Vec::new();
    push_row(&mut out, &records.headers());
    let parts = ropa_register::parallel::map_chunks(&records.activities, 64, |part| {
        let mut out = Vec::new();
        let Ok(()) = records.for_each_activity_of(part, |own, data| {
            push_activity(&mut out, own, data);
            Ok::<(), std::convert::Infallible>(())
        });
        out
    });
    out.reserve_exact(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend_from_slice(&part);
    }
    if let Some(processor) = &records.processor {
        out.extend_from_slice(b"\r\n");
        push_row(&mut out, &processor.headers());
        for (_, cells) in processor.rows() {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            push_row(&mut out, &cells);
        }
    }
    out
}

/// One activity's rows: its own cells encoded once, then each data entry's
/// cells put between them.
fn push_activity(out: &mut Vec<u8>, own: &[&str], data: &[[&str; 4]]) {
    // The runs of own columns around the data columns, each encoded with
    // the comma that follows it (the last with the line end).
    let mut runs: Vec<Vec<u8>> = vec![Vec::new()];
    for (column, text) in Column::ALL.iter().zip(own) {
        if DATA_COLUMNS.contains(column) {
            runs.push(Vec::new());
            continue;
        }
        let run = runs.last_mut().expect("a run");
        push_field(run, text);
        run.push(b',');
    }
    let last = runs.last_mut().expect("a run");
    last.pop();
    last.extend_from_slice(b"\r\n");
    // Between runs, one data cell each, in column order (adjacent data
    // columns leave an empty run between them).
    for entry in data {
        for (run, cell) in runs.iter().zip(entry) {
            out.extend_from_slice(run);
            push_field(out, cell);
            out.push(b',');
        }
        out.extend_from_slice(runs.last().expect("a run"));
    }
}

fn push_row(out: &mut Vec<u8>, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(out, cell);
    }
    out.extend_from_slice(b"\r\n");
}

fn push_field(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'"');
    for part in bytes.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> String {
        let mut out = Vec::new();
        push_field(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field(""), "");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("\""), "\"\"\"\"");
    }

    #[test]
    fn an_activity_row_puts_the_data_cells_in_their_columns() {
        let own: Vec<String> = Column::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if DATA_COLUMNS.contains(c) {
                    String::new()
                } else {
                    format!("o{i}")
                }
            })
            .collect();
        let own: Vec<&str> = own.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        push_activity(
            &mut out,
            &own,
            &[["c", "s,p", "src", "ret"], ["", "", "", ""]],
        );
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.split_terminator("\r\n").collect();
        assert_eq!(rows.len(), 2);
        let first: Vec<String> = Column::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| match c {
                Column::Category => "c".to_owned(),
                Column::SpecialCategory => "\"s,p\"".to_owned(),
                Column::Source => "src".to_owned(),
                Column::Retention => "ret".to_owned(),
                _ => format!("o{i}"),
            })
            .collect();
        assert_eq!(rows[0], first.join(","));
        assert_eq!(rows[1].split(',').count(), Column::ALL.len());
    }
}
