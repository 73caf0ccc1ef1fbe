//! The ISMT example register in `register/`: it validates with no errors,
//! and its warnings are exactly the gaps of the published statement it was
//! written from — each recorded in the register as a known gap or reported
//! by a completeness rule.

use std::collections::BTreeMap;

use crate::util::{run, workspace_root};

#[test]
fn the_example_register_validates_and_names_the_seed_gaps() {
    let root = workspace_root();
    let out = run(
        &root,
        ["validate", "--register", "register", "--format", "json"],
        &[],
    );
    out.assert_code(0);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{out}");

    let mut found: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_owned(),
            d["file"].as_str().unwrap().to_owned(),
        );
        *found.entry(key).or_default() += 1;
    }
    let expected: BTreeMap<(String, String), usize> = [
        // No concrete retention periods, only "no longer than necessary" (Art. 13(2)(a)).
        ("V15", "activities/administratie.json", 1),
        ("V15", "activities/communicatie-marketing.json", 1),
        ("V15", "activities/kwaliteit-management.json", 1),
        ("V15", "activities/overeenkomst.json", 1),
        ("V15", "activities/wet-en-regelgeving.json", 1),
        // Three legal bases named, not tied to these purposes.
        ("V01", "activities/administratie.json", 1),
        ("V01", "activities/kwaliteit-management.json", 1),
        ("V01", "activities/wet-en-regelgeving.json", 1),
        // Legitimate interests without a balancing test on record.
        ("V03", "activities/communicatie-marketing.json", 1),
        ("V03", "activities/wet-en-regelgeving.json", 1),
        // Consent for marketing, but no record of where proof is kept.
        ("V05", "activities/communicatie-marketing.json", 1),
        // Social media and third-party services: neither named nor their data.
        ("V32", "activities/communicatie-marketing.json", 1),
        // Profiling, without saying whether decisions with legal effect follow.
        ("V31", "activities/communicatie-marketing.json", 1),
        // Colleagues' data supplied by customers: how are they informed?
        ("V33", "subjects.json", 1),
        // Processors named only by their kind, without processing agreements.
        ("V18", "recipients.json", 2),
        // No word on a data protection officer.
        ("V35", "organisation.json", 1),
        // No security measures described.
        ("V42", "organisation.json", 1),
        // Quality and management works on anonymous data where it can; the
        // statement names no system it uses. The other activities name the
        // example systems (systems/webshop.json, systems/exports.json).
        ("V43", "activities/kwaliteit-management.json", 1),
    ]
    .into_iter()
    .map(|(rule, file, n)| ((rule.to_owned(), file.to_owned()), n))
    .collect();
    assert_eq!(found, expected, "the example's warnings changed:\n{out}");

    // Every warning that stands for an error of the statement carries the
    // DPO's note saying why it is there.
    for d in report["diagnostics"].as_array().unwrap() {
        if ["V01", "V05", "V15", "V18", "V32"].contains(&d["rule"].as_str().unwrap()) {
            assert!(d["acknowledged"].is_string(), "{d}");
        }
    }
}
