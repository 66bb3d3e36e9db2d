//! The routes view: the routes document of the current exclusions, styled.

use ratatui::text::Line;

use super::overlay::doc_lines;
use crate::tui::app::App;

/// Lines of the routes view, for scrolling.
pub fn line_count(app: &App) -> usize {
    app.what_if
        .routes
        .as_ref()
        .map_or(1, |r| r.doc.line_count())
}

pub fn lines(app: &App, width: Option<usize>) -> Vec<Line<'static>> {
    match &app.what_if.routes {
        Some(routes) => doc_lines(app, &routes.doc, width),
        None => vec![Line::styled(" no routes computed", app.theme.dim())],
    }
}
