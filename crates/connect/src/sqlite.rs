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
//! Limits: every call runs against the run's [`Budget`] deadline (a timer
//! thread interrupts a query that runs past it), a sample is at most
//! [`SAMPLE_ROWS_PER_CALL`] rows and each value at most [`CELL_BYTES_CAP`]
//! bytes of text, and rows and bytes handed out are taken from the budget.
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

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, ErrorCode, InterruptHandle, OpenFlags, OptionalExtension};

use super::{Budget, ColumnInfo, Refusal, Row, TableRef, spent, time_limit};

/// The most rows one `sample` call returns, whatever the plugin asks.
pub const SAMPLE_ROWS_PER_CALL: u32 = 1000;

/// The most bytes of text one value becomes; longer text is cut (on a
/// character boundary), a longer blob is hex-encoded from its first
/// `CELL_BYTES_CAP / 2` bytes.
pub const CELL_BYTES_CAP: usize = 64 * 1024;

/// How much longer than the lock timeout a call that reads no data may run.
const METADATA_GRACE: Duration = Duration::from_secs(1);

/// Read-only access to one SQLite database file.
pub struct SqliteConnector {
    conn: Connection,
    /// The path as given, for messages.
    shown: String,
    busy_timeout: Duration,
}

/// A failure inside a guarded call: SQLite's own (mapped once the timer is
/// stopped, because an interruption means "time limit" only then), or a
/// refusal decided by the connector.
enum Fail {
    Sql(rusqlite::Error),
    Refused(Refusal),
}

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Self {
        Fail::Sql(e)
    }
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        Fail::Refused(r)
    }
}

/// A table or view, looked up in the schema.
struct Table {
    /// As the plugin should see it, for messages.
    shown: String,
    /// `"schema"."name"`, ready for the SQL text.
    sql_name: String,
    /// The name by which the rowid can be selected (`rowid`, `_rowid_` or
    /// `oid`, whichever no column shadows); `None` for views, `WITHOUT ROWID`
    /// and virtual tables, or when all three are column names.
    rowid: Option<&'static str>,
    /// Whether the table is `WITHOUT ROWID` (its primary key is NOT NULL).
    without_rowid: bool,
    schema: String,
    name: String,
    /// The selectable columns in declaration order: (name, declared type,
    /// NOT NULL, position in the primary key).
    columns: Vec<(String, String, bool, i64)>,
}

impl SqliteConnector {
    /// Open the database file at `path` read-only. `timeout` is how long a
    /// query waits for a lock held by another connection before it fails;
    /// the calls that read no data (`list_tables`, `list_columns`,
    /// `row_count_estimate`) are stopped after that plus one second.
    ///
    /// The file is checked to be a SQLite database now (its header and schema
    /// are read), so a missing, locked, corrupt or non-database file is a
    /// `Failed` here, naming the file and the reason.
    pub fn open(path: &Path, timeout: Duration) -> Result<Self, Refusal> {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Refusal::Failed(format!("database file {shown} not found")));
            }
            Err(e) => {
                return Err(Refusal::Failed(format!(
                    "cannot read database file {shown}: {e}"
                )));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(Refusal::Failed(format!(
                    "database path {shown} is not a file"
                )));
            }
            Ok(_) => {}
        }
        let canonical = path
            .canonicalize()
            .map_err(|e| Refusal::Failed(format!("cannot read database file {shown}: {e}")))?;
        let uri = file_uri(&canonical)?;
        // READ_ONLY never creates the file; `mode=ro` says the same in the
        // URI. NO_MUTEX: the connection is used by one thread at a time
        // (`Connection` is not `Sync`); the interrupt handle is thread-safe.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&uri, flags)
            .map_err(|e| Refusal::Failed(format!("cannot open database file {shown}: {e}")))?;
        let this = SqliteConnector {
            conn,
            shown,
            busy_timeout: timeout,
        };
        let setup = || -> rusqlite::Result<()> {
            this.conn.busy_timeout(timeout)?;
            this.conn.pragma_update(None, "query_only", true)?;
            // Functions a view of the database calls must be harmless ones.
            this.conn.pragma_update(None, "trusted_schema", false)?;
            // Reads the header and parses the schema: fails now for a file
            // that is not a database, a corrupt one or a locked one.
            this.conn
                .query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| {
                    r.get::<_, i64>(0)
                })?;
            Ok(())
        };
        setup().map_err(|e| this.describe(e))?;
        Ok(this)
    }

    /// A handle that stops the query running on this connection from another
    /// thread; the call then fails (`Failed`, or `LimitExceeded` once the
    /// deadline has passed). A handle used when no query runs does nothing.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// The tables and views of `main` (schema `None`) and of any attached
    /// database (schema `Some(name)`), without SQLite's own `sqlite_*`
    /// tables, sorted.
    pub fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        self.guarded_metadata(|| {
            let mut tables = Vec::new();
            for schema in self.schemas()? {
                let sql = format!(
                    "SELECT name FROM {}.sqlite_schema \
                     WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                    quote(&schema)
                );
                let mut stmt = self.conn.prepare(&sql)?;
                let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
                for name in names {
                    tables.push(TableRef {
                        schema: (schema != "main").then(|| schema.clone()),
                        name: name?,
                    });
                }
            }
            tables.sort();
            Ok(tables)
        })
    }

    /// The columns of a table or view in declaration order, with the declared
    /// type (empty when undeclared) and whether they may hold NULL. Generated
    /// columns are included; the hidden columns of virtual tables are not.
    pub fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        self.guarded_metadata(|| {
            let t = self.resolve(table)?;
            // A rowid table's INTEGER PRIMARY KEY is the rowid, never NULL;
            // other primary-key columns of a rowid table may hold NULL (an
            // old SQLite quirk); a WITHOUT ROWID table's may not.
            let pk_columns = t.columns.iter().filter(|c| c.3 > 0).count();
            Ok(t.columns
                .iter()
                .map(|(name, data_type, not_null, pk)| {
                    let rowid_alias = *pk > 0
                        && pk_columns == 1
                        && t.rowid.is_some()
                        && data_type.eq_ignore_ascii_case("integer");
                    let pk_not_null = *pk > 0 && t.without_rowid;
                    ColumnInfo {
                        name: name.clone(),
                        data_type: data_type.clone(),
                        nullable: !(*not_null || rowid_alias || pk_not_null),
                    }
                })
                .collect())
        })
    }

    /// An estimate of the number of rows, cheaply: the row count `ANALYZE`
    /// left in `sqlite_stat1` when there is one, else the width of the rowid
    /// range (`max(rowid) - min(rowid) + 1`, two index seeks: exact for a
    /// table without deletions, too high after deletions). `None` for views,
    /// `WITHOUT ROWID` and virtual tables without statistics. Never counts.
    pub fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        self.guarded_metadata(|| {
            let t = self.resolve(table)?;
            if let Some(n) = self.stat1_rows(&t)? {
                return Ok(Some(n));
            }
            let Some(rowid) = t.rowid else {
                return Ok(None);
            };
            Ok(match self.rowid_range(&t, rowid)? {
                None => Some(0),
                Some((lo, hi)) => {
                    Some(u64::try_from(hi as i128 - lo as i128 + 1).unwrap_or(u64::MAX))
                }
            })
        })
    }

    /// Up to `limit` rows (and at most [`SAMPLE_ROWS_PER_CALL`] and the rows
    /// left in the budget) of the given columns, as text: integers and reals
    /// in SQLite's text form, blobs as lowercase hex, NULL as `None`, each
    /// value cut to [`CELL_BYTES_CAP`] bytes.
    ///
    /// The rows are spread across the table and the same on every call (see
    /// the module documentation), in rowid order. Rows and bytes handed out
    /// are taken from `budget`; when the bytes run out in the middle, the
    /// rows so far come back and the bytes are spent. `LimitExceeded` when
    /// the budget is spent before the call or the deadline passes during it.
    pub fn sample(
        &self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
        budget: &mut Budget,
    ) -> Result<Vec<Row>, Refusal> {
        if columns.is_empty() {
            return Err(Refusal::Invalid(
                "sample needs at least one column".to_owned(),
            ));
        }
        let deadline = budget.deadline();
        let remaining = budget.remaining_time();
        budget.check_time()?;
        let (rows, bytes, bytes_spent) = self.guarded_for(remaining, time_limit, || {
            let t = self.resolve(table)?;
            let mut exprs = Vec::with_capacity(columns.len());
            for asked in columns {
                let Some(col) = t.columns.iter().find(|c| c.0.eq_ignore_ascii_case(asked)) else {
                    return Err(
                        Refusal::NotFound(format!("no column `{asked}` in `{}`", t.shown)).into(),
                    );
                };
                // Reals in SQLite's own text form; everything else as stored.
                let q = quote(&col.0);
                exprs.push(format!(
                    "CASE typeof({q}) WHEN 'real' THEN CAST({q} AS TEXT) ELSE {q} END"
                ));
            }
            if limit == 0 {
                return Ok((Vec::new(), 0, false));
            }
            if budget.rows_left() == 0 {
                return Err(spent("rows").into());
            }
            if budget.bytes_left() == 0 {
                return Err(spent("bytes").into());
            }
            let n = u64::from(limit.min(SAMPLE_ROWS_PER_CALL)).min(budget.rows_left()) as usize;
            let mut taker = Taker::new(budget.bytes_left(), deadline);
            match t.rowid {
                Some(rowid) => self.sample_spread(&t, rowid, &exprs, n, &mut taker)?,
                None => {
                    let sql = format!("SELECT {} FROM {} LIMIT ?1", exprs.join(", "), t.sql_name);
                    let mut stmt = self.conn.prepare(&sql)?;
                    let mut rows = stmt.query([n as i64])?;
                    let mut i = 0i64;
                    while let Some(row) = rows.next()? {
                        if !taker.take(i, row, 0, exprs.len())? {
                            break;
                        }
                        i += 1;
                    }
                }
            }
            Ok((
                taker.rows.into_values().collect::<Vec<_>>(),
                taker.bytes,
                taker.bytes_ran_out,
            ))
        })?;
        if rows.is_empty() && bytes_spent {
            budget.take_bytes(budget.bytes_left())?;
            return Err(spent("bytes"));
        }
        budget.take_rows(rows.len() as u64)?;
        budget.take_bytes(bytes)?;
        if bytes_spent {
            budget.take_bytes(budget.bytes_left())?;
        }
        Ok(rows)
    }

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
        taker: &mut Taker,
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
                if !taker.take(id, row, 1, exprs.len())? {
                    return Ok(());
                }
                last = Some(id);
            }
        }
        if taker.rows.len() < n {
            // Few rows, or rows bunched at the start of a wide rowid range.
            let sql = format!(
                "SELECT {rowid}, {cols} FROM {} ORDER BY {rowid} LIMIT ?1",
                t.sql_name
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([n as i64])?;
            while taker.rows.len() < n {
                taker.check_time()?;
                let Some(row) = rows.next()? else { break };
                let id: i64 = row.get(0)?;
                if taker.rows.contains_key(&id) {
                    continue;
                }
                if !taker.take(id, row, 1, exprs.len())? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// The attached databases a plugin may see: all but `temp`.
    fn schemas(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
        names.collect()
    }

    /// Look a table up in the schema (with bound parameters: nothing the
    /// plugin wrote reaches SQL text before this has found it).
    fn resolve(&self, table: &TableRef) -> Result<Table, Fail> {
        let shown = table.to_string();
        if table.name.contains('\0') || table.schema.as_deref().is_some_and(|s| s.contains('\0')) {
            return Err(
                Refusal::Invalid(format!("table name `{shown}` contains a NUL character")).into(),
            );
        }
        let schema = match &table.schema {
            None => "main".to_owned(),
            Some(asked) => self
                .schemas()?
                .into_iter()
                .find(|s| s.eq_ignore_ascii_case(asked))
                .ok_or_else(|| Refusal::NotFound(format!("no database `{asked}`")))?,
        };
        let not_found = || Refusal::NotFound(format!("no table or view `{shown}`"));
        if table
            .name
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("sqlite_"))
        {
            return Err(not_found().into());
        }
        let sql = format!(
            "SELECT name, type FROM {}.sqlite_schema \
             WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
            quote(&schema)
        );
        let Some((name, kind)) = self
            .conn
            .query_row(&sql, [&table.name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        else {
            return Err(not_found().into());
        };

        let mut has_rowid = false;
        let mut without_rowid = false;
        if kind == "table" {
            let listed: Option<(String, bool)> = self
                .conn
                .query_row(
                    "SELECT type, wr FROM pragma_table_list(?1) WHERE schema = ?2",
                    [&name, &schema],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((list_kind, wr)) = listed {
                without_rowid = wr;
                has_rowid = list_kind == "table" && !wr;
            }
        }

        let mut stmt = self.conn.prepare(
            "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?1, ?2) ORDER BY cid",
        )?;
        let all: Vec<(String, String, bool, i64, i64)> = stmt
            .query_map([&name, &schema], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let rowid = if has_rowid {
            ["rowid", "_rowid_", "oid"]
                .into_iter()
                .find(|alias| !all.iter().any(|c| c.0.eq_ignore_ascii_case(alias)))
        } else {
            None
        };
        // hidden: 0 ordinary, 1 hidden column of a virtual table, 2 and 3
        // generated columns (selectable, so they are shown).
        let columns = all
            .into_iter()
            .filter(|c| c.4 != 1)
            .map(|(name, ty, nn, pk, _)| (name, ty, nn, pk))
            .collect();
        Ok(Table {
            shown,
            sql_name: format!("{}.{}", quote(&schema), quote(&name)),
            rowid,
            without_rowid,
            schema,
            name,
            columns,
        })
    }

    /// The largest first number of the table's `sqlite_stat1` rows.
    fn stat1_rows(&self, t: &Table) -> rusqlite::Result<Option<u64>> {
        let schema = quote(&t.schema);
        let has_stat: Option<i64> = self
            .conn
            .query_row(
                &format!(
                    "SELECT 1 FROM {schema}.sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'"
                ),
                [],
                |r| r.get(0),
            )
            .optional()?;
        if has_stat.is_none() {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT stat FROM {schema}.sqlite_stat1 WHERE tbl = ?1 COLLATE NOCASE"
        ))?;
        let stats = stmt.query_map([&t.name], |r| r.get::<_, Option<String>>(0))?;
        let mut best = None;
        for stat in stats {
            let n = stat?
                .as_deref()
                .and_then(|s| s.split_whitespace().next())
                .and_then(|s| s.parse::<u64>().ok());
            best = best.max(n);
        }
        Ok(best)
    }

    /// Smallest and largest rowid, each by its own `min`/`max` query so that
    /// SQLite answers it from the b-tree's edge; `None` for an empty table.
    fn rowid_range(&self, t: &Table, rowid: &str) -> rusqlite::Result<Option<(i64, i64)>> {
        let lo: Option<i64> = self.conn.query_row(
            &format!("SELECT min({rowid}) FROM {}", t.sql_name),
            [],
            |r| r.get(0),
        )?;
        let hi: Option<i64> = self.conn.query_row(
            &format!("SELECT max({rowid}) FROM {}", t.sql_name),
            [],
            |r| r.get(0),
        )?;
        Ok(lo.zip(hi))
    }

    /// Run a call that reads no data under the connector's own time limit.
    fn guarded_metadata<T>(&self, f: impl FnOnce() -> Result<T, Fail>) -> Result<T, Refusal> {
        let limit = self.busy_timeout.saturating_add(METADATA_GRACE);
        let too_long = || {
            Refusal::Failed(format!(
                "a query on database {} took longer than {} ms and was stopped",
                self.shown,
                limit.as_millis()
            ))
        };
        self.guarded_for(limit, too_long, f)
    }

    /// Run `f` while a timer thread interrupts the connection after
    /// `remaining`; a query stopped by it becomes `on_timeout()`. An
    /// interrupt that lands between two statements is lost (SQLite clears it
    /// when the next statement starts), so loops of short statements also
    /// check the deadline themselves.
    fn guarded_for<T>(
        &self,
        remaining: Duration,
        on_timeout: impl FnOnce() -> Refusal,
        f: impl FnOnce() -> Result<T, Fail>,
    ) -> Result<T, Refusal> {
        let started = Instant::now();
        let watchdog = Watchdog::arm(self.conn.get_interrupt_handle(), remaining)?;
        let result = f();
        let fired = watchdog.disarm();
        result.map_err(|e| match e {
            Fail::Refused(r) => r,
            Fail::Sql(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => {
                if fired || started.elapsed() >= remaining {
                    on_timeout()
                } else {
                    Refusal::Failed(format!(
                        "the query on database {} was interrupted by the host",
                        self.shown
                    ))
                }
            }
            Fail::Sql(e) => self.describe(e),
        })
    }

    /// SQLite's error in words, naming the file.
    fn describe(&self, e: rusqlite::Error) -> Refusal {
        let shown = &self.shown;
        let detail = match &e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
            other => other.to_string(),
        };
        Refusal::Failed(match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => {
                format!("{shown} is not a SQLite database ({detail})")
            }
            Some(ErrorCode::DatabaseCorrupt) => {
                format!("database {shown} is corrupt ({detail})")
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
                "database {shown} is locked by another connection (waited {} ms)",
                self.busy_timeout.as_millis()
            ),
            Some(ErrorCode::OperationInterrupted) => {
                format!("the query on database {shown} was interrupted")
            }
            Some(ErrorCode::CannotOpen) => format!("cannot open database file {shown} ({detail})"),
            _ => format!("database {shown}: {detail}"),
        })
    }
}

/// Collects sampled rows as text, keyed (and so ordered) by rowid, counting
/// bytes against what the budget has left.
struct Taker {
    rows: BTreeMap<i64, Row>,
    bytes: u64,
    bytes_left: u64,
    bytes_ran_out: bool,
    deadline: Instant,
}

impl Taker {
    fn new(bytes_left: u64, deadline: Instant) -> Self {
        Taker {
            rows: BTreeMap::new(),
            bytes: 0,
            bytes_left,
            bytes_ran_out: false,
            deadline,
        }
    }

    fn check_time(&self) -> Result<(), Fail> {
        if Instant::now() >= self.deadline {
            Err(time_limit().into())
        } else {
            Ok(())
        }
    }

    /// Add the row with key `id` from columns `first..first + count`; false
    /// (and the row dropped) when its bytes are more than the budget has left.
    fn take(
        &mut self,
        id: i64,
        row: &rusqlite::Row<'_>,
        first: usize,
        count: usize,
    ) -> Result<bool, Fail> {
        let mut values = Vec::with_capacity(count);
        let mut size = 0u64;
        for i in first..first + count {
            let value = as_text(row.get_ref(i)?);
            size += value.as_ref().map_or(0, |v| v.len() as u64);
            values.push(value);
        }
        if self.bytes + size > self.bytes_left {
            self.bytes_ran_out = true;
            return Ok(false);
        }
        self.bytes += size;
        self.rows.insert(id, values);
        Ok(true)
    }
}

/// A value as the plugin gets it.
fn as_text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        // Reals arrive as text already (`CAST … AS TEXT` in the query); this
        // is for safety only.
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(bytes) => {
            let mut cut = bytes.len().min(CELL_BYTES_CAP);
            // Back off to the start of a UTF-8 sequence.
            while cut < bytes.len() && cut > 0 && (bytes[cut] & 0b1100_0000) == 0b1000_0000 {
                cut -= 1;
            }
            let mut text = String::from_utf8_lossy(&bytes[..cut]).into_owned();
            // Invalid UTF-8 became U+FFFD (3 bytes for 1); keep the cap.
            while text.len() > CELL_BYTES_CAP {
                text.pop();
            }
            Some(text)
        }
        ValueRef::Blob(bytes) => {
            let bytes = &bytes[..bytes.len().min(CELL_BYTES_CAP / 2)];
            let mut hex = String::with_capacity(bytes.len() * 2);
            for b in bytes {
                const DIGITS: &[u8; 16] = b"0123456789abcdef";
                hex.push(DIGITS[(b >> 4) as usize] as char);
                hex.push(DIGITS[(b & 0xf) as usize] as char);
            }
            Some(hex)
        }
    }
}

/// An SQL identifier, quoted: `"` around it and every `"` inside doubled, so
/// no name can end the identifier early.
fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// `file:<percent-encoded path>?mode=ro`: every byte but unreserved ones and
/// `/` is percent-encoded, so `?`, `#` and `%` in a file name stay part of it.
fn file_uri(path: &Path) -> Result<String, Refusal> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let s = path.to_str().ok_or_else(|| {
            Refusal::Invalid(format!("database path {} is not UTF-8", path.display()))
        })?;
        let s = s.replace('\\', "/");
        if s.starts_with('/') {
            s
        } else {
            format!("/{s}")
        }
        .into_bytes()
    };
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    Ok(uri)
}

/// Interrupts a connection once a time is up, unless disarmed first.
struct Watchdog {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<bool>>,
}

impl Watchdog {
    fn arm(handle: InterruptHandle, after: Duration) -> Result<Self, Refusal> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::Builder::new()
            .name("ropa-sqlite-deadline".to_owned())
            .spawn(move || match stopped.recv_timeout(after) {
                Err(RecvTimeoutError::Timeout) => {
                    handle.interrupt();
                    true
                }
                _ => false,
            })
            .map_err(|e| Refusal::Failed(format!("cannot start the query timer: {e}")))?;
        Ok(Watchdog {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stop the timer; whether it had fired. After this returns, the timer
    /// thread has ended and cannot interrupt a later query.
    fn disarm(mut self) -> bool {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> bool {
        drop(self.stop.take());
        self.thread
            .take()
            .is_some_and(|t| t.join().unwrap_or(false))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const LOCK_WAIT: Duration = Duration::from_millis(100);

    fn budget() -> Budget {
        Budget::new(10_000_000, 1 << 32, Duration::from_secs(120))
    }

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn t(name: &str) -> TableRef {
        TableRef::main(name)
    }

    /// A database with a bit of everything.
    fn fixture(dir: &Path) -> PathBuf {
        let path = dir.join("app.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            r#"
            CREATE TABLE customers (
                id INTEGER PRIMARY KEY, email TEXT NOT NULL, name varchar(80),
                score REAL, photo BLOB, note
            );
            INSERT INTO customers VALUES (1, 'a@example.org', 'Ann', 1.5, x'00ff10', NULL);
            INSERT INTO customers VALUES (2, 'b@example.org', NULL, 1e20, NULL, 42);
            INSERT INTO customers VALUES (3, 'c@example.org', 'Cé', 0.1, x'', 'x');
            CREATE VIEW emails AS SELECT email FROM customers;
            CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
            INSERT INTO codes VALUES ('b', 'B'), ('a', 'A');
            CREATE TABLE "we""ird]" ("co""l]" TEXT, "x""y]" INTEGER);
            INSERT INTO "we""ird]" VALUES ('v1', 1), ('v2', 2);
            CREATE TABLE "x""; DROP TABLE customers; --" (v TEXT);
            INSERT INTO "x""; DROP TABLE customers; --" VALUES ('kept');
            CREATE TABLE shadowed ("rowid" TEXT, v TEXT);
            INSERT INTO shadowed VALUES ('r1', 'v1'), ('r2', 'v2');
            CREATE VIEW forever AS
                WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
                SELECT x FROM r WHERE x < 0;
            "#,
        )
        .unwrap();
        path
    }

    /// `big` with rows 1..=200_000.
    fn big(dir: &Path) -> PathBuf {
        let path = dir.join("big.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
             INSERT INTO big (v)
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
                SELECT 'value ' || x FROM n;",
        )
        .unwrap();
        path
    }

    fn open(path: &Path) -> SqliteConnector {
        SqliteConnector::open(path, LOCK_WAIT).unwrap()
    }

    #[test]
    fn lists_tables_and_views_sorted_without_internals() {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        Connection::open(&path)
            .unwrap()
            .execute_batch("ANALYZE")
            .unwrap();
        let db = open(&path);
        let names: Vec<String> = db
            .list_tables()
            .unwrap()
            .into_iter()
            .map(|t| {
                assert_eq!(t.schema, None);
                t.name
            })
            .collect();
        assert_eq!(
            names,
            [
                "codes",
                "customers",
                "emails",
                "forever",
                "shadowed",
                "we\"ird]",
                "x\"; DROP TABLE customers; --"
            ]
        );
    }

    #[test]
    fn lists_columns_in_declaration_order() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&fixture(dir.path()));
        let c = db.list_columns(&t("customers")).unwrap();
        let got: Vec<(&str, &str, bool)> = c
            .iter()
            .map(|c| (c.name.as_str(), c.data_type.as_str(), c.nullable))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "INTEGER", false),
                ("email", "TEXT", false),
                ("name", "varchar(80)", true),
                ("score", "REAL", true),
                ("photo", "BLOB", true),
                ("note", "", true),
            ]
        );
        let codes = db.list_columns(&t("CODES")).unwrap();
        assert_eq!((codes[0].name.as_str(), codes[0].nullable), ("code", false));
        assert!(codes[1].nullable);
        let view = db.list_columns(&t("emails")).unwrap();
        assert_eq!(view.len(), 1);
        assert_eq!(view[0].name, "email");
        let weird = db.list_columns(&t("we\"ird]")).unwrap();
        assert_eq!(weird[0].name, "co\"l]");
        assert_eq!(weird[1].name, "x\"y]");

        for missing in [
            t("nope"),
            t("sqlite_schema"),
            t("customers\" --"),
            TableRef {
                schema: Some("aux".into()),
                name: "customers".into(),
            },
            TableRef {
                schema: Some("temp".into()),
                name: "customers".into(),
            },
        ] {
            assert!(
                matches!(db.list_columns(&missing), Err(Refusal::NotFound(_))),
                "{missing}"
            );
        }
        // `main` may be named.
        let main = TableRef {
            schema: Some("main".into()),
            name: "customers".into(),
        };
        assert_eq!(db.list_columns(&main).unwrap().len(), 6);
    }

    #[test]
    fn samples_values_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&fixture(dir.path()));
        let mut b = budget();
        let rows = db
            .sample(
                &t("customers"),
                &cols(&["id", "EMAIL", "name", "score", "photo", "note"]),
                10,
                &mut b,
            )
            .unwrap();
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            rows,
            vec![
                vec![
                    s("1"),
                    s("a@example.org"),
                    s("Ann"),
                    s("1.5"),
                    s("00ff10"),
                    None
                ],
                vec![
                    s("2"),
                    s("b@example.org"),
                    None,
                    s("1.0e+20"),
                    None,
                    s("42")
                ],
                vec![s("3"), s("c@example.org"), s("Cé"), s("0.1"), s(""), s("x")],
            ]
        );
        // Columns come back in the order asked, repeated if asked twice.
        let rows = db
            .sample(&t("customers"), &cols(&["note", "id", "id"]), 1, &mut b)
            .unwrap();
        assert_eq!(rows, vec![vec![None, s("1"), s("1")]]);
        // A view and a WITHOUT ROWID table give their first rows.
        let rows = db
            .sample(&t("emails"), &cols(&["email"]), 2, &mut b)
            .unwrap();
        assert_eq!(rows.len(), 2);
        let rows = db
            .sample(&t("codes"), &cols(&["code", "label"]), 10, &mut b)
            .unwrap();
        assert_eq!(rows, vec![vec![s("a"), s("A")], vec![s("b"), s("B")]]);
        // A column named `rowid` shadows the rowid; sampling still works.
        let rows = db
            .sample(&t("shadowed"), &cols(&["rowid", "v"]), 10, &mut b)
            .unwrap();
        assert_eq!(rows, vec![vec![s("r1"), s("v1")], vec![s("r2"), s("v2")]]);
        assert_eq!(db.row_count_estimate(&t("shadowed")).unwrap(), Some(2));
        // limit 0 is an empty sample.
        assert!(
            db.sample(&t("customers"), &cols(&["id"]), 0, &mut b)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn refuses_bad_columns() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&fixture(dir.path()));
        let mut b = budget();
        assert!(matches!(
            db.sample(&t("customers"), &[], 10, &mut b),
            Err(Refusal::Invalid(_))
        ));
        for bad in ["nope", "email\" FROM customers --", "rowid", ""] {
            assert!(
                matches!(
                    db.sample(&t("customers"), &cols(&[bad]), 10, &mut b),
                    Err(Refusal::NotFound(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            db.sample(&t("nope"), &cols(&["id"]), 10, &mut b),
            Err(Refusal::NotFound(_))
        ));
        assert!(matches!(
            db.sample(&t("a\0b"), &cols(&["id"]), 10, &mut b),
            Err(Refusal::Invalid(_))
        ));
    }

    #[test]
    fn hostile_identifiers_are_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        let db = open(&path);
        let mut b = budget();
        let rows = db
            .sample(&t("we\"ird]"), &cols(&["co\"l]", "x\"y]"]), 10, &mut b)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                vec![Some("v1".to_owned()), Some("1".to_owned())],
                vec![Some("v2".to_owned()), Some("2".to_owned())]
            ]
        );
        let evil = t("x\"; DROP TABLE customers; --");
        assert_eq!(db.row_count_estimate(&evil).unwrap(), Some(1));
        let rows = db.sample(&evil, &cols(&["v"]), 10, &mut b).unwrap();
        assert_eq!(rows, vec![vec![Some("kept".to_owned())]]);
        assert_eq!(db.list_columns(&t("customers")).unwrap().len(), 6);
    }

    #[test]
    fn estimates_rows_cheaply() {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        let db = open(&path);
        assert_eq!(db.row_count_estimate(&t("customers")).unwrap(), Some(3));
        assert_eq!(db.row_count_estimate(&t("emails")).unwrap(), None);
        assert_eq!(db.row_count_estimate(&t("codes")).unwrap(), None);
        assert_eq!(db.row_count_estimate(&t("forever")).unwrap(), None);
        drop(db);

        // The rowid range overestimates after deletions; ANALYZE's count wins.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE gappy (id INTEGER PRIMARY KEY, v);
             INSERT INTO gappy (id, v) VALUES (1, 'a'), (2, 'b'), (100, 'c');
             CREATE TABLE empty (v);",
        )
        .unwrap();
        let db = open(&path);
        assert_eq!(db.row_count_estimate(&t("gappy")).unwrap(), Some(100));
        assert_eq!(db.row_count_estimate(&t("empty")).unwrap(), Some(0));
        drop(db);
        c.execute_batch("ANALYZE").unwrap();
        let db = open(&path);
        assert_eq!(db.row_count_estimate(&t("gappy")).unwrap(), Some(3));
        assert_eq!(db.row_count_estimate(&t("codes")).unwrap(), Some(2));
    }

    #[test]
    fn sampling_is_spread_and_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&big(dir.path()));
        let mut b = budget();
        assert_eq!(db.row_count_estimate(&t("big")).unwrap(), Some(200_000));
        let started = Instant::now();
        let first = db
            .sample(&t("big"), &cols(&["id", "v"]), 100, &mut b)
            .unwrap();
        let took = started.elapsed();
        let second = db
            .sample(&t("big"), &cols(&["id", "v"]), 100, &mut b)
            .unwrap();
        assert_eq!(first, second, "the same sample twice");
        let ids: Vec<i64> = first
            .iter()
            .map(|r| r[0].as_deref().unwrap().parse().unwrap())
            .collect();
        assert_eq!(ids.len(), 100);
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "ascending, no duplicates"
        );
        assert_eq!(ids[0], 1);
        assert!(*ids.last().unwrap() > 195_000, "reaches the end: {ids:?}");
        // Evenly spaced: every 2000th row.
        assert!(ids.windows(2).all(|w| w[1] - w[0] == 2000), "{ids:?}");
        assert_eq!(first[1][1].as_deref(), Some("value 2001"));
        // A sample is at most SAMPLE_ROWS_PER_CALL rows.
        let many = db
            .sample(&t("big"), &cols(&["id"]), 50_000, &mut b)
            .unwrap();
        assert_eq!(many.len(), SAMPLE_ROWS_PER_CALL as usize);
        eprintln!("100 rows of 200k in {took:?}");
    }

    #[test]
    fn sampling_fills_up_when_rowids_bunch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bunch.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v);
             INSERT INTO t (id, v)
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500)
                SELECT x, x FROM n;
             INSERT INTO t VALUES (-9223372036854775808, 'min'), (9223372036854775807, 'max');",
        )
        .unwrap();
        let db = open(&path);
        let mut b = budget();
        let rows = db.sample(&t("t"), &cols(&["id"]), 100, &mut b).unwrap();
        assert_eq!(rows.len(), 100);
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| r[0].as_deref().unwrap().parse().unwrap())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ids[0], i64::MIN);
        assert_eq!(*ids.last().unwrap(), i64::MAX);
        let all = db.sample(&t("t"), &cols(&["id"]), 1000, &mut b).unwrap();
        assert_eq!(all.len(), 502);
        assert_eq!(db.row_count_estimate(&t("t")).unwrap(), Some(u64::MAX));
    }

    #[test]
    fn caps_long_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t (s TEXT, b BLOB)").unwrap();
        c.execute(
            "INSERT INTO t VALUES (?1, ?2)",
            rusqlite::params!["é".repeat(50_000), vec![0xabu8; 100_000]],
        )
        .unwrap();
        let db = open(&path);
        let mut b = budget();
        let before = b.bytes_left();
        let rows = db.sample(&t("t"), &cols(&["s", "b"]), 1, &mut b).unwrap();
        let s = rows[0][0].as_deref().unwrap();
        let h = rows[0][1].as_deref().unwrap();
        assert_eq!(s.len(), CELL_BYTES_CAP, "64 KiB of two-byte characters");
        assert!(s.chars().all(|c| c == 'é'));
        assert_eq!(h.len(), CELL_BYTES_CAP);
        assert!(h.starts_with("abab"));
        assert_eq!(before - b.bytes_left(), 2 * CELL_BYTES_CAP as u64);
        assert_eq!(b.rows_left(), budget().rows_left() - 1);
    }

    #[test]
    fn budget_runs_out() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&big(dir.path()));
        let mut b = Budget::new(150, 1 << 30, Duration::from_secs(60));
        assert_eq!(
            db.sample(&t("big"), &cols(&["id"]), 100, &mut b)
                .unwrap()
                .len(),
            100
        );
        assert_eq!(
            db.sample(&t("big"), &cols(&["id"]), 100, &mut b)
                .unwrap()
                .len(),
            50
        );
        assert!(matches!(
            db.sample(&t("big"), &cols(&["id"]), 100, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));

        // Bytes: "value 1" is 7 bytes; 20 bytes buy two rows, then it is spent.
        let mut b = Budget::new(1000, 20, Duration::from_secs(60));
        let rows = db.sample(&t("big"), &cols(&["v"]), 10, &mut b).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(b.bytes_left(), 0);
        assert!(matches!(
            db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        // A first row larger than the budget: refused, budget spent.
        let mut b = Budget::new(1000, 3, Duration::from_secs(60));
        assert!(matches!(
            db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        assert_eq!(b.bytes_left(), 0);
        // A passed deadline refuses a sample before it starts.
        let mut b = Budget::with_deadline(1000, 1000, Instant::now());
        assert!(matches!(
            db.sample(&t("big"), &cols(&["v"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
    }

    #[test]
    fn deadline_interrupts_an_endless_query() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&fixture(dir.path()));
        let limit = Duration::from_millis(300);
        let mut b = Budget::new(1000, 1 << 20, limit);
        let started = Instant::now();
        let result = db.sample(&t("forever"), &cols(&["x"]), 10, &mut b);
        let took = started.elapsed();
        match result {
            Err(Refusal::LimitExceeded(m)) => assert!(m.contains("time"), "{m}"),
            other => panic!("expected a time limit, got {other:?}"),
        }
        assert!(
            took >= limit && took < limit + Duration::from_secs(2),
            "{took:?}"
        );
        // The connection is usable afterwards.
        let mut b = budget();
        assert_eq!(
            db.sample(&t("codes"), &cols(&["code"]), 10, &mut b)
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn interrupt_handle_stops_a_query_from_another_thread() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&fixture(dir.path()));
        let handle = db.interrupt_handle();
        let stopper = thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            handle.interrupt();
        });
        let mut b = budget();
        let started = Instant::now();
        let result = db.sample(&t("forever"), &cols(&["x"]), 10, &mut b);
        stopper.join().unwrap();
        assert!(
            matches!(&result, Err(Refusal::Failed(m)) if m.contains("interrupted")),
            "{result:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn missing_file_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        match SqliteConnector::open(&path, LOCK_WAIT) {
            Err(Refusal::Failed(m)) => {
                assert!(m.contains("not found") && m.contains("missing.db"), "{m}")
            }
            other => panic!("{:?}", other.err()),
        }
        assert!(!path.exists());
        assert!(matches!(
            SqliteConnector::open(dir.path(), LOCK_WAIT),
            Err(Refusal::Failed(m)) if m.contains("not a file")
        ));
    }

    #[test]
    fn a_file_that_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "name,email\nAnn,a@example.org\n".repeat(100)).unwrap();
        match SqliteConnector::open(&path, LOCK_WAIT) {
            Err(Refusal::Failed(m)) => {
                assert!(
                    m.contains("notes.db") && m.contains("not a SQLite database"),
                    "{m}"
                )
            }
            other => panic!("{:?}", other.err()),
        }
        // A database whose pages were overwritten.
        let path = fixture(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        for b in &mut bytes[100..] {
            *b = 0x5a;
        }
        std::fs::write(&path, &bytes).unwrap();
        let result =
            SqliteConnector::open(&path, LOCK_WAIT).and_then(|db| db.list_columns(&t("customers")));
        match result {
            Err(Refusal::Failed(m)) => {
                assert!(m.contains("app.db") && m.contains("corrupt"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_locked_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        let early = open(&path);
        let holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .unwrap();
        let started = Instant::now();
        match SqliteConnector::open(&path, LOCK_WAIT) {
            Err(Refusal::Failed(m)) => assert!(m.contains("locked") && m.contains("app.db"), "{m}"),
            other => panic!("{:?}", other.err()),
        }
        assert!(started.elapsed() >= LOCK_WAIT);
        let mut b = budget();
        assert!(matches!(
            early.sample(&t("customers"), &cols(&["email"]), 1, &mut b),
            Err(Refusal::Failed(m)) if m.contains("locked")
        ));
        holder.execute_batch("COMMIT").unwrap();
        drop(holder);
        assert_eq!(
            early
                .sample(&t("customers"), &cols(&["email"]), 1, &mut b)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn never_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        big(dir.path());
        let before = std::fs::read(&path).unwrap();
        let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
        let listing = |d: &Path| {
            let mut names: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            names
        };
        let files = listing(dir.path());
        {
            let db = open(&path);
            let mut b = budget();
            for table in db.list_tables().unwrap() {
                let columns: Vec<String> = db
                    .list_columns(&table)
                    .unwrap()
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
                let _ = db.row_count_estimate(&table).unwrap();
                if table.name != "forever" {
                    db.sample(&table, &columns, 100, &mut b).unwrap();
                }
            }
            // Even SQL that would write is refused by the connection itself.
            assert!(db.conn.execute_batch("DELETE FROM customers").is_err());
            assert!(
                db.conn
                    .execute_batch("PRAGMA query_only = OFF; DELETE FROM customers")
                    .is_err()
            );
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        assert_eq!(listing(dir.path()), files, "no -journal, -wal or -shm");
    }

    #[test]
    fn reads_a_wal_database_while_an_application_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wal.db");
        let app = Connection::open(&path).unwrap();
        app.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a');",
        )
        .unwrap();
        let db = open(&path);
        let mut b = budget();
        assert_eq!(
            db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
            1
        );
        app.execute_batch("BEGIN; INSERT INTO t VALUES ('b');")
            .unwrap();
        // Uncommitted rows are not seen, and the writer does not block us.
        assert_eq!(
            db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
            1
        );
        app.execute_batch("COMMIT").unwrap();
        assert_eq!(
            db.sample(&t("t"), &cols(&["v"]), 10, &mut b).unwrap().len(),
            2
        );
    }

    #[test]
    fn paths_with_uri_characters() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a?b#c%20 d");
        std::fs::create_dir(&odd).unwrap();
        let path = fixture(&odd);
        let db = open(&path);
        assert_eq!(db.row_count_estimate(&t("customers")).unwrap(), Some(3));
        assert_eq!(
            file_uri(Path::new("/x/a?b#c%d é")).unwrap(),
            "file:/x/a%3Fb%23c%25d%20%C3%A9?mode=ro"
        );
    }
}
