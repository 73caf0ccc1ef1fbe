//! The register: an organisation's Art. 30 record as a directory of JSON
//! files. Its model, its schemas, reading it from disk with diagnostics that
//! name the file and place, and the legal rules it must pass.

// A `Diagnostic` is the error value of reading a file; it is made once per
// problem, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod atomic;
pub mod diagnostic;
pub mod init;
pub mod json_edit;
pub mod json_value;
pub mod load;
pub mod model;
pub mod parallel;
pub mod register;
pub mod rules;
pub mod schema;
mod schema_errors;
pub mod source;
pub mod span;
pub mod validate;
