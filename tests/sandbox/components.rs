//! Hostile components written by the tests themselves, in WebAssembly text:
//! what rustc cannot easily make (many memories, big tables, a component
//! that compiles slowly, one over the size cap, one with resource types of
//! its own). The plugins implement the contract with hand-written core
//! code under the canonical ABI; `wit-component` wraps them with the
//! contract's types read from `plugins/wit`, so they pass the contract
//! check and the linker and reach the limiter at run time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{Scene, scan_with_env, sql_grant};
use crate::util::{run, test_plugin, workspace_root};

/// The contract these components are written against; the only place that
/// names its version.
const CONTRACT: &str = "ropa:scanner/plugin@0.2.0";

/// A WebAssembly page.
const PAGE: u32 = 64 << 10;

/// The limits of a victim system: 64 MiB of memory, time enough to touch it.
fn limits() -> Value {
    json!({ "time_seconds": 20, "cpu_seconds": 10, "memory_mib": 64 })
}

/// A plugin whose core module defines `extra_memories` memories besides its
/// own and whose `scan` runs `attack` (core instructions) and then answers
/// an empty summary. `describe` answers `name`, version 0.1.0, kind sqlite.
fn plugin(name: &str, extra_memories: usize, tables: &str, attack: &str) -> Vec<u8> {
    let memories: String = (1..=extra_memories)
        .map(|i| format!("(memory $m{i} 1)\n"))
        .collect();
    // The layout of `plugin-info` in memory (all of it 4-byte aligned):
    // name, version and description as (pointer, length), then the lists
    // system-kinds, capabilities, config and detectors as (pointer, length).
    let kind = "sqlite";
    let version = "0.1.0";
    let info = [
        (2048, name.len()),
        (2304, version.len()),
        (2304, version.len()),
        (1536, 1),
        (1600, 0),
        (1600, 0),
        (1664, 1),
    ];
    let info_bytes: String = info
        .iter()
        .flat_map(|&(ptr, len)| [ptr as u32, len as u32])
        .flat_map(u32::to_le_bytes)
        .map(|b| format!("\\{b:02x}"))
        .collect();
    let kind_ref: String = [2560u32, kind.len() as u32]
        .into_iter()
        .flat_map(u32::to_le_bytes)
        .map(|b| format!("\\{b:02x}"))
        .collect();
    let detector = "column-name";
    let detector_ref: String = [2816u32, detector.len() as u32]
        .into_iter()
        .flat_map(u32::to_le_bytes)
        .map(|b| format!("\\{b:02x}"))
        .collect();
    let wat = format!(
        r#"(module
  (memory (export "memory") 2)
  {memories}
  {tables}
  (global $heap (mut i32) (i32.const 65536))
  (data (i32.const 1024) "{info_bytes}")
  (data (i32.const 1536) "{kind_ref}")
  (data (i32.const 2048) "{name}")
  (data (i32.const 2304) "{version}")
  (data (i32.const 2560) "{kind}")
  (data (i32.const 1664) "{detector_ref}")
  (data (i32.const 2816) "{detector}")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $at i32)
    ;; A bump allocator on the second page: the host hands in a few words.
    (local.set $at
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $at) (local.get 3)))
    (if (i32.gt_u (global.get $heap) (i32.const 131072)) (then unreachable))
    (local.get $at))
  (func (export "{CONTRACT}#describe") (result i32)
    (i32.const 1024))
  (func (export "{CONTRACT}#scan") (param i32 i32 i32 i32) (result i32)
    {attack}
    ;; ok(scan-summary) with every count 0, at an 8-byte aligned place
    ;; that no data segment touches.
    (i32.const 4096)))"#
    );
    let mut module = wat::parse_str(&wat).expect("the test's WAT parses");
    let mut resolve = wit_parser::Resolve::default();
    let (package, _) = resolve
        .push_dir(workspace_root().join("plugins/wit"))
        .expect("plugins/wit parses");
    let world = resolve
        .select_world(&[package], Some("scanner"))
        .expect("the contract has the world scanner");
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
    )
    .expect("the contract's types embed");
    wit_component::ComponentEncoder::default()
        .validate(true)
        .module(&module)
        .expect("the module fits the contract")
        .encode()
        .expect("the component encodes")
}

/// Core instructions that grow `memory` by `pages` and write to every
/// page, so the memory is really used; a refused growth traps.
fn grow_memory(memory: &str, pages: u32) -> String {
    format!(
        "(if (i32.eq (memory.grow {memory} (i32.const {pages})) (i32.const -1)) (then unreachable))
         (memory.fill {memory} (i32.const {PAGE}) (i32.const 1) (i32.const {}))\n",
        (pages - 1) * PAGE
    )
}

/// Core instructions that grow table `table` by `elements`; a refused
/// growth traps.
fn grow_table(table: &str, elements: u32) -> String {
    format!(
        "(if (i32.eq (table.grow {table} (ref.null func) (i32.const {elements})) (i32.const -1)) (then unreachable))\n"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(format!("{name}.wasm"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Scans with the component (written to `<name>.wasm`) as the victim under
/// [`limits`]; the victim's error kind and reason, which names the file
/// when the plugin could not be loaded.
fn victim(component: &[u8], name: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, component);
    let scene = Scene::new(&path, sql_grant(), limits());
    let outcome = scan_with_env(&scene, &[]);
    assert_eq!(outcome.code, Some(1), "{}", outcome.text);
    let (kind, reason) = outcome.victim_error();
    if kind == "plugin" {
        assert!(reason.contains(&format!("{name}.wasm")), "{reason}");
    }
    (kind, reason)
}

#[test]
fn the_memory_limit_holds_for_all_memories_together() {
    // Three memories of 30 MiB each: every one under the 64 MiB limit, the
    // three together over it.
    let attack: String = (1..=3)
        .map(|i| grow_memory(&format!("$m{i}"), 480))
        .collect();
    let (kind, reason) = victim(&plugin("many-memories", 3, "", &attack), "many-memories");
    assert_eq!(kind, "memory-limit", "{reason}");
    assert!(reason.contains("memory limit of 64 MiB"), "{reason}");
}

#[test]
fn a_plugin_is_held_to_a_few_memories() {
    // The attack of issue 13: fourteen memories beside the plugin's own.
    let component = plugin("fifteen-memories", 14, "", "");
    let (kind, reason) = victim(&component, "fifteen-memories");
    assert_eq!(kind, "plugin", "{reason}");
    assert!(reason.contains("memory count too high"), "{reason}");
}

#[test]
fn tables_count_against_the_memory_limit() {
    // Five million elements: 80 MiB at 16 bytes each.
    let tables = "(table $t 1 funcref)";
    let (kind, reason) = victim(
        &plugin("big-table", 0, tables, &grow_table("$t", 5_000_000)),
        "big-table",
    );
    assert_eq!(kind, "memory-limit", "{reason}");
    assert!(reason.contains("grow a table"), "{reason}");
}

#[test]
fn memories_and_tables_share_one_limit() {
    // 40 MiB of memory and 32 MiB of table: each under 64 MiB, not both.
    let tables = "(table $t 1 funcref)";
    let attack = grow_memory("$m1", 640) + &grow_table("$t", 2_000_000);
    let (kind, reason) = victim(&plugin("memory-and-table", 1, tables, &attack), "mixed");
    assert_eq!(kind, "memory-limit", "{reason}");
    assert!(reason.contains("grow a table"), "{reason}");
}

#[test]
fn a_plugin_within_its_limit_runs() {
    // The same plugin with room to spare: the accounting refuses nothing
    // that fits (and so the tests above fail for the right reason).
    let tables = "(table $t 1 funcref)";
    let attack = grow_memory("$m1", 320) + &grow_table("$t", 1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "within",
        &plugin("within-limits", 1, tables, &attack),
    );
    let scene = Scene::new(&path, sql_grant(), limits());
    let outcome = scan_with_env(&scene, &[]);
    assert!(
        outcome.system("victim")["error"].is_null(),
        "{}",
        outcome.text
    );
}

#[test]
fn a_component_with_resource_types_of_its_own_is_refused() {
    // Handles of a guest-defined resource live in the host's memory: a
    // plugin could make millions of them outside its limit.
    let component = format!(
        r#"(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core module $m (import "" "new" (func (param i32) (result i32))))
  (core instance (instantiate $m (with "" (instance (export "new" (func $new))))))
  (instance $plugin)
  (export "{CONTRACT}" (instance $plugin)))"#
    );
    let component = wat::parse_str(component).unwrap();
    let (kind, reason) = victim(&component, "own-resource");
    assert_eq!(kind, "plugin", "{reason}");
    assert!(reason.contains("resource type of its own"), "{reason}");
}

#[test]
fn a_component_over_the_size_cap_is_refused_before_compiling() {
    // 17 MiB of a component's header and then nothing anyone would compile.
    let mut component = b"\0asm\x0d\0\x01\0".to_vec();
    component.resize(17 << 20, 0);
    let (kind, reason) = victim(&component, "huge");
    assert_eq!(kind, "plugin", "{reason}");
    assert!(reason.contains("huge.wasm"), "names the file: {reason}");
    assert!(
        reason.contains("is 17825792 bytes (17.0 MiB)")
            && reason.contains("at most 16777216 bytes (16.0 MiB)"),
        "names both sizes: {reason}"
    );
}

/// A component that is valid, small enough, and slow to compile: functions
/// that keep many values alive at once, which the register allocator pays
/// for. It exports the contract's name (so the contract check lets it
/// through to the compiler) but not its functions.
fn slow_to_compile() -> Vec<u8> {
    const FUNCTIONS: usize = 40;
    const LOCALS: usize = 400;
    const STEPS: usize = 6000;
    let mut body = String::new();
    for f in 0..FUNCTIONS {
        body.push_str("(func (export \"f");
        body.push_str(&f.to_string());
        body.push_str("\") (param i64) (result i64)");
        body.push_str(&format!("(local {})", "i64 ".repeat(LOCALS)));
        for s in 0..STEPS {
            let (a, b, c) = (
                1 + s % LOCALS,
                1 + (s * 7 + f) % LOCALS,
                1 + (s * 13) % LOCALS,
            );
            body.push_str(&format!(
                "(local.set {a} (i64.mul (i64.add (local.get {b}) (local.get 0)) (i64.xor (local.get {c}) (i64.const {s}))))"
            ));
        }
        body.push_str("(local.get 1)");
        for l in 2..=LOCALS {
            body.push_str(&format!("(local.get {l}) i64.xor "));
        }
        body.push_str(")\n");
    }
    let component = format!(
        r#"(component
  (core module $m {body})
  (core instance (instantiate $m))
  (instance $plugin)
  (export "{CONTRACT}" (instance $plugin)))"#
    );
    wat::parse_str(component).unwrap()
}

#[test]
fn a_component_slow_to_compile_is_stopped_at_the_compile_timeout() {
    const TIMEOUT: Duration = Duration::from_secs(2);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "slow-compile", &slow_to_compile());
    let scene = Scene::new(&path, sql_grant(), limits());
    // The compiler's files go under a directory of this test's own, so that
    // a compiler process left behind would be found by its arguments.
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let cache = dir.path().join("cache");
    let env = [
        ("TMPDIR", tmp.as_os_str()),
        ("ROPA_CACHE_DIR", cache.as_os_str()),
    ];
    // The well-behaved plugin is compiled now, without a tight timeout.
    let warm = run(
        dir.path(),
        [
            "plugin",
            "inspect",
            test_plugin("fixture-echo").to_str().unwrap(),
        ],
        &env,
    );
    warm.assert_code(0);

    let timeout = format!("{}", TIMEOUT.as_secs());
    let mut env = env.to_vec();
    env.push(("ROPA_COMPILE_TIMEOUT", timeout.as_ref()));
    let started = Instant::now();
    let outcome = scan_with_env(&scene, &env);
    let took = started.elapsed();
    let (kind, reason) = outcome.victim_error();
    assert_eq!(kind, "plugin", "{reason}");
    assert!(reason.contains("slow-compile.wasm"), "{reason}");
    assert!(
        reason.contains("did not compile within 2 s") && reason.contains("ROPA_COMPILE_TIMEOUT"),
        "{reason}"
    );
    assert!(
        took < TIMEOUT + Duration::from_secs(10),
        "the scan took {took:?}"
    );
    let left: Vec<String> = compiler_processes(&tmp);
    assert!(left.is_empty(), "compiler processes left: {left:?}");
}

/// Command lines of running processes that mention `dir`.
fn compiler_processes(dir: &Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
        .filter(|cmdline| cmdline.contains(&needle))
        .collect()
}
