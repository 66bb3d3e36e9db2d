//! `rechain list`: one line per entity of a kind.

use std::borrow::Cow;
use std::io;

use clap::ValueEnum;
use clap::builder::PossibleValue;
use unicode_width::UnicodeWidthStr;

use super::exit;
use super::output::{OutputArgs, emit};
use crate::model::{EntityRef, EventId, EventTag, Model};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::fields::entity_json;
use crate::present::table::{Cell, Column, Table};
use crate::present::view::View;
use crate::text::{fit, one_line};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Listing {
    Firms,
    Stages,
    Countries,
    Sources,
    Events,
    Elements,
}

/// A `--tag` value: one of the model's event tags, with its meaning for `--help` and completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagArg(pub EventTag);

const TAG_ARGS: [TagArg; EventTag::ALL.len()] = {
    let mut args = [TagArg(EventTag::ExportControl); EventTag::ALL.len()];
    let mut i = 0;
    while i < args.len() {
        args[i] = TagArg(EventTag::ALL[i]);
        i += 1;
    }
    args
};

impl ValueEnum for TagArg {
    fn value_variants<'a>() -> &'a [Self] {
        &TAG_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()).help(self.0.meaning()))
    }
}

pub fn run(m: &Model, what: Listing, tag: Option<TagArg>, output: OutputArgs) -> io::Result<u8> {
    let tag = tag.map(|TagArg(t)| t);
    if let Some(tag) = tag {
        if what != Listing::Events {
            errln!("rechain: list: --tag filters events only: `rechain list events --tag {tag}`");
            return Ok(exit::UNREADABLE);
        }
        if m.events_tagged(tag).next().is_none() {
            errln!("rechain: list: no event is tagged {tag}");
            return Ok(exit::INVALID);
        }
    }
    emit(m, output, &ListView { what, tag })
}

/// Every entity of a kind: an id, a name and a short detail each.
struct ListView {
    what: Listing,
    /// For events: only those on this topic.
    tag: Option<EventTag>,
}

/// The events listed, newest first: all, or those on `tag`.
fn events(m: &Model, tag: Option<EventTag>) -> Vec<EventId> {
    match tag {
        Some(tag) => m.events_tagged(tag).collect(),
        None => m.events_by_date().to_vec(),
    }
}

impl View for ListView {
    fn doc(&self, m: &Model) -> Doc {
        let [id, name, detail] = self.what.columns();
        let mut table = Table::with_columns(vec![
            Column::keep(id, 8),
            Column::keep(name, 12),
            Column::optional(detail, 0, 10),
        ]);
        for [a, b, c] in rows(m, self.what, self.tag) {
            table.push_cells(vec![
                Cell::new(Role::Source, a),
                Cell::text(b),
                Cell::new(Role::Dim, c),
            ]);
        }
        let mut b = DocBuilder::new(m);
        b.title = match self.tag {
            Some(tag) => format!("{} tagged {tag} ({})", self.what.title(), table.rows.len()),
            None => format!("{} ({})", self.what.title(), table.rows.len()),
        };
        b.table(table);
        b.finish()
    }

    /// One line per entity and nothing else, for reading and for `grep`: `id  name  (detail)`,
    /// each line cut to the width.
    fn text(&self, m: &Model, width: Option<usize>) -> String {
        let rows = rows(m, self.what, self.tag);
        let id_width = rows.iter().map(|r| r[0].width()).max().unwrap_or(0);
        let mut out = String::new();
        for [a, b, c] in &rows {
            let pad = " ".repeat(id_width - a.width());
            let line = format!("{}{pad}  {}  ({})", one_line(a), one_line(b), one_line(c));
            out.push_str(&width.map_or(Cow::Borrowed(line.as_str()), |w| fit(&line, w)));
            out.push('\n');
        }
        out
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        serde_json::Value::Array(objects(m, self.what, self.tag))
    }

    fn csv(&self, m: &Model) -> Option<String> {
        // Cited sources are spelled out per entity in JSON; a cell holds their ids already.
        let mut items = objects(m, self.what, self.tag);
        for item in &mut items {
            if let Some(fields) = item.as_object_mut() {
                fields.shift_remove("sources");
            }
        }
        Some(Table::from_objects(&items).to_csv())
    }

    fn markdown(&self, m: &Model) -> String {
        self.doc(m).to_markdown()
    }
}

/// One row per entity: its id, its name and a short detail.
fn rows(m: &Model, what: Listing, tag: Option<EventTag>) -> Vec<[String; 3]> {
    match what {
        Listing::Firms => m
            .firms()
            .iter()
            .map(|f| {
                let stages: Vec<&str> = f.stages.iter().map(|&s| m.stage(s).id.as_str()).collect();
                [
                    f.id.clone(),
                    f.name.clone(),
                    format!("{} · {}", m.country(f.hq).code, stages.join(", ")),
                ]
            })
            .collect(),
        Listing::Stages => m
            .stages()
            .iter()
            .map(|s| {
                let counts = format!("{} firms, {} share blocks", s.firms.len(), s.shares.len());
                [s.id.clone(), s.name.clone(), counts]
            })
            .collect(),
        Listing::Countries => m
            .countries()
            .iter()
            .map(|c| {
                [
                    c.code.clone(),
                    c.name.clone(),
                    format!("{} firms", c.firms.len()),
                ]
            })
            .collect(),
        Listing::Sources => m
            .sources()
            .iter()
            .map(|s| {
                [
                    s.id.clone(),
                    s.title.clone(),
                    match s.year {
                        Some(year) => format!("{}, {year}", s.publisher),
                        None => s.publisher.clone(),
                    },
                ]
            })
            .collect(),
        Listing::Events => events(m, tag)
            .into_iter()
            .map(|e| {
                let ev = &m.event(e);
                [
                    ev.id.clone(),
                    ev.title.clone(),
                    format!("{} · {}", ev.date, m.source(ev.source).id),
                ]
            })
            .collect(),
        Listing::Elements => m
            .elements()
            .iter()
            .map(|e| [e.symbol.clone(), e.name.clone(), e.grouping()])
            .collect(),
    }
}

impl Listing {
    /// The text columns, named for Markdown.
    fn columns(self) -> [&'static str; 3] {
        match self {
            Listing::Firms => ["id", "name", "hq · stages"],
            Listing::Stages => ["id", "name", "size"],
            Listing::Countries => ["code", "name", "firms"],
            Listing::Sources => ["id", "title", "publisher"],
            Listing::Events => ["id", "title", "date · source"],
            Listing::Elements => ["symbol", "name", "grouping"],
        }
    }

    fn title(self) -> &'static str {
        match self {
            Listing::Firms => "Firms",
            Listing::Stages => "Stages",
            Listing::Countries => "Countries",
            Listing::Sources => "Sources",
            Listing::Events => "Events",
            Listing::Elements => "Elements",
        }
    }
}

/// Every entity of the kind with its fields, in the order the text lists them.
fn objects(m: &Model, what: Listing, tag: Option<EventTag>) -> Vec<serde_json::Value> {
    let entities: Vec<EntityRef> = match what {
        Listing::Firms => m.firm_ids().map(EntityRef::Firm).collect(),
        Listing::Stages => m.stage_ids().map(EntityRef::Stage).collect(),
        Listing::Countries => m.country_ids().map(EntityRef::Country).collect(),
        Listing::Sources => m.source_ids().map(EntityRef::Source).collect(),
        Listing::Events => events(m, tag).into_iter().map(EntityRef::Event).collect(),
        Listing::Elements => m.element_ids().map(EntityRef::Element).collect(),
    };
    entities.into_iter().map(|e| entity_json(m, e)).collect()
}
