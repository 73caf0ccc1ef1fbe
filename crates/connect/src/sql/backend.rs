//! What a database engine implements to serve the `sql` capability.
//!
//! A [`Backend`] is one open, read-only connection: it answers the calls
//! that read the catalogue itself, and runs a sample as a job on the
//! connection, stopped at the run's deadline. A [`Session`] is the
//! connection as that job sees it, in three steps the [`Connector`] calls in
//! order: find the table, find each asked column, read at most `n` rows into
//! a [`Taker`]. The order of the checks, the limits and what is taken from
//! the budget are the connector's, the same for every engine.
//!
//! [`Connector`]: super::Connector

use std::time::Instant;

use super::{ColumnInfo, TableRef, Taker};
use crate::Refusal;

/// One read-only connection to a database, as an engine makes it.
///
/// A backend never writes, never runs SQL a plugin wrote, and looks every
/// name a plugin gives up in its catalogue (with bound parameters) before
/// the name reaches SQL text. Its refusals say in plain words what happened
/// and never quote a value read from the database.
pub trait Backend: Send + 'static {
    /// The engine's own error, turned into a [`Refusal`] by the backend when
    /// the job is over (where it knows what a stopped query means).
    type Error;

    /// The connection as a sampling job sees it.
    type Session<'s>: Session<Error = Self::Error>;

    /// The tables and views a plugin may see, each with its schema where the
    /// engine has several; in any order (the connector sorts them).
    fn list_tables(&self) -> Result<Vec<TableRef>, Refusal>;

    /// Each view a plugin may see with the tables it reads from, as the
    /// engine records them; a view whose sources it cannot tell is left
    /// out. The host's own question, never a plugin's.
    fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal>;

    /// The columns of a table or view in declaration order.
    fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal>;

    /// An estimate of the number of rows, cheaply (statistics, never a
    /// count); `None` when the engine has none.
    fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal>;

    /// Runs `job` on the connection and stops it at `deadline`: a query
    /// stopped there makes the call `LimitExceeded` (the run's time is up);
    /// any other failure of the job becomes the refusal it describes.
    fn sampling<R: Send + 'static>(
        &self,
        deadline: Instant,
        job: impl for<'s> FnOnce(&mut Self::Session<'s>) -> Result<R, Fail<Self::Error>>
        + Send
        + 'static,
    ) -> Result<R, Refusal>;
}

/// The connection during one `sample` call.
pub trait Session {
    /// The engine's own error, as in [`Backend::Error`].
    type Error;

    /// A table or view found in the catalogue, with what sampling it needs.
    type Table;

    /// A row's place in the table (rowid, block and offset, …): the sample
    /// comes back in this order, and a row taken twice is seen by its key.
    type Key: Ord;

    /// Looks the table up in the catalogue: `NotFound` when there is no
    /// such table or view, `NotGranted` when it is outside what was granted.
    fn resolve(&mut self, table: &TableRef) -> Result<Self::Table, Fail<Self::Error>>;

    /// The position of the asked column among the table's, or why it cannot
    /// be read (`NotFound`, `NotGranted`); names compare as the engine
    /// compares them.
    fn column(&self, table: &Self::Table, asked: &str) -> Result<usize, Refusal>;

    /// Reads at most `n` rows of the columns at `columns` (positions, in the
    /// order asked, perhaps repeated) into `taker`, as text: spread across
    /// the table and the same on every call for the same state of the
    /// table. Stops when the taker refuses a row (the budget's bytes) or
    /// when `n` rows are taken.
    fn sample(
        &mut self,
        table: &Self::Table,
        columns: &[usize],
        n: usize,
        taker: &mut Taker<Self::Key>,
    ) -> Result<(), Fail<Self::Error>>;
}

/// A failure while a backend runs a call: the engine's own error (mapped by
/// the backend once the call is over, because what a stopped query means
/// depends on the call), or a refusal decided on the way.
#[derive(Debug)]
pub enum Fail<E> {
    Backend(E),
    Refused(Refusal),
}

impl<E> From<Refusal> for Fail<E> {
    fn from(r: Refusal) -> Self {
        Fail::Refused(r)
    }
}

/// An SQL identifier, quoted as the SQL standard quotes it: `"` around it
/// and every `"` inside doubled, so no name can end the identifier early.
/// SQLite and PostgreSQL both read it so; an engine that quotes otherwise
/// (MySQL's backticks) brings its own.
pub fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
