//! Any SQL connector, as the plugin host holds it: the four calls of the
//! `sql` capability, and nothing of the engine behind them.

use super::{Backend, ColumnInfo, Connector, Row, TableRef};
use crate::{Budget, Refusal};

/// An open SQL connector of any engine; made from one with `From`
/// (`SqlConnection::from(SqliteConnector::open(…)?)`).
pub struct SqlConnection(Box<dyn Calls + Send>);

/// The four calls, as [`Connector`] documents them.
impl std::ops::Deref for SqlConnection {
    type Target = dyn Calls + Send;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl<B: Backend> From<Connector<B>> for SqlConnection {
    fn from(connector: Connector<B>) -> Self {
        SqlConnection(Box::new(connector))
    }
}

/// The calls of a connector whose backend is erased; a method of a trait
/// object needs no import to be called.
pub trait Calls {
    fn list_tables(&self) -> Result<Vec<TableRef>, Refusal>;
    fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal>;
    fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal>;
    fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal>;
    fn sample(
        &self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
        budget: &mut Budget,
    ) -> Result<Vec<Row>, Refusal>;
}

impl<B: Backend> Calls for Connector<B> {
    fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        Connector::list_tables(self)
    }

    fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal> {
        Connector::view_sources(self)
    }

    fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        Connector::list_columns(self, table)
    }

    fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        Connector::row_count_estimate(self, table)
    }

    fn sample(
        &self,
        table: &TableRef,
        columns: &[String],
        limit: u32,
        budget: &mut Budget,
    ) -> Result<Vec<Row>, Refusal> {
        Connector::sample(self, table, columns, limit, budget)
    }
}
