//! The plants table of a stage: one row per facility with firm, facility, country, owner
//! countries, status with its date, products, nameplate capacity and its source. Text, CSV,
//! JSON and the app's table are all built from [`PlantRow`].

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::exclusion::codes;
use crate::analysis::ownership::{ExcludeBy, ExclusionMode, excluded_by, owner_countries};
use crate::analysis::plants::{Column, PlantQuery};
use crate::model::{Facility, Model};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, range};
use crate::text::one_line;

/// One facility as the table shows it, a cell per [`Column`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlantRow {
    pub facility: usize,
    pub cells: [String; 8],
    /// Status with the year only (`construction 2025`), for narrow tables.
    pub status_short: String,
    /// Capacity without its year (`1,000 t NdFeB/yr`), for narrow tables: the unit stays.
    pub capacity_short: String,
}

impl PlantRow {
    pub fn new(m: &Model, x: usize, control: u8) -> PlantRow {
        let f = &m.facilities[x];
        let cell = |c: Column| match c {
            Column::Firm => one_line(&m.firms[f.firm].name).into_owned(),
            Column::Facility => one_line(&f.name).into_owned(),
            Column::Country => one_line(&m.countries[f.country].code).into_owned(),
            Column::Owner => owner_codes(m, x, control),
            Column::Status => status_with_date(f),
            Column::Products => products(f),
            Column::Capacity => capacity_text(f),
            Column::Source => capacity_source(m, f).to_owned(),
        };
        let status_short = match f.current_entry() {
            Some(e) => format!("{} {}", f.status.as_str(), e.date.year),
            None => f.status.as_str().to_owned(),
        };
        let capacity_short = match &f.capacity {
            Some(c) => format!("{} {}", range(c), one_line(&c.unit)),
            None => capacity_text(f),
        };
        PlantRow {
            facility: x,
            cells: Column::ALL.map(cell),
            status_short,
            capacity_short,
        }
    }

    pub fn cell(&self, column: Column) -> &str {
        &self.cells[column as usize]
    }

    /// A cell as a narrow table shows it: status and capacity shortened, never their unit.
    pub fn compact_cell(&self, column: Column) -> &str {
        match column {
            Column::Status => &self.status_short,
            Column::Capacity => &self.capacity_short,
            c => self.cell(c),
        }
    }
}

/// Every plant of a stage as a row, built once so that a sort or filter only reorders them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantTable {
    pub stage: usize,
    pub control: u8,
    /// One row per facility of the stage, in the stage's order.
    pub rows: Vec<PlantRow>,
    /// The widest cell of each column over every row, so widths stay put as filters change.
    pub widths: [usize; 8],
    /// The same with status and capacity shortened.
    pub compact_widths: [usize; 8],
}

impl PlantTable {
    pub fn new(m: &Model, stage: usize, control: u8) -> PlantTable {
        let list = m.stages.get(stage).map_or(&[][..], |s| &s.facilities);
        let rows = plant_rows(m, list, control);
        let widths = natural_widths(&rows);
        let mut compact_widths = widths;
        for c in [Column::Status, Column::Capacity] {
            compact_widths[c as usize] = rows
                .iter()
                .map(|r| self::width(r.compact_cell(c)))
                .chain([self::width(heading(c))])
                .max()
                .unwrap_or(0);
        }
        PlantTable {
            stage,
            control,
            rows,
            widths,
            compact_widths,
        }
    }

    /// The row of facility `x`, if it is at this stage.
    pub fn row(&self, x: usize) -> Option<&PlantRow> {
        // Stage lists are in facility order, so a binary search finds the row.
        self.rows
            .binary_search_by_key(&x, |r| r.facility)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The columns for `width`, and whether rows show their compact cells: only when the
    /// full status and capacity do not fit beside the facility and source.
    pub fn fit(&self, width: u16) -> (Vec<(Column, u16)>, bool) {
        let full = fit_widths(&self.widths, width);
        let used: u32 = full.iter().map(|&(_, w)| u32::from(w)).sum::<u32>()
            + full.len().saturating_sub(1) as u32;
        if used <= u32::from(width) {
            (full, false)
        } else {
            (fit_widths(&self.compact_widths, width), true)
        }
    }
}

/// The rows of a list of facilities, in its order.
pub fn plant_rows(m: &Model, list: &[usize], control: u8) -> Vec<PlantRow> {
    list.iter().map(|&x| PlantRow::new(m, x, control)).collect()
}

/// The column headings.
pub fn heading(column: Column) -> &'static str {
    match column {
        Column::Firm => "Firm",
        Column::Facility => "Facility",
        Column::Country => "In",
        Column::Owner => "Owners",
        Column::Status => "Status",
        Column::Products => "Products",
        Column::Capacity => "Capacity",
        Column::Source => "Source",
    }
}

/// `AU,CN`: the firm's headquarters, then the countries of holders at or over the threshold.
pub fn owner_codes(m: &Model, x: usize, control: u8) -> String {
    owner_countries(m, x, control)
        .into_iter()
        .map(|c| one_line(&m.countries[c].code).into_owned())
        .collect::<Vec<_>>()
        .join(",")
}

/// `operating 2023-05`, `construction 2024`, or the status alone when undated.
pub fn status_with_date(f: &Facility) -> String {
    match f.current_entry() {
        Some(e) => format!("{} {}", f.status.as_str(), e.date),
        None => f.status.as_str().to_owned(),
    }
}

fn products(f: &Facility) -> String {
    f.products
        .iter()
        .map(|p| one_line(&p.text).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1,000 t NdFeB/yr (2025)`, `not public`, or `n/a` when the model says nothing.
pub fn capacity_text(f: &Facility) -> String {
    match (&f.capacity, &f.capacity_unknown) {
        (Some(c), _) => {
            let year = c.year.map(|y| format!(" ({y})")).unwrap_or_default();
            format!("{} {}{year}", range(c), one_line(&c.unit))
        }
        (None, Some(_)) => "not public".into(),
        (None, None) => "n/a".into(),
    }
}

fn capacity_source<'m>(m: &'m Model, f: &Facility) -> &'m str {
    f.capacity
        .as_ref()
        .and_then(|c| m.sources.get(c.source))
        .map_or("", |s| s.id.as_str())
}

/// What the list holds, in one line: `Magnets: 5 plants, operating or ramping, excluding CN by
/// owner (≥25% or controlling)`.
pub fn plants_title(m: &Model, stage: usize, q: &PlantQuery, n: usize) -> String {
    let mut parts = vec![q.status.label().to_owned()];
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
    format!("excluding {} {}", codes(m, excluded), by.label())
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
                let last = i + 1 == Column::ALL.len();
                let text = if last {
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

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn pad(text: &str, w: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(text))));
    out
}

/// The table as CSV, with a header row; capacity in separate value, max, unit and year fields.
pub fn plants_csv(m: &Model, list: &[usize], control: u8) -> String {
    let mut out = csv_row(&[
        "firm",
        "facility",
        "facility_id",
        "country",
        "owners",
        "status",
        "status_date",
        "products",
        "capacity",
        "capacity_max",
        "unit",
        "year",
        "source",
    ]);
    for &x in list {
        let f = &m.facilities[x];
        let cap = f.capacity.as_ref();
        let fields = [
            m.firms[f.firm].name.clone(),
            f.name.clone(),
            f.id.clone(),
            m.countries[f.country].code.clone(),
            owner_codes(m, x, control),
            f.status.as_str().to_owned(),
            f.current_entry()
                .map(|e| e.date.to_string())
                .unwrap_or_default(),
            products(f),
            cap.map(|c| c.value.to_string()).unwrap_or_default(),
            cap.and_then(|c| c.max)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            cap.map(|c| c.unit.clone()).unwrap_or_default(),
            cap.and_then(|c| c.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            capacity_source(m, f).to_owned(),
        ];
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        out.push_str(&csv_row(&refs));
    }
    out
}

/// One CSV record (RFC 4180 quoting), ending in a newline.
pub fn csv_row(fields: &[&str]) -> String {
    let mut out = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = one_line(field);
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
pub struct PlantsJson<'a> {
    pub stage: &'a str,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<&'a str>,
    pub excluded: Vec<&'a str>,
    pub by: &'static str,
    pub control: u8,
    pub sort: &'static str,
    pub reverse: bool,
    pub plants: Vec<PlantJson<'a>>,
    pub caveats: Vec<String>,
}

#[derive(Serialize)]
pub struct PlantJson<'a> {
    pub facility: &'a str,
    pub name: &'a str,
    pub firm: &'a str,
    pub country: &'a str,
    pub owners: Vec<&'a str>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_source: Option<&'a str>,
    pub products: Vec<&'a str>,
    pub capacity: Option<CapacityJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_unknown: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CapacityJson<'a> {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub source: &'a str,
}

pub fn figure_json<'a>(m: &'a Model, f: &'a Facility) -> Option<CapacityJson<'a>> {
    f.capacity.as_ref().map(|c| CapacityJson {
        value: c.value,
        max: c.max,
        unit: &c.unit,
        year: c.year,
        source: &m.sources[c.source].id,
    })
}

pub fn plants_json<'a>(
    m: &'a Model,
    stage: usize,
    q: &'a PlantQuery,
    list: &[usize],
) -> PlantsJson<'a> {
    let mut excluded: Vec<&str> = q
        .excluded
        .iter()
        .map(|&c| m.countries[c].code.as_str())
        .collect();
    excluded.sort_unstable();
    PlantsJson {
        stage: &m.stages[stage].id,
        status: q.status.as_str(),
        country: q.country.map(|c| m.countries[c].code.as_str()),
        product: q.product.as_deref(),
        excluded,
        by: q.by.mode.as_str(),
        control: q.by.control,
        sort: q.sort.as_str(),
        reverse: q.reverse,
        plants: list
            .iter()
            .map(|&x| {
                let f = &m.facilities[x];
                PlantJson {
                    facility: &f.id,
                    name: &f.name,
                    firm: &m.firms[f.firm].id,
                    country: &m.countries[f.country].code,
                    owners: owner_countries(m, x, q.by.control)
                        .into_iter()
                        .map(|c| m.countries[c].code.as_str())
                        .collect(),
                    status: f.status.as_str(),
                    status_date: f.current_entry().map(|e| e.date.to_string()),
                    status_source: f
                        .current_entry()
                        .and_then(|e| m.sources.get(e.source))
                        .map(|s| s.id.as_str()),
                    products: f.products.iter().map(|p| p.text.as_str()).collect(),
                    capacity: figure_json(m, f),
                    capacity_unknown: f.capacity_unknown.as_deref(),
                }
            })
            .collect(),
        caveats: plants_caveats(m, stage, q, list),
    }
}

/// Columns in the order they give way when the table is too narrow: the last one stays longest.
/// Status, capacity (with its unit) and source never give way.
pub const DROP_ORDER: [Column; 4] = [
    Column::Products,
    Column::Owner,
    Column::Firm,
    Column::Country,
];

/// The columns that fit `width` and each one's width; the facility name takes what is left
/// (at least 8 cells), every other kept column its widest cell.
pub fn fit_columns(rows: &[PlantRow], width: u16) -> Vec<(Column, u16)> {
    fit_widths(&natural_widths(rows), width)
}

/// The widest cell of each column, headings included.
pub fn natural_widths(rows: &[PlantRow]) -> [usize; 8] {
    let mut widths = Column::ALL.map(|c| self::width(heading(c)));
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(self::width(cell));
        }
    }
    widths
}

/// [`fit_columns`] from widths already measured.
pub fn fit_widths(natural_widths: &[usize; 8], width: u16) -> Vec<(Column, u16)> {
    let natural = |c: Column| natural_widths[c as usize].min(u16::MAX as usize) as u16;
    let mut kept: Vec<Column> = Column::ALL.to_vec();
    let total = |kept: &[Column]| -> u32 {
        kept.iter()
            .map(|&c| {
                if c == Column::Facility {
                    u32::from(natural(c).min(8))
                } else {
                    u32::from(natural(c))
                }
            })
            .sum::<u32>()
            + kept.len().saturating_sub(1) as u32
    };
    for drop in DROP_ORDER {
        if total(&kept) <= u32::from(width) {
            break;
        }
        kept.retain(|&c| c != drop);
    }
    let others: u32 = kept
        .iter()
        .filter(|&&c| c != Column::Facility)
        .map(|&c| u32::from(natural(c)))
        .sum::<u32>()
        + kept.len().saturating_sub(1) as u32;
    let facility = u32::from(width)
        .saturating_sub(others)
        .clamp(8, u32::from(natural(Column::Facility)).max(8)) as u16;
    // Still too wide: the source id is shortened (never below 8), not the status or unit.
    let overflow = (others + u32::from(facility)).saturating_sub(u32::from(width));
    let source = natural(Column::Source);
    let source = source
        .saturating_sub(overflow.min(u32::from(u16::MAX)) as u16)
        .max(source.min(8));
    kept.into_iter()
        .map(|c| {
            let w = match c {
                Column::Facility => facility,
                Column::Source => source,
                c => natural(c),
            };
            (c, w)
        })
        .collect()
}
