//! `rechain balance`: each stage's supply against published demand, year by year, with and
//! without countries, and the first year it falls short.

use std::io;

use super::exit;
use super::output::{OutputArgs, emit};
use crate::analysis::balance::{Assumptions, Query, balance};
use crate::analysis::whatif::Exclusion;
use crate::model::{Model, Status};
use crate::present::balance::BalanceView;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage ids or names (default: every stage)
    #[arg(value_name = "STAGE")]
    pub stage: Vec<String>,
    /// Countries to take out, as codes or names (CN,MY or China)
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    #[command(flatten)]
    pub by: super::by::ByArgs,
    /// Only the demand series of these scenarios (APS, reported…; any case)
    #[arg(long, value_name = "NAME,...")]
    pub scenario: Option<String>,
    /// Only the demand series of these regions (World, EU…; any case)
    #[arg(long, value_name = "REGION,...")]
    pub region: Option<String>,
    /// The years to balance, first and last
    #[arg(long, value_name = "A..B", default_value = "2024..2040", value_parser = years)]
    pub years: (u16, u16),
    /// Weight of a target by the plant's status now, between 0 and 1 (default: commissioning=0.9,construction=0.75,financed=0.5,announced=0.25,pilot=0.25,suspended=0.25)
    #[arg(long, value_name = "STATUS=W,...")]
    pub weights: Option<String>,
    /// Share of capacity run in the start year, then each year after; the last holds on (default: 0.33,0.67,1)
    #[arg(long, value_name = "S,...")]
    pub ramp: Option<String>,
    /// Share of a ramped capacity that runs, between 0 and 1 (default: 0.85)
    #[arg(long, value_name = "SHARE")]
    pub utilisation: Option<f64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `2024..2040` (or a single year).
fn years(text: &str) -> Result<(u16, u16), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|y| (1800..=2100).contains(y))
            .ok_or_else(|| format!("`{t}` is not a year between 1800 and 2100"))
    };
    let (a, b) = if let Some((a, b)) = text.split_once("..") {
        (year(a)?, year(b)?)
    } else {
        let y = year(text)?;
        (y, y)
    };
    if a > b {
        return Err(format!("{a}..{b} runs backwards"));
    }
    Ok((a, b))
}

fn list(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// The assumptions with the flags applied, or what is wrong with a flag.
fn assumptions(args: &Args) -> Result<Assumptions, String> {
    let mut a = Assumptions::default();
    for pair in list(args.weights.as_deref()) {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("--weights: `{pair}` is not STATUS=W"))?;
        let status = Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| format!("--weights: `{name}` is not a status"))?;
        let weight = share("--weights", value)?;
        match a.weights.iter_mut().find(|(s, _)| *s == status) {
            Some(entry) => entry.1 = weight,
            None => a.weights.push((status, weight)),
        }
    }
    if let Some(ramp) = &args.ramp {
        a.ramp = list(Some(ramp))
            .iter()
            .map(|v| share("--ramp", v))
            .collect::<Result<_, _>>()?;
        if a.ramp.is_empty() {
            return Err("--ramp: give at least one share".into());
        }
    }
    if let Some(u) = args.utilisation {
        a.utilisation = u;
    }
    match a.problem() {
        Some(problem) => Err(problem),
        None => Ok(a),
    }
}

fn share(flag: &str, text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| (0.0..=1.0).contains(v))
        .ok_or_else(|| format!("{flag}: `{}` is not a share between 0 and 1", text.trim()))
}

/// Names given to a filter that no demand series has.
fn unknown_names<'m>(
    given: &[String],
    known: impl Iterator<Item = &'m str> + Clone,
) -> Option<String> {
    let missing: Vec<&str> = given
        .iter()
        .filter(|g| !known.clone().any(|k| k.eq_ignore_ascii_case(g)))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = known.collect();
    names.sort_unstable();
    names.dedup();
    Some(format!(
        "`{}` (the model has: {})",
        missing.join(", "),
        names.join(", ")
    ))
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let mut stages = match super::stages_arg(m, &args.stage) {
        Ok(stages) => stages,
        Err(why) => return Ok(super::refuse(&why)),
    };
    if stages.is_empty() {
        stages = m.stage_ids().collect();
    }
    stages.sort_unstable();
    let excluded = match super::excluded_arg(m, args.exclude.as_deref()) {
        Ok(set) => set,
        Err(why) => return Ok(super::refuse(&why)),
    };
    let scenarios = list(args.scenario.as_deref());
    let regions = list(args.region.as_deref());
    if let Some(wrong) = unknown_names(&scenarios, m.demand().iter().map(|d| d.scenario.as_str())) {
        errln!("rechain: --scenario: no demand series of {wrong}");
        return Ok(exit::INVALID);
    }
    if let Some(wrong) = unknown_names(&regions, m.demand().iter().map(|d| d.region.as_str())) {
        errln!("rechain: --region: no demand series of {wrong}");
        return Ok(exit::INVALID);
    }
    let assumptions = match assumptions(args) {
        Ok(a) => a,
        Err(why) => {
            errln!("rechain: {why}");
            return Ok(exit::INVALID);
        }
    };
    let by = args.by.rule();
    let query = Query {
        exclusion: Exclusion::new(&excluded, by),
        years: args.years,
        scenarios,
        regions,
        stages: if args.stage.is_empty() {
            Vec::new()
        } else {
            stages.clone()
        },
        assumptions,
    };
    let balance = match balance(m, &query) {
        Ok(b) => b,
        Err(why) => {
            errln!("rechain: {why}");
            return Ok(exit::INVALID);
        }
    };
    let view = BalanceView {
        balance: std::sync::Arc::new(balance),
        stages,
        excluded,
        by,
    };
    emit(m, args.output, &view)
}
