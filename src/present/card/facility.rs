//! A facility: where, what it does, its figures, links and events.

use crate::model::*;
use crate::present::doc::DocBuilder;
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn facility(&mut self, x: usize) {
        let m = self.m;
        let fac = &m.facilities[x];
        self.title = one_line(&fac.name).into_owned();
        self.line(vec![
            Self::dim("facility of "),
            Self::text(&m.firms[fac.firm].name),
            Self::dim(format!(" · id {}", fac.id)),
        ]);
        let mut where_ = self.country_label(fac.country);
        if let Some(place) = &fac.place {
            where_ = format!("{}, {where_}", one_line(place));
        }
        self.line(vec![Self::dim("in "), Self::text(&where_)]);
        self.line(vec![
            Self::dim("stages "),
            Self::text(&self.stage_names(&fac.stages)),
            Self::dim(" · "),
            self.status_span(fac.status),
        ]);
        self.note(&fac.notes);
        self.heading("Figures");
        match &fac.capacity {
            Some(cap) => self.figure_line("  ", "capacity", cap),
            None => self.line(vec![Self::dim("  capacity not reported")]),
        }
        for fig in &fac.figures {
            self.figure_line("  ", "figure", fig);
        }
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
}
