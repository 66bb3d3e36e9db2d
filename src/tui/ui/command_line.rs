//! The `:` command line on the bottom row, over the status bar: what is typed, the keys it
//! takes on the right when there is room, and on the row above either why the line did not
//! run or what Tab offers, the candidate taken highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, fitted_line};
use crate::tui::app::App;
use crate::tui::app::command_line::Completion;
use crate::tui::hints::{COMMAND_LINE_HINTS, hint_keys};
use crate::tui::keymap::Mode;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(line) = &app.command_line.open else {
        return;
    };
    if area.height < 2 || area.width < 4 {
        return;
    }
    let row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    Clear.render(row, buf);
    buf.set_style(row, app.theme.status_bar());
    let hints: Vec<String> = COMMAND_LINE_HINTS
        .iter()
        .map(|h| format!("{} {}", hint_keys(Mode::CommandLine, h, &app.keys), h.label))
        .collect();
    let hints = hints.join("  ");
    // The hints only where the line keeps most of the row.
    let hints_w = if hints.width() + 40 <= row.width as usize {
        hints.width() as u16
    } else {
        0
    };
    let room = (row.width - hints_w).saturating_sub(1) as usize;
    let text = format!(":{}▏", crate::text::one_line(&line.text));
    // The end of a long line is kept: that is where typing happens.
    let skip = text.width().saturating_sub(room);
    let tail: String = text.chars().skip(skip).collect();
    let shown = fit(&tail, room);
    buf.set_stringn(row.x, row.y, shown.as_ref(), room, app.theme.key());
    if hints_w > 0 {
        let x = row.right() - hints_w;
        fitted_line(buf, x, row.y, &hints, hints_w, app.theme.dim());
    }
    let above = Rect::new(area.x, row.y - 1, area.width, 1);
    if let Some(error) = &line.error {
        Clear.render(above, buf);
        let text = format!(" {}", crate::text::one_line(error));
        fitted_line(buf, above.x, above.y, &text, above.width, app.theme.error());
    } else if let Some(completion) = &line.completion {
        Clear.render(above, buf);
        render_candidates(app, completion, above, buf);
    }
}

/// The candidates in one row, scrolled so the one taken shows; what each names follows the
/// one taken when there is room.
fn render_candidates(app: &App, completion: &Completion, area: Rect, buf: &mut Buffer) {
    if completion.candidates.is_empty() {
        fitted_line(
            buf,
            area.x + 1,
            area.y,
            "no completion",
            area.width - 1,
            app.theme.dim(),
        );
        return;
    }
    let chosen = completion.chosen.unwrap_or(0);
    // The first shown: as far on as keeps the chosen one in the row.
    let mut first = 0;
    let width = |i: usize| completion.candidates[i].0.width() + 2;
    while first < chosen && (first..=chosen).map(width).sum::<usize>() > area.width as usize {
        first += 1;
    }
    let mut x = area.x + 1;
    for (i, (value, _)) in completion.candidates.iter().enumerate().skip(first) {
        let w = value.width() as u16;
        if x + w > area.right() {
            break;
        }
        let style = if completion.chosen == Some(i) {
            app.theme.selected(true)
        } else {
            app.theme.key()
        };
        x += fitted_line(buf, x, area.y, value, w, style) + 2;
    }
    let help = completion
        .chosen
        .or((completion.candidates.len() == 1).then_some(0))
        .and_then(|i| completion.candidates.get(i))
        .map(|(_, help)| crate::text::one_line(help).into_owned())
        .unwrap_or_default();
    if !help.is_empty() && x + 4 < area.right() {
        fitted_line(buf, x, area.y, &help, area.right() - x, app.theme.dim());
    }
}
