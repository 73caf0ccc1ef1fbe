//! The `sql` capability (`plugins/wit/scanner.wit`, interface `sql`) on a
//! database, whatever its engine.
//!
//! What every engine shares is written once here; what differs sits behind
//! the [`Backend`] trait, one module per engine:
//!
//! - [`Connector`] is the plugin-facing side of the four calls: it checks
//!   the arguments, sorts the listing, and runs a sample against the run's
//!   [`Budget`](crate::Budget) (how many rows, how many bytes, until when),
//!   taking from it what was handed out. [`SqliteConnector`] and
//!   [`PostgresConnector`] are it, over their backends.
//! - [`SqlConnection`] is any connector, as the host holds it: the host
//!   sees the four calls and nothing of the engines.
//! - [`Backend`] and [`Session`] (`backend`) are what an engine implements:
//!   its catalogue (tables, views, columns, an estimate of the rows), how it
//!   finds a table and a column, how it spreads a sample across a table,
//!   and how it stops a query at a deadline. [`Fail`] is an engine's error
//!   or a refusal while a call runs.
//! - [`Taker`] (`taker`) collects a sample's rows in the order of their
//!   place in the table, counting their bytes against the budget;
//!   `value` cuts a value to [`CELL_BYTES_CAP`] the same way for every
//!   engine.
//! - [`sqlite`] and [`postgres`]: the engines.
//!
//! Not here: anything of wasmtime or the WIT types (the plugin host
//! translates), and any SQL a plugin writes — a plugin names tables and
//! columns, which the backend looks up in its catalogue (with bound
//! parameters) before a [`quote`]d name reaches SQL text.

mod backend;
mod connection;
mod connector;
pub mod postgres;
pub mod sqlite;
mod taker;
mod value;

use std::fmt;

pub use backend::{Backend, Fail, Session, quote};
pub use connection::SqlConnection;
pub use connector::Connector;
pub use postgres::PostgresConnector;
pub use sqlite::SqliteConnector;
pub use taker::Taker;

/// The most rows one `sample` call returns, whatever the plugin asks.
pub const SAMPLE_ROWS_PER_CALL: u32 = 1000;

/// The most bytes of text one value becomes; longer text is cut (on a
/// character boundary), a longer blob is hex-encoded from its first
/// `CELL_BYTES_CAP / 2` bytes.
pub const CELL_BYTES_CAP: usize = 64 * 1024;

/// A table or view; WIT `table-ref`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableRef {
    /// The attached database (SQLite) or schema (PostgreSQL); `None` for the
    /// default one (SQLite's `main`).
    pub schema: Option<String>,
    /// The name, unquoted.
    pub name: String,
}

impl TableRef {
    /// A table of the default schema.
    pub fn main(name: impl Into<String>) -> Self {
        TableRef {
            schema: None,
            name: name.into(),
        }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// A column of a table; WIT `sql.column-info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The name, unquoted.
    pub name: String,
    /// The type as declared; empty when undeclared.
    pub data_type: String,
    /// Whether the column may hold NULL.
    pub nullable: bool,
}

/// One sampled row: the asked columns in the order asked, as text; `None` for
/// NULL. WIT `sql.row`.
pub type Row = Vec<Option<String>>;
