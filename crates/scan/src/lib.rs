//! `ropa scan`: every system with a scan configuration (or the chosen ones)
//! scanned by its plugin, in parallel, into one findings file.
//!
//! A system that cannot be scanned — its plugin fails to load, its database
//! is missing, its plugin misbehaves — is reported with its reason; the
//! others go on. Nothing here writes to the register.

pub mod gaps;
mod grants;
pub mod plugin;
pub mod report;
pub mod spool;
pub mod store;
pub mod trial;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::plugin::{Limits, Plugin, Runtime, Source};
use ropa_register::model::SystemFile;
use ropa_register::register::Register;

pub use grants::{open_grants, system_kind};
pub use report::{FindingsFile, PluginRef, SystemScan};
pub use spool::{Scan, Spooled};

/// What to scan and how.
pub struct Options<'a> {
    /// Only these systems (all with a scan configuration when empty).
    pub systems: Vec<String>,
    /// Run this plugin instead of each system's own.
    pub plugin: Option<&'a Path>,
    /// Systems scanned at once.
    pub jobs: usize,
    /// Called as systems start, progress and finish.
    pub events: Option<Arc<dyn Fn(Event) + Send + Sync>>,
}

/// What a progress display needs to know.
#[derive(Debug, Clone)]
pub enum Event {
    Started {
        system: String,
    },
    Progress {
        system: String,
        step: String,
        done: u64,
        total: Option<u64>,
    },
    Finished {
        system: String,
        ok: bool,
    },
}

/// Why nothing at all could be scanned.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("no system named {0:?} in the register")]
    UnknownSystem(String),
    #[error(
        "no system in the register has a scan configuration (`scan` in systems/<id>.json); nothing to scan"
    )]
    NothingToScan,
    #[error("the system {0:?} has no scan configuration (`scan` in systems/{0}.json)")]
    NotScannable(String),
    #[error("the plugin runtime could not start: {0}")]
    Runtime(String),
    #[error("cannot make a temporary file for the findings (in TMPDIR): {0}")]
    Spool(std::io::Error),
}

/// Scans; the findings wait in a temporary file as each system is done
/// (see [`spool`]), so memory holds the findings of the systems being
/// scanned, not of the whole scan.
pub fn scan(
    register: &Register,
    register_dir: &Path,
    options: &Options<'_>,
) -> Result<Scan, ScanError> {
    let chosen = choose(register, &options.systems, options.plugin.is_some())?;
    let runtime = Runtime::with_default_cache().map_err(|e| ScanError::Runtime(e.to_string()))?;
    let spool = spool::Spool::new().map_err(ScanError::Spool)?;
    let started = report::now_utc();

    // Each distinct plugin is loaded once; loading failures belong to the
    // systems that wanted the plugin.
    let mut plugins: BTreeMap<String, Result<Plugin, String>> = BTreeMap::new();
    for (_, system) in &chosen {
        let wanted = plugin_ref(system, options.plugin, register_dir);
        plugins
            .entry(wanted.clone())
            .or_insert_with(|| load(&runtime, &wanted).map_err(|e| e.to_string()));
    }

    // Kinds of personal data the register declares beyond the DPV
    // vocabulary: findings may name them too.
    let kinds: Vec<String> = register
        .categories
        .categories
        .iter()
        .flat_map(|c| c.dpv.iter().map(|id| id.as_str().to_owned()))
        .collect();
    let results: Mutex<Vec<Option<Spooled>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(chosen.len()).collect());
    let next = AtomicUsize::new(0);
    let jobs = options.jobs.clamp(1, chosen.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((id, system)) = chosen.get(i) else {
                        break;
                    };
                    let wanted = plugin_ref(system, options.plugin, register_dir);
                    let result = scan_one(
                        &runtime,
                        &plugins[&wanted],
                        (id.as_str(), *system),
                        &kinds,
                        register_dir,
                        options.events.clone(),
                    );
                    let kept = spool.keep(result);
                    results.lock().unwrap()[i] = Some(kept);
                }
            });
        }
    });
    let systems = results
        .into_inner()
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    Ok(Scan::new(started, register_dir, systems, spool))
}

fn choose<'r>(
    register: &'r Register,
    wanted: &[String],
    plugin_given: bool,
) -> Result<Vec<(String, &'r SystemFile)>, ScanError> {
    if wanted.is_empty() {
        let all: Vec<_> = register
            .systems
            .iter()
            .filter(|(_, s)| s.scan.is_some())
            .map(|(id, s)| (id.as_str().to_owned(), s))
            .collect();
        if all.is_empty() {
            return Err(ScanError::NothingToScan);
        }
        return Ok(all);
    }
    let mut chosen = Vec::new();
    for id in wanted {
        let (id, system) = register
            .systems
            .iter()
            .find(|(key, _)| key.as_str() == id)
            .ok_or_else(|| ScanError::UnknownSystem(id.clone()))?;
        if system.scan.is_none() && !plugin_given {
            return Err(ScanError::NotScannable(id.as_str().to_owned()));
        }
        if !chosen.iter().any(|(c, _): &(String, _)| c == id.as_str()) {
            chosen.push((id.as_str().to_owned(), system));
        }
    }
    Ok(chosen)
}

/// The plugin a system is scanned with: `--plugin` (relative to the
/// working directory), else its entry's (a bundled plugin's name, or a path
/// relative to the directory that holds the register).
fn plugin_ref(system: &SystemFile, given: Option<&Path>, register_dir: &Path) -> String {
    match (given, &system.scan) {
        (Some(path), _) => path.display().to_string(),
        (None, Some(scan)) if plugin::bundled::find(&scan.plugin).is_some() => scan.plugin.clone(),
        (None, Some(scan)) => grants::base_dir(register_dir)
            .join(&scan.plugin)
            .display()
            .to_string(),
        (None, None) => String::new(),
    }
}

/// A bundled plugin by name, else a `.wasm` file by path.
pub fn load(runtime: &Runtime, wanted: &str) -> Result<Plugin, plugin::LoadError> {
    match plugin::bundled::find(wanted) {
        Some(bundled) => runtime.load(Source::Bundled(bundled)),
        None if wanted.ends_with(".wasm") || wanted.contains('/') => {
            runtime.load(Source::File(wanted.into()))
        }
        None => Err(plugin::LoadError {
            plugin: wanted.to_owned(),
            reason: format!(
                "is neither a bundled plugin ({}) nor a path to a .wasm file",
                plugin::bundled::BUNDLED
                    .iter()
                    .map(|b| b.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

fn scan_one(
    runtime: &Runtime,
    plugin: &Result<Plugin, String>,
    (id, system): (&str, &SystemFile),
    kinds: &[String],
    register_dir: &Path,
    events: Option<Arc<dyn Fn(Event) + Send + Sync>>,
) -> SystemScan {
    let started = Instant::now();
    if let Some(events) = &events {
        events(Event::Started {
            system: id.to_owned(),
        });
    }
    let kind = system_kind(system);
    let result = match plugin {
        Err(reason) => SystemScan::failed(id, None, &kind, "plugin", reason.clone(), started),
        Ok(plugin) => match open_grants(system, register_dir) {
            Err(reason) => SystemScan::failed(
                id,
                Some(PluginRef::of(plugin)),
                &kind,
                "system",
                reason,
                started,
            ),
            Ok(grants) => {
                let views = views_of(&grants);
                let empty = serde_json::Map::new();
                let scan = system.scan.as_ref();
                let progress = events.clone().map(|events| {
                    let system = id.to_owned();
                    Arc::new(move |p: plugin::Progress| {
                        events(Event::Progress {
                            system: system.clone(),
                            step: p.step,
                            done: p.done,
                            total: p.total,
                        })
                    }) as Arc<dyn Fn(plugin::Progress) + Send + Sync>
                });
                let request = plugin::ScanRequest {
                    system: id.to_owned(),
                    kind: kind.clone(),
                    config: scan.map_or(&empty, |s| &s.config),
                    grants,
                    kinds: kinds.to_vec(),
                    limits: Limits::with_overrides(scan.and_then(|s| s.limits.as_ref())),
                    progress,
                };
                let mut scan =
                    SystemScan::from_result(id, plugin, &kind, runtime.scan(plugin, request));
                mark_views(&mut scan.findings, &views);
                scan
            }
        },
    };
    if let Some(events) = &events {
        events(Event::Finished {
            system: id.to_owned(),
            ok: result.error.is_none(),
        });
    }
    result
}

/// Each view of a granted database, as the location prefix of its
/// columns (`schema.view.`), with the tables it reads. Asked by the host
/// before the run, so a plugin cannot change the answer; a database that
/// cannot say gives none (its views are then reported like tables).
fn views_of(grants: &plugin::Grants) -> Vec<(String, Vec<String>)> {
    let Some(sql) = &grants.sql else {
        return Vec::new();
    };
    sql.view_sources()
        .map(|views| {
            views
                .into_iter()
                .map(|(view, sources)| {
                    (
                        format!("{view}."),
                        sources.iter().map(ToString::to_string).collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Marks each finding on a view's column with the tables the view reads.
fn mark_views(findings: &mut [plugin::Finding], views: &[(String, Vec<String>)]) {
    for finding in findings {
        if let Some((_, sources)) = views
            .iter()
            .find(|(prefix, _)| finding.location.starts_with(prefix.as_str()))
        {
            finding.view_of = sources.clone();
        }
    }
}

/// The schema of a findings file (`ropa scan -o`), self-contained; not a
/// register file, so not among the register's schemas.
pub const FINDINGS_SCHEMA: &str = "findings.schema.json";

/// The schema of a gap report (`ropa gaps --format json`), self-contained.
pub const GAPS_SCHEMA: &str = "gaps.schema.json";

/// Generates the schemas of the files scanning writes: `(file name, text)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    use schemars::{SchemaGenerator, generate::SchemaSettings};
    let findings = SchemaGenerator::new(SchemaSettings::draft2020_12())
        .into_root_schema_for::<FindingsFile>()
        .to_value();
    let gaps = SchemaGenerator::new(SchemaSettings::draft2020_12())
        .into_root_schema_for::<gaps::GapReport>()
        .to_value();
    vec![
        (FINDINGS_SCHEMA, ropa_register::schema::pretty(&findings)),
        (GAPS_SCHEMA, ropa_register::schema::pretty(&gaps)),
    ]
}

#[cfg(test)]
mod schema_tests {
    /// The committed findings and gaps schemas are what the types generate.
    #[test]
    fn schemas_are_current() {
        ropa_register::schema::assert_committed(&super::schemas());
    }
}
