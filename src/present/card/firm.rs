//! A firm: what it is, its facilities, links and events.

use super::{EntityRef, kind_name};
use crate::model::{FirmId, SourceId};
use crate::present::doc::DocBuilder;
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn firm(&mut self, i: FirmId) {
        let m = self.m;
        let f = &m.firm(i);
        self.title = one_line(&f.name).into_owned();
        self.line(vec![Self::dim(format!(
            "{} · HQ {} · id {}",
            kind_name(f.kind),
            self.country_label(f.hq),
            f.id
        ))]);
        self.line(vec![Self::text(&f.summary)]);
        if !f.aliases.is_empty() {
            self.line(vec![Self::dim(format!(
                "also known as {}",
                f.aliases.join(", ")
            ))]);
        }
        if !f.stages.is_empty() {
            self.line(vec![
                Self::dim("stages "),
                Self::text(&self.stage_names(&f.stages)),
            ]);
        }
        self.note(f.notes.as_ref());
        self.owners_section("Owners", &f.owners);
        self.stakes_section(i);

        self.heading(format!("Facilities ({})", f.facilities.len()));
        if f.facilities.is_empty() {
            self.line(vec![Self::dim("  none recorded")]);
        }
        for &x in &f.facilities {
            self.facility_summary(x);
        }

        if !f.links.is_empty() {
            self.heading(format!("Links ({})", f.links.len()));
            for &l in &f.links {
                self.link_line(l, Some(i));
            }
        }
        self.events_section(m.events_of(EntityRef::Firm(i)));
        let firm_sources: Vec<SourceId> = f.sources.clone();
        for s in firm_sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self.source_list();
    }
}
