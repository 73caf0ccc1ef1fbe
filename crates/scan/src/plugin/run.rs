//! One run of a plugin: a fresh store with the run's limits, an instance
//! from the pre-instantiated component, one call, and the outcome read back
//! from the store whatever happened.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::component::ResourceTable;
use wasmtime::{Engine, ResourceLimiter, Store, Trap, UpdateDeadline};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use super::bindings::ScannerPre;
use super::bindings::types::ScanError;
use super::cpu::CpuMeter;
use super::finding::{
    ClaimedSummary, Finding, LogLine, OperatorNotes, Refusals, ScanFailure, ScanResult, Summary,
};
use super::granted::{self, Capabilities, Grants, Vocabulary};
use super::guard::{Guard, SharedGuard};
use super::limits::{self, Footprint, Part};
use super::{Info, Limits, Plugin, config, root_cause};
use ropa_connect::Budget;

/// How much stdout/stderr of a plugin is kept (a panic message, say).
const CAPTURED_OUTPUT: usize = 64 << 10;
/// What one guest-to-host call may copy out of the plugin's memory.
const HOSTCALL_BYTES: usize = 1 << 20;
/// Detectors a plugin may declare.
const MAX_DETECTORS: usize = 256;
/// Time `describe` may take.
const DESCRIBE_TIME: Duration = Duration::from_secs(5);

/// A scan's progress, as the plugin reports it.
#[derive(Debug, Clone)]
pub struct Progress {
    pub done: u64,
    pub total: Option<u64>,
    pub step: String,
}

/// One run: which system, what it is, how it is configured, what the plugin
/// may touch and how much.
pub struct ScanRequest<'a> {
    /// The system's id, for messages.
    pub system: String,
    /// The kind passed to `scan` (`sqlite`, `postgresql`, `files`, `http-json`).
    pub kind: String,
    pub config: &'a serde_json::Map<String, serde_json::Value>,
    pub grants: Grants,
    /// Kinds of personal data the register's categories declare beyond
    /// the DPV vocabulary: a finding may report them too.
    pub kinds: Vec<String>,
    pub limits: Limits,
    pub progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
}

/// What a store holds while a plugin runs.
pub struct RunState {
    wasi: WasiCtx,
    table: ResourceTable,
    stderr: MemoryOutputPipe,
    pub(super) caps: Capabilities,
    pub(super) budget: Budget,
    pub(super) guard: SharedGuard,
    pub(super) limits: Limits,
    pub(super) findings: Vec<Finding>,
    /// Findings reported again (same place and kind) and ignored.
    pub(super) repeats: u64,
    pub(super) refused: Refusals,
    /// Capabilities the plugin called that the system does not grant.
    pub(super) asked_ungranted: BTreeSet<&'static str>,
    /// The capabilities the plugin declared in `describe`, for messages.
    declared: Vec<String>,
    /// Calls made after a limit was reached; past a margin the plugin is
    /// stopped rather than answered forever.
    pub(super) calls_after_limit: u64,
    /// Whether a call was answered `limit-exceeded`: the scan is then
    /// incomplete, whatever the plugin says.
    pub(super) limit_reached: bool,
    pub(super) log: Vec<LogLine>,
    pub(super) log_dropped: u64,
    /// Bytes the host holds for findings and log lines.
    pub(super) held: usize,
    /// Host-side bytes last counted in the footprint.
    pub(super) host_charged: usize,
    pub(super) progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    /// CPU time used so far, against `limits.cpu`.
    cpu: CpuMeter,
    /// Memories, tables and host-side state, against `limits.memory_bytes`.
    footprint: Footprint,
    pub(super) exhausted: Option<ScanFailure>,
}

impl WasiView for RunState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// Core instances a plugin may create. A component built by rustc for
/// wasm32-wasip2 instantiates 3 (the program, the WASI adapter, a small
/// module for indirect calls; a test holds the bundled plugins to these
/// counts); 16 leaves room for a component composed of a few such.
const INSTANCES: usize = 16;
/// Linear memories a plugin may define: rustc's components define 1 (the
/// adapter uses the program's); a composed component, one per part. Each
/// reserves address space (not memory) of its own; what they hold together
/// is bounded by the memory limit.
const MEMORIES: usize = 4;
/// Tables a plugin may define: rustc's components define 2.
const TABLES: usize = 8;
/// WASI resources (streams, pollables, …) a plugin may hold at once, each a
/// small object on the host's heap; Rust's standard library holds a handful.
const WASI_RESOURCES: usize = 4096;

impl ResourceLimiter for RunState {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        // A growth past the memory's own maximum fails anyway: it is no
        // attempt on the host's memory and is not counted.
        if maximum.is_some_and(|max| desired > max) {
            return Ok(false);
        }
        // A memory's initial size arrives as a growth from 0.
        Ok(self.grow(Part::Memory, desired.saturating_sub(current)))
    }

    fn memory_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.footprint.undo(Part::Memory);
        Ok(())
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if maximum.is_some_and(|max| desired > max) {
            return Ok(false);
        }
        let elements = desired.saturating_sub(current);
        Ok(self.grow(
            Part::Table,
            elements.saturating_mul(limits::TABLE_ELEMENT_BYTES),
        ))
    }

    fn table_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.footprint.undo(Part::Table);
        Ok(())
    }

    fn instances(&self) -> usize {
        INSTANCES
    }

    fn tables(&self) -> usize {
        TABLES
    }

    fn memories(&self) -> usize {
        MEMORIES
    }
}

impl RunState {
    fn new(
        caps: Capabilities,
        limits: Limits,
        progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    ) -> RunState {
        let stderr = MemoryOutputPipe::new(CAPTURED_OUTPUT);
        // Nothing of the machine: no preopened directories, no environment,
        // no arguments, no network; stdout is kept but never shown, stderr
        // is kept for the error message of a crash.
        let wasi = WasiCtxBuilder::new()
            .stdout(MemoryOutputPipe::new(CAPTURED_OUTPUT))
            .stderr(stderr.clone())
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        let mut table = ResourceTable::new();
        table.set_max_capacity(WASI_RESOURCES);
        RunState {
            wasi,
            table,
            stderr,
            caps,
            budget: Budget::new(limits.rows, limits.bytes, limits.time),
            guard: SharedGuard::default(),
            limits,
            findings: Vec::new(),
            repeats: 0,
            refused: Refusals::default(),
            asked_ungranted: BTreeSet::new(),
            declared: Vec::new(),
            calls_after_limit: 0,
            limit_reached: false,
            log: Vec::new(),
            log_dropped: 0,
            held: 0,
            host_charged: 0,
            progress,
            // Started where the run is built: on the thread that runs it.
            cpu: CpuMeter::start(),
            footprint: Footprint::default(),
            exhausted: None,
        }
    }

    /// Which capabilities the plugin was refused, against what the system
    /// grants and what it declared.
    fn not_granted_reason(&self) -> String {
        granted::not_granted(&self.asked_ungranted, &self.caps.grants, &self.declared)
    }

    /// Whether the run met one of its limits.
    fn hit_limit(&self) -> bool {
        self.limit_reached || self.budget.rows_left() == 0 || self.budget.bytes_left() == 0
    }

    /// Counts `bytes` of host-side state the plugin caused (what the host
    /// keeps because of its calls) against the plugin's memory limit, which
    /// its memories and tables share. Over the limit, the run fails with
    /// kind `memory-limit`: the error returned here, passed on by a host
    /// function (`?`), stops the plugin.
    pub(super) fn charge_host(&mut self, bytes: usize) -> wasmtime::Result<()> {
        if self.grow(Part::Host, bytes) {
            return Ok(());
        }
        Err(wasmtime::Error::msg("memory limit reached"))
    }

    /// Host-side state counted by [`RunState::charge_host`] was freed.
    pub(super) fn release_host(&mut self, bytes: usize) {
        self.footprint.release_host(bytes);
    }

    /// Counts a growth against the memory limit; over it, records the
    /// failure (the first one wins) and refuses.
    fn grow(&mut self, part: Part, bytes: usize) -> bool {
        if self.footprint.grow(part, bytes, self.limits.memory_bytes) {
            return true;
        }
        let what = match part {
            Part::Memory => "grow its memory",
            Part::Table => "grow a table",
            Part::Host => "make the host keep more state",
        };
        let failure = ScanFailure::new(
            "memory-limit",
            format!(
                "the plugin tried to {what} past its memory limit of {} MiB (scan.limits.memory_mib), which counts all its memories and tables and what the host keeps for it; {} MiB were in use",
                self.limits.memory_bytes >> 20,
                self.footprint.total() >> 20,
            ),
        );
        self.exhausted.get_or_insert(failure);
        false
    }

    /// What the plugin wrote to stderr before it died: a panic's message
    /// and where it panicked, else its last line.
    fn last_words(&self) -> Option<String> {
        let bytes = self.stderr.contents();
        let line = crash_message(&String::from_utf8_lossy(&bytes))?;
        let line = super::guard::truncate(&line, 400);
        // Shown to the operator only, and held to the same rule as a log
        // line.
        match self.guard.settled().check_free("stderr", &line) {
            Ok(()) => Some(line),
            Err(_) => Some("(withheld: it contained a value read from the system)".to_owned()),
        }
    }
}

/// A crash in a few words from what the plugin wrote to stderr: Rust's
/// panic handler writes `thread '…' panicked at src/lib.rs:12:5:` and then
/// the message (one line or more), then advice about backtraces; this gives
/// `the message (panicked at src/lib.rs:12:5)`. Other output: its last
/// line that is not that advice.
fn crash_message(stderr: &str) -> Option<String> {
    let advice = |l: &str| l.starts_with("note: run with `RUST_BACKTRACE");
    let lines: Vec<&str> = stderr.lines().collect();
    // `thread '<name>' (<id>) panicked at …:` (the id since Rust 1.91), or
    // `panicked at …:` alone.
    let location = |l: &str| {
        l.strip_prefix("panicked at ")
            .or_else(|| {
                l.starts_with("thread '")
                    .then(|| l.split_once(" panicked at ").map(|(_, loc)| loc))
                    .flatten()
            })
            .map(|loc| loc.trim().trim_end_matches(':').to_owned())
    };
    let panicked = lines.iter().rposition(|l| location(l).is_some());
    if let Some(at) = panicked {
        let location = location(lines[at]).unwrap_or_default();
        let message: Vec<&str> = lines[at + 1..]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty() && !advice(l))
            .collect();
        let message = if message.is_empty() {
            "a panic".to_owned()
        } else {
            message.join(" / ")
        };
        return Some(format!("{message} (panicked at {location})"));
    }
    lines
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !advice(l))
        .map(str::to_owned)
}

fn new_store(engine: &Engine, state: RunState) -> Store<RunState> {
    let mut store = Store::new(engine, state);
    store.limiter(|state| state);
    store.set_hostcall_fuel(HOSTCALL_BYTES);
    store.set_epoch_deadline(1);
    // Called on the thread running the guest at the first loop head or
    // function entry after each tick: where the CPU clock is read (see
    // `cpu`).
    store.epoch_deadline_callback(move |mut ctx| {
        let state = ctx.data_mut();
        let used = state.cpu.read();
        if used > state.limits.cpu {
            let failure = cpu_failure(state.limits.cpu);
            state.exhausted.get_or_insert(failure);
            return Err(wasmtime::Error::msg("CPU limit reached"));
        }
        // Yield at every tick so that the wall-clock timer can fire even
        // while the guest never calls the host.
        Ok(UpdateDeadline::Yield(1))
    });
    store
}

/// A kind of system as a plugin knows it, in the register's words: a
/// database is told to a plugin by its engine (`scan.grants.sql.engine`),
/// every other kind as the system's `kind` says it.
fn in_register_words(kind: &str) -> String {
    match kind {
        "sqlite" | "postgresql" => {
            format!("a \"database\" with scan.grants.sql.engine \"{kind}\"")
        }
        other => format!("\"{}\"", super::guard::truncate(other, 64)),
    }
}

/// The CPU limit, named as the register names it.
fn cpu_failure(limit: Duration) -> ScanFailure {
    ScanFailure::new(
        "cpu-limit",
        format!(
            "the plugin used more than its CPU limit of {} s of CPU time (scan.limits.cpu_seconds; time waiting for the system or for a free core does not count); it may be stuck in a loop",
            limit.as_secs_f64()
        ),
    )
}

/// The wall-clock limit, named as the register names it.
fn time_failure(limit: Duration) -> ScanFailure {
    ScanFailure::new(
        "time-limit",
        format!(
            "the scan did not finish within its wall-clock limit of {} s (scan.limits.time_seconds; time waiting for the system counts); the plugin was stopped",
            limit.as_secs_f64()
        ),
    )
}

thread_local! {
    /// One single-threaded executor per scanning thread, reused by its runs:
    /// building one costs more than a whole empty scan.
    static EXECUTOR: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a single-threaded tokio runtime can always be built");
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    EXECUTOR.with(|executor| executor.block_on(future))
}

/// Calls `describe` under tight limits and checks what comes back.
pub(super) fn describe(
    engine: &Engine,
    pre: &ScannerPre<RunState>,
    label: &str,
) -> Result<Info, String> {
    let limits = Limits {
        time: DESCRIBE_TIME,
        cpu: DESCRIBE_TIME,
        memory_bytes: 64 << 20,
        ..Limits::default()
    };
    let mut store = new_store(engine, RunState::new(Capabilities::none(), limits, None));
    let outcome = block_on(async {
        tokio::time::timeout(DESCRIBE_TIME, async {
            let instance = pre.instantiate_async(&mut store).await?;
            instance
                .ropa_scanner_plugin()
                .call_describe(&mut store)
                .await
        })
        .await
    });
    let info = match outcome {
        Err(_) => {
            return Err(format!(
                "describe did not answer within {} s",
                DESCRIBE_TIME.as_secs()
            ));
        }
        Ok(Err(err)) => {
            return Err(format!(
                "describe failed: {}",
                explain(&err, store.data()).0.reason
            ));
        }
        Ok(Ok(info)) => info,
    };
    let info = Info::from(info);
    check_info(&info).map_err(|e| format!("describe answered {e} (in {label})"))?;
    Ok(info)
}

fn check_info(info: &Info) -> Result<(), String> {
    let kebab = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !kebab(&info.name) {
        return Err(format!(
            "a name that is not 1 to 64 characters of a-z, 0-9 and '-': {:?}",
            super::guard::truncate(&info.name, 60)
        ));
    }
    if info.version.is_empty() || info.version.len() > 64 {
        return Err("a version that is empty or longer than 64 characters".to_owned());
    }
    if info.description.len() > 2000 {
        return Err(format!(
            "a description of {} bytes; at most 2000 are accepted",
            info.description.len()
        ));
    }
    if info.system_kinds.is_empty() || info.system_kinds.iter().any(|k| !kebab(k)) {
        return Err("system kinds that are missing or not kebab-case".to_owned());
    }
    if info.detectors.is_empty() || info.detectors.len() > MAX_DETECTORS {
        return Err(format!(
            "{} detectors; a plugin declares 1 to {MAX_DETECTORS}, the names its findings give as `detector`",
            info.detectors.len()
        ));
    }
    if let Some(bad) = info
        .detectors
        .iter()
        .find(|d| super::guard::check_detector(d).is_err())
    {
        return Err(format!(
            "a detector name {:?} that is not 1 to 64 characters of a-z, 0-9, '-', '+', '_' or '.'",
            super::guard::truncate(bad, 70)
        ));
    }
    for key in &info.config {
        if key.name.is_empty() || key.name.len() > 64 || key.description.len() > 1000 {
            return Err(format!(
                "a configuration key {:?} that is malformed",
                key.name
            ));
        }
    }
    Ok(())
}

/// Runs `scan` and collects everything, whatever happens.
pub(super) fn scan(engine: &Engine, plugin: &Plugin, request: ScanRequest<'_>) -> ScanResult {
    let started = Instant::now();
    let fail = |failure: ScanFailure| ScanResult {
        findings: Vec::new(),
        outcome: Err(failure),
        operator: OperatorNotes {
            elapsed: started.elapsed(),
            ..OperatorNotes::default()
        },
    };
    if !plugin.info.system_kinds.contains(&request.kind) {
        return fail(ScanFailure::new(
            "config",
            format!(
                "the plugin scans {} (the kinds it declared in describe), but this system is {}; give the system a plugin for its kind in scan.plugin, or correct its kind",
                plugin
                    .info
                    .system_kinds
                    .iter()
                    .map(|k| in_register_words(k))
                    .collect::<Vec<_>>()
                    .join(" or "),
                in_register_words(&request.kind)
            ),
        ));
    }
    let config = match config::entries(&plugin.info.config, request.config) {
        Ok(config) => config,
        Err(reason) => return fail(ScanFailure::new("config", reason)),
    };
    let limits = request.limits;
    let vocabulary = Vocabulary {
        detectors: plugin.info.detectors.clone(),
        kinds: request.kinds,
    };
    let caps = Capabilities::new(request.grants, vocabulary, request.config);
    let mut state = RunState::new(caps, limits, request.progress);
    state.declared = plugin.info.capabilities.clone();
    let mut store = new_store(engine, state);
    let kind = request.kind;
    let outcome = block_on(async {
        tokio::time::timeout(limits.time, async {
            let instance = plugin.pre.instantiate_async(&mut store).await?;
            instance
                .ropa_scanner_plugin()
                .call_scan(&mut store, &kind, &config)
                .await
        })
        .await
    });
    let mut plugin_said = None;
    let mut claimed = None;
    let outcome = match outcome {
        Err(_elapsed) => Err(time_failure(limits.time)),
        Ok(Err(err)) => {
            let (failure, said) = explain(&err, store.data());
            plugin_said = said;
            Err(failure)
        }
        Ok(Ok(Err(error))) => {
            let state = store.data();
            let (mut failure, said) = plugin_error(error, &state.guard.settled());
            if failure.kind == "capability" && !state.asked_ungranted.is_empty() {
                failure.reason = state.not_granted_reason();
            }
            plugin_said = said;
            Err(failure)
        }
        Ok(Ok(Ok(summary))) => {
            let state = store.data();
            claimed = Some(ClaimedSummary {
                findings_reported: summary.findings_reported,
                locations_examined: summary.locations_examined,
                values_sampled: summary.values_sampled,
                locations_skipped: summary.locations_skipped,
                truncated: summary.truncated,
            });
            Ok(Summary {
                findings: state.findings.len() as u64,
                truncated: summary.truncated || state.hit_limit(),
            })
        }
    };
    let not_granted =
        (!store.data().asked_ungranted.is_empty()).then(|| store.data().not_granted_reason());
    let mut state = store.into_data();
    // The last stretch, from the last tick to the end, on this thread.
    let cpu = state.cpu.read();
    let rows_read = limits.rows - state.budget.rows_left();
    let bytes_read = limits.bytes - state.budget.bytes_left();
    let mut log = state.log;
    if state.log_dropped > 0 {
        log.push(LogLine {
            level: "warn".to_owned(),
            text: format!(
                "{} further log lines were dropped (limit {})",
                state.log_dropped, limits.log_lines
            ),
        });
    }
    ScanResult {
        findings: state.findings,
        outcome,
        operator: OperatorNotes {
            elapsed: started.elapsed(),
            rows_read,
            bytes_read,
            refused: state.refused,
            cpu,
            not_granted,
            log,
            plugin_said,
            claimed,
        },
    }
}

/// A failed call, in the host's words, and what the plugin wrote to
/// stderr last (for the operator only).
fn explain(err: &wasmtime::Error, state: &RunState) -> (ScanFailure, Option<String>) {
    let said = state.last_words();
    if let Some(failure) = &state.exhausted {
        return (failure.clone(), said);
    }
    let failure = match err.downcast_ref::<Trap>() {
        Some(Trap::StackOverflow) => ScanFailure::new(
            "trap",
            "the plugin overflowed its stack (runaway recursion) and was stopped",
        ),
        Some(Trap::UnreachableCodeReached) => {
            ScanFailure::new("trap", "the plugin crashed: it hit a panic or an abort")
        }
        Some(trap) => ScanFailure::new("trap", format!("the plugin crashed: {trap}")),
        None => ScanFailure::new("trap", format!("the plugin failed: {}", root_cause(err))),
    };
    (failure, said)
}

/// A `scan-error`, in the host's words; the plugin's own message is for the
/// operator only.
fn plugin_error(error: ScanError, guard: &Guard) -> (ScanFailure, Option<String>) {
    let clip = |s: &str| {
        let s = super::guard::truncate(s, 500);
        match guard.check_free("the message", &s) {
            Ok(()) => s,
            Err(_) => "(withheld: it contained a value read from the system)".to_owned(),
        }
    };
    match error {
        ScanError::BadConfig(m) => (
            ScanFailure::new("config", "the plugin refused its configuration"),
            Some(clip(&m)),
        ),
        ScanError::UnsupportedKind(m) => (
            ScanFailure::new("config", "the plugin does not scan this kind of system"),
            Some(clip(&m)),
        ),
        ScanError::Capability(e) => (
            ScanFailure::new(
                "capability",
                format!(
                    "the scan ended on a capability error ({})",
                    granted::error_kind(&e)
                ),
            ),
            Some(clip(&granted::describe_error(&e))),
        ),
        ScanError::Failed(m) => (
            ScanFailure::new("plugin-error", "the plugin reported a failure"),
            Some(clip(&m)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmtime::wasmparser::{Instance, Parser, Payload};

    /// Core instantiations, and memories and tables defined by core
    /// modules, anywhere in a component (nested components included): an
    /// upper bound of what instantiating it creates when each module is
    /// instantiated at most once, as in the components rustc makes.
    fn counts(wasm: &[u8]) -> (usize, usize, usize) {
        let (mut instances, mut memories, mut tables) = (0, 0, 0);
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                Payload::MemorySection(r) => memories += r.count() as usize,
                Payload::TableSection(r) => tables += r.count() as usize,
                Payload::InstanceSection(r) => {
                    for instance in r {
                        if let Instance::Instantiate { .. } = instance.unwrap() {
                            instances += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        (instances, memories, tables)
    }

    #[test]
    fn a_panic_is_told_with_its_message_and_place() {
        let stderr = "\nthread '<unnamed>' (1) panicked at src/lib.rs:44:9:\nno table\nat all\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        assert_eq!(
            crash_message(stderr).as_deref(),
            Some("no table / at all (panicked at src/lib.rs:44:9)")
        );
        assert_eq!(
            crash_message("panicked at src/lib.rs:7:1:\nboom\n").as_deref(),
            Some("boom (panicked at src/lib.rs:7:1)")
        );
        assert_eq!(
            crash_message("starting\nout of luck\n").as_deref(),
            Some("out of luck")
        );
        assert_eq!(crash_message("\n  \n"), None);
    }

    #[test]
    fn the_bundled_plugins_fit_the_counts_of_the_limiter() {
        for plugin in crate::plugin::bundled::BUNDLED {
            let (instances, memories, tables) = counts(plugin.wasm);
            eprintln!(
                "{}: {instances} instances, {memories} memories, {tables} tables",
                plugin.name
            );
            assert!(
                instances <= INSTANCES,
                "{}: {instances} instances",
                plugin.name
            );
            assert!(memories <= MEMORIES, "{}: {memories} memories", plugin.name);
            assert!(tables <= TABLES, "{}: {tables} tables", plugin.name);
        }
    }
}
