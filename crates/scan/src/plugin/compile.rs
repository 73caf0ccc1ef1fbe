//! Compiling a component to native code, bounded in size and in time.
//!
//! A component of a few megabytes can be made to compile for minutes, and
//! wasmtime cannot stop a compilation once it has started. So:
//!
//! - a component larger than [`MAX_COMPONENT_BYTES`] is refused before
//!   anything else is done with it;
//! - the `ropa` binary compiles in a child process, a copy of itself run
//!   with the hidden subcommand `internal-compile`, which is killed at the
//!   deadline ([`timeout`]); the child also ends itself at the deadline,
//!   should ropa be killed first. Nothing of the compilation outlives it.
//! - other users of the library (benchmarks, the library's own tests) have
//!   no such binary: they compile on a thread of their own and get their
//!   error at the deadline, but the thread, which cannot be stopped, runs on
//!   to its end in the background.
//!
//! Either way the result is the serialized native code
//! (`Engine::precompile_component`), which the caller loads and may keep in
//! the cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use wasmtime::Engine;

/// The largest component ropa compiles. The bundled plugins are about
/// 200 KiB; a plugin that embeds large word lists stays far below this.
pub const MAX_COMPONENT_BYTES: u64 = 16 << 20;
/// How long compiling one component may take, unless [`TIMEOUT_VAR`] says
/// otherwise. The bundled plugins compile in well under a second.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The environment variable that sets the compile timeout, in seconds.
pub const TIMEOUT_VAR: &str = "ROPA_COMPILE_TIMEOUT";
/// The hidden subcommand of the `ropa` binary that compiles in a child.
pub const SUBCOMMAND: &str = "internal-compile";

/// The executable to compile in, once the `ropa` binary has said it is one.
static CHILD_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Why a component was not compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error("is {size} bytes ({}); a plugin may be at most {MAX_COMPONENT_BYTES} bytes ({})", mib(*size), mib(MAX_COMPONENT_BYTES))]
    TooLarge { size: u64 },
    #[error(
        "did not compile within {} s and was abandoned (the limit is set by {TIMEOUT_VAR}); a plugin is not expected to take more than a few seconds",
        .0.as_secs_f64()
    )]
    Timeout(Duration),
    #[error("is not a valid WebAssembly component: {0}")]
    Invalid(String),
    #[error("could not be compiled: {0}")]
    Failed(String),
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

/// Makes this process compile in child processes running `exe`: called
/// once by the `ropa` binary, which has the hidden subcommand.
pub fn compile_in_child_processes(exe: PathBuf) {
    let _ = CHILD_EXE.set(exe);
}

/// The compile timeout: [`TIMEOUT_VAR`] in seconds (a decimal number), or
/// [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Result<Duration, String> {
    let Some(value) = std::env::var_os(TIMEOUT_VAR) else {
        return Ok(DEFAULT_TIMEOUT);
    };
    value
        .to_str()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            format!(
                "{TIMEOUT_VAR} is {value:?}, not a positive number of seconds",
                value = value.to_string_lossy()
            )
        })
}

/// Refuses a component over the size cap.
pub fn check_size(size: u64) -> Result<(), CompileError> {
    if size > MAX_COMPONENT_BYTES {
        return Err(CompileError::TooLarge { size });
    }
    Ok(())
}

/// Compiles `wasm` for `engine` within `timeout`: the serialized native
/// code.
pub(super) fn compile(
    engine: &Engine,
    wasm: &[u8],
    timeout: Duration,
) -> Result<Vec<u8>, CompileError> {
    check_size(wasm.len() as u64)?;
    match CHILD_EXE.get() {
        Some(exe) => in_child(exe, wasm, timeout),
        None => on_thread(engine, wasm, timeout),
    }
}

fn on_thread(engine: &Engine, wasm: &[u8], timeout: Duration) -> Result<Vec<u8>, CompileError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let engine = engine.clone();
    let wasm = wasm.to_vec();
    std::thread::Builder::new()
        .name("ropa-compile".to_owned())
        .spawn(move || {
            let result = engine
                .precompile_component(&wasm)
                .map_err(|e| CompileError::Invalid(super::root_cause(&e)));
            // The receiver is gone when the deadline passed first.
            let _ = tx.send(result);
        })
        .map_err(|e| CompileError::Failed(format!("no thread could be started: {e}")))?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(CompileError::Timeout(timeout)),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(CompileError::Failed(
            "the compiler stopped without an answer".to_owned(),
        )),
    }
}

fn in_child(exe: &Path, wasm: &[u8], timeout: Duration) -> Result<Vec<u8>, CompileError> {
    let failed = |what: &str, e: std::io::Error| CompileError::Failed(format!("{what}: {e}"));
    // The component goes to the child as a file rather than a pipe: no
    // thread to feed it, and no deadlock whatever the child does.
    let dir = tempfile::Builder::new()
        .prefix("ropa-compile-")
        .tempdir()
        .map_err(|e| failed("no temporary directory", e))?;
    let input = dir.path().join("component.wasm");
    let output = dir.path().join("component.cwasm");
    let errors = dir.path().join("stderr");
    std::fs::write(&input, wasm).map_err(|e| failed("cannot write the component", e))?;
    let stderr = std::fs::File::create(&errors).map_err(|e| failed("cannot write", e))?;
    // On Linux the kernel resolves /proc/self/exe to this very binary, even
    // if the file was replaced since it started: the child's code and
    // settings are ours.
    let program = if cfg!(target_os = "linux") && Path::new("/proc/self/exe").exists() {
        Path::new("/proc/self/exe")
    } else {
        exe
    };
    let mut child = Command::new(program)
        .arg(SUBCOMMAND)
        .arg("--deadline-ms")
        // A backstop should ropa be killed: the child ends itself a little
        // after the moment ropa would kill it.
        .arg((timeout + Duration::from_secs(1)).as_millis().to_string())
        .arg(&input)
        .arg(&output)
        .env_remove(TIMEOUT_VAR)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| failed("the compiler process could not be started", e))?;
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| failed("the compiler process was lost", e))?
        {
            break status;
        }
        if Instant::now() >= deadline {
            // Killed and reaped: nothing keeps compiling.
            let _ = child.kill();
            let _ = child.wait();
            return Err(CompileError::Timeout(timeout));
        }
        std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    match status.code() {
        Some(0) => std::fs::read(&output).map_err(|e| failed("cannot read the compiled code", e)),
        Some(EXIT_INVALID) => Err(CompileError::Invalid(child_message(&errors))),
        Some(EXIT_DEADLINE) => Err(CompileError::Timeout(timeout)),
        _ => Err(CompileError::Failed(format!(
            "the compiler process ended with {status}: {}",
            child_message(&errors)
        ))),
    }
}

/// The child's exit code for a component wasmtime refused.
const EXIT_INVALID: i32 = 3;
/// The child's exit code when it stopped itself at the deadline.
const EXIT_DEADLINE: i32 = 4;

fn child_message(path: &Path) -> String {
    let text = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    text.trim().chars().take(1000).collect()
}

/// The child's side (`ropa internal-compile`): compiles `input` into
/// `output` with the same engine settings as the parent, and ends itself
/// after `deadline` whatever happens. Returns the process's exit code.
pub fn child_main(input: &Path, output: &Path, deadline: Duration) -> i32 {
    std::thread::spawn(move || {
        std::thread::sleep(deadline);
        std::process::exit(EXIT_DEADLINE);
    });
    let run = || -> Result<(), (i32, String)> {
        let wasm = std::fs::read(input).map_err(|e| (1, format!("cannot read: {e}")))?;
        let engine = Engine::new(&super::engine_config()).map_err(|e| (1, e.to_string()))?;
        let code = engine
            .precompile_component(&wasm)
            .map_err(|e| (EXIT_INVALID, super::root_cause(&e)))?;
        std::fs::write(output, code).map_err(|e| (1, format!("cannot write: {e}")))
    };
    match run() {
        Ok(()) => 0,
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_named_in_bytes_and_mib() {
        assert!(check_size(MAX_COMPONENT_BYTES).is_ok());
        let err = check_size(MAX_COMPONENT_BYTES + 1).unwrap_err().to_string();
        assert_eq!(
            err,
            "is 16777217 bytes (16.0 MiB); a plugin may be at most 16777216 bytes (16.0 MiB)"
        );
    }
}
