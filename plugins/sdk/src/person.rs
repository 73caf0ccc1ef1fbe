//! Person names and company names.
//!
//! A value is a person's name when its words are name-like (letters, with
//! `'`, `-` and an initial's dot) and at least one of them is a first name
//! or a surname of the shipped lists; particles (`van`, `de`, `von`, `el`,
//! …) are allowed around them. One value says little (`Rose`, `King` and
//! `Grant` are words too): a *column* is recognised by the share of its
//! values that are names ([`crate::ColumnStats`]). A value that ends in a
//! legal form (`B.V.`, `GmbH`, `Ltd`, `Inc.`, …) is a company, not a person.

use crate::lexicon::{FIRST_NAMES, SURNAMES};

/// What a value is, as a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameShape {
    /// One word, a known first name (perhaps also a surname).
    FirstName,
    /// One word or a particle and a word, a known surname.
    Surname,
    /// Two to five name-like words, at least one of them a known first name
    /// or surname: `Mary Smith`, `Jan van den Berg`, `Smith, John`.
    FullName,
    /// A company: the last word is a legal form.
    Company,
}

/// Words between or before the parts of a name, in any case.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "von", "zu", "vom", "zum", "di",
    "da", "del", "della", "dos", "das", "do", "du", "des", "le", "la", "el", "al", "bin", "ben",
    "ibn", "af", "y", "e", "mac", "st.",
];

/// Words of the name lists that are far more often something else in a
/// database column: languages and nationalities, months, colours.
const NOT_NAMES: &[&str] = &[
    "english",
    "french",
    "german",
    "dutch",
    "irish",
    "welsh",
    "scottish",
    "british",
    "american",
    "spanish",
    "italian",
    "polish",
    "swedish",
    "danish",
    "norwegian",
    "finnish",
    "greek",
    "portuguese",
    "english language",
    "may",
    "june",
    "july",
    "august",
    "april",
    "january",
    "brown",
    "black",
    "white",
    "green",
    "gray",
    "grey",
    "red",
    "blue",
    "rose",
    "violet",
];

/// Legal forms that end a company's name, compared without dots and in
/// lower case (`B.V.` → `bv`).
const LEGAL_FORMS: &[&str] = &[
    "bv",
    "nv",
    "vof",
    "cv",
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ev",
    "ug",
    "mbh",
    "ltd",
    "limited",
    "plc",
    "llp",
    "lp",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "llc",
    "sa",
    "sas",
    "sarl",
    "sasu",
    "eurl",
    "srl",
    "spa",
    "sl",
    "slu",
    "scs",
    "bvba",
    "vzw",
    "asbl",
    "sprl",
    "oy",
    "oyj",
    "ab",
    "as",
    "asa",
    "aps",
    "a/s",
    "sp zoo",
    "zoo",
    "kft",
    "zrt",
    "sro",
    "as.",
    "doo",
    "ad",
    "ood",
    "eood",
    "ou",
    "uab",
    "sia",
    "lda",
    "gbr",
    "stichting",
    "foundation",
    "cic",
    "sp z oo",
];

/// Classifies one (trimmed) value as a name, a company or neither.
///
/// ```
/// use ropa_plugin_sdk::person::{name_shape, NameShape};
/// assert_eq!(name_shape("Maria"), Some(NameShape::FirstName));
/// assert_eq!(name_shape("Jan van den Berg"), Some(NameShape::FullName));
/// assert_eq!(name_shape("Hosting Voorbeeld B.V."), Some(NameShape::Company));
/// assert_eq!(name_shape("Beverages"), None);
/// assert_eq!(name_shape("12 Main Street"), None);
/// ```
pub fn name_shape(value: &str) -> Option<NameShape> {
    let v = value.trim();
    if v.is_empty() || v.len() > 80 {
        return None;
    }
    if is_company(v) {
        return Some(NameShape::Company);
    }
    // "Smith, John" is "John Smith".
    let (v, inverted) = match v.split_once(',') {
        Some((last, first)) if !first.contains(',') => (format!("{first} {last}"), true),
        Some(_) => return None,
        None => (v.to_owned(), false),
    };
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || !words.iter().all(|w| name_like(w)) {
        return None;
    }
    let proper: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str()) && !is_initial(w))
        .collect();
    let known_first = |w: &str| parts(w).any(|p| FIRST_NAMES.contains_any_case(p));
    let known_last = |w: &str| parts(w).any(|p| SURNAMES.contains_any_case(p));
    if let [one] = words.as_slice()
        && NOT_NAMES.contains(&one.to_lowercase().as_str())
    {
        return None;
    }
    match proper.as_slice() {
        [] => None,
        [one] if words.len() == 1 && !inverted => {
            if known_first(one) {
                Some(NameShape::FirstName)
            } else if known_last(one) {
                Some(NameShape::Surname)
            } else {
                None
            }
        }
        // A particle and a word: "de Vries", "van Dijk".
        // The lists hold some with their particle ("de vries").
        [one] => (known_last(one) || SURNAMES.contains_any_case(&v)).then_some(NameShape::Surname),
        // A first name first ("Mary Smith"; "Smith, Mary" was turned
        // round), and at most one word no list knows ("Nancy Davolio"):
        // titles ("Sales Manager", "Alice In Chains") are not names.
        many => {
            let unknown = many
                .iter()
                .filter(|w| !known_first(w) && !known_last(w))
                .count();
            (known_first(many[0]) && unknown <= 1).then_some(NameShape::FullName)
        }
    }
}

/// Words after which a capitalised name follows in letters and tickets:
/// salutations and titles, in the EU's larger languages and English.
const SALUTATIONS: &[&str] = &[
    "dear", "hi", "hello", "hey", "mr", "mrs", "ms", "miss", "dr", "beste", "hallo", "geachte",
    "dhr", "mevr", "meneer", "mevrouw", "heer", "liebe", "lieber", "herr", "frau", "bonjour",
    "cher", "chère", "monsieur", "madame", "mme", "hola", "estimado", "estimada", "sr", "sra",
    "caro", "cara", "gentile", "signor", "signora", "sig", "hej",
];

/// Whether free text mentions a person by name: a known first name followed
/// by a surname (`Sanne de Vries`, `Mary Smith`), or a salutation or title
/// followed by a capitalised known name (`Dear Jan,`, `Mevrouw Jansen`).
/// Capitals matter: `may`, `will` and `mark` in a sentence are words.
///
/// ```
/// use ropa_plugin_sdk::person::names_in_text;
/// assert!(names_in_text("Hi, this is Sanne de Vries about my order"));
/// assert!(names_in_text("Beste Piet, het pakket is onderweg."));
/// assert!(!names_in_text("May I ask where my parcel is? Will you mark it as lost?"));
/// ```
pub fn names_in_text(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let bare = |w: &str| w.trim_end_matches(['.', '\'']).to_owned();
    for (i, word) in words.iter().enumerate() {
        let w = bare(word);
        let lower = w.to_lowercase();
        let next = words.get(i + 1).map(|n| bare(n));
        if SALUTATIONS.contains(&lower.as_str()) {
            if let Some(n) = &next
                && capitalised(n)
                && (FIRST_NAMES.contains_any_case(n) || SURNAMES.contains_any_case(n))
                && !NOT_NAMES.contains(&n.to_lowercase().as_str())
            {
                return true;
            }
            continue;
        }
        if !capitalised(&w) || w.chars().count() < 2 || !FIRST_NAMES.contains_any_case(&w) {
            continue;
        }
        // Particles between the first name and the surname: "Sanne de Vries".
        let mut j = i + 1;
        let mut surname = String::new();
        while let Some(n) = words.get(j).map(|n| bare(n)) {
            if PARTICLES.contains(&n.to_lowercase().as_str()) && n.chars().all(char::is_lowercase) {
                surname.push_str(&n.to_lowercase());
                surname.push(' ');
                j += 1;
                continue;
            }
            if capitalised(&n) && n.chars().count() >= 2 {
                let whole = format!("{surname}{}", n.to_lowercase());
                if SURNAMES.contains_any_case(&n) || SURNAMES.contains(&whole) {
                    return true;
                }
            }
            break;
        }
    }
    false
}

/// Whether the value ends in a legal form: `Acme B.V.`, `Müller GmbH`,
/// `Northwind Traders, Inc.`.
pub fn is_company(value: &str) -> bool {
    let v = value.trim().trim_end_matches(['.', ')']);
    let lower = v.to_lowercase();
    let words: Vec<&str> = lower
        .split([' ', ',', '('])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return false;
    }
    let last: String = words[words.len() - 1]
        .chars()
        .filter(|&c| c != '.')
        .collect();
    if LEGAL_FORMS.contains(&last.as_str()) {
        return true;
    }
    // Two-word forms: "sp. z o.o.", "s.r.o." written apart.
    let two: String = words[words.len() - 2..]
        .join(" ")
        .chars()
        .filter(|&c| c != '.')
        .collect();
    if LEGAL_FORMS.contains(&two.as_str()) {
        return true;
    }
    words.len() >= 4 && {
        let three: String = words[words.len() - 3..]
            .join(" ")
            .chars()
            .filter(|&c| c != '.')
            .collect();
        LEGAL_FORMS.contains(&three.as_str())
    }
}

/// A word of a name: letters with `'`, `-` or `’` inside, or an initial
/// (`J.`).
fn name_like(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
        } else if !matches!(c, '\'' | '’' | '-' | '.') {
            return false;
        }
    }
    letters >= 1 && !word.starts_with('-') && !word.ends_with('-')
}

/// `J.` or `J`: an initial, which says nothing by itself.
fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1
}

/// The parts of a double name (`Jean-Pierre`, `Smith-Jones`) and the whole.
fn parts(word: &str) -> impl Iterator<Item = &str> {
    std::iter::once(word).chain(word.split('-').filter(move |p| p.len() > 1 && *p != word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_several_languages() {
        for v in ["Maria", "Sanne", "Bjørn", "JENNIFER", "Jean-Pierre"] {
            assert_eq!(name_shape(v), Some(NameShape::FirstName), "{v}");
        }
        for v in [
            "Jansen",
            "de Vries",
            "van Dijk",
            "Köhler",
            "Gonçalves",
            "J. Jansen",
        ] {
            assert_eq!(name_shape(v), Some(NameShape::Surname), "{v}");
        }
        for v in [
            "Mary Smith",
            "Jan van den Berg",
            "Smith, John",
            "Ana Trujillo",
            "Mohamed El Amrani",
            "Françoise Dupont",
            "Giulia Rossi",
        ] {
            assert_eq!(name_shape(v), Some(NameShape::FullName), "{v}");
        }
    }

    #[test]
    fn names_in_free_text() {
        for t in [
            "Hi, this is Sanne de Vries about my order 12345.",
            "Please ask Mary Smith to call me back.",
            "Dear Jan, thanks for your help.",
            "Geachte mevrouw Jansen, uw pakket is verzonden.",
            "Sehr geehrter Herr Müller, vielen Dank.",
        ] {
            assert!(names_in_text(t), "{t}");
        }
        for t in [
            "The parcel arrived damaged, the box was open and two items were missing.",
            "May I ask where my parcel is? Will you mark it as lost?",
            "Thanks for the quick help last week, everything works now!",
            "Order 123 was charged twice, can you refund the second payment?",
            "Meet us in Amsterdam on Monday.",
        ] {
            assert!(!names_in_text(t), "{t}");
        }
    }

    #[test]
    fn companies_by_their_legal_form() {
        for v in [
            "Hosting Voorbeeld B.V.",
            "Müller GmbH",
            "Northwind Traders, Inc.",
            "Acme Ltd",
            "Kaiside EU Representation Ltd",
            "Rossi S.p.A.",
            "Dupont SARL",
            "Nowak sp. z o.o.",
            "Svensson AB",
        ] {
            assert_eq!(name_shape(v), Some(NameShape::Company), "{v}");
        }
    }

    #[test]
    fn look_alikes_are_not_names() {
        for v in [
            "Beverages",
            "Senior Engineer",
            "12 Main Street",
            "ACADEMY DINOSAUR",
            "2024-01-01",
            "info@example.com",
            "Order 123",
            "",
            "The parcel arrived damaged, the box was open",
        ] {
            assert!(
                !matches!(
                    name_shape(v),
                    Some(NameShape::FirstName | NameShape::Surname | NameShape::FullName)
                ),
                "{v}: {:?}",
                name_shape(v)
            );
        }
    }
}
