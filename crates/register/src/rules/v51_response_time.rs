//! V51: the response time to a rights request is at most one month.

use super::declare::rule;
use super::{Findings, Rule};
use crate::model::PeriodParts;
use crate::register::{FileRef, Register};

rule! {
    /// ## What it checks
    /// `rights.response_time` in `organisation.json`, when given, is a
    /// duration of at most one month (`P1M`, `P30D`, `P4W`, `P14D`). A
    /// longer one (`P45D`, `P2M`, `P6M`) is an error, and so is one of no
    /// length (`P0D`).
    ///
    /// ## Why
    /// The controller answers a request without undue delay and at the
    /// latest within one month of receiving it; that period may be extended
    /// by two further months where necessary, taking into account the
    /// complexity and number of requests, and the person is told of the
    /// extension, with the reasons, within the first month (Art. 12(3)).
    /// The statement says both: the response time the register gives, and
    /// the extension the law allows. A response time beyond one month would
    /// stand next to "we will tell you within the first month" and promise
    /// what the law forbids.
    ///
    /// ## Example
    /// ```json
    /// "rights": { "channels": […], "response_time": "P6M" }
    /// ```
    ///
    /// ## How to fix
    /// Give the time you answer within, at most `P1M`; for requests that
    /// need longer, the statement already says that the period may be
    /// extended by two months, and you tell the person so within the first
    /// month.
    ///
    /// ## Reference
    /// - [§4, row V51](docs/gdpr-register-model.md#4-semantic-validation-rules-beyond-json-schema)
    V51 {
        title: "the response time to a rights request is at most one month",
        articles: "Art. 12(3)",
        severity: Error,
        acknowledgeable: false,
        check: Register(check),
    }
}

fn check(register: &Register, out: &mut Findings) {
    let Some(time) = register.organisation.rights.response_time.as_deref() else {
        return;
    };
    let within_a_month = PeriodParts::parse(time).map(|p| {
        // A month is at least 28 days; 30 or 31 days, or four weeks and a
        // few days, are read as the month they stand for.
        let days = u64::from(p.years) * 365
            + u64::from(p.months) * 31
            + u64::from(p.weeks) * 7
            + u64::from(p.days)
            + u64::from(p.hours).div_ceil(24)
            + u64::from(p.minutes).div_ceil(24 * 60)
            + u64::from(p.seconds).div_ceil(24 * 60 * 60);
        days <= 31
    });
    let problem = match within_a_month {
        None => format!("the response time \"{time}\" is no length of time"),
        Some(true) => return,
        Some(false) => format!(
            "the response time \"{time}\" is longer than the one month the law allows (Art. 12(3)), and the statement would say it next to \"we will tell you within the first month\""
        ),
    };
    out.error(
        Rule::V51,
        &FileRef::Organisation,
        "/rights/response_time",
        problem,
        "give at most \"P1M\"; the extension by two further months where necessary is the law's, and the statement says it",
    );
}
