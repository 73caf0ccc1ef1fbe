//! Every call under a time limit: a timer thread interrupts the connection
//! when the limit passes, and the interrupted query's error becomes the
//! refusal the call gives for it.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rusqlite::{ErrorCode, InterruptHandle};

use super::{Fail, Sqlite};
use crate::Refusal;

/// How much longer than the lock timeout a call that reads no data may run.
const METADATA_GRACE: Duration = Duration::from_secs(1);

impl Sqlite {
    /// Run a call that reads no data under the connector's own time limit.
    pub(super) fn guarded_metadata<T>(
        &self,
        f: impl FnOnce() -> Result<T, Fail>,
    ) -> Result<T, Refusal> {
        let limit = self.busy_timeout.saturating_add(METADATA_GRACE);
        let too_long = || {
            Refusal::Failed(format!(
                "a query on database {} took longer than {} ms and was stopped",
                self.shown,
                limit.as_millis()
            ))
        };
        self.guarded_for(limit, too_long, f)
    }

    /// Run `f` while a timer thread interrupts the connection after
    /// `remaining`; a query stopped by it becomes `on_timeout()`. An
    /// interrupt that lands between two statements is lost (SQLite clears it
    /// when the next statement starts), so loops of short statements also
    /// check the deadline themselves.
    pub(super) fn guarded_for<T>(
        &self,
        remaining: Duration,
        on_timeout: impl FnOnce() -> Refusal,
        f: impl FnOnce() -> Result<T, Fail>,
    ) -> Result<T, Refusal> {
        let started = Instant::now();
        let watchdog = Watchdog::arm(self.conn.get_interrupt_handle(), remaining)?;
        let result = f();
        let fired = watchdog.disarm();
        result.map_err(|e| match e {
            Fail::Refused(r) => r,
            Fail::Backend(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) => {
                if fired || started.elapsed() >= remaining {
                    on_timeout()
                } else {
                    Refusal::Failed(format!(
                        "the query on database {} was interrupted by the host",
                        self.shown
                    ))
                }
            }
            Fail::Backend(e) => self.describe(e),
        })
    }
}

/// Interrupts a connection once a time is up, unless disarmed first.
struct Watchdog {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<bool>>,
}

impl Watchdog {
    fn arm(handle: InterruptHandle, after: Duration) -> Result<Self, Refusal> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::Builder::new()
            .name("ropa-sqlite-deadline".to_owned())
            .spawn(move || match stopped.recv_timeout(after) {
                Err(RecvTimeoutError::Timeout) => {
                    handle.interrupt();
                    true
                }
                _ => false,
            })
            .map_err(|e| Refusal::Failed(format!("cannot start the query timer: {e}")))?;
        Ok(Watchdog {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stop the timer; whether it had fired. After this returns, the timer
    /// thread has ended and cannot interrupt a later query.
    fn disarm(mut self) -> bool {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> bool {
        drop(self.stop.take());
        self.thread
            .take()
            .is_some_and(|t| t.join().unwrap_or(false))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}
