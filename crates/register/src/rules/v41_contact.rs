//! V41: the controller and the supervisory authority can be reached.

use super::declare::rule;
use super::{Findings, Rule};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// `organisation.json` gives at least one contact channel for the
    /// controller, at least one channel where people exercise their rights,
    /// and the supervisory authority's website as an `http(s)://` address.
    ///
    /// ## Why
    /// The statement must give the identity and contact details of the
    /// controller (Art. 13(1)(a)) and the right to lodge a complaint with a
    /// supervisory authority (Art. 13(2)(d), 77); a complaint right without
    /// a way to reach the authority is no help. People also need a place to
    /// send their requests (Art. 12(2)).
    ///
    /// ## Example
    /// ```json
    /// "supervisory_authority": { "name": "Autoriteit Persoonsgegevens", "url": "autoriteitpersoonsgegevens" }
    /// ```
    ///
    /// ## How to fix
    /// Add the channels, e.g. `{ "kind": "email", "value":
    /// "privacy@example.com" }`, and the full address, e.g.
    /// `https://www.autoriteitpersoonsgegevens.nl`.
    ///
    /// ## Reference
    /// - [§4, row V41](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§1.1: organisation level](docs/gdpr-register-model.md#11-organisation-level-one-per-register)
    V41 {
        title: "the controller and the supervisory authority can be reached",
        articles: "Art. 13(1)(a), 13(2)(d), 77",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let org = &register.organisation;
    if org.controller.contact.is_empty() {
        out.error(
            Rule::V41,
            &FileRef::Organisation,
            "/controller/contact",
            "the controller has no contact channel",
            "add at least one channel, e.g. {\"kind\": \"email\", \"value\": \"privacy@example.com\"}",
        );
    }
    if org.rights.channels.is_empty() {
        out.error(
            Rule::V41,
            &FileRef::Organisation,
            "/rights/channels",
            "no channel is recorded where people can exercise their rights",
            "add at least one channel (Art. 12(2))",
        );
    }
    for law in org.laws() {
        let at = law.pointer("supervisory_authority");
        for (lang, url) in law.supervisory_authority.url.values() {
            let url = url.trim();
            if url.starts_with("https://") || url.starts_with("http://") {
                continue;
            }
            let pointer = match lang {
                Some(lang) => format!("{at}/url/{}", lang.code()),
                None => format!("{at}/url"),
            };
            out.error(
                Rule::V41,
                &FileRef::Organisation,
                &pointer,
                format!("the supervisory authority's website \"{url}\" is not a web address"),
                "give the full address, e.g. https://www.autoriteitpersoonsgegevens.nl",
            );
        }
    }
}
