//! Collecting a sample: rows in the order of their place in the table,
//! their bytes counted against what the run's budget has left.

use std::collections::BTreeMap;
use std::time::Instant;

use super::Row;
use crate::{Refusal, time_limit};

/// Collects sampled rows, keyed (and so ordered) by their place `K`,
/// counting their bytes against what the budget has left. A row whose bytes
/// are more than that is refused, and the bytes count as spent.
pub struct Taker<K> {
    rows: BTreeMap<K, Row>,
    bytes: u64,
    bytes_left: u64,
    bytes_ran_out: bool,
    deadline: Instant,
}

/// What a sample took: the rows in order, their bytes, and whether a row
/// was refused for want of bytes.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    pub rows: Vec<Row>,
    pub bytes: u64,
    pub bytes_ran_out: bool,
}

impl<K: Ord> Taker<K> {
    pub(crate) fn new(bytes_left: u64, deadline: Instant) -> Self {
        Taker {
            rows: BTreeMap::new(),
            bytes: 0,
            bytes_left,
            bytes_ran_out: false,
            deadline,
        }
    }

    /// Rows taken so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row was taken yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether the row at `key` was taken already.
    pub fn contains(&self, key: &K) -> bool {
        self.rows.contains_key(key)
    }

    /// Whether a row was refused because its bytes were more than the
    /// budget had left: nothing more should be read.
    pub fn bytes_ran_out(&self) -> bool {
        self.bytes_ran_out
    }

    /// `LimitExceeded` once the run's deadline has passed: for loops of
    /// short statements, which a timer between two of them would miss.
    pub fn check_time(&self) -> Result<(), Refusal> {
        if Instant::now() >= self.deadline {
            Err(time_limit())
        } else {
            Ok(())
        }
    }

    /// Adds the row at `key`; false (and the row dropped) when its bytes are
    /// more than the budget has left.
    pub fn take(&mut self, key: K, values: Row) -> bool {
        let size: u64 = values
            .iter()
            .map(|v| v.as_ref().map_or(0, |v| v.len() as u64))
            .sum();
        if self.bytes + size > self.bytes_left {
            self.bytes_ran_out = true;
            return false;
        }
        self.bytes += size;
        self.rows.insert(key, values);
        true
    }

    pub(crate) fn finish(self) -> Taken {
        Taken {
            rows: self.rows.into_values().collect(),
            bytes: self.bytes,
            bytes_ran_out: self.bytes_ran_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn row(values: &[Option<&str>]) -> Row {
        values.iter().map(|v| v.map(str::to_owned)).collect()
    }

    #[test]
    fn takes_in_key_order_until_the_bytes_run_out() {
        let mut taker = Taker::new(10, Instant::now() + Duration::from_secs(60));
        assert!(taker.take(3, row(&[Some("ccc")])));
        assert!(taker.take(1, row(&[Some("a"), None])));
        assert!(taker.contains(&3) && !taker.contains(&2));
        assert!(!taker.take(2, row(&[Some("too long")])));
        assert!(taker.bytes_ran_out());
        assert_eq!(taker.len(), 2);
        let taken = taker.finish();
        assert_eq!(taken.rows, [row(&[Some("a"), None]), row(&[Some("ccc")])]);
        assert_eq!(taken.bytes, 4);
        assert!(taken.bytes_ran_out);
    }

    #[test]
    fn a_passed_deadline_is_a_time_limit() {
        let taker = Taker::<i64>::new(10, Instant::now());
        assert!(matches!(taker.check_time(), Err(Refusal::LimitExceeded(m)) if m.contains("time")));
    }
}
