//! The `sql` capability on a PostgreSQL database.
//!
//! The connection is made with the synchronous `postgres` client, without
//! TLS for now (`NoTls`: a URL that demands TLS with `sslmode=require` is
//! refused rather than silently sent in the clear). The session is read-only
//! three times over: `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`
//! and `default_transaction_read_only` at connection time, and every call
//! runs in its own `BEGIN READ ONLY` transaction, so neither the connector
//! nor a function that a view of the database calls can change anything
//! (the role in the URL should still be one that may only read). A plugin
//! never sends SQL: every query is built here, tables and columns are first
//! looked up in the catalogue with bound parameters (and only in the granted
//! schemas), and every identifier is quoted (`"` doubled) before it reaches
//! the SQL text. The catalogue is read with `search_path` set to
//! `pg_catalog, pg_temp`; the sampling statement names the functions and
//! types it calls with their `pg_catalog.` schema.
//!
//! Limits: every statement runs under a server-side `statement_timeout`:
//! the time left in the run's [`Budget`](crate::Budget) for `sample`, the
//! connector's timeout plus a second for the calls that read no data; `lock_timeout` is
//! the connector's timeout, `idle_in_transaction_session_timeout` frees the
//! server should ropa stop in the middle of a call. The client itself runs
//! on a thread of its own (which also keeps its tokio runtime out of the
//! plugin runtime's), and a call whose answer does not come within its time
//! limit plus [`ANSWER_GRACE`] — a server that hangs, a network that drops
//! packets — is abandoned: the caller gets its refusal, the connection is
//! given up (every later call fails) and a cancel request is sent. TCP
//! keepalives and a TCP user timeout let the abandoned thread end once the
//! operating system sees the peer gone. A sample is at most
//! [`SAMPLE_ROWS_PER_CALL`](super::SAMPLE_ROWS_PER_CALL) rows and each value
//! at most [`CELL_BYTES_CAP`](super::CELL_BYTES_CAP) bytes of text, cut on
//! the server already; rows and bytes handed out are
//! taken from the budget.
//!
//! Values are text as PostgreSQL writes them (every column is cast to
//! `text` in SQL), with the session's `DateStyle` ISO, `TimeZone` UTC and
//! `IntervalStyle` postgres so that they do not depend on the server's
//! configuration; `bytea` is lowercase hex without the `\x` prefix.
//!
//! Sampling is spread across a table and deterministic for a given state of
//! the table. A table or materialized view (PostgreSQL 14 and later) is cut
//! into `n` evenly spaced ranges of its blocks (its size on disk, known
//! whether analysed or not), and the first live rows of each range are read
//! by a TID range scan (`ctid >= '(b,0)'`), all in one statement: about `n`
//! block reads, whatever the table's size (100 rows of a 10-million-row
//! table in about 30 ms). A partitioned table (and a table on a server
//! before 14) is sampled with `TABLESAMPLE SYSTEM (p) REPEATABLE (42)`, `p`
//! chosen from the statistics so that about twice the rows asked for come
//! back (and at least 16 blocks' worth), thinned evenly to `n` on the
//! server. Views, partitioned tables never analysed, and tables of which the
//! role may read only some columns give their first rows (`LIMIT`), with
//! synchronised and parallel scans off so that the order is the same every
//! time; every strategy is topped up from the first rows when it found fewer
//! than asked (a range of empty blocks, a table smaller than the sample).
//!
//! - `connect`: the connection made, the session made read-only and
//!   independent of the server's settings, on a thread of its own.
//! - `call`: every call a job on that thread, in a read-only transaction,
//!   answered in time or the connection given up.
//! - `catalog`: tables, views and columns the role may read in the granted
//!   schemas; the statistics of a table's size.
//! - `sample`: the sampling strategies, one statement each, and the values
//!   as text.
//! - `errors`: the client's and the server's errors in words that hold no
//!   value and no password.

mod call;
mod catalog;
mod connect;
mod errors;
mod sample;
#[cfg(test)]
mod tests;

use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postgres::CancelToken;

use super::{Backend, ColumnInfo, Connector, TableRef};
use crate::{Refusal, time_limit};
use call::Job;
use catalog::Kind;

/// How much longer than the connector's timeout a call that reads no data
/// may run.
const METADATA_GRACE: Duration = Duration::from_secs(1);

/// How long past a call's own time limit the connector waits for the server
/// to answer before it gives the connection up. The server stops a
/// statement itself at the limit; this is for a server or network that
/// hangs.
pub const ANSWER_GRACE: Duration = Duration::from_secs(2);

/// Read-only access to one PostgreSQL database.
pub type PostgresConnector = Connector<Postgres>;

/// The PostgreSQL backend: one read-only session, owned by a thread of its
/// own.
pub struct Postgres {
    /// To the thread that owns the client.
    jobs: mpsc::Sender<Job>,
    /// `host:port` (or `socket directory:port`), for messages; never the
    /// URL, which may hold a password.
    shown: String,
    /// The granted schemas; empty means every schema but the system ones.
    schemas: Vec<String>,
    timeout: Duration,
    /// `server_version_num`, e.g. 150004.
    version: u32,
    /// The server's block size in bytes.
    block_size: u64,
    cancel: CancelToken,
    /// Set once the connection is lost or given up.
    lost: AtomicBool,
}

/// A failure on the connection's thread: the client's own (mapped by the
/// caller, which knows what a timeout means for the call), or a refusal
/// decided by the connector.
type Fail = super::Fail<postgres::Error>;

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Self {
        Fail::Backend(e)
    }
}

impl Connector<Postgres> {
    /// Connect to the database at `url` (`postgresql://user:password@host:port/db`
    /// or `host=… dbname=…`) and make the session read-only. `schemas` are
    /// the schemas granted (all but the system ones when empty). `timeout`
    /// bounds the connection attempt, how long a query waits for a lock, and
    /// (plus one second) the calls that read no data.
    ///
    /// A failure is a `Failed` in plain words that never repeat the URL or
    /// its password: "cannot connect to the PostgreSQL server at
    /// 127.0.0.1:5432: connection refused".
    pub fn open(url: &str, schemas: &[String], timeout: Duration) -> Result<Self, Refusal> {
        Postgres::open(url, schemas, timeout).map(Connector::new)
    }
}

impl Backend for Postgres {
    type Error = postgres::Error;
    type Session<'s> = sample::Session<'s>;

    /// The tables, views, materialized views and partitioned tables of the
    /// granted schemas that the connecting role may read, each with its
    /// schema. Partitions are not listed when their partitioned table is
    /// (they are read through it); system schemas (`pg_*`,
    /// `information_schema`) only when granted by name.
    fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        let schemas = self.schemas.clone();
        self.metadata(move |tx| catalog::tables(tx, &schemas))
    }

    /// Each view and materialized view of the granted schemas with the
    /// tables its rewrite rule depends on (`pg_depend`).
    fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal> {
        let schemas = self.schemas.clone();
        self.metadata(move |tx| catalog::view_sources(tx, &schemas))
    }

    /// The columns of a table or view in declaration order, with the type as
    /// PostgreSQL writes it (`character varying(80)`, `timestamp with time
    /// zone`, …) and whether they may hold NULL (always true for a view's).
    fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        let (schemas, table) = (self.schemas.clone(), table.clone());
        self.metadata(move |tx| {
            let t = catalog::resolve(tx, &schemas, &table)?;
            Ok(t.columns
                .into_iter()
                .map(|c| ColumnInfo {
                    name: c.name,
                    data_type: c.data_type,
                    nullable: c.nullable,
                })
                .collect())
        })
    }

    /// The number of rows the statistics give (`pg_class.reltuples`, set by
    /// `ANALYZE`, `VACUUM` and autovacuum); for a partitioned table the sum
    /// over its partitions. `None` for views and for tables never analysed.
    fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        let (schemas, table) = (self.schemas.clone(), table.clone());
        let (version, block_size) = (self.version, self.block_size);
        self.metadata(move |tx| {
            let t = catalog::resolve(tx, &schemas, &table)?;
            Ok(match t.kind {
                Kind::View => None,
                Kind::Table | Kind::Partitioned => {
                    catalog::heap_stats(tx, &t, version, block_size, false)?.estimate
                }
            })
        })
    }

    /// Runs the job on the connection's thread: the table is looked up in a
    /// transaction of its own under the catalogue's time limit (and the
    /// catalogue's search_path), the rows are read in another under the
    /// deadline, with the session's search_path (a view's functions may
    /// rely on it).
    fn sampling<R: Send + 'static>(
        &self,
        deadline: Instant,
        job: impl for<'s> FnOnce(&mut sample::Session<'s>) -> Result<R, Fail> + Send + 'static,
    ) -> Result<R, Refusal> {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let schemas = self.schemas.clone();
        let (version, block_size) = (self.version, self.block_size);
        let catalogue_limit = self.metadata_limit().min(remaining);
        self.call(remaining, &time_limit, move |client| {
            job(&mut sample::Session {
                client,
                schemas,
                version,
                block_size,
                catalogue_limit,
                deadline,
            })
        })
    }
}

/// Whole milliseconds for a server setting, at least 1 (0 would mean "no
/// limit") and at most what the setting holds.
fn millis(d: Duration) -> u128 {
    d.as_millis().clamp(1, i32::MAX as u128)
}

/// A duration for messages: `250 ms`, `5 s`, `1.5 s`.
fn words(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}
