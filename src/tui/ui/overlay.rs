//! Windows over the panes: help (from the keymap table), sources, problems.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::present::card::sources_doc;
use crate::present::doc::Doc;
use crate::present::session::{help_doc, problems_doc};
use crate::tui::app::{App, Overlay};

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width
        .min(area.width.saturating_sub(4))
        .max(1)
        .min(area.width);
    let h = height
        .min(area.height.saturating_sub(2))
        .max(1)
        .min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn render(app: &App, overlay: &Overlay, area: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::History {
            stage,
            series,
            unit,
        } => {
            if let Some(stage) = app.model.stage(stage) {
                super::history::render(app, stage, *series, *unit, area, buf);
            }
        }
        Overlay::Plants => super::plants::render(app, area, buf),
        Overlay::Problems if !app.problem_list().is_empty() => render_problems(app, area, buf),
        _ => {
            if let Some(text) = text_overlay(app, overlay) {
                render_text(app, text, area, buf);
            }
        }
    }
}

/// An overlay of text that scrolls by rows: its title, lines and widest width.
struct TextOverlay {
    title: String,
    lines: Vec<Line<'static>>,
    width: u16,
}

fn text_overlay(app: &App, overlay: &Overlay) -> Option<TextOverlay> {
    // Tables in an overlay fit inside its borders and the one column of margin.
    let inner = |width: u16| {
        let outer = centered(Rect::new(0, 0, app.width, app.height), width, app.height);
        Some(outer.width.saturating_sub(4) as usize)
    };
    let (title, lines, width) = match overlay {
        Overlay::Help { .. } => ("Keys", help_lines(app), 72),
        Overlay::Source(_) => ("Sources", source_lines(app, &app.listed_sources()), 90),
        Overlay::Problems => ("Problems", problem_lines(app), 110),
        Overlay::Routes => ("Routes", super::routes::lines(app, inner(110)), 110),
        Overlay::Log => ("Messages", log_lines(app), 110),
        Overlay::Changes => (
            "Changes since the previous model",
            change_lines(app, inner(110)),
            110,
        ),
        Overlay::History { .. } | Overlay::Plants => return None,
    };
    let title = match overlay {
        Overlay::Help { filter } if filter.is_empty() => format!("{title} · type to filter"),
        Overlay::Help { filter } => format!("{title} · {}▏", crate::text::one_line(filter)),
        _ => title.to_owned(),
    };
    Some(TextOverlay {
        title,
        lines,
        width,
    })
}

/// Where an overlay of `width` goes, how many rows its text wraps to, and how many show.
struct Placement {
    rect: Rect,
    total: usize,
    rows: usize,
}

fn place(area: Rect, width: u16, text: &Paragraph) -> Placement {
    let outer = centered(area, width, area.height).width;
    let total = text.line_count(outer.saturating_sub(2));
    let rect = centered(area, width, (total as u16).saturating_add(2));
    Placement {
        rect,
        total,
        rows: rect.height.saturating_sub(2) as usize,
    }
}

fn wrapped(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Scroll positions of the open text overlay: one per row until its last page shows.
pub fn scroll_positions(app: &App) -> usize {
    let Some(text) = app.overlay.as_ref().and_then(|o| text_overlay(app, o)) else {
        return 1;
    };
    let area = Rect::new(0, 0, app.width, app.height);
    let at = place(area, text.width, &wrapped(text.lines));
    at.total.saturating_sub(at.rows) + 1
}

fn render_text(app: &App, text: TextOverlay, area: Rect, buf: &mut Buffer) {
    let body = wrapped(text.lines);
    let at = place(area, text.width, &body);
    let scroll = app.overlay_scroll.min(at.total.saturating_sub(at.rows));
    let keys = if at.total > at.rows {
        let last = (scroll + at.rows).min(at.total);
        format!(
            " {}–{last} of {} · ↑↓ scroll · Esc closes ",
            scroll + 1,
            at.total
        )
    } else {
        " Esc closes ".to_string()
    };
    Clear.render(at.rect, buf);
    body.block(frame(app, &text.title, keys))
        .scroll((scroll as u16, 0))
        .render(at.rect, buf);
    if let (Some(Overlay::Source(_)), true) = (&app.overlay, app.hyperlinks) {
        let urls: Vec<&str> = app
            .listed_sources()
            .iter()
            .filter_map(|&s| app.model.sources.get(s)?.url.as_deref())
            .collect();
        super::hyperlink::link_urls(&urls, at.rect, buf);
    }
}

/// The thick frame of an overlay, its title on top and where the reader is below.
fn frame(app: &App, title: &str, keys: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.border(true))
        .title(Line::from(format!(" {title} ")).style(app.theme.pane_title(true)))
        .title_bottom(Line::from(keys).right_aligned())
}

/// Each problem wrapped whole, the selected one marked and kept in view.
fn render_problems(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = problem_lines(app);
    let selected = app.overlay_scroll.min(lines.len() - 1);
    let at = place(area, 110, &wrapped(lines.clone()));
    let width = at.rect.width.saturating_sub(2);
    let heights: Vec<usize> = lines
        .iter()
        .map(|l| wrapped(vec![l.clone()]).line_count(width).max(1))
        .collect();
    let start: usize = heights[..selected].iter().sum();
    let end = start + heights[selected];
    let top = if heights[selected] > at.rows {
        start
    } else {
        end.saturating_sub(at.rows)
    };
    let keys = format!(
        " {} of {} · Enter edits at its line · Esc closes ",
        selected + 1,
        lines.len()
    );
    Clear.render(at.rect, buf);
    wrapped(lines)
        .block(frame(app, "Problems", keys))
        .scroll((top as u16, 0))
        .render(at.rect, buf);
}

/// The list of changes of the last reload, as `rechain diff` reports them.
fn change_lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    app.changes
        .as_ref()
        .map(|c| doc_lines(app, &c.doc, width))
        .unwrap_or_default()
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    doc_lines(app, &help_doc(&app.help_rows()), None)
}

fn source_lines(app: &App, list: &[usize]) -> Vec<Line<'static>> {
    doc_lines(app, &sources_doc(&app.model, list), None)
}

/// A document's lines, styled and set one column in from the border; its tables fit `width`.
pub fn doc_lines(app: &App, doc: &Doc, width: Option<usize>) -> Vec<Line<'static>> {
    doc.lines_iter(width)
        .map(|line| {
            let spans = line
                .iter()
                .map(|(role, text)| Span::styled(text.clone(), app.theme.role(*role)));
            Line::from(
                std::iter::once(Span::raw(" "))
                    .chain(spans)
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// One line per problem (the selected one marked), or a line saying there are none.
fn problem_lines(app: &App) -> Vec<Line<'static>> {
    let problems = app.problem_list();
    let doc = problems_doc(problems);
    if problems.is_empty() {
        return doc_lines(app, &doc, None);
    }
    doc.lines_iter(None)
        .enumerate()
        .map(|(i, line)| {
            let marker = if i == app.overlay_scroll { "▶" } else { " " };
            let spans = line.iter().map(|(role, text)| {
                Span::styled(format!("{marker} {text}"), app.theme.role(*role))
            });
            Line::from(spans.collect::<Vec<_>>())
        })
        .collect()
}

/// Every message of the session with its time, newest last.
fn log_lines(app: &App) -> Vec<Line<'static>> {
    doc_lines(app, &app.log_doc(), None)
}
