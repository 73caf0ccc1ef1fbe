//! The register model: serde types for every file kind of a register directory.
//!
//! One concern per file on disk, one module per file kind here. The types are
//! the single source of truth for the JSON Schemas in `schemas/` (generated
//! with schemars and checked by a test), so an editor and `ropa validate`
//! agree on what a file may contain. Unknown fields are an error everywhere.
//!
//! Public texts are [`Text`] (`{"nl": …, "en": …}`); internal notes for the
//! DPO and auditors are plain strings. Negative facts are explicit: `false`,
//! `"none"` or an empty list, never a missing field.

mod activity;
mod category;
mod common;
mod law_ref;
mod organisation;
mod period;
mod recipient;
mod subject;
mod system;

pub use activity::*;
pub use category::*;
pub use common::*;
pub use law_ref::*;
pub use organisation::*;
pub use period::*;
pub use recipient::*;
pub use subject::*;
pub use system::*;
