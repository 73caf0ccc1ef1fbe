//! The processor's record (Art. 30(2)): the activities the organisation
//! carries out on behalf of other controllers (`"role": "processor"`), which
//! the controller's record leaves out. CNIL advises an organisation that is
//! both to keep two records; every format gives this one a part of its own
//! after the controller's, and only when the register has such an activity.
//!
//! An entry per activity: the processor (the organisation, its
//! representative and DPO), the controllers it acts for as the register
//! describes them and by name with their contact details, representative,
//! DPO and agreement (30(2)(a)), the processing carried out for them
//! (30(2)(b)), the sub-processors, transfers with their safeguards
//! (30(2)(c)) and the security measures (30(2)(d)). The tables have one
//! row per activity × named controller (one row for an activity that names
//! none), as the controller's record has one per activity × data category.

use super::derive::Deriver;
use super::{Column, Field};
use crate::words::{ProcessorWords, Words};
use ropa_register::model::{
    ActivityFile, Channel, Id, Lang, RecipientRole, SpecialCategory, SubProcessorAuthorisation,
};

/// A column of the processor's record, in the order the tables show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessorColumn {
    Id,
    Activity,
    Description,
    Status,
    Processor,
    Representative,
    Dpo,
    Controllers,
    Controller,
    ControllerRepresentative,
    ControllerDpo,
    Agreement,
    Processing,
    Subjects,
    Category,
    Recipients,
    RecipientContract,
    ThirdCountries,
    Safeguards,
    Security,
    Location,
    LastReview,
    NextReview,
    KnownGaps,
}

impl ProcessorColumn {
    pub const ALL: [ProcessorColumn; 24] = [
        ProcessorColumn::Id,
        ProcessorColumn::Activity,
        ProcessorColumn::Description,
        ProcessorColumn::Status,
        ProcessorColumn::Processor,
        ProcessorColumn::Representative,
        ProcessorColumn::Dpo,
        ProcessorColumn::Controllers,
        ProcessorColumn::Controller,
        ProcessorColumn::ControllerRepresentative,
        ProcessorColumn::ControllerDpo,
        ProcessorColumn::Agreement,
        ProcessorColumn::Processing,
        ProcessorColumn::Subjects,
        ProcessorColumn::Category,
        ProcessorColumn::Recipients,
        ProcessorColumn::RecipientContract,
        ProcessorColumn::ThirdCountries,
        ProcessorColumn::Safeguards,
        ProcessorColumn::Security,
        ProcessorColumn::Location,
        ProcessorColumn::LastReview,
        ProcessorColumn::NextReview,
        ProcessorColumn::KnownGaps,
    ];

    /// Whether the value differs per named controller (the rest is per activity).
    pub fn per_controller(self) -> bool {
        CONTROLLER_COLUMNS.contains(&self)
    }

    /// Whether the value is the same for every activity (the processor's details).
    pub fn processor_wide(self) -> bool {
        matches!(
            self,
            ProcessorColumn::Processor | ProcessorColumn::Representative | ProcessorColumn::Dpo
        )
    }

    /// The column of the controller's record this one shares its header
    /// and, but for the category and the recipients, its cells with.
    fn shared(self) -> Option<Column> {
        Some(match self {
            ProcessorColumn::Id => Column::Id,
            ProcessorColumn::Activity => Column::Activity,
            ProcessorColumn::Description => Column::Description,
            ProcessorColumn::Status => Column::Status,
            ProcessorColumn::Subjects => Column::Subjects,
            ProcessorColumn::Category => Column::Category,
            ProcessorColumn::ThirdCountries => Column::ThirdCountries,
            ProcessorColumn::Safeguards => Column::Safeguards,
            ProcessorColumn::Security => Column::Security,
            ProcessorColumn::Location => Column::Location,
            ProcessorColumn::LastReview => Column::LastReview,
            ProcessorColumn::NextReview => Column::NextReview,
            ProcessorColumn::KnownGaps => Column::KnownGaps,
            _ => return None,
        })
    }

    /// The column's name in `lang`.
    pub fn header(self, lang: Lang) -> &'static str {
        if let Some(column) = self.shared() {
            return column.header(lang);
        }
        let c = &Words::of(lang).records.processor.columns;
        match self {
            ProcessorColumn::Processor => &c.processor,
            ProcessorColumn::Representative => &c.representative,
            ProcessorColumn::Dpo => &c.dpo,
            ProcessorColumn::Controllers => &c.controllers,
            ProcessorColumn::Controller => &c.controller,
            ProcessorColumn::ControllerRepresentative => &c.controller_representative,
            ProcessorColumn::ControllerDpo => &c.controller_dpo,
            ProcessorColumn::Agreement => &c.agreement,
            ProcessorColumn::Processing => &c.processing,
            ProcessorColumn::Recipients => &c.recipients,
            ProcessorColumn::RecipientContract => &c.recipient_contract,
            _ => unreachable!("a shared column"),
        }
    }

    /// Column width in the spreadsheet, in characters.
    pub fn width(self) -> f64 {
        match self {
            ProcessorColumn::Id | ProcessorColumn::Status => 14.0,
            ProcessorColumn::LastReview | ProcessorColumn::NextReview => 14.0,
            ProcessorColumn::Activity | ProcessorColumn::Category => 24.0,
            ProcessorColumn::Subjects | ProcessorColumn::Agreement => 28.0,
            ProcessorColumn::RecipientContract | ProcessorColumn::ThirdCountries => 28.0,
            ProcessorColumn::Location => 28.0,
            ProcessorColumn::Representative | ProcessorColumn::ControllerRepresentative => 30.0,
            ProcessorColumn::ControllerDpo => 30.0,
            ProcessorColumn::Processor | ProcessorColumn::Dpo | ProcessorColumn::Controller => 34.0,
            _ => 44.0,
        }
    }
}

/// The columns whose value differs per named controller, in the order of
/// [`ProcessorActivity::controllers`]' cells, which is their order in
/// [`ProcessorColumn::ALL`].
pub const CONTROLLER_COLUMNS: [ProcessorColumn; 4] = [
    ProcessorColumn::Controller,
    ProcessorColumn::ControllerRepresentative,
    ProcessorColumn::ControllerDpo,
    ProcessorColumn::Agreement,
];

/// The processor's record, in one language.
#[derive(Debug, Clone)]
pub struct ProcessorRecord {
    pub lang: Lang,
    /// Its words in the record's language: title, headings, tab name.
    pub labels: &'static ProcessorWords,
    /// The processor's details (Art. 30(2)(a)), shared by every activity.
    pub processor: Vec<Field<ProcessorColumn>>,
    pub activities: Vec<ProcessorActivity>,
}

/// One activity carried out on behalf of controllers.
#[derive(Debug, Clone)]
pub struct ProcessorActivity {
    pub id: String,
    pub name: String,
    /// Activity-level fields, in column order (the processor's details left out).
    pub fields: Vec<Field<ProcessorColumn>>,
    /// One entry per named controller: the lines of each of
    /// [`CONTROLLER_COLUMNS`].
    pub controllers: Vec<[Vec<String>; 4]>,
}

impl ProcessorRecord {
    /// The processor's record of `entries` (activities carried out as
    /// processor, in the record's order); `None` when there are none.
    pub(super) fn derive(d: &Deriver<'_>, entries: &[(&Id, &ActivityFile)]) -> Option<Self> {
        if entries.is_empty() {
            return None;
        }
        let processor = ProcessorColumn::ALL
            .iter()
            .filter(|c| c.processor_wide())
            .map(|&c| field(d.lang, c, processor_value(d, c)))
            .collect();
        let activities = entries
            .iter()
            .map(|(id, a)| activity(d, id.as_str(), a))
            .collect();
        Some(ProcessorRecord {
            lang: d.lang,
            labels: &d.w.processor,
            processor,
            activities,
        })
    }

    /// The header row of the tables.
    pub fn headers(&self) -> Vec<&'static str> {
        ProcessorColumn::ALL
            .iter()
            .map(|c| c.header(self.lang))
            .collect()
    }

    /// The headers of an activity's table of named controllers.
    pub fn controller_headers(&self) -> [&'static str; 4] {
        CONTROLLER_COLUMNS.map(|c| c.header(self.lang))
    }

    /// The table's rows, each with the id of its activity: one per activity
    /// × named controller, one for an activity that names none (its
    /// controller cells empty), each cell in [`ProcessorColumn::ALL`] order
    /// with its lines joined.
    pub fn rows(&self) -> Vec<(&str, Vec<String>)> {
        let processor: Vec<(ProcessorColumn, String)> = joined(&self.processor);
        let mut rows = Vec::new();
        for activity in &self.activities {
            let own = joined(&activity.fields);
            let none: [Vec<String>; 4] = Default::default();
            let controllers: Vec<&[Vec<String>; 4]> = if activity.controllers.is_empty() {
                vec![&none]
            } else {
                activity.controllers.iter().collect()
            };
            for controller in controllers {
                let cells = ProcessorColumn::ALL
                    .iter()
                    .map(|&column| match column {
                        ProcessorColumn::Id => activity.id.clone(),
                        ProcessorColumn::Activity => activity.name.clone(),
                        c if c.processor_wide() => lookup(&processor, c),
                        c => match CONTROLLER_COLUMNS.iter().position(|&k| k == c) {
                            Some(slot) => controller[slot].join("\n"),
                            None => lookup(&own, c),
                        },
                    })
                    .collect();
                rows.push((activity.id.as_str(), cells));
            }
        }
        rows
    }
}

fn field(lang: Lang, column: ProcessorColumn, lines: Vec<String>) -> Field<ProcessorColumn> {
    Field {
        column,
        label: column.header(lang),
        lines,
    }
}

fn joined(fields: &[Field<ProcessorColumn>]) -> Vec<(ProcessorColumn, String)> {
    fields
        .iter()
        .map(|f| (f.column, f.lines.join("\n")))
        .collect()
}

fn lookup(cells: &[(ProcessorColumn, String)], column: ProcessorColumn) -> String {
    cells
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The processor's details: the organisation, its representative (in the
/// processor's words where it is established in the territory) and DPO.
fn processor_value(d: &Deriver<'_>, column: ProcessorColumn) -> Vec<String> {
    match column {
        ProcessorColumn::Processor => d.organisation_value(Column::Controller),
        ProcessorColumn::Dpo => d.organisation_value(Column::Dpo),
        ProcessorColumn::Representative => {
            d.representatives(|words| &words.records.processor.words.representative_established)
        }
        _ => Vec::new(),
    }
}

fn activity(d: &Deriver<'_>, id: &str, a: &ActivityFile) -> ProcessorActivity {
    let fields = ProcessorColumn::ALL
        .iter()
        .filter(|c| !c.processor_wide() && !c.per_controller())
        .filter(|c| !matches!(c, ProcessorColumn::Id | ProcessorColumn::Activity))
        .map(|&c| field(d.lang, c, activity_value(d, c, a)))
        .collect();
    let controllers = a
        .processing_for
        .iter()
        .flat_map(|p| p.names.iter().map(move |named| (p, named)))
        .map(|(p, named)| {
            let details = named.details();
            let mut name = vec![named.name().trim().to_owned()];
            if let Some(c) = details.filter(|c| !c.contact.is_empty()) {
                name.push(d.channels(&c.contact));
            }
            let representative = details
                .and_then(|c| c.representative.as_ref())
                .map(|r| party(d, Some(&r.name), &r.contact))
                .into_iter()
                .collect();
            let dpo = details
                .and_then(|c| c.dpo.as_ref())
                .map(|o| party(d, o.name.as_deref(), &o.contact))
                .into_iter()
                .collect();
            let agreement = vec![
                p.agreement_of(named)
                    .map(str::to_owned)
                    .unwrap_or_else(|| d.w.words.not_recorded.clone()),
            ];
            [name, representative, dpo, agreement]
        })
        .collect();
    ProcessorActivity {
        id: id.to_owned(),
        name: d.t(&a.name),
        fields,
        controllers,
    }
}

/// "Name (channels)", or either alone.
fn party(d: &Deriver<'_>, name: Option<&str>, contact: &[Channel]) -> String {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    match (name, contact.is_empty()) {
        (Some(name), true) => name.to_owned(),
        (Some(name), false) => format!("{name} ({})", d.channels(contact)),
        (None, _) => d.channels(contact),
    }
}

fn activity_value(d: &Deriver<'_>, column: ProcessorColumn, a: &ActivityFile) -> Vec<String> {
    let none = || vec![d.w.words.none.clone()];
    match column {
        // Who the controllers are, where the list of them is kept, and the
        // agreements that hold for all of them.
        ProcessorColumn::Controllers => match &a.processing_for {
            None => vec![d.w.words.not_recorded.clone()],
            Some(p) => {
                let w = &d.w.processor.words;
                let given = |r: &Option<String>| {
                    r.as_deref()
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned)
                };
                let mut lines: Vec<String> = Some(d.t(&p.controllers))
                    .filter(|c| !c.is_empty())
                    .into_iter()
                    .collect();
                if let Some(list) = given(&p.list_ref) {
                    lines.push(format!("{}: {list}", w.list_ref));
                }
                if let Some(agreements) = given(&p.agreement_ref) {
                    lines.push(format!("{}: {agreements}", w.agreements));
                }
                lines
            }
        },
        // The processing carried out for the controllers (Art. 30(2)(b)):
        // the purposes they set, as the controller's record tells its own.
        ProcessorColumn::Processing => a
            .purposes
            .iter()
            .map(|p| {
                let label = d.t(&p.label);
                match &p.description {
                    Some(description) => format!("{label}: {}", d.t(description)),
                    None => label,
                }
            })
            .collect(),
        // The data processed, each category with its items and, for a
        // special or criminal-offence category, its kind: the condition
        // that allows it is the controller's.
        ProcessorColumn::Category => {
            let lines: Vec<String> = a
                .data
                .iter()
                .map(|data| {
                    let mut line = d.category_with_items(&data.category);
                    if let Some(category) = d.category(&data.category) {
                        if category.special != SpecialCategory::None {
                            line.push_str(&format!(
                                "; {} ({})",
                                d.special_name(category.special),
                                d.w.words.article_9_1
                            ));
                        }
                        if category.criminal {
                            line.push_str(&format!("; {}", d.w.words.criminal));
                        }
                    }
                    line
                })
                .collect();
            if lines.is_empty() { none() } else { lines }
        }
        // A processor the organisation engages for this processing is a
        // sub-processor of its controllers (Art. 28(2), (4)).
        ProcessorColumn::Recipients => {
            let lines: Vec<String> = a
                .recipients
                .iter()
                .map(|id| match d.recipient(id) {
                    Some(r) => {
                        let mut line = d.t(&r.label);
                        if let Some(name) = &r.name {
                            line = format!("{line} ({name})");
                        }
                        let role = match r.role {
                            RecipientRole::Processor => RecipientRole::SubProcessor,
                            other => other,
                        };
                        line = format!("{line}: {}; {}", d.role(role), d.countries(&r.countries));
                        let w = &d.w.processor.words;
                        match r.authorisation {
                            Some(SubProcessorAuthorisation::General) => {
                                line.push_str(&format!("; {}", w.authorisation_general));
                            }
                            Some(SubProcessorAuthorisation::Specific) => {
                                line.push_str(&format!("; {}", w.authorisation_specific));
                            }
                            None => {}
                        }
                        line
                    }
                    None => id.to_string(),
                })
                .collect();
            if lines.is_empty() { none() } else { lines }
        }
        ProcessorColumn::RecipientContract => d.activity_value(Column::ProcessorContract, a),
        c => match c.shared() {
            Some(column) => d.activity_value(column, a),
            None => Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controller_columns_are_in_table_order() {
        let in_all: Vec<ProcessorColumn> = ProcessorColumn::ALL
            .into_iter()
            .filter(|c| c.per_controller())
            .collect();
        assert_eq!(in_all, CONTROLLER_COLUMNS);
    }

    #[test]
    fn a_column_as_usize_is_its_place_in_all() {
        for (i, column) in ProcessorColumn::ALL.iter().enumerate() {
            assert_eq!(*column as usize, i, "{column:?}");
        }
    }

    /// Every column has a header in every language, and none is another's.
    #[test]
    fn every_column_has_a_header_of_its_own() {
        for lang in Lang::all() {
            let headers: Vec<&str> = ProcessorColumn::ALL
                .iter()
                .map(|c| c.header(lang))
                .collect();
            for (i, header) in headers.iter().enumerate() {
                assert!(
                    !header.trim().is_empty(),
                    "{lang}: {:?}",
                    ProcessorColumn::ALL[i]
                );
                assert!(
                    !headers[..i].contains(header),
                    "{lang}: {header:?} names two columns"
                );
            }
        }
    }
}
