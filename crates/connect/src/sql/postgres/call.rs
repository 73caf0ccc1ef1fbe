//! Every call is a job for the connection's thread, answered within its
//! time limit plus [`ANSWER_GRACE`] or the connection given up; the
//! read-only transactions the jobs run in, bounded by the server.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use postgres::{Client, NoTls, Transaction};

use super::{ANSWER_GRACE, Fail, METADATA_GRACE, Postgres, millis, words};
use crate::{Refusal, time_limit};

/// Work for the connection's thread.
pub(super) type Job = Box<dyn FnOnce(&mut Client) + Send>;

impl Postgres {
    /// The time limit of a call that reads no data.
    pub(super) fn metadata_limit(&self) -> Duration {
        self.timeout.saturating_add(METADATA_GRACE)
    }

    /// Run a catalogue call in a read-only transaction with the catalogue's
    /// search_path, under the connector's own time limit.
    pub(super) fn metadata<R: Send + 'static>(
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
    pub(super) fn call<R: Send + 'static>(
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
            Ok(Err(Fail::Backend(e))) => Err(self.describe(&e, on_timeout)),
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
}

/// `BEGIN READ ONLY` with the statement timeout at the time left before
/// `deadline`.
pub(super) fn read_only(client: &mut Client, deadline: Instant) -> Result<Transaction<'_>, Fail> {
    let mut tx = client.build_transaction().read_only(true).start()?;
    limit_statements(&mut tx, deadline)?;
    Ok(tx)
}

/// Set the transaction's statement timeout to the time left before
/// `deadline`; the time limit when none is left (0 would mean "none").
pub(super) fn limit_statements(tx: &mut Transaction<'_>, deadline: Instant) -> Result<(), Fail> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(time_limit().into());
    }
    tx.batch_execute(&format!("SET LOCAL statement_timeout = {}", millis(left)))?;
    Ok(())
}

#[cfg(test)]
impl crate::sql::Connector<Postgres> {
    /// Run raw SQL on the session, outside any transaction of the
    /// connector's: for tests that prove what the session allows.
    pub(super) fn raw(&self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Refusal> {
        let sql = sql.to_owned();
        let stop = || Refusal::Failed("timed out".to_owned());
        let backend = &self.backend;
        backend.call(backend.metadata_limit(), &stop, move |client| {
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
