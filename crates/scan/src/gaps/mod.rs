//! `ropa gaps`: a scan's findings held against the register. Is the register
//! true to what the systems hold? Each gap names the system, the place, what
//! was found, the register file to change and the edit that would close it.
//!
//! Findings map onto the register through the categories' DPV ids
//! (`categories.json`) and the systems' accepted inventories
//! (`systems/<id>.json`); an inventory entry linked to a category decides
//! where the register says the data belongs.

pub mod accept;
mod index;
mod suggest;

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::plugin::Finding;
use crate::{FindingsFile, SystemScan};
use ropa_register::model::{Id, InventoryEntry, Location, PdId, SystemFile};
use ropa_register::register::Register;

use index::Index;

/// `$schema` of a gap report: `schemas/gaps.schema.json`.
pub const SCHEMA: &str = "https://schemas.ropa.invalid/gaps.schema.json";

/// The inventory `source` of an entry the DPO entered by hand: data no
/// scanner sees, so a scan that misses it says nothing about it.
pub const MANUAL_SOURCE: &str = "manual";

/// What `ropa gaps` reports.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapReport {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The scan held against the register.
    pub scan: ScanRef,
    /// Systems whose findings were held against the register.
    pub scanned: Vec<String>,
    /// Systems of the scan that could not be judged, and why.
    pub not_judged: Vec<NotJudged>,
    pub gaps: Vec<Gap>,
}

/// Which scan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRef {
    pub id: String,
    pub started: String,
}

/// A system of the scan left out of the report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotJudged {
    pub system: String,
    pub reason: String,
}

/// One way the register and the scanned systems disagree.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// Stable while the facts stay the same: the same gap in a later scan
    /// has the same id. `ropa accept` takes it.
    #[schemars(regex(pattern = r"^gap-[0-9a-f]{10}$"))]
    pub id: String,
    pub kind: GapKind,
    /// The system concerned, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The register category concerned, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Id>,
    /// Where in the system, and what was found there.
    pub places: Vec<Place>,
    /// Countries outside the EEA (for `outside-eea`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Location>,
    /// What is wrong, in plain words.
    pub message: String,
    /// The edit that would close the gap.
    pub change: Change,
    /// What `ropa accept` does with this gap; absent when only a person can
    /// close it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// Found, of a kind a category covers, but not in the system's inventory.
    Unrecorded,
    /// Found, of a kind no category covers: the register (and the statement)
    /// do not declare it.
    Uncovered,
    /// A category found in a system that no activity using the system lists.
    CategoryNotListed,
    /// A system holding personal data that no activity names.
    SystemNotNamed,
    /// A category activities declare, never found in the systems they use.
    NeverFound,
    /// An inventory entry from an earlier scan that this scan did not find.
    NoLongerFound,
    /// Special-category data (Art. 9) the statement does not declare.
    SpecialCategory,
    /// Criminal-offence data (Art. 10) the statement does not declare.
    CriminalData,
    /// A national identification number (Art. 87) no category declares.
    NationalId,
    /// Data in a system outside the EEA where the statement says it is not.
    OutsideEea,
}

impl GapKind {
    /// The name used in reports and in `gaps.schema.json`.
    pub fn name(self) -> &'static str {
        match self {
            GapKind::Unrecorded => "unrecorded",
            GapKind::Uncovered => "uncovered",
            GapKind::CategoryNotListed => "category-not-listed",
            GapKind::SystemNotNamed => "system-not-named",
            GapKind::NeverFound => "never-found",
            GapKind::NoLongerFound => "no-longer-found",
            GapKind::SpecialCategory => "special-category",
            GapKind::CriminalData => "criminal-data",
            GapKind::NationalId => "national-id",
            GapKind::OutsideEea => "outside-eea",
        }
    }
}

/// A place in a system and the kind of personal data found there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub location: String,
    /// The DPV kind found, e.g. `pd:BankAccount`.
    pub found: PdId,
    /// How sure the scanner was, when this scan found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// What the scanner said about a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub confidence: f32,
    pub matches: u64,
    pub sampled: u64,
    pub detector: String,
}

/// Which register file to change, where, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Relative to the register directory, e.g. `systems/webshop.json`.
    pub file: String,
    /// JSON pointer of the place in that file.
    pub pointer: String,
    /// The suggested edit.
    pub edit: String,
}

impl GapReport {
    /// How many gaps of each kind, in kind order.
    pub fn counts(&self) -> Vec<(GapKind, usize)> {
        let mut counts: Vec<(GapKind, usize)> = Vec::new();
        for gap in &self.gaps {
            match counts.iter_mut().find(|(k, _)| *k == gap.kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((gap.kind, 1)),
            }
        }
        counts.sort();
        counts
    }
}

/// Holds `scan` against `register`.
pub fn find(register: &Register, scan: &FindingsFile) -> GapReport {
    let index = Index::new(register);
    let mut report = GapReport {
        schema: SCHEMA.to_owned(),
        scan: ScanRef {
            id: scan.id.clone(),
            started: scan.started.clone(),
        },
        scanned: Vec::new(),
        not_judged: Vec::new(),
        gaps: Vec::new(),
    };
    let mut systems: Vec<&SystemScan> = scan.systems.iter().collect();
    systems.sort_by(|a, b| a.system.cmp(&b.system));
    let mut work: Vec<Work<'_>> = Vec::new();
    for scanned in systems {
        let Some((id, system)) = register.systems.get_key_value(&Id(scanned.system.clone())) else {
            report.not_judged.push(NotJudged {
                system: scanned.system.clone(),
                reason: "not in the register (any more)".to_owned(),
            });
            continue;
        };
        if scanned.error.is_some() && scanned.findings.is_empty() {
            let reason = scanned
                .error
                .as_ref()
                .map(|e| format!("the scan failed: {}", e.reason))
                .unwrap_or_default();
            report.not_judged.push(NotJudged {
                system: scanned.system.clone(),
                reason,
            });
            continue;
        }
        report.scanned.push(scanned.system.clone());
        work.push((id, system, scanned));
    }
    let judged = judge_systems(&index, &work, &mut report.gaps);
    never_found(&index, &judged, &mut report.gaps);
    report
        .gaps
        .sort_by(|a, b| sort_key(a).cmp(&sort_key(b)).then_with(|| a.id.cmp(&b.id)));
    report
}

/// A system to judge: its id, its register entry, its part of the scan.
type Work<'a> = (&'a Id, &'a SystemFile, &'a SystemScan);

/// Judges the systems on all cores: each system's findings are independent
/// of the others'.
fn judge_systems<'a>(index: &Index<'a>, work: &[Work<'a>], gaps: &mut Vec<Gap>) -> Vec<Judged<'a>> {
    let parts = ropa_register::parallel::map_chunks(work, 8, |part| {
        let mut gaps = Vec::new();
        let judged: Vec<Judged<'a>> = part
            .iter()
            .map(|(id, system, scanned)| judge_system(index, id, system, scanned, &mut gaps))
            .collect();
        (gaps, judged)
    });
    let mut all = Vec::new();
    for (part_gaps, part_judged) in parts {
        gaps.extend(part_gaps);
        all.extend(part_judged);
    }
    all
}

/// Gaps in report order: by system, kind, place.
fn sort_key(gap: &Gap) -> (&str, GapKind, Option<(&str, &str)>, Option<&str>) {
    (
        gap.system.as_deref().unwrap_or(""),
        gap.kind,
        gap.places
            .first()
            .map(|p| (p.location.as_str(), p.found.as_str())),
        gap.category.as_ref().map(Id::as_str),
    )
}

/// What one system's findings showed, for the register-wide checks.
struct Judged<'a> {
    system: &'a Id,
    /// Complete: not failed part-way, not cut short by a limit.
    complete: bool,
    /// Categories the findings (or manual inventory entries) map to.
    categories: std::collections::HashSet<&'a Id>,
}

fn judge_system<'a>(
    index: &Index<'a>,
    id: &'a Id,
    system: &'a SystemFile,
    scanned: &SystemScan,
    gaps: &mut Vec<Gap>,
) -> Judged<'a> {
    let complete =
        scanned.error.is_none() && !scanned.summary.as_ref().is_some_and(|s| s.truncated);
    let mut judged = Judged {
        system: id,
        complete,
        categories: Default::default(),
    };
    let users = index.activities_using(id);
    let mut not_listed: std::collections::BTreeMap<&'a Id, Vec<Place>> = Default::default();
    let mut places: Vec<Place> = Vec::new();
    // Looked up once per finding: a scan can hold hundreds of thousands.
    let mut inventory: HashMap<(&str, &str), &InventoryEntry> = HashMap::new();
    for entry in &system.inventory {
        inventory
            .entry((entry.location.as_str(), entry.dpv.as_str()))
            .or_insert(entry);
    }
    // A view's column is no second place holding the data: it is left out
    // where a table it reads holds the same kind, found or recorded.
    let in_tables: std::collections::HashSet<(&str, &str)> = scanned
        .findings
        .iter()
        .filter(|f| f.view_of.is_empty())
        .map(|f| (f.location.as_str(), f.category.as_str()))
        .chain(
            system
                .inventory
                .iter()
                .map(|e| (e.location.as_str(), e.dpv.as_str())),
        )
        .filter_map(|(location, category)| Some((location.rsplit_once('.')?.0, category)))
        .collect();
    for finding in &scanned.findings {
        if finding
            .view_of
            .iter()
            .any(|table| in_tables.contains(&(table.as_str(), finding.category.as_str())))
        {
            continue;
        }
        let place = place_of(finding);
        let pd = place.found.as_str();
        let entry = inventory.get(&(finding.location.as_str(), pd)).copied();
        let covering = index.covering(pd);
        let mapped: Vec<&'a Id> = match entry.and_then(|e| e.category.as_ref()) {
            Some(category) => index.category_id(category).into_iter().collect(),
            None => covering.to_vec(),
        };
        judged.categories.extend(mapped.iter().copied());
        if covering.is_empty() {
            gaps.push(suggest::uncovered(index, id, &place, entry.is_some()));
        } else if entry.is_none() {
            gaps.push(suggest::unrecorded(index, id, &place));
        }
        if !users.is_empty()
            && !mapped.is_empty()
            && !mapped.iter().any(|c| index.listed_by_users(id, c))
        {
            not_listed.entry(mapped[0]).or_default().push(place.clone());
        }
        if let Some(kind) = ropa_law::dpv::special_category(pd)
            && !index.declares_special(kind)
        {
            gaps.push(suggest::special_category(index, id, &place, kind));
        }
        if ropa_law::dpv::is_criminal(pd) && !index.declares_criminal() {
            gaps.push(suggest::criminal(id, &place));
        }
        if ropa_law::dpv::is_national_id(pd) && !index.declares_national_id() {
            gaps.push(suggest::national_id(id, &place));
        }
        places.push(place);
    }
    for (category, places) in not_listed {
        gaps.push(suggest::category_not_listed(index, id, category, places));
    }
    for entry in &system.inventory {
        if entry.source == MANUAL_SOURCE
            && let Some(category) = entry.category.as_ref().and_then(|c| index.category_id(c))
        {
            judged.categories.insert(category);
        }
    }
    let holds_personal_data = !places.is_empty() || !system.inventory.is_empty();
    if holds_personal_data && users.is_empty() {
        gaps.push(suggest::system_not_named(
            index,
            id,
            &judged.categories,
            places.clone(),
        ));
    }
    let outside = index.undeclared_countries(system);
    if !places.is_empty() && !outside.is_empty() {
        gaps.push(suggest::outside_eea(index, id, system, outside, places));
    }
    if complete {
        let found: HashSet<(&str, &str)> = scanned
            .findings
            .iter()
            .map(|f| (f.location.as_str(), f.category.as_str()))
            .collect();
        for (i, entry) in system.inventory.iter().enumerate() {
            let found = found.contains(&(entry.location.as_str(), entry.dpv.as_str()));
            if !found && entry.source != MANUAL_SOURCE {
                gaps.push(suggest::no_longer_found(id, i, entry));
            }
        }
    }
    judged
}

/// Categories that activities declare but no completely scanned system they
/// use turned up.
fn never_found(index: &Index<'_>, judged: &[Judged<'_>], gaps: &mut Vec<Gap>) {
    for category in index.declared_categories() {
        let checked: Vec<&Judged<'_>> = judged
            .iter()
            .filter(|j| j.complete && index.listed_by_users(j.system, category))
            .collect();
        if checked.is_empty() || checked.iter().any(|j| j.categories.contains(category)) {
            continue;
        }
        let systems: Vec<&Id> = checked.iter().map(|j| j.system).collect();
        gaps.push(suggest::never_found(index, category, &systems));
    }
}

fn place_of(finding: &Finding) -> Place {
    Place {
        location: finding.location.clone(),
        found: PdId(finding.category.clone()),
        evidence: Some(Evidence {
            confidence: finding.confidence,
            matches: finding.matches,
            sampled: finding.sampled,
            detector: finding.detector.clone(),
        }),
    }
}

/// A gap's id: a hash of the facts that make it, so it survives rescans.
fn gap_id(kind: GapKind, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.name());
    for part in parts {
        hasher.update([0]);
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("gap-{hex}")
}
