//! The exports system's CRM export, `exports/crm-export.json`: business
//! contacts and some private customers, with notes in free text.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::dates::{DAY, export_time, fmt_date, fmt_ts, moment, start, ts};
use crate::fake::{Person, email, international, mobile};
use crate::rng::Rng;
use crate::words::{EVENTS, PRODUCTS};
use crate::world::World;

impl World {
    /// `exports/crm-export.json`: the business contacts and some private
    /// customers, as a CRM exports them.
    pub(crate) fn crm_json(&self) -> String {
        let mut rng = Rng::new("crm");
        let mut emails = BTreeSet::new();
        let mut contacts = Vec::new();
        let note = |rng: &mut Rng, emails: &mut BTreeSet<String>, p: &Person| -> Value {
            match rng.below(8) {
                0 => json!(format!(
                    "Gesproken op de {}. Wil een offerte voor een {}.",
                    rng.pick(EVENTS).1,
                    PRODUCTS[rng.index(PRODUCTS.len())].0
                )),
                1 => json!(format!("Liever bellen dan mailen: {}.", mobile(rng))),
                2 => json!(format!(
                    "Privé-mailadres voor de kerstkaart: {}.",
                    email(rng, p, emails)
                )),
                3 => {
                    let colleague = Person::random(rng);
                    json!(format!(
                        "Collega {} ({}) tekent voortaan de offertes.",
                        colleague.full_name(),
                        email(rng, &colleague, emails)
                    ))
                }
                4 => json!(format!(
                    "Klant sinds {}. Vaste afnemer van onderhoudscontracten.",
                    rng.range(2015, 2022)
                )),
                5 => json!(format!(
                    "Terugbellen na de vakantie, mobiel {}.",
                    international(&mobile(rng))
                )),
                _ => Value::Null,
            }
        };
        let tags = |rng: &mut Rng| -> Value {
            let mut t: Vec<&str> = Vec::new();
            for _ in 0..rng.below(3) {
                let code = rng.pick(EVENTS).0;
                if !t.contains(&code) {
                    t.push(code);
                }
            }
            if rng.chance(40) {
                t.push("nieuwsbrief");
            }
            t.sort_unstable();
            json!(t.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>())
        };
        for b in self.businesses.iter().take(50) {
            let created = moment(&mut rng, start(), ts(2024, 9, 30));
            let (street, postcode, city) = (b.address.clone(), b.postcode.clone(), b.city);
            contacts.push((
                created,
                json!({
                    "name": b.contact.full_name(),
                    "email": b.email,
                    "phone": international(&b.phone),
                    "company": b.name,
                    "address": { "street": street, "postcode": postcode, "city": city },
                    "notes": note(&mut rng, &mut emails, &b.contact),
                    "tags": tags(&mut rng),
                    "team": "zakelijk",
                }),
            ));
        }
        let mut picked = BTreeSet::new();
        while picked.len() < 70 {
            picked.insert(rng.index(self.customers.len()));
        }
        for &i in &picked {
            let c = &self.customers[i];
            let created = c.created_at + rng.range(0, 3 * DAY);
            contacts.push((
                created,
                json!({
                    "name": c.person.full_name(),
                    "email": c.email,
                    "phone": international(&c.phone),
                    "company": null,
                    "address": {
                        "street": format!("{} {}", c.address.street, c.address.house_number),
                        "postcode": c.address.postcode,
                        "city": c.address.city,
                    },
                    "notes": note(&mut rng, &mut emails, &c.person),
                    "tags": tags(&mut rng),
                    "team": "klantenservice",
                }),
            ));
        }
        contacts.sort_by_key(|c| c.0);
        let contacts: Vec<Value> = contacts
            .into_iter()
            .enumerate()
            .map(|(i, (created, fields))| {
                let mut m = Map::new();
                m.insert("id".into(), json!(format!("C-{:04}", i + 1)));
                m.extend(fields.as_object().unwrap().clone());
                m.insert("created".into(), json!(fmt_date(created)));
                Value::Object(m)
            })
            .collect();
        let doc = json!({
            "export": {
                "system": "Voorbeeld-CRM (fictief)",
                "exported_at": format!("{}T{}Z", fmt_date(export_time()), &fmt_ts(export_time())[11..]),
                "count": contacts.len(),
            },
            "contacts": contacts,
        });
        let mut out = serde_json::to_string_pretty(&doc).unwrap();
        out.push('\n');
        out
    }
}
