//! Supply against demand, stage by stage and year by year: nameplate, weighted by how likely
//! each plan is, ramped up from each start year, and limited by what the stages before supply;
//! demand per published scenario, coverage = supply ÷ demand, and the first year it falls short.
//!
//! Capacities reach the engine only as [`SupplyEntry`] values made by [`supply::entries`];
//! units are compared only through [`units::conversion`], which refuses what it cannot convert.

mod assume;
mod supply;
pub mod units;

use std::collections::HashMap;

pub use assume::{Assumptions, RAMP_BASIS, UTILISATION_BASIS, WEIGHTS_BASIS};
pub use supply::{StageSupply, Step, SupplyEntry, entries};

use crate::analysis::whatif::Exclusion;
use crate::model::{FacilityId, Model, StageId, Status};
use units::Quantity;

/// The years a balance covers unless asked otherwise.
pub const DEFAULT_YEARS: (u16, u16) = (2024, 2040);

/// What to balance.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    pub exclusion: Exclusion<'a>,
    /// First and last year, inclusive.
    pub years: (u16, u16),
    /// Scenarios to keep (any case); empty keeps all.
    pub scenarios: Vec<String>,
    /// Regions to keep (any case); empty keeps all.
    pub regions: Vec<String>,
    /// Stages a bottleneck is looked for at; empty looks at all. Every stage is still
    /// balanced: a stage's feed comes from the stages before it.
    pub stages: Vec<StageId>,
    pub assumptions: Assumptions,
}

/// A stage's supply in one year, in the stage's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearSupply {
    pub year: u16,
    /// Every plant producing that year by its dated lifecycle (targets included).
    pub nameplate: f64,
    /// Targets weighted by how likely a plant in its current status is to deliver them.
    pub weighted: f64,
    /// Weighted, ramped up from each start year, times utilisation.
    pub ramped: f64,
    /// Ramped, capped by what the input stages supply; None when that cannot be known.
    pub feed_limited: Option<f64>,
    /// Reported output of the plants that report one for the year, and how many do.
    pub reported: Option<(f64, usize)>,
}

impl YearSupply {
    /// The supply compared with demand: feed-limited where known, else ramped.
    pub fn headline(&self) -> f64 {
        self.feed_limited.unwrap_or(self.ramped)
    }
}

/// One published year of demand against the stage's supply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    pub year: u16,
    /// Demand converted to the stage's unit.
    pub demand: f64,
    pub supply: f64,
    /// supply ÷ demand.
    pub ratio: f64,
}

/// One demand series against a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandBalance {
    /// Index into the model's demand series.
    pub series: usize,
    /// Each published year in range, or why the series cannot be compared with the supply.
    pub result: Result<Vec<Coverage>, String>,
    /// The model's conversions that put the demand in the stage's unit: an equivalent.
    pub derived: Option<String>,
}

impl DemandBalance {
    /// The first published year whose coverage is below 1.
    pub fn first_short(&self) -> Option<&Coverage> {
        self.result.as_ref().ok()?.iter().find(|c| c.ratio < 1.0)
    }

    /// The first published year whose coverage is 1 or more.
    pub fn first_covered(&self) -> Option<&Coverage> {
        self.result.as_ref().ok()?.iter().find(|c| c.ratio >= 1.0)
    }
}

/// One stage's balance.
#[derive(Debug, Clone, PartialEq)]
pub struct StageBalance {
    pub stage: StageId,
    /// The unit supply is summed in; None when no plant left gives a capacity here.
    pub unit: Option<String>,
    pub years: Vec<YearSupply>,
    /// Entries summed, each with its factor into `unit`.
    pub summed: Vec<(SupplyEntry, f64)>,
    /// Entries whose unit does not convert into `unit`, with why: not summed.
    pub other_units: Vec<(SupplyEntry, String)>,
    /// Producing or pipeline plants with no capacity here.
    pub unknown: Vec<FacilityId>,
    pub excluded: Vec<FacilityId>,
    /// Plants that produce in none of the years asked (an unknown or stopped status, or no
    /// dated start): they add nothing.
    pub undated: Vec<FacilityId>,
    /// Plants with a target dated before the model's year and not reached: not counted.
    pub stale: Vec<FacilityId>,
    /// The input stages the feed limit reads, or why it cannot be known.
    pub feed: Result<Vec<StageId>, String>,
    /// The model's conversions that put the inputs in this stage's unit: the feed limit is
    /// then an equivalent.
    pub feed_derived: Vec<String>,
    pub demand: Vec<DemandBalance>,
}

impl StageBalance {
    pub fn year(&self, year: u16) -> Option<&YearSupply> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Plants at the stage after the exclusion that could hold capacity (summed, in other
    /// units, or unknown), and how many of them give none.
    pub fn plants_without_capacity(&self) -> (usize, usize) {
        let unknown = self.unknown.len();
        (
            self.summed.len() + self.other_units.len() + unknown,
            unknown,
        )
    }
}

/// The facility whose one-year slip moves a bottleneck most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slip {
    pub facility: FacilityId,
    /// The first short year once it slips (never later than the bottleneck).
    pub first_short: u16,
    /// Supply lost in the bottleneck year, in the stage's unit.
    pub lost: f64,
}

/// The first year and stage whose supply falls short of a scenario's demand in a region.
#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    pub scenario: String,
    pub region: String,
    pub stage: StageId,
    pub series: usize,
    pub coverage: Coverage,
    pub slip: Option<Slip>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    pub years: (u16, u16),
    pub assumptions: Assumptions,
    /// Every stage, in chain order.
    pub stages: Vec<StageBalance>,
    /// One per scenario and region with a shortfall, in model order.
    pub bottlenecks: Vec<Bottleneck>,
    /// Scenarios and regions compared at all (some year had demand and supply in one unit).
    pub scenarios: Vec<(String, String)>,
}

impl Balance {
    pub fn stage(&self, stage: StageId) -> Option<&StageBalance> {
        self.stages.iter().find(|s| s.stage == stage)
    }
}

/// The balance of every stage, or why the query cannot be answered.
pub fn balance(m: &Model, q: &Query) -> Result<Balance, String> {
    if let Some(problem) = q.assumptions.problem() {
        return Err(problem);
    }
    let (first, last) = q.years;
    if first > last {
        return Err(format!("the years {first}..{last} run backwards"));
    }
    let mut stages: Vec<StageBalance> = Vec::with_capacity(m.stages().len());
    for s in m.stage_ids() {
        let stage = stage_balance(m, s, q, &stages);
        stages.push(stage);
    }
    let scenarios = compared_scenarios(m, &stages);
    let bottlenecks = scenarios
        .iter()
        .filter_map(|(scenario, region)| bottleneck(m, q, &stages, scenario, region))
        .collect();
    Ok(Balance {
        years: q.years,
        assumptions: q.assumptions.clone(),
        stages,
        bottlenecks,
        scenarios,
    })
}

fn stage_balance(m: &Model, s: StageId, q: &Query, before: &[StageBalance]) -> StageBalance {
    let found = entries(m, s, q.exclusion);
    let (unit, summed, other_units) = split_units(found.entries, q.years);
    let assume = &q.assumptions;
    let this_year = m.as_of_date().year;
    let (first, last) = q.years;
    let undated = summed
        .iter()
        .filter(|(e, _)| (first..=last).all(|y| !producing(e, y, 0)))
        .map(|(e, _)| e.facility)
        .collect();
    let stale = summed
        .iter()
        .filter(|(e, _)| e.stale)
        .map(|(e, _)| e.facility)
        .collect();
    let feed = feed_inputs(m, s, unit.as_deref(), before);
    let feed_derived = feed
        .as_ref()
        .map(|(_, _, derived)| derived.clone())
        .unwrap_or_default();
    let mut years = Vec::with_capacity(usize::from(last - first) + 1);
    for year in first..=last {
        let mut row = YearSupply {
            year,
            nameplate: 0.0,
            weighted: 0.0,
            ramped: 0.0,
            feed_limited: None,
            reported: None,
        };
        for (e, factor) in &summed {
            let (nameplate, weighted, ramped) = contribution(e, year, 0, assume, this_year);
            row.nameplate += nameplate * factor;
            row.weighted += weighted * factor;
            row.ramped += ramped * factor;
        }
        row.feed_limited = match &feed {
            Ok((stages, factors, _)) => {
                feed_limit(stages, factors, year, before).map(|f| row.ramped.min(f))
            }
            Err(_) => None,
        };
        row.reported = reported(m, s, year, unit.as_deref(), &summed);
        years.push(row);
    }
    let demand = m
        .demand()
        .iter()
        .enumerate()
        .filter(|(_, d)| d.stages.contains(&s) && wanted(q, &d.scenario, &d.region))
        .map(|(i, d)| {
            let (result, derived) = match coverage(m, d, unit.as_deref(), &years) {
                Ok((coverage, derived)) => (Ok(coverage), derived),
                Err(why) => (Err(why), None),
            };
            DemandBalance {
                series: i,
                result,
                derived,
            }
        })
        .collect();
    StageBalance {
        stage: s,
        unit,
        years,
        summed,
        other_units,
        unknown: found.unknown,
        excluded: found.excluded,
        undated,
        stale,
        feed: feed.map(|(inputs, _, _)| inputs),
        feed_derived,
        demand,
    }
}

fn wanted(q: &Query, scenario: &str, region: &str) -> bool {
    let any = |list: &[String], v: &str| {
        list.is_empty() || list.iter().any(|w| w.eq_ignore_ascii_case(v))
    };
    any(&q.scenarios, scenario) && any(&q.regions, region)
}

/// The stage's unit and its entries split into those summed in it and those that do not
/// convert. The unit is the product with the most capacity producing in the years asked (a
/// product only planned plants give would make a balance of zeros), then the most plants.
#[allow(clippy::type_complexity, reason = "three plain parts of one split")]
fn split_units(
    all: Vec<SupplyEntry>,
    years: (u16, u16),
) -> (
    Option<String>,
    Vec<(SupplyEntry, f64)>,
    Vec<(SupplyEntry, String)>,
) {
    let mut groups: HashMap<String, (usize, f64, usize)> = HashMap::new();
    for (i, e) in all.iter().enumerate() {
        if let Some(q) = Quantity::parse(&e.unit).filter(|q| !q.product.is_empty()) {
            let g = groups.entry(q.product).or_insert((0, 0.0, i));
            g.0 += 1;
            if (years.0..=years.1).any(|y| producing(e, y, 0)) {
                g.1 += e.value * q.tonnes;
            }
        }
    }
    let unit = groups
        .values()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)).then(b.2.cmp(&a.2)))
        .map(|&(_, _, i)| all[i].unit.clone());
    let Some(unit) = unit else {
        let others = all
            .into_iter()
            .map(|e| {
                let why = units::conversion(&e.unit, &e.unit)
                    .err()
                    .unwrap_or_default();
                (e, why)
            })
            .collect();
        return (None, Vec::new(), others);
    };
    let mut summed = Vec::new();
    let mut others = Vec::new();
    for e in all {
        match units::conversion(&e.unit, &unit) {
            Ok(factor) => summed.push((e, factor)),
            Err(why) => others.push((e, why)),
        }
    }
    (Some(unit), summed, others)
}

/// The status in `year` and whether it comes from a target, with targets `slip` years later.
fn status_at(e: &SupplyEntry, year: u16, slip: u16) -> Option<(Status, bool)> {
    let mut found = None;
    for step in &e.steps {
        let at = if step.planned {
            step.year.saturating_add(slip)
        } else {
            step.year
        };
        if at <= year {
            found = Some((step.status, step.planned));
        }
    }
    match found {
        Some(f) => Some(f),
        // Before its first real step the plant was not there; with only targets, it stands
        // as it is now until the first.
        None if e.steps.iter().any(|s| !s.planned) => None,
        None => Some((e.status, false)),
    }
}

fn producing(e: &SupplyEntry, year: u16, slip: u16) -> bool {
    status_at(e, year, slip).is_some_and(|(s, _)| s.is_producing())
}

/// The first year the plant produces: its first producing step, else (ramping now with no
/// dated start) the model's year, else None (producing before anything dated: fully ramped).
fn start_year(e: &SupplyEntry, slip: u16, this_year: u16) -> Option<u16> {
    let first = e
        .steps
        .iter()
        .filter(|s| s.status.is_producing())
        .map(|s| {
            if s.planned {
                s.year.saturating_add(slip)
            } else {
                s.year
            }
        })
        .min();
    first.or((e.status == Status::Ramping).then_some(this_year))
}

/// Nameplate, weighted and ramped capacity of one entry in `year`, in its own unit.
fn contribution(
    e: &SupplyEntry,
    year: u16,
    slip: u16,
    a: &Assumptions,
    this_year: u16,
) -> (f64, f64, f64) {
    let Some((status, planned)) = status_at(e, year, slip) else {
        return (0.0, 0.0, 0.0);
    };
    if !status.is_producing() {
        return (0.0, 0.0, 0.0);
    }
    let nameplate = e.value;
    let weighted = if planned {
        nameplate * a.weight(e.status)
    } else {
        nameplate
    };
    let ramp =
        start_year(e, slip, this_year).map_or(1.0, |start| a.ramp_at(year.saturating_sub(start)));
    (nameplate, weighted, weighted * ramp * a.utilisation)
}

/// The input stages and each one's factor into this stage's unit, or why the feed is unknown.
type FeedInputs = (Vec<StageId>, Vec<f64>, Vec<String>);

fn feed_inputs(
    m: &Model,
    s: StageId,
    unit: Option<&str>,
    before: &[StageBalance],
) -> Result<FeedInputs, String> {
    let inputs = &m.stage(s).inputs;
    let Some(unit) = unit else {
        return Err("no capacity is known at this stage".into());
    };
    let mut factors = Vec::with_capacity(inputs.len());
    let mut derived = Vec::new();
    for &i in inputs {
        let name = &m.stage(i).name;
        let Some(input) = before.get(i.index()) else {
            return Err(format!("its input {name} comes later in the chain"));
        };
        let Some(input_unit) = input.unit.as_deref() else {
            return Err(format!("no capacity is known at its input {name}"));
        };
        // A cap read off a partial sum would hold this stage to what the known plants feed.
        let (plants, unknown) = input.plants_without_capacity();
        let unsummed = unknown + input.other_units.len();
        if unsummed > 0 {
            return Err(format!(
                "{name} sums {} of {plants} plants; the rest give no capacity in its unit, so what it feeds is not known",
                plants - unsummed
            ));
        }
        let factor = units::factor(m, input_unit, unit).map_err(|why| format!("{name}: {why}"))?;
        factors.push(factor.value);
        derived.extend(factor.derived);
    }
    Ok((inputs.clone(), factors, derived))
}

/// What the inputs supply in `year`, in this stage's unit.
fn feed_limit(
    stages: &[StageId],
    factors: &[f64],
    year: u16,
    before: &[StageBalance],
) -> Option<f64> {
    if stages.is_empty() {
        return Some(f64::INFINITY);
    }
    let mut total = 0.0;
    for (&i, factor) in stages.iter().zip(factors) {
        total += before.get(i.index())?.year(year)?.headline() * factor;
    }
    Some(total)
}

fn reported(
    m: &Model,
    s: StageId,
    year: u16,
    unit: Option<&str>,
    summed: &[(SupplyEntry, f64)],
) -> Option<(f64, usize)> {
    let unit = unit?;
    let mut total = 0.0;
    let mut plants = 0;
    for (e, _) in summed {
        if let Some((value, from)) = supply::reported(m, e.facility, s, year)
            && let Ok(factor) = units::conversion(from, unit)
        {
            total += value * factor;
            plants += 1;
        }
    }
    (plants > 0).then_some((total, plants))
}

fn coverage(
    m: &Model,
    d: &crate::model::Demand,
    unit: Option<&str>,
    years: &[YearSupply],
) -> Result<(Vec<Coverage>, Option<String>), String> {
    let Some(unit) = unit else {
        return Err("no capacity is known at this stage to compare with".into());
    };
    let demand_unit = units::with_product(&d.unit, &d.product);
    // The series' basis says why a bare unit cannot be read as the stage's product.
    let units::Factor {
        value: factor,
        derived,
    } = units::factor(m, &demand_unit, unit)
        .map_err(|why| format!("{why} (the series counts: {})", d.basis.trim()))?;
    let coverage = d
        .values
        .iter()
        .filter_map(|&(year, value)| {
            let supply = years.iter().find(|y| y.year == year)?.headline();
            let demand = value * factor;
            (demand > 0.0).then(|| Coverage {
                year,
                demand,
                supply,
                ratio: supply / demand,
            })
        })
        .collect();
    Ok((coverage, derived))
}

/// Scenarios and regions with at least one compared year, in model order.
fn compared_scenarios(m: &Model, stages: &[StageBalance]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for st in stages {
        for d in &st.demand {
            let series = &m.demand()[d.series];
            let key = (series.scenario.clone(), series.region.clone());
            if d.result.as_ref().is_ok_and(|c| !c.is_empty()) && !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// The earliest short year of a scenario in a region over the stages asked (chain order
/// breaks ties), and the plant whose slip moves it most.
fn bottleneck(
    m: &Model,
    q: &Query,
    stages: &[StageBalance],
    scenario: &str,
    region: &str,
) -> Option<Bottleneck> {
    let (st, d, c) = stages
        .iter()
        .filter(|st| q.stages.is_empty() || q.stages.contains(&st.stage))
        .flat_map(|st| st.demand.iter().map(move |d| (st, d)))
        .filter(|(_, d)| {
            let series = &m.demand()[d.series];
            series.scenario == scenario && series.region == region
        })
        .filter_map(|(st, d)| Some((st, d, *d.first_short()?)))
        .min_by_key(|(st, _, c)| (c.year, st.stage))?;
    Some(Bottleneck {
        scenario: scenario.to_owned(),
        region: region.to_owned(),
        stage: st.stage,
        series: d.series,
        coverage: c,
        slip: slip(m, q, st, d, c),
    })
}

/// Among the stage's own plants, the one whose targets a year later bring the first short
/// year earliest, then lose most supply in the bottleneck year.
fn slip(m: &Model, q: &Query, st: &StageBalance, d: &DemandBalance, at: Coverage) -> Option<Slip> {
    let covered = d.result.as_ref().ok()?;
    let assume = &q.assumptions;
    let this_year = m.as_of_date().year;
    let mut best: Option<Slip> = None;
    for (e, factor) in &st.summed {
        if !e.steps.iter().any(|s| s.planned) {
            continue;
        }
        let supply_after = |c: &Coverage| {
            let y = st.year(c.year)?;
            let delta = contribution(e, c.year, 0, assume, this_year).2
                - contribution(e, c.year, 1, assume, this_year).2;
            let ramped = y.ramped - delta * factor;
            // min(ramped', feed) equals min(ramped', min(ramped, feed)): a slip never adds.
            Some(y.feed_limited.map_or(ramped, |f| ramped.min(f)))
        };
        let first_short = covered
            .iter()
            .find(|c| supply_after(c).is_some_and(|s| s < c.demand))
            .map_or(at.year, |c| c.year);
        let lost = at.supply - supply_after(&at).unwrap_or(at.supply);
        if lost <= 0.0 && first_short >= at.year {
            continue;
        }
        let candidate = Slip {
            facility: e.facility,
            first_short,
            lost,
        };
        let better = best.is_none_or(|b| (first_short, -lost) < (b.first_short, -b.lost));
        if better {
            best = Some(candidate);
        }
    }
    best
}

#[cfg(test)]
mod tests;
