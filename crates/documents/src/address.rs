//! An address on one line, as its country writes it.
//!
//! The register keeps the street, the postcode and the city apart, so the
//! documents follow the country of the address, not the language they are
//! written in. Four conventions cover the countries (the country's own, for
//! an address written in the Latin script):
//!
//! - the postcode before the city, most of Europe and Latin America:
//!   "Küppersweg 30, 2031 CN Haarlem", "Bahnhofstrasse 1, 8001 Zürich";
//! - the postcode after the city (and the state or province, which the
//!   register writes with the city): the United Kingdom, the Crown
//!   dependencies, Ireland, Malta, the United States, Canada, Australia,
//!   Japan: "14 Mill Lane, York YO1 7HH", "1 Main Street, Springfield, IL
//!   62701", "1-1 Chiyoda, Chiyoda-ku, Tokyo 100-8111";
//! - the postcode after the city and a comma: Latvia ("Brīvības iela 1,
//!   Rīga, LV-1050"), China, Colombia, Myanmar, North Korea;
//! - the postcode and city before the street: Hungary ("1011 Budapest, Fő
//!   utca 1.").
//!
//! The tables follow the address formats of Google's libaddressinput
//! (`fmt`, or `lfmt` where the country's own script is not Latin): a country
//! whose format has the city before the postcode is in
//! [`CITY_THEN_POSTCODE`], with a comma between them in
//! [`CITY_COMMA_POSTCODE`]. Hungary's format puts the city first and the
//! postcode last on separate lines; written on one line, as a company's
//! seat is in Hungary, the postcode leads. No crate carries these formats
//! in a form that fits: the OpenCage templates' `address-formatter` is
//! AGPL, unmaintained since 2022 and formats house numbers and roads the
//! register does not keep apart.
//!
//! A country prefix on the postcode ("L-", "CH-", "SE-") is for mail sent
//! abroad; the register's postcode is written as the register gives it.

use ropa_register::model::Address;

/// Countries that write the postcode after the city (or after the state or
/// province, which the register writes with the city).
const CITY_THEN_POSTCODE: &[&str] = &[
    "AF", "AI", "AS", "AU", "BB", "BD", "BH", "BM", "BN", "BR", "BT", "CA", "CC", "CR", "CU", "CX",
    "EG", "FK", "FM", "GB", "GG", "GI", "GS", "GU", "HM", "HN", "ID", "IE", "IL", "IM", "IN", "IO",
    "IQ", "JE", "JO", "JP", "KE", "KH", "KR", "KY", "LB", "LK", "LS", "MH", "MN", "MP", "MT", "MV",
    "NA", "NF", "NG", "NP", "NZ", "PE", "PG", "PH", "PK", "PN", "PR", "PW", "RU", "SA", "SD", "SG",
    "SH", "SO", "SZ", "TC", "TH", "TW", "UA", "UM", "US", "VC", "VE", "VG", "VI", "VN", "ZA",
];

/// Countries that write the postcode after the city and a comma.
const CITY_COMMA_POSTCODE: &[&str] = &["CN", "CO", "KP", "LV", "MM"];

/// Countries that write the postcode and the city before the street.
const PLACE_BEFORE_STREET: &[&str] = &["HU"];

/// Street, postcode and city on one line, in the order of the address's
/// country; an empty part is left out.
pub(crate) fn one_line(address: &Address) -> String {
    let street = address.street.trim();
    let postcode = address.postcode.trim();
    let city = address.city.trim();
    let country = address.country.as_str();
    let place = if CITY_COMMA_POSTCODE.contains(&country) {
        joined(&[city, postcode], ", ")
    } else if CITY_THEN_POSTCODE.contains(&country) {
        joined(&[city, postcode], " ")
    } else {
        joined(&[postcode, city], " ")
    };
    if PLACE_BEFORE_STREET.contains(&country) {
        joined(&[&place, street], ", ")
    } else {
        joined(&[street, &place], ", ")
    }
}

/// The parts that are not empty, with `separator` between them.
fn joined(parts: &[&str], separator: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(separator)
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
    fn most_of_europe_puts_the_postcode_before_the_city() {
        assert_eq!(
            at("Küppersweg 30", "2031 CN", "Haarlem", "NL"),
            "Küppersweg 30, 2031 CN Haarlem"
        );
        assert_eq!(
            at("Unter den Linden 1", "10117", "Berlin", "DE"),
            "Unter den Linden 1, 10117 Berlin"
        );
        assert_eq!(
            at("Rue de la Loi 16", "1000", "Bruxelles", "BE"),
            "Rue de la Loi 16, 1000 Bruxelles"
        );
        assert_eq!(
            at("Via del Corso 1", "00186", "Roma RM", "IT"),
            "Via del Corso 1, 00186 Roma RM"
        );
        assert_eq!(
            at("Bahnhofstrasse 1", "8001", "Zürich", "CH"),
            "Bahnhofstrasse 1, 8001 Zürich"
        );
        assert_eq!(
            at("Drottninggatan 1", "111 51", "Stockholm", "SE"),
            "Drottninggatan 1, 111 51 Stockholm"
        );
        assert_eq!(
            at("Rue Notre-Dame 2", "L-2240", "Luxembourg", "LU"),
            "Rue Notre-Dame 2, L-2240 Luxembourg"
        );
        assert_eq!(
            at("Tórshavnsvegur 1", "FO-100", "Tórshavn", "FO"),
            "Tórshavnsvegur 1, FO-100 Tórshavn"
        );
        for code in [
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "IT",
            "LT", "LU", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "CH", "AD",
            "MC", "SM", "VA",
        ] {
            assert_eq!(at("Street 1", "1234", "City", code), "Street 1, 1234 City");
        }
    }

    #[test]
    fn the_british_isles_and_malta_put_the_postcode_after_the_city() {
        assert_eq!(
            at("14 Mill Lane", "YO1 7HH", "York", "GB"),
            "14 Mill Lane, York YO1 7HH"
        );
        assert_eq!(
            at("1 Castle Street", "JE2 3BT", "St Helier", "JE"),
            "1 Castle Street, St Helier JE2 3BT"
        );
        assert_eq!(
            at("1 High Street", "GY1 2AB", "St Peter Port", "GG"),
            "1 High Street, St Peter Port GY1 2AB"
        );
        assert_eq!(
            at("1 Prospect Hill", "IM1 1ET", "Douglas", "IM"),
            "1 Prospect Hill, Douglas IM1 1ET"
        );
        assert_eq!(
            at("21 Fitzwilliam Square", "D02 RD28", "Dublin 2", "IE"),
            "21 Fitzwilliam Square, Dublin 2 D02 RD28"
        );
        assert_eq!(at("Main Street", "", "Cork", "IE"), "Main Street, Cork");
        assert_eq!(
            at("1 Republic Street", "VLT 1117", "Valletta", "MT"),
            "1 Republic Street, Valletta VLT 1117"
        );
    }

    #[test]
    fn north_america_australia_and_japan_put_the_postcode_after_the_state() {
        assert_eq!(
            at("1 Main Street", "62701", "Springfield, IL", "US"),
            "1 Main Street, Springfield, IL 62701"
        );
        assert_eq!(
            at("111 Wellington Street", "K1A 0A9", "Ottawa ON", "CA"),
            "111 Wellington Street, Ottawa ON K1A 0A9"
        );
        assert_eq!(
            at("1 Macquarie Street", "2000", "Sydney NSW", "AU"),
            "1 Macquarie Street, Sydney NSW 2000"
        );
        assert_eq!(
            at("1-1 Chiyoda, Chiyoda-ku", "100-8111", "Tokyo", "JP"),
            "1-1 Chiyoda, Chiyoda-ku, Tokyo 100-8111"
        );
    }

    #[test]
    fn latvia_puts_a_comma_before_the_postcode() {
        assert_eq!(
            at("Brīvības iela 1", "LV-1050", "Rīga", "LV"),
            "Brīvības iela 1, Rīga, LV-1050"
        );
    }

    #[test]
    fn hungary_puts_the_postcode_and_city_first() {
        assert_eq!(
            at("Fő utca 1.", "1011", "Budapest", "HU"),
            "1011 Budapest, Fő utca 1."
        );
        assert_eq!(
            at("Fő utca 1.", "", "Budapest", "HU"),
            "Budapest, Fő utca 1."
        );
    }

    /// Every code in the tables is one a register may write, and in one
    /// table only: a typo would silently leave a country in the default.
    #[test]
    fn the_tables_name_known_countries_once() {
        let all: Vec<&str> =
            [CITY_THEN_POSTCODE, CITY_COMMA_POSTCODE, PLACE_BEFORE_STREET].concat();
        for (i, code) in all.iter().enumerate() {
            assert!(Location::is_known(code), "{code} is no ISO 3166-1 code");
            assert!(!all[..i].contains(code), "{code} is in two tables");
        }
    }
}
