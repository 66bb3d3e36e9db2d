//! `rechain list`: one line per entity of a kind.

use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::json;

use super::{Format, exit};
use crate::model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Listing {
    Firms,
    Stages,
    Countries,
    Sources,
    Events,
    Elements,
}

pub fn run(m: &Model, what: Listing, format: Format) -> io::Result<u8> {
    let rows = rows(m, what);
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            let items: Vec<_> = rows
                .iter()
                .map(|[a, b, c]| json!({"id": a, "name": b, "detail": c}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &items).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
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
                    ev.date.to_string(),
                    ev.title.clone(),
                    m.sources[ev.source].id.clone(),
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
