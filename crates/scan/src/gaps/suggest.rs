//! One constructor per kind of gap: the message, the file to change and the
//! edit that would close it, in words a DPO can act on.

use std::collections::BTreeSet;

use super::index::Index;
use super::{Change, Gap, GapKind, MANUAL_SOURCE, Place, gap_id};
use ropa_register::model::{Id, InventoryEntry, Location, SpecialCategory, SystemFile};
use ropa_register::register::FileRef;

fn system_file(system: &Id) -> String {
    FileRef::System(system.clone()).path()
}

fn activity_file(activity: &Id) -> String {
    FileRef::Activity(activity.clone()).path()
}

fn list(ids: &[&Id]) -> String {
    ids.iter()
        .map(|id| id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"category": "personalia"` when exactly one fits, for suggested entries.
fn inventory_entry(place: &Place, category: Option<&Id>, source: &str) -> String {
    let category = category
        .map(|c| format!(", \"category\": \"{c}\""))
        .unwrap_or_default();
    format!(
        "{{\"location\": {}, \"dpv\": \"{}\"{category}, \"source\": \"{source}\", \"accepted\": \"YYYY-MM-DD\"}}",
        serde_json::Value::from(place.location.as_str()),
        place.found
    )
}

/// The category an accepted finding is linked to when the DPO names none:
/// the only covering category an activity using the system lists, else the
/// only covering category at all.
pub fn default_category<'a>(index: &Index<'a>, system: &Id, pd: &str) -> Option<&'a Id> {
    let covering = index.covering(pd);
    let listed: Vec<&Id> = covering
        .iter()
        .copied()
        .filter(|c| index.listed_by_users(system, c))
        .collect();
    match (listed.as_slice(), covering) {
        ([only], _) => Some(only),
        ([], [only]) => Some(only),
        _ => None,
    }
}

pub fn unrecorded(index: &Index<'_>, system: &Id, place: &Place) -> Gap {
    let category = default_category(index, system, place.found.as_str());
    let covering = index.covering(place.found.as_str());
    let empty = index
        .register
        .systems
        .get(system)
        .is_some_and(|s| s.inventory.is_empty());
    let message = if empty {
        format!(
            "{system} holds {} at {}; its inventory declares no personal data",
            place.found, place.location
        )
    } else {
        format!(
            "{system} holds {} at {}, which its inventory does not list",
            place.found, place.location
        )
    };
    let link = match category {
        Some(category) => format!("linked to category {category}"),
        None => format!(
            "not linked to a category (covering {}: pass --category)",
            list(covering)
        ),
    };
    Gap {
        id: gap_id(
            GapKind::Unrecorded,
            &[system, &place.location, place.found.as_str()],
        ),
        kind: GapKind::Unrecorded,
        system: Some(system.to_string()),
        category: category.cloned(),
        places: vec![place.clone()],
        countries: Vec::new(),
        message,
        change: Change {
            file: system_file(system),
            pointer: "/inventory".to_owned(),
            edit: format!("add {}", inventory_entry(place, category, "<scan id>")),
        },
        accept: Some(format!("records it in the inventory, {link}")),
    }
}

pub fn uncovered(index: &Index<'_>, system: &Id, place: &Place, recorded: bool) -> Gap {
    let users = index.activities_using(system);
    let activities = if users.is_empty() {
        "an activity".to_owned()
    } else {
        format!(
            "the activities using {system} that process it ({})",
            list(users)
        )
    };
    Gap {
        id: gap_id(
            GapKind::Uncovered,
            &[system, &place.location, place.found.as_str()],
        ),
        kind: GapKind::Uncovered,
        system: Some(system.to_string()),
        category: None,
        places: vec![place.clone()],
        countries: Vec::new(),
        message: format!(
            "{system} holds {} at {}; no category in categories.json covers {}, so the register and the statement do not declare it",
            place.found, place.location, place.found
        ),
        change: Change {
            file: FileRef::Categories.path(),
            pointer: "/categories".to_owned(),
            edit: format!(
                "add \"{}\" to the \"dpv\" of the category it belongs to, or add a category that covers it (with labels, examples and \"dpv\": [\"{}\"]) and list it under \"data\" in {activities}",
                place.found, place.found
            ),
        },
        accept: (!recorded).then(|| {
            "records it in the inventory without a category; the gap stays until a category covers it"
                .to_owned()
        }),
    }
}

pub fn category_not_listed(
    index: &Index<'_>,
    system: &Id,
    category: &Id,
    places: Vec<Place>,
) -> Gap {
    let users = index.activities_using(system);
    let found: BTreeSet<&str> = places.iter().map(|p| p.found.as_str()).collect();
    Gap {
        id: gap_id(GapKind::CategoryNotListed, &[system, category]),
        kind: GapKind::CategoryNotListed,
        system: Some(system.to_string()),
        category: Some(category.clone()),
        message: format!(
            "{system} holds {category} ({}) at {} place(s), but no activity using {system} ({}) lists {category}",
            found.into_iter().collect::<Vec<_>>().join(", "),
            places.len(),
            list(users)
        ),
        places,
        countries: Vec::new(),
        change: Change {
            file: users.first().map(|a| activity_file(a)).unwrap_or_default(),
            pointer: "/data".to_owned(),
            edit: format!(
                "add {{\"category\": \"{category}\"}} (with its retention) to \"data\" of the activity that processes it: one of {}",
                list(users)
            ),
        },
        accept: Some(format!(
            "with --activity ID (one of {}), adds {category} to that activity's data",
            list(users)
        )),
    }
}

pub fn system_not_named(
    index: &Index<'_>,
    system: &Id,
    categories: &std::collections::HashSet<&Id>,
    places: Vec<Place>,
) -> Gap {
    // The activity listing most of what was found is the likeliest user.
    let mut best: Option<(&Id, usize)> = None;
    for (id, activity) in &index.register.activities {
        let overlap = activity
            .data
            .iter()
            .filter(|d| categories.contains(&d.category))
            .count();
        if overlap > 0 && best.is_none_or(|(_, n)| overlap > n) {
            best = Some((id, overlap));
        }
    }
    let (file, hint) = match best {
        Some((id, _)) => (
            activity_file(id),
            format!(" (activity {id} lists most of what was found)"),
        ),
        None => ("activities/<id>.json".to_owned(), String::new()),
    };
    let what = if places.is_empty() {
        "its inventory lists personal data".to_owned()
    } else {
        format!("the scan found personal data at {} place(s)", places.len())
    };
    Gap {
        id: gap_id(GapKind::SystemNotNamed, &[system]),
        kind: GapKind::SystemNotNamed,
        system: Some(system.to_string()),
        category: None,
        places,
        countries: Vec::new(),
        message: format!("no processing activity names {system}, yet {what}"),
        change: Change {
            file,
            pointer: "/systems".to_owned(),
            edit: format!("add \"{system}\" to \"systems\" of the activity that uses it{hint}"),
        },
        accept: Some("with --activity ID, adds the system to that activity's systems".to_owned()),
    }
}

pub fn never_found(index: &Index<'_>, category: &Id, systems: &[&Id]) -> Gap {
    let listing = index.activities_listing(category);
    let kinds = index
        .category(category)
        .map(|c| {
            c.dpv
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let example = Place {
        location: "<where>".to_owned(),
        found: index
            .category(category)
            .and_then(|c| c.dpv.first().cloned())
            .unwrap_or_else(|| "pd:Unknown".into()),
        evidence: None,
    };
    Gap {
        id: gap_id(GapKind::NeverFound, &[category]),
        kind: GapKind::NeverFound,
        system: None,
        category: Some(category.clone()),
        places: Vec::new(),
        countries: Vec::new(),
        message: format!(
            "{category} ({kinds}) is listed by {} but was not found in {}, the scanned systems they use; possibly stale",
            list(listing),
            list(systems)
        ),
        change: Change {
            file: listing
                .first()
                .map(|a| activity_file(a))
                .unwrap_or_default(),
            pointer: "/data".to_owned(),
            edit: format!(
                "if it is no longer processed, remove {category} from \"data\" of {}; if it is kept where a scanner cannot see it, record where in the inventory of {}: {}",
                list(listing),
                system_file(systems[0]),
                inventory_entry(&example, Some(category), MANUAL_SOURCE)
            ),
        },
        accept: None,
    }
}

pub fn no_longer_found(system: &Id, position: usize, entry: &InventoryEntry) -> Gap {
    Gap {
        id: gap_id(
            GapKind::NoLongerFound,
            &[system, &entry.location, entry.dpv.as_str()],
        ),
        kind: GapKind::NoLongerFound,
        system: Some(system.to_string()),
        category: entry.category.clone(),
        places: vec![Place {
            location: entry.location.clone(),
            found: entry.dpv.clone(),
            evidence: None,
        }],
        countries: Vec::new(),
        message: format!(
            "the inventory of {system} lists {} at {} (from {}), but this complete scan did not find it",
            entry.dpv, entry.location, entry.source
        ),
        change: Change {
            file: system_file(system),
            pointer: format!("/inventory/{position}"),
            edit: "remove the entry if the data is gone; keep it with \"source\": \"manual\" if a scanner cannot see it".to_owned(),
        },
        accept: Some("removes the entry from the inventory".to_owned()),
    }
}

pub fn special_category(
    index: &Index<'_>,
    system: &Id,
    place: &Place,
    kind: SpecialCategory,
) -> Gap {
    let name = kind.name();
    let says = if !index.declares_any_special() {
        "the statement declares no special-category data at all".to_owned()
    } else {
        format!("the statement declares no {name}")
    };
    Gap {
        id: gap_id(
            GapKind::SpecialCategory,
            &[system, &place.location, place.found.as_str()],
        ),
        kind: GapKind::SpecialCategory,
        system: Some(system.to_string()),
        category: None,
        places: vec![place.clone()],
        countries: Vec::new(),
        message: format!(
            "{system} holds {} ({name}, Art. 9(1)) at {}, but {says}",
            place.found, place.location
        ),
        change: Change {
            file: FileRef::Categories.path(),
            pointer: "/categories".to_owned(),
            edit: format!(
                "declare it: a category with \"special\": \"{}\" covering {}, listed by the activity that processes it with an Art. 9(2) condition in \"special_category_conditions\"; or remove the data from {system}",
                kind.value(),
                place.found
            ),
        },
        accept: None,
    }
}

pub fn criminal(system: &Id, place: &Place) -> Gap {
    Gap {
        id: gap_id(
            GapKind::CriminalData,
            &[system, &place.location, place.found.as_str()],
        ),
        kind: GapKind::CriminalData,
        system: Some(system.to_string()),
        category: None,
        places: vec![place.clone()],
        countries: Vec::new(),
        message: format!(
            "{system} holds {} (criminal-offence data, Art. 10) at {}, but no category a public activity lists is marked criminal",
            place.found, place.location
        ),
        change: Change {
            file: FileRef::Categories.path(),
            pointer: "/categories".to_owned(),
            edit: format!(
                "declare it: a category with \"criminal\": true covering {}, listed by the activity that processes it (Art. 10 needs a legal basis in Union or member-state law); or remove the data from {system}",
                place.found
            ),
        },
        accept: None,
    }
}

pub fn national_id(system: &Id, place: &Place) -> Gap {
    Gap {
        id: gap_id(
            GapKind::NationalId,
            &[system, &place.location, place.found.as_str()],
        ),
        kind: GapKind::NationalId,
        system: Some(system.to_string()),
        category: None,
        places: vec![place.clone()],
        countries: Vec::new(),
        message: format!(
            "{system} holds {} (a national identification number such as the BSN, Art. 87) at {}, but no category a public activity lists is marked national_id",
            place.found, place.location
        ),
        change: Change {
            file: FileRef::Categories.path(),
            pointer: "/categories".to_owned(),
            edit: format!(
                "declare it: a category with \"national_id\": true covering {} (in the Netherlands only where a law allows the BSN, UAVG art. 46); or remove the data from {system}",
                place.found
            ),
        },
        accept: None,
    }
}

pub fn outside_eea(
    index: &Index<'_>,
    system: &Id,
    file: &SystemFile,
    countries: Vec<Location>,
    places: Vec<Place>,
) -> Gap {
    let names: Vec<&str> = countries.iter().map(|c| c.as_str()).collect();
    let runs = match &file.hosted_by {
        Some(host) => format!("runs in {} (hosted by {host})", names.join(", ")),
        None => format!("runs in {}", names.join(", ")),
    };
    let says = if index.statement_names_any_country() {
        format!("the statement does not name {}", names.join(", "))
    } else {
        "the statement says personal data is not processed outside the EU/EEA".to_owned()
    };
    let users = index.activities_using(system);
    let (change_file, edit) = match users.first() {
        Some(first) => (
            activity_file(first),
            format!(
                "record the transfer in \"transfers\" of {} (country, recipient, mechanism such as an adequacy decision or SCCs) and name the recipient; or correct \"countries\"/\"hosted_by\" in {}",
                list(users),
                system_file(system)
            ),
        ),
        None => (
            system_file(system),
            format!(
                "correct \"countries\"/\"hosted_by\" here, or add \"{system}\" to \"systems\" of the activity that uses it and record the transfer there"
            ),
        ),
    };
    Gap {
        id: gap_id(GapKind::OutsideEea, &[system, &names.join(",")]),
        kind: GapKind::OutsideEea,
        system: Some(system.to_string()),
        category: None,
        message: format!(
            "{system} {runs} and holds personal data ({} place(s)), but {says}",
            places.len()
        ),
        places,
        countries,
        change: Change {
            file: change_file,
            pointer: "/transfers".to_owned(),
            edit,
        },
        accept: None,
    }
}
