//! The events timeline: newest first, of the selection or of the whole model.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row as TableRow, Widget};
use unicode_width::UnicodeWidthStr;

use super::{PaneList, empty_note, fit_owned, pane_block, scrollbar};
use crate::present::doc::Role;
use crate::present::format::shorten_id;
use crate::text::one_line;
use crate::tui::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let scope = match (app.panes.events_filtered, app.event_context()) {
        (true, Some(e)) => one_line(m.entity_name(e)).into_owned(),
        _ => "all".to_string(),
    };
    let count = app.filters.events.title(
        app.panes.events.offset,
        crate::tui::geometry::inner_rows(area),
        app.panes.event_rows.len(),
        app.filters.events_all(),
    );
    let title = vec![Span::raw(super::pane_title("Events", &scope, &count, area))];
    let block = pane_block(app, Pane::Events, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.panes.event_rows.is_empty() {
        let note = if app.filters.events.is_on() {
            "no event matches (Esc clears the filter; f shows all)"
        } else {
            "no dated events here (f shows all)"
        };
        empty_note(app, inner, buf, note);
        return;
    }
    let focused = app.panes.focus == Pane::Events && app.overlay.get().is_none();
    let theme = &app.theme;
    let list = &app.panes.event_rows;
    let cursor = app.panes.events;
    let shown = cursor.window(list.len(), inner.height as usize);
    // The marker and a space, the date's column and a space.
    let room = (inner.width as usize).saturating_sub(2 + DATE_CELLS + 1);
    let table_rows = list[shown.clone()]
        .iter()
        .enumerate()
        .map(|(row, &e)| {
            let style = if shown.start + row == cursor.selected {
                theme.selected(focused)
            } else {
                Style::default()
            };
            let date = app.loaded.derived.event_dates[e].as_str();
            let ev = &m.event(e);
            let (title_w, source) = title_and_source(&ev.title, &m.source(ev.source).id, room);
            let mut line = Line::from(Span::styled(fit_owned(one_line(&ev.title), title_w), style));
            if let Some(source) = source {
                line.push_span(" ");
                line.push_span(Span::styled(source, theme.role(Role::Source).patch(style)));
            }
            // Dates in a column of their own, so the titles line up.
            let date = Cell::from(date).style(theme.role(Role::Number).patch(style));
            TableRow::new([date, Cell::from(line)]).style(style)
        })
        .collect();
    PaneList {
        rows: table_rows,
        widths: vec![Constraint::Length(DATE_CELLS as u16), Constraint::Fill(1)],
        spacing: 1,
    }
    .draw(cursor, inner, buf);
    scrollbar(app, Pane::Events, cursor, list.len(), area, inner, buf);
}

/// The date column's cells: `2025-04-04`.
const DATE_CELLS: usize = 10;

/// Fewest cells a shortened source id is shown in, brackets included.
const SOURCE_MIN: usize = 12;

/// The cells the title gets in `room`, and the source id to show after it: the title takes the
/// room first; the source follows, shortened if need be, only where the whole title fits.
fn title_and_source(title: &str, source: &str, room: usize) -> (usize, Option<String>) {
    let title_w = one_line(title).width();
    let left = room.saturating_sub(title_w + 1);
    let id = one_line(source);
    let whole = format!("[{id}]");
    if title_w <= room && whole.width() <= left {
        (title_w, Some(whole))
    } else if title_w <= room && left >= SOURCE_MIN {
        let short = format!("[{}]", shorten_id(&id, left - 2));
        (title_w, Some(short))
    } else {
        (room, None)
    }
}
