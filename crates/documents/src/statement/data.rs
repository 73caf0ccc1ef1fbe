//! Which personal data the public activities use, and where it comes from
//! (Art. 13(1), 14(1)(d), 14(2)(f)).

use super::view::{CategoryView, SourceView};
use super::{Deriver, push_unique};
use ropa_register::model::{Id, SourceKind};
use std::collections::{BTreeSet, HashMap, HashSet};

impl<'a> Deriver<'a> {
    /// The categories public activities use, in catalogue order.
    pub(super) fn categories(&self) -> Vec<CategoryView> {
        let used: BTreeSet<&Id> = self
            .public()
            .flat_map(|(_, a)| a.data.iter().map(|d| &d.category))
            .collect();
        self.register
            .categories
            .categories
            .iter()
            .filter(|c| used.contains(&c.id))
            .map(|c| CategoryView {
                label: self.t(&c.label),
                examples: self.opt(&c.examples),
            })
            .collect()
    }

    /// Sources by kind; identical descriptions are told once, in the order
    /// first seen (activities by id), their categories merged and listed in
    /// catalogue order.
    pub(super) fn sources(&self) -> (Vec<SourceView>, Vec<SourceView>, Vec<SourceView>) {
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
        let mut groups = [new_group(), new_group(), new_group()];
        for (_, activity) in self.public() {
            for source in &activity.sources {
                let group = &mut groups[match source.kind {
                    SourceKind::DataSubject | SourceKind::Observed => 0,
                    SourceKind::OtherPerson => 1,
                    SourceKind::ThirdParty | SourceKind::Public => 2,
                }];
                let description = self.t(&source.description);
                let index = match group.index.get(&description) {
                    Some(&i) => i,
                    None => {
                        group.index.insert(description.clone(), group.views.len());
                        group.views.push(SourceView {
                            kind: source.kind,
                            description,
                            categories: Vec::new(),
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
        let [direct, others, third] = groups.map(|group| {
            group
                .views
                .into_iter()
                .zip(group.categories)
                .map(|(mut view, at)| {
                    view.categories = self.labels_at(&at);
                    view
                })
                .collect::<Vec<_>>()
        });
        (direct, others, third)
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
