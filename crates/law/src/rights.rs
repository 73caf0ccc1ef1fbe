//! The rights of the data subject (Chapter III) and which of them follow
//! from what a processing does. The statement and the records both ask
//! here, so they cannot disagree.

use crate::basis::Basis;

/// A right of the data subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Right {
    /// Art. 13-14: to be informed. Every controller owes it; a statement
    /// lists it only when the register declares it.
    Information,
    /// Art. 15.
    Access,
    /// Art. 16.
    Rectification,
    /// Art. 17: not for processing needed for a legal obligation or a public task (17(3)(b)).
    Erasure,
    /// Art. 18.
    Restriction,
    /// Art. 20: only for consent and contract.
    Portability,
    /// Art. 21(1): only for public task and legitimate interests.
    Objection,
    /// Art. 21(2)-(3): to direct marketing, whatever its basis, and without conditions.
    ObjectionToDirectMarketing,
    /// Art. 22: only where solely automated decisions with significant effects are taken.
    HumanIntervention,
    /// Art. 7(3): wherever consent is the basis.
    WithdrawConsent,
}

impl Right {
    /// The article that grants the right, e.g. `21(2)`.
    pub fn article(self) -> &'static str {
        match self {
            Right::Information => "13-14",
            Right::Access => "15",
            Right::Rectification => "16",
            Right::Erasure => "17",
            Right::Restriction => "18",
            Right::Portability => "20",
            Right::Objection => "21(1)",
            Right::ObjectionToDirectMarketing => "21(2)",
            Right::HumanIntervention => "22",
            Right::WithdrawConsent => "7(3)",
        }
    }
}

/// What the law asks of a processing (or of all of a controller's
/// processing together) to know which rights people have.
#[derive(Debug, Clone, Copy, Default)]
pub struct Processing<'a> {
    /// The legal bases it rests on; none recorded yet counts as "any".
    pub bases: &'a [Basis],
    /// Whether it serves direct marketing, profiling for it included.
    pub direct_marketing: bool,
    /// Whether it takes decisions based solely on automated processing
    /// with legal or similarly significant effects (Art. 22(1)).
    pub solely_automated_decisions: bool,
}

/// The rights people have over the processing, in the order of the articles
/// (withdrawing consent last).
pub fn rights(processing: Processing<'_>) -> Vec<Right> {
    let used = |basis: Basis| processing.bases.contains(&basis);
    let mut rights = vec![Right::Access, Right::Rectification];
    if processing.bases.is_empty()
        || used(Basis::Consent)
        || used(Basis::Contract)
        || used(Basis::VitalInterests)
        || used(Basis::LegitimateInterests)
    {
        rights.push(Right::Erasure);
    }
    rights.push(Right::Restriction);
    if used(Basis::Consent) || used(Basis::Contract) {
        rights.push(Right::Portability);
    }
    if used(Basis::LegitimateInterests) || used(Basis::PublicTask) {
        rights.push(Right::Objection);
    }
    if processing.direct_marketing {
        rights.push(Right::ObjectionToDirectMarketing);
    }
    if processing.solely_automated_decisions {
        rights.push(Right::HumanIntervention);
    }
    if used(Basis::Consent) {
        rights.push(Right::WithdrawConsent);
    }
    rights
}

#[cfg(test)]
mod tests {
    use super::*;
    use Right::*;

    fn of(bases: &[Basis], direct_marketing: bool) -> Vec<Right> {
        rights(Processing {
            bases,
            direct_marketing,
            solely_automated_decisions: false,
        })
    }

    #[test]
    fn a_public_task_has_no_erasure_or_portability_but_objection() {
        assert_eq!(
            of(&[Basis::PublicTask], false),
            [Access, Rectification, Restriction, Objection]
        );
        assert_eq!(
            of(&[Basis::LegalObligation], false),
            [Access, Rectification, Restriction]
        );
    }

    #[test]
    fn consent_brings_portability_and_withdrawal() {
        assert_eq!(
            of(&[Basis::Consent], false),
            [
                Access,
                Rectification,
                Erasure,
                Restriction,
                Portability,
                WithdrawConsent
            ]
        );
    }

    #[test]
    fn direct_marketing_can_always_be_objected_to_whatever_its_basis() {
        assert_eq!(
            of(&[Basis::Contract], true),
            [
                Access,
                Rectification,
                Erasure,
                Restriction,
                Portability,
                ObjectionToDirectMarketing
            ]
        );
        let legitimate = of(&[Basis::LegitimateInterests], true);
        assert!(
            legitimate.contains(&Objection) && legitimate.contains(&ObjectionToDirectMarketing)
        );
    }

    #[test]
    fn automated_decisions_bring_human_intervention() {
        let list = rights(Processing {
            bases: &[Basis::Contract],
            direct_marketing: false,
            solely_automated_decisions: true,
        });
        assert!(list.contains(&HumanIntervention));
        assert!(
            of(&[], false).contains(&Erasure),
            "no basis yet: assume any"
        );
    }
}
