//! An address on one line, as its country writes it.
//!
//! Most of Europe puts the postcode before the city ("2031 CN Haarlem",
//! "10115 Berlin"); the United Kingdom, Ireland and the countries that
//! follow their or the American convention put it after ("York YO1 7HH",
//! "Springfield, IL 62701"). The register keeps the parts apart, so the
//! statement can follow the country of the address, not the language.

use ropa_register::model::Address;

/// Countries that write the postcode after the city.
const POSTCODE_AFTER_CITY: &[&str] = &["AU", "CA", "GB", "GG", "GI", "IE", "IM", "JE", "NZ", "US"];

/// Street, postcode and city on one line; an empty part is left out.
pub(crate) fn one_line(address: &Address) -> String {
    let street = address.street.trim();
    let postcode = address.postcode.trim();
    let city = address.city.trim();
    let place = if POSTCODE_AFTER_CITY.contains(&address.country.as_str()) {
        [city, postcode]
    } else {
        [postcode, city]
    };
    let place = place
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    [street, place.as_str()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ropa_register::model::Location;

    fn at(street: &str, postcode: &str, city: &str, country: &str) -> String {
        one_line(&Address {
            street: street.to_owned(),
            postcode: postcode.to_owned(),
            city: city.to_owned(),
            country: Location(country.to_owned()),
        })
    }

    #[test]
    fn each_country_puts_the_postcode_where_it_belongs() {
        assert_eq!(
            at("Küppersweg 30", "2031 CN", "Haarlem", "NL"),
            "Küppersweg 30, 2031 CN Haarlem"
        );
        assert_eq!(
            at("Unter den Linden 1", "10117", "Berlin", "DE"),
            "Unter den Linden 1, 10117 Berlin"
        );
        assert_eq!(
            at("14 Mill Lane", "YO1 7HH", "York", "GB"),
            "14 Mill Lane, York YO1 7HH"
        );
        assert_eq!(
            at("1 Main Street", "62701", "Springfield, IL", "US"),
            "1 Main Street, Springfield, IL 62701"
        );
        assert_eq!(at("Main Street", "", "Cork", "IE"), "Main Street, Cork");
    }
}
