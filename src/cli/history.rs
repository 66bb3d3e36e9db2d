//! `rechain history STAGE`: a stage's shares across its dated blocks and its capacity by year,
//! as a table, JSON or CSV.

use std::io::{self, Write};

use serde::Serialize;

use super::exit;
use super::output::{OutputFormat, write_json};
use crate::analysis::history::{capacity_history, series_countries, share_series};
use crate::model::Model;
use crate::present::csv::csv_row;
use crate::present::history::{history_doc, history_markdown};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage id or name
    #[arg(value_name = "STAGE")]
    pub stage: String,
    /// Only this country (a code, as CN)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
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
    let read = super::shares::find_stage(m, &args.stage)
        .and_then(|stage| Ok((stage, super::country_arg(m, args.country.as_deref())?)));
    let (stage, country) = match read {
        Ok(read) => read,
        Err(message) => return Ok(super::refuse(&message)),
    };
    let mut out = io::stdout().lock();
    match args.format {
        OutputFormat::Md => out.write_all(history_markdown(m, stage, country).as_bytes())?,
        OutputFormat::Text => {
            out.write_all(history_doc(m, stage, country).to_plain_text().as_bytes())?;
        }
        OutputFormat::Json => {
            let json = serde_json::json!({
                "stage": m.stages[stage].id,
                "as_of": m.as_of.to_string(),
                "rows": rows(m, stage, country),
            });
            write_json(&mut out, &json)?;
        }
        OutputFormat::Csv => {
            out.write_all(
                csv_row(&[
                    "series",
                    "metric",
                    "source",
                    "unit",
                    "year",
                    "projection",
                    "country",
                    "value",
                ])
                .as_bytes(),
            )?;
            for r in rows(m, stage, country) {
                let cells = [
                    r.series.to_owned(),
                    r.metric.unwrap_or("").to_owned(),
                    r.source.unwrap_or("").to_owned(),
                    r.unit,
                    r.year.to_string(),
                    r.projection.to_string(),
                    r.country.unwrap_or("").to_owned(),
                    r.value.to_string(),
                ];
                out.write_all(csv_row(&cells).as_bytes())?;
            }
        }
    }
    Ok(exit::OK)
}

fn rows(m: &Model, stage: usize, country: Option<usize>) -> Vec<Row<'_>> {
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
                        metric: Some(&m.stages[stage].shares[p.block].metric),
                        source: Some(&m.sources[s.source].id),
                        unit: "%".to_owned(),
                        year: p.year,
                        projection: p.projection,
                        country: Some(&m.countries[c].code),
                        value,
                    });
                }
            }
        }
    }
    let code = country.map(|c| m.countries[c].code.as_str());
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
