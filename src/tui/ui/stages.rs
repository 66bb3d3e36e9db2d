//! The stages pane: the chain in order, each with its leading country.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Row as TableRow, Widget};
use std::borrow::Cow;

use super::{PaneList, change_mark, empty_note, pane_block, scrollbar, tailed_line};
use crate::model::StageId;
use crate::text::one_line;
use crate::tui::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let list = app.stage_rows();
    let inner_rows = crate::tui::geometry::inner_rows(area);
    let count = app.filters.stages.title(
        app.panes.stages.offset,
        inner_rows,
        list.len(),
        app.loaded.model.stages().len(),
    );
    let title = vec![Span::raw(format!("Stages {count}"))];
    let block = pane_block(app, Pane::Stages, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.loaded.model.stages().is_empty() {
        empty_note(app, inner, buf, "no stages in this model");
        return;
    }
    if list.is_empty() {
        empty_note(app, inner, buf, "no stage matches (Esc clears the filter)");
        return;
    }
    let focused = app.panes.focus == Pane::Stages && app.overlay.get().is_none();
    let rows = inner.height as usize;
    let width = inner.width as usize;
    let tails = stage_tails(app, width);
    let cursor = app.panes.stages;
    let shown = cursor.window(list.len(), rows);
    let table_rows = list[shown.clone()]
        .iter()
        .enumerate()
        .map(|(row, &s)| {
            let style = if shown.start + row == cursor.selected {
                app.theme.selected(focused)
            } else {
                Style::default()
            };
            let name = one_line(&app.loaded.model.stage(s).name);
            let tail = tails
                .get(s.index())
                .unwrap_or(&app.loaded.derived.stage_lead[s]);
            let tail = with_first_short(app, s, &name, tail, width)
                .map_or(Cow::Borrowed(tail.as_str()), Cow::Owned);
            let line = tailed_line(name, tail, width, style, app.theme.dim());
            TableRow::new([line]).style(style)
        })
        .collect();
    PaneList {
        rows: table_rows,
        widths: vec![Constraint::Fill(1)],
        spacing: 0,
    }
    .draw(cursor, inner, buf);
    for (row, &s) in list[shown.clone()].iter().enumerate() {
        let id = &app.loaded.model.stage(s).id;
        change_mark(app, id, buf, inner.x + 1, inner.y + row as u16);
    }
    scrollbar(app, Pane::Stages, cursor, list.len(), area, inner, buf);
    // Below the chain, what the model is: its title and date.
    let used = list.len().saturating_sub(app.panes.stages.offset).min(rows) as u16;
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

/// The tail with the first year supply falls short of demand, `CN 69% · short 2028`, when
/// the balance has one for the stage and it fits beside the name.
fn with_first_short(
    app: &App,
    stage: StageId,
    name: &str,
    tail: &str,
    width: usize,
) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    let year = (*app.what_if.stage_short.get(stage.index())?)?;
    let joined = if tail.is_empty() {
        format!("short {year}")
    } else {
        format!("{tail} · short {year}")
    };
    // The marker and a space, the name, a space, the tail.
    (2 + name.width() + 1 + joined.width() <= width).then_some(joined)
}
