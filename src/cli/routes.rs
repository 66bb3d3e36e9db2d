//! `rechain routes`: ore-to-magnet routes through facilities, avoiding excluded countries.

use std::collections::BTreeSet;
use std::io;

use clap::ValueEnum;
use serde::Serialize;

use super::exit;
use super::output::{OutputArgs, OutputFormat, emit};
use crate::analysis::exclusion::sorted_codes;
use crate::analysis::routes::{
    MAX_LIMIT, Route, RouteOptions, RouteQuery, RouteReport, StatusFilter, Via,
    find_routes_without, step_capacity,
};
use crate::model::{EntityRef, FacilityId, LinkKind, Model};
use crate::present::doc::{Doc, DocBuilder};
use crate::present::lookup::lookup_message;
use crate::present::routes::{
    RoutesView, break_text, caveats, not_comparable_text, recorded_line, routes_doc, routes_table,
    summary,
};
use crate::present::view::View;
use crate::text::one_line;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Countries whose facilities routes may not use, as codes or names (CN,MY or China)
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    /// Facilities routes may not use, by id (mp-mountain-pass,lynas-kuantan): what is left when they stop
    #[arg(long, value_name = "ID,...", value_parser = super::id_list)]
    pub exclude_facility: Option<String>,
    #[command(flatten)]
    pub by: super::by::ByArgs,
    /// operating: producing facilities only (operating or ramping); all: anything not closed, suspended or cancelled
    #[arg(long, value_enum, default_value_t = StatusArg::Operating)]
    pub status: StatusArg,
    /// How many of the best routes to list, 1 to 100 (all are counted)
    #[arg(long, default_value_t = crate::analysis::routes::DEFAULT_LIMIT, value_parser = super::positive_limit)]
    pub limit: usize,
    /// Stage routes start at (default: the first stage)
    #[arg(long, value_name = "STAGE")]
    pub from: Option<String>,
    /// Stage routes end at (default: magnets, else the last stage)
    #[arg(long, value_name = "STAGE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Operating,
    All,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let Some((query, options)) = query_of(m, args) else {
        return Ok(exit::INVALID);
    };
    let without = match args.exclude_facility.as_deref().map(|l| facilities(m, l)) {
        None => BTreeSet::new(),
        Some(Ok(set)) => set,
        Some(Err(message)) => {
            errln!("rechain: --exclude-facility: {message}");
            return Ok(exit::INVALID);
        }
    };
    let report = find_routes_without(m, &query, &options, &without);
    // Producing plants only: say too what plants not yet producing would add.
    let wider = match args.output.format {
        OutputFormat::Md | OutputFormat::Text => query
            .widened()
            .map(|all| find_routes_without(m, &all, &options, &without)),
        OutputFormat::Json | OutputFormat::Csv => None,
    };
    let view = RoutesOutput {
        query,
        report,
        wider,
        status: args.status,
        without,
    };
    let code = emit(m, args.output, &view)?;
    if matches!(args.output.format, OutputFormat::Json | OutputFormat::Csv) {
        errln!("rechain: {}", summary(m, &view.query, &view.report));
        for b in &view.report.breaks {
            errln!("rechain: {}", break_text(m, b));
        }
    }
    Ok(code)
}

/// The routes found, and those plants not yet producing would add.
struct RoutesOutput {
    query: RouteQuery,
    report: RouteReport,
    wider: Option<RouteReport>,
    status: StatusArg,
    /// Facilities taken out by id.
    without: BTreeSet<FacilityId>,
}

impl View for RoutesOutput {
    fn doc(&self, m: &Model) -> Doc {
        let view = RoutesView {
            query: &self.query,
            report: &self.report,
            wider: self.wider.as_ref(),
        };
        let mut doc = routes_doc(m, &view);
        if !self.without.is_empty() {
            doc.push_line(vec![DocBuilder::dim(format!(
                "Taken out by id: {}.",
                facility_ids(m, &self.without).join(", ")
            ))]);
        }
        doc
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        let mut json = report_json(m, &self.query, &self.report, self.status);
        json.without_facilities = facility_ids(m, &self.without);
        serde_json::to_value(json).unwrap_or_default()
    }

    fn csv(&self, m: &Model) -> Option<String> {
        Some(routes_table(m, &self.report).to_csv())
    }
}

/// The ids of facilities, in file order.
fn facility_ids<'m>(m: &'m Model, set: &BTreeSet<FacilityId>) -> Vec<&'m str> {
    set.iter().map(|&x| m.facility(x).id.as_str()).collect()
}

/// Facilities named by id in a comma list; the message names the first id that is none.
fn facilities(m: &Model, list: &str) -> Result<BTreeSet<FacilityId>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| match m.lookup(id) {
            Some(EntityRef::Facility(x)) => Ok(x),
            _ => Err(format!(
                "no facility with id `{}` (run `rechain search {} --kind facility`)",
                one_line(id),
                one_line(id)
            )),
        })
        .collect()
}

/// The query and options the flags ask for; None, with the reason on stderr, when a flag
/// names no country or stage of the model.
fn query_of(m: &Model, args: &Args) -> Option<(RouteQuery, RouteOptions)> {
    let excluded = match super::excluded_arg(m, args.exclude.as_deref()) {
        Ok(set) => set,
        Err(why) => {
            super::refuse(&why);
            return None;
        }
    };
    let mut options = RouteOptions {
        limit: args.limit,
        ..RouteOptions::default()
    };
    for (flag, text, slot) in [
        ("--from", &args.from, &mut options.from),
        ("--to", &args.to, &mut options.to),
    ] {
        if let Some(text) = text {
            match m.find_stage(text) {
                Ok(s) => *slot = Some(s),
                Err(e) => {
                    errln!("rechain: {flag}: {}", lookup_message(m, &e));
                    return None;
                }
            }
        }
    }
    if args.limit > MAX_LIMIT {
        errln!("rechain: --limit: listing at most {MAX_LIMIT} routes");
    }
    let query = RouteQuery {
        excluded,
        by: args.by.rule(),
        status: match args.status {
            StatusArg::Operating => StatusFilter::Operating,
            StatusArg::All => StatusFilter::All,
        },
    };
    Some((query, options))
}

fn report_json<'m>(
    m: &'m Model,
    query: &RouteQuery,
    report: &'m RouteReport,
    status: StatusArg,
) -> ReportJson<'m> {
    let mut caveats = caveats(m, query, report);
    if report.total > 0 {
        caveats.push(recorded_line(report));
    }
    ReportJson {
        summary: summary(m, query, report),
        total: report.total,
        recorded: report.recorded,
        possible: report.total.saturating_sub(report.recorded),
        status: match status {
            StatusArg::Operating => "operating",
            StatusArg::All => "all",
        },
        excluded: sorted_codes(m, &query.excluded),
        without_facilities: Vec::new(),
        by: query.by.mode.as_str(),
        control: query.by.control,
        caveats,
        breaks: report.breaks.iter().map(|b| break_text(m, b)).collect(),
        routes: report
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| route_json(m, i + 1, r))
            .collect(),
    }
}

/// Both totals and every caveat beside the routes, so no reader takes a possible route for a
/// recorded one.
#[derive(Serialize)]
struct ReportJson<'a> {
    summary: String,
    total: u128,
    recorded: u128,
    possible: u128,
    status: &'static str,
    excluded: Vec<&'a str>,
    /// Facilities taken out by id (`--exclude-facility`).
    without_facilities: Vec<&'a str>,
    by: &'static str,
    control: u8,
    caveats: Vec<String>,
    /// Why no route exists; empty when one does.
    breaks: Vec<String>,
    routes: Vec<RouteJson<'a>>,
}

#[derive(Serialize)]
struct RouteJson<'a> {
    /// Every hop a recorded link or inside one firm.
    recorded: bool,
    rank: usize,
    facilities: Vec<&'a str>,
    countries: Vec<&'a str>,
    steps: Vec<StepJson<'a>>,
    hops: Vec<HopJson<'a>>,
    bottleneck: BottleneckJson<'a>,
    not_producing: Vec<&'a str>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    facility: &'a str,
    name: &'a str,
    firm: &'a str,
    country: &'a str,
    stages: Vec<&'a str>,
    status: &'static str,
    capacity: Option<CapacityJson<'a>>,
}

#[derive(Serialize)]
struct CapacityJson<'a> {
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    unit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    source: &'a str,
}

#[derive(Serialize)]
struct HopJson<'a> {
    from: &'a str,
    to: &'a str,
    /// "link", "same firm" or "stage order".
    via: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    from: &'a str,
    to: &'a str,
    kind: LinkKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    what: Option<&'a str>,
    source: &'a str,
}

#[derive(Serialize)]
struct BottleneckJson<'a> {
    facility: Option<&'a str>,
    value: Option<f64>,
    unit: Option<&'a str>,
    /// False when the route's capacities are in units that do not convert, or one is
    /// unclear: no bottleneck is named.
    comparable: bool,
    /// Why not comparable.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_comparable: Option<String>,
    /// True when the value is an equivalent worked out with the model's conversions.
    derived: bool,
    /// The bottleneck's capacity as published, when converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<PublishedJson<'a>>,
    /// The conversions applied, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conversions: Vec<ConversionJson<'a>>,
    /// Units of the capacities along the route, each once.
    units: Vec<&'a str>,
    without_capacity: Vec<&'a str>,
}

#[derive(Serialize)]
struct PublishedJson<'a> {
    value: f64,
    unit: &'a str,
}

#[derive(Serialize)]
struct ConversionJson<'a> {
    from: &'a str,
    to: &'a str,
    factor: f64,
    /// True when the factor was applied backwards (divided by).
    backwards: bool,
    /// published or stoichiometric.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

fn route_json<'a>(m: &'a Model, rank: usize, r: &'a Route) -> RouteJson<'a> {
    let id = |x: FacilityId| m.facility(x).id.as_str();
    RouteJson {
        recorded: r.known_hops() == r.hops.len(),
        rank,
        facilities: r.facilities().map(id).collect(),
        countries: r
            .countries
            .iter()
            .map(|&c| m.country(c).code.as_str())
            .collect(),
        steps: r
            .steps
            .iter()
            .map(|s| {
                let f = &m.facility(s.facility);
                StepJson {
                    facility: &f.id,
                    name: &f.name,
                    firm: &m.firm(f.firm).id,
                    country: &m.country(f.country).code,
                    stages: s.stages.iter().map(|&st| m.stage(st).id.as_str()).collect(),
                    status: f.status.as_str(),
                    capacity: step_capacity(m, s).map(|c| CapacityJson {
                        value: c.value,
                        max: c.max,
                        unit: &c.unit,
                        year: c.year,
                        source: &m.source(c.source).id,
                    }),
                }
            })
            .collect(),
        hops: r
            .hops
            .iter()
            .map(|h| HopJson {
                from: id(h.from),
                to: id(h.to),
                via: h.via.as_str(),
                link: match h.via {
                    Via::Link(l) => {
                        let link = &m.link(l);
                        Some(LinkJson {
                            from: m.party_id(link.from),
                            to: m.party_id(link.to),
                            kind: link.kind,
                            what: link.what.as_deref(),
                            source: &m.source(link.source).id,
                        })
                    }
                    _ => None,
                },
            })
            .collect(),
        bottleneck: BottleneckJson {
            facility: r.bottleneck.as_ref().map(|b| id(b.facility)),
            value: r.bottleneck.as_ref().map(|b| b.value),
            unit: r.bottleneck.as_ref().map(|b| b.unit.as_str()),
            comparable: r.comparable(),
            not_comparable: not_comparable_text(m, r),
            derived: r
                .bottleneck
                .as_ref()
                .is_some_and(|b| !b.conversions.is_empty()),
            published: r
                .bottleneck
                .as_ref()
                .and_then(|b| b.published.as_ref())
                .map(|(value, unit)| PublishedJson {
                    value: *value,
                    unit,
                }),
            conversions: r
                .bottleneck
                .iter()
                .flat_map(|b| &b.conversions)
                .map(|&(c, backwards)| {
                    let c = &m.conversions()[c];
                    ConversionJson {
                        from: &m.units()[c.from].name,
                        to: &m.units()[c.to].name,
                        factor: c.factor,
                        backwards,
                        kind: c.kind.as_str(),
                        source: c.source.map(|s| m.source(s).id.as_str()),
                    }
                })
                .collect(),
            units: r.units.iter().map(String::as_str).collect(),
            without_capacity: r.without_capacity.iter().map(|&x| id(x)).collect(),
        },
        not_producing: r.not_producing.iter().map(|&x| id(x)).collect(),
    }
}
