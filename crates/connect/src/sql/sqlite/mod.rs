//! The `sql` capability on a SQLite database file.
//!
//! The file is opened read-only through a `file:…?mode=ro` URI with
//! `PRAGMA query_only` on top, so neither the connector nor anything a
//! database's own schema contains (a view, a trigger) can change it; a file
//! that is missing is never created. A plugin never sends SQL: every query is
//! built here, tables and columns are first looked up in the database's schema
//! with bound parameters, and every identifier is quoted (`"` doubled) before
//! it reaches the SQL text.
//!
//! Limits: every call runs against the run's [`Budget`](crate::Budget)
//! deadline (a timer thread interrupts a query that runs past it), a sample
//! is at most [`SAMPLE_ROWS_PER_CALL`](super::SAMPLE_ROWS_PER_CALL) rows and
//! each value at most [`CELL_BYTES_CAP`](super::CELL_BYTES_CAP) bytes of
//! text, and rows and bytes handed out are taken from the budget.
//!
//! A database in WAL mode is read like any other, also while an application
//! writes to it (a read sees the last commit). SQLite coordinates readers of
//! such a database through its `-shm` and `-wal` files and creates them if
//! they are missing, even for a read-only connection, and only a writer
//! removes them; the database file itself is never written.
//!
//! Sampling is spread across a table and deterministic: for a table with a
//! rowid, `n` evenly spaced rowids between the smallest and the largest are
//! each looked up with `WHERE rowid >= ? ORDER BY rowid LIMIT 1`, an index
//! seek, so a sample of a ten-million-row table costs about what one of a
//! ten-thousand-row table does. Views, `WITHOUT ROWID` and virtual tables
//! have no cheap positional access and give their first rows.
//!
//! - `open`: the file opened and checked to be a database.
//! - `schema`: tables, views and columns looked up in `sqlite_schema` and
//!   the `pragma_table_*` functions; the estimate of the rows.
//! - `sample`: the rows read, spread over the rowid range, as text.
//! - `timer`: every call under a time limit, a query past it interrupted.
//! - `errors`: SQLite's errors in words, naming the file.

mod errors;
mod open;
mod sample;
mod schema;
#[cfg(test)]
mod tests;
mod timer;

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, InterruptHandle};

use super::{Backend, ColumnInfo, Connector, TableRef};
use crate::{Refusal, time_limit};

/// Read-only access to one SQLite database file.
pub type SqliteConnector = Connector<Sqlite>;

/// The SQLite backend: one read-only connection to a database file.
pub struct Sqlite {
    conn: Connection,
    /// The path as given, for messages.
    shown: String,
    busy_timeout: Duration,
}

/// A failure inside a guarded call.
type Fail = super::Fail<rusqlite::Error>;

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Self {
        Fail::Backend(e)
    }
}

impl Connector<Sqlite> {
    /// Open the database file at `path` read-only. `timeout` is how long a
    /// query waits for a lock held by another connection before it fails;
    /// the calls that read no data (`list_tables`, `list_columns`,
    /// `row_count_estimate`) are stopped after that plus one second.
    ///
    /// The file is checked to be a SQLite database now (its header and schema
    /// are read), so a missing, locked, corrupt or non-database file is a
    /// `Failed` here, naming the file and the reason.
    pub fn open(path: &Path, timeout: Duration) -> Result<Self, Refusal> {
        Sqlite::open(path, timeout).map(Connector::new)
    }

    /// A handle that stops the query running on this connection from another
    /// thread; the call then fails (`Failed`, or `LimitExceeded` once the
    /// deadline has passed). A handle used when no query runs does nothing.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.backend.conn.get_interrupt_handle()
    }
}

impl Backend for Sqlite {
    type Error = rusqlite::Error;
    type Session<'s> = &'s Sqlite;

    /// The tables and views of `main` (schema `None`) and of any attached
    /// database (schema `Some(name)`), without SQLite's own `sqlite_*`
    /// tables.
    fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        self.guarded_metadata(|| self.tables())
    }

    /// Each view with the tables SQLite opens to read it, found by
    /// compiling `SELECT * FROM view` (`EXPLAIN`: the root pages its
    /// `OpenRead` instructions name, an index counting as its table).
    fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal> {
        self.guarded_metadata(|| self.views())
    }

    /// The columns of a table or view in declaration order, with the declared
    /// type (empty when undeclared) and whether they may hold NULL. Generated
    /// columns are included; the hidden columns of virtual tables are not.
    fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        self.guarded_metadata(|| Ok(self.resolve(table)?.column_infos()))
    }

    /// The row count `ANALYZE` left in `sqlite_stat1` when there is one, else
    /// the width of the rowid range (`max(rowid) - min(rowid) + 1`, two
    /// index seeks: exact for a table without deletions, too high after
    /// deletions). `None` for views, `WITHOUT ROWID` and virtual tables
    /// without statistics.
    fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        self.guarded_metadata(|| {
            let t = self.resolve(table)?;
            self.estimate(&t)
        })
    }

    /// Runs the job on this thread while a timer interrupts the connection
    /// at the deadline.
    fn sampling<R: Send + 'static>(
        &self,
        deadline: Instant,
        job: impl for<'s> FnOnce(&mut &'s Sqlite) -> Result<R, Fail> + Send + 'static,
    ) -> Result<R, Refusal> {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let mut session = self;
        self.guarded_for(remaining, time_limit, || job(&mut session))
    }
}
