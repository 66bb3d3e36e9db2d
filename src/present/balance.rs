//! Supply against demand as a document: per stage a table of supply by year, the demand
//! series against it, what the sums leave out, the first bottleneck of each scenario, and every
//! assumption with its basis. `rechain balance` prints it and the app's chart copies it.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::analysis::balance::{
    Assumptions, Balance, Bottleneck, DemandBalance, RAMP_BASIS, StageBalance, UTILISATION_BASIS,
    WEIGHTS_BASIS, YearSupply,
};
use crate::analysis::ownership::ExcludeBy;
use crate::model::{CountryId, FacilityId, Model, StageId};
use crate::present::csv::csv_row;
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, decimal, estimate, number, percent};
use crate::present::plants::exclusion_words;
use crate::present::table::{Cell, Column, Table};
use crate::present::view::View;
use crate::text::one_line;

/// A balance and the stages to show, with the exclusion it was made under.
pub struct BalanceView {
    pub balance: Arc<Balance>,
    /// Stages to show, in chain order.
    pub stages: Vec<StageId>,
    pub excluded: BTreeSet<CountryId>,
    pub by: ExcludeBy,
}

/// Names of plants, at most this many before `and N more`.
const NAMES: usize = 6;

fn names(m: &Model, list: &[FacilityId]) -> String {
    let mut out: Vec<String> = list
        .iter()
        .take(NAMES)
        .map(|&x| one_line(&m.facility(x).name).into_owned())
        .collect();
    if list.len() > NAMES {
        out.push(format!("and {} more", list.len() - NAMES));
    }
    out.join(", ")
}

/// `0.85`: a share as the flags take it.
pub fn share_text(value: f64) -> String {
    let text = decimal(value, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `construction 0.75, financed 0.5, …`
pub fn weights_text(a: &Assumptions) -> String {
    a.weights
        .iter()
        .map(|(s, w)| format!("{}={}", s.as_str(), share_text(*w)))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn ramp_text(a: &Assumptions) -> String {
    a.ramp
        .iter()
        .map(|r| share_text(*r))
        .collect::<Vec<_>>()
        .join(",")
}

/// The series' one-line label: `demand for magnet rare earths, APS, World`.
pub fn series_label(m: &Model, series: usize) -> String {
    let d = &m.demand()[series];
    format!(
        "{} ({}, {})",
        one_line(&d.metric),
        one_line(&d.scenario),
        one_line(&d.region)
    )
}

fn supply_table(st: &StageBalance) -> Table {
    let mut table = Table::with_columns(vec![
        Column::keep("Year", 4),
        Column::fixed("Nameplate").right(),
        Column::fixed("Weighted").right(),
        Column::fixed("Ramped").right(),
        Column::fixed("Feed-limited").right(),
        Column::optional("Reported", 0, 8).right(),
    ]);
    for y in &st.years {
        table.push_cells(vec![
            Cell::text(y.year.to_string()),
            Cell::new(Role::Number, number(y.nameplate)),
            Cell::new(Role::Number, estimate(y.weighted)),
            Cell::new(Role::Number, estimate(y.ramped)),
            Cell::new(
                Role::Number,
                y.feed_limited.map_or_else(|| "?".to_owned(), estimate),
            ),
            Cell::new(Role::Number, reported_text(y)),
        ]);
    }
    table
}

fn reported_text(y: &YearSupply) -> String {
    y.reported.map_or_else(String::new, |(value, plants)| {
        format!(
            "{} ({})",
            number(value),
            count(plants as u128, "plant", "plants")
        )
    })
}

fn demand_table(m: &Model, st: &StageBalance, b: &mut DocBuilder) -> Option<Table> {
    let mut table = Table::with_columns(vec![
        Column::keep("Scenario", 6),
        Column::fixed("Region"),
        Column::fixed("Year"),
        Column::fixed("Demand").right(),
        Column::fixed("Supply").right(),
        Column::fixed("Coverage").right(),
        Column::optional("Source", 0, 8),
    ]);
    let mut rows = 0;
    for d in &st.demand {
        let series = &m.demand()[d.series];
        let Ok(years) = &d.result else { continue };
        for c in years {
            b.cite_quietly(series.source);
            let role = if c.ratio < 1.0 {
                Role::Warning
            } else {
                Role::Ok
            };
            table.push_cells(vec![
                Cell::text(&series.scenario),
                Cell::text(&series.region),
                Cell::text(c.year.to_string()),
                Cell::new(Role::Number, number(c.demand)),
                Cell::new(Role::Number, number(c.supply)),
                Cell::new(role, percent(100.0 * c.ratio)),
                Cell::new(Role::Source, &m.source(series.source).id).cites(series.source),
            ]);
            rows += 1;
        }
    }
    (rows > 0).then_some(table)
}

/// `APS: short from 2030 (coverage 41.2%); covered from —`
pub fn series_verdict(m: &Model, d: &DemandBalance) -> Option<String> {
    let years = d.result.as_ref().ok()?;
    if years.is_empty() {
        return None;
    }
    let covered = d.first_covered().map_or_else(
        || "never covered in the years published".to_owned(),
        |c| format!("first covered {}", c.year),
    );
    let short = d.first_short().map_or_else(
        || "never short in the years published".to_owned(),
        |c| {
            format!(
                "first short {} ({} coverage)",
                c.year,
                percent(100.0 * c.ratio)
            )
        },
    );
    Some(format!(
        "{}: {covered}; {short}.",
        series_label(m, d.series)
    ))
}

fn stage_part(m: &Model, st: &StageBalance, b: &mut DocBuilder) {
    let name = one_line(&m.stage(st.stage).name).into_owned();
    let Some(unit) = &st.unit else {
        b.heading(format!("{name}: no capacity to sum"));
        left_out(m, st, b);
        refusals(m, st, b);
        return;
    };
    b.heading(format!("{name} · {}", one_line(unit)));
    b.table(supply_table(st));
    match &st.feed {
        Ok(inputs) if inputs.is_empty() => {
            b.line(vec![DocBuilder::dim(
                "First stage: feed-limited is ramped.",
            )]);
        }
        Ok(inputs) => {
            let from: Vec<String> = inputs
                .iter()
                .map(|&i| one_line(&m.stage(i).name).into_owned())
                .collect();
            b.line(vec![DocBuilder::dim(format!(
                "Feed-limited: ramped, capped by what {} supplies.",
                from.join(" and ")
            ))]);
        }
        Err(why) => b.line(vec![(
            Role::Warning,
            format!("Feed limit not known (?): {}.", one_line(why)),
        )]),
    }
    if !st.feed_derived.is_empty() {
        b.line(vec![DocBuilder::dim(format!(
            "Feed-limited is derived: its inputs are converted with the model's conversions ({}).",
            st.feed_derived.join("; ")
        ))]);
    }
    left_out(m, st, b);
    if let Some(table) = demand_table(m, st, b) {
        b.table(table);
        for d in &st.demand {
            if let Some(verdict) = series_verdict(m, d) {
                b.line(vec![DocBuilder::text(&verdict)]);
            }
            if let Some(derived) = &d.derived {
                b.line(vec![DocBuilder::dim(format!(
                    "Derived: {} is set against supply through the model's conversions ({derived}).",
                    one_line(&m.demand()[d.series].metric)
                ))]);
            }
        }
    }
    refusals(m, st, b);
}

/// How many of the stage's plants its supply sums: `8 of 23 plants`.
pub fn summed_of(st: &StageBalance) -> String {
    let (plants, _) = st.plants_without_capacity();
    format!(
        "{} of {}",
        st.summed.len(),
        count(plants as u128, "plant", "plants")
    )
}

/// What the sums leave out, and how much of the stage that might be.
fn left_out(m: &Model, st: &StageBalance, b: &mut DocBuilder) {
    let (plants, unknown) = st.plants_without_capacity();
    let mut line = format!("Sums {}", summed_of(st));
    if unknown > 0 {
        let _ = write!(
            line,
            "; {unknown} ({}) publish no capacity and might hold any share of the stage: {}",
            percent(100.0 * unknown as f64 / plants as f64),
            names(m, &st.unknown)
        );
    }
    line.push('.');
    let role = if unknown > 0 {
        Role::Warning
    } else {
        Role::Dim
    };
    b.line(vec![(role, line)]);
    if !st.other_units.is_empty() {
        let list: Vec<String> = st
            .other_units
            .iter()
            .take(NAMES)
            .map(|(e, _)| {
                format!(
                    "{} ({})",
                    one_line(&m.facility(e.facility).name),
                    one_line(&e.unit)
                )
            })
            .collect();
        b.line(vec![(
            Role::Warning,
            format!(
                "Not summed, in units that do not convert: {}{}.",
                list.join(", "),
                if st.other_units.len() > NAMES {
                    ", …"
                } else {
                    ""
                }
            ),
        )]);
    }
    if !st.undated.is_empty() {
        b.line(vec![DocBuilder::dim(format!(
            "Not producing in any year asked, by status and dated lifecycle (an unknown status, or no dated start): {}.",
            names(m, &st.undated)
        ))]);
    }
    if !st.stale.is_empty() {
        b.line(vec![DocBuilder::dim(format!(
            "Targets dated before the model's year and not reached are not counted: {}.",
            names(m, &st.stale)
        ))]);
    }
    if !st.excluded.is_empty() {
        b.line(vec![DocBuilder::dim(format!(
            "Excluded: {}.",
            names(m, &st.excluded)
        ))]);
    }
}

fn refusals(m: &Model, st: &StageBalance, b: &mut DocBuilder) {
    for d in &st.demand {
        if let Err(why) = &d.result {
            let source = m.demand()[d.series].source;
            let cite = b.cite(source);
            b.line(vec![
                (
                    Role::Error,
                    format!(
                        "Refused: {} against this stage: {}. ",
                        series_label(m, d.series),
                        one_line(why)
                    ),
                ),
                cite,
            ]);
        }
    }
}

fn bottleneck_line(m: &Model, n: &Bottleneck, st: Option<&StageBalance>, b: &mut DocBuilder) {
    let unit = one_line(st.and_then(|st| st.unit.as_deref()).unwrap_or(""));
    // The quotable line says what its supply covers: a sum over the plants that publish one.
    let plants = st.map_or(String::new(), |st| {
        let (_, unknown) = st.plants_without_capacity();
        let mut part = format!("; supply sums {}", summed_of(st));
        if unknown > 0 {
            let _ = write!(part, ", {unknown} publish no capacity");
        }
        part
    });
    let mut text = format!(
        "{} ({}): {} in {}, supply {} of demand {} {unit} ({} coverage{plants}).",
        one_line(&n.scenario),
        one_line(&n.region),
        one_line(&m.stage(n.stage).name),
        n.coverage.year,
        number(n.coverage.supply),
        number(n.coverage.demand),
        percent(100.0 * n.coverage.ratio)
    );
    if let Some(slip) = n.slip {
        let name = one_line(&m.facility(slip.facility).name);
        if slip.first_short < n.coverage.year {
            let _ = write!(
                text,
                " A one-year slip of {name} would bring it to {}.",
                slip.first_short
            );
        } else {
            let _ = write!(
                text,
                " A one-year slip of {name} moves it most: {} {unit} less that year.",
                number(slip.lost)
            );
        }
    }
    let cite = b.cite(m.demand()[n.series].source);
    b.line(vec![(Role::Warning, text), (Role::Text, " ".into()), cite]);
}

/// Sources the default bases name, cited where the model holds them.
const BASIS_SOURCES: [&str; 2] = ["mp-fy2025-pr", "lynas-fastmarkets-2024-06"];

fn assumptions(a: &Assumptions, b: &mut DocBuilder) {
    b.heading("Assumptions");
    for id in BASIS_SOURCES {
        if let Some(s) = b.m.source_by_id(id) {
            b.cite_quietly(s);
        }
    }
    b.line(vec![DocBuilder::text(&format!(
        "Status weights of a target, by the plant's status now (--weights {}); a plant producing now counts 1.",
        weights_text(a)
    ))]);
    b.line(vec![DocBuilder::dim(format!("  Basis: {WEIGHTS_BASIS}."))]);
    b.line(vec![DocBuilder::text(&format!(
        "Ramp: share of capacity in the start year, then each year after; the last holds on (--ramp {}).",
        ramp_text(a)
    ))]);
    b.line(vec![DocBuilder::dim(format!("  Basis: {RAMP_BASIS}."))]);
    b.line(vec![DocBuilder::text(&format!(
        "Utilisation of a ramped plant (--utilisation {}).",
        share_text(a.utilisation)
    ))]);
    b.line(vec![DocBuilder::dim(format!(
        "  Basis: {UTILISATION_BASIS}."
    ))]);
    b.line(vec![DocBuilder::dim(
        "Nameplate counts every plant producing in the year by its dated lifecycle, targets included; \
         weighted applies the weights to targets; ramped applies the ramp and utilisation; feed-limited \
         caps a stage by what the stages before it supply. Demand is shown only for the years its source \
         publishes: nothing is interpolated and scenarios are never averaged.",
    )]);
}

impl View for BalanceView {
    fn doc(&self, m: &Model) -> Doc {
        let bal = &self.balance;
        let mut b = DocBuilder::new(m);
        b.title = format!("Supply against demand, {}–{}", bal.years.0, bal.years.1);
        if !self.excluded.is_empty() {
            let _ = write!(
                b.title,
                " ({})",
                exclusion_words(m, &self.excluded, self.by)
            );
        }
        b.heading("First bottleneck by scenario");
        let shown: Vec<&Bottleneck> = bal
            .bottlenecks
            .iter()
            .filter(|n| self.stages.contains(&n.stage))
            .collect();
        if shown.is_empty() {
            b.line(vec![DocBuilder::dim(if bal.scenarios.is_empty() {
                "No demand series converts into a stage's unit: no year can be compared (see each stage)."
            } else {
                "No compared year falls short."
            })]);
        }
        for n in shown {
            bottleneck_line(m, n, bal.stage(n.stage), &mut b);
        }
        for &s in &self.stages {
            if let Some(st) = bal.stage(s) {
                stage_part(m, st, &mut b);
            }
        }
        assumptions(&bal.assumptions, &mut b);
        b.source_list();
        b.finish()
    }

    fn json(&self, m: &Model) -> Value {
        let bal = &self.balance;
        let a = &bal.assumptions;
        let stages: Vec<Value> = self
            .stages
            .iter()
            .filter_map(|&s| bal.stage(s))
            .map(|st| stage_json(m, st))
            .collect();
        let bottlenecks: Vec<Value> = bal
            .bottlenecks
            .iter()
            .filter(|n| self.stages.contains(&n.stage))
            .map(|n| {
                json!({
                    "scenario": n.scenario,
                    "region": n.region,
                    "stage": m.stage(n.stage).id,
                    "year": n.coverage.year,
                    "supply": n.coverage.supply,
                    "demand": n.coverage.demand,
                    "coverage": n.coverage.ratio,
                    "source": m.source(m.demand()[n.series].source).id,
                    "slip": n.slip.map(|s| json!({
                        "facility": m.facility(s.facility).id,
                        "first_short": s.first_short,
                        "lost": s.lost,
                    })),
                })
            })
            .collect();
        json!({
            "years": [bal.years.0, bal.years.1],
            "excluded": self.excluded.iter().map(|&c| m.country(c).code.as_str()).collect::<Vec<_>>(),
            "assumptions": {
                "weights": a.weights.iter().map(|(s, w)| (s.as_str().to_owned(), json!(w))).collect::<serde_json::Map<_, _>>(),
                "weights_basis": WEIGHTS_BASIS,
                "ramp": a.ramp,
                "ramp_basis": RAMP_BASIS,
                "utilisation": a.utilisation,
                "utilisation_basis": UTILISATION_BASIS,
            },
            "bottlenecks": bottlenecks,
            "stages": stages,
        })
    }

    fn csv(&self, m: &Model) -> Option<String> {
        let mut out = csv_row(&[
            "stage",
            "unit",
            "year",
            "nameplate",
            "weighted",
            "ramped",
            "feed_limited",
            "reported",
            "scenario",
            "region",
            "demand",
            "coverage",
            "source",
        ]);
        for st in self.stages.iter().filter_map(|&s| self.balance.stage(s)) {
            let Some(unit) = &st.unit else { continue };
            for y in &st.years {
                let supply = [
                    m.stage(st.stage).id.clone(),
                    unit.clone(),
                    y.year.to_string(),
                    y.nameplate.to_string(),
                    y.weighted.to_string(),
                    y.ramped.to_string(),
                    y.feed_limited.map(|f| f.to_string()).unwrap_or_default(),
                    y.reported.map(|(v, _)| v.to_string()).unwrap_or_default(),
                ];
                let mut any = false;
                for d in &st.demand {
                    let Ok(years) = &d.result else { continue };
                    for c in years.iter().filter(|c| c.year == y.year) {
                        let series = &m.demand()[d.series];
                        let mut row = supply.to_vec();
                        row.extend([
                            series.scenario.clone(),
                            series.region.clone(),
                            c.demand.to_string(),
                            c.ratio.to_string(),
                            m.source(series.source).id.clone(),
                        ]);
                        out.push_str(&csv_row(&row));
                        any = true;
                    }
                }
                if !any {
                    let mut row = supply.to_vec();
                    row.extend(std::iter::repeat_n(String::new(), 5));
                    out.push_str(&csv_row(&row));
                }
            }
        }
        Some(out)
    }
}

fn stage_json(m: &Model, st: &StageBalance) -> Value {
    let ids = |list: &[FacilityId]| {
        list.iter()
            .map(|&x| m.facility(x).id.as_str())
            .collect::<Vec<_>>()
    };
    json!({
        "stage": m.stage(st.stage).id,
        "unit": st.unit,
        "years": st.years.iter().map(|y| json!({
            "year": y.year,
            "nameplate": y.nameplate,
            "weighted": y.weighted,
            "ramped": y.ramped,
            "feed_limited": y.feed_limited,
            "reported": y.reported.map(|(v, n)| json!({ "value": v, "plants": n })),
        })).collect::<Vec<_>>(),
        "feed": match &st.feed {
            Ok(inputs) => json!({ "inputs": inputs.iter().map(|&i| m.stage(i).id.as_str()).collect::<Vec<_>>() }),
            Err(why) => json!({ "unknown": why }),
        },
        "feed_derived": st.feed_derived,
        "summed": st.summed.iter().map(|(e, factor)| json!({
            "facility": m.facility(e.facility).id,
            "value": e.value,
            "unit": e.unit,
            "factor": factor,
            "basis": e.basis.as_str(),
            "status": e.status.as_str(),
            "source": m.source(e.source).id,
        })).collect::<Vec<_>>(),
        "other_units": st.other_units.iter().map(|(e, why)| json!({
            "facility": m.facility(e.facility).id,
            "unit": e.unit,
            "reason": why,
        })).collect::<Vec<_>>(),
        "without_capacity": ids(&st.unknown),
        "undated": ids(&st.undated),
        "stale": ids(&st.stale),
        "excluded": ids(&st.excluded),
        "demand": st.demand.iter().map(|d| {
            let series = &m.demand()[d.series];
            let mut v = json!({
                "metric": series.metric,
                "product": series.product,
                "unit": series.unit,
                "basis": series.basis,
                "scenario": series.scenario,
                "region": series.region,
                "source": m.source(series.source).id,
            });
            match &d.result {
                Ok(years) => {
                    v["years"] = years.iter().map(|c| json!({
                        "year": c.year, "demand": c.demand, "supply": c.supply, "coverage": c.ratio,
                    })).collect();
                    v["first_covered"] = json!(d.first_covered().map(|c| c.year));
                    v["first_short"] = json!(d.first_short().map(|c| c.year));
                    v["derived"] = json!(d.derived);
                }
                Err(why) => v["refused"] = json!(why),
            }
            v
        }).collect::<Vec<_>>(),
    })
}
