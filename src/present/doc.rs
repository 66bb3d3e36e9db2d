//! The document every view is built as: a title, blocks (headings, lines of spans tagged with
//! a [`Role`], tables) and the sources they cite. The app maps roles to styles; text that fits
//! a width, Markdown, CSV and JSON are rendered here.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use crate::model::url::is_web_url;
use crate::model::{Model, SourceId};
use crate::present::table::Table;
use crate::text::one_line;

/// What a span of text is, so each front end can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Title,
    Heading,
    Text,
    Dim,
    Number,
    Source,
    Status,
    Warning,
    Error,
    /// A key binding.
    Key,
    /// All is well.
    Ok,
}

/// One line: spans of text with their roles.
pub type DocLine = Vec<(Role, String)>;

/// A part of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    /// A line of styled spans; an empty one is a blank line.
    Line(DocLine),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
    /// The sources the document cites, in order of first citation.
    pub sources: Vec<SourceId>,
}

impl Doc {
    /// The document as lines for `width` cells (tables fitted to it; None keeps full cells).
    pub fn lines(&self, width: Option<usize>) -> Vec<DocLine> {
        self.lines_iter(width).map(Cow::into_owned).collect()
    }

    /// [`Doc::lines`] one at a time, borrowing what it can: a window over a long document
    /// builds only the lines it takes (and the tables before them).
    pub fn lines_iter(&self, width: Option<usize>) -> impl Iterator<Item = Cow<'_, DocLine>> {
        self.blocks.iter().flat_map(move |block| {
            let lines: Vec<Cow<'_, DocLine>> = match block {
                Block::Heading(text) => vec![Cow::Owned(vec![(Role::Heading, text.clone())])],
                Block::Line(line) => vec![Cow::Borrowed(line)],
                Block::Table(table) => table.lines(width).into_iter().map(Cow::Owned).collect(),
            };
            lines
        })
    }

    /// How many lines [`Doc::lines`] gives, without building them.
    pub fn line_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Table(t) => t.rows.len() + 1,
                _ => 1,
            })
            .sum()
    }

    pub fn push_line(&mut self, line: DocLine) {
        self.blocks.push(Block::Line(line));
    }

    /// Puts a line before everything else.
    pub fn prepend(&mut self, line: DocLine) {
        self.blocks.insert(0, Block::Line(line));
    }

    /// The table blocks, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// Plain text with full cells: the title, then one line per line.
    pub fn to_plain_text(&self) -> String {
        self.to_text(None)
    }

    /// Plain text whose tables fit `width` cells (never a table row over it).
    pub fn to_text(&self, width: Option<usize>) -> String {
        let mut out = String::with_capacity(64 * (self.blocks.len() + 1));
        out.push_str(&self.title);
        out.push('\n');
        for line in self.lines(width) {
            let start = out.len();
            for (_, text) in &line {
                out.push_str(text);
            }
            // Padding of a row's last cell is no text.
            let end = out[start..].trim_end().len() + start;
            out.truncate(end);
            out.push('\n');
        }
        out
    }

    /// Markdown: the title and headings as headings, tables as pipe tables, the other lines as
    /// they read.
    pub fn to_markdown(&self) -> String {
        markdown(&self.title, &self.blocks)
    }

    /// Markdown followed by the numbered list of the sources it cites, with their URLs, so a
    /// pasted copy stands on its own. It replaces the short source list a card ends with.
    pub fn to_markdown_with_sources(&self, model: &Model) -> String {
        if self.sources.is_empty() {
            return self.to_markdown();
        }
        let body = match self
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Heading(text) if text.trim() == SOURCES_HEADING))
        {
            Some(cut) => &self.blocks[..cut],
            None => &self.blocks[..],
        };
        let mut out = markdown(&self.title, body);
        out.push_str(&sources_markdown(model, &self.sources));
        out
    }

    /// CSV of the document's table: its one table, or every table with the same columns one
    /// after the other. None when it has no table or tables of different columns.
    pub fn to_csv(&self) -> Option<String> {
        let mut tables = self.tables();
        let first = tables.next()?;
        let mut all = first.clone();
        for t in tables {
            if t.columns
                .iter()
                .map(|c| &c.header)
                .ne(first.columns.iter().map(|c| &c.header))
            {
                return None;
            }
            all.rows.extend(t.rows.iter().cloned());
        }
        Some(all.to_csv())
    }

    /// JSON: the title, each line as its spans with their roles, and the cited source ids.
    pub fn to_json(&self, model: &Model) -> serde_json::Value {
        let lines: Vec<serde_json::Value> = self
            .lines(None)
            .iter()
            .map(|line| {
                line.iter()
                    .map(|(role, text)| serde_json::json!({ "role": role, "text": text }))
                    .collect()
            })
            .collect();
        let sources: Vec<&str> = self
            .sources
            .iter()
            .filter_map(|&s| model.get_source(s).map(|s| s.id.as_str()))
            .collect();
        serde_json::json!({ "title": self.title, "lines": lines, "sources": sources })
    }
}

const SOURCES_HEADING: &str = "Sources";

fn markdown(title: &str, blocks: &[Block]) -> String {
    let mut out = format!("## {}\n\n", escape_markdown(title.trim()));
    // One blank line between paragraphs, headings and tables, never more.
    let blank = |out: &mut String| {
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
    };
    for block in blocks {
        match block {
            Block::Heading(text) => {
                blank(&mut out);
                let _ = write!(out, "### {}\n\n", escape_markdown(text.trim()));
            }
            Block::Line(line) if line.is_empty() => blank(&mut out),
            Block::Line(line) => {
                let text: String = line.iter().map(|(_, t)| t.as_str()).collect();
                // Indentation lays out text, but four spaces start a code block in Markdown.
                out.push_str(&escape_markdown(text.trim()));
                out.push_str("  \n");
            }
            Block::Table(table) => {
                // A table needs a blank line before it to be read as one.
                blank(&mut out);
                out.push_str(&table.to_markdown());
                out.push('\n');
            }
        }
    }
    out
}

/// Text made literal in Markdown and in the HTML it renders to: the one escape of every
/// Markdown output. `&`, `<` and `>` become character references, so no tag or entity
/// survives; characters that would start emphasis, code, a link, strike-through or a table
/// cell are escaped anywhere, and a line that would begin a heading, list, quote or rule has
/// its marker escaped.
pub fn escape_markdown(text: &str) -> String {
    escape(text, true)
}

/// Text made literal inside a table cell, where no line starts: `70.0%` stays as written.
pub fn escape_markdown_cell(text: &str) -> String {
    escape(&one_line(text), false)
}

fn escape(text: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        // An ordered-list marker: digits, then `.` or `)`.
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = if !at_line_start {
            None
        } else if digits > 0 {
            body[digits..].starts_with(['.', ')']).then_some(digits)
        } else {
            body.starts_with(['#', '+', '-', '=']).then_some(0)
        };
        for (at, c) in body.char_indices() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => {
                    if Some(at) == marker || "\\`*_[]|~".contains(c) {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Builds a [`Doc`], keeping track of the sources it cites.
pub struct DocBuilder<'m> {
    pub m: &'m Model,
    pub title: String,
    pub blocks: Vec<Block>,
    pub sources: Vec<SourceId>,
}

impl<'m> DocBuilder<'m> {
    pub fn new(m: &'m Model) -> Self {
        DocBuilder {
            m,
            title: String::new(),
            blocks: Vec::new(),
            sources: Vec::new(),
        }
    }

    pub fn finish(self) -> Doc {
        Doc {
            title: self.title,
            blocks: self.blocks,
            sources: self.sources,
        }
    }

    pub fn line(&mut self, spans: DocLine) {
        self.blocks.push(Block::Line(spans));
    }

    /// An empty line, never two in a row nor one at the top.
    pub fn blank(&mut self) {
        if self
            .blocks
            .last()
            .is_some_and(|b| !matches!(b, Block::Line(l) if l.is_empty()))
        {
            self.blocks.push(Block::Line(Vec::new()));
        }
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.blank();
        self.blocks.push(Block::Heading(text.into()));
    }

    /// A table; the sources its cells cite join the document's.
    pub fn table(&mut self, table: Table) {
        for s in table.sources() {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self.blocks.push(Block::Table(table));
    }

    /// Remembers a source without writing its id, for a cell that shows it.
    pub fn cite_quietly(&mut self, source: SourceId) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    /// `[source-id]`, remembering the source for the source list.
    pub fn cite(&mut self, source: SourceId) -> (Role, String) {
        self.cite_quietly(source);
        let id = self
            .m
            .get_source(source)
            .map_or(Cow::Borrowed("?"), |s| one_line(&s.id));
        (Role::Source, format!("[{id}]"))
    }

    pub fn text(s: &str) -> (Role, String) {
        (Role::Text, one_line(s).into_owned())
    }

    pub fn dim(s: impl AsRef<str>) -> (Role, String) {
        (Role::Dim, one_line(s.as_ref()).into_owned())
    }

    /// A note as written: each of its lines on a line of its own.
    pub fn note_lines(&mut self, indent: &str, note: &str) {
        for line in note.lines() {
            self.line(vec![Self::dim(format!("{indent}{line}"))]);
        }
    }

    /// The cited sources spelled out, so a printed document stands on its own.
    pub fn source_list(&mut self) {
        if self.sources.is_empty() {
            return;
        }
        self.heading(SOURCES_HEADING);
        for s in self.sources.clone() {
            let line = source_line(self.m, s, "  ");
            self.line(line);
        }
    }
}

/// A numbered Markdown list of sources: `1. [id] Publisher, *Title*, date, <URL>`.
pub fn sources_markdown(m: &Model, sources: &[SourceId]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let mut out = format!("\n### {SOURCES_HEADING}\n\n");
    for (n, &s) in sources.iter().enumerate() {
        let Some(src) = m.get_source(s) else {
            continue;
        };
        let mut parts = vec![
            format!(
                "[{}] {}",
                escape_markdown(&one_line(&src.id)),
                escape_markdown(&one_line(&src.publisher))
            ),
            format!("*{}*", escape_markdown(&one_line(&src.title))),
        ];
        match (src.date, src.year) {
            (Some(date), _) => parts.push(date.to_string()),
            (None, Some(year)) => parts.push(year.to_string()),
            (None, None) => {}
        }
        if let Some(url) = &src.url {
            parts.push(markdown_link(url));
        }
        let _ = writeln!(out, "{}. {}", n + 1, parts.join(", "));
    }
    out
}

/// A URL as a Markdown autolink `<…>` when it is a web address the loader accepts (nothing in
/// it can end the link early), else as escaped text.
pub fn markdown_link(url: &str) -> String {
    if is_web_url(url) {
        format!("<{url}>")
    } else {
        escape_markdown(&one_line(url))
    }
}

/// `[id] Publisher, Title (year)`: one source as every source list shows it.
pub fn source_line(m: &Model, s: SourceId, indent: &str) -> DocLine {
    let Some(src) = m.get_source(s) else {
        return vec![(Role::Warning, format!("{indent}source not in the model"))];
    };
    let year = src.year.map(|y| format!(" ({y})")).unwrap_or_default();
    vec![
        (Role::Source, format!("{indent}[{}] ", one_line(&src.id))),
        DocBuilder::text(&format!("{}, {}{year}", src.publisher, src.title)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Doc {
        Doc {
            title: title.into(),
            blocks: vec![Block::Line(vec![(Role::Text, text.into())])],
            sources: Vec::new(),
        }
    }

    #[test]
    fn markdown_escapes_syntax_in_model_text() {
        let md = doc("*Big* <b>", "a_b `c` [x](y) | ~z~ \\ 5 * 3").to_markdown();
        assert_eq!(
            md,
            "## \\*Big\\* &lt;b&gt;\n\na\\_b \\`c\\` \\[x\\](y) \\| \\~z\\~ \\\\ 5 \\* 3  \n"
        );
    }

    #[test]
    fn markdown_escapes_line_start_markers_only_at_the_start() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("  - not a list"), "  \\- not a list");
        assert_eq!(escape_markdown("2024. a year"), "2024\\. a year");
        assert_eq!(escape_markdown("+ plus"), "\\+ plus");
        assert_eq!(escape_markdown("2,000 t - 10% #1"), "2,000 t - 10% #1");
        assert_eq!(escape_markdown("2025-10-23"), "2025-10-23");
    }

    #[test]
    fn markdown_leaves_no_tag_link_or_entity_of_hostile_names() {
        assert_eq!(
            escape_markdown("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape_markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape_markdown("a & b &amp;"), "a &amp; b &amp;amp;");
        assert_eq!(escape_markdown("> quoted"), "&gt; quoted");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            markdown_link("https://example.org/a?b=1&c=2"),
            "<https://example.org/a?b=1&c=2>"
        );
        assert_eq!(
            markdown_link("https://ok.example/a> [click me](javascript:alert(1)) <img src=x>"),
            "https://ok.example/a&gt; \\[click me\\](javascript:alert(1)) &lt;img src=x&gt;"
        );
    }
}
