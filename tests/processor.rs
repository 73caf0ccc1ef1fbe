//! The processor's record (Art. 30(2)) that `ropa render records` adds
//! after the controller's whenever the register has activities carried out
//! for other controllers: every field of Art. 30(2) with its value, in
//! HTML, Markdown, CSV and XLSX, in every language of the register; and
//! nothing of it for a register that has none.

use std::path::{Path, PathBuf};

use ropa_documents::markdown::escape;
use ropa_documents::records::{CONTROLLER_COLUMNS, ProcessorColumn};
use ropa_register::model::Lang;
use serde_json::json;

use crate::render::{text_of, xlsx_sheets};
use crate::util::{copy_dir, run, workspace_root};

/// A copy of an example register, in a directory of its own.
fn copy_of(example: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("ropa-processor-")
        .tempdir()
        .expect("a temporary directory");
    let reg = tmp.path().join("register");
    copy_dir(&workspace_root().join(example), &reg);
    (tmp, reg)
}

fn ropa(register: &Path, args: &[&str], code: i32) -> crate::util::Output {
    let mut all = vec!["--register".to_owned(), register.display().to_string()];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let out = run(&workspace_root(), &all, &[]);
    out.assert_code(code);
    out
}

fn records(register: &Path, lang: &str, format: &str) -> String {
    ropa(
        register,
        &["render", "records", "--lang", lang, "--format", format],
        0,
    )
    .stdout
}

fn lang(code: &str) -> Lang {
    Lang::from_code(code).expect("a language with a word file")
}

/// The two tables of a records CSV: the controller's rows and the
/// processor's (each with its header row), split at the empty line
/// between them, which must be the only one.
fn csv_tables(csv_text: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect();
    let at = rows
        .iter()
        .position(|row| row.len() == ProcessorColumn::ALL.len());
    let Some(at) = at else {
        return (rows, Vec::new());
    };
    assert!(
        csv_text.contains("\r\n\r\n"),
        "the processor's table follows an empty line"
    );
    let (controller, processor) = rows.split_at(at);
    assert!(
        processor
            .iter()
            .all(|r| r.len() == ProcessorColumn::ALL.len()),
        "every row of the processor's table has its {} fields",
        ProcessorColumn::ALL.len()
    );
    (controller.to_vec(), processor.to_vec())
}

/// The cell of `column` in `row` of a table whose header row is `header`.
fn cell<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let at = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column:?} in {header:?}"));
    &row[at]
}

/// What Art. 30(2) asks of Quillstack's record of the workspaces it hosts
/// for its customers, and what supervisory authorities expect beside it:
/// (column, row, the text its cell holds). Row 0 is the named controller
/// Brightline Studio, row 1 Harbor & Pine; a fact of the activity or of the
/// processor is the same in both.
const QUILLSTACK: &[(ProcessorColumn, usize, &str)] = &[
    (ProcessorColumn::Id, 0, "customer-workspaces"),
    (
        ProcessorColumn::Activity,
        0,
        "Hosting our customers' workspaces",
    ),
    // Art. 30(2)(a): the processor, its representatives and DPO.
    (ProcessorColumn::Processor, 0, "Quillstack, Inc."),
    (
        ProcessorColumn::Processor,
        1,
        "500 Mission Street, Suite 1200, San Francisco, CA 94105, United States",
    ),
    (ProcessorColumn::Processor, 0, "privacy@quillstack.example"),
    (
        ProcessorColumn::Representative,
        0,
        "GDPR: Kaiside EU Representation Ltd (eu-rep@kaiside-representation.example",
    ),
    (
        ProcessorColumn::Representative,
        1,
        "UK GDPR: Quayside Representation Ltd (uk-rep@quayside-representation.example",
    ),
    (
        ProcessorColumn::Dpo,
        0,
        "none appointed: No public authority; our core activities",
    ),
    // Art. 30(2)(a): the controllers, described, listed and named.
    (
        ProcessorColumn::Controllers,
        0,
        "the businesses and teams that use Quillstack for their projects",
    ),
    (
        ProcessorColumn::Controllers,
        0,
        "List of the controllers with their contact details: Billing system: every workspace account that accepted the Data Processing Addendum",
    ),
    (
        ProcessorColumn::Controllers,
        1,
        "Processing agreements: Quillstack Data Processing Addendum, accepted with the Terms of Service",
    ),
    (ProcessorColumn::Controller, 0, "Brightline Studio GmbH"),
    (
        ProcessorColumn::Controller,
        0,
        "privacy@brightline-studio.example, Brightline Studio GmbH, Torstraße 140, 10119 Berlin, Germany",
    ),
    (
        ProcessorColumn::ControllerDpo,
        0,
        "Dr. Miriam Albers (dpo@brightline-studio.example)",
    ),
    (
        ProcessorColumn::Agreement,
        0,
        "Negotiated DPA QS-ENT-2024-017, signed 2024-09-12",
    ),
    (
        ProcessorColumn::Controller,
        1,
        "Harbor & Pine Architects LLC",
    ),
    (ProcessorColumn::Controller, 1, "privacy@harborpine.example"),
    (
        ProcessorColumn::ControllerRepresentative,
        1,
        "Lindqvist EU Representation AB (harborpine@lindqvist-rep.example)",
    ),
    // A controller with no agreement of its own has the one for all.
    (
        ProcessorColumn::Agreement,
        1,
        "Quillstack Data Processing Addendum, accepted with the Terms of Service",
    ),
    // Art. 30(2)(b): the categories of processing carried out.
    (
        ProcessorColumn::Processing,
        0,
        "Storing and showing the content of our customers' workspaces",
    ),
    (
        ProcessorColumn::Subjects,
        1,
        "People whose data our customers put in their workspaces",
    ),
    (ProcessorColumn::Category, 0, "Workspace content"),
    // Sub-processors and the agreements with them.
    (
        ProcessorColumn::Recipients,
        0,
        "Cloud hosting provider (Nimbus Cloud, Inc.): sub-processor; United States; general written authorisation of the controllers (Art. 28(2))",
    ),
    (
        ProcessorColumn::RecipientContract,
        1,
        "Cloud hosting provider: DPA-2025-01 (2025-01-15)",
    ),
    // Art. 30(2)(c): transfers, with their safeguards.
    (
        ProcessorColumn::ThirdCountries,
        0,
        "United States (GDPR): Cloud hosting provider",
    ),
    (
        ProcessorColumn::Safeguards,
        0,
        "United States (GDPR): adequacy decision (Art. 45) (EU) 2023/1795",
    ),
    (
        ProcessorColumn::Safeguards,
        1,
        "United States (UK GDPR): adequacy regulations (UK GDPR Art. 45, DPA 2018 s. 17A) SI 2023/1028",
    ),
    // Art. 30(2)(d): the security measures.
    (
        ProcessorColumn::Security,
        0,
        "All traffic uses TLS 1.2 or later; databases and backups are encrypted at rest. (dpv:Encryption)",
    ),
    (
        ProcessorColumn::Location,
        0,
        "Quillstack application database (United States)",
    ),
];

#[test]
fn the_processors_record_holds_every_field_of_art_30_2_in_every_format() {
    let (_tmp, reg) = copy_of("examples/us-software");
    let out = ropa(&reg, &["validate"], 0);
    assert!(out.stdout.contains("0 errors, 0 warnings"), "{out}");
    let en = lang("en");
    let header = |c: ProcessorColumn| c.header(en);

    // CSV: the controller's table, then the processor's, one row per
    // named controller.
    let csv_text = records(&reg, "en", "csv");
    let (controller, processor) = csv_tables(&csv_text);
    assert_eq!(processor.len(), 3, "a header and two named controllers");
    let head = &processor[0];
    let expected_header: Vec<&str> = ProcessorColumn::ALL.iter().map(|&c| header(c)).collect();
    assert_eq!(head, &expected_header);
    for (column, row, text) in QUILLSTACK {
        let value = cell(head, &processor[1 + row], header(*column));
        assert!(
            value.contains(text),
            "CSV, row {row}, {column:?}: {text:?} not in {value:?}"
        );
    }
    // What is the processor's or the activity's is the same in each row;
    // only the controller's cells differ.
    for (c, column) in ProcessorColumn::ALL.iter().enumerate() {
        let same = processor[1][c] == processor[2][c];
        assert_eq!(same, !CONTROLLER_COLUMNS.contains(column), "{column:?}");
    }
    // The controller's record holds the organisation's own activities,
    // and leaves this one out.
    for entry in std::fs::read_dir(reg.join("activities")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let listed = controller.iter().any(|row| row[0] == id);
        assert_eq!(listed, id != "customer-workspaces", "{id}");
    }

    // HTML: a part of its own after the controller's, each field in the
    // row of its name, each controller's in its row of the controllers'
    // table.
    let html = records(&reg, "en", "html");
    let (own, theirs) = html
        .split_once("<section class=\"record\">")
        .expect("the processor's part");
    assert!(
        !own.contains("Hosting our customers"),
        "the controller's part names it"
    );
    assert!(
        text_of(theirs).starts_with(
            "Record of processing activities of the processor Quillstack, Inc. Record of the categories of processing carried out on behalf of controllers under Article 30(2) GDPR"
        ),
        "{theirs}"
    );
    let rows: Vec<String> = theirs.split("<tr>").skip(1).map(text_of).collect();
    let controllers = ["Brightline Studio GmbH", "Harbor & Pine Architects LLC"];
    for (column, row, text) in QUILLSTACK {
        let found = match column {
            ProcessorColumn::Id | ProcessorColumn::Activity => {
                text_of(theirs).contains("Hosting our customers' workspaces (customer-workspaces)")
            }
            c if c.per_controller() => rows
                .iter()
                .any(|r| r.starts_with(controllers[*row]) && r.contains(text)),
            c => rows
                .iter()
                .any(|r| r.starts_with(&format!("{} ", header(*c))) && r.contains(text)),
        };
        assert!(found, "HTML, {column:?}: {text:?} not in {rows:#?}");
    }
    // The named controllers' table: its header, then a row per controller.
    let table: Vec<&str> = CONTROLLER_COLUMNS.iter().map(|&c| header(c)).collect();
    assert!(
        text_of(theirs).contains(&format!(
            "Controllers {} Brightline Studio GmbH",
            table.join(" ")
        )),
        "{theirs}"
    );

    // Markdown: the same, every value escaped.
    let md = records(&reg, "en", "md");
    let (own, theirs) = md
        .split_once("\n# Record of processing activities of the processor Quillstack, Inc.\n")
        .expect("the processor's part");
    assert!(!own.contains("Hosting our customers"));
    let lines: Vec<&str> = theirs.lines().collect();
    for (column, row, text) in QUILLSTACK {
        let text = escape(text);
        let found = match column {
            ProcessorColumn::Id | ProcessorColumn::Activity => theirs.contains(&format!(
                "\n### {} (customer-workspaces)\n",
                escape("Hosting our customers' workspaces")
            )),
            c if c.per_controller() => lines.iter().any(|l| {
                l.starts_with(&format!("| {}", escape(controllers[*row]))) && l.contains(&text)
            }),
            c => lines.iter().any(|l| {
                l.starts_with(&format!("| {} | ", escape(header(*c)))) && l.contains(&text)
            }),
        };
        assert!(found, "Markdown, {column:?}: {text:?} not in {theirs}");
    }
    assert!(
        theirs.contains(&format!(
            "#### Controllers\n\n| {} |\n|---|---|---|---|\n| Brightline Studio GmbH<br>",
            table.join(" | ")
        )),
        "{theirs}"
    );

    // XLSX: a sheet of its own, which is the CSV's second table cell for cell.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("records.xlsx");
    let file_s = file.display().to_string();
    ropa(
        &reg,
        &[
            "render", "records", "--lang", "en", "--format", "xlsx", "-o", &file_s,
        ],
        0,
    );
    let sheets = xlsx_sheets(&file);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Record", "Controller", "Processor record"]);
    assert!(
        sheets[0].1 == controller,
        "the record sheet is the CSV's first table"
    );
    assert!(
        sheets[2].1 == processor,
        "the processor's sheet is the CSV's second table"
    );
    let bytes = std::fs::read(&file).unwrap();
    let sheet = crate::render::zip_member(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:X3\"/>")
            && sheet.contains("state=\"frozen\"")
            && sheet.contains("<pageSetup orientation=\"landscape\" "),
        "filtered, frozen, landscape: {sheet}"
    );
}

/// The ISMT example with an internal activity it carries out for the web
/// shops it hosts: a register in three languages.
fn ismt_hosting_shops() -> (tempfile::TempDir, PathBuf) {
    let (tmp, reg) = copy_of("register");
    let activity = json!({
        "$schema": "../../schemas/activity.schema.json",
        "name": {
            "nl": "Webwinkels hosten voor winkeliers",
            "en": "Hosting web shops for shopkeepers",
            "de": "Webshops für Händler hosten"
        },
        "public": false,
        "status": "active",
        "role": "processor",
        "processing_for": {
            "controllers": {
                "nl": "de winkeliers die onze webwinkelsoftware gebruiken",
                "en": "the shopkeepers who use our web shop software",
                "de": "die Händler, die unsere Webshop-Software nutzen"
            },
            "names": [{
                "name": "Fietsenwinkel De Spaak B.V.",
                "contact": [{ "kind": "email", "value": "privacy@despaak.example" }],
                "dpo": { "contact": [{ "kind": "email", "value": "fg@despaak.example" }] },
                "agreement_ref": "VO-2025-004"
            }],
            "list_ref": "klantadministratie",
            "agreement_ref": "verwerkersovereenkomsten, klantdossiers"
        },
        "subjects": ["klanten"],
        "purposes": [{
            "id": "host-shops",
            "label": {
                "nl": "Webwinkels en hun bestellingen hosten",
                "en": "Hosting web shops and their orders",
                "de": "Webshops und ihre Bestellungen hosten"
            },
            "dpv": ["dpv:ServiceProvision"],
            "legal_bases": [],
            "direct_marketing": false
        }],
        "data": [{ "category": "personalia" }],
        "sources": [],
        "recipients": ["onderhoudsservice"],
        "transfers": [],
        "profiling": { "exists": false },
        "automated_decisions": { "solely_automated_significant": false },
        "systems": ["webshop"],
        "dpia": { "required": false, "reason": "Hosting only, on the shopkeepers' instructions." }
    });
    std::fs::write(
        reg.join("activities/webwinkels-hosten.json"),
        serde_json::to_string_pretty(&activity).unwrap(),
    )
    .unwrap();
    (tmp, reg)
}

#[test]
fn the_processors_record_is_in_every_language_of_the_register() {
    let (_tmp, reg) = ismt_hosting_shops();
    let out = ropa(&reg, &["validate"], 0);
    assert!(!out.stdout.contains("[V45]"), "{out}");
    let tmp = tempfile::tempdir().unwrap();
    let mut shapes = Vec::new();
    for (code, title, name, purpose, sheet, established) in [
        (
            "nl",
            "Register van verwerkingsactiviteiten van de verwerker ISMT B.V.",
            "Webwinkels hosten voor winkeliers",
            "Webwinkels en hun bestellingen hosten",
            "Register verwerker",
            "niet van toepassing: de verwerker is gevestigd in de EER (art. 27 lid 1)",
        ),
        (
            "en",
            "Record of processing activities of the processor ISMT B.V.",
            "Hosting web shops for shopkeepers",
            "Hosting web shops and their orders",
            "Processor record",
            "not applicable: the processor is established in the EEA (Art. 27(1))",
        ),
        (
            "de",
            "Verzeichnis von Verarbeitungstätigkeiten des Auftragsverarbeiters ISMT B.V.",
            "Webshops für Händler hosten",
            "Webshops und ihre Bestellungen hosten",
            "Verzeichnis Auftragsverarbeiter",
            "nicht anwendbar: der Auftragsverarbeiter ist im EWR niedergelassen (Art. 27 Abs. 1)",
        ),
    ] {
        let language = lang(code);
        let header = |c: ProcessorColumn| c.header(language);
        let html = text_of(&records(&reg, code, "html"));
        let (_, theirs) = html
            .split_once(title)
            .unwrap_or_else(|| panic!("{code}: {html}"));
        for fact in [
            name.to_owned(),
            format!("{} {purpose}", header(ProcessorColumn::Processing)),
            format!("{} {established}", header(ProcessorColumn::Representative)),
            format!("{} ISMT B.V.", header(ProcessorColumn::Processor)),
            "Fietsenwinkel De Spaak B.V. privacy@despaak.example fg@despaak.example VO-2025-004"
                .to_owned(),
        ] {
            assert!(theirs.contains(&fact), "{code}: {fact:?} not in {theirs}");
        }
        assert!(
            !html.split_once(title).unwrap().0.contains(name),
            "{code}: the controller's part names it"
        );

        let md = records(&reg, code, "md");
        assert!(
            md.contains(&format!("\n# {}\n", escape(title))),
            "{code}: {md}"
        );
        assert!(
            md.contains(&format!(
                "| {} | {} |",
                escape(header(ProcessorColumn::Processing)),
                escape(purpose)
            )),
            "{code}: {md}"
        );

        let (_, processor) = csv_tables(&records(&reg, code, "csv"));
        assert_eq!(
            processor.len(),
            2,
            "{code}: a header and the one named controller"
        );
        let head = &processor[0];
        let row = &processor[1];
        assert_eq!(cell(head, row, header(ProcessorColumn::Activity)), name);
        assert_eq!(
            cell(head, row, header(ProcessorColumn::Agreement)),
            "VO-2025-004"
        );
        assert!(
            cell(head, row, header(ProcessorColumn::Controllers))
                .ends_with(": verwerkersovereenkomsten, klantdossiers")
        );
        shapes.push(processor.iter().map(Vec::len).collect::<Vec<_>>());

        let file = tmp.path().join(format!("records-{code}.xlsx"));
        let file_s = file.display().to_string();
        ropa(
            &reg,
            &[
                "render", "records", "--lang", code, "--format", "xlsx", "-o", &file_s,
            ],
            0,
        );
        let sheets = xlsx_sheets(&file);
        assert_eq!(sheets.len(), 3, "{code}");
        assert_eq!(sheets[2].0, sheet, "{code}");
        assert!(
            sheets[2].1 == processor,
            "{code}: the processor's sheet is the CSV's second table"
        );
    }
    assert!(
        shapes.windows(2).all(|w| w[0] == w[1]),
        "every language has the same table: {shapes:?}"
    );
}

/// A register whose organisation is controller of all it does has no
/// processor's record in any format or language (its goldens, in
/// `tests/golden/`, hold the rest of it byte for byte).
#[test]
fn a_controller_only_register_has_no_processors_record() {
    let ismt = workspace_root().join("register");
    let tmp = tempfile::tempdir().unwrap();
    for code in ["nl", "en", "de"] {
        let words = &ropa_documents::words::Words::of(lang(code))
            .records
            .processor;
        for format in ["html", "md"] {
            let text = records(&ismt, code, format);
            assert!(!text.contains(&words.title), "{code} {format}");
            assert!(
                !text.contains("class=\"record\"") && !text.contains("section.record"),
                "{code} {format}"
            );
        }
        let csv_text = records(&ismt, code, "csv");
        assert!(!csv_text.contains("\r\n\r\n"), "{code}: no second table");
        let (_, processor) = csv_tables(&csv_text);
        assert!(processor.is_empty(), "{code}");
        let file = tmp.path().join(format!("records-{code}.xlsx"));
        let file_s = file.display().to_string();
        ropa(
            &ismt,
            &[
                "render", "records", "--lang", code, "--format", "xlsx", "-o", &file_s,
            ],
            0,
        );
        assert_eq!(
            xlsx_sheets(&file).len(),
            2,
            "{code}: the record and the controller"
        );
    }
}
