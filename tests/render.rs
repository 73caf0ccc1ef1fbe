//! `ropa render`: the public statement and the internal records, from the
//! ISMT example register and from hostile or broken copies of it.

use std::path::{Path, PathBuf};

use ropa_documents::records::Column;
use serde_json::{Value, json};

use crate::util::{copy_dir, run, workspace_root};

/// The ISMT example register.
fn ismt() -> PathBuf {
    workspace_root().join("register")
}

/// The languages the ISMT register is published in (organisation.json,
/// `notice.languages`): every document is checked in each of them.
fn published() -> Vec<String> {
    read_json(&ismt().join("organisation.json"))["notice"]["languages"]
        .as_array()
        .expect("notice.languages")
        .iter()
        .map(|l| l.as_str().expect("a language code").to_owned())
        .collect()
}

/// A scratch directory holding a copy of the ISMT register in `reg/`.
fn ismt_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("ropa-render-")
        .tempdir()
        .expect("temporary directory");
    let reg = tmp.path().join("reg");
    copy_dir(&ismt(), &reg);
    (tmp, reg)
}

/// Runs `ropa --register REG render ARGS…`, asserting the exit code.
fn render(register: &Path, args: &[&str], code: i32) -> crate::util::Output {
    let mut all: Vec<String> = vec!["--register".into(), register.display().to_string()];
    all.push("render".into());
    all.extend(args.iter().map(|a| a.to_string()));
    let out = run(&workspace_root(), &all, &[]);
    out.assert_code(code);
    out
}

/// Renders to stdout and returns it, expecting success.
fn render_ok(register: &Path, args: &[&str]) -> String {
    render(register, args, 0).stdout
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("serialise");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Applies `edit` to every JSON file of the register.
fn edit_register(reg: &Path, mut edit: impl FnMut(&Path, &mut Value)) {
    let mut files = vec![];
    for entry in std::fs::read_dir(reg).expect("register dir") {
        files.push(entry.expect("entry").path());
    }
    for entry in std::fs::read_dir(reg.join("activities")).expect("activities dir") {
        files.push(entry.expect("entry").path());
    }
    files.sort();
    for path in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let mut value = read_json(&path);
        edit(&path, &mut value);
        write_json(&path, &value);
    }
}

/// The text a reader sees in an HTML document: tags removed (block tags
/// become spaces), character references decoded, whitespace collapsed.
pub(crate) fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_head = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '\n'])
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if name == "head" {
                    in_head = !tag.starts_with('/');
                }
                if !matches!(name.as_str(), "a" | "strong" | "em" | "span" | "b" | "i") {
                    out.push(' ');
                }
            }
            (true, c) => tag.push(c),
            (false, c) if !in_head => out.push(c),
            (false, _) => {}
        }
    }
    let decoded = decode_entities(&out);
    normalise(&decoded)
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                })
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every fact appears in `text` (whitespace-normalised), and
/// lists all that are missing at once.
#[track_caller]
fn assert_facts(text: &str, facts: &[&str]) {
    let missing: Vec<&&str> = facts
        .iter()
        .filter(|f| !text.contains(&normalise(f)))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the rendered statement:\n{}\n--- text ---\n{text}",
        missing
            .iter()
            .map(|f| format!("  - {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The `<h2>`s of a document: (id, text), in order.
fn headings(html: &str) -> Vec<(String, String)> {
    html.split("<h2 ")
        .skip(1)
        .map(|rest| {
            let id = rest
                .split_once("id=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(id, _)| id.to_owned())
                .unwrap_or_default();
            let inner = rest
                .split_once('>')
                .and_then(|(_, r)| r.split_once("</h2>"))
                .map(|(t, _)| t)
                .unwrap_or_default();
            (id, text_of(inner))
        })
        .collect()
}

/// Each `<section>`: its heading id, how many `<li>` and `<h3>` it holds.
fn structure(html: &str) -> Vec<(String, usize, usize)> {
    html.split("<section")
        .skip(1)
        .map(|rest| {
            let body = rest.split("</section>").next().unwrap_or_default();
            let id = headings(body)
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default();
            (id, body.matches("<li").count(), body.matches("<h3").count())
        })
        .collect()
}

/// The seed's headings, in the seed's order, as the Dutch statement words
/// them (sentence case; "kan je" → "kun je"; the EU question asks about the
/// EEA, the legal unit; "profiling" → "profilering").
/// The seed's sections, and one it lacks: data recorded as people browse,
/// which the seed tells under "data you provide" and the statement tells
/// apart (observed data is never data people give).
const SEED_HEADINGS_NL: [(&str, &str); 18] = [
    ("who-we-are", "Wie zijn wij?"),
    (
        "personal-data",
        "Welke persoonsgegevens verzamelt ISMT van je?",
    ),
    (
        "data-you-provide",
        "Persoonsgegevens die je rechtstreeks aan ons verstrekt",
    ),
    ("data-we-record", "Persoonsgegevens die wij zelf vastleggen"),
    (
        "data-about-others",
        "Persoonsgegevens over anderen die je rechtstreeks aan ons verstrekt",
    ),
    (
        "data-from-third-parties",
        "Persoonsgegevens die wij van derden ontvangen",
    ),
    (
        "purposes",
        "Voor welke doeleinden verwerkt ISMT jouw persoonsgegevens?",
    ),
    (
        "legal-bases",
        "Op welke juridische grondslagen baseert ISMT de verwerking van jouw persoonsgegevens?",
    ),
    (
        "legitimate-interests",
        "Wat is het gerechtvaardigd belang van ISMT bij de verwerking van je persoonsgegevens?",
    ),
    ("recipients", "Aan wie verstrekt ISMT je persoonsgegevens?"),
    (
        "outside-eea",
        "Worden je persoonsgegevens verwerkt buiten de EU/EER?",
    ),
    ("retention", "Hoe lang worden je persoonsgegevens bewaard?"),
    ("your-rights", "Hoe kun je jouw persoonsgegevens beheren?"),
    (
        "withdrawing-consent",
        "Kun je jouw toestemming later alsnog intrekken?",
    ),
    ("complaints", "Kun je een klacht indienen?"),
    (
        "required-data",
        "Ben je verplicht persoonsgegevens aan ons te verstrekken, en wat als je dat niet doet?",
    ),
    ("profiling", "Hoe zet ISMT profilering in?"),
    (
        "last-changed",
        "Wanneer is deze privacyverklaring voor het laatst gewijzigd?",
    ),
];

/// Every fact of the seed statement (shared/seed/000_488518f9850db00c.txt),
/// as the register words it.
const SEED_FACTS_NL: &[&str] = &[
    // Intro
    "ISMT B.V. verwerkt persoonsgegevens en maakt gebruik van cookies en soortgelijke technologieën",
    "Wij raden je aan om ook onze aparte cookieverklaring door te lezen",
    "Bij ingrijpende wijzigingen zullen wij je op de hoogte stellen via e-mail",
    // Wie zijn wij?
    "Deze privacyverklaring is van toepassing op alle activiteiten, inclusief de activiteiten die op onze websites plaatsvinden, van ondernemingen en handelsnamen van ISMT B.V.",
    "Küppersweg 30",
    "2031 CN Haarlem",
    "ISMT B.V. is ‘verwerkingsverantwoordelijke’",
    "info@ismt-bv.com",
    // Categories, each with its examples
    "Personalia (bijvoorbeeld naam, adres, woonplaats, e-mailadres, telefoonnummer)",
    "Bedrijfsgegevens (bijvoorbeeld postadres en KvK-nummer)",
    "Accountgegevens (bijvoorbeeld gebruikersnaam en wachtwoord)",
    "Aankoopgegevens (bijvoorbeeld op welke datum je een bepaald product hebt aangekocht)",
    "Marketingvoorkeuren (bijvoorbeeld of je jezelf hebt aan- of afgemeld voor e-mailaanbiedingen)",
    "Deelnamegedrag (bijvoorbeeld of je in het verleden hebt deelgenomen aan acties en beurzen en zo ja, aan welke)",
    "Interactiegegevens (bijvoorbeeld je contact met de klantenservice of digitale en/of schriftelijke correspondentie)",
    "zowel rechtstreeks van jou als via derden, voor zover dit in overeenstemming is met de wet",
    // Sources
    "Persoonsgegevens die je verstrekt op het moment dat je een account aanmaakt en/of andere informatie die je invoert en verstrekt via onze website",
    "Persoonsgegevens die je verstrekt door over te gaan tot aanschaffing van een product of dienst, of hierin interesse vertoont",
    "Persoonsgegevens die je verstrekt als gevolg van jouw surfgedrag op onze website",
    "Gegevens die je verstrekt in het kader van (o.m.) correspondentie, feedback, hulp (Q&A), geschillenbeslechting, e.d.",
    "Het kan voorkomen dat je de persoonsgegevens van andere personen met ons deelt. Bijvoorbeeld de adres- of contactgegevens van andere personen binnen jouw bedrijf.",
    "het jouw eigen verantwoordelijkheid is om na te gaan of deze personen akkoord zijn met een verstrekking van hun persoonsgegevens aan ISMT",
    "Wij kunnen onder meer aanvullende persoonsgegevens ontvangen, zoals via socialmedia websites of diensten van derde partijen, voor zover dit in lijn is met de wet, bijvoorbeeld omdat je hiervoor toestemming hebt gegeven.",
    // Purposes
    "In het kader van een overeenkomst. Voor de voorbereiding, totstandkoming, uitvoering en evt. beëindiging van de overeenkomst(en) tussen jou en ISMT.",
    "Administratie. Voor de uitvoering en controle van de administratie van ISMT in brede zin.",
    "Communicatie, marketing en personaliseringsdoeleinden. Voor de uitvoering van een klantenservice, voor het doen van (eventueel gepersonaliseerde) aanbiedingen, en/of voor het verstrekken en uitwisselen van informatie over de activiteiten van ISMT.",
    "Kwaliteits- en managementdoeleinden. Om de kwaliteit van de dienstverlening, processen en systemen te onderzoeken en verbeteren, voor het informeren van het management en het (doen) verzorgen van interne audits.",
    "Voor de uitvoering van kwaliteits- en managementdoeleinden maakt ISMT zo veel als mogelijk gebruik van anonieme gegevens en dus niet van persoonsgegevens.",
    "Wet- en regelgeving. Voor identificatie, bestrijding van fraude, verzorging van interne controle en bedrijfsveiligheid en de naleving van wet en regelgeving.",
    // Legal bases
    "De wet bevat een limitatieve opsomming van grondslagen",
    "ISMT beroept zich op drie van deze grondslagen",
    "Uitvoering van de overeenkomst.",
    "Gerechtvaardigd belang.",
    "Toestemming. Wij mogen met jouw toestemming je persoonsgegevens gebruiken voor bepaalde marketingactiviteiten.",
    "Je kunt jouw toestemming altijd intrekken.",
    // Legitimate interests
    "Een goede relatie in stand houden tussen ISMT en jou als klant, en de redelijke zakelijke belangen van ISMT zelf, bijvoorbeeld om je te informeren over nieuwe producten, diensten en activiteiten.",
    "De belangen van ISMT verdedigen in een eventuele juridische procedure.",
    "Wij zullen zoveel als mogelijk de zogeheten 'opt-out regeling' toepassen en toevoegen aan onze communicatie.",
    "wanneer je het niet langer op prijs stelt om communicatie van ISMT te ontvangen. Ook kun je hiervoor natuurlijk altijd contact met ons opnemen via info@ismt-bv.com",
    // Recipients
    "ISMT kan je persoonsgegevens verstrekken aan derden in overeenstemming met deze privacyverklaring en de wet.",
    "Zonder jouw uitdrukkelijke toestemming zal ISMT je persoonsgegevens niet bekendmaken aan derden voor hun marketingdoeleinden.",
    "Autoriteiten. Bijvoorbeeld toezichthouders, belastingdienst, politie en andere wettelijke instanties.",
    "Om te voldoen aan wettelijke verplichtingen of een rechterlijk bevel",
    "Indien dit noodzakelijk is ter voorkoming, opsporing of vervolging van strafbare feiten (zoals fraude, bedrog of vervolging)",
    "Indien het noodzakelijk is voor het handhaven van ons beleid of ter bescherming van de rechten en vrijheden van anderen",
    "Zakelijke dienstverleners",
    "Een postorderbedrijf dat door ISMT wordt ingeschakeld om het door jou aangeschafte product te bezorgen.",
    "Een organisatie die door ISMT wordt ingeschakeld om een onderhoudsservice te verzorgen.",
    "Iedere derde partij voor welke wij je toestemming hebben ontvangen om jouw persoonsgegevens mee te delen (bijvoorbeeld in het kader van een samenwerking).",
    "Iedere derde partij waarvan ISMT nu of in de toekomst onderdeel uitmaakt als gevolg van een reorganisatie, fusie of overname.",
    // Outside the EU
    "Nee. Jouw persoonsgegevens worden alleen verwerkt binnen de Europese Unie (EU)",
    "consistent beschermingsniveau",
    // Retention
    "Wij bewaren je gegevens niet langer dan noodzakelijk is om de in deze privacyverklaring genoemde doelen te bereiken.",
    "Dit betekent dat je persoonsgegevens na een specifieke periode worden verwijderd.",
    "Wij bewaren jouw persoonsgegevens in overeenstemming met de wetgeving.",
    "worden je persoonsgegevens verwijderd of geanonimiseerd",
    // Rights
    "Recht op inzage",
    "Recht op rectificatie",
    "Recht op gegevenswissing",
    "te wissen",
    "Recht op beperking van de verwerking",
    "Recht op overdraagbaarheid van gegevens",
    "Recht van bezwaar",
    "Indien je een eigen account bij ISMT hebt, dan heb je inzage in een deel van de over jou geregistreerde persoonsgegevens.",
    "Je kan zelf op elk gewenst moment een aantal gegevens rectificeren of wissen, zoals het doorvoeren van aanpassingen in jouw accountgegevens.",
    "Dan kun je je verzoek richten aan info@ismt-bv.com",
    "Houd er rekening mee dat ISMT aanvullende informatie kan opvragen om je identiteit te verifiëren.",
    // Withdrawing consent
    "dan kun je deze toestemming altijd intrekken",
    "geen terugwerkende kracht",
    "Je kunt de intrekking van je toestemming kenbaar maken via info@ismt-bv.com",
    // Complaints. The seed writes "bij de Autoriteit Persoonsgegevens"; the
    // statement puts no article of its own before a name, which may bring
    // its own or have none, and names it after a colon.
    "Dan kun je een klacht indienen bij de toezichthouder: Autoriteit Persoonsgegevens.",
    "omdat je inzage of rectificatie hebt gevraagd en niet tevreden bent met onze reactie",
    "via de website van de toezichthouder: www.autoriteitpersoonsgegevens.nl",
    // Required data
    "Voor ISMT is de verstrekking van je persoonsgegevens in sommige gevallen noodzakelijk, bijvoorbeeld om een overeenkomst met je te kunnen sluiten of een dienst te kunnen leveren.",
    "door het invulveld te markeren met een *",
    "Informatievelden die niet zijn gemarkeerd met een * vragen persoonsgegevens op waarvan de verstrekking niet noodzakelijk is.",
    "Wanneer je ervoor kiest de opgevraagde persoonsgegevens niet te verstrekken, kunnen wij de betreffende overeenkomst of dienst niet sluiten of leveren.",
    "Wanneer je informatievelden invult die niet met een * zijn gemarkeerd, geef je daarmee toestemming aan ISMT om deze persoonsgegevens te verwerken.",
    // Profiling
    "ISMT maakt gebruik van profilering.",
    "Wij willen je graag benaderen op een persoonlijke en relevante wijze.",
    "de meest relevante doelgroepen en segmenten, inhoud, advertenties, informatie, momenten en kanalen te bepalen en de contactdruk te beperken",
    "Daarbij maken wij ook gebruik van externe bronnen.",
    "Er worden geen bijzondere (gevoelige) persoonsgegevens in profielen verwerkt.",
    "in wisselende samenstellingen, worden gecombineerd, geanalyseerd en gesegmenteerd",
    "Demografische gegevens",
    "Transactiegegevens",
    "Interactiegegevens: Persoonsgegevens die volgen uit contact tussen ISMT en u.",
    "Dit geldt ook voor offline interacties.",
    "Gedragsgegevens: Persoonsgegevens die ISMT verwerkt over uw gedrag, zoals uw voorkeuren, mening, wensen en behoeften.",
    "Informatie via trackingcookies verzamelen en gebruiken wij alleen met uw toestemming.",
    "Wanneer je liever geen op jouw afgestemde marketing ontvangt, kan je dat doorgeven via info@ismt-bv.com.",
    // Last changed
    "Deze privacyverklaring is voor het laatst gewijzigd op en geldig per 22-12-2020.",
];

#[test]
fn statement_nl_follows_the_seed_sections_in_order() {
    let html = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "html"]);
    let found = headings(&html);
    let expected: Vec<(String, String)> = SEED_HEADINGS_NL
        .iter()
        .map(|(id, t)| (id.to_string(), t.to_string()))
        .collect();
    assert_eq!(found, expected);
    // The table of contents links every section, in the same order.
    let toc: Vec<&str> = html
        .split("<nav")
        .nth(1)
        .and_then(|n| n.split("</nav>").next())
        .expect("a table of contents")
        .split("href=\"#")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .collect();
    let ids: Vec<&str> = SEED_HEADINGS_NL.iter().map(|(id, _)| *id).collect();
    assert_eq!(toc, ids);
}

#[test]
fn statement_nl_carries_every_fact_of_the_seed() {
    let html = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "html"]);
    assert_facts(&text_of(&html), SEED_FACTS_NL);
    assert!(html.contains(r#"<a href="mailto:info@ismt-bv.com">info@ismt-bv.com</a>"#));
    assert!(html.contains(r#"<a href="https://www.autoriteitpersoonsgegevens.nl">www.autoriteitpersoonsgegevens.nl</a>"#));
    // The fragment tells the same.
    let fragment = render_ok(
        &ismt(),
        &["statement", "--lang", "nl", "--format", "fragment"],
    );
    assert_facts(&text_of(&fragment), SEED_FACTS_NL);
}

#[test]
fn statement_nl_markdown_carries_every_fact_of_the_seed() {
    let md = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "md"]);
    // Read as text: emphasis markers and backslash escapes removed.
    let mut text = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.extend(chars.next()),
            '*' => {}
            c => text.push(c),
        }
    }
    let text = normalise(&text);
    let facts: Vec<&str> = SEED_FACTS_NL
        .iter()
        .copied()
        // Markdown keeps the link syntax around the e-mail address and marks `*` as `**\***`.
        .filter(|f| !f.contains("info@ismt-bv.com") && !f.contains("www.") && !f.contains('*'))
        .collect();
    assert_facts(&text, &facts);
    assert!(md.contains("[info@ismt-bv.com](mailto:info@ismt-bv.com)"));
    assert!(md.contains("markeren met een **\\***"));
    for (id, title) in SEED_HEADINGS_NL {
        assert!(
            md.contains(&format!("<a id=\"{id}\"></a>\n\n## {title}\n")),
            "{id}"
        );
    }
}

#[test]
fn statement_html_is_a_standalone_page_and_the_fragment_is_not() {
    let html = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(html.contains("<title>Privacyverklaring ISMT B.V.</title>"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    // No external resources: nothing is loaded from elsewhere.
    for needle in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(needle), "{needle}");
    }
    let en = render_ok(&ismt(), &["statement", "--lang", "en", "--format", "html"]);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("<title>Privacy statement of ISMT B.V.</title>"));
    let de = render_ok(&ismt(), &["statement", "--lang", "de", "--format", "html"]);
    assert!(de.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(de.contains("<title>Datenschutzerklärung von ISMT B.V.</title>"));

    let fragment = render_ok(
        &ismt(),
        &["statement", "--lang", "nl", "--format", "fragment"],
    );
    assert!(fragment.starts_with("<article class=\"privacy-statement\" lang=\"nl\">"));
    for chrome in ["<html", "<head>", "<body", "<style", "<title"] {
        assert!(!fragment.contains(chrome), "{chrome}");
    }
    // The page's body is exactly the fragment.
    assert!(html.contains(fragment.trim_end()));
}

/// Every language tells the same sections, headings and list items as the
/// Dutch seed statement, in the same order: one template per format, only
/// the words differ.
#[test]
fn every_language_has_the_same_structure_as_nl() {
    let languages = published();
    let others: Vec<&str> = languages
        .iter()
        .map(String::as_str)
        .filter(|l| *l != "nl")
        .collect();
    assert!(!others.is_empty(), "{languages:?}");
    for format in ["html", "fragment"] {
        let nl = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", format]);
        let nl = structure(&nl);
        assert_eq!(nl.len(), 18, "{nl:?}");
        for lang in &others {
            let other = render_ok(&ismt(), &["statement", "--lang", lang, "--format", format]);
            assert_eq!(
                nl,
                structure(&other),
                "{lang}, {format}: sections (id, list items, subheadings) differ"
            );
        }
    }
    // Markdown: the same anchors, headings and list items, in the same order.
    let shape = |md: &str| -> Vec<String> {
        md.lines()
            .filter_map(|l| {
                let t = l.trim_start();
                let indent = l.len() - t.len();
                let numbered = t
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                if l.starts_with("<a id=") {
                    Some(l.to_owned())
                } else if l.starts_with('#') {
                    l.split(' ').next().map(str::to_owned)
                } else if t.starts_with("- ") {
                    Some(format!("{indent}-"))
                } else if numbered {
                    Some(format!("{indent}."))
                } else {
                    None
                }
            })
            .collect()
    };
    let nl = shape(&render_ok(
        &ismt(),
        &["statement", "--lang", "nl", "--format", "md"],
    ));
    for lang in &others {
        let other = render_ok(&ismt(), &["statement", "--lang", lang, "--format", "md"]);
        assert_eq!(nl, shape(&other), "{lang}: Markdown structure differs");
    }
    // English is really English, German really German.
    let en = text_of(&render_ok(
        &ismt(),
        &["statement", "--lang", "en", "--format", "html"],
    ));
    assert_facts(
        &en,
        &[
            "Who are we?",
            "Personal details (for example name, address, place of residence, e-mail address, telephone number)",
            "No. Your personal data is processed only within the European Union (EU)",
            "Right to data portability",
            "Withdrawing your consent does not work retroactively",
            "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
            "This privacy statement was last changed on, and is valid from, 22 December 2020.",
        ],
    );
    let de = text_of(&render_ok(
        &ismt(),
        &["statement", "--lang", "de", "--format", "html"],
    ));
    assert_facts(
        &de,
        &[
            "Zuletzt geändert am 22. Dezember 2020",
            "Wer sind wir?",
            "Der Sitz von ISMT B.V. befindet sich unter der Anschrift Küppersweg 30, 2031 CN Haarlem, Niederlande.",
            "Personalien (zum Beispiel Name, Anschrift, Wohnort, E-Mail-Adresse, Telefonnummer)",
            "ISMT stützt sich auf drei dieser Rechtsgrundlagen:",
            "Nein. Ihre personenbezogenen Daten werden ausschließlich innerhalb der Europäischen Union (EU)",
            "Recht auf Datenübertragbarkeit",
            "Wir beantworten Ihren Antrag spätestens einen Monat nach seinem Eingang.",
            "Der Widerruf wirkt nicht zurück",
            "Autoriteit Persoonsgegevens (niederländische Datenschutzbehörde)",
            "Diese Datenschutzerklärung wurde zuletzt am 22. Dezember 2020 geändert und gilt ab diesem Tag.",
        ],
    );
}

#[test]
fn rendering_twice_gives_the_same_bytes_in_every_format() {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let mut jobs: Vec<Vec<&str>> = Vec::new();
    let languages = published();
    for lang in &languages {
        let lang = lang.as_str();
        for format in ["html", "fragment", "md"] {
            jobs.push(vec!["statement", "--lang", lang, "--format", format]);
        }
        for format in ["html", "md", "csv", "xlsx"] {
            jobs.push(vec!["records", "--lang", lang, "--format", format]);
        }
    }
    for (i, job) in jobs.iter().enumerate() {
        let first = tmp.path().join(format!("{i}-a"));
        let second = tmp.path().join(format!("{i}-b"));
        let mut args = job.clone();
        let first_s = first.display().to_string();
        args.extend(["-o", &first_s]);
        render(&ismt(), &args, 0);
        if job.contains(&"xlsx") {
            // Past a second boundary: a clock in the output would show.
            std::thread::sleep(std::time::Duration::from_millis(1100));
        }
        let mut args = job.clone();
        let second_s = second.display().to_string();
        args.extend(["-o", &second_s]);
        render(&ismt(), &args, 0);
        let (a, b) = (
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap(),
        );
        assert!(!a.is_empty(), "{job:?}");
        assert!(a == b, "{job:?}: two renders differ");
    }
    // stdout gives the same bytes as -o.
    let stdout = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "md"]);
    assert_eq!(
        stdout.as_bytes(),
        std::fs::read(tmp.path().join("2-a")).unwrap()
    );
}

/// Strings that would run or inject something if a register text reached
/// HTML unescaped.
const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// Puts hostile strings in every text of the register: every localised
/// text, every channel (value and label), every name.
fn poison(reg: &Path) {
    let languages = published();
    fn walk(value: &mut Value, languages: &[String]) {
        match value {
            Value::Object(map) if !map.is_empty() && map.keys().all(|k| languages.contains(k)) => {
                for text in map.values_mut() {
                    if let Value::String(s) = text {
                        s.push_str(&format!(" {SCRIPT} {IMG} *md* [x](javascript:alert(1))"));
                    }
                }
            }
            Value::Object(map) => {
                let kind = map.get("kind").and_then(Value::as_str).map(str::to_owned);
                if let (Some(kind), true) = (kind, map.contains_key("value")) {
                    let hostile = match kind.as_str() {
                        "email" => format!("{IMG}@evil.example"),
                        "web" | "account" => "javascript:alert(document.cookie)".to_owned(),
                        _ => SCRIPT.to_owned(),
                    };
                    map.insert("value".into(), Value::String(hostile));
                }
                for (_, child) in map.iter_mut() {
                    walk(child, languages);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| walk(item, languages)),
            _ => {}
        }
    }
    let hostile_label: serde_json::Map<String, Value> = languages
        .iter()
        .map(|l| (l.clone(), json!(SCRIPT)))
        .collect();
    edit_register(reg, |path, value| {
        walk(value, &languages);
        match path.file_name().and_then(|n| n.to_str()) {
            Some("organisation.json") => {
                value["controller"]["name"] = json!(format!("ISMT {SCRIPT} B.V."));
                value["controller"]["chamber_of_commerce"] = json!(IMG);
                value["supervisory_authority"]["url"] =
                    json!(format!("https://www.autoriteitpersoonsgegevens.nl/{IMG}"));
                // A second channel of each kind that must not be linked.
                value["rights"]["channels"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"kind": "web", "value": format!("https://example.org/\"{IMG}"), "label": hostile_label}));
                value["rights"]["channels"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"kind": "web", "value": "javascript:alert(document.cookie)"}));
                value["controller"]["contact"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"kind": "email", "value": "javascript:alert(1)//@x.org"}));
            }
            Some("recipients.json") => {
                for recipient in value["recipients"].as_array_mut().unwrap() {
                    recipient["name"] = json!(format!("Acme {SCRIPT}"));
                    recipient["publish_name"] = json!(true);
                }
            }
            _ => {}
        }
    });
}

#[test]
fn html_shows_hostile_register_texts_as_inert_text() {
    let (_tmp, reg) = ismt_copy();
    poison(&reg);
    let mut outputs = Vec::new();
    for lang in &published() {
        let lang = lang.as_str();
        for format in ["html", "fragment"] {
            outputs.push(render_ok(
                &reg,
                &["statement", "--lang", lang, "--format", format],
            ));
        }
        outputs.push(render_ok(
            &reg,
            &["records", "--lang", lang, "--format", "html"],
        ));
    }
    for html in &outputs {
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "raw <script>");
        assert!(!lower.contains("<img"), "raw <img>");
        // No tag carries an event handler or a script URL.
        for tag in lower
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or_default())
        {
            assert!(!tag.contains("onerror"), "event handler in <{tag}>");
            assert!(!tag.contains("javascript:"), "script URL in <{tag}>");
        }
        // Every link goes to an anchor, a mail address or a web page.
        for href in html
            .split("href=\"")
            .skip(1)
            .map(|r| r.split('"').next().unwrap())
        {
            assert!(
                href.starts_with('#')
                    || href.starts_with("mailto:")
                    || href.starts_with("https://")
                    || href.starts_with("http://"),
                "unexpected link {href}"
            );
        }
        // And the text is there, escaped, for the reader to see.
        assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
        assert!(text_of(html).contains(SCRIPT));
    }
    for statement in outputs.iter().filter(|h| h.contains("privacy-statement")) {
        let text = text_of(statement);
        assert!(
            text.contains("javascript:alert(document.cookie)"),
            "a refused link is still shown"
        );
        assert!(text.contains(&format!("{IMG}@evil.example")));
    }
    // Names are shown where the register says to publish them.
    assert!(text_of(&outputs[0]).contains(&format!("Acme {SCRIPT}")));
}

#[test]
fn markdown_escapes_markdown_syntax_in_register_texts() {
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("categories.json") {
            value["categories"][0]["label"] = json!({"nl": "# Kop *vet* | _schuin_", "en": "# Head *bold* | _italic_", "de": "# Kopf *fett* | _kursiv_"});
            value["categories"][0]["examples"] = json!({"nl": "[klik](javascript:alert(1)) `code` <b>x</b> a|b", "en": "[click](javascript:alert(1)) `code` <b>x</b> a|b", "de": "[klick](javascript:alert(1)) `code` <b>x</b> a|b"});
        }
        if path.ends_with("recipients.json") {
            value["recipients"][0]["description"] = json!({"nl": "- geen lijst\n\n# geen kop", "en": "1. not a list\n\n# not a heading", "de": "1. keine Liste\n\n# keine Überschrift"});
        }
    });
    let md = render_ok(&reg, &["statement", "--lang", "nl", "--format", "md"]);
    assert!(md.contains(r"- **\# Kop \*vet\* \| \_schuin\_** (bijvoorbeeld \[klik\](javascript:alert(1)) \`code\` \<b\>x\</b\> a\|b)"), "{md}");
    assert!(
        md.contains(r"- **Autoriteiten.** \- geen lijst \# geen kop"),
        "{md}"
    );
    assert!(!md.contains("[klik](") && !md.contains("<b>"));
    let en = render_ok(&reg, &["statement", "--lang", "en", "--format", "md"]);
    assert!(
        en.contains(r"**Authorities.** 1\. not a list \# not a heading"),
        "{en}"
    );
    let de = render_ok(&reg, &["statement", "--lang", "de", "--format", "md"]);
    assert!(
        de.contains(r"- **\# Kopf \*fett\* \| \_kursiv\_** (zum Beispiel \[klick\](javascript:alert(1)) \`code\` \<b\>x\</b\> a\|b)"),
        "{de}"
    );
    assert!(
        de.contains(r"**Behörden.** 1\. keine Liste \# keine Überschrift"),
        "{de}"
    );
    // In the records' tables a `|` in a text cannot open a new cell.
    let records = render_ok(&reg, &["records", "--lang", "nl", "--format", "md"]);
    let rows: Vec<&str> = records.lines().filter(|l| l.contains("Kop")).collect();
    assert!(!rows.is_empty());
    for line in rows {
        assert!(line.contains(r"\# Kop \*vet\* \| \_schuin\_"), "{line}");
        assert!(!line.contains("* | _"), "{line}");
    }
}

#[test]
fn a_register_missing_an_english_text_is_not_rendered() {
    let (tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("categories.json") {
            value["categories"][2]["examples"]
                .as_object_mut()
                .unwrap()
                .remove("en");
        }
    });
    let out_file = tmp.path().join("statement.html");
    // A missing translation blocks every language, not only its own.
    for lang in &published() {
        let lang = lang.as_str();
        let out = render(
            &reg,
            &[
                "statement",
                "--lang",
                lang,
                "-o",
                &out_file.display().to_string(),
            ],
            1,
        );
        assert!(out.stdout.is_empty());
        assert!(out.stderr.contains("error[V40]"), "{}", out.stderr);
        assert!(out.stderr.contains("categories.json"), "{}", out.stderr);
        assert!(
            out.stderr.contains("nothing was rendered"),
            "{}",
            out.stderr
        );
    }
    assert!(!out_file.exists());
    let out = render(&reg, &["records", "--lang", "nl", "--format", "csv"], 1);
    assert!(out.stdout.is_empty());
}

#[test]
fn warnings_are_summed_up_and_strict_refuses_them() {
    let out = render(&ismt(), &["statement", "--lang", "nl", "--format", "md"], 0);
    let last = out.stderr.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(" warnings; run `ropa validate` to see them")
            && out.stderr.lines().count() == 1,
        "{}",
        out.stderr
    );
    let out = render(&ismt(), &["statement", "--lang", "nl", "--strict"], 1);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("warning[V15]"), "{}", out.stderr);
    assert!(
        out.stderr.contains("--strict: warnings count as errors"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unreadable_register_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(
        &tmp.path().join("nowhere"),
        &["statement", "--lang", "nl"],
        2,
    );
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

#[test]
fn a_language_the_statement_is_not_published_in_is_refused() {
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("organisation.json") {
            value["notice"]["languages"] = json!(["nl"]);
        }
    });
    let out = render(&reg, &["statement", "--lang", "en"], 1);
    assert!(
        out.stderr.contains("not published in English"),
        "{}",
        out.stderr
    );
    render(&reg, &["statement", "--lang", "nl"], 0);
}

#[test]
fn output_problems_name_the_path_and_leave_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // A directory that does not exist.
    let missing = dir.join("missing").join("statement.html");
    let out = render(
        &ismt(),
        &[
            "statement",
            "--lang",
            "nl",
            "-o",
            &missing.display().to_string(),
        ],
        2,
    );
    assert!(
        out.stderr.contains(&missing.display().to_string()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert!(!dir.join("missing").exists());
    // A "directory" that is a file.
    std::fs::write(dir.join("file"), "x").unwrap();
    let under_file = dir.join("file").join("statement.html");
    let out = render(
        &ismt(),
        &[
            "statement",
            "--lang",
            "nl",
            "-o",
            &under_file.display().to_string(),
        ],
        2,
    );
    assert!(
        out.stderr.contains(&under_file.display().to_string()),
        "{}",
        out.stderr
    );
    // A target that is a directory.
    std::fs::create_dir(dir.join("site")).unwrap();
    let out = render(
        &ismt(),
        &[
            "statement",
            "--lang",
            "nl",
            "-o",
            &dir.join("site").display().to_string(),
        ],
        2,
    );
    assert!(out.stderr.contains("is a directory"), "{}", out.stderr);
    // No temporary file is left anywhere.
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["file", "site"]);
    assert_eq!(std::fs::read_dir(dir.join("site")).unwrap().count(), 0);
}

#[test]
fn output_replaces_the_file_whole_and_keeps_it_when_rendering_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("privacy.md");
    std::fs::write(&target, "the published statement\n").unwrap();
    // An invalid register leaves the published file as it was.
    let (_reg_tmp, reg) = ismt_copy();
    std::fs::write(reg.join("subjects.json"), "{ not json").unwrap();
    render(
        &reg,
        &[
            "statement",
            "--lang",
            "nl",
            "--format",
            "md",
            "-o",
            &target.display().to_string(),
        ],
        1,
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the published statement\n"
    );
    // A valid one replaces it with exactly what stdout would show.
    render(
        &ismt(),
        &[
            "statement",
            "--lang",
            "nl",
            "--format",
            "md",
            "-o",
            &target.display().to_string(),
        ],
        0,
    );
    let stdout = render_ok(&ismt(), &["statement", "--lang", "nl", "--format", "md"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), stdout);
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "a temporary file was left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "the output should be readable by a web server: {mode:o}"
        );
    }
}

#[test]
fn xlsx_is_never_written_to_stdout() {
    let out = render(&ismt(), &["records", "--lang", "nl", "--format", "xlsx"], 2);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("-o FILE"), "{}", out.stderr);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("records.xlsx");
    render(
        &ismt(),
        &[
            "records",
            "--lang",
            "nl",
            "--format",
            "xlsx",
            "-o",
            &file.display().to_string(),
        ],
        0,
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"PK\x03\x04"),
        "an xlsx file is a zip archive"
    );
}

/// Every sheet of a workbook as a spreadsheet program reads it: name and
/// rows of cell texts.
pub(crate) fn xlsx_sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("the sheet reads");
            assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            Data::String(s) => s.clone(),
                            Data::Empty => String::new(),
                            other => panic!("{name}: a cell that is not text: {other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// A member of a ZIP archive, inflated, as text.
pub(crate) fn zip_member(archive: &[u8], wanted: &str) -> String {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("a readable ZIP archive");
    let mut member = archive
        .by_name(wanted)
        .unwrap_or_else(|e| panic!("{wanted} in the archive: {e}"));
    let mut text = String::new();
    member
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{wanted}: {e}"));
    text
}

/// Each column's width in a sheet's XML, from its `<col min max width>`
/// elements (a run of columns of one width may share an element).
fn column_widths(sheet: &str) -> Vec<f64> {
    let attribute = |element: &str, name: &str| -> String {
        let from = element
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("{name} in {element}"))
            + name.len()
            + 3;
        element[from..].split('"').next().unwrap().to_owned()
    };
    let mut widths = Vec::new();
    for element in sheet.split("<col ").skip(1) {
        // The attribute names' leading space, taken by the split.
        let element = format!(" {}", element.split("/>").next().unwrap());
        let element = element.as_str();
        let min: usize = attribute(element, "min").parse().unwrap();
        let max: usize = attribute(element, "max").parse().unwrap();
        let width: f64 = attribute(element, "width").parse().unwrap();
        assert_eq!(min, widths.len() + 1, "columns in order, none left out");
        assert_eq!(attribute(element, "customWidth"), "1");
        widths.extend(std::iter::repeat_n(width, max - min + 1));
    }
    widths
}

fn render_xlsx(register: &Path, lang: &str, dir: &Path) -> PathBuf {
    let file = dir.join(format!("records-{lang}.xlsx"));
    let file_s = file.display().to_string();
    render(
        register,
        &["records", "--lang", lang, "--format", "xlsx", "-o", &file_s],
        0,
    );
    file
}

fn csv_rows(register: &Path, lang: &str) -> Vec<Vec<String>> {
    let text = render_ok(register, &["records", "--lang", lang, "--format", "csv"]);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn xlsx_holds_the_csv_record_and_the_controller_in_a_spreadsheet_layout() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, sheet_names, header) in [
        (
            "nl",
            ["Register", "Verwerkingsverantwoordelijke"],
            ["Veld", "Waarde"],
        ),
        ("en", ["Record", "Controller"], ["Field", "Value"]),
        ("de", ["Verzeichnis", "Verantwortlicher"], ["Feld", "Wert"]),
    ] {
        let file = render_xlsx(&ismt(), lang, tmp.path());
        let sheets = xlsx_sheets(&file);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, sheet_names, "{lang}");
        // The record sheet is the CSV, cell for cell: header and 17 rows.
        let csv = csv_rows(&ismt(), lang);
        assert_eq!(csv.len(), 18);
        assert!(
            sheets[0].1 == csv,
            "{lang}: the record sheet differs from the CSV"
        );
        // The controller sheet: field and value, the controller's name and address first.
        let controller = &sheets[1].1;
        assert_eq!(controller[0], header, "{lang}");
        assert!(
            controller[1][1].contains("ISMT B.V.\nKüppersweg 30"),
            "{lang}"
        );
        assert!(
            controller
                .iter()
                .any(|row| row[1].starts_with("recipients.json: V18")),
            "{lang}: the register's known gaps"
        );

        let bytes = std::fs::read(&file).unwrap();
        let sheet = zip_member(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(
                "<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\" activePane=\"bottomRight\" state=\"frozen\"/>"
            ),
            "header row and the first two columns frozen"
        );
        assert!(sheet.contains("<autoFilter ref=\"A1:AG18\"/>"));
        // A width per column, as the record sets it: Excel stores n
        // characters as n plus 5 pixels of padding at 7 pixels a character.
        let widths: Vec<f64> = Column::ALL.iter().map(|c| c.width() + 5.0 / 7.0).collect();
        let found = column_widths(&sheet);
        assert_eq!(found.len(), 33, "a width per column");
        for (c, (found, want)) in found.iter().zip(&widths).enumerate() {
            assert!((found - want).abs() < 0.01, "column {c}: {found} ≠ {want}");
        }
        assert_eq!(
            sheet.matches(" s=\"1\" t=\"s\"").count(),
            33,
            "the header row, and only it, in the header style"
        );
        assert!(
            sheet.contains("customHeight=\"1\""),
            "rows as tall as their wrapped text"
        );
        // Landscape, not scaled to the width of a page.
        assert!(sheet.contains("<pageSetup orientation=\"landscape\" "));
        assert!(
            !sheet.contains("fitTo"),
            "the record is not fitted to a page"
        );
        let controller_xml = zip_member(&bytes, "xl/worksheets/sheet2.xml");
        assert!(
            controller_xml.contains(
                "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            ),
            "the controller's header row frozen"
        );
        assert!(
            controller_xml.contains("<pageSetUpPr fitToPage=\"1\"/>")
                && controller_xml
                    .contains("<pageSetup fitToHeight=\"0\" orientation=\"landscape\" "),
            "the controller sheet printed landscape, one page wide: {controller_xml}"
        );
        let styles = zip_member(&bytes, "xl/styles.xml");
        assert!(styles.contains("<b/>") && styles.contains("wrapText=\"1\""));
        let workbook = zip_member(&bytes, "xl/workbook.xml");
        // The sheet names need no quotes in a reference.
        assert!(
            workbook.contains(&format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">{}!$1:$1</definedName>",
                sheet_names[0]
            )),
            "the header row repeats on printed pages: {workbook}"
        );
        let core = zip_member(&bytes, "docProps/core.xml");
        assert!(
            core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-12-22T00:00:00Z"),
            "dated by the register's last change, not the clock: {core}"
        );
        assert!(core.contains("<dc:creator>ISMT B.V.</dc:creator>"));
    }
}

#[test]
fn xlsx_keeps_hostile_and_control_texts_exactly() {
    let (_tmp, reg) = ismt_copy();
    poison(&reg);
    // Texts XML cannot carry as they are, and ones that look like Excel's
    // own escapes or need their outer white space kept.
    let tricky = " \u{1}\u{8}\u{b}\u{1f} _x0041_ _x005F_ a\r\nb & <c> \u{FFFF} ";
    edit_register(&reg, |path, value| {
        // The record's first activity, as `notice.activity_order` sets it.
        if path.ends_with("activities/overeenkomst.json") {
            value["description"]["nl"] = json!(tricky);
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let file = render_xlsx(&reg, "nl", tmp.path());
    let sheets = xlsx_sheets(&file);
    let csv = csv_rows(&reg, "nl");
    assert!(sheets[0].1 == csv, "the record sheet differs from the CSV");
    let description = csv[0]
        .iter()
        .position(|h| h == "Omschrijving")
        .expect("a description column");
    // The record trims a text's outer white space, as in every format.
    assert_eq!(sheets[0].1[1][description], tricky.trim());
    assert!(sheets[1].1[1][1].contains(&format!("ISMT {SCRIPT} B.V.")));
}

#[test]
fn xlsx_refuses_a_text_longer_than_an_excel_cell_and_writes_nothing() {
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("activities/administratie.json") {
            value["description"]["nl"] = json!("é".repeat(32_768));
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("records.xlsx");
    let file_s = file.display().to_string();
    let out = render(
        &reg,
        &["records", "--lang", "nl", "--format", "xlsx", "-o", &file_s],
        2,
    );
    assert!(
        out.stderr.contains(
            "activity administratie, column \"Omschrijving\": the text has 32768 characters; an Excel cell holds at most 32767"
        ),
        "{}",
        out.stderr
    );
    assert!(!file.exists(), "nothing is written");
    // Other formats have no such limit.
    render_ok(&reg, &["records", "--lang", "nl", "--format", "csv"]);
}

#[test]
fn xlsx_names_a_temporary_directory_it_cannot_write_and_writes_nothing() {
    // The record sheet is written through an anonymous temporary file.
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-dir");
    let file = tmp.path().join("records.xlsx");
    let args = [
        "--register".to_owned(),
        ismt().display().to_string(),
        "render".to_owned(),
        "records".to_owned(),
        "--lang".to_owned(),
        "nl".to_owned(),
        "--format".to_owned(),
        "xlsx".to_owned(),
        "-o".to_owned(),
        file.display().to_string(),
    ];
    let out = run(&workspace_root(), &args, &[("TMPDIR", missing.as_os_str())]);
    out.assert_code(2);
    assert!(
        out.stderr.contains(&format!(
            "cannot make a temporary file in {}",
            missing.display()
        )) && out.stderr.contains("Set TMPDIR to a writable directory"),
        "{}",
        out.stderr
    );
    assert!(!file.exists(), "nothing is written");
}

/// LibreOffice's `libreoffice` command, when installed. `None` (after
/// saying why on stderr) when it is missing, so the calling test can skip.
///
/// # Panics
///
/// When it is missing and `CI=true`: `.ci/run` installs it, so CI must run
/// the test.
fn libreoffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| [dir.join("libreoffice"), dir.join("soffice")])
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !in_ci,
            "CI=true but neither libreoffice nor soffice is on PATH: .ci/run installs \
             libreoffice-calc-nogui, and the XLSX records must be read back by it"
        );
        eprintln!(
            "skipped: neither libreoffice nor soffice is on PATH \
             (install libreoffice-calc-nogui to run this test)"
        );
    }
    found
}

/// Every sheet of `workbook` as LibreOffice reads it, by name: each
/// converted to CSV (UTF-8, comma, `"`) by `libreoffice --convert-to`, whose
/// twelfth filter option `-1` writes every sheet to `NAME-SHEET.csv`.
fn libreoffice_sheets(libreoffice: &Path, workbook: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let dir = tempfile::Builder::new()
        .prefix("ropa-libreoffice-")
        .tempdir()
        .expect("temporary directory");
    // A profile of its own: two runs sharing one would clash.
    let profile = dir.path().join("profile");
    let out = dir.path().join("out");
    let output = std::process::Command::new(libreoffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&out)
        .arg(workbook)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("libreoffice runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "libreoffice failed: {log}");
    let stem = workbook
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a file name")
        .to_owned();
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{}: {e}; libreoffice said: {log}", out.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix(&format!("{stem}-")))
                .unwrap_or_else(|| panic!("{}: not a sheet's CSV", path.display()))
                .to_owned();
            let rows = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(&path)
                .expect("the CSV opens")
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            (name, rows)
        })
        .collect();
    sheets.sort();
    sheets
}

#[test]
fn libreoffice_reads_every_cell_of_the_xlsx_as_ropa_wrote_it() {
    let Some(libreoffice) = libreoffice() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["nl", "en"] {
        let file = render_xlsx(&ismt(), lang, tmp.path());
        let read = libreoffice_sheets(&libreoffice, &file);
        // Every sheet as calamine reads it (which the other tests hold
        // against the CSV and the register).
        let mut expected = xlsx_sheets(&file);
        let record_name = expected[0].0.clone();
        expected.sort();
        let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
        let expected_names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected_names, "{lang}: LibreOffice's sheets");
        for ((name, rows), (_, want)) in read.iter().zip(&expected) {
            assert_eq!(rows.len(), want.len(), "{lang}, {name}: rows");
            for (r, (row, want_row)) in rows.iter().zip(want).enumerate() {
                assert_eq!(row, want_row, "{lang}, {name}: row {}", r + 1);
            }
        }
        // The record sheet is ropa's own CSV, cell for cell.
        let record = &read.iter().find(|(n, _)| *n == record_name).unwrap().1;
        let csv = csv_rows(&ismt(), lang);
        assert_eq!(record.len(), 18, "{lang}: header and 17 rows");
        for (r, (row, want_row)) in record.iter().zip(&csv).enumerate() {
            assert_eq!(
                row,
                want_row,
                "{lang}: record row {} against the CSV",
                r + 1
            );
        }
    }
    // A register with activities carried out for others: the processor's
    // record, a third sheet, read back as calamine reads it.
    let file = render_xlsx(
        &workspace_root().join("examples/us-software"),
        "en",
        tmp.path(),
    );
    let read = libreoffice_sheets(&libreoffice, &file);
    let mut expected = xlsx_sheets(&file);
    assert_eq!(
        expected.len(),
        3,
        "the record, the controller, the processor's record"
    );
    expected.sort();
    assert_eq!(
        read, expected,
        "the processor's workbook as LibreOffice reads it"
    );
}

#[test]
fn records_csv_has_one_row_per_activity_and_category_with_dpa_columns() {
    let csv_text = render_ok(&ismt(), &["records", "--lang", "en", "--format", "csv"]);
    assert!(csv_text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for column in [
        "Name and contact details of controller",
        "Name and contact details of data protection officer",
        "Purposes of processing",
        "Article 6 lawful basis for processing",
        "Legitimate interests for the processing",
        "Categories of individuals",
        "Categories of personal data",
        "Categories of recipients",
        "Link to contract with processor",
        "Names of third countries or international organisations that personal data are transferred to",
        "Safeguards for exceptional transfers of personal data to third countries or international organisations",
        "Retention schedule",
        "General description of technical and organisational security measures",
        "Source of personal data",
        "Location of personal data",
        "Data Protection Impact Assessment required?",
        "Existence of automated decision-making, including profiling",
        "Known gaps",
    ] {
        assert!(
            headers.iter().any(|h| h == column),
            "no column {column:?}: {headers:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // ISMT: administratie 3 categories, communicatie-marketing 5, kwaliteit-management
    // none (one row), overeenkomst 5, wet-en-regelgeving 3.
    assert_eq!(rows.len(), 17);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let pairs: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[col("Reference")].to_owned(),
                r[col("Categories of personal data")].to_owned(),
            )
        })
        .collect();
    // In the order `notice.activity_order` sets: the agreement first.
    assert_eq!(pairs[0].0, "overeenkomst");
    assert!(pairs.contains(&("administratie".into(), "Personal details".into())));
    assert!(pairs.contains(&("kwaliteit-management".into(), String::new())));
    assert!(
        rows[0][col("Name and contact details of controller")].contains("ISMT B.V.\nKüppersweg 30")
    );
    assert!(rows[0][col("Known gaps")].contains("V15"));

    let nl = render_ok(&ismt(), &["records", "--lang", "nl", "--format", "csv"]);
    let first = nl.lines().next().unwrap();
    for column in [
        "Verwerkingsdoeleinden",
        "Categorieën van betrokkenen",
        "Categorieën van persoonsgegevens",
        "Bewaartermijn",
        "Grondslag (art. 6 AVG)",
    ] {
        assert!(first.contains(column), "{column}");
    }
    let de = render_ok(&ismt(), &["records", "--lang", "de", "--format", "csv"]);
    let first = de.lines().next().unwrap();
    for column in [
        "Zwecke der Verarbeitung",
        "Kategorien betroffener Personen",
        "Kategorien personenbezogener Daten",
        "Löschfristen",
        "Rechtsgrundlage (Art. 6 DSGVO)",
    ] {
        assert!(first.contains(column), "{column}");
    }
    // Every language has the same rows and columns.
    let shape = |csv_text: &str| -> Vec<usize> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv_text.as_bytes())
            .records()
            .map(|r| r.unwrap().len())
            .collect()
    };
    for lang in &published() {
        let other = render_ok(&ismt(), &["records", "--lang", lang, "--format", "csv"]);
        assert_eq!(shape(&other), shape(&csv_text), "{lang}");
    }
}

#[test]
fn internal_activities_are_in_the_records_but_not_in_the_statement() {
    let (_tmp, reg) = ismt_copy();
    let path = reg.join("activities").join("kwaliteit-management.json");
    let mut activity = read_json(&path);
    activity["public"] = json!(false);
    write_json(&path, &activity);
    let statement = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "nl", "--format", "html"],
    ));
    assert!(!statement.contains("Kwaliteits- en managementdoeleinden"));
    assert!(!statement.contains("anonieme gegevens"));
    let records = text_of(&render_ok(
        &reg,
        &["records", "--lang", "nl", "--format", "html"],
    ));
    assert!(records.contains("Kwaliteits- en managementdoeleinden"));
    assert!(records.contains("In privacyverklaring nee"));
}

#[test]
fn a_transfer_outside_the_eea_is_told_with_its_safeguard_and_copy() {
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("recipients.json") {
            value["recipients"][1]["countries"] = json!(["NL", "US"]);
        }
        if path.ends_with("overeenkomst.json") {
            value["transfers"] = json!([{
                "recipient": "postorderbedrijf",
                "country": "US",
                "mechanisms": [{"kind": "scc", "decision": "2021/914", "module": 2}],
                "copy_via": {"nl": "stuur een e-mail naar info@ismt-bv.com.", "en": "send an e-mail to info@ismt-bv.com.", "de": "senden Sie eine E-Mail an info@ismt-bv.com."},
                "tia_ref": "TIA-1"
            }]);
        }
    });
    let nl = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "nl", "--format", "html"],
    ));
    assert_facts(
        &nl,
        &[
            "Ja. Sommige van je persoonsgegevens worden verwerkt buiten de Europese Unie (EU)",
            "Postorderbedrijf in de Verenigde Staten. Wij hebben met de ontvanger de standaardcontractbepalingen van de Europese Commissie afgesloten (besluit 2021/914).",
            "Een kopie van deze waarborgen kun je opvragen: stuur een e-mail naar info@ismt-bv.com.",
        ],
    );
    assert!(!nl.contains("Nee. Jouw persoonsgegevens"));
    let en = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "en", "--format", "html"],
    ));
    assert!(en.contains("Mail-order company in the United States. We have agreed the European Commission’s standard contractual clauses"));
    let de = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "de", "--format", "html"],
    ));
    assert_facts(
        &de,
        &[
            "Ja. Einige Ihrer personenbezogenen Daten werden außerhalb der Europäischen Union (EU)",
            "Versandunternehmen, Empfängerland: Vereinigte Staaten. Wir haben mit dem Empfänger die Standardvertragsklauseln der Europäischen Kommission vereinbart (Beschluss 2021/914).",
            "Eine Kopie dieser Garantien können Sie anfordern: senden Sie eine E-Mail an info@ismt-bv.com.",
        ],
    );
    let csv_text = render_ok(&reg, &["records", "--lang", "en", "--format", "csv"]);
    assert!(csv_text.contains("United States: standard contractual clauses (Art. 46(2)(c)) 2021/914 module 2; copy via: send an e-mail to info@ismt-bv.com.; TIA TIA-1"));
}

/// Under Art. 22(2)(b) a law, not the controller, lays down the measures
/// that protect the person: the statement and the record name that law
/// where the Art. 22(3) safeguards would be.
#[test]
fn automated_decisions_authorised_by_law_name_the_law_where_the_safeguards_would_be() {
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.ends_with("overeenkomst.json") {
            value["automated_decisions"] = json!({
                "solely_automated_significant": true,
                "exception": "b",
                "legal_reference": "art. 12 Wet kortingsregeling",
                "logic": {"nl": "Een rekenregel uit de wet bepaalt de korting.", "en": "A calculation the law lays down decides the discount.", "de": "Eine gesetzliche Rechenregel bestimmt den Rabatt."},
                "consequences": {"nl": "Zonder korting betaal je het volle bedrag.", "en": "Without a discount you pay the full amount.", "de": "Ohne Rabatt zahlen Sie den vollen Betrag."}
            });
            value["dpia"] = json!({"required": true, "reference": "DPIA-2025-007"});
        }
    });
    let en = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "en", "--format", "html"],
    ));
    assert!(en.contains("Without a discount you pay the full amount. These decisions are authorised by art. 12 Wet kortingsregeling, which also lays down suitable measures to safeguard your rights and freedoms and legitimate interests."), "{en}");
    assert!(!en.contains("You are entitled to"));
    let nl = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "nl", "--format", "md"],
    ));
    assert!(nl.contains("Deze besluiten zijn toegestaan bij art. 12 Wet kortingsregeling, die ook voorziet in passende maatregelen"), "{nl}");
    let de = text_of(&render_ok(
        &reg,
        &["statement", "--lang", "de", "--format", "html"],
    ));
    assert!(
        de.contains("Diese Entscheidungen sind aufgrund von art. 12 Wet kortingsregeling zulässig"),
        "{de}"
    );
    let csv_text = render_ok(&reg, &["records", "--lang", "en", "--format", "csv"]);
    assert!(
        csv_text.contains("Art. 22(2)(b) (art. 12 Wet kortingsregeling)"),
        "{csv_text}"
    );
}

#[test]
fn rights_follow_the_legal_bases() {
    // Only a legal obligation: no erasure, portability, objection or consent section.
    let (_tmp, reg) = ismt_copy();
    edit_register(&reg, |path, value| {
        if path.parent().is_some_and(|p| p.ends_with("activities")) {
            for purpose in value["purposes"].as_array_mut().unwrap() {
                purpose["legal_bases"] =
                    json!([{"basis": "legal_obligation", "legal_reference": "art. 52 AWR"}]);
                purpose["direct_marketing"] = json!(false);
            }
            value.as_object_mut().unwrap().remove("consent");
            value.as_object_mut().unwrap().remove("objection");
            value["profiling"] = json!({"exists": false});
        }
    });
    let out = render(&reg, &["statement", "--lang", "en", "--format", "html"], 0);
    let html = out.stdout;
    let text = text_of(&html);
    assert!(
        text.contains("Right of access") && text.contains("Right to restriction of processing")
    );
    for absent in [
        "Right to erasure",
        "Right to data portability",
        "Right to object",
        "Objecting to direct marketing",
    ] {
        assert!(!text.contains(absent), "{absent}");
    }
    assert!(!html.contains("id=\"withdrawing-consent\""));
    assert!(text.contains("ISMT relies on one of these grounds"));
    assert!(text.contains("The law requires us to process certain personal data (art. 52 AWR)."));
}

/// The rendered documents of the example register, byte for byte, in
/// `tests/golden/`: a restructuring of the renderer must not change one byte
/// of what a website or a DPO already publishes. `UPDATE_EXPECT=1` rewrites
/// them from the binary; review the diff as a change of published text.
#[test]
fn the_example_renders_the_golden_bytes() {
    let golden = workspace_root().join("tests/golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let documents: &[(&str, &str, &str)] = &[
        ("statement", "html", "html"),
        ("statement", "fragment", "fragment.html"),
        ("statement", "md", "md"),
        ("records", "html", "html"),
        ("records", "md", "md"),
        ("records", "csv", "csv"),
    ];
    let mut differ = Vec::new();
    for lang in &published() {
        let lang = lang.as_str();
        for (document, format, extension) in documents {
            let actual = render_ok(&ismt(), &[document, "--lang", lang, "--format", format]);
            let path = golden.join(format!("{document}.{lang}.{extension}"));
            if update {
                std::fs::create_dir_all(&golden).expect("tests/golden");
                std::fs::write(&path, &actual).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", path.display()));
            if expected != actual {
                differ.push(path.display().to_string());
            }
        }
    }
    assert!(
        differ.is_empty(),
        "rendered bytes differ from the goldens: {differ:?}"
    );
}

/// A contract basis names the contract, linked where its page is safe to
/// link, in every format; a link that is not a web page is shown as text.
#[test]
fn a_contract_basis_names_its_contract() {
    let (_tmp, reg) = ismt_copy();
    let contract = |url: &str| {
        json!({
            "title": {
                "nl": "Algemene voorwaarden",
                "en": "General terms and conditions",
                "de": "Allgemeine Geschäftsbedingungen"
            },
            "url": url
        })
    };
    let name_contract = |url: &str| {
        edit_register(&reg, |path, value| {
            if path.ends_with("overeenkomst.json") {
                for purpose in value["purposes"].as_array_mut().unwrap() {
                    for basis in purpose["legal_bases"].as_array_mut().unwrap() {
                        if basis["basis"] == "contract" {
                            basis["contract"] = contract(url);
                        }
                    }
                }
            }
        });
    };
    name_contract("https://www.ismt-bv.com/voorwaarden");
    let html = render_ok(&reg, &["statement", "--lang", "en", "--format", "fragment"]);
    assert!(
        html.contains("you have with us or wish to enter into: <a href=\"https://www.ismt-bv.com/voorwaarden\">General terms and conditions</a>."),
        "{html}"
    );
    let md = render_ok(&reg, &["statement", "--lang", "nl", "--format", "md"]);
    assert!(
        md.contains("wilt sluiten voor te bereiden en uit te voeren: [Algemene voorwaarden](https://www.ismt-bv.com/voorwaarden)."),
        "{md}"
    );
    name_contract("javascript:alert(1)");
    let html = render_ok(&reg, &["statement", "--lang", "de", "--format", "fragment"]);
    assert!(
        html.contains("vorzubereiten und zu erfüllen: Allgemeine Geschäftsbedingungen."),
        "{html}"
    );
    assert!(!html.contains("javascript:"), "{html}");
}

/// Transfers to countries a register rarely names (the case folder
/// `render-transfers-named-in-words`: Chile and Mexico under clauses, the
/// Crown dependencies, the Faroe Islands and Andorra under adequacy
/// decisions) are told with the countries' names in every language, in the
/// statement and in the records, never with their codes.
#[test]
fn every_country_is_named_in_words_in_every_language() {
    let case = crate::util::Prepared::new(
        &crate::util::cases_dir().join("render-transfers-named-in-words"),
    );
    let codes = ["CL", "MX", "JE", "GG", "IM", "FO", "AD"];
    // What each language's sentence says of the customer service's transfer
    // to each country, in the order of `codes`.
    let expected: [(&str, [&str; 7]); 3] = [
        (
            "en",
            [
                "Customer service in Chile.",
                "Customer service in Mexico.",
                "Customer service in Jersey.",
                "Customer service in Guernsey.",
                "Customer service in the Isle of Man.",
                "Customer service in the Faroe Islands.",
                "Customer service in Andorra.",
            ],
        ),
        (
            "nl",
            [
                "Klantenservice in Chili.",
                "Klantenservice in Mexico.",
                "Klantenservice in Jersey.",
                "Klantenservice in Guernsey.",
                "Klantenservice in Isle of Man.",
                "Klantenservice in de Faeröer.",
                "Klantenservice in Andorra.",
            ],
        ),
        (
            "de",
            [
                "Kundendienst, Empfängerland: Chile.",
                "Kundendienst, Empfängerland: Mexiko.",
                "Kundendienst, Empfängerland: Jersey.",
                "Kundendienst, Empfängerland: Guernsey.",
                "Kundendienst, Empfängerland: Isle of Man.",
                "Kundendienst, Empfängerland: Färöer.",
                "Kundendienst, Empfängerland: Andorra.",
            ],
        ),
    ];
    for (lang, sentences) in expected {
        let md = render_ok(
            &case.register,
            &["statement", "--lang", lang, "--format", "md"],
        );
        let text = md.replace("**", "");
        for sentence in sentences {
            assert!(
                text.contains(sentence),
                "{lang}: the statement does not say {sentence:?}:\n{md}"
            );
        }
        let records = render_ok(
            &case.register,
            &["records", "--lang", lang, "--format", "csv"],
        );
        for code in codes {
            for document in [&md, &records] {
                for written in [
                    format!(" {code}."),
                    format!(" {code},"),
                    format!(": {code}"),
                ] {
                    assert!(
                        !document.contains(&written),
                        "{lang}: {code} is written as a code ({written:?}):\n{document}"
                    );
                }
            }
        }
    }
    // The records name the countries alone, as a table does.
    let records = render_ok(
        &case.register,
        &["records", "--lang", "en", "--format", "csv"],
    );
    for name in [
        "Chile",
        "Mexico",
        "Isle of Man",
        "Faroe Islands",
        "Andorra",
        "Kerkstraat 12, 2011 AB Haarlem, Netherlands",
    ] {
        assert!(
            records.contains(name),
            "the records lack {name:?}:\n{records}"
        );
    }
    assert!(!records.contains("the Isle of Man"), "{records}");
}
