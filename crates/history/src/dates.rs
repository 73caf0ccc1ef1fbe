//! The day a commit was made: commits carry seconds since the epoch and an
//! offset; the register speaks in days ([`ropa_law::date`]).

pub use ropa_law::date::{Day, civil_from_days, parse_day, today_utc, unix_seconds};

/// The day a commit was made, in the committer's own time zone.
pub fn day_of(time: &git2::Time) -> Day {
    let local = time.seconds() + i64::from(time.offset_minutes()) * 60;
    civil_from_days(local.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_is_dated_in_its_own_time_zone() {
        assert_eq!(
            day_of(&git2::Time::new(1_608_595_200 - 1, 60)).to_string(),
            "2020-12-22"
        );
        assert_eq!(
            day_of(&git2::Time::new(1_608_595_200 - 1, 0)).to_string(),
            "2020-12-21"
        );
    }
}
