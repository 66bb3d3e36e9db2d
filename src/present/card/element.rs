//! An element: its group and role in magnets.

use super::product_list;
use crate::model::{ElementGroup, ElementId, EntityRef, Party};
use crate::present::doc::{DocBuilder, Role};
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn element(&mut self, e: ElementId) {
        let el = &self.m.element(e);
        self.title = format!("{} ({})", one_line(&el.name), one_line(&el.symbol));
        let group = match (el.group, el.usgs.is_some() || el.cn.is_some()) {
            (Some(ElementGroup::Light), false) => "light rare earth".to_owned(),
            (Some(ElementGroup::Medium), false) => "medium rare earth".to_owned(),
            (Some(ElementGroup::Heavy), false) => "heavy rare earth".to_owned(),
            (Some(ElementGroup::Other), false) => "other element".to_owned(),
            _ => el.grouping(),
        };
        self.line(vec![Self::dim(format!("element {} · {group}", el.number))]);
        if !el.mofcom.is_empty() {
            let numbers: Vec<String> = el.mofcom.iter().map(|n| format!("No. {n}")).collect();
            self.line(vec![
                Self::dim("Chinese export control: MOFCOM "),
                Self::text(&numbers.join(", ")),
            ]);
        }
        if let Some(role) = &el.magnet_role {
            self.line(vec![Self::dim("in magnets: "), Self::text(role)]);
        }
        self.note(el.note.as_ref());
        self.made_at(e);
        self.events_section(self.m.events_of(EntityRef::Element(e)));
        self.source_list();
    }

    /// Facilities whose products name the element.
    fn made_at(&mut self, e: ElementId) {
        let el = &self.m.element(e);
        if el.facilities.is_empty() {
            return;
        }
        self.heading(format!("Made at ({})", el.facilities.len()));
        for &x in &el.facilities {
            let fac = &self.m.facility(x);
            let mut spans = vec![
                Self::text(&format!("  {}", self.party_label(Party::Facility(x)))),
                Self::dim(format!(" — {} · ", self.country_label(fac.country))),
                Self::status_span(fac.status),
                Self::dim(format!(" · {}", product_list(fac))),
            ];
            if let Some(entry) = fac.current_entry() {
                spans.push((Role::Text, " ".into()));
                spans.push(self.cite(entry.source));
            }
            self.line(spans);
        }
    }
}
