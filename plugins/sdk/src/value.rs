//! Whole-value detection: which kinds does one sampled cell match?

use crate::Kind;

/// A set of [`Kind`]s, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KindSet(u32);

impl KindSet {
    /// The empty set.
    pub const EMPTY: KindSet = KindSet(0);

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    /// Adds `kind`.
    pub fn insert(&mut self, kind: Kind) {
        self.0 |= 1 << kind.index();
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in [`Kind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

/// The kinds whose detector matches the whole (trimmed) `value`: usually
/// none or one; a few values fit two shapes.
///
/// ```
/// use ropa_plugin_sdk::{detect_value, Kind};
/// assert!(detect_value("NL91ABNA0417164300").contains(Kind::Iban));
/// assert!(detect_value("Amsterdam").is_empty());
/// ```
pub fn detect_value(value: &str) -> KindSet {
    let mut set = KindSet::EMPTY;
    let v = value.trim();
    // Cheap shape checks first: most cells are words or plain numbers.
    let Some(&first) = v.as_bytes().first() else {
        return set;
    };
    if v.len() > 64 {
        return set;
    }
    if v.contains('@') {
        if crate::email::is_email(v) {
            set.insert(Kind::Email);
        }
        return set;
    }
    let digit_start = first.is_ascii_digit();
    for kind in Kind::ALL {
        let plausible = match kind {
            Kind::Email => false,
            Kind::Iban => first.is_ascii_alphabetic(),
            Kind::Phone => digit_start || first == b'+' || first == b'(',
            Kind::Ipv6 => v.contains(':'),
            // "March 15, 1985" starts with its month.
            Kind::Date => digit_start || first.is_ascii_alphabetic(),
            Kind::EsDni => digit_start || matches!(first, b'X' | b'Y' | b'Z' | b'x' | b'y' | b'z'),
            Kind::ItCodiceFiscale => first.is_ascii_alphabetic() && v.len() == 16,
            _ => digit_start,
        };
        if plausible && kind.matches_value(v) {
            set.insert(kind);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_kind_per_typical_value() {
        let cases = [
            ("jan@example.nl", Kind::Email),
            ("06-12345678", Kind::Phone),
            ("+31 20 1234567", Kind::Phone),
            ("NL91ABNA0417164300", Kind::Iban),
            ("111222333", Kind::Bsn),
            ("4111 1111 1111 1111", Kind::PaymentCard),
            ("1234 AB", Kind::Postcode),
            ("192.168.1.10", Kind::Ipv4),
            ("2001:db8::1", Kind::Ipv6),
            ("1985-03-12", Kind::Date),
            ("March 15, 1985", Kind::Date),
            ("03/15/1985", Kind::Date),
            ("RSSMRA85T10A562S", Kind::ItCodiceFiscale),
            ("X1234567L", Kind::EsDni),
            ("078-05-1121", Kind::UsSsn),
        ];
        for (v, k) in cases {
            let set = detect_value(v);
            assert_eq!(set.iter().collect::<Vec<_>>(), vec![k], "{v}");
        }
    }

    #[test]
    fn nothing_in_ordinary_values() {
        for v in [
            "",
            "  ",
            "Amsterdam",
            "Jan de Vries",
            "42",
            "12.50",
            "true",
            "SKU-48213",
            "2024",
            "a@b",
        ] {
            assert!(detect_value(v).is_empty(), "{v:?}");
        }
    }
}
