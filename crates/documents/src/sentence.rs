//! Text with slots, as the word files write their sentences, and the one
//! rule of punctuation a value imposes on them: a value that ends a
//! sentence with its own full stop ("Acme Holdings Ltd.") gets no second
//! one from the sentence ([`Sentence::after`], [`ends_sentence`]).

use serde::Deserialize;

/// Text with slots: `"Je kunt ons bereiken via {channels}."`. A template
/// writes each part's text and fills the slot after it; a slot is a
/// lower-case name in braces.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Sentence(Vec<Part>);

/// A piece of text, and the slot that follows it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub slot: Option<String>,
    /// The slot's name as the templates match it: `short_name` where it
    /// opens a sentence is `Short_name`, so the template can write the name
    /// with a capital there ("De gemeente verzamelt …").
    pub key: Option<String>,
}

impl Sentence {
    pub fn parts(&self) -> &[Part] {
        &self.0
    }

    /// The names of the slots, in order.
    pub fn slots(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|p| p.slot.as_deref())
    }

    /// The text that follows the slot of part `i`, now that the slot holds
    /// `value`: without its full stop when `value` already ends the
    /// sentence ("… is Acme Holdings Ltd." rather than "Ltd.."). Empty after
    /// the last part. (`i` by reference, as the templates pass it.)
    pub fn after(&self, i: &usize, value: &str) -> &str {
        let text = self.0.get(i + 1).map_or("", |p| p.text.as_str());
        match text.strip_prefix('.') {
            Some(rest) if ends_sentence(value) => rest,
            _ => text,
        }
    }

    /// The sentence as plain text, each slot filled with `value(slot)`.
    pub fn fill<'v>(&self, mut value: impl FnMut(&str) -> &'v str) -> String {
        let text: usize = self.0.iter().map(|p| p.text.len()).sum();
        let mut out = String::with_capacity(text + 16);
        out.push_str(self.0.first().map_or("", |p| p.text.as_str()));
        for (i, part) in self.0.iter().enumerate() {
            if let Some(slot) = &part.slot {
                let value = value(slot);
                out.push_str(value);
                out.push_str(self.after(&i, value));
            }
        }
        out
    }
}

/// Whether `value` ends with a sentence's own punctuation, so that a full
/// stop after it would be one too many: "Ltd.", "Yahoo!", "etc.".
pub fn ends_sentence(value: &str) -> bool {
    value.trim_end().ends_with(['.', '!', '?'])
}

impl TryFrom<String> for Sentence {
    type Error = String;

    fn try_from(text: String) -> Result<Sentence, String> {
        let mut parts = Vec::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .map(|i| open + i)
                .ok_or_else(|| format!("`{{` without `}}` in \"{text}\""))?;
            let slot = &rest[open + 1..close];
            if slot.is_empty() || !slot.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return Err(format!("`{{{slot}}}` is not a slot in \"{text}\""));
            }
            let before = rest[..open].trim_end();
            let opens =
                (parts.is_empty() && before.is_empty()) || before.ends_with(['.', '?', '!']);
            let key = match slot {
                "short_name" if opens => "Short_name",
                slot => slot,
            };
            parts.push(Part {
                text: rest[..open].to_owned(),
                slot: Some(slot.to_owned()),
                key: Some(key.to_owned()),
            });
            rest = &rest[close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("`}}` without `{{` in \"{text}\""));
        }
        parts.push(Part {
            text: rest.to_owned(),
            slot: None,
            key: None,
        });
        Ok(Sentence(parts))
    }
}
