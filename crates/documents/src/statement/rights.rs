//! The rights that follow from the legal bases, direct marketing and
//! withdrawing consent (Art. 13(2)(b)-(c), 21).

use super::view::{
    BasisView, ConsentView, DirectMarketingView, LimitView, Right, RightView, RightsView,
};
use super::{Deriver, is_sentence, push_unique};
use ropa_register::model::Basis;

impl<'a> Deriver<'a> {
    pub(super) fn rights(&self, bases: &[BasisView]) -> RightsView {
        let org = &self.register.organisation;
        let used = |b: Basis| bases.iter().any(|v| v.basis == b);
        let all_bases: Vec<Basis> = bases.iter().map(|v| v.basis).collect();
        let rights = ropa_law::rights::rights(ropa_law::rights::Processing {
            bases: &all_bases,
            direct_marketing: self.public().any(|(_, a)| a.direct_marketing()),
            solely_automated_decisions: self.public().any(|(_, a)| {
                a.automated_decisions
                    .as_ref()
                    .is_some_and(|d| d.solely_automated_significant)
            }),
        });
        // Objecting to direct marketing and withdrawing consent have
        // sections of their own, with the channels to use.
        let mut list: Vec<Right> = rights
            .into_iter()
            .filter(|r| {
                !matches!(
                    r,
                    Right::ObjectionToDirectMarketing | Right::WithdrawConsent
                )
            })
            .collect();
        // Rights declared on top of the law join the list; validation
        // (V27) keeps the two with sections of their own out.
        for declared in &org.rights.declared {
            push_unique(&mut list, declared.right);
        }
        list.sort();
        let list = list
            .into_iter()
            .map(|right| {
                let declared = org.rights.declared.iter().filter(|d| d.right == right);
                let mut view = RightView {
                    right,
                    text: None,
                    route: None,
                    channels: Vec::new(),
                    limits: Vec::new(),
                };
                for d in declared {
                    view.text = view.text.or_else(|| self.opt(&d.text));
                    // The sentence ends the route itself.
                    view.route = view.route.or_else(|| {
                        self.opt(&d.route)
                            .map(|r| r.trim_end_matches('.').to_owned())
                    });
                    for c in self.channels(&d.channels) {
                        push_unique(&mut view.channels, c);
                    }
                    view.limits.extend(d.limits.iter().map(|l| {
                        LimitView {
                            // The sentence ends the limit itself.
                            text: self.t(&l.text).trim_end_matches('.').to_owned(),
                            law: l.law.as_ref().and_then(|law| self.law(law)),
                        }
                    }));
                }
                view
            })
            .collect();
        let portability_consent = used(Basis::Consent);
        let portability_contract = used(Basis::Contract);
        let objection_legitimate_interests = used(Basis::LegitimateInterests);
        let objection_public_task = used(Basis::PublicTask);
        RightsView {
            list,
            objection_legitimate_interests,
            objection_public_task,
            portability_consent,
            portability_contract,
            self_service: self.opt(&org.rights.self_service),
            channels: self.channels(&org.rights.channels),
            identity_verification: self.opt(&org.rights.identity_verification),
            response_time: self
                .words
                .period(org.rights.response_time.as_deref().unwrap_or("P1M")),
        }
    }

    pub(super) fn direct_marketing(&self) -> Option<DirectMarketingView> {
        let mut any = false;
        let mut profiling = false;
        let mut channels = Vec::new();
        let mut how = Vec::new();
        for (_, activity) in self.public() {
            if !activity.direct_marketing() {
                continue;
            }
            any = true;
            profiling |= activity.profiling.exists && activity.profiling.for_direct_marketing;
            if let Some(objection) = &activity.objection {
                for c in self.channels(&objection.channels) {
                    push_unique(&mut channels, c);
                }
                // How to object, told here unless the objections under
                // Art. 21(1) tell it already.
                if !activity.objectable() {
                    let description = self.t(&objection.description);
                    if !description.is_empty() {
                        push_unique(&mut how, description);
                    }
                }
            }
        }
        if channels.is_empty() {
            channels = self.channels(&self.register.organisation.rights.channels);
        }
        let (how_sentences, how_phrases) = how.into_iter().partition(|h| is_sentence(h));
        any.then_some(DirectMarketingView {
            profiling,
            channels,
            how_sentences,
            how_phrases,
        })
    }

    pub(super) fn consent(&self) -> Option<ConsentView> {
        let mut purposes = Vec::new();
        let mut explicit = Vec::new();
        let mut mechanisms = Vec::new();
        let mut channels = Vec::new();
        for (_, activity) in self.public() {
            let mut uses = false;
            for condition in &activity.special_category_conditions {
                if condition.condition.trim() == "a"
                    && let Some((_, category)) = self.categories.get(&condition.category)
                {
                    uses = true;
                    push_unique(&mut explicit, self.t(&category.label));
                }
            }
            for purpose in &activity.purposes {
                if purpose
                    .legal_bases
                    .iter()
                    .any(|b| b.basis == Basis::Consent)
                {
                    uses = true;
                    push_unique(&mut purposes, self.t(&purpose.label));
                }
            }
            if uses && let Some(consent) = &activity.consent {
                if let Some(m) = self.opt(&consent.mechanism) {
                    push_unique(&mut mechanisms, m);
                }
                for c in self.channels(&consent.withdrawal_channels) {
                    push_unique(&mut channels, c);
                }
            }
        }
        if purposes.is_empty() && explicit.is_empty() {
            return None;
        }
        if channels.is_empty() {
            channels = self.channels(&self.register.organisation.rights.channels);
        }
        let (mechanism_sentences, mechanism_phrases) =
            mechanisms.into_iter().partition(|m| is_sentence(m));
        Some(ConsentView {
            purposes: purposes.into(),
            explicit: explicit.into(),
            mechanism_sentences,
            mechanism_phrases,
            channels,
        })
    }
}
