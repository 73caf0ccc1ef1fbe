//! Places where a person lives: street addresses, cities and postcodes as
//! the EU countries, the UK, the US and Canada write them.
//!
//! One value of a postcode's *format* says little (`12345` is a number);
//! a column whose values have postcode formats, some of them unmistakable
//! (`SW1A 1AA`, `1012 AB`, `T2P 1J9`, `01310-000`), is a column of
//! postcodes ([`crate::ColumnStats`]). A bare four- or five-digit number
//! needs a column name to be one.

use crate::lexicon::CITIES;

/// Words naming a kind of street, in any case: English, French, Spanish,
/// Italian, Portuguese, German, Dutch, the Nordic and Slavic languages.
const STREET_WORDS: &[&str] = &[
    // English
    "street",
    "st",
    "st.",
    "avenue",
    "ave",
    "ave.",
    "av",
    "av.",
    "road",
    "rd",
    "rd.",
    "lane",
    "ln",
    "drive",
    "dr",
    "dr.",
    "boulevard",
    "blvd",
    "blvd.",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "parkway",
    "pkwy",
    "terrace",
    "crescent",
    "close",
    "square",
    "highway",
    "hwy",
    "row",
    "alley",
    "circle",
    "trail",
    "grove",
    "gardens",
    "hill",
    "walk",
    "mews",
    "green",
    "park",
    // French, Spanish, Italian, Portuguese
    "rue",
    "chemin",
    "allée",
    "impasse",
    "quai",
    "route",
    "calle",
    "c/",
    "avenida",
    "plaza",
    "paseo",
    "camino",
    "carrer",
    "via",
    "viale",
    "piazza",
    "corso",
    "vicolo",
    "largo",
    "rua",
    "travessa",
    "praça",
    "estrada",
    // German, Dutch, Nordic, Slavic
    "str.",
    "straße",
    "strasse",
    "weg",
    "allee",
    "platz",
    "gasse",
    "ring",
    "damm",
    "straat",
    "laan",
    "plein",
    "gracht",
    "kade",
    "dijk",
    "singel",
    "gade",
    "gata",
    "gatan",
    "vej",
    "vägen",
    "veien",
    "gate",
    "ulica",
    "ul.",
    "ulice",
    "utca",
    "tee",
    "iela",
    "gatve",
];

/// Endings of compound street names: `Kerkstraat`, `Hauptstraße`,
/// `Kirchgasse`, `Storgatan`, `Nørregade`.
const STREET_ENDINGS: &[&str] = &[
    "straat", "straße", "strasse", "str.", "weg", "laan", "plein", "gracht", "kade", "dijk",
    "singel", "dreef", "steeg", "gasse", "allee", "platz", "damm", "ring", "gade", "gatan", "gata",
    "vej", "vägen", "veien", "gate", "väg",
];

/// Whether the value is a street address: a house number and a street
/// word (`12 Main Street`, `Kerkstraat 12a`, `Obere Str. 57`, `rue de la
/// Paix 3`, `Via Roma 1`), or a post-office box.
///
/// ```
/// use ropa_plugin_sdk::place::is_street_address;
/// assert!(is_street_address("1913 Hanoi Way"));
/// assert!(is_street_address("Kerkstraat 12a"));
/// assert!(!is_street_address("Kerkstraat"));
/// assert!(!is_street_address("Order 12 shipped"));
/// ```
pub fn is_street_address(value: &str) -> bool {
    let v = value.trim();
    if v.len() < 4 || v.len() > 100 {
        return false;
    }
    let lower = v.to_lowercase();
    if lower.starts_with("po box") || lower.starts_with("p.o. box") || lower.starts_with("postbus")
    {
        return lower.bytes().any(|b| b.is_ascii_digit());
    }
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let number = words.iter().any(|w| house_number(w));
    let street = words.iter().any(|w| {
        STREET_WORDS.contains(w) || (w.len() > 5 && STREET_ENDINGS.iter().any(|e| w.ends_with(e)))
    });
    number && street && words.len() <= 10
}

/// `12`, `12a`, `12-14`, `12/3`, `#5`: digits first, at most four, then a
/// letter or a range.
fn house_number(word: &str) -> bool {
    let w = word
        .trim_start_matches(['#', 'n', 'º', '°'])
        .trim_end_matches([',', '.']);
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=5).contains(&digits) {
        return false;
    }
    let rest = &w[digits..];
    rest.is_empty()
        || (rest.len() <= 2 && rest.bytes().all(|b| b.is_ascii_alphabetic()))
        || ((rest.starts_with('-') || rest.starts_with('/'))
            && rest[1..].bytes().all(|b| b.is_ascii_alphanumeric())
            && rest.len() <= 5)
}

/// Whether the value is the name of a place of 15,000 inhabitants or more
/// (GeoNames), in its own spelling or without diacritics; a qualifier in
/// parentheses is left aside (`A Coruña (La Coruña)`).
///
/// ```
/// use ropa_plugin_sdk::place::is_city;
/// assert!(is_city("Zwolle"));
/// assert!(is_city("MONTRÉAL"));
/// assert!(!is_city("Beverages"));
/// ```
pub fn is_city(value: &str) -> bool {
    let v = value.trim();
    let v = match v.find(" (") {
        Some(i) if v.ends_with(')') => v[..i].trim(),
        _ => v,
    };
    !v.is_empty() && !v.bytes().any(|b| b.is_ascii_digit()) && CITIES.contains_any_case(v)
}

/// How a value fits the postcode formats of the EU countries, the UK, the
/// US and Canada.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostcodeShape {
    /// Only one country writes postcodes so: letters and digits in its
    /// pattern (`SW1A 1AA`, `T2P 1J9`, `1012 AB`, `D02 X285`), or digits with
    /// a separator (`01310-000`, `00-950`, `114 55`, `1000-001`, `94105-1234`).
    Distinct,
    /// Four or five digits, a number as much as a postcode.
    Digits,
}

/// The postcode format the value has, if any.
///
/// ```
/// use ropa_plugin_sdk::place::{postcode_shape, PostcodeShape};
/// assert_eq!(postcode_shape("SW1A 1AA"), Some(PostcodeShape::Distinct));
/// assert_eq!(postcode_shape("98052"), Some(PostcodeShape::Digits));
/// assert_eq!(postcode_shape("ABC"), None);
/// ```
pub fn postcode_shape(value: &str) -> Option<PostcodeShape> {
    let v = value.trim().as_bytes();
    let shape: Vec<u8> = v
        .iter()
        .map(|&b| match b {
            b'0'..=b'9' => b'9',
            b'A'..=b'Z' | b'a'..=b'z' => b'A',
            other => other,
        })
        .collect();
    let s = std::str::from_utf8(&shape).ok()?;
    match s {
        "9999" | "99999" => Some(PostcodeShape::Digits),
        // Brazil, Poland, Sweden/Czechia/Slovakia/Greece, Portugal, US ZIP+4,
        // Latvia/Lithuania/Malta with their prefix.
        "99999-999" | "99-999" | "999 99" | "9999-999" | "99999-9999" => {
            Some(PostcodeShape::Distinct)
        }
        // The Netherlands.
        "9999 AA" | "9999AA" => Some(PostcodeShape::Distinct),
        // Canada.
        "A9A 9A9" | "A9A9A9" => Some(PostcodeShape::Distinct),
        // Ireland's Eircode.
        "A99 A999" | "A99 AA99" | "A99 A9A9" | "A99 AAA9" => Some(PostcodeShape::Distinct),
        _ if uk_postcode(s) => Some(PostcodeShape::Distinct),
        _ if prefixed(v) => Some(PostcodeShape::Distinct),
        _ => None,
    }
}

/// The UK's outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`), a
/// space, and the inward code (`9AA`).
fn uk_postcode(shape: &str) -> bool {
    let Some((outward, inward)) = shape.split_once(' ') else {
        return false;
    };
    inward == "9AA" && matches!(outward, "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A")
}

/// A country's prefix and digits, as Latvia and Lithuania require and
/// Luxembourg, Switzerland and the Nordic countries allow: `LV-1050`,
/// `LT-01100`, `L-1234`, `CH-8001`. Other letters before a dash make ids
/// (`C-0001`), not postcodes.
fn prefixed(v: &[u8]) -> bool {
    let Some(dash) = v.iter().position(|&b| b == b'-') else {
        return false;
    };
    let (prefix, digits) = (&v[..dash], &v[dash + 1..]);
    // Lithuanian postcodes may start with 0 (`LT-01100`); the others not.
    let (length, leading_zero) = match prefix {
        b"LV" | b"L" | b"CH" | b"DK" | b"FI" | b"FO" => (4, false),
        b"LT" => (5, true),
        b"SE" => (5, false),
        _ => return false,
    };
    digits.len() == length
        && digits.iter().all(u8::is_ascii_digit)
        && (leading_zero || digits[0] != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streets_of_several_countries() {
        for v in [
            "1913 Hanoi Way",
            "47 MySakila Drive",
            "Kerkstraat 12a",
            "Nieuwe Gracht 3",
            "Obere Str. 57",
            "Hauptstraße 5",
            "12 rue de la Paix",
            "Via Roma 1",
            "Calle Mayor 5",
            "Storgatan 14",
            "PO Box 123",
            "500 Mission Street, Suite 1200",
        ] {
            assert!(is_street_address(v), "{v}");
        }
        for v in [
            "Kerkstraat",
            "Order 12 shipped",
            "Main Street",
            "2024-01-01",
            "Route 66 Diner Menu Card With Many Words In It Today Now",
        ] {
            assert!(!is_street_address(v), "{v}");
        }
    }

    #[test]
    fn postcodes_of_several_countries() {
        for v in [
            "SW1A 1AA",
            "M1 1AE",
            "EC1A 1BB",
            "T2P 1J9",
            "1012 AB",
            "01310-000",
            "00-950",
            "114 55",
            "1000-001",
            "94105-1234",
            "D02 X285",
            "LV-1050",
        ] {
            assert_eq!(postcode_shape(v), Some(PostcodeShape::Distinct), "{v}");
        }
        for v in ["98052", "1012"] {
            assert_eq!(postcode_shape(v), Some(PostcodeShape::Digits), "{v}");
        }
        for v in [
            "ABC",
            "123",
            "2024-01-01",
            "12.50",
            "BK-M68B-42",
            "C-0001",
            "A-1234",
        ] {
            assert_eq!(postcode_shape(v), None, "{v}");
        }
    }

    #[test]
    fn cities() {
        for v in [
            "Zwolle",
            "The Hague",
            "São José dos Campos",
            "Sao Jose dos Campos",
            "A Coruña (La Coruña)",
            "Seattle",
        ] {
            assert!(is_city(v), "{v}");
        }
        for v in ["Beverages", "Senior Engineer", "12345", "Germany"] {
            assert!(!is_city(v), "{v}");
        }
    }
}
