//! `ropa gaps`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::ops::{self, EXIT_INVALID, EXIT_OK};
use ropa::terminal::line;
use ropa_scan::gaps::{Gap, GapKind, GapReport, Place};

use super::OutputFormat;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The findings file of a scan; the latest saved scan when absent.
    #[arg(long, value_name = "FILE")]
    findings: Option<PathBuf>,
    /// How to print the report.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Exit with 1 when there are gaps (for CI).
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let report = match ops::gaps::gaps(register_dir, args.findings.as_deref()) {
        Ok(report) => report,
        Err(err) => return Ok(super::fail(err)),
    };
    let mut out = std::io::BufWriter::new(super::output::stdout());
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        OutputFormat::Text => write!(out, "{}", text(&report))?,
    }
    out.flush()?;
    Ok(ExitCode::from(if args.check && !report.gaps.is_empty() {
        EXIT_INVALID
    } else {
        EXIT_OK
    }))
}

/// At most this many places are listed under one gap.
const PLACES_SHOWN: usize = 8;

/// The report for people: per system the gaps that need a person, then the
/// findings its inventory lacks as one table; last the register-wide gaps.
///
/// Every string from the findings file or the register goes through
/// [`line`]: a location or a detector named by a plugin could otherwise
/// carry escape sequences to the terminal.
fn text(report: &GapReport) -> String {
    let mut out = format!(
        "Scan {} (started {}) held against the register: {} system(s) judged.\n",
        line(&report.scan.id),
        line(&report.scan.started),
        report.scanned.len()
    );
    for skipped in &report.not_judged {
        out.push_str(&format!(
            "  {} not judged: {}\n",
            line(&skipped.system),
            line(&skipped.reason)
        ));
    }
    if report.gaps.is_empty() {
        out.push_str("\nNo gaps: the register declares everything this scan found.\n");
        return out;
    }
    let mut groups: Vec<(Option<&str>, Vec<&Gap>)> = Vec::new();
    for gap in &report.gaps {
        match groups.iter_mut().find(|(s, _)| *s == gap.system.as_deref()) {
            Some((_, gaps)) => gaps.push(gap),
            None => groups.push((gap.system.as_deref(), vec![gap])),
        }
    }
    // The register-wide gaps last: they read best after the systems.
    groups.sort_by_key(|(system, _)| (system.is_none(), system.map(str::to_owned)));
    for (system, gaps) in groups {
        match system {
            Some(system) => {
                let system = line(system);
                out.push_str(&format!("\n{system} (systems/{system}.json)\n"));
            }
            None => out.push_str("\nthe register as a whole\n"),
        }
        let (unrecorded, others): (Vec<&Gap>, Vec<&Gap>) = gaps
            .into_iter()
            .partition(|g| g.kind == GapKind::Unrecorded);
        for gap in others {
            out.push_str(&gap_text(gap));
        }
        if !unrecorded.is_empty() {
            out.push_str(&unrecorded_table(&unrecorded));
        }
    }
    let counts: Vec<String> = report
        .counts()
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.name()))
        .collect();
    out.push_str(&format!(
        "\n{} gap(s): {}.\nClose a gap with the change shown, or accept it: `ropa accept GAP-ID…`; `ropa accept --all` records every finding in the inventories.\n",
        report.gaps.len(),
        counts.join(", ")
    ));
    out
}

fn gap_text(gap: &Gap) -> String {
    let mut out = format!(
        "  {}  {}: {}\n",
        line(&gap.id),
        gap.kind.name(),
        line(&gap.message)
    );
    for place in gap.places.iter().take(PLACES_SHOWN) {
        out.push_str(&format!(
            "    found {} at {}{}\n",
            line(place.found.as_str()),
            line(&place.location),
            evidence(place)
        ));
    }
    if gap.places.len() > PLACES_SHOWN {
        out.push_str(&format!(
            "    … and {} more places (--format json lists all)\n",
            gap.places.len() - PLACES_SHOWN
        ));
    }
    out.push_str(&format!(
        "    change {} {}: {}\n",
        line(&gap.change.file),
        line(&gap.change.pointer),
        line(&gap.change.edit)
    ));
    if let Some(accept) = &gap.accept {
        out.push_str(&format!("    accept: {}\n", line(accept)));
    }
    out
}

/// Findings the inventory lacks, one line each: routine work for `accept`.
fn unrecorded_table(gaps: &[&Gap]) -> String {
    let mut out = format!(
        "  not in the inventory ({}; `ropa accept GAP-ID…` records them):\n",
        gaps.len()
    );
    let width = |f: fn(&Gap) -> usize| gaps.iter().map(|g| f(g)).max().unwrap_or(0);
    let location_width = width(|g| line(&g.places[0].location).chars().count());
    let found_width = width(|g| line(g.places[0].found.as_str()).chars().count());
    for gap in gaps {
        let place = &gap.places[0];
        let category = match &gap.category {
            Some(category) => format!("→ {}", line(category)),
            None => "→ category? (--category)".to_owned(),
        };
        out.push_str(&format!(
            "    {}  {:location_width$}  {:found_width$}  {category}{}\n",
            line(&gap.id),
            line(&place.location),
            line(place.found.as_str()),
            evidence(place)
        ));
    }
    out
}

fn evidence(place: &Place) -> String {
    place
        .evidence
        .as_ref()
        .map(|e| {
            format!(
                " ({} of {} sampled, confidence {:.2}, {})",
                e.matches,
                e.sampled,
                e.confidence,
                line(&e.detector)
            )
        })
        .unwrap_or_default()
}
