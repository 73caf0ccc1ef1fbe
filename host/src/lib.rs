//! ropa keeps an organisation's GDPR Record of Processing Activities (the
//! Art. 30 register) as a directory of JSON files, checks it against its
//! schemas and the legal rules, and derives the public statement from it.
//!
//! The library knows nothing of the command line: `main.rs` parses
//! arguments and prints, the modules here read, check and produce.

// A `Diagnostic` is the error value of reading a file; it is made once per
// problem, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod atomic;
pub mod connect;
pub mod diagnostic;
pub mod gaps;
pub mod history;
pub mod init;
pub mod json_edit;
pub mod json_value;
pub mod load;
pub mod model;
pub mod open;
pub mod parallel;
pub mod plugin;
pub mod register;
pub mod render;
pub mod rules;
pub mod scan;
pub mod schema;
mod schema_errors;
pub mod semantic_diff;
pub mod source;
pub mod span;
pub mod statement;
pub mod synthetic;
pub mod terminal;
pub mod validate;
