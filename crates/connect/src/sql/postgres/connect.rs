//! Connecting: the URL parsed (its password never repeated), TCP
//! keepalives, the session made read-only and independent of the server's
//! settings, and the client handed to a thread of its own.

use std::error::Error as _;
use std::str::FromStr;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{CancelToken, Config, NoTls};

use super::call::Job;
use super::errors::connect_failure;
use super::{ANSWER_GRACE, METADATA_GRACE, Postgres, millis, words};
use crate::Refusal;

/// A transaction left open this long (ropa stopped in the middle of a call)
/// is ended by the server.
const IDLE_IN_TRANSACTION: Duration = Duration::from_secs(60);

/// TCP keepalive: first probe after this much silence …
const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
/// … then one every this often, …
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(5);
/// … and the connection is dropped after this many unanswered.
const KEEPALIVE_RETRIES: u32 = 3;
/// Data sent and not acknowledged for this long drops the connection.
const TCP_USER_TIMEOUT: Duration = Duration::from_secs(30);

/// What a connection's thread hands back once connected.
struct Ready {
    version: u32,
    block_size: u64,
    cancel: CancelToken,
}

impl Postgres {
    /// See [`PostgresConnector::open`](super::PostgresConnector::open).
    pub(super) fn open(url: &str, schemas: &[String], timeout: Duration) -> Result<Self, Refusal> {
        let mut config = Config::from_str(url).map_err(|e| {
            // The parser's own words name an option at most, never a value;
            // anything else (a stray character) could be part of the password.
            let why = e
                .source()
                .map(|s| s.to_string())
                .filter(|s| {
                    s.starts_with("invalid value for option") || s.starts_with("unknown option")
                })
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            Refusal::Failed(format!("the PostgreSQL connection URL is not valid{why}"))
        })?;
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            // libpq's default: the local server's socket (Debian's directory, then /tmp).
            config.host_path("/var/run/postgresql");
            config.host_path("/tmp");
        }
        let shown = target(&config);
        if config.get_ssl_mode() == SslMode::Require {
            return Err(Refusal::Failed(format!(
                "cannot connect to the PostgreSQL server at {shown}: the URL asks for TLS \
                 (sslmode=require), which ropa does not support yet"
            )));
        }
        // Between a millisecond and what a server setting holds (24 days).
        let timeout = timeout.clamp(
            Duration::from_millis(1),
            Duration::from_millis(i32::MAX as u64),
        );
        config
            .connect_timeout(timeout)
            .keepalives(true)
            .keepalives_idle(KEEPALIVE_IDLE)
            .keepalives_interval(KEEPALIVE_INTERVAL)
            .keepalives_retries(KEEPALIVE_RETRIES)
            .tcp_user_timeout(TCP_USER_TIMEOUT)
            .application_name("ropa")
            // The server's notices (none expected) are not logged.
            .notice_callback(|_| {});
        let session = format!(
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; \
             SET default_transaction_read_only = on; \
             SET statement_timeout = {}; \
             SET lock_timeout = {}; \
             SET idle_in_transaction_session_timeout = {}; \
             SET DateStyle = 'ISO, YMD'; \
             SET TimeZone = 'UTC'; \
             SET IntervalStyle = 'postgres'; \
             SET bytea_output = 'hex'; \
             SET extra_float_digits = 1",
            millis(timeout.saturating_add(METADATA_GRACE)),
            millis(timeout),
            millis(IDLE_IN_TRANSACTION),
        );

        let (ready_tx, ready_rx) = mpsc::sync_channel::<Result<Ready, postgres::Error>>(1);
        let (jobs, job_rx) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("ropa-postgres".to_owned())
            .spawn(move || {
                let connected = config.connect(NoTls).and_then(|mut client| {
                    client.batch_execute(&session)?;
                    let version: String = client
                        .query_one(
                            "SELECT pg_catalog.current_setting('server_version_num')",
                            &[],
                        )?
                        .get(0);
                    let block_size: String = client
                        .query_one("SELECT pg_catalog.current_setting('block_size')", &[])?
                        .get(0);
                    let ready = Ready {
                        version: version.parse().unwrap_or(0),
                        block_size: block_size.parse().unwrap_or(8192),
                        cancel: client.cancel_token(),
                    };
                    Ok((client, ready))
                });
                match connected {
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                    Ok((mut client, ready)) => {
                        if ready_tx.send(Ok(ready)).is_err() {
                            return; // The caller gave up waiting.
                        }
                        while let Ok(job) = job_rx.recv() {
                            job(&mut client);
                        }
                    }
                }
            })
            .map_err(|e| {
                Refusal::Failed(format!(
                    "cannot start the PostgreSQL connection's thread: {e}"
                ))
            })?;

        let cannot = |why: String| {
            Refusal::Failed(format!(
                "cannot connect to the PostgreSQL server at {shown}: {why}"
            ))
        };
        let ready = match ready_rx.recv_timeout(timeout.saturating_add(ANSWER_GRACE)) {
            Ok(Ok(ready)) => ready,
            Ok(Err(e)) => return Err(cannot(connect_failure(&e, timeout))),
            Err(RecvTimeoutError::Timeout) => {
                return Err(cannot(format!(
                    "timed out after {} (the server did not answer)",
                    words(timeout)
                )));
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(cannot("the connection's thread stopped".to_owned()));
            }
        };
        Ok(Postgres {
            jobs,
            shown,
            schemas: schemas.to_vec(),
            timeout,
            version: ready.version,
            block_size: ready.block_size.max(1),
            cancel: ready.cancel,
            lost: AtomicBool::new(false),
        })
    }
}

/// The servers a configuration names, as `host:port`, for messages.
pub(super) fn target(config: &Config) -> String {
    let ports = config.get_ports();
    let port = |i: usize| ports.get(i).or(ports.first()).copied().unwrap_or(5432);
    let mut names: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| match host {
            Host::Tcp(name) if name.contains(':') => format!("[{name}]:{}", port(i)),
            Host::Tcp(name) => format!("{name}:{}", port(i)),
            #[cfg(unix)]
            Host::Unix(dir) => format!("{}:{}", dir.display(), port(i)),
        })
        .collect();
    if names.is_empty() {
        names = config
            .get_hostaddrs()
            .iter()
            .enumerate()
            .map(|(i, addr)| match addr {
                std::net::IpAddr::V6(a) => format!("[{a}]:{}", port(i)),
                std::net::IpAddr::V4(a) => format!("{a}:{}", port(i)),
            })
            .collect();
    }
    names.join(", ")
}
