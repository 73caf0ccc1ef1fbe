//! A sample's rows: the strategies (TID ranges spread over the table's
//! blocks, `TABLESAMPLE`, the first rows), one statement each, in a
//! read-only transaction under the run's deadline; every value cast to text
//! and cut on the server.

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use postgres::types::{FromSql, Type};
use postgres::{Client, Transaction};

use super::Fail;
use super::call::{limit_statements, read_only};
use super::catalog::{self, Column, HeapStats, Kind, Table};
use crate::Refusal;
use crate::sql::{CELL_BYTES_CAP, Row, TableRef, Taker, quote, value};

/// The seed of `TABLESAMPLE … REPEATABLE`, so a sample is the same each time.
const SAMPLE_SEED: u32 = 42;

/// A row's place: table oid, then block and offset (for a view: 0, then 0
/// and the row's position).
type Key = (u32, (u32, u32));

/// The connection during one `sample` call, on the connection's thread.
pub struct Session<'s> {
    pub(super) client: &'s mut Client,
    pub(super) schemas: Vec<String>,
    pub(super) version: u32,
    pub(super) block_size: u64,
    /// How long looking the table up may take.
    pub(super) catalogue_limit: Duration,
    /// The run's deadline, for reading the rows.
    pub(super) deadline: Instant,
}

/// A table found for sampling, with the statistics of its size (none for a
/// view).
pub struct Sampled {
    table: Table,
    stats: Option<HeapStats>,
}

impl crate::sql::Session for Session<'_> {
    type Error = postgres::Error;
    type Table = Sampled;
    type Key = Key;

    /// In a transaction of its own with the catalogue's search_path, under
    /// the catalogue's time limit.
    fn resolve(&mut self, table: &TableRef) -> Result<Sampled, Fail> {
        let mut tx = read_only(self.client, Instant::now() + self.catalogue_limit)?;
        tx.batch_execute("SET LOCAL search_path = pg_catalog, pg_temp")?;
        let table = catalog::resolve(&mut tx, &self.schemas, table)?;
        let stats = match table.kind {
            Kind::View => None,
            _ => Some(catalog::heap_stats(
                &mut tx,
                &table,
                self.version,
                self.block_size,
                true,
            )?),
        };
        tx.commit()?;
        Ok(Sampled { table, stats })
    }

    /// Names compare exactly, as in PostgreSQL; a column the role may not
    /// select is `NotGranted`.
    fn column(&self, sampled: &Sampled, asked: &str) -> Result<usize, Refusal> {
        let t = &sampled.table;
        let Some(i) = t.columns.iter().position(|c| c.name == asked) else {
            return Err(Refusal::NotFound(format!(
                "no column `{asked}` in `{}`",
                t.shown
            )));
        };
        if !t.columns[i].readable {
            return Err(Refusal::NotGranted(format!(
                "the connecting role may not read column `{asked}` of `{}`",
                t.shown
            )));
        }
        Ok(i)
    }

    /// In the table's physical order, under the session's search_path (a
    /// view's functions may rely on it) and the run's deadline.
    fn sample(
        &mut self,
        sampled: &Sampled,
        columns: &[usize],
        n: usize,
        taker: &mut Taker<Key>,
    ) -> Result<(), Fail> {
        let t = &sampled.table;
        let picked: Vec<&Column> = columns.iter().map(|&i| &t.columns[i]).collect();
        let exprs: Vec<String> = picked
            .iter()
            .map(|c| as_text_sql(&format!("t.{}", quote(&c.name)), c.bytea))
            .collect();
        let deadline = self.deadline;
        let mut tx = read_only(self.client, deadline)?;
        tx.batch_execute(
            "SET LOCAL synchronize_seqscans = off; \
             SET LOCAL max_parallel_workers_per_gather = 0",
        )?;
        match (t.kind, &sampled.stats) {
            _ if !t.placeable => {}
            (Kind::Table, Some(stats)) if self.version >= 140_000 => {
                sample_blocks(&mut tx, t, stats.pages, &exprs, n, taker, deadline)?;
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
                sample_system(&mut tx, t, (*estimate, *pages), &raw, n, taker, deadline)?;
            }
            _ => {}
        }
        if taker.len() < n && !taker.bytes_ran_out() {
            first_rows(&mut tx, t, &exprs, n, taker, deadline)?;
        }
        tx.commit()?;
        Ok(())
    }
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
    taker: &mut Taker<Key>,
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
        if !taker.take(key, row_values(&row, 2)?) {
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
    taker: &mut Taker<Key>,
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
        if !taker.take(key, row_values(&row, 2)?) {
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
    taker: &mut Taker<Key>,
    deadline: Instant,
) -> Result<(), Fail> {
    limit_statements(tx, deadline)?;
    let want = (n + taker.len()) as i64;
    if !t.placeable {
        let sql = format!("SELECT {} FROM {} t LIMIT $1", exprs.join(", "), t.sql_name);
        for (i, row) in tx.query(&sql, &[&want])?.iter().enumerate() {
            if taker.len() >= n || !taker.take((0, (0, i as u32)), row_values(row, 0)?) {
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
        if taker.len() >= n {
            break;
        }
        let key = (row.get::<_, u32>(0), parse_tid(&row.get::<_, String>(1)));
        if taker.contains(&key) {
            continue;
        }
        if !taker.take(key, row_values(&row, 2)?) {
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
pub(super) fn parse_tid(text: &str) -> (u32, u32) {
    let inner = text.trim_start_matches('(').trim_end_matches(')');
    let mut parts = inner
        .split(',')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The columns `first..` of a row, as the plugin gets them.
fn row_values(row: &postgres::Row, first: usize) -> Result<Row, Fail> {
    let mut values = Vec::with_capacity(row.len() - first);
    for i in first..row.len() {
        values.push(
            row.try_get::<_, Option<RawText>>(i)?
                .map(|t| value::text(&t.0)),
        );
    }
    Ok(values)
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
