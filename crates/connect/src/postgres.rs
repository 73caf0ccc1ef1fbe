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
//! the time left in the run's [`Budget`] for `sample`, the connector's
//! timeout plus a second for the calls that read no data; `lock_timeout` is
//! the connector's timeout, `idle_in_transaction_session_timeout` frees the
//! server should ropa stop in the middle of a call. The client itself runs
//! on a thread of its own (which also keeps its tokio runtime out of the
//! plugin runtime's), and a call whose answer does not come within its time
//! limit plus [`ANSWER_GRACE`] — a server that hangs, a network that drops
//! packets — is abandoned: the caller gets its refusal, the connection is
//! given up (every later call fails) and a cancel request is sent. TCP
//! keepalives and a TCP user timeout let the abandoned thread end once the
//! operating system sees the peer gone. A sample is at most
//! [`SAMPLE_ROWS_PER_CALL`] rows and each value at most [`CELL_BYTES_CAP`]
//! bytes of text, cut on the server already; rows and bytes handed out are
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

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt::Write as _;
use std::io;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::types::{FromSql, Type};
use postgres::{CancelToken, Client, Config, NoTls, Transaction};

use super::{Budget, ColumnInfo, Refusal, Row, TableRef, spent, time_limit};

/// The most rows one `sample` call returns, whatever the plugin asks (the
/// same as for SQLite).
pub const SAMPLE_ROWS_PER_CALL: u32 = super::sqlite::SAMPLE_ROWS_PER_CALL;

/// The most bytes of text one value becomes; longer text is cut (on a
/// character boundary), a longer `bytea` is hex-encoded from its first
/// `CELL_BYTES_CAP / 2` bytes (the same as for SQLite).
pub const CELL_BYTES_CAP: usize = super::sqlite::CELL_BYTES_CAP;

/// How much longer than the connector's timeout a call that reads no data
/// may run.
const METADATA_GRACE: Duration = Duration::from_secs(1);

/// How long past a call's own time limit the connector waits for the server
/// to answer before it gives the connection up. The server stops a
/// statement itself at the limit; this is for a server or network that
/// hangs.
pub const ANSWER_GRACE: Duration = Duration::from_secs(2);

/// A transaction left open this long (ropa stopped in the middle of a call)
/// is ended by the server.
const IDLE_IN_TRANSACTION: Duration = Duration::from_secs(60);

/// TCP keepalive: first probe after this much silence …
const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
/// … then one every this often, …
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(5);
/// … and the connection is dropped after this many unanswered.
const KEEPALIVE_RETRIES: u32 = 3;
/// Data sent and not acknowledged for this long drops the connection.
const TCP_USER_TIMEOUT: Duration = Duration::from_secs(30);

/// The seed of `TABLESAMPLE … REPEATABLE`, so a sample is the same each time.
const SAMPLE_SEED: u32 = 42;

/// Work for the connection's thread.
type Job = Box<dyn FnOnce(&mut Client) + Send>;

/// Read-only access to one PostgreSQL database.
pub struct PostgresConnector {
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
enum Fail {
    Pg(postgres::Error),
    Refused(Refusal),
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Self {
        Fail::Pg(e)
    }
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        Fail::Refused(r)
    }
}

/// What a relation is, from `pg_class.relkind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `r`, `m`: a heap with blocks that TID range scans can reach.
    Table,
    /// `p`: rows live in the partitions.
    Partitioned,
    /// `v`.
    View,
}

/// A table or view, looked up in the catalogue.
struct Table {
    oid: u32,
    kind: Kind,
    /// Whether a row's place (`tableoid`, `ctid`) can be read: a view has
    /// none, and a role that may read only some columns of a table may not
    /// read those system columns either. Without it a sample is the first
    /// rows.
    placeable: bool,
    /// As the plugin should see it, for messages.
    shown: String,
    /// `"schema"."name"`, ready for the SQL text.
    sql_name: String,
    columns: Vec<Column>,
}

struct Column {
    name: String,
    data_type: String,
    nullable: bool,
    /// `bytea`, or a domain over it: sampled as hex.
    bytea: bool,
    /// Whether the connecting role may select it.
    readable: bool,
}

/// What a connection's thread hands back once connected.
struct Ready {
    version: u32,
    block_size: u64,
    cancel: CancelToken,
}

impl PostgresConnector {
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
        let mut config = Config::from_str(url).map_err(|e| {
            // The parser's own words name an option at most, never a value;
            // anything else (a stray character) could be part of the password.
            let why = e
                .source()
                .map(|s| s.to_string())
                .filter(|s| {
                    s.starts_with("invalid value for option") || s.starts_with("unknown option")
                })
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            Refusal::Failed(format!("the PostgreSQL connection URL is not valid{why}"))
        })?;
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            // libpq's default: the local server's socket (Debian's directory, then /tmp).
            config.host_path("/var/run/postgresql");
            config.host_path("/tmp");
        }
        let shown = target(&config);
        if config.get_ssl_mode() == SslMode::Require {
            return Err(Refusal::Failed(format!(
                "cannot connect to the PostgreSQL server at {shown}: the URL asks for TLS \
                 (sslmode=require), which ropa does not support yet"
            )));
        }
        // Between a millisecond and what a server setting holds (24 days).
        let timeout = timeout.clamp(
            Duration::from_millis(1),
            Duration::from_millis(i32::MAX as u64),
        );
        config
            .connect_timeout(timeout)
            .keepalives(true)
            .keepalives_idle(KEEPALIVE_IDLE)
            .keepalives_interval(KEEPALIVE_INTERVAL)
            .keepalives_retries(KEEPALIVE_RETRIES)
            .tcp_user_timeout(TCP_USER_TIMEOUT)
            .application_name("ropa")
            // The server's notices (none expected) are not logged.
            .notice_callback(|_| {});
        let session = format!(
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; \
             SET default_transaction_read_only = on; \
             SET statement_timeout = {}; \
             SET lock_timeout = {}; \
             SET idle_in_transaction_session_timeout = {}; \
             SET DateStyle = 'ISO, YMD'; \
             SET TimeZone = 'UTC'; \
             SET IntervalStyle = 'postgres'; \
             SET bytea_output = 'hex'; \
             SET extra_float_digits = 1",
            millis(timeout.saturating_add(METADATA_GRACE)),
            millis(timeout),
            millis(IDLE_IN_TRANSACTION),
        );

        let (ready_tx, ready_rx) = mpsc::sync_channel::<Result<Ready, postgres::Error>>(1);
        let (jobs, job_rx) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("ropa-postgres".to_owned())
            .spawn(move || {
                let connected = config.connect(NoTls).and_then(|mut client| {
                    client.batch_execute(&session)?;
                    let version: String = client
                        .query_one(
                            "SELECT pg_catalog.current_setting('server_version_num')",
                            &[],
                        )?
                        .get(0);
                    let block_size: String = client
                        .query_one("SELECT pg_catalog.current_setting('block_size')", &[])?
                        .get(0);
                    let ready = Ready {
                        version: version.parse().unwrap_or(0),
                        block_size: block_size.parse().unwrap_or(8192),
                        cancel: client.cancel_token(),
                    };
                    Ok((client, ready))
                });
                match connected {
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                    Ok((mut client, ready)) => {
                        if ready_tx.send(Ok(ready)).is_err() {
                            return; // The caller gave up waiting.
                        }
                        while let Ok(job) = job_rx.recv() {
                            job(&mut client);
                        }
                    }
                }
            })
            .map_err(|e| {
                Refusal::Failed(format!(
                    "cannot start the PostgreSQL connection's thread: {e}"
                ))
            })?;

        let cannot = |why: String| {
            Refusal::Failed(format!(
                "cannot connect to the PostgreSQL server at {shown}: {why}"
            ))
        };
        let ready = match ready_rx.recv_timeout(timeout.saturating_add(ANSWER_GRACE)) {
            Ok(Ok(ready)) => ready,
            Ok(Err(e)) => return Err(cannot(connect_failure(&e, timeout))),
            Err(RecvTimeoutError::Timeout) => {
                return Err(cannot(format!(
                    "timed out after {} (the server did not answer)",
                    words(timeout)
                )));
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(cannot("the connection's thread stopped".to_owned()));
            }
        };
        Ok(PostgresConnector {
            jobs,
            shown,
            schemas: schemas.to_vec(),
            timeout,
            version: ready.version,
            block_size: ready.block_size.max(1),
            cancel: ready.cancel,
            lost: AtomicBool::new(false),
        })
    }

    /// The tables, views, materialized views and partitioned tables of the
    /// granted schemas that the connecting role may read, each with its
    /// schema, sorted. Partitions are not listed when their partitioned
    /// table is (they are read through it); system schemas (`pg_*`,
    /// `information_schema`) only when granted by name.
    pub fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        let schemas = self.schemas.clone();
        let mut tables = self.metadata(move |tx| {
            let sql = format!(
                "SELECT n.nspname::text, c.relname::text
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'v', 'm', 'p') AND {granted_n}
                   AND has_schema_privilege(n.oid, 'USAGE')
                   AND has_any_column_privilege(c.oid, 'SELECT')
                   AND NOT (c.relispartition AND EXISTS (
                       SELECT 1 FROM pg_inherits i
                       JOIN pg_class pc ON pc.oid = i.inhparent
                       JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                       WHERE i.inhrelid = c.oid AND {granted_pn}))",
                granted_n = granted("n"),
                granted_pn = granted("pn"),
            );
            let rows = tx.query(&sql, &[&schemas])?;
            Ok(rows
                .iter()
                .map(|r| TableRef {
                    schema: Some(r.get(0)),
                    name: r.get(1),
                })
                .collect::<Vec<_>>())
        })?;
        tables.sort();
        Ok(tables)
    }

    /// The columns of a table or view in declaration order, with the type as
    /// PostgreSQL writes it (`character varying(80)`, `timestamp with time
    /// zone`, …) and whether they may hold NULL (always true for a view's).
    pub fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        let (schemas, table) = (self.schemas.clone(), table.clone());
        self.metadata(move |tx| {
            let t = resolve(tx, &schemas, &table)?;
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
    /// Never counts.
    pub fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        let (schemas, table) = (self.schemas.clone(), table.clone());
        let version = self.version;
        let block_size = self.block_size;
        self.metadata(move |tx| {
            let t = resolve(tx, &schemas, &table)?;
            Ok(match t.kind {
                Kind::View => None,
                Kind::Table | Kind::Partitioned => {
                    heap_stats(tx, &t, version, block_size, false)?.estimate
                }
            })
        })
    }

    /// Up to `limit` rows (and at most [`SAMPLE_ROWS_PER_CALL`] and the rows
    /// left in the budget) of the given columns, as text (see the module
    /// documentation), NULL as `None`, each value cut to [`CELL_BYTES_CAP`]
    /// bytes.
    ///
    /// The rows are spread across the table and the same on every call for
    /// the same state of the table, in the table's physical order. Rows and
    /// bytes handed out are taken from `budget`; when the bytes run out in
    /// the middle, the rows so far come back and the bytes are spent.
    /// `LimitExceeded` when the budget is spent before the call or the
    /// deadline passes during it.
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
        budget.check_time()?;
        let deadline = budget.deadline();
        let remaining = budget.remaining_time();
        let (schemas, table, columns) = (self.schemas.clone(), table.clone(), columns.to_vec());
        let (rows_left, bytes_left) = (budget.rows_left(), budget.bytes_left());
        let version = self.version;
        let block_size = self.block_size;
        let metadata_limit = self.metadata_limit();
        let (rows, bytes, bytes_spent) = self.call(remaining, &time_limit, move |client| {
            // Look up in one transaction with the catalogue's search_path …
            let (t, stats) = {
                let mut tx = read_only(client, Instant::now() + metadata_limit.min(remaining))?;
                tx.batch_execute("SET LOCAL search_path = pg_catalog, pg_temp")?;
                let t = resolve(&mut tx, &schemas, &table)?;
                let stats = match t.kind {
                    Kind::View => None,
                    _ => Some(heap_stats(&mut tx, &t, version, block_size, true)?),
                };
                tx.commit()?;
                (t, stats)
            };
            let mut picked = Vec::with_capacity(columns.len());
            for asked in &columns {
                let Some(col) = t.columns.iter().find(|c| &c.name == asked) else {
                    return Err(
                        Refusal::NotFound(format!("no column `{asked}` in `{}`", t.shown)).into(),
                    );
                };
                if !col.readable {
                    return Err(Refusal::NotGranted(format!(
                        "the connecting role may not read column `{asked}` of `{}`",
                        t.shown
                    ))
                    .into());
                }
                picked.push(col);
            }
            if limit == 0 {
                return Ok((Vec::new(), 0, false));
            }
            if rows_left == 0 {
                return Err(spent("rows").into());
            }
            if bytes_left == 0 {
                return Err(spent("bytes").into());
            }
            let n = u64::from(limit.min(SAMPLE_ROWS_PER_CALL)).min(rows_left) as usize;
            let source = |i: usize| format!("t.{}", quote(&picked[i].name));
            let exprs: Vec<String> = (0..picked.len())
                .map(|i| as_text_sql(&source(i), picked[i].bytea))
                .collect();

            // … and sample in another, under the session's search_path (a
            // view's functions may rely on it), with the budget's deadline.
            let mut tx = read_only(client, deadline)?;
            tx.batch_execute(
                "SET LOCAL synchronize_seqscans = off; \
                 SET LOCAL max_parallel_workers_per_gather = 0",
            )?;
            let mut taker = Taker::new(bytes_left);
            match (t.kind, stats) {
                _ if !t.placeable => {}
                (Kind::Table, Some(stats)) if version >= 140_000 => {
                    sample_blocks(&mut tx, &t, stats.pages, &exprs, n, &mut taker, deadline)?;
                }
                (
                    Kind::Table | Kind::Partitioned,
                    Some(HeapStats {
                        estimate: Some(estimate),
                        pages,
                    }),
                ) => {
                    let raw: Vec<(String, bool)> =
                        picked.iter().map(|c| (quote(&c.name), c.bytea)).collect();
                    sample_system(
                        &mut tx,
                        &t,
                        (estimate, pages),
                        &raw,
                        n,
                        &mut taker,
                        deadline,
                    )?;
                }
                _ => {}
            }
            if taker.rows.len() < n && !taker.bytes_ran_out {
                first_rows(&mut tx, &t, &exprs, n, &mut taker, deadline)?;
            }
            tx.commit()?;
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

    /// The time limit of a call that reads no data.
    fn metadata_limit(&self) -> Duration {
        self.timeout.saturating_add(METADATA_GRACE)
    }

    /// Run a catalogue call in a read-only transaction with the catalogue's
    /// search_path, under the connector's own time limit.
    fn metadata<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<R, Fail> + Send + 'static,
    ) -> Result<R, Refusal> {
        let limit = self.metadata_limit();
        let shown = self.shown.clone();
        let too_long = move || {
            Refusal::Failed(format!(
                "a query on the PostgreSQL server at {shown} took longer than {} and was stopped",
                words(limit)
            ))
        };
        self.call(limit, &too_long, move |client| {
            let mut tx = read_only(client, Instant::now() + limit)?;
            tx.batch_execute("SET LOCAL search_path = pg_catalog, pg_temp")?;
            let result = f(&mut tx)?;
            tx.commit()?;
            Ok(result)
        })
    }

    /// Run `job` on the connection's thread and wait for its answer at most
    /// `limit` plus [`ANSWER_GRACE`]; the server stops a statement at
    /// `limit` (its error becomes `on_timeout()`), so no answer by then
    /// means the server or the network hangs: the connection is given up.
    fn call<R: Send + 'static>(
        &self,
        limit: Duration,
        on_timeout: &dyn Fn() -> Refusal,
        job: impl FnOnce(&mut Client) -> Result<R, Fail> + Send + 'static,
    ) -> Result<R, Refusal> {
        if self.lost.load(Ordering::SeqCst) {
            return Err(self.lost_refusal());
        }
        let (answer_tx, answer_rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |client| {
            let _ = answer_tx.send(job(client));
        });
        if self.jobs.send(job).is_err() {
            self.lost.store(true, Ordering::SeqCst);
            return Err(self.lost_refusal());
        }
        match answer_rx.recv_timeout(limit.saturating_add(ANSWER_GRACE)) {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(Fail::Refused(r))) => Err(r),
            Ok(Err(Fail::Pg(e))) => Err(self.describe(&e, on_timeout)),
            Err(RecvTimeoutError::Timeout) => {
                self.give_up();
                Err(on_timeout())
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.lost.store(true, Ordering::SeqCst);
                Err(self.lost_refusal())
            }
        }
    }

    /// Stop using the connection: every later call fails. A cancel request
    /// goes to the server from a thread of its own (it connects anew, and a
    /// hung server may never answer it).
    fn give_up(&self) {
        self.lost.store(true, Ordering::SeqCst);
        let cancel = self.cancel.clone();
        let _ = thread::Builder::new()
            .name("ropa-postgres-cancel".to_owned())
            .spawn(move || {
                let _ = cancel.cancel_query(NoTls);
            });
    }

    fn lost_refusal(&self) -> Refusal {
        Refusal::Failed(format!(
            "the connection to the PostgreSQL server at {} was lost or given up",
            self.shown
        ))
    }

    /// The client's error in words, naming the server. The server's own
    /// message is passed on only for the kinds of error whose messages name
    /// objects and settings, never for those that may quote a value (a data
    /// exception, an error raised by a function of the database).
    fn describe(&self, e: &postgres::Error, on_timeout: &dyn Fn() -> Refusal) -> Refusal {
        let shown = &self.shown;
        let Some(db) = e.as_db_error() else {
            if e.is_closed() || io_source(e).is_some() {
                self.lost.store(true, Ordering::SeqCst);
                return Refusal::Failed(format!(
                    "the connection to the PostgreSQL server at {shown} was lost"
                ));
            }
            return Refusal::Failed(format!("the PostgreSQL server at {shown}: {}", chain(e)));
        };
        let code = db.code();
        if *code == SqlState::QUERY_CANCELED {
            return on_timeout();
        }
        if *code == SqlState::LOCK_NOT_AVAILABLE {
            return Refusal::Failed(format!(
                "a table is locked by another session on the PostgreSQL server at {shown} \
                 (waited {})",
                words(self.timeout)
            ));
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return Refusal::NotGranted(format!(
                "the PostgreSQL server at {shown} refused: {}",
                db.message()
            ));
        }
        if [
            SqlState::UNDEFINED_TABLE,
            SqlState::UNDEFINED_COLUMN,
            SqlState::INVALID_SCHEMA_NAME,
        ]
        .contains(code)
        {
            return Refusal::NotFound(db.message().to_owned());
        }
        if db.severity() == "FATAL" || db.severity() == "PANIC" {
            self.lost.store(true, Ordering::SeqCst);
        }
        let class = code.code().get(..2).unwrap_or("");
        if [
            "08", "25", "28", "3D", "40", "42", "53", "54", "55", "57", "58",
        ]
        .contains(&class)
        {
            Refusal::Failed(format!(
                "the PostgreSQL server at {shown}: {}",
                db.message()
            ))
        } else {
            Refusal::Failed(format!(
                "the query on the PostgreSQL server at {shown} failed with SQLSTATE {} \
                 (the server's message is not shown, as it may quote a value)",
                code.code()
            ))
        }
    }

    /// Run raw SQL on the session, outside any transaction of the
    /// connector's: for tests that prove what the session allows.
    #[cfg(test)]
    fn raw(&self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Refusal> {
        let sql = sql.to_owned();
        let stop = || Refusal::Failed("timed out".to_owned());
        self.call(self.metadata_limit(), &stop, move |client| {
            let mut rows = Vec::new();
            for message in client.simple_query(&sql)? {
                if let postgres::SimpleQueryMessage::Row(row) = message {
                    rows.push(
                        (0..row.len())
                            .map(|i| row.get(i).map(str::to_owned))
                            .collect(),
                    );
                }
            }
            Ok(rows)
        })
    }
}

/// `BEGIN READ ONLY` with the statement timeout at the time left before
/// `deadline`.
fn read_only(client: &mut Client, deadline: Instant) -> Result<Transaction<'_>, Fail> {
    let mut tx = client.build_transaction().read_only(true).start()?;
    limit_statements(&mut tx, deadline)?;
    Ok(tx)
}

/// Set the transaction's statement timeout to the time left before
/// `deadline`; the time limit when none is left (0 would mean "none").
fn limit_statements(tx: &mut Transaction<'_>, deadline: Instant) -> Result<(), Fail> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(time_limit().into());
    }
    tx.batch_execute(&format!("SET LOCAL statement_timeout = {}", millis(left)))?;
    Ok(())
}

/// Whether schema alias `n` is granted, with the granted names as `$1`
/// (`text[]`, empty for "all but the system schemas").
fn granted(n: &str) -> String {
    format!(
        "(CASE WHEN cardinality($1::text[]) = 0 \
           THEN {n}.nspname !~ '^pg_' AND {n}.nspname <> 'information_schema' \
           ELSE {n}.nspname::text = ANY ($1::text[]) END)"
    )
}

/// Look a table up in the catalogue (with bound parameters: nothing the
/// plugin wrote reaches SQL text before this has found it). Runs with the
/// catalogue's search_path.
fn resolve(tx: &mut Transaction<'_>, schemas: &[String], table: &TableRef) -> Result<Table, Fail> {
    let shown = table.to_string();
    if table.name.contains('\0') || table.schema.as_deref().is_some_and(|s| s.contains('\0')) {
        return Err(
            Refusal::Invalid(format!("table name `{shown}` contains a NUL character")).into(),
        );
    }
    let not_granted =
        |schema: &str| Refusal::NotGranted(format!("schema `{schema}` is not granted"));
    if let Some(schema) = &table.schema {
        let is_granted = if schemas.is_empty() {
            !(schema.starts_with("pg_") || schema == "information_schema")
        } else {
            schemas.contains(schema)
        };
        if !is_granted {
            return Err(not_granted(schema).into());
        }
    }
    let sql = format!(
        "SELECT c.oid, c.relkind::text, n.nspname::text, c.relname::text,
                has_schema_privilege(n.oid, 'USAGE') AND has_any_column_privilege(c.oid, 'SELECT'),
                has_table_privilege(c.oid, 'SELECT')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'v', 'm', 'p') AND {} AND c.relname::text = $2
           AND ($3::text IS NULL OR n.nspname::text = $3)
         ORDER BY n.nspname",
        granted("n")
    );
    let found = tx.query(&sql, &[&schemas, &table.name, &table.schema])?;
    let row = match found.as_slice() {
        [] => return Err(Refusal::NotFound(format!("no table or view `{shown}`")).into()),
        [row] => row,
        several => {
            let names: Vec<String> = several.iter().map(|r| r.get::<_, String>(2)).collect();
            return Err(Refusal::Invalid(format!(
                "`{shown}` is in several schemas ({}); name the schema",
                names.join(", ")
            ))
            .into());
        }
    };
    let oid: u32 = row.get(0);
    let relkind: String = row.get(1);
    let schema: String = row.get(2);
    let name: String = row.get(3);
    let shown = format!("{schema}.{name}");
    if !row.get::<_, bool>(4) {
        return Err(
            Refusal::NotGranted(format!("the connecting role may not read `{shown}`")).into(),
        );
    }
    let placeable: bool = row.get(5);
    let kind = match relkind.as_str() {
        "v" => Kind::View,
        "p" => Kind::Partitioned,
        _ => Kind::Table,
    };
    let columns = tx
        .query(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                    (CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END)
                        = 'pg_catalog.bytea'::regtype,
                    has_column_privilege(a.attrelid, a.attnum, 'SELECT')
             FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
            &[&oid],
        )?
        .iter()
        .map(|r| Column {
            name: r.get(0),
            data_type: r.get(1),
            nullable: r.get(2),
            bytea: r.get(3),
            readable: r.get(4),
        })
        .collect();
    Ok(Table {
        oid,
        kind,
        placeable: placeable && kind != Kind::View,
        sql_name: format!("{}.{}", quote(&schema), quote(&name)),
        shown,
        columns,
    })
}

/// What the statistics and the files say about a table's (or a partitioned
/// table's partitions') size.
struct HeapStats {
    /// Rows by `reltuples`; `None` when never analysed.
    estimate: Option<u64>,
    /// Blocks on disk now (`pg_relation_size`): exact, analysed or not.
    pages: u64,
}

/// `with_size`: whether to read the size on disk too (`pg_relation_size`,
/// which waits for a lock that an `ACCESS EXCLUSIVE` holder keeps); `pages`
/// is 0 without it.
fn heap_stats(
    tx: &mut Transaction<'_>,
    t: &Table,
    version: u32,
    block_size: u64,
    with_size: bool,
) -> Result<HeapStats, Fail> {
    // The table itself, or the leaves of the partition tree.
    let rows = tx.query(
        "WITH RECURSIVE tree(oid) AS (
             SELECT $1::oid
             UNION ALL
             SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid
         )
         SELECT c.reltuples::float8, c.relpages::int8,
                CASE WHEN $2 THEN pg_relation_size(c.oid) ELSE 0 END
         FROM tree JOIN pg_class c ON c.oid = tree.oid
         WHERE c.relkind IN ('r', 'm')",
        &[&t.oid, &with_size],
    )?;
    let mut estimate: Option<u64> = None;
    let mut bytes = 0i64;
    for r in &rows {
        let tuples: f64 = r.get(0);
        let relpages: i64 = r.get(1);
        bytes += r.get::<_, i64>(2);
        // -1 means never analysed (PostgreSQL 14 on); before 14 that was 0
        // tuples in 0 pages, which an analysed empty table also shows.
        let known = tuples >= 0.0 && !(version < 140_000 && tuples == 0.0 && relpages == 0);
        if known {
            *estimate.get_or_insert(0) += tuples.round() as u64;
        }
    }
    Ok(HeapStats {
        estimate,
        pages: bytes.max(0) as u64 / block_size,
    })
}

/// `n` evenly spaced ranges of the table's blocks, the first live rows of
/// each (one per range when the table has at least `n` blocks, else the
/// rows shared out among the blocks), in one statement of TID range scans.
fn sample_blocks(
    tx: &mut Transaction<'_>,
    t: &Table,
    pages: u64,
    exprs: &[String],
    n: usize,
    taker: &mut Taker,
    deadline: Instant,
) -> Result<(), Fail> {
    if pages == 0 || n == 0 {
        return Ok(());
    }
    let spans = (n as u64).min(pages);
    let (mut lo, mut hi, mut take) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..spans {
        lo.push((i * pages / spans) as i64);
        hi.push(((i + 1) * pages / spans) as i64);
        take.push((((i + 1) * n as u64 / spans) - (i * n as u64 / spans)) as i64);
    }
    let sql = format!(
        "SELECT s.tableoid, s.ctid::pg_catalog.text, {values}
         FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.int8[]),
                         pg_catalog.unnest($2::pg_catalog.int8[]),
                         pg_catalog.unnest($3::pg_catalog.int8[])) WITH ORDINALITY AS g(lo, hi, k, i)
         CROSS JOIN LATERAL (
             SELECT t.tableoid, t.ctid, {exprs} FROM {table} t
             WHERE t.ctid >= pg_catalog.concat('(', g.lo, ',0)')::pg_catalog.tid
               AND t.ctid < pg_catalog.concat('(', g.hi, ',0)')::pg_catalog.tid
             LIMIT g.k) s
         ORDER BY g.i, s.ctid",
        values = (0..exprs.len()).map(|i| format!("s.v{i}")).collect::<Vec<_>>().join(", "),
        exprs = exprs
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{e} AS v{i}"))
            .collect::<Vec<_>>()
            .join(", "),
        table = t.sql_name,
    );
    limit_statements(tx, deadline)?;
    // A sequential scan per range would read the table n times over.
    tx.batch_execute("SET LOCAL enable_seqscan = off")?;
    let rows = tx.query(&sql, &[&lo, &hi, &take])?;
    tx.batch_execute("SET LOCAL enable_seqscan = on")?;
    for row in rows {
        let key = (row.get::<_, u32>(0), parse_tid(&row.get::<_, String>(1)));
        if !taker.take(key, &row, 2)? {
            break;
        }
    }
    Ok(())
}

/// `TABLESAMPLE SYSTEM` with `p` so that about `2n` rows come back (and at
/// least 16 blocks' worth, so that a small `p` does not miss every block),
/// thinned evenly on the server to at most `n`.
fn sample_system(
    tx: &mut Transaction<'_>,
    t: &Table,
    (estimate, pages): (u64, u64),
    columns: &[(String, bool)],
    n: usize,
    taker: &mut Taker,
    deadline: Instant,
) -> Result<(), Fail> {
    if estimate == 0 || pages == 0 {
        return Ok(());
    }
    let by_rows = 2.0 * n as f64 / estimate as f64;
    let by_blocks = 16.0 / pages as f64;
    let percent = (100.0 * by_rows.max(by_blocks)).min(100.0);
    let raw = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("t.{name} AS c{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let values = columns
        .iter()
        .enumerate()
        .map(|(i, (_, bytea))| as_text_sql(&format!("x.c{i}"), *bytea))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT x.tableoid, x.ctid::pg_catalog.text, {values} FROM (
             SELECT t.tableoid, t.ctid, {raw},
                    pg_catalog.row_number() OVER (ORDER BY t.tableoid, t.ctid) AS rn,
                    pg_catalog.count(*) OVER () AS total
             FROM {table} t TABLESAMPLE pg_catalog.system ($1) REPEATABLE ({SAMPLE_SEED})
         ) x
         WHERE x.total <= $2 OR (x.rn - 1) * $2 / x.total < x.rn * $2 / x.total
         ORDER BY x.tableoid, x.ctid",
        table = t.sql_name,
    );
    limit_statements(tx, deadline)?;
    for row in tx.query(&sql, &[&(percent as f32), &(n as i64)])? {
        let key = (row.get::<_, u32>(0), parse_tid(&row.get::<_, String>(1)));
        if !taker.take(key, &row, 2)? {
            break;
        }
    }
    Ok(())
}

/// The first rows (a view's, or a table's to top up a sample), skipping
/// rows already taken.
fn first_rows(
    tx: &mut Transaction<'_>,
    t: &Table,
    exprs: &[String],
    n: usize,
    taker: &mut Taker,
    deadline: Instant,
) -> Result<(), Fail> {
    limit_statements(tx, deadline)?;
    let want = (n + taker.rows.len()) as i64;
    if !t.placeable {
        let sql = format!("SELECT {} FROM {} t LIMIT $1", exprs.join(", "), t.sql_name);
        for (i, row) in tx.query(&sql, &[&want])?.iter().enumerate() {
            if taker.rows.len() >= n || !taker.take((0, (0, i as u32)), row, 0)? {
                break;
            }
        }
        return Ok(());
    }
    let sql = format!(
        "SELECT t.tableoid, t.ctid::pg_catalog.text, {} FROM {} t LIMIT $1",
        exprs.join(", "),
        t.sql_name
    );
    for row in tx.query(&sql, &[&want])? {
        if taker.rows.len() >= n {
            break;
        }
        let key = (row.get::<_, u32>(0), parse_tid(&row.get::<_, String>(1)));
        if taker.rows.contains_key(&key) {
            continue;
        }
        if !taker.take(key, &row, 2)? {
            break;
        }
    }
    Ok(())
}

/// The SQL for one value as text, cut on the server: text to
/// [`CELL_BYTES_CAP`] characters (the bytes are cut here), `bytea` to half as
/// many bytes, as hex.
fn as_text_sql(source: &str, bytea: bool) -> String {
    if bytea {
        format!(
            "pg_catalog.encode(pg_catalog.substring({source}::pg_catalog.bytea, 1, {}), 'hex')",
            CELL_BYTES_CAP / 2
        )
    } else {
        format!("pg_catalog.left({source}::pg_catalog.text, {CELL_BYTES_CAP})")
    }
}

/// `(block,offset)` as PostgreSQL writes a `tid`.
fn parse_tid(text: &str) -> (u32, u32) {
    let inner = text.trim_start_matches('(').trim_end_matches(')');
    let mut parts = inner
        .split(',')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// A row's place: table oid, then block and offset (for a view: 0, then 0
/// and the row's position).
type Key = (u32, (u32, u32));

/// Collects sampled rows as text, keyed (and so ordered) by their place,
/// counting bytes against what the budget has left.
struct Taker {
    rows: BTreeMap<Key, Row>,
    bytes: u64,
    bytes_left: u64,
    bytes_ran_out: bool,
}

impl Taker {
    fn new(bytes_left: u64) -> Self {
        Taker {
            rows: BTreeMap::new(),
            bytes: 0,
            bytes_left,
            bytes_ran_out: false,
        }
    }

    /// Add the row at `key` from its columns `first..`; false (and the row
    /// dropped) when its bytes are more than the budget has left.
    fn take(&mut self, key: Key, row: &postgres::Row, first: usize) -> Result<bool, Fail> {
        let mut values = Vec::with_capacity(row.len() - first);
        let mut size = 0u64;
        for i in first..row.len() {
            let value = row.try_get::<_, Option<RawText>>(i)?.map(|t| cut(&t.0));
            size += value.as_ref().map_or(0, |v| v.len() as u64);
            values.push(value);
        }
        if self.bytes + size > self.bytes_left {
            self.bytes_ran_out = true;
            return Ok(false);
        }
        self.bytes += size;
        self.rows.insert(key, values);
        Ok(true)
    }
}

/// A text value's bytes as they came, valid UTF-8 or not (a `SQL_ASCII`
/// database passes bytes through unchecked).
struct RawText(Vec<u8>);

impl<'a> FromSql<'a> for RawText {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(RawText(raw.to_vec()))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// Text cut to [`CELL_BYTES_CAP`] bytes on a character boundary; invalid
/// UTF-8 becomes U+FFFD.
fn cut(bytes: &[u8]) -> String {
    let mut end = bytes.len().min(CELL_BYTES_CAP);
    while end < bytes.len() && end > 0 && (bytes[end] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
    }
    let mut text = String::from_utf8_lossy(&bytes[..end]).into_owned();
    while text.len() > CELL_BYTES_CAP {
        text.pop();
    }
    text
}

/// An SQL identifier, quoted: `"` around it and every `"` inside doubled, so
/// no name can end the identifier early.
fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// The servers a configuration names, as `host:port`, for messages.
fn target(config: &Config) -> String {
    let ports = config.get_ports();
    let port = |i: usize| ports.get(i).or(ports.first()).copied().unwrap_or(5432);
    let mut names: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| match host {
            Host::Tcp(name) if name.contains(':') => format!("[{name}]:{}", port(i)),
            Host::Tcp(name) => format!("{name}:{}", port(i)),
            #[cfg(unix)]
            Host::Unix(dir) => format!("{}:{}", dir.display(), port(i)),
        })
        .collect();
    if names.is_empty() {
        names = config
            .get_hostaddrs()
            .iter()
            .enumerate()
            .map(|(i, addr)| match addr {
                std::net::IpAddr::V6(a) => format!("[{a}]:{}", port(i)),
                std::net::IpAddr::V4(a) => format!("{a}:{}", port(i)),
            })
            .collect();
    }
    names.join(", ")
}

/// Why a connection attempt failed, in plain words.
fn connect_failure(e: &postgres::Error, timeout: Duration) -> String {
    if let Some(db) = e.as_db_error() {
        // "password authentication failed for user …", "database … does
        // not exist", "no pg_hba.conf entry for host …": the server's words,
        // which never hold the password.
        return db.message().to_owned();
    }
    if let Some(io) = io_source(e) {
        return match io.kind() {
            io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            io::ErrorKind::TimedOut => format!("timed out after {}", words(timeout)),
            io::ErrorKind::NotFound => "no server socket there".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset => {
                "the server closed the connection".to_owned()
            }
            _ => io.to_string(),
        };
    }
    match e.source().map(|s| s.to_string()) {
        Some(s) if s.contains("password missing") => {
            "the server asks for a password and the URL gives none".to_owned()
        }
        _ => chain(e),
    }
}

/// The I/O error under a client error, if any.
fn io_source(e: &postgres::Error) -> Option<&io::Error> {
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = s.source();
    }
    None
}

/// An error and its causes, `: `-separated.
fn chain(e: &dyn StdError) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let _ = write!(text, ": {s}");
        source = s.source();
    }
    text
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

#[cfg(test)]
mod tests {
    use std::net::TcpListener;
    use std::sync::atomic::AtomicU32;

    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(2);

    /// The test server's superuser URL from `ROPA_TEST_POSTGRES_URL`; when it
    /// is not set, a notice and `None` (the test skips), or a panic under
    /// `CI=true`, where `.ci/run` must have started a server.
    fn server_url() -> Option<String> {
        match std::env::var("ROPA_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(url),
            _ if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
                "CI=true but ROPA_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL"
            ),
            _ => {
                eprintln!(
                    "ROPA_TEST_POSTGRES_URL is not set: skipping a PostgreSQL test \
                     (set it to a superuser URL of a running server to run it)"
                );
                None
            }
        }
    }

    /// A database of its own for one test, dropped at the end.
    struct TestDb {
        admin: String,
        name: String,
        url: String,
    }

    impl TestDb {
        fn new(prefix: &str) -> Option<TestDb> {
            static N: AtomicU32 = AtomicU32::new(0);
            let admin = server_url()?;
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos();
            let name = format!(
                "ropa_{prefix}_{}_{}_{nanos}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            );
            let mut c = Client::connect(&admin, NoTls).expect("connect to the test server");
            c.batch_execute(&format!("CREATE DATABASE {}", quote(&name)))
                .unwrap();
            let url = with_dbname(&admin, &name);
            Some(TestDb { admin, name, url })
        }

        /// A superuser client on the database, to build fixtures.
        fn client(&self) -> Client {
            Client::connect(&self.url, NoTls).unwrap()
        }

        fn open(&self, schemas: &[&str]) -> PostgresConnector {
            let schemas: Vec<String> = schemas.iter().map(|s| s.to_string()).collect();
            PostgresConnector::open(&self.url, &schemas, TIMEOUT).unwrap()
        }
    }

    impl Drop for TestDb {
        fn drop(&mut self) {
            if let Ok(mut c) = Client::connect(&self.admin, NoTls) {
                let _ = c.batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote(&self.name)
                ));
            }
        }
    }

    /// The URL with another database name (URL or `key=value` form).
    fn with_dbname(url: &str, db: &str) -> String {
        let Some(scheme_end) = url.find("://") else {
            return format!("{url} dbname={db}");
        };
        let (head, rest) = url.split_at(scheme_end + 3);
        let (rest, query) = match rest.find('?') {
            Some(q) => rest.split_at(q),
            None => (rest, ""),
        };
        let authority = rest.split('/').next().unwrap_or("");
        format!("{head}{authority}/{db}{query}")
    }

    fn budget() -> Budget {
        Budget::new(10_000_000, 1 << 32, Duration::from_secs(120))
    }

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn t(schema: &str, name: &str) -> TableRef {
        TableRef {
            schema: Some(schema.to_owned()),
            name: name.to_owned(),
        }
    }

    fn text(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    /// A database with a bit of everything.
    fn fixture(db: &TestDb) {
        db.client()
            .batch_execute(
                r#"
            CREATE TABLE customers (
                id integer PRIMARY KEY, email text NOT NULL, name varchar(80),
                score double precision, photo bytea, note text
            );
            INSERT INTO customers VALUES (1, 'a@example.org', 'Ann', 1.5, '\x00ff10', NULL);
            INSERT INTO customers VALUES (2, 'b@example.org', NULL, 1e20, NULL, '42');
            INSERT INTO customers VALUES (3, 'c@example.org', 'Cé', 0.1, '\x', 'x');
            CREATE VIEW emails AS SELECT email FROM customers;
            CREATE MATERIALIZED VIEW names AS SELECT name FROM customers;
            CREATE SCHEMA app;
            CREATE TABLE app.orders (id bigint, customer integer);
            INSERT INTO app.orders VALUES (10, 1), (11, 2);
            CREATE TABLE app.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
            CREATE TABLE app.events_2023 PARTITION OF app.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            INSERT INTO app.events VALUES ('2023-05-01', 'signup'), ('2024-02-03', 'login');
            CREATE SCHEMA "Other Schema";
            CREATE TABLE "Other Schema"."Mixed Case" ("Col" text);
            CREATE SCHEMA hidden;
            CREATE TABLE hidden.secrets (s text);
            INSERT INTO hidden.secrets VALUES ('no');
            CREATE TABLE "we""ird]" ("co""l]" text, "x""y]" integer);
            INSERT INTO "we""ird]" VALUES ('v1', 1), ('v2', 2);
            CREATE TABLE "x""; DROP TABLE customers; --" (v text);
            INSERT INTO "x""; DROP TABLE customers; --" VALUES ('kept');
            "#,
            )
            .unwrap();
    }

    #[test]
    fn lists_tables_of_the_granted_schemas() {
        let Some(db) = TestDb::new("list") else {
            return;
        };
        fixture(&db);
        let all = db.open(&[]).list_tables().unwrap();
        let shown: Vec<String> = all.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            shown,
            [
                "Other Schema.Mixed Case",
                "app.events",
                "app.orders",
                "hidden.secrets",
                "public.customers",
                "public.emails",
                "public.names",
                "public.we\"ird]",
                "public.x\"; DROP TABLE customers; --",
            ],
            "partitions are read through their table; no system tables"
        );

        let app = db.open(&["app", "Other Schema"]);
        let shown: Vec<String> = app
            .list_tables()
            .unwrap()
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(
            shown,
            ["Other Schema.Mixed Case", "app.events", "app.orders"]
        );
        let mut b = budget();
        assert!(matches!(
            app.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b),
            Err(Refusal::NotGranted(m)) if m.contains("public")
        ));
        assert!(matches!(
            app.list_columns(&t("hidden", "secrets")),
            Err(Refusal::NotGranted(_))
        ));
        assert!(matches!(
            app.row_count_estimate(&t("app", "missing")),
            Err(Refusal::NotFound(m)) if m.contains("app.missing")
        ));
        // Names are case-sensitive, as in PostgreSQL.
        assert!(matches!(
            app.list_columns(&t("app", "ORDERS")),
            Err(Refusal::NotFound(_))
        ));
        // Without a schema: found when the name is in one granted schema.
        assert_eq!(
            app.list_columns(&TableRef::main("orders")).unwrap().len(),
            2
        );
        assert_eq!(
            app.sample(&t("Other Schema", "Mixed Case"), &cols(&["Col"]), 5, &mut b)
                .unwrap(),
            Vec::<Row>::new()
        );
        // A partition is not listed but can be read by name.
        assert_eq!(
            app.sample(&t("app", "events_2024"), &cols(&["what"]), 5, &mut b)
                .unwrap(),
            vec![vec![text("login")]]
        );
        // System schemas only when granted by name.
        let all = db.open(&[]);
        assert!(matches!(
            all.list_columns(&t("pg_catalog", "pg_authid")),
            Err(Refusal::NotGranted(_))
        ));
        assert!(matches!(
            all.list_columns(&t("information_schema", "tables")),
            Err(Refusal::NotGranted(_))
        ));
        let catalog = db.open(&["pg_catalog"]);
        assert!(
            catalog
                .list_tables()
                .unwrap()
                .contains(&t("pg_catalog", "pg_class"))
        );
    }

    #[test]
    fn lists_columns_with_types() {
        let Some(db) = TestDb::new("columns") else {
            return;
        };
        fixture(&db);
        let pg = db.open(&[]);
        let columns = pg.list_columns(&t("public", "customers")).unwrap();
        let got: Vec<(&str, &str, bool)> = columns
            .iter()
            .map(|c| (c.name.as_str(), c.data_type.as_str(), c.nullable))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "integer", false),
                ("email", "text", false),
                ("name", "character varying(80)", true),
                ("score", "double precision", true),
                ("photo", "bytea", true),
                ("note", "text", true),
            ]
        );
        let view = pg.list_columns(&t("public", "emails")).unwrap();
        assert_eq!(view.len(), 1);
        assert!(view[0].nullable);
        db.client()
            .batch_execute("ALTER TABLE app.orders DROP COLUMN customer")
            .unwrap();
        let names: Vec<String> = pg
            .list_columns(&t("app", "orders"))
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["id"], "dropped columns are gone");
    }

    #[test]
    fn hostile_identifiers_are_quoted() {
        let Some(db) = TestDb::new("hostile") else {
            return;
        };
        fixture(&db);
        let pg = db.open(&[]);
        let mut b = budget();
        let weird = t("public", "we\"ird]");
        let columns = pg.list_columns(&weird).unwrap();
        assert_eq!(columns[0].name, "co\"l]");
        let rows = pg
            .sample(&weird, &cols(&["co\"l]", "x\"y]"]), 10, &mut b)
            .unwrap();
        assert_eq!(
            rows,
            vec![vec![text("v1"), text("1")], vec![text("v2"), text("2")]]
        );
        let evil = t("public", "x\"; DROP TABLE customers; --");
        let rows = pg.sample(&evil, &cols(&["v"]), 10, &mut b).unwrap();
        assert_eq!(rows, vec![vec![text("kept")]]);
        assert!(matches!(
            pg.sample(&weird, &cols(&["co\"l]\" FROM customers; --"]), 10, &mut b),
            Err(Refusal::NotFound(_))
        ));
        assert!(matches!(
            pg.list_columns(&t("public", "a\0b")),
            Err(Refusal::Invalid(m)) if m.contains("NUL")
        ));
        assert!(matches!(
            pg.list_columns(&t("public' OR '1'='1", "customers")),
            Err(Refusal::NotFound(_))
        ));
        assert_eq!(pg.list_columns(&t("public", "customers")).unwrap().len(), 6);
    }

    #[test]
    fn estimates_from_statistics() {
        let Some(db) = TestDb::new("estimate") else {
            return;
        };
        fixture(&db);
        let mut c = db.client();
        c.batch_execute(
            // Autovacuum must not analyse it behind the test's back.
            "CREATE TABLE big WITH (autovacuum_enabled = off) AS
                 SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 200000) g",
        )
        .unwrap();
        let pg = db.open(&[]);
        assert_eq!(
            pg.row_count_estimate(&t("public", "big")).unwrap(),
            None,
            "never analysed"
        );
        assert_eq!(
            pg.row_count_estimate(&t("public", "emails")).unwrap(),
            None,
            "a view"
        );
        c.batch_execute("ANALYZE").unwrap();
        assert_eq!(
            pg.row_count_estimate(&t("public", "big")).unwrap(),
            Some(200_000)
        );
        assert_eq!(
            pg.row_count_estimate(&t("public", "customers")).unwrap(),
            Some(3)
        );
        assert_eq!(
            pg.row_count_estimate(&t("app", "events")).unwrap(),
            Some(2),
            "partitions summed"
        );
        assert_eq!(
            pg.row_count_estimate(&t("public", "names")).unwrap(),
            Some(3)
        );
        assert_eq!(pg.row_count_estimate(&t("public", "emails")).unwrap(), None);
    }

    /// `big` with rows 1..=200_000, analysed.
    fn big(db: &TestDb) {
        db.client()
            .batch_execute(
                "CREATE TABLE big (id integer PRIMARY KEY, v text);
                 INSERT INTO big SELECT g, 'value ' || g FROM generate_series(1, 200000) g;
                 ANALYZE big;",
            )
            .unwrap();
    }

    fn ids(rows: &[Row]) -> Vec<i64> {
        rows.iter()
            .map(|r| r[0].as_deref().unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn sampling_is_spread_and_deterministic() {
        let Some(db) = TestDb::new("spread") else {
            return;
        };
        big(&db);
        let pg = db.open(&[]);
        let mut b = budget();
        let big = t("public", "big");
        let started = Instant::now();
        let first = pg.sample(&big, &cols(&["id", "v"]), 100, &mut b).unwrap();
        let took = started.elapsed();
        let second = pg.sample(&big, &cols(&["id", "v"]), 100, &mut b).unwrap();
        assert_eq!(first, second, "the same sample twice");
        let ids = ids(&first);
        assert_eq!(ids.len(), 100);
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "ascending, no duplicates"
        );
        assert_eq!(ids[0], 1);
        assert!(*ids.last().unwrap() > 195_000, "reaches the end: {ids:?}");
        // Evenly spaced: every ~2000th row, give or take a block's rows.
        assert!(
            ids.windows(2)
                .all(|w| (1500..2500).contains(&(w[1] - w[0]))),
            "{ids:?}"
        );
        assert_eq!(first[0][1].as_deref(), Some("value 1"));
        // A sample is at most SAMPLE_ROWS_PER_CALL rows.
        let many = pg.sample(&big, &cols(&["id"]), 50_000, &mut b).unwrap();
        assert_eq!(many.len(), SAMPLE_ROWS_PER_CALL as usize);
        let many = self::ids(&many);
        assert!(many.windows(2).all(|w| w[0] < w[1]));
        assert!(*many.last().unwrap() > 199_000);
        // After a change the sample follows the table.
        db.client()
            .batch_execute("DELETE FROM big WHERE id <= 100000")
            .unwrap();
        db.client().batch_execute("VACUUM big").unwrap();
        let after = self::ids(&pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap());
        assert!(after.iter().all(|&id| id > 100_000), "{after:?}");
        assert!(after.len() >= 50, "{}", after.len());
        eprintln!("100 rows of 200k in {took:?}");
    }

    /// The cost of a sample does not grow with the table: 10 million rows.
    #[test]
    #[ignore = "builds a 10-million-row table (about 0.5 GB, half a minute)"]
    fn sampling_ten_million_rows() {
        let Some(db) = TestDb::new("tenmillion") else {
            return;
        };
        db.client()
            .batch_execute(
                "CREATE TABLE huge (id bigint, v text);
                 INSERT INTO huge SELECT g, 'value ' || g FROM generate_series(1, 10000000) g;
                 ANALYZE huge;",
            )
            .unwrap();
        let pg = db.open(&[]);
        let huge = t("public", "huge");
        let mut b = budget();
        for limit in [100, 1000] {
            let started = Instant::now();
            let rows = pg
                .sample(&huge, &cols(&["id", "v"]), limit, &mut b)
                .unwrap();
            let took = started.elapsed();
            let ids = ids(&rows);
            assert_eq!(ids.len(), limit as usize);
            assert!(*ids.last().unwrap() > 9_900_000);
            eprintln!("{limit} rows of 10M in {took:?}");
            assert!(took < Duration::from_secs(2), "{took:?}");
        }
    }

    #[test]
    fn sampling_small_tables_views_and_partitions() {
        let Some(db) = TestDb::new("small") else {
            return;
        };
        fixture(&db);
        let mut c = db.client();
        c.batch_execute(
            "CREATE TABLE mid (id integer, v text);
             INSERT INTO mid SELECT g, 'v' || g FROM generate_series(1, 2000) g;
             CREATE TABLE logs (id integer, at date NOT NULL) PARTITION BY RANGE (at);
             CREATE TABLE logs_a PARTITION OF logs FOR VALUES FROM ('2020-01-01') TO ('2022-01-01')
                 WITH (autovacuum_enabled = off);
             CREATE TABLE logs_b PARTITION OF logs FOR VALUES FROM ('2022-01-01') TO ('2024-01-01')
                 WITH (autovacuum_enabled = off);
             INSERT INTO logs SELECT g, DATE '2020-01-01' + (g / 100) FROM generate_series(1, 100000) g;
             CREATE VIEW mid_view AS SELECT id, v FROM mid;",
        )
        .unwrap();
        let pg = db.open(&[]);
        let mut b = budget();
        // Fewer rows than asked: all of them, in order.
        let rows = pg
            .sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b)
            .unwrap();
        assert_eq!(ids(&rows), [1, 2, 3]);
        // More blocks' rows than asked, fewer blocks than asked: rows shared out.
        let rows = ids(&pg
            .sample(&t("public", "mid"), &cols(&["id"]), 100, &mut b)
            .unwrap());
        assert_eq!(rows.len(), 100);
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
        assert!(*rows.last().unwrap() > 1800, "{rows:?}");
        // A view: its first rows.
        let rows = ids(&pg
            .sample(&t("public", "mid_view"), &cols(&["id"]), 5, &mut b)
            .unwrap());
        assert_eq!(rows, [1, 2, 3, 4, 5]);
        // A materialized view is a heap.
        let rows = pg
            .sample(&t("public", "names"), &cols(&["name"]), 5, &mut b)
            .unwrap();
        assert_eq!(rows, vec![vec![text("Ann")], vec![None], vec![text("Cé")]]);
        // A partitioned table never analysed: its first rows.
        let logs = t("public", "logs");
        let rows = ids(&pg.sample(&logs, &cols(&["id"]), 50, &mut b).unwrap());
        assert_eq!(rows, (1..=50).collect::<Vec<_>>());
        // Analysed: TABLESAMPLE over both partitions, the same every time.
        c.batch_execute("ANALYZE logs").unwrap();
        let first = pg.sample(&logs, &cols(&["id", "at"]), 50, &mut b).unwrap();
        let second = pg.sample(&logs, &cols(&["id", "at"]), 50, &mut b).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.len(), 50);
        let got = ids(&first);
        assert!(
            got.iter().any(|&id| id < 73_000) && got.iter().any(|&id| id > 73_100),
            "{got:?}"
        );
    }

    #[test]
    fn values_as_text() {
        let Some(db) = TestDb::new("values") else {
            return;
        };
        db.client()
            .batch_execute(
                r#"
            CREATE DOMAIN blob AS bytea;
            CREATE TABLE v (
                n numeric(12, 6), i bigint, f real, ts timestamp, tz timestamptz, d date,
                iv interval, b bytea, bb blob, ok boolean, nothing text, j jsonb, a integer[],
                u uuid, ip inet, long text, big bytea
            );
            SET TimeZone = 'Europe/Amsterdam';
            INSERT INTO v VALUES (
                12345.6789, -9223372036854775808, 0.1, '2024-01-02 03:04:05.5',
                '2024-06-01 12:00:00+02', '2024-02-29', '1 day 02:03:04', '\x00ff10', '\xab',
                true, NULL, '{"b": 1, "a": [true, null]}', '{1,2,NULL}',
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1/24',
                repeat('é', 50000), decode(repeat('ab', 100000), 'hex')
            );
            "#,
            )
            .unwrap();
        let pg = db.open(&[]);
        let mut b = budget();
        let names = [
            "n", "i", "f", "ts", "tz", "d", "iv", "b", "bb", "ok", "nothing", "j", "a", "u", "ip",
        ];
        let rows = pg
            .sample(&t("public", "v"), &cols(&names), 1, &mut b)
            .unwrap();
        assert_eq!(
            rows,
            vec![vec![
                text("12345.678900"),
                text("-9223372036854775808"),
                text("0.1"),
                text("2024-01-02 03:04:05.5"),
                text("2024-06-01 10:00:00+00"),
                text("2024-02-29"),
                text("1 day 02:03:04"),
                text("00ff10"),
                text("ab"),
                text("true"),
                None,
                text(r#"{"a": [true, null], "b": 1}"#),
                text("{1,2,NULL}"),
                text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                text("192.168.0.1/24"),
            ]]
        );
        let before = b.bytes_left();
        let rows = pg
            .sample(&t("public", "v"), &cols(&["long", "big"]), 1, &mut b)
            .unwrap();
        let s = rows[0][0].as_deref().unwrap();
        let h = rows[0][1].as_deref().unwrap();
        assert_eq!(s.len(), CELL_BYTES_CAP, "64 KiB of two-byte characters");
        assert!(s.chars().all(|c| c == 'é'));
        assert_eq!(h.len(), CELL_BYTES_CAP);
        assert!(h.starts_with("abab"));
        assert_eq!(before - b.bytes_left(), 2 * CELL_BYTES_CAP as u64);
    }

    #[test]
    fn the_session_is_read_only() {
        let Some(db) = TestDb::new("readonly") else {
            return;
        };
        fixture(&db);
        db.client()
            .batch_execute(
                "CREATE FUNCTION sneaky() RETURNS text LANGUAGE sql VOLATILE
                     AS $$ INSERT INTO customers VALUES (99, 'x@example.org') RETURNING 'done' $$;
                 CREATE VIEW trap AS SELECT sneaky() AS s;",
            )
            .unwrap();
        let pg = db.open(&[]);
        assert_eq!(
            pg.raw("SHOW transaction_read_only").unwrap(),
            vec![vec![text("on")]]
        );
        assert_eq!(
            pg.raw("SHOW default_transaction_read_only").unwrap(),
            vec![vec![text("on")]]
        );
        match pg.raw("INSERT INTO customers VALUES (98, 'y@example.org')") {
            Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
            other => panic!("{other:?}"),
        }
        match pg.raw("CREATE TABLE t (x int)") {
            Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
            other => panic!("{other:?}"),
        }
        let mut b = budget();
        match pg.sample(&t("public", "trap"), &cols(&["s"]), 1, &mut b) {
            Err(Refusal::Failed(m)) => assert!(m.contains("read-only transaction"), "{m}"),
            other => panic!("{other:?}"),
        }
        // Even a session whose default was turned off samples read-only.
        pg.raw("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; SET default_transaction_read_only = off")
            .unwrap();
        assert!(matches!(
            pg.sample(&t("public", "trap"), &cols(&["s"]), 1, &mut b),
            Err(Refusal::Failed(m)) if m.contains("read-only")
        ));
        let count: i64 = db
            .client()
            .query_one("SELECT count(*) FROM customers", &[])
            .unwrap()
            .get(0);
        assert_eq!(count, 3);
    }

    #[test]
    fn connection_failures_in_plain_words_without_secrets() {
        // A port nobody listens on.
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let url = format!("postgresql://someone:s3cr3t-pw@127.0.0.1:{port}/db");
        match PostgresConnector::open(&url, &[], TIMEOUT) {
            Err(Refusal::Failed(m)) => {
                assert_eq!(
                    m,
                    format!(
                        "cannot connect to the PostgreSQL server at 127.0.0.1:{port}: connection refused"
                    )
                );
            }
            other => panic!("{:?}", other.err()),
        }
        // Malformed URLs: the password never shows.
        for bad in [
            "postgresql://someone:s3cr3t-pw@127.0.0.1:notaport/db",
            "host=127.0.0.1 password='s3cr3t-pw",
            "postgresql://someone:s3cr3t-pw@127.0.0.1/db?sslmode=sometimes",
        ] {
            match PostgresConnector::open(bad, &[], TIMEOUT) {
                Err(Refusal::Failed(m)) => {
                    assert!(
                        m.contains("URL is not valid") && !m.contains("s3cr3t"),
                        "{m}"
                    )
                }
                other => panic!("{:?}", other.err()),
            }
        }
        match PostgresConnector::open(
            "postgresql://someone:s3cr3t-pw@127.0.0.1/db?sslmode=require",
            &[],
            TIMEOUT,
        ) {
            Err(Refusal::Failed(m)) => assert!(m.contains("TLS") && !m.contains("s3cr3t"), "{m}"),
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn a_server_that_never_answers_does_not_hang_open() {
        // Accepts the connection, reads nothing, says nothing.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let holder = thread::spawn(move || {
            let (socket, _) = listener.accept().unwrap();
            thread::sleep(Duration::from_secs(4));
            drop(socket);
        });
        let timeout = Duration::from_millis(500);
        let started = Instant::now();
        let result = PostgresConnector::open(
            &format!("postgresql://someone:s3cr3t-pw@127.0.0.1:{port}/db"),
            &[],
            timeout,
        );
        let took = started.elapsed();
        match result {
            Err(Refusal::Failed(m)) => {
                assert!(
                    m.contains("timed out after 500 ms") && !m.contains("s3cr3t"),
                    "{m}"
                )
            }
            other => panic!("{:?}", other.err()),
        }
        assert!(
            took < timeout + ANSWER_GRACE + Duration::from_secs(1),
            "{took:?}"
        );
        holder.join().unwrap();
    }

    #[test]
    fn authentication_and_database_failures() {
        let Some(db) = TestDb::new("auth") else {
            return;
        };
        /// Drops the role (roles belong to the server, not the database),
        /// also when the test fails.
        struct Role<'a>(&'a TestDb, String);
        impl Drop for Role<'_> {
            fn drop(&mut self) {
                let r = quote(&self.1);
                let _ =
                    (self.0.client()).batch_execute(&format!("DROP OWNED BY {r}; DROP ROLE {r}"));
            }
        }
        let mut c = db.client();
        let role = format!("{}_reader", db.name);
        c.batch_execute(&format!(
            "CREATE ROLE {r} LOGIN PASSWORD 'right-pw'",
            r = quote(&role)
        ))
        .unwrap();
        let _role = Role(&db, role.clone());
        let config: Config = db.url.parse().unwrap();
        let host = target(&config);
        let url = |user: &str, pw: &str, dbname: &str| {
            format!("postgresql://{user}:{pw}@{host}/{dbname}")
        };
        match PostgresConnector::open(&url(&role, "wrong-pw", &db.name), &[], TIMEOUT) {
            Err(Refusal::Failed(m)) => assert_eq!(
                m,
                format!(
                    "cannot connect to the PostgreSQL server at {host}: \
                     password authentication failed for user \"{role}\""
                )
            ),
            // A server that trusts local connections checks no password.
            Ok(_) => eprintln!("the test server did not check the password"),
            Err(other) => panic!("{other:?}"),
        }
        match PostgresConnector::open(&url(&role, "right-pw", "no_such_db_here"), &[], TIMEOUT) {
            Err(Refusal::Failed(m)) => {
                assert!(
                    m.contains("database \"no_such_db_here\" does not exist"),
                    "{m}"
                );
                assert!(!m.contains("right-pw"), "{m}");
            }
            other => panic!("{:?}", other.err()),
        }
        // The reader may read only what it was granted.
        c.batch_execute(&format!(
            "CREATE TABLE open_t (v text); CREATE TABLE closed_t (v text);
             CREATE TABLE half (pub text, priv text);
             INSERT INTO open_t VALUES ('o'); INSERT INTO half VALUES ('p', 's');
             GRANT SELECT ON open_t TO {r}; GRANT SELECT (pub) ON half TO {r};",
            r = quote(&role)
        ))
        .unwrap();
        let reader =
            PostgresConnector::open(&url(&role, "right-pw", &db.name), &[], TIMEOUT).unwrap();
        let listed: Vec<String> = reader
            .list_tables()
            .unwrap()
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(listed, ["public.half", "public.open_t"]);
        let mut b = budget();
        assert!(matches!(
            reader.sample(&t("public", "closed_t"), &cols(&["v"]), 1, &mut b),
            Err(Refusal::NotGranted(_))
        ));
        assert!(matches!(
            reader.sample(&t("public", "half"), &cols(&["priv"]), 1, &mut b),
            Err(Refusal::NotGranted(m)) if m.contains("priv")
        ));
        assert_eq!(
            reader
                .sample(&t("public", "half"), &cols(&["pub"]), 1, &mut b)
                .unwrap(),
            vec![vec![text("p")]]
        );
    }

    #[test]
    fn deadline_stops_a_slow_view() {
        let Some(db) = TestDb::new("slow") else {
            return;
        };
        fixture(&db);
        db.client()
            .batch_execute("CREATE VIEW slow AS SELECT pg_sleep(30)::text AS x")
            .unwrap();
        let pg = db.open(&[]);
        let limit = Duration::from_millis(700);
        let mut b = Budget::new(1000, 1 << 20, limit);
        let started = Instant::now();
        let result = pg.sample(&t("public", "slow"), &cols(&["x"]), 1, &mut b);
        let took = started.elapsed();
        match result {
            Err(Refusal::LimitExceeded(m)) => assert!(m.contains("time"), "{m}"),
            other => panic!("expected a time limit, got {other:?}"),
        }
        assert!(
            took >= limit - Duration::from_millis(50) && took < limit + Duration::from_secs(1),
            "{took:?}"
        );
        // The server stopped the statement: the connection goes on.
        let mut b = budget();
        assert_eq!(
            pg.sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b)
                .unwrap()
                .len(),
            3
        );
        // A passed deadline refuses a sample before it starts.
        let mut b = Budget::with_deadline(1000, 1000, Instant::now());
        assert!(matches!(
            pg.sample(&t("public", "customers"), &cols(&["id"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
    }

    #[test]
    fn a_server_that_stops_answering_is_given_up() {
        let Some(db) = TestDb::new("stopped") else {
            return;
        };
        fixture(&db);
        let pg = db.open(&[]);
        let pid = pg.raw("SELECT pg_backend_pid()").unwrap()[0][0]
            .clone()
            .unwrap();
        // Freeze the server process that serves the connector (needs the
        // right to signal it: root, or the server's own user).
        let signal = |sig: &str| {
            std::process::Command::new("kill")
                .args([sig, &pid])
                .status()
                .is_ok_and(|s| s.success())
        };
        if !signal("-STOP") {
            eprintln!("cannot stop the server process {pid}: skipping");
            return;
        }
        let limit = Duration::from_millis(500);
        let mut b = Budget::new(1000, 1 << 20, limit);
        let started = Instant::now();
        let result = pg.sample(&t("public", "customers"), &cols(&["id"]), 1, &mut b);
        let took = started.elapsed();
        signal("-CONT");
        assert!(
            matches!(result, Err(Refusal::LimitExceeded(_))),
            "{result:?}"
        );
        assert!(
            took < limit + ANSWER_GRACE + Duration::from_secs(1),
            "{took:?}"
        );
        // Given up: later calls fail at once.
        let started = Instant::now();
        assert!(matches!(
            pg.list_tables(),
            Err(Refusal::Failed(m)) if m.contains("lost or given up")
        ));
        assert!(started.elapsed() < Duration::from_millis(100));
    }

    #[test]
    fn a_locked_table() {
        let Some(db) = TestDb::new("locked") else {
            return;
        };
        fixture(&db);
        let pg = PostgresConnector::open(&db.url, &[], Duration::from_millis(300)).unwrap();
        let mut holder = db.client();
        let mut tx = holder.transaction().unwrap();
        tx.batch_execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
            .unwrap();
        let mut b = budget();
        let started = Instant::now();
        match pg.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b) {
            Err(Refusal::Failed(m)) => assert!(m.contains("locked") && m.contains("300 ms"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(started.elapsed() >= Duration::from_millis(300));
        // The calls that read only the catalogue do not wait for the lock.
        let started = Instant::now();
        assert_eq!(pg.list_columns(&t("public", "customers")).unwrap().len(), 6);
        assert_eq!(
            pg.row_count_estimate(&t("public", "customers")).unwrap(),
            None
        );
        assert!(started.elapsed() < Duration::from_millis(300));
        tx.commit().unwrap();
        assert_eq!(
            pg.sample(&t("public", "customers"), &cols(&["email"]), 1, &mut b)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn budget_runs_out() {
        let Some(db) = TestDb::new("budget") else {
            return;
        };
        big(&db);
        let pg = db.open(&[]);
        let big = t("public", "big");
        let mut b = Budget::new(150, 1 << 30, Duration::from_secs(60));
        assert_eq!(
            pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap().len(),
            100
        );
        assert_eq!(
            pg.sample(&big, &cols(&["id"]), 100, &mut b).unwrap().len(),
            50
        );
        assert!(matches!(
            pg.sample(&big, &cols(&["id"]), 100, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        // Bytes: "value 1" is 7 bytes; 20 bytes buy two rows, then it is spent.
        let mut b = Budget::new(1000, 20, Duration::from_secs(60));
        let rows = pg.sample(&big, &cols(&["v"]), 10, &mut b).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(b.bytes_left(), 0);
        assert!(matches!(
            pg.sample(&big, &cols(&["v"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        // A first row larger than the budget: refused, budget spent.
        let mut b = Budget::new(1000, 3, Duration::from_secs(60));
        assert!(matches!(
            pg.sample(&big, &cols(&["v"]), 10, &mut b),
            Err(Refusal::LimitExceeded(_))
        ));
        assert_eq!(b.bytes_left(), 0);
        // Nothing asked, nothing taken; no columns is an invalid call.
        let mut b = budget();
        assert!(
            pg.sample(&big, &cols(&["v"]), 0, &mut b)
                .unwrap()
                .is_empty()
        );
        assert_eq!(b.rows_left(), budget().rows_left());
        assert!(matches!(
            pg.sample(&big, &[], 10, &mut b),
            Err(Refusal::Invalid(_))
        ));
    }

    #[test]
    fn helpers() {
        fn shareable<T: Send + Sync>() {}
        shareable::<PostgresConnector>();
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(parse_tid("(12,3)"), (12, 3));
        assert_eq!(words(Duration::from_millis(250)), "250 ms");
        assert_eq!(words(Duration::from_secs(5)), "5 s");
        assert_eq!(words(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(millis(Duration::ZERO), 1);
        assert_eq!(
            with_dbname("postgresql://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgresql://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_dbname("postgres://h", "x"), "postgres://h/x");
        assert_eq!(with_dbname("host=h", "x"), "host=h dbname=x");
        assert_eq!(cut("é".repeat(40_000).as_bytes()).len(), CELL_BYTES_CAP);
        assert_eq!(cut(b"a\xffb"), "a\u{fffd}b");
        let config: Config = "postgresql://u:p@[::1]:6000,db.example:7000/x"
            .parse()
            .unwrap();
        assert_eq!(target(&config), "[::1]:6000, db.example:7000");
    }
}
