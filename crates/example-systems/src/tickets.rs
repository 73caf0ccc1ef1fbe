//! The webshop's customer-service tickets (`support_tickets`), written after
//! the orders and refunds they speak of.

use std::collections::BTreeSet;

use crate::dates::{DAY, end, moment, start};
use crate::fake::{Address, Person, email, iban, iban_printed, mobile, spoken};
use crate::rng::Rng;
use crate::words::PRODUCTS;
use crate::world::{Ticket, World};

impl World {
    /// Customer-service tickets: free Dutch text that sometimes quotes an
    /// e-mail address, a phone number, an address or an IBAN.
    pub(crate) fn make_tickets(&self) -> Vec<Ticket> {
        let mut rng = Rng::new("support_tickets");
        let mut emails = BTreeSet::new();
        let mut tickets = Vec::new();
        while tickets.len() < 180 {
            // Three tickets in four are about an order, in the weeks after it.
            let about = rng.chance(75).then(|| rng.index(self.orders.len()));
            let customer = match about {
                Some(o) => Some(self.orders[o].customer),
                None => (!rng.chance(15)).then(|| rng.index(self.customers.len())),
            };
            let stranger = Person::random(&mut rng);
            let (person, phone, mail, since) = match customer {
                Some(c) => {
                    let c = &self.customers[c];
                    (&c.person, c.phone.clone(), c.email.clone(), c.created_at)
                }
                None => {
                    let phone = mobile(&mut rng);
                    let mail = email(&mut rng, &stranger, &mut emails);
                    (&stranger, phone, mail, start())
                }
            };
            let at = match about {
                Some(o) => (self.orders[o].at + rng.range(DAY, 20 * DAY)).min(end()),
                None => moment(&mut rng, since, end()),
            };
            let order = about;
            let name = person.full_name();
            let first = person.first;
            let greeting = *rng.pick(&[
                "Hallo,",
                "Goedendag,",
                "Beste klantenservice,",
                "Goedemiddag,",
            ]);
            let closing = *rng.pick(&[
                "Met vriendelijke groet,",
                "Groet,",
                "Vriendelijke groet,",
                "Alvast bedankt,",
            ]);
            let kind = if order.is_some() {
                *rng.pick(&[0, 1, 3, 4, 5, 7, 10, 12])
            } else {
                *rng.pick(&[2, 5, 6, 8, 9, 10, 11, 12])
            };
            let (subject, body) = match (kind, order) {
                (0 | 1, Some(o)) => (
                    "Levering",
                    format!(
                        "{greeting}\n\nMijn bestelling {} is nog niet bezorgd. Kunt u nagaan waar het pakket blijft? Ik ben bereikbaar op {}.\n\n{closing}\n{name}",
                        self.orders[o].number,
                        spoken(&mut rng, &phone)
                    ),
                ),
                (2, _) => {
                    let new = email(&mut rng, person, &mut emails);
                    (
                        "Account",
                        format!(
                            "{greeting}\n\nIk heb een nieuw e-mailadres: {new}. Willen jullie dat in mijn account aanpassen? Inloggen lukt me zelf niet meer.\n\n{closing}\n{first}"
                        ),
                    )
                }
                (3 | 4, Some(o)) => {
                    let order = &self.orders[o];
                    let account = self
                        .refunds
                        .iter()
                        .find(|r| r.order == o)
                        .map_or_else(|| iban(&mut rng), |r| r.iban.clone());
                    let account = if rng.chance(60) {
                        iban_printed(&account)
                    } else {
                        account
                    };
                    (
                        "Retour",
                        format!(
                            "{greeting}\n\nDe {} uit bestelling {} doet het niet. Ik stuur hem terug. Wilt u het bedrag terugstorten op {account} t.n.v. {name}?\n\n{closing}\n{name}",
                            PRODUCTS[order.lines[0].0].0, order.number
                        ),
                    )
                }
                (5, _) => {
                    let a = Address::random(&mut rng);
                    (
                        "Adreswijziging",
                        format!(
                            "{greeting}\n\nIk ben verhuisd. Mijn nieuwe adres is {} {}, {} {}. Wilt u dit aanpassen voor de volgende bestelling?\n\n{closing}\n{name}",
                            a.street, a.house_number, a.postcode, a.city
                        ),
                    )
                }
                (6, _) => (
                    "Terugbelverzoek",
                    format!(
                        "Kunt u mij terugbellen over een offerte? Ik ben overdag bereikbaar op {} of per mail via {mail}.\n\n{name}",
                        spoken(&mut rng, &phone)
                    ),
                ),
                (7, Some(o)) => (
                    "Factuur",
                    format!(
                        "{greeting}\n\nDe factuur van bestelling {} klopt volgens mij niet: het bedrag is hoger dan in de webshop stond. Kunt u dit controleren?\n\n{closing}\n{name}",
                        self.orders[o].number
                    ),
                ),
                (8, _) => (
                    "Nieuwsbrief",
                    "Graag wil ik mij afmelden voor de nieuwsbrief. Dank u wel.".to_owned(),
                ),
                (9, _) => {
                    let colleague = Person::random(&mut rng);
                    let colleague_mail = email(&mut rng, &colleague, &mut emails);
                    let colleague_phone = mobile(&mut rng);
                    (
                        "Contactpersoon",
                        format!(
                            "{greeting}\n\nVanaf volgende maand neemt mijn collega {} de bestellingen van ons bedrijf over, bereikbaar via {colleague_mail} of {colleague_phone}.\n\n{closing}\n{first}",
                            colleague.full_name()
                        ),
                    )
                }
                (10, _) => (
                    "Onderhoud",
                    format!(
                        "Wanneer komt de monteur voor de onderhoudsbeurt? Ik ben thuis op dinsdag en donderdag. Bel gerust: {}.",
                        spoken(&mut rng, &phone)
                    ),
                ),
                (11, _) => (
                    "Klacht",
                    format!(
                        "{greeting}\n\nIk ben niet tevreden over de afhandeling van mijn retour. Al twee weken geen reactie. Mail mij graag op {mail}.\n\n{name}"
                    ),
                ),
                _ => (
                    "Productvraag",
                    format!(
                        "Is de {} ook geschikt voor beton? Ik kan het nergens in de handleiding vinden.",
                        PRODUCTS[rng.index(PRODUCTS.len())].0
                    ),
                ),
            };
            let status = if end() - at < 10 * DAY {
                *rng.pick(&["open", "in behandeling"])
            } else if rng.chance(95) {
                "gesloten"
            } else {
                "in behandeling"
            };
            tickets.push(Ticket {
                customer,
                subject,
                body,
                status,
                at,
            });
        }
        tickets.sort_by_key(|t| t.at);
        tickets
    }
}
