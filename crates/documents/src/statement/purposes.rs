//! Purposes, legal bases and legitimate interests (Art. 13(1)(c)-(d)).

use super::view::{BasisView, InterestView, LinkView, List, ObjectionView, PurposeView};
use super::web_url;
use super::{Deriver, push_unique};
use ropa_register::model::Basis;
use std::collections::{HashMap, HashSet};

impl<'a> Deriver<'a> {
    pub(super) fn purposes(&self) -> Vec<PurposeView> {
        let mut out: Vec<PurposeView> = Vec::new();
        let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                let label = self.t(&purpose.label);
                let description = self.opt(&purpose.description);
                let key = (label, description);
                let view = match index.get(&key) {
                    Some(&i) => &mut out[i],
                    None => {
                        index.insert(key.clone(), out.len());
                        let (label, description) = key;
                        out.push(PurposeView {
                            label,
                            description,
                            bases: Vec::new(),
                            minimisation: Vec::new(),
                        });
                        out.last_mut().expect("just pushed")
                    }
                };
                // The same purpose in two activities: each one's minimisation.
                if let Some(m) = self.opt(&purpose.minimisation).map(as_sentence) {
                    push_unique(&mut view.minimisation, m);
                }
                for basis in &purpose.legal_bases {
                    push_unique(&mut view.bases, basis.basis);
                }
                view.bases.sort_by_key(|b| basis_rank(*b));
            }
        }
        out
    }

    pub(super) fn bases(&self) -> Vec<BasisView> {
        let mut out: Vec<BasisView> = Vec::new();
        let mut seen: HashSet<(Basis, String)> = HashSet::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                for basis in &purpose.legal_bases {
                    let view = match out.iter_mut().position(|b| b.basis == basis.basis) {
                        Some(i) => &mut out[i],
                        None => {
                            out.push(BasisView {
                                basis: basis.basis,
                                purposes: List::default(),
                                legal_references: Vec::new(),
                                contracts: Vec::new(),
                            });
                            out.last_mut().expect("just pushed")
                        }
                    };
                    let label = self.t(&purpose.label);
                    if seen.insert((basis.basis, label.clone())) {
                        view.purposes.push(label);
                    }
                    if let Some(reference) =
                        basis.legal_reference.as_ref().and_then(|law| self.law(law))
                    {
                        push_unique(&mut view.legal_references, reference);
                    }
                    if let Some(contract) = basis
                        .contract
                        .as_ref()
                        .filter(|_| basis.basis == Basis::Contract)
                    {
                        let url = contract.url.as_deref().map(str::trim).unwrap_or_default();
                        push_unique(
                            &mut view.contracts,
                            LinkView {
                                text: self.t(&contract.title),
                                href: web_url(url).then(|| url.to_owned()),
                            },
                        );
                    }
                }
            }
        }
        out.sort_by_key(|b| basis_rank(b.basis));
        out
    }

    pub(super) fn interests(&self) -> (Vec<InterestView>, Vec<ObjectionView>) {
        let mut interests: Vec<InterestView> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut seen: HashSet<(usize, String)> = HashSet::new();
        let mut objections: Vec<ObjectionView> = Vec::new();
        for (_, activity) in self.public() {
            for purpose in &activity.purposes {
                for basis in &purpose.legal_bases {
                    let Some(text) = self.opt(&basis.legitimate_interest) else {
                        continue;
                    };
                    if basis.basis != Basis::LegitimateInterests {
                        continue;
                    }
                    let at = match index.get(&text) {
                        Some(&i) => i,
                        None => {
                            index.insert(text.clone(), interests.len());
                            interests.push(InterestView {
                                text,
                                purposes: List::default(),
                            });
                            interests.len() - 1
                        }
                    };
                    let label = self.t(&purpose.label);
                    if seen.insert((at, label.clone())) {
                        interests[at].purposes.push(label);
                    }
                }
            }
            // The right to object of Art. 21(1) belongs to processing on
            // legitimate interests or a public task; objecting to direct
            // marketing has its own place under the rights, which tells
            // the other objections of direct-marketing activities.
            if let Some(objection) = activity
                .objection
                .as_ref()
                .filter(|_| activity.objectable())
            {
                let description = self.t(&objection.description);
                let channels = self.channels(&objection.channels);
                match objections
                    .iter_mut()
                    .position(|o| o.description == description)
                {
                    Some(i) => {
                        for c in channels {
                            push_unique(&mut objections[i].channels, c);
                        }
                    }
                    None => objections.push(ObjectionView {
                        description,
                        channels,
                    }),
                }
            }
        }
        (interests, objections)
    }
}

/// The order bases are told in: contract first, consent last, as the seed does.
fn basis_rank(basis: Basis) -> u8 {
    match basis {
        Basis::Contract => 0,
        Basis::LegalObligation => 1,
        Basis::VitalInterests => 2,
        Basis::PublicTask => 3,
        Basis::LegitimateInterests => 4,
        Basis::Consent => 5,
    }
}

/// A text as a sentence of its own: a phrase ("we record events under a
/// random identifier") gets its capital and full stop.
fn as_sentence(text: String) -> String {
    if super::is_sentence(&text) {
        text
    } else {
        format!("{}.", super::capitalised(&text))
    }
}
