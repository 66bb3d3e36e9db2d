//! A facility: where, what it does, its figures, links and events.

use super::product_list;
use crate::model::{EntityRef, Facility, FacilityId};
use crate::present::doc::{DocBuilder, Role};
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn facility(&mut self, x: FacilityId) {
        let m = self.m;
        let fac = &m.facility(x);
        self.title = one_line(&fac.name).into_owned();
        self.line(vec![
            Self::dim("facility of "),
            Self::text(&m.firm(fac.firm).name),
            Self::dim(format!(" · id {}", fac.id)),
        ]);
        let mut where_ = self.country_label(fac.country);
        if let Some(place) = &fac.place {
            where_ = format!("{}, {where_}", one_line(place));
        }
        self.line(vec![Self::dim("in "), Self::text(&where_)]);
        let mut status = vec![
            Self::dim("stages "),
            Self::text(&self.stage_names(&fac.stages)),
            Self::dim(" · "),
            Self::status_span(fac.status),
        ];
        status.extend(self.status_since(fac));
        self.line(status);
        if !fac.products.is_empty() {
            self.line(vec![Self::dim("makes "), Self::text(&product_list(fac))]);
        }
        self.note(fac.products_note.as_ref());
        self.note(fac.notes.as_ref());
        self.history_section(fac);
        self.heading("Figures");
        self.capacity_line("  ", fac);
        for fig in &fac.output {
            self.output_line("  ", fig);
        }
        for fig in &fac.figures {
            self.figure_line("  ", "figure", fig);
        }
        self.owners_section("Owners of the facility", &fac.owners);
        let links = m.links_of_facility(x);
        if !links.is_empty() {
            self.heading(format!("Links ({})", links.len()));
            for l in links {
                self.link_line(l, Some(fac.firm));
            }
        }
        self.events_section(m.events_of(EntityRef::Facility(x)));
        self.source_list();
    }

    /// ` since 2022-04 [source]` after a status from a dated lifecycle.
    pub(super) fn status_since(&mut self, fac: &Facility) -> Vec<(Role, String)> {
        match fac.current_entry() {
            Some(entry) => vec![
                Self::dim(format!(" since {} ", entry.date)),
                self.cite(entry.source),
            ],
            None => Vec::new(),
        }
    }

    /// The lifecycle oldest first; targets are marked as such.
    fn history_section(&mut self, fac: &Facility) {
        if fac.lifecycle.len() < 2 && fac.lifecycle.iter().all(|e| !e.planned) {
            return;
        }
        self.heading("History");
        for entry in &fac.lifecycle {
            let mut spans = vec![(Role::Number, format!("  {:<10} ", entry.date.to_string()))];
            if entry.planned {
                spans.push(Self::dim(format!("target: {}", entry.status.as_str())));
            } else {
                spans.push(Self::status_span(entry.status));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(entry.source));
            if let Some(checked) = entry.checked {
                spans.push((
                    Role::Warning,
                    format!(" — checked {checked}, outcome not found"),
                ));
            }
            if let Some(note) = &entry.note {
                spans.push(Self::dim(format!(" — {note}")));
            }
            self.line(spans);
        }
    }
}
