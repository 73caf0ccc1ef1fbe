//! Builds the bundled scanner plugins (`plugins/scanners`, a cargo workspace
//! of its own) for `wasm32-wasip2`, so that the `ropa` binary embeds them,
//! and lists the SDK's files so that `ropa plugin new` can carry a copy.
//!
//! The plugins are built by a nested `cargo build` into `<target>/plugins`,
//! a directory of their own: the outer build holds the lock of its profile
//! directory, and the plugins are always built in release mode whatever the
//! host's profile, so a debug and a release `ropa` share one plugin build.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Package names of the bundled plugins; the `.wasm` file is named after
/// the package with `_` for `-`.
const BUNDLED: [&str; 3] = ["database-scanner", "file-scanner", "json-api-scanner"];

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.join("../..").canonicalize().unwrap();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    for watched in ["plugins/scanners", "plugins/sdk", "plugins/wit"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo:rerun-if-env-changed=ROPA_PLUGIN_TARGET_DIR");

    let target_dir = plugin_target_dir(&out_dir);
    build_workspace(&root.join("plugins/scanners/Cargo.toml"), &target_dir);
    // Tell the tests where plugin builds go, so they build theirs alongside.
    println!(
        "cargo:rustc-env=ROPA_PLUGIN_TARGET_DIR={}",
        target_dir.display()
    );

    let mut bundled = String::from("pub static BUNDLED: &[Bundled] = &[\n");
    for name in BUNDLED {
        let file = format!("{}.wasm", name.replace('-', "_"));
        let built = target_dir.join("wasm32-wasip2/release").join(&file);
        let copy = out_dir.join(&file);
        std::fs::copy(&built, &copy).unwrap_or_else(|e| {
            panic!("the plugin build did not produce {}: {e}", built.display())
        });
        writeln!(
            bundled,
            "    Bundled {{ name: {name:?}, wasm: include_bytes!({:?}) }},",
            copy.display().to_string()
        )
        .unwrap();
    }
    bundled.push_str("];\n");
    std::fs::write(out_dir.join("bundled.rs"), bundled).unwrap();

    // The SDK and the law crate it depends on travel with `ropa plugin new`.
    let mut sdk = String::new();
    for (name, dir) in [("SDK_FILES", "plugins/sdk"), ("LAW_FILES", "crates/law")] {
        writeln!(sdk, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        for file in files_under(&dir) {
            let rel = file
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                sdk,
                "    ({rel:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        sdk.push_str("];\n");
    }
    std::fs::write(out_dir.join("sdk_files.rs"), sdk).unwrap();
}

/// `<target>/plugins`, where `<target>` is the outer build's target
/// directory (the ancestor of `OUT_DIR` that cargo marked with
/// `CACHEDIR.TAG`), unless `ROPA_PLUGIN_TARGET_DIR` says otherwise.
fn plugin_target_dir(out_dir: &Path) -> PathBuf {
    if let Some(dir) = env::var_os("ROPA_PLUGIN_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    out_dir
        .ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(|target| target.join("plugins"))
        .unwrap_or_else(|| out_dir.join("plugins"))
}

fn build_workspace(manifest: &Path, target_dir: &Path) {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip2",
            "--manifest-path",
        ])
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir);
    // The outer build's settings are for the host, not for the plugins.
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_RUSTFLAGS",
        "CARGO_PRIMARY_PACKAGE",
    ] {
        command.env_remove(var);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let hint =
            if stderr.contains("wasm32-wasip2") && stderr.contains("target may not be installed") {
                "\n\nThe wasm32-wasip2 target is missing: run `rustup target add wasm32-wasip2`."
            } else {
                ""
            };
        panic!(
            "building the bundled plugins ({}) failed:\n{stderr}{hint}",
            manifest.display()
        );
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
