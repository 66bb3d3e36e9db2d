//! The events timeline: newest first, of the selection or of the whole model.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{empty_note, fit, pane_block};
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
    let w = inner.width as usize;
    for (row, (i, &e)) in app
        .panes
        .event_rows
        .iter()
        .enumerate()
        .skip(app.panes.events.offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let selected = i == app.panes.events.selected;
        let style = if selected {
            theme.selected(focused)
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, if selected { "▶" } else { " " }, 1, style);
        let date = &app.loaded.derived.event_dates[e];
        // Dates in a column of their own, so the titles line up.
        let (x, _) = buf.set_stringn(
            inner.x + 2,
            y,
            format!("{date:<10}"),
            10,
            theme.role(Role::Number).patch(style),
        );
        let ev = &m.event(e);
        let used = (x - inner.x) as usize + 1;
        let (title_w, source) =
            title_and_source(&ev.title, &m.source(ev.source).id, w - used.min(w));
        let title = one_line(&ev.title);
        let title = fit(&title, title_w);
        let (x, _) = buf.set_stringn(x + 1, y, title.as_ref(), title_w, style);
        if let Some(source) = source {
            let source_w = source.width();
            buf.set_stringn(
                x + 1,
                y,
                &source,
                source_w,
                theme.role(Role::Source).patch(style),
            );
        }
    }
}

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
