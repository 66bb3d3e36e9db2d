//! `rechain routes`: ore-to-magnet routes through facilities, avoiding excluded countries.

use std::collections::BTreeSet;
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use super::shares::{find_stage, grouped};
use super::{Format, exit, plural};
use crate::analysis::exclusion::{codes, parse_countries};
use crate::analysis::routes::{
    MAX_LIMIT, Route, RouteOptions, RouteQuery, RouteReport, StatusFilter, Via, find_routes_with,
};
use crate::model::{Figure, LinkKind, Model};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Countries whose facilities routes may not use, as codes (CN,MY)
    #[arg(long, value_name = "CC,...")]
    pub exclude: Option<String>,
    /// operating: producing facilities only (operating or ramping); all: anything not closed, suspended or cancelled
    #[arg(long, value_enum, default_value_t = StatusArg::Operating)]
    pub status: StatusArg,
    /// How many of the best routes to list, at most 100 (all are counted)
    #[arg(long, default_value_t = crate::analysis::routes::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Stage routes start at (default: the first stage)
    #[arg(long, value_name = "STAGE")]
    pub from: Option<String>,
    /// Stage routes end at (default: magnets, else the last stage)
    #[arg(long, value_name = "STAGE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Operating,
    All,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let excluded = match args.exclude.as_deref().map(|list| parse_countries(m, list)) {
        None => BTreeSet::new(),
        Some(Ok(set)) => set,
        Some(Err(message)) => {
            eprintln!("rechain: --exclude: {message}");
            return Ok(exit::INVALID);
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
            match find_stage(m, text) {
                Ok(s) => *slot = Some(s),
                Err(message) => {
                    eprintln!("rechain: {flag}: {message}");
                    return Ok(exit::INVALID);
                }
            }
        }
    }
    if args.limit > MAX_LIMIT {
        eprintln!("rechain: --limit: listing at most {MAX_LIMIT} routes");
    }
    let query = RouteQuery {
        excluded,
        status: match args.status {
            StatusArg::Operating => StatusFilter::Operating,
            StatusArg::All => StatusFilter::All,
        },
    };
    let report = find_routes_with(m, &query, &options);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            let routes: Vec<RouteJson> = report
                .routes
                .iter()
                .enumerate()
                .map(|(i, r)| route_json(m, i + 1, r))
                .collect();
            serde_json::to_writer_pretty(&mut out, &routes).map_err(io::Error::other)?;
            writeln!(out)?;
            eprintln!("rechain: {}", summary(m, &query, &report));
            for b in &report.breaks {
                eprintln!("rechain: {}", b.describe(m));
            }
        }
        Format::Text => write_text(&mut out, m, &query, &report)?,
    }
    Ok(exit::OK)
}

/// "3 routes from Mining to Magnets (operating or ramping facilities only; excluding CN)".
fn summary(m: &Model, q: &RouteQuery, report: &RouteReport) -> String {
    let ends = match report.ends {
        Some((from, to)) => format!(" from {} to {}", m.stages[from].name, m.stages[to].name),
        None => String::new(),
    };
    let mut filters = vec![q.status.label().to_owned()];
    if !q.excluded.is_empty() {
        filters.push(format!("excluding {}", codes(m, &q.excluded)));
    }
    let count = match report.total {
        0 => "no route".to_owned(),
        n => format!("{} route{}", grouped(n as f64), plural_u128(n)),
    };
    let shown = if report.total > report.routes.len() as u128 {
        format!(", best {} shown", report.routes.len())
    } else {
        String::new()
    };
    format!("{count}{ends} ({}){shown}", filters.join("; "))
}

fn plural_u128(n: u128) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn write_text(
    out: &mut impl Write,
    m: &Model,
    q: &RouteQuery,
    report: &RouteReport,
) -> io::Result<()> {
    writeln!(out, "{}", summary(m, q, report))?;
    if !report.breaks.is_empty() {
        writeln!(out, "Why:")?;
        for b in &report.breaks {
            writeln!(out, "  {}", b.describe(m))?;
        }
        return Ok(());
    }
    for (i, route) in report.routes.iter().enumerate() {
        writeln!(out)?;
        write_route(out, m, i + 1, route)?;
    }
    Ok(())
}

fn write_route(out: &mut impl Write, m: &Model, rank: usize, r: &Route) -> io::Result<()> {
    // The countries the material passes through, in order (a return shows twice).
    let mut countries: Vec<&str> = r
        .facilities()
        .map(|x| m.countries[m.facilities[x].country].code.as_str())
        .collect();
    countries.dedup();
    let unrecorded = r.hops.len() - r.known_hops();
    let hops = match (r.hops.len(), unrecorded) {
        (0, _) => "one facility".to_owned(),
        (n, 0) => format!("{n} hop{}, all recorded", plural(n)),
        (n, u) => format!("{n} hop{}, {u} by stage order only", plural(n)),
    };
    writeln!(out, "{rank}. {} · {hops}", countries.join(" → "))?;
    let id_width = r
        .facilities()
        .map(|x| m.facilities[x].id.chars().count())
        .max()
        .unwrap_or(0);
    let stage_text: Vec<String> = r
        .steps
        .iter()
        .map(|s| {
            s.stages
                .iter()
                .map(|&st| m.stages[st].id.as_str())
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    let stage_width = stage_text
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    for (i, step) in r.steps.iter().enumerate() {
        let f = &m.facilities[step.facility];
        let capacity = f.capacity.as_ref().map_or("capacity n/a".into(), |c| {
            format!("{} [{}]", figure(c), m.sources[c.source].id)
        });
        writeln!(
            out,
            "   {:<id_width$}  {}  {:<stage_width$}  {:<12} {capacity}",
            f.id,
            m.countries[f.country].code,
            stage_text[i],
            f.status.as_str(),
        )?;
        if let Some(hop) = r.hops.get(i) {
            writeln!(out, "     ↓ {}", hop_text(m, hop.via))?;
        }
    }
    writeln!(out, "   {}", bottleneck_text(m, r))
}

fn hop_text(m: &Model, via: Via) -> String {
    match via {
        Via::Link(l) => {
            let link = &m.links[l];
            let what = link
                .what
                .as_deref()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default();
            format!(
                "link: {} {} {}{what} [{}]",
                m.party_id(link.from),
                link.kind.verbs().0,
                m.party_id(link.to),
                m.sources[link.source].id
            )
        }
        Via::SameFirm => "same firm".into(),
        Via::StageOrder => "stage order (no link recorded)".into(),
    }
}

fn bottleneck_text(m: &Model, r: &Route) -> String {
    let mut text = match &r.bottleneck {
        Some(b) => {
            let differ = if b.units_differ {
                " (units differ along the route)"
            } else {
                ""
            };
            format!(
                "bottleneck {} {} at {}{differ}",
                grouped(b.value),
                b.unit,
                m.facilities[b.facility].id
            )
        }
        None => "bottleneck unknown: no capacity figures".into(),
    };
    if r.bottleneck.is_some() && !r.without_capacity.is_empty() {
        let n = r.without_capacity.len();
        text.push_str(&format!(
            "; {n} facilit{} without capacity",
            if n == 1 { "y" } else { "ies" }
        ));
    }
    if !r.not_producing.is_empty() {
        let n = r.not_producing.len();
        text.push_str(&format!("; {n} not producing yet"));
    }
    text
}

fn figure(f: &Figure) -> String {
    let value = match f.max {
        Some(max) if max > f.value => format!("{}–{}", grouped(f.value), grouped(max)),
        _ => grouped(f.value),
    };
    format!("{value} {}", f.unit)
}

#[derive(Serialize)]
struct RouteJson<'a> {
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
    units_differ: bool,
    without_capacity: Vec<&'a str>,
}

fn route_json<'a>(m: &'a Model, rank: usize, r: &'a Route) -> RouteJson<'a> {
    let id = |x: usize| m.facilities[x].id.as_str();
    RouteJson {
        rank,
        facilities: r.facilities().map(id).collect(),
        countries: r
            .countries
            .iter()
            .map(|&c| m.countries[c].code.as_str())
            .collect(),
        steps: r
            .steps
            .iter()
            .map(|s| {
                let f = &m.facilities[s.facility];
                StepJson {
                    facility: &f.id,
                    name: &f.name,
                    firm: &m.firms[f.firm].id,
                    country: &m.countries[f.country].code,
                    stages: s
                        .stages
                        .iter()
                        .map(|&st| m.stages[st].id.as_str())
                        .collect(),
                    status: f.status.as_str(),
                    capacity: f.capacity.as_ref().map(|c| CapacityJson {
                        value: c.value,
                        max: c.max,
                        unit: &c.unit,
                        year: c.year,
                        source: &m.sources[c.source].id,
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
                via: h.via.label(),
                link: match h.via {
                    Via::Link(l) => {
                        let link = &m.links[l];
                        Some(LinkJson {
                            from: m.party_id(link.from),
                            to: m.party_id(link.to),
                            kind: link.kind,
                            what: link.what.as_deref(),
                            source: &m.sources[link.source].id,
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
            units_differ: r.bottleneck.as_ref().is_some_and(|b| b.units_differ),
            without_capacity: r.without_capacity.iter().map(|&x| id(x)).collect(),
        },
        not_producing: r.not_producing.iter().map(|&x| id(x)).collect(),
    }
}
