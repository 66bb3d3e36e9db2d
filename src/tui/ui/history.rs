//! The history overlay: a stage's share of each country across the dated blocks of one source
//! series, and its capacity producing by year with the pipeline by target year, one unit at a
//! time. Countries differ by marker, projections are dim and their years marked, so the chart
//! reads without colour.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Clear, Dataset, GraphType, LegendPosition, Paragraph, Widget,
};

use crate::analysis::history::{ShareSeries, capacity_history, series_countries, share_series};
use crate::model::Model;
use crate::present::format::number;
use crate::present::history::PROJECTION_MARK;
use crate::tui::app::App;

/// Markers for the countries of a share chart, in order; more countries are not drawn.
const COUNTRY_MARKERS: [(Marker, &str); 4] = [
    (Marker::Block, "█"),
    (Marker::Dot, "•"),
    (Marker::Bar, "▄"),
    (Marker::Braille, "⠿"),
];
/// Chart points: (year, value).
type Points = Vec<(f64, f64)>;

const COLORS: [Color; 4] = [Color::Cyan, Color::Yellow, Color::Green, Color::Magenta];

pub fn render(app: &App, stage: usize, series: usize, unit: usize, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let Some(st) = m.stages().get(stage) else {
        return;
    };
    let rect = crate::tui::geometry::centered(area, 110, 34);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.border(true))
        .title(
            Line::from(format!(
                " {} — history (as of {}) ",
                st.name,
                m.as_of_date()
            ))
            .style(app.theme.pane_title(true)),
        )
        .title_bottom(Line::from(" [ ] source · Tab unit · Esc closes ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner);
    shares_chart(app, stage, series, top, buf);
    capacity_chart(app, stage, unit, bottom, buf);
}

fn color(app: &App, i: usize) -> Style {
    if app.theme.color {
        Style::new().fg(COLORS[i % COLORS.len()])
    } else {
        Style::new()
    }
}

fn note(app: &App, text: String, area: Rect, buf: &mut Buffer) {
    Paragraph::new(vec![Line::styled(text, app.theme.dim())]).render(area, buf);
}

/// Year bounds with a little room, so a single year still has an axis.
fn year_bounds(years: impl Iterator<Item = u16> + Clone) -> [f64; 2] {
    let lo = f64::from(years.clone().min().unwrap_or(2000));
    let hi = f64::from(years.max().unwrap_or(2000));
    if hi > lo {
        [lo, hi]
    } else {
        [lo - 1.0, hi + 1.0]
    }
}

fn shares_chart(app: &App, stage: usize, series: usize, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let all = share_series(m, stage);
    if all.is_empty() {
        note(app, " Shares: no dated share blocks".into(), area, buf);
        return;
    }
    let s = &all[series % all.len()];
    let countries: Vec<usize> = series_countries(std::slice::from_ref(s))
        .into_iter()
        .take(COUNTRY_MARKERS.len())
        .collect();
    let data: Vec<(Points, Points)> = countries.iter().map(|&c| country_points(s, c)).collect();
    let mut datasets = Vec::new();
    for (i, (&c, (recorded, projected))) in countries.iter().zip(&data).enumerate() {
        let (marker, symbol) = COUNTRY_MARKERS[i];
        datasets.push(
            Dataset::default()
                .name(format!("{symbol} {}", m.country(c).code))
                .marker(marker)
                .graph_type(if recorded.len() > 1 {
                    GraphType::Line
                } else {
                    GraphType::Scatter
                })
                .style(color(app, i))
                .data(recorded),
        );
        if !projected.is_empty() {
            datasets.push(
                Dataset::default()
                    .marker(marker)
                    .graph_type(GraphType::Scatter)
                    .style(color(app, i).add_modifier(Modifier::DIM))
                    .data(projected),
            );
        }
    }
    let x = year_bounds(s.points.iter().map(|p| p.year));
    let top = s
        .points
        .iter()
        .flat_map(|p| p.percents.iter().map(|&(_, v)| v))
        .fold(0.0_f64, f64::max);
    let y_max = ((top / 10.0).ceil() * 10.0).clamp(10.0, 100.0);
    let x_labels: Vec<Span> = axis_years(s.points.iter().map(|p| (p.year, p.projection)));
    let title = shares_title(m, s, series, all.len());
    let axes = Axes {
        x,
        x_labels,
        y: [0.0, y_max],
        y_labels: vec![
            Span::raw("0%"),
            Span::raw(crate::present::format::percent_whole(y_max)),
        ],
    };
    chart(app, title, datasets, axes, LegendPosition::TopRight).render(area, buf);
}

/// One country's points in a series: recorded and projected apart.
fn country_points(s: &ShareSeries, country: usize) -> (Points, Points) {
    let mut recorded = Vec::new();
    let mut projected = Vec::new();
    for p in &s.points {
        if let Some(v) = p.percent(country) {
            let point = (f64::from(p.year), v);
            if p.projection {
                projected.push(point);
            } else {
                recorded.push(point);
            }
        }
    }
    (recorded, projected)
}

/// The metric and source, which of the stage's series it is, and the projection mark's key.
fn shares_title(m: &Model, s: &ShareSeries, series: usize, n: usize) -> String {
    let source = &m.source(s.source).id;
    let position = if n > 1 {
        format!(" · {} of {n}", series % n + 1)
    } else {
        String::new()
    };
    let key = if s.points.iter().any(|p| p.projection) {
        format!(" · {PROJECTION_MARK} = projection")
    } else {
        String::new()
    };
    format!(" Share of world, {} [{source}]{position}{key} ", s.metric)
}

/// Bounds and labels of a chart's two axes.
struct Axes {
    x: [f64; 2],
    x_labels: Vec<Span<'static>>,
    y: [f64; 2],
    y_labels: Vec<Span<'static>>,
}

/// A chart in the overlay's style: a heading, dim axes, the legend where it says.
fn chart<'a>(
    app: &App,
    title: String,
    datasets: Vec<Dataset<'a>>,
    axes: Axes,
    legend: LegendPosition,
) -> Chart<'a> {
    Chart::new(datasets)
        .block(Block::new().title(Line::styled(
            title,
            app.theme.role(crate::present::doc::Role::Heading),
        )))
        .x_axis(
            Axis::default()
                .bounds(axes.x)
                .labels(axes.x_labels)
                .style(app.theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds(axes.y)
                .labels(axes.y_labels)
                .style(app.theme.dim()),
        )
        .legend_position(Some(legend))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 1)))
}

/// The first, last and any projected year, projections marked.
fn axis_years(points: impl Iterator<Item = (u16, bool)>) -> Vec<Span<'static>> {
    let points: Vec<(u16, bool)> = points.collect();
    let label = |(y, p): (u16, bool)| {
        Span::raw(if p {
            format!("{y}{PROJECTION_MARK}")
        } else {
            y.to_string()
        })
    };
    match points.as_slice() {
        [] => Vec::new(),
        [only] => vec![Span::raw(""), label(*only), Span::raw("")],
        [first, .., last] => vec![label(*first), label(*last)],
    }
}

fn capacity_chart(app: &App, stage: usize, unit: usize, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let history = capacity_history(m, stage, None);
    if history.units.is_empty() {
        note(
            app,
            " Capacity: no facility of this stage gives one".into(),
            area,
            buf,
        );
        return;
    }
    let n = history.units.len();
    let u = &history.units[unit % n];
    let operating: Vec<(f64, f64)> = u
        .operating
        .iter()
        .map(|&(y, v)| (f64::from(y), v))
        .collect();
    let pipeline: Vec<(f64, f64)> = u.pipeline.iter().map(|&(y, v)| (f64::from(y), v)).collect();
    let mut title = format!(" Capacity, {}", u.unit);
    if n > 1 {
        let _ = write!(title, " · unit {} of {n}", unit % n + 1);
    }
    if u.undated.1 > 0 {
        let _ = write!(title, " · +{} undated", number(u.undated.0));
    }
    title.push(' ');
    let years = u.operating.iter().chain(&u.pipeline).map(|&(y, _)| y);
    if operating.is_empty() && pipeline.is_empty() {
        note(app, format!("{title}: no dated history"), area, buf);
        return;
    }
    let x = year_bounds(years);
    let top = operating
        .iter()
        .chain(&pipeline)
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let datasets = vec![
        Dataset::default()
            .name("█ operating")
            .marker(Marker::Block)
            .graph_type(GraphType::Line)
            .style(color(app, 0))
            .data(&operating),
        Dataset::default()
            .name("• pipeline, by target year")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(color(app, 1))
            .data(&pipeline),
    ];
    let axes = Axes {
        x,
        x_labels: vec![
            Span::raw(format!("{:.0}", x[0])),
            Span::raw(format!("{:.0}", x[1])),
        ],
        y: [0.0, top * 1.1],
        y_labels: vec![Span::raw("0"), Span::raw(number(top))],
    };
    chart(app, title, datasets, axes, LegendPosition::TopLeft).render(area, buf);
}
