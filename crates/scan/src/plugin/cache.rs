//! Compiled components on disk, so that the second scan with a plugin does
//! not compile it again (compiling takes a few hundred milliseconds per
//! plugin; loading a compiled one, under a millisecond).
//!
//! An entry is keyed by the SHA-256 of the component's bytes, ropa's version
//! and wasmtime's compatibility hash (its version and compilation settings), so a changed
//! plugin, a new ropa or different settings never load stale code. Loading a
//! compiled component means running native code from that file: the
//! directory is created private to the user (0700), entries are written
//! atomically, and an entry that fails to load is compiled again and
//! replaced.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

/// Where compiled components are kept.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// How a component was obtained, for benchmarks and `--verbose` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Compiled,
    Cached,
}

impl Cache {
    /// `$ROPA_CACHE_DIR`, else `$XDG_CACHE_HOME/ropa/components`, else
    /// `~/.cache/ropa/components`; `None` when none can be found (then every
    /// run compiles).
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("ROPA_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(base.join("ropa").join("components"))
    }

    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The compiled component of that [`component_hash`], if the cache
    /// has it. A cached file is trusted native code: see the module's docs.
    pub fn get(&self, engine: &Engine, sha256: &str) -> Option<Component> {
        let path = self.path(engine, sha256);
        if !path.is_file() {
            return None;
        }
        // SAFETY: the file was written by `put` with the serialized code of
        // an engine with the same version and settings (both are in its
        // name), in a directory only this user can write; wasmtime checks
        // the header again and refuses a mismatch.
        unsafe { Component::deserialize_file(engine, &path) }.ok()
    }

    /// Keeps `code` (what `Engine::precompile_component` made of the
    /// component with that hash); a cache that cannot be written is not an
    /// error, the next run compiles again.
    pub fn put(&self, engine: &Engine, sha256: &str, code: &[u8]) {
        let path = self.path(engine, sha256);
        let _ = create_private_dir(&self.dir).and_then(|()| {
            ropa_register::atomic::write_atomically(&path, code).map_err(std::io::Error::other)
        });
    }

    fn path(&self, engine: &Engine, sha256: &str) -> PathBuf {
        self.dir.join(format!("{}.cwasm", key(engine, sha256)))
    }
}

fn key(engine: &Engine, sha256: &str) -> String {
    let mut settings = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut settings);
    let mut sha = Sha256::new();
    sha.update(sha256.as_bytes());
    // The compatibility hash covers wasmtime's version and settings.
    sha.update(env!("CARGO_PKG_VERSION").as_bytes());
    sha.update(settings.finish().to_le_bytes());
    let digest = sha.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a component's bytes, as lowercase hex: how findings name the
/// exact plugin build that produced them.
pub fn component_hash(wasm: &[u8]) -> String {
    Sha256::digest(wasm)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
