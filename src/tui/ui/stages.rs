//! The stages pane: the chain in order, each with its leading country.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{Row, change_mark, empty_note, pane_block};
use crate::text::one_line;
use crate::tui::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = vec![Span::raw(format!(
        "Stages ({})",
        app.loaded.model.stages().len()
    ))];
    let block = pane_block(app, Pane::Stages, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.loaded.model.stages().is_empty() {
        empty_note(app, inner, buf, "no stages in this model");
        return;
    }
    let focused = app.panes.focus == Pane::Stages && app.overlay.get().is_none();
    let rows = inner.height as usize;
    let tails = stage_tails(app, inner.width as usize);
    for (row, s) in (app.panes.stages.offset..app.loaded.model.stages().len())
        .take(rows)
        .enumerate()
    {
        let selected = s == app.panes.stages.selected;
        let style = if selected {
            app.theme.selected(focused)
        } else {
            Style::default()
        };
        Row {
            text: &one_line(&app.loaded.model.stage(s).name),
            tail: tails.get(s).unwrap_or(&app.loaded.derived.stage_lead[s]),
            style,
            tail_style: app.theme.dim(),
            selected,
        }
        .draw(buf, inner, inner.y + row as u16);
        let id = &app.loaded.model.stage(s).id;
        change_mark(app, id, buf, inner.x + 1, inner.y + row as u16);
    }
    // Below the chain, what the model is: its title and date.
    let used = (app.loaded.model.stages().len() - app.panes.stages.offset).min(rows) as u16;
    if inner.height > used + 2 {
        let y = inner.y + inner.height - 2;
        let w = inner.width.saturating_sub(1) as usize;
        let title = super::fit(app.loaded.model.title(), w);
        buf.set_stringn(inner.x + 1, y, title.as_ref(), w, app.theme.dim());
        let as_of = format!("as of {}", app.loaded.model.as_of_date());
        buf.set_stringn(inner.x + 1, y + 1, as_of, w, app.theme.dim());
    }
}

/// The what-if tails the stages pane shows: with the excluded countries when every stage
/// name fits beside them, else without (the status bar names the countries). Empty without
/// exclusions.
fn stage_tails(app: &App, width: usize) -> &[String] {
    use unicode_width::UnicodeWidthStr;
    let w = &app.what_if;
    let fits = app
        .loaded
        .model
        .stages()
        .iter()
        .zip(&w.stage_tail)
        .all(|(stage, tail)| {
            // The marker and a space, the name, a space, the tail.
            2 + stage.name.width() + 1 + tail.width() <= width
        });
    if fits {
        &w.stage_tail
    } else {
        &w.stage_tail_bare
    }
}
