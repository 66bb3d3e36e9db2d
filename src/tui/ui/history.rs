//! The history overlay: a stage's share of each country across the dated blocks of one source
//! series, and its capacity producing by year with the pipeline by target year, one unit at a
//! time. Countries differ by marker, projections are dim and their years marked, so the chart
//! reads without colour. The legend sits beside the heading, never over the plot; points carry
//! their values where the cells around them are free; a series of one year is a table.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Clear, Dataset, GraphType, Paragraph, Widget,
};

use crate::analysis::history::{ShareSeries, capacity_history, series_countries, share_series};
use crate::model::{CountryId, Model, StageId};
use crate::present::format::{number, percent_cell, percent_whole};
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

pub fn render(app: &App, stage: StageId, series: usize, unit: usize, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let Some(st) = m.get_stage(stage) else {
        return;
    };
    let rect = crate::tui::geometry::growing(area, 110, 34);
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
    let all = share_series(m, stage);
    // A table of one year needs its rows only; the capacity chart takes the rest.
    let top = match all
        .get(series % all.len().max(1))
        .map(|s| s.points.as_slice())
    {
        Some([point]) => {
            Constraint::Max(u16::try_from(point.percents.len() + 3).unwrap_or(u16::MAX))
        }
        _ => Constraint::Percentage(55),
    };
    let [top, bottom] = Layout::vertical([top, Constraint::Fill(1)]).areas(inner);
    shares_chart(app, &all, series, top, buf);
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

fn shares_chart(app: &App, all: &[ShareSeries], series: usize, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    if all.is_empty() {
        note(app, " Shares: no dated share blocks".into(), area, buf);
        return;
    }
    let s = &all[series % all.len()];
    let countries: Vec<CountryId> = series_countries(std::slice::from_ref(s))
        .into_iter()
        .take(COUNTRY_MARKERS.len())
        .collect();
    let title = shares_title(m, s, series, all.len());
    let legend: Vec<(String, Style)> = countries
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let code = crate::text::one_line(&m.country(c).code).into_owned();
            (format!("{} {code}", COUNTRY_MARKERS[i].1), color(app, i))
        })
        .collect();
    if let [point] = s.points.as_slice() {
        let plot = heading(app, &title, &[], area, buf);
        share_table(app, point, &countries, plot, buf);
        return;
    }
    let plot = heading(app, &title, &legend, area, buf);
    let data: Vec<(Points, Points)> = countries.iter().map(|&c| country_points(s, c)).collect();
    let mut datasets = Vec::new();
    for (i, (recorded, projected)) in data.iter().enumerate() {
        let marker = COUNTRY_MARKERS[i].0;
        datasets.push(
            Dataset::default()
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
    let axes = Axes {
        x,
        x_labels,
        y: [0.0, y_max],
        y_labels: vec![Span::raw("0%"), Span::raw(percent_whole(y_max))],
    };
    let graph = plot_area(plot, &axes);
    chart(app, datasets, &axes).render(plot, buf);
    // The newest values first: they keep their labels when labels would collide.
    let mut labels: Vec<Label> = Vec::new();
    for (i, (recorded, projected)) in data.iter().enumerate() {
        for &(year, v) in recorded.iter().chain(projected).rev() {
            labels.push(Label {
                at: (year, v),
                text: percent_whole(v),
                style: color(app, i),
            });
        }
    }
    labels.sort_by(|a, b| b.at.0.total_cmp(&a.at.0));
    draw_labels(&labels, graph, &axes, buf);
}

/// The heading of a chart, with the legend beside it when both fit on one line, else on the
/// line below; returns the area left for the plot.
fn heading(
    app: &App,
    title: &str,
    legend: &[(String, Style)],
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    use unicode_width::UnicodeWidthStr;
    if area.height == 0 {
        return area;
    }
    let key: Vec<Span> = legend
        .iter()
        .enumerate()
        .flat_map(|(i, (text, style))| {
            let gap = Span::raw(if i == 0 { "" } else { "  " });
            [gap, Span::styled(text.clone(), *style)]
        })
        .collect();
    let key_w: usize = key.iter().map(Span::width).sum();
    let heading = Span::styled(
        title.to_owned(),
        app.theme.role(crate::present::doc::Role::Heading),
    );
    let beside = title.width() + 2 + key_w <= usize::from(area.width);
    let mut lines = Vec::new();
    if key_w == 0 || beside {
        let mut spans = vec![heading];
        if key_w > 0 {
            spans.push(Span::raw("  "));
            spans.extend(key);
        }
        lines.push(Line::from(spans));
    } else {
        lines.push(Line::from(heading));
        let mut under = vec![Span::raw(" ")];
        under.extend(key);
        lines.push(Line::from(under));
    }
    let rows = (lines.len() as u16).min(area.height);
    Paragraph::new(lines).render(
        Rect {
            height: rows,
            ..area
        },
        buf,
    );
    Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    }
}

/// A series of one year as a table: each country's marker, code, percent and a bar.
fn share_table(
    app: &App,
    point: &crate::analysis::history::SharePoint,
    countries: &[CountryId],
    area: Rect,
    buf: &mut Buffer,
) {
    let m = &app.loaded.model;
    let year = if point.projection {
        format!("{}{PROJECTION_MARK}", point.year)
    } else {
        point.year.to_string()
    };
    let mut lines = vec![Line::styled(
        format!(" Country  {year:>6}   (one year: a table)"),
        app.theme.dim(),
    )];
    let bar_w = usize::from(area.width).saturating_sub(20).min(50);
    for (i, &(c, v)) in point.percents.iter().enumerate() {
        let slot = countries.iter().position(|&k| k == c);
        let marker = slot.map_or(" ", |k| COUNTRY_MARKERS[k].1);
        let style = slot.map_or_else(Style::new, |k| color(app, k));
        let code = crate::text::one_line(&m.country(c).code);
        lines.push(Line::from(vec![
            Span::styled(format!(" {marker} {code:<5} "), style),
            Span::raw(percent_cell(v, 7)),
            Span::raw("  "),
            Span::styled(super::shares::bar(v, bar_w), style),
        ]));
        if i + 2 >= usize::from(area.height) && i + 1 < point.percents.len() {
            break;
        }
    }
    Paragraph::new(lines).render(area, buf);
}

/// One country's points in a series: recorded and projected apart.
fn country_points(s: &ShareSeries, country: CountryId) -> (Points, Points) {
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

/// A chart in the overlay's style: dim axes, no legend (the heading carries it).
fn chart<'a>(app: &App, datasets: Vec<Dataset<'a>>, axes: &Axes) -> Chart<'a> {
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds(axes.x)
                .labels(axes.x_labels.clone())
                .style(app.theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds(axes.y)
                .labels(axes.y_labels.clone())
                .style(app.theme.dim()),
        )
        .legend_position(None)
}

/// The cells a chart of `axes` in `area` plots into, as the chart lays them out: the x
/// labels and axis take the bottom two rows; the y labels (or the overhang of the first x
/// label, at most a third of the width) and the axis the left columns.
fn plot_area(area: Rect, axes: &Axes) -> Rect {
    let label_w = |s: &Span| u16::try_from(s.width()).unwrap_or(u16::MAX);
    let y_w = axes.y_labels.iter().map(label_w).max().unwrap_or(0);
    let x_first = axes.x_labels.first().map_or(0, label_w).saturating_sub(1);
    let left = y_w.max(x_first).min(area.width / 3) + 1;
    Rect {
        x: area.x + left,
        y: area.y,
        width: area.width.saturating_sub(left),
        height: area.height.saturating_sub(2),
    }
}

/// A value written beside its point.
struct Label {
    /// (year, value) in the chart's coordinates.
    at: (f64, f64),
    text: String,
    style: Style,
}

/// Writes each label above its point (below when the row above is taken or out of the plot),
/// only where every cell it needs is blank, so a label never covers a line, a point or an
/// earlier label.
fn draw_labels(labels: &[Label], graph: Rect, axes: &Axes, buf: &mut Buffer) {
    use unicode_width::UnicodeWidthStr;
    if graph.width < 4 || graph.height < 2 {
        return;
    }
    let span = |[lo, hi]: [f64; 2]| if hi > lo { hi - lo } else { 1.0 };
    let blank = |buf: &Buffer, x: u16, y: u16, w: u16| {
        (x..x + w).all(|x| {
            buf.cell((x, y))
                .is_some_and(|c| c.symbol() == " " || c.symbol() == "\u{2800}")
        })
    };
    for label in labels {
        let fx = (label.at.0 - axes.x[0]) / span(axes.x);
        let fy = (axes.y[1] - label.at.1) / span(axes.y);
        if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) {
            continue;
        }
        let col = graph.x + (fx * f64::from(graph.width - 1)).round() as u16;
        let row = graph.y + (fy * f64::from(graph.height - 1)).round() as u16;
        let w = u16::try_from(label.text.width()).unwrap_or(u16::MAX);
        if w > graph.width {
            continue;
        }
        // Centred on the point, kept inside the plot.
        let x = col.saturating_sub(w / 2).clamp(graph.x, graph.right() - w);
        let rows = [row.checked_sub(1), Some(row + 1)];
        let free = rows
            .into_iter()
            .flatten()
            .filter(|&y| y >= graph.y && y < graph.bottom())
            .find(|&y| blank(buf, x, y, w));
        if let Some(y) = free {
            buf.set_stringn(x, y, &label.text, usize::from(w), label.style);
        }
    }
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

fn capacity_chart(app: &App, stage: StageId, unit: usize, area: Rect, buf: &mut Buffer) {
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
    let operating: Points = u
        .operating
        .iter()
        .map(|&(y, v)| (f64::from(y), v))
        .collect();
    let pipeline: Points = u.pipeline.iter().map(|&(y, v)| (f64::from(y), v)).collect();
    let mut title = format!(" Capacity, {}", u.unit);
    if n > 1 {
        let _ = write!(title, " · unit {} of {n}", unit % n + 1);
    }
    if u.undated.1 > 0 {
        let _ = write!(title, " · +{} undated", number(u.undated.0));
    }
    if operating.is_empty() && pipeline.is_empty() {
        note(app, format!("{title}: no dated history"), area, buf);
        return;
    }
    let legend = [
        ("█ operating".to_owned(), color(app, 0)),
        ("• pipeline, by target year".to_owned(), color(app, 1)),
    ];
    let years = u.operating.iter().chain(&u.pipeline).map(|&(y, _)| y);
    let first = years.clone().min().unwrap_or(0);
    if years.clone().all(|y| y == first) {
        let plot = heading(app, &title, &[], area, buf);
        capacity_table(app, first, &operating, &pipeline, plot, buf);
        return;
    }
    let plot = heading(app, &title, &legend, area, buf);
    let x = year_bounds(years);
    let top = operating
        .iter()
        .chain(&pipeline)
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Line)
            .style(color(app, 0))
            .data(&operating),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(color(app, 1))
            .data(&pipeline),
    ];
    let year_label = |v: f64| Span::raw(format!("{v:.0}"));
    let axes = Axes {
        x,
        x_labels: vec![year_label(x[0]), year_label(x[1])],
        y: [0.0, top * 1.1],
        y_labels: vec![Span::raw("0"), Span::raw(number(top))],
    };
    let graph = plot_area(plot, &axes);
    chart(app, datasets, &axes).render(plot, buf);
    // The latest operating figure, then the pipeline's targets, then earlier changes.
    let mut labels: Vec<Label> = Vec::new();
    let label = |&(year, v): &(f64, f64), i: usize| Label {
        at: (year, v),
        text: number(v),
        style: color(app, i),
    };
    labels.extend(operating.last().map(|p| label(p, 0)));
    labels.extend(pipeline.iter().rev().map(|p| label(p, 1)));
    // Earlier operating figures where the capacity changed, newest first.
    labels.extend(
        operating
            .windows(2)
            .rev()
            .filter(|w| w[0].1 != w[1].1)
            .map(|w| label(&w[0], 0)),
    );
    draw_labels(&labels, graph, &axes, buf);
}

/// Capacity known for one year only, as a table.
fn capacity_table(
    app: &App,
    year: u16,
    operating: &Points,
    pipeline: &Points,
    area: Rect,
    buf: &mut Buffer,
) {
    let row = |name: &str, points: &Points| {
        points.first().map(|&(_, v)| {
            Line::from(vec![
                Span::raw(format!(" {name:<28}")),
                Span::raw(number(v)),
            ])
        })
    };
    let mut lines = vec![Line::styled(
        format!(" {year} (one year: a table)"),
        app.theme.dim(),
    )];
    lines.extend(row("█ operating", operating));
    lines.extend(row("• pipeline, by target year", pipeline));
    Paragraph::new(lines).render(area, buf);
}
