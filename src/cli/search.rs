//! `rechain search`: ranked fuzzy search over every entity.

use std::io::{self, Write};

use clap::ValueEnum;
use clap::builder::PossibleValue;
use serde_json::json;

use super::exit;
use super::output::{OutputFormat, write_json, write_markdown_table};
use crate::model::Model;
use crate::present::table::Table;
use crate::search::{Hit, Kind, SearchIndex};

/// A `--kind` value: one of the search module's kinds, spelt as it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindArg(pub Kind);

const KIND_ARGS: [KindArg; Kind::ALL.len()] = {
    let mut args = [KindArg(Kind::Firm); Kind::ALL.len()];
    let mut i = 0;
    while i < args.len() {
        args[i] = KindArg(Kind::ALL[i]);
        i += 1;
    }
    args
};

impl ValueEnum for KindArg {
    fn value_variants<'a>() -> &'a [Self] {
        &KIND_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

pub fn run(
    model: &Model,
    query: &str,
    limit: usize,
    kind: Option<KindArg>,
    format: OutputFormat,
) -> io::Result<u8> {
    let index = SearchIndex::build(model);
    let hits = match kind {
        Some(KindArg(kind)) => index.search_kind(query, limit, kind),
        None => index.search(query, limit),
    };
    let mut out = io::stdout().lock();
    match format {
        OutputFormat::Json => {
            let items: Vec<_> = hits.iter().map(|hit| hit_json(model, hit)).collect();
            write_json(&mut out, &items)?;
        }
        OutputFormat::Csv => {
            let items: Vec<_> = hits.iter().map(|hit| hit_json(model, hit)).collect();
            out.write_all(Table::from_objects(&items).to_csv().as_bytes())?;
        }
        OutputFormat::Md => {
            let mut table = Table::new(&["kind", "id", "name", "matched"]);
            for hit in &hits {
                let name = model.entity_name(hit.entity);
                let matched = if hit.text == name {
                    String::new()
                } else {
                    format!("{}: {}", hit.field, hit.text)
                };
                table.push(vec![
                    hit.kind.to_string(),
                    model.entity_id(hit.entity),
                    name.to_owned(),
                    matched,
                ]);
            }
            let title = format!("Search: {query}");
            write_markdown_table(&mut out, model, &title, &table, &[])?;
        }
        OutputFormat::Text => write_hits(&mut out, model, &hits)?,
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
        "kind": hit.kind.as_str(),
        "id": model.entity_id(hit.entity),
        "name": model.entity_name(hit.entity),
        "field": hit.field.as_str(),
        "text": hit.text,
        "detail": hit.detail,
        "quality": hit.quality.as_str(),
        "score": hit.score,
        "positions": hit.positions,
        "line": model.entity_line(hit.entity),
    })
}
