//! Host bindings for the contract in `plugins/wit/scanner.wit`, generated at
//! compile time. Capability imports are `async` so that a slow system never
//! blocks the timer that enforces a plugin's wall-clock limit, and
//! `trappable` so that the host can end a plugin that keeps calling after
//! its budget is spent.

wasmtime::component::bindgen!({
    path: "../../plugins/wit",
    world: "scanner",
    imports: { default: async | trappable },
    exports: { default: async },
});

pub use self::ropa::scanner::{files, findings, http, log, sql, types};
