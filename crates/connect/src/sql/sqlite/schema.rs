//! What the database's schema says: its tables and views, a table looked up
//! by name with its columns, and an estimate of its rows.

use rusqlite::OptionalExtension;

use super::{Fail, Sqlite};
use crate::Refusal;
use crate::sql::{ColumnInfo, TableRef, quote};

/// A table or view, looked up in the schema (what sampling needs of it).
pub struct Table {
    /// As the plugin should see it, for messages.
    pub(super) shown: String,
    /// `"schema"."name"`, ready for the SQL text.
    pub(super) sql_name: String,
    /// The name by which the rowid can be selected (`rowid`, `_rowid_` or
    /// `oid`, whichever no column shadows); `None` for views, `WITHOUT ROWID`
    /// and virtual tables, or when all three are column names.
    pub(super) rowid: Option<&'static str>,
    /// Whether the table is `WITHOUT ROWID` (its primary key is NOT NULL).
    without_rowid: bool,
    schema: String,
    name: String,
    /// The selectable columns in declaration order: (name, declared type,
    /// NOT NULL, position in the primary key).
    pub(super) columns: Vec<(String, String, bool, i64)>,
}

impl Table {
    /// The columns as the plugin sees them.
    pub(super) fn column_infos(&self) -> Vec<ColumnInfo> {
        // A rowid table's INTEGER PRIMARY KEY is the rowid, never NULL;
        // other primary-key columns of a rowid table may hold NULL (an
        // old SQLite quirk); a WITHOUT ROWID table's may not.
        let pk_columns = self.columns.iter().filter(|c| c.3 > 0).count();
        self.columns
            .iter()
            .map(|(name, data_type, not_null, pk)| {
                let rowid_alias = *pk > 0
                    && pk_columns == 1
                    && self.rowid.is_some()
                    && data_type.eq_ignore_ascii_case("integer");
                let pk_not_null = *pk > 0 && self.without_rowid;
                ColumnInfo {
                    name: name.clone(),
                    data_type: data_type.clone(),
                    nullable: !(*not_null || rowid_alias || pk_not_null),
                }
            })
            .collect()
    }
}

impl Sqlite {
    /// The tables and views of every database a plugin may see.
    pub(super) fn tables(&self) -> Result<Vec<TableRef>, Fail> {
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
        Ok(tables)
    }

    /// Each view of every visible database with the tables it reads.
    pub(super) fn views(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Fail> {
        let schemas = self.schemas()?;
        // Root page (per database, by its index in `pragma_database_list`
        // order) to the table it belongs to.
        let mut roots = std::collections::HashMap::new();
        let mut views = Vec::new();
        for (db, schema) in schemas.iter().enumerate() {
            let sql = format!(
                "SELECT type, name, tbl_name, rootpage FROM {}.sqlite_schema                  WHERE type IN ('table', 'index', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                quote(schema)
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })?;
            let table_ref = |name: String| TableRef {
                schema: (schema != "main").then(|| schema.clone()),
                name,
            };
            for row in rows {
                let (kind, name, table, root) = row?;
                match (kind.as_str(), root) {
                    ("view", _) => views.push(table_ref(name)),
                    (_, Some(root)) if root > 0 => {
                        roots.insert((db as i64, root), table_ref(table));
                    }
                    _ => {}
                }
            }
        }
        let seq: std::collections::HashMap<i64, usize> = {
            let mut stmt = self
                .conn
                .prepare("SELECT seq, name FROM pragma_database_list WHERE name <> 'temp'")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut map = std::collections::HashMap::new();
            for row in rows {
                let (seq, name) = row?;
                if let Some(i) = schemas.iter().position(|s| *s == name) {
                    map.insert(seq, i);
                }
            }
            map
        };
        let mut out = Vec::new();
        for view in views {
            let schema = view.schema.clone().unwrap_or_else(|| "main".to_owned());
            let sql = format!(
                "EXPLAIN SELECT * FROM {}.{}",
                quote(&schema),
                quote(&view.name)
            );
            // A view over a missing table does not compile: its sources are
            // unknown, and it is left out.
            let Ok(mut stmt) = self.conn.prepare(&sql) else {
                continue;
            };
            let mut sources = Vec::new();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let opcode: String = row.get("opcode")?;
                if opcode != "OpenRead" {
                    continue;
                }
                let (root, db): (i64, i64) = (row.get("p2")?, row.get("p3")?);
                if let Some(&i) = seq.get(&db)
                    && let Some(table) = roots.get(&(i as i64, root))
                    && !sources.contains(table)
                {
                    sources.push(table.clone());
                }
            }
            if !sources.is_empty() {
                out.push((view, sources));
            }
        }
        Ok(out)
    }

    /// The row count of the statistics, else the width of the rowid range;
    /// `None` without either.
    pub(super) fn estimate(&self, t: &Table) -> Result<Option<u64>, Fail> {
        if let Some(n) = self.stat1_rows(t)? {
            return Ok(Some(n));
        }
        let Some(rowid) = t.rowid else {
            return Ok(None);
        };
        Ok(match self.rowid_range(t, rowid)? {
            None => Some(0),
            Some((lo, hi)) => Some(u64::try_from(hi as i128 - lo as i128 + 1).unwrap_or(u64::MAX)),
        })
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
    pub(super) fn resolve(&self, table: &TableRef) -> Result<Table, Fail> {
        let shown = table.to_string();
        // NUL in a name is refused by the connector before this.
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
    pub(super) fn rowid_range(
        &self,
        t: &Table,
        rowid: &str,
    ) -> rusqlite::Result<Option<(i64, i64)>> {
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
}
