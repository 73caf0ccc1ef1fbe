//! How a rule is declared: [`rule!`] in the rule's own file turns its doc
//! comment and metadata into a [`RuleDef`]; [`registry!`] in `rules/mod.rs`
//! turns the one list of rule files into the [`Rule`](super::Rule) enum and
//! its lookups. Nothing else lists the rules.

use serde_json::Value;

use super::{Finding, Findings, Rule};
use crate::diagnostic::Severity;
use crate::model::Lang;
use crate::register::{FileRef, Register};

/// Everything ropa knows about one rule, declared once in its file.
pub(crate) struct RuleDef {
    pub rule: Rule,
    pub id: &'static str,
    /// One line, as `ropa rules` lists it.
    pub title: &'static str,
    /// The articles (or other sources) the rule rests on; empty for the
    /// structural rules that rest on none.
    pub articles: &'static str,
    /// The severity of its findings unless a finding says otherwise (several
    /// rules warn where the law only recommends; the documentation says when).
    pub severity: Severity,
    /// Whether a DPO may acknowledge its findings as a known gap (`KnownGap`).
    pub acknowledgeable: bool,
    /// The doc comment of the declaration: what it checks, why, an example,
    /// how to fix it, and the section of `docs/gdpr-register-model.md`.
    pub doc: &'static str,
    pub check: Check,
}

/// Where a rule's check runs.
pub(crate) enum Check {
    /// Over the loaded register, in [`super::check`].
    Register(fn(&Register, &mut Findings)),
    /// On each file as written, by the loader while it still holds the parsed
    /// JSON (V40, V50).
    Document(fn(&FileRef, &Value, &[Lang]) -> Vec<Finding>),
    /// Where the files are read or the known gaps applied, before or after
    /// the rules run; says where, for a maintainer looking for it.
    Elsewhere(&'static str),
}

/// Declares the rule of this file as `pub(super) const RULE`. The doc
/// comment becomes the text `ropa rules <ID>` prints.
///
/// ```ignore
/// rule! {
///     /// ## What it checks
///     /// …
///     V15 {
///         title: "retention is concrete",
///         articles: "Art. 13(2)(a)",
///         severity: Error,
///         acknowledgeable: true,
///         check: Register(check),
///     }
/// }
/// ```
macro_rules! rule {
    (
        $(#[doc = $doc:literal])*
        $id:ident {
            title: $title:literal,
            articles: $articles:literal,
            severity: $severity:ident,
            acknowledgeable: $ack:literal,
            check: $kind:ident($check:expr),
        }
    ) => {
        pub(super) const RULE: $crate::rules::declare::RuleDef = $crate::rules::declare::RuleDef {
            rule: $crate::rules::Rule::$id,
            id: stringify!($id),
            title: $title,
            articles: $articles,
            severity: $crate::diagnostic::Severity::$severity,
            acknowledgeable: $ack,
            doc: concat!($($doc, "\n"),*),
            check: $crate::rules::declare::Check::$kind($check),
        };
    };
}
pub(crate) use rule;

/// Declares the rule files (`mod`), the [`Rule`](super::Rule) enum in list
/// order, and the table of their [`RuleDef`]s. A file listed under an id it
/// does not declare fails to compile.
macro_rules! registry {
    ($($id:ident => $module:ident,)*) => {
        $(pub(crate) mod $module;)*

        /// A rule. `S..` are structural (a file must be readable and
        /// well-formed); `V..` are the legal rules of the reference's §4,
        /// numbered as there.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($id,)*
        }

        /// Indexed by `Rule as usize`: the enum is declared in this order.
        const DEFS: &[&$crate::rules::declare::RuleDef] = &[$(&$module::RULE,)*];

        const _: () = {
            $(assert!(
                matches!($module::RULE.rule, Rule::$id),
                concat!("rules/", stringify!($module), ".rs does not declare ", stringify!($id)),
            );)*
        };
    };
}
pub(crate) use registry;
