//! `ropa init DIR --country CC`.

use std::path::PathBuf;
use std::process::ExitCode;

use ropa::ops::init::{InitOptions, parse_country};
use ropa::ops::{self, EXIT_OK};
use ropa_register::model::{Jurisdiction, Lang, Location};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the register; must not exist yet, or be empty.
    dir: PathBuf,
    /// The country the controller is established in (ISO 3166-1 alpha-2,
    /// e.g. NL, DE, GB, US). It gives the law, the supervisory authority and
    /// the statement's languages unless they are given.
    #[arg(long, value_name = "CC", value_parser = parse_country)]
    country: Location,
    /// The statement's languages, e.g. `nl,en`; by default the country's
    /// languages ropa has words for, and English.
    #[arg(long, value_name = "LANGS", value_delimiter = ',', value_parser = parse_language)]
    languages: Option<Vec<Lang>>,
    /// The law the register is kept under: `eu` (the GDPR) or `uk` (the UK
    /// GDPR); by default `uk` for GB, `eu` for any other country.
    #[arg(long, value_name = "eu|uk", value_parser = parse_jurisdiction)]
    jurisdiction: Option<Jurisdiction>,
    /// The controller's name; a placeholder to replace when not given.
    #[arg(long)]
    organisation: Option<String>,
    /// The controller's e-mail address for privacy matters; a placeholder to
    /// replace when not given.
    #[arg(long)]
    email: Option<String>,
    /// The author of the first commit, as "Name <email>"; by default git's user.name and user.email.
    #[arg(long)]
    author: Option<String>,
}

fn parse_language(code: &str) -> Result<Lang, String> {
    code.trim().parse::<Lang>().map(Ok).unwrap_or_else(|_| {
        let known: Vec<&str> = Lang::all().map(Lang::code).collect();
        Err(format!(
            "ropa has no words for `{code}`; it can write statements in {} (one word file templates/words/<code>.toml each)",
            known.join(", ")
        ))
    })
}

fn parse_jurisdiction(code: &str) -> Result<Jurisdiction, String> {
    Jurisdiction::ALL
        .into_iter()
        .find(|j| j.code() == code)
        .ok_or_else(|| {
            format!("`{code}` is no jurisdiction: `eu` (the GDPR) or `uk` (the UK GDPR)")
        })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = InitOptions {
        organisation: args.organisation,
        email: args.email,
        country: args.country.clone(),
        jurisdiction: args.jurisdiction,
        languages: args.languages,
    };
    let initialised = match ops::init::init(&args.dir, &options, args.author.as_deref()) {
        Ok(initialised) => initialised,
        Err(err) => return Ok(super::fail(err)),
    };
    let settings = &initialised.settings;
    println!(
        "created a register in {} ({} files)",
        args.dir.display(),
        initialised.files.len()
    );
    if let Some(id) = initialised.commit {
        println!("recorded it in git as commit {id}");
    }
    println!(
        "law: the {} (\"jurisdiction\": \"{}\"), for a controller established in {}",
        settings.jurisdiction.regulation(),
        settings.jurisdiction.code(),
        args.country
    );
    let languages: Vec<&str> = settings.languages.iter().map(|l| l.code()).collect();
    println!("statement languages: {}", languages.join(", "));
    for code in &settings.without_words {
        println!(
            "  ropa has no words for `{code}` yet (templates/words/{code}.toml), so the statement leaves it out"
        );
    }
    match settings.authority {
        Some(authority) => {
            println!(
                "supervisory authority: {} ({})",
                authority.english, authority.url
            );
            if let Some(note) = authority.note {
                println!("  check: {note}");
            }
        }
        None => println!(
            "supervisory authority: the one of the member state where your representative is (Art. 27(3)); fill it in"
        ),
    }
    if !settings.established_in_territory {
        println!(
            "established outside {}: name a \"representative\" there, or the Art. 27(2) ground for having none (V36)",
            settings.jurisdiction.territory()
        );
    }
    println!(
        "next: replace every \"<<FILL IN: …>>\" in organisation.json (`ropa validate` reports each as V50 until then),"
    );
    println!("      add categories, subjects, recipients and activities/<id>.json,");
    println!(
        "      then `ropa validate --register {0}` and `ropa commit --register {0} -m \"…\"`",
        args.dir.display()
    );
    Ok(ExitCode::from(EXIT_OK))
}
