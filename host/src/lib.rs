//! ropa keeps an organisation's GDPR Record of Processing Activities (the
//! Art. 30 register) as a directory of JSON files, checks it against its
//! schemas and the legal rules, and derives the public statement from it.
//!
//! The work is done by the crates under `crates/`. This library is what a
//! front end calls: [`ops`], one operation per command, typed results and
//! no printing. The `ropa` binary (`main.rs`, `cli/`) parses arguments,
//! calls an operation and prints its result.

pub mod ops;
pub mod terminal;
