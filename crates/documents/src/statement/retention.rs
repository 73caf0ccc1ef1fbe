//! How long data is kept (Art. 13(2)(a)).

use super::view::{CategoryView, LinkView, RetentionView};
use super::{Deriver, capitalised, push_unique};
use ropa_register::model::{EndAction, Retention, Storage};
use std::collections::HashMap;

impl<'a> Deriver<'a> {
    /// Retention per category, rules told once with the categories they
    /// cover; rules in the order of their first category in the catalogue.
    pub(super) fn retention(&self, categories: &[CategoryView]) -> (Vec<RetentionView>, bool) {
        // Every (category or item, rule) pair, found in one pass over the
        // activities; an item kept otherwise than its category is told by
        // its own label.
        let mut uses: Vec<(usize, String, &Retention, String)> = Vec::new();
        for (_, activity) in self.public() {
            for data in &activity.data {
                let Some(&(at, category)) = self.categories.get(&data.category) else {
                    continue;
                };
                if let Some(rule) = data.retention.as_ref().or(activity.retention.as_ref()) {
                    uses.push((at, self.t(&category.label), rule, self.t(&activity.name)));
                }
                for item in &data.item_retention {
                    // Labels head the bullet, as the categories' do.
                    if let Some(label) = category
                        .item(&item.item)
                        .map(|i| capitalised(&self.t(&i.label)))
                    {
                        uses.push((at, label, &item.retention, self.t(&activity.name)));
                    }
                }
            }
        }
        // Stable: within a category, activities keep their order.
        uses.sort_by_key(|(at, _, _, _)| *at);
        let mut out: Vec<RetentionView> = Vec::new();
        let mut index: HashMap<RetentionKey, usize> = HashMap::new();
        let mut activities: Vec<Vec<String>> = Vec::new();
        for (_, label, rule, activity) in uses {
            let view = RetentionView {
                categories: Vec::new(),
                activities: Vec::new(),
                period: rule.period.as_deref().map(|p| self.words.period(p)),
                criteria: self.opt(&rule.criteria),
                criteria_phrase: self.opt(&rule.criteria).is_some_and(|c| is_phrase(&c)),
                start_event: self.opt(&rule.start_event),
                storage: rule.storage,
                end_action: rule.end_action,
                reason: self.opt(&rule.reason),
                legal_reference: rule.legal_reference.as_ref().and_then(|law| self.law(law)),
            };
            let key = RetentionKey::of(&view);
            let i = match index.get(&key) {
                Some(&i) => i,
                None => {
                    index.insert(key, out.len());
                    out.push(view);
                    activities.push(Vec::new());
                    out.len() - 1
                }
            };
            push_unique(&mut activities[i], activity);
            push_unique(&mut out[i].categories, label);
        }
        let mut shared = Vec::new();
        // A category kept differently by different activities: each of
        // its rules says whose it is.
        for (i, rule) in out.iter().enumerate() {
            if rule.categories.iter().any(|c| {
                out.iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other.categories.contains(c))
            }) {
                shared.push(i);
            }
        }
        for i in shared {
            out[i].activities = std::mem::take(&mut activities[i]);
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
    Storage,
    Option<EndAction>,
    Option<LinkView>,
    Option<String>,
);

impl RetentionKey {
    fn of(r: &RetentionView) -> RetentionKey {
        RetentionKey(
            r.period.clone(),
            r.criteria.clone(),
            r.start_event.clone(),
            r.storage,
            r.end_action,
            r.legal_reference.clone(),
            r.reason.clone(),
        )
    }
}

/// Whether criteria are a phrase that continues "We keep this data …":
/// they open in lower case and end without a full stop.
fn is_phrase(criteria: &str) -> bool {
    criteria.chars().next().is_some_and(char::is_lowercase) && !criteria.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrases_are_told_from_sentences() {
        assert!(super::is_phrase("until you unsubscribe"));
        assert!(super::is_phrase("tot je je afmeldt"));
        assert!(!super::is_phrase("We keep it until you unsubscribe."));
        assert!(!super::is_phrase("until you unsubscribe."));
        assert!(!super::is_phrase("Until you unsubscribe"));
    }
}
