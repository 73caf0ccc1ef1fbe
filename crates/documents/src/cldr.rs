//! Country and region names from CLDR, the Unicode Consortium's common
//! locale data, through ICU4X's compiled data (`icu_experimental`'s region
//! display names). CLDR names every ISO 3166-1 country in several hundred
//! languages, so a word file for a new language brings the names of all
//! the countries a register may write without a line of code; the word
//! file names only the ones its sentences need otherwise ([`Countries`]).
//!
//! Not for: how a sentence uses a name (an article, a case): that is the
//! word file's.
//!
//! [`Countries`]: crate::words::Countries

use std::collections::HashMap;

use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use icu_locale_core::Locale;
use icu_locale_core::subtags::Region;
use ropa_register::model::{Lang, Location};

/// CLDR's name in `lang` of every code a location may be
/// ([`Location::codes`]) that CLDR names: every country, and `EU`. `EEA`
/// is no CLDR region; the word files name it.
///
/// A language CLDR does not know gets no names: its word file then names
/// every country itself, which the tests ask of every language.
pub(crate) fn region_names(lang: Lang) -> HashMap<String, String> {
    let Ok(locale) = lang.code().parse::<Locale>() else {
        return HashMap::new();
    };
    let Ok(names) = RegionDisplayNames::try_new(locale.into(), DisplayNamesOptions::default())
    else {
        return HashMap::new();
    };
    Location::codes()
        .into_iter()
        .filter_map(|code| {
            let region = code.parse::<Region>().ok()?;
            let name = names.of(region)?;
            Some((code.to_owned(), name.to_owned()))
        })
        .collect()
}
