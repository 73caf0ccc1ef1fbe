//! How long data is kept (Art. 13(2)(a)).

use super::view::{CategoryView, LinkView, RetentionView};
use super::{Deriver, push_unique};
use ropa_register::model::Retention;
use std::collections::{HashMap, HashSet};

impl<'a> Deriver<'a> {
    /// Retention per category, rules told once with the categories they
    /// cover; rules in the order of their first category in the catalogue.
    pub(super) fn retention(&self, categories: &[CategoryView]) -> (Vec<RetentionView>, bool) {
        // Every (category, rule) pair, found in one pass over the activities.
        let mut uses: Vec<(usize, &Retention)> = Vec::new();
        for (_, activity) in self.public() {
            for data in &activity.data {
                let Some(rule) = data.retention.as_ref().or(activity.retention.as_ref()) else {
                    continue;
                };
                if let Some((at, _)) = self.categories.get(&data.category) {
                    uses.push((*at, rule));
                }
            }
        }
        // Stable: within a category, activities keep their order.
        uses.sort_by_key(|(at, _)| *at);
        let mut out: Vec<RetentionView> = Vec::new();
        let mut index: HashMap<RetentionKey, usize> = HashMap::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (at, rule) in uses {
            let view = RetentionView {
                categories: Vec::new(),
                period: rule.period.as_deref().map(|p| self.words.period(p)),
                criteria: self.opt(&rule.criteria),
                start_event: self.opt(&rule.start_event),
                end_action: rule.end_action,
                legal_reference: rule.legal_reference.as_ref().and_then(|law| self.law(law)),
            };
            let key = RetentionKey::of(&view);
            let i = match index.get(&key) {
                Some(&i) => i,
                None => {
                    index.insert(key, out.len());
                    out.push(view);
                    out.len() - 1
                }
            };
            if seen.insert((i, at)) {
                let label = self.t(&self.register.categories.categories[at].label);
                push_unique(&mut out[i].categories, label);
            }
        }
        let uniform = out.len() == 1 && out[0].categories.len() == categories.len();
        (out, uniform)
    }
}

/// What makes two retention rules the same rule, as the statement tells it.
#[derive(PartialEq, Eq, Hash)]
struct RetentionKey(
    Option<String>,
    Option<String>,
    Option<String>,
    // The model's enum is not `Hash`; its discriminant is.
    u8,
    Option<LinkView>,
);

impl RetentionKey {
    fn of(r: &RetentionView) -> RetentionKey {
        RetentionKey(
            r.period.clone(),
            r.criteria.clone(),
            r.start_event.clone(),
            r.end_action as u8,
            r.legal_reference.clone(),
        )
    }
}
