//! Capacity by country for a stage: one table per phase and unit, each facility summed with
//! its status and source, then what the tables leave out. `rechain capacity` and the app show
//! this.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde::Serialize;

use crate::analysis::capacity::{CapacityReport, Coverage, Phase, UnitTable};
use crate::analysis::exclusion::sorted_codes;
use crate::analysis::ownership::ExcludeBy;
use crate::model::{CountryId, FacilityId, Model, StageId};
use crate::present::csv::csv_row;
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, number, percent};
use crate::present::plants::{
    CapacityJson, capacity_figure_text, capacity_json, capacity_text, exclusion_words,
    status_short, status_with_date,
};
use crate::present::table::{Cell, Column, Table};
use crate::present::view::View;
use crate::text::one_line;

/// `Magnets: nameplate capacity by country (excluding CN by location)`.
pub fn capacity_title(
    m: &Model,
    r: &CapacityReport,
    excluded: &BTreeSet<CountryId>,
    by: ExcludeBy,
) -> String {
    let mut title = format!(
        "{}: nameplate capacity by country",
        one_line(&m.stage(r.stage).name)
    );
    if !excluded.is_empty() {
        let _ = write!(title, " ({})", exclusion_words(m, excluded, by));
    }
    title
}

/// `12,000` or `12,000–15,000` when some capacities are ranges.
fn sum_text(value: f64, max: f64) -> String {
    if max > value {
        format!("{}–{}", number(value), number(max))
    } else {
        number(value)
    }
}

/// `Operating · t NdFeB/yr`
pub fn table_heading(t: &UnitTable) -> String {
    let phase = match t.phase {
        Phase::Operating => "Operating (operating or ramping)",
        Phase::Pipeline => "Pipeline (announced to commissioning)",
    };
    format!("{phase} · {}", one_line(&t.unit))
}

/// `Covers 3 of 5 plants: 1 in another unit, 1 without public capacity (Takefu plant). Shares
/// are of the plants listed.`: what a sum leaves out, said with every table.
pub fn coverage_text(m: &Model, c: &Coverage) -> String {
    if !c.is_partial() {
        return format!(
            "Covers all {} of the phase.",
            count(c.plants as u128, "plant", "plants")
        );
    }
    let named = |list: &[FacilityId]| {
        let names: Vec<String> = list
            .iter()
            .take(COVERAGE_NAMES)
            .map(|&x| one_line(&m.facility(x).name).into_owned())
            .collect();
        let more = list.len().saturating_sub(COVERAGE_NAMES);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!("{}{more}", names.join("; "))
    };
    let mut out_of_sum = Vec::new();
    if c.other_units > 0 {
        out_of_sum.push(format!("{} in another unit", c.other_units));
    }
    if !c.unclear.is_empty() {
        out_of_sum.push(format!(
            "{} in a unit the source leaves unclear ({})",
            c.unclear.len(),
            named(&c.unclear)
        ));
    }
    if !c.without.is_empty() {
        out_of_sum.push(format!(
            "{} without public capacity ({})",
            c.without.len(),
            named(&c.without)
        ));
    }
    format!(
        "Covers {} of {} plants: {}. Shares are of the plants listed, not of the stage.",
        c.summed,
        c.plants,
        out_of_sum.join(", ")
    )
}

/// Plants without capacity named beside a table; the caveats list them all.
const COVERAGE_NAMES: usize = 4;

/// What a reader must know beside the tables.
pub fn capacity_caveats(m: &Model, r: &CapacityReport) -> Vec<String> {
    let mut caveats = vec![
        "Nameplate capacity as published, not output. Different units are never added: one table per unit.".to_owned(),
        "A country's share is of the capacity listed in its table, not of world output.".to_owned(),
    ];
    let names = |list: &[FacilityId]| {
        list.iter()
            .map(|&x| one_line(&m.facility(x).name).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for phase in [Phase::Operating, Phase::Pipeline] {
        let missing = r.without(phase);
        let unclear = r.unclear(phase);
        let plants = r.summed(phase) + unclear.len() + missing.len();
        if !missing.is_empty() {
            caveats.push(format!(
                "{}: {} of {} with no public capacity: {}.",
                phase.as_str(),
                missing.len(),
                count(plants as u128, "facility", "facilities"),
                names(missing)
            ));
        }
        if !unclear.is_empty() {
            caveats.push(format!(
                "{}: {} of {} with a capacity in a unit the source leaves unclear, not summed: {}.",
                phase.as_str(),
                unclear.len(),
                count(plants as u128, "facility", "facilities"),
                names(unclear)
            ));
        }
    }
    if !r.other_status.is_empty() {
        caveats.push(format!(
            "Not summed (pilot, exploration, suspended, closed, cancelled or unknown): {}.",
            names(&r.other_status)
        ));
    }
    if !r.excluded.is_empty() {
        caveats.push(format!("Excluded: {}.", names(&r.excluded)));
    }
    caveats
}

/// One table of a phase and unit: a row per facility summed, the country's sum and share on
/// its first row, and the total last.
fn unit_table(m: &Model, stage: StageId, t: &UnitTable, partial: bool) -> Table {
    let mut table = Table::with_columns(vec![
        Column::keep("Country", 2),
        Column::fixed("Sum").right(),
        // A share of a partial sum is a share of what is listed, and says so.
        Column::fixed(if partial { "Of listed" } else { "Share" }).right(),
        Column::keep("Facility", 10),
        Column::fixed("Status"),
        Column::fixed("Capacity"),
        Column::optional("Source", 0, 8),
    ]);
    for row in &t.rows {
        for (n, &x) in row.facilities.iter().enumerate() {
            let f = &m.facility(x);
            let first = n == 0;
            let status_role = if f.status.is_producing() {
                Role::Status
            } else {
                Role::Warning
            };
            let figure = t.figure(f, stage);
            let source = figure.map(|c| c.source);
            let mut cited = Cell::new(
                Role::Source,
                source
                    .and_then(|s| m.get_source(s))
                    .map_or("", |s| s.id.as_str()),
            );
            cited.source = source;
            let on_first = |text: String| if first { text } else { String::new() };
            table.push_cells(vec![
                Cell::text(on_first(m.country(row.country).code.clone())),
                Cell::new(Role::Number, on_first(sum_text(row.value, row.max))),
                Cell::new(Role::Number, on_first(percent(row.share))),
                Cell::text(&f.name),
                Cell::new(status_role, status_with_date(f)).or_short(status_short(f)),
                Cell::new(
                    Role::Number,
                    figure.map_or_else(
                        || capacity_text(m, f, stage),
                        |c| capacity_figure_text(f, c),
                    ),
                ),
                cited,
            ]);
        }
    }
    table.push_cells(vec![
        Cell::new(Role::Dim, "all"),
        Cell::new(Role::Number, sum_text(t.total, t.total_max)),
        Cell::new(Role::Dim, percent(100.0)),
    ]);
    table
}

pub fn capacity_doc(
    m: &Model,
    r: &CapacityReport,
    excluded: &BTreeSet<CountryId>,
    by: ExcludeBy,
) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = capacity_title(m, r, excluded, by);
    if r.tables.is_empty() {
        b.line(vec![DocBuilder::dim(
            "No facility at this stage has a public capacity.",
        )]);
    }
    for t in &r.tables {
        b.heading(table_heading(t));
        let coverage = r.coverage(t);
        b.table(unit_table(m, r.stage, t, coverage.is_partial()));
        b.line(vec![DocBuilder::dim(coverage_text(m, &coverage))]);
    }
    b.blank();
    for caveat in capacity_caveats(m, r) {
        b.line(vec![DocBuilder::dim(caveat)]);
    }
    b.source_list();
    b.finish()
}

/// One row per facility summed: the table it is in, its country and capacity.
pub fn capacity_csv(m: &Model, r: &CapacityReport) -> String {
    let mut out = csv_row(&[
        "phase",
        "unit",
        "country",
        "country_total",
        "country_share",
        "facility",
        "status",
        "status_date",
        "capacity",
        "capacity_max",
        "year",
        "source",
    ]);
    for t in &r.tables {
        for row in &t.rows {
            for &x in &row.facilities {
                let f = &m.facility(x);
                let Some(c) = t.figure(f, r.stage) else {
                    continue;
                };
                let fields = [
                    t.phase.as_str().to_owned(),
                    t.unit.clone(),
                    m.country(row.country).code.clone(),
                    row.value.to_string(),
                    crate::present::format::decimal(row.share, 1),
                    f.id.clone(),
                    f.status.as_str().to_owned(),
                    f.current_entry()
                        .map(|e| e.date.to_string())
                        .unwrap_or_default(),
                    c.value.to_string(),
                    c.max.map(|v| v.to_string()).unwrap_or_default(),
                    c.year.map(|y| y.to_string()).unwrap_or_default(),
                    m.source(c.source).id.clone(),
                ];
                out.push_str(&csv_row(&fields));
            }
        }
    }
    out
}

#[derive(Serialize)]
pub struct CapacityReportJson<'a> {
    pub stage: &'a str,
    pub excluded: Vec<&'a str>,
    pub by: &'static str,
    pub control: u8,
    pub tables: Vec<TableJson<'a>>,
    pub without_capacity: WithoutJson<'a>,
    pub not_summed: Vec<&'a str>,
    pub excluded_facilities: Vec<&'a str>,
    pub caveats: Vec<String>,
}

#[derive(Serialize)]
pub struct TableJson<'a> {
    pub phase: &'static str,
    pub unit: &'a str,
    #[serde(flatten)]
    pub sum: SumJson,
    /// What the sum covers of its phase; shares of a partial sum are of the plants listed.
    pub coverage: CoverageJson<'a>,
    pub countries: Vec<CountryJson<'a>>,
}

#[derive(Serialize)]
pub struct CoverageJson<'a> {
    pub plants: usize,
    pub summed: usize,
    pub in_other_units: usize,
    /// Plants whose capacity here is in a unit the source leaves unclear: never summed.
    pub unit_unclear: Vec<&'a str>,
    pub without_capacity: Vec<&'a str>,
    pub partial: bool,
}

impl<'a> CoverageJson<'a> {
    fn new(m: &'a Model, c: &Coverage) -> Self {
        CoverageJson {
            plants: c.plants,
            summed: c.summed,
            in_other_units: c.other_units,
            unit_unclear: c
                .unclear
                .iter()
                .map(|&x| m.facility(x).id.as_str())
                .collect(),
            without_capacity: c
                .without
                .iter()
                .map(|&x| m.facility(x).id.as_str())
                .collect(),
            partial: c.is_partial(),
        }
    }
}

/// A sum of capacities, and its upper end where some are given as ranges.
#[derive(Serialize)]
pub struct SumJson {
    pub total: f64,
    pub total_max: f64,
}

#[derive(Serialize)]
pub struct CountryJson<'a> {
    pub country: &'a str,
    #[serde(flatten)]
    pub sum: SumJson,
    pub share: f64,
    pub facilities: Vec<FacilityJson<'a>>,
}

#[derive(Serialize)]
pub struct FacilityJson<'a> {
    pub facility: &'a str,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    pub capacity: Option<CapacityJson<'a>>,
}

#[derive(Serialize)]
pub struct WithoutJson<'a> {
    pub operating: Vec<&'a str>,
    pub pipeline: Vec<&'a str>,
}

pub fn capacity_report_json<'a>(
    m: &'a Model,
    r: &'a CapacityReport,
    excluded: &BTreeSet<CountryId>,
    by: ExcludeBy,
) -> CapacityReportJson<'a> {
    let ids = |list: &[FacilityId]| -> Vec<&'a str> {
        list.iter().map(|&x| m.facility(x).id.as_str()).collect()
    };
    CapacityReportJson {
        stage: &m.stage(r.stage).id,
        excluded: sorted_codes(m, excluded),
        by: by.mode.as_str(),
        control: by.control,
        tables: r
            .tables
            .iter()
            .map(|t| TableJson {
                phase: t.phase.as_str(),
                unit: &t.unit,
                sum: SumJson {
                    total: t.total,
                    total_max: t.total_max,
                },
                coverage: CoverageJson::new(m, &r.coverage(t)),
                countries: t
                    .rows
                    .iter()
                    .map(|row| CountryJson {
                        country: &m.country(row.country).code,
                        sum: SumJson {
                            total: row.value,
                            total_max: row.max,
                        },
                        share: row.share,
                        facilities: row
                            .facilities
                            .iter()
                            .map(|&x| {
                                let f = &m.facility(x);
                                FacilityJson {
                                    facility: &f.id,
                                    status: f.status.as_str(),
                                    status_date: f.current_entry().map(|e| e.date.to_string()),
                                    capacity: t.figure(f, r.stage).map(|c| capacity_json(m, f, c)),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        without_capacity: WithoutJson {
            operating: ids(r.without(Phase::Operating)),
            pipeline: ids(r.without(Phase::Pipeline)),
        },
        not_summed: ids(&r.other_status),
        excluded_facilities: ids(&r.excluded),
        caveats: capacity_caveats(m, r),
    }
}

/// Capacity by country for a stage, with what the exclusion took out.
#[derive(Debug, Clone)]
pub struct CapacityView {
    pub report: CapacityReport,
    pub excluded: BTreeSet<CountryId>,
    pub by: ExcludeBy,
}

impl View for CapacityView {
    fn doc(&self, m: &Model) -> Doc {
        capacity_doc(m, &self.report, &self.excluded, self.by)
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        serde_json::to_value(capacity_report_json(
            m,
            &self.report,
            &self.excluded,
            self.by,
        ))
        .unwrap_or_default()
    }

    fn csv(&self, m: &Model) -> Option<String> {
        Some(capacity_csv(m, &self.report))
    }
}
