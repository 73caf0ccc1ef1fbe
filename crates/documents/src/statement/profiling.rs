//! Automated decisions and profiling (Art. 13(2)(f), 22).

use super::view::{DecisionView, OtherProfilerView, ProfilingDataView, ProfilingView};
use super::{Deriver, push_unique};

impl<'a> Deriver<'a> {
    pub(super) fn profiling(&self) -> ProfilingView {
        let mut view = ProfilingView {
            exists: false,
            descriptions: Vec::new(),
            external_sources: false,
            special_categories: Some(false),
            data_types: Vec::new(),
            opt_outs: Vec::new(),
            by_others: Vec::new(),
            decisions: Vec::new(),
            no_decisions: true,
        };
        let mut any_public = false;
        for (_, activity) in self.public() {
            any_public = true;
            match &activity.automated_decisions {
                Some(adm) if adm.solely_automated_significant => {
                    view.no_decisions = false;
                    view.decisions.push(DecisionView {
                        activity: self.t(&activity.name),
                        logic: self.opt(&adm.logic),
                        consequences: self.opt(&adm.consequences),
                        safeguards: adm.safeguards.clone(),
                        authorising_law: adm
                            .legal_reference
                            .as_ref()
                            .filter(|_| adm.exception.as_deref() == Some("b"))
                            .and_then(|law| self.law(law)),
                    });
                }
                Some(_) => {}
                None => view.no_decisions = false,
            }
            let profiling = &activity.profiling;
            // Told whether or not the organisation profiles itself.
            for other in &profiling.by_others {
                push_unique(
                    &mut view.by_others,
                    OtherProfilerView {
                        who: self.t(&other.who),
                        description: self.t(&other.description),
                    },
                );
            }
            if !profiling.exists {
                continue;
            }
            view.exists = true;
            if let Some(d) = self.opt(&profiling.description) {
                push_unique(&mut view.descriptions, d);
            }
            view.external_sources |= profiling.external_sources == Some(true);
            view.special_categories = match (view.special_categories, profiling.special_categories)
            {
                (_, Some(true)) | (Some(true), _) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            };
            // A kind of data told once, unless activities describe it
            // differently: then each description is told.
            for data in &profiling.data_types {
                let label = self.t(&data.label);
                let description = self.opt(&data.description);
                let same = view.data_types.iter_mut().find(|d| {
                    d.label == label
                        && (d.description.is_none()
                            || description.is_none()
                            || d.description == description)
                });
                match same {
                    Some(told) => told.description = told.description.take().or(description),
                    None => view
                        .data_types
                        .push(ProfilingDataView { label, description }),
                }
            }
            if let Some(o) = self.opt(&profiling.opt_out) {
                push_unique(&mut view.opt_outs, o);
            }
        }
        if !view.exists {
            view.special_categories = None;
        }
        view.no_decisions &= any_public;
        view
    }
}
