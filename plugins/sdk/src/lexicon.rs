//! The word lists the name and place detectors look words up in: first
//! names and surnames of the EU and EEA languages and English, and the
//! world's places of 15,000 inhabitants or more. They are shipped in the
//! plugin (`data/*.txt`, made by `data/generate.py`, which names the
//! sources) and searched where they lie, by bisection: nothing is built at
//! start-up and nothing is allocated per lookup.

/// A sorted list of lower-case entries, one per line.
pub(crate) struct Lexicon(&'static str);

pub(crate) static FIRST_NAMES: Lexicon = Lexicon(include_str!("../data/first-names.txt"));
pub(crate) static SURNAMES: Lexicon = Lexicon(include_str!("../data/surnames.txt"));
pub(crate) static CITIES: Lexicon = Lexicon(include_str!("../data/cities.txt"));

impl Lexicon {
    /// Whether `word` (already lower case) is an entry.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let text = self.0.as_bytes();
        let word = word.as_bytes();
        let (mut lo, mut hi) = (0, text.len());
        // Invariant: every line starting before `lo` is less than `word`,
        // every line starting at or after `hi` greater.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text[..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let start = start.max(lo);
            let end = text[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| start + i);
            match text[start..end].cmp(word) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }

    /// Whether `word`, in any case, is an entry. Words longer than the
    /// longest entry are not looked up.
    pub(crate) fn contains_any_case(&self, word: &str) -> bool {
        if word.len() > 64 {
            return false;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            self.contains(&word.to_lowercase())
        } else {
            self.contains(word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lower_case_and_found() {
        for list in [&FIRST_NAMES, &SURNAMES, &CITIES] {
            let lines: Vec<&str> = list.0.lines().collect();
            assert!(lines.len() > 10_000);
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            for line in &lines {
                assert_eq!(line.to_lowercase(), *line);
                assert!(list.contains(line), "{line}");
            }
        }
    }

    #[test]
    fn names_and_places_of_several_languages() {
        for name in [
            "Maria",
            "Jan",
            "François",
            "francois",
            "Bjørn",
            "Sanne",
            "Aisha",
        ] {
            assert!(FIRST_NAMES.contains_any_case(name), "{name}");
        }
        for name in [
            "Smith",
            "Jansen",
            "Köhler",
            "kohler",
            "Gonçalves",
            "Novák",
            "Bakker",
        ] {
            assert!(SURNAMES.contains_any_case(name), "{name}");
        }
        for place in [
            "Amsterdam",
            "Zwolle",
            "Montréal",
            "Montreal",
            "Stuttgart",
            "Seattle",
            "Prague",
        ] {
            assert!(CITIES.contains_any_case(place), "{place}");
        }
        for word in ["Beverages", "Manager", "Invoice", "", "zzzz"] {
            assert!(
                !FIRST_NAMES.contains_any_case(word) && !CITIES.contains_any_case(word),
                "{word}"
            );
        }
    }
}
