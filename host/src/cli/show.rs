//! How a scan's results are written for people: a finding as a line of a
//! table, a size in bytes, KiB, MiB or GiB. Shared by `scan`, `scans` and
//! `plugin run`.

use ropa_scan::plugin::Finding;

/// A finding as a line of a table whose place column is `width` wide:
/// place, kind, confidence, matches of values sampled, detector. Made safe
/// for a terminal.
pub(super) fn finding_line(f: &Finding, width: usize) -> String {
    let mut line = format!(
        "  {:width$}  {:24}  {:.1}  {:>5}/{:<5}  {}",
        f.location, f.category, f.confidence, f.matches, f.sampled, f.detector
    );
    if !f.view_of.is_empty() {
        line.push_str(&format!("  (a view of {})", f.view_of.join(", ")));
    }
    ropa::terminal::line(&line).into_owned()
}

/// A size for people: bytes, KiB, MiB or GiB.
pub(super) fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
