//! The record's columns: their order, which belong to the organisation or
//! to each data category, their headers in each language and their widths.

use ropa_register::model::Lang;

use crate::words::Words;

/// A column of the record, in the order the tables show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Activity,
    BusinessFunction,
    Description,
    Public,
    Status,
    Controller,
    JointController,
    Dpo,
    Representative,
    Purpose,
    LawfulBasis,
    LegitimateInterests,
    Lia,
    Subjects,
    Category,
    SpecialCategory,
    Source,
    Recipients,
    ProcessorContract,
    ThirdCountries,
    Safeguards,
    Retention,
    Security,
    Rights,
    Adm,
    ConsentRecord,
    Location,
    DpiaRequired,
    Dpia,
    LastReview,
    NextReview,
    KnownGaps,
}

impl Column {
    pub const ALL: [Column; 33] = [
        Column::Id,
        Column::Activity,
        Column::BusinessFunction,
        Column::Description,
        Column::Public,
        Column::Status,
        Column::Controller,
        Column::JointController,
        Column::Dpo,
        Column::Representative,
        Column::Purpose,
        Column::LawfulBasis,
        Column::LegitimateInterests,
        Column::Lia,
        Column::Subjects,
        Column::Category,
        Column::SpecialCategory,
        Column::Source,
        Column::Recipients,
        Column::ProcessorContract,
        Column::ThirdCountries,
        Column::Safeguards,
        Column::Retention,
        Column::Security,
        Column::Rights,
        Column::Adm,
        Column::ConsentRecord,
        Column::Location,
        Column::DpiaRequired,
        Column::Dpia,
        Column::LastReview,
        Column::NextReview,
        Column::KnownGaps,
    ];

    /// Whether the value differs per data category (the rest is per activity).
    pub fn per_category(self) -> bool {
        matches!(
            self,
            Column::Category | Column::SpecialCategory | Column::Source | Column::Retention
        )
    }

    /// Whether the value is the same for every activity (the controller block).
    pub fn organisation_wide(self) -> bool {
        matches!(
            self,
            Column::Controller | Column::JointController | Column::Dpo | Column::Representative
        )
    }

    /// The column's name in `lang`.
    pub fn header(self, lang: Lang) -> &'static str {
        let c = &Words::of(lang).records.columns;
        match self {
            Column::Id => &c.id,
            Column::Activity => &c.activity,
            Column::BusinessFunction => &c.business_function,
            Column::Description => &c.description,
            Column::Public => &c.public,
            Column::Status => &c.status,
            Column::Controller => &c.controller,
            Column::JointController => &c.joint_controller,
            Column::Dpo => &c.dpo,
            Column::Representative => &c.representative,
            Column::Purpose => &c.purpose,
            Column::LawfulBasis => &c.lawful_basis,
            Column::LegitimateInterests => &c.legitimate_interests,
            Column::Lia => &c.lia,
            Column::Subjects => &c.subjects,
            Column::Category => &c.category,
            Column::SpecialCategory => &c.special_category,
            Column::Source => &c.source,
            Column::Recipients => &c.recipients,
            Column::ProcessorContract => &c.processor_contract,
            Column::ThirdCountries => &c.third_countries,
            Column::Safeguards => &c.safeguards,
            Column::Retention => &c.retention,
            Column::Security => &c.security,
            Column::Rights => &c.rights,
            Column::Adm => &c.adm,
            Column::ConsentRecord => &c.consent_record,
            Column::Location => &c.location,
            Column::DpiaRequired => &c.dpia_required,
            Column::Dpia => &c.dpia,
            Column::LastReview => &c.last_review,
            Column::NextReview => &c.next_review,
            Column::KnownGaps => &c.known_gaps,
        }
    }

    /// Column width in the spreadsheet, in characters.
    pub fn width(self) -> f64 {
        match self {
            Column::Id | Column::Public | Column::Status => 14.0,
            Column::DpiaRequired | Column::LastReview | Column::NextReview => 14.0,
            Column::Activity | Column::BusinessFunction | Column::Category => 24.0,
            Column::Subjects | Column::Lia | Column::Dpia | Column::ProcessorContract => 28.0,
            Column::ThirdCountries | Column::SpecialCategory | Column::Location => 28.0,
            Column::Rights | Column::ConsentRecord | Column::Representative => 30.0,
            Column::Controller | Column::JointController | Column::Dpo => 34.0,
            _ => 44.0,
        }
    }
}

/// The columns whose value differs per data category, in the order of
/// [`Records::for_each_activity`]'s data entries, which is their order in
/// [`Column::ALL`].
pub const DATA_COLUMNS: [Column; 4] = [
    Column::Category,
    Column::SpecialCategory,
    Column::Source,
    Column::Retention,
];
