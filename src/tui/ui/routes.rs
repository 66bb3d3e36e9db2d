//! The routes view: ore-to-magnet routes left with the current exclusions, with producing
//! plants first, then with plants still planned or being built.

use ratatui::text::{Line, Span};

use crate::analysis::routes::{Route, RouteReport, Via, producing};
use crate::present::card::status_name;
use crate::present::doc::Role;
use crate::present::format::number;
use crate::present::text::clean;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Lines of the routes view, for scrolling.
pub fn line_count(app: &App) -> usize {
    lines(app).len()
}

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let m = &app.model;
    let theme = &app.theme;
    let Some(routes) = &app.what_if.routes else {
        return vec![Line::styled(" no routes computed", theme.dim())];
    };
    let mut out = Vec::new();
    let scope = if app.what_if.is_active() {
        format!(" Without {}", app.what_if.label(m))
    } else {
        " No country excluded (x on a country excludes it)".to_owned()
    };
    out.push(Line::styled(scope, theme.role(Role::Heading)));

    let operating = &routes.operating;
    out.push(Line::styled(
        format!(" Producing plants only: {}", summary(app, operating)),
        theme.role(Role::Title),
    ));
    if operating.total > 0 {
        route_lines(app, operating, &mut out);
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!(
                " With plants not yet producing too (construction, planned…): {}.",
                count(routes.all.total)
            ),
            theme.dim(),
        ));
    } else {
        break_lines(app, operating, &mut out);
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!(
                " With plants not yet producing too: {}",
                summary(app, &routes.all)
            ),
            theme.role(Role::Title),
        ));
        if routes.all.total > 0 {
            route_lines(app, &routes.all, &mut out);
        } else {
            break_lines(app, &routes.all, &mut out);
        }
    }
    out
}

fn count(total: u128) -> String {
    match total {
        0 => "no route".to_owned(),
        1 => "1 route".to_owned(),
        n => format!("{} routes", number(n as f64)),
    }
}

/// `594 routes from Mining to Magnets, the best 10:`
fn summary(app: &App, report: &RouteReport) -> String {
    let ends = report.ends.map_or(String::new(), |(from, to)| {
        format!(
            " from {} to {}",
            clean(&app.model.stages[from].name),
            clean(&app.model.stages[to].name)
        )
    });
    let shown = report.routes.len() as u128;
    let tail = if report.total == 0 {
        "; why:"
    } else if report.total > shown {
        ", the best ones:"
    } else {
        ":"
    };
    format!("{}{ends}{tail}", count(report.total))
}

fn break_lines(app: &App, report: &RouteReport, out: &mut Vec<Line<'static>>) {
    for b in &report.breaks {
        out.push(Line::styled(
            format!("   {}", clean(&b.describe(&app.model))),
            app.theme.role(Role::Warning),
        ));
    }
}

fn route_lines(app: &App, report: &RouteReport, out: &mut Vec<Line<'static>>) {
    for (i, route) in report.routes.iter().enumerate() {
        out.push(Line::raw(""));
        out.push(route_heading(app, i + 1, route));
        for (k, step) in route.steps.iter().enumerate() {
            out.extend(step_lines(app, &app.theme, step.facility, &step.stages));
            if let Some(hop) = route.hops.get(k) {
                out.push(Line::styled(
                    format!("     ↓ {}", hop_label(app, hop.via)),
                    app.theme.dim(),
                ));
            }
        }
        out.push(bottleneck_line(app, route));
    }
}

/// `1. AU → MY → JP · 3 hops, 2 by stage order`
fn route_heading(app: &App, rank: usize, r: &Route) -> Line<'static> {
    let m = &app.model;
    let mut countries: Vec<String> = r
        .facilities()
        .map(|x| clean(&m.countries[m.facilities[x].country].code).into_owned())
        .collect();
    countries.dedup();
    let unrecorded = r.hops.len() - r.known_hops();
    let hops = match (r.hops.len(), unrecorded) {
        (0, _) => "one plant".to_owned(),
        (1, 0) => "1 hop, recorded".to_owned(),
        (1, _) => "1 hop, by stage order".to_owned(),
        (n, 0) => format!("{n} hops, all recorded"),
        (n, u) => format!("{n} hops, {u} by stage order"),
    };
    Line::styled(
        format!(" {rank}. {} · {hops}", countries.join(" → ")),
        app.theme.role(Role::Title),
    )
}

/// `   bottleneck 5,000 t NdFeB/yr at Island magnet plant (units differ)`
fn bottleneck_line(app: &App, r: &Route) -> Line<'static> {
    let theme = &app.theme;
    let Some(b) = &r.bottleneck else {
        return Line::styled("   bottleneck unknown: no capacity figures", theme.dim());
    };
    let mut spans = vec![
        Span::styled("   bottleneck ", theme.dim()),
        Span::styled(number(b.value), theme.role(Role::Number)),
        Span::raw(format!(" {}", clean(&b.unit))),
        Span::styled(
            format!(" at {}", clean(&app.model.facilities[b.facility].name)),
            theme.dim(),
        ),
    ];
    if b.units_differ {
        spans.push(Span::styled(" (units differ)", theme.dim()));
    }
    Line::from(spans)
}

/// A facility in two lines: what and where, then what it does there.
fn step_lines(app: &App, theme: &Theme, x: usize, stages: &[usize]) -> [Line<'static>; 2] {
    let m = &app.model;
    let f = &m.facilities[x];
    let stage_names: Vec<String> = stages
        .iter()
        .map(|&s| clean(&m.stages[s].name).into_owned())
        .collect();
    let status_role = if producing(f.status) {
        Role::Status
    } else {
        Role::Warning
    };
    // Every figure carries its source id, as everywhere else in the app.
    let capacity = match &f.capacity {
        Some(c) => {
            let range = c
                .max
                .map(|max| format!("–{}", number(max)))
                .unwrap_or_default();
            vec![
                Span::styled(
                    format!(" · {}{range} {}", number(c.value), clean(&c.unit)),
                    theme.dim(),
                ),
                Span::styled(
                    format!(" [{}]", clean(&m.sources[c.source].id)),
                    theme.role(Role::Source),
                ),
            ]
        }
        None => vec![Span::styled(" · capacity n/a", theme.dim())],
    };
    [
        Line::from(vec![
            Span::raw(format!("   {}", clean(&f.name))),
            Span::styled(
                format!(
                    " · {} · {}",
                    clean(&m.countries[f.country].code),
                    clean(&m.firms[f.firm].name)
                ),
                theme.dim(),
            ),
        ]),
        Line::from(
            [
                Span::styled(format!("     {} · ", stage_names.join(", ")), theme.dim()),
                Span::styled(status_name(f.status), theme.role(status_role)),
            ]
            .into_iter()
            .chain(capacity)
            .collect::<Vec<_>>(),
        ),
    ]
}

fn hop_label(app: &App, via: Via) -> String {
    match via {
        Via::Link(l) => {
            let link = &app.model.links[l];
            let what = link
                .what
                .as_deref()
                .map(|w| format!(" · {}", clean(w)))
                .unwrap_or_default();
            let source = clean(&app.model.sources[link.source].id);
            format!("link: {}{what} [{source}]", link.kind.verbs().0)
        }
        Via::SameFirm => "same firm".to_owned(),
        Via::StageOrder => "stage order (no link recorded)".to_owned(),
    }
}
