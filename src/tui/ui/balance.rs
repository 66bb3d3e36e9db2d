//! The balance overlay: a stage's supply by year (nameplate, weighted, ramped, feed-limited)
//! against each demand series at the years it publishes, with the what-if and the date
//! applied. Lines differ by marker and name, so the chart reads without colour.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Clear, Dataset, GraphType, Paragraph, Widget, Wrap,
};

use crate::analysis::balance::StageBalance;
use crate::model::StageId;
use crate::present::balance::{ramp_text, series_label, series_verdict, summed_of, weights_text};
use crate::present::doc::Role;
use crate::present::format::number;
use crate::text::one_line;
use crate::tui::app::App;

/// Chart points: (year, value).
type Points = Vec<(f64, f64)>;

/// Demand series drawn at most; the notes list every one.
const DEMAND_SHOWN: usize = 3;

const COLORS: [Color; 7] = [
    Color::DarkGray,
    Color::Blue,
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
    Color::Red,
];

fn color(app: &App, i: usize) -> Style {
    if app.theme.color {
        Style::new().fg(COLORS[i % COLORS.len()])
    } else {
        Style::new()
    }
}

pub fn render(app: &App, stage: StageId, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let Some(name) = m.get_stage(stage).map(|s| one_line(&s.name)) else {
        return;
    };
    let rect = crate::tui::geometry::centered(area, 110, 34);
    Clear.render(rect, buf);
    let what_if = if app.what_if.is_active() {
        format!(" without {}", app.what_if.label(m))
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.border(true))
        .title(
            Line::from(format!(
                " {name} — supply against demand{what_if} (as of {}) ",
                m.as_of_date()
            ))
            .style(app.theme.pane_title(true)),
        )
        .title_bottom(Line::from(" y copy · w write · Esc closes ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let Some(st) = app.what_if.balance.as_ref().and_then(|b| b.stage(stage)) else {
        return;
    };
    let notes = Paragraph::new(notes(app, st)).wrap(Wrap { trim: false });
    let height = (notes.line_count(inner.width) as u16).min(inner.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(height)]).areas(inner);
    chart(app, st, top, buf);
    notes.render(bottom, buf);
}

fn chart(app: &App, st: &StageBalance, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let Some(unit) = &st.unit else {
        Paragraph::new(Line::styled(
            " No plant left at this stage gives a capacity to sum.",
            app.theme.dim(),
        ))
        .render(area, buf);
        return;
    };
    let line = |f: &dyn Fn(&crate::analysis::balance::YearSupply) -> Option<f64>| -> Points {
        st.years
            .iter()
            .filter_map(|y| Some((f64::from(y.year), f(y)?)))
            .collect()
    };
    let supply = [
        ("· nameplate", Marker::Dot, line(&|y| Some(y.nameplate))),
        ("⠿ weighted", Marker::Braille, line(&|y| Some(y.weighted))),
        ("▄ ramped", Marker::HalfBlock, line(&|y| Some(y.ramped))),
        ("█ feed-limited", Marker::Block, line(&|y| y.feed_limited)),
    ];
    let demand: Vec<(String, Points)> = st
        .demand
        .iter()
        .filter_map(|d| {
            let years = d.result.as_ref().ok()?;
            let points: Points = years
                .iter()
                .map(|c| (f64::from(c.year), c.demand))
                .collect();
            let series = &m.demand()[d.series];
            (!points.is_empty()).then(|| {
                (
                    format!(
                        "■ demand {} {}",
                        one_line(&series.scenario),
                        one_line(&series.region)
                    ),
                    points,
                )
            })
        })
        .take(DEMAND_SHOWN)
        .collect();
    let top = supply
        .iter()
        .flat_map(|(_, _, p)| p)
        .chain(demand.iter().flat_map(|(_, p)| p))
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    // The legend sits above the plot, where it hides no line; a series with no points says so.
    let mut legend: Vec<Span> = vec![Span::raw(" ")];
    let mut datasets: Vec<Dataset> = Vec::new();
    for (i, (label, marker, points)) in supply.iter().enumerate() {
        if points.is_empty() {
            legend.push(Span::styled(
                format!("{label}: not known  "),
                app.theme.dim(),
            ));
            continue;
        }
        legend.push(Span::styled(format!("{label}  "), color(app, i)));
        datasets.push(
            Dataset::default()
                .name(*label)
                .marker(*marker)
                .graph_type(GraphType::Line)
                .style(color(app, i))
                .data(points),
        );
    }
    for (i, (label, points)) in demand.iter().enumerate() {
        legend.push(Span::styled(
            format!("{label}  "),
            color(app, supply.len() + i),
        ));
        datasets.push(
            Dataset::default()
                .name(label.clone())
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(color(app, supply.len() + i))
                .data(points),
        );
    }
    let legend = Paragraph::new(Line::from(legend)).wrap(Wrap { trim: true });
    let rows = (legend.line_count(area.width) as u16).min(area.height / 3);
    let [legend_area, area] =
        Layout::vertical([Constraint::Length(rows), Constraint::Min(3)]).areas(area);
    legend.render(legend_area, buf);
    plot(app, datasets, unit, top, area, buf);
}

/// The lines and points on their axes, years across.
fn plot(app: &App, datasets: Vec<Dataset>, unit: &str, top: f64, area: Rect, buf: &mut Buffer) {
    let (first, last) = app.what_if.balance.as_ref().map_or((0, 0), |b| b.years);
    Chart::new(datasets)
        .block(Block::new().title(Line::styled(
            format!(" {} by year", one_line(unit)),
            app.theme.role(Role::Heading),
        )))
        .x_axis(
            Axis::default()
                .bounds([f64::from(first), f64::from(last)])
                .labels(vec![
                    Span::raw(first.to_string()),
                    Span::raw(last.to_string()),
                ])
                .style(app.theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top * 1.1])
                .labels(vec![Span::raw("0"), Span::raw(number(top))])
                .style(app.theme.dim()),
        )
        .legend_position(None)
        .render(area, buf);
}

/// What the chart leaves out and assumes, under it.
fn notes(app: &App, st: &StageBalance) -> Vec<Line<'static>> {
    let m = &app.loaded.model;
    let mut lines = Vec::new();
    for d in &st.demand {
        match &d.result {
            Ok(_) => {
                if let Some(verdict) = series_verdict(m, d) {
                    lines.push(Line::styled(
                        format!(" {verdict}"),
                        app.theme.role(Role::Text),
                    ));
                }
            }
            Err(why) => lines.push(Line::styled(
                format!(
                    " Refused: {}: {}.",
                    series_label(m, d.series),
                    one_line(why)
                ),
                app.theme.role(Role::Error),
            )),
        }
    }
    if st.demand.is_empty() {
        lines.push(Line::styled(
            " No demand series in the model names this stage.",
            app.theme.dim(),
        ));
    }
    let (_, unknown) = st.plants_without_capacity();
    let mut sums = format!(" Sums {}", summed_of(st));
    if unknown > 0 {
        let _ = write!(
            sums,
            "; {unknown} publish no capacity and might hold any share"
        );
    }
    if !st.other_units.is_empty() {
        let _ = write!(
            sums,
            "; {} in units that do not convert",
            st.other_units.len()
        );
    }
    sums.push('.');
    lines.push(Line::styled(sums, app.theme.role(Role::Warning)));
    if let Some(b) = &app.what_if.balance {
        let a = &b.assumptions;
        lines.push(Line::styled(
            format!(
                " Weights {} · ramp {} · utilisation {} (defaults; rechain balance changes them).",
                weights_text(a),
                ramp_text(a),
                crate::present::balance::share_text(a.utilisation)
            ),
            app.theme.dim(),
        ));
    }
    lines
}
