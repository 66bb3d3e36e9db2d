//! Sources, countries and elements: the lists the other entities cite.

use super::Index;
use crate::model::schema::ChainFile;
use crate::model::{Country, Date, Element, Facility, Source};

pub(super) fn sources(file: &ChainFile, ix: &Index) -> Vec<Source> {
    file.sources
        .iter()
        .map(|(id, s)| {
            let date = s.date.as_ref().and_then(|d| d.0.parse::<Date>().ok());
            Source {
                id: id.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                year: s.year.or(date.map(|d| d.year)),
                url: s.url.clone(),
                accessed: s.accessed.as_ref().and_then(|d| d.0.parse().ok()),
                seen: s.seen,
                headline_seen: s.headline_seen,
                date,
                kind: s.kind,
                quotes: s.quotes.clone(),
                primary: s
                    .primary
                    .as_deref()
                    .and_then(|id| ix.source.get(id).copied()),
                note: s.note.clone(),
            }
        })
        .collect()
}

pub(super) fn countries(file: &ChainFile) -> Vec<Country> {
    file.countries
        .iter()
        .map(|(code, name)| Country {
            code: code.clone(),
            name: if crate::text::is_blank(name) {
                code.clone()
            } else {
                name.clone()
            },
            firms: Vec::new(),
            facilities: Vec::new(),
        })
        .collect()
}

pub(super) fn elements(file: &ChainFile) -> Vec<Element> {
    file.elements
        .iter()
        .map(|e| Element {
            symbol: e.symbol.clone(),
            name: e.name.clone(),
            number: e.number,
            group: e.group,
            usgs: e.usgs,
            cn: e.cn,
            mofcom: e.mofcom.clone(),
            magnet_role: e.magnet_role.clone(),
            note: e.note.clone(),
            events: Vec::new(),
            facilities: Vec::new(),
        })
        .collect()
}

/// Lists under each element the facilities whose products contain it.
pub(super) fn element_facilities(elements: &mut [Element], facilities: &[Facility]) {
    for (x, facility) in crate::model::indexed(facilities) {
        for p in &facility.products {
            for &e in &p.elements {
                if elements[e].facilities.last() != Some(&x) {
                    elements[e].facilities.push(x);
                }
            }
        }
    }
}
