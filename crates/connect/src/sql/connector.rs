//! The plugin-facing side of the `sql` capability, written once for every
//! engine: the arguments checked, the listing sorted, a sample sized by the
//! call's limit and the budget, and what it handed out taken from the
//! budget.

use super::taker::Taken;
use super::{Backend, ColumnInfo, Fail, Row, SAMPLE_ROWS_PER_CALL, Session, TableRef, Taker};
use crate::{Budget, Refusal, spent};

/// Read-only access to one database through a [`Backend`]; answers the
/// four calls of the `sql` capability.
pub struct Connector<B> {
    pub(crate) backend: B,
}

impl<B: Backend> Connector<B> {
    pub(crate) fn new(backend: B) -> Self {
        Connector { backend }
    }

    /// The tables and views a plugin may see, sorted (see the backend for
    /// which).
    pub fn list_tables(&self) -> Result<Vec<TableRef>, Refusal> {
        let mut tables = self.backend.list_tables()?;
        tables.sort();
        Ok(tables)
    }

    /// Each view with the tables it reads from, sorted (see the backend).
    pub fn view_sources(&self) -> Result<Vec<(TableRef, Vec<TableRef>)>, Refusal> {
        let mut views = self.backend.view_sources()?;
        for (_, sources) in &mut views {
            sources.sort();
            sources.dedup();
        }
        views.sort();
        Ok(views)
    }

    /// The columns of a table or view in declaration order, with the type
    /// as the engine writes it and whether they may hold NULL.
    pub fn list_columns(&self, table: &TableRef) -> Result<Vec<ColumnInfo>, Refusal> {
        check_name(table)?;
        self.backend.list_columns(table)
    }

    /// An estimate of the number of rows from what the engine knows
    /// cheaply; never a count. `None` when it knows nothing.
    pub fn row_count_estimate(&self, table: &TableRef) -> Result<Option<u64>, Refusal> {
        check_name(table)?;
        self.backend.row_count_estimate(table)
    }

    /// Up to `limit` rows (and at most [`SAMPLE_ROWS_PER_CALL`] and the rows
    /// left in the budget) of the given columns, in the order asked, as
    /// text (NULL as `None`), each value cut to
    /// [`CELL_BYTES_CAP`](super::CELL_BYTES_CAP) bytes.
    ///
    /// The rows are spread across the table and the same on every call for
    /// the same state of the table, in the order of their place in it. Rows
    /// and bytes handed out are taken from `budget`; when the bytes run out
    /// in the middle, the rows so far come back and the bytes are spent.
    /// `LimitExceeded` when the budget is spent before the call or the
    /// deadline passes during it; `Invalid` without columns; `NotFound` for
    /// a table or column that is not there.
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
        check_name(table)?;
        let request = Request {
            table: table.clone(),
            columns: columns.to_vec(),
            limit,
            rows_left: budget.rows_left(),
            bytes_left: budget.bytes_left(),
            deadline: budget.deadline(),
        };
        let taken = self
            .backend
            .sampling(request.deadline, move |session| request.run(session))?;
        settle(taken, budget)
    }
}

/// One `sample` call, owned, so that a backend may run it on a thread of
/// its own.
struct Request {
    table: TableRef,
    columns: Vec<String>,
    limit: u32,
    rows_left: u64,
    bytes_left: u64,
    deadline: std::time::Instant,
}

impl Request {
    /// The table and the columns first (a bad name is refused whatever the
    /// limit), then as many rows as the limit and the budget allow.
    fn run<S: Session>(self, session: &mut S) -> Result<Taken, Fail<S::Error>> {
        let table = session.resolve(&self.table)?;
        let columns = self
            .columns
            .iter()
            .map(|asked| session.column(&table, asked))
            .collect::<Result<Vec<_>, _>>()?;
        if self.limit == 0 {
            return Ok(Taken::default());
        }
        if self.rows_left == 0 {
            return Err(spent("rows").into());
        }
        if self.bytes_left == 0 {
            return Err(spent("bytes").into());
        }
        let n = u64::from(self.limit.min(SAMPLE_ROWS_PER_CALL)).min(self.rows_left) as usize;
        let mut taker = Taker::new(self.bytes_left, self.deadline);
        session.sample(&table, &columns, n, &mut taker)?;
        Ok(taker.finish())
    }
}

/// Takes what a sample handed out from the budget. A sample whose first row
/// was already more than the bytes left is refused, and the bytes spent.
fn settle(taken: Taken, budget: &mut Budget) -> Result<Vec<Row>, Refusal> {
    if taken.rows.is_empty() && taken.bytes_ran_out {
        budget.take_bytes(budget.bytes_left())?;
        return Err(spent("bytes"));
    }
    budget.take_rows(taken.rows.len() as u64)?;
    budget.take_bytes(taken.bytes)?;
    if taken.bytes_ran_out {
        budget.take_bytes(budget.bytes_left())?;
    }
    Ok(taken.rows)
}

/// A name with NUL in it can be no table's, and no engine's C interface
/// takes it.
fn check_name(table: &TableRef) -> Result<(), Refusal> {
    if table.name.contains('\0') || table.schema.as_deref().is_some_and(|s| s.contains('\0')) {
        return Err(Refusal::Invalid(format!(
            "table name `{table}` contains a NUL character"
        )));
    }
    Ok(())
}
