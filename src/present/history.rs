//! A stage's history as tables: shares by year, one table per metric and source, and the
//! capacity producing each year with the pipeline by target year, one unit at a time.

use crate::analysis::history::{
    CapacityHistory, ShareSeries, capacity_history, series_countries, share_series,
};
use crate::model::{CountryId, Model, StageId};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, number, percent};
use crate::present::table::{Cell, Column, Table};
use crate::text::one_line;

/// Marks a projected year in a table heading.
pub const PROJECTION_MARK: &str = "p";

/// The history of `stage`, of one country when given.
pub fn history_doc(m: &Model, stage: StageId, country: Option<CountryId>) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = history_title(m, stage, country);
    let series = share_series(m, stage);
    share_tables(&mut b, &series, country);
    capacity_tables(&mut b, &capacity_history(m, stage, country));
    b.source_list();
    b.finish()
}

fn history_title(m: &Model, stage: StageId, country: Option<CountryId>) -> String {
    let st = &m.stage(stage);
    match country {
        Some(c) => format!(
            "{} — history, {} (as of {})",
            st.name,
            m.country(c).name,
            m.as_of_date()
        ),
        None => format!("{} — history (as of {})", st.name, m.as_of_date()),
    }
}

fn share_tables(b: &mut DocBuilder, series: &[ShareSeries], country: Option<CountryId>) {
    if series.is_empty() {
        b.heading("Shares");
        b.line(vec![DocBuilder::dim("No dated share blocks.")]);
        return;
    }
    let countries = match country {
        Some(c) => vec![c],
        None => series_countries(series),
    };
    let mut projected = false;
    for s in series {
        b.cite_quietly(s.source);
        let source = b.m.get_source(s.source).map_or("?", |x| x.id.as_str());
        b.heading(format!("{} [{}]", one_line(&s.metric), one_line(source)));
        let mut columns = vec![Column::keep("country", 2)];
        for p in &s.points {
            projected |= p.projection;
            let mark = if p.projection { PROJECTION_MARK } else { "" };
            columns.push(Column::fixed(&format!("{}{mark}", p.year)).right());
        }
        let mut table = Table::with_columns(columns);
        for &c in &countries {
            if s.points.iter().all(|p| p.percent(c).is_none()) {
                continue;
            }
            let mut row = vec![Cell::text(&b.m.country(c).code)];
            for p in &s.points {
                let role = if p.projection {
                    Role::Dim
                } else {
                    Role::Number
                };
                row.push(Cell::new(
                    role,
                    p.percent(c).map_or("–".to_owned(), percent),
                ));
            }
            table.push_cells(row);
        }
        b.table(table);
    }
    if projected {
        b.blank();
        b.line(vec![DocBuilder::dim(format!(
            "{PROJECTION_MARK} = projection (a year after the model's date, {})",
            b.m.as_of_date()
        ))]);
    }
}

/// A table of years and capacities.
fn year_table(first: &str, rows: impl IntoIterator<Item = (String, f64)>) -> Table {
    let mut table = Table::with_columns(vec![
        Column::keep(first, 4),
        Column::fixed("capacity").right(),
    ]);
    for (years, value) in rows {
        table.push_cells(vec![
            Cell::text(years),
            Cell::new(Role::Number, number(value)),
        ]);
    }
    table
}

fn capacity_tables(b: &mut DocBuilder, history: &CapacityHistory) {
    if history.units.is_empty() {
        b.heading("Capacity");
        b.line(vec![DocBuilder::dim(
            "No facility of this stage gives a capacity.",
        )]);
    }
    for unit in &history.units {
        let name = one_line(&unit.unit);
        b.heading(format!("Operating capacity by year, {name}"));
        if unit.operating.is_empty() {
            b.line(vec![DocBuilder::dim("No dated operating history.")]);
        } else {
            b.table(year_table("year", year_runs(&unit.operating)));
        }
        if let Some(note) = undated_note(&unit.undated) {
            b.blank();
            b.line(vec![DocBuilder::dim(format!("Also {note}."))]);
        }
        if !unit.pipeline.is_empty() {
            b.heading(format!("Pipeline by target year, {name}"));
            let rows = unit.pipeline.iter().map(|&(y, v)| (y.to_string(), v));
            b.table(year_table("target year", rows));
        }
    }
    if history.without_capacity > 0 {
        b.blank();
        b.line(vec![DocBuilder::dim(format!(
            "{}.",
            without_capacity_note(history.without_capacity)
        ))]);
    }
}

/// Runs of years with the same capacity, as one `2025–2026` span each.
fn year_runs(operating: &[(u16, f64)]) -> Vec<(String, f64)> {
    let mut runs: Vec<(u16, u16, f64)> = Vec::new();
    for &(year, value) in operating {
        match runs.last_mut() {
            Some((_, last, v)) if *v == value => *last = year,
            _ => runs.push((year, year, value)),
        }
    }
    runs.into_iter()
        .map(|(first, last, value)| {
            if first == last {
                (first.to_string(), value)
            } else {
                (format!("{first}–{last}"), value)
            }
        })
        .collect()
}

fn undated_note(&(capacity, facilities): &(f64, usize)) -> Option<String> {
    (facilities > 0).then(|| {
        format!(
            "{} producing with no dated history ({})",
            number(capacity),
            count(facilities as u128, "facility", "facilities"),
        )
    })
}

fn without_capacity_note(facilities: usize) -> String {
    format!(
        "{} with no public capacity",
        count(facilities as u128, "facility", "facilities")
    )
}
