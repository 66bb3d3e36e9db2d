//! A source: who published what, when, where to find it and how it was seen.

use crate::model::{Model, Seen, SourceId, SourceKind};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::text::one_line;

/// Whose document a source is, in words.
pub fn source_kind_text(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Primary => "primary: the publisher's own document",
        SourceKind::Secondary => "secondary: a third party reporting it",
    }
}

impl DocBuilder<'_> {
    pub(super) fn source_card(&mut self, s: SourceId) {
        self.title = one_line(&self.m.source(s).title).into_owned();
        self.source_block(s);
    }

    /// A source spelled out field by field, as its card and the sources overlay show it.
    pub fn source_block(&mut self, s: SourceId) {
        let Some(src) = self.m.get_source(s) else {
            return;
        };
        let field =
            |name: &str, value: (Role, String)| vec![(Role::Dim, format!("{name:<10}")), value];
        self.line(vec![(Role::Source, format!("[{}]", one_line(&src.id)))]);
        self.line(field("publisher", Self::text(&src.publisher)));
        self.line(field("title", Self::text(&src.title)));
        match (src.date, src.year) {
            (Some(date), _) => self.line(field("date", (Role::Number, date.to_string()))),
            (None, Some(year)) => self.line(field("year", (Role::Number, year.to_string()))),
            (None, None) => {}
        }
        if let Some(kind) = src.kind {
            self.line(field("kind", (Role::Status, source_kind_text(kind).into())));
        }
        if let Some(quotes) = &src.quotes {
            self.line(field("reports", Self::text(quotes)));
        }
        if let Some(primary) = src.primary {
            let cite = self.cite(primary);
            self.line(field("primary", cite));
        }
        if let Some(url) = &src.url {
            self.line(field("URL", (Role::Source, one_line(url).into_owned())));
        }
        if let Some(accessed) = src.accessed {
            self.line(field("accessed", (Role::Number, accessed.to_string())));
        }
        if let Some(seen) = src.seen {
            let how = match seen {
                Seen::Read => "read in the publisher's own document",
                Seen::Quoted => "quoted by a third party",
                Seen::Headline => "headline only",
            };
            self.line(field("seen", (Role::Status, how.into())));
        }
        if src.headline_seen == Some(false) {
            let how = "the title describes the document; its headline was not seen";
            self.line(field("headline", Self::dim(how)));
        }
        if let Some(note) = &src.note {
            let mut lines = note.lines();
            if let Some(first) = lines.next() {
                self.line(field("note", Self::dim(first)));
            }
            for more in lines {
                self.line(vec![Self::dim(format!("{:10}{more}", ""))]);
            }
        }
    }
}

/// Several sources spelled out one after another, as the sources overlay lists them.
pub fn sources_doc(m: &Model, list: &[SourceId]) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = "Sources".into();
    for &s in list {
        b.blank();
        b.source_block(s);
    }
    b.finish()
}
