//! The exports system's newsletter list, `exports/nieuwsbrief.csv`.

use crate::dates::{Ts, fmt_date};
use crate::world::World;

impl World {
    /// `exports/nieuwsbrief.csv`: everyone who gets the newsletter by e-mail.
    pub(crate) fn newsletter_csv(&self) -> String {
        let mut rows: Vec<(Ts, String, String, String)> = Vec::new();
        for (c, &(opt_in, at, channel)) in self.customers.iter().zip(&self.prefs) {
            if opt_in && channel == Some("e-mail") {
                rows.push((
                    at.unwrap(),
                    c.email.clone(),
                    c.person.first.to_owned(),
                    c.person.last_name(),
                ));
            }
        }
        for (p, email, at) in &self.prospects {
            let (first, last) = p.as_ref().map_or((String::new(), String::new()), |p| {
                (p.first.to_owned(), p.last_name())
            });
            rows.push((*at, email.clone(), first, last));
        }
        rows.sort();
        let mut out = String::from("email,voornaam,achternaam,aangemeld_op\n");
        for (at, email, first, last) in rows {
            let fields = [email, first, last, fmt_date(at)];
            let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
