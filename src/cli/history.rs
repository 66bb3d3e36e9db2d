//! `rechain history STAGE`: a stage's shares across its dated blocks and its capacity by year,
//! as a table, JSON or CSV.

use std::io;

use serde::Serialize;

use super::output::{OutputArgs, emit};
use crate::analysis::history::{capacity_history, series_countries, share_series};
use crate::model::{CountryId, Model, StageId};
use crate::present::doc::Doc;
use crate::present::history::history_doc;
use crate::present::table::Table;
use crate::present::view::View;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage id or name
    #[arg(value_name = "STAGE")]
    pub stage: String,
    /// Only this country (a code, as CN)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One row of the long table every format shares.
#[derive(Serialize)]
struct Row<'a> {
    /// `share`, `operating` or `pipeline`.
    series: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// `%` for shares, else the capacity unit.
    unit: String,
    year: u16,
    projection: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    value: f64,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let read = m
        .find_stage(&args.stage)
        .map_err(|e| crate::present::lookup::lookup_message(m, &e))
        .and_then(|stage| Ok((stage, super::country_arg(m, args.country.as_deref())?)));
    let (stage, country) = match read {
        Ok(read) => read,
        Err(message) => return Ok(super::refuse(&message)),
    };
    if let Some(c) = country.filter(|&c| rows(m, stage, Some(c)).is_empty()) {
        let mut with: Vec<&str> = rows(m, stage, None)
            .iter()
            .filter_map(|r| r.country)
            .collect();
        with.sort_unstable();
        with.dedup();
        let has = if with.is_empty() {
            "its shares name no country".to_owned()
        } else {
            format!("its shares name {}", with.join(", "))
        };
        return Ok(super::refuse(&format!(
            "{}: no share or capacity figure for {} ({has})",
            crate::text::one_line(&m.stage(stage).name),
            m.country(c).code
        )));
    }
    emit(m, args.output, &HistoryView { stage, country })
}

/// A stage's shares by source and year and its capacity by year.
struct HistoryView {
    stage: StageId,
    country: Option<CountryId>,
}

impl View for HistoryView {
    fn doc(&self, m: &Model) -> Doc {
        history_doc(m, self.stage, self.country)
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        serde_json::json!({
            "stage": m.stage(self.stage).id,
            "as_of": m.as_of_date().to_string(),
            "rows": rows(m, self.stage, self.country),
        })
    }

    /// The long table: one row per share or capacity figure.
    fn csv(&self, m: &Model) -> Option<String> {
        let mut table = Table::new(&[
            "series",
            "metric",
            "source",
            "unit",
            "year",
            "projection",
            "country",
            "value",
        ]);
        for r in rows(m, self.stage, self.country) {
            table.push(vec![
                r.series.to_owned(),
                r.metric.unwrap_or("").to_owned(),
                r.source.unwrap_or("").to_owned(),
                r.unit,
                r.year.to_string(),
                r.projection.to_string(),
                r.country.unwrap_or("").to_owned(),
                r.value.to_string(),
            ]);
        }
        Some(table.to_csv())
    }
}

fn rows(m: &Model, stage: StageId, country: Option<CountryId>) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let series = share_series(m, stage);
    let countries = match country {
        Some(c) => vec![c],
        None => series_countries(&series),
    };
    for s in &series {
        for p in &s.points {
            for &c in &countries {
                if let Some(value) = p.percent(c) {
                    rows.push(Row {
                        series: "share",
                        metric: Some(&m.stage(stage).shares[p.block].metric),
                        source: Some(&m.source(s.source).id),
                        unit: "%".to_owned(),
                        year: p.year,
                        projection: p.projection,
                        country: Some(&m.country(c).code),
                        value,
                    });
                }
            }
        }
    }
    let code = country.map(|c| m.country(c).code.as_str());
    for unit in capacity_history(m, stage, country).units {
        for (year, value) in unit.operating {
            rows.push(capacity_row("operating", &unit.unit, year, code, value));
        }
        for (year, value) in unit.pipeline {
            rows.push(capacity_row("pipeline", &unit.unit, year, code, value));
        }
    }
    rows
}

fn capacity_row<'a>(
    series: &'static str,
    unit: &str,
    year: u16,
    country: Option<&'a str>,
    value: f64,
) -> Row<'a> {
    Row {
        series,
        metric: None,
        source: None,
        unit: unit.to_owned(),
        year,
        projection: false,
        country,
        value,
    }
}
