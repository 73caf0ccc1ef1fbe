//! The internal record of processing activities (Art. 30(1)): one entry per
//! activity, public and internal, with every field Art. 30(1) asks for and
//! the extras supervisory authorities recommend (legal basis, legitimate
//! interest, sources, systems, DPIA, profiling and automated decisions,
//! review dates) and the known gaps the DPO recorded; and, when the
//! organisation carries out activities as processor, the processor's record
//! of them (Art. 30(2), [`processor`]).
//!
//! [`Records::derive`] builds the view every format shares; every word of it
//! (column names included) comes from the language's word file
//! ([`crate::words::RecordWords`]). [`super::csv`] and [`super::xlsx`] write
//! one row per activity × data category, and for the processor's record one
//! per activity × named controller.

use crate::words::{RecordWords, Words};
use ropa_register::model::{ActivityFile, Id, Lang};
use ropa_register::register::Register;

mod column;
mod derive;
pub mod processor;

pub use column::{Column, DATA_COLUMNS};
use derive::{Deriver, gap};
pub use processor::{CONTROLLER_COLUMNS, ProcessorActivity, ProcessorColumn, ProcessorRecord};

/// A field with its value, one line per item: a column of the controller's
/// record, or of the processor's.
#[derive(Debug, Clone)]
pub struct Field<C = Column> {
    pub column: C,
    pub label: &'static str,
    pub lines: Vec<String>,
}

/// The whole record, in one language.
#[derive(Debug, Clone)]
pub struct Records {
    pub lang: Lang,
    /// The record's words in `lang`: title, headings, tab names.
    pub labels: &'static RecordWords,
    pub controller_name: String,
    /// The controller block (Art. 30(1)(a)), shared by every activity.
    pub controller: Vec<Field>,
    pub activities: Vec<RecordActivity>,
    /// Known gaps recorded in organisation, categories, subjects and recipients.
    pub register_gaps: Vec<String>,
    /// The processor's record (Art. 30(2)), when the organisation carries
    /// out activities on behalf of other controllers.
    pub processor: Option<ProcessorRecord>,
    /// The date the spreadsheet carries as its creation date: the pinned
    /// "last changed" date, or 2000-01-01, never the clock.
    pub document_date: (u16, u8, u8),
}

#[derive(Debug, Clone)]
pub struct RecordActivity {
    pub id: String,
    pub name: String,
    /// Activity-level fields, in column order (organisation-wide ones left out).
    pub fields: Vec<Field>,
    /// One entry per data category.
    pub data: Vec<RecordData>,
}

/// The per-category part of an activity's record.
#[derive(Debug, Clone)]
pub struct RecordData {
    pub category: String,
    pub special: Vec<String>,
    pub sources: Vec<String>,
    pub retention: Vec<String>,
}

impl Records {
    pub fn derive(register: &Register, lang: Lang) -> Records {
        let d = Deriver::new(register, lang);
        let org = &register.organisation;
        let controller: Vec<Field> = Column::ALL
            .iter()
            .filter(|c| c.organisation_wide())
            .map(|&c| d.field(c, d.organisation_value(c)))
            .collect();
        // The controller's record (Art. 30(1)) holds the organisation's own
        // activities, in the order the statement tells them; those it
        // carries out for customers belong to the processor's record (Art.
        // 30(2)). Activities are independent of each other: derived on all
        // cores.
        let (entries, for_others): (Vec<(&Id, &ActivityFile)>, Vec<_>) = register
            .activities_in_order()
            .into_iter()
            .partition(|(_, a)| a.is_own());
        let processor = ProcessorRecord::derive(&d, &for_others);
        let activities = ropa_register::parallel::map_chunks(&entries, 64, |part| {
            part.iter()
                .map(|(id, a)| d.activity(id.as_str(), a))
                .collect::<Vec<_>>()
        })
        .concat();
        let mut register_gaps = Vec::new();
        for (file, gaps) in [
            ("organisation.json", &org.known_gaps),
            ("categories.json", &register.categories.known_gaps),
            ("subjects.json", &register.subjects.known_gaps),
            ("recipients.json", &register.recipients.known_gaps),
        ] {
            register_gaps.extend(gaps.iter().map(|g| format!("{file}: {}", gap(g))));
        }
        let document_date = org
            .notice
            .last_changed
            .as_ref()
            .and_then(|date| {
                let mut parts = date.as_str().split('-').map(|p| p.parse::<u16>().ok());
                let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
                Some((y, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
            })
            .unwrap_or((2000, 1, 1));
        Records {
            lang,
            labels: &Words::under(lang, register.organisation.jurisdiction).records,
            controller_name: org.controller.name.clone(),
            controller,
            activities,
            register_gaps,
            processor,
            document_date,
        }
    }

    /// The headers of the per-category table: category, Art. 9/10, source, retention.
    pub fn data_headers(&self) -> [&'static str; 4] {
        DATA_COLUMNS.map(|c| c.header(self.lang))
    }

    /// The header row of the tables.
    pub fn headers(&self) -> Vec<&'static str> {
        Column::ALL.iter().map(|c| c.header(self.lang)).collect()
    }

    /// Calls `each` once per activity with its own cells in [`Column::ALL`]
    /// order (the data category's four left empty) and one
    /// [`DATA_COLUMNS`] entry per data category (one of empty cells for an
    /// activity without data). An activity's own cells are the same in each
    /// of its rows, so they are joined and laid out once.
    pub fn for_each_activity<E>(
        &self,
        each: impl FnMut(&[&str], &[[&str; 4]]) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_activity_of(&self.activities, each)
    }

    /// [`Records::for_each_activity`] for some of the activities, so that
    /// a format can lay out parts of the record on different cores.
    pub fn for_each_activity_of<E>(
        &self,
        activities: &[RecordActivity],
        mut each: impl FnMut(&[&str], &[[&str; 4]]) -> Result<(), E>,
    ) -> Result<(), E> {
        let controller = joined_lines(&self.controller);
        for activity in activities {
            let own = joined_lines(&activity.fields);
            let data: Vec<[String; 4]> = activity
                .data
                .iter()
                .map(|d| {
                    [
                        d.category.clone(),
                        d.special.join("\n"),
                        d.sources.join("\n"),
                        d.retention.join("\n"),
                    ]
                })
                .collect();
            let mut data: Vec<[&str; 4]> = data
                .iter()
                .map(|[a, b, c, d]| [a.as_str(), b.as_str(), c.as_str(), d.as_str()])
                .collect();
            if data.is_empty() {
                data.push([""; 4]);
            }
            let cells: Vec<&str> = Column::ALL
                .iter()
                .map(|&column| match column {
                    Column::Id => activity.id.as_str(),
                    Column::Activity => activity.name.as_str(),
                    c if c.per_category() => "",
                    // A group company that is the activity's controller
                    // is in the activity's own fields.
                    c if c.organisation_wide() && !own.iter().any(|(o, _)| *o == c) => {
                        lookup(&controller, c)
                    }
                    c => lookup(&own, c),
                })
                .collect();
            each(&cells, &data)?;
        }
        Ok(())
    }
}

/// Each field's lines joined into its cell text.
fn joined_lines(fields: &[Field]) -> Vec<(Column, String)> {
    fields
        .iter()
        .map(|f| (f.column, f.lines.join("\n")))
        .collect()
}

fn lookup(cells: &[(Column, String)], column: Column) -> &str {
    cells
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_columns_are_in_table_order() {
        let in_all: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|c| c.per_category())
            .collect();
        assert_eq!(in_all, DATA_COLUMNS);
    }

    #[test]
    fn a_column_as_usize_is_its_place_in_all() {
        // The spreadsheet writer indexes rows with `column as usize`.
        for (i, column) in Column::ALL.iter().enumerate() {
            assert_eq!(*column as usize, i, "{column:?}");
        }
    }
}
