//! The register, indexed once for holding thousands of findings against it:
//! which categories cover a DPV kind, which activities use a system, what
//! they list, and what the statement declares.

use std::collections::{BTreeSet, HashMap, HashSet};

use ropa_documents::statement::Statement;
use ropa_register::model::{
    Category, Destination, Id, Lang, Location, SpecialCategory, SystemFile,
};
use ropa_register::register::Register;

pub struct Index<'a> {
    pub register: &'a Register,
    /// DPV kind → the categories covering it, in `categories.json` order.
    covering: HashMap<&'a str, Vec<&'a Id>>,
    categories: HashMap<&'a str, &'a Category>,
    /// System → the activities that name it, in id order.
    users: HashMap<&'a str, Vec<&'a Id>>,
    /// (system, category) pairs where some activity using the system lists the category.
    listed: HashSet<(&'a str, &'a str)>,
    /// Category → the activities listing it, in id order.
    listing: HashMap<&'a str, Vec<&'a Id>>,
    /// What the public activities' categories declare.
    special: HashSet<SpecialCategory>,
    criminal: bool,
    national_id: bool,
    /// The countries outside the EEA the statement names, by English name.
    statement_countries: HashSet<Destination>,
}

impl<'a> Index<'a> {
    pub fn new(register: &'a Register) -> Index<'a> {
        let mut covering: HashMap<&str, Vec<&Id>> = HashMap::new();
        let mut categories = HashMap::new();
        for category in &register.categories.categories {
            categories.insert(category.id.as_str(), category);
            for pd in &category.dpv {
                let ids = covering.entry(pd.as_str()).or_default();
                if !ids.contains(&&category.id) {
                    ids.push(&category.id);
                }
            }
        }
        let mut users: HashMap<&str, Vec<&Id>> = HashMap::new();
        let mut listed = HashSet::new();
        let mut listing: HashMap<&str, Vec<&Id>> = HashMap::new();
        let mut special = HashSet::new();
        let (mut criminal, mut national_id) = (false, false);
        for (id, activity) in &register.activities {
            for system in &activity.systems {
                users.entry(system.as_str()).or_default().push(id);
                for data in &activity.data {
                    listed.insert((system.as_str(), data.category.as_str()));
                }
            }
            for data in &activity.data {
                listing.entry(data.category.as_str()).or_default().push(id);
                if let (true, Some(category)) =
                    (activity.public, categories.get(data.category.as_str()))
                {
                    special.insert(category.special);
                    criminal |= category.criminal;
                    national_id |= category.national_id;
                }
            }
        }
        // Only the country codes are read, so any language will do.
        let any = Lang::all()
            .next()
            .expect("ropa knows at least one language");
        let statement_countries = Statement::derive(register, any)
            .outside_eea
            .into_iter()
            .map(|t| t.destination)
            .collect();
        Index {
            register,
            covering,
            categories,
            users,
            listed,
            listing,
            special,
            criminal,
            national_id,
            statement_countries,
        }
    }

    /// The categories covering a DPV kind.
    pub fn covering(&self, pd: &str) -> &[&'a Id] {
        self.covering.get(pd).map_or(&[], Vec::as_slice)
    }

    /// The register's own id for a category id, when it exists.
    pub fn category_id(&self, id: &Id) -> Option<&'a Id> {
        self.categories.get(id.as_str()).map(|c| &c.id)
    }

    pub fn category(&self, id: &Id) -> Option<&'a Category> {
        self.categories.get(id.as_str()).copied()
    }

    /// The activities that name a system.
    pub fn activities_using(&self, system: &Id) -> &[&'a Id] {
        self.users.get(system.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The activities that list a category.
    pub fn activities_listing(&self, category: &Id) -> &[&'a Id] {
        self.listing
            .get(category.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Whether an activity using `system` lists `category`.
    pub fn listed_by_users(&self, system: &Id, category: &Id) -> bool {
        self.listed.contains(&(system.as_str(), category.as_str()))
    }

    /// Categories some activity lists, in `categories.json` order.
    pub fn declared_categories(&self) -> impl Iterator<Item = &'a Id> + '_ {
        self.register
            .categories
            .categories
            .iter()
            .map(|c| &c.id)
            .filter(|id| self.listing.contains_key(id.as_str()))
    }

    pub fn declares_special(&self, kind: SpecialCategory) -> bool {
        self.special.contains(&kind)
    }

    /// Whether the statement declares any special-category data at all.
    pub fn declares_any_special(&self) -> bool {
        self.special.iter().any(|k| *k != SpecialCategory::None)
    }

    pub fn declares_criminal(&self) -> bool {
        self.criminal
    }

    pub fn declares_national_id(&self) -> bool {
        self.national_id
    }

    /// Whether the statement says anything at all is processed outside the EEA.
    pub fn statement_names_any_country(&self) -> bool {
        !self.statement_countries.is_empty()
    }

    /// Countries outside the register's territory (the EEA, or the UK) where `system` runs, itself or at the
    /// recipient hosting it, that the statement does not name.
    pub fn undeclared_countries(&self, system: &SystemFile) -> Vec<Location> {
        let host = system
            .hosted_by
            .as_ref()
            .and_then(|h| self.register.recipient(h));
        let countries = system
            .countries
            .iter()
            .chain(host.into_iter().flat_map(|h| &h.countries));
        let home = self.register.organisation.jurisdiction;
        let outside: BTreeSet<&Location> =
            countries.filter(|c| !home.is_home(c.as_str())).collect();
        outside
            .into_iter()
            .filter(|c| !self.statement_countries.iter().any(|d| d.covers(c)))
            .cloned()
            .collect()
    }
}
