//! `rechain show`: the card of one entity, named by id or found by search.

use std::io::{self, Write};

use serde_json::json;

use super::exit;
use super::output::{OutputFormat, write_json};
use super::search::{hit_json, write_hits};
use crate::model::{EntityRef, Model};
use crate::present::card::card;
use crate::present::fields::entity_json;
use crate::present::table::Table;
use crate::search::{Hit, SearchIndex};

/// Candidates listed when a name is ambiguous.
const CANDIDATES: usize = 10;

/// What a name given on the command line refers to.
enum Resolved {
    One(EntityRef),
    Ambiguous(Vec<Hit>),
    Nothing,
}

pub fn run(model: &Model, name: &str, format: OutputFormat) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    match resolve(model, name) {
        Resolved::One(entity) => {
            match format {
                OutputFormat::Text => {
                    out.write_all(card(model, entity).to_plain_text().as_bytes())?
                }
                OutputFormat::Md => out.write_all(
                    card(model, entity)
                        .to_markdown_with_sources(model)
                        .as_bytes(),
                )?,
                OutputFormat::Csv => {
                    let table = Table::from_objects(&[entity_json(model, entity)]);
                    out.write_all(table.to_csv().as_bytes())?;
                }
                OutputFormat::Json => {
                    let mut value = entity_json(model, entity);
                    if let Some(fields) = value.as_object_mut() {
                        fields.insert("line".into(), model.entity_line(entity).into());
                    }
                    write_json(&mut out, &value)?;
                }
            }
            Ok(exit::OK)
        }
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
