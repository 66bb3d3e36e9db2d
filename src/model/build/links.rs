//! Links and events between parties, and the lists of them kept under firms and elements.

use super::{Index, UNDATED};
use crate::model::id::{self, EventId, Id};
use crate::model::schema::{self, ChainFile};
use crate::model::{
    Amount, Element, EntityRef, Event, EventTag, Facility, Firm, Link, LinkStatus, Party,
};

/// The firm or facility an id names; validation has refused any other.
fn party(id: &str, ix: &Index) -> Party {
    match ix.ids.get(id) {
        Some(EntityRef::Facility(x)) => Party::Facility(*x),
        Some(EntityRef::Firm(f)) => Party::Firm(*f),
        _ => Party::Firm(Id::new(0)),
    }
}

fn amount(a: &schema::Amount) -> Amount {
    Amount {
        value: a.value,
        currency: a.currency.clone(),
        note: a.note.clone(),
    }
}

pub(super) fn links(file: &ChainFile, ix: &Index) -> Vec<Link> {
    file.links
        .iter()
        .map(|l| Link {
            from: party(&l.from, ix),
            to: party(&l.to, ix),
            kind: l.kind,
            what: l.what.clone(),
            date: l.date.as_ref().and_then(|d| d.0.parse().ok()),
            end: l
                .end
                .as_ref()
                .and_then(|d| d.0.parse().ok())
                .map(|d| (d, ix.src(l.end_source.as_deref().or(l.source.as_deref())))),
            // An end date without a status ends the link.
            status: l.status.unwrap_or(if l.end.is_some() {
                LinkStatus::Ended
            } else {
                LinkStatus::Active
            }),
            amount: l.amount.as_ref().map(amount),
            source: ix.src(l.source.as_deref()),
            note: l.note.clone(),
        })
        .collect()
}

/// The events, each with its id from `ids` (one per event, in file order).
pub(super) fn events(file: &ChainFile, ix: &Index, ids: Vec<String>) -> Vec<Event> {
    file.events
        .iter()
        .zip(ids)
        .map(|(e, id)| Event {
            id,
            date: e.date.0.parse().unwrap_or(UNDATED),
            title: e.title.clone(),
            tags: tags(&e.tags),
            parties: e.parties.iter().map(|p| party(p, ix)).collect(),
            countries: e
                .countries
                .iter()
                .filter_map(|c| ix.country.get(c.as_str()).copied())
                .collect(),
            elements: e
                .elements
                .iter()
                .filter_map(|s| ix.element.get(s.as_str()).copied())
                .collect(),
            amount: e.amount.as_ref().map(amount),
            source: ix.src(e.source.as_deref()),
            see_also: ix.sources(&e.see_also),
            note: e.note.clone(),
        })
        .collect()
}

/// The tags as read, each once; validation has reported any that is not a tag.
fn tags(written: &[String]) -> Vec<EventTag> {
    let mut tags: Vec<EventTag> = Vec::with_capacity(written.len());
    for tag in written.iter().filter_map(|t| EventTag::parse(t).ok()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Event ids, newest first; equal dates keep file order.
pub(super) fn newest_first(events: &[Event]) -> Vec<EventId> {
    let mut order: Vec<EventId> = id::ids(events.len()).collect();
    order.sort_by(|&a, &b| events[b].date.cmp(&events[a].date).then(a.cmp(&b)));
    order
}

/// Lists under each firm the links and events it (or one of its facilities) takes part in.
pub(super) fn attach(
    links: &[Link],
    events: &[Event],
    events_by_date: &[EventId],
    firms: &mut [Firm],
    facilities: &[Facility],
) {
    let firm_of = |p: Party| match p {
        Party::Firm(f) => f,
        Party::Facility(x) => facilities[x].firm,
    };
    for (i, link) in id::indexed(links) {
        let (a, b) = (firm_of(link.from), firm_of(link.to));
        firms[a].links.push(i);
        if b != a {
            firms[b].links.push(i);
        }
    }
    for &e in events_by_date {
        for &p in &events[e].parties {
            let f = firm_of(p);
            if !firms[f].events.contains(&e) {
                firms[f].events.push(e);
            }
        }
    }
}

/// Lists under each element the events that name it, oldest first.
pub(super) fn element_events(
    events: &[Event],
    events_by_date: &[EventId],
    elements: &mut [Element],
) {
    for &e in events_by_date.iter().rev() {
        for &el in &events[e].elements {
            elements[el].events.push(e);
        }
    }
}
