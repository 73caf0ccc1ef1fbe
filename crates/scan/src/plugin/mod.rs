//! Scanner plugins: WebAssembly components run by wasmtime in a sandbox.
//!
//! A plugin sees nothing of the machine: no files, no environment, no
//! sockets, no register. What it may read of a system comes through the
//! capability imports of the contract (`plugins/wit/scanner.wit`), and only
//! those the system's entry grants; every run is bounded in time, CPU,
//! memory, findings, rows and bytes ([`Limits`]); what it hands back passes
//! the guard (the `guard` module) before it reaches a findings file.
//!
//! - [`Runtime`]: the engine, the linker and the compiled-component cache.
//! - [`Plugin`]: a loaded, pre-instantiated component and what it declares.
//! - [`Runtime::scan`]: one run of a plugin on one system.

mod bindings;
pub mod bundled;
pub mod cache;
mod capabilities;
pub mod compile;
pub mod config;
pub mod contract;
mod cpu;
pub mod finding;
mod granted;
mod guard;
pub mod inspect;
pub mod limits;
mod run;
mod structure;
pub mod template;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{Config, Engine};

pub use cache::{Cache, Origin};
pub use finding::{
    ClaimedSummary, Finding, LogLine, OperatorNotes, Refusals, ScanFailure, ScanResult, Summary,
};
pub use granted::{Grants, Vocabulary};
pub use guard::Guard;
pub use limits::Limits;
pub use run::{Progress, ScanRequest};

use bindings::{Scanner, ScannerPre, types::PluginInfo};
use run::RunState;

/// How often the epoch advances. Guest code checks it at loop heads and
/// function entries; at each tick the run's CPU clock is read against its
/// CPU limit (see `cpu`) and the timer of its wall-clock limit may fire.
const TICK: Duration = Duration::from_millis(10);
/// The guest's native stack; deep recursion traps here.
const WASM_STACK: usize = 1 << 20;

/// The engine, the linker with the contract and WASI, and the cache: made
/// once per `ropa` process, shared by every plugin and run.
pub struct Runtime {
    engine: Engine,
    linker: Arc<Linker<RunState>>,
    cache: Option<Cache>,
}

/// Where a plugin came from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Embedded in the `ropa` binary.
    Bundled(&'static bundled::Bundled),
    /// A `.wasm` file given by path.
    File(PathBuf),
}

impl Source {
    /// How error messages and findings name the plugin before it has
    /// described itself.
    pub fn label(&self) -> String {
        match self {
            Source::Bundled(b) => b.name.to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// A plugin ready to run: compiled, linked, pre-instantiated, described.
pub struct Plugin {
    pub source: Source,
    /// What `describe` answered.
    pub info: Info,
    /// SHA-256 of the component's bytes.
    pub hash: String,
    /// Whether it was compiled now or loaded from the cache.
    pub origin: Origin,
    pre: ScannerPre<RunState>,
}

/// What a plugin says about itself (`plugin.describe`), in host types.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Info {
    pub name: String,
    pub version: String,
    pub description: String,
    pub system_kinds: Vec<String>,
    pub capabilities: Vec<String>,
    pub config: Vec<config::Key>,
    /// The detectors the plugin's findings may name.
    pub detectors: Vec<String>,
}

/// Why a plugin could not be loaded; the message names the plugin.
#[derive(Debug, thiserror::Error)]
#[error("plugin {plugin}: {reason}")]
pub struct LoadError {
    pub plugin: String,
    pub reason: String,
}

impl Runtime {
    /// An engine for plugins, with the given cache (`None`: compile every
    /// time).
    pub fn new(cache: Option<Cache>) -> wasmtime::Result<Runtime> {
        let engine = Engine::new(&engine_config())?;
        start_ticker(&engine);

        let mut linker = Linker::<RunState>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        Scanner::add_to_linker::<RunState, HasSelf<RunState>>(&mut linker, |state| state)?;
        Ok(Runtime {
            engine,
            linker: Arc::new(linker),
            cache,
        })
    }

    /// A runtime with the default cache directory.
    pub fn with_default_cache() -> wasmtime::Result<Runtime> {
        Runtime::new(Cache::default_dir().map(Cache::new))
    }

    /// Compiles (or loads from the cache), checks the contract version,
    /// links and describes a plugin.
    pub fn load(&self, source: Source) -> Result<Plugin, LoadError> {
        let fail = |reason: String| LoadError {
            plugin: source.label(),
            reason,
        };
        let wasm: std::borrow::Cow<'static, [u8]> = match &source {
            Source::Bundled(b) => b.wasm.into(),
            Source::File(path) => read_component(path).map_err(fail)?.into(),
        };
        compile::check_size(wasm.len() as u64).map_err(|e| fail(e.to_string()))?;
        contract::check(&wasm).map_err(|e| fail(e.to_string()))?;
        let hash = cache::component_hash(&wasm);
        let cached = self
            .cache
            .as_ref()
            .and_then(|cache| cache.get(&self.engine, &hash));
        let (component, origin) = match cached {
            Some(component) => (component, Origin::Cached),
            None => (self.compile(&wasm, &hash).map_err(fail)?, Origin::Compiled),
        };
        let instance_pre = self
            .linker
            .instantiate_pre(&component)
            .map_err(|e| fail(format!("cannot be linked: {}", root_cause(&e))))?;
        let pre = ScannerPre::new(instance_pre).map_err(|e| {
            fail(format!(
                "does not export the scanner world: {}",
                root_cause(&e)
            ))
        })?;
        let info = run::describe(&self.engine, &pre, &source.label()).map_err(fail)?;
        Ok(Plugin {
            source,
            info,
            hash,
            origin,
            pre,
        })
    }

    /// Compiles a component within the size cap and the compile timeout
    /// (see [`compile`]) and keeps the code in the cache.
    fn compile(&self, wasm: &[u8], hash: &str) -> Result<Component, String> {
        let timeout = compile::timeout()?;
        let code = compile::compile(&self.engine, wasm, timeout).map_err(|e| e.to_string())?;
        // SAFETY: `code` was made just now by `Engine::precompile_component`
        // with this engine's settings, by this process or by a copy of its
        // own binary; wasmtime checks the header and refuses a mismatch.
        let component = unsafe { Component::deserialize(&self.engine, &code) }
            .map_err(|e| format!("could not be loaded after compiling: {}", root_cause(&e)))?;
        if let Some(cache) = &self.cache {
            cache.put(&self.engine, hash, &code);
        }
        Ok(component)
    }

    /// Runs `plugin` on one system. Never panics and never returns early on
    /// a misbehaving plugin: the outcome says what happened.
    pub fn scan(&self, plugin: &Plugin, request: ScanRequest) -> ScanResult {
        run::scan(&self.engine, plugin, request)
    }
}

/// Reads a plugin's file, refusing one over [`compile::MAX_COMPONENT_BYTES`]
/// before reading it (and should it grow while being read).
pub fn read_component(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("is not a file".to_owned());
    }
    compile::check_size(meta.len()).map_err(|e| e.to_string())?;
    let mut wasm = Vec::with_capacity(meta.len() as usize);
    file.take(compile::MAX_COMPONENT_BYTES + 1)
        .read_to_end(&mut wasm)
        .map_err(|e| format!("cannot be read: {e}"))?;
    compile::check_size(wasm.len() as u64).map_err(|e| e.to_string())?;
    Ok(wasm)
}

/// The engine's settings, the same for compiling (in this process or in a
/// child) and for running: the cache and the child's code depend on it.
fn engine_config() -> Config {
    let mut config = Config::new();
    config
        .wasm_component_model(true)
        .epoch_interruption(true)
        .max_wasm_stack(WASM_STACK)
        .async_stack_size(WASM_STACK + (1 << 20));
    config
}

/// The innermost message of an error chain: wasmtime's outer contexts
/// ("error while executing at wasm backtrace …") are for its developers.
pub(crate) fn root_cause(err: &wasmtime::Error) -> String {
    err.root_cause().to_string()
}

fn start_ticker(engine: &Engine) {
    let weak = engine.weak();
    std::thread::Builder::new()
        .name("ropa-plugin-clock".to_owned())
        .spawn(move || {
            while let Some(engine) = weak.upgrade() {
                engine.increment_epoch();
                drop(engine);
                std::thread::sleep(TICK);
            }
        })
        .expect("a thread can be started");
}

impl From<PluginInfo> for Info {
    fn from(info: PluginInfo) -> Info {
        Info {
            name: info.name,
            version: info.version,
            description: info.description,
            system_kinds: info.system_kinds,
            capabilities: info
                .capabilities
                .iter()
                .map(|c| granted::name(*c).to_owned())
                .collect(),
            config: info.config.into_iter().map(config::Key::from).collect(),
            detectors: info.detectors,
        }
    }
}
