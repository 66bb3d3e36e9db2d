//! A view: what the app shows in a pane or overlay and a verb prints, built once. Text and
//! Markdown come from its document, JSON from its own data, CSV from its table.

use crate::model::Model;
use crate::present::doc::Doc;

pub trait View {
    /// The document: title, lines and tables, and the sources it cites.
    fn doc(&self, m: &Model) -> Doc;

    /// Plain text whose tables fit `width` cells (full cells when None).
    fn text(&self, m: &Model, width: Option<usize>) -> String {
        self.doc(m).to_text(width)
    }

    /// The view's data, with stable lower-case field names.
    fn json(&self, m: &Model) -> serde_json::Value;

    /// CSV with a header row, where the view has a table: by default its document's table.
    fn csv(&self, m: &Model) -> Option<String> {
        self.doc(m).to_csv()
    }

    /// Markdown ending in the numbered list of the sources it cites: what `y` copies and
    /// `--format md` prints.
    fn markdown(&self, m: &Model) -> String {
        self.doc(m).to_markdown_with_sources(m)
    }
}
