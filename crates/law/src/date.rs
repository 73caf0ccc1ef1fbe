//! Calendar days, as the law and the register speak of them: a decision
//! applies from one day until another, a record is dated. No clock time,
//! no time zones beyond "today, in UTC".

use std::fmt;

/// A calendar day (proleptic Gregorian), ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// A day written in code, checked when the constant is evaluated.
    pub const fn ymd(year: i64, month: u32, day: u32) -> Day {
        assert!(month >= 1 && month <= 12 && day >= 1 && day <= 31);
        Day { year, month, day }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `YYYY-MM-DD`, or `None` for anything else (a revision, say).
pub fn parse_day(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = text[..4].parse().ok()?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
}

/// Today, in UTC.
pub fn today_utc() -> Day {
    civil_from_days(unix_seconds().div_euclid(86_400))
}

/// Seconds since 1970-01-01 UTC, now.
pub fn unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a date.
pub fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_the_calendar() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(18_618).to_string(), "2020-12-22");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(parse_day("2020-12-22"), Some(Day::ymd(2020, 12, 22)));
        assert_eq!(parse_day("HEAD~1"), None);
        assert_eq!(parse_day("2020-13-01"), None);
        assert!(Day::ymd(2020, 7, 16) < Day::ymd(2020, 7, 17));
    }
}
