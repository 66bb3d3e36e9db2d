//! The routes view: the routes document of the current exclusions, styled, under its title.

use ratatui::text::{Line, Span};

use super::overlay::doc_lines;
use crate::present::doc::Role;
use crate::tui::app::App;

/// Said under the title when nothing is excluded; a key hint, so not in the document.
const NOTHING_EXCLUDED: &str = "No country excluded: x on a country excludes it.";

/// Lines of the routes view, for scrolling.
pub fn line_count(app: &App) -> usize {
    app.what_if.routes.as_ref().map_or(1, |r| {
        1 + usize::from(!app.what_if.is_active()) + r.doc.line_count()
    })
}

pub fn lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    let Some(routes) = &app.what_if.routes else {
        return vec![Line::styled(" no routes computed", app.theme.dim())];
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(" "),
        Span::styled(routes.doc.title.clone(), app.theme.role(Role::Title)),
    ])];
    if !app.what_if.is_active() {
        lines.push(Line::styled(
            format!(" {NOTHING_EXCLUDED}"),
            app.theme.dim(),
        ));
    }
    lines.extend(doc_lines(app, &routes.doc, width));
    lines
}
