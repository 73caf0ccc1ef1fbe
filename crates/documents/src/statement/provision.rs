//! Which data people must provide, and what happens if they do not
//! (Art. 13(2)(e)).

use super::Deriver;
use super::view::{List, ProvisionItem, ProvisionView};
use ropa_register::model::{Basis, ProvisionKind};

impl<'a> Deriver<'a> {
    pub(super) fn provision(&self) -> ProvisionView {
        let mut view = ProvisionView {
            for_a_contract: false,
            marker: None,
            consequence: None,
            optional_fields: None,
            required_by_law: Vec::new(),
            required_for_contract: Vec::new(),
            voluntary: List::default(),
            voluntary_consequences: Vec::new(),
        };
        for category in self.used_categories() {
            // The category as a whole, then each item that says otherwise.
            let own = category.provision.iter().map(|p| (&category.label, p));
            let items = category
                .items
                .iter()
                .filter_map(|i| i.provision.as_ref().map(|p| (&i.label, p)));
            for (label, provision) in own.chain(items) {
                let item = ProvisionItem {
                    label: self.t(label),
                    consequence: self.opt(&provision.consequence),
                };
                match provision.kind {
                    ProvisionKind::RequiredByLaw => view.required_by_law.push(item),
                    ProvisionKind::RequiredForContract => view.required_for_contract.push(item),
                    ProvisionKind::Voluntary => {
                        view.voluntary.push(item.label.clone());
                        if item.consequence.is_some() {
                            view.voluntary_consequences.push(item);
                        }
                    }
                    // The form marks them; `notice.form_fields` says how.
                    ProvisionKind::MarkedPerField => {}
                }
            }
        }
        let contract = self.public().any(|(_, a)| {
            a.purposes
                .iter()
                .any(|p| p.legal_bases.iter().any(|b| b.basis == Basis::Contract))
        });
        view.for_a_contract = !view.required_for_contract.is_empty()
            || (contract && self.register.organisation.notice.form_fields.is_some());
        if let Some(fields) = &self.register.organisation.notice.form_fields {
            view.marker = Some(fields.marker.trim().to_owned());
            view.consequence = Some(self.t(&fields.consequence));
            view.optional_fields = self.opt(&fields.optional_fields);
        }
        view
    }
}
