//! The webshop system: its ten tables as portable SQL (`webshop.sql`, which
//! SQLite and PostgreSQL both load) and as a SQLite file (`webshop.sqlite`)
//! made from that SQL.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use rusqlite::Connection;

use crate::dates::{Ts, fmt_ts};
use crate::rng::Rng;
use crate::words::{EVENTS, PRODUCTS};
use crate::world::World;

/// A value in a row.
pub(crate) enum V {
    Null,
    Int(i64),
    Money(i64),
    Text(String),
    Bool(bool),
    Ts(Ts),
}

impl V {
    pub(crate) fn text(s: impl Into<String>) -> V {
        V::Text(s.into())
    }
    pub(crate) fn opt_text(s: Option<String>) -> V {
        s.map_or(V::Null, V::Text)
    }
    pub(crate) fn opt_ts(t: Option<Ts>) -> V {
        t.map_or(V::Null, V::Ts)
    }

    pub(crate) fn sql(&self) -> String {
        match self {
            V::Null => "NULL".into(),
            V::Int(i) => i.to_string(),
            V::Money(c) => money(*c),
            V::Text(s) => format!("'{}'", s.replace('\'', "''")),
            V::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            V::Ts(t) => format!("'{}'", fmt_ts(*t)),
        }
    }
}

pub(crate) struct Table {
    pub(crate) name: &'static str,
    /// Column name and its SQL declaration.
    pub(crate) columns: &'static [(&'static str, &'static str)],
    pub(crate) rows: Vec<Vec<V>>,
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

impl World {
    pub(crate) fn tables(&self) -> Vec<Table> {
        let customers = Table {
            name: "customers",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("first_name", "TEXT NOT NULL"),
                ("last_name", "TEXT NOT NULL"),
                ("street", "TEXT NOT NULL"),
                ("house_number", "TEXT NOT NULL"),
                ("postcode", "TEXT NOT NULL"),
                ("city", "TEXT NOT NULL"),
                ("country", "TEXT NOT NULL"),
                ("email", "TEXT NOT NULL UNIQUE"),
                ("phone", "TEXT"),
                ("created_at", "TIMESTAMP NOT NULL"),
            ],
            rows: self
                .customers
                .iter()
                .map(|c| {
                    vec![
                        V::Int(c.id),
                        V::text(c.person.first),
                        V::text(c.person.last_name()),
                        V::text(c.address.street.clone()),
                        V::text(c.address.house_number.clone()),
                        V::text(c.address.postcode.clone()),
                        V::text(c.address.city),
                        V::text("NL"),
                        V::text(c.email.clone()),
                        V::text(c.phone.clone()),
                        V::Ts(c.created_at),
                    ]
                })
                .collect(),
        };
        let business_customers = Table {
            name: "business_customers",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("company_name", "TEXT NOT NULL"),
                ("kvk_number", "TEXT NOT NULL UNIQUE"),
                ("vat_number", "TEXT"),
                ("postal_address", "TEXT NOT NULL"),
                ("postal_code", "TEXT NOT NULL"),
                ("city", "TEXT NOT NULL"),
                ("contact_person_name", "TEXT NOT NULL"),
                ("contact_email", "TEXT NOT NULL"),
                ("contact_phone", "TEXT"),
            ],
            rows: self
                .businesses
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    vec![
                        V::Int(i as i64 + 1),
                        V::text(b.name.clone()),
                        V::text(self.kvk[i].clone()),
                        V::opt_text(self.vat[i].clone()),
                        V::text(b.address.clone()),
                        V::text(b.postcode.clone()),
                        V::text(b.city),
                        V::text(b.contact.full_name()),
                        V::text(b.email.clone()),
                        V::text(b.phone.clone()),
                    ]
                })
                .collect(),
        };
        let accounts = Table {
            name: "accounts",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                (
                    "customer_id",
                    "INTEGER NOT NULL UNIQUE REFERENCES customers (id)",
                ),
                ("username", "TEXT NOT NULL UNIQUE"),
                ("password_hash", "TEXT NOT NULL"),
                ("last_login_at", "TIMESTAMP"),
            ],
            rows: self
                .accounts
                .iter()
                .enumerate()
                .map(|(i, (c, user, hash, login))| {
                    vec![
                        V::Int(i as i64 + 1),
                        V::Int(self.customers[*c].id),
                        V::text(user.clone()),
                        V::text(hash.clone()),
                        V::opt_ts(*login),
                    ]
                })
                .collect(),
        };
        let products = Table {
            name: "products",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("sku", "TEXT NOT NULL UNIQUE"),
                ("product_name", "TEXT NOT NULL"),
                ("description", "TEXT"),
                ("price", "NUMERIC(10,2) NOT NULL"),
                ("stock", "INTEGER NOT NULL"),
            ],
            rows: {
                let mut rng = Rng::new("products");
                PRODUCTS
                    .iter()
                    .enumerate()
                    .map(|(i, (name, description, price))| {
                        vec![
                            V::Int(i as i64 + 1),
                            V::text(format!("ISMT-{}", 1001 + i)),
                            V::text(*name),
                            V::text(*description),
                            V::Money(*price),
                            V::Int(rng.range(0, 250)),
                        ]
                    })
                    .collect()
            },
        };
        let orders = Table {
            name: "orders",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("customer_id", "INTEGER NOT NULL REFERENCES customers (id)"),
                ("order_number", "TEXT NOT NULL UNIQUE"),
                ("status", "TEXT NOT NULL"),
                ("total_amount", "NUMERIC(10,2) NOT NULL"),
                ("currency", "TEXT NOT NULL"),
                ("ordered_at", "TIMESTAMP NOT NULL"),
            ],
            rows: self
                .orders
                .iter()
                .map(|o| {
                    vec![
                        V::Int(o.id),
                        V::Int(self.customers[o.customer].id),
                        V::text(o.number.clone()),
                        V::text(o.status),
                        V::Money(o.total),
                        V::text("EUR"),
                        V::Ts(o.at),
                    ]
                })
                .collect(),
        };
        let order_lines = Table {
            name: "order_lines",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("order_id", "INTEGER NOT NULL REFERENCES orders (id)"),
                ("product_id", "INTEGER NOT NULL REFERENCES products (id)"),
                ("quantity", "INTEGER NOT NULL"),
                ("unit_price", "NUMERIC(10,2) NOT NULL"),
            ],
            rows: self
                .orders
                .iter()
                .flat_map(|o| o.lines.iter().map(move |l| (o.id, l)))
                .enumerate()
                .map(|(i, (order, &(product, quantity, price)))| {
                    vec![
                        V::Int(i as i64 + 1),
                        V::Int(order),
                        V::Int(product as i64 + 1),
                        V::Int(quantity),
                        V::Money(price),
                    ]
                })
                .collect(),
        };
        let marketing_preferences = Table {
            name: "marketing_preferences",
            columns: &[
                (
                    "customer_id",
                    "INTEGER PRIMARY KEY REFERENCES customers (id)",
                ),
                ("newsletter_opt_in", "BOOLEAN NOT NULL"),
                ("opt_in_at", "TIMESTAMP"),
                ("channel", "TEXT"),
            ],
            rows: self
                .prefs
                .iter()
                .zip(&self.customers)
                .map(|(&(opt_in, at, channel), c)| {
                    vec![
                        V::Int(c.id),
                        V::Bool(opt_in),
                        V::opt_ts(at),
                        V::opt_text(channel.map(str::to_owned)),
                    ]
                })
                .collect(),
        };
        let promotion_participations = Table {
            name: "promotion_participations",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("customer_id", "INTEGER NOT NULL REFERENCES customers (id)"),
                ("promotion_code", "TEXT NOT NULL"),
                ("event_name", "TEXT NOT NULL"),
                ("registered_at", "TIMESTAMP NOT NULL"),
            ],
            rows: self
                .participations
                .iter()
                .enumerate()
                .map(|(i, &(c, e, at))| {
                    vec![
                        V::Int(i as i64 + 1),
                        V::Int(self.customers[c].id),
                        V::text(EVENTS[e].0),
                        V::text(EVENTS[e].1),
                        V::Ts(at),
                    ]
                })
                .collect(),
        };
        let support_tickets = Table {
            name: "support_tickets",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("customer_id", "INTEGER REFERENCES customers (id)"),
                ("subject", "TEXT NOT NULL"),
                ("body", "TEXT NOT NULL"),
                ("status", "TEXT NOT NULL"),
                ("created_at", "TIMESTAMP NOT NULL"),
            ],
            rows: self
                .tickets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        V::Int(i as i64 + 1),
                        t.customer.map_or(V::Null, |c| V::Int(self.customers[c].id)),
                        V::text(t.subject),
                        V::text(t.body.clone()),
                        V::text(t.status),
                        V::Ts(t.at),
                    ]
                })
                .collect(),
        };
        let refunds = Table {
            name: "refunds",
            columns: &[
                ("id", "INTEGER PRIMARY KEY"),
                ("order_id", "INTEGER NOT NULL REFERENCES orders (id)"),
                ("amount", "NUMERIC(10,2) NOT NULL"),
                ("iban", "TEXT NOT NULL"),
                ("account_holder", "TEXT NOT NULL"),
                ("refunded_at", "TIMESTAMP NOT NULL"),
            ],
            rows: self
                .refunds
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        V::Int(i as i64 + 1),
                        V::Int(self.orders[r.order].id),
                        V::Money(r.amount),
                        V::text(r.iban.clone()),
                        V::text(r.holder.clone()),
                        V::Ts(r.at),
                    ]
                })
                .collect(),
        };
        vec![
            customers,
            business_customers,
            accounts,
            products,
            orders,
            order_lines,
            marketing_preferences,
            promotion_participations,
            support_tickets,
            refunds,
        ]
    }

    /// The webshop as SQL that SQLite and PostgreSQL both accept.
    pub(crate) fn sql(&self) -> String {
        let tables = self.tables();
        let mut out = String::from(
            "-- ISMT B.V.'s example webshop: FAKE data, generated by crates/example-systems\n\
             -- (do not edit; regenerate with `cargo xtask example-systems`).\n\
             -- Portable SQL for SQLite and PostgreSQL:\n\
             --   sqlite3 webshop.db < webshop.sql\n\
             --   psql -v ON_ERROR_STOP=1 -d ismt_webshop -f webshop.sql\n\n\
             BEGIN;\n\n",
        );
        for t in tables.iter().rev() {
            writeln!(out, "DROP TABLE IF EXISTS {};", t.name).unwrap();
        }
        out.push('\n');
        for t in &tables {
            writeln!(out, "CREATE TABLE {} (", t.name).unwrap();
            for (i, (name, decl)) in t.columns.iter().enumerate() {
                let comma = if i + 1 < t.columns.len() { "," } else { "" };
                writeln!(out, "  {name} {decl}{comma}").unwrap();
            }
            out.push_str(");\n\n");
        }
        for t in &tables {
            let names: Vec<&str> = t.columns.iter().map(|(n, _)| *n).collect();
            let head = format!("INSERT INTO {} ({}) VALUES", t.name, names.join(", "));
            for row in &t.rows {
                assert_eq!(row.len(), names.len(), "{}", t.name);
                let values: Vec<String> = row.iter().map(V::sql).collect();
                writeln!(out, "{head} ({});", values.join(", ")).unwrap();
            }
            out.push('\n');
        }
        out.push_str("COMMIT;\n");
        out
    }
}

/// Loads the SQL into a new SQLite file the same way every time: fixed page
/// size, rollback journal (no WAL), `VACUUM` at the end.
pub(crate) fn write_sqlite(path: &Path, sql: &str) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let db = Connection::open(path).map_err(io::Error::other)?;
    db.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;",
    )
    .map_err(io::Error::other)?;
    db.execute_batch(sql)
        .map_err(|e| io::Error::other(format!("webshop.sql does not load: {e}")))?;
    db.execute_batch("VACUUM;").map_err(io::Error::other)?;
    db.close().map_err(|(_, e)| io::Error::other(e))
}
