//! The statement laid out by service: each service's data, purposes,
//! retention and recipients, derived from its activities alone.

use super::Deriver;
use super::view::ServiceView;

impl<'a> Deriver<'a> {
    /// The controller's services, in the register's order.
    pub(super) fn services(&self) -> Vec<ServiceView> {
        self.register
            .organisation
            .notice
            .services
            .iter()
            .map(|service| {
                let scoped = Deriver {
                    register: self.register,
                    lang: self.lang,
                    words: self.words,
                    categories: self.categories.clone(),
                    recipients: self.recipients.clone(),
                    only: Some(&service.activities),
                };
                let categories = scoped.categories();
                let (retention, retention_uniform) = scoped.retention(&categories);
                let recipients = scoped
                    .recipients()
                    .into_iter()
                    .flat_map(|group| group.recipients)
                    .map(|r| r.name.unwrap_or(r.label))
                    .collect();
                ServiceView {
                    id: service.id.to_string(),
                    name: self.t(&service.name),
                    description: self.opt(&service.description),
                    categories,
                    purposes: scoped.purposes(),
                    retention,
                    retention_uniform,
                    recipients,
                }
            })
            .collect()
    }
}
