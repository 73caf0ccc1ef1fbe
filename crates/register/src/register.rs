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

    pub fn subject(&self, id: &Id) -> Option<&Subject> {
        self.subjects.subjects.iter().find(|s| &s.id == id)
    }

    pub fn recipient(&self, id: &Id) -> Option<&Recipient> {
        self.recipients.recipients.iter().find(|r| &r.id == id)
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
