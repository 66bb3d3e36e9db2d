//! A stage's history as tables: shares by year, one table per metric and source, and the
//! capacity producing each year with the pipeline by target year, one unit at a time.

use crate::analysis::history::{
    CapacityHistory, ShareSeries, capacity_history, series_countries, share_series,
};
use crate::model::Model;
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{number, percent};

/// Marks a projected year in a table heading.
pub const PROJECTION_MARK: &str = "p";

/// The history of `stage`, of one country when given.
pub fn history_doc(m: &Model, stage: usize, country: Option<usize>) -> Doc {
    let mut b = DocBuilder::new(m);
    let st = &m.stages[stage];
    b.title = match country {
        Some(c) => format!(
            "{} — history, {} (as of {})",
            st.name, m.countries[c].name, m.as_of
        ),
        None => format!("{} — history (as of {})", st.name, m.as_of),
    };
    let series = share_series(m, stage);
    share_tables(&mut b, &series, country);
    capacity_tables(&mut b, &capacity_history(m, stage, country));
    b.source_list();
    b.finish()
}

fn share_tables(b: &mut DocBuilder, series: &[ShareSeries], country: Option<usize>) {
    if series.is_empty() {
        b.heading("Shares");
        b.line(vec![DocBuilder::dim("  no dated share blocks")]);
        return;
    }
    let countries = match country {
        Some(c) => vec![c],
        None => series_countries(series),
    };
    let mut projected = false;
    for s in series {
        let cite = b.cite(s.source);
        b.blank();
        b.line(vec![(Role::Heading, format!("{} ", s.metric)), cite]);
        let mut head = vec![(Role::Dim, format!("  {:<8}", "country"))];
        for p in &s.points {
            let mark = if p.projection { PROJECTION_MARK } else { " " };
            projected |= p.projection;
            head.push((Role::Dim, format!("{:>8}{mark}", p.year)));
        }
        b.line(head);
        for &c in &countries {
            if s.points.iter().all(|p| p.percent(c).is_none()) {
                continue;
            }
            let mut row = vec![DocBuilder::text(&format!("  {:<8}", b.m.countries[c].code))];
            for p in &s.points {
                let cell = p.percent(c).map_or("–".to_owned(), percent);
                let role = if p.projection {
                    Role::Dim
                } else {
                    Role::Number
                };
                row.push((role, format!("{cell:>8} ")));
            }
            b.line(row);
        }
    }
    if projected {
        b.line(vec![DocBuilder::dim(format!(
            "  {PROJECTION_MARK} = projection (a year after the model's date, {})",
            b.m.as_of
        ))]);
    }
}

fn capacity_tables(b: &mut DocBuilder, history: &CapacityHistory) {
    if history.units.is_empty() {
        b.heading("Capacity");
        b.line(vec![DocBuilder::dim(
            "  no facility of this stage gives a capacity",
        )]);
    }
    for unit in &history.units {
        b.heading(format!("Operating capacity by year, {}", unit.unit));
        if unit.operating.is_empty() {
            b.line(vec![DocBuilder::dim("  no dated operating history")]);
        }
        // Runs of years with the same capacity read as one line.
        let mut i = 0;
        while i < unit.operating.len() {
            let (first, value) = unit.operating[i];
            let mut j = i;
            while j + 1 < unit.operating.len() && unit.operating[j + 1].1 == value {
                j += 1;
            }
            let last = unit.operating[j].0;
            let years = if last == first {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
            b.line(vec![
                DocBuilder::text(&format!("  {years:<10}")),
                (Role::Number, format!("{:>12}", number(value))),
            ]);
            i = j + 1;
        }
        if unit.undated.1 > 0 {
            b.line(vec![DocBuilder::dim(format!(
                "  and {} producing with no dated history ({})",
                number(unit.undated.0),
                crate::present::format::count(unit.undated.1 as u128, "facility", "facilities"),
            ))]);
        }
        if !unit.pipeline.is_empty() {
            b.heading(format!("Pipeline by target year, {}", unit.unit));
            for &(year, value) in &unit.pipeline {
                b.line(vec![
                    DocBuilder::text(&format!("  {year:<10}")),
                    (Role::Number, format!("{:>12}", number(value))),
                ]);
            }
        }
    }
    if history.without_capacity > 0 {
        b.blank();
        b.line(vec![DocBuilder::dim(format!(
            "  {} with no public capacity",
            crate::present::format::count(
                history.without_capacity as u128,
                "facility",
                "facilities"
            )
        ))]);
    }
}
