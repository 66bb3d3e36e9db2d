//! Drawing: `render(&App, &mut Frame)` reads the app and never changes it. One file per pane
//! or overlay; shared helpers here.

pub mod balance;
pub mod command_line;
pub mod detail;
pub mod events;
pub mod firms;
pub mod history;
pub mod hyperlink;
pub mod overlay;
pub mod plants;
pub mod search;
pub mod shares;
pub mod stages;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};

use crate::tui::geometry;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, HighlightSpacing, Paragraph, Row as TableRow, Scrollbar,
    ScrollbarOrientation, ScrollbarState, StatefulWidget, Table, TableState, Wrap,
};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

use super::app::{App, ListCursor, Pane};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(areas) = geometry::areas(
        area.width,
        area.height,
        app.panes.bottom,
        app.banner().is_some(),
        app.panes.split,
    ) else {
        too_small(frame, area);
        return;
    };
    let buf = frame.buffer_mut();
    stages::render(app, areas.stages, buf);
    firms::render(app, areas.firms, buf);
    shares::render(app, areas.shares, buf);
    if let Some(r) = areas.detail {
        detail::render(app, r, buf);
    }
    if let Some(r) = areas.events {
        events::render(app, r, buf);
    }
    if let Some(r) = areas.banner {
        status::render_banner(app, r, buf);
    }
    status::render(app, areas.status, buf);
    if let Some(o) = app.overlay.get() {
        overlay::render(app, o, area, buf);
    }
    if let Some(s) = &app.search {
        search::render(app, s, area, buf);
    }
    command_line::render(app, area, buf);
}

fn too_small(frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = vec![
        Line::from(format!(
            "terminal too small (need {}x{})",
            geometry::MIN_WIDTH,
            geometry::MIN_HEIGHT
        )),
        Line::from(format!("now {}x{}", area.width, area.height)),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let inner = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// The bordered frame of a pane, highlighted when focused.
pub(crate) fn pane_block<'a>(app: &App, pane: Pane, title: Vec<Span<'a>>) -> Block<'a> {
    let focused = app.panes.focus == pane && app.overlay.get().is_none();
    let mut spans = vec![Span::raw(" ")];
    spans.extend(
        title
            .into_iter()
            .map(|s| s.patch_style(app.theme.pane_title(focused))),
    );
    spans.push(Span::raw(" "));
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(app.theme.border(focused))
        .title(Line::from(spans))
}

pub(crate) use crate::text::fit;

/// A pane's title for an `area`: its name, what it lists (cut first, dropped when there is no
/// room) and how many, or where the reader is (kept whole).
pub(crate) fn pane_title(name: &str, scope: &str, count: &str, area: Rect) -> String {
    // Borders and a space each side.
    let room = usize::from(area.width).saturating_sub(4);
    let fixed = name.width() + 1 + count.width();
    let scope_room = room.saturating_sub(fixed + 3);
    if scope.is_empty() || scope_room < 4 {
        return format!("{name} {count}");
    }
    format!("{name} · {} {count}", fit(scope, scope_room))
}

/// The selection marker and the space after it, before every list row's text.
const MARKER: &str = "▶ ";

/// Spaces a row's gap is borrowed from, so a row builds no string for it.
const SPACES: &str = "                                                                ";

/// A pane list's rows, drawn as a table: the rows in the cursor's window (`rows[0]` is the
/// row at `cursor.offset`), each after a selection-marker column.
pub(crate) struct PaneList<'a> {
    pub rows: Vec<TableRow<'a>>,
    pub widths: Vec<Constraint>,
    pub spacing: u16,
}

impl PaneList<'_> {
    /// Draws the rows in `area`. Only the window's rows are built and handed over, so the
    /// table's offset is 0 and the window is the one `update` chose, which is where
    /// hit-testing finds each row; a frame costs the rows shown, not the list's length.
    pub(crate) fn draw(self, cursor: ListCursor, area: Rect, buf: &mut Buffer) {
        if area.width < 3 {
            return;
        }
        let selected = cursor
            .selected
            .checked_sub(cursor.offset)
            .filter(|&i| i < self.rows.len());
        // The table styles every cell it is given: give it only the rows' lines.
        let height = u16::try_from(self.rows.len()).unwrap_or(u16::MAX);
        let area = Rect {
            height: area.height.min(height),
            ..area
        };
        let mut state = TableState::default().with_offset(0).with_selected(selected);
        Table::new(self.rows, self.widths)
            .column_spacing(self.spacing)
            .highlight_symbol(MARKER)
            .highlight_spacing(HighlightSpacing::Always)
            .render(area, buf, &mut state);
    }
}

/// A scrollbar on the pane's right border beside `rows` (where the list is drawn) when the
/// list of `len` overflows them: the thumb shows where the window is, the border stays.
pub(crate) fn scrollbar(
    app: &App,
    pane: Pane,
    cursor: ListCursor,
    len: usize,
    area: Rect,
    rows: Rect,
    buf: &mut Buffer,
) {
    let height = usize::from(rows.height);
    if len <= height || height == 0 {
        return;
    }
    let focused = app.panes.focus == pane && app.overlay.get().is_none();
    // Positions are the window's first rows, so the thumb is as long as the window's share.
    let mut state = ScrollbarState::new(len - height + 1)
        .position(cursor.offset)
        .viewport_content_length(height);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_symbol("█")
        .thumb_style(app.theme.border(focused))
        .render(
            Rect::new(area.x, rows.y, area.width, rows.height),
            buf,
            &mut state,
        );
}

/// A row's line after the marker: `text` cut to fit and `tail` at the right edge of `width`
/// cells (the row's width, marker included), the tail given way to the text down to 8 cells.
pub(crate) fn tailed_line<'a>(
    text: Cow<'a, str>,
    tail: Cow<'a, str>,
    width: usize,
    style: Style,
    tail_style: Style,
) -> Line<'a> {
    let tail_w = if tail.is_empty() {
        0
    } else {
        tail.width().min(width.saturating_sub(8))
    };
    let text_w = width.saturating_sub(2 + tail_w + usize::from(tail_w > 0));
    let text = fit_owned(text, text_w);
    if tail_w == 0 {
        return Line::from(Span::styled(text, style));
    }
    let tail = fit_owned(tail, tail_w);
    let gap = width.saturating_sub(2 + text.width() + tail.width());
    Line::from(vec![
        Span::styled(text, style),
        Span::styled(spaces(gap), style),
        Span::styled(tail, tail_style.patch(style)),
    ])
}

/// `n` spaces, borrowed when there are few enough.
pub(crate) fn spaces(n: usize) -> Cow<'static, str> {
    SPACES
        .get(..n)
        .map_or_else(|| Cow::Owned(" ".repeat(n)), Cow::Borrowed)
}

/// `text` cut to `width` cells, keeping what it borrows.
pub(crate) fn fit_owned(text: Cow<'_, str>, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        text
    } else {
        Cow::Owned(fit(&text, width).into_owned())
    }
}

/// Marks a row the last reload added (`+`) or changed (`~`), in the cell at `x` (between the
/// selection marker and the text), keeping the row's style.
pub(crate) fn change_mark(app: &App, id: &str, buf: &mut Buffer, x: u16, y: u16) {
    if let Some(mark) = app.change_mark(id)
        && let Some(cell) = buf.cell_mut((x, y))
    {
        cell.set_symbol(mark);
    }
}

/// A dim line in the middle of an empty pane.
pub(crate) fn empty_note(app: &App, area: Rect, buf: &mut Buffer, text: &str) {
    if area.height == 0 {
        return;
    }
    let width = area.width.saturating_sub(1);
    fitted_line(buf, area.x + 1, area.y, text, width, app.theme.dim());
}

/// Writes `text` at (`x`, `y`), cut with an ellipsis to `width` cells. Returns the cells used.
pub(crate) fn fitted_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    width: u16,
    style: Style,
) -> u16 {
    let shown = fit(text, width as usize);
    buf.set_stringn(x, y, shown.as_ref(), width as usize, style)
        .0
        - x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_text(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn a_pane_list_draws_the_cursors_window_with_its_marker_and_styles() {
        use ratatui::style::{Color, Modifier};
        let area = Rect::new(0, 0, 16, 3);
        let mut buf = Buffer::empty(area);
        let dim = Style::default().fg(Color::DarkGray);
        let sel = Style::default().add_modifier(Modifier::REVERSED);
        let line =
            |text: &'static str, style| tailed_line(text.into(), "CN 69%".into(), 16, style, dim);
        // The window from offset 5: its second row is the selected 6.
        let rows = vec![
            TableRow::new([line("Mining", Style::default())]),
            TableRow::new([line("Separation", sel)]).style(sel),
        ];
        let cursor = ListCursor {
            selected: 6,
            offset: 5,
        };
        PaneList {
            rows,
            widths: vec![Constraint::Fill(1)],
            spacing: 0,
        }
        .draw(cursor, area, &mut buf);
        assert_eq!(row_text(&buf, 0), "  Mining  CN 69%");
        assert_eq!(row_text(&buf, 1), "▶ Separa… CN 69%");
        assert_eq!(row_text(&buf, 2), " ".repeat(16));
        // The selected row's style runs across it; its tail keeps the tail's colour.
        assert_eq!(buf[(0, 1)].modifier, Modifier::REVERSED);
        assert_eq!(buf[(9, 1)].modifier, Modifier::REVERSED);
        assert_eq!(buf[(15, 1)].fg, Color::DarkGray);
        assert_eq!(buf[(15, 0)].fg, Color::DarkGray);
        assert_eq!(buf[(2, 0)].fg, Color::Reset);
    }

    #[test]
    fn fit_counts_display_cells() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("盛和资源", 5), "盛和…");
        assert_eq!(fit("盛和资源", 8), "盛和资源");
        assert_eq!(fit("x", 0), "");
    }
}
