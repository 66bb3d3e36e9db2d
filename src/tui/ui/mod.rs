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
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Pane};

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

/// One list row: a marker, the text cut to fit, and a right-aligned tail.
pub(crate) struct Row<'a> {
    pub text: &'a str,
    pub tail: &'a str,
    pub style: Style,
    pub tail_style: Style,
    pub selected: bool,
}

impl Row<'_> {
    pub(crate) fn draw(&self, buf: &mut Buffer, area: Rect, y: u16) {
        let width = area.width as usize;
        if width < 3 {
            return;
        }
        buf.set_style(Rect::new(area.x, y, area.width, 1), self.style);
        let marker = if self.selected { "▶" } else { " " };
        buf.set_stringn(area.x, y, marker, 1, self.style);
        let tail_w = if self.tail.is_empty() {
            0
        } else {
            self.tail.width().min(width.saturating_sub(8))
        };
        let text_w = width - 2 - tail_w - usize::from(tail_w > 0);
        let shown = fit(self.text, text_w);
        buf.set_stringn(area.x + 2, y, shown.as_ref(), text_w, self.style);
        if tail_w > 0 {
            let tail = fit(self.tail, tail_w);
            let x = area.x + (width - tail.width()) as u16;
            buf.set_stringn(
                x,
                y,
                tail.as_ref(),
                tail_w,
                self.tail_style.patch(self.style),
            );
        }
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

    #[test]
    fn fit_counts_display_cells() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("盛和资源", 5), "盛和…");
        assert_eq!(fit("盛和资源", 8), "盛和资源");
        assert_eq!(fit("x", 0), "");
    }
}
