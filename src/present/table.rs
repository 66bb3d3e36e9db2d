//! A table block: columns that say how they give way when the width is short, and rows of
//! cells with their roles and sources. Text fits a width (shrink, then drop the optional
//! columns, never wrap a row); Markdown gives a pipe table; CSV the full cells.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::model::SourceId;
use crate::present::csv::csv_rows;
use crate::present::doc::{DocLine, Role};
use crate::text::{fit, one_line};

/// Cells between two columns in text.
const GAP: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// How a column gives way when the table is wider than its room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Give {
    /// Identifying: always shown; may shrink to its minimum.
    Keep { min: usize },
    /// Always shown at its full width (a status, a figure with its unit).
    Fixed,
    /// Dropped when the table does not fit; a lower rank drops first. It may shrink to its
    /// minimum before anything is dropped.
    Optional { rank: u8, min: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub align: Align,
    pub give: Give,
    /// The column's share of the room left once every column has its minimum: a column of
    /// weight 3 widens three cells for one of a column of weight 1.
    pub weight: u8,
}

impl Column {
    /// An identifying column: kept, shrinking to `min` cells at the least.
    pub fn keep(header: &str, min: usize) -> Column {
        Column {
            header: header.to_owned(),
            align: Align::Left,
            give: Give::Keep { min },
            weight: 1,
        }
    }

    /// A column shown whole whatever the width.
    pub fn fixed(header: &str) -> Column {
        Column {
            header: header.to_owned(),
            align: Align::Left,
            give: Give::Fixed,
            weight: 1,
        }
    }

    /// A column that goes when room is short, lower ranks first.
    pub fn optional(header: &str, rank: u8, min: usize) -> Column {
        Column {
            header: header.to_owned(),
            align: Align::Left,
            give: Give::Optional { rank, min },
            weight: 1,
        }
    }

    /// The column widens `weight` times as fast as a column of weight 1 when room is shared.
    #[must_use]
    pub fn weight(mut self, weight: u8) -> Column {
        self.weight = weight.max(1);
        self
    }

    #[must_use]
    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
}

/// One cell: its text (one line), how it reads, and the source its figure comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// A shorter form that says the same for a narrow table (`operating 2023` for
    /// `operating 2023-05-11`); the full text is used wherever it fits.
    pub short: Option<String>,
    pub role: Role,
    pub source: Option<SourceId>,
}

impl Cell {
    pub fn new(role: Role, text: impl AsRef<str>) -> Cell {
        Cell {
            text: one_line(text.as_ref()).into_owned(),
            short: None,
            role,
            source: None,
        }
    }

    /// The cell's text in a narrow table.
    #[must_use]
    pub fn or_short(mut self, short: impl AsRef<str>) -> Cell {
        let short = one_line(short.as_ref());
        if short != self.text {
            self.short = Some(short.into_owned());
        }
        self
    }

    fn shown(&self, compact: bool) -> &str {
        match (&self.short, compact) {
            (Some(short), true) => short,
            _ => &self.text,
        }
    }

    pub fn text(text: impl AsRef<str>) -> Cell {
        Cell::new(Role::Text, text)
    }

    #[must_use]
    pub fn cites(mut self, source: SourceId) -> Cell {
        self.source = Some(source);
        self
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// The widest cell of each column, header included, kept as rows are added so that
    /// fitting a width never measures the rows again.
    natural: Vec<usize>,
    /// The same with each cell's short form.
    compact: Vec<usize>,
}

impl Table {
    /// A table whose columns are all identifying and may shrink to 8 cells.
    pub fn new(headers: &[&str]) -> Self {
        Table::with_columns(headers.iter().map(|h| Column::keep(h, 8)).collect())
    }

    pub fn with_columns(columns: Vec<Column>) -> Self {
        let natural: Vec<usize> = columns.iter().map(|c| c.header.width()).collect();
        Table {
            columns,
            rows: Vec::new(),
            compact: natural.clone(),
            natural,
        }
    }

    /// A table with no rows that lays out rows measured elsewhere: each column's widest cell,
    /// in full and in short form (headers included), so a long list is fitted without
    /// copying its cells.
    pub fn layout(columns: Vec<Column>, natural: Vec<usize>, compact: Vec<usize>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
            natural,
            compact,
        }
    }

    pub fn headers(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.header.as_str())
    }

    /// One column per field of the objects (in order of first appearance), one row per object.
    pub fn from_objects(items: &[Value]) -> Self {
        let mut headers: Vec<&str> = Vec::new();
        for item in items {
            if let Value::Object(fields) = item {
                for key in fields.keys() {
                    if !headers.contains(&key.as_str()) {
                        headers.push(key);
                    }
                }
            }
        }
        let mut table = Table::new(&headers);
        for item in items {
            table.push(
                headers
                    .iter()
                    .map(|h| item.get(*h).map_or_else(String::new, json_cell))
                    .collect(),
            );
        }
        table
    }

    /// A row of plain text cells.
    pub fn push(&mut self, row: Vec<String>) {
        self.push_cells(row.into_iter().map(Cell::text).collect());
    }

    /// A row; short rows are filled with empty cells, long ones cut, so every row has a cell
    /// per column.
    pub fn push_cells(&mut self, mut row: Vec<Cell>) {
        row.resize_with(self.columns.len(), || Cell::text(""));
        for ((w, c), cell) in self.natural.iter_mut().zip(&mut self.compact).zip(&row) {
            *w = (*w).max(cell.text.width());
            *c = (*c).max(cell.shown(true).width());
        }
        self.rows.push(row);
    }

    /// The sources the cells cite, in order of first citation.
    pub fn sources(&self) -> Vec<SourceId> {
        let mut out = Vec::new();
        for s in self.rows.iter().flatten().filter_map(|c| c.source) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Each column's width in `width` cells (None for a dropped one), and whether cells show
    /// their short forms. Optional columns shrink to their minimum, then go, lowest rank first,
    /// before cells are shortened, and that before an identifying column is cut; identifying
    /// and fixed columns always stay. A table that cannot fit even at its minimums is cut by
    /// [`Table::lines`].
    pub fn fit(&self, width: Option<usize>) -> (Vec<Option<usize>>, bool) {
        let Some(width) = width else {
            return (self.natural.iter().map(|&w| Some(w)).collect(), false);
        };
        let has_short = self.compact != self.natural;
        for compact in [false, true].into_iter().take(1 + usize::from(has_short)) {
            if let Some(widths) = self.fit_dropping(width, compact) {
                return (widths, compact);
            }
        }
        let kept: Vec<bool> = self
            .columns
            .iter()
            .map(|c| !matches!(c.give, Give::Optional { .. }))
            .collect();
        let widths = self
            .widths_within(&kept, width, has_short, true)
            .unwrap_or_else(|| {
                kept.iter()
                    .enumerate()
                    .map(|(i, &k)| k.then(|| self.min_width(i, has_short)))
                    .collect()
            });
        (widths, has_short)
    }

    /// Widths with identifying columns whole, dropping optional columns until they fit.
    fn fit_dropping(&self, width: usize, compact: bool) -> Option<Vec<Option<usize>>> {
        let mut kept: Vec<bool> = vec![true; self.columns.len()];
        let mut drops: Vec<(u8, usize)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.give {
                Give::Optional { rank, .. } => Some((rank, i)),
                _ => None,
            })
            .collect();
        // Lowest rank first; of equal ranks the rightmost goes first.
        drops.sort_by_key(|&(rank, i)| (rank, std::cmp::Reverse(i)));
        for (_, i) in drops {
            if let Some(widths) = self.widths_within(&kept, width, compact, false) {
                return Some(widths);
            }
            kept[i] = false;
        }
        self.widths_within(&kept, width, compact, false)
    }

    fn natural_width(&self, i: usize, compact: bool) -> usize {
        if compact {
            self.compact[i]
        } else {
            self.natural[i]
        }
    }

    /// The narrowest column `i` may get.
    fn min_width(&self, i: usize, compact: bool) -> usize {
        let natural = self.natural_width(i, compact);
        match self.columns[i].give {
            Give::Fixed => natural,
            Give::Keep { min } | Give::Optional { min, .. } => natural.min(min.max(1)),
        }
    }

    /// Widths for the kept columns within `width`, or None when they do not fit: identifying
    /// columns whole unless `cut_identifying`, optional ones at least at their minimum. The
    /// room goes first to the identifying columns, then to the optional ones.
    fn widths_within(
        &self,
        kept: &[bool],
        width: usize,
        compact: bool,
        cut_identifying: bool,
    ) -> Option<Vec<Option<usize>>> {
        let natural = |i: usize| self.natural_width(i, compact);
        let shown: Vec<usize> = (0..self.columns.len()).filter(|&i| kept[i]).collect();
        let gaps = GAP * shown.len().saturating_sub(1);
        let least = |i: usize| match self.columns[i].give {
            Give::Keep { .. } if !cut_identifying => natural(i),
            _ => self.min_width(i, compact),
        };
        let minimum: usize = shown.iter().map(|&i| least(i)).sum::<usize>() + gaps;
        if minimum > width {
            return None;
        }
        let mut widths: Vec<Option<usize>> = vec![None; self.columns.len()];
        let mut room = width - gaps;
        for &i in &shown {
            if matches!(self.columns[i].give, Give::Fixed) {
                widths[i] = Some(natural(i));
                room -= natural(i);
            }
        }
        let (keep, optional): (Vec<usize>, Vec<usize>) = shown
            .iter()
            .copied()
            .filter(|&i| !matches!(self.columns[i].give, Give::Fixed))
            .partition(|&i| matches!(self.columns[i].give, Give::Keep { .. }));
        let optional_least: usize = optional.iter().map(|&i| self.min_width(i, compact)).sum();
        let keep_room = room.saturating_sub(optional_least);
        let used = self.share(&keep, keep_room, compact, &mut widths);
        room = room.saturating_sub(used);
        self.share(&optional, room, compact, &mut widths);
        Some(widths)
    }

    /// Water-filling: each column starts at its minimum; the room left over goes to the columns
    /// that need least (for their weight) to be whole first, the rest sharing it in proportion
    /// to their weights. Returns the cells used, never more than `room` when the minimums fit.
    fn share(
        &self,
        columns: &[usize],
        room: usize,
        compact: bool,
        widths: &mut [Option<usize>],
    ) -> usize {
        let least: usize = columns.iter().map(|&i| self.min_width(i, compact)).sum();
        let need = |i: usize| self.natural_width(i, compact) - self.min_width(i, compact);
        let weight = |i: usize| usize::from(self.columns[i].weight.max(1));
        let mut order = columns.to_vec();
        // By need per unit of weight, compared without division.
        order.sort_by(|&a, &b| (need(a) * weight(b)).cmp(&(need(b) * weight(a))));
        let mut extra = room.saturating_sub(least);
        let mut weights: usize = order.iter().map(|&i| weight(i)).sum();
        let mut used = least;
        for &i in &order {
            let give = need(i).min(extra * weight(i) / weights.max(1));
            widths[i] = Some(self.min_width(i, compact) + give);
            extra -= give;
            weights -= weight(i);
            used += give;
        }
        used
    }

    /// The table as text lines of at most `width` cells (full cells when None): a header line,
    /// then a line per row; cut cells end in `…`.
    pub fn lines(&self, width: Option<usize>) -> Vec<DocLine> {
        let (widths, compact) = self.fit(width);
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        let header: Vec<Cell> = self
            .columns
            .iter()
            .map(|c| Cell::new(Role::Heading, &c.header))
            .collect();
        out.push(self.line(&header, &widths, width, compact));
        for row in &self.rows {
            out.push(self.line(row, &widths, width, compact));
        }
        out
    }

    fn line(
        &self,
        cells: &[Cell],
        widths: &[Option<usize>],
        width: Option<usize>,
        compact: bool,
    ) -> DocLine {
        let last = widths.iter().rposition(Option::is_some);
        let mut spans: DocLine = Vec::with_capacity(cells.len() * 2);
        let mut used = 0;
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let Some(w) = *w else { continue };
            if used > 0 {
                spans.push((Role::Dim, " ".repeat(GAP)));
                used += GAP;
            }
            let room = width.map_or(w, |total| w.min(total.saturating_sub(used)));
            let text = fit(cell.shown(compact), room);
            let pad = room.saturating_sub(text.width());
            let is_last = Some(i) == last;
            let shown = match self.columns[i].align {
                Align::Right => format!("{}{text}", " ".repeat(pad)),
                Align::Left if is_last => text.into_owned(),
                Align::Left => format!("{text}{}", " ".repeat(pad)),
            };
            used += shown.width();
            spans.push((cell.role, shown));
            if width.is_some_and(|total| used >= total) {
                break;
            }
        }
        spans
    }

    /// RFC 4180 CSV of the full cells: fields with commas, quotes or line breaks are quoted.
    pub fn to_csv(&self) -> String {
        let header: Vec<&str> = self.headers().collect();
        let rows = self
            .rows
            .iter()
            .map(|row| row.iter().map(|c| c.text.as_str()).collect::<Vec<_>>());
        csv_rows(std::iter::once(header).chain(rows))
    }

    /// A Markdown pipe table; cells escaped so a row stays a row and model text stays text.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let row = |cells: &mut dyn Iterator<Item = &str>| {
            let cells: Vec<String> = cells.map(markdown_cell).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        out.push_str(&row(&mut self.headers()));
        out.push('|');
        for c in &self.columns {
            out.push_str(match c.align {
                Align::Left => " --- |",
                Align::Right => " ---: |",
            });
        }
        out.push('\n');
        for cells in &self.rows {
            out.push_str(&row(&mut cells.iter().map(|c| c.text.as_str())));
        }
        out
    }
}

/// A JSON value as one cell: text as is, lists of plain values joined by `; `, anything nested
/// as compact JSON.
fn json_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
            items.iter().map(json_cell).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

fn markdown_cell(text: &str) -> String {
    crate::present::doc::escape_markdown_cell(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text_of(line: &DocLine) -> String {
        line.iter().map(|(_, t)| t.as_str()).collect()
    }

    fn sample() -> Table {
        let mut t = Table::with_columns(vec![
            Column::keep("Facility", 10),
            Column::keep("In", 2),
            Column::fixed("Status"),
            Column::optional("Products", 0, 8),
            Column::optional("Owners", 1, 6),
        ]);
        t.push(vec![
            "Kuantan separation plant".into(),
            "MY".into(),
            "operating 2012".into(),
            "NdPr oxide, La, Ce, SEG".into(),
            "AU".into(),
        ]);
        t
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        let mut t = Table::new(&["id", "note"]);
        t.push(vec!["a".into(), "one, \"two\"\nthree".into()]);
        // Cells are one line: a line break reads as a space.
        assert_eq!(t.to_csv(), "id,note\na,\"one, \"\"two\"\" three\"\n");
    }

    #[test]
    fn objects_become_rows_with_lists_joined() {
        let t = Table::from_objects(&[
            json!({"id": "a", "stages": ["x", "y"]}),
            json!({"id": "b", "note": "n"}),
        ]);
        assert_eq!(t.headers().collect::<Vec<_>>(), ["id", "stages", "note"]);
        assert_eq!(t.rows[0][1].text, "x; y");
        assert_eq!(t.rows[1][2].text, "n");
    }

    #[test]
    fn markdown_cells_keep_pipes_inside_and_right_columns_align() {
        let mut t = Table::with_columns(vec![Column::keep("a", 4), Column::fixed("n").right()]);
        t.push(vec!["x|y".into(), "1".into()]);
        assert_eq!(
            t.to_markdown(),
            "| a | n |\n| --- | ---: |\n| x\\|y | 1 |\n"
        );
    }

    #[test]
    fn a_wide_table_drops_optional_columns_lowest_rank_first() {
        let t = sample();
        let (full, _) = t.fit(None);
        assert!(full.iter().all(Option::is_some));
        // Facility 24, In 2, Status 14, Products 23, Owners 6, gaps 8 = 77.
        assert_eq!(t.fit(Some(77)).0, full);
        let (narrow, _) = t.fit(Some(56));
        assert_eq!(narrow[3], None, "products go first");
        assert_eq!(narrow[4], Some(6), "owners stay while they fit");
        assert_eq!(narrow[0], Some(24), "before the facility is cut");
        let (shrunk, _) = t.fit(Some(70));
        assert_eq!(
            shrunk[3],
            Some(16),
            "an optional column shrinks before it goes"
        );
        let (narrower, _) = t.fit(Some(30));
        assert_eq!(narrower[3..], [None, None]);
        assert_eq!(narrower[2], Some(14), "fixed columns keep their width");
    }

    #[test]
    fn no_line_is_wider_than_the_room_and_identifying_columns_stay() {
        let t = sample();
        for width in [12, 20, 30, 40, 60, 80, 120] {
            for line in t.lines(Some(width)) {
                let text = text_of(&line);
                assert!(text.width() <= width, "{width}: {text:?}");
            }
            let row = text_of(&t.lines(Some(width))[1]);
            if width >= 30 {
                assert!(row.contains("MY"), "{width}: {row:?}");
                assert!(row.starts_with("Kuantan"), "{width}: {row:?}");
            }
        }
        let row = text_of(&t.lines(Some(36))[1]);
        assert_eq!(row, "Kuantan separat…  MY  operating 2012");
    }

    #[test]
    fn short_forms_come_before_cutting_a_name() {
        let mut t = Table::with_columns(vec![Column::keep("Facility", 6), Column::fixed("Status")]);
        t.push_cells(vec![
            Cell::text("Mountain Pass"),
            Cell::text("operating 2023-05-11").or_short("operating 2023"),
        ]);
        assert_eq!(
            text_of(&t.lines(Some(40))[1]),
            "Mountain Pass  operating 2023-05-11"
        );
        assert_eq!(
            text_of(&t.lines(Some(30))[1]),
            "Mountain Pass  operating 2023"
        );
        assert_eq!(text_of(&t.lines(Some(22))[1]), "Mount…  operating 2023");
    }

    #[test]
    fn a_heavier_column_keeps_more_of_its_name() {
        let mut t = Table::with_columns(vec![
            Column::keep("Firm", 4),
            Column::keep("Facility", 4).weight(3),
        ]);
        t.push(vec!["x".repeat(40), "y".repeat(40)]);
        // 30 cells less the gap: 4 and 4, then 20 shared one to three.
        assert_eq!(t.fit(Some(30)).0, [Some(9), Some(19)]);
        // Unweighted, the same room is shared equally.
        let mut even = Table::new(&["Firm", "Facility"]);
        even.push(vec!["x".repeat(40), "y".repeat(40)]);
        assert_eq!(even.fit(Some(30)).0, [Some(14), Some(14)]);
    }
}
