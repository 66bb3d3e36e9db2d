//! The search box: the query, then one row per result with its kind, the matched text with
//! the matching characters highlighted, and where the entity is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::fit;
use crate::search::Hit;
use crate::text::one_line;
use crate::tui::app::{App, SearchBox};
use crate::tui::geometry::{SEARCH_HEADER_ROWS, search_box};
use crate::tui::hints::{self, Focus};

/// Width of the kind column ("facility" is the longest kind).
const KIND_WIDTH: usize = 8;

/// A detail this wide or narrower is always shown, the text cut to make room for it...
const SHORT_DETAIL: usize = 12;
/// ...while the text keeps at least this many cells.
const MIN_TEXT: usize = 16;

pub fn render(app: &App, search: &SearchBox, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rect = search_box(area);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    Clear.render(rect, buf);
    let rows = crate::tui::geometry::search_rows(area.height);
    let count = match search.hits.len() {
        1 => " 1 result ".to_string(),
        n if n > rows => format!(
            " {} results ",
            crate::present::format::position(search.cursor.offset, rows, n)
        ),
        n => format!(" {n} results "),
    };
    let keys: Vec<String> = hints::hints(Focus::Search)
        .iter()
        .map(|h| {
            format!(
                "{} {}",
                hints::hint_keys(Focus::Search.mode(), h, &app.keys),
                h.label
            )
        })
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(Line::from(" Search ").style(theme.pane_title(true)))
        .title(Line::from(count).style(theme.dim()).right_aligned())
        .title_bottom(Line::from(format!(" {} ", keys.join(" · "))).right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }

    // The query, its end in view, and a block cursor after it.
    let width = inner.width as usize;
    let query = one_line(&search.query);
    let room = width.saturating_sub(3);
    let mut shown: Vec<char> = Vec::new();
    let mut used = 0;
    for c in query.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        shown.push(c);
    }
    let shown: String = shown.into_iter().rev().collect();
    let x = buf.set_stringn(inner.x, inner.y, "/ ", 2, theme.key()).0;
    let x = buf.set_stringn(x, inner.y, &shown, room, Style::new()).0;
    buf.set_stringn(x, inner.y, " ", 1, theme.selected(true));
    if inner.height > 1 {
        let rule = "─".repeat(width);
        buf.set_stringn(inner.x, inner.y + 1, &rule, width, theme.dim());
    }

    let rows = inner.height.saturating_sub(SEARCH_HEADER_ROWS) as usize;
    let top = inner.y + SEARCH_HEADER_ROWS;
    if search.hits.is_empty() && rows > 0 {
        buf.set_stringn(inner.x + 2, top, "no matches", width - 2, theme.dim());
        return;
    }
    for (i, hit) in search
        .hits
        .iter()
        .enumerate()
        .skip(search.cursor.offset)
        .take(rows)
    {
        let y = top + (i - search.cursor.offset) as u16;
        draw_hit(
            app,
            hit,
            i == search.cursor.selected,
            inner.x,
            y,
            width,
            buf,
        );
    }
}

/// `▶ kind     text (matches highlighted)            detail`
fn draw_hit(app: &App, hit: &Hit, selected: bool, x: u16, y: u16, width: usize, buf: &mut Buffer) {
    let theme = &app.theme;
    let base = if selected {
        theme.selected(true)
    } else {
        Style::new()
    };
    buf.set_style(Rect::new(x, y, width as u16, 1), base);
    let marker = if selected { "▶" } else { " " };
    buf.set_stringn(x, y, marker, 1, base);
    let kind = format!("{:<KIND_WIDTH$}", hit.kind);
    buf.set_stringn(x + 2, y, &kind, KIND_WIDTH, theme.key().patch(base));

    let text_x = 2 + KIND_WIDTH + 1;
    let available = width.saturating_sub(text_x + 1);
    // The kind column already says what the detail starts with.
    let detail = hit
        .detail
        .strip_prefix(hit.kind.as_str())
        .and_then(|rest| rest.strip_prefix(" · "))
        .unwrap_or(&hit.detail);
    let detail = one_line(detail);
    let text = one_line(&hit.text);
    // A short detail (an event's date, a country code) is kept whole beside a long text; a
    // longer one gets what the text leaves, when that is enough to read.
    let short = detail.width() <= SHORT_DETAIL && available >= detail.width() + 2 + MIN_TEXT;
    let detail_width = if short {
        detail.width()
    } else {
        available
            .saturating_sub(text.width() + 2)
            .min(detail.width())
    };
    // Shown whole, or cut to no fewer than 8 cells.
    let show_detail = detail_width > 0 && detail_width >= detail.width().min(8);
    let text_width = if show_detail {
        available - detail_width - 2
    } else {
        available
    };
    draw_highlighted(
        &text,
        &hit.positions,
        x + text_x as u16,
        y,
        text_width,
        base,
        theme.matched().patch(base),
        buf,
    );
    if show_detail {
        let shown = fit(&detail, detail_width);
        let dx = x + (width - 1 - shown.width()) as u16;
        buf.set_stringn(dx, y, shown.as_ref(), detail_width, theme.dim().patch(base));
    }
}

/// Draws `text` in at most `width` cells, the chars at `positions` in `matched` style, with
/// an ellipsis when cut.
#[allow(clippy::too_many_arguments)]
fn draw_highlighted(
    text: &str,
    positions: &[usize],
    x: u16,
    y: u16,
    width: usize,
    style: Style,
    matched: Style,
    buf: &mut Buffer,
) {
    if width == 0 {
        return;
    }
    let cut = text.width() > width;
    let room = if cut { width - 1 } else { width };
    let mut used = 0;
    let mut at = x;
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        let s = if positions.binary_search(&i).is_ok() {
            matched
        } else {
            style
        };
        let mut utf8 = [0u8; 4];
        at = buf
            .set_stringn(at, y, c.encode_utf8(&mut utf8), w.max(1), s)
            .0;
        used += w;
    }
    if cut {
        buf.set_stringn(at, y, "…", 1, style);
    }
}
