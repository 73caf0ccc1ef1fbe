//! The `http` capability: GET on the hosts a system's entry allows.
//!
//! # What a plugin can reach
//!
//! - Only absolute `http://` and `https://` URLs; any other scheme is
//!   `NotGranted`, a relative or malformed URL is `Invalid`, and so is a URL
//!   with a user name or password (the host adds credentials itself).
//! - The URL's host must be on the allow-list (`NotGranted` otherwise): the
//!   same name, compared without regard to case, nothing else (no suffix
//!   match, no DNS, `api.example.com.` is not `api.example.com`). An entry
//!   `host:port` allows that port; an entry without a port allows the
//!   scheme's default port (80 for `http`, 443 for `https`) and no other.
//! - The URL is parsed once (by the client's own URI type) and that parsed
//!   form is both what is checked and what is requested, so the check and
//!   the connection cannot disagree about the host.
//! - GET only. Redirects are not left to the client: each one (at most
//!   [`MAX_REDIRECTS`]) is checked like the first URL, so a redirect to a
//!   host off the list is `NotGranted` and nothing is sent there. A redirect
//!   from `https` to `http` is refused too, as it would send the token in
//!   the clear.
//! - TLS (rustls) checks servers against the system's CA bundle (see
//!   `root_certs`), or the Mozilla roots compiled in where there is none.
//! - The bearer token goes only into requests to allow-listed hosts (which
//!   are the only requests made). It is never written into a [`Refusal`],
//!   nor shown by `Debug`. No proxy is used, whatever the environment says.
//!
//! # Time and size
//!
//! One call (all its redirects included) has one deadline: the connector's
//! timeout or the run's deadline, whichever comes first. It bounds the name
//! lookup, the connection, the TLS handshake, the response headers and every
//! read of the body, so a server that never answers, or that trickles a
//! body forever, is cut off at the deadline: `LimitExceeded` when the run's
//! deadline was the cause, `Failed` ("… did not answer within N s")
//! otherwise. The body is read up to `max_body` bytes, at most
//! [`GET_BYTES_PER_CALL`] and at most the bytes left in the run's budget;
//! a longer body is cut there and the response says `truncated`. The bytes
//! returned are taken from the budget. A 4xx or 5xx is a response like any
//! other: the plugin decides what it means.

use std::fmt;
use std::io::Read;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION};
use ureq::http::uri::Scheme;
use ureq::http::{HeaderValue, StatusCode, Uri};
use ureq::tls::{PemItem, RootCerts, TlsConfig, parse_pem};

use super::{Budget, Refusal, spent, time_limit};

/// The most body bytes one `get` returns, whatever the plugin asks.
pub const GET_BYTES_PER_CALL: u64 = 8 * 1024 * 1024;

/// The most redirects one `get` follows.
pub const MAX_REDIRECTS: usize = 5;

/// A response; WIT `http.response`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code; a 4xx or 5xx is a response, not an error.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, at most the size asked for and the host's caps.
    pub body: Vec<u8>,
    /// Whether the body was cut at that size.
    pub truncated: bool,
}

/// GET on allow-listed hosts, with an optional bearer token.
#[derive(Clone)]
pub struct HttpConnector {
    hosts: Vec<AllowedHost>,
    /// `Bearer …`, marked sensitive.
    authorization: Option<HeaderValue>,
    timeout: Duration,
    agent: Agent,
}

/// One allow-list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AllowedHost {
    /// Lower case; an IPv6 address keeps its brackets (`[::1]`).
    host: String,
    /// `None`: the scheme's default port only.
    port: Option<u16>,
}

impl fmt::Debug for HttpConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConnector")
            .field("hosts", &self.hosts)
            .field(
                "bearer_token",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HttpConnector {
    /// Grant GET on `hosts` (each `name`, `name:port`, `[v6]` or
    /// `[v6]:port`), adding `Authorization: Bearer <bearer_token>` to every
    /// request, each call bounded by `timeout` (and the run's deadline).
    pub fn new(
        hosts: Vec<String>,
        bearer_token: Option<String>,
        timeout: Duration,
    ) -> Result<Self, Refusal> {
        let hosts = hosts
            .iter()
            .map(|entry| parse_allowed(entry))
            .collect::<Result<Vec<_>, _>>()?;
        let authorization = match bearer_token {
            None => None,
            Some(token) => {
                // RFC 6750 `b64token`, loosely: visible ASCII, no spaces.
                if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(Refusal::Failed(
                        "the bearer token is empty or contains characters not allowed in an \
                         HTTP header (only visible ASCII, no spaces)"
                            .to_owned(),
                    ));
                }
                let mut value = HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| {
                    Refusal::Failed("the bearer token cannot be sent in an HTTP header".to_owned())
                })?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        if timeout.is_zero() {
            return Err(Refusal::Failed(
                "the HTTP timeout must be above zero".to_owned(),
            ));
        }
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .user_agent(format!("ropa/{}", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(root_certs()).build())
            .build()
            .into();
        Ok(HttpConnector {
            hosts,
            authorization,
            timeout,
            agent,
        })
    }

    /// GET `url` and read at most `max_body` bytes of the body (see the
    /// module documentation for the rules). The body's bytes are taken from
    /// `budget`; `LimitExceeded` when it has none left or its deadline has
    /// passed.
    pub fn get(
        &self,
        url: &str,
        max_body: u64,
        budget: &mut Budget,
    ) -> Result<HttpResponse, Refusal> {
        let mut uri = self.check(url)?;
        budget.check_time()?;
        if max_body > 0 && budget.bytes_left() == 0 {
            return Err(spent("bytes"));
        }
        let cap = max_body.min(GET_BYTES_PER_CALL).min(budget.bytes_left());

        let own_deadline = Instant::now().checked_add(self.timeout);
        let (deadline, run_is_the_limit) = match own_deadline {
            Some(own) if own < budget.deadline() => (own, false),
            _ => (budget.deadline(), true),
        };
        let timed_out = |host: &str| {
            if run_is_the_limit {
                time_limit()
            } else {
                Refusal::Failed(format!(
                    "{host} did not answer within {}",
                    seconds(self.timeout)
                ))
            }
        };

        let mut redirects = 0;
        let response = loop {
            let host = shown_host(&uri);
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(timed_out(&host));
            }
            let mut request = self
                .agent
                .get(uri.clone())
                .config()
                .timeout_global(Some(left))
                .build();
            if let Some(authorization) = &self.authorization {
                request = request.header(AUTHORIZATION, authorization.clone());
            }
            let response = request
                .call()
                .map_err(|e| call_failed(e, &host, is_https(&uri), || timed_out(&host)))?;

            let status = response.status();
            let is_redirect = matches!(
                status,
                StatusCode::MOVED_PERMANENTLY
                    | StatusCode::FOUND
                    | StatusCode::SEE_OTHER
                    | StatusCode::TEMPORARY_REDIRECT
                    | StatusCode::PERMANENT_REDIRECT
            );
            let location = response.headers().get(LOCATION);
            let (true, Some(location)) = (is_redirect, location) else {
                break response;
            };
            if redirects == MAX_REDIRECTS {
                return Err(Refusal::Failed(format!(
                    "{host} redirected more than {MAX_REDIRECTS} times in a row"
                )));
            }
            redirects += 1;
            let location = location.to_str().ok();
            uri = self.follow(&uri, location)?;
            // The redirect's body is dropped unread (and its connection
            // with it).
        };

        let host = shown_host(&uri);
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let body = response.into_body();
        // When the announced length is over the cap, the body is cut without
        // reading further; otherwise one byte more than the cap tells whether
        // there was more.
        let announced_over = body.content_length().is_some_and(|n| n > cap);
        let limit = if announced_over { cap } else { cap + 1 };
        let mut bytes = Vec::with_capacity(cap.min(64 * 1024) as usize);
        body.into_reader()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                let timeout = matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) || Instant::now() >= deadline;
                if timeout {
                    timed_out(&host)
                } else {
                    call_failed(ureq::Error::from(e), &host, is_https(&uri), || {
                        timed_out(&host)
                    })
                }
            })?;
        let truncated = announced_over || bytes.len() as u64 > cap;
        bytes.truncate(cap as usize);
        budget.take_bytes(bytes.len() as u64)?;
        Ok(HttpResponse {
            status,
            content_type,
            body: bytes,
            truncated,
        })
    }

    /// Where a redirect from `from` to `location` (the `Location` header,
    /// `None` when not text) leads, if it may be followed.
    fn follow(&self, from: &Uri, location: Option<&str>) -> Result<Uri, Refusal> {
        let host = shown_host(from);
        let bad_location = || {
            Refusal::Failed(format!(
                "{host} redirected to an address that is not a valid URL"
            ))
        };
        let next = location
            .and_then(|location| resolve(from, location))
            .ok_or_else(bad_location)?;
        let next = self.check(&next).map_err(|refusal| match refusal {
            Refusal::NotGranted(why) => {
                Refusal::NotGranted(format!("{host} redirected elsewhere: {why}"))
            }
            _ => bad_location(),
        })?;
        if from.scheme() == Some(&Scheme::HTTPS) && next.scheme() != Some(&Scheme::HTTPS) {
            return Err(Refusal::NotGranted(format!(
                "{host} redirected from https to plain http; not followed"
            )));
        }
        Ok(next)
    }

    /// Parse `url` and check it against the rules: absolute, `http` or
    /// `https`, no user info, an allow-listed host and port.
    fn check(&self, url: &str) -> Result<Uri, Refusal> {
        // A fragment is never sent; the client's URI type does not take one.
        let url = url.split('#').next().unwrap_or_default();
        // Refuse other schemes (`file:`, `ftp:`, …) as such, even when the
        // client's URI type would not parse them.
        if let Some(scheme) = scheme_of(url)
            && !scheme.eq_ignore_ascii_case("http")
            && !scheme.eq_ignore_ascii_case("https")
        {
            return Err(Refusal::NotGranted(format!(
                "only http and https URLs may be fetched, not `{scheme}`"
            )));
        }
        let uri: Uri = url
            .parse()
            .map_err(|_| Refusal::Invalid("not a valid URL".to_owned()))?;
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(Refusal::Invalid(
                "not an absolute URL (`https://host/path` or `http://host/path`)".to_owned(),
            ));
        };
        let default_port = if *scheme == Scheme::HTTPS {
            443
        } else if *scheme == Scheme::HTTP {
            80
        } else {
            return Err(Refusal::NotGranted(format!(
                "only http and https URLs may be fetched, not `{scheme}`"
            )));
        };
        if authority.as_str().contains('@') {
            return Err(Refusal::Invalid(
                "URLs with a user name or password are not accepted; credentials are the \
                 host's to add"
                    .to_owned(),
            ));
        }
        let host = authority.host();
        let port = authority.port_u16().unwrap_or(default_port);
        let allowed = self.hosts.iter().any(|entry| {
            entry.host.eq_ignore_ascii_case(host) && entry.port.unwrap_or(default_port) == port
        });
        if !allowed {
            return Err(Refusal::NotGranted(format!(
                "{} is not on the system's allow-list",
                shown_host(&uri)
            )));
        }
        Ok(uri)
    }
}

/// Where systems keep their bundle of trusted CA certificates, as PEM.
const SYSTEM_CA_BUNDLES: [&str; 5] = [
    "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Arch, Alpine
    "/etc/pki/tls/certs/ca-bundle.crt",   // Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",             // openSUSE
    "/etc/pki/tls/cacert.pem",            // OpenELEC
    "/etc/ssl/cert.pem",                  // macOS, BSDs, Alpine
];

/// The CAs that TLS servers are checked against: the system's bundle (the
/// file named by `SSL_CERT_FILE`, else the first of [`SYSTEM_CA_BUNDLES`]
/// that holds certificates), so that an organisation's own CA is trusted as
/// it is by other tools; the Mozilla roots compiled in when there is none.
fn root_certs() -> RootCerts {
    let from_env = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
    let candidates = from_env
        .into_iter()
        .chain(SYSTEM_CA_BUNDLES.iter().map(std::path::PathBuf::from));
    for path in candidates {
        let Ok(pem) = std::fs::read(&path) else {
            continue;
        };
        let certs: Vec<_> = parse_pem(&pem)
            .filter_map(|item| match item {
                Ok(PemItem::Certificate(cert)) => Some(cert),
                _ => None,
            })
            .collect();
        if !certs.is_empty() {
            return RootCerts::from(certs);
        }
    }
    RootCerts::WebPki
}

/// An allow-list entry: `name`, `name:port`, `[v6]`, `[v6]:port`.
fn parse_allowed(entry: &str) -> Result<AllowedHost, Refusal> {
    let bad = || {
        Refusal::Failed(format!(
            "`{entry}` in the HTTP allow-list is not a host name or host:port (no scheme, \
             path or user name)"
        ))
    };
    let (host, port) = if let Some(rest) = entry.strip_prefix('[') {
        let (address, after) = rest.split_once(']').ok_or_else(bad)?;
        if address.is_empty()
            || !address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(bad());
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(bad)?),
        };
        (format!("[{}]", address.to_ascii_lowercase()), port)
    } else {
        let (name, port) = match entry.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (entry, None),
        };
        let label_ok = |label: &str| {
            !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !name.split('.').all(label_ok) {
            return Err(bad());
        }
        (name.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(digits) => {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            Some(digits.parse::<u16>().map_err(|_| bad())?)
        }
    };
    Ok(AllowedHost { host, port })
}

/// The target of a redirect from `base`, as an absolute URL (RFC 3986
/// reference resolution, without removing dot segments: only the scheme
/// and host matter for the checks, and the server sorts out its paths).
fn resolve(base: &Uri, location: &str) -> Option<String> {
    let location = location.split('#').next().unwrap_or_default();
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    Some(if scheme_of(location).is_some() {
        location.to_owned()
    } else if location.starts_with("//") {
        format!("{scheme}:{location}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else if location.is_empty() || location.starts_with('?') {
        let query = if location.is_empty() {
            base.query().map(|q| format!("?{q}")).unwrap_or_default()
        } else {
            location.to_owned()
        };
        format!("{scheme}://{authority}{}{query}", base.path())
    } else {
        let path = base.path();
        let directory = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let directory = if directory.is_empty() { "/" } else { directory };
        format!("{scheme}://{authority}{directory}{location}")
    })
}

/// The scheme of `reference` (RFC 3986 `scheme ":"`), if it has one.
fn scheme_of(reference: &str) -> Option<&str> {
    let (scheme, _) = reference.split_once(':')?;
    let well_formed = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    well_formed.then_some(scheme)
}

/// `host` or `host:port` of `uri`, for messages (never the path or query).
fn shown_host(uri: &Uri) -> String {
    match uri.authority() {
        Some(authority) => match authority.port() {
            Some(port) => format!("{}:{port}", authority.host()),
            None => authority.host().to_owned(),
        },
        None => "the server".to_owned(),
    }
}

fn is_https(uri: &Uri) -> bool {
    uri.scheme() == Some(&Scheme::HTTPS)
}

/// `10 s`, `1.5 s`.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// The refusal for a failed exchange with `host`. The words are the host's
/// own, with the client's detail only where it cannot carry response data
/// or request headers (I/O and TLS errors).
fn call_failed(
    error: ureq::Error,
    host: &str,
    tls: bool,
    timed_out: impl Fn() -> Refusal,
) -> Refusal {
    use std::io::ErrorKind;
    use ureq::Error;
    match error {
        Error::Timeout(_) => timed_out(),
        Error::Io(e) => match e.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => timed_out(),
            ErrorKind::ConnectionRefused => {
                Refusal::Failed(format!("{host} refused the connection"))
            }
            // rustls reports its errors (handshake, certificate) so.
            ErrorKind::InvalidData if tls => {
                Refusal::Failed(format!("the TLS connection to {host} failed: {e}"))
            }
            ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::BrokenPipe => {
                Refusal::Failed(format!(
                    "{host} closed the connection before answering fully"
                ))
            }
            _ => Refusal::Failed(format!("could not reach {host}: {e}")),
        },
        Error::HostNotFound => {
            Refusal::Failed(format!("the name of {host} could not be resolved (DNS)"))
        }
        Error::ConnectionFailed => Refusal::Failed(format!("could not connect to {host}")),
        Error::Rustls(e) => Refusal::Failed(format!("the TLS connection to {host} failed: {e}")),
        Error::Tls(e) => Refusal::Failed(format!("the TLS connection to {host} failed: {e}")),
        Error::Protocol(_) => Refusal::Failed(format!("{host} did not answer in valid HTTP")),
        Error::LargeResponseHeader(_, limit) => Refusal::Failed(format!(
            "{host} sent response headers larger than {limit} bytes"
        )),
        _ => Refusal::Failed(format!("the request to {host} failed")),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};
    use std::thread;

    use super::*;

    const TOKEN: &str = "s3cret-T0ken.xyz";

    /// A local server: every connection gets its own thread, its request
    /// head is recorded and handed to `respond` with the stream.
    struct Server {
        port: u16,
        requests: Arc<Mutex<Vec<String>>>,
    }

    impl Server {
        fn start(respond: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> Server {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let port = listener.local_addr().unwrap().port();
            let requests = Arc::new(Mutex::new(Vec::new()));
            let respond = Arc::new(respond);
            let seen = Arc::clone(&requests);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let respond = Arc::clone(&respond);
                    let seen = Arc::clone(&seen);
                    thread::spawn(move || {
                        let mut head = String::new();
                        let mut reader = BufReader::new(stream.try_clone().unwrap());
                        loop {
                            let mut line = String::new();
                            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                                return;
                            }
                            head.push_str(&line);
                            if line == "\r\n" {
                                break;
                            }
                        }
                        seen.lock().unwrap().push(head.clone());
                        respond(&head, &mut stream);
                    });
                }
            });
            Server { port, requests }
        }

        /// Answer every request with `response`, written at once.
        fn fixed(response: String) -> Server {
            Server::start(move |_, s| {
                let _ = s.write_all(response.as_bytes());
            })
        }

        fn host(&self) -> String {
            format!("127.0.0.1:{}", self.port)
        }

        fn url(&self, path: &str) -> String {
            format!("http://127.0.0.1:{}{path}", self.port)
        }

        fn requests(&self) -> Vec<String> {
            self.requests.lock().unwrap().clone()
        }
    }

    fn response(status: &str, content_type: &str, body: &str) -> String {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn connector(hosts: &[String], secs: f64) -> HttpConnector {
        HttpConnector::new(
            hosts.to_vec(),
            Some(TOKEN.to_owned()),
            Duration::from_secs_f64(secs),
        )
        .unwrap()
    }

    fn budget() -> Budget {
        Budget::new(0, 1 << 30, Duration::from_secs(60))
    }

    /// Whether the request head carries the token.
    fn has_token(head: &str) -> bool {
        head.lines().any(|line| {
            line.split_once(':').is_some_and(|(name, value)| {
                name.eq_ignore_ascii_case("authorization")
                    && value.trim() == format!("Bearer {TOKEN}")
            })
        })
    }

    /// A refusal's text must never carry the token.
    fn no_token(r: Refusal) -> Refusal {
        assert!(!r.to_string().contains(TOKEN), "token in `{r}`");
        assert!(!format!("{r:?}").contains(TOKEN), "token in `{r:?}`");
        r
    }

    #[test]
    fn json_200_500_and_html_are_responses() {
        let json = Server::fixed(response("200 OK", "application/json", r#"{"a":1}"#));
        let error = Server::fixed(response("500 Internal Server Error", "text/plain", "boom"));
        let html = Server::fixed(response(
            "200 OK",
            "text/html; charset=utf-8",
            "<html></html>",
        ));
        let http = connector(&[json.host(), error.host(), html.host()], 5.0);
        let mut b = budget();

        let r = http
            .get(&json.url("/api/v1/users?page=1"), 1000, &mut b)
            .unwrap();
        assert_eq!(
            r,
            HttpResponse {
                status: 200,
                content_type: Some("application/json".into()),
                body: br#"{"a":1}"#.to_vec(),
                truncated: false,
            }
        );
        let head = &json.requests()[0];
        assert!(
            head.starts_with("GET /api/v1/users?page=1 HTTP/1.1\r\n"),
            "{head}"
        );

        let r = http.get(&error.url("/"), 1000, &mut b).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (500, &b"boom"[..]));

        let r = http.get(&html.url("/"), 1000, &mut b).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(r.body, b"<html></html>");
        assert_eq!(b.bytes_left(), (1 << 30) - 7 - 4 - 13, "bytes taken");

        // A fragment is not sent; the host is case-insensitive.
        let upper = format!("HTTP://127.0.0.1:{}/x#frag", json.port);
        assert_eq!(http.get(&upper, 10, &mut b).unwrap().status, 200);
        assert!(json.requests()[1].starts_with("GET /x HTTP/1.1"));
    }

    #[test]
    fn body_larger_than_max_body_is_truncated() {
        let big = "x".repeat(10_000);
        let known = Server::fixed(response("200 OK", "text/plain", &big));
        // No Content-Length: the body ends when the connection closes.
        let unknown = Server::fixed(format!("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{big}"));
        let http = connector(&[known.host(), unknown.host()], 5.0);
        let mut b = budget();
        for server in [&known, &unknown] {
            let r = http.get(&server.url("/"), 100, &mut b).unwrap();
            assert_eq!(r.body.len(), 100);
            assert!(r.truncated);
            let r = http.get(&server.url("/"), 10_000, &mut b).unwrap();
            assert_eq!(r.body.len(), 10_000);
            assert!(!r.truncated, "exactly the size asked is not truncated");
            let r = http.get(&server.url("/"), 0, &mut b).unwrap();
            assert!(r.body.is_empty() && r.truncated);
        }
        assert_eq!(b.bytes_left(), (1 << 30) - 2 * 10_100);
    }

    #[test]
    fn per_call_cap() {
        let big = "y".repeat(GET_BYTES_PER_CALL as usize + 10);
        let server = Server::fixed(response("200 OK", "text/plain", &big));
        let http = connector(&[server.host()], 30.0);
        let r = http.get(&server.url("/"), u64::MAX, &mut budget()).unwrap();
        assert_eq!(r.body.len() as u64, GET_BYTES_PER_CALL);
        assert!(r.truncated);
    }

    /// Headers, then one byte every 100 ms, forever.
    fn trickle() -> Server {
        Server::start(|_, s| {
            if s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
                .is_err()
            {
                return;
            }
            loop {
                thread::sleep(Duration::from_millis(100));
                if s.write_all(b"z").and_then(|()| s.flush()).is_err() {
                    return;
                }
            }
        })
    }

    #[test]
    fn trickling_body_is_cut_at_the_deadline_or_the_size() {
        let server = trickle();
        let http = connector(&[server.host()], 1.0);

        let start = Instant::now();
        let r = no_token(
            http.get(&server.url("/"), 1 << 20, &mut budget())
                .unwrap_err(),
        );
        let took = start.elapsed();
        assert!(
            matches!(&r, Refusal::Failed(m) if m.contains("did not answer within 1 s")
                && m.contains(&server.host())),
            "{r}"
        );
        assert!(
            took >= Duration::from_millis(950) && took < Duration::from_millis(1500),
            "{took:?}"
        );

        // The size comes first: 5 bytes (and one to see there is more).
        let start = Instant::now();
        let r = http.get(&server.url("/"), 5, &mut budget()).unwrap();
        assert_eq!((r.body.as_slice(), r.truncated), (&b"zzzzz"[..], true));
        assert!(start.elapsed() < Duration::from_millis(950));

        // The run's deadline comes first.
        let http = connector(&[server.host()], 30.0);
        let mut b = Budget::new(0, 1 << 20, Duration::from_millis(700));
        let start = Instant::now();
        let r = http.get(&server.url("/"), 1 << 20, &mut b).unwrap_err();
        assert!(matches!(r, Refusal::LimitExceeded(_)), "{r}");
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(650) && took < Duration::from_millis(1200),
            "{took:?}"
        );
    }

    #[test]
    fn silent_server_times_out() {
        let server = Server::start(|_, _| thread::sleep(Duration::from_secs(3600)));
        let http = connector(&[server.host()], 0.5);
        let start = Instant::now();
        let r = no_token(http.get(&server.url("/"), 100, &mut budget()).unwrap_err());
        assert_eq!(
            r,
            Refusal::Failed(format!("{} did not answer within 0.5 s", server.host()))
        );
        assert!(start.elapsed() < Duration::from_millis(1000));
        // The request did reach it, with the token.
        assert!(has_token(&server.requests()[0]));

        let http = connector(&[server.host()], 30.0);
        let mut b = Budget::new(0, 100, Duration::from_millis(300));
        let r = http.get(&server.url("/"), 100, &mut b).unwrap_err();
        assert!(matches!(r, Refusal::LimitExceeded(_)), "{r}");
        let r = http.get(&server.url("/"), 100, &mut b).unwrap_err();
        assert!(
            matches!(r, Refusal::LimitExceeded(_)),
            "spent stays spent: {r}"
        );
    }

    #[test]
    fn connection_refused_dns_and_tls_failures() {
        let closed = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        // Answers in plain HTTP at once, whatever it is sent.
        let plain = TcpListener::bind("127.0.0.1:0").unwrap();
        let plain_host = plain.local_addr().unwrap().to_string();
        thread::spawn(move || {
            for mut s in plain.incoming().flatten() {
                let _ = s.write_all(response("200 OK", "text/plain", "not tls").as_bytes());
                thread::sleep(Duration::from_millis(500));
            }
        });
        let hosts = [
            format!("127.0.0.1:{port}"),
            "no-such-host.invalid".to_owned(),
            plain_host.clone(),
        ];
        let http = connector(&hosts, 5.0);
        let mut b = budget();

        let r = no_token(
            http.get(&format!("http://127.0.0.1:{port}/"), 10, &mut b)
                .unwrap_err(),
        );
        assert_eq!(
            r,
            Refusal::Failed(format!("127.0.0.1:{port} refused the connection"))
        );

        let r = no_token(
            http.get("http://no-such-host.invalid/", 10, &mut b)
                .unwrap_err(),
        );
        assert!(
            matches!(&r, Refusal::Failed(m) if m.contains("no-such-host.invalid")),
            "{r}"
        );

        // https to a server that speaks plain HTTP.
        let r = no_token(
            http.get(&format!("https://{plain_host}/"), 10, &mut b)
                .unwrap_err(),
        );
        assert!(
            matches!(&r, Refusal::Failed(m) if m.starts_with(&format!("the TLS connection to {plain_host} failed"))),
            "{r}"
        );
        assert_eq!(b.bytes_left(), 1 << 30, "nothing taken");
    }

    #[test]
    fn only_allow_listed_hosts_and_well_formed_urls() {
        let server = Server::fixed(response("200 OK", "text/plain", "hi"));
        let http = connector(&[server.host(), "API.example.com".to_owned()], 5.0);
        let mut b = budget();
        let not_granted = [
            format!("http://localhost:{}/", server.port),
            format!("http://127.0.0.2:{}/", server.port),
            "http://127.0.0.1/".to_owned(),
            "http://127.0.0.1:1/".to_owned(),
            "https://api.example.com:8443/".to_owned(),
            "https://api.example.com.evil.org/".to_owned(),
            "https://evil.org/api.example.com".to_owned(),
            "https://api.example.com./".to_owned(),
            "ftp://api.example.com/".to_owned(),
            "file:///etc/passwd".to_owned(),
        ];
        for url in &not_granted {
            let r = no_token(http.get(url, 10, &mut b).unwrap_err());
            assert!(matches!(r, Refusal::NotGranted(_)), "{url}: {r}");
        }
        let invalid = [
            "/relative/path".to_owned(),
            "api.example.com/x".to_owned(),
            "".to_owned(),
            "http://api.example.com/a b".to_owned(),
            format!("http://user:pw@127.0.0.1:{}/", server.port),
            format!("http://evil.org@127.0.0.1:{}/", server.port),
        ];
        for url in &invalid {
            let r = no_token(http.get(url, 10, &mut b).unwrap_err());
            assert!(matches!(r, Refusal::Invalid(_)), "{url}: {r}");
        }
        assert!(server.requests().is_empty(), "nothing was sent");
        assert_eq!(http.get(&server.url("/"), 10, &mut b).unwrap().body, b"hi");
    }

    #[test]
    fn allow_list_entries() {
        let parse = |s: &str| parse_allowed(s).map(|h| (h.host, h.port));
        assert_eq!(
            parse("Api.Example.com"),
            Ok(("api.example.com".into(), None))
        );
        assert_eq!(
            parse("localhost:8080"),
            Ok(("localhost".into(), Some(8080)))
        );
        assert_eq!(parse("[::1]:8080"), Ok(("[::1]".into(), Some(8080))));
        assert_eq!(parse("[::1]"), Ok(("[::1]".into(), None)));
        for bad in [
            "",
            "https://a.org",
            "a.org/x",
            "u@a.org",
            "a.org:",
            "a.org:x",
            "a.org:70000",
            "a..org",
            "[::1",
            "[::1]x",
            "a.org:80:1",
        ] {
            assert!(matches!(parse(bad), Err(Refusal::Failed(_))), "{bad:?}");
        }
        let e = HttpConnector::new(vec![], Some("bad token".into()), Duration::from_secs(1))
            .unwrap_err();
        assert!(!e.to_string().contains("bad token"), "{e}");
        assert!(
            HttpConnector::new(
                vec![],
                Some("x\r\nHost: evil".into()),
                Duration::from_secs(1)
            )
            .is_err()
        );
        assert!(HttpConnector::new(vec![], None, Duration::ZERO).is_err());
        let http = connector(&["a.org".to_owned()], 1.0);
        assert!(!format!("{http:?}").contains(TOKEN));
    }

    #[test]
    fn redirects_only_to_allow_listed_hosts() {
        let target = Server::start(|head, s| {
            let body = if has_token(head) {
                "with token"
            } else {
                "without token"
            };
            let _ = s.write_all(response("200 OK", "text/plain", body).as_bytes());
        });
        let elsewhere = Server::fixed(response("200 OK", "text/plain", "leaked"));
        let (to_target, to_elsewhere) = (target.url("/final"), elsewhere.url("/"));
        let start = Server::start(move |head, s| {
            let location = if head.starts_with("GET /ok ") {
                to_target.clone()
            } else if head.starts_with("GET /dir/relative ") {
                "final?x=1".to_owned()
            } else if head.starts_with("GET /dir/final?x=1 ") {
                let _ = s.write_all(response("200 OK", "text/plain", "same host").as_bytes());
                return;
            } else if head.starts_with("GET /away ") {
                to_elsewhere.clone()
            } else if head.starts_with("GET /far ") {
                "https://evil.example/steal".to_owned()
            } else {
                "/loop".to_owned()
            };
            let _ = write!(
                s,
                "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        });
        let http = connector(&[start.host(), target.host()], 5.0);
        let mut b = budget();

        let r = http.get(&start.url("/ok"), 100, &mut b).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"with token"[..]));

        let r = http.get(&start.url("/dir/relative"), 100, &mut b).unwrap();
        assert_eq!(r.body, b"same host");
        assert!(
            start
                .requests()
                .iter()
                .any(|h| h.starts_with("GET /dir/final?x=1 "))
        );

        for path in ["/away", "/far"] {
            let r = no_token(http.get(&start.url(path), 100, &mut b).unwrap_err());
            assert!(
                matches!(&r, Refusal::NotGranted(m) if m.contains("redirected")),
                "{r}"
            );
        }
        assert!(elsewhere.requests().is_empty(), "nothing sent off the list");

        let before = start.requests().len();
        let r = no_token(http.get(&start.url("/loop"), 100, &mut b).unwrap_err());
        assert!(
            matches!(&r, Refusal::Failed(m) if m.contains("more than 5")),
            "{r}"
        );
        assert_eq!(start.requests().len() - before, 1 + MAX_REDIRECTS);
        assert_eq!(b.bytes_left(), (1 << 30) - 10 - 9);
    }

    #[test]
    fn redirect_targets() {
        let base: Uri = "https://a.org/x/y?q".parse().unwrap();
        assert_eq!(resolve(&base, "/z").as_deref(), Some("https://a.org/z"));
        assert_eq!(resolve(&base, "z#f").as_deref(), Some("https://a.org/x/z"));
        assert_eq!(resolve(&base, "?p").as_deref(), Some("https://a.org/x/y?p"));
        assert_eq!(resolve(&base, "").as_deref(), Some("https://a.org/x/y?q"));
        assert_eq!(
            resolve(&base, "//b.org/").as_deref(),
            Some("https://b.org/")
        );
        assert_eq!(
            resolve(&base, "HTTP://a.org/").as_deref(),
            Some("HTTP://a.org/")
        );

        let http = connector(&["a.org".to_owned(), "a.org:80".to_owned()], 1.0);
        let follow = |location: &str| http.follow(&base, Some(location));
        assert_eq!(
            follow("/z").unwrap(),
            "https://a.org/z".parse::<Uri>().unwrap()
        );
        assert!(matches!(
            follow("https://b.org/"),
            Err(Refusal::NotGranted(_))
        ));
        assert!(matches!(
            follow("ftp://a.org/"),
            Err(Refusal::NotGranted(_))
        ));
        let r = follow("http://a.org/").unwrap_err();
        assert!(
            matches!(&r, Refusal::NotGranted(m) if m.contains("https to plain http")),
            "{r}"
        );
        let plain: Uri = "http://a.org/".parse().unwrap();
        assert!(
            http.follow(&plain, Some("https://a.org/")).is_ok(),
            "upgrade is fine"
        );
        assert!(matches!(
            follow("https://u@a.org/"),
            Err(Refusal::Failed(_))
        ));
        assert!(matches!(follow("http://a b"), Err(Refusal::Failed(_))));
        assert!(matches!(http.follow(&base, None), Err(Refusal::Failed(_))));
    }

    #[test]
    fn budget_is_taken_and_refused_when_spent() {
        let server = Server::fixed(response("200 OK", "text/plain", &"b".repeat(100)));
        let http = connector(&[server.host()], 5.0);
        let mut b = Budget::new(0, 150, Duration::from_secs(60));
        let r = http.get(&server.url("/"), 1000, &mut b).unwrap();
        assert_eq!((r.body.len(), r.truncated), (100, false));
        let r = http.get(&server.url("/"), 1000, &mut b).unwrap();
        assert_eq!((r.body.len(), r.truncated), (50, true), "cut by the budget");
        assert_eq!(b.bytes_left(), 0);
        let sent = server.requests().len();
        let r = http.get(&server.url("/"), 1000, &mut b).unwrap_err();
        assert!(matches!(r, Refusal::LimitExceeded(_)), "{r}");
        assert_eq!(server.requests().len(), sent, "refused before connecting");
        // A status-only call still works.
        assert_eq!(http.get(&server.url("/"), 0, &mut b).unwrap().status, 200);

        let mut b = Budget::with_deadline(0, 100, Instant::now());
        let r = http.get(&server.url("/"), 10, &mut b).unwrap_err();
        assert!(matches!(r, Refusal::LimitExceeded(_)), "{r}");
    }
}
