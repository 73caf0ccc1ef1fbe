//! The controller's own parts of the statement: its introduction, what it
//! says of changes, the sections it adds where it places them, and the
//! dated versions (Art. 13(3)).

use super::Deriver;
use super::contact::{display_url, web_url};
use super::view::{AddedSectionView, LinkView, Section, VersionView};

impl<'a> Deriver<'a> {
    /// The controller's introduction, paragraph by paragraph.
    pub(super) fn introduction(&self) -> Vec<String> {
        self.opt(&self.register.organisation.notice.introduction)
            .map(|t| paragraphs(&t))
            .unwrap_or_default()
    }

    pub(super) fn added_sections(&self) -> Vec<AddedSectionView> {
        self.register
            .organisation
            .notice
            .sections
            .iter()
            .map(|added| AddedSectionView {
                id: added.id.to_string(),
                kind: added.kind,
                title: self.opt(&added.title),
                paragraphs: paragraphs(&self.t(&added.text)),
                link: added.url.as_ref().map(|url| {
                    let url = url.get(self.lang).trim();
                    LinkView {
                        text: display_url(url),
                        href: web_url(url).then(|| url.to_owned()),
                    }
                }),
            })
            .collect()
    }

    /// The versions, newest first, with their dates in the language's words.
    pub(super) fn versions(&self) -> Vec<VersionView> {
        let mut versions: Vec<_> = self.register.organisation.notice.versions.iter().collect();
        // Dates are `YYYY-MM-DD`: as strings, they sort as dates.
        versions.sort_by(|a, b| b.date.as_str().cmp(a.date.as_str()));
        versions
            .into_iter()
            .map(|v| VersionView {
                date: self.words.date(&v.date),
                effective_from: v
                    .effective_from
                    .as_ref()
                    .filter(|e| e.as_str() > v.date.as_str())
                    .map(|e| self.words.date(e)),
                summary: self.t(&v.summary),
            })
            .collect()
    }

    /// Puts each added section after the section its `after` names: one of
    /// the statement's own (or, when that one has nothing to say here, the
    /// last one before it that does), or an added section placed earlier.
    /// Without `after`, or naming no section, it goes at the end, before
    /// the version history.
    pub(super) fn place_added(&self, sections: &mut Vec<Section>) {
        let added = &self.register.organisation.notice.sections;
        for (i, section) in added.iter().enumerate() {
            let at = section
                .after
                .as_deref()
                .and_then(|after| self.position_after(sections, after))
                .unwrap_or_else(|| {
                    sections
                        .iter()
                        .position(|s| *s == Section::LastChanged)
                        .unwrap_or(sections.len())
                });
            // "At the very end of this statement" is the version history.
            let last = sections
                .iter()
                .position(|s| *s == Section::LastChanged)
                .unwrap_or(sections.len());
            sections.insert(at.min(last), Section::Added(i));
        }
    }

    /// Where a section placed after `after` goes in `sections`.
    fn position_after(&self, sections: &[Section], after: &str) -> Option<usize> {
        let added = &self.register.organisation.notice.sections;
        if let Some(j) = sections
            .iter()
            .position(|s| matches!(s, Section::Added(k) if added[*k].id.as_str() == after))
        {
            return Some(j + 1);
        }
        let target = Section::ALL.iter().position(|s| s.id() == after)?;
        // The last of the statement's own sections at or before `after` in
        // the statement's order, and after any sections added behind it.
        let mut at = 0;
        for (j, s) in sections.iter().enumerate() {
            match s {
                Section::Added(_) => {
                    if at == j {
                        at = j + 1;
                    }
                }
                own => {
                    let order = Section::ALL.iter().position(|x| x == own)?;
                    if order <= target {
                        at = j + 1;
                    }
                }
            }
        }
        Some(at)
    }
}

/// A text's paragraphs: the parts between blank lines, each trimmed.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_are_parted_by_blank_lines() {
        assert_eq!(
            super::paragraphs("One.\nStill one.\n\n  \nTwo. "),
            vec!["One.\nStill one.".to_owned(), "Two.".to_owned()]
        );
        assert!(super::paragraphs("  \n").is_empty());
    }
}
