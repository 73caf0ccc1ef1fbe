//! What a system's scan may be granted (S10): a plugin that can read
//! personal data and also reach the network could send what it read to an
//! allowed host (a GET of `https://allowed.example/<value>`), past every
//! check on its findings. So a system grants a data capability (`sql`,
//! `files`) and `http` together only when its entry says so.

use super::{Findings, Rule};
use crate::register::{FileRef, Register};

pub(super) fn check(register: &Register, out: &mut Findings) {
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
