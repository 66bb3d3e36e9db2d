//! The plants view: the selected stage's plants as a table fitted to the window, the
//! selected row highlighted.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::{change_mark, fit};
use crate::analysis::plants::Column;
use crate::present::plants::{heading, plants_title};
use crate::tui::app::{App, Changes, PlantRows};
use crate::tui::geometry::centered;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let (Some(view), Some(rows)) = (&app.plants, app.plant_rows()) else {
        return;
    };
    let m = &app.loaded.model;
    let rect = centered(area, 150, area.height.saturating_sub(2));
    Clear.render(rect, buf);
    let mut title = plants_title(m, rows.stage, &view.query, rows.list.len());
    let _ = write!(
        title,
        " · by {}{}",
        view.query.sort.as_str(),
        if view.query.reverse { " ↑" } else { "" }
    );
    if view.typing || !view.filter.is_empty() {
        let cursor = if view.typing { "▏" } else { "" };
        let _ = write!(title, " · /{}{cursor}", crate::text::one_line(&view.filter));
    }
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(
            Line::from(format!(
                " {} ",
                fit(&title, rect.width.saturating_sub(4) as usize)
            ))
            .style(theme.pane_title(true)),
        )
        .title_bottom(
            Line::from(" S sort · Z reverse · u status · d product · / filter · Enter card · Esc ")
                .right_aligned(),
        );
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 2 || inner.width < 20 {
        return;
    }
    // Plants the last reload added or changed are marked in a column of their own.
    let marks_x = inner.x;
    let gutter = if app.loaded.changes.as_ref().is_some_and(Changes::marks_any) {
        2
    } else {
        0
    };
    let inner = Rect {
        x: inner.x + gutter,
        width: inner.width - gutter,
        ..inner
    };
    let (columns, compact) = rows.table.fit(inner.width);
    draw_row(
        buf,
        inner,
        &columns,
        inner.y,
        &|c| heading(c).to_owned(),
        theme.dim(),
    );
    if rows.list.is_empty() {
        buf.set_stringn(
            inner.x,
            inner.y + 1,
            "no plant matches (u: status, d: product)",
            inner.width as usize,
            theme.dim(),
        );
        return;
    }
    let marks = (gutter > 0).then_some(marks_x);
    draw_plants(app, rows, (&columns, compact), inner, marks, buf);
}

/// The plant rows that fit under the heading, the selected one in view and highlighted; the
/// marks of the last reload at column `marks` when given.
fn draw_plants(
    app: &App,
    rows: &PlantRows,
    (columns, compact): (&[(Column, u16)], bool),
    inner: Rect,
    marks: Option<u16>,
    buf: &mut Buffer,
) {
    let height = (inner.height - 1) as usize;
    let selected = app.overlay.scroll().min(rows.list.len() - 1);
    let first = selected.saturating_sub(height.saturating_sub(1));
    for (i, &x) in rows.list.iter().enumerate().skip(first).take(height) {
        let Some(row) = rows.table.row(x) else {
            continue;
        };
        let y = inner.y + 1 + (i - first) as u16;
        let style = if i == selected {
            app.theme.selected(true)
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let cell = |c| {
            if compact {
                row.compact_cell(c).to_owned()
            } else {
                row.cell(c).to_owned()
            }
        };
        draw_row(buf, inner, columns, y, &cell, style);
        if let Some(marks_x) = marks {
            change_mark(app, &app.loaded.model.facility(x).id, buf, marks_x, y);
        }
    }
}

/// One row of cells in the fitted columns, each cut to its width, two cells apart as every
/// table is.
fn draw_row(
    buf: &mut Buffer,
    inner: Rect,
    columns: &[(Column, u16)],
    y: u16,
    cells: &dyn Fn(Column) -> String,
    style: Style,
) {
    let mut x = inner.x;
    for (i, &(c, w)) in columns.iter().enumerate() {
        if i > 0 {
            x += 2;
        }
        let w = w.min(inner.right().saturating_sub(x));
        if w == 0 {
            break;
        }
        let text = cells(c);
        buf.set_stringn(x, y, fit(&text, w as usize).as_ref(), w as usize, style);
        x += w;
    }
}
