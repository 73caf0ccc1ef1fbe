//! A whole register in memory, and how its parts are addressed in diagnostics.

use std::collections::BTreeMap;

use crate::model::{
    ActivityFile, CategoriesFile, Category, Id, OrganisationFile, Recipient, RecipientsFile,
    Subject, SubjectsFile, SystemFile,
};

/// Every file of a register, parsed and schema-checked.
#[derive(Debug, Clone)]
pub struct Register {
    pub organisation: OrganisationFile,
    pub categories: CategoriesFile,
    pub subjects: SubjectsFile,
    pub recipients: RecipientsFile,
    /// By id (the file name); ordered, so everything derived is deterministic.
    pub activities: BTreeMap<Id, ActivityFile>,
    pub systems: BTreeMap<Id, SystemFile>,
}

impl Register {
    pub fn category(&self, id: &Id) -> Option<&Category> {
        self.categories.categories.iter().find(|c| &c.id == id)
    }

    /// The catalogue's categories by id, for rules that look one up for
    /// every data entry of every activity; the first entry of an id is the
    /// one that counts.
    pub fn categories_by_id(&self) -> rustc_hash::FxHashMap<&Id, &Category> {
        self.categories
            .categories
            .iter()
            .rev()
            .map(|c| (&c.id, c))
            .collect()
    }

    pub fn subject(&self, id: &Id) -> Option<&Subject> {
        self.subjects.subjects.iter().find(|s| &s.id == id)
    }

    pub fn recipient(&self, id: &Id) -> Option<&Recipient> {
        self.recipients.recipients.iter().find(|r| &r.id == id)
    }

    /// The activities in the order the statement and the record present
    /// them: as `notice.activity_order` lists them, then the others by id.
    pub fn activities_in_order(&self) -> Vec<(&Id, &ActivityFile)> {
        let order = &self.organisation.notice.activity_order;
        let mut all: Vec<(&Id, &ActivityFile)> = self.activities.iter().collect();
        // Stable: the unlisted keep the map's order, by id.
        all.sort_by_key(|(id, _)| order.iter().position(|o| o == *id).unwrap_or(order.len()));
        all
    }
}

/// Which file of the register a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileRef {
    Organisation,
    Categories,
    Subjects,
    Recipients,
    Activity(Id),
    System(Id),
}

impl FileRef {
    /// Path relative to the register directory.
    pub fn path(&self) -> String {
        match self {
            FileRef::Organisation => "organisation.json".to_owned(),
            FileRef::Categories => "categories.json".to_owned(),
            FileRef::Subjects => "subjects.json".to_owned(),
            FileRef::Recipients => "recipients.json".to_owned(),
            FileRef::Activity(id) => format!("activities/{id}.json"),
            FileRef::System(id) => format!("systems/{id}.json"),
        }
    }
}
