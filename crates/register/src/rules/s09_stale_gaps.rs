//! S09: every acknowledged known gap still occurs.

use super::declare::rule;

rule! {
    /// ## What it checks
    /// Each entry of a file's `known_gaps` names a rule that exists, that may
    /// be acknowledged, and that still fires at the place it names.
    ///
    /// ## Why
    /// A known gap is the DPO's note that a problem is known and accepted
    /// for now; it turns the rule's errors at that place into warnings. Once
    /// the gap is closed the note is stale, and left in place it would hide
    /// the same problem if it came back. Rules whose failure makes the
    /// processing unlawful (not acknowledgeable) cannot be waved through.
    ///
    /// ## Example
    /// ```json
    /// "known_gaps": [{ "rule": "V15", "at": "/retention", "note": "…" }]
    /// ```
    /// when the retention at `/retention` is now concrete.
    ///
    /// ## How to fix
    /// Remove the entry from `known_gaps`; for a rule that cannot be
    /// acknowledged, fix the problem instead.
    ///
    /// ## Reference
    /// - [§4: the rules and their severities](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    /// - [§5.2: the gaps a statement may have](docs/gdpr-register-model.md#52-what-the-seed-omits-or-under-specifies-completeness-checks)
    S09 {
        title: "every acknowledged known gap still occurs",
        articles: "",
        severity: Warning,
        acknowledgeable: false,
        check: Elsewhere("validate.rs (`apply_known_gaps`), after the rules have run"),
    }
}
