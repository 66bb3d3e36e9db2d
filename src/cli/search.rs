//! `rechain search`: ranked fuzzy search over every entity.

use std::io::{self, Write};

use clap::ValueEnum;
use clap::builder::PossibleValue;
use serde_json::json;

use super::exit;
use super::list::TagArg;
use super::output::{OutputArgs, emit};
use crate::model::{EntityRef, EventTag, Model};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::table::{Cell, Column, Table};
use crate::present::view::View;
use crate::search::{Hit, Kind, SearchIndex};
use crate::text::fit;

/// A `--kind` value: one of the search module's kinds, spelt as it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindArg(pub Kind);

const KIND_ARGS: [KindArg; Kind::SEARCHED.len()] = {
    let mut args = [KindArg(Kind::Firm); Kind::SEARCHED.len()];
    let mut i = 0;
    while i < args.len() {
        args[i] = KindArg(Kind::SEARCHED[i]);
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

/// What a search keeps: one kind of entity, or the events on one topic.
#[derive(Debug, Clone, Copy, Default)]
pub struct Only {
    pub kind: Option<KindArg>,
    pub tag: Option<TagArg>,
}

pub fn run(
    model: &Model,
    query: &str,
    limit: usize,
    only: Only,
    output: OutputArgs,
) -> io::Result<u8> {
    let index = SearchIndex::build(model);
    let hits = match only {
        Only {
            tag: Some(TagArg(tag)),
            kind,
        } => {
            if let Some(KindArg(kind)) = kind.filter(|k| k.0 != Kind::Event) {
                errln!("rechain: search: --tag finds events only; drop --kind {kind}");
                return Ok(exit::UNREADABLE);
            }
            let hits = tagged(model, &index, query, limit, tag);
            if hits.is_empty() {
                errln!("rechain: no event tagged {tag} matches {query:?}");
                return Ok(exit::INVALID);
            }
            hits
        }
        Only {
            kind: Some(KindArg(kind)),
            ..
        } => index.search_kind(query, limit, kind),
        Only { kind: None, .. } => index.search(query, limit),
    };
    let found = !hits.is_empty();
    let code = emit(
        model,
        output,
        &SearchView {
            query: query.to_owned(),
            hits,
        },
    )?;
    if !found {
        errln!("rechain: nothing matches {query:?}");
        return Ok(exit::INVALID);
    }
    Ok(code)
}

/// The events on `tag` that match `query`, newest first: a topic is read as a timeline, not
/// by rank. Equal dates keep their rank order.
fn tagged(
    model: &Model,
    index: &SearchIndex,
    query: &str,
    limit: usize,
    tag: EventTag,
) -> Vec<Hit> {
    let mut hits = index.search_kind(query, model.events().len().max(1), Kind::Event);
    hits.retain(|hit| matches!(hit.entity, EntityRef::Event(e) if model.event(e).has_tag(tag)));
    hits.sort_by_key(|hit| match hit.entity {
        EntityRef::Event(e) => std::cmp::Reverse(Some(model.event(e).date)),
        _ => std::cmp::Reverse(None),
    });
    hits.truncate(limit);
    hits
}

/// Ranked matches for a query.
struct SearchView {
    query: String,
    hits: Vec<Hit>,
}

impl View for SearchView {
    fn doc(&self, m: &Model) -> Doc {
        let mut table = Table::with_columns(vec![
            Column::fixed("kind"),
            Column::keep("id", 8),
            Column::keep("name", 12),
            Column::optional("matched", 0, 10),
        ]);
        for hit in &self.hits {
            let name = m.entity_name(hit.entity);
            let matched = if hit.text == name {
                String::new()
            } else {
                format!("{}: {}", hit.field, hit.text)
            };
            table.push_cells(vec![
                Cell::new(Role::Dim, hit.kind.as_str()),
                Cell::new(Role::Source, m.entity_id(hit.entity)),
                Cell::text(name),
                Cell::new(Role::Dim, matched),
            ]);
        }
        let mut b = DocBuilder::new(m);
        b.title = format!("Search: {}", self.query);
        b.table(table);
        b.finish()
    }

    /// One line per hit, for reading and for `grep`, each cut to the width.
    fn text(&self, m: &Model, width: Option<usize>) -> String {
        let mut out = Vec::new();
        let _ = write_hits(&mut out, m, &self.hits);
        let text = String::from_utf8(out).unwrap_or_default();
        match width {
            None => text,
            Some(w) => text.lines().map(|l| fit(l, w) + "\n").collect(),
        }
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        self.hits.iter().map(|hit| hit_json(m, hit)).collect()
    }

    fn csv(&self, m: &Model) -> Option<String> {
        let items: Vec<_> = self.hits.iter().map(|hit| hit_json(m, hit)).collect();
        Some(Table::from_objects(&items).to_csv())
    }

    fn markdown(&self, m: &Model) -> String {
        self.doc(m).to_markdown()
    }
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
