//! S11: a system's kind is written in the words plugins use.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::SystemKind;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// A system whose `kind` is `"http_api"`, the old name of
    /// `"http-json"`, is a warning. It is still read as `"http-json"`.
    ///
    /// ## Why
    /// A system's kind is also what its scanner plugin is told it scans and
    /// what a plugin declares it can scan (`ropa plugin inspect` shows it):
    /// one word for one kind, in the register, the plugins and the
    /// messages, so that a plugin of the wrong kind is told so in words
    /// that match the entry.
    ///
    /// ## Example
    /// ```json
    /// "kind": "http_api"
    /// ```
    ///
    /// ## How to fix
    /// Write `"kind": "http-json"`.
    ///
    /// ## Reference
    /// The scan itself is a feature of the tool.
    ///
    /// - [§4: the rules and their severities](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    S11 {
        title: "a system's kind is written in the words plugins use",
        articles: "",
        severity: Warning,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (id, system) in &register.systems {
        if system.kind == SystemKind::LegacyHttpApi {
            out.warning(
                Rule::S11,
                &FileRef::System(id.clone()),
                "/kind",
                format!("the kind of \"{id}\" is \"http_api\", the old name of \"http-json\""),
                "write \"kind\": \"http-json\"; plugins declare and are told that word",
            );
        }
    }
}
