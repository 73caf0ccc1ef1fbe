//! Column-name hints, Dutch and English: what a column probably holds,
//! judged by its name alone.
//!
//! # How a name is read
//!
//! 1. **Tokens.** The name is split into lower-case tokens at every
//!    non-alphanumeric character (`snake_case`, `kebab-case`, `table.column`,
//!    spaces), at lower-to-upper changes (`customerEmail`), before the last
//!    capital of a run of capitals followed by lower case (`HTTPServer`), and
//!    between letters and digits (`address2`). A name in one case
//!    (`EMAILADRES`) stays one token. Dutch diacritics are folded
//!    (`cliënt` → `client`).
//! 2. **Words.** Runs of one to three adjacent tokens are joined and looked
//!    up in the dictionary (`first`+`name` → `firstname`, `e`+`mail` →
//!    `email`, `date`+`of`+`birth`), also without a plural `s`/`es`. A single
//!    token that is not a word may be a compound ending in one
//!    (`klantnaam`, `factuuradres`, `klantemail`); see *Compounds*.
//! 3. **The head wins.** Candidates are tried from the rightmost (the head of
//!    an English or Dutch compound: `address_city` is a city) and, at the
//!    same end, longest first; the first that survives the rules below is
//!    the hint.
//!
//! # The rule against false positives
//!
//! A hint word names *the data*; the tokens around it can turn the column
//! into something *about* the data, or about something that is not a
//! person. Four small lists decide:
//!
//! - **Qualifier after the word → not the data.** A token after the hint
//!   word that makes the column a key, time, count, flag, state or setting
//!   (`_id`, `_key`, `_code`, `_at`, `_on`, `_date`, `_datum`, `_time`,
//!   `_count`, `_total`, `_flag`, `_verified`, `_opt_in`, `_status`,
//!   `_type`, `_template`, `_subject`, `_domain`, `_country`, `_token`,
//!   `_salt`, …) rejects it: `email_sent_at`, `phone_count`, `city_id`,
//!   `email_verified`, `address_type`, `ip_country`. Number words (`_nr`,
//!   `_number`, `_nummer`) are *not* qualifiers: `telefoon_nr` is a phone
//!   number. Joined words are looked up first, so `birth_date`,
//!   `zip_code` and `date_of_birth` are words in their own right, not a
//!   word plus a qualifier.
//! - **Count or flag before the word → not the data.** `is_`, `has_`,
//!   `num_`, `n_`, `aantal_`, `count_`, `total_`, `max_`, `send_`, `allow_`,
//!   … (`is_email_verified`, `num_phones`, `aantal_adressen`).
//! - **A thing before the word → not a person's.** `product_`, `article_`,
//!   `file_`, `host_`, `domain_`, `table_`, `category_`, `brand_`,
//!   `country_`, `mac_`, `web_`, … (`product_name`, `file_name`,
//!   `mac_address`, `web_adres`). A table name counts, so pass
//!   `products.name` when the column is just `name`.
//! - **An organisation before the word → not a person's name**, and only
//!   weak evidence for contact data: `company_`, `bedrijf(s)`,
//!   `organisation_`, `supplier_`, `vendor_`, `support_`, `info_`, …
//!   (`company_name` is no hint; `company_email` is `pd:EmailAddress` at
//!   0.6 × its confidence, since a sole trader's or contact person's address
//!   is personal data too).
//!
//! Two head nouns are generic and need more: **`name`/`naam`** counts only
//! alone or after a person word (`customer_name`, `klantnaam`,
//! `contact_name`, `customers.name`), and **`name`, `naam`, `address`,
//! `adres`** give way to another hint word right before them (`city_name`
//! is a city, `ipv4_address` an IP address, `street_name` a street).
//!
//! # Compounds
//!
//! A single token ending in a compound-capable word (`naam`, `adres`,
//! `email`, `telefoon`, `straat`, `plaats`, `postcode`, `wachtwoord`,
//! `iban`, `phone`, `address`, `name`, …) is split there: a prefix from the
//! lists above acts as above (`productnaam`, `bedrijfsnaam`, `webadres`);
//! a person word (`klantnaam`, `klantemail`) keeps the full confidence; a
//! prefix that is itself a hint word takes over from a generic head
//! (`straatnaam` is a street); any other prefix lowers the confidence to
//! 0.85 × (`bezorgadres` 0.72), except for `name`/`naam`, which then
//! gives no hint (`schermnaam`).
//!
//! Hints say nothing about the column's type or values; [`crate::classify_column`]
//! checks those (a `BOOLEAN email` column is a flag, not an address).

use crate::{Kind, pd};

/// What a column's name suggests it holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hint {
    /// The DPV `pd:` category.
    pub category: &'static str,
    /// How sure the name alone makes us, 0..=1.
    pub confidence: f32,
    /// The dictionary word that matched (e.g. `emailadres`), for messages.
    pub word: &'static str,
    /// Value kinds that would confirm the hint when sampled (empty when no
    /// value detector exists for it, as for names).
    pub expects: &'static [Kind],
    /// Whether the hint also holds for an integer-typed column (a house
    /// number, a BSN, a phone number stored as a number).
    pub numeric_ok: bool,
    /// Whether the hint holds for a date or time column (dates of birth).
    pub temporal_ok: bool,
}

const NUMERIC: u8 = 1;
const TEMPORAL: u8 = 2;
const COMPOUND: u8 = 4;
/// `name`/`naam`: needs a person word (or nothing) right before it.
const NEEDS_PERSON: u8 = 8;
/// Generic head nouns that give way to another hint word right before them.
const YIELDS: u8 = 16;

struct Entry {
    word: &'static str,
    category: &'static str,
    confidence: f32,
    expects: &'static [Kind],
    flags: u8,
}

const fn e(
    word: &'static str,
    category: &'static str,
    confidence: f32,
    expects: &'static [Kind],
    flags: u8,
) -> Entry {
    Entry {
        word,
        category,
        confidence,
        expects,
        flags,
    }
}

const NONE: &[Kind] = &[];
const EMAIL: &[Kind] = &[Kind::Email];
const PHONE: &[Kind] = &[Kind::Phone];
const IBAN: &[Kind] = &[Kind::Iban];
const BSN: &[Kind] = &[Kind::Bsn];
const SSN: &[Kind] = &[Kind::UsSsn];
/// Any national number with a checksum: a column called `national_id`
/// may hold one of any country.
const NATIONAL: &[Kind] = &[
    Kind::Bsn,
    Kind::BeNationalNumber,
    Kind::DeTaxId,
    Kind::FrNir,
    Kind::EsDni,
    Kind::ItCodiceFiscale,
    Kind::UsSsn,
];
const CARD: &[Kind] = &[Kind::PaymentCard];
const POSTCODE: &[Kind] = &[Kind::Postcode];
const IP: &[Kind] = &[Kind::Ipv4, Kind::Ipv6];
const DATE: &[Kind] = &[Kind::Date];

/// The dictionary: words without separators, lower case.
#[rustfmt::skip]
const DICTIONARY: &[Entry] = &[
    // Names.
    e("naam", pd::NAME, 0.6, NONE, COMPOUND | NEEDS_PERSON | YIELDS),
    e("name", pd::NAME, 0.6, NONE, COMPOUND | NEEDS_PERSON | YIELDS),
    e("voornaam", pd::NAME, 0.9, NONE, COMPOUND),
    e("voornamen", pd::NAME, 0.9, NONE, 0),
    e("achternaam", pd::NAME, 0.9, NONE, COMPOUND),
    e("tussenvoegsel", pd::NAME, 0.85, NONE, 0),
    e("tussenvoegsels", pd::NAME, 0.85, NONE, 0),
    e("voorletters", pd::NAME, 0.85, NONE, 0),
    e("voorletter", pd::NAME, 0.8, NONE, 0),
    e("initialen", pd::NAME, 0.8, NONE, 0),
    e("roepnaam", pd::NAME, 0.85, NONE, 0),
    e("geslachtsnaam", pd::NAME, 0.9, NONE, 0),
    e("meisjesnaam", pd::NAME, 0.9, NONE, 0),
    e("volledigenaam", pd::NAME, 0.9, NONE, 0),
    e("contactpersoon", pd::NAME, 0.8, NONE, 0),
    e("contactperson", pd::NAME, 0.8, NONE, 0),
    e("firstname", pd::NAME, 0.9, NONE, 0),
    e("givenname", pd::NAME, 0.9, NONE, 0),
    e("forename", pd::NAME, 0.9, NONE, 0),
    e("lastname", pd::NAME, 0.9, NONE, 0),
    e("surname", pd::NAME, 0.9, NONE, 0),
    e("familyname", pd::NAME, 0.9, NONE, 0),
    e("fullname", pd::NAME, 0.9, NONE, 0),
    e("middlename", pd::NAME, 0.85, NONE, 0),
    e("maidenname", pd::NAME, 0.9, NONE, 0),
    e("initials", pd::NAME, 0.8, NONE, 0),
    e("displayname", pd::NAME, 0.7, NONE, 0),
    e("nickname", pd::NAME, 0.6, NONE, 0),
    e("fname", pd::NAME, 0.8, NONE, 0),
    e("lname", pd::NAME, 0.8, NONE, 0),
    // Whose name an account or card is in (payment tables).
    e("accountholder", pd::NAME, 0.8, NONE, 0),
    e("cardholder", pd::NAME, 0.8, NONE, 0),
    e("rekeninghouder", pd::NAME, 0.8, NONE, 0),
    e("kaarthouder", pd::NAME, 0.8, NONE, 0),
    e("tenaamstelling", pd::NAME, 0.8, NONE, 0),
    // E-mail.
    e("email", pd::EMAIL_ADDRESS, 0.95, EMAIL, COMPOUND),
    e("emailadres", pd::EMAIL_ADDRESS, 0.95, EMAIL, COMPOUND),
    e("emailaddress", pd::EMAIL_ADDRESS, 0.95, EMAIL, COMPOUND),
    e("emailaddr", pd::EMAIL_ADDRESS, 0.95, EMAIL, 0),
    e("mailadres", pd::EMAIL_ADDRESS, 0.9, EMAIL, COMPOUND),
    e("mailaddress", pd::EMAIL_ADDRESS, 0.9, EMAIL, 0),
    e("mail", pd::EMAIL_ADDRESS, 0.7, EMAIL, 0),
    // Telephone.
    e("telefoon", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC | COMPOUND),
    e("telefoonnummer", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC | COMPOUND),
    e("telefoonnr", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC | COMPOUND),
    e("telnr", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC),
    e("tel", pd::TELEPHONE_NUMBER, 0.75, PHONE, NUMERIC),
    e("telephone", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC | COMPOUND),
    e("phone", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC | COMPOUND),
    e("phonenumber", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC | COMPOUND),
    e("phoneno", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC),
    e("mobile", pd::TELEPHONE_NUMBER, 0.8, PHONE, NUMERIC),
    e("mobilenumber", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC),
    e("mobiel", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC),
    e("mobielnummer", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC),
    e("mobielnr", pd::TELEPHONE_NUMBER, 0.95, PHONE, NUMERIC),
    e("gsm", pd::TELEPHONE_NUMBER, 0.85, PHONE, NUMERIC),
    e("gsmnummer", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC),
    e("cellphone", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC),
    e("cell", pd::TELEPHONE_NUMBER, 0.6, PHONE, NUMERIC),
    e("msisdn", pd::TELEPHONE_NUMBER, 0.9, PHONE, NUMERIC),
    e("fax", pd::TELEPHONE_NUMBER, 0.7, PHONE, NUMERIC),
    e("faxnummer", pd::TELEPHONE_NUMBER, 0.75, PHONE, NUMERIC),
    e("faxnumber", pd::TELEPHONE_NUMBER, 0.75, PHONE, NUMERIC),
    // Address.
    e("adres", pd::PHYSICAL_ADDRESS, 0.85, NONE, COMPOUND | YIELDS),
    e("address", pd::PHYSICAL_ADDRESS, 0.85, NONE, COMPOUND | YIELDS),
    e("addr", pd::PHYSICAL_ADDRESS, 0.75, NONE, YIELDS),
    e("addressline", pd::PHYSICAL_ADDRESS, 0.85, NONE, 0),
    e("adresregel", pd::PHYSICAL_ADDRESS, 0.85, NONE, 0),
    e("streetaddress", pd::PHYSICAL_ADDRESS, 0.9, NONE, 0),
    e("straat", pd::PHYSICAL_ADDRESS, 0.85, NONE, COMPOUND),
    e("straatnaam", pd::PHYSICAL_ADDRESS, 0.85, NONE, 0),
    e("street", pd::PHYSICAL_ADDRESS, 0.85, NONE, COMPOUND),
    e("streetname", pd::PHYSICAL_ADDRESS, 0.85, NONE, 0),
    e("huisnummer", pd::PHYSICAL_ADDRESS, 0.8, NONE, NUMERIC),
    e("huisnr", pd::PHYSICAL_ADDRESS, 0.8, NONE, NUMERIC),
    e("huisnummertoevoeging", pd::PHYSICAL_ADDRESS, 0.7, NONE, 0),
    e("housenumber", pd::PHYSICAL_ADDRESS, 0.8, NONE, NUMERIC),
    e("housenr", pd::PHYSICAL_ADDRESS, 0.8, NONE, NUMERIC),
    e("streetnumber", pd::PHYSICAL_ADDRESS, 0.8, NONE, NUMERIC),
    // Postcodes are plain numbers in most countries (`98052`, `1010`).
    e("postcode", pd::PHYSICAL_ADDRESS, 0.85, POSTCODE, NUMERIC | COMPOUND),
    e("postalcode", pd::PHYSICAL_ADDRESS, 0.85, POSTCODE, NUMERIC),
    e("zipcode", pd::PHYSICAL_ADDRESS, 0.85, POSTCODE, NUMERIC),
    e("zip", pd::PHYSICAL_ADDRESS, 0.8, POSTCODE, NUMERIC),
    e("woonplaats", pd::PHYSICAL_ADDRESS, 0.8, NONE, 0),
    e("plaats", pd::PHYSICAL_ADDRESS, 0.6, NONE, COMPOUND),
    e("plaatsnaam", pd::PHYSICAL_ADDRESS, 0.7, NONE, 0),
    e("city", pd::PHYSICAL_ADDRESS, 0.7, NONE, 0),
    e("town", pd::PHYSICAL_ADDRESS, 0.7, NONE, 0),
    e("stad", pd::PHYSICAL_ADDRESS, 0.6, NONE, 0),
    e("gemeente", pd::PHYSICAL_ADDRESS, 0.5, NONE, 0),
    e("residence", pd::PHYSICAL_ADDRESS, 0.6, NONE, 0),
    // Birth.
    e("geboortedatum", pd::BIRTH_DATE, 0.95, DATE, TEMPORAL | COMPOUND),
    e("gebdatum", pd::BIRTH_DATE, 0.9, DATE, TEMPORAL),
    e("gebdat", pd::BIRTH_DATE, 0.9, DATE, TEMPORAL),
    e("geboren", pd::BIRTH_DATE, 0.8, DATE, TEMPORAL),
    e("dob", pd::BIRTH_DATE, 0.9, DATE, TEMPORAL),
    e("birthdate", pd::BIRTH_DATE, 0.95, DATE, TEMPORAL),
    e("dateofbirth", pd::BIRTH_DATE, 0.95, DATE, TEMPORAL),
    e("birthday", pd::BIRTH_DATE, 0.9, DATE, TEMPORAL),
    e("verjaardag", pd::BIRTH_DATE, 0.85, DATE, TEMPORAL),
    e("geboortejaar", pd::BIRTH_DATE, 0.7, NONE, NUMERIC),
    e("birthyear", pd::BIRTH_DATE, 0.7, NONE, NUMERIC),
    e("yearofbirth", pd::BIRTH_DATE, 0.7, NONE, NUMERIC),
    e("geboorteplaats", pd::BIRTH_PLACE, 0.85, NONE, 0),
    e("birthplace", pd::BIRTH_PLACE, 0.85, NONE, 0),
    e("placeofbirth", pd::BIRTH_PLACE, 0.85, NONE, 0),
    // Demographics.
    e("leeftijd", pd::AGE, 0.8, NONE, NUMERIC),
    e("age", pd::AGE, 0.7, NONE, NUMERIC),
    e("geslacht", pd::GENDER, 0.85, NONE, NUMERIC),
    e("gender", pd::GENDER, 0.85, NONE, NUMERIC),
    e("sex", pd::GENDER, 0.7, NONE, NUMERIC),
    e("aanhef", pd::GENDER, 0.6, NONE, 0),
    e("salutation", pd::GENDER, 0.6, NONE, 0),
    e("nationaliteit", pd::NATIONALITY, 0.85, NONE, 0),
    e("nationality", pd::NATIONALITY, 0.85, NONE, 0),
    e("maritalstatus", pd::MARITAL_STATUS, 0.85, NONE, 0),
    e("burgerlijkestaat", pd::MARITAL_STATUS, 0.85, NONE, 0),
    e("civilstatus", pd::MARITAL_STATUS, 0.8, NONE, 0),
    // Pay: an amount, so numeric and decimal types fit (see `classify_column`).
    e("salary", pd::SALARY, 0.8, NONE, NUMERIC),
    e("salaris", pd::SALARY, 0.8, NONE, NUMERIC),
    e("wage", pd::SALARY, 0.7, NONE, NUMERIC),
    e("loon", pd::SALARY, 0.6, NONE, NUMERIC),
    e("brutoloon", pd::SALARY, 0.8, NONE, NUMERIC),
    e("nettoloon", pd::SALARY, 0.8, NONE, NUMERIC),
    e("income", pd::INCOME, 0.7, NONE, NUMERIC),
    e("inkomen", pd::INCOME, 0.7, NONE, NUMERIC),
    // Official identifiers.
    e("bsn", pd::OFFICIAL_ID, 0.95, BSN, NUMERIC),
    e("burgerservicenummer", pd::OFFICIAL_ID, 0.95, BSN, NUMERIC),
    e("sofinummer", pd::OFFICIAL_ID, 0.95, BSN, NUMERIC),
    e("sofinr", pd::OFFICIAL_ID, 0.9, BSN, NUMERIC),
    e("sofi", pd::OFFICIAL_ID, 0.9, BSN, NUMERIC),
    e("ssn", pd::OFFICIAL_ID, 0.9, SSN, NUMERIC),
    e("socialsecuritynumber", pd::OFFICIAL_ID, 0.95, SSN, NUMERIC),
    e("nationalid", pd::OFFICIAL_ID, 0.85, NATIONAL, NUMERIC),
    e("rijksregisternummer", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.95, &[Kind::BeNationalNumber], NUMERIC),
    e("registrenational", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.9, &[Kind::BeNationalNumber], NUMERIC),
    e("steuerid", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.9, &[Kind::DeTaxId], NUMERIC),
    e("steueridentifikationsnummer", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.95, &[Kind::DeTaxId], NUMERIC),
    e("nir", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.8, &[Kind::FrNir], NUMERIC),
    e("numerosecu", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.9, &[Kind::FrNir], NUMERIC),
    e("dni", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.85, &[Kind::EsDni], 0),
    e("nif", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.8, &[Kind::EsDni], 0),
    e("codicefiscale", pd::NATIONAL_IDENTIFICATION_NUMBER, 0.95, &[Kind::ItCodiceFiscale], 0),
    e("paspoort", pd::OFFICIAL_ID, 0.8, NONE, 0),
    e("paspoortnummer", pd::OFFICIAL_ID, 0.9, NONE, 0),
    e("passport", pd::OFFICIAL_ID, 0.8, NONE, 0),
    e("passportnumber", pd::OFFICIAL_ID, 0.9, NONE, 0),
    e("rijbewijs", pd::OFFICIAL_ID, 0.75, NONE, 0),
    e("rijbewijsnummer", pd::OFFICIAL_ID, 0.85, NONE, NUMERIC),
    e("driverslicense", pd::OFFICIAL_ID, 0.8, NONE, 0),
    e("driverlicense", pd::OFFICIAL_ID, 0.8, NONE, 0),
    e("documentnummer", pd::OFFICIAL_ID, 0.7, NONE, 0),
    // Bank accounts and cards.
    e("iban", pd::BANK_ACCOUNT, 0.95, IBAN, COMPOUND),
    e("rekeningnummer", pd::BANK_ACCOUNT, 0.9, IBAN, NUMERIC | COMPOUND),
    e("reknr", pd::BANK_ACCOUNT, 0.85, IBAN, NUMERIC),
    e("bankrekening", pd::BANK_ACCOUNT, 0.9, IBAN, NUMERIC),
    e("bankrekeningnummer", pd::BANK_ACCOUNT, 0.95, IBAN, NUMERIC),
    e("tegenrekening", pd::BANK_ACCOUNT, 0.9, IBAN, NUMERIC),
    e("bankaccount", pd::BANK_ACCOUNT, 0.9, IBAN, NUMERIC),
    e("bankaccountnumber", pd::BANK_ACCOUNT, 0.95, IBAN, NUMERIC),
    e("creditcard", pd::PAYMENT_CARD_NUMBER, 0.9, CARD, NUMERIC),
    e("creditcardnumber", pd::PAYMENT_CARD_NUMBER, 0.95, CARD, NUMERIC),
    e("cardnumber", pd::PAYMENT_CARD_NUMBER, 0.85, CARD, NUMERIC),
    e("ccnumber", pd::PAYMENT_CARD_NUMBER, 0.9, CARD, NUMERIC),
    e("kaartnummer", pd::PAYMENT_CARD_NUMBER, 0.75, CARD, NUMERIC),
    // Online identifiers.
    e("ip", pd::IP_ADDRESS, 0.85, IP, NUMERIC),
    e("ipv", pd::IP_ADDRESS, 0.85, IP, NUMERIC),
    e("ipaddress", pd::IP_ADDRESS, 0.95, IP, NUMERIC),
    e("ipadres", pd::IP_ADDRESS, 0.95, IP, NUMERIC),
    e("ipaddr", pd::IP_ADDRESS, 0.9, IP, NUMERIC),
    e("remoteaddr", pd::IP_ADDRESS, 0.85, IP, NUMERIC),
    e("remoteaddress", pd::IP_ADDRESS, 0.85, IP, NUMERIC),
    e("useragent", pd::USER_AGENT, 0.75, NONE, 0),
    e("latitude", pd::LOCATION, 0.6, NONE, 0),
    e("longitude", pd::LOCATION, 0.6, NONE, 0),
    e("geolocation", pd::LOCATION, 0.7, NONE, 0),
    // Accounts.
    e("gebruikersnaam", pd::USERNAME, 0.9, NONE, 0),
    e("username", pd::USERNAME, 0.9, NONE, 0),
    e("loginnaam", pd::USERNAME, 0.9, NONE, 0),
    e("loginname", pd::USERNAME, 0.9, NONE, 0),
    e("screenname", pd::USERNAME, 0.8, NONE, 0),
    e("accountname", pd::USERNAME, 0.7, NONE, 0),
    e("payrate", pd::SALARY, 0.7, NONE, NUMERIC),
    e("hourlyrate", pd::SALARY, 0.6, NONE, NUMERIC),
    e("hourlywage", pd::SALARY, 0.7, NONE, NUMERIC),
    e("login", pd::USERNAME, 0.7, NONE, 0),
    e("loginid", pd::USERNAME, 0.8, NONE, 0),
    e("wachtwoord", pd::PASSWORD, 0.95, NONE, COMPOUND),
    // Photographs of people.
    e("photo", pd::PICTURE, 0.8, NONE, 0),
    e("foto", pd::PICTURE, 0.8, NONE, 0),
    e("pasfoto", pd::PICTURE, 0.9, NONE, 0),
    e("profielfoto", pd::PICTURE, 0.9, NONE, 0),
    e("avatar", pd::PICTURE, 0.8, NONE, 0),
    e("profilepicture", pd::PICTURE, 0.85, NONE, 0),
    e("profilephoto", pd::PICTURE, 0.9, NONE, 0),
    e("headshot", pd::PICTURE, 0.85, NONE, 0),
    e("wachtwoordhash", pd::PASSWORD, 0.95, NONE, 0),
    e("password", pd::PASSWORD, 0.95, NONE, COMPOUND),
    e("passwordhash", pd::PASSWORD, 0.95, NONE, 0),
    e("passwd", pd::PASSWORD, 0.9, NONE, 0),
    e("pwd", pd::PASSWORD, 0.85, NONE, 0),
    e("pwdhash", pd::PASSWORD, 0.9, NONE, 0),
    e("passhash", pd::PASSWORD, 0.9, NONE, 0),
    // Chamber of Commerce number: identifies a sole trader.
    e("kvk", pd::IDENTIFIER, 0.6, NONE, NUMERIC),
    e("kvknummer", pd::IDENTIFIER, 0.65, NONE, NUMERIC),
    e("kvknr", pd::IDENTIFIER, 0.65, NONE, NUMERIC),
    e("chamberofcommerce", pd::IDENTIFIER, 0.6, NONE, NUMERIC),
];

/// Qualifiers: after a hint word, the column is about the data, not the
/// data (`email_sent_at`, `phone_count`, `city_id`).
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "id", "ids", "uuid", "guid", "key", "fk", "pk", "ref", "idx", "index", "seq", "code", "at",
    "on", "ts", "time", "timestamp", "date", "datum", "tijd", "dt", "year", "jaar", "count", "cnt", "total",
    "sum", "avg", "min", "max", "length", "len", "size", "limit", "flag", "flags", "enabled", "disabled",
    "active", "actief", "verified", "geverifieerd", "confirmed", "bevestigd", "valid", "validated", "geldig",
    "opt", "optin", "optout", "consent", "toestemming", "bounce", "bounced", "sent", "verzonden", "received",
    "opened", "clicked", "status", "state", "type", "soort", "kind", "format", "formaat", "template",
    "subject", "onderwerp", "body", "content", "inhoud", "message", "bericht", "provider", "domain", "domein",
    "host", "server", "config", "settings", "setting", "preference", "preferences", "voorkeur", "voorkeuren",
    "allowed", "required", "visible", "visibility", "public", "changed", "updated", "created", "deleted",
    "modified", "gewijzigd", "version", "versie", "source", "bron", "token", "otp", "regex", "pattern",
    "label", "field", "column", "kolom", "list", "lijst", "notification", "notifications", "reminder",
    "campaign", "log", "attempts", "pogingen", "expires", "expiry", "reset", "policy", "strength", "salt",
    "algorithm", "algo", "country", "land", "region", "regio", "group", "groep", "category", "categorie",
    "range", "bucket", "band", "app", "file", "bestand", "archive", "score", "check", "checked",
    "gecontroleerd", "error", "fout", "style", "promotion", "promo", "marketing", "newsletter", "grade",
    "scale", "schaal", "path", "url", "uri", "filename", "link",
];

/// Count or flag words before a hint word (`is_email_verified`,
/// `num_phones`).
#[rustfmt::skip]
const COUNT_PREFIXES: &[&str] = &[
    "is", "has", "heeft", "num", "n", "aantal", "count", "total", "max", "min", "avg", "sum", "allow", "send",
    "use", "show", "hide", "verify", "validate", "can", "should", "must", "needs", "requires", "wants",
    "masked", "mask", "unsubscribe",
];

/// Things before a hint word: the data is not a person's (`product_name`,
/// `file_name`, `mac_address`).
#[rustfmt::skip]
const OBJECT_PREFIXES: &[&str] = &[
    "product", "artikel", "item", "file", "bestand", "bestands", "table", "tabel", "column", "kolom",
    "category", "categorie", "brand", "merk", "host", "domain", "domein", "server", "service", "app",
    "application", "applicatie", "project", "template", "page", "pagina", "site", "website", "web", "url",
    "shop", "winkel", "store", "warehouse", "magazijn", "event", "evenement", "campaign", "campagne", "list",
    "lijst", "group", "groep", "team", "role", "rol", "tag", "label", "plan", "package", "pakket", "module",
    "menu", "field", "veld", "attribute", "document", "image", "afbeelding", "report", "rapport", "job",
    "queue", "task", "taak", "country", "land", "currency", "valuta", "mac", "device", "apparaat", "machine",
    "printer", "network", "netwerk", "schema", "database", "db", "class", "klasse", "variable", "param",
    "parameter", "method", "function", "font", "color", "colour", "kleur", "venue", "room", "kamer",
    "building", "gebouw", "route", "model", "tax", "btw", "payment", "betaal", "shipping_method", "course",
    "cursus", "game", "song", "album", "film", "movie", "title", "titel", "unit", "region", "regio", "state",
    "province", "provincie",
];

/// Organisations before a hint word: not a person's name, weaker evidence
/// for contact data.
#[rustfmt::skip]
const ORG_PREFIXES: &[&str] = &[
    "company", "bedrijf", "bedrijfs", "organisation", "organization", "organisatie", "org", "firm", "firma",
    "business", "vendor", "supplier", "leverancier", "merchant", "bank", "school", "office", "kantoor",
    "branch", "filiaal", "agency", "bureau", "dealer", "support", "info", "noreply", "admin", "system",
    "systeem", "sales", "helpdesk", "vestiging", "vestigings", "hotel", "restaurant", "club", "vereniging",
    "stichting", "zaak",
];

/// Person words: a generic `name`/`naam` after one of them is a person's
/// name; as a compound prefix they keep a hint's full confidence.
#[rustfmt::skip]
const PERSON_PREFIXES: &[&str] = &[
    "customer", "klant", "client", "contact", "contactpersoon", "person", "persoon", "people", "user",
    "gebruiker", "member", "lid", "leden", "employee", "medewerker", "werknemer", "staff", "personeel",
    "student", "leerling", "patient", "guest", "gast", "buyer", "koper", "sender", "afzender", "recipient",
    "ontvanger", "owner", "eigenaar", "holder", "houder", "cardholder", "accountholder", "debtor", "debiteur",
    "tenant", "huurder", "applicant", "sollicitant", "kandidaat", "candidate", "author", "auteur", "parent",
    "ouder", "child", "kind", "partner", "spouse", "passenger", "passagier", "driver", "bestuurder",
    "subscriber", "abonnee", "visitor", "bezoeker", "participant", "deelnemer", "volunteer", "vrijwilliger",
    "donor", "relatie", "relation", "lead", "prospect", "full", "real", "legal", "birth", "billing",
    "invoice", "factuur", "bezorg", "aflever", "delivery", "post", "woon", "home", "thuis", "prive",
    "private", "personal", "persoonlijk", "work", "werk", "emergency", "nood", "mother", "father", "moeder",
    "vader", "primary", "secondary", "alt", "alternate", "other", "ander", "new", "nieuw", "old", "oud",
    "previous", "vorig", "current", "huidig", "my", "mijn", "own", "eigen", "cust", "usr", "emp", "pers",
    "correspondentie", "correspondence", "mailing", "klanten", "customers", "users", "members", "employees",
    "persons", "contacts", "clients", "students", "patients", "accounts", "account", "reviewer",
    "manager", "agent", "rep", "representative", "salesperson", "seller", "verkoper", "teacher",
    "docent", "doctor", "physician", "nurse", "instructor", "coach", "beneficiary",
    "begunstigde", "insured", "verzekerde", "policyholder", "signatory", "witness", "getuige",
    "assignee", "reporter", "melder", "requester", "aanvrager", "approver", "creator",
    "resident", "bewoner", "actor", "athlete", "speler", "player",
];

/// Words that name free text: a column, field or key called so holds
/// sentences in which personal data may occur (`notes`, `opmerkingen`,
/// `ticket_body`).
#[rustfmt::skip]
const FREE_TEXT_WORDS: &[&str] = &[
    "note", "notes", "notitie", "notities", "comment", "comments", "commentaar", "opmerking",
    "opmerkingen", "remark", "remarks", "description", "omschrijving", "beschrijving", "toelichting",
    "body", "message", "messages", "bericht", "berichten", "text", "tekst", "content", "inhoud", "memo",
    "details", "feedback", "reason", "reden", "klacht", "complaint", "question", "vraag", "answer",
    "antwoord", "reply", "summary", "samenvatting", "log", "transcript", "explanation", "annotation",
];

/// Whether a column's name says it holds free text (a token such as
/// `notes`, `comment`, `body`, `message`, `description`, `opmerkingen`,
/// `toelichting`); a scanner then also looks for personal data *inside* its
/// values ([`crate::classify_text`]).
///
/// ```
/// use ropa_plugin_sdk::hints::is_free_text_name;
/// assert!(is_free_text_name("ticket_body"));
/// assert!(is_free_text_name("Opmerkingen"));
/// assert!(!is_free_text_name("email"));
/// ```
pub fn is_free_text_name(name: &str) -> bool {
    tokenize(name)
        .iter()
        .any(|t| FREE_TEXT_WORDS.contains(&t.as_str()))
}

/// Whether a column's name is a generic `name`/`naam` alone, whose meaning
/// depends on what it is the name of.
pub fn is_generic_name(column: &str) -> bool {
    let tokens = tokenize(column);
    tokens.len() == 1 && lookup(&tokens[0]).is_some_and(|e| e.flags & NEEDS_PERSON != 0)
}

/// The name to classify a column by: the column's own name, or for a
/// generic `name` alone ([`is_generic_name`]) the table's name in front of
/// it, so that the person rule can decide (`customers.name` is a person's
/// name, `category.name` is not). The same for a JSON key under its parent
/// key, or a CSV header in a file.
///
/// ```
/// use ropa_plugin_sdk::hints::{column_hint, qualified_name};
/// assert_eq!(qualified_name("customers", "name"), "customers.name");
/// assert_eq!(qualified_name("customers", "email"), "email");
/// assert!(column_hint(&qualified_name("category", "name")).is_none());
/// assert!(column_hint(&qualified_name("klanten", "naam")).is_some());
/// ```
pub fn qualified_name(table: &str, column: &str) -> String {
    if !table.trim().is_empty() && is_generic_name(column) {
        format!("{table}.{column}")
    } else {
        column.to_string()
    }
}

/// Splits a column name into lower-case tokens (see the module docs).
///
/// ```
/// use ropa_plugin_sdk::hints::tokenize;
/// assert_eq!(tokenize("customerEmail"), ["customer", "email"]);
/// assert_eq!(tokenize("cust_email_addr"), ["cust", "email", "addr"]);
/// assert_eq!(tokenize("EMAILADRES"), ["emailadres"]);
/// assert_eq!(tokenize("HTTPServer2"), ["http", "server", "2"]);
/// ```
pub fn tokenize(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().map(fold).collect();
    let mut tokens = Vec::new();
    let mut cur = String::new();
    for (k, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&p) = cur.chars().last().as_ref() {
            let next = chars.get(k + 1).copied();
            let split = (p.is_lowercase() && c.is_uppercase())
                || (p.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase)
                    && chars.get(k + 2).is_some_and(|c| c.is_lowercase()))
                || (p.is_alphabetic() && c.is_numeric())
                || (p.is_numeric() && c.is_alphabetic());
            if split {
                tokens.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    for t in &mut tokens {
        *t = t.to_lowercase();
    }
    tokens
}

/// Folds the diacritics of Dutch words (`cliënt`, `patiënt`, `café`).
fn fold(c: char) -> char {
    match c {
        'ë' | 'é' | 'è' | 'ê' => 'e',
        'Ë' | 'É' | 'È' | 'Ê' => 'E',
        'ï' | 'í' | 'ì' | 'î' => 'i',
        'Ï' | 'Í' => 'I',
        'ö' | 'ó' | 'ò' | 'ô' => 'o',
        'Ö' | 'Ó' => 'O',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'Ü' | 'Ú' => 'U',
        'á' | 'à' | 'ä' | 'â' => 'a',
        'Á' | 'Ä' => 'A',
        _ => c,
    }
}

fn lookup(word: &str) -> Option<&'static Entry> {
    let find = |w: &str| DICTIONARY.iter().find(|e| e.word == w);
    find(word)
        .or_else(|| word.strip_suffix("es").and_then(find))
        .or_else(|| word.strip_suffix('s').and_then(find))
}

fn in_list(list: &[&str], token: &str) -> bool {
    list.contains(&token)
        || token.strip_suffix('s').is_some_and(|t| list.contains(&t))
        || token.strip_suffix("en").is_some_and(|t| list.contains(&t))
}

fn is_number(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_digit())
}

/// A candidate hint: the entry, the confidence factor from a compound
/// prefix, and whether the entry came out of a compound (whose own prefix
/// was already judged).
struct Candidate {
    start: usize,
    end: usize,
    entry: &'static Entry,
    factor: f32,
}

/// Splits one token into compound prefix + dictionary word.
fn compound(token: &str) -> Option<(&'static Entry, f32)> {
    let mut best: Option<&'static Entry> = None;
    for e in DICTIONARY.iter().filter(|e| e.flags & COMPOUND != 0) {
        if token.len() > e.word.len()
            && token.ends_with(e.word)
            && best.is_none_or(|b| e.word.len() > b.word.len())
        {
            best = Some(e);
        }
    }
    let e = best?;
    let raw = &token[..token.len() - e.word.len()];
    let prefix = raw.strip_suffix('-').unwrap_or(raw);
    let bare = prefix.strip_suffix('s').unwrap_or(prefix);
    if in_list(OBJECT_PREFIXES, prefix)
        || in_list(OBJECT_PREFIXES, bare)
        || in_list(COUNT_PREFIXES, prefix)
    {
        return None;
    }
    if e.flags & YIELDS != 0
        && let Some(p) = lookup(prefix).or_else(|| lookup(bare))
    {
        return Some((p, 1.0));
    }
    let org = in_list(ORG_PREFIXES, prefix) || in_list(ORG_PREFIXES, bare);
    let person = in_list(PERSON_PREFIXES, prefix) || in_list(PERSON_PREFIXES, bare);
    if e.flags & NEEDS_PERSON != 0 {
        return person.then_some((e, 1.0));
    }
    Some((
        e,
        if org {
            0.6
        } else if person {
            1.0
        } else {
            0.85
        },
    ))
}

/// Whether a hint word used as a prefix would take over from `entry`.
fn is_hint_word(token: &str) -> bool {
    lookup(token).is_some()
}

/// The hint a column's name gives, if any (see the module docs for the
/// rules).
///
/// ```
/// use ropa_plugin_sdk::{hints::column_hint, pd};
/// assert_eq!(column_hint("cust_email_addr").unwrap().category, pd::EMAIL_ADDRESS);
/// assert_eq!(column_hint("Geboortedatum").unwrap().category, pd::BIRTH_DATE);
/// assert!(column_hint("email_sent_at").is_none());
/// assert!(column_hint("product_name").is_none());
/// ```
pub fn column_hint(name: &str) -> Option<Hint> {
    let tokens = tokenize(name);
    let n = tokens.len();
    for end in (1..=n).rev() {
        if is_number(&tokens[end - 1]) {
            continue;
        }
        for len in (1..=end.min(3)).rev() {
            let start = end - len;
            let word: String = tokens[start..end].concat();
            let candidate = match lookup(&word) {
                Some(entry) => Candidate {
                    start,
                    end,
                    entry,
                    factor: 1.0,
                },
                None if len == 1 => match compound(&word) {
                    Some((entry, factor)) => Candidate {
                        start,
                        end,
                        entry,
                        factor,
                    },
                    None => continue,
                },
                None => continue,
            };
            if let Some(h) = judge(&tokens, &candidate) {
                return Some(h);
            }
        }
    }
    None
}

/// Applies the qualifier, count, object, organisation and person rules.
fn judge(tokens: &[String], c: &Candidate) -> Option<Hint> {
    let e = c.entry;
    if tokens[c.end..].iter().any(|t| in_list(QUALIFIERS, t)) {
        return None;
    }
    let before = &tokens[..c.start];
    if before
        .iter()
        .any(|t| in_list(OBJECT_PREFIXES, t) || COUNT_PREFIXES.contains(&t.as_str()))
    {
        return None;
    }
    let org = before.iter().any(|t| in_list(ORG_PREFIXES, t));
    // The token right before, skipping digits.
    let prev = before
        .iter()
        .rev()
        .find(|t| !is_number(t))
        .map(String::as_str);
    if e.flags & YIELDS != 0 && prev.is_some_and(is_hint_word) {
        return None;
    }
    if e.flags & NEEDS_PERSON != 0 {
        if org {
            return None;
        }
        if let Some(p) = prev
            && !in_list(PERSON_PREFIXES, p)
        {
            return None;
        }
    }
    let factor = c.factor * if org { 0.6 } else { 1.0 };
    Some(Hint {
        category: e.category,
        confidence: e.confidence * factor,
        word: e.word,
        expects: e.expects,
        numeric_ok: e.flags & NUMERIC != 0,
        temporal_ok: e.flags & TEMPORAL != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(name: &str) -> Option<&'static str> {
        column_hint(name).map(|h| h.category)
    }

    #[test]
    fn tokenizer() {
        assert_eq!(tokenize("first_name"), ["first", "name"]);
        assert_eq!(tokenize("e-mail"), ["e", "mail"]);
        assert_eq!(tokenize("lastName"), ["last", "name"]);
        assert_eq!(tokenize("IPv4Address"), ["ipv", "4", "address"]);
        assert_eq!(tokenize("HTTPServer"), ["http", "server"]);
        assert_eq!(tokenize("customers.name"), ["customers", "name"]);
        assert_eq!(tokenize("Cliënt Naam"), ["client", "naam"]);
        assert_eq!(tokenize("  "), Vec::<String>::new());
    }

    #[test]
    fn dutch_names() {
        let cases = [
            ("naam", pd::NAME),
            ("voornaam", pd::NAME),
            ("achternaam", pd::NAME),
            ("tussenvoegsel", pd::NAME),
            ("klantnaam", pd::NAME),
            ("geboortedatum", pd::BIRTH_DATE),
            ("geb_datum", pd::BIRTH_DATE),
            ("woonplaats", pd::PHYSICAL_ADDRESS),
            ("plaats", pd::PHYSICAL_ADDRESS),
            ("adres", pd::PHYSICAL_ADDRESS),
            ("factuuradres", pd::PHYSICAL_ADDRESS),
            ("straat", pd::PHYSICAL_ADDRESS),
            ("straatnaam", pd::PHYSICAL_ADDRESS),
            ("huisnummer", pd::PHYSICAL_ADDRESS),
            ("huisnummer_toevoeging", pd::PHYSICAL_ADDRESS),
            ("postcode", pd::PHYSICAL_ADDRESS),
            ("telefoon", pd::TELEPHONE_NUMBER),
            ("telefoonnummer", pd::TELEPHONE_NUMBER),
            ("telefoon_nr", pd::TELEPHONE_NUMBER),
            ("mobiel", pd::TELEPHONE_NUMBER),
            ("email", pd::EMAIL_ADDRESS),
            ("e-mail", pd::EMAIL_ADDRESS),
            ("e_mailadres", pd::EMAIL_ADDRESS),
            ("EMAILADRES", pd::EMAIL_ADDRESS),
            ("rekeningnummer", pd::BANK_ACCOUNT),
            ("iban", pd::BANK_ACCOUNT),
            ("kvk", pd::IDENTIFIER),
            ("kvk_nummer", pd::IDENTIFIER),
            ("bsn", pd::OFFICIAL_ID),
            ("burgerservicenummer", pd::OFFICIAL_ID),
            ("wachtwoord", pd::PASSWORD),
            ("wachtwoord_hash", pd::PASSWORD),
            ("gebruikersnaam", pd::USERNAME),
            ("geslacht", pd::GENDER),
            ("ip_adres", pd::IP_ADDRESS),
        ];
        for (name, want) in cases {
            assert_eq!(cat(name), Some(want), "{name}");
        }
    }

    #[test]
    fn english_names() {
        let cases = [
            ("name", pd::NAME),
            ("first_name", pd::NAME),
            ("FirstName", pd::NAME),
            ("last_name", pd::NAME),
            ("lastName", pd::NAME),
            ("surname", pd::NAME),
            ("full_name", pd::NAME),
            ("customer_name", pd::NAME),
            ("customers.name", pd::NAME),
            ("dob", pd::BIRTH_DATE),
            ("birth_date", pd::BIRTH_DATE),
            ("date_of_birth", pd::BIRTH_DATE),
            ("birthDate", pd::BIRTH_DATE),
            ("city", pd::PHYSICAL_ADDRESS),
            ("city_name", pd::PHYSICAL_ADDRESS),
            ("street", pd::PHYSICAL_ADDRESS),
            ("street_name", pd::PHYSICAL_ADDRESS),
            ("address_line_1", pd::PHYSICAL_ADDRESS),
            ("address2", pd::PHYSICAL_ADDRESS),
            ("billing_address", pd::PHYSICAL_ADDRESS),
            ("zip", pd::PHYSICAL_ADDRESS),
            ("zip_code", pd::PHYSICAL_ADDRESS),
            ("postal_code", pd::PHYSICAL_ADDRESS),
            ("phone", pd::TELEPHONE_NUMBER),
            ("phone_number", pd::TELEPHONE_NUMBER),
            ("PhoneNumber", pd::TELEPHONE_NUMBER),
            ("home_phone", pd::TELEPHONE_NUMBER),
            ("mobile", pd::TELEPHONE_NUMBER),
            ("email", pd::EMAIL_ADDRESS),
            ("customerEmail", pd::EMAIL_ADDRESS),
            ("cust_email_addr", pd::EMAIL_ADDRESS),
            ("email_address", pd::EMAIL_ADDRESS),
            ("emails", pd::EMAIL_ADDRESS),
            ("username", pd::USERNAME),
            ("user_name", pd::USERNAME),
            ("password", pd::PASSWORD),
            ("password_hash", pd::PASSWORD),
            ("passwordHash", pd::PASSWORD),
            ("ip", pd::IP_ADDRESS),
            ("ip_address", pd::IP_ADDRESS),
            ("IPv4Address", pd::IP_ADDRESS),
            ("last_login_ip", pd::IP_ADDRESS),
            ("iban", pd::BANK_ACCOUNT),
            ("bank_account", pd::BANK_ACCOUNT),
            ("credit_card_number", pd::PAYMENT_CARD_NUMBER),
            ("ssn", pd::OFFICIAL_ID),
            ("gender", pd::GENDER),
            ("address_city", pd::PHYSICAL_ADDRESS),
            ("MaritalStatus", pd::MARITAL_STATUS),
            ("burgerlijke_staat", pd::MARITAL_STATUS),
            ("salary", pd::SALARY),
            ("pay_rate", pd::SALARY),
            ("YearlyIncome", pd::INCOME),
            ("LoginID", pd::USERNAME),
            ("login", pd::USERNAME),
            ("ReviewerName", pd::NAME),
            ("manager_name", pd::NAME),
            ("PostalCode", pd::PHYSICAL_ADDRESS),
            ("BillingPostalCode", pd::PHYSICAL_ADDRESS),
            ("ShipCity", pd::PHYSICAL_ADDRESS),
            ("account_holder", pd::NAME),
            ("cardholder_name", pd::NAME),
            ("rekeninghouder", pd::NAME),
        ];
        for (name, want) in cases {
            assert_eq!(cat(name), Some(want), "{name}");
        }
    }

    /// The false positives the rules exist for.
    #[test]
    fn not_personal_data() {
        for name in [
            "email_sent_at",
            "emailSentAt",
            "email_verified",
            "email_verified_at",
            "is_email_verified",
            "email_opt_in",
            "email_template",
            "email_domain",
            "phone_count",
            "num_phones",
            "aantal_adressen",
            "product_name",
            "productName",
            "productnaam",
            "company_name",
            "bedrijfsnaam",
            "file_name",
            "filename",
            "host_name",
            "hostname",
            "table_name",
            "category_name",
            "brand_name",
            "bank_name",
            "country_name",
            "city_id",
            "address_id",
            "address_type",
            "customer_id",
            "user_id",
            "ip_country",
            "mac_address",
            "web_adres",
            "webadres",
            "password_reset_at",
            "password_changed_at",
            "password_salt",
            "created_at",
            "updated_at",
            "id",
            "price",
            "sku",
            "status",
            "order_date",
            "quantity",
            "description",
            "hotel",
            "page",
            "schermnaam",
            "email_date",
            "phone_type",
            "zip_file",
            "age_group",
            "NameStyle",
            "EmailPromotion",
            "email_marketing",
            "min_salary",
            "salary_grade",
            "login_count",
            "PasswordSalt",
            "artist.name",
            "ContactType.Name",
        ] {
            assert_eq!(cat(name), None, "{name}");
        }
    }

    #[test]
    fn numeric_postcodes_and_context() {
        assert!(column_hint("postal_code").unwrap().numeric_ok);
        assert!(column_hint("zipcode").unwrap().numeric_ok);
        assert_eq!(qualified_name("Customer", "Name"), "Customer.Name");
        assert_eq!(qualified_name("Customer", "FirstName"), "FirstName");
        assert_eq!(qualified_name("", "name"), "name");
        assert!(column_hint(&qualified_name("staff", "naam")).is_some());
        assert!(column_hint(&qualified_name("Production.Product", "Name")).is_none());
        assert!(is_free_text_name("Comments"));
        assert!(is_free_text_name("ticket_body"));
        assert!(!is_free_text_name("subject_id"));
    }

    #[test]
    fn organisations_weaken_contact_data() {
        let h = column_hint("company_email").unwrap();
        assert_eq!(h.category, pd::EMAIL_ADDRESS);
        assert!((h.confidence - 0.95 * 0.6).abs() < 1e-6);
        let h = column_hint("bedrijfsadres").unwrap();
        assert_eq!(h.category, pd::PHYSICAL_ADDRESS);
        assert!(h.confidence < 0.6);
    }

    #[test]
    fn unknown_compound_prefix_lowers_confidence() {
        let h = column_hint("bezorgadres").unwrap();
        assert_eq!(h.category, pd::PHYSICAL_ADDRESS);
        assert!(
            (h.confidence - 0.85).abs() < 1e-6,
            "bezorg is a person-context prefix"
        );
        let h = column_hint("vestigingsplaatsadres").unwrap();
        assert!(h.confidence < 0.85);
    }

    /// Every dictionary word is found as a column name of its own, in any
    /// case and with separators around it.
    #[test]
    fn every_word_alone() {
        for e in DICTIONARY {
            for name in [
                e.word.to_string(),
                e.word.to_uppercase(),
                format!("t_{}", e.word),
            ] {
                let h = column_hint(&name);
                if e.flags & NEEDS_PERSON != 0 && name.starts_with("t_") {
                    assert!(h.is_none(), "{name}");
                    continue;
                }
                let h = h.unwrap_or_else(|| panic!("{name}"));
                assert_eq!(h.category, e.category, "{name}");
            }
        }
    }
}
