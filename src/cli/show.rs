//! `rechain show`: the card of one entity, named by id or found by search.

use std::io::{self, Write};

use serde_json::json;

use super::search::{hit_json, write_hits};
use super::{Format, exit};
use crate::model::{EntityRef, Model};
use crate::present::card::card;
use crate::search::{Hit, SearchIndex};

/// Candidates listed when a name is ambiguous.
const CANDIDATES: usize = 10;

/// What a name given on the command line refers to.
enum Resolved {
    One(EntityRef),
    Ambiguous(Vec<Hit>),
    Nothing,
}

pub fn run(model: &Model, name: &str, format: Format) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    match resolve(model, name) {
        Resolved::One(entity) => {
            let card = card(model, entity);
            match format {
                Format::Text => out.write_all(card.to_plain_text().as_bytes())?,
                Format::Json => {
                    let lines: Vec<String> = card
                        .lines
                        .iter()
                        .map(|line| line.iter().map(|(_, text)| text.as_str()).collect())
                        .collect();
                    let value = json!({
                        "kind": kind_name(entity),
                        "id": model.entity_id(entity),
                        "name": model.entity_name(entity),
                        "line": model.entity_line(entity),
                        "title": card.title,
                        "lines": lines,
                    });
                    serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::from)?;
                    writeln!(out)?;
                }
            }
            Ok(exit::OK)
        }
        Resolved::Ambiguous(hits) => {
            errln!("rechain: {name:?} matches several entities; name one by its id:");
            match format {
                Format::Text => write_hits(&mut io::stderr().lock(), model, &hits)?,
                Format::Json => {
                    let candidates: Vec<_> = hits.iter().map(|h| hit_json(model, h)).collect();
                    let value =
                        json!({ "error": "ambiguous", "query": name, "candidates": candidates });
                    serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::from)?;
                    writeln!(out)?;
                }
            }
            Ok(exit::INVALID)
        }
        Resolved::Nothing => {
            errln!("rechain: nothing matches {name:?}");
            if format == Format::Json {
                let value = json!({ "error": "not found", "query": name, "candidates": [] });
                serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::from)?;
                writeln!(out)?;
            }
            Ok(exit::INVALID)
        }
    }
}

/// An exact id first (as `rechain search` prints them, `event-3` included), else the best
/// search hit when nothing else matches as well.
fn resolve(model: &Model, name: &str) -> Resolved {
    if let Some(entity) = model.lookup(name).or_else(|| numbered_id(model, name)) {
        return Resolved::One(entity);
    }
    let hits = SearchIndex::build(model).search(name, CANDIDATES);
    match hits.as_slice() {
        [] => Resolved::Nothing,
        [best, rest @ ..] if !rest.iter().any(|h| h.ties_with(best)) => Resolved::One(best.entity),
        _ => Resolved::Ambiguous(hits),
    }
}

/// `event-N` and `link-N`, the ids the model gives entities that have none in the file.
fn numbered_id(model: &Model, name: &str) -> Option<EntityRef> {
    let (kind, number) = name.split_once('-')?;
    let index = number.parse::<usize>().ok()?.checked_sub(1)?;
    match kind {
        "event" if index < model.events.len() => Some(EntityRef::Event(index)),
        "link" if index < model.links.len() => Some(EntityRef::Link(index)),
        _ => None,
    }
}

fn kind_name(entity: EntityRef) -> &'static str {
    match entity {
        EntityRef::Firm(_) => "firm",
        EntityRef::Facility(_) => "facility",
        EntityRef::Stage(_) => "stage",
        EntityRef::Country(_) => "country",
        EntityRef::Element(_) => "element",
        EntityRef::Event(_) => "event",
        EntityRef::Link(_) => "link",
        EntityRef::Source(_) => "source",
    }
}
