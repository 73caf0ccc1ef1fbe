//! V52: a public text appears in the statement.

use std::collections::BTreeSet;

use super::declare::rule;
use super::{Findings, Rule, text_missing};
use crate::model::{
    ActivityFile, Basis, Id, LawRef, ProvisionKind, Retention, Right, Storage, Text,
    law_missing,
};
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// Every text written for the public statement is one the statement
    /// shows. The statement tells the organisation, its public activities
    /// and the catalogue entries they use, and some texts only under a
    /// condition; a text whose condition is false is shown nowhere (or only
    /// in the internal record). A warning per text, naming its field:
    ///
    /// - `profiling`'s `description`, `data_types` and `opt_out` of an
    ///   activity that does not profile people itself (`"exists": false`);
    ///   who else profiles them is told in `by_others`, whatever `exists`;
    /// - `automated_decisions`' `logic` and `consequences` where no decision
    ///   based solely on automated processing has legal or similarly
    ///   significant effects, and its `legal_reference` but under Art.
    ///   22(2)(b);
    /// - `consent.mechanism` of an activity none of whose purposes rests on
    ///   consent (and that asks for no explicit consent to special-category
    ///   data, Art. 9(2)(a)); `objection`'s texts of an activity that neither rests on
    ///   legitimate interests or a public task (Art. 21(1)) nor serves
    ///   direct marketing (Art. 21(2));
    /// - a `legitimate_interest` on a basis other than legitimate
    ///   interests, a `contract` on a basis other than a contract, a
    ///   `legal_reference` on a basis other than a legal obligation or a
    ///   public task (the record keeps that one);
    /// - in a retention: a `reason` unless the data is kept with no end
    ///   (`indefinite`), `criteria` or a `legal_reference` beside
    ///   `indefinite`, `not_stored` or `on_device` (where V14 does not
    ///   already refuse them), a `start_event` with no `period` to count
    ///   (the record keeps it); and every text of an activity's default
    ///   `retention` when each of its data entries sets its own;
    /// - a transfer's `copy_via` where its mechanism says its own (the
    ///   record keeps both);
    /// - the `informed_via` of a subject of a public activity when no
    ///   source that supplies data from others (`other_person`,
    ///   `third_party`, `public`) lists the subject in its `subjects`;
    /// - a category's `provision.consequence` when the kind is
    ///   `marked_per_field`: the statement tells `notice.form_fields`'
    ///   consequence for all such data;
    /// - a declared right's `text` or `route` when an earlier declaration
    ///   of the same right gives one: the statement tells the first;
    /// - the optional texts of a public activity carried out as processor
    ///   (`"role": "processor"`), which the statement names only with the
    ///   controllers it serves and the processor's record (Art. 30(2))
    ///   tells only by its description and purposes.
    ///
    /// Activities with `"public": false` are the record's, not the
    /// statement's, and are not checked.
    ///
    /// ## Why
    /// The information of Art. 13 and 14 is given in a concise,
    /// transparent, intelligible and easily accessible form (Art. 12(1)).
    /// A DPO who writes a text for the statement expects the public to
    /// read it; a text the statement leaves out without a word leaves the
    /// DPO believing people are told something they are not, and the
    /// register saying something the statement does not.
    ///
    /// ## Example
    /// ```json
    /// "profiling": { "exists": false,
    ///                "description": { "en": "We combine your purchases into a profile." } }
    /// ```
    /// The statement says the organisation does not profile people, and the
    /// description is shown nowhere.
    ///
    /// ## How to fix
    /// Make the condition true if it is (`"exists": true`, the basis the
    /// text belongs to, the subject in the source's `subjects`), move the
    /// text to where the statement tells it (`by_others` for profiling by
    /// others, `notice.form_fields` for data marked per field), or remove
    /// it. To keep a text for later, acknowledge the warning as a known gap.
    ///
    /// ## Reference
    /// - [§4, row V52](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V52 {
        title: "a public text appears in the statement",
        articles: "Art. 12(1), 13, 14",
        severity: Warning,
        acknowledgeable: true,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let public: Vec<(FileRef, &ActivityFile)> = register
        .activities
        .iter()
        .filter(|(_, a)| a.public)
        .map(|(id, a)| (FileRef::Activity(id.clone()), a))
        .collect();
    for (file, activity) in &public {
        let mut unshown = Unshown { out, file };
        if activity.is_own() {
            own_activity(&mut unshown, activity);
        } else {
            for_others(&mut unshown, activity);
        }
    }
    let own: Vec<&ActivityFile> = public
        .iter()
        .map(|(_, a)| *a)
        .filter(|a| a.is_own())
        .collect();
    declared_rights(register, out);
    provision(register, &own, out);
    informed_via(register, &own, out);
}

/// Reports the texts of one file that the statement does not show.
struct Unshown<'a, 'f> {
    out: &'a mut Findings,
    file: &'f FileRef,
}

impl Unshown<'_, '_> {
    fn text(&mut self, text: &Option<Text>, pointer: impl Into<String>, why: &str, fix: &str) {
        if !text_missing(text) {
            self.report(pointer, why, fix);
        }
    }

    fn law(&mut self, law: &Option<LawRef>, pointer: impl Into<String>, why: &str, fix: &str) {
        if !law_missing(law) {
            self.report(pointer, why, fix);
        }
    }

    fn report(&mut self, pointer: impl Into<String>, why: &str, fix: &str) {
        self.out.warning(
            Rule::V52,
            self.file,
            pointer,
            format!("the statement does not show this text: {why}"),
            fix,
        );
    }
}

/// The texts of an activity of the organisation's own that the statement
/// tells only under a condition.
fn own_activity(unshown: &mut Unshown, activity: &ActivityFile) {
    let profiling = &activity.profiling;
    if !profiling.exists {
        const WHY: &str = "the activity does not profile people itself (\"exists\": false), and the statement tells what is profiled only of activities that do";
        const FIX: &str = "set \"exists\": true if the organisation profiles people here; if others do, tell it in \"by_others\" (who, description); otherwise remove the text";
        unshown.text(&profiling.description, "/profiling/description", WHY, FIX);
        for i in 0..profiling.data_types.len() {
            unshown.report(format!("/profiling/data_types/{i}"), WHY, FIX);
        }
        unshown.text(&profiling.opt_out, "/profiling/opt_out", WHY, FIX);
    }

    if let Some(adm) = &activity.automated_decisions {
        if !adm.solely_automated_significant {
            const WHY: &str = "the statement tells the logic and consequences only of decisions based solely on automated processing with legal or similarly significant effects, and the activity records none (\"solely_automated_significant\": false)";
            const FIX: &str = "set \"solely_automated_significant\": true if such decisions are taken, or remove the text";
            unshown.text(&adm.logic, "/automated_decisions/logic", WHY, FIX);
            unshown.text(&adm.consequences, "/automated_decisions/consequences", WHY, FIX);
        }
        if !adm.solely_automated_significant || adm.exception.as_deref() != Some("b") {
            unshown.law(
                &adm.legal_reference,
                "/automated_decisions/legal_reference",
                "the statement names the law that authorises automated decisions only for decisions under Art. 22(2)(b) (\"exception\": \"b\")",
                "set \"exception\": \"b\" if a law authorises the decisions, or remove \"legal_reference\"",
            );
        }
    }

    let bases = || activity.purposes.iter().flat_map(|p| p.legal_bases.iter());
    // Explicit consent to special-category data (Art. 9(2)(a)) needs its
    // record too, which the statement does not tell yet.
    let explicit_consent = activity
        .special_category_conditions
        .iter()
        .any(|c| c.condition == "a");
    if let Some(consent) = &activity.consent
        && !bases().any(|b| b.basis == Basis::Consent)
        && !explicit_consent
    {
        unshown.text(
            &consent.mechanism,
            "/consent/mechanism",
            "no purpose of the activity rests on consent, and the statement tells how consent is asked only for purposes that do",
            "add the consent basis to the purpose that asks for it, or remove \"consent\"",
        );
    }

    if let Some(objection) = &activity.objection
        && !activity.objectable()
        && !activity.direct_marketing()
    {
        const WHY: &str = "the statement tells how to object for activities that rest on legitimate interests or a public task (Art. 21(1)) or serve direct marketing (Art. 21(2)), and this one does neither";
        const FIX: &str = "remove \"objection\", or tell in \"rights.declared\" of organisation.json the objection the organisation honours beyond Art. 21";
        unshown.report("/objection/description", WHY, FIX);
        for (i, channel) in objection.channels.iter().enumerate() {
            unshown.text(
                &channel.label,
                format!("/objection/channels/{i}/label"),
                WHY,
                FIX,
            );
        }
    }

    for (i, purpose) in activity.purposes.iter().enumerate() {
        for (j, basis) in purpose.legal_bases.iter().enumerate() {
            let at = format!("/purposes/{i}/legal_bases/{j}");
            if basis.basis != Basis::LegitimateInterests {
                unshown.text(
                    &basis.legitimate_interest,
                    format!("{at}/legitimate_interest"),
                    "the statement tells a legitimate interest only for the basis of legitimate interests",
                    "give the interest its own entry with \"basis\": \"legitimate_interests\", or remove it",
                );
            }
            if basis.basis != Basis::Contract && basis.contract.is_some() {
                unshown.report(
                    format!("{at}/contract"),
                    "the statement names a contract only for the basis of a contract",
                    "give the contract its own entry with \"basis\": \"contract\", or remove it",
                );
            }
            if !matches!(basis.basis, Basis::LegalObligation | Basis::PublicTask) {
                unshown.law(
                    &basis.legal_reference,
                    format!("{at}/legal_reference"),
                    "the statement names the law of a basis only for a legal obligation or a public task (Art. 6(3)); the record keeps it",
                    "remove it, or give it to the entry of the legal obligation or public task it lays down",
                );
            }
        }
    }

    retentions(unshown, activity);

    for (i, transfer) in activity.transfers.iter().enumerate() {
        let own_copy = transfer
            .mechanisms
            .first()
            .is_some_and(|m| !text_missing(&m.copy_via));
        if own_copy {
            unshown.text(
                &transfer.copy_via,
                format!("/transfers/{i}/copy_via"),
                "the transfer's mechanism says its own way to a copy of the safeguards, and the statement tells that one; the record keeps both",
                "remove one of the two, keeping the way people really get a copy",
            );
        }
    }
}

/// The texts of the activity's retention rules that the statement cannot
/// tell, given how the data is kept.
fn retentions(unshown: &mut Unshown, activity: &ActivityFile) {
    // An activity that lists no data yet keeps its default for the data it
    // will list.
    if let Some(default) = &activity.retention
        && !activity.data.is_empty()
        && activity.data.iter().all(|d| d.retention.is_some())
    {
        let why = "no data entry of the activity follows its default retention: each sets its own";
        let fix = "remove the default \"retention\", or remove the data entries' own where they repeat it";
        texts_of_retention(default, "/retention", |pointer| {
            unshown.report(pointer, why, fix);
        });
        // Nothing else of it matters: it is told nowhere.
    } else if let Some(default) = &activity.retention {
        retention(unshown, default, "/retention");
    }
    for (i, data) in activity.data.iter().enumerate() {
        if let Some(own) = &data.retention {
            retention(unshown, own, &format!("/data/{i}/retention"));
        }
    }
}

fn retention(unshown: &mut Unshown, r: &Retention, at: &str) {
    if r.storage != Storage::Indefinite {
        unshown.text(
            &r.reason,
            format!("{at}/reason"),
            "the statement tells a reason only for data kept with no end (\"storage\": \"indefinite\")",
            "remove \"reason\", or set \"storage\": \"indefinite\" if the data is kept with no end",
        );
    }
    match r.storage {
        Storage::Limited => {
            if r.period.is_none() {
                unshown.text(
                    &r.start_event,
                    format!("{at}/start_event"),
                    "the statement tells the event a period counts from only with a \"period\"; the record keeps it",
                    "add the \"period\" that counts from it, or say the event in the \"criteria\"",
                );
            }
        }
        // Not kept, or kept with no end: V14 refuses a period, a start
        // event and an end action (and criteria, but with no end).
        Storage::Indefinite => {
            unshown.text(
                &r.criteria,
                format!("{at}/criteria"),
                "the statement tells the \"reason\" of data kept with no end, not criteria",
                "say it in the \"reason\", or remove it",
            );
            unshown.law(
                &r.legal_reference,
                format!("{at}/legal_reference"),
                "the statement tells the \"reason\" of data kept with no end, not a law",
                "name the law in the \"reason\", or remove it",
            );
        }
        Storage::NotStored | Storage::OnDevice => {
            unshown.law(
                &r.legal_reference,
                format!("{at}/legal_reference"),
                "the statement names no law for data the organisation does not keep",
                "remove it, or set \"storage\": \"limited\" if a law makes the organisation keep the data",
            );
        }
    }
}

/// Every text of a retention, by its pointer.
fn texts_of_retention(r: &Retention, at: &str, mut each: impl FnMut(String)) {
    for (field, given) in [
        ("criteria", !text_missing(&r.criteria)),
        ("start_event", !text_missing(&r.start_event)),
        ("reason", !text_missing(&r.reason)),
        ("legal_reference", !law_missing(&r.legal_reference)),
    ] {
        if given {
            each(format!("{at}/{field}"));
        }
    }
}

/// The optional texts of an activity carried out for other controllers:
/// the statement names it and for whom, nothing more, and the controller's
/// record leaves it out.
fn for_others(unshown: &mut Unshown, activity: &ActivityFile) {
    const WHY: &str = "the statement names an activity carried out as processor only with the controllers it serves, and the processor's record tells only its description and purposes";
    const FIX: &str = "tell it in the privacy statements of the controllers the organisation processes for, or remove it";
    // The description and the purposes' descriptions are the processor's
    // record's (Art. 30(2)(b)), as an internal activity's are the record's.
    for (i, purpose) in activity.purposes.iter().enumerate() {
        unshown.text(
            &purpose.minimisation,
            format!("/purposes/{i}/minimisation"),
            WHY,
            FIX,
        );
    }
    if let Some(r) = &activity.retention {
        texts_of_retention(r, "/retention", |pointer| unshown.report(pointer, WHY, FIX));
    }
    for (i, data) in activity.data.iter().enumerate() {
        if let Some(r) = &data.retention {
            texts_of_retention(r, &format!("/data/{i}/retention"), |pointer| {
                unshown.report(pointer, WHY, FIX)
            });
        }
    }
    if let Some(consent) = &activity.consent {
        unshown.text(&consent.mechanism, "/consent/mechanism", WHY, FIX);
    }
    if activity.objection.is_some() {
        unshown.report("/objection/description", WHY, FIX);
    }
    let profiling = &activity.profiling;
    unshown.text(&profiling.description, "/profiling/description", WHY, FIX);
    for i in 0..profiling.data_types.len() {
        unshown.report(format!("/profiling/data_types/{i}"), WHY, FIX);
    }
    unshown.text(&profiling.opt_out, "/profiling/opt_out", WHY, FIX);
    for i in 0..profiling.by_others.len() {
        unshown.report(format!("/profiling/by_others/{i}"), WHY, FIX);
    }
    if let Some(adm) = &activity.automated_decisions {
        unshown.text(&adm.logic, "/automated_decisions/logic", WHY, FIX);
        unshown.text(
            &adm.consequences,
            "/automated_decisions/consequences",
            WHY,
            FIX,
        );
    }
    for (i, transfer) in activity.transfers.iter().enumerate() {
        unshown.text(
            &transfer.copy_via,
            format!("/transfers/{i}/copy_via"),
            WHY,
            FIX,
        );
        for (k, mechanism) in transfer.mechanisms.iter().enumerate() {
            unshown.text(
                &mechanism.copy_via,
                format!("/transfers/{i}/mechanisms/{k}/copy_via"),
                WHY,
                FIX,
            );
        }
    }
}

/// A right declared twice: the statement tells the first declaration's
/// text and route, and merges the channels and limits of all.
fn declared_rights(register: &Register, out: &mut Findings) {
    let mut unshown = Unshown {
        out,
        file: &FileRef::Organisation,
    };
    let mut texts: BTreeSet<Right> = BTreeSet::new();
    let mut routes: BTreeSet<Right> = BTreeSet::new();
    for (i, declared) in register.organisation.rights.declared.iter().enumerate() {
        // V27 refuses these two in the list.
        if matches!(
            declared.right,
            Right::ObjectionToDirectMarketing | Right::WithdrawConsent
        ) {
            continue;
        }
        let why = "the right is declared more than once, and the statement tells the first declaration's text and route";
        let fix = "declare each right once, with its text, route, channels and limits together";
        if !text_missing(&declared.text) && !texts.insert(declared.right) {
            unshown.report(format!("/rights/declared/{i}/text"), why, fix);
        }
        if !text_missing(&declared.route) && !routes.insert(declared.right) {
            unshown.report(format!("/rights/declared/{i}/route"), why, fix);
        }
    }
}

/// The consequence of not providing data marked per field: the statement
/// tells the form's (`notice.form_fields`), for all such data.
fn provision(register: &Register, own: &[&ActivityFile], out: &mut Findings) {
    let used: BTreeSet<&Id> = own
        .iter()
        .flat_map(|a| a.data.iter().map(|d| &d.category))
        .collect();
    let mut unshown = Unshown {
        out,
        file: &FileRef::Categories,
    };
    for (i, category) in register.categories.categories.iter().enumerate() {
        let Some(provision) = &category.provision else {
            continue;
        };
        if provision.kind == ProvisionKind::MarkedPerField && used.contains(&category.id) {
            unshown.text(
                &provision.consequence,
                format!("/categories/{i}/provision/consequence"),
                "the statement does not list data whose form marks the required fields (\"marked_per_field\"); it tells the consequence of \"notice.form_fields\" in organisation.json for all of it",
                "say it in \"notice.form_fields.consequence\", or give the category the kind it has (\"required_by_law\", \"required_for_contract\", \"voluntary\")",
            );
        }
    }
}

/// How people are informed whose data comes from others: the statement
/// tells it beside the sources of data from others that list them.
fn informed_via(register: &Register, public: &[&ActivityFile], out: &mut Findings) {
    let mut used: BTreeSet<&Id> = BTreeSet::new();
    for activity in public {
        used.extend(activity.subjects.iter());
        for source in &activity.sources {
            used.extend(source.subjects.iter());
        }
    }
    // Those an internal activity's source lists are the record's to
    // inform (V33 asks for it), not the statement's.
    let told: BTreeSet<&Id> = register
        .activities
        .values()
        .filter(|a| a.is_own())
        .flat_map(|a| a.sources.iter())
        .filter(|s| !s.kind.is_direct())
        .flat_map(|s| s.subjects.iter())
        .collect();
    let mut unshown = Unshown {
        out,
        file: &FileRef::Subjects,
    };
    for (i, subject) in register.subjects.subjects.iter().enumerate() {
        if used.contains(&subject.id) && !told.contains(&subject.id) {
            unshown.text(
                &subject.informed_via,
                format!("/subjects/{i}/informed_via"),
                &format!(
                    "the statement tells how people are informed beside a source of data from others (\"other_person\", \"third_party\", \"public\") that lists them in its \"subjects\", and no such source lists \"{}\"",
                    subject.id
                ),
                &format!(
                    "add \"{}\" to the \"subjects\" of the source that supplies their data, or remove \"informed_via\"",
                    subject.id
                ),
            );
        }
    }
}
