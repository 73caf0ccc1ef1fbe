//! The legal facts ropa works with, each written once.
//!
//! The register's rules, the statement, the records, the gaps and the plugin
//! SDK all ask the same questions of the law: which rights follow from a
//! legal basis, whether a country is inside the territory of the law the
//! register is kept under (the EU or the UK GDPR), which adequacy finding
//! covers it on a given day, whether a kind of data is a special category,
//! which authority a controller in a country complains to.
//! They ask them here, so that an answer can change in one place.
//!
//! The crate has no dependencies (serde and schemars only behind features,
//! for the register), so the plugin SDK can use it inside WebAssembly.

pub mod adequacy;
pub mod authorities;
pub mod basis;
pub mod date;
pub mod dpv;
pub mod jurisdiction;
pub mod rights;
pub mod special;
pub mod territory;

pub use basis::Basis;
pub use date::Day;
pub use jurisdiction::Jurisdiction;
pub use rights::Right;
pub use special::SpecialCategory;
pub use territory::in_eea;
