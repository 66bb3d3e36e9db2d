//! The events timeline: newest first, of the selection or of the whole model.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{empty_note, fit, pane_block};
use crate::present::doc::Role;
use crate::text::one_line;
use crate::tui::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let scope = match (app.panes.events_filtered, app.event_context()) {
        (true, Some(e)) => one_line(m.entity_name(e)).into_owned(),
        _ => "all".to_string(),
    };
    let title = vec![Span::raw(format!(
        "Events · {scope} ({})",
        app.panes.event_rows.len()
    ))];
    let block = pane_block(app, Pane::Events, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.panes.event_rows.is_empty() {
        empty_note(app, inner, buf, "no dated events here (f shows all)");
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
        let (x, _) = buf.set_stringn(
            inner.x + 2,
            y,
            date,
            10,
            theme.role(Role::Number).patch(style),
        );
        let ev = &m.event(e);
        let source = format!("[{}]", one_line(&m.source(ev.source).id));
        let used = (x - inner.x) as usize + 1;
        let source_w = source.chars().count();
        let title_w = w.saturating_sub(used + source_w + 1);
        let title = fit(&ev.title, title_w);
        let title = one_line(&title);
        let (x, _) = buf.set_stringn(x + 1, y, title.as_ref(), title_w, style);
        if w > used + source_w + 8 {
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
