//! `rechain show`: the card of one entity, named by id or found by search.

use std::io::{self, Write};

use serde_json::json;

use super::exit;
use super::output::{OutputArgs, OutputFormat, emit, write_json};
use super::search::{hit_json, write_hits};
use crate::model::{Date, EntityRef, EventId, Model};
use crate::present::card::card;
use crate::present::doc::Doc;
use crate::present::fields::entity_json;
use crate::present::table::Table;
use crate::present::view::View;
use crate::search::{Hit, SearchIndex};

/// Candidates listed when a name is ambiguous.
const CANDIDATES: usize = 10;

/// What a name given on the command line refers to.
pub(crate) enum Resolved {
    One(EntityRef),
    Ambiguous(Vec<Hit>),
    /// A date shared by several events.
    SameDate(Vec<EventId>),
    Nothing,
}

pub fn run(model: &Model, name: &str, output: OutputArgs) -> io::Result<u8> {
    let format = output.format;
    let mut out = io::stdout().lock();
    match resolve(model, name) {
        Resolved::One(entity) => emit(model, output, &CardView { entity }),
        Resolved::Ambiguous(hits) => {
            errln!("rechain: {name:?} matches several entities; name one by its id:");
            match format {
                OutputFormat::Json => {
                    let candidates: Vec<_> = hits.iter().map(|h| hit_json(model, h)).collect();
                    let value =
                        json!({ "error": "ambiguous", "query": name, "candidates": candidates });
                    write_json(&mut out, &value)?;
                }
                _ => write_hits(&mut io::stderr().lock(), model, &hits)?,
            }
            Ok(exit::INVALID)
        }
        Resolved::SameDate(events) => {
            errln!("rechain: {name:?} is the date of several events; name one by its id:");
            let candidates: Vec<_> = events
                .iter()
                .map(|&e| {
                    let event = &model.event(e);
                    json!({ "kind": "event", "id": event.id, "name": event.title })
                })
                .collect();
            if format == OutputFormat::Json {
                let value =
                    json!({ "error": "ambiguous", "query": name, "candidates": candidates });
                write_json(&mut out, &value)?;
            } else {
                let mut err = io::stderr().lock();
                for &e in &events {
                    let event = &model.event(e);
                    writeln!(err, "event     {}  {}", event.id, event.title)?;
                }
            }
            Ok(exit::INVALID)
        }
        Resolved::Nothing => {
            errln!("rechain: nothing matches {name:?}");
            if format == OutputFormat::Json {
                let value = json!({ "error": "not found", "query": name, "candidates": [] });
                write_json(&mut out, &value)?;
            }
            Ok(exit::INVALID)
        }
    }
}

/// An exact id first (as `rechain search` prints them, `link-3` included), then a date as the
/// events of that day (never another kind of entity whose id contains it), else the best
/// search hit when nothing else matches as well.
pub(crate) fn resolve(model: &Model, name: &str) -> Resolved {
    if let Some(entity) = model.entity_by_id(name) {
        return Resolved::One(entity);
    }
    if let Ok(date) = name.trim().parse::<Date>() {
        let events = model.events_on(date);
        return match events.as_slice() {
            [] => Resolved::Nothing,
            [one] => Resolved::One(EntityRef::Event(*one)),
            _ => Resolved::SameDate(events),
        };
    }
    let hits = SearchIndex::build(model).search(name, CANDIDATES);
    match hits.as_slice() {
        [] => Resolved::Nothing,
        [best, rest @ ..] if !rest.iter().any(|h| h.ties_with(best)) => Resolved::One(best.entity),
        _ => Resolved::Ambiguous(hits),
    }
}

/// The card of one entity, as the app shows it.
struct CardView {
    entity: EntityRef,
}

impl View for CardView {
    fn doc(&self, m: &Model) -> Doc {
        card(m, self.entity)
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        let mut value = entity_json(m, self.entity);
        if let Some(fields) = value.as_object_mut() {
            fields.insert("line".into(), m.entity_line(self.entity).into());
        }
        value
    }

    fn csv(&self, m: &Model) -> Option<String> {
        Some(Table::from_objects(&[entity_json(m, self.entity)]).to_csv())
    }
}
