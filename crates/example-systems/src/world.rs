//! The data the example systems share, made once and cross-referenced: the
//! webshop's customers, business customers, accounts, orders, refunds,
//! marketing preferences, participations and tickets, and the newsletter's
//! sign-ups of people who are not customers. The exports are drawn from the
//! same people as the webshop, as they would be at ISMT.
//!
//! Each kind of record draws from its own [`Rng`] stream, so changing one
//! leaves the others' data alone.

use std::collections::{BTreeMap, BTreeSet};

use crate::dates::{DAY, Ts, end, export_time, moment, start, ts, year_of};
use crate::fake::{
    Address, Person, ascii, email, house_number, iban, landline, mobile, password_hash, postcode,
    unique,
};
use crate::rng::Rng;
use crate::words::{CITIES, COMPANY_NAMES, EVENTS, PRODUCTS, STREETS, TRADES};

pub(crate) struct Customer {
    pub(crate) id: i64,
    pub(crate) person: Person,
    pub(crate) address: Address,
    pub(crate) email: String,
    pub(crate) phone: String,
    pub(crate) created_at: Ts,
}

pub(crate) struct Business {
    pub(crate) name: String,
    pub(crate) contact: Person,
    pub(crate) email: String,
    pub(crate) phone: String,
    pub(crate) address: String,
    pub(crate) postcode: String,
    pub(crate) city: &'static str,
}

pub(crate) struct Order {
    pub(crate) id: i64,
    pub(crate) customer: usize,
    pub(crate) number: String,
    pub(crate) status: &'static str,
    pub(crate) total: i64,
    pub(crate) at: Ts,
    /// (product index, quantity, unit price)
    pub(crate) lines: Vec<(usize, i64, i64)>,
}

pub(crate) struct Refund {
    pub(crate) order: usize,
    pub(crate) amount: i64,
    pub(crate) iban: String,
    pub(crate) holder: String,
    pub(crate) at: Ts,
}

pub(crate) struct Ticket {
    pub(crate) customer: Option<usize>,
    pub(crate) subject: &'static str,
    pub(crate) body: String,
    pub(crate) status: &'static str,
    pub(crate) at: Ts,
}

/// Everything generated, cross-referenced.
pub(crate) struct World {
    pub(crate) customers: Vec<Customer>,
    pub(crate) businesses: Vec<Business>,
    pub(crate) kvk: Vec<String>,
    pub(crate) vat: Vec<Option<String>>,
    pub(crate) accounts: Vec<(usize, String, String, Option<Ts>)>,
    pub(crate) orders: Vec<Order>,
    /// Per customer: opted in, when, channel.
    pub(crate) prefs: Vec<(bool, Option<Ts>, Option<&'static str>)>,
    /// (customer index, event index, registered at)
    pub(crate) participations: Vec<(usize, usize, Ts)>,
    pub(crate) tickets: Vec<Ticket>,
    pub(crate) refunds: Vec<Refund>,
    /// Newsletter sign-ups without a customer record: person (or only an
    /// address), e-mail, when.
    pub(crate) prospects: Vec<(Option<Person>, String, Ts)>,
}

impl World {
    pub(crate) fn build() -> World {
        let mut emails = BTreeSet::new();

        // Customers, numbered in the order they signed up.
        let mut rng = Rng::new("customers");
        let mut customers: Vec<Customer> = (0..300)
            .map(|_| {
                let person = Person::random(&mut rng);
                let address = Address::random(&mut rng);
                let email = email(&mut rng, &person, &mut emails);
                let phone = if rng.chance(70) {
                    mobile(&mut rng)
                } else {
                    landline(&mut rng, address.area)
                };
                let created_at = moment(&mut rng, start(), ts(2024, 6, 30));
                Customer {
                    id: 0,
                    person,
                    address,
                    email,
                    phone,
                    created_at,
                }
            })
            .collect();
        customers.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.email.cmp(&b.email)));
        for (i, c) in customers.iter_mut().enumerate() {
            c.id = i as i64 + 1;
        }

        // Business customers: most named after their owner.
        let mut rng = Rng::new("business_customers");
        let mut names = BTreeSet::new();
        let mut kvks = BTreeSet::new();
        let mut businesses = Vec::new();
        let mut kvk = Vec::new();
        let mut vat = Vec::new();
        while businesses.len() < 60 {
            let contact = Person::random(&mut rng);
            let sole_trader = rng.chance(60);
            let name = if sole_trader {
                match rng.below(3) {
                    0 => format!("{} {}", rng.pick(TRADES), contact.last_name_capitalised()),
                    1 => format!("{} Techniek", contact.last_name_capitalised()),
                    _ => format!("{} & Zonen", contact.last_name_capitalised()),
                }
            } else {
                rng.pick(COMPANY_NAMES).to_string()
            };
            if !names.insert(name.clone()) {
                continue;
            }
            let slug = ascii(&name.replace("B.V.", ""));
            let email = unique(&mut emails, &mut rng, |rng| {
                let f = ascii(contact.first);
                let l = ascii(&contact.last_name());
                match rng.below(3) {
                    0 => format!("{f}@{slug}.example"),
                    1 => format!("{f}.{l}@{slug}.example"),
                    _ => format!("{}{l}@{slug}.example", &f[..1]),
                }
            });
            let (city, lo, hi, area) = *rng.pick(CITIES);
            let phone = if rng.chance(50) {
                mobile(&mut rng)
            } else {
                landline(&mut rng, area)
            };
            let address = if rng.chance(30) {
                format!("Postbus {}", rng.range(10, 9999))
            } else {
                format!("{} {}", rng.pick(STREETS), house_number(&mut rng))
            };
            let postcode = postcode(&mut rng, lo, hi);
            kvk.push(unique(&mut kvks, &mut rng, |rng| {
                format!("{}{}", rng.range(1, 9), rng.digits(7))
            }));
            vat.push((!rng.chance(15)).then(|| {
                let suffix = if sole_trader {
                    format!("B{}", rng.digits(2))
                } else {
                    "B01".to_owned()
                };
                format!("NL{}{suffix}", rng.digits(9))
            }));
            businesses.push(Business {
                name,
                contact,
                email,
                phone,
                address,
                postcode,
                city,
            });
        }

        // Accounts for three customers in four.
        let mut rng = Rng::new("accounts");
        let mut usernames = BTreeSet::new();
        let mut accounts = Vec::new();
        for (i, c) in customers.iter().enumerate() {
            if !rng.chance(75) {
                continue;
            }
            let p = &c.person;
            let username = unique(&mut usernames, &mut rng, |rng| {
                let f = ascii(p.first);
                let l = ascii(p.surname);
                match rng.below(4) {
                    0 => format!("{f}{}{}", &l[..l.len().min(3)], rng.range(10, 99)),
                    1 => format!("{f}.{l}"),
                    2 => format!("{}{l}", &f[..1]),
                    _ => format!("{l}{}", rng.range(1, 9999)),
                }
            });
            let last_login = (!rng.chance(8)).then(|| moment(&mut rng, c.created_at, end()));
            accounts.push((i, username, password_hash(&mut rng), last_login));
        }

        // Orders, numbered in the order they were placed.
        let mut rng = Rng::new("orders");
        let mut orders: Vec<Order> = (0..420)
            .map(|_| {
                let customer = rng.index(customers.len());
                let at = moment(&mut rng, customers[customer].created_at + DAY, end());
                let mut lines: Vec<(usize, i64, i64)> = Vec::new();
                let n = match rng.below(10) {
                    0..=4 => 1,
                    5..=7 => 2,
                    8 => 3,
                    _ => 4,
                };
                while lines.len() < n {
                    let product = rng.index(PRODUCTS.len());
                    if lines.iter().any(|l| l.0 == product) {
                        continue;
                    }
                    let quantity = if rng.chance(80) { 1 } else { rng.range(2, 4) };
                    lines.push((product, quantity, PRODUCTS[product].2));
                }
                let total = lines.iter().map(|(_, q, p)| q * p).sum();
                let status = if end() - at < 4 * DAY {
                    *rng.pick(&["betaald", "verzonden"])
                } else {
                    match rng.below(100) {
                        0..=89 => "geleverd",
                        90..=93 => "geannuleerd",
                        _ => "geretourneerd",
                    }
                };
                Order {
                    id: 0,
                    customer,
                    number: String::new(),
                    status,
                    total,
                    at,
                    lines,
                }
            })
            .collect();
        orders.sort_by_key(|o| o.at);
        let mut per_year: BTreeMap<i64, u32> = BTreeMap::new();
        for (i, o) in orders.iter_mut().enumerate() {
            o.id = i as i64 + 1;
            let year = year_of(o.at);
            let seq = per_year.entry(year).or_default();
            *seq += 1;
            o.number = format!("WS-{year}-{:05}", *seq + 100);
        }

        // Refunds: returned and cancelled orders in full, a few lines of
        // delivered orders.
        let mut rng = Rng::new("refunds");
        let mut refunds = Vec::new();
        for (i, o) in orders.iter().enumerate() {
            let amount = match o.status {
                "geretourneerd" | "geannuleerd" => o.total,
                "geleverd" if rng.chance(3) => o.lines[0].2,
                _ => continue,
            };
            let holder = if rng.chance(85) {
                customers[o.customer].person.full_name()
            } else {
                Person::random(&mut rng).full_name()
            };
            let at =
                (o.at + rng.range(3, 30) * DAY + rng.range(0, 8 * 3600)).min(export_time() - DAY);
            refunds.push(Refund {
                order: i,
                amount,
                iban: iban(&mut rng),
                holder,
                at,
            });
        }
        refunds.sort_by_key(|r| (r.at, r.order));

        // Marketing preferences, one row per customer.
        let mut rng = Rng::new("marketing_preferences");
        let prefs: Vec<(bool, Option<Ts>, Option<&'static str>)> = customers
            .iter()
            .map(|c| {
                if rng.chance(45) {
                    let at = moment(&mut rng, c.created_at, c.created_at + 60 * DAY).min(end());
                    let channel = match rng.below(10) {
                        0..=7 => "e-mail",
                        8 => "post",
                        _ => "sms",
                    };
                    (true, Some(at), Some(channel))
                } else {
                    (false, None, None)
                }
            })
            .collect();

        // Participations in promotions and trade fairs.
        let mut rng = Rng::new("promotion_participations");
        let mut participations: Vec<(usize, usize, Ts)> = Vec::new();
        while participations.len() < 160 {
            let event = rng.index(EVENTS.len());
            let customer = rng.index(customers.len());
            if participations
                .iter()
                .any(|&(c, e, _)| c == customer && e == event)
            {
                continue;
            }
            let (y, m, d) = EVENTS[event].2;
            let at = ts(y, m, d) + rng.range(9 * 3600, 17 * 3600);
            participations.push((customer, event, at));
        }
        participations.sort_by_key(|&(c, e, t)| (t, e, c));

        // Newsletter sign-ups of people who are not customers (at fairs).
        let mut rng = Rng::new("prospects");
        let prospects = (0..35)
            .map(|_| {
                let p = Person::random(&mut rng);
                let email = email(&mut rng, &p, &mut emails);
                let (y, m, d) = rng.pick(EVENTS).2;
                let at = ts(y, m, d) + rng.range(9 * 3600, 17 * 3600);
                ((!rng.chance(30)).then_some(p), email, at)
            })
            .collect();

        let mut world = World {
            customers,
            businesses,
            kvk,
            vat,
            accounts,
            orders,
            prefs,
            participations,
            tickets: Vec::new(),
            refunds,
            prospects,
        };
        world.tickets = world.make_tickets();
        world
    }
}
