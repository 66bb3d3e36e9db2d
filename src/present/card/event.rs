//! An event: when, who, what, and where it is told.

use crate::model::EventId;
use crate::present::doc::{DocBuilder, Role};
use crate::present::format::money;
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn event(&mut self, e: EventId) {
        let m = self.m;
        let ev = &m.event(e);
        self.title = one_line(&ev.title).into_owned();
        self.line(vec![
            (Role::Number, ev.date.to_string()),
            Self::dim(" · event"),
        ]);
        if !ev.tags.is_empty() {
            let tags: Vec<&str> = ev.tags.iter().map(|t| t.as_str()).collect();
            self.line(vec![Self::dim("topics "), Self::text(&tags.join(", "))]);
        }
        if !ev.parties.is_empty() {
            let names: Vec<String> = ev.parties.iter().map(|&p| self.party_label(p)).collect();
            self.line(vec![Self::dim("parties "), Self::text(&names.join(", "))]);
        }
        if !ev.countries.is_empty() {
            let names: Vec<String> = ev
                .countries
                .iter()
                .map(|&c| self.country_label(c))
                .collect();
            self.line(vec![Self::dim("countries "), Self::text(&names.join(", "))]);
        }
        if !ev.elements.is_empty() {
            let names: Vec<String> = ev
                .elements
                .iter()
                .map(|&x| one_line(&m.element(x).name).into_owned())
                .collect();
            self.line(vec![Self::dim("elements "), Self::text(&names.join(", "))]);
        }
        if let Some(amount) = &ev.amount {
            let mut spans = vec![Self::dim("amount "), (Role::Number, money(amount))];
            if let Some(n) = &amount.note {
                spans.push(Self::dim(format!(" — {n}")));
            }
            self.line(spans);
        }
        let cite = self.cite(ev.source);
        self.line(vec![Self::dim("source "), cite]);
        if !ev.see_also.is_empty() {
            let mut spans = vec![Self::dim("see also")];
            for &s in &ev.see_also {
                spans.push((Role::Text, " ".into()));
                spans.push(self.cite(s));
            }
            self.line(spans);
        }
        self.note(ev.note.as_ref());
        self.source_list();
    }
}
