//! `rules`: the rules `validate` checks, and one rule by its id.

use ropa_register::rules::Rule;

use super::Error;

/// The rule with this id, in any case (`v15`, `V15`). An unknown id is an
/// [`EXIT_UNREADABLE`](super::EXIT_UNREADABLE) error that suggests the
/// nearest ids, if any are near.
pub fn find(id: &str) -> Result<Rule, Error> {
    if let Some(rule) = Rule::from_id(&id.trim().to_ascii_uppercase()) {
        return Ok(rule);
    }
    let suggestion = match nearest(id).as_slice() {
        [] => String::new(),
        [one] => format!("did you mean {}? ", one.id()),
        [one, two] => format!("did you mean {} or {}? ", one.id(), two.id()),
        more => {
            let ids: Vec<&str> = more.iter().map(|r| r.id()).collect();
            format!("did you mean one of {}? ", ids.join(", "))
        }
    };
    Err(Error::unreadable(format!(
        "there is no rule {id}; {suggestion}`ropa rules` lists them all"
    )))
}

/// The rules an unknown id was probably meant to name: the same number
/// without its letter or with its zeros (`15`, `V015` → V15), or the
/// neighbours of a number no rule has (`V16` → V15, V17; many rows of the
/// reference's §4 are checked by the schemas or not yet).
fn nearest(id: &str) -> Vec<Rule> {
    let id = id.trim().to_ascii_uppercase();
    let digits_at = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let (letter, digits) = id.split_at(digits_at);
    let Ok(number) = digits.parse::<u32>() else {
        return Vec::new();
    };
    let of_kind: Vec<(Rule, u32)> = Rule::all()
        .filter(|rule| letter.is_empty() || rule.id().starts_with(letter))
        .filter_map(|rule| Some((rule, rule.id()[1..].parse().ok()?)))
        .collect();
    let same: Vec<Rule> = of_kind
        .iter()
        .filter(|(_, n)| *n == number)
        .map(|(rule, _)| *rule)
        .collect();
    if !same.is_empty() || letter.is_empty() {
        return same;
    }
    let below = of_kind
        .iter()
        .filter(|(_, n)| *n < number)
        .max_by_key(|(_, n)| *n);
    let above = of_kind
        .iter()
        .filter(|(_, n)| *n > number)
        .min_by_key(|(_, n)| *n);
    below
        .into_iter()
        .chain(above)
        .map(|(rule, _)| *rule)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggested(id: &str) -> Vec<&'static str> {
        nearest(id).into_iter().map(Rule::id).collect()
    }

    #[test]
    fn ids_are_found_in_any_case() {
        for rule in Rule::all() {
            assert_eq!(find(rule.id()).unwrap(), rule);
            assert_eq!(find(&rule.id().to_ascii_lowercase()).unwrap(), rule);
            assert_eq!(find(&format!(" {} ", rule.id())).unwrap(), rule);
        }
    }

    #[test]
    fn an_unknown_id_suggests_its_neighbours() {
        let legal: Vec<&str> = Rule::all()
            .map(Rule::id)
            .filter(|id| id.starts_with('V'))
            .collect();
        // A number without its letter, or with more zeros.
        assert!(suggested("1").contains(&"V01"));
        assert_eq!(suggested("15"), ["V15"]);
        assert_eq!(suggested("v015"), ["V15"]);
        // A number between two rules: both; past the last: the last.
        let gap = (1..100)
            .map(|n| format!("V{n:02}"))
            .find(|id| id.as_str() > legal[0] && !legal.contains(&id.as_str()))
            .expect("a legal rule not checked");
        let below = legal.iter().rfind(|id| **id < gap.as_str());
        let above = legal.iter().find(|id| **id > gap.as_str());
        let both: Vec<&str> = below.into_iter().chain(above).copied().collect();
        assert_eq!(suggested(&gap), both);
        assert_eq!(suggested("V999"), [*legal.last().unwrap()]);
        // Nothing near.
        assert!(suggested("retention").is_empty());
        assert!(suggested("V").is_empty());

        let err = find(&gap).unwrap_err();
        assert_eq!(err.code, super::super::EXIT_UNREADABLE);
        assert_eq!(
            err.message,
            format!(
                "there is no rule {gap}; did you mean {} or {}? `ropa rules` lists them all",
                both[0], both[1]
            )
        );
        assert_eq!(
            find("retention").unwrap_err().message,
            "there is no rule retention; `ropa rules` lists them all"
        );
    }
}
