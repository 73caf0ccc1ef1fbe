//! Which personal data the public activities use, and where it comes from
//! (Art. 13(1), 14(1)(d), 14(2)(f)).

use super::view::{CategoryView, ItemView, List, SensitiveGround, SensitiveView, SourceView};
use super::{Deriver, push_unique};
use ropa_register::model::{Category, Id, ItemListing, Origin, SourceKind, SpecialCategory};
use std::collections::{BTreeSet, HashMap, HashSet};

impl<'a> Deriver<'a> {
    /// The categories public activities use, in catalogue order.
    pub(super) fn used_categories(&self) -> impl Iterator<Item = &'a Category> + use<'a> {
        let used: BTreeSet<&Id> = self
            .public()
            .flat_map(|(_, a)| a.data.iter().map(|d| &d.category))
            .collect();
        self.register
            .categories
            .categories
            .iter()
            .filter(move |c| used.contains(&c.id))
    }

    /// The categories public activities use, in catalogue order, each with
    /// its items.
    pub(super) fn categories(&self) -> Vec<CategoryView> {
        self.used_categories()
            .map(|c| CategoryView {
                label: self.t(&c.label),
                examples: self.opt(&c.examples),
                items: c.items.iter().map(|i| self.t(&i.label)).collect(),
                exhaustive: c.items_listed == ItemListing::Exhaustive,
            })
            .collect()
    }

    /// The items of the categories used that come from `origin`, in
    /// catalogue order.
    pub(super) fn items(&self, origin: Origin) -> Vec<ItemView> {
        self.used_categories()
            .flat_map(|c| {
                c.items
                    .iter()
                    .filter(move |i| i.origin == origin)
                    .map(move |i| ItemView {
                        label: self.t(&i.label),
                        category: self.t(&c.label),
                        source: self.opt(&i.source),
                    })
            })
            .collect()
    }

    /// Each special-category or criminal-offence category the public
    /// activities use, with what allows processing it; one entry per
    /// distinct ground, in catalogue order (Art. 9(2), 10).
    pub(super) fn sensitive(&self) -> Vec<SensitiveView> {
        let mut out: Vec<(usize, SensitiveView)> = Vec::new();
        for (_, activity) in self.public() {
            for condition in &activity.special_category_conditions {
                let Some(&(at, category)) = self.categories.get(&condition.category) else {
                    continue;
                };
                if category.special == SpecialCategory::None {
                    continue;
                }
                let view = SensitiveView {
                    category: self.t(&category.label),
                    kind: self
                        .words
                        .records
                        .special_categories
                        .of(&category.special)
                        .to_owned(),
                    ground: SensitiveGround::Article9(condition.condition.trim().to_owned()),
                    law: condition.legal_reference.as_ref().and_then(|l| self.law(l)),
                };
                push_unique(&mut out, (at, view));
            }
            let Some(criminal) = &activity.criminal_data else {
                continue;
            };
            for data in &activity.data {
                let Some(&(at, category)) = self.categories.get(&data.category) else {
                    continue;
                };
                if !category.criminal {
                    continue;
                }
                let view = SensitiveView {
                    category: self.t(&category.label),
                    kind: self
                        .words
                        .statement
                        .personal_data
                        .sensitive
                        .criminal
                        .clone(),
                    ground: SensitiveGround::Article10(criminal.ground),
                    law: criminal.legal_reference.as_ref().and_then(|l| self.law(l)),
                };
                push_unique(&mut out, (at, view));
            }
        }
        // Stable: within a category, the order activities gave.
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, v)| v).collect()
    }

    /// Sources by kind (given, observed, about others, from third
    /// parties); identical descriptions are told once, in the order first
    /// seen (activities in the register's order), their categories merged
    /// and listed in catalogue order.
    pub(super) fn sources(&self) -> [Vec<SourceView>; 4] {
        struct Group {
            views: Vec<SourceView>,
            index: HashMap<String, usize>,
            /// Catalogue positions of each view's categories.
            categories: Vec<BTreeSet<usize>>,
        }
        let new_group = || Group {
            views: Vec::new(),
            index: HashMap::new(),
            categories: Vec::new(),
        };
        let mut groups = [new_group(), new_group(), new_group(), new_group()];
        for (_, activity) in self.public() {
            for source in &activity.sources {
                let group = &mut groups[match source.kind {
                    SourceKind::DataSubject => 0,
                    SourceKind::Observed => 1,
                    SourceKind::OtherPerson => 2,
                    SourceKind::ThirdParty | SourceKind::Public => 3,
                }];
                let description = self.t(&source.description);
                let index = match group.index.get(&description) {
                    Some(&i) => i,
                    None => {
                        group.index.insert(description.clone(), group.views.len());
                        group.views.push(SourceView {
                            kind: source.kind,
                            description,
                            categories: List::default(),
                            informed_via: Vec::new(),
                        });
                        group.categories.push(BTreeSet::new());
                        group.views.len() - 1
                    }
                };
                for id in &source.categories {
                    if let Some((at, _)) = self.categories.get(id) {
                        group.categories[index].insert(*at);
                    }
                }
                let view = &mut group.views[index];
                for id in &source.subjects {
                    if let Some(text) = self
                        .register
                        .subject(id)
                        .and_then(|s| self.opt(&s.informed_via))
                    {
                        push_unique(&mut view.informed_via, text);
                    }
                }
            }
        }
        groups.map(|group| {
            group
                .views
                .into_iter()
                .zip(group.categories)
                .map(|(mut view, at)| {
                    view.categories = self.labels_at(&at).into();
                    view
                })
                .collect::<Vec<_>>()
        })
    }

    /// The labels of the categories at these catalogue positions, in order,
    /// each label once.
    pub(super) fn labels_at(&self, positions: &BTreeSet<usize>) -> Vec<String> {
        let mut out = Vec::with_capacity(positions.len());
        let mut seen = HashSet::new();
        for &at in positions {
            let label = self.t(&self.register.categories.categories[at].label);
            if seen.insert(label.clone()) {
                out.push(label);
            }
        }
        out
    }
}
