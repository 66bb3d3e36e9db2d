//! `rechain shares`: each stage's country shares with top-3 and HHI, and what is left when
//! countries are excluded.

use std::collections::BTreeSet;
use std::io::{self, Write};

use indexmap::IndexMap;
use serde::Serialize;

use super::exit;
use super::output::{OutputFormat, write_json, write_markdown_table};
use crate::analysis::concentration::{concentration, hhi_level};
use crate::analysis::exclusion::{codes, remaining_percent};
use crate::analysis::ownership::{ExcludeBy, ExclusionMode, is_excluded};
use crate::model::{Model, ShareBlock};
use crate::present::format::number;
use crate::present::headline::is_projection;
use crate::present::lookup::lookup_message;
use crate::present::shares::round;
use crate::present::table::Table;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage id or name (default: every stage)
    #[arg(value_name = "STAGE")]
    pub stage: Option<String>,
    /// Only blocks for this year
    #[arg(long)]
    pub year: Option<u16>,
    /// Countries to take out, as codes or names (CN,MY or China); adds the share that remains
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    #[command(flatten)]
    pub by: super::by::ByArgs,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct BlockJson<'a> {
    stage: &'a str,
    year: Option<u16>,
    metric: &'a str,
    source: &'a str,
    /// Set when the file gives quantities; `countries` holds percents either way.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<f64>,
    /// Country code -> percent of world, largest first.
    countries: IndexMap<&'a str, f64>,
    unreported: f64,
    top1: Option<Top1<'a>>,
    top3: f64,
    hhi: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<f64>,
    /// The block every view shows first for the stage.
    headline: bool,
    /// A year after the model's date: a forecast, not a measure.
    projection: bool,
    /// With --by owner|either: facilities outside the excluded countries that their owners
    /// take out, which published shares (by location) cannot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded_by_owner: Vec<&'a str>,
}

#[derive(Serialize)]
struct Top1<'a> {
    country: &'a str,
    percent: f64,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let stages: Vec<usize> = match &args.stage {
        None => (0..m.stages.len()).collect(),
        Some(text) => match m.find_stage(text) {
            Ok(s) => vec![s],
            Err(e) => {
                errln!("rechain: {}", lookup_message(m, &e));
                return Ok(exit::INVALID);
            }
        },
    };
    let excluded = match &args.exclude {
        None => None,
        Some(list) => match m.find_countries(list) {
            Ok(set) => Some(set),
            Err(e) => {
                errln!("rechain: --exclude: {}", lookup_message(m, &e));
                return Ok(exit::INVALID);
            }
        },
    };
    let mut out = io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            let mut blocks = Vec::new();
            for &s in &stages {
                let chosen = blocks_of(m, s, args.year);
                if chosen.is_empty() {
                    errln!("rechain: {}: {}", m.stages[s].id, no_data(m, s, args.year));
                }
                let owned = owned_from_excluded(m, s, excluded.as_ref(), args.by.rule());
                blocks.extend(chosen.iter().map(|b| {
                    let mut json = block_json(m, s, b, excluded.as_ref());
                    json.excluded_by_owner =
                        owned.iter().map(|&x| m.facilities[x].id.as_str()).collect();
                    json
                }));
            }
            write_json(&mut out, &blocks)?;
        }
        OutputFormat::Csv | OutputFormat::Md => {
            let (table, sources) = shares_table(m, &stages, args.year, excluded.as_ref());
            if args.format == OutputFormat::Csv {
                out.write_all(table.to_csv().as_bytes())?;
            } else {
                write_markdown_table(&mut out, m, "Country shares", &table, &sources)?;
            }
        }
        OutputFormat::Text => {
            for &s in &stages {
                write_stage(&mut out, m, s, args.year, excluded.as_ref())?;
                let owned = owned_from_excluded(m, s, excluded.as_ref(), args.by.rule());
                if let Some(set) = excluded.as_ref().filter(|_| !owned.is_empty()) {
                    let names: Vec<String> = owned
                        .iter()
                        .map(|&x| {
                            let f = &m.facilities[x];
                            format!("{} ({})", f.name, m.countries[f.country].code)
                        })
                        .collect();
                    writeln!(
                        out,
                        "  {}: shares are by location; owned from {} though located elsewhere: {}. See `rechain capacity {} --exclude {} --by {}`.\n",
                        m.stages[s].name,
                        codes(m, set),
                        names.join("; "),
                        m.stages[s].id,
                        codes(m, set),
                        args.by.rule().mode.as_str()
                    )?;
                }
            }
        }
    }
    Ok(exit::OK)
}

/// One row per country of each share block, and the sources the blocks cite.
fn shares_table(
    m: &Model,
    stages: &[usize],
    year: Option<u16>,
    excluded: Option<&BTreeSet<usize>>,
) -> (Table, Vec<usize>) {
    let blocks: Vec<(usize, &ShareBlock)> = stages
        .iter()
        .flat_map(|&s| blocks_of(m, s, year).into_iter().map(move |b| (s, b)))
        .collect();
    crate::present::shares::shares_table(m, &blocks, excluded)
}

/// Facilities of the stage outside the excluded countries that the owner rule takes out.
fn owned_from_excluded(
    m: &Model,
    stage: usize,
    excluded: Option<&BTreeSet<usize>>,
    by: ExcludeBy,
) -> Vec<usize> {
    let Some(set) = excluded else {
        return Vec::new();
    };
    if by.mode == ExclusionMode::Location {
        return Vec::new();
    }
    m.stages[stage]
        .facilities
        .iter()
        .copied()
        .filter(|&x| !set.contains(&m.facilities[x].country) && is_excluded(m, set, by, x))
        .collect()
}

fn blocks_of(m: &Model, stage: usize, year: Option<u16>) -> Vec<&ShareBlock> {
    m.stages[stage]
        .shares
        .iter()
        .filter(|b| year.is_none() || b.year == year)
        .collect()
}

fn no_data(m: &Model, stage: usize, year: Option<u16>) -> String {
    let shares = &m.stages[stage].shares;
    match year {
        Some(y) if !shares.is_empty() => {
            let mut years: Vec<String> = Vec::new();
            for y in shares.iter().filter_map(|b| b.year.map(|y| y.to_string())) {
                if !years.contains(&y) {
                    years.push(y);
                }
            }
            format!("no data for {y} (has {})", years.join(", "))
        }
        _ => "no data".into(),
    }
}

fn block_json<'a>(
    m: &'a Model,
    stage: usize,
    block: &'a ShareBlock,
    excluded: Option<&BTreeSet<usize>>,
) -> BlockJson<'a> {
    let c = concentration(block);
    BlockJson {
        stage: &m.stages[stage].id,
        year: block.year,
        metric: &block.metric,
        source: &m.sources[block.source].id,
        unit: block.unit.as_deref(),
        total: block.total.filter(|_| block.unit.is_some()),
        countries: block
            .percents
            .iter()
            .map(|&(country, p)| (m.countries[country].code.as_str(), round(p, 3)))
            .collect(),
        unreported: round(c.unreported, 3),
        top1: c.top1.map(|(country, p)| Top1 {
            country: &m.countries[country].code,
            percent: round(p, 3),
        }),
        top3: round(c.top3, 3),
        hhi: round(c.hhi, 1),
        remaining: excluded.map(|set| round(remaining_percent(block, set), 3)),
        headline: m
            .headline_block(stage)
            .is_some_and(|h| std::ptr::eq(&raw const m.stages[stage].shares[h], block)),
        projection: is_projection(m, block),
        excluded_by_owner: Vec::new(),
    }
}

const BAR_WIDTH: f64 = 30.0;

fn write_stage(
    out: &mut impl Write,
    m: &Model,
    stage: usize,
    year: Option<u16>,
    excluded: Option<&BTreeSet<usize>>,
) -> io::Result<()> {
    let name = &m.stages[stage].name;
    let blocks = blocks_of(m, stage, year);
    if blocks.is_empty() {
        return writeln!(out, "{name}: {}\n", no_data(m, stage, year));
    }
    for block in blocks {
        let mut head = vec![name.clone()];
        if let Some(y) = block.year {
            head.push(y.to_string());
        }
        head.push(block.metric.clone());
        if is_projection(m, block) {
            if !block.metric.contains("projection") {
                head.push("projection".into());
            }
        } else if m
            .headline_block(stage)
            .is_some_and(|h| std::ptr::eq(&raw const m.stages[stage].shares[h], block))
        {
            head.push("headline".into());
        }
        if let (Some(unit), Some(total)) = (&block.unit, block.total) {
            head.push(format!("{unit}, world {}", number(total)));
        }
        head.push(format!("source {}", m.sources[block.source].id));
        writeln!(out, "{}", head.join(" · "))?;
        for &(country, p) in &block.percents {
            let mark = if excluded.is_some_and(|set| set.contains(&country)) {
                "  (excluded)"
            } else {
                ""
            };
            writeln!(
                out,
                "  {:<4}{:>6.1}%  {}{mark}",
                m.countries[country].code,
                p,
                bar(p)
            )?;
        }
        let c = concentration(block);
        if c.unreported >= 0.05 {
            writeln!(out, "  other / unreported {:.1}%", c.unreported)?;
        }
        let top1 = match c.top1 {
            Some((country, p)) => format!("{} {p:.1}%", m.countries[country].code),
            None => "none".into(),
        };
        writeln!(
            out,
            "  top-1 {top1} · top-3 {:.1}% · HHI {} ({})",
            c.top3,
            number(c.hhi.round()),
            crate::present::labels::hhi_level(hhi_level(c.hhi))
        )?;
        if let Some(set) = excluded {
            writeln!(
                out,
                "  ex-{}: {:.1}% remains",
                codes(m, set),
                remaining_percent(block, set)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn bar(percent: f64) -> String {
    let cells = (percent.clamp(0.0, 100.0) / 100.0 * BAR_WIDTH).round() as usize;
    "█".repeat(cells)
}
