//! The firms pane: firms active at the selected stage, or in the chosen country.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{Row, change_mark, empty_note, pane_block};
use crate::text::one_line;
use crate::tui::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let rows_list = app.firm_rows();
    let m = &app.loaded.model;
    let scope = match (app.country_scope(), app.selected_stage()) {
        (Some(c), _) => format!("in {}", one_line(&m.country(c).name)),
        (None, Some(s)) => one_line(&m.stage(s).name).into_owned(),
        (None, None) => String::new(),
    };
    let title = vec![Span::raw(format!("Firms · {scope} ({})", rows_list.len()))];
    let block = pane_block(app, Pane::Firms, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if rows_list.is_empty() {
        let note = if app.country_scope().is_some() {
            "no firms recorded in this country"
        } else {
            "no firms recorded at this stage"
        };
        empty_note(app, inner, buf, note);
        return;
    }
    let focused = app.panes.focus == Pane::Firms && app.overlay.get().is_none();
    for (row, (i, &f)) in rows_list
        .iter()
        .enumerate()
        .skip(app.panes.firms.offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let selected = i == app.panes.firms.selected;
        let mut style = if selected {
            app.theme.selected(focused)
        } else {
            Style::default()
        };
        // Every country the firm works in is excluded in the what-if.
        if app.what_if.firm_out.get(f) == Some(&true) {
            style = style.patch(app.theme.dim());
        }
        Row {
            text: &one_line(&m.firm(f).name),
            tail: &app.loaded.derived.firm_codes[f],
            style,
            tail_style: app.theme.dim(),
            selected,
        }
        .draw(buf, inner, inner.y + row as u16);
        change_mark(app, &m.firm(f).id, buf, inner.x + 1, inner.y + row as u16);
    }
}
