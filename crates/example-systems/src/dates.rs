//! Dates and times as seconds since the epoch, with the calendar arithmetic
//! done here rather than by a dependency, and the period the data covers.

use crate::rng::Rng;

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let day = ropa_law::date::civil_from_days(z);
    (day.year, day.month, day.day)
}

/// Seconds since the epoch.
pub(crate) type Ts = i64;

pub(crate) const DAY: i64 = 86_400;

pub(crate) fn ts(y: i64, m: u32, d: u32) -> Ts {
    days_from_civil(y, m, d) * DAY
}

/// `YYYY-MM-DD HH:MM:SS`.
pub(crate) fn fmt_ts(t: Ts) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// `YYYY-MM-DD`.
pub(crate) fn fmt_date(t: Ts) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

pub(crate) fn year_of(t: Ts) -> i64 {
    civil_from_days(t.div_euclid(DAY)).0
}

/// A moment between `from` and `to`, at a time of day people are awake.
pub(crate) fn moment(rng: &mut Rng, from: Ts, to: Ts) -> Ts {
    let day = rng.range(
        from.div_euclid(DAY),
        (to.div_euclid(DAY)).max(from.div_euclid(DAY)),
    );
    let t = day * DAY + rng.range(7 * 3600, 23 * 3600 - 1);
    t.clamp(from, to.max(from))
}

/// The first customer signed up on this day; the data ends on the last.
pub(crate) fn start() -> Ts {
    ts(2019, 1, 1)
}
pub(crate) fn end() -> Ts {
    ts(2024, 10, 31) + 18 * 3600
}
pub(crate) fn export_time() -> Ts {
    ts(2024, 11, 4) + 8 * 3600 + 30 * 60
}
