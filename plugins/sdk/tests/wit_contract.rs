//! The WIT contract in `plugins/wit/` parses, and its `scanner` world has the
//! imports and exports that the host and the SDK rely on. A change here is a
//! change to the plugin contract: see the stability promise in `scanner.wit`.

use std::path::Path;

use wit_parser::{Resolve, WorldItem, WorldKey};

fn resolve() -> (Resolve, wit_parser::PackageId) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wit");
    let mut resolve = Resolve::default();
    let (pkg, _files) = resolve
        .push_dir(&dir)
        .unwrap_or_else(|e| panic!("plugins/wit does not parse: {e:?}"));
    (resolve, pkg)
}

fn key_name(resolve: &Resolve, key: &WorldKey) -> String {
    match key {
        WorldKey::Name(name) => name.clone(),
        WorldKey::Interface(id) => resolve.interfaces[*id]
            .name
            .clone()
            .expect("world items are named interfaces"),
    }
}

fn interface<'a>(
    resolve: &'a Resolve,
    pkg: wit_parser::PackageId,
    name: &str,
) -> &'a wit_parser::Interface {
    let id = resolve.packages[pkg]
        .interfaces
        .get(name)
        .unwrap_or_else(|| panic!("interface `{name}` missing"));
    &resolve.interfaces[*id]
}

#[test]
fn package_is_ropa_scanner_0_2_0() {
    let (resolve, pkg) = resolve();
    let name = &resolve.packages[pkg].name;
    assert_eq!(name.namespace, "ropa");
    assert_eq!(name.name, "scanner");
    assert_eq!(
        name.version.as_ref().map(|v| v.to_string()).as_deref(),
        Some("0.2.0")
    );
    assert!(
        resolve.packages[pkg]
            .docs
            .contents
            .as_deref()
            .is_some_and(|d| d.contains("Stability")),
        "the package documents its stability promise"
    );
}

#[test]
fn scanner_world_imports_capabilities_and_exports_plugin() {
    let (resolve, pkg) = resolve();
    let world_id = resolve
        .select_world(&[pkg], Some("scanner"))
        .expect("world `scanner`");
    let world = &resolve.worlds[world_id];

    let imports: Vec<String> = world
        .imports
        .keys()
        .map(|k| key_name(&resolve, k))
        .collect();
    for wanted in ["sql", "files", "http", "log", "findings", "types"] {
        assert!(
            imports.iter().any(|i| i == wanted),
            "world imports `{wanted}`: {imports:?}"
        );
    }
    let exports: Vec<String> = world
        .exports
        .keys()
        .map(|k| key_name(&resolve, k))
        .collect();
    assert_eq!(exports, ["plugin"], "the world exports exactly `plugin`");
    for item in world.exports.values() {
        assert!(matches!(item, WorldItem::Interface { .. }));
    }
}

#[test]
fn interfaces_have_their_functions() {
    let (resolve, pkg) = resolve();
    let expect: &[(&str, &[&str])] = &[
        ("plugin", &["describe", "scan"]),
        ("findings", &["report"]),
        (
            "sql",
            &[
                "list-tables",
                "list-columns",
                "row-count-estimate",
                "sample",
            ],
        ),
        ("files", &["list-dir", "read"]),
        ("http", &["get"]),
        ("log", &["message", "progress"]),
    ];
    for (iface, funcs) in expect {
        let i = interface(&resolve, pkg, iface);
        let mut have: Vec<&str> = i.functions.keys().map(String::as_str).collect();
        have.sort_unstable();
        let mut want = funcs.to_vec();
        want.sort_unstable();
        assert_eq!(have, want, "functions of `{iface}`");
        for (name, f) in &i.functions {
            assert!(
                f.docs.contents.is_some(),
                "`{iface}.{name}` has a doc comment"
            );
        }
    }
}

/// Every capability function (and `report`) returns
/// `result<_, capability-error>`, so a refusal is a value, never a trap.
#[test]
fn capability_functions_return_capability_error() {
    let (resolve, pkg) = resolve();
    let types = interface(&resolve, pkg, "types");
    let cap_err = *types
        .types
        .get("capability-error")
        .expect("capability-error");
    for iface in ["sql", "files", "http", "log", "findings"] {
        for (name, f) in &interface(&resolve, pkg, iface).functions {
            let Some(wit_parser::Type::Id(ret)) = f.result else {
                panic!("`{iface}.{name}` returns a result");
            };
            let wit_parser::TypeDefKind::Result(r) = &resolve.types[ret].kind else {
                panic!("`{iface}.{name}` returns a result");
            };
            let Some(wit_parser::Type::Id(err)) = r.err else {
                panic!("`{iface}.{name}` has an error type");
            };
            // `use types.{capability-error}` makes a local alias of the type.
            let mut err = err;
            while let wit_parser::TypeDefKind::Type(wit_parser::Type::Id(next)) =
                resolve.types[err].kind
            {
                err = next;
            }
            assert_eq!(err, cap_err, "`{iface}.{name}` fails with capability-error");
        }
    }
    let wit_parser::TypeDefKind::Variant(v) = &resolve.types[cap_err].kind else {
        panic!("capability-error is a variant");
    };
    let cases: Vec<&str> = v.cases.iter().map(|c| c.name.as_str()).collect();
    for wanted in ["not-granted", "limit-exceeded", "not-found", "failed"] {
        assert!(
            cases.contains(&wanted),
            "capability-error has `{wanted}`: {cases:?}"
        );
    }
}

/// A finding has where, what, how sure and by whom — and no field that could
/// carry a value.
#[test]
fn finding_has_no_value_field() {
    let (resolve, pkg) = resolve();
    let types = interface(&resolve, pkg, "types");
    let id = *types.types.get("finding").expect("finding");
    let wit_parser::TypeDefKind::Record(r) = &resolve.types[id].kind else {
        panic!("finding is a record");
    };
    let fields: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        fields,
        [
            "location",
            "category",
            "confidence",
            "matches",
            "sampled",
            "detector"
        ]
    );
    let loc = *types.types.get("location").expect("location");
    let wit_parser::TypeDefKind::Variant(v) = &resolve.types[loc].kind else {
        panic!("location is a variant");
    };
    let cases: Vec<&str> = v.cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cases, ["column", "file", "endpoint"]);
}

/// Every type and function in the package is documented: the WIT is the
/// reference a plugin author reads.
#[test]
fn every_item_is_documented() {
    let (resolve, pkg) = resolve();
    for (name, id) in &resolve.packages[pkg].interfaces {
        let i = &resolve.interfaces[*id];
        assert!(
            i.docs.contents.is_some(),
            "interface `{name}` has a doc comment"
        );
        for (tname, tid) in &i.types {
            let t = &resolve.types[*tid];
            // `use` aliases carry no docs of their own.
            if matches!(
                t.kind,
                wit_parser::TypeDefKind::Type(wit_parser::Type::Id(_))
            ) {
                continue;
            }
            assert!(
                t.docs.contents.is_some(),
                "type `{name}.{tname}` has a doc comment"
            );
        }
    }
}
