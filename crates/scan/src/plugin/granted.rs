//! What one run is granted, below both the run (`run`) and the imports
//! that serve it (`capabilities`): the opened connectors, the vocabulary its
//! findings may use, and what the host keeps of what it showed the plugin.
//! Also the words for the contract's capabilities and their errors.

use std::collections::HashSet;

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
