//! The status bar (on the left the date read at, then the latest message or the key hints for
//! what has the keys; on the right the model, its validity and counts) and the reload banner.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::{fit, fitted_line};
use crate::present::doc::Role;
use crate::present::format::{MODEL_AGE_SHOWN_DAYS, model_age, plural};
use crate::tui::app::{App, Message};
use crate::tui::hints::{self, DATE_HINTS, Focus, Hint, WHAT_IF_HINTS};

/// Shown after a message cut to fit, so the reader knows where the rest is; the short one
/// where room is tight.
const MORE: &str = "  L: whole message";
const MORE_SHORT: &str = "  L: more";

/// Cells a message keeps beside the date read at before the date drops the model's own.
const MESSAGE_KEPT: usize = 40;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.status_bar());
    // A prompt, a message or the what-if label needs the room more than the model's date.
    let with_date =
        app.prompt.is_none() && app.status.message.is_none() && !app.what_if.is_active();
    let right_w = render_model_state(app, with_date, area, buf);
    let mut left = Rect {
        width: area.width.saturating_sub(right_w + 2),
        ..area
    };
    if let Some(date) = app.dating.as_of {
        // The model's own date goes before a message or prompt is cut.
        let full = format!(" as of {date} (model {}) ", app.own_date());
        let short = format!(" as of {date} ");
        let wants_room = app.prompt.is_some() || app.status.message.is_some();
        let label = if wants_room && full.width() + MESSAGE_KEPT > usize::from(left.width) {
            short
        } else {
            full
        };
        let style = app.theme.role(Role::Warning);
        let used = fitted_line(buf, left.x, left.y, &label, left.width, style);
        left.x += used;
        left.width -= used;
    }
    // One column between the edge (or the date) and the text.
    left.x += 1;
    left.width = left.width.saturating_sub(1);
    match &app.status.message {
        _ if app.prompt.is_some() => render_prompt(app, left, left.width as usize, buf),
        Some(msg) => render_message(app, msg, left, buf),
        None => render_hints(app, left, buf),
    }
}

/// Cells the key hints keep before the model's date gives way.
const HINTS_KEPT: usize = 20;

/// The right side: the model's date (and age once it is old) when asked and there is room,
/// which model, whether the file on disk is valid, and how big it is (when there is room).
/// Returns the width used.
fn render_model_state(app: &App, with_date: bool, area: Rect, buf: &mut Buffer) -> u16 {
    let theme = &app.theme;
    let (mark, mark_style) = validity(app);
    let name = &app.loaded.derived.model_name;
    let counts = &app.loaded.derived.counts;
    let w = area.width as usize;
    let full = name.width() + 1 + mark.width() + 3 + counts.width() + 1;
    let short = name.width() + 1 + mark.width() + 1;
    // Counts only where the hints keep most of the bar.
    let with_counts = full + 64 <= w;
    let base_w = if with_counts { full } else { short.min(w) };
    // Reading at a date, the left side already names the model's own date.
    // The age goes first when the room is short, then the date.
    let fits = |d: &String| base_w + d.width() + 3 + HINTS_KEPT <= w;
    let date = match app.dating.as_of {
        None if with_date => [
            model_age(app.own_date(), app.status.today()),
            model_age(app.own_date(), None),
        ]
        .into_iter()
        .find(fits)
        .unwrap_or_default(),
        _ => String::new(),
    };
    let date_w = if date.is_empty() { 0 } else { date.width() + 3 };
    let right_w = base_w + date_w;
    let (mut x, y) = (area.x + (w - right_w) as u16, area.y);
    if date_w > 0 {
        let old = app
            .status
            .today()
            .is_some_and(|t| app.own_date().days_until(t) > MODEL_AGE_SHOWN_DAYS);
        let style = if old {
            theme.role(Role::Warning)
        } else {
            theme.dim()
        };
        x += fitted_line(buf, x, y, &date, (date_w - 3) as u16, style);
        x += fitted_line(buf, x, y, " · ", 3, theme.dim());
    }
    let name_w = base_w.saturating_sub(mark.width() + 2) as u16;
    x += fitted_line(buf, x, y, name, name_w, theme.dim()) + 1;
    x += fitted_line(buf, x, y, &mark, mark.width() as u16, mark_style);
    if with_counts {
        x += fitted_line(buf, x, y, " · ", 3, theme.dim());
        fitted_line(buf, x, y, counts, counts.width() as u16, theme.dim());
    }
    right_w as u16
}

/// "✓ valid", "✓ 2 warnings", "✗ 3 errors" or "✗ file removed", and its style.
fn validity(app: &App) -> (String, Style) {
    let theme = &app.theme;
    match (&app.file.load_error, app.file.removed) {
        (_, true) => ("✗ file removed".to_string(), theme.error()),
        (Some(e), _) => {
            let n = e.errors().count();
            (format!("✗ {n} error{}", plural(n as u128)), theme.error())
        }
        (None, _) if !app.loaded.model.warnings().is_empty() => {
            let n = app.loaded.model.warnings().len();
            (format!("✓ {n} warning{}", plural(n as u128)), theme.ok())
        }
        (None, _) => ("✓ valid".to_string(), theme.ok()),
    }
}

/// The latest message; one too long for the bar shows its point, the part before its first
/// ` — ` or `; ` that fits, and says where the whole of it is.
fn render_message(app: &App, msg: &Message, area: Rect, buf: &mut Buffer) {
    let style = if msg.error {
        app.theme.error()
    } else {
        app.theme.ok()
    };
    let text = crate::text::one_line(&msg.text);
    let width = usize::from(area.width);
    if text.width() <= width {
        fitted_line(buf, area.x, area.y, &text, area.width, style);
        return;
    }
    let more = if width >= 2 * MORE.width() + 20 {
        MORE
    } else {
        MORE_SHORT
    };
    let room = width.saturating_sub(more.width());
    let shown = point(&text, room).unwrap_or(&text);
    let used = fitted_line(buf, area.x, area.y, shown, room as u16, style);
    fitted_line(
        buf,
        area.x + used,
        area.y,
        more,
        more.width() as u16,
        app.theme.dim(),
    );
}

/// The longest start of `text` that ends where a clause does (before ` — ` or `; `) and fits
/// in `room` cells.
fn point(text: &str, room: usize) -> Option<&str> {
    let ends = text
        .match_indices(" — ")
        .chain(text.match_indices("; "))
        .map(|(i, _)| i);
    ends.filter(|&i| i > 0 && text[..i].width() <= room)
        .max()
        .map(|i| &text[..i])
}

/// The key hints for what has the keys, after the what-if's and the date's own, as many whole
/// hints as fit, most useful first.
fn render_hints(app: &App, mut area: Rect, buf: &mut Buffer) {
    if app.what_if.is_active() {
        let label = format!(
            "excluding {} by {}  ",
            app.what_if.label(&app.loaded.model),
            app.what_if.by.mode.as_str()
        );
        let style = app.theme.role(Role::Warning);
        let used = fitted_line(buf, area.x, area.y, &label, area.width, style);
        area.x += used;
        area.width -= used;
    }
    let mut x = area.x;
    for (keys, label) in hint_words(app) {
        let gap: u16 = if x == area.x { 0 } else { 2 };
        let needed = gap + (keys.width() + 1 + label.width()) as u16;
        if x + needed > area.right() {
            break;
        }
        x += gap;
        x += fitted_line(buf, x, area.y, &keys, keys.width() as u16, app.theme.key());
        x += 1;
        x += fitted_line(buf, x, area.y, label, label.width() as u16, app.theme.dim());
    }
}

/// The hints as (keys, what they do), most useful first.
fn hint_words(app: &App) -> Vec<(String, &'static str)> {
    let focus = app.hint_focus();
    let mode = focus.mode();
    let shown = focus != Focus::Search;
    let modes: [&[Hint]; 2] = [
        if app.what_if.is_active() && shown {
            WHAT_IF_HINTS
        } else {
            &[]
        },
        if app.dating.as_of.is_some() && shown {
            DATE_HINTS
        } else {
            &[]
        },
    ];
    modes
        .into_iter()
        .flatten()
        .chain(hints::hints(focus))
        .map(|h| (hints::hint_keys(mode, h, &app.keys), h.label))
        .collect()
}

/// The prompt of `w`, its input ending in a cursor, then why the last try did not write. The
/// question keeps its start and the input scrolls, since its end is where typing happens; a
/// question without input (overwrite?) keeps its end, where the choice is.
fn render_prompt(app: &App, area: Rect, width: usize, buf: &mut Buffer) {
    let Some(prompt) = &app.prompt else { return };
    let text = prompt.line();
    let (label, mut typed) = match prompt.step {
        crate::tui::app::PromptStep::FileName => {
            let typed = crate::text::one_line(&prompt.input);
            let at = text.len().saturating_sub(typed.len());
            match (text.get(..at), text.get(at..)) {
                (Some(label), Some(typed)) => (label.to_owned(), typed.to_owned()),
                _ => (String::new(), text.clone()),
            }
        }
        _ => (String::new(), text.clone()),
    };
    if matches!(prompt.step, crate::tui::app::PromptStep::FileName) {
        typed.push('▏');
    }
    let note = prompt
        .note
        .as_ref()
        .map(|n| format!("  {}", crate::text::one_line(n)))
        .unwrap_or_default();
    let room = width.saturating_sub(1);
    let note_w = note.width().min(room / 2);
    let text_room = room - note_w;
    // The question gets what the input leaves, and at least half the room.
    let label_room = label
        .width()
        .min(text_room.saturating_sub(typed.width().min(text_room / 2)));
    let label = fit(&label, label_room);
    let (x, _) = buf.set_stringn(area.x, area.y, label.as_ref(), label_room, app.theme.key());
    let input_room = text_room.saturating_sub(label.width());
    let input = tail(&typed, input_room);
    let (x, _) = buf.set_stringn(x, area.y, &input, input_room, app.theme.key());
    let note = fit(&note, note_w);
    buf.set_stringn(x, area.y, note.as_ref(), note_w, app.theme.error());
}

/// The end of `text` in `room` cells, starting with `…` when its start is cut.
fn tail(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if room == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The first problem of a failed reload, across the screen so it cannot be missed.
pub fn render_banner(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(text) = app.banner() else { return };
    buf.set_style(area, app.theme.banner());
    let text = crate::text::one_line(&text);
    let width = area.width.saturating_sub(2);
    fitted_line(buf, area.x + 1, area.y, &text, width, app.theme.banner());
}
