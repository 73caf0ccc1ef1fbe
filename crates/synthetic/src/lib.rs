//! Synthetic registers for benchmarks and scale tests.
//!
//! [`write()`] builds a complete, valid register from the typed model and
//! writes it the way `ropa init` does (pretty-printed JSON, one file per
//! activity and system). The content is made up but shaped like a real
//! register, so `validate` does the work it does in practice: every legal
//! basis with what it needs, special categories with their Art. 9(2)
//! conditions, recipients inside and outside the EEA with transfers,
//! processors with agreements, profiling, sources from elsewhere, retention
//! per category or per activity, and every public text in Dutch and English.
//!
//! Generation is deterministic: a fixed-seed splitmix64 drives every choice
//! and nothing iterates a hash map, so the same [`Size`] always gives the
//! same bytes. Every catalogue entry (category, subject, recipient, system)
//! is used by at least one activity, so there are no orphan warnings.

use std::path::Path;

use serde::Serialize;

use ropa_law::in_eea;
use ropa_register::init::SCHEMA_DIR;
use ropa_register::model::*;
use ropa_register::schema::EMBEDDED;

/// How many entries of each kind the register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub activities: usize,
    pub categories: usize,
    pub subjects: usize,
    pub recipients: usize,
    pub systems: usize,
}

impl Size {
    /// The benchmark register: a large organisation's full record.
    pub const BENCH: Size = Size {
        activities: 1_000,
        categories: 200,
        subjects: 50,
        recipients: 300,
        systems: 100,
    };

    /// A small register, quick to write and validate in tests.
    pub const SMALL: Size = Size {
        activities: 20,
        categories: 30,
        subjects: 8,
        recipients: 20,
        systems: 6,
    };
}

/// The seed every register is generated from.
const SEED: u64 = 0x0052_4f50_4121_3330;

/// Writes a complete register of `size` into `dir` (created if needed).
///
/// `dir` should be new or empty: files of an earlier, larger register would
/// stay behind. Each catalogue needs at least one entry for the register to
/// validate cleanly; with very small catalogues an activity may use fewer
/// entries than the usual ranges.
pub fn write(dir: &Path, size: &Size) -> std::io::Result<()> {
    let register = generate(size);
    let put = |rel: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))?;
        std::fs::write(path, text)
    };
    put("organisation.json", &pretty(&register.organisation))?;
    put("categories.json", &pretty(&register.categories))?;
    put("subjects.json", &pretty(&register.subjects))?;
    put("recipients.json", &pretty(&register.recipients))?;
    std::fs::create_dir_all(dir.join("activities"))?;
    std::fs::create_dir_all(dir.join("systems"))?;
    for (id, activity) in &register.activities {
        put(&format!("activities/{id}.json"), &pretty(activity))?;
    }
    for (id, system) in &register.systems {
        put(&format!("systems/{id}.json"), &pretty(system))?;
    }
    for (name, text) in EMBEDDED {
        put(&format!("{SCHEMA_DIR}/{name}"), text)?;
    }
    Ok(())
}

/// The generated register, in memory.
struct Generated {
    organisation: OrganisationFile,
    categories: CategoriesFile,
    subjects: SubjectsFile,
    recipients: RecipientsFile,
    activities: Vec<(Id, ActivityFile)>,
    systems: Vec<(Id, SystemFile)>,
}

fn generate(size: &Size) -> Generated {
    let mut rng = Rng(SEED);
    let categories = categories(&mut rng, size.categories);
    let subjects = subjects(&mut rng, size.subjects);
    let recipients = recipients(&mut rng, size.recipients);
    let systems = systems(&mut rng, size.systems, &categories, &recipients);
    let catalogue = Catalogue {
        categories: &categories,
        subjects: &subjects,
        recipients: &recipients,
        systems: &systems,
        activities: size.activities,
    };
    let activities: Vec<(Id, ActivityFile)> = (0..size.activities)
        .map(|i| activity(&mut rng, i, &catalogue))
        .collect();
    let mut subjects = subjects;
    informed_where_told(&mut subjects, &activities);
    Generated {
        organisation: organisation(),
        categories: CategoriesFile {
            schema: link("categories.schema.json", 0),
            categories,
            known_gaps: vec![],
        },
        subjects: SubjectsFile {
            schema: link("subjects.schema.json", 0),
            subjects,
            known_gaps: vec![],
        },
        recipients: RecipientsFile {
            schema: link("recipients.schema.json", 0),
            third_party_marketing: ThirdPartyMarketing::Never,
            recipients,
            known_gaps: vec![],
        },
        activities,
        systems,
    }
}

/// How people are informed is said of those whose data others supply: the
/// subjects an activity's source of data from others lists (V33, V52).
fn informed_where_told(subjects: &mut [Subject], activities: &[(Id, ActivityFile)]) {
    let told: std::collections::BTreeSet<&Id> = activities
        .iter()
        .filter(|(_, a)| a.is_own())
        .flat_map(|(_, a)| a.sources.iter())
        .filter(|s| !s.kind.is_direct())
        .flat_map(|s| s.subjects.iter())
        .collect();
    for subject in subjects {
        if !told.contains(&subject.id) {
            subject.informed_via = None;
        }
    }
}

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast, and good enough to vary a register.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks an index by weight.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut roll = self.next() % total;
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }

    /// Extends `chosen` with distinct indices from `0..n`, not already in
    /// it, until it holds `want` (or all `n`).
    fn fill(&mut self, chosen: &mut Vec<usize>, n: usize, want: usize) {
        let want = want.min(n);
        while chosen.len() < want {
            let candidate = self.below(n);
            if !chosen.contains(&candidate) {
                chosen.push(candidate);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Small builders

fn t(nl: &str, en: &str) -> Text {
    tf(nl.to_owned(), en.to_owned())
}

/// The synthetic registers are written in Dutch and English, as the example is.
fn tf(nl: String, en: String) -> Text {
    [("nl", nl), ("en", en)]
        .into_iter()
        .filter_map(|(code, text)| Some((Lang::from_code(code)?, text)))
        .collect()
}

fn id(s: String) -> Id {
    Id(s)
}

fn loc(code: &str) -> Location {
    Location(code.to_owned())
}

fn date(rng: &mut Rng, years: std::ops::RangeInclusive<usize>) -> Date {
    let year = rng.range(*years.start(), *years.end());
    Date(format!(
        "{year:04}-{:02}-{:02}",
        rng.range(1, 12),
        rng.range(1, 28)
    ))
}

fn email(value: &str) -> Channel {
    Channel {
        kind: ChannelKind::Email,
        value: value.to_owned(),
        label: None,
    }
}

fn web(value: &str, nl: &str, en: &str) -> Channel {
    Channel {
        kind: ChannelKind::Web,
        value: value.to_owned(),
        label: Some(t(nl, en)),
    }
}

fn link(name: &str, depth: usize) -> String {
    format!("{}{SCHEMA_DIR}/{name}", "../".repeat(depth))
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("the model serialises");
    text.push('\n');
    text
}

/// The catalogue entries an activity must use so that every entry is used
/// somewhere: entry `j` belongs to activity `j % activities`.
fn owned(index: usize, entries: usize, activities: usize) -> Vec<usize> {
    (index..entries).step_by(activities.max(1)).collect()
}

// ---------------------------------------------------------------------------
// organisation.json

fn organisation() -> OrganisationFile {
    let privacy = email("privacy@synthetisch.example");
    OrganisationFile {
        schema: link("organisation.schema.json", 0),
        jurisdiction: Jurisdiction::Eu,
        also_under: Vec::new(),
        controller: Controller {
            name: "Synthetisch Voorbeeld B.V.".to_owned(),
            address: Address {
                street: "Keizersgracht 100".to_owned(),
                postcode: "1015 AA".to_owned(),
                city: "Amsterdam".to_owned(),
                country: loc("NL"),
            },
            contact: vec![
                privacy.clone(),
                Channel {
                    kind: ChannelKind::Phone,
                    value: "+31 20 123 45 67".to_owned(),
                    label: Some(t("klantenservice", "customer service")),
                },
            ],
            chamber_of_commerce: Some("12345678".to_owned()),
            short_name: None,
            designated_by: None,
        },
        scope: Some(t(
            "Alle activiteiten van Synthetisch Voorbeeld B.V. en haar handelsnamen.",
            "All activities of Synthetisch Voorbeeld B.V. and its trade names.",
        )),
        group_controllers: vec![],
        joint_controllers: vec![JointController {
            name: "Voorbeeld Franchise B.V.".to_owned(),
            contact: vec![email("privacy@franchise.example")],
            arrangement_ref: Some("Regeling gezamenlijke verwerking 2024-01".to_owned()),
            essence: Some(t(
                "Wij beheren samen het klantenprogramma; vragen over uw rechten kunt u bij beide partijen stellen.",
                "We run the loyalty programme together; you can exercise your rights with either party.",
            )),
        }],
        representative: None,
        representative_exemption: None,
        dpo: Some(Dpo {
            appointed: true,
            name: Some("J. de Vries".to_owned()),
            contact: vec![email("fg@synthetisch.example")],
            rationale: None,
        }),
        public_authority: false,
        established_in_territory: true,
        supervisory_authority: SupervisoryAuthority {
            id: "legal-nl:DPA-NL".to_owned(),
            name: t(
                "Autoriteit Persoonsgegevens",
                "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
            ),
            url: "https://www.autoriteitpersoonsgegevens.nl".into(),
        },
        rights: RightsHandling {
            channels: vec![
                privacy,
                web(
                    "https://synthetisch.example/privacy/verzoek",
                    "het verzoekformulier",
                    "the request form",
                ),
            ],
            self_service: Some(t(
                "In uw account kunt u uw gegevens inzien, wijzigen en downloaden.",
                "In your account you can view, change and download your data.",
            )),
            identity_verification: Some(t(
                "Wij kunnen u vragen uw verzoek te bevestigen vanuit het e-mailadres dat bij ons bekend is.",
                "We may ask you to confirm your request from the e-mail address we hold for you.",
            )),
            declared: vec![],
            response_time: Some("P1M".to_owned()),
        },
        notice: Notice {
            languages: ["nl", "en"]
                .into_iter()
                .filter_map(Lang::from_code)
                .collect(),
            last_changed: Some(Date("2025-01-15".to_owned())),
            cookie_statement: Some(t(
                "https://synthetisch.example/cookies",
                "https://synthetisch.example/en/cookies",
            )),
            change_notification: Some(t(
                "Bij belangrijke wijzigingen sturen wij klanten met een account een e-mail.",
                "When we make material changes we e-mail customers who have an account.",
            )),
            activity_order: vec![],
            form_fields: Some(FormFields {
                marker: "*".to_owned(),
                consequence: t(
                    "Zonder de verplichte velden kunnen wij uw aanvraag niet behandelen.",
                    "Without the required fields we cannot handle your request.",
                ),
                optional_fields: Some(t(
                    "Vult u een optioneel veld in, dan gebruiken wij die gegevens alleen voor het genoemde doel.",
                    "If you fill in an optional field, we use that data only for the stated purpose.",
                )),
            }),
            introduction: None,
            changes: None,
            sections: vec![],
            layout: Layout::ByTopic,
            services: vec![],
            versions: vec![],
        },
        security_measures: vec![
            SecurityMeasure {
                dpv: Some(DpvId::from("dpv:Encryption")),
                description: "Encryption in transit (TLS 1.2+) and at rest for all databases"
                    .to_owned(),
            },
            SecurityMeasure {
                dpv: Some(DpvId::from("dpv:AccessControlMethod")),
                description: "Role-based access with quarterly access reviews".to_owned(),
            },
            SecurityMeasure {
                dpv: Some(DpvId::from("dpv:MultiFactorAuthentication")),
                description: "Multi-factor authentication for all staff accounts".to_owned(),
            },
            SecurityMeasure {
                dpv: None,
                description: "Daily encrypted backups, restore tested twice a year".to_owned(),
            },
        ],
        known_gaps: vec![],
    }
}

// ---------------------------------------------------------------------------
// categories.json

struct CategoryKind {
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    examples: (&'static str, &'static str),
    dpv: &'static [&'static str],
    special: SpecialCategory,
    criminal: bool,
    national_id: bool,
}

const fn ck(
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    examples: (&'static str, &'static str),
    dpv: &'static [&'static str],
) -> CategoryKind {
    CategoryKind {
        slug,
        nl,
        en,
        examples,
        dpv,
        special: SpecialCategory::None,
        criminal: false,
        national_id: false,
    }
}

#[rustfmt::skip]
const ORDINARY: &[CategoryKind] = &[
    ck("contact", "Contactgegevens", "Contact details",
        ("naam, adres, e-mailadres, telefoonnummer", "name, address, e-mail address, telephone number"),
        &["pd:Name", "pd:EmailAddress", "pd:PhysicalAddress", "pd:TelephoneNumber"]),
    ck("identity", "Identiteitsgegevens", "Identity data",
        ("geboortedatum, geslacht", "date of birth, gender"),
        &["pd:BirthDate", "pd:Gender"]),
    ck("payment", "Betaalgegevens", "Payment data",
        ("IBAN, naam rekeninghouder", "IBAN, account holder's name"),
        &["pd:BankAccount", "pd:PaymentCardNumber"]),
    ck("order", "Bestelgegevens", "Order data",
        ("bestelde producten, bedragen, leverdatum", "products ordered, amounts, delivery date"),
        &["pd:PurchasesAndSpendingHabit", "pd:Transaction"]),
    ck("usage", "Gebruiksgegevens", "Usage data",
        ("bezochte pagina's, klikgedrag, zoekopdrachten", "pages visited, clicks, searches"),
        &["pd:BrowsingBehaviour", "pd:BrowserHistory"]),
    ck("device", "Apparaatgegevens", "Device data",
        ("IP-adres, browsertype, besturingssysteem", "IP address, browser type, operating system"),
        &["pd:IPAddress", "pd:DeviceBased", "pd:BrowserFingerprint"]),
    ck("location", "Locatiegegevens", "Location data",
        ("postcodegebied, GPS-locatie", "postcode area, GPS location"),
        &["pd:Location"]),
    ck("correspondence", "Correspondentie", "Correspondence",
        ("e-mails, chatberichten, gespreksnotities", "e-mails, chat messages, call notes"),
        &["pd:Communication"]),
    ck("employment", "Arbeidsgegevens", "Employment data",
        ("functie, salaris, verlof", "job title, salary, leave"),
        &["pd:EmploymentHistory", "pd:Salary"]),
    ck("financial", "Financiële gegevens", "Financial data",
        ("inkomen, betalingsachterstanden", "income, payment arrears"),
        &["pd:Income", "pd:CreditRecord"]),
    ck("preferences", "Voorkeuren", "Preferences",
        ("interesses, gekozen onderwerpen", "interests, chosen topics"),
        &["pd:Preference", "pd:Interest"]),
    ck("account", "Accountgegevens", "Account data",
        ("gebruikersnaam, wachtwoord (versleuteld)", "user name, password (hashed)"),
        &["pd:Username", "pd:Password"]),
    ck("images", "Beeldmateriaal", "Images",
        ("foto's, camerabeelden", "photos, camera footage"),
        &["pd:Picture"]),
    ck("cv", "Sollicitatiegegevens", "Application data",
        ("cv, motivatiebrief, referenties", "CV, cover letter, references"),
        &["pd:EducationQualification", "pd:ProfessionalCertification"]),
    CategoryKind {
        national_id: true,
        ..ck("bsn", "Burgerservicenummer", "Citizen service number (BSN)",
            ("BSN", "BSN"),
            &["pd:NationalIdentificationNumber"])
    },
    CategoryKind {
        criminal: true,
        ..ck("certificate-of-conduct", "Verklaring omtrent het gedrag", "Certificate of conduct",
            ("VOG en de datum van afgifte", "the certificate and its date of issue"),
            &["pd:CriminalCharge"])
    },
];

#[rustfmt::skip]
const SPECIAL: &[CategoryKind] = &[
    CategoryKind {
        special: SpecialCategory::Health,
        ..ck("health", "Gezondheidsgegevens", "Health data",
            ("ziekmeldingen, allergieën, beperkingen", "sick reports, allergies, disabilities"),
            &["pd:HealthRecord", "pd:Disability"])
    },
    CategoryKind {
        special: SpecialCategory::Biometric,
        ..ck("biometric", "Biometrische gegevens", "Biometric data",
            ("vingerafdruk voor de toegangspoort", "fingerprint for the access gate"),
            &["pd:Fingerprint"])
    },
    CategoryKind {
        special: SpecialCategory::TradeUnionMembership,
        ..ck("union", "Vakbondslidmaatschap", "Trade union membership",
            ("lidmaatschap voor de contributie-inhouding", "membership for the dues deduction"),
            &["pd:TradeUnionMembership"])
    },
    CategoryKind {
        special: SpecialCategory::ReligiousOrPhilosophicalBeliefs,
        ..ck("beliefs", "Levensbeschouwing", "Religious or philosophical beliefs",
            ("dieetwensen op religieuze grond", "dietary wishes on religious grounds"),
            &["pd:Religion"])
    },
];

fn categories(rng: &mut Rng, n: usize) -> Vec<Category> {
    (0..n)
        .map(|i| {
            // One in twelve is special-category data.
            let kind = if rng.chance(8) {
                rng.pick(SPECIAL)
            } else {
                &ORDINARY[i % ORDINARY.len()]
            };
            let group = i + 1;
            let provision = provision(rng, kind);
            Category {
                id: id(format!("{}-{group:03}", kind.slug)),
                label: tf(
                    format!("{} {group}", kind.nl),
                    format!("{} {group}", kind.en),
                ),
                examples: Some(t(kind.examples.0, kind.examples.1)),
                items: Vec::new(),
                items_listed: Default::default(),
                dpv: kind.dpv.iter().map(|d| PdId::from(*d)).collect(),
                special: kind.special,
                criminal: kind.criminal,
                national_id: kind.national_id,
                provision: Some(provision),
            }
        })
        .collect()
}

fn provision(rng: &mut Rng, kind: &CategoryKind) -> Provision {
    let options: &[ProvisionKind] = if kind.special != SpecialCategory::None {
        &[ProvisionKind::Voluntary, ProvisionKind::RequiredByLaw]
    } else if kind.national_id || kind.criminal {
        &[ProvisionKind::RequiredByLaw]
    } else {
        &[
            ProvisionKind::RequiredForContract,
            ProvisionKind::RequiredForContract,
            ProvisionKind::RequiredByLaw,
            ProvisionKind::Voluntary,
            ProvisionKind::MarkedPerField,
        ]
    };
    let kind = *rng.pick(options);
    let consequence = match kind {
        ProvisionKind::RequiredForContract => Some(t(
            "Zonder deze gegevens kunnen wij de overeenkomst niet uitvoeren.",
            "Without this data we cannot perform the contract.",
        )),
        ProvisionKind::RequiredByLaw => Some(t(
            "De wet verplicht ons deze gegevens vast te leggen; zonder kunnen wij u niet helpen.",
            "The law obliges us to record this data; without it we cannot help you.",
        )),
        ProvisionKind::Voluntary | ProvisionKind::MarkedPerField => None,
    };
    Provision { kind, consequence }
}

// ---------------------------------------------------------------------------
// subjects.json

#[rustfmt::skip]
const SUBJECT_KINDS: &[(&str, &str, &str, &str, bool)] = &[
    ("customers", "Klanten", "Customers", "dpv:Customer", false),
    ("prospects", "Prospects", "Prospective customers", "dpv:Prospect", false),
    ("employees", "Medewerkers", "Employees", "dpv:Employee", false),
    ("applicants", "Sollicitanten", "Job applicants", "dpv:JobApplicant", false),
    ("visitors", "Bezoekers", "Visitors", "dpv:Visitor", false),
    ("users", "Gebruikers van de app", "App users", "dpv:User", true),
    ("members", "Leden", "Members", "dpv:Member", false),
    ("subscribers", "Abonnees", "Subscribers", "dpv:Subscriber", false),
    ("suppliers", "Contactpersonen van leveranciers", "Supplier contacts", "dpv:Supplier", false),
    ("students", "Cursisten", "Course participants", "dpv:Student", true),
];

fn subjects(rng: &mut Rng, n: usize) -> Vec<Subject> {
    (0..n)
        .map(|i| {
            let (slug, nl, en, dpv, children) = SUBJECT_KINDS[i % SUBJECT_KINDS.len()];
            let group = i + 1;
            Subject {
                id: id(format!("{slug}-{group:02}")),
                label: tf(format!("{nl} (groep {group})"), format!("{en} (group {group})")),
                dpv: vec![DpvId::from(dpv)],
                children: children && rng.chance(50),
                informed_via: Some(t(
                    "Wij vragen wie hun gegevens aan ons geeft hen op deze privacyverklaring te wijzen.",
                    "We ask whoever gives us their data to point them to this privacy statement.",
                )),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// recipients.json

struct RecipientKind {
    role: RecipientRole,
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    does: (&'static str, &'static str),
}

#[rustfmt::skip]
const RECIPIENT_KINDS: &[RecipientKind] = &[
    rk(RecipientRole::Processor, "hosting", "Hostingpartij", "Hosting provider",
        ("host onze systemen", "hosts our systems")),
    rk(RecipientRole::Processor, "mail-service", "E-maildienstverlener", "E-mail service provider",
        ("verstuurt onze e-mails", "sends our e-mails")),
    rk(RecipientRole::Processor, "payroll", "Salarisverwerker", "Payroll processor",
        ("verzorgt de salarisadministratie", "runs the payroll")),
    rk(RecipientRole::Processor, "crm", "Leverancier van ons klantsysteem", "CRM supplier",
        ("levert en beheert ons klantsysteem", "provides and runs our CRM")),
    rk(RecipientRole::Processor, "analytics", "Analysedienst", "Analytics provider",
        ("meet het gebruik van onze website", "measures the use of our website")),
    rk(RecipientRole::SubProcessor, "datacentre", "Datacenter van onze leverancier", "Our supplier's data centre",
        ("levert opslag aan onze leverancier", "provides storage to our supplier")),
    rk(RecipientRole::Controller, "payment-provider", "Betaaldienstverlener", "Payment service provider",
        ("verwerkt uw betaling", "processes your payment")),
    rk(RecipientRole::Controller, "carrier", "Vervoerder", "Carrier",
        ("bezorgt uw bestelling", "delivers your order")),
    rk(RecipientRole::Controller, "accountant", "Accountant", "Auditor",
        ("controleert onze jaarrekening", "audits our annual accounts")),
    rk(RecipientRole::PublicAuthority, "tax-authority", "Belastingdienst", "Tax and Customs Administration",
        ("ontvangt gegevens voor de loonaangifte", "receives data for payroll tax returns")),
    rk(RecipientRole::Internal, "customer-service", "Afdeling klantenservice", "Customer service department",
        ("beantwoordt uw vragen", "answers your questions")),
    rk(RecipientRole::JointController, "franchisee", "Franchisenemer", "Franchisee",
        ("voert samen met ons het klantenprogramma uit", "runs the loyalty programme with us")),
    rk(RecipientRole::ThirdParty, "legal-counsel", "Juridisch adviseur", "Legal counsel",
        ("adviseert ons bij geschillen", "advises us in disputes")),
];

const fn rk(
    role: RecipientRole,
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    does: (&'static str, &'static str),
) -> RecipientKind {
    RecipientKind {
        role,
        slug,
        nl,
        en,
        does,
    }
}

/// Where a recipient processes data: mostly inside the EEA, some in the US
/// (DPF-certified or not), the UK, Japan, India and Brazil.
fn recipient_countries(rng: &mut Rng, role: RecipientRole) -> (Vec<Location>, Option<bool>) {
    if matches!(
        role,
        RecipientRole::Internal | RecipientRole::PublicAuthority
    ) {
        return (vec![loc("NL")], None);
    }
    match rng.weighted(&[45, 10, 8, 8, 4, 3, 2, 5, 5, 5, 5]) {
        0 => (vec![loc("NL")], None),
        1 => (vec![loc("DE"), loc("NL")], None),
        2 => (vec![loc("IE")], None),
        3 => (vec![loc("EEA")], None),
        4 => (vec![loc("BE"), loc("FR")], None),
        5 => (vec![loc("GB")], None),
        6 => (vec![loc("JP")], None),
        7 => (vec![loc("US")], Some(true)),
        8 => (vec![loc("IE"), loc("US")], Some(rng.chance(80))),
        9 => (vec![loc("IN")], None),
        _ => (vec![loc("NL"), loc("BR")], None),
    }
}

fn recipients(rng: &mut Rng, n: usize) -> Vec<Recipient> {
    let mut out: Vec<Recipient> = Vec::with_capacity(n);
    for i in 0..n {
        let number = i + 1;
        let mut kind = &RECIPIENT_KINDS[rng.below(RECIPIENT_KINDS.len())];
        let processors: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == RecipientRole::Processor)
            .map(|(j, _)| j)
            .collect();
        if kind.role == RecipientRole::SubProcessor && processors.is_empty() {
            kind = &RECIPIENT_KINDS[0];
        }
        let role = kind.role;
        let (countries, dpf_certified) = recipient_countries(rng, role);
        let outside = countries.iter().any(|c| !in_eea(c.as_str()));
        let suffix = match countries.iter().find(|c| !in_eea(c.as_str())) {
            Some(c) if c.as_str() == "US" => "Inc.",
            Some(c) if c.as_str() == "GB" => "Ltd",
            Some(c) if c.as_str() == "IN" => "Pvt. Ltd.",
            Some(c) if c.as_str() == "BR" => "Ltda.",
            Some(c) if c.as_str() == "JP" => "K.K.",
            _ => "B.V.",
        };
        let processor = matches!(role, RecipientRole::Processor | RecipientRole::SubProcessor);
        let name = match role {
            RecipientRole::Internal => None,
            RecipientRole::PublicAuthority => Some(kind.nl.to_owned()),
            _ => Some(format!("{} {number} {suffix}", kind.en)),
        };
        let publish_name = match role {
            RecipientRole::PublicAuthority | RecipientRole::JointController => true,
            RecipientRole::Internal => false,
            _ => outside || rng.chance(30),
        };
        let disclosure_cases = match role {
            RecipientRole::Controller
            | RecipientRole::PublicAuthority
            | RecipientRole::ThirdParty => {
                vec![t(
                    "wanneer dat nodig is voor het genoemde doel of wettelijk verplicht is",
                    "when it is needed for the stated purpose or required by law",
                )]
            }
            _ => vec![],
        };
        let parent =
            (role == RecipientRole::SubProcessor).then(|| out[*rng.pick(&processors)].id.clone());
        out.push(Recipient {
            id: id(format!("{}-{number:03}", kind.slug)),
            role,
            name,
            publish_name,
            label: tf(
                format!("{} {number}", kind.nl),
                format!("{} {number}", kind.en),
            ),
            description: Some(t(kind.does.0, kind.does.1)),
            disclosure_cases,
            countries,
            processing_agreement: processor.then(|| Agreement {
                reference: format!("VWO-{:04}", 100 + number),
                date: Some(date(rng, 2019..=2025)),
                url: rng
                    .chance(30)
                    .then(|| format!("https://contracts.synthetisch.example/dpa/{number}")),
            }),
            authorisation: (role == RecipientRole::SubProcessor).then(|| {
                if rng.chance(70) {
                    SubProcessorAuthorisation::General
                } else {
                    SubProcessorAuthorisation::Specific
                }
            }),
            parent,
            dpf_certified,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// systems/<id>.json

const SYSTEM_KINDS: &[(&str, &str, SystemKind)] = &[
    ("crm", "Klantsysteem", SystemKind::Saas),
    ("webshop-db", "Webshop database", SystemKind::Database),
    ("mail-platform", "E-mailplatform", SystemKind::Saas),
    ("hr-system", "HR-systeem", SystemKind::Saas),
    ("file-share", "Bestandsserver", SystemKind::Files),
    ("member-api", "Leden-API", SystemKind::HttpJson),
    ("archive", "Archief", SystemKind::Other),
];

fn systems(
    rng: &mut Rng,
    n: usize,
    categories: &[Category],
    recipients: &[Recipient],
) -> Vec<(Id, SystemFile)> {
    // Systems run at a processor inside the EEA, or on our own premises.
    let hosts: Vec<&Recipient> = recipients
        .iter()
        .filter(|r| {
            r.role == RecipientRole::Processor && r.countries.iter().all(|c| in_eea(c.as_str()))
        })
        .collect();
    (0..n)
        .map(|i| {
            let number = i + 1;
            let (slug, name, kind) = SYSTEM_KINDS[i % SYSTEM_KINDS.len()];
            let system_id = id(format!("{slug}-{number:03}"));
            let hosted_by = (kind == SystemKind::Saas && !hosts.is_empty())
                .then(|| rng.pick(&hosts).id.clone());
            let scan = match kind {
                SystemKind::Database => Some(Scan {
                    plugin: "sql".to_owned(),
                    grants: Grants {
                        sql: Some(if rng.chance(50) {
                            SqlGrant {
                                engine: SqlEngine::Sqlite,
                                path: Some(format!("data/{slug}-{number}.sqlite")),
                                url_env: None,
                                schemas: vec![],
                            }
                        } else {
                            SqlGrant {
                                engine: SqlEngine::Postgresql,
                                path: None,
                                url_env: Some(format!("DB_{number}_URL")),
                                schemas: vec!["public".to_owned(), "shop".to_owned()],
                            }
                        }),
                        ..Grants::default()
                    },
                    config: serde_json::Map::new(),
                    limits: None,
                }),
                SystemKind::Files => Some(Scan {
                    plugin: "files".to_owned(),
                    grants: Grants {
                        files: Some(FilesGrant {
                            root: format!("shares/{number}"),
                        }),
                        ..Grants::default()
                    },
                    config: serde_json::Map::new(),
                    limits: None,
                }),
                SystemKind::HttpJson => Some(Scan {
                    plugin: "http".to_owned(),
                    grants: Grants {
                        http: Some(HttpGrant {
                            hosts: vec![format!("api{number}.synthetisch.example")],
                            token_env: Some(format!("API_{number}_TOKEN")),
                        }),
                        ..Grants::default()
                    },
                    config: serde_json::Map::new(),
                    limits: None,
                }),
                _ => None,
            };
            let mut inventory = Vec::new();
            if !categories.is_empty() {
                for e in 0..rng.range(2, 6) {
                    let category = rng.pick(categories);
                    let dpv = rng.pick(&category.dpv).clone();
                    inventory.push(InventoryEntry {
                        location: format!(
                            "table{}.{}",
                            e + 1,
                            dpv.trim_start_matches("pd:").to_lowercase()
                        ),
                        dpv,
                        category: rng.chance(85).then(|| category.id.clone()),
                        source: if scan.is_some() && rng.chance(60) {
                            format!("scan-2025-{:02}", rng.range(1, 12))
                        } else {
                            "manual".to_owned()
                        },
                        accepted: date(rng, 2024..=2025),
                    });
                }
            }
            let file = SystemFile {
                schema: link("system.schema.json", 1),
                name: format!("{name} {number}"),
                kind,
                description: Some(format!("{name} {number}, synthetic system for scale tests")),
                owner: Some((*rng.pick(OWNERS)).to_owned()),
                countries: if hosted_by.is_some() {
                    vec![loc("IE"), loc("NL")]
                } else {
                    vec![loc("NL")]
                },
                hosted_by,
                scan,
                inventory,
                known_gaps: vec![],
            };
            (system_id, file)
        })
        .collect()
}

const OWNERS: &[&str] = &[
    "Sales",
    "Marketing",
    "HR",
    "Finance",
    "IT",
    "Customer service",
    "Facilities",
];

// ---------------------------------------------------------------------------
// activities/<id>.json

struct Catalogue<'a> {
    categories: &'a [Category],
    subjects: &'a [Subject],
    recipients: &'a [Recipient],
    systems: &'a [(Id, SystemFile)],
    activities: usize,
}

#[rustfmt::skip]
const THEMES: &[(&str, &str, &str, &str)] = &[
    ("customer-admin", "Klantadministratie", "Customer administration", "Sales"),
    ("webshop", "Webwinkel", "Online shop", "Sales"),
    ("newsletter", "Nieuwsbrief", "Newsletter", "Marketing"),
    ("payroll", "Salarisadministratie", "Payroll", "HR"),
    ("recruitment", "Werving en selectie", "Recruitment", "HR"),
    ("customer-service", "Klantenservice", "Customer service", "Customer service"),
    ("cctv", "Cameratoezicht", "CCTV", "Facilities"),
    ("membership", "Ledenadministratie", "Membership administration", "Sales"),
    ("receivables", "Debiteurenbeheer", "Accounts receivable", "Finance"),
    ("web-analytics", "Website-analyse", "Website analytics", "Marketing"),
    ("events", "Evenementen", "Events", "Marketing"),
    ("satisfaction-survey", "Klanttevredenheidsonderzoek", "Customer satisfaction survey", "Marketing"),
    ("sick-leave", "Verzuimbegeleiding", "Sick-leave management", "HR"),
    ("access-control", "Toegangsbeheer", "Access control", "Facilities"),
    ("loyalty", "Klantenprogramma", "Loyalty programme", "Marketing"),
    ("training", "Opleidingen", "Training courses", "HR"),
];

/// A purpose as the statement tells it, with the basis it rests on.
struct PurposeKind {
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    dpv: &'static str,
    direct_marketing: bool,
    /// For legal obligation and public task: the law; for legitimate interests: the interest (nl, en).
    detail: (&'static str, &'static str),
}

const fn pk(
    slug: &'static str,
    nl: &'static str,
    en: &'static str,
    dpv: &'static str,
    direct_marketing: bool,
    detail: (&'static str, &'static str),
) -> PurposeKind {
    PurposeKind {
        slug,
        nl,
        en,
        dpv,
        direct_marketing,
        detail,
    }
}

#[rustfmt::skip]
const CONTRACT: &[PurposeKind] = &[
    pk("order-handling", "Uw bestelling verwerken en leveren", "Processing and delivering your order",
        "dpv:ServiceProvision", false, ("", "")),
    pk("account", "Uw account beheren", "Managing your account",
        "dpv:AccountManagement", false, ("", "")),
    pk("invoicing", "Facturen sturen en betalingen ontvangen", "Invoicing and receiving payments",
        "dpv:BillingAndPaymentManagement", false, ("", "")),
    pk("employment-contract", "De arbeidsovereenkomst uitvoeren", "Performing the employment contract",
        "dpv:HumanResourceManagement", false, ("", "")),
    pk("support", "Uw vragen en klachten behandelen", "Handling your questions and complaints",
        "dpv:CustomerCare", false, ("", "")),
];

#[rustfmt::skip]
const LEGAL_OBLIGATION: &[PurposeKind] = &[
    pk("tax-records", "De fiscale bewaarplicht nakomen", "Meeting the tax record-keeping duty",
        "dpv:LegalCompliance", false, ("art. 52 Algemene wet inzake rijksbelastingen", "")),
    pk("payroll-tax", "Loonheffingen aangeven", "Filing payroll taxes",
        "dpv:LegalCompliance", false, ("art. 28 Wet op de loonbelasting 1964", "")),
    pk("identity-check", "De identiteit vaststellen", "Verifying identity",
        "dpv:IdentityVerification", false,
        ("art. 3 Wet ter voorkoming van witwassen en financieren van terrorisme", "")),
    pk("sick-leave-duties", "Verzuim begeleiden zoals de wet eist", "Managing sick leave as the law requires",
        "dpv:LegalCompliance", false, ("art. 7:658a Burgerlijk Wetboek; Wet verbetering poortwachter", "")),
];

#[rustfmt::skip]
const LEGITIMATE_INTERESTS: &[PurposeKind] = &[
    pk("fraud-prevention", "Fraude voorkomen", "Preventing fraud",
        "dpv:FraudPreventionAndDetection", false,
        ("Ons belang om fraude en misbruik van onze diensten te voorkomen.",
         "Our interest in preventing fraud and abuse of our services.")),
    pk("service-improvement", "Onze dienstverlening verbeteren", "Improving our services",
        "dpv:ServiceOptimisation", false,
        ("Ons belang om onze diensten te verbeteren op basis van geanonimiseerde statistieken.",
         "Our interest in improving our services based on aggregated statistics.")),
    pk("security", "Onze gebouwen en systemen beveiligen", "Securing our premises and systems",
        "dpv:EnforceSecurity", false,
        ("Ons belang en dat van medewerkers en bezoekers bij een veilige omgeving.",
         "Our interest, and that of staff and visitors, in a safe environment.")),
    pk("customer-marketing", "Aanbiedingen sturen aan bestaande klanten", "Sending offers to existing customers",
        "dpv:DirectMarketing", true,
        ("Ons belang om bestaande klanten te informeren over vergelijkbare producten.",
         "Our interest in informing existing customers about similar products.")),
    pk("debt-collection", "Achterstallige betalingen innen", "Collecting overdue payments",
        "dpv:DebtCollection", false,
        ("Ons belang om betaald te krijgen voor geleverde producten.",
         "Our interest in being paid for products delivered.")),
];

#[rustfmt::skip]
const CONSENT: &[PurposeKind] = &[
    pk("newsletter", "U onze nieuwsbrief sturen", "Sending you our newsletter",
        "dpv:DirectMarketing", true, ("", "")),
    pk("personalised-offers", "U persoonlijke aanbiedingen doen", "Making you personalised offers",
        "dpv:PersonalisedAdvertising", true, ("", "")),
    pk("research-panel", "U uitnodigen voor ons onderzoekspanel", "Inviting you to our research panel",
        "dpv:ResearchAndDevelopment", false, ("", "")),
    pk("analytics-cookies", "Analytische cookies plaatsen", "Placing analytics cookies",
        "dpv:ServiceUsageAnalytics", false, ("", "")),
];

#[rustfmt::skip]
const VITAL_INTERESTS: &[PurposeKind] = &[
    pk("emergency", "Hulpdiensten informeren bij een noodgeval", "Informing emergency services in an emergency",
        "dpv:ProtectionOfVitalInterests", false, ("", "")),
];

#[rustfmt::skip]
const PUBLIC_TASK: &[PurposeKind] = &[
    pk("subsidy-scheme", "De subsidieregeling uitvoeren die aan ons is opgedragen",
        "Running the subsidy scheme entrusted to us",
        "dpv:PublicBenefit", false, ("art. 4:23 Algemene wet bestuursrecht; Subsidieregeling 2024", "")),
];

fn purpose_kinds(basis: Basis) -> &'static [PurposeKind] {
    match basis {
        Basis::Contract => CONTRACT,
        Basis::LegalObligation => LEGAL_OBLIGATION,
        Basis::LegitimateInterests => LEGITIMATE_INTERESTS,
        Basis::Consent => CONSENT,
        Basis::VitalInterests => VITAL_INTERESTS,
        Basis::PublicTask => PUBLIC_TASK,
    }
}

fn legal_basis(rng: &mut Rng, basis: Basis, kind: &PurposeKind) -> LegalBasis {
    let mut lb = LegalBasis {
        basis,
        legitimate_interest: None,
        lia_ref: None,
        legal_reference: None,
        contract: None,
    };
    match basis {
        Basis::LegitimateInterests => {
            lb.legitimate_interest = Some(t(kind.detail.0, kind.detail.1));
            lb.lia_ref = Some(format!(
                "LIA-{}-{:03}",
                rng.range(2021, 2025),
                rng.range(1, 200)
            ));
        }
        Basis::LegalObligation | Basis::PublicTask => {
            lb.legal_reference = Some(kind.detail.0.into());
        }
        _ => {}
    }
    lb
}

const START_EVENTS: &[(&str, &str)] = &[
    ("einde van de overeenkomst", "end of the contract"),
    ("laatste contact", "last contact"),
    ("einde van het boekjaar", "end of the financial year"),
    ("einde van het dienstverband", "end of employment"),
    (
        "afronding van de sollicitatieprocedure",
        "end of the application procedure",
    ),
    ("het moment van opname", "the time of recording"),
    ("intrekking van de toestemming", "withdrawal of consent"),
    ("opzegging van het lidmaatschap", "end of the membership"),
];

const CRITERIA: &[(&str, &str)] = &[
    (
        "tot twee jaar na de laatste bestelling",
        "until two years after the last order",
    ),
    (
        "tot de klacht is afgehandeld en de beroepstermijn van zes weken is verstreken",
        "until the complaint is settled and the six-week appeal period has passed",
    ),
    (
        "tot u zich afmeldt, en uiterlijk drie jaar na de laatste opening van een e-mail",
        "until you unsubscribe, and at most three years after you last opened an e-mail",
    ),
];

fn retention(rng: &mut Rng) -> Retention {
    let end_action = *rng.pick(&[
        EndAction::Erase,
        EndAction::Erase,
        EndAction::Anonymise,
        EndAction::EraseOrAnonymise,
    ]);
    if rng.chance(12) {
        let (nl, en) = *rng.pick(CRITERIA);
        return Retention {
            period: None,
            criteria: Some(t(nl, en)),
            start_event: None,
            end_action: Some(end_action),
            legal_reference: None,
            storage: Storage::Limited,
            reason: None,
        };
    }
    let (period, legal_reference) = match rng.weighted(&[20, 25, 15, 15, 10, 10, 5]) {
        0 => ("P7Y", Some("art. 52 lid 4 AWR")),
        1 => ("P2Y", None),
        2 => ("P1Y", None),
        3 => ("P6M", None),
        4 => ("P4W", None),
        5 => ("P5Y", Some("art. 7:658 BW")),
        _ => ("P1Y6M", None),
    };
    let (nl, en) = *rng.pick(START_EVENTS);
    Retention {
        period: Some(period.to_owned()),
        criteria: None,
        start_event: Some(t(nl, en)),
        end_action: Some(end_action),
        legal_reference: legal_reference.map(LawRef::from),
        storage: Storage::Limited,
        reason: None,
    }
}

const THIRD_PARTY_SOURCES: &[(&str, &str)] = &[
    ("een kredietinformatiebureau", "a credit reference agency"),
    ("onze franchisenemers", "our franchisees"),
    ("uw werkgever", "your employer"),
    ("een wervingsbureau", "a recruitment agency"),
    ("een adresvalidatiedienst", "an address validation service"),
];

fn activity(rng: &mut Rng, index: usize, catalogue: &Catalogue) -> (Id, ActivityFile) {
    let number = index + 1;
    let (slug, nl, en, owner) = THEMES[index % THEMES.len()];
    let activity_id = id(format!("{slug}-{number:04}"));
    let public = owner != "HR" || rng.chance(30);

    // Purposes: 1-4, each on its own basis.
    let bases = [
        Basis::Contract,
        Basis::LegitimateInterests,
        Basis::LegalObligation,
        Basis::Consent,
        Basis::VitalInterests,
        Basis::PublicTask,
    ];
    let weights = [30, 25, 20, 20, 3, 2];
    let wanted = rng.range(1, 4);
    let mut chosen: Vec<Basis> = Vec::new();
    while chosen.len() < wanted {
        let basis = bases[rng.weighted(&weights)];
        if !chosen.contains(&basis) {
            chosen.push(basis);
        }
    }
    let purposes: Vec<Purpose> = chosen
        .iter()
        .map(|&basis| {
            let kind = rng.pick(purpose_kinds(basis));
            let mut legal_bases = vec![legal_basis(rng, basis, kind)];
            if basis == Basis::Contract && rng.chance(15) {
                let extra = rng.pick(LEGAL_OBLIGATION);
                legal_bases.push(legal_basis(rng, Basis::LegalObligation, extra));
            }
            Purpose {
                id: id(kind.slug.to_owned()),
                label: t(kind.nl, kind.en),
                description: rng.chance(40).then(|| {
                    tf(
                        format!("{} voor {}", kind.nl, nl.to_lowercase()),
                        format!("{} for {}", kind.en, en.to_lowercase()),
                    )
                }),
                dpv: vec![DpvId::from(kind.dpv)],
                legal_bases,
                direct_marketing: kind.direct_marketing,
                minimisation: rng.chance(30).then(|| {
                    t(
                        "Wij gebruiken geanonimiseerde gegevens waar dat kan.",
                        "We use anonymised data where possible.",
                    )
                }),
            }
        })
        .collect();
    let uses_consent = chosen.contains(&Basis::Consent);
    let direct_marketing = purposes.iter().any(|p| p.direct_marketing);

    // Subjects: 1-3, plus the ones this activity must cover.
    let mut subject_idx = owned(index, catalogue.subjects.len(), catalogue.activities);
    let want = rng.range(1, 3).max(subject_idx.len());
    rng.fill(&mut subject_idx, catalogue.subjects.len(), want);
    let subjects: Vec<Id> = subject_idx
        .iter()
        .map(|&i| catalogue.subjects[i].id.clone())
        .collect();

    // Data: 3-12 categories.
    let mut category_idx = owned(index, catalogue.categories.len(), catalogue.activities);
    let want = rng.range(3, 12).max(category_idx.len());
    rng.fill(&mut category_idx, catalogue.categories.len(), want);
    let default_retention = rng.chance(70).then(|| retention(rng));
    let data: Vec<DataUse> = category_idx
        .iter()
        .map(|&i| DataUse {
            category: catalogue.categories[i].id.clone(),
            retention: if default_retention.is_some() && rng.chance(50) {
                None
            } else {
                Some(retention(rng))
            },
            item_retention: Vec::new(),
        })
        .collect();
    // A default that every entry overrides would be told nowhere (V52).
    let default_retention =
        default_retention.filter(|_| data.iter().any(|d| d.retention.is_none()));

    // Sources: every category comes from exactly one source; some from
    // third parties, usage data observed.
    let mut kinds = vec![SourceKind::DataSubject];
    if rng.chance(35) {
        kinds.push(SourceKind::ThirdParty);
    }
    if rng.chance(20) {
        kinds.push(SourceKind::Observed);
    }
    if rng.chance(8) && !subjects.is_empty() {
        kinds.push(SourceKind::OtherPerson);
    }
    if rng.chance(5) {
        kinds.push(SourceKind::Public);
    }
    kinds.truncate(data.len().max(1));
    let mut source_categories: Vec<Vec<Id>> = vec![Vec::new(); kinds.len()];
    for (k, d) in data.iter().enumerate() {
        let slot = if k < kinds.len() {
            k
        } else {
            // Most data comes from the people themselves.
            if rng.chance(65) {
                0
            } else {
                rng.below(kinds.len())
            }
        };
        source_categories[slot].push(d.category.clone());
    }
    let sources: Vec<Source> = kinds
        .iter()
        .zip(source_categories)
        .filter(|(_, categories)| !categories.is_empty())
        .map(|(&kind, categories)| {
            let description = match kind {
                SourceKind::DataSubject => t("uzelf", "you yourself"),
                SourceKind::Observed => t(
                    "uw gebruik van onze website en app",
                    "your use of our website and app",
                ),
                SourceKind::OtherPerson => t(
                    "iemand die u bij ons aanmeldt, zoals een collega of familielid",
                    "someone who signs you up, such as a colleague or relative",
                ),
                SourceKind::ThirdParty => {
                    let (nl, en) = *rng.pick(THIRD_PARTY_SOURCES);
                    t(nl, en)
                }
                SourceKind::Public => t(
                    "openbare registers zoals het Handelsregister",
                    "public registers such as the trade register",
                ),
            };
            // Whose data another person supplies is said explicitly; for
            // the other kinds the source concerns every subject.
            let subjects = if kind == SourceKind::OtherPerson {
                vec![rng.pick(&subjects).clone()]
            } else {
                vec![]
            };
            Source {
                kind,
                description,
                categories,
                subjects,
            }
        })
        .collect();
    let from_third_party = sources.iter().any(|s| s.kind == SourceKind::ThirdParty);

    // Recipients: 1-5, with a transfer for every country outside the EEA.
    let mut recipient_idx = owned(index, catalogue.recipients.len(), catalogue.activities);
    let want = rng.range(1, 5).max(recipient_idx.len());
    rng.fill(&mut recipient_idx, catalogue.recipients.len(), want);
    let recipients: Vec<Id> = recipient_idx
        .iter()
        .map(|&i| catalogue.recipients[i].id.clone())
        .collect();
    let mut transfers = Vec::new();
    for &i in &recipient_idx {
        let recipient = &catalogue.recipients[i];
        for country in recipient.countries.iter().filter(|c| !in_eea(c.as_str())) {
            transfers.push(transfer(rng, recipient, country));
        }
    }

    // Special categories: an Art. 9(2) condition for each.
    let mut special_category_conditions = Vec::new();
    let mut explicit_consent = false;
    for &i in &category_idx {
        let category = &catalogue.categories[i];
        if category.special == SpecialCategory::None {
            continue;
        }
        let condition = if category.special == SpecialCategory::Health && rng.chance(60) {
            SpecialCondition {
                category: category.id.clone(),
                condition: "h".to_owned(),
                legal_reference: Some("art. 30 lid 3 UAVG".into()),
                professional_secrecy: Some(
                    "de bedrijfsarts, gebonden aan het medisch beroepsgeheim".to_owned(),
                ),
            }
        } else {
            explicit_consent = true;
            SpecialCondition {
                category: category.id.clone(),
                condition: "a".to_owned(),
                legal_reference: None,
                professional_secrecy: None,
            }
        };
        special_category_conditions.push(condition);
    }
    // Criminal-offence data: authorised by the law that allows screening.
    let criminal_data = category_idx
        .iter()
        .any(|&i| catalogue.categories[i].criminal)
        .then(|| CriminalData {
            ground: CriminalDataGround::AuthorisedByLaw,
            legal_reference: Some("art. 33 UAVG".into()),
        });
    let consent = (uses_consent || explicit_consent).then(|| Consent {
        mechanism: Some(t(
            "een niet vooraf aangevinkt vakje in het formulier",
            "an unticked checkbox in the form",
        )),
        withdrawal_channels: vec![
            web(
                "https://synthetisch.example/account/toestemmingen",
                "de pagina toestemmingen in uw account",
                "the consent page in your account",
            ),
            email("privacy@synthetisch.example"),
        ],
        proof_location: Some(format!("consent-log in crm, activity {activity_id}")),
    });

    // Profiling on some, with what follows from it recorded.
    let profiles = rng.chance(20);
    let profiling_for_marketing = profiles && rng.chance(40);
    let profiling = if profiles {
        Profiling {
            exists: true,
            description: Some(t(
                "Wij combineren uw aankopen en klikgedrag tot een profiel van uw interesses.",
                "We combine your purchases and clicks into a profile of your interests.",
            )),
            data_types: (0..rng.range(1, 3))
                .map(|k| ProfilingData {
                    label: tf(
                        format!("gegevenssoort {}", k + 1),
                        format!("data type {}", k + 1),
                    ),
                    description: rng.chance(50).then(|| {
                        t(
                            "afgeleid uit uw bestelgeschiedenis",
                            "derived from your order history",
                        )
                    }),
                })
                .collect(),
            special_categories: Some(false),
            external_sources: Some(from_third_party),
            for_direct_marketing: profiling_for_marketing,
            opt_out: profiling_for_marketing.then(|| {
                t(
                    "Zet personalisatie uit in uw account of via de link in elke e-mail.",
                    "Turn personalisation off in your account or via the link in every e-mail.",
                )
            }),
            by_others: vec![],
        }
    } else {
        Profiling {
            exists: false,
            description: None,
            data_types: vec![],
            special_categories: None,
            external_sources: None,
            for_direct_marketing: false,
            opt_out: None,
            by_others: vec![],
        }
    };
    let significant = profiles && rng.chance(15);
    let automated_decisions = if significant {
        Some(AutomatedDecisions {
            solely_automated_significant: true,
            exception: Some("a".to_owned()),
            safeguards: vec![
                AdmSafeguard::HumanIntervention,
                AdmSafeguard::ExpressPointOfView,
                AdmSafeguard::ContestDecision,
            ],
            legal_reference: None,
            logic: Some(t(
                "Een model weegt uw betaalgeschiedenis en het orderbedrag om te bepalen of u achteraf kunt betalen.",
                "A model weighs your payment history and the order amount to decide whether you can pay afterwards.",
            )),
            consequences: Some(t(
                "Zonder goedkeuring kunt u alleen vooraf betalen.",
                "Without approval you can only pay in advance.",
            )),
        })
    } else if profiles || rng.chance(50) {
        Some(AutomatedDecisions {
            solely_automated_significant: false,
            exception: None,
            safeguards: vec![],
            legal_reference: None,
            logic: None,
            consequences: None,
        })
    } else {
        None
    };
    let dpia = if significant || (profiles && rng.chance(50)) || rng.chance(15) {
        Some(Dpia {
            required: true,
            reference: Some(format!(
                "DPIA-{}-{:03}",
                rng.range(2020, 2025),
                rng.range(1, 99)
            )),
            reason: Some("large-scale profiling or special-category data".to_owned()),
        })
    } else if rng.chance(40) {
        Some(Dpia {
            required: false,
            reference: None,
            reason: Some("no criterion of the AP list applies".to_owned()),
        })
    } else {
        None
    };
    let objection = (direct_marketing || profiling_for_marketing).then(|| Objection {
        description: t(
            "U kunt altijd bezwaar maken tegen direct marketing, via de afmeldlink in elk bericht of in uw account.",
            "You can object to direct marketing at any time, via the unsubscribe link in every message or in your account.",
        ),
        channels: vec![
            web(
                "https://synthetisch.example/afmelden",
                "de afmeldlink",
                "the unsubscribe link",
            ),
            Channel {
                kind: ChannelKind::Account,
                value: "https://synthetisch.example/account".to_owned(),
                label: None,
            },
        ],
    });

    // Systems: 1-3, plus the ones this activity must cover.
    let mut system_idx = owned(index, catalogue.systems.len(), catalogue.activities);
    let want = rng.range(1, 3).max(system_idx.len());
    rng.fill(&mut system_idx, catalogue.systems.len(), want);
    let systems = system_idx
        .iter()
        .map(|&i| catalogue.systems[i].0.clone())
        .collect();

    let status = match rng.weighted(&[85, 10, 5]) {
        0 => Status::Active,
        1 => Status::Planned,
        _ => Status::Retired,
    };
    let security_measures = if rng.chance(30) {
        vec![SecurityMeasure {
            dpv: Some(DpvId::from("dpv:Pseudonymisation")),
            description: format!("Pseudonymised exports for {en} reports"),
        }]
    } else {
        vec![]
    };
    let review = rng.chance(70).then(|| Review {
        last: Some(date(rng, 2024..=2024)),
        next: Some(date(rng, 2025..=2026)),
    });

    let file = ActivityFile {
        schema: link("activity.schema.json", 1),
        name: tf(format!("{nl} {number}"), format!("{en} {number}")),
        description: Some(tf(
            format!("{nl}: verwerking nummer {number} in het register."),
            format!("{en}: processing number {number} in the register."),
        )),
        controller: None,
        owner: Some(owner.to_owned()),
        public,
        role: ActivityRole::Controller,
        processing_for: None,
        status,
        subjects,
        purposes,
        data,
        retention: default_retention,
        sources,
        information_exemption: None,
        consent,
        objection,
        recipients,
        transfers,
        special_category_conditions,
        criminal_data,
        profiling,
        automated_decisions,
        systems,
        security_measures,
        dpia,
        review,
        known_gaps: vec![],
    };
    (activity_id, file)
}

/// The transfer to `recipient` in `country`: adequacy where a decision
/// covers it (for the US only with DPF certification), otherwise SCCs.
fn transfer(rng: &mut Rng, recipient: &Recipient, country: &Location) -> Transfer {
    let adequacy = match country.as_str() {
        "US" if recipient.dpf_certified == Some(true) => Some("(EU) 2023/1795"),
        "GB" => Some("(EU) 2021/1772"),
        "JP" => Some("(EU) 2019/419"),
        _ => None,
    };
    match adequacy {
        Some(decision) => Transfer {
            recipient: recipient.id.clone(),
            country: Destination::Country(country.clone()),
            under: None,
            mechanisms: vec![TransferMechanism {
                kind: MechanismKind::Adequacy,
                decision: Some(decision.to_owned()),
                module: None,
                derogation: None,
                copy_via: None,
                recourse: None,
            }],
            copy_via: None,
            tia_ref: None,
        },
        None => Transfer {
            recipient: recipient.id.clone(),
            country: Destination::Country(country.clone()),
            under: None,
            mechanisms: vec![TransferMechanism {
                kind: MechanismKind::Scc,
                decision: Some("(EU) 2021/914".to_owned()),
                module: Some(match recipient.role {
                    RecipientRole::Processor => 2,
                    RecipientRole::SubProcessor => 3,
                    _ => 1,
                }),
                derogation: None,
                copy_via: None,
                recourse: None,
            }],
            copy_via: Some(t(
                "Vraag een kopie van de modelcontractbepalingen aan via privacy@synthetisch.example.",
                "Ask for a copy of the standard contractual clauses at privacy@synthetisch.example.",
            )),
            tia_ref: Some(format!("TIA-{}-{:03}", country, rng.range(1, 999))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ropa_register::diagnostic::render_text;
    use ropa_register::validate::validate_dir;

    fn assert_clean(size: &Size) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), size).unwrap();
        let report = validate_dir(dir.path()).unwrap();
        assert!(
            report.register.is_some(),
            "the register did not load:\n{}",
            render_text(&report.diagnostics)
        );
        let summary = report.summary();
        assert!(
            summary.errors == 0 && summary.warnings == 0,
            "{} errors, {} warnings:\n{}",
            summary.errors,
            summary.warnings,
            render_text(&report.diagnostics)
        );
        let register = report.register.unwrap();
        assert_eq!(register.activities.len(), size.activities);
        assert_eq!(register.systems.len(), size.systems);
        assert_eq!(register.categories.categories.len(), size.categories);
        assert_eq!(register.subjects.subjects.len(), size.subjects);
        assert_eq!(register.recipients.recipients.len(), size.recipients);
    }

    #[test]
    fn small_register_validates_cleanly() {
        assert_clean(&Size::SMALL);
    }

    #[test]
    fn bench_register_validates_cleanly() {
        assert_clean(&Size::BENCH);
    }

    #[test]
    fn tiny_catalogues_still_validate() {
        assert_clean(&Size {
            activities: 3,
            categories: 1,
            subjects: 1,
            recipients: 1,
            systems: 1,
        });
    }

    /// Every file under `dir`, by relative path, with its bytes.
    fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(dir).unwrap().display().to_string();
                    out.push((rel, std::fs::read(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn writing_is_deterministic() {
        for size in [Size::SMALL, Size::BENCH] {
            let a = tempfile::tempdir().unwrap();
            let b = tempfile::tempdir().unwrap();
            write(a.path(), &size).unwrap();
            write(b.path(), &size).unwrap();
            let (a, b) = (files(a.path()), files(b.path()));
            assert_eq!(
                a.iter()
                    .filter(|(rel, _)| rel.starts_with("activities"))
                    .count(),
                size.activities
            );
            assert_eq!(a.len(), b.len());
            for ((rel_a, bytes_a), (rel_b, bytes_b)) in a.iter().zip(&b) {
                assert_eq!(rel_a, rel_b);
                assert!(bytes_a == bytes_b, "{rel_a} differs between two writes");
            }
        }
    }

    #[test]
    fn the_bench_register_is_varied() {
        let register = generate(&Size::BENCH);
        let activities: Vec<&ActivityFile> = register.activities.iter().map(|(_, a)| a).collect();
        let bases: std::collections::BTreeSet<Basis> = activities
            .iter()
            .flat_map(|a| {
                a.purposes
                    .iter()
                    .flat_map(|p| p.legal_bases.iter().map(|b| b.basis))
            })
            .collect();
        assert_eq!(bases.len(), Basis::ALL.len(), "every legal basis occurs");
        assert!(
            activities
                .iter()
                .any(|a| !a.special_category_conditions.is_empty())
        );
        assert!(activities.iter().any(|a| {
            a.special_category_conditions
                .iter()
                .any(|c| c.condition == "h")
        }));
        assert!(activities.iter().any(|a| a.profiling.exists));
        assert!(activities.iter().any(|a| {
            a.automated_decisions
                .as_ref()
                .is_some_and(|d| d.solely_automated_significant)
        }));
        assert!(activities.iter().any(|a| a.objection.is_some()));
        let kinds = |k: MechanismKind| {
            activities
                .iter()
                .flat_map(|a| &a.transfers)
                .filter(|t| t.mechanisms[0].kind == k)
                .count()
        };
        assert!(kinds(MechanismKind::Adequacy) > 10);
        assert!(kinds(MechanismKind::Scc) > 10);
        assert!(
            activities
                .iter()
                .any(|a| a.sources.iter().any(|s| s.kind == SourceKind::ThirdParty))
        );
        assert!(
            activities
                .iter()
                .all(|a| (1..=4).contains(&a.purposes.len())
                    && (3..=12).contains(&a.data.len())
                    && (1..=5).contains(&a.recipients.len()))
        );
    }
}
