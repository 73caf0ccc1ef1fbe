//! The database scan: every table (or the configured ones), its columns,
//! and a bounded sample of rows of the columns that may hold personal data.
//!
//! Per table: the columns are listed; the *candidate* columns — those whose
//! name hints at personal data, and all textual or untyped columns, whose
//! values may reveal it — are sampled in one call per 32 columns, at most
//! `sample-rows` rows (the host picks them across the table). Each
//! candidate is classified from its name (a bare `name` qualified by the
//! table's: `customers.name`, not `category.name`), its declared type and
//! its values ([`classify_field`]); free-text columns are also scanned for
//! e-mail addresses, phone numbers and the like inside their values. One
//! finding per column and category.
//!
//! Date columns are sampled too: dates spread over a generation are dates
//! of birth whatever the column is called, while order dates and
//! timestamps span years, not decades, and are not reported. Binary
//! columns are sampled for image signatures (photographs). Integer,
//! decimal and boolean columns without a hint are not sampled: ids,
//! prices, amounts and flags are never reported.
//! The row-count estimate is only logged: what is read does not grow with
//! the table.

use crate::config::{Config, ConfigKey, ConfigType, glob_match};
use crate::hints;
use crate::scanner::{PluginSpec, Reporter, classify_field};
use crate::source::{
    Capability, ColumnInfo, Level, Location, ScanError, ScanSummary, Sink, SqlSource, TableRef,
};
use crate::{ColumnStats, SqlType};

/// The system kinds the database scanner knows.
pub const SYSTEM_KINDS: &[&str] = &["sqlite", "postgresql"];

/// The database scanner's configuration keys.
pub const CONFIG: &[ConfigKey] = &[
    ConfigKey {
        name: "sample-rows",
        value_type: ConfigType::Integer,
        description: "How many rows to sample per table (1 to 10000); the host picks them across the table",
        required: false,
        default_value: Some("200"),
    },
    ConfigKey {
        name: "include-tables",
        value_type: ConfigType::TextList,
        description: "Scan only these tables: names or `schema.name`, `*` and `?` as wildcards, case-insensitive; empty scans every table",
        required: false,
        default_value: Some("[]"),
    },
    ConfigKey {
        name: "exclude-tables",
        value_type: ConfigType::TextList,
        description: "Leave these tables out: names or `schema.name`, `*` and `?` as wildcards, case-insensitive",
        required: false,
        default_value: Some("[]"),
    },
];

/// What the database scanner says about itself.
pub const SPEC: PluginSpec = PluginSpec {
    description: "Finds personal data in SQLite and PostgreSQL databases: column names, types and a bounded sample of rows per table, free-text columns included",
    system_kinds: SYSTEM_KINDS,
    capabilities: &[Capability::Sql, Capability::Log],
    config: CONFIG,
};

/// Columns per `sample` call.
const COLUMNS_PER_SAMPLE: usize = 32;

/// The database scan's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Rows to sample per table.
    pub sample_rows: u32,
    /// Table patterns to scan (empty: all).
    pub include_tables: Vec<String>,
    /// Table patterns to leave out.
    pub exclude_tables: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sample_rows: 200,
            include_tables: Vec::new(),
            exclude_tables: Vec::new(),
        }
    }
}

impl Options {
    /// Reads the settings from a configuration, defaults filled in.
    pub fn from_config(config: &Config) -> Result<Options, ScanError> {
        config.check(CONFIG)?;
        Ok(Options {
            sample_rows: config.integer_in("sample-rows", 200, 1, 10_000)? as u32,
            include_tables: config.text_list("include-tables")?,
            exclude_tables: config.text_list("exclude-tables")?,
        })
    }

    /// Whether `table` is to be scanned.
    pub fn wants(&self, table: &TableRef) -> bool {
        let full = table.to_string();
        let hit = |p: &String| glob_match(p, &table.name) || glob_match(p, &full);
        (self.include_tables.is_empty() || self.include_tables.iter().any(hit))
            && !self.exclude_tables.iter().any(hit)
    }
}

/// Scans a database of kind `system_kind` configured by `config`.
pub fn scan<Q: SqlSource + ?Sized, S: Sink + ?Sized>(
    sql: &mut Q,
    sink: &mut S,
    system_kind: &str,
    config: &Config,
) -> Result<ScanSummary, ScanError> {
    if !SYSTEM_KINDS.contains(&system_kind) {
        return Err(ScanError::UnsupportedKind(system_kind.to_string()));
    }
    let options = Options::from_config(config)?;
    scan_with(sql, sink, &options)
}

/// Whether a column is sampled: it has a name hint, or a type that can hold
/// text.
fn is_candidate(table: &TableRef, column: &ColumnInfo) -> bool {
    let name = hints::qualified_name(&table.name, &column.name);
    matches!(
        SqlType::parse(&column.data_type),
        SqlType::Text | SqlType::Unknown | SqlType::Network | SqlType::Temporal | SqlType::Binary
    ) || hints::column_hint(&name).is_some()
}

/// Scans a database with explicit settings.
pub fn scan_with<Q: SqlSource + ?Sized, S: Sink + ?Sized>(
    sql: &mut Q,
    sink: &mut S,
    options: &Options,
) -> Result<ScanSummary, ScanError> {
    let mut r = Reporter::new(sink);
    let all = sql.list_tables().map_err(ScanError::Capability)?;
    let tables: Vec<TableRef> = all.into_iter().filter(|t| options.wants(t)).collect();
    let total = tables.len() as u64;
    for (done, table) in tables.iter().enumerate() {
        if r.stopped() {
            break;
        }
        r.progress(done as u64, Some(total), &format!("table {table}"));
        scan_table(sql, &mut r, table, options);
    }
    if !r.stopped() {
        r.progress(total, Some(total), "done");
    }
    Ok(r.finish())
}

fn scan_table<Q: SqlSource + ?Sized, S: Sink + ?Sized>(
    sql: &mut Q,
    r: &mut Reporter<'_, S>,
    table: &TableRef,
    options: &Options,
) {
    let columns = match sql.list_columns(table) {
        Ok(c) => c,
        Err(e) => {
            r.skipped(1, &format!("table {table}"), &e);
            return;
        }
    };
    match sql.row_count_estimate(table) {
        Ok(Some(n)) => r.log(
            Level::Debug,
            &format!("{table}: ~{n} rows, {} cols", columns.len()),
        ),
        Ok(None) => {}
        Err(e) => {
            if e == crate::source::SourceError::LimitExceeded {
                r.limit_reached("row-count estimate");
                return;
            }
        }
    }
    let candidates: Vec<usize> = (0..columns.len())
        .filter(|&k| is_candidate(table, &columns[k]))
        .collect();
    let mut stats: Vec<ColumnStats> = vec![ColumnStats::new(); columns.len()];
    let mut unsampled = vec![false; columns.len()];
    for group in candidates.chunks(COLUMNS_PER_SAMPLE) {
        let names: Vec<String> = group.iter().map(|&k| columns[k].name.clone()).collect();
        match sql.sample(table, &names, options.sample_rows) {
            Ok(rows) => {
                for row in rows.iter().take(options.sample_rows as usize) {
                    for (slot, value) in group.iter().zip(row) {
                        stats[*slot].add_opt(value.as_deref());
                    }
                }
            }
            Err(e) => {
                if !r.skipped(group.len() as u64, &format!("sampling table {table}"), &e) {
                    return;
                }
                // Not sampled: the names still say something.
                for &k in group {
                    unsampled[k] = true;
                }
            }
        }
    }
    for &k in &candidates {
        let column = &columns[k];
        let name = hints::qualified_name(&table.name, &column.name);
        let found = classify_field(&name, &column.data_type, &stats[k]);
        if !unsampled[k] {
            r.examined(1, stats[k].sampled());
        }
        for f in &found {
            let location = Location::Column {
                table: table.clone(),
                column: column.name.clone(),
            };
            if !r.report(location, f) {
                return;
            }
        }
    }
    // The columns that were not sampled were examined by name and type.
    r.examined((columns.len() - candidates.len()) as u64, 0);
}
