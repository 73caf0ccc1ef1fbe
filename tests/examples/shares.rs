//! What a statement's sentences are made of. Each sentence of the rendered
//! statement (headings and the table of contents are titles, not
//! sentences) is one of:
//!
//! - **free text**: it carries some of the register's own prose (a
//!   [`Kind::Free`] fact), whatever else it says;
//! - **structured**: it tells a structured fact (a code, period, country or
//!   date in the word file's words, or a name: the controller's, a
//!   recipient's, a category's, a purpose's, a law's) and no free text;
//! - **template**: neither, a fixed sentence of the word file.
//!
//! Free text wins over structured because the share of free text measures
//! how much of the statement a reader meets in the register's own words:
//! a category's label followed by its free-text examples is prose to
//! check, however structured the label.
//!
//! The figures are approximate: a sentence is cut at `.`, `!` or `?`
//! followed by a capital, and a short fact (a basis, a country) counts
//! wherever its words stand, also inside a fixed sentence.

use std::ops::Range;

use super::{Fact, Kind};
use crate::render::text_of;

/// Elements that start or end a block of text.
const BLOCKS: &[&str] = &[
    "article", "section", "header", "nav", "div", "p", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    "br",
];

/// Blocks that are titles rather than sentences: left out of the count.
const TITLES: &[&str] = &["nav", "h1", "h2", "h3", "h4"];

/// How many sentences a statement has, and how many of each kind.
pub(super) struct Shares {
    sentences: usize,
    structured: usize,
    free: usize,
}

impl Shares {
    pub(super) fn of(html: &str, facts: &[Fact]) -> Shares {
        let mut shares = Shares {
            sentences: 0,
            structured: 0,
            free: 0,
        };
        for block in blocks(html) {
            let told = occurrences(&block, facts);
            for sentence in sentences(&block) {
                shares.sentences += 1;
                let kinds = told.iter().filter(|(at, _)| overlap(at, &sentence));
                let kinds: Vec<Kind> = kinds.map(|(_, kind)| *kind).collect();
                if kinds.contains(&Kind::Free) {
                    shares.free += 1;
                } else if kinds.contains(&Kind::Structured) {
                    shares.structured += 1;
                }
            }
        }
        shares
    }

    /// `register/ (nl): 142 sentences — structured 48%, free text 31%, template 21%`.
    pub(super) fn line(&self, register: &str, lang: &str) -> String {
        let template = self.sentences - self.structured - self.free;
        format!(
            "{register} ({lang}): {} sentences — structured {:.0}%, free text {:.0}%, template {:.0}%",
            self.sentences,
            percent(self.structured, self.sentences),
            percent(self.free, self.sentences),
            percent(template, self.sentences),
        )
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The text of each block of the statement that holds sentences, in order.
fn blocks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_title = 0usize;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        if in_title == 0 {
            current.push_str(&rest[..at]);
        }
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at + 1..end.saturating_sub(1).max(at + 1)];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '\n'])
            .next()
            .unwrap_or_default();
        if BLOCKS.contains(&name) {
            push_text(&mut out, &current);
            current.clear();
            if TITLES.contains(&name) {
                if tag.starts_with('/') {
                    in_title = in_title.saturating_sub(1);
                } else {
                    in_title += 1;
                }
            }
        } else if in_title == 0 {
            // Inline markup: `text_of` takes it out.
            current.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    current.push_str(rest);
    push_text(&mut out, &current);
    out
}

fn push_text(out: &mut Vec<String>, html: &str) {
    let text = text_of(html);
    if !text.is_empty() {
        out.push(text);
    }
}

/// The sentences of a block: cut after `.`, `!` or `?` (and a closing quote
/// or bracket) where a space and a capital follow.
fn sentences(block: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    for (i, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = i + 1;
        while chars.get(j).is_some_and(|(_, c)| "’”\")'".contains(*c)) {
            j += 1;
        }
        let next_is_sentence = chars.get(j).is_some_and(|(_, c)| *c == ' ')
            && chars.get(j + 1).is_some_and(|(_, c)| c.is_uppercase());
        if next_is_sentence {
            let end = chars[j].0;
            out.push(start..end);
            start = end + 1;
        }
    }
    if start < block.len() {
        out.push(start..block.len());
    }
    out
}

/// Where in `block` each fact stands, as a whole word or words.
fn occurrences(block: &str, facts: &[Fact]) -> Vec<(Range<usize>, Kind)> {
    let mut out = Vec::new();
    for fact in facts {
        let said = fact.said();
        for (at, _) in block.match_indices(said.as_str()) {
            let end = at + said.len();
            let before = block[..at].chars().next_back();
            let after = block[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push((at..end, fact.kind));
            }
        }
    }
    out
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
