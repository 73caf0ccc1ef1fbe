//! The scanner plugins embedded in the `ropa` binary, built from
//! `plugins/scanners` by `host/build.rs`.

/// A bundled plugin: its package name and its component's bytes.
#[derive(Debug)]
pub struct Bundled {
    pub name: &'static str,
    pub wasm: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The bundled plugin of that name.
pub fn find(name: &str) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.name == name)
}

/// The SDK's files (`plugins/sdk`, relative paths and contents), for
/// `ropa plugin new`.
pub mod sdk {
    include!(concat!(env!("OUT_DIR"), "/sdk_files.rs"));
}

/// Where the build put the bundled plugins' own build (`<target>/plugins`),
/// so that tests build their plugins alongside and share its dependencies.
#[doc(hidden)]
pub const PLUGIN_TARGET_DIR: &str = env!("ROPA_PLUGIN_TARGET_DIR");
