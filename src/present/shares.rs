//! A stage's share blocks as a table (one row per country) and one block as a document, for
//! CSV and Markdown.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::analysis::concentration::concentration;
use crate::model::{Model, ShareBlock};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::number;
use crate::present::headline::block_heading;
use crate::present::table::Table;

/// One row per country of each `(stage, block)`, an `excluded` column when countries are
/// excluded, and the sources the blocks cite.
pub fn shares_table(
    m: &Model,
    blocks: &[(usize, &ShareBlock)],
    excluded: Option<&BTreeSet<usize>>,
) -> (Table, Vec<usize>) {
    let mut headers = vec!["stage", "year", "metric", "country", "percent", "source"];
    if excluded.is_some() {
        headers.push("excluded");
    }
    let mut table = Table::new(&headers);
    let mut sources = Vec::new();
    for &(s, block) in blocks {
        if !sources.contains(&block.source) {
            sources.push(block.source);
        }
        for &(country, p) in &block.percents {
            let mut row = vec![
                m.stages[s].id.clone(),
                block.year.map(|y| y.to_string()).unwrap_or_default(),
                block.metric.clone(),
                m.countries[country].code.clone(),
                round(p, 3).to_string(),
                m.sources[block.source].id.clone(),
            ];
            if let Some(set) = excluded {
                row.push(if set.contains(&country) { "yes" } else { "" }.into());
            }
            table.push(row);
        }
    }
    (table, sources)
}

/// Rounds away the float noise of converting quantities to percents.
pub fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// One share block: each country's percent, then its concentration and source.
pub fn share_block_doc(
    m: &Model,
    stage: usize,
    block: &ShareBlock,
    excluded: &BTreeSet<usize>,
) -> Doc {
    let mut b = DocBuilder::new(m);
    b.title = format!("{} — {}", m.stages[stage].name, block_heading(m, block));
    for &(c, p) in &block.percents {
        let mut line = vec![
            DocBuilder::text(&format!(
                "{} ({})",
                m.countries[c].name, m.countries[c].code
            )),
            (Role::Number, format!(" {p:.1}%")),
        ];
        if excluded.contains(&c) {
            line.push(DocBuilder::dim(" (excluded)"));
        }
        b.line(line);
    }
    let c = concentration(block);
    let mut summary = format!("top-3 {:.0}% · HHI {}", c.top3, number(c.hhi.round()));
    if c.unreported >= 0.5 {
        let _ = write!(summary, " · other {:.0}%", c.unreported);
    }
    let cite = b.cite(block.source);
    b.line(vec![DocBuilder::dim(format!("{summary} ")), cite]);
    if let Some(note) = &block.note {
        b.note_lines("", note);
    }
    b.source_list();
    b.finish()
}
