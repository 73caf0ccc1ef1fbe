//! What the catalogue says: the tables and views the role may read in the
//! granted schemas, a table looked up with its columns, and the statistics
//! of its size. Every query here runs with the catalogue's search_path
//! (`pg_catalog, pg_temp`) and binds what the plugin wrote as parameters.

use postgres::Transaction;

use super::Fail;
use crate::Refusal;
use crate::sql::{TableRef, quote};

/// What a relation is, from `pg_class.relkind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `r`, `m`: a heap with blocks that TID range scans can reach.
    Table,
    /// `p`: rows live in the partitions.
    Partitioned,
    /// `v`.
    View,
}

/// A table or view, looked up in the catalogue.
pub(super) struct Table {
    pub oid: u32,
    pub kind: Kind,
    /// Whether a row's place (`tableoid`, `ctid`) can be read: a view has
    /// none, and a role that may read only some columns of a table may not
    /// read those system columns either. Without it a sample is the first
    /// rows.
    pub placeable: bool,
    /// As the plugin should see it, for messages.
    pub shown: String,
    /// `"schema"."name"`, ready for the SQL text.
    pub sql_name: String,
    pub columns: Vec<Column>,
}

pub(super) struct Column {
    pub name: String,
    pub data_type: String,
    pub nullable: bool,
    /// `bytea`, or a domain over it: sampled as hex.
    pub bytea: bool,
    /// Whether the connecting role may select it.
    pub readable: bool,
}

/// The tables, views, materialized views and partitioned tables of the
/// granted schemas that the role may read; partitions only when their
/// partitioned table is not granted.
pub(super) fn tables(tx: &mut Transaction<'_>, schemas: &[String]) -> Result<Vec<TableRef>, Fail> {
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
        .collect())
}

/// Each view and materialized view of the granted schemas with the
/// relations its rewrite rule depends on, as PostgreSQL records them.
pub(super) fn view_sources(
    tx: &mut Transaction<'_>,
    schemas: &[String],
) -> Result<Vec<(TableRef, Vec<TableRef>)>, Fail> {
    let sql = format!(
        "SELECT DISTINCT vn.nspname::text, v.relname::text, tn.nspname::text, t.relname::text
         FROM pg_class v
         JOIN pg_namespace vn ON vn.oid = v.relnamespace
         JOIN pg_rewrite r ON r.ev_class = v.oid
         JOIN pg_depend d ON d.objid = r.oid
              AND d.classid = 'pg_rewrite'::regclass
              AND d.refclassid = 'pg_class'::regclass
         JOIN pg_class t ON t.oid = d.refobjid AND t.oid <> v.oid
         JOIN pg_namespace tn ON tn.oid = t.relnamespace
         WHERE v.relkind IN ('v', 'm') AND t.relkind IN ('r', 'v', 'm', 'p', 'f') AND {granted_vn}
         ORDER BY 1, 2, 3, 4",
        granted_vn = granted("vn"),
    );
    let rows = tx.query(&sql, &[&schemas])?;
    let mut out: Vec<(TableRef, Vec<TableRef>)> = Vec::new();
    for r in &rows {
        let view = TableRef {
            schema: Some(r.get(0)),
            name: r.get(1),
        };
        let source = TableRef {
            schema: Some(r.get(2)),
            name: r.get(3),
        };
        match out.last_mut() {
            Some((v, sources)) if *v == view => sources.push(source),
            _ => out.push((view, vec![source])),
        }
    }
    Ok(out)
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
pub(super) fn resolve(
    tx: &mut Transaction<'_>,
    schemas: &[String],
    table: &TableRef,
) -> Result<Table, Fail> {
    // NUL in a name is refused by the connector before this.
    let shown = table.to_string();
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
pub(super) struct HeapStats {
    /// Rows by `reltuples`; `None` when never analysed.
    pub estimate: Option<u64>,
    /// Blocks on disk now (`pg_relation_size`): exact, analysed or not.
    pub pages: u64,
}

/// `with_size`: whether to read the size on disk too (`pg_relation_size`,
/// which waits for a lock that an `ACCESS EXCLUSIVE` holder keeps); `pages`
/// is 0 without it.
pub(super) fn heap_stats(
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
