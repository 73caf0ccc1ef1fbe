//! S10: a scan is granted personal data and the network together only when
//! its system says so.

use super::declare::rule;
use super::{Findings, Rule};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// A system whose `scan.grants` give the scanner plugin a data capability
    /// (`sql` or `files`) and `http` together is an error, unless the entry
    /// says `"data_and_network": true`, which turns it into a warning.
    ///
    /// ## Why
    /// A plugin that can read personal data and also reach the network
    /// could send what it read to an allowed host (a GET of
    /// `https://allowed.example/<value>`), past every check on its findings.
    /// Art. 32(1) asks for measures that keep personal data confidential;
    /// the scan must not become the leak.
    ///
    /// ## Example
    /// ```json
    /// "scan": { "plugin": "…", "grants": { "sql": { … }, "http": { "hosts": ["api.example.com"] } } }
    /// ```
    ///
    /// ## How to fix
    /// Grant only what the plugin needs: split the system in two (one entry
    /// for the data, one for the API). If one plugin truly needs both, say
    /// so with `"data_and_network": true` in `scan.grants`; ropa then warns.
    ///
    /// ## Reference
    /// The scan itself is a feature of the tool.
    ///
    /// - [§4, row V42: security measures, Art. 32](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    S10 {
        title: "a scan is granted personal data and the network together only when its system says so",
        articles: "Art. 32(1)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    for (id, system) in &register.systems {
        let Some(scan) = &system.scan else { continue };
        let grants = &scan.grants;
        let data = match (&grants.sql, &grants.files) {
            (Some(_), _) => "sql",
            (None, Some(_)) => "files",
            (None, None) => continue,
        };
        if grants.http.is_none() {
            continue;
        }
        let file = FileRef::System(id.clone());
        if grants.data_and_network {
            out.warning(
                Rule::S10,
                &file,
                "/scan/grants/data_and_network",
                format!("the scan of \"{id}\" may read data ({data}) and reach the network (http): a hostile plugin could send what it reads to the allowed hosts"),
                "grant only what the plugin needs; split the system in two (one entry for the data, one for the API) where you can",
            );
        } else {
            out.error(
                Rule::S10,
                &file,
                "/scan/grants",
                format!("the scan of \"{id}\" is granted {data} and http together: a plugin that reads personal data must not also reach the network"),
                "grant the data and the API to two systems, or, if one plugin truly needs both, say so with \"data_and_network\": true in scan.grants (ropa then warns)",
            );
        }
    }
}
