//! `rechain list`: one line per entity of a kind.

use std::io::{self, Write};

use clap::ValueEnum;

use super::exit;
use super::output::{OutputFormat, write_json, write_markdown_table};
use crate::model::{EntityRef, Model};
use crate::present::fields::entity_json;
use crate::present::table::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Listing {
    Firms,
    Stages,
    Countries,
    Sources,
    Events,
    Elements,
}

pub fn run(m: &Model, what: Listing, format: OutputFormat) -> io::Result<u8> {
    let rows = rows(m, what);
    let mut out = io::stdout().lock();
    match format {
        OutputFormat::Json => write_json(&mut out, &objects(m, what))?,
        OutputFormat::Csv => {
            // Cited sources are spelled out per entity in JSON; a cell holds their ids already.
            let mut items = objects(m, what);
            for item in &mut items {
                if let Some(fields) = item.as_object_mut() {
                    fields.shift_remove("sources");
                }
            }
            out.write_all(Table::from_objects(&items).to_csv().as_bytes())?;
        }
        OutputFormat::Md => {
            let mut table = Table::new(&what.columns());
            for row in rows {
                table.push(row.to_vec());
            }
            let title = format!("{} ({})", what.title(), table.rows.len());
            write_markdown_table(&mut out, m, &title, &table, &[])?;
        }
        OutputFormat::Text => {
            let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
            for [a, b, c] in &rows {
                writeln!(out, "{a:<width$}  {b}  ({c})")?;
            }
        }
    }
    Ok(exit::OK)
}

/// One row per entity: its id, its name and a short detail.
fn rows(m: &Model, what: Listing) -> Vec<[String; 3]> {
    match what {
        Listing::Firms => m
            .firms
            .iter()
            .map(|f| {
                let stages: Vec<&str> = f.stages.iter().map(|&s| m.stages[s].id.as_str()).collect();
                [
                    f.id.clone(),
                    f.name.clone(),
                    format!("{} · {}", m.countries[f.hq].code, stages.join(", ")),
                ]
            })
            .collect(),
        Listing::Stages => m
            .stages
            .iter()
            .map(|s| {
                let counts = format!("{} firms, {} share blocks", s.firms.len(), s.shares.len());
                [s.id.clone(), s.name.clone(), counts]
            })
            .collect(),
        Listing::Countries => m
            .countries
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
            .sources
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
        Listing::Events => m
            .events_by_date
            .iter()
            .map(|&e| {
                let ev = &m.events[e];
                [
                    ev.id.clone(),
                    ev.title.clone(),
                    format!("{} · {}", ev.date, m.sources[ev.source].id),
                ]
            })
            .collect(),
        Listing::Elements => m
            .elements
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
fn objects(m: &Model, what: Listing) -> Vec<serde_json::Value> {
    let entities: Vec<EntityRef> = match what {
        Listing::Firms => (0..m.firms.len()).map(EntityRef::Firm).collect(),
        Listing::Stages => (0..m.stages.len()).map(EntityRef::Stage).collect(),
        Listing::Countries => (0..m.countries.len()).map(EntityRef::Country).collect(),
        Listing::Sources => (0..m.sources.len()).map(EntityRef::Source).collect(),
        Listing::Events => m
            .events_by_date
            .iter()
            .map(|&e| EntityRef::Event(e))
            .collect(),
        Listing::Elements => (0..m.elements.len()).map(EntityRef::Element).collect(),
    };
    entities.into_iter().map(|e| entity_json(m, e)).collect()
}
