//! The detail card of the selection, scrolled by card line and wrapped to the pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};

use super::pane_block;
use crate::present::doc::DocLine;
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;

pub fn card_line(theme: &Theme, line: &DocLine) -> Line<'static> {
    Line::from(
        line.iter()
            .map(|(role, text)| Span::styled(text.clone(), theme.role(*role)))
            .collect::<Vec<_>>(),
    )
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let card = &app.card.doc;
    let mut title = vec![Span::raw(card.title.as_str())];
    // The card of an entity the last reload added or changed says so in its title.
    if let Some(mark) = app.subject().and_then(|e| app.entity_mark(e)) {
        title.insert(0, Span::raw(format!("{mark} ")));
    }
    let mut block = pane_block(app, Pane::Detail, title).padding(Padding::horizontal(1));
    let rows = area.height.saturating_sub(2) as usize;
    if app.card.max_scroll > 0 {
        let position = format!(" line {}/{} ", app.card.scroll + 1, card.line_count());
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    // Only the lines that can show are styled and wrapped; a stage card may have thousands.
    let width = area.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = card
        .lines_iter(Some(width))
        .skip(app.card.scroll)
        .take(rows)
        .map(|l| card_line(&app.theme, &l))
        .collect();
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
