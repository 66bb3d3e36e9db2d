//! The shares pane: one bar per country for a share block of the selected stage.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row as TableRow, Widget};

use super::{PaneList, empty_note, fit, fit_owned, pane_block, scrollbar};
use crate::model::{CountryId, ShareBlock, StageId};
use crate::present::format::{percent_cell, shorten_id};
use crate::text::one_line;
use crate::tui::app::{App, Pane};

/// The fewest cells a shortened source id keeps.
const MIN_SOURCE_CELLS: usize = 6;

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar of `percent` on a scale where 100% fills `width` cells, drawn in eighths.
pub fn bar(percent: f64, width: usize) -> String {
    let eighths = ((percent.clamp(0.0, 100.0) / 100.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS[eighths % 8]);
    s
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let m = &app.loaded.model;
    let stage = app.selected_stage();
    let blocks = stage.map_or(0, |s| m.stage(s).shares.len());
    let scope = stage.map_or_else(String::new, |s| one_line(&m.stage(s).name).into_owned());
    let which = if blocks > 1 {
        format!("{}/{blocks} [ ] ", app.panes.block + 1)
    } else {
        String::new()
    };
    let total = app.current_block().map_or(0, |b| b.percents.len());
    let kept = app.kept_shares().map_or(total, <[usize]>::len);
    let rows = crate::tui::geometry::share_rows(area);
    let filter = &app.filters.shares;
    let title = if filter.typing() || filter.is_on() || kept > rows {
        let count = filter.title(app.panes.shares.offset, rows, kept, total);
        // The keys' hint `[ ]` gives way to the count.
        let count = format!("{}{count}", which.replace("[ ] ", ""));
        vec![Span::raw(super::pane_title("Shares", &scope, &count, area))]
    } else if scope.is_empty() {
        vec![Span::raw("Shares")]
    } else {
        vec![Span::raw(
            format!("Shares · {scope} {which}").trim_end().to_owned(),
        )]
    };
    let block = pane_block(app, Pane::Shares, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let (Some(s), Some(share)) = (stage, app.current_block()) else {
        empty_note(app, inner, buf, "no share data for this stage");
        return;
    };
    if inner.height < 2 || inner.width < 12 {
        return;
    }
    render_heading(app, s, share, inner, buf);
    render_bars(app, share, area, inner, buf);
    render_summary(app, s, share, inner, buf);
}

/// Cells for the source id beside the heading, or None when even a shortened id does not fit:
/// the heading (year, metric, `projection`) keeps its room and the id moves to the summary.
fn source_room(app: &App, s: StageId, share: &ShareBlock, w: usize) -> Option<usize> {
    let heading = &app.loaded.derived.block_heading[s][app.panes.block];
    let id = &app.loaded.model.source(share.source).id;
    let room = w.saturating_sub(1 + 3 + unicode_width::UnicodeWidthStr::width(heading.as_str()));
    (room >= MIN_SOURCE_CELLS.min(id.chars().count())).then_some(room)
}

/// Heading: year · metric [source]
fn render_heading(app: &App, s: StageId, share: &ShareBlock, inner: Rect, buf: &mut Buffer) {
    let w = inner.width as usize;
    let theme = &app.theme;
    let heading = &app.loaded.derived.block_heading[s][app.panes.block];
    let id = one_line(&app.loaded.model.source(share.source).id);
    let source = match source_room(app, s, share, w) {
        Some(room) => format!(" [{}]", shorten_id(&id, room)),
        None => String::new(),
    };
    let head_w = w.saturating_sub(1 + source.chars().count());
    let shown = fit(heading, head_w);
    let (x, _) = buf.set_stringn(inner.x + 1, inner.y, shown.as_ref(), head_w, theme.dim());
    buf.set_stringn(
        x,
        inner.y,
        &source,
        (inner.right().saturating_sub(x)) as usize,
        theme.role(crate::present::doc::Role::Source),
    );
}

/// One bar per country: `CN ███▍ 69.2%`
fn render_bars(app: &App, share: &ShareBlock, area: Rect, inner: Rect, buf: &mut Buffer) {
    let w = inner.width as usize;
    let theme = &app.theme;
    let rows = crate::tui::geometry::share_rows(area);
    let focused = app.panes.focus == Pane::Shares && app.overlay.get().is_none();
    // The marker and a space, the code and a space, the bar, a space and the percent's 6 cells.
    let bar_w = w.saturating_sub(2 + 3 + 7);
    let all = &share.percents;
    let kept = app.kept_shares();
    let len = kept.map_or(all.len(), <[usize]>::len);
    let cursor = app.panes.shares;
    let shown = cursor.window(len, rows);
    let listed: Box<dyn Iterator<Item = &(CountryId, f64)>> = match kept {
        Some(kept) => Box::new(kept[shown.clone()].iter().filter_map(|&i| all.get(i))),
        None => Box::new(all[shown.clone()].iter()),
    };
    let table_rows = listed
        .enumerate()
        .map(|(row, &(c, pct))| {
            let mut style = if shown.start + row == cursor.selected {
                theme.selected(focused)
            } else {
                Style::default()
            };
            if app.what_if.is_excluded(c) {
                style = style.patch(theme.excluded());
            }
            let code = fit_owned(one_line(&app.loaded.model.country(c).code), 2);
            let bar = Span::styled(bar(pct, bar_w), theme.bar().patch(style));
            let label = Line::from(Span::styled(percent_cell(pct, 6), style)).right_aligned();
            TableRow::new([
                Line::from(Span::styled(code, style)),
                Line::from(bar),
                label,
            ])
            .style(style)
        })
        .collect();
    let list = Rect::new(inner.x, inner.y + 1, inner.width, rows as u16);
    PaneList {
        rows: table_rows,
        widths: vec![
            Constraint::Length(2),
            Constraint::Length(bar_w as u16),
            Constraint::Fill(1),
        ],
        spacing: 1,
    }
    .draw(cursor, list, buf);
    scrollbar(app, Pane::Shares, cursor, len, area, list, buf);
}

/// Summary: what is left in the what-if, then the concentration, as every view words them.
fn render_summary(app: &App, s: StageId, share: &ShareBlock, inner: Rect, buf: &mut Buffer) {
    let width = inner.width as usize;
    let m = &app.loaded.model;
    let y = inner.bottom() - 1;
    if y <= inner.y + 1 {
        return;
    }
    let mut x = inner.x + 1;
    if source_room(app, s, share, width).is_none() {
        let id = one_line(&m.source(share.source).id);
        let cited = format!("[{}] ", shorten_id(&id, width.saturating_sub(4).max(1)));
        (x, _) = buf.set_stringn(
            x,
            y,
            &cited,
            width - 1,
            app.theme.role(crate::present::doc::Role::Source),
        );
    }
    let left = app
        .what_if
        .block_left
        .get(s.index())
        .and_then(|blocks| blocks.get(app.panes.block));
    let summary = &app.loaded.derived.block_summary[s][app.panes.block];
    for (text, gap) in left
        .map(|l| (l.as_str(), " · "))
        .into_iter()
        .chain([(summary.as_str(), "")])
    {
        let rest = inner.right().saturating_sub(x) as usize;
        if rest == 0 {
            break;
        }
        (x, _) = buf.set_stringn(x, y, fit(text, rest).as_ref(), rest, app.theme.dim());
        let rest = inner.right().saturating_sub(x) as usize;
        if gap.is_empty() {
            continue;
        }
        // No room for the summary after the gap: say that more follows.
        let more = if rest > gap.len() + 1 { gap } else { "…" };
        (x, _) = buf.set_stringn(x, y, more, rest, app.theme.dim());
        if more != gap {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(100.0, 4), "████");
        assert_eq!(bar(50.0, 4), "██");
        assert_eq!(bar(0.0, 4), "");
        assert_eq!(bar(12.5 / 4.0, 4), "▏");
        assert_eq!(bar(250.0, 2), "██");
    }
}
