//! The plants view: the selected stage's plants as a table fitted to the window, the
//! selected row highlighted.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::{change_mark, fit};
use crate::analysis::plants::Column;
use crate::present::format::{number, position};
use crate::present::plants::{fit_layout, heading, plants_title};
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
    let filter = &app.filters.overlay;
    if filter.typing() || !filter.text().is_empty() {
        let cursor = if filter.typing() { "▏" } else { "" };
        let _ = write!(
            title,
            " · /{}{cursor}",
            crate::text::one_line(filter.text())
        );
    }
    // Where the selected row's page sits in the list, as drawn below, then as many of the
    // view's keys as fit: the status bar hints them too, the position only this line says.
    let height = rect.height.saturating_sub(3) as usize;
    let (first, _) = window(app.overlay.scroll(), rows.list.len(), height);
    let keys = footer(
        first,
        height,
        rows.list.len(),
        usize::from(rect.width).saturating_sub(4),
    );
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
        .title_bottom(Line::from(keys).right_aligned());
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
    let (columns, compact) = fit_layout(&rows.layout, inner.width);
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
            "no plant matches (u: status, d: product, Esc clears the filter)",
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
    let (first, selected) = window(app.overlay.scroll(), rows.list.len(), height);
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

/// ` 1–9 of 12 · S sort · … · Esc `: the position always, then the keys that fit in `room`
/// cells; the sort and filter keys go first, as the status bar hints them too.
fn footer(first: usize, height: usize, len: usize, room: usize) -> String {
    // Each key with the rank it keeps its place by, lowest kept longest.
    const KEYS: [(&str, u8); 7] = [
        ("S sort", 3),
        ("Z reverse", 6),
        ("u status", 4),
        ("d product", 5),
        ("/ filter", 0),
        ("Enter card", 1),
        ("Esc", 2),
    ];
    let at = match len {
        0 => "0 of 0".to_owned(),
        // The whole list is still said as a span, so the footer reads the same as it scrolls.
        _ if height >= len => format!("1–{} of {}", number(len as f64), number(len as f64)),
        _ => position(first, height, len),
    };
    let mut line = String::new();
    for kept in (0..=KEYS.len()).rev() {
        line = format!(" {at}");
        for (key, _) in KEYS.iter().filter(|(_, rank)| usize::from(*rank) < kept) {
            line.push_str(" · ");
            line.push_str(key);
        }
        line.push(' ');
        if line.width() <= room {
            break;
        }
    }
    line
}

/// The first row shown and the selected one, for a selection at `scroll` in `len` rows of
/// which `height` show: the selection stays on the last row shown as it moves down.
fn window(scroll: usize, len: usize, height: usize) -> (usize, usize) {
    let selected = scroll.min(len.saturating_sub(1));
    (selected.saturating_sub(height.saturating_sub(1)), selected)
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
