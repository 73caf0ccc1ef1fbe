//! What one run is granted, below both the run (`run`) and the imports
//! that serve it (`capabilities`): the opened connectors, the vocabulary its
//! findings may use, and what the host keeps of what it showed the plugin.
//! Also the words for the contract's capabilities and their errors.

use std::collections::{BTreeSet, HashSet};

use super::bindings::types::{Capability, CapabilityError};
use super::guard;
use super::structure::Structure;
use ropa_connect::{FilesConnector, HttpConnector, SqlConnection};

/// The connectors a system's entry grants, opened by the caller.
#[derive(Default)]
pub struct Grants {
    pub sql: Option<SqlConnection>,
    pub files: Option<FilesConnector>,
    pub http: Option<HttpConnector>,
}

/// A run's connectors and what its findings may name.
pub(super) struct Capabilities {
    pub(super) grants: Grants,
    /// What the host listed and read: the places a finding may name.
    pub(super) structure: Structure,
    /// The detectors the plugin declared in `describe`.
    pub(super) detectors: HashSet<String>,
    /// Kinds of personal data beyond the DPV vocabulary that the register's
    /// categories declare.
    pub(super) kinds: HashSet<String>,
    /// `(location, category)` already reported: a repeat is ignored.
    pub(super) reported: HashSet<(String, String)>,
}

/// What a run may name in its findings besides the structure it is shown.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The detectors the plugin declared in `describe`.
    pub detectors: Vec<String>,
    /// Kinds of personal data the register's categories declare (`pd:` ids
    /// outside the DPV vocabulary the host knows).
    pub kinds: Vec<String>,
}

impl Capabilities {
    pub(super) fn new(
        grants: Grants,
        vocabulary: Vocabulary,
        config: &serde_json::Map<String, serde_json::Value>,
    ) -> Capabilities {
        let mut structure = Structure::default();
        if grants.http.is_some() {
            structure.configure_endpoints(config);
        }
        Capabilities {
            grants,
            structure,
            detectors: vocabulary.detectors.into_iter().collect(),
            kinds: vocabulary.kinds.into_iter().collect(),
            reported: HashSet::new(),
        }
    }

    pub(super) fn none() -> Capabilities {
        Capabilities::new(
            Grants::default(),
            Vocabulary::default(),
            &serde_json::Map::new(),
        )
    }
}

impl Grants {
    /// The capabilities these grants allow, in the contract's words (`log`
    /// is always allowed).
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.sql.is_some() {
            names.push("sql");
        }
        if self.files.is_some() {
            names.push("files");
        }
        if self.http.is_some() {
            names.push("http");
        }
        names.push("log");
        names
    }
}

/// Why a plugin's calls were answered `not-granted`, for whoever runs it:
/// which capabilities it asked for, what the system grants, and what the
/// plugin declared in `describe`. Only the contract's capability names,
/// so it may be saved as a failure's reason.
pub(super) fn not_granted(
    asked: &BTreeSet<&'static str>,
    grants: &Grants,
    declared: &[String],
) -> String {
    let list = |names: &mut dyn Iterator<Item = &str>| {
        let names: Vec<&str> = names.collect();
        if names.is_empty() {
            "nothing".to_owned()
        } else {
            names.join(", ")
        }
    };
    let asked_words = asked.iter().copied().collect::<Vec<_>>().join(" and ");
    let granted = list(&mut grants.names().into_iter());
    let declared_words = list(&mut declared.iter().map(String::as_str));
    let undeclared: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|a| !declared.iter().any(|d| d == a))
        .collect();
    let advice = if undeclared.is_empty() {
        "grant it in the system's scan.grants (or name it to `ropa plugin run`) if the plugin should read it".to_owned()
    } else {
        format!(
            "the plugin did not declare {} either: it asks for more than it says it needs",
            undeclared.join(", ")
        )
    };
    format!(
        "the plugin asked for {asked_words}, which this system does not grant (it grants: {granted}; the plugin declared: {declared_words}); {advice}"
    )
}

/// The DPV id (or register kind) closest to a category the host does not
/// know, for a refusal's "did you mean": only a word of the vocabulary,
/// never the plugin's own string, so the reason carries nothing it read.
/// Case and a missing `pd:` prefix are forgiven first; otherwise the
/// closest by Jaro-Winkler similarity, if close enough to be a slip.
pub(super) fn did_you_mean<'a>(
    category: &str,
    kinds: impl Iterator<Item = &'a str>,
) -> Option<String> {
    const CLOSE: f64 = 0.88;
    let wanted = category.trim().to_ascii_lowercase();
    let wanted = if wanted.starts_with("pd:") {
        wanted
    } else {
        format!("pd:{wanted}")
    };
    let ids = ropa_law::dpv::VOCABULARY
        .iter()
        .map(|(name, _)| format!("pd:{name}"))
        .chain(kinds.map(str::to_owned));
    let (best, score) = ids
        .map(|id| {
            let score = strsim::jaro_winkler(&wanted, &id.to_ascii_lowercase());
            (id, score)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (score >= CLOSE).then_some(best)
}

pub(super) fn name(capability: Capability) -> &'static str {
    match capability {
        Capability::Sql => "sql",
        Capability::Files => "files",
        Capability::Http => "http",
        Capability::Log => "log",
    }
}

/// Which kind of capability error, in words that hold nothing of the
/// plugin's own.
pub(super) fn error_kind(error: &CapabilityError) -> &'static str {
    match error {
        CapabilityError::NotGranted => "not granted",
        CapabilityError::LimitExceeded => "a limit of the run was reached",
        CapabilityError::NotFound => "not found",
        CapabilityError::Invalid(_) => "invalid",
        CapabilityError::Failed(_) => "failed",
    }
}

/// A capability error in words, for messages.
pub(super) fn describe_error(error: &CapabilityError) -> String {
    match error {
        CapabilityError::NotGranted => "not granted".to_owned(),
        CapabilityError::LimitExceeded => "a limit of the run was reached".to_owned(),
        CapabilityError::NotFound => "not found".to_owned(),
        CapabilityError::Invalid(m) => format!("invalid: {}", guard::truncate(m, 300)),
        CapabilityError::Failed(m) => format!("failed: {}", guard::truncate(m, 300)),
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn a_slip_in_a_dpv_id_gets_a_suggestion() {
        // Ambiguous: EmailAddress or EmailContent, either is a fair guess.
        let email = did_you_mean("pd:Email", std::iter::empty()).unwrap();
        assert!(email.starts_with("pd:Email"), "{email}");
        assert_eq!(
            did_you_mean("EmailAddress", std::iter::empty()).as_deref(),
            Some("pd:EmailAddress")
        );
        assert_eq!(
            did_you_mean("pd:emailadress", std::iter::empty()).as_deref(),
            Some("pd:EmailAddress")
        );
        assert_eq!(
            did_you_mean("pd:CustomerNumbr", ["pd:CustomerNumber"].into_iter()).as_deref(),
            Some("pd:CustomerNumber")
        );
        assert_eq!(did_you_mean("xq:zzzzzzzz-9", std::iter::empty()), None);
    }
}
