//! `rechain search`: ranked fuzzy search over every entity.

use std::io::{self, Write};

use serde_json::json;

use super::{Format, exit};
use crate::model::Model;
use crate::search::{Hit, Kind, SearchIndex};

pub fn run(
    model: &Model,
    query: &str,
    limit: usize,
    kind: Option<Kind>,
    format: Format,
) -> io::Result<u8> {
    let index = SearchIndex::build(model);
    let hits = match kind {
        Some(kind) => index.search_kind(query, limit, kind),
        None => index.search(query, limit),
    };
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            let items: Vec<_> = hits.iter().map(|hit| hit_json(model, hit)).collect();
            serde_json::to_writer_pretty(&mut out, &items).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => write_hits(&mut out, model, &hits)?,
    }
    if hits.is_empty() {
        errln!("rechain: nothing matches {query:?}");
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}

/// One line per hit: kind, id, name, and the field it matched when that is not the name.
pub fn write_hits(out: &mut impl Write, model: &Model, hits: &[Hit]) -> io::Result<()> {
    let ids: Vec<String> = hits.iter().map(|h| model.entity_id(h.entity)).collect();
    let id_width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
    for (hit, id) in hits.iter().zip(&ids) {
        let name = model.entity_name(hit.entity);
        write!(out, "{:<8}  {id:<id_width$}  {name}", hit.kind)?;
        if hit.text != name {
            write!(out, "  ({}: {})", hit.field, hit.text)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn hit_json(model: &Model, hit: &Hit) -> serde_json::Value {
    json!({
        "kind": hit.kind,
        "id": model.entity_id(hit.entity),
        "name": model.entity_name(hit.entity),
        "field": hit.field,
        "text": hit.text,
        "detail": hit.detail,
        "quality": format!("{:?}", hit.quality).to_lowercase(),
        "score": hit.score,
        "positions": hit.positions,
        "line": model.entity_line(hit.entity),
    })
}
