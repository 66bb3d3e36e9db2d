//! What a text overlay says (help, sources, problems, routes, the log, the changes), styled,
//! and how far it scrolls: the app clamps its scroll with it and the renderer draws it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{App, Overlay};
use crate::model::SourceId;
use crate::present::card::sources_doc;
use crate::present::doc::{Doc, Role};
use crate::present::session::{help_doc, problems_doc};
use crate::tui::geometry::centered;

/// An overlay of text that scrolls by rows: its title, lines and widest width.
pub struct TextOverlay {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub width: u16,
}

/// The open overlay as text that scrolls by rows, unless it is drawn otherwise (history,
/// plants); only the lines its filter keeps.
pub fn text_overlay(app: &App) -> Option<TextOverlay> {
    let mut text = unfiltered(app)?;
    if let Some(kept) = app.kept_overlay_rows() {
        let mut lines = std::mem::take(&mut text.lines);
        text.lines = kept
            .iter()
            .filter_map(|&i| lines.get_mut(i).map(std::mem::take))
            .collect();
    }
    Some(text)
}

/// Every line of the open text overlay, before its filter.
pub fn all_lines(app: &App) -> Option<Vec<Line<'static>>> {
    unfiltered(app).map(|t| t.lines)
}

fn unfiltered(app: &App) -> Option<TextOverlay> {
    let overlay = app.overlay.get()?;
    // Tables in an overlay fit inside its borders and the one column of margin.
    let inner = |width: u16| {
        let outer = centered(Rect::new(0, 0, app.width, app.height), width, app.height);
        Some(outer.width.saturating_sub(4) as usize)
    };
    let (title, lines, width) = match overlay {
        Overlay::Help { .. } => ("Keys", help_lines(app), 72),
        Overlay::Source(_) => ("Sources", source_lines(app, &app.listed_sources()), 90),
        Overlay::Problems => ("Problems", problem_lines(app), 110),
        Overlay::Routes => ("Routes", route_lines(app, inner(110)), 110),
        Overlay::Resilience => ("Resilience", resilience_lines(app, inner(110)), 110),
        Overlay::Log => ("Messages", log_lines(app), 110),
        Overlay::Changes => (
            "Changes since the previous model",
            change_lines(app, inner(110)),
            110,
        ),
        Overlay::History { .. } | Overlay::Plants | Overlay::Balance { .. } => return None,
    };
    let title = match overlay {
        Overlay::Help { filter } if filter.is_empty() => format!("{title} · type to filter"),
        Overlay::Help { filter } => format!("{title} · {}▏", crate::text::one_line(filter)),
        _ => match app.filters.overlay_label() {
            Some(label) => format!("{title} · {label}"),
            None => title.to_owned(),
        },
    };
    Some(TextOverlay {
        title,
        lines,
        width,
    })
}

/// Where an overlay of `width` goes, how many rows its text wraps to, and how many show.
pub struct Placement {
    pub rect: Rect,
    pub total: usize,
    pub rows: usize,
}

pub fn place(area: Rect, width: u16, text: &Paragraph) -> Placement {
    let outer = centered(area, width, area.height).width;
    let total = text.line_count(outer.saturating_sub(2));
    let rect = centered(area, width, (total as u16).saturating_add(2));
    Placement {
        rect,
        total,
        rows: rect.height.saturating_sub(2) as usize,
    }
}

pub fn wrapped(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Scroll positions of the open text overlay: one per row until its last page shows.
pub fn scroll_positions(app: &App) -> usize {
    let Some(text) = text_overlay(app) else {
        return 1;
    };
    let area = Rect::new(0, 0, app.width, app.height);
    let at = place(area, text.width, &wrapped(text.lines));
    at.total.saturating_sub(at.rows) + 1
}

/// The list of changes of the last reload, as `rechain diff` reports them.
fn change_lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    app.loaded
        .changes
        .as_ref()
        .map(|c| doc_lines(app, &c.doc, width))
        .unwrap_or_default()
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    doc_lines(app, &help_doc(&app.help_rows()), None)
}

fn source_lines(app: &App, list: &[SourceId]) -> Vec<Line<'static>> {
    doc_lines(app, &sources_doc(&app.loaded.model, list), None)
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

/// One line per problem its filter keeps (the selected one marked), or a line saying there
/// are none.
pub fn problem_lines(app: &App) -> Vec<Line<'static>> {
    let problems = app.problem_list();
    let doc = problems_doc(problems);
    if problems.is_empty() {
        return doc_lines(app, &doc, None);
    }
    let kept = app.kept_overlay_rows();
    doc.lines_iter(None)
        .enumerate()
        .filter(|(i, _)| kept.is_none_or(|k| k.contains(i)))
        .map(|(_, line)| line)
        .enumerate()
        .map(|(i, line)| {
            let marker = if i == app.overlay.scroll() {
                "▶"
            } else {
                " "
            };
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

/// Said under the title when nothing is excluded; a key hint, so not in the document.
const NOTHING_EXCLUDED: &str = "No country excluded: x on a country excludes it.";

fn resilience_lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    let Some(doc) = &app.what_if.resilience else {
        return vec![Line::styled(" nothing computed", app.theme.dim())];
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(" "),
        Span::styled(doc.title.clone(), app.theme.role(Role::Title)),
    ])];
    lines.extend(doc_lines(app, doc, width));
    lines
}

fn route_lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    let Some(routes) = &app.what_if.routes else {
        return vec![Line::styled(" no routes computed", app.theme.dim())];
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(" "),
        Span::styled(routes.doc.title.clone(), app.theme.role(Role::Title)),
    ])];
    if !app.what_if.is_active() {
        lines.push(Line::styled(
            format!(" {NOTHING_EXCLUDED}"),
            app.theme.dim(),
        ));
    }
    lines.extend(doc_lines(app, &routes.doc, width));
    lines
}
