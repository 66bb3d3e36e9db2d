//! The status bar (model, validity, counts, key hints, messages) and the reload banner.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::tui::app::App;

const HINTS: &str = "? help  / search  Tab pane  Enter open  s source  q quit";
const DATE_HINTS: &str = ", . month  < > year  = own date  H history";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.status_bar());
    let w = area.width as usize;

    // Right: which model, whether the file on disk is valid, and how big it is.
    let (mark, mark_style) = match (&app.load_error, app.file_removed) {
        (_, true) => ("✗ file removed".to_string(), theme.error()),
        (Some(e), _) => {
            let n = e.errors().count();
            (
                format!("✗ {n} error{}", crate::present::format::plural(n as u128)),
                theme.error(),
            )
        }
        (None, _) if !app.model.warnings.is_empty() => {
            let n = app.model.warnings.len();
            (
                format!("✓ {n} warning{}", crate::present::format::plural(n as u128)),
                theme.ok(),
            )
        }
        (None, _) => ("✓ valid".to_string(), theme.ok()),
    };
    let name = &app.derived.model_name;
    let counts = &app.derived.counts;
    let full = name.width() + 1 + mark.width() + 3 + counts.width() + 1;
    let short = name.width() + 1 + mark.width() + 1;
    let with_counts = full + 30 <= w;
    let right_w = if with_counts { full } else { short.min(w) };
    let mut x = area.x + (w - right_w) as u16;
    let y = area.y;
    let name_shown = fit(name, right_w.saturating_sub(mark.width() + 2));
    x = buf
        .set_stringn(x, y, name_shown.as_ref(), right_w, theme.dim())
        .0
        + 1;
    x = buf.set_stringn(x, y, &mark, mark.width(), mark_style).0;
    if with_counts {
        x = buf.set_stringn(x, y, " · ", 3, theme.dim()).0;
        buf.set_stringn(x, y, counts, counts.width(), theme.dim());
    }

    // Left: the date the model is read at, while it is not its own, then the latest message,
    // else the key hints.
    let mut left_w = w.saturating_sub(right_w + 2);
    let mut area = area;
    if let Some(date) = app.as_of {
        let label = format!(" as of {date} (model {}) ", app.own_date());
        let shown = fit(&label, left_w);
        let used =
            buf.set_stringn(
                area.x,
                y,
                shown.as_ref(),
                left_w,
                theme.role(crate::present::doc::Role::Warning),
            )
            .0 - area.x;
        area.x += used;
        left_w = left_w.saturating_sub(used as usize);
    }
    match &app.message {
        _ if app.prompt.is_some() => render_prompt(app, area, left_w, buf),
        Some(msg) => {
            let style = if msg.error { theme.error() } else { theme.ok() };
            let text = fit(&msg.text, left_w.saturating_sub(1));
            buf.set_stringn(area.x + 1, y, text.as_ref(), left_w, style);
        }
        None if app.what_if.is_active() => {
            let text = format!(
                "excluding {} by {}  x toggle  b by  m routes",
                app.what_if.label(&app.model),
                app.what_if.by.mode.as_str()
            );
            let text = fit(&text, left_w.saturating_sub(1));
            buf.set_stringn(
                area.x + 1,
                y,
                text.as_ref(),
                left_w,
                theme.role(crate::present::doc::Role::Warning),
            );
        }
        None if app.as_of.is_some() => {
            let text = fit(DATE_HINTS, left_w.saturating_sub(1));
            buf.set_stringn(area.x + 1, y, text.as_ref(), left_w, theme.dim());
        }
        None => {
            let text = fit(HINTS, left_w.saturating_sub(1));
            buf.set_stringn(area.x + 1, y, text.as_ref(), left_w, theme.dim());
        }
    }
}

/// The prompt of `w`, its input ending in a cursor, then why the last try did not write; the
/// end of a long line is kept, since that is where typing happens.
fn render_prompt(app: &App, area: Rect, width: usize, buf: &mut Buffer) {
    let Some(prompt) = &app.prompt else { return };
    let mut text = prompt.line();
    if matches!(prompt.step, crate::tui::app::PromptStep::FileName) {
        text.push('▏');
    }
    let note = prompt
        .note
        .as_ref()
        .map(|n| format!("  {}", crate::text::one_line(n)))
        .unwrap_or_default();
    let room = width.saturating_sub(1);
    let note_w = note.width().min(room / 2);
    let text_room = room - note_w;
    let skip = text.width().saturating_sub(text_room);
    let tail: String = text.chars().skip(skip).collect();
    let shown = fit(&tail, text_room);
    let (x, _) = buf.set_stringn(
        area.x + 1,
        area.y,
        shown.as_ref(),
        text_room,
        app.theme.key(),
    );
    let note = fit(&note, note_w);
    buf.set_stringn(x, area.y, note.as_ref(), note_w, app.theme.error());
}

/// The first problem of a failed reload, across the screen so it cannot be missed.
pub fn render_banner(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(text) = app.banner() else { return };
    buf.set_style(area, app.theme.banner());
    let text = crate::text::one_line(&text);
    let shown = fit(&text, (area.width as usize).saturating_sub(2));
    buf.set_stringn(
        area.x + 1,
        area.y,
        shown.as_ref(),
        area.width.saturating_sub(1) as usize,
        app.theme.banner(),
    );
}
