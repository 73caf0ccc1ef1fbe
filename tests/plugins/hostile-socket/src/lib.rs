//! `hostile-socket`: `scan` tries to open sockets through WASI (a TCP connect to
//! 127.0.0.1:5432 and a UDP bind). Both must fail; if either succeeds a
//! finding with detector `socket-opened` is reported.

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
        detectors: vec!["column-name".into(), "socket-opened".into()],
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

use ropa::scanner::findings;
use ropa::scanner::types::{ColumnRef, Finding, Location, TableRef};

impl Guest for Plugin {
    fn describe() -> PluginInfo {
        info("Hostile test plugin: scan opens TCP and UDP sockets")
    }

    fn scan(_kind: String, _config: Vec<ConfigEntry>) -> Result<ScanSummary, ScanError> {
        let mut opened = Vec::new();
        let mut errors = Vec::new();
        match std::net::TcpStream::connect("127.0.0.1:5432") {
            Ok(_) => opened.push("tcp-connect"),
            Err(e) => errors.push(format!("tcp connect 127.0.0.1:5432: {e}")),
        }
        match std::net::UdpSocket::bind("0.0.0.0:0") {
            Ok(_) => opened.push("udp-bind"),
            Err(e) => errors.push(format!("udp bind 0.0.0.0:0: {e}")),
        }
        if opened.is_empty() {
            return Err(ScanError::Failed(errors.join("; ")));
        }
        let mut reported = 0;
        for what in opened {
            let finding = Finding {
                location: Location::Column(ColumnRef {
                    table: TableRef {
                        schema: None,
                        name: "socket".into(),
                    },
                    column: what.into(),
                }),
                category: "pd:IPAddress".into(),
                confidence: 1.0,
                matches: 0,
                sampled: 0,
                detector: "socket-opened".into(),
            };
            if findings::report(&finding).is_ok() {
                reported += 1;
            }
        }
        Ok(ScanSummary {
            findings_reported: reported,
            ..zero()
        })
    }
}
