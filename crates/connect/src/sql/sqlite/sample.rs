//! A sample's rows: spread over the rowid range by index seeks, or a view's
//! (and a `WITHOUT ROWID` or virtual table's) first rows; every value as
//! text.

use rusqlite::types::ValueRef;

use super::schema::Table;
use super::{Fail, Sqlite};
use crate::Refusal;
use crate::sql::{Row, Session, TableRef, Taker, quote, value};

impl Session for &Sqlite {
    type Error = rusqlite::Error;
    type Table = Table;
    /// The rowid; for a table without one, the row's position.
    type Key = i64;

    fn resolve(&mut self, table: &TableRef) -> Result<Table, Fail> {
        Sqlite::resolve(self, table)
    }

    /// Column names compare without regard to ASCII case, as in SQLite.
    fn column(&self, t: &Table, asked: &str) -> Result<usize, Refusal> {
        t.columns
            .iter()
            .position(|c| c.0.eq_ignore_ascii_case(asked))
            .ok_or_else(|| Refusal::NotFound(format!("no column `{asked}` in `{}`", t.shown)))
    }

    /// In rowid order.
    fn sample(
        &mut self,
        t: &Table,
        columns: &[usize],
        n: usize,
        taker: &mut Taker<i64>,
    ) -> Result<(), Fail> {
        // Reals in SQLite's own text form; everything else as stored.
        let exprs: Vec<String> = columns
            .iter()
            .map(|&i| {
                let q = quote(&t.columns[i].0);
                format!("CASE typeof({q}) WHEN 'real' THEN CAST({q} AS TEXT) ELSE {q} END")
            })
            .collect();
        match t.rowid {
            Some(rowid) => self.sample_spread(t, rowid, &exprs, n, taker),
            None => {
                let sql = format!("SELECT {} FROM {} LIMIT ?1", exprs.join(", "), t.sql_name);
                let mut stmt = self.conn.prepare(&sql)?;
                let mut rows = stmt.query([n as i64])?;
                let mut i = 0i64;
                while let Some(row) = rows.next()? {
                    if !taker.take(i, values(row, 0, exprs.len())?) {
                        break;
                    }
                    i += 1;
                }
                Ok(())
            }
        }
    }
}

impl Sqlite {
    /// Evenly spaced rowids between the smallest and the largest, each the
    /// first row at or after its target (and after the row before, so rows
    /// clustered in a part of the rowid range still fill the sample); topped
    /// up from the table's first rows when the targets ran past the end.
    fn sample_spread(
        &self,
        t: &Table,
        rowid: &str,
        exprs: &[String],
        n: usize,
        taker: &mut Taker<i64>,
    ) -> Result<(), Fail> {
        let Some((lo, hi)) = self.rowid_range(t, rowid)? else {
            return Ok(());
        };
        let cols = exprs.join(", ");
        let width = hi as i128 - lo as i128 + 1;
        if width > n as i128 {
            let sql = format!(
                "SELECT {rowid}, {cols} FROM {} WHERE {rowid} >= ?1 ORDER BY {rowid} LIMIT 1",
                t.sql_name
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut last: Option<i64> = None;
            for i in 0..n as i128 {
                taker.check_time()?;
                let target = (lo as i128 + i * width / n as i128) as i64;
                let bound = match last {
                    Some(last) if last >= target => match last.checked_add(1) {
                        Some(b) => b,
                        None => break,
                    },
                    _ => target,
                };
                let mut rows = stmt.query([bound])?;
                let Some(row) = rows.next()? else { break };
                let id: i64 = row.get(0)?;
                if !taker.take(id, values(row, 1, exprs.len())?) {
                    return Ok(());
                }
                last = Some(id);
            }
        }
        if taker.len() < n {
            // Few rows, or rows bunched at the start of a wide rowid range.
            let sql = format!(
                "SELECT {rowid}, {cols} FROM {} ORDER BY {rowid} LIMIT ?1",
                t.sql_name
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([n as i64])?;
            while taker.len() < n {
                taker.check_time()?;
                let Some(row) = rows.next()? else { break };
                let id: i64 = row.get(0)?;
                if taker.contains(&id) {
                    continue;
                }
                if !taker.take(id, values(row, 1, exprs.len())?) {
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Columns `first..first + count` of a row, as the plugin gets them.
fn values(row: &rusqlite::Row<'_>, first: usize, count: usize) -> Result<Row, Fail> {
    let mut values = Vec::with_capacity(count);
    for i in first..first + count {
        values.push(as_text(row.get_ref(i)?));
    }
    Ok(values)
}

/// A value as the plugin gets it.
fn as_text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        // Reals arrive as text already (`CAST … AS TEXT` in the query); this
        // is for safety only.
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(bytes) => Some(value::text(bytes)),
        ValueRef::Blob(bytes) => Some(value::hex(bytes)),
    }
}
