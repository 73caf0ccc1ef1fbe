//! Who we are and how to reach us: the controller's channels, made safe to
//! link, and its name as the statement's sentences use it.

use super::view::{ChannelView, ControllerView, GroupControllerView, List};
use super::{Deriver, capitalised};
use ropa_register::model::{Address, Channel, ChannelKind};

impl<'a> Deriver<'a> {
    /// A company as the statement names it: the controller, or a company
    /// of its group.
    pub(super) fn company(
        &self,
        name: &str,
        address: &Address,
        contact: &[Channel],
        chamber_of_commerce: Option<&str>,
    ) -> ControllerView {
        let country = &address.country;
        let referred = short_name(name);
        ControllerView {
            name: name.trim().to_owned(),
            short_name_opening: capitalised(&referred),
            short_name: referred,
            address: crate::address::one_line(address),
            country: self.words.country(country),
            country_code: country.to_string(),
            abroad: self.words.language.home_country.as_deref() != Some(country.as_str()),
            contact: self.channels(contact),
            chamber_of_commerce: chamber_of_commerce.map(str::to_owned),
            designated_by: None,
        }
    }

    /// The companies of the group that are the controller for public
    /// activities of this statement, each with those activities.
    pub(super) fn group_controllers(&self) -> Vec<GroupControllerView> {
        let org = &self.register.organisation;
        org.group_controllers
            .iter()
            .filter_map(|g| {
                let activities: Vec<String> = self
                    .public()
                    .filter(|(_, a)| a.controller.as_ref() == Some(&g.id))
                    .map(|(_, a)| self.t(&a.name))
                    .collect();
                if activities.is_empty() {
                    return None;
                }
                Some(GroupControllerView {
                    company: self.company(
                        &g.name,
                        &g.address,
                        &g.contact,
                        g.chamber_of_commerce.as_deref(),
                    ),
                    responsible_for: self.opt(&g.responsible_for),
                    activities: List::from(activities),
                })
            })
            .collect()
    }

    pub(super) fn channels(&self, channels: &[Channel]) -> Vec<ChannelView> {
        channels.iter().map(|c| self.channel(c)).collect()
    }

    pub(super) fn channel(&self, channel: &Channel) -> ChannelView {
        let value = channel.value.trim();
        let href = match channel.kind {
            ChannelKind::Email if plausible_email(value) => Some(format!("mailto:{value}")),
            ChannelKind::Web | ChannelKind::Account if web_url(value) => Some(value.to_owned()),
            _ => None,
        };
        // A link shows a short label; a long one is told as words before
        // the linked address, and a channel that is not linked (a phone
        // number, an address) must still show its value.
        let shown = || match channel.kind {
            ChannelKind::Web | ChannelKind::Account => display_url(value),
            _ => value.to_owned(),
        };
        let (description, text) = match (self.opt(&channel.label), &href) {
            (Some(label), Some(_)) if link_text(&label) => (None, label),
            (Some(label), Some(_)) => (Some(label), shown()),
            (Some(label), None) if label != value => (Some(label), value.to_owned()),
            _ => (None, value.to_owned()),
        };
        ChannelView {
            kind: channel.kind,
            description,
            text,
            href,
        }
    }
}

/// Whether a channel's label is short enough to be a link's text in a
/// sentence: a name for the channel ("our privacy request form"), not a
/// description of it ("the unsubscribe link at the foot of every e-mail").
fn link_text(label: &str) -> bool {
    const MOST_WORDS: usize = 4;
    const MOST_CHARACTERS: usize = 40;
    label.split_whitespace().count() <= MOST_WORDS && label.chars().count() <= MOST_CHARACTERS
}

/// The controller's name without its legal form: "ISMT B.V." → "ISMT".
pub fn short_name(name: &str) -> String {
    const FORMS: &[&str] = &[
        "B.V.",
        "BV",
        "N.V.",
        "NV",
        "V.O.F.",
        "VOF",
        "C.V.",
        "CV",
        "GmbH",
        "AG",
        "Ltd.",
        "Ltd",
        "Limited",
        "LLC",
        "Inc.",
        "Inc",
        "S.A.",
        "SA",
        "S.à r.l.",
        "SARL",
        "Oy",
        "AB",
        "A/S",
        "ApS",
        "plc",
        "PLC",
        "SE",
    ];
    let name = name.trim();
    for form in FORMS {
        if let Some(rest) = name.strip_suffix(form)
            && (rest.ends_with(' ') || rest.ends_with(','))
        {
            let rest = rest.trim_end().trim_end_matches(',').trim_end();
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    name.to_owned()
}

/// Whether `value` looks enough like an e-mail address to put behind `mailto:`.
/// Deliberately narrow: what fails is shown as text, never linked.
pub fn plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

/// Whether `value` is an `http://` or `https://` URL that is safe to link:
/// a host follows the scheme, and no whitespace, quote, angle bracket or
/// control character appears anywhere.
pub fn web_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        && value
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"\"'<>`\\{}|^".contains(c))
}

/// A URL as people type it: without scheme and trailing slash.
pub(super) fn display_url(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        url
    };
    rest.strip_suffix('/').unwrap_or(rest).to_owned()
}

#[cfg(test)]
mod tests {
    use super::link_text;

    #[test]
    fn a_short_label_is_link_text_and_a_description_is_not() {
        assert!(link_text("our privacy request form"));
        assert!(link_text("the unsubscribe page"));
        assert!(!link_text(
            "the unsubscribe link at the foot of every e-mail"
        ));
        assert!(!link_text("the unsubscribe link in every newsletter"));
    }
}
