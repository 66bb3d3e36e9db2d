//! The document every view is built as: a title, lines of spans tagged with a [`Role`], and
//! the sources the lines cite. The app maps roles to styles; text, Markdown and JSON are
//! rendered here.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use crate::model::Model;
use crate::model::url::is_web_url;
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
}

/// One line: spans of text with their roles.
pub type DocLine = Vec<(Role, String)>;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub title: String,
    pub lines: Vec<DocLine>,
    /// Indices of the sources the lines cite, in order of first citation.
    pub sources: Vec<usize>,
}

impl Doc {
    /// Plain text: the title, then one line per line.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::with_capacity(64 * (self.lines.len() + 1));
        out.push_str(&self.title);
        out.push('\n');
        for line in &self.lines {
            for (_, text) in line {
                out.push_str(text);
            }
            out.push('\n');
        }
        out
    }

    /// Markdown: the title and headings as headings, the other lines as they read.
    pub fn to_markdown(&self) -> String {
        markdown(&self.title, &self.lines)
    }

    /// Markdown followed by the numbered list of the sources it cites, with their URLs, so a
    /// pasted copy stands on its own. It replaces the short source list a card ends with.
    pub fn to_markdown_with_sources(&self, model: &Model) -> String {
        if self.sources.is_empty() {
            return self.to_markdown();
        }
        let body = match self.lines.iter().rposition(|line| {
            matches!(line.as_slice(), [(Role::Heading, text)] if text.trim() == SOURCES_HEADING)
        }) {
            Some(cut) => &self.lines[..cut],
            None => &self.lines[..],
        };
        let mut out = markdown(&self.title, body);
        out.push_str(&sources_markdown(model, &self.sources));
        out
    }

    /// JSON: the title, each line as its spans with their roles, and the cited source ids.
    pub fn to_json(&self, model: &Model) -> serde_json::Value {
        let lines: Vec<serde_json::Value> = self
            .lines
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
            .filter_map(|&s| model.sources.get(s).map(|s| s.id.as_str()))
            .collect();
        serde_json::json!({ "title": self.title, "lines": lines, "sources": sources })
    }
}

const SOURCES_HEADING: &str = "Sources";

fn markdown(title: &str, lines: &[DocLine]) -> String {
    let mut out = format!("## {}\n\n", escape_markdown(title.trim()));
    for line in lines {
        let text: String = line.iter().map(|(_, t)| t.as_str()).collect();
        match line.first() {
            Some((Role::Heading, _)) => {
                let _ = write!(out, "\n### {}\n\n", escape_markdown(text.trim()));
            }
            None => out.push('\n'),
            Some(_) => {
                out.push_str(&escape_markdown(text.trim_end()));
                out.push_str("  \n");
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
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        // An ordered-list marker: digits, then `.` or `)`.
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = if digits > 0 {
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
    pub lines: Vec<DocLine>,
    pub sources: Vec<usize>,
}

impl<'m> DocBuilder<'m> {
    pub fn new(m: &'m Model) -> Self {
        DocBuilder {
            m,
            title: String::new(),
            lines: Vec::new(),
            sources: Vec::new(),
        }
    }

    pub fn finish(self) -> Doc {
        Doc {
            title: self.title,
            lines: self.lines,
            sources: self.sources,
        }
    }

    pub fn line(&mut self, spans: DocLine) {
        self.lines.push(spans);
    }

    /// An empty line, never two in a row nor one at the top.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(Vec::new());
        }
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.blank();
        self.line(vec![(Role::Heading, text.into())]);
    }

    /// `[source-id]`, remembering the source for the source list.
    pub fn cite(&mut self, source: usize) -> (Role, String) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
        let id = self
            .m
            .sources
            .get(source)
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
pub fn sources_markdown(m: &Model, sources: &[usize]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let mut out = format!("\n### {SOURCES_HEADING}\n\n");
    for (n, &s) in sources.iter().enumerate() {
        let Some(src) = m.sources.get(s) else {
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
pub fn source_line(m: &Model, s: usize, indent: &str) -> DocLine {
    let Some(src) = m.sources.get(s) else {
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
            lines: vec![vec![(Role::Text, text.into())]],
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
