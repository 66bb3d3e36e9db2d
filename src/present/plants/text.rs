//! The plants table as a document: its title, the caveats beside it and the padded rows.

use std::collections::BTreeSet;

use super::{heading, pad, plant_rows, width};
use crate::analysis::exclusion::codes;
use crate::analysis::ownership::{ExcludeBy, ExclusionMode, excluded_by};
use crate::analysis::plants::{Column, PlantQuery};
use crate::model::Model;
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::count;
use crate::present::labels::{exclusion_rule, status_scope};
use crate::text::one_line;

/// What the list holds, in one line: `Magnets: 5 plants, operating or ramping, excluding CN by
/// owner (≥25% or controlling)`.
pub fn plants_title(m: &Model, stage: usize, q: &PlantQuery, n: usize) -> String {
    let mut parts = vec![status_scope(q.status).to_owned()];
    if let Some(c) = q.country {
        parts.push(format!("in {}", m.countries[c].code));
    }
    if let Some(p) = q.product.as_deref().filter(|p| !p.trim().is_empty()) {
        parts.push(format!("making {}", one_line(p.trim())));
    }
    if !q.excluded.is_empty() {
        parts.push(exclusion_words(m, &q.excluded, q.by));
    }
    format!(
        "{}: {}, {}",
        one_line(&m.stages[stage].name),
        count(n as u128, "plant", "plants"),
        parts.join(", ")
    )
}

/// `excluding CN by owner (≥25% or controlling)`.
pub fn exclusion_words(m: &Model, excluded: &BTreeSet<usize>, by: ExcludeBy) -> String {
    format!("excluding {} {}", codes(m, excluded), exclusion_rule(by))
}

/// What a reader must know beside the table.
pub fn plants_caveats(m: &Model, stage: usize, q: &PlantQuery, list: &[usize]) -> Vec<String> {
    let mut caveats = vec![
        "Capacity is nameplate as published, not output; each figure carries its source id."
            .to_owned(),
    ];
    let missing = list
        .iter()
        .filter(|&&x| m.facilities[x].capacity.is_none())
        .count();
    if missing > 0 {
        caveats.push(format!(
            "{} listed without public capacity.",
            count(missing as u128, "plant", "plants")
        ));
    }
    if !q.excluded.is_empty() && q.by.mode != ExclusionMode::Location {
        let by_owner: Vec<String> = m.stages[stage]
            .facilities
            .iter()
            .filter(|&&x| !q.excluded.contains(&m.facilities[x].country))
            .filter_map(|&x| {
                let c = excluded_by(m, &q.excluded, q.by, x)?;
                let f = &m.facilities[x];
                Some(format!(
                    "{} ({}, owned from {})",
                    one_line(&f.name),
                    m.countries[f.country].code,
                    m.countries[c].code
                ))
            })
            .collect();
        if !by_owner.is_empty() {
            caveats.push(format!(
                "Excluded by owner though located elsewhere: {}.",
                by_owner.join("; ")
            ));
        }
    }
    caveats
}

/// The table as text: padded columns, then the caveats and the sources cited.
pub fn plants_doc(m: &Model, stage: usize, q: &PlantQuery, list: &[usize]) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = plants_title(m, stage, q, list.len());
    let rows = plant_rows(m, list, q.by.control);
    if rows.is_empty() {
        b.line(vec![DocBuilder::dim("No plant matches.")]);
    } else {
        let widths: Vec<usize> = Column::ALL
            .iter()
            .map(|&c| {
                rows.iter()
                    .map(|r| width(r.cell(c)))
                    .chain([width(heading(c))])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let header: String = Column::ALL
            .iter()
            .zip(&widths)
            .map(|(&c, &w)| pad(heading(c), w))
            .collect::<Vec<_>>()
            .join("  ");
        b.line(vec![(Role::Heading, header.trim_end().to_owned())]);
        for (row, &x) in rows.iter().zip(list) {
            let mut spans = Vec::new();
            for (i, (&c, &w)) in Column::ALL.iter().zip(&widths).enumerate() {
                let sep = if i == 0 { "" } else { "  " };
                let text = if i + 1 == Column::ALL.len() {
                    row.cell(c).to_owned()
                } else {
                    pad(row.cell(c), w)
                };
                let role = match c {
                    Column::Status if m.facilities[x].status.is_producing() => Role::Status,
                    Column::Status => Role::Warning,
                    Column::Capacity => Role::Number,
                    Column::Source => Role::Source,
                    Column::Facility => Role::Text,
                    _ => Role::Dim,
                };
                spans.push((role, format!("{sep}{text}")));
            }
            if let Some(c) = &m.facilities[x].capacity
                && !b.sources.contains(&c.source)
            {
                b.sources.push(c.source);
            }
            b.line(spans);
        }
    }
    b.blank();
    for caveat in plants_caveats(m, stage, q, list) {
        b.line(vec![DocBuilder::dim(caveat)]);
    }
    b.source_list();
    b.finish()
}
