//! `ropa accept`: turns chosen gaps into edits of the register's files —
//! inventory entries recorded or removed, a category or a system added to an
//! activity. Planning reads and writes nothing; the caller validates the
//! edited register before anything reaches the disk.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::index::Index;
use super::suggest::default_category;
use super::{Gap, GapKind, GapReport, MANUAL_SOURCE};
use ropa_register::json_edit::{append_to_array, replace_member};
use ropa_register::model::{Date, Id, InventoryEntry};
use ropa_register::register::{FileRef, Register};

/// Which gaps to accept.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every gap accepting can close without a decision: findings recorded
    /// in the inventories, entries no longer found removed.
    All,
    Ids(Vec<String>),
}

/// What the DPO decided for the chosen gaps.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    /// Link recorded findings to this category.
    pub category: Option<Id>,
    /// List the category (and name the system) in this activity.
    pub activity: Option<Id>,
}

/// The edits that accepting the chosen gaps makes.
#[derive(Debug, Default)]
pub struct Plan {
    /// New text by path relative to the register directory; only files
    /// that change.
    pub files: BTreeMap<String, String>,
    /// One line per change, for the commit message and the output.
    pub changes: Vec<String>,
}

/// Why the chosen gaps cannot be accepted; nothing is written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

/// Plans accepting `selection` of `report` (made from `scan_id`) into
/// `register`, whose files' current texts `read` gives.
pub fn plan(
    register: &Register,
    report: &GapReport,
    selection: &Selection,
    decision: &Decision,
    today: &Date,
    read: impl Fn(&str) -> Option<String>,
) -> Result<Plan, Refusal> {
    let index = Index::new(register);
    let chosen = choose(report, selection, decision)?;
    check_decision(register, decision)?;
    let mut edits = Edits::default();
    for gap in chosen {
        apply(&index, gap, decision, &report.scan.id, today, &mut edits)?;
    }
    edits.into_plan(register, read)
}

fn choose<'r>(
    report: &'r GapReport,
    selection: &Selection,
    decision: &Decision,
) -> Result<Vec<&'r Gap>, Refusal> {
    match selection {
        Selection::All => Ok(report
            .gaps
            .iter()
            .filter(|g| {
                g.accept.is_some()
                    && matches!(
                        g.kind,
                        GapKind::Unrecorded | GapKind::Uncovered | GapKind::NoLongerFound
                    )
            })
            .collect()),
        Selection::Ids(ids) => {
            let by_id: HashMap<&str, &Gap> =
                report.gaps.iter().map(|g| (g.id.as_str(), g)).collect();
            let mut seen = HashSet::new();
            let mut chosen = Vec::new();
            for id in ids {
                let Some(gap) = by_id.get(id.as_str()).copied() else {
                    return Err(Refusal(format!(
                        "{id} is not a gap of scan {} (`ropa gaps` lists them)",
                        report.scan.id
                    )));
                };
                if gap.accept.is_none() {
                    return Err(Refusal(format!(
                        "{id} ({}) cannot be accepted; it needs an edit by hand in {}: {}",
                        gap.kind.name(),
                        gap.change.file,
                        gap.change.edit
                    )));
                }
                let needs_activity = matches!(
                    gap.kind,
                    GapKind::CategoryNotListed | GapKind::SystemNotNamed
                );
                if needs_activity && decision.activity.is_none() {
                    return Err(Refusal(format!(
                        "{id} ({}): say which activity with --activity ID ({})",
                        gap.kind.name(),
                        gap.accept.as_deref().unwrap_or_default()
                    )));
                }
                if seen.insert(gap.id.as_str()) {
                    chosen.push(gap);
                }
            }
            Ok(chosen)
        }
    }
}

fn check_decision(register: &Register, decision: &Decision) -> Result<(), Refusal> {
    if let Some(category) = &decision.category
        && register.category(category).is_none()
    {
        return Err(Refusal(format!(
            "--category {category}: categories.json has no such category"
        )));
    }
    if let Some(activity) = &decision.activity
        && !register.activities.contains_key(activity)
    {
        return Err(Refusal(format!(
            "--activity {activity}: there is no activities/{activity}.json"
        )));
    }
    Ok(())
}

/// Edits collected per file before any text is touched.
#[derive(Default)]
struct Edits {
    /// System → entries to add (kept in finding order) and locations to remove.
    added: BTreeMap<Id, Vec<InventoryEntry>>,
    removed: BTreeMap<Id, Vec<(String, String)>>,
    /// Activity → categories and systems to add.
    categories: BTreeMap<Id, Vec<Id>>,
    systems: BTreeMap<Id, Vec<Id>>,
}

fn apply(
    index: &Index<'_>,
    gap: &Gap,
    decision: &Decision,
    scan_id: &str,
    today: &Date,
    edits: &mut Edits,
) -> Result<(), Refusal> {
    let system = Id(gap.system.clone().unwrap_or_default());
    match gap.kind {
        GapKind::Unrecorded | GapKind::Uncovered => {
            let place = &gap.places[0];
            // A location names a table, column, path or endpoint; a control
            // character in one means a damaged or forged findings file, and
            // it would go into the register and the commit message as is.
            if place.location.chars().any(char::is_control) {
                return Err(Refusal(format!(
                    "{}: the findings file gives system {system} a location with a control character ({}); a scanner does not report such a place, so the findings file is damaged or forged",
                    gap.id,
                    place.location.escape_debug()
                )));
            }
            let category = match &decision.category {
                Some(category) => {
                    let covers = index
                        .category(category)
                        .is_some_and(|c| c.dpv.contains(&place.found));
                    if !covers {
                        return Err(Refusal(format!(
                            "{}: category {category} does not cover {}; add \"{}\" to its \"dpv\" in categories.json first",
                            gap.id, place.found, place.found
                        )));
                    }
                    Some(category.clone())
                }
                None => default_category(index, &system, place.found.as_str()).cloned(),
            };
            if let (Some(activity), Some(category)) = (&decision.activity, &category) {
                edits
                    .categories
                    .entry(activity.clone())
                    .or_default()
                    .push(category.clone());
                edits
                    .systems
                    .entry(activity.clone())
                    .or_default()
                    .push(system.clone());
            }
            edits.added.entry(system).or_default().push(InventoryEntry {
                location: place.location.clone(),
                dpv: place.found.clone(),
                category,
                source: scan_id.to_owned(),
                accepted: today.clone(),
            });
        }
        GapKind::NoLongerFound => {
            let place = &gap.places[0];
            edits
                .removed
                .entry(system)
                .or_default()
                .push((place.location.clone(), place.found.to_string()));
        }
        GapKind::CategoryNotListed => {
            let activity = decision
                .activity
                .clone()
                .unwrap_or_else(|| Id(String::new()));
            let category = gap.category.clone().unwrap_or_else(|| Id(String::new()));
            edits
                .categories
                .entry(activity.clone())
                .or_default()
                .push(category);
            edits.systems.entry(activity).or_default().push(system);
        }
        GapKind::SystemNotNamed => {
            let activity = decision
                .activity
                .clone()
                .unwrap_or_else(|| Id(String::new()));
            edits.systems.entry(activity).or_default().push(system);
        }
        _ => unreachable!("only acceptable gaps are chosen"),
    }
    Ok(())
}

impl Edits {
    fn into_plan(
        self,
        register: &Register,
        read: impl Fn(&str) -> Option<String>,
    ) -> Result<Plan, Refusal> {
        let mut plan = Plan::default();
        let read_file = |path: &str| {
            read(path).ok_or_else(|| Refusal(format!("cannot read {path} from the register")))
        };
        let systems: std::collections::BTreeSet<&Id> =
            self.added.keys().chain(self.removed.keys()).collect();
        for system in systems {
            let Some(file) = register.systems.get(system) else {
                continue;
            };
            let mut inventory = file.inventory.clone();
            // Hash lookups throughout: accepting is linear in the findings.
            let removed: HashSet<(&str, &str)> = self
                .removed
                .get(system)
                .into_iter()
                .flatten()
                .map(|(location, dpv)| (location.as_str(), dpv.as_str()))
                .collect();
            if !removed.is_empty() {
                let mut gone = Vec::new();
                inventory.retain(|e| {
                    let drop = e.source != MANUAL_SOURCE
                        && removed.contains(&(e.location.as_str(), e.dpv.as_str()));
                    if drop {
                        gone.push(format!(
                            "{system}: {} {} removed from the inventory",
                            e.location, e.dpv
                        ));
                    }
                    !drop
                });
                plan.changes.extend(gone);
            }
            let mut at: HashMap<(String, String), usize> = inventory
                .iter()
                .enumerate()
                .rev()
                .map(|(i, e)| ((e.location.clone(), e.dpv.to_string()), i))
                .collect();
            for entry in self.added.get(system).into_iter().flatten() {
                let key = (entry.location.clone(), entry.dpv.to_string());
                let found = at.get(&key).copied();
                match found {
                    Some(i) if inventory[i].category.is_none() && entry.category.is_some() => {
                        inventory[i].category = entry.category.clone();
                        plan.changes.push(format!(
                            "{system}: {} {} linked to {}",
                            entry.location,
                            entry.dpv,
                            entry.category.as_ref().map_or("", |c| c.as_str())
                        ));
                    }
                    Some(_) => {}
                    None => {
                        plan.changes.push(format!(
                            "{system}: {} {} recorded{}",
                            entry.location,
                            entry.dpv,
                            entry
                                .category
                                .as_ref()
                                .map(|c| format!(" as {c}"))
                                .unwrap_or_else(|| " without a category".to_owned())
                        ));
                        at.insert(key, inventory.len());
                        inventory.push(entry.clone());
                    }
                }
            }
            inventory.sort_by(|a, b| (&a.location, &a.dpv).cmp(&(&b.location, &b.dpv)));
            let path = FileRef::System(system.clone()).path();
            let text = read_file(&path)?;
            let edited = replace_member(&text, "inventory", &inventory_text(&inventory))
                .ok_or_else(|| Refusal(format!("{path} has no \"inventory\" to write to")))?;
            if edited != text {
                plan.files.insert(path, edited);
            }
        }
        let activities: std::collections::BTreeSet<&Id> =
            self.categories.keys().chain(self.systems.keys()).collect();
        for activity in activities {
            let Some(file) = register.activities.get(activity) else {
                continue;
            };
            let path = FileRef::Activity(activity.clone()).path();
            let original = read_file(&path)?;
            let mut text = original.clone();
            let mut listed: Vec<&Id> = file.data.iter().map(|d| &d.category).collect();
            for category in self.categories.get(activity).into_iter().flatten() {
                if !listed.contains(&category) {
                    text = append_to_array(
                        &text,
                        "data",
                        &format!("{{\"category\": \"{category}\"}}"),
                    )
                    .ok_or_else(|| Refusal(format!("{path} has no \"data\" list")))?;
                    listed.push(category);
                    plan.changes
                        .push(format!("{activity}: category {category} added to its data"));
                }
            }
            let mut named: Vec<&Id> = file.systems.iter().collect();
            for system in self.systems.get(activity).into_iter().flatten() {
                if !named.contains(&system) {
                    text = append_to_array(&text, "systems", &format!("\"{system}\""))
                        .ok_or_else(|| Refusal(format!("{path} has no \"systems\" list")))?;
                    named.push(system);
                    plan.changes
                        .push(format!("{activity}: system {system} added to its systems"));
                }
            }
            if text != original {
                plan.files.insert(path, text);
            }
        }
        Ok(plan)
    }
}

/// The inventory as ropa writes it: one entry per line, so that each
/// accepted finding is one line of the commit's diff.
pub fn inventory_text(inventory: &[InventoryEntry]) -> String {
    if inventory.is_empty() {
        return "[]".to_owned();
    }
    let lines: Vec<String> = inventory.iter().map(one_line).collect();
    format!("[\n  {}\n]", lines.join(",\n  "))
}

fn one_line(entry: &InventoryEntry) -> String {
    let value = serde_json::to_value(entry).expect("an inventory entry serialises");
    let members: Vec<String> = value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{}: {v}", serde_json::Value::from(k.as_str())))
        .collect();
    format!("{{{}}}", members.join(", "))
}
