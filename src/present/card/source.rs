//! A source: who published what, when, and what cites it.

use crate::model::*;
use crate::present::doc::{DocBuilder, Role};
use crate::present::text::clean;

impl DocBuilder<'_> {
    pub(super) fn source_card(&mut self, s: usize) {
        let src = &self.m.sources[s];
        self.title = clean(&src.title).into_owned();
        self.line(vec![(Role::Source, format!("[{}]", clean(&src.id)))]);
        self.line(vec![Self::dim("publisher "), Self::text(&src.publisher)]);
        self.line(vec![Self::dim("title "), Self::text(&src.title)]);
        if let Some(year) = src.year {
            self.line(vec![Self::dim("year "), (Role::Number, year.to_string())]);
        }
        if let Some(url) = &src.url {
            self.line(vec![Self::dim("URL "), Self::text(url)]);
        }
        if let Some(accessed) = src.accessed {
            self.line(vec![
                Self::dim("accessed "),
                (Role::Number, accessed.to_string()),
            ]);
        }
        if let Some(seen) = src.seen {
            let how = match seen {
                Seen::Read => "read in the publisher's own document",
                Seen::Quoted => "quoted by a third party",
            };
            self.line(vec![Self::dim("seen "), (Role::Status, how.into())]);
        }
        self.note(&src.note);
    }
}
