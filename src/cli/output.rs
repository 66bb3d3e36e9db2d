//! How every verb prints what it finds: one `--format`, one `--width`, and [`emit`].

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;

use super::exit;
use crate::model::Model;
use crate::present::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Plain text, as read in a terminal; tables fit the terminal's width
    Text,
    /// Markdown with tables and a numbered source list (publisher, title, date, URL)
    Md,
    /// A header row, then one row per item
    Csv,
    /// Structured fields with stable lower-case names
    Json,
}

/// `--format` and `--width`, shared by every verb that prints a view.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct OutputArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Fit text tables to N columns (default: the terminal's width; piped output keeps full cells)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
}

impl OutputArgs {
    /// The width text tables fit: `--width`, else the terminal's when stdout is one.
    pub fn text_width(self) -> Option<usize> {
        self.width.map(usize::from).or_else(|| {
            io::stdout()
                .is_terminal()
                .then(|| crossterm::terminal::size().ok())
                .flatten()
                .map(|(columns, _)| usize::from(columns))
        })
    }
}

/// Prints a view in the asked format. A view without a table has no CSV: said on stderr,
/// status 1.
pub fn emit(m: &Model, output: OutputArgs, view: &dyn View) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    match output.format {
        OutputFormat::Text => out.write_all(view.text(m, output.text_width()).as_bytes())?,
        OutputFormat::Md => out.write_all(view.markdown(m).as_bytes())?,
        OutputFormat::Json => write_json(&mut out, &view.json(m))?,
        OutputFormat::Csv => {
            let Some(csv) = view.csv(m) else {
                errln!("rechain: this view has no table to write as CSV; try --format json");
                return Ok(exit::INVALID);
            };
            out.write_all(csv.as_bytes())?;
        }
    }
    Ok(exit::OK)
}

pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
