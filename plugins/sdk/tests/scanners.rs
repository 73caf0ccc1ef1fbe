//! The file and JSON-API scanners (and what all three scanners declare),
//! run natively against the in-memory fakes of `ropa_plugin_sdk::testing`.

use std::collections::BTreeSet;

use ropa_plugin_sdk::config::{Config, ConfigType, ConfigValue};
use ropa_plugin_sdk::pd;
use ropa_plugin_sdk::scanner::files::LineScanner;
use ropa_plugin_sdk::scanner::{database, files, json_api};
use ropa_plugin_sdk::source::{Level, ScanError, SourceError};
use ropa_plugin_sdk::testing::{MemoryFiles, MemoryHttp, MemorySql, RecordingSink};
use ropa_plugin_sdk::{Kind, TextStats};

fn config(entries: &[(&str, ConfigValue)]) -> Config {
    Config::new(entries.iter().map(|(k, v)| (k.to_string(), v.clone())))
}

fn int(n: i64) -> ConfigValue {
    ConfigValue::Integer(n)
}

fn list(xs: &[&str]) -> ConfigValue {
    ConfigValue::TextList(xs.iter().map(|s| s.to_string()).collect())
}

fn set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn found(sink: &RecordingSink) -> BTreeSet<(String, String)> {
    sink.places()
        .into_iter()
        .map(|(l, c)| (l, c.to_string()))
        .collect()
}

/// Every string a finding or log line carries must be free of the values
/// the scan was handed: none of `values` (4 characters or longer) occurs in
/// any of them.
fn assert_value_free(sink: &RecordingSink, values: &[&str]) {
    let mut texts: Vec<String> = sink.logs.iter().map(|(_, m)| m.clone()).collect();
    for f in &sink.findings {
        texts.push(f.location.to_string());
        texts.push(f.detector.to_string());
        texts.push(f.category.to_string());
    }
    for t in &texts {
        for v in values.iter().filter(|v| v.len() >= 4) {
            assert!(!t.contains(v), "{t:?} contains the value {v:?}");
        }
    }
}

fn customers_csv(rows: usize) -> String {
    let mut s = String::from(
        "\u{feff}naam;email;telefoon;postcode;woonplaats;klantnummer;bedrag;aangemaakt\r\n",
    );
    for k in 0..rows {
        s.push_str(&format!(
            "\"Jansen, Jan {k}\";jan{k}@example.nl;06-{:08};{} AB;Utrecht;{};{}.{:02};2024-01-{:02}\r\n",
            12345678 + k,
            1000 + k % 8999,
            100_000 + k,
            k % 500,
            k % 100,
            1 + k % 28
        ));
    }
    s
}

fn contacts_json() -> String {
    let mut items = Vec::new();
    for k in 0..40 {
        items.push(format!(
            r#"{{"id": {k}, "name": "Piet Pietersen {k}", "email": "piet{k}@example.com", "phone": "+31 6 {:08}", "address": {{"street": "Kerkstraat {k}", "city": "Zwolle", "zip": "80{:02} AB"}}, "created": "2024-02-0{}T10:00:00Z", "vip": false}}"#,
            20000000 + k,
            10 + k % 80,
            1 + k % 9
        ));
    }
    format!(
        r#"{{"customers": [{}], "meta": {{"count": 40, "by_email": {{"piet0@example.com": {{"orders": 3}}}}}}}}"#,
        items.join(",")
    )
}

fn events_ndjson() -> String {
    let mut s = String::new();
    for k in 0..30 {
        s.push_str(&format!(
            "{{\"ts\": \"2024-03-01T12:00:{:02}Z\", \"ip\": \"81.2.{}.{}\", \"user_agent\": \"Mozilla/5.0 (X11; Linux x86_64)\", \"path\": \"/shop/{k}\", \"status\": 200}}\n",
            k % 60,
            k,
            k + 1
        ));
    }
    s.push_str("not json at all\n");
    s
}

fn tree() -> MemoryFiles {
    let mut deep = String::from("deep");
    for k in 0..20 {
        deep.push_str(&format!("/d{k}"));
    }
    MemoryFiles::new()
        .file("exports/customers.csv", customers_csv(300))
        .file(
            "exports/orders.tsv",
            "order_id\tsku\tprice\tordered_at\tstatus\n1\tSKU-48213\t12.50\t2024-01-05 10:00:00\tpaid\n2\tSKU-11111\t9.99\t2024-01-06 11:00:00\tshipped\n",
        )
        .file("data/contacts.json", contacts_json())
        .file("data/events.ndjson", events_ndjson())
        .file(
            "notes/meeting.txt",
            "Notulen overleg\n\nAanwezig: team support.\nKlant vraagt terugbellen op 06-98765432.\nMail naar klant@example.org gestuurd.\nVolgende keer verder.\n",
        )
        .file("img/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())
        .file("blob.dat", b"abc\0def\0ghi".to_vec())
        .file("utf16.txt", b"\xff\xfej\0a\0n\0".to_vec())
        .file("broken.json", "{\"email\": \"x@example.nl\", oops, bel 06-11112222 }")
        .file(
            "headerless.csv",
            "jan@example.nl,Jan,06-12345678\npiet@example.nl,Piet,06-87654321\nkees@example.nl,Kees,06-11223344\n",
        )
        .file(&format!("{deep}/hidden.txt"), "jan@example.nl")
        .file("empty.txt", "")
}

fn expected_tree() -> BTreeSet<(String, String)> {
    set(&[
        ("exports/customers.csv#naam", pd::NAME),
        ("exports/customers.csv#email", pd::EMAIL_ADDRESS),
        ("exports/customers.csv#telefoon", pd::TELEPHONE_NUMBER),
        ("exports/customers.csv#postcode", pd::PHYSICAL_ADDRESS),
        ("exports/customers.csv#woonplaats", pd::PHYSICAL_ADDRESS),
        ("data/contacts.json#/customers/*/name", pd::NAME),
        ("data/contacts.json#/customers/*/email", pd::EMAIL_ADDRESS),
        (
            "data/contacts.json#/customers/*/phone",
            pd::TELEPHONE_NUMBER,
        ),
        (
            "data/contacts.json#/customers/*/address/street",
            pd::PHYSICAL_ADDRESS,
        ),
        (
            "data/contacts.json#/customers/*/address/city",
            pd::PHYSICAL_ADDRESS,
        ),
        (
            "data/contacts.json#/customers/*/address/zip",
            pd::PHYSICAL_ADDRESS,
        ),
        ("data/events.ndjson#/*/ip", pd::IP_ADDRESS),
        ("data/events.ndjson#/*/user_agent", pd::USER_AGENT),
        ("notes/meeting.txt", pd::EMAIL_ADDRESS),
        ("notes/meeting.txt", pd::TELEPHONE_NUMBER),
        ("broken.json", pd::EMAIL_ADDRESS),
        ("broken.json", pd::TELEPHONE_NUMBER),
        ("headerless.csv#1", pd::EMAIL_ADDRESS),
        // No header: the first names say what the column is.
        ("headerless.csv#2", pd::NAME),
        ("headerless.csv#3", pd::TELEPHONE_NUMBER),
    ])
}

#[test]
fn file_tree_is_classified_by_format() {
    let mut fs = tree();
    let mut sink = RecordingSink::default();
    let summary = files::scan(&mut fs, &mut sink, "files", &Config::default()).unwrap();
    let got = found(&sink);
    let want = expected_tree();
    assert_eq!(
        got,
        want,
        "missing: {:?}\nextra: {:?}",
        want.difference(&got),
        got.difference(&want)
    );
    // Binary: logo.png (extension), blob.dat (NUL bytes), utf16.txt (BOM).
    assert_eq!(summary.locations_skipped, 3, "{:?}", sink.logs);
    assert!(!summary.truncated);
    assert_eq!(summary.findings_reported, want.len() as u64);
    assert!(
        sink.logs
            .iter()
            .any(|(_, m)| m.contains("img/logo.png") && m.contains("binary"))
    );
    assert!(sink.logs.iter().any(|(_, m)| m.contains("max-depth")));
    assert!(
        sink.logs.iter().any(|(l, m)| *l == Level::Warn
            && m.contains("events.ndjson")
            && m.contains("1 lines"))
    );
    let finding = sink
        .findings
        .iter()
        .find(|f| f.location.to_string() == "exports/customers.csv#email")
        .unwrap();
    assert_eq!((finding.matches, finding.sampled), (300, 300));
    assert_value_free(
        &sink,
        &[
            "jan0@example.nl",
            "Jansen, Jan 0",
            "06-12345678",
            "piet0@example.com",
            "Piet Pietersen",
            "Kerkstraat",
            "81.2.0.1",
            "06-98765432",
            "klant@example.org",
        ],
    );
}

/// The host may hand out fewer bytes per read than asked; the result is the
/// same.
#[test]
fn small_reads_give_the_same_result() {
    let mut big = tree();
    let mut small = tree();
    small.max_read = Some(97);
    let (mut a, mut b) = (RecordingSink::default(), RecordingSink::default());
    files::scan(&mut big, &mut a, "files", &Config::default()).unwrap();
    files::scan(&mut small, &mut b, "files", &Config::default()).unwrap();
    assert_eq!(a.findings, b.findings);
    assert!(small.reads > 10 * big.reads);
}

#[test]
fn files_are_capped_sampled_and_limited() {
    // A text file far over max-file-bytes: only the first bytes are read.
    let mut text = String::new();
    while text.len() < 200_000 {
        text.push_str("Regel zonder gegevens, alleen tekst en nog wat woorden.\n");
    }
    text.push_str("mail naar laat@example.nl\n");
    let mut fs = MemoryFiles::new().file("big.log", text.clone());
    let mut sink = RecordingSink::default();
    let cfg = config(&[("max-file-bytes", int(65_536))]);
    let s = files::scan(&mut fs, &mut sink, "files", &cfg).unwrap();
    assert_eq!(fs.bytes_read, 65_536);
    assert!(sink.findings.is_empty());
    assert!(
        sink.logs
            .iter()
            .any(|(_, m)| m.contains("big.log") && m.contains("max-file-bytes"))
    );
    assert_eq!(s.locations_examined, 1);

    // CSV: only sample-rows records are read, not the whole file.
    let mut fs = MemoryFiles::new().file("c.csv", customers_csv(20_000));
    let mut sink = RecordingSink::default();
    files::scan(
        &mut fs,
        &mut sink,
        "files",
        &config(&[("sample-rows", int(50))]),
    )
    .unwrap();
    assert!(fs.bytes_read < 2 << 20, "{}", fs.bytes_read);
    assert!(sink.findings.iter().all(|f| f.sampled == 50));

    // max-files: the scan stops and says so.
    let mut fs = tree();
    let mut sink = RecordingSink::default();
    let s = files::scan(
        &mut fs,
        &mut sink,
        "files",
        &config(&[("max-files", int(2))]),
    )
    .unwrap();
    assert!(s.truncated);

    // The run's byte budget: limit-exceeded ends the scan.
    let mut fs = tree();
    fs.byte_budget = Some(5_000);
    let mut sink = RecordingSink::default();
    let s = files::scan(&mut fs, &mut sink, "files", &Config::default()).unwrap();
    assert!(s.truncated);

    // The run's cap on findings.
    let mut fs = tree();
    let mut sink = RecordingSink {
        max_findings: Some(3),
        ..RecordingSink::default()
    };
    let s = files::scan(&mut fs, &mut sink, "files", &Config::default()).unwrap();
    assert!(s.truncated);
    assert_eq!(s.findings_reported, 3);
}

#[test]
fn include_and_exclude_patterns() {
    let mut fs = tree();
    let mut sink = RecordingSink::default();
    let cfg = config(&[
        ("include", list(&["*.csv", "*.txt"])),
        ("exclude", list(&["exports/*"])),
    ]);
    files::scan(&mut fs, &mut sink, "files", &cfg).unwrap();
    let paths: BTreeSet<String> = sink
        .findings
        .iter()
        .map(|f| {
            f.location
                .to_string()
                .split('#')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        ["headerless.csv", "notes/meeting.txt"]
    );
}

#[test]
fn a_root_that_is_not_granted_fails_the_scan() {
    struct Refusing;
    impl ropa_plugin_sdk::source::FileSource for Refusing {
        fn list_dir(
            &mut self,
            _: &str,
        ) -> Result<Vec<ropa_plugin_sdk::source::DirEntry>, SourceError> {
            Err(SourceError::NotGranted)
        }
        fn read(&mut self, _: &str, _: u64, _: u32) -> Result<Vec<u8>, SourceError> {
            Err(SourceError::NotGranted)
        }
    }
    let mut sink = RecordingSink::default();
    assert_eq!(
        files::scan(&mut Refusing, &mut sink, "files", &Config::default()),
        Err(ScanError::Capability(SourceError::NotGranted))
    );
    assert_eq!(
        files::scan(&mut tree(), &mut sink, "sqlite", &Config::default()),
        Err(ScanError::UnsupportedKind("sqlite".into()))
    );
    assert!(matches!(
        files::scan(&mut tree(), &mut sink, "files", &config(&[("max-depth", int(-1))])),
        Err(ScanError::BadConfig(m)) if m.contains("max-depth")
    ));
}

/// Text read in chunks of any size counts the same lines and kinds as read
/// at once, also when values straddle chunk boundaries.
#[test]
fn line_scanner_is_independent_of_chunking() {
    let mut text = String::new();
    for k in 0..400 {
        match k % 7 {
            0 => text.push_str(&format!("regel {k}: mail persoon{k}@example.nl graag\n")),
            1 => text.push_str(&format!(
                "bel 06-{:08} of +31 6 {:08}\n",
                10_000_000 + k,
                20_000_000 + k
            )),
            2 => text.push_str(&format!(
                "geboren op 0{}-03-1985, IBAN NL91 ABNA 0417 1643 00\n",
                1 + k % 9
            )),
            3 => text.push('\n'),
            4 => text.push_str(&"lange regel zonder iets ".repeat(40)),
            5 => text.push_str(&format!(
                "ip 10.0.{}.{} en order 2024-01-05\n",
                k % 250,
                1 + k % 250
            )),
            _ => text.push_str("kaart 4111 1111 1111 1111, bsn 111222333\n"),
        }
    }
    let whole = {
        let mut s = LineScanner::default();
        s.feed(text.as_bytes(), true);
        s.finish()
    };
    assert!(
        whole.with(Kind::Email) > 0 && whole.with(Kind::Iban) > 0 && whole.with(Kind::Date) > 0
    );
    for size in [1usize, 7, 64, 319, 320, 321, 1000, 4096] {
        let mut s = LineScanner::default();
        for chunk in text.as_bytes().chunks(size) {
            s.feed(chunk, false);
        }
        s.feed(b"", true);
        let got: TextStats = s.finish();
        assert_eq!(got, whole, "chunks of {size}");
    }
    assert_eq!(whole.sampled(), text.lines().count() as u64);
}

fn users_body() -> String {
    let mut items = Vec::new();
    for k in 0..25 {
        items.push(format!(
            r#"{{"id": "{k}", "name": "Anna de Boer {k}", "email": "anna{k}@example.org", "mobile": "06{:08}", "birthDate": "19{}-0{}-1{}", "roles": ["user"], "active": true, "score": {}.5}}"#,
            30_000_000 + k,
            60 + k,
            1 + k % 9,
            k % 10,
            k
        ));
    }
    format!(
        r#"{{"data": [{}], "links": {{"next": "/api/v1/users?page=2"}}, "total": 25}}"#,
        items.join(",")
    )
}

fn api() -> MemoryHttp {
    MemoryHttp::new()
        .endpoint("https://crm.example.nl/api/v1/users?page=1", 200, "application/json; charset=utf-8", users_body())
        .endpoint("https://crm.example.nl/api/v1/products", 200, "application/json", r#"[{"sku": "SKU-1", "name": "Fiets", "price": 499.0}, {"sku": "SKU-2", "name": "Slot", "price": 25.5}]"#)
        .endpoint("https://crm.example.nl/api/v1/missing", 404, "application/json", r#"{"error": "not found"}"#)
        .endpoint("https://crm.example.nl/login", 200, "text/html", "<html><body>Log in</body></html>")
        .endpoint("https://crm.example.nl/api/v1/broken", 200, "application/json", "{\"email\": \"x@example.nl\",,}")
        .endpoint("https://other.example.com/contacts", 200, "application/json", r#"{"contacts": [{"fullName": "Kees Klaassen", "e-mail": "kees@example.com"}]}"#)
}

#[test]
fn json_api_endpoints() {
    let mut http = api();
    let mut sink = RecordingSink::default();
    let cfg = config(&[
        (
            "base-url",
            ConfigValue::Text("https://crm.example.nl/".into()),
        ),
        (
            "endpoints",
            list(&[
                "/api/v1/users?page=1",
                "api/v1/products",
                "/api/v1/missing",
                "/login",
                "/api/v1/broken",
                "https://other.example.com/contacts",
                "https://not-allowed.example.net/x",
            ]),
        ),
    ]);
    let s = json_api::scan(&mut http, &mut sink, "http-json", &cfg).unwrap();
    let want = set(&[
        ("/api/v1/users#/data/*/name", pd::NAME),
        ("/api/v1/users#/data/*/email", pd::EMAIL_ADDRESS),
        ("/api/v1/users#/data/*/mobile", pd::TELEPHONE_NUMBER),
        ("/api/v1/users#/data/*/birthDate", pd::BIRTH_DATE),
        ("/contacts#/contacts/*/fullName", pd::NAME),
        ("/contacts#/contacts/*/e-mail", pd::EMAIL_ADDRESS),
    ]);
    let got = found(&sink);
    assert_eq!(
        got,
        want,
        "missing: {:?}\nextra: {:?}",
        want.difference(&got),
        got.difference(&want)
    );
    // 404, HTML, invalid JSON, a host not granted.
    assert_eq!(s.locations_skipped, 4, "{:?}", sink.logs);
    assert_eq!(
        http.requests[..2],
        [
            "https://crm.example.nl/api/v1/users?page=1",
            "https://crm.example.nl/api/v1/products"
        ]
    );
    for why in ["status 404", "HTML", "not valid JSON", "not granted"] {
        assert!(
            sink.logs.iter().any(|(_, m)| m.contains(why)),
            "{why}: {:?}",
            sink.logs
        );
    }
    assert_value_free(
        &sink,
        &[
            "Anna de Boer",
            "anna0@example.org",
            "0630000000",
            "1960-01-10",
            "Kees Klaassen",
            "kees@example.com",
        ],
    );
}

#[test]
fn json_api_truncated_bodies_are_walked_as_far_as_they_go() {
    let mut http = api();
    let mut sink = RecordingSink::default();
    let cfg = config(&[
        (
            "endpoints",
            list(&["https://crm.example.nl/api/v1/users?page=1"]),
        ),
        ("max-body", int(1500)),
    ]);
    let s = json_api::scan(&mut http, &mut sink, "http-json", &cfg).unwrap();
    assert_eq!(s.locations_skipped, 0);
    assert!(found(&sink).contains(&(
        "/api/v1/users#/data/*/email".to_string(),
        pd::EMAIL_ADDRESS.to_string()
    )));
    assert!(sink.logs.iter().any(|(_, m)| m.contains("max-body")));
}

#[test]
fn json_api_configuration_errors() {
    let mut sink = RecordingSink::default();
    let bad = |entries: &[(&str, ConfigValue)]| {
        let mut sink = RecordingSink::default();
        json_api::scan(&mut api(), &mut sink, "http-json", &config(entries))
    };
    assert!(matches!(bad(&[]), Err(ScanError::BadConfig(m)) if m.contains("endpoints")));
    assert!(
        matches!(bad(&[("endpoints", list(&["/users"]))]), Err(ScanError::BadConfig(m)) if m.contains("base-url"))
    );
    assert!(matches!(
        bad(&[("endpoints", list(&["ftp://x/y"]))]),
        Err(ScanError::BadConfig(_))
    ));
    assert!(matches!(
        bad(&[("endpoints", list(&["/a"])), ("base-url", ConfigValue::Text("crm.example.nl".into()))]),
        Err(ScanError::BadConfig(m)) if m.contains("base-url")
    ));
    assert_eq!(
        json_api::scan(
            &mut api(),
            &mut sink,
            "files",
            &config(&[("endpoints", list(&["/a"]))])
        ),
        Err(ScanError::UnsupportedKind("files".into()))
    );
}

#[test]
fn endpoint_paths() {
    assert_eq!(
        json_api::endpoint_path("https://x.example/api/users?page=2#top"),
        "/api/users"
    );
    assert_eq!(json_api::endpoint_path("https://x.example"), "/");
    assert_eq!(
        json_api::endpoint_path("http://x.example:8080/a/b/"),
        "/a/b/"
    );
}

/// What `describe` says: kebab-case keys, defaults that parse as JSON of the
/// declared type, and defaults that the scanners accept.
#[test]
fn specs_are_consistent() {
    for (spec, kinds) in [
        (&database::SPEC, &["sqlite", "postgresql"][..]),
        (&files::SPEC, &["files"][..]),
        (&json_api::SPEC, &["http-json"][..]),
    ] {
        assert_eq!(spec.system_kinds, kinds);
        assert!(!spec.description.is_empty() && spec.description.len() < 200);
        for key in spec.config {
            assert!(
                key.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                key.name
            );
            assert!(!key.description.is_empty());
            if key.required {
                assert!(key.default_value.is_none(), "{}", key.name);
            }
            let Some(default) = key.default_value else {
                continue;
            };
            let ok = match key.value_type {
                ConfigType::Integer => default.parse::<i64>().is_ok(),
                ConfigType::TextList => default.starts_with('[') && default.ends_with(']'),
                ConfigType::Boolean => default == "true" || default == "false",
                ConfigType::Text => default.starts_with('"'),
                ConfigType::Json => true,
            };
            assert!(ok, "{}: {default}", key.name);
        }
    }
    // Every default, spelled out, is accepted and changes nothing.
    let spelled = |keys: &[ropa_plugin_sdk::config::ConfigKey]| {
        Config::new(keys.iter().filter_map(|k| {
            let d = k.default_value?;
            let v = match k.value_type {
                ConfigType::Integer => ConfigValue::Integer(d.parse().unwrap()),
                ConfigType::TextList => ConfigValue::TextList(vec![]),
                _ => return None,
            };
            Some((k.name.to_string(), v))
        }))
    };
    assert_eq!(
        database::Options::from_config(&spelled(database::CONFIG)).unwrap(),
        database::Options::from_config(&Config::default()).unwrap()
    );
    assert_eq!(
        files::Options::from_config(&spelled(files::CONFIG)).unwrap(),
        files::Options::default()
    );
}

#[test]
fn database_errors_and_limits() {
    let rows = |n: usize| -> Vec<Vec<Option<String>>> {
        (0..n)
            .map(|k| {
                vec![
                    Some(k.to_string()),
                    Some(format!("p{k}@example.nl")),
                    Some(format!("Jansen {k}")),
                ]
            })
            .collect()
    };
    let cols = [("id", "INTEGER"), ("email", "TEXT"), ("achternaam", "TEXT")];
    let mut db = MemorySql::new()
        .table("a", &cols, rows(10))
        .table("b", &cols, rows(10))
        .table("c", &cols, rows(10));
    db.failing
        .push(("b".into(), SourceError::Failed("timeout".into())));
    let mut sink = RecordingSink::default();
    let s = database::scan(&mut db, &mut sink, "sqlite", &Config::default()).unwrap();
    assert_eq!(s.locations_skipped, 1);
    assert!(!s.truncated);
    assert_eq!(found(&sink).len(), 4);
    assert!(
        sink.logs
            .iter()
            .any(|(l, m)| *l == Level::Warn && m.contains("table b") && m.contains("timeout"))
    );
    assert_eq!(sink.progress.first().map(|p| p.1), Some(Some(3)));

    // The row budget runs out after the first table.
    let mut db = MemorySql::new()
        .table("a", &cols, rows(300))
        .table("c", &cols, rows(300));
    db.row_budget = Some(200);
    let mut sink = RecordingSink::default();
    let s = database::scan(&mut db, &mut sink, "sqlite", &Config::default()).unwrap();
    assert!(s.truncated);
    assert_eq!(found(&sink).len(), 2);

    // A host that hands out fewer rows per call than asked.
    let mut db = MemorySql::new().table("a", &cols, rows(300));
    db.max_rows_per_call = Some(20);
    let mut sink = RecordingSink::default();
    database::scan(&mut db, &mut sink, "sqlite", &Config::default()).unwrap();
    assert!(sink.findings.iter().all(|f| f.sampled == 20));

    // Not a database.
    assert_eq!(
        database::scan(
            &mut MemorySql::new(),
            &mut sink,
            "files",
            &Config::default()
        ),
        Err(ScanError::UnsupportedKind("files".into()))
    );
    assert!(matches!(
        database::scan(&mut MemorySql::new(), &mut sink, "sqlite", &config(&[("sample-rows", int(0))])),
        Err(ScanError::BadConfig(m)) if m.contains("sample-rows")
    ));
    assert!(matches!(
        database::scan(&mut MemorySql::new(), &mut sink, "sqlite", &config(&[("tables", list(&["x"]))])),
        Err(ScanError::BadConfig(m)) if m.contains("tables")
    ));
}

/// SplitMix64 for the randomized checks below.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Bytes biased towards what the parsers and detectors care about.
const ALPHABET: &[u8] = b"{}[]\",:;\t\n\r\\u0123456789 .-+@()/abcdeXYZtruefalsn\x00\xc3\xa9\xff~*";

/// Random input never makes a scanner panic (in the sandbox a panic is a
/// trap, and the whole scan would be lost).
#[test]
fn random_input_never_panics() {
    let iters: u64 = std::env::var("SDK_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let mut rng = Rng(99);
    for it in 0..iters {
        let len = rng.below(600) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize])
            .collect();
        let _ = ropa_plugin_sdk::json::walk(&bytes, "", |_, _| {});
        let mut pos = 0;
        while let Some((_, next)) = ropa_plugin_sdk::csv::next_record(&bytes, pos, b',', true) {
            assert!(next > pos);
            pos = next;
        }
        let mut fs = MemoryFiles::new();
        for ext in ["csv", "tsv", "json", "ndjson", "txt", ""] {
            fs = fs.file(&format!("d/f{it}.{ext}"), bytes.clone());
        }
        fs.max_read = Some(1 + rng.below(200) as u32);
        let mut sink = RecordingSink::default();
        files::scan(&mut fs, &mut sink, "files", &Config::default()).unwrap();
        let mut http = MemoryHttp::new().endpoint(
            "https://x.example/a",
            200,
            "application/json",
            bytes.clone(),
        );
        json_api::scan(
            &mut http,
            &mut sink,
            "http-json",
            &config(&[("endpoints", list(&["https://x.example/a"]))]),
        )
        .unwrap();
        let mut s = LineScanner::default();
        for chunk in bytes.chunks(1 + rng.below(50) as usize) {
            s.feed(chunk, false);
        }
        s.feed(b"", true);
        let _ = s.finish();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let mut stats = ropa_plugin_sdk::ColumnStats::new();
            for v in text.split('\n') {
                stats.add(v);
            }
            let _ = ropa_plugin_sdk::scanner::classify_field("notes", "", &stats);
        }
    }
}
