//! ISO 8601 durations, as retention periods and response times are written:
//! `P7Y`, `P1Y6M`, `P2W`, `PT48H`, `PT30S`.

use iso8601::Duration;

/// The schema's pattern for a duration: years to days, or weeks alone, and
/// a time part of hours, minutes and seconds. Whole numbers only.
pub const PATTERN: &str =
    r"^P(([0-9]+W)|([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?)$";

/// A duration split into its units, as the register wrote them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodParts {
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
    pub hours: u32,
    pub minutes: u32,
    pub seconds: u32,
}

impl PeriodParts {
    /// The parts of an ISO 8601 duration; `None` for anything else, and for
    /// a duration of nothing (`P`, `PT`, `P0D`), which sets no period.
    pub fn parse(text: &str) -> Option<PeriodParts> {
        // The library parses a prefix and drops the rest; the pattern makes
        // sure there is no rest (and no fractions it would round).
        if !matches_pattern(text) {
            return None;
        }
        let parts = match iso8601::duration(text).ok()? {
            Duration::Weeks(weeks) => PeriodParts {
                weeks,
                ..PeriodParts::default()
            },
            Duration::YMDHMS {
                year,
                month,
                day,
                hour,
                minute,
                second,
                millisecond: _,
            } => PeriodParts {
                years: year,
                months: month,
                days: day,
                hours: hour,
                minutes: minute,
                seconds: second,
                weeks: 0,
            },
        };
        (parts != PeriodParts::default()).then_some(parts)
    }

    /// Each unit with its count, largest first, leaving out the zeros.
    pub fn units(&self) -> impl Iterator<Item = (TimeUnit, u32)> {
        [
            (TimeUnit::Year, self.years),
            (TimeUnit::Month, self.months),
            (TimeUnit::Week, self.weeks),
            (TimeUnit::Day, self.days),
            (TimeUnit::Hour, self.hours),
            (TimeUnit::Minute, self.minutes),
            (TimeUnit::Second, self.seconds),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

fn matches_pattern(text: &str) -> bool {
    static PATTERN_RE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(PATTERN).expect("the pattern compiles"));
    PATTERN_RE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_split_into_their_units() {
        let p = |s| PeriodParts::parse(s);
        assert_eq!(p("P7Y").unwrap().years, 7);
        let mixed = p("P1Y6M3DT4H5M6S").unwrap();
        assert_eq!(
            (
                mixed.years,
                mixed.months,
                mixed.days,
                mixed.hours,
                mixed.minutes,
                mixed.seconds
            ),
            (1, 6, 3, 4, 5, 6)
        );
        assert_eq!(p("PT48H").unwrap().hours, 48);
        assert_eq!(p("PT30S").unwrap().seconds, 30);
        assert_eq!(p("P2W").unwrap().weeks, 2);
        // The minutes of the time part are not the months of the date part.
        assert_eq!(p("PT15M").unwrap().minutes, 15);
        assert_eq!(p("PT15M").unwrap().months, 0);
        for wrong in [
            "", "P", "PT", "P0D", "7Y", "P1.5Y", "P1W2D", "P1D2Y", "PT1H2D", "P1Yx", "P-1Y",
            "PT1HT2M",
        ] {
            assert_eq!(p(wrong), None, "{wrong}");
        }
    }
}
