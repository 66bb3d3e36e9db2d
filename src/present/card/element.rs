//! An element: its group and role in magnets.

use crate::model::EntityRef;
use crate::present::doc::DocBuilder;
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn element(&mut self, e: usize) {
        let el = &self.m.elements[e];
        self.title = format!("{} ({})", one_line(&el.name), one_line(&el.symbol));
        let group = match el.group {
            crate::model::ElementGroup::Light => "light rare earth",
            crate::model::ElementGroup::Medium => "medium rare earth",
            crate::model::ElementGroup::Heavy => "heavy rare earth",
            crate::model::ElementGroup::Other => "other element",
        };
        self.line(vec![Self::dim(format!("element {} · {group}", el.number))]);
        if let Some(role) = &el.magnet_role {
            self.line(vec![Self::dim("in magnets: "), Self::text(role)]);
        }
        self.note(&el.note);
        self.events_section(self.m.events_of(EntityRef::Element(e)));
        self.source_list();
    }
}
