//! A share block, built once for every output: its heading (year · metric · projection), one
//! row per country, the concentration summary and what is left in the what-if. The CLI's
//! `shares` (text, Markdown, CSV, JSON), the stage card, the app's shares pane and its copy all
//! take them from here.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use serde::Serialize;

use crate::analysis::concentration::{concentration, hhi_level};
use crate::analysis::ownership::ExcludeBy;
use crate::analysis::whatif::{Exclusion, Left};
use crate::model::{CountryId, Model, ShareBlock, StageId};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{number, percent, percent_whole};
use crate::present::headline::{block_heading, is_projection, stale_note};
use crate::present::labels;
use crate::present::table::{Cell, Column, Table};
use crate::present::view::View;
use crate::present::whatif::left_line;
use crate::text::one_line;

/// The least unreported percent the summary names as `other / unreported`. Halves round up,
/// so it never reads `0%`.
pub const OTHER_MIN: f64 = 0.5;

/// Cells of a full bar (100%) in text.
const BAR_CELLS: usize = 30;

/// `2030 · output · projection`: how a block is named everywhere.
pub fn heading(m: &Model, block: &ShareBlock) -> String {
    block_heading(m, block)
}

/// The percent no country is given, when it is worth naming.
pub fn other(block: &ShareBlock) -> Option<f64> {
    let rest = block.unreported();
    (rest >= OTHER_MIN).then_some(rest)
}

/// `top-1 CN 70% · top-3 85% · HHI 5,025 (highly concentrated) · other / unreported 15%`.
pub fn summary(m: &Model, block: &ShareBlock) -> String {
    let c = concentration(block);
    let top1 = match c.top1 {
        Some((country, p)) => format!(
            "{} {}",
            m.get_country(country)
                .map_or("?".into(), |c| one_line(&c.code)),
            percent_whole(p)
        ),
        None => "none".into(),
    };
    let mut parts = vec![
        format!("top-1 {top1}"),
        format!("top-3 {}", percent_whole(c.top3)),
        format!(
            "HHI {} ({})",
            number(c.hhi.round()),
            labels::hhi_level(hhi_level(c.hhi))
        ),
    ];
    if let Some(rest) = other(block) {
        parts.push(format!("other / unreported {}", percent_whole(rest)));
    }
    parts.join(" · ")
}

/// A bar of `percent` on a scale where 100% fills `cells`, in whole cells.
fn bar(percent: f64, cells: usize) -> String {
    let n = (percent.clamp(0.0, 100.0) / 100.0 * cells as f64).round() as usize;
    "█".repeat(n)
}

/// One country of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    pub country: CountryId,
    pub percent: f64,
    /// The quantity, when the block gives quantities.
    pub value: Option<f64>,
    /// Taken out by the what-if.
    pub excluded: bool,
}

/// A share block as every view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareView {
    pub stage: StageId,
    /// Position of the block in the stage's list.
    pub block: usize,
    /// `2030 · output · projection`.
    pub heading: String,
    /// The block every view shows first for the stage.
    pub headline: bool,
    /// A year after the model's date: a forecast, not a measure.
    pub projection: bool,
    /// Largest first.
    pub rows: Vec<ShareRow>,
    pub summary: String,
    /// With exclusions: what is left, and the line that says it.
    pub left: Option<(Left, String)>,
}

impl ShareView {
    /// Block `block` of stage `stage` under the exclusion; None when there is no such block.
    pub fn new(m: &Model, stage: StageId, block: usize, ex: Exclusion<'_>) -> Option<ShareView> {
        let b = m.get_stage(stage)?.shares.get(block)?;
        let rows = b
            .percents
            .iter()
            .map(|&(country, percent)| ShareRow {
                country,
                percent,
                value: b.unit.as_ref().and_then(|_| {
                    b.values
                        .iter()
                        .find(|(c, _)| *c == country)
                        .map(|&(_, v)| v)
                }),
                excluded: ex.excludes_country(country),
            })
            .collect();
        let left = ex.is_active().then(|| {
            let left = ex.left(b);
            (left, left_line(m, ex, left))
        });
        Some(ShareView {
            stage,
            block,
            heading: heading(m, b),
            headline: m.headline_block(stage) == Some(block),
            projection: is_projection(m, b),
            rows,
            summary: summary(m, b),
            left,
        })
    }

    pub fn share_block<'m>(&self, m: &'m Model) -> &'m ShareBlock {
        &m.stage(self.stage).shares[self.block]
    }

    /// `Mining — 2025 · mine production`.
    pub fn title(&self, m: &Model) -> String {
        format!("{} — {}", one_line(&m.stage(self.stage).name), self.heading)
    }
}

/// Which blocks of a stage to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    /// Every block, or those of one year.
    Year(Option<u16>),
    /// One block, by its index.
    Block(usize),
}

/// Part of a shares document: a block, or a line about its stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Block(ShareView),
    /// `Mining: no data for 2020 (has 2025, 2023)`.
    NoData(String),
    Note(String),
}

/// A stage's blocks as chosen, then what the view must say beside them: that there is no
/// data, or which plants the owner rule takes out though published shares cannot.
pub fn stage_parts(m: &Model, stage: StageId, select: Select, ex: Exclusion<'_>) -> Vec<Part> {
    let Some(s) = m.get_stage(stage) else {
        return Vec::new();
    };
    let chosen: Vec<usize> = match select {
        Select::Year(year) => (0..s.shares.len())
            .filter(|&i| year.is_none() || s.shares[i].year == year)
            .collect(),
        Select::Block(i) => (i < s.shares.len()).then_some(i).into_iter().collect(),
    };
    let mut parts: Vec<Part> = chosen
        .iter()
        .filter_map(|&i| ShareView::new(m, stage, i, ex).map(Part::Block))
        .collect();
    let name = one_line(&s.name);
    if parts.is_empty() {
        let year = match select {
            Select::Year(year) => year,
            Select::Block(_) => None,
        };
        parts.push(Part::NoData(format!("{name}: {}", no_data(m, stage, year))));
        return parts;
    }
    let owned = ex.owned_elsewhere(m, stage);
    if !owned.is_empty() {
        let names: Vec<String> = owned
            .iter()
            .map(|&(x, _)| {
                let f = &m.facility(x);
                format!(
                    "{} ({})",
                    one_line(&f.name),
                    one_line(&m.country(f.country).code)
                )
            })
            .collect();
        parts.push(Part::Note(format!(
            "{name}: shares are by location; owned from {} though located elsewhere: {}.",
            crate::present::whatif::label(m, ex),
            names.join("; ")
        )));
    }
    parts
}

/// `no data`, or `no data for 2020 (has 2025, 2023)`.
pub fn no_data(m: &Model, stage: StageId, year: Option<u16>) -> String {
    let shares = m.get_stage(stage).map_or(&[][..], |s| &s.shares);
    match year {
        Some(y) if !shares.is_empty() => {
            let mut years: Vec<String> = Vec::new();
            for y in shares.iter().filter_map(|b| b.year.map(|y| y.to_string())) {
                if !years.contains(&y) {
                    years.push(y);
                }
            }
            format!("no data for {y} (has {})", years.join(", "))
        }
        _ => "no data".into(),
    }
}

/// How a block is laid out in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// Most countries listed; the rest are counted.
    pub limit: Option<usize>,
    /// A bar column, for text.
    pub bars: bool,
    /// The block's heading opens its first line (no heading block above it names it).
    pub inline_heading: bool,
}

/// The block's first line: `[heading · ]headline · world 390,000 t REO [source]`.
fn head_line(b: &mut DocBuilder<'_>, view: &ShareView, layout: Layout) {
    let block = view.share_block(b.m);
    let mut parts: Vec<(Role, String)> = Vec::new();
    if layout.inline_heading {
        parts.push(DocBuilder::text(&view.heading));
    }
    if view.headline {
        parts.push(DocBuilder::dim("headline"));
        if let Some(stale) = stale_note(b.m, block) {
            parts.push((Role::Warning, stale));
        }
    }
    if let (Some(unit), Some(total)) = (&block.unit, block.total) {
        parts.push(DocBuilder::dim(format!("world {} {unit}", number(total))));
    }
    let mut line = Vec::with_capacity(parts.len() * 2 + 2);
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            line.push(DocBuilder::dim(" · "));
        }
        line.push(part);
    }
    if !line.is_empty() {
        line.push((Role::Text, " ".into()));
    }
    line.push(b.cite(block.source));
    if let Some(q) = block.quoted_by {
        line.push(DocBuilder::dim(" as quoted by "));
        line.push(b.cite(q));
    }
    b.line(line);
}

/// The rows as a table: code, share, name, quantity, what-if mark, bar.
fn rows_table(m: &Model, view: &ShareView, layout: Layout) -> Table {
    let block = view.share_block(m);
    let quantities = block.unit.is_some();
    let marks = view.left.is_some();
    let mut columns = vec![
        Column::keep("Country", 2),
        Column::fixed("Share").right(),
        Column::optional("Name", 2, 6),
    ];
    if quantities {
        columns.push(Column::optional("Quantity", 1, 8).right());
    }
    if marks {
        columns.push(Column::fixed("What-if"));
    }
    if layout.bars {
        columns.push(Column::optional("", 0, BAR_CELLS));
    }
    let mut table = Table::with_columns(columns);
    let shown = layout.limit.unwrap_or(usize::MAX);
    for row in view.rows.iter().take(shown) {
        let country = m.get_country(row.country);
        let mut cells = vec![
            Cell::text(country.map_or("?", |c| c.code.as_str())),
            Cell::new(Role::Number, percent(row.percent)).cites(block.source),
            Cell::new(Role::Dim, country.map_or("", |c| c.name.as_str())),
        ];
        if quantities {
            let unit = block.unit.as_deref().unwrap_or_default();
            cells.push(
                Cell::new(
                    Role::Number,
                    row.value
                        .map(|v| format!("{} {unit}", number(v)))
                        .unwrap_or_default(),
                )
                .cites(block.source),
            );
        }
        if marks {
            cells.push(Cell::new(
                Role::Warning,
                if row.excluded { "excluded" } else { "" },
            ));
        }
        if layout.bars {
            cells.push(Cell::new(Role::Number, bar(row.percent, BAR_CELLS)));
        }
        table.push_cells(cells);
    }
    table
}

/// One block: its first line, the rows, the summary, what is left, and the block's note.
pub fn push_block(b: &mut DocBuilder<'_>, view: &ShareView, layout: Layout) {
    let m = b.m;
    head_line(b, view, layout);
    b.table(rows_table(m, view, layout));
    if let Some(limit) = layout.limit
        && view.rows.len() > limit
    {
        b.line(vec![DocBuilder::dim(format!(
            "… {} more",
            view.rows.len() - limit
        ))]);
    }
    b.line(vec![DocBuilder::dim(&view.summary)]);
    if let Some((_, line)) = &view.left {
        b.line(vec![(Role::Warning, line.clone())]);
    }
    if let Some(note) = &view.share_block(m).note {
        b.note_lines("", note);
    }
}

/// The shares document: one block alone is titled by it (what `y` and `w` copy from the app's
/// shares pane, and the CLI prints for one block);
/// more are titled `Country shares`, each under its own heading. Stage notes go where they
/// fall; the cited sources close it.
pub fn shares_doc(m: &Model, parts: &[Part], bars: bool) -> Doc {
    let mut b = DocBuilder::new(m);
    let blocks: Vec<&ShareView> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Block(v) => Some(v),
            Part::NoData(_) | Part::Note(_) => None,
        })
        .collect();
    let alone = blocks.len() == 1;
    b.title = match blocks.first() {
        Some(v) if alone => v.title(m),
        _ => "Country shares".into(),
    };
    let layout = Layout {
        limit: None,
        bars,
        inline_heading: false,
    };
    for part in parts {
        match part {
            Part::Block(view) => {
                if !alone {
                    b.heading(view.title(m));
                }
                push_block(&mut b, view, layout);
            }
            Part::NoData(text) | Part::Note(text) => {
                b.blank();
                b.line(vec![DocBuilder::text(text)]);
            }
        }
    }
    b.source_list();
    b.finish()
}

/// One row per country of each block, with an `excluded` column in the what-if, for CSV.
pub fn shares_table(m: &Model, parts: &[Part], marked: bool) -> Table {
    let mut headers = vec!["stage", "year", "metric", "country", "percent", "source"];
    if marked {
        headers.push("excluded");
    }
    let mut table = Table::new(&headers);
    for part in parts {
        let Part::Block(view) = part else { continue };
        let block = view.share_block(m);
        for row in &view.rows {
            let mut cells = vec![
                m.stage(view.stage).id.clone(),
                block.year.map(|y| y.to_string()).unwrap_or_default(),
                block.metric.clone(),
                m.country(row.country).code.clone(),
                round(row.percent, 3).to_string(),
                m.source(block.source).id.clone(),
            ];
            if marked {
                cells.push(if row.excluded { "yes" } else { "" }.into());
            }
            table.push(cells);
        }
    }
    table
}

/// Rounds away the float noise of converting quantities to percents.
pub fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// A block as JSON: its fields, not its text.
#[derive(Serialize)]
pub struct BlockJson<'a> {
    stage: &'a str,
    year: Option<u16>,
    metric: &'a str,
    source: &'a str,
    /// Set when the file gives quantities; `countries` holds percents either way.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<f64>,
    /// Country code -> percent of world, largest first.
    countries: IndexMap<&'a str, f64>,
    unreported: f64,
    top1: Option<Top1<'a>>,
    top3: f64,
    hhi: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<f64>,
    /// The block every view shows first for the stage.
    headline: bool,
    /// A year after the model's date: a forecast, not a measure.
    projection: bool,
    /// With --by owner|either: facilities outside the excluded countries that their owners
    /// take out, which published shares (by location) cannot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded_by_owner: Vec<&'a str>,
}

#[derive(Serialize)]
struct Top1<'a> {
    country: &'a str,
    percent: f64,
}

/// Each block of `parts` as JSON.
pub fn shares_json<'a>(m: &'a Model, parts: &[Part], ex: Exclusion<'_>) -> Vec<BlockJson<'a>> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Block(v) => Some(block_json(m, v, ex)),
            Part::NoData(_) | Part::Note(_) => None,
        })
        .collect()
}

fn block_json<'a>(m: &'a Model, view: &ShareView, ex: Exclusion<'_>) -> BlockJson<'a> {
    let block = &m.stage(view.stage).shares[view.block];
    let c = concentration(block);
    BlockJson {
        stage: &m.stage(view.stage).id,
        year: block.year,
        metric: &block.metric,
        source: &m.source(block.source).id,
        unit: block.unit.as_deref(),
        total: block.total.filter(|_| block.unit.is_some()),
        countries: view
            .rows
            .iter()
            .map(|r| (m.country(r.country).code.as_str(), round(r.percent, 3)))
            .collect(),
        unreported: round(c.unreported, 3),
        top1: c.top1.map(|(country, p)| Top1 {
            country: &m.country(country).code,
            percent: round(p, 3),
        }),
        top3: round(c.top3, 3),
        hhi: round(c.hhi, 1),
        remaining: view.left.as_ref().map(|(l, _)| round(l.percent, 3)),
        headline: view.headline,
        projection: view.projection,
        excluded_by_owner: ex
            .owned_elsewhere(m, view.stage)
            .into_iter()
            .map(|(x, _)| m.facility(x).id.as_str())
            .collect(),
    }
}

/// Share blocks of one or more stages, as `rechain shares` prints them.
pub struct SharesView {
    pub parts: Vec<Part>,
    pub excluded: BTreeSet<CountryId>,
    pub by: ExcludeBy,
}

impl View for SharesView {
    fn doc(&self, m: &Model) -> Doc {
        shares_doc(m, &self.parts, false)
    }

    /// With bars; nothing to show says why alone, without a title over it.
    fn text(&self, m: &Model, width: Option<usize>) -> String {
        if self.parts.iter().all(|p| matches!(p, Part::NoData(_))) {
            let mut out = String::new();
            for part in &self.parts {
                if let Part::NoData(text) = part {
                    out.push_str(text);
                    out.push_str("\n\n");
                }
            }
            return out;
        }
        shares_doc(m, &self.parts, true).to_text(width)
    }

    fn json(&self, m: &Model) -> serde_json::Value {
        let ex = Exclusion::new(&self.excluded, self.by);
        serde_json::to_value(shares_json(m, &self.parts, ex)).unwrap_or_default()
    }

    fn csv(&self, m: &Model) -> Option<String> {
        Some(shares_table(m, &self.parts, !self.excluded.is_empty()).to_csv())
    }
}
