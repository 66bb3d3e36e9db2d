//! A stage's history as tables: shares by year, one table per metric and source, and the
//! capacity producing each year with the pipeline by target year, one unit at a time.

use std::fmt::Write;

use crate::analysis::history::{
    CapacityHistory, ShareSeries, capacity_history, series_countries, share_series,
};
use crate::model::Model;
use crate::present::doc::{Doc, DocBuilder, Role, escape_markdown, sources_markdown};
use crate::present::format::{count, number, percent};
use crate::present::table::{Column, Table};
use crate::text::one_line;

/// Marks a projected year in a table heading.
pub const PROJECTION_MARK: &str = "p";

/// The history of `stage`, of one country when given.
pub fn history_doc(m: &Model, stage: usize, country: Option<usize>) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = history_title(m, stage, country);
    let series = share_series(m, stage);
    share_tables(&mut b, &series, country);
    capacity_tables(&mut b, &capacity_history(m, stage, country));
    b.source_list();
    b.finish()
}

fn history_title(m: &Model, stage: usize, country: Option<usize>) -> String {
    let st = &m.stages[stage];
    match country {
        Some(c) => format!(
            "{} — history, {} (as of {})",
            st.name, m.countries[c].name, m.as_of
        ),
        None => format!("{} — history (as of {})", st.name, m.as_of),
    }
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
        for (years, value) in year_runs(&unit.operating) {
            b.line(vec![
                DocBuilder::text(&format!("  {years:<10}")),
                (Role::Number, format!("{:>12}", number(value))),
            ]);
        }
        if let Some(note) = undated_note(&unit.undated) {
            b.line(vec![DocBuilder::dim(format!("  and {note}"))]);
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
            "  {}",
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

/// The history of `stage` as Markdown tables: one per share series (countries down, years
/// across) and per capacity unit, then the sources cited.
pub fn history_markdown(m: &Model, stage: usize, country: Option<usize>) -> String {
    let title = history_title(m, stage, country);
    let mut out = format!("## {}\n", escape_markdown(&one_line(&title)));
    let series = share_series(m, stage);
    let mut sources = Vec::new();
    if series.is_empty() {
        out.push_str("\n### Shares\n\nNo dated share blocks.\n");
    }
    let countries = match country {
        Some(c) => vec![c],
        None => series_countries(&series),
    };
    for s in &series {
        if !sources.contains(&s.source) {
            sources.push(s.source);
        }
        let source = m.sources.get(s.source).map_or("?", |x| x.id.as_str());
        let heading = format!("{} [{}]", one_line(&s.metric), one_line(source));
        let _ = write!(out, "\n### {}\n\n", escape_markdown(&heading));
        let years: Vec<String> = s
            .points
            .iter()
            .map(|p| {
                if p.projection {
                    format!("{} (projection)", p.year)
                } else {
                    p.year.to_string()
                }
            })
            .collect();
        let mut columns = vec![Column::keep("country", 2)];
        columns.extend(years.iter().map(|y| Column::fixed(y).right()));
        let mut table = Table::with_columns(columns);
        for &c in &countries {
            if s.points.iter().any(|p| p.percent(c).is_some()) {
                let cells = s
                    .points
                    .iter()
                    .map(|p| p.percent(c).map_or("–".into(), percent));
                table.push(
                    std::iter::once(m.countries[c].code.clone())
                        .chain(cells)
                        .collect(),
                );
            }
        }
        out.push_str(&table.to_markdown());
    }
    out.push_str(&capacity_markdown(&capacity_history(m, stage, country)));
    out.push_str(&sources_markdown(m, &sources));
    out
}

fn capacity_markdown(history: &CapacityHistory) -> String {
    let mut out = String::new();
    if history.units.is_empty() {
        out.push_str("\n### Capacity\n\nNo facility of this stage gives a capacity.\n");
    }
    for unit in &history.units {
        let name = escape_markdown(&one_line(&unit.unit));
        let _ = write!(out, "\n### Operating capacity by year, {name}\n\n");
        let mut table = Table::new(&["year", "capacity"]);
        for (years, value) in year_runs(&unit.operating) {
            table.push(vec![years, number(value)]);
        }
        if table.rows.is_empty() {
            out.push_str(
                "No dated operating history.
",
            );
        } else {
            out.push_str(&table.to_markdown());
        }
        if let Some(note) = undated_note(&unit.undated) {
            let _ = write!(out, "\nAlso {note}.\n");
        }
        if !unit.pipeline.is_empty() {
            let _ = write!(out, "\n### Pipeline by target year, {name}\n\n");
            let mut table = Table::new(&["target year", "capacity"]);
            for &(year, value) in &unit.pipeline {
                table.push(vec![year.to_string(), number(value)]);
            }
            out.push_str(&table.to_markdown());
        }
    }
    if history.without_capacity > 0 {
        let note = without_capacity_note(history.without_capacity);
        let _ = write!(out, "\n{note}.\n");
    }
    out
}
