//! ropa keeps an organisation's GDPR Record of Processing Activities (the
//! Art. 30 register) as a directory of JSON files, checks it against its
//! schemas and the legal rules, and derives the public statement from it.
//!
//! The library knows nothing of the command line: `main.rs` parses
//! arguments and prints, the modules here read, check and produce.

pub mod diagnostic;
pub mod history;
pub mod init;
pub mod load;
pub mod model;
pub mod open;
pub mod register;
pub mod rules;
pub mod schema;
pub mod semantic_diff;
mod schema_errors;
pub mod source;
pub mod span;
pub mod synthetic;
pub mod validate;
