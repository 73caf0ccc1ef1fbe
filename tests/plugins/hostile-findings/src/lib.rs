//! `hostile-findings`: `scan` reports ten million well-formed findings (one
//! real column, a category of its own each) and ignores
//! every error (including `limit-exceeded`). The host must stop it.

wit_bindgen::generate!({
    path: "../../../plugins/wit",
    world: "scanner",
});

use exports::ropa::scanner::plugin::Guest;
use ropa::scanner::types::{Capability, ConfigEntry, PluginInfo, ScanError, ScanSummary};

struct Plugin;

export!(Plugin);

fn info(description: &str) -> PluginInfo {
    PluginInfo {
        name: env!("CARGO_PKG_NAME").into(),
        version: "0.1.0".into(),
        description: description.into(),
        system_kinds: vec!["sqlite".into(), "files".into()],
        capabilities: vec![Capability::Sql, Capability::Files, Capability::Log],
        config: vec![],
        detectors: vec!["column-name".into()],
    }
}

#[allow(dead_code)]
fn zero() -> ScanSummary {
    ScanSummary {
        findings_reported: 0,
        locations_examined: 0,
        values_sampled: 0,
        locations_skipped: 0,
        truncated: false,
    }
}

use ropa::scanner::types::{ColumnRef, Finding, Location};
use ropa::scanner::{findings, sql};

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan floods the host with findings")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        // Real columns and real DPV kinds, so that every finding is
        // well-formed and only the count is wrong: every column with every
        // kind, then the same again.
        let table = sql::list_tables()
            .ok()
            .and_then(|t| t.into_iter().next())
            .ok_or_else(|| ScanError::Failed("no table".into()))?;
        let columns = sql::list_columns(&table)
            .map_err(ScanError::Capability)?;
        const KINDS: [&str; 40] = [
            "Name", "EmailAddress", "TelephoneNumber", "PhysicalAddress", "BirthDate",
            "BirthPlace", "Age", "Gender", "Nationality", "OfficialID", "BankAccount",
            "PaymentCardNumber", "IPAddress", "Username", "Password", "Identifier", "UserAgent",
            "Location", "MaritalStatus", "Salary", "Income", "Health", "Religion", "Ethnicity",
            "Criminal", "Picture", "Fingerprint", "Passport", "Tax", "Transaction", "Purchase",
            "Preference", "Interest", "Language", "Job", "Education", "Family", "Country",
            "Weight", "Tattoo",
        ];
        let mut accepted = 0u64;
        for i in 0..10_000_000usize {
            let finding = Finding {
                location: Location::Column(ColumnRef {
                    table: table.clone(),
                    column: columns[i % columns.len()].name.clone(),
                }),
                category: format!("pd:{}", KINDS[(i / columns.len()) % KINDS.len()]),
                confidence: 0.5,
                matches: 0,
                sampled: 0,
                detector: "column-name".into(),
            };
            // Ignored on purpose, limit-exceeded included.
            if findings::report(&finding).is_ok() {
                accepted += 1;
            }
        }
        Ok(ScanSummary {
            findings_reported: accepted,
            locations_examined: 10_000_000,
            ..zero()
        })
    }
}
