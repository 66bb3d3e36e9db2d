//! The plants table as a document: its title, the caveats beside it and the padded rows.

use std::collections::BTreeSet;

use super::{heading, plant_rows, plants_csv, plants_json};
use crate::analysis::exclusion::codes;
use crate::analysis::ownership::{ExcludeBy, ExclusionMode};
use crate::analysis::plants::{Column, PlantQuery};
use crate::analysis::whatif::Exclusion;
use crate::model::{CountryId, FacilityId, Model, StageId};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::count;
use crate::present::labels::{exclusion_rule, status_scope};
use crate::present::table::{Cell, Column as TableColumn, Table};
use crate::present::view::View;
use crate::text::one_line;

/// What the list holds, in one line: `Magnets: 5 plants, operating or ramping, excluding CN by
/// owner (≥25% or controlling)`.
pub fn plants_title(m: &Model, stage: StageId, q: &PlantQuery, n: usize) -> String {
    let mut parts = vec![status_scope(q.status).to_owned()];
    if let Some(c) = q.country {
        parts.push(format!("in {}", m.country(c).code));
    }
    if let Some(p) = q.product.as_deref().filter(|p| !p.trim().is_empty()) {
        parts.push(format!("making {}", one_line(p.trim())));
    }
    if !q.excluded.is_empty() {
        parts.push(exclusion_words(m, &q.excluded, q.by));
    }
    format!(
        "{}: {}, {}",
        one_line(&m.stage(stage).name),
        count(n as u128, "plant", "plants"),
        parts.join(", ")
    )
}

/// `excluding CN by owner (≥25% or controlling)`.
pub fn exclusion_words(m: &Model, excluded: &BTreeSet<CountryId>, by: ExcludeBy) -> String {
    format!("excluding {} {}", codes(m, excluded), exclusion_rule(by))
}

/// What a reader must know beside the table.
pub fn plants_caveats(
    m: &Model,
    stage: StageId,
    q: &PlantQuery,
    list: &[FacilityId],
) -> Vec<String> {
    let mut caveats = vec![
        "Capacity is nameplate as published, not output; each figure carries its source id."
            .to_owned(),
    ];
    let missing = list
        .iter()
        .filter(|&&x| m.facility(x).capacity_at(stage).is_none())
        .count();
    if missing > 0 {
        caveats.push(format!(
            "{} listed without public capacity.",
            count(missing as u128, "plant", "plants")
        ));
    }
    if !q.excluded.is_empty() && q.by.mode != ExclusionMode::Location {
        let by_owner: Vec<String> = Exclusion::new(&q.excluded, q.by)
            .owned_elsewhere(m, stage)
            .into_iter()
            .map(|(x, c)| {
                let f = &m.facility(x);
                format!(
                    "{} ({}, owned from {})",
                    one_line(&f.name),
                    m.country(f.country).code,
                    m.country(c).code
                )
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

/// How each column gives way in a narrow table: the plant is named by its facility with its
/// firm and country, and the facility keeps its name longest (the firm shortens to its short
/// name and then gives its room first); the status is never cut; the capacity keeps its
/// number and the start of its unit; products, owners and the source id go first, in that
/// order.
pub fn plant_column(c: Column) -> TableColumn {
    let header = heading(c);
    match c {
        Column::Firm => TableColumn::keep(header, 5),
        Column::Facility => TableColumn::keep(header, 12).weight(3),
        Column::Country => TableColumn::keep(header, 2),
        Column::Status => TableColumn::fixed(header),
        Column::Capacity => TableColumn::keep(header, 10).weight(2),
        Column::Products => TableColumn::optional(header, 0, 10),
        Column::Owner => TableColumn::optional(header, 1, 5),
        Column::Source => TableColumn::optional(header, 2, 8),
    }
}

/// The plants as a table block, a row per facility, each capacity citing its source.
pub fn plants_table(m: &Model, list: &[FacilityId], stage: StageId, control: u8) -> Table {
    let mut table = Table::with_columns(Column::ALL.map(plant_column).to_vec());
    for (row, &x) in plant_rows(m, list, stage, control).iter().zip(list) {
        let f = &m.facility(x);
        let cells = Column::ALL
            .iter()
            .map(|&c| {
                let role = match c {
                    Column::Status if f.status.is_producing() => Role::Status,
                    Column::Status => Role::Warning,
                    Column::Capacity => Role::Number,
                    Column::Source => Role::Source,
                    Column::Facility => Role::Text,
                    _ => Role::Dim,
                };
                let cell = Cell::new(role, row.cell(c)).or_short(row.compact_cell(c));
                match (f.capacity_at(stage), c) {
                    (Some(capacity), Column::Source) => cell.cites(capacity.source),
                    _ => cell,
                }
            })
            .collect();
        table.push_cells(cells);
    }
    table
}

/// The plants of a stage as a document: the table, then the caveats and the sources cited.
pub fn plants_doc(m: &Model, stage: StageId, q: &PlantQuery, list: &[FacilityId]) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = plants_title(m, stage, q, list.len());
    if list.is_empty() {
        b.line(vec![DocBuilder::dim("No plant matches.")]);
    } else {
        b.table(plants_table(m, list, stage, q.by.control));
    }
    b.blank();
    for caveat in plants_caveats(m, stage, q, list) {
        b.line(vec![DocBuilder::dim(caveat)]);
    }
    b.source_list();
    b.finish()
}

/// The plants `plants` lists: a stage, the query that chose them and the rows, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantsView {
    pub stage: StageId,
    pub query: PlantQuery,
    pub list: Vec<FacilityId>,
}

impl View for PlantsView {
    fn doc(&self, m: &Model) -> Doc {
        plants_doc(m, self.stage, &self.query, &self.list)
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        serde_json::to_value(plants_json(m, self.stage, &self.query, &self.list))
            .unwrap_or_default()
    }

    fn csv(&self, m: &Model) -> Option<String> {
        Some(plants_csv(m, &self.list, self.stage, self.query.by.control))
    }
}
