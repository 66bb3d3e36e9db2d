//! The firms pane: firms active at the selected stage, or in the chosen country.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row as TableRow, Widget};

use super::{PaneList, change_mark, empty_note, fit_owned, pane_block, scrollbar, tailed_line};
use crate::model::FirmId;
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
    let count = app.filters.firms.title(
        app.panes.firms.offset,
        crate::tui::geometry::inner_rows(area),
        rows_list.len(),
        app.all_firm_rows().len(),
    );
    let title = vec![Span::raw(super::pane_title("Firms", &scope, &count, area))];
    let block = pane_block(app, Pane::Firms, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if rows_list.is_empty() {
        let note = if app.filters.firms.is_on() {
            "no firm matches (Esc clears the filter)"
        } else if app.panes.country.is_some() {
            "no firms recorded in this country"
        } else {
            "no firms recorded at this stage"
        };
        empty_note(app, inner, buf, note);
        return;
    }
    let focused = app.panes.focus == Pane::Firms && app.overlay.get().is_none();
    let name_width = name_column(app, rows_list, inner);
    let width = inner.width as usize;
    let cursor = app.panes.firms;
    let shown = cursor.window(rows_list.len(), inner.height as usize);
    let table_rows = rows_list[shown.clone()]
        .iter()
        .enumerate()
        .map(|(row, &f)| {
            let mut style = if shown.start + row == cursor.selected {
                app.theme.selected(focused)
            } else {
                Style::default()
            };
            // Every country the firm works in is excluded in the what-if.
            if app.what_if.firm_out.get(f.index()) == Some(&true) {
                style = style.patch(app.theme.dim());
            }
            let name = one_line(&m.firm(f).name);
            let codes = app.loaded.derived.firm_codes[f].as_str();
            let cells = match name_width {
                // Room for every name whole: the countries in a column of their own beside them.
                Some(w) => vec![
                    Line::styled(fit_owned(name, w.into()), style),
                    Line::from(Span::styled(codes, app.theme.dim().patch(style))),
                ],
                None => vec![tailed_line(
                    name,
                    codes.into(),
                    width,
                    style,
                    app.theme.dim(),
                )],
            };
            TableRow::new(cells).style(style)
        })
        .collect();
    let widths = match name_width {
        Some(w) => vec![Constraint::Length(w), Constraint::Fill(1)],
        None => vec![Constraint::Fill(1)],
    };
    PaneList {
        rows: table_rows,
        widths,
        spacing: 2,
    }
    .draw(cursor, inner, buf);
    for (row, &f) in rows_list[shown].iter().enumerate() {
        change_mark(app, &m.firm(f).id, buf, inner.x + 1, inner.y + row as u16);
    }
    scrollbar(app, Pane::Firms, cursor, rows_list.len(), area, inner, buf);
}

/// The width of the names' column when every name and its countries fit whole, so the
/// countries sit beside the names rather than at the far edge of a wide pane; None when
/// they do not, and each row's countries go to its right edge.
fn name_column(app: &App, firms: &[FirmId], inner: Rect) -> Option<u16> {
    use unicode_width::UnicodeWidthStr;
    let widest = |cell: &dyn Fn(FirmId) -> usize| firms.iter().map(|&f| cell(f)).max().unwrap_or(0);
    let name = widest(&|f| app.loaded.model.firm(f).name.width());
    let codes = widest(&|f| app.loaded.derived.firm_codes[f].width());
    // The marker and a space, the name, two spaces, the countries.
    (2 + name + 2 + codes <= usize::from(inner.width)).then(|| u16::try_from(name).ok())?
}
