//! The JSON-API scan: GET each configured endpoint, walk the JSON body and
//! classify every field from its key and values, at
//! `endpoint#/pointer/*/key` (`*` for array elements and for keys that are
//! values).
//!
//! `endpoints` are absolute `http(s)://` URLs or paths joined to
//! `base-url`. A response that is not 2xx, is HTML rather than JSON, or is
//! not valid JSON is logged and counted as skipped; a body cut at
//! `max-body` is walked as far as it goes. A generic `name` key is a
//! person's name only under a person word (`/customers/*/name`, or
//! `/data/*/name` of an endpoint `/users`).

use crate::config::{Config, ConfigKey, ConfigType};
use crate::json::{self, Walked};
use crate::scanner::{Fields, PluginSpec, Reporter, classify_field};
use crate::source::{
    Capability, HttpResponse, HttpSource, Level, Location, ScanError, ScanSummary, Sink,
};

/// The system kinds the JSON-API scanner knows.
pub const SYSTEM_KINDS: &[&str] = &["http-json"];

/// The default `max-body`: 4 MiB.
pub const DEFAULT_MAX_BODY: u64 = 4 << 20;

/// The JSON-API scanner's configuration keys.
pub const CONFIG: &[ConfigKey] = &[
    ConfigKey {
        name: "endpoints",
        value_type: ConfigType::TextList,
        description: "The endpoints to GET: absolute http(s) URLs, or paths joined to base-url (e.g. \"/api/v1/contacts?limit=100\")",
        required: true,
        default_value: None,
    },
    ConfigKey {
        name: "base-url",
        value_type: ConfigType::Text,
        description: "The URL that endpoint paths are joined to, e.g. \"https://crm.example.nl\"; needed when an endpoint is a path",
        required: false,
        default_value: None,
    },
    ConfigKey {
        name: "max-body",
        value_type: ConfigType::Integer,
        description: "Bytes of each response body read at most (1024 to 268435456); a longer body is walked as far as it was read",
        required: false,
        default_value: Some("4194304"),
    },
    ConfigKey {
        name: "sample-rows",
        value_type: ConfigType::Integer,
        description: "Values classified per field of a response at most (1 to 1000000)",
        required: false,
        default_value: Some("1000"),
    },
];

/// What the JSON-API scanner says about itself.
pub const SPEC: PluginSpec = PluginSpec {
    description: "Finds personal data in the responses of JSON APIs: keys and values of each configured endpoint",
    system_kinds: SYSTEM_KINDS,
    capabilities: &[Capability::Http, Capability::Log],
    config: CONFIG,
};

/// The JSON-API scan's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The absolute URLs to GET, in order.
    pub urls: Vec<String>,
    /// Bytes read per body at most.
    pub max_body: u64,
    /// Values classified per field at most.
    pub sample_rows: u64,
}

impl Options {
    /// Reads the settings from a configuration: every endpoint resolved to
    /// an absolute URL, or a `bad-config` error naming the one that cannot
    /// be.
    pub fn from_config(config: &Config) -> Result<Options, ScanError> {
        config.check(CONFIG)?;
        let base = config
            .text("base-url")?
            .map(str::trim)
            .filter(|b| !b.is_empty());
        if let Some(b) = base
            && !is_absolute(b)
        {
            return Err(ScanError::BadConfig(format!(
                "`base-url` must start with https:// or http://, not {:?}",
                shorten(b)
            )));
        }
        let endpoints = config.text_list("endpoints")?;
        if endpoints.is_empty() {
            return Err(ScanError::BadConfig(
                "`endpoints` is empty: name at least one endpoint to scan".into(),
            ));
        }
        let urls = endpoints
            .iter()
            .map(|e| resolve(base, e))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Options {
            urls,
            max_body: config.integer_in("max-body", DEFAULT_MAX_BODY as i64, 1024, 256 << 20)?
                as u64,
            sample_rows: config.integer_in("sample-rows", 1000, 1, 1_000_000)? as u64,
        })
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(80).collect()
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// An endpoint as an absolute URL: as it is when absolute, else joined to
/// `base` with exactly one `/` between them.
///
/// ```
/// use ropa_plugin_sdk::scanner::json_api::resolve;
/// assert_eq!(resolve(Some("https://crm.example.nl/api/"), "/v1/contacts").unwrap(), "https://crm.example.nl/api/v1/contacts");
/// assert_eq!(resolve(None, "https://x.example/users").unwrap(), "https://x.example/users");
/// assert!(resolve(None, "/users").is_err());
/// ```
pub fn resolve(base: Option<&str>, endpoint: &str) -> Result<String, ScanError> {
    let e = endpoint.trim();
    if e.is_empty() {
        return Err(ScanError::BadConfig(
            "`endpoints` holds an empty entry".into(),
        ));
    }
    if is_absolute(e) {
        return Ok(e.to_string());
    }
    if e.contains("://") {
        return Err(ScanError::BadConfig(format!(
            "endpoint {:?} is neither an http(s) URL nor a path",
            shorten(e)
        )));
    }
    let Some(base) = base else {
        return Err(ScanError::BadConfig(format!(
            "endpoint {:?} is a path, but `base-url` is not set",
            shorten(e)
        )));
    };
    Ok(format!(
        "{}/{}",
        base.trim_end_matches('/'),
        e.trim_start_matches('/')
    ))
}

/// The path of a URL without query string or fragment: what a finding's
/// `endpoint` names (`https://x.example/api/users?page=2` → `/api/users`).
pub fn endpoint_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = match after_scheme.find('/') {
        Some(i) => &after_scheme[i..],
        None => "/",
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.is_empty() {
        "/".into()
    } else {
        path.into()
    }
}

/// Scans the endpoints of a system of kind `system_kind`.
pub fn scan<H: HttpSource + ?Sized, S: Sink + ?Sized>(
    http: &mut H,
    sink: &mut S,
    system_kind: &str,
    config: &Config,
) -> Result<ScanSummary, ScanError> {
    if !SYSTEM_KINDS.contains(&system_kind) {
        return Err(ScanError::UnsupportedKind(system_kind.to_string()));
    }
    let options = Options::from_config(config)?;
    scan_with(http, sink, &options)
}

/// Why a response was not scanned, if it was not.
fn unusable(resp: &HttpResponse) -> Option<String> {
    if !(200..300).contains(&resp.status) {
        return Some(format!("status {}", resp.status));
    }
    let ct = resp
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let first = resp.body.iter().find(|b| !b.is_ascii_whitespace());
    if ct.contains("html") || ct.contains("xml") || first == Some(&b'<') {
        return Some(format!(
            "HTML or XML instead of JSON (content type {:?})",
            shorten(resp.content_type.as_deref().unwrap_or("none"))
        ));
    }
    if first.is_none() {
        return Some("an empty body".into());
    }
    None
}

/// Scans the endpoints with explicit settings.
pub fn scan_with<H: HttpSource + ?Sized, S: Sink + ?Sized>(
    http: &mut H,
    sink: &mut S,
    options: &Options,
) -> Result<ScanSummary, ScanError> {
    let mut r = Reporter::new(sink);
    let total = options.urls.len() as u64;
    for (done, url) in options.urls.iter().enumerate() {
        if r.stopped() {
            break;
        }
        let endpoint = endpoint_path(url);
        r.progress(done as u64, Some(total), &format!("endpoint {endpoint}"));
        let resp = match http.get(url, options.max_body) {
            Ok(resp) => resp,
            Err(e) => {
                if !r.skipped(1, &format!("endpoint {endpoint}"), &e) {
                    break;
                }
                continue;
            }
        };
        if let Some(why) = unusable(&resp) {
            r.left_out(
                1,
                Level::Warn,
                &format!("skipped endpoint {endpoint}: {why}"),
            );
            continue;
        }
        let mut fields = Fields::new(options.sample_rows);
        match json::walk(&resp.body, "", |p, v| fields.add(p, &v)) {
            Ok(Walked::Complete) => {}
            Ok(Walked::Truncated) => r.log(
                Level::Info,
                &format!(
                    "endpoint {endpoint}: the body {} before its end; walked as far as it goes",
                    if resp.truncated {
                        "was cut at max-body"
                    } else {
                        "stops"
                    }
                ),
            ),
            Err(e) => {
                r.left_out(
                    1,
                    Level::Warn,
                    &format!("skipped endpoint {endpoint}: not valid JSON ({e})"),
                );
                continue;
            }
        }
        let context = endpoint
            .trim_end_matches('/')
            .rsplit('/')
            .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("")
            .to_string();
        for field in fields.iter() {
            let found = classify_field(&field.name(&context), field.sql_type(), &field.stats);
            for f in &found {
                let location = Location::Endpoint {
                    endpoint: endpoint.clone(),
                    field: field.pointer.clone(),
                };
                if !r.report(location, f) {
                    break;
                }
            }
        }
        r.examined(fields.len() as u64, fields.values());
    }
    if !r.stopped() {
        r.progress(total, Some(total), "done");
    }
    Ok(r.finish())
}
