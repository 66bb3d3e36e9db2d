//! Windows over the panes: help (from the keymap table), sources, problems.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::card::{Role, clean, source_kind_text};
use crate::model::{Seen, Severity};
use crate::tui::app::{App, Overlay};
use crate::tui::keymap;

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width
        .min(area.width.saturating_sub(4))
        .max(1)
        .min(area.width);
    let h = height
        .min(area.height.saturating_sub(2))
        .max(1)
        .min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn render(app: &App, overlay: &Overlay, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let (title, lines, width): (&str, Vec<Line>, u16) = match overlay {
        Overlay::Help => ("Keys", help_lines(app), 72),
        Overlay::Source(list) => ("Sources", source_lines(app, list), 90),
        Overlay::Problems => ("Problems", problem_lines(app), 110),
        Overlay::Routes => ("Routes", super::routes::lines(app), 110),
    };
    let height = (lines.len() as u16).saturating_add(2);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(Line::from(format!(" {title} ")).style(theme.pane_title(true)))
        .title_bottom(Line::from(" Esc closes · ↑↓ scroll ").right_aligned());
    let visible: Vec<Line> = lines.into_iter().skip(app.overlay_scroll).collect();
    Paragraph::new(visible)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let rows = keymap::help_rows();
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_w$}  "), app.theme.key()),
                Span::raw(help),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Every figure shows its source id in [brackets]; s spells the source out.",
        app.theme.dim(),
    ));
    lines
}

fn source_lines<'a>(app: &'a App, list: &[usize]) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for (i, &s) in list.iter().enumerate() {
        let Some(src) = app.model.sources.get(s) else {
            continue;
        };
        if i > 0 {
            lines.push(Line::raw(""));
        }
        let field = |name: &'static str, value: String, role: Role| {
            Line::from(vec![
                Span::styled(format!(" {name:<10}"), theme.dim()),
                Span::styled(value, theme.role(role)),
            ])
        };
        lines.push(Line::styled(
            format!(" [{}]", clean(&src.id)),
            theme.role(Role::Source),
        ));
        lines.push(field("publisher", clean(&src.publisher).into(), Role::Text));
        lines.push(field("title", clean(&src.title).into(), Role::Text));
        match (src.date, src.year) {
            (Some(date), _) => lines.push(field("date", date.to_string(), Role::Number)),
            (None, Some(year)) => lines.push(field("year", year.to_string(), Role::Number)),
            (None, None) => {}
        }
        if let Some(kind) = src.kind {
            lines.push(field("kind", source_kind_text(kind).into(), Role::Status));
        }
        if let Some(quotes) = &src.quotes {
            lines.push(field("reports", clean(quotes).into(), Role::Text));
        }
        if let Some(primary) = src.primary.and_then(|p| app.model.sources.get(p)) {
            lines.push(field(
                "primary",
                format!("[{}]", clean(&primary.id)),
                Role::Source,
            ));
        }
        if let Some(url) = &src.url {
            lines.push(field("URL", clean(url).into(), Role::Source));
        }
        if let Some(a) = src.accessed {
            lines.push(field("accessed", a.to_string(), Role::Number));
        }
        if let Some(seen) = src.seen {
            let how = match seen {
                Seen::Read => "read in the publisher's own document",
                Seen::Quoted => "quoted by a third party",
            };
            lines.push(field("seen", how.into(), Role::Status));
        }
        if let Some(note) = &src.note {
            lines.push(field("note", clean(note).into(), Role::Dim));
        }
    }
    lines
}

fn problem_lines(app: &App) -> Vec<Line<'_>> {
    let problems = app.problem_list();
    if problems.is_empty() {
        return vec![Line::styled(
            " no problems: the model file is valid",
            app.theme.ok(),
        )];
    }
    problems
        .iter()
        .map(|p| {
            let style = match p.severity {
                Severity::Error => app.theme.error(),
                Severity::Warning => app.theme.role(Role::Warning),
            };
            Line::styled(format!(" {}", clean(&p.to_string())), style)
        })
        .collect()
}
