//! Windows over the panes: help (from the keymap table), sources, problems.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::model::Severity;
use crate::present::card::sources_doc;
use crate::present::doc::{Doc, Role};
use crate::text::one_line;
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
    if let &Overlay::History {
        stage,
        series,
        unit,
    } = overlay
    {
        return super::history::render(app, stage, series, unit, area, buf);
    }
    let (title, lines, width): (&str, Vec<Line>, u16) = match overlay {
        Overlay::Plants => return super::plants::render(app, area, buf),
        Overlay::Help => ("Keys", help_lines(app), 72),
        Overlay::Source(list) => ("Sources", source_lines(app, list), 90),
        Overlay::Problems => ("Problems", problem_lines(app), 110),
        Overlay::Routes => ("Routes", super::routes::lines(app), 110),
        Overlay::History { .. } => return,
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
    if let (Overlay::Source(list), true) = (overlay, app.hyperlinks) {
        let urls: Vec<&str> = list
            .iter()
            .filter_map(|&s| app.model.sources.get(s)?.url.as_deref())
            .collect();
        super::hyperlink::link_urls(&urls, rect, buf);
    }
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

fn source_lines(app: &App, list: &[usize]) -> Vec<Line<'static>> {
    doc_lines(app, &sources_doc(&app.model, list))
}

/// A document's lines, styled and set one column in from the border.
pub fn doc_lines(app: &App, doc: &Doc) -> Vec<Line<'static>> {
    doc.lines
        .iter()
        .map(|line| {
            let spans = line
                .iter()
                .map(|(role, text)| Span::styled(text.clone(), app.theme.role(*role)));
            Line::from(
                std::iter::once(Span::raw(" "))
                    .chain(spans)
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
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
            Line::styled(format!(" {}", one_line(&p.to_string())), style)
        })
        .collect()
}
