//! Ore-to-magnet routes as a document: the count, each route's plants and hops with their
//! sources, the bottleneck and its caveats, or why no route is left. `rechain routes` (text and
//! Markdown) and the app's routes view (`m`, and `y` there) all show [`routes_doc`]; the route
//! table that CSV gives is [`routes_table`].

use crate::analysis::exclusion::codes;
use crate::analysis::routes::{
    Bottleneck, Break, NotComparable, Route, RouteQuery, RouteReport, StageGap, StatusFilter, Via,
    producing,
};
use crate::model::{FacilityId, Model, StageId};
use crate::present::card::status_name;
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, number, plural, range};
use crate::present::labels::exclusion_rule;
use crate::present::table::{Cell, Column, Table};
use crate::text::one_line;

/// What the routes view shows: the routes a query finds and, for a query of producing plants,
/// the same query with plants not yet producing too.
#[derive(Debug, Clone, Copy)]
pub struct RoutesView<'a> {
    pub query: &'a RouteQuery,
    pub report: &'a RouteReport,
    /// The routes through plants of any status not stopped: counted after the report's, and
    /// listed when the report has none.
    pub wider: Option<&'a RouteReport>,
}

/// A summary of what was asked and found, then the routes or why none, then how many more
/// there are with plants not yet producing (those routes, when producing plants make none),
/// then the caveats.
pub fn routes_doc(m: &Model, view: &RoutesView) -> Doc {
    let (q, report) = (view.query, view.report);
    let mut b = DocBuilder::new(m);
    b.title = summary(m, q, report);
    report_lines(&mut b, report);
    let mut listed = report;
    match view.wider {
        Some(all) if report.total > 0 => {
            b.blank();
            b.line(vec![DocBuilder::dim(format!(
                "With plants not yet producing too (construction, planned…): {}.",
                count(all.total, "route", "routes")
            ))]);
        }
        Some(all) => {
            b.blank();
            b.line(vec![(
                Role::Title,
                format!("With plants not yet producing too: {}", found(m, all)),
            )]);
            report_lines(&mut b, all);
            listed = all;
        }
        None => {}
    }
    b.blank();
    for caveat in caveats(m, q, listed) {
        b.line(vec![DocBuilder::dim(caveat)]);
    }
    b.finish()
}

/// The routes of a report as a table, one row each, by ids: what `rechain routes --format
/// csv` writes and `y` in the routes view gives as CSV.
pub fn routes_table(m: &Model, report: &RouteReport) -> Table {
    let mut table = Table::with_columns(vec![
        Column::fixed("rank").right(),
        Column::fixed("recorded"),
        Column::keep("facilities", 12),
        Column::keep("countries", 6),
        Column::optional("bottleneck", 2, 8),
        Column::fixed("capacity").right(),
        Column::optional("unit", 1, 4),
        Column::optional("not_producing", 0, 8),
    ]);
    let id = |x: FacilityId| m.facility(x).id.as_str();
    for (i, r) in report.routes.iter().enumerate() {
        let bottleneck = r.bottleneck.as_ref();
        let cells = [
            (i + 1).to_string(),
            (r.known_hops() == r.hops.len()).to_string(),
            r.facilities().map(id).collect::<Vec<_>>().join(" > "),
            r.countries
                .iter()
                .map(|&c| m.country(c).code.as_str())
                .collect::<Vec<_>>()
                .join(" > "),
            bottleneck.map_or_else(
                || {
                    if r.comparable() {
                        String::new()
                    } else {
                        "not comparable".to_owned()
                    }
                },
                |b| id(b.facility).to_owned(),
            ),
            bottleneck.map_or_else(String::new, |b| b.value.to_string()),
            bottleneck.map_or_else(
                || r.units.join("; "),
                |b| {
                    if b.conversions.is_empty() {
                        b.unit.clone()
                    } else {
                        format!("{} (derived)", b.unit)
                    }
                },
            ),
            r.not_producing
                .iter()
                .map(|&x| id(x))
                .collect::<Vec<_>>()
                .join("; "),
        ];
        table.push_cells(cells.into_iter().map(Cell::text).collect());
    }
    table
}

/// `3 recorded, 591 possible (a hop by stage order only)`, or that no recorded route exists.
pub fn recorded_line(report: &RouteReport) -> String {
    let possible = report.total.saturating_sub(report.recorded);
    if report.recorded == 0 {
        format!(
            "No recorded route: all {} need a hop known only by stage order.",
            number(report.total as f64)
        )
    } else {
        format!(
            "{} recorded (every hop a supply link or inside one firm), {} possible (a hop by stage order only).",
            number(report.recorded as f64),
            number(possible as f64)
        )
    }
}

/// What a reader must know about a route report beside the recorded count: the status filter,
/// how countries were excluded, and the caveats of the routes listed.
pub fn caveats(m: &Model, q: &RouteQuery, report: &RouteReport) -> Vec<String> {
    let mut out = vec![format!("Facilities: {}.", status_words(q.status))];
    if !q.excluded.is_empty() {
        out.push(format!(
            "Excluding {} {}.",
            codes(m, &q.excluded),
            exclusion_rule(q.by)
        ));
    }
    out.push(
        "Recorded routes are listed first. A facility counts only for the stages it does: where its products are known, the stages that make them."
            .into(),
    );
    let mut without: Vec<FacilityId> = report
        .routes
        .iter()
        .flat_map(|r| r.without_capacity.iter().copied())
        .collect();
    without.sort_unstable();
    without.dedup();
    let without = without.len();
    if without > 0 {
        out.push(format!(
            "Routes listed include {} without a published capacity: their bottleneck may be lower.",
            count(without as u128, "facility", "facilities")
        ));
    }
    if report.routes.iter().any(|r| !r.comparable()) {
        out.push(
            "Where a route's capacities are in units the model cannot convert, or one is unclear, no bottleneck is named: they are not comparable."
                .into(),
        );
    }
    if report.routes.iter().any(|r| {
        r.bottleneck
            .as_ref()
            .is_some_and(|b| !b.conversions.is_empty())
    }) {
        out.push(
            "A bottleneck marked derived is an equivalent worked out with the model's conversion factors, not a published figure."
                .into(),
        );
    }
    if report.routes.iter().any(|r| !r.not_producing.is_empty()) {
        out.push("Some routes listed use facilities that are not producing yet.".into());
    }
    out
}

/// "3 routes from Mining to Magnets (operating or ramping facilities only; excluding CN)".
pub fn summary(m: &Model, q: &RouteQuery, report: &RouteReport) -> String {
    let mut filters = vec![status_words(q.status).to_owned()];
    if !q.excluded.is_empty() {
        filters.push(format!(
            "excluding {} {}",
            codes(m, &q.excluded),
            exclusion_rule(q.by)
        ));
    }
    let shown = if report.total > report.routes.len() as u128 {
        format!(", best {} shown", report.routes.len())
    } else {
        String::new()
    };
    let split = if report.total == 0 {
        String::new()
    } else if report.recorded == 0 {
        ", none recorded".to_owned()
    } else {
        format!(
            ": {} recorded, {} possible",
            number(report.recorded as f64),
            number(report.total.saturating_sub(report.recorded) as f64)
        )
    };
    format!(
        "{}{} ({}){split}{shown}",
        count(report.total, "route", "routes"),
        ends(m, report),
        filters.join("; ")
    )
}

/// ` from Mining to Magnets`, or nothing when the model has no stages.
pub fn ends(m: &Model, report: &RouteReport) -> String {
    report.ends.map_or(String::new(), |(from, to)| {
        format!(
            " from {} to {}",
            one_line(&m.stage(from).name),
            one_line(&m.stage(to).name)
        )
    })
}

/// The routes of a report, or the reasons there are none.
pub fn report_lines(b: &mut DocBuilder, report: &RouteReport) {
    if report.total == 0 {
        b.line(vec![(Role::Dim, "Why:".into())]);
        for gap in &report.breaks {
            let why = break_text(b.m, gap);
            b.line(vec![(Role::Warning, format!("  {}", one_line(&why)))]);
        }
        return;
    }
    let role = if report.recorded == 0 {
        Role::Warning
    } else {
        Role::Dim
    };
    b.line(vec![(role, recorded_line(report))]);
    for (i, route) in report.routes.iter().enumerate() {
        b.blank();
        route_lines(b, i + 1, route);
    }
}

fn route_lines(b: &mut DocBuilder, rank: usize, r: &Route) {
    b.line(vec![(Role::Title, route_heading(b.m, rank, r))]);
    for (k, step) in r.steps.iter().enumerate() {
        step_lines(b, step.facility, &step.stages);
        if let Some(hop) = r.hops.get(k) {
            let mut line = vec![(Role::Dim, "     ↓ ".to_owned())];
            line.extend(hop_spans(b, hop.via));
            b.line(line);
        }
    }
    b.line(bottleneck_line(b.m, r));
}

/// `1. AU → MY → JP · possible · 3 hops, 2 by stage order only`
fn route_heading(m: &Model, rank: usize, r: &Route) -> String {
    // The countries the material passes through, in order (a return shows twice).
    let mut countries: Vec<String> = r
        .facilities()
        .map(|x| one_line(&m.country(m.facility(x).country).code).into_owned())
        .collect();
    countries.dedup();
    let unrecorded = r.hops.len() - r.known_hops();
    let n = r.hops.len();
    let hops = match (n, unrecorded) {
        (0, _) => "recorded · one facility".to_owned(),
        (n, 0) => format!("recorded · {n} hop{}", plural(n as u128)),
        (n, u) => format!(
            "possible · {n} hop{}, {u} by stage order only",
            plural(n as u128)
        ),
    };
    format!("{rank}. {} · {hops}", countries.join(" → "))
}

/// A facility in two lines: what, where and whose; then what it does there, its status and
/// its capacity with the source.
fn step_lines(b: &mut DocBuilder, x: FacilityId, stages: &[StageId]) {
    let m = b.m;
    let f = &m.facility(x);
    b.line(vec![
        (Role::Text, format!("   {}", one_line(&f.name))),
        DocBuilder::dim(format!(
            " · {} · {} · id {}",
            m.country(f.country).code,
            m.firm(f.firm).name,
            f.id
        )),
    ]);
    let stage_names: Vec<&str> = stages.iter().map(|&s| m.stage(s).name.as_str()).collect();
    let status_role = if producing(f.status) {
        Role::Status
    } else {
        Role::Warning
    };
    let mut line = vec![
        DocBuilder::dim(format!("     {} · ", stage_names.join(", "))),
        (status_role, status_name(f.status).to_owned()),
    ];
    // Only a capacity of a stage it covers here: one of another stage measures something else.
    match stages.iter().find_map(|&s| f.capacity_at(s)) {
        Some(capacity) => {
            line.push(DocBuilder::dim(format!(
                " · {} {} ",
                range(capacity),
                capacity.unit
            )));
            line.push(b.cite(capacity.source));
        }
        None => line.push(DocBuilder::dim(" · capacity n/a")),
    }
    b.line(line);
}

fn hop_spans(b: &mut DocBuilder, via: Via) -> Vec<(Role, String)> {
    match via {
        Via::Link(l) => {
            let m = b.m;
            let link = &m.link(l);
            let what = link
                .what
                .as_deref()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default();
            vec![
                DocBuilder::dim(format!(
                    "link: {} {} {}{what} ",
                    m.party_name(link.from),
                    link.kind.verbs().0,
                    m.party_name(link.to),
                )),
                b.cite(link.source),
            ]
        }
        Via::SameFirm => vec![DocBuilder::dim("same firm")],
        Via::StageOrder => vec![DocBuilder::dim("stage order (no link recorded)")],
    }
}

/// `derived from 400 t NdPr metal/yr`: what a converted bottleneck was as published.
pub fn derived_text(b: &Bottleneck) -> Option<String> {
    let (value, unit) = b.published.as_ref()?;
    Some(format!(
        "derived from {} {}",
        number(*value),
        one_line(unit)
    ))
}

/// Why a route names no bottleneck: `units differ (t REO/yr, t NdFeB/yr); t REO/yr does not
/// convert` (to the unit of the route's last capacity).
pub fn not_comparable_text(m: &Model, r: &Route) -> Option<String> {
    Some(match r.not_comparable.as_ref()? {
        NotComparable::UnclearUnit { facility } => format!(
            "the unit of {}'s capacity is unclear",
            one_line(&m.facility(*facility).name)
        ),
        NotComparable::NoConversion { from, .. } => format!(
            "units differ ({}); {} does not convert",
            one_line(&r.units.join(", ")),
            one_line(from)
        ),
    })
}

/// `   bottleneck 5,000 t NdFeB/yr at Island magnet plant; 2 facilities without capacity;
/// 1 not producing yet`, or `   bottleneck not comparable: units differ (t REO/yr, t NdFeB/yr)`.
fn bottleneck_line(m: &Model, r: &Route) -> Vec<(Role, String)> {
    let mut line = match &r.bottleneck {
        Some(b) => {
            let mut line = vec![
                DocBuilder::dim("   bottleneck "),
                (Role::Number, number(b.value)),
                DocBuilder::text(&format!(" {}", b.unit)),
            ];
            if let Some(derived) = derived_text(b) {
                line.push(DocBuilder::dim(format!(" ({derived})")));
            } else if r.units.len() > 1 {
                line.push(DocBuilder::dim(" (the others converted to compare)"));
            }
            line.push(DocBuilder::dim(format!(
                " at {}",
                m.facility(b.facility).name
            )));
            line
        }
        None => match not_comparable_text(m, r) {
            Some(why) => vec![DocBuilder::dim(format!(
                "   bottleneck not comparable: {why}"
            ))],
            None => vec![DocBuilder::dim(
                "   bottleneck unknown: no capacity figures",
            )],
        },
    };
    if !r.units.is_empty() && !r.without_capacity.is_empty() {
        let n = r.without_capacity.len() as u128;
        line.push(DocBuilder::dim(format!(
            "; {}",
            count(
                n,
                "facility without capacity",
                "facilities without capacity"
            )
        )));
    }
    if !r.not_producing.is_empty() {
        let n = r.not_producing.len();
        line.push((Role::Warning, format!("; {n} not producing yet")));
    }
    line
}

/// `594 routes from Mining to Magnets, the best ones:`
fn found(m: &Model, report: &RouteReport) -> String {
    let tail = if report.total == 0 {
        ""
    } else if report.total > report.routes.len() as u128 {
        ", the best ones:"
    } else {
        ":"
    };
    format!(
        "{}{}{tail}",
        count(report.total, "route", "routes"),
        ends(m, report)
    )
}

/// Which facilities a route may use, in words.
pub fn status_words(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Operating => "operating or ramping facilities only",
        StatusFilter::All => "all facilities that are not closed, suspended or cancelled",
    }
}

/// One sentence saying what breaks the routes.
pub fn break_text(m: &Model, b: &Break) -> String {
    match b {
        Break::NoStages => "the model has no stages".into(),
        Break::NoStagePath { from, to } => format!(
            "no stage path: following stage inputs from {} never reaches {}",
            m.stage(*from).name,
            m.stage(*to).name
        ),
        Break::EmptyStage(gap) => gap_text(m, gap),
        Break::Products { stage } => format!(
            "{}: what its facilities left pass on fits none of those left after it (their products name other rare earths)",
            m.stage(*stage).name
        ),
    }
}

/// `Magnets: none of its 3 facilities is left: 2 excluded (CN 1, JP 1); 1 not admitted by
/// status (1 announced)`.
fn gap_text(m: &Model, gap: &StageGap) -> String {
    let name = &m.stage(gap.stage).name;
    if gap.facilities == 0 {
        return format!("{name}: the model has no facility at this stage");
    }
    let mut why = Vec::new();
    if !gap.excluded.is_empty() {
        let n: usize = gap.excluded.iter().map(|&(_, n)| n).sum();
        let each: Vec<String> = gap
            .excluded
            .iter()
            .map(|&(c, n)| format!("{} {n}", m.country(c).code))
            .collect();
        why.push(format!("{n} excluded ({})", each.join(", ")));
    }
    if !gap.filtered.is_empty() {
        let n: usize = gap.filtered.iter().map(|&(_, n)| n).sum();
        let each: Vec<String> = gap
            .filtered
            .iter()
            .map(|&(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        why.push(format!("{n} not admitted by status ({})", each.join(", ")));
    }
    if gap.removed > 0 {
        why.push(format!("{} taken out by id", gap.removed));
    }
    if gap.other_products > 0 {
        // The verb agrees with its count: "1 makes", "2 make".
        let verb = if gap.other_products == 1 {
            "makes"
        } else {
            "make"
        };
        why.push(format!(
            "{} {verb} nothing this stage makes",
            gap.other_products
        ));
    }
    format!(
        "{name}: none of its {} is left: {}",
        count(gap.facilities as u128, "facility", "facilities"),
        why.join("; ")
    )
}
