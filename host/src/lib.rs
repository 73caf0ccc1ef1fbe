//! ropa keeps an organisation's GDPR Record of Processing Activities (the
//! Art. 30 register) as a directory of JSON files, checks it against its
//! schemas and the legal rules, and derives the public statement from it.
//!
//! The work is done by the crates under `crates/`; this library is what a
//! front end calls, and knows nothing of the command line: `main.rs` parses
//! arguments and prints.

pub mod open;
pub mod terminal;
