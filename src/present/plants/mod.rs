//! The plants table of a stage: one row per facility with firm, facility, country, owner
//! countries, status with its date, products, nameplate capacity and its source. Text, CSV,
//! JSON and the app's table are all built from [`PlantRow`].

mod csv;
mod json;
mod text;

pub use csv::plants_csv;
pub use json::{CapacityJson, PlantJson, PlantsJson, capacity_json, figure_json, plants_json};
pub use text::{
    PlantsView, exclusion_words, plant_column, plants_caveats, plants_doc, plants_table,
    plants_title,
};

use crate::analysis::ownership::owner_countries;
use crate::analysis::plants::Column;
use crate::model::{Basis, Facility, FacilityId, Figure, Firm, Model, StageId};
use crate::present::format::range;
use crate::present::table::Table;
use crate::text::one_line;

/// One facility as the table shows it, a cell per [`Column`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlantRow {
    pub facility: FacilityId,
    pub cells: [String; 8],
    /// Status with the year only (`construction 2025`), for narrow tables.
    pub status_short: String,
    /// Capacity without its year (`1,000 t NdFeB/yr`), for narrow tables: the unit stays.
    pub capacity_short: String,
    /// The firm as a narrow table names it (`ASM`, `VAC`).
    pub firm_short: String,
}

impl PlantRow {
    /// Facility `x` as a row of the table of `stage`.
    pub fn new(m: &Model, x: FacilityId, stage: StageId, control: u8) -> PlantRow {
        let f = &m.facility(x);
        let cell = |c: Column| match c {
            Column::Firm => one_line(&m.firm(f.firm).name).into_owned(),
            Column::Facility => one_line(&f.name).into_owned(),
            Column::Country => one_line(&m.country(f.country).code).into_owned(),
            Column::Owner => owner_codes(m, x, control),
            Column::Status => status_with_date(f),
            Column::Products => products(f),
            Column::Capacity => capacity_text(m, f, stage),
            Column::Source => capacity_source(m, f, stage).to_owned(),
        };
        let status_short = status_short(f);
        let capacity_short = match f.capacity_at(stage) {
            Some(c) => format!("{} {}", range(c), one_line(&c.unit)),
            None => capacity_text(m, f, stage),
        };
        PlantRow {
            facility: x,
            cells: Column::ALL.map(cell),
            status_short,
            capacity_short,
            firm_short: firm_short(m.firm(f.firm)),
        }
    }

    pub fn cell(&self, column: Column) -> &str {
        &self.cells[column as usize]
    }

    /// A cell as a narrow table shows it: the firm by its short name, status and capacity
    /// shortened, never their unit.
    pub fn compact_cell(&self, column: Column) -> &str {
        match column {
            Column::Firm => &self.firm_short,
            Column::Status => &self.status_short,
            Column::Capacity => &self.capacity_short,
            c => self.cell(c),
        }
    }
}

/// Every plant of a stage as a row, built once so that a sort or filter only reorders them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantTable {
    pub stage: StageId,
    pub control: u8,
    /// One row per facility of the stage, in the stage's order.
    pub rows: Vec<PlantRow>,
    /// The columns measured over every row, so widths stay put as filters change, fitted
    /// by the rule every table follows.
    pub layout: Table,
}

impl PlantTable {
    pub fn new(m: &Model, stage: StageId, control: u8) -> PlantTable {
        let list = m.get_stage(stage).map_or(&[][..], |s| &s.facilities);
        let rows = plant_rows(m, list, stage, control);
        let layout = measure(rows.iter());
        PlantTable {
            stage,
            control,
            rows,
            layout,
        }
    }

    /// The columns measured over the rows of `list` only, so each holds what is listed.
    pub fn layout_of(&self, list: &[FacilityId]) -> Table {
        measure(list.iter().filter_map(|&x| self.row(x)))
    }

    /// The row of facility `x`, if it is at this stage.
    pub fn row(&self, x: FacilityId) -> Option<&PlantRow> {
        // Stage lists are in facility order, so a binary search finds the row.
        self.rows
            .binary_search_by_key(&x, |r| r.facility)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The columns shown in `width` cells with their widths, and whether rows show their
    /// short cells.
    pub fn fit(&self, width: u16) -> (Vec<(Column, u16)>, bool) {
        fit_layout(&self.layout, width)
    }
}

/// The plant columns of `layout` shown in `width` cells with their widths, and whether rows
/// show their short cells.
pub fn fit_layout(layout: &Table, width: u16) -> (Vec<(Column, u16)>, bool) {
    let (widths, compact) = layout.fit(Some(usize::from(width)));
    let columns = Column::ALL
        .iter()
        .zip(widths)
        .filter_map(|(&c, w)| Some((c, w?.min(usize::from(u16::MAX)) as u16)))
        .collect();
    (columns, compact)
}

/// The layout of plant rows: each column's widest cell, full and short, headings included.
fn measure<'r>(rows: impl Iterator<Item = &'r PlantRow>) -> Table {
    let headings = Column::ALL.map(|c| width(heading(c)));
    let mut natural = headings;
    let mut compact = headings;
    for row in rows {
        for c in Column::ALL {
            let i = c as usize;
            natural[i] = natural[i].max(width(row.cell(c)));
            compact[i] = compact[i].max(width(row.compact_cell(c)));
        }
    }
    Table::layout(
        Column::ALL.map(plant_column).to_vec(),
        natural.to_vec(),
        compact.to_vec(),
    )
}

/// The rows of a list of facilities, in its order.
pub fn plant_rows(m: &Model, list: &[FacilityId], stage: StageId, control: u8) -> Vec<PlantRow> {
    list.iter()
        .map(|&x| PlantRow::new(m, x, stage, control))
        .collect()
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
pub fn owner_codes(m: &Model, x: FacilityId, control: u8) -> String {
    owner_countries(m, x, control)
        .into_iter()
        .map(|c| one_line(&m.country(c).code).into_owned())
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

/// A firm's name for a narrow table: an alias made of the initials of its name (`ASM` for
/// Australian Strategic Materials), else the name without what it adds in brackets (`VAC`
/// for VAC (Vacuumschmelze)).
pub fn firm_short(firm: &Firm) -> String {
    let name = one_line(&firm.name);
    let initials: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    let acronym = firm.aliases.iter().find(|a| {
        a.chars().count() >= 2
            && a.chars().all(char::is_alphanumeric)
            && initials.starts_with(&a.to_uppercase())
            && a.chars().count() * 2 >= initials.chars().count()
    });
    if let Some(a) = acronym {
        return one_line(a).into_owned();
    }
    match name.split_once(" (") {
        Some((before, _)) if !before.trim().is_empty() => before.trim().to_owned(),
        _ => name.into_owned(),
    }
}

/// `operating 2023`: the status with its year only, for narrow tables.
pub fn status_short(f: &Facility) -> String {
    match f.current_entry() {
        Some(e) => format!("{} {}", f.status.as_str(), e.date.year),
        None => f.status.as_str().to_owned(),
    }
}

/// The facility's capacity at `stage`: `1,000 t NdFeB/yr (2025)`, `2,000 t NdFeB/yr
/// (expected)`; `given for Magnets` when the capacity measures another of its stages; `not
/// public`; or `n/a` when the model says nothing.
pub fn capacity_text(m: &Model, f: &Facility, stage: StageId) -> String {
    if let Some(c) = f.capacity_at(stage) {
        return capacity_figure_text(f, c);
    }
    match (f.capacity.first(), &f.capacity_unknown) {
        (Some(c), _) => match c.stage.and_then(|s| m.get_stage(s)) {
            Some(other) => format!("given for {}", one_line(&other.name)),
            None => "n/a".into(),
        },
        (None, Some(_)) => "not public".into(),
        (None, None) => "n/a".into(),
    }
}

/// A capacity of `f` with its utilisation where an output of its year and unit exists:
/// `10,500 t NdPr oxide/yr (2024) · 58.5% used in 2024`.
pub fn capacity_figure_text(f: &Facility, c: &Figure) -> String {
    let text = figure_text(c);
    match crate::analysis::capacity::utilisation(f, c) {
        Some(u) => format!(
            "{text} · {} used in {}",
            crate::present::format::percent(u.percent),
            u.output.year.map_or_else(String::new, |y| y.to_string())
        ),
        None => text,
    }
}

/// `1,000 t NdFeB/yr (2025, expected)`: the figure with its year and, unless it is the
/// nameplate, its basis.
pub fn figure_text(c: &Figure) -> String {
    let mut about: Vec<String> = c.when().into_iter().collect();
    if let Some(basis) = c.basis.filter(|&b| b != Basis::Nameplate) {
        about.push(basis.label().to_owned());
    }
    if c.unit_unclear.is_some() {
        about.push("unit unclear".to_owned());
    }
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join(", "))
    };
    format!("{} {}{about}", range(c), one_line(&c.unit))
}

fn capacity_source<'m>(m: &'m Model, f: &Facility, stage: StageId) -> &'m str {
    f.capacity_at(stage)
        .and_then(|c| m.get_source(c.source))
        .map_or("", |s| s.id.as_str())
}

pub(super) fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}
