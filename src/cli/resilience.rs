//! `rechain resilience`: the plants whose loss ends every route, and each stage's
//! concentration against published thresholds.

use std::io;

use serde::Serialize;

use super::output::{OutputArgs, emit};
use super::routes::StatusArg;
use crate::analysis::exclusion::sorted_codes;
use crate::analysis::resilience::thresholds::{
    CRMA_SINGLE_COUNTRY, GEODEP_CONCENTRATED, HHI_HIGHLY_CONCENTRATED, Threshold,
};
use crate::analysis::resilience::{Coverage, Resilience, RouteCut, StageIndicators, resilience};
use crate::analysis::routes::{RouteQuery, StatusFilter};
use crate::model::{FacilityId, Model, StageId};
use crate::present::doc::Doc;
use crate::present::resilience::{ResilienceView, coverage_text, resilience_doc, title};
use crate::present::view::View;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stages whose concentration to show, by id or name (default: every stage)
    #[arg(value_name = "STAGE")]
    pub stages: Vec<String>,
    /// Countries whose facilities routes may not use, as codes or names (CN,MY or China)
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    #[command(flatten)]
    pub by: super::by::ByArgs,
    /// operating: producing facilities only (operating or ramping); all: anything not closed, suspended or cancelled
    #[arg(long, value_enum, default_value_t = StatusArg::Operating)]
    pub status: StatusArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let stages = match super::stages_arg(m, &args.stages) {
        Ok(stages) => stages,
        Err(why) => return Ok(super::refuse(&why)),
    };
    let excluded = match super::excluded_arg(m, args.exclude.as_deref()) {
        Ok(set) => set,
        Err(why) => return Ok(super::refuse(&why)),
    };
    let query = RouteQuery {
        excluded,
        by: args.by.rule(),
        status: match args.status {
            StatusArg::Operating => StatusFilter::Operating,
            StatusArg::All => StatusFilter::All,
        },
    };
    let report = resilience(m, &query, &stages);
    emit(m, args.output, &ResilienceOutput { query, report })
}

struct ResilienceOutput {
    query: RouteQuery,
    report: Resilience,
}

impl View for ResilienceOutput {
    fn doc(&self, m: &Model) -> Doc {
        resilience_doc(
            m,
            &ResilienceView {
                query: &self.query,
                report: &self.report,
            },
        )
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        serde_json::to_value(report_json(m, &self.query, &self.report)).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    summary: String,
    excluded: Vec<&'a str>,
    by: &'static str,
    control: u8,
    status: &'static str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    route_cut: RouteCutsJson<'a>,
    stages: Vec<StageJson<'a>>,
    thresholds: Vec<ThresholdJson>,
}

#[derive(Serialize)]
struct RouteCutsJson<'a> {
    formula: &'static str,
    recorded: CutJson<'a>,
    every: CutJson<'a>,
    several_roles: Vec<&'a str>,
}

#[derive(Serialize)]
struct CutJson<'a> {
    routes: u128,
    /// False when the cut may hold more facilities than the fewest that would do.
    exact: bool,
    cut: Vec<&'a str>,
    disjoint_routes: Vec<Vec<&'a str>>,
    single_points: Vec<&'a str>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    stage: &'a str,
    year: Option<u16>,
    metric: Option<&'a str>,
    source: Option<&'a str>,
    /// Sum of squared percent shares, 0–10,000; null without share data.
    hhi: Option<f64>,
    hhi_highly_concentrated: Option<bool>,
    hhi_fraction: Option<f64>,
    hhi_fraction_concentrated: Option<bool>,
    /// Percent the block attributes to no country (the HHI is then a lower bound).
    unattributed: Option<f64>,
    top_country: Option<&'a str>,
    top_share: Option<f64>,
    top_above_single_country_benchmark: Option<bool>,
    left_after_exclusion: Option<f64>,
    n_minus_1: Option<NMinusOneJson<'a>>,
    /// `1.9% 2030`, or `not compared`.
    coverage_of_demand: String,
    /// What the coverage compares; null when not compared.
    n_minus_1_coverage: Option<LeftCoverageJson<'a>>,
}

#[derive(Serialize)]
struct LeftCoverageJson<'a> {
    /// The country taken out besides the excluded ones.
    without: &'a str,
    year: u16,
    supply: f64,
    demand: f64,
    unit: String,
    ratio: f64,
    plants_summed: usize,
    plants: usize,
    metric: &'a str,
    scenario: &'a str,
    region: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct NMinusOneJson<'a> {
    country: &'a str,
    share: f64,
    left: f64,
}

#[derive(Serialize)]
struct ThresholdJson {
    indicator: &'static str,
    value: f64,
    rule: &'static str,
    source: &'static str,
}

const CUT_FORMULA: &str = "minimum vertex cut of the route graph = most facility-disjoint routes (Menger), by maximum flow with unit facility capacities";

fn cut_json<'a>(m: &'a Model, c: &RouteCut) -> CutJson<'a> {
    let ids = |list: &[FacilityId]| -> Vec<&'a str> {
        list.iter().map(|&x| m.facility(x).id.as_str()).collect()
    };
    CutJson {
        routes: c.routes,
        exact: c.exact,
        cut: ids(&c.cut.facilities),
        disjoint_routes: c.cut.disjoint.iter().map(|r| ids(r)).collect(),
        single_points: ids(&c.cut.single_points),
    }
}

fn stage_json<'a>(m: &'a Model, s: &StageIndicators) -> StageJson<'a> {
    let block = s.block.map(|i| &m.stage(s.stage).shares[i]);
    let c = s.concentration.as_ref();
    let top = c.and_then(|c| c.top1);
    StageJson {
        stage: &m.stage(s.stage).id,
        year: block.and_then(|b| b.year),
        metric: block.map(|b| b.metric.as_str()),
        source: block
            .and_then(|b| m.get_source(b.source))
            .map(|s| s.id.as_str()),
        hhi: c.map(|c| c.hhi),
        hhi_highly_concentrated: c.map(|c| c.hhi > HHI_HIGHLY_CONCENTRATED.value),
        hhi_fraction: c.map(|c| c.hhi / 10_000.0),
        hhi_fraction_concentrated: c.map(|c| c.hhi / 10_000.0 > GEODEP_CONCENTRATED.value),
        unattributed: c.map(|c| c.unreported),
        top_country: top.map(|(country, _)| m.country(country).code.as_str()),
        top_share: top.map(|(_, p)| p),
        top_above_single_country_benchmark: top.map(|(_, p)| p > CRMA_SINGLE_COUNTRY.value),
        left_after_exclusion: s.left,
        n_minus_1: s.n_minus_one.map(|n| NMinusOneJson {
            country: &m.country(n.country).code,
            share: n.share,
            left: n.left,
        }),
        coverage_of_demand: coverage_text(&s.coverage),
        n_minus_1_coverage: match (&s.coverage, s.n_minus_one) {
            (Coverage::Compared(c), Some(n)) => {
                let series = &m.demand()[c.series];
                Some(LeftCoverageJson {
                    without: &m.country(n.country).code,
                    year: c.year,
                    supply: c.supply,
                    demand: c.demand,
                    unit: c.unit.clone(),
                    ratio: c.ratio(),
                    plants_summed: c.summed,
                    plants: c.plants,
                    metric: &series.metric,
                    scenario: &series.scenario,
                    region: &series.region,
                    source: m.get_source(series.source).map_or("?", |s| s.id.as_str()),
                })
            }
            _ => None,
        },
    }
}

fn threshold_json(indicator: &'static str, rule: &'static str, t: Threshold) -> ThresholdJson {
    ThresholdJson {
        indicator,
        value: t.value,
        rule,
        source: t.source,
    }
}

fn report_json<'a>(m: &'a Model, q: &RouteQuery, r: &Resilience) -> ReportJson<'a> {
    let stage_id = |s: StageId| m.stage(s).id.as_str();
    ReportJson {
        summary: title(m, q, r),
        excluded: sorted_codes(m, &q.excluded),
        by: q.by.mode.as_str(),
        control: q.by.control,
        status: match q.status {
            StatusFilter::Operating => "operating",
            StatusFilter::All => "all",
        },
        from: r.ends.map(|(from, _)| stage_id(from)),
        to: r.ends.map(|(_, to)| stage_id(to)),
        route_cut: RouteCutsJson {
            formula: CUT_FORMULA,
            recorded: cut_json(m, &r.recorded),
            every: cut_json(m, &r.every),
            several_roles: r
                .several_roles
                .iter()
                .map(|&x| m.facility(x).id.as_str())
                .collect(),
        },
        stages: r.stages.iter().map(|s| stage_json(m, s)).collect(),
        thresholds: vec![
            threshold_json(
                "hhi",
                "above: highly concentrated (US merger guidelines 2023)",
                HHI_HIGHLY_CONCENTRATED,
            ),
            threshold_json(
                "hhi_fraction",
                "above: concentrated (CEPII GeoDep, for imports and world exports)",
                GEODEP_CONCENTRATED,
            ),
            threshold_json(
                "top_share",
                "above: more than the EU Critical Raw Materials Act's single-country benchmark (for the EU's own use)",
                CRMA_SINGLE_COUNTRY,
            ),
        ],
    }
}
