//! Windows over the panes drawn: text overlays (what they say is `app::overlay_text`), the
//! problems list, history and plants.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, BorderType, Clear, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use crate::present::format::{number, position};
use crate::tui::app::overlay_text::{TextOverlay, place, problem_lines, text_overlay, wrapped};
use crate::tui::app::{App, Overlay};

pub fn render(app: &App, overlay: &Overlay, area: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::History {
            stage,
            series,
            unit,
        } => {
            if let Some(stage) = app.loaded.model.stage_by_id(stage) {
                super::history::render(app, stage, *series, *unit, area, buf);
            }
        }
        Overlay::Plants => super::plants::render(app, area, buf),
        Overlay::Balance { stage } => {
            if let Some(stage) = app.loaded.model.stage_by_id(stage) {
                super::balance::render(app, stage, area, buf);
            }
        }
        Overlay::Problems if !app.problem_list().is_empty() => render_problems(app, area, buf),
        _ => {
            if let Some(text) = text_overlay(app) {
                render_text(app, text, area, buf);
            }
        }
    }
}

fn render_text(app: &App, text: TextOverlay, area: Rect, buf: &mut Buffer) {
    let body = wrapped(text.lines);
    let at = place(area, text.width, &body);
    let scroll = app.overlay.scroll().min(at.total.saturating_sub(at.rows));
    let keys = if at.total > at.rows {
        format!(
            " {} · ↑↓ scroll · Esc closes ",
            position(scroll, at.rows, at.total)
        )
    } else {
        " Esc closes ".to_string()
    };
    Clear.render(at.rect, buf);
    body.block(frame(app, &text.title, keys))
        .scroll((scroll as u16, 0))
        .render(at.rect, buf);
    if at.total > at.rows {
        // On the right border, inside the corners: where the shown rows sit in the whole.
        let track = Rect {
            y: at.rect.y + 1,
            height: at.rect.height.saturating_sub(2),
            ..at.rect
        };
        let mut state = ScrollbarState::new(at.total.saturating_sub(at.rows) + 1)
            .position(scroll)
            .viewport_content_length(at.rows);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_style(app.theme.border(true))
            .render(track, buf, &mut state);
    }
    if let (Some(Overlay::Source(_)), true) = (app.overlay.get(), app.hyperlinks()) {
        let urls: Vec<&str> = app
            .listed_sources()
            .iter()
            .filter_map(|&s| app.loaded.model.get_source(s)?.url.as_deref())
            .collect();
        super::hyperlink::link_urls(&urls, at.rect, buf);
    }
}

/// The thick frame of an overlay, its title on top and where the reader is below.
fn frame(app: &App, title: &str, keys: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.border(true))
        .title(Line::from(format!(" {title} ")).style(app.theme.pane_title(true)))
        .title_bottom(Line::from(keys).right_aligned())
}

/// Each problem wrapped whole, the selected one marked and kept in view.
fn render_problems(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = problem_lines(app);
    let title = match app.filters.overlay_label() {
        Some(label) => format!("Problems · {label}"),
        None => "Problems".to_owned(),
    };
    if lines.is_empty() {
        let at = place(area, 110, &wrapped(Vec::new()));
        Clear.render(at.rect, buf);
        let note = Line::styled(
            " no problem matches (Esc clears the filter)",
            app.theme.dim(),
        );
        wrapped(vec![note])
            .block(frame(app, &title, " Esc closes ".to_owned()))
            .render(at.rect, buf);
        return;
    }
    let selected = app.overlay.scroll().min(lines.len() - 1);
    let at = place(area, 110, &wrapped(lines.clone()));
    let width = at.rect.width.saturating_sub(2);
    let heights: Vec<usize> = lines
        .iter()
        .map(|l| wrapped(vec![l.clone()]).line_count(width).max(1))
        .collect();
    let start: usize = heights[..selected].iter().sum();
    let end = start + heights[selected];
    let top = if heights[selected] > at.rows {
        start
    } else {
        end.saturating_sub(at.rows)
    };
    let keys = format!(
        " {} of {} · Enter edits at its line · Esc closes ",
        number((selected + 1) as f64),
        number(lines.len() as f64)
    );
    Clear.render(at.rect, buf);
    wrapped(lines)
        .block(frame(app, &title, keys))
        .scroll((top as u16, 0))
        .render(at.rect, buf);
}
