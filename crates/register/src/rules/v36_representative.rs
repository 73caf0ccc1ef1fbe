//! V36: a controller established outside the territory names its
//! representative, or the ground of Art. 27(2) on which it has none.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::{RepresentativeGround, SpecialCategory, UnderLaw};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// When `organisation.json` says `"established_in_territory": false`
    /// (no establishment in the EEA, or in the UK under the UK GDPR), it
    /// names a `representative` with contact channels, or records a
    /// `representative_exemption` with its Art. 27(2) `ground` and `reason`.
    /// The `public_authority` ground needs `"public_authority": true`; the
    /// `occasional` ground is a warning when the register holds
    /// special-category or criminal data, which Art. 27(2)(a) excludes at a
    /// large scale. A representative recorded for a controller established
    /// inside the territory is a warning: Art. 27 does not apply to it. A
    /// controller also under the other law says the same for it in its
    /// `also_under` entry, which is checked in the same way.
    ///
    /// ## Why
    /// A controller that offers goods or services to people in the Union, or
    /// monitors their behaviour there, without being established there (Art.
    /// 3(2)) must designate a representative in the Union in writing (Art.
    /// 27(1)); the UK GDPR asks the same for the UK. The statement gives the
    /// representative's identity and contact details (Art. 13(1)(a),
    /// 14(1)(a)), and the record names them (Art. 30(1)(a)). Only occasional,
    /// low-risk processing without large-scale special-category or criminal
    /// data, and public authorities, are exempt (Art. 27(2)).
    ///
    /// ## Example
    /// ```json
    /// "established_in_territory": false, "representative": null
    /// ```
    ///
    /// ## How to fix
    /// Add `"representative": {"name": "…", "contact": [ … ]}`, or
    /// `"representative_exemption": {"ground": "occasional", "reason": "…"}`
    /// with the assessment that shows why the ground applies.
    ///
    /// ## Reference
    /// - [§4, row V36](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§6: controllers outside the EU](docs/gdpr-register-model.md#6-controllers-of-every-kind)
    V36 {
        title: "a controller established outside the territory has a representative or an exemption",
        articles: "Art. 3(2), 27, 13(1)(a), 30(1)(a)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for law in register.organisation.laws() {
        check_law(register, &law, out);
    }
}

/// Under one law the controller is subject to: the register's own, or one
/// of `also_under`, each with its own territory and representative.
fn check_law(register: &Register, law: &UnderLaw<'_>, out: &mut Findings) {
    let org = &register.organisation;
    let territory = law.jurisdiction.territory();
    let file = &FileRef::Organisation;
    if law.established_in_territory {
        if law.representative.is_some() {
            out.warning(
                Rule::V36,
                file,
                law.pointer("representative"),
                format!("the controller is established in {territory}, so Art. 27 does not apply, yet a representative is recorded and the statement names it"),
                "remove \"representative\", or set \"established_in_territory\": false if the controller has no establishment there",
            );
        }
        return;
    }
    match (law.representative, law.representative_exemption) {
        (Some(representative), _) => {
            if representative.contact.is_empty() {
                out.error(
                    Rule::V36,
                    file,
                    format!("{}/contact", law.pointer("representative")),
                    "the representative has no contact details, and the statement must give them (Art. 13(1)(a))",
                    "add \"contact\" channels for the representative",
                );
            }
            if law.representative_exemption.is_some() {
                out.warning(
                    Rule::V36,
                    file,
                    law.pointer("representative_exemption"),
                    "a representative is designated, and an exemption from designating one is recorded as well",
                    "remove \"representative_exemption\"",
                );
            }
        }
        (None, None) => out.error(
            Rule::V36,
            file,
            law.pointer("representative"),
            format!("the controller is not established in {territory} and names no representative there, nor an Art. 27(2) exemption"),
            "add \"representative\": {\"name\": \"…\", \"contact\": […]}, or \"representative_exemption\": {\"ground\": \"occasional\" | \"public_authority\", \"reason\": \"…\"}",
        ),
        (None, Some(exemption)) => match exemption.ground {
            RepresentativeGround::PublicAuthority if !org.public_authority => out.error(
                Rule::V36,
                file,
                format!("{}/ground", law.pointer("representative_exemption")),
                "the exemption for public authorities (Art. 27(2)(b)) is claimed, and the controller is not recorded as a public authority",
                "set \"public_authority\": true if it is one, or designate a representative",
            ),
            RepresentativeGround::Occasional if holds_sensitive_data(register) => out.warning(
                Rule::V36,
                file,
                format!("{}/ground", law.pointer("representative_exemption")),
                "the exemption for occasional processing (Art. 27(2)(a)) is claimed, and the register holds special-category or criminal data, which the exemption excludes at a large scale",
                "check that the processing is occasional and not at a large scale, and say why in \"reason\"; otherwise designate a representative",
            ),
            _ => {}
        },
    }
}

fn holds_sensitive_data(register: &Register) -> bool {
    register
        .categories
        .categories
        .iter()
        .any(|c| c.special != SpecialCategory::None || c.criminal)
}
