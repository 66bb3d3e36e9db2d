//! The `--format` of the verbs that print what they find, and writing each format.

use std::io::{self, Write};

use clap::ValueEnum;

use crate::model::Model;
use crate::present::doc::{escape_markdown, sources_markdown};
use crate::present::table::Table;
use crate::text::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Plain text, as read in a terminal
    Text,
    /// Markdown with a numbered source list (publisher, title, date, URL)
    Md,
    /// A header row, then one row per item
    Csv,
    /// Structured fields with stable lower-case names
    Json,
}

pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// A table as Markdown, then the sources it cites.
pub fn write_markdown_table(
    out: &mut impl Write,
    m: &Model,
    title: &str,
    table: &Table,
    sources: &[usize],
) -> io::Result<()> {
    let title = escape_markdown(&one_line(title));
    write!(out, "## {title}\n\n{}", table.to_markdown())?;
    out.write_all(sources_markdown(m, sources).as_bytes())
}
