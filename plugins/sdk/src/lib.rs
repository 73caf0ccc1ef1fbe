//! Reusable personal-data detectors for `ropa` scanner plugins.
//!
//! A scanner plugin (a WebAssembly component built against the contract in
//! `plugins/wit/scanner.wit`) reads samples from a system and reports
//! *findings*: where which kind of personal data was seen, never the values.
//! This crate gives it the detectors to decide that, each mapped to a DPV
//! personal-data id (`pd:EmailAddress`, `pd:TelephoneNumber`, …):
//!
//! - **value detectors** ([`email`], [`phone`], [`iban`], [`bsn`], [`card`],
//!   [`postcode`], [`ip`], [`date`]): does this sampled cell hold one? See
//!   [`detect_value`] for all of them at once.
//! - **free-text scanning** ([`scan_text`], [`count_text`]): where in a chunk
//!   of text do instances occur? Answers are byte ranges and kinds, never
//!   copies of the text.
//! - **column-name hints** ([`hints`]): what does a column called
//!   `cust_email_addr`, `geboortedatum` or `EMAILADRES` probably hold, and why
//!   `email_sent_at`, `product_name` or `city_id` do not count.
//! - **classification** ([`classify_column`], [`classify_text`]): name, type
//!   and sampled values merged into one [`ColumnFinding`] with a confidence,
//!   ready to be reported.
//!
//! The detectors are hand-written byte scanners with no dependencies, so they
//! compile to small and fast WebAssembly; every checksum that a format has is
//! checked (IBAN mod-97, the BSN 11-test, Luhn for card numbers).
//!
//! **Invariant: nothing here returns or stores a value.** Value detectors
//! answer `bool`, text scanning answers offsets and kinds, classification
//! answers counts. A plugin that builds findings only from these types cannot
//! leak personal data into the register.
//!
//! What this crate is not: it does no I/O, knows nothing of the WIT bindings
//! or of the host, and holds no state between calls.

#![deny(missing_docs)]

// The generated bindings and the `export_plugin!` macro name the SDK and
// `wit-bindgen` by absolute paths, so that they work in a plugin crate that
// depends on the SDK alone.
#[cfg(target_arch = "wasm32")]
extern crate self as ropa_plugin_sdk;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wit_bindgen as __wit_bindgen;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
/// Exports a type implementing
/// `bindings::exports::ropa::scanner::plugin::Guest` as the plugin:
/// `ropa_plugin_sdk::export_plugin!(MyPlugin);` (WebAssembly only).
#[cfg(target_arch = "wasm32")]
pub use bindings::export_plugin;
pub mod bsn;
mod bytes;
pub mod card;
mod column;
pub mod config;
pub mod csv;
pub mod date;
pub mod email;
#[cfg(target_arch = "wasm32")]
pub mod guest;
pub mod hints;
pub mod iban;
pub mod ip;
pub mod json;
pub mod phone;
pub mod postcode;
pub mod reader;
pub mod scanner;
pub mod source;
pub mod testing;
mod text;
mod value;

pub use column::{
    ColumnFinding, ColumnStats, MIN_CONFIDENCE, SqlType, TextStats, classify_column, classify_text,
};
pub use text::{MAX_MATCH_LEN, Match, TextCounts, count_text, scan_bytes, scan_text};
pub use value::{KindSet, detect_value};

/// DPV personal-data category ids (namespace `https://w3id.org/dpv/pd#`)
/// that the detectors and hints report.
pub mod pd {
    /// `pd:Name`: a person's name or part of it.
    pub const NAME: &str = "pd:Name";
    /// `pd:EmailAddress`.
    pub const EMAIL_ADDRESS: &str = "pd:EmailAddress";
    /// `pd:TelephoneNumber`.
    pub const TELEPHONE_NUMBER: &str = "pd:TelephoneNumber";
    /// `pd:PhysicalAddress`: street, house number, postcode, place.
    pub const PHYSICAL_ADDRESS: &str = "pd:PhysicalAddress";
    /// `pd:BirthDate`.
    pub const BIRTH_DATE: &str = "pd:BirthDate";
    /// `pd:BirthPlace`.
    pub const BIRTH_PLACE: &str = "pd:BirthPlace";
    /// `pd:Age`.
    pub const AGE: &str = "pd:Age";
    /// `pd:Gender`.
    pub const GENDER: &str = "pd:Gender";
    /// `pd:Nationality`.
    pub const NATIONALITY: &str = "pd:Nationality";
    /// `pd:OfficialID`: BSN, passport, driving licence or other official
    /// identifier (the closest DPV class for the Dutch BSN).
    pub const OFFICIAL_ID: &str = "pd:OfficialID";
    /// `pd:BankAccount`: IBAN or older account numbers.
    pub const BANK_ACCOUNT: &str = "pd:BankAccount";
    /// `pd:PaymentCardNumber`.
    pub const PAYMENT_CARD_NUMBER: &str = "pd:PaymentCardNumber";
    /// `pd:IPAddress`.
    pub const IP_ADDRESS: &str = "pd:IPAddress";
    /// `pd:Username`.
    pub const USERNAME: &str = "pd:Username";
    /// `pd:Password` (also its hash).
    pub const PASSWORD: &str = "pd:Password";
    /// `pd:Identifier`: the closest DPV class for a Chamber of Commerce (KvK)
    /// number, which identifies a sole trader; DPV has no class of its own.
    pub const IDENTIFIER: &str = "pd:Identifier";
    /// `pd:UserAgent`.
    pub const USER_AGENT: &str = "pd:UserAgent";
    /// `pd:Location`: geographic coordinates.
    pub const LOCATION: &str = "pd:Location";
    /// `pd:MaritalStatus`.
    pub const MARITAL_STATUS: &str = "pd:MaritalStatus";
    /// `pd:Salary`: what a person is paid.
    pub const SALARY: &str = "pd:Salary";
    /// `pd:Income`: a person's (or household's) income.
    pub const INCOME: &str = "pd:Income";
}

/// The kinds of value the detectors recognise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An e-mail address ([`email`]).
    Email,
    /// A telephone number, Dutch or international ([`phone`]).
    Phone,
    /// An IBAN with a valid mod-97 check ([`iban`]).
    Iban,
    /// A Dutch citizen service number passing the 11-test ([`bsn`]).
    Bsn,
    /// A payment card number with a plausible issuer, length and Luhn digit
    /// ([`card`]).
    PaymentCard,
    /// A Dutch postcode ([`postcode`]).
    Postcode,
    /// An IPv4 address ([`ip`]).
    Ipv4,
    /// An IPv6 address ([`ip`]).
    Ipv6,
    /// A plausible calendar date, a candidate date of birth ([`date`]).
    Date,
}

impl Kind {
    /// Every kind, in the order in which [`detect_value`] and
    /// [`classify_column`] prefer them when a value matches more than one.
    pub const ALL: [Kind; 9] = [
        Kind::Email,
        Kind::Iban,
        Kind::PaymentCard,
        Kind::Phone,
        Kind::Bsn,
        Kind::Postcode,
        Kind::Ipv4,
        Kind::Ipv6,
        Kind::Date,
    ];

    /// The number of kinds.
    pub const COUNT: usize = 9;

    /// A dense index in `0..Kind::COUNT`.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The DPV `pd:` category this kind of value is evidence of.
    pub const fn category(self) -> &'static str {
        match self {
            Kind::Email => pd::EMAIL_ADDRESS,
            Kind::Phone => pd::TELEPHONE_NUMBER,
            Kind::Iban => pd::BANK_ACCOUNT,
            Kind::Bsn => pd::OFFICIAL_ID,
            Kind::PaymentCard => pd::PAYMENT_CARD_NUMBER,
            Kind::Postcode => pd::PHYSICAL_ADDRESS,
            Kind::Ipv4 | Kind::Ipv6 => pd::IP_ADDRESS,
            Kind::Date => pd::BIRTH_DATE,
        }
    }

    /// The detector's name as reported in a finding's `detector` field.
    pub const fn detector(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Iban => "iban-mod97",
            Kind::Bsn => "bsn-11-test",
            Kind::PaymentCard => "card-luhn",
            Kind::Postcode => "postcode-nl",
            Kind::Ipv4 => "ipv4",
            Kind::Ipv6 => "ipv6",
            Kind::Date => "date",
        }
    }

    /// The detector's name combined with the column-name hint, for findings
    /// that rest on both.
    pub const fn detector_with_hint(self) -> &'static str {
        match self {
            Kind::Email => "column-name+email",
            Kind::Phone => "column-name+phone",
            Kind::Iban => "column-name+iban-mod97",
            Kind::Bsn => "column-name+bsn-11-test",
            Kind::PaymentCard => "column-name+card-luhn",
            Kind::Postcode => "column-name+postcode-nl",
            Kind::Ipv4 => "column-name+ipv4",
            Kind::Ipv6 => "column-name+ipv6",
            Kind::Date => "column-name+date",
        }
    }

    /// How sure one matching value makes us that it is personal data of this
    /// kind. Structured formats with a checksum score high; a BSN-shaped
    /// number less (one random 9-digit number in 11 passes the 11-test); a
    /// date least, since most dates are not dates of birth.
    pub const fn confidence(self) -> f32 {
        match self {
            Kind::Email => 0.95,
            Kind::Iban => 0.97,
            Kind::PaymentCard => 0.9,
            Kind::Phone => 0.8,
            Kind::Bsn => 0.7,
            Kind::Postcode => 0.85,
            Kind::Ipv4 => 0.8,
            Kind::Ipv6 => 0.85,
            Kind::Date => 0.3,
        }
    }

    /// Checks the whole (trimmed) value against this kind's detector.
    pub fn matches_value(self, value: &str) -> bool {
        match self {
            Kind::Email => email::is_email(value),
            Kind::Phone => phone::is_phone(value),
            Kind::Iban => iban::is_iban(value),
            Kind::Bsn => bsn::is_bsn(value),
            Kind::PaymentCard => card::is_card_number(value),
            Kind::Postcode => postcode::is_postcode(value),
            Kind::Ipv4 => ip::is_ipv4(value),
            Kind::Ipv6 => ip::is_ipv6(value),
            Kind::Date => date::is_date(value),
        }
    }
}
