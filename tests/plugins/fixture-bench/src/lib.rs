//! `fixture-bench`: the throughput benchmark's plugin. `scan` walks the granted
//! root and reads every regular file through `files.read` in 1 MiB chunks,
//! counting bytes. It detects nothing and reports nothing (the detector
//! benchmark lives in the SDK); `values-sampled` is the number of bytes read,
//! `locations-examined` the number of files read.

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::files::{self, EntryKind};
use ropa::scanner::types::{
    Capability, CapabilityError, ConfigEntry, PluginInfo, ScanError, ScanSummary,
};

struct Plugin;

export!(Plugin);

const CHUNK: u32 = 1 << 20;

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        PluginInfo {
            name: "fixture-bench".into(),
            version: "0.1.0".into(),
            description: "Benchmark fixture: reads every file under the root, reports nothing"
                .into(),
            system_kinds: vec!["files".into()],
            capabilities: vec![Capability::Files, Capability::Log],
            config: vec![],
            detectors: vec!["column-name".into()],
        }
    }

    fn scan(system_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        if system_kind != "files" {
            return Err(ScanError::UnsupportedKind(system_kind));
        }
        let mut summary = ScanSummary {
            findings_reported: 0,
            locations_examined: 0,
            values_sampled: 0,
            locations_skipped: 0,
            truncated: false,
        };
        let mut stack = vec![files::list_dir(".").map_err(ScanError::Capability)?];
        'walk: while let Some(entries) = stack.pop() {
            for entry in entries {
                let outcome = match entry.kind {
                    EntryKind::Directory => files::list_dir(&entry.path).map(|sub| stack.push(sub)),
                    EntryKind::File => read_all(&entry.path, entry.size, &mut summary),
                    EntryKind::Other => Ok(()),
                };
                match outcome {
                    Ok(()) => {}
                    Err(CapabilityError::LimitExceeded) => {
                        summary.truncated = true;
                        break 'walk;
                    }
                    Err(_) => summary.locations_skipped += 1,
                }
            }
        }
        Ok(summary)
    }
}

/// Reads one file to its end (an empty chunk, or `size` bytes as listed),
/// adding the bytes read to `values-sampled`.
fn read_all(path: &str, size: u64, summary: &mut ScanSummary) -> Result<(), CapabilityError> {
    let mut offset = 0u64;
    loop {
        let chunk = files::read(path, offset, CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        offset += chunk.len() as u64;
        summary.values_sampled += chunk.len() as u64;
        if offset >= size {
            break;
        }
    }
    summary.locations_examined += 1;
    Ok(())
}
