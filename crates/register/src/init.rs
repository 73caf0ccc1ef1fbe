//! `ropa init`: a new register a DPO can start from — valid, nearly empty,
//! with every file linked to its schema so an editor completes and checks it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::*;
use crate::schema::EMBEDDED;

/// Where `init` puts a copy of the schemas, relative to the register.
pub const SCHEMA_DIR: &str = ".ropa/schemas";

/// What to fill in; everything else starts as an obvious placeholder.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub organisation: String,
    pub email: String,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            organisation: "Example B.V.".to_owned(),
            email: "privacy@example.org".to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{} already exists and is not empty; ropa init does not overwrite anything (choose a new directory)", .0.display())]
    NotEmpty(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Creates the register in `dir`, which must not exist or be empty.
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path, options: &InitOptions) -> Result<Vec<String>, InitError> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(InitError::NotEmpty(dir.to_owned()));
        }
    }
    let link = |name: &str, depth: usize| format!("{}{SCHEMA_DIR}/{name}", "../".repeat(depth));
    let mut written = Vec::new();
    let mut write = |rel: &str, text: String| -> Result<(), InitError> {
        let path = dir.join(rel);
        let io = |source| InitError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(path.parent().expect("a file has a parent")).map_err(io)?;
        crate::atomic::write_atomically(&path, text.as_bytes())
            .map_err(|e| io(std::io::Error::other(e)))?;
        written.push(rel.to_owned());
        Ok(())
    };

    write(
        "organisation.json",
        pretty(&organisation(link("organisation.schema.json", 0), options)),
    )?;
    write(
        "categories.json",
        pretty(&CategoriesFile {
            schema: link("categories.schema.json", 0),
            categories: vec![],
            known_gaps: vec![],
        }),
    )?;
    write(
        "subjects.json",
        pretty(&SubjectsFile {
            schema: link("subjects.schema.json", 0),
            subjects: vec![],
            known_gaps: vec![],
        }),
    )?;
    write(
        "recipients.json",
        pretty(&RecipientsFile {
            schema: link("recipients.schema.json", 0),
            third_party_marketing: ThirdPartyMarketing::Never,
            recipients: vec![],
            known_gaps: vec![],
        }),
    )?;
    std::fs::create_dir_all(dir.join("activities")).map_err(|source| InitError::Io {
        path: dir.join("activities"),
        source,
    })?;
    std::fs::create_dir_all(dir.join("systems")).map_err(|source| InitError::Io {
        path: dir.join("systems"),
        source,
    })?;
    for (name, text) in EMBEDDED {
        write(&format!("{SCHEMA_DIR}/{name}"), text.to_owned())?;
    }
    Ok(written)
}

fn text(nl: &str, en: &str) -> Text {
    [("nl", nl), ("en", en)]
        .into_iter()
        .filter_map(|(code, text)| Some((Lang::from_code(code)?, text.to_owned())))
        .collect()
}

fn organisation(schema: String, options: &InitOptions) -> OrganisationFile {
    let email = Channel {
        kind: ChannelKind::Email,
        value: options.email.clone(),
        label: None,
    };
    OrganisationFile {
        schema,
        jurisdiction: Jurisdiction::Eu,
        controller: Controller {
            name: options.organisation.clone(),
            address: Address {
                street: "Straatnaam 1".to_owned(),
                postcode: "1234 AB".to_owned(),
                city: "Plaats".to_owned(),
                country: Location("NL".to_owned()),
            },
            contact: vec![email.clone()],
            chamber_of_commerce: None,
            designated_by: None,
        },
        scope: None,
        joint_controllers: vec![],
        representative: None,
        representative_exemption: None,
        dpo: None,
        public_authority: false,
        established_in_territory: true,
        supervisory_authority: SupervisoryAuthority {
            id: "legal-nl:DPA-NL".to_owned(),
            name: text(
                "Autoriteit Persoonsgegevens",
                "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
            ),
            url: "https://www.autoriteitpersoonsgegevens.nl".to_owned(),
        },
        rights: RightsHandling {
            channels: vec![email],
            self_service: None,
            identity_verification: None,
            declared: vec![],
            response_time: Some("P1M".to_owned()),
        },
        notice: Notice {
            languages: ["nl", "en"]
                .into_iter()
                .filter_map(Lang::from_code)
                .collect(),
            last_changed: None,
            cookie_statement: None,
            change_notification: None,
            activity_order: vec![],
            form_fields: None,
        },
        security_measures: vec![],
        known_gaps: vec![],
    }
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("the model serialises");
    text.push('\n');
    text
}
