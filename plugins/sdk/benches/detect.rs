//! Throughput and per-detector precision/recall of the free-text detectors.
//!
//! Generates ~100 MiB of mixed Dutch/English text deterministically (a
//! SplitMix64 PRNG, fixed seed): filler sentences, sentences with numbers
//! that are *not* personal data (order numbers, amounts, times, versions,
//! section numbers, KvK numbers, service numbers, mistyped IBANs, BSNs and
//! card numbers, order dates), and sentences with planted personal data in
//! the formats the detectors promise. Then scans it with the full detector
//! set (`scan_bytes`), prints MB/s, and scores every match against the
//! planted values.
//!
//! Run: `cargo bench -p ropa-plugin-sdk --bench detect` (set `DETECT_MB` to
//! change the size, e.g. `DETECT_MB=10` for a quick look; set `DETECT_DUMP`
//! to a file path to also write the generated text there, e.g. to measure
//! the file scanner on the same text inside the sandbox).

use std::time::Instant;

use ropa_plugin_sdk::{Kind, Match, scan_bytes};

/// SplitMix64: small, fast, good enough for test data, and the same on
/// every machine.
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
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn digits(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.below(10) as u8).collect()
    }
}

/// What was planted where; `BirthDate` and `OtherDate` are both dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Truth {
    Email,
    Phone,
    Iban,
    Bsn,
    Card,
    Postcode,
    Ipv4,
    Ipv6,
    BirthDate,
    OtherDate,
}

struct Gen {
    rng: Rng,
    text: Vec<u8>,
    truth: Vec<(usize, usize, Truth)>,
}

const WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "niet",
    "is",
    "dat",
    "wij",
    "u",
    "uw",
    "bestelling",
    "levering",
    "klant",
    "product",
    "vraag",
    "antwoord",
    "graag",
    "bedankt",
    "helaas",
    "morgen",
    "vandaag",
    "pakket",
    "retour",
    "factuur",
    "betaling",
    "winkel",
    "medewerker",
    "contact",
    "opnemen",
    "verzonden",
    "ontvangen",
    "beschadigd",
    "snel",
    "goed",
    "slecht",
    "service",
    "afspraak",
    "gesprek",
    "nieuwsbrief",
    "account",
    "wachtwoord",
    "the",
    "a",
    "and",
    "of",
    "to",
    "your",
    "our",
    "order",
    "delivery",
    "customer",
    "question",
    "please",
    "thanks",
    "unfortunately",
    "tomorrow",
    "today",
    "package",
    "return",
    "invoice",
    "payment",
    "store",
    "support",
    "team",
    "received",
    "shipped",
    "damaged",
    "quickly",
    "appointment",
    "newsletter",
    "privacy",
    "data",
    "processing",
    "verwerking",
    "persoonsgegevens",
    "bewaartermijn",
    "grondslag",
    "toestemming",
    "rechten",
    "inzage",
    "correctie",
    "verwijdering",
    "bezwaar",
    "klacht",
    "autoriteit",
    "beveiliging",
    "maatregelen",
    "ontvangers",
    "doorgifte",
    "Utrecht",
    "Amsterdam",
    "Rotterdam",
    "Den",
    "Haag",
    "Eindhoven",
    "Groningen",
    "Zwolle",
    "London",
    "Berlin",
    "kabel",
    "connector",
    "server",
    "switch",
    "netwerk",
    "installatie",
    "monteur",
    "storing",
    "oplossing",
    "garantie",
    "prijs",
    "korting",
    "actie",
    "beurs",
    "stand",
    "bezoek",
    "demonstratie",
    "offerte",
    "contract",
];

const FIRST: &[&str] = &[
    "jan", "piet", "anna", "sanne", "daan", "lotte", "emma", "noah", "sophie", "lucas", "john",
    "mary", "pieter", "kees", "fatima", "mohammed",
];
const LAST: &[&str] = &[
    "jansen",
    "de.vries",
    "bakker",
    "visser",
    "smit",
    "meijer",
    "mulder",
    "bos",
    "vos",
    "peters",
    "dekker",
    "smith",
    "brown",
    "el.amrani",
    "yilmaz",
];
const DOMAINS: &[&str] = &[
    "gmail.com",
    "hotmail.com",
    "ziggo.nl",
    "kpnmail.nl",
    "example.nl",
    "outlook.com",
    "ismt.nl",
    "xs4all.nl",
    "planet.nl",
    "live.nl",
    "example.co.uk",
];
const NL_BANKS: &[&str] = &[
    "ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ",
];
const MONTHS_NL: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn d2s(d: &[u8]) -> String {
    d.iter().map(|v| (b'0' + v) as char).collect()
}

fn mod97(s: &str) -> u32 {
    s.bytes().fold(0u32, |r, b| {
        if b.is_ascii_digit() {
            (r * 10 + u32::from(b - b'0')) % 97
        } else {
            (r * 100 + u32::from(b - b'A' + 10)) % 97
        }
    })
}

fn luhn_digit(body: &[u8]) -> u8 {
    // Check digit for `body` (without it).
    let mut sum = 0u32;
    for (k, &v) in body.iter().rev().enumerate() {
        let v = u32::from(v);
        sum += if k % 2 == 0 {
            let x = v * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            v
        };
    }
    ((10 - sum % 10) % 10) as u8
}

fn group4(s: &str, sep: char) -> String {
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && k % 4 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

impl Gen {
    fn push(&mut self, s: &str) {
        self.text.extend_from_slice(s.as_bytes());
    }
    /// Appends a planted value, sometimes wrapped in punctuation as people
    /// write it (`(06-12345678)`, `<jan@example.nl>`, `"…"`, `tel:`).
    fn plant(&mut self, s: &str, t: Truth) {
        let (open, close) = *self.rng.pick(if t == Truth::Ipv6 {
            &[("", ""), ("(", ")"), ("<", ">"), ("\"", "\""), ("", ",")][..]
        } else {
            &[
                ("", ""),
                ("", ""),
                ("", ""),
                ("(", ")"),
                ("<", ">"),
                ("\"", "\""),
                ("", ","),
                ("", ";"),
                (":", ""),
            ][..]
        });
        self.push(open);
        let start = self.text.len();
        self.push(s);
        self.truth.push((start, self.text.len(), t));
        self.push(close);
    }
    fn words(&mut self, n: u64) {
        for k in 0..n {
            if k > 0 {
                self.push(" ");
            }
            let w = *self.rng.pick(WORDS);
            self.push(w);
        }
    }

    fn email(&mut self) -> String {
        let f = *self.rng.pick(FIRST);
        let l = *self.rng.pick(LAST);
        let d = *self.rng.pick(DOMAINS);
        match self.rng.below(5) {
            4 => format!(
                "{}.{}@{}",
                f.to_uppercase(),
                l.to_uppercase(),
                d.to_uppercase()
            ),
            0 => format!("{f}.{l}@{d}"),
            1 => format!("{f}{}@{d}", self.rng.range(1, 99)),
            2 => format!("{}{l}@{d}", &f[..1]),
            _ => format!("{f}+shop@{d}"),
        }
    }

    fn phone(&mut self) -> String {
        let m = d2s(&self.rng.digits(8));
        let area = *self.rng.pick(&["20", "10", "30", "70", "40", "50", "85"]);
        let sub = d2s(&self.rng.digits(7));
        match self.rng.below(13) {
            12 => format!("06.{}.{}.{}.{}", &m[..2], &m[2..4], &m[4..6], &m[6..]),
            0 => format!("06{m}"),
            1 => format!("06-{m}"),
            2 => format!("06 {m}"),
            3 => format!("06 {} {}", &m[..4], &m[4..]),
            4 => format!("+31 6 {m}"),
            5 => format!("+31 (0)6 {m}"),
            6 => format!("0031 6 {m}"),
            7 => format!("0{area}-{sub}"),
            8 => format!("0{area} {} {}", &sub[..3], &sub[3..]),
            9 => format!("(0{area}) {sub}"),
            10 => format!("+44 20 {} {}", &sub[..4], d2s(&self.rng.digits(4))),
            _ => format!("+49 30 {m}"),
        }
    }

    fn iban(&mut self, valid: bool) -> String {
        let (cc, bban) = match self.rng.below(10) {
            0 => ("BE", d2s(&self.rng.digits(12))),
            1 => ("DE", d2s(&self.rng.digits(18))),
            2 => ("FR", d2s(&self.rng.digits(23))),
            3 => ("GB", format!("WEST{}", d2s(&self.rng.digits(14)))),
            _ => (
                "NL",
                format!("{}{}", self.rng.pick(NL_BANKS), d2s(&self.rng.digits(10))),
            ),
        };
        let mut check = 98 - mod97(&format!("{bban}{cc}00"));
        if !valid {
            check = if check == 98 { 97 } else { check + 1 };
        }
        let iban = format!("{cc}{check:02}{bban}");
        if self.rng.chance(50) {
            group4(&iban, ' ')
        } else {
            iban
        }
    }

    fn bsn(&mut self, valid: bool) -> String {
        loop {
            let d = self.rng.digits(8);
            let sum: u32 = d
                .iter()
                .enumerate()
                .map(|(k, &v)| (9 - k as u32) * u32::from(v))
                .sum();
            let c = sum % 11;
            if c == 10 || d.iter().all(|&v| v == 0) {
                continue;
            }
            let last = if valid { c as u8 } else { ((c + 1) % 10) as u8 };
            let mut s = d2s(&d);
            s.push((b'0' + last) as char);
            return s;
        }
    }

    fn card(&mut self, valid: bool) -> String {
        let (mut body, len): (Vec<u8>, usize) = match self.rng.below(3) {
            0 => (vec![4], 16),
            1 => (vec![5, self.rng.range(1, 5) as u8], 16),
            _ => (vec![3, if self.rng.chance(50) { 4 } else { 7 }], 15),
        };
        while body.len() < len - 1 {
            body.push(self.rng.below(10) as u8);
        }
        let mut c = luhn_digit(&body);
        if !valid {
            c = (c + 1) % 10;
        }
        body.push(c);
        let s = d2s(&body);
        match (len, self.rng.below(3)) {
            (_, 0) => s,
            (15, _) => format!("{} {} {}", &s[..4], &s[4..10], &s[10..]),
            (_, 1) => group4(&s, ' '),
            _ => group4(&s, '-'),
        }
    }

    fn postcode(&mut self) -> String {
        let n = self.rng.range(1000, 9999);
        let (a, b) = loop {
            let a = b'A' + self.rng.below(26) as u8;
            let b = b'A' + self.rng.below(26) as u8;
            if !(a == b'S' && matches!(b, b'A' | b'D' | b'S')) {
                break (a as char, b as char);
            }
        };
        if self.rng.chance(70) {
            format!("{n} {a}{b}")
        } else {
            format!("{n}{a}{b}")
        }
    }

    fn ipv4(&mut self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.rng.range(1, 223),
            self.rng.below(256),
            self.rng.below(256),
            self.rng.range(1, 254)
        )
    }

    fn ipv6(&mut self) -> String {
        let g: Vec<String> = (0..8)
            .map(|_| format!("{:x}", self.rng.below(0x10000)))
            .collect();
        if self.rng.chance(50) {
            format!("{}:{}:{}::{}:{}", g[0], g[1], g[2], g[6], g[7])
        } else {
            g.join(":")
        }
    }

    fn date(&mut self, y0: u64, y1: u64) -> String {
        let y = self.rng.range(y0, y1);
        let m = self.rng.range(1, 12);
        let d = self.rng.range(1, 28);
        match self.rng.below(6) {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{d:02}-{m:02}-{y}"),
            2 => format!("{d}-{m}-{y}"),
            3 => format!("{d:02}/{m:02}/{y}"),
            4 => format!("{d} {} {y}", MONTHS_NL[m as usize - 1]),
            _ => format!("{d} {} {y}", MONTHS_EN[m as usize - 1]),
        }
    }

    /// A sentence with personal data.
    fn pd_sentence(&mut self) {
        let n = self.rng.range(2, 6);
        self.words(n);
        match self.rng.below(11) {
            0 => {
                let s = if self.rng.chance(50) {
                    " mijn e-mailadres is "
                } else {
                    " contact me at "
                };
                self.push(s);
                let v = self.email();
                self.plant(&v, Truth::Email);
            }
            1 => {
                let s = if self.rng.chance(50) {
                    " bel mij op "
                } else {
                    " call "
                };
                self.push(s);
                let v = self.phone();
                self.plant(&v, Truth::Phone);
            }
            2 => {
                self.push(" terugbetalen op rekening ");
                let v = self.iban(true);
                self.plant(&v, Truth::Iban);
            }
            3 => {
                self.push(" BSN ");
                let v = self.bsn(true);
                self.plant(&v, Truth::Bsn);
            }
            4 => {
                self.push(" betaald met kaart ");
                let v = self.card(true);
                self.plant(&v, Truth::Card);
            }
            5 => {
                self.push(" adres Dorpsstraat ");
                let n = self.rng.range(1, 200).to_string();
                self.push(&n);
                self.push(", ");
                let v = self.postcode();
                self.plant(&v, Truth::Postcode);
                self.push(" Utrecht");
            }
            6 => {
                self.push(" ingelogd vanaf ");
                let v = self.ipv4();
                self.plant(&v, Truth::Ipv4);
            }
            7 => {
                self.push(" request from ");
                let v = self.ipv6();
                self.plant(&v, Truth::Ipv6);
            }
            8 | 9 => {
                let ctx = *self.rng.pick(&[
                    " geboren op ",
                    " geboortedatum: ",
                    " geb. ",
                    " date of birth: ",
                    " born on ",
                    " DOB ",
                ]);
                self.push(ctx);
                let v = self.date(1930, 2008);
                self.plant(&v, Truth::BirthDate);
            }
            _ => {
                // Two at once, as in a signature.
                self.push(" groet, ");
                let e = self.email();
                self.plant(&e, Truth::Email);
                self.push(" / ");
                let p = self.phone();
                self.plant(&p, Truth::Phone);
            }
        }
        self.push(". ");
    }

    /// A sentence with numbers that are not personal data (or are planted as
    /// non-birth dates).
    fn distractor_sentence(&mut self) {
        let n = self.rng.range(2, 6);
        self.words(n);
        match self.rng.below(22) {
            16 => {
                // Four-level section numbers look like IPv4 addresses.
                let v = format!(
                    " zie paragraaf {}.{}.{}.{} ",
                    self.rng.range(1, 9),
                    self.rng.range(1, 9),
                    self.rng.range(1, 9),
                    self.rng.range(1, 9)
                );
                self.push(&v);
            }
            17 => {
                // Nine-digit references: one in eleven passes the 11-test.
                let v = format!(" referentie {} ", self.rng.range(100_000_000, 999_999_999));
                self.push(&v);
            }
            18 => {
                // Ten-digit dossier numbers with a leading zero look like phone numbers.
                let v = format!(" dossier 0{} ", d2s(&self.rng.digits(9)));
                self.push(&v);
            }
            19 => {
                // Sixteen-digit transaction ids: some pass Luhn with a card prefix.
                let v = format!(" transactie {} ", d2s(&self.rng.digits(16)));
                self.push(&v);
            }
            20 => {
                // Product types with capitals after four digits look like postcodes.
                let v = format!(
                    " type {} {} ",
                    self.rng.range(1000, 9999),
                    self.rng.pick(&["XL", "GT", "PRO", "HD", "MK"])
                );
                self.push(&v);
            }
            21 => {
                // A git remote looks like an e-mail address.
                self.push(" git@github.com:ismt/webshop.git ");
            }
            0 => {
                let v = format!(" order {} ", self.rng.range(100_000, 99_999_999));
                self.push(&v);
            }
            1 => {
                let v = format!(
                    " totaal € {},{:02} ",
                    self.rng.range(1, 9999),
                    self.rng.below(100)
                );
                self.push(&v);
            }
            2 => {
                let v = format!(
                    " om {:02}:{:02} uur ",
                    self.rng.below(24),
                    self.rng.below(60)
                );
                self.push(&v);
            }
            3 => {
                let v = format!(
                    " versie {}.{}.{} ",
                    self.rng.below(10),
                    self.rng.below(20),
                    self.rng.below(50)
                );
                self.push(&v);
            }
            4 => {
                let v = format!(
                    " zie artikel {}.{} lid {} ",
                    self.rng.range(1, 30),
                    self.rng.range(1, 9),
                    self.rng.range(1, 5)
                );
                self.push(&v);
            }
            5 => {
                let v = format!(" KvK {} ", self.rng.range(10_000_000, 99_999_999));
                self.push(&v);
            }
            6 => {
                let v = format!(" bel gratis 0800-{} ", self.rng.range(1000, 9999));
                self.push(&v);
            }
            7 => {
                self.push(" rekening ");
                let v = self.iban(false);
                self.push(&v);
                self.push(" klopt niet ");
            }
            8 => {
                self.push(" nummer ");
                let v = self.bsn(false);
                self.push(&v);
            }
            9 => {
                self.push(" kaart ");
                let v = self.card(false);
                self.push(&v);
                self.push(" geweigerd ");
            }
            10 | 11 => {
                let ctx = *self.rng.pick(&[
                    " besteld op ",
                    " factuurdatum ",
                    " shipped on ",
                    " verzonden ",
                ]);
                self.push(ctx);
                let v = self.date(2015, 2025);
                self.plant(&v, Truth::OtherDate);
            }
            12 => {
                let v = format!(
                    " SKU-{} en art.nr. {}/{} ",
                    self.rng.range(10000, 99999),
                    self.rng.range(100, 999),
                    self.rng.range(10, 99)
                );
                self.push(&v);
            }
            13 => {
                let v = format!(
                    " https://www.example.nl/p/{}?ref={} ",
                    self.rng.range(1, 99999),
                    self.rng.range(1, 999)
                );
                self.push(&v);
            }
            14 => {
                let v = format!(" @{}{} ", self.rng.pick(FIRST), self.rng.range(1, 99));
                self.push(&v);
            }
            _ => {
                let v = format!(
                    " {} stuks, {} kg, {}% ",
                    self.rng.range(1, 500),
                    self.rng.range(1, 80),
                    self.rng.range(1, 100)
                );
                self.push(&v);
            }
        }
        self.push(". ");
    }

    fn generate(size: usize, seed: u64) -> Gen {
        let mut g = Gen {
            rng: Rng(seed),
            text: Vec::with_capacity(size + 1024),
            truth: Vec::new(),
        };
        while g.text.len() < size {
            match g.rng.below(100) {
                0..=59 => {
                    let n = g.rng.range(6, 20);
                    g.words(n);
                    g.push(". ");
                }
                60..=84 => g.distractor_sentence(),
                _ => g.pd_sentence(),
            }
            if g.rng.chance(10) {
                g.push("\n");
            }
        }
        g
    }
}

fn truth_matches(kind: Kind, t: Truth) -> bool {
    matches!(
        (kind, t),
        (Kind::Email, Truth::Email)
            | (Kind::Phone, Truth::Phone)
            | (Kind::Iban, Truth::Iban)
            | (Kind::Bsn, Truth::Bsn)
            | (Kind::PaymentCard, Truth::Card)
            | (Kind::Postcode, Truth::Postcode)
            | (Kind::Ipv4, Truth::Ipv4)
            | (Kind::Ipv6, Truth::Ipv6)
            | (Kind::Date, Truth::BirthDate | Truth::OtherDate)
    )
}

/// The planted value overlapping `m`, if any.
fn planted<'a>(truth: &'a [(usize, usize, Truth)], m: &Match) -> Option<&'a (usize, usize, Truth)> {
    let i = truth.partition_point(|t| t.1 <= m.start);
    truth.get(i).filter(|t| t.0 < m.end)
}

struct Score {
    tp: u64,
    fp: u64,
    planted: u64,
    exact: u64,
}

fn main() {
    let mb: usize = std::env::var("DETECT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let size = mb * 1024 * 1024;
    let t0 = Instant::now();
    let g = Gen::generate(size, 0x5eed_0fa1_1da7_a000);
    let text = g.text;
    let truth = g.truth;
    println!(
        "generated {:.1} MiB of text with {} planted values in {:.2?}",
        text.len() as f64 / (1024.0 * 1024.0),
        truth.len(),
        t0.elapsed()
    );
    if let Ok(path) = std::env::var("DETECT_DUMP") {
        std::fs::write(&path, &text).expect("DETECT_DUMP is writable");
        println!("wrote the text to {path}");
    }

    // Throughput: the full detector set, counting matches per kind (what a
    // plugin does with free text). Best and median of five runs.
    let mut times = Vec::new();
    let mut total = 0u64;
    for _ in 0..5 {
        let mut counts = [0u64; Kind::COUNT];
        let t = Instant::now();
        scan_bytes(std::hint::black_box(&text), |m| counts[m.kind.index()] += 1);
        times.push(t.elapsed().as_secs_f64());
        total = counts.iter().sum();
    }
    times.sort_by(f64::total_cmp);
    let mbs = |s: f64| text.len() as f64 / 1e6 / s;
    println!(
        "full detector set, native, one core: {:.0} MB/s best, {:.0} MB/s median ({} matches per pass)",
        mbs(times[0]),
        mbs(times[2]),
        total
    );

    // The same in 1 MiB chunks, as a plugin reading a file would.
    let t = Instant::now();
    let mut n = 0u64;
    for chunk in text.chunks(1024 * 1024) {
        scan_bytes(std::hint::black_box(chunk), |_| n += 1);
    }
    println!(
        "in 1 MiB chunks: {:.0} MB/s ({n} matches)",
        mbs(t.elapsed().as_secs_f64())
    );

    // Precision and recall per detector.
    let mut matches = Vec::new();
    scan_bytes(&text, |m| matches.push(m));
    let kinds = [
        ("email", Kind::Email),
        ("phone", Kind::Phone),
        ("iban-mod97", Kind::Iban),
        ("bsn-11-test", Kind::Bsn),
        ("card-luhn", Kind::PaymentCard),
        ("postcode-nl", Kind::Postcode),
        ("ipv4", Kind::Ipv4),
        ("ipv6", Kind::Ipv6),
        ("date (any date)", Kind::Date),
    ];
    println!(
        "\n{:<28} {:>9} {:>9} {:>7} {:>9} {:>9} {:>7}",
        "detector", "planted", "found", "FP", "precision", "recall", "exact"
    );
    let mut found_planted = vec![false; truth.len()];
    let report = |label: &str, score: &Score| {
        let p = if score.tp + score.fp == 0 {
            1.0
        } else {
            score.tp as f64 / (score.tp + score.fp) as f64
        };
        let r = if score.planted == 0 {
            1.0
        } else {
            score.tp as f64 / score.planted as f64
        };
        let ex = if score.tp == 0 {
            1.0
        } else {
            score.exact as f64 / score.tp as f64
        };
        println!(
            "{label:<28} {:>9} {:>9} {:>7} {:>9.4} {:>9.4} {:>7.4}",
            score.planted, score.tp, score.fp, p, r, ex
        );
    };
    for (label, kind) in kinds {
        let mut s = Score {
            tp: 0,
            fp: 0,
            planted: 0,
            exact: 0,
        };
        s.planted = truth.iter().filter(|t| truth_matches(kind, t.2)).count() as u64;
        for m in matches.iter().filter(|m| m.kind == kind) {
            match planted(&truth, m) {
                Some(t) if truth_matches(kind, t.2) => {
                    s.tp += 1;
                    if (t.0, t.1) == (m.start, m.end) {
                        s.exact += 1;
                    }
                    let idx = truth.partition_point(|x| x.0 < t.0);
                    found_planted[idx] = true;
                }
                _ => s.fp += 1,
            }
        }
        report(label, &s);
    }
    // Dates of birth: a date with a birth word before it (confidence 0.8).
    let mut s = Score {
        tp: 0,
        fp: 0,
        planted: 0,
        exact: 0,
    };
    s.planted = truth.iter().filter(|t| t.2 == Truth::BirthDate).count() as u64;
    for m in matches
        .iter()
        .filter(|m| m.kind == Kind::Date && m.confidence >= 0.8)
    {
        match planted(&truth, m) {
            Some(t) if t.2 == Truth::BirthDate => {
                s.tp += 1;
                s.exact += u64::from((t.0, t.1) == (m.start, m.end));
            }
            _ => s.fp += 1,
        }
    }
    report("birth date (date + context)", &s);
    // Every date taken as a date of birth, for contrast.
    let mut s2 = Score {
        tp: 0,
        fp: 0,
        planted: s.planted,
        exact: 0,
    };
    for m in matches.iter().filter(|m| m.kind == Kind::Date) {
        match planted(&truth, m) {
            Some(t) if t.2 == Truth::BirthDate => {
                s2.tp += 1;
                s2.exact += u64::from((t.0, t.1) == (m.start, m.end));
            }
            _ => s2.fp += 1,
        }
    }
    report("birth date (any date)", &s2);

    // A few missed values, to see why.
    let missed: Vec<_> = truth
        .iter()
        .zip(&found_planted)
        .filter(|(_, f)| !**f)
        .map(|(t, _)| t)
        .take(5)
        .collect();
    for t in missed {
        println!(
            "missed {:?}: {:?}",
            t.2,
            String::from_utf8_lossy(&text[t.0..t.1])
        );
    }
    let mut inexact = 0;
    for m in &matches {
        if let Some(t) = planted(&truth, m)
            && truth_matches(m.kind, t.2)
            && (t.0, t.1) != (m.start, m.end)
            && inexact < 3
        {
            println!(
                "inexact {:?}: found {:?}, planted {:?}",
                m.kind,
                String::from_utf8_lossy(&text[m.start..m.end]),
                String::from_utf8_lossy(&text[t.0..t.1])
            );
            inexact += 1;
        }
    }
    let mut fps = 0;
    for m in &matches {
        if fps == 5 {
            break;
        }
        if !planted(&truth, m).is_some_and(|t| truth_matches(m.kind, t.2)) {
            let lo = m.start.saturating_sub(20);
            let hi = (m.end + 10).min(text.len());
            println!(
                "false {:?}: {:?} in {:?}",
                m.kind,
                String::from_utf8_lossy(&text[m.start..m.end]),
                String::from_utf8_lossy(&text[lo..hi])
            );
            fps += 1;
        }
    }
}
