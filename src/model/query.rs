//! Questions every view asks of the model, answered in one place: the events and links of an
//! entity, the events on a topic, and the headline share block and lead country of a stage.

use super::{
    CountryId, EntityRef, EventId, EventTag, FacilityId, LinkId, Model, Party, StageId, indexed,
};
use crate::model::Date;

impl Model {
    /// Events on the topic `tag`, newest first (equal dates in file order).
    pub fn events_tagged(&self, tag: EventTag) -> impl Iterator<Item = EventId> + '_ {
        self.events_by_date
            .iter()
            .copied()
            .filter(move |&e| self.events[e].has_tag(tag))
    }

    /// Events that concern `entity`, newest first: those naming it, its firm or its
    /// facilities, or for a country, those naming the country or a firm working there.
    pub fn events_of(&self, entity: EntityRef) -> Vec<EventId> {
        match entity {
            EntityRef::Firm(f) => self
                .firms
                .get(f.index())
                .map_or(Vec::new(), |f| f.events.clone()),
            EntityRef::Element(e) => self
                .elements
                .get(e.index())
                .map_or(Vec::new(), |e| e.events.iter().rev().copied().collect()),
            EntityRef::Event(_) => Vec::new(),
            other => self
                .events_by_date
                .iter()
                .copied()
                .filter(|&e| self.event_concerns(e, other))
                .collect(),
        }
    }

    fn event_concerns(&self, e: EventId, entity: EntityRef) -> bool {
        let ev = &self.events[e];
        let firm_of = |p: Party| &self.firms[self.party_firm(p)];
        match entity {
            EntityRef::Country(c) => {
                ev.countries.contains(&c)
                    || ev.parties.iter().any(|&p| {
                        let firm = firm_of(p);
                        firm.hq == c || firm.countries.contains(&c)
                    })
            }
            EntityRef::Stage(s) => ev.parties.iter().any(|&p| firm_of(p).stages.contains(&s)),
            EntityRef::Facility(x) => ev
                .parties
                .iter()
                .any(|&p| p == Party::Facility(x) || p == Party::Firm(self.facilities[x].firm)),
            EntityRef::Source(s) => ev.source == s || ev.see_also.contains(&s),
            EntityRef::Link(l) => {
                let link = &self.links[l];
                let ends = [self.party_firm(link.from), self.party_firm(link.to)];
                ev.parties
                    .iter()
                    .any(|&p| ends.contains(&self.party_firm(p)))
            }
            EntityRef::Firm(_) | EntityRef::Element(_) | EntityRef::Event(_) => false,
        }
    }

    /// Links with the facility at either end, in file order.
    pub fn links_of_facility(&self, x: FacilityId) -> Vec<LinkId> {
        let party = Party::Facility(x);
        indexed(&self.links)
            .filter(|(_, l)| l.from == party || l.to == party)
            .map(|(l, _)| l)
            .collect()
    }

    /// The share block a stage shows first: the latest year not after the model's date, the
    /// first such in file order (later years are projections). A block that says which year
    /// it describes comes before one that does not; a block without a year counts as of its
    /// source's publication year among the others, so a share stated in a 2025 commentary is
    /// newer than a 2010 split. None when the stage has no block that old.
    pub fn headline_block(&self, stage: StageId) -> Option<usize> {
        let now = self.as_of.year;
        let mut best: Option<((bool, u16), usize)> = None;
        for (i, b) in self.stages.get(stage.index())?.shares.iter().enumerate() {
            let year = b
                .year
                .or_else(|| self.sources.get(b.source.index()).and_then(|s| s.year))
                .unwrap_or(0);
            let rank = (b.year.is_some(), year);
            if year <= now && best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// The leading country of a stage's headline block and its percent share.
    pub fn stage_lead(&self, stage: StageId) -> Option<(CountryId, f64)> {
        let block = self.headline_block(stage)?;
        self.stages[stage].shares[block].percents.first().copied()
    }

    /// The earliest date any fact of the model is dated: an event, a link, a status, a
    /// holding, a share block's year or a source's publication.
    pub fn earliest_date(&self) -> Option<Date> {
        let year = |y: u16| Date {
            year: y,
            month: None,
            day: None,
        };
        let events = self.events.iter().map(|e| e.date).filter(|d| d.year > 0);
        let links = self.links.iter().filter_map(|l| l.date);
        let statuses = self
            .facilities
            .iter()
            .flat_map(|f| f.lifecycle.iter().filter(|e| !e.planned).map(|e| e.date));
        let blocks = self
            .stages
            .iter()
            .flat_map(|s| s.shares.iter().filter_map(|b| b.year.map(year)));
        let sources = self
            .sources
            .iter()
            .filter_map(|s| s.date.or(s.year.map(year)));
        events
            .chain(links)
            .chain(statuses)
            .chain(blocks)
            .chain(sources)
            .min()
    }

    /// Why reading the model as of `date` may mislead: a date after the model's own, or
    /// before anything it records.
    pub fn as_of_caveat(&self, date: Date) -> Option<String> {
        if date > self.as_of {
            return Some(format!(
                "{date} is after the model's own date ({}): nothing later is recorded, and plans still read as plans",
                self.as_of
            ));
        }
        let earliest = self.earliest_date()?;
        (date < earliest).then(|| {
            format!("{date} is before the earliest fact the model records ({earliest}): little or nothing of it is known then")
        })
    }
}
