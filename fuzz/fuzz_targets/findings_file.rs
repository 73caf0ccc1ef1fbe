//! The findings reader: any bytes as a findings file, read by the function
//! `ropa gaps` and `ropa accept` use (`ropa_scan::store::parse`, which
//! `scan::store::read` calls with the file's bytes). It must return a
//! findings file or an error naming the place, never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = ropa_scan::store::parse(data, "fuzzed.json") {
        // What was read can be written back, as `ropa scan` writes it.
        serde_json::to_vec(&file).expect("a findings file read back serialises");
    }
});
