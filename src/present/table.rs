//! Rows under a header row: what `--format csv` writes and list-like Markdown shows.

use serde_json::Value;

use crate::present::csv::csv_row;
use crate::present::doc::escape_markdown;
use crate::text::one_line;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// One column per field of the objects (in order of first appearance), one row per object.
    pub fn from_objects(items: &[Value]) -> Self {
        let mut headers: Vec<String> = Vec::new();
        for item in items {
            if let Value::Object(fields) = item {
                for key in fields.keys() {
                    if !headers.contains(key) {
                        headers.push(key.clone());
                    }
                }
            }
        }
        let rows = items
            .iter()
            .map(|item| {
                headers
                    .iter()
                    .map(|h| item.get(h).map_or_else(String::new, cell))
                    .collect()
            })
            .collect();
        Table { headers, rows }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// CSV, a header row and then the rows, each written by [`csv_row`].
    pub fn to_csv(&self) -> String {
        let mut out = csv_row(&self.headers);
        for row in &self.rows {
            out.push_str(&csv_row(row));
        }
        out
    }

    /// A Markdown table; `|` and line breaks inside cells are escaped so a row stays a row.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let row = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        out.push_str(&row(&self.headers));
        out.push('|');
        out.push_str(&" --- |".repeat(self.headers.len()));
        out.push('\n');
        for cells in &self.rows {
            out.push_str(&row(cells));
        }
        out
    }
}

/// A JSON value as one cell: text as is, lists of plain values joined by `; `, anything nested
/// as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
            items.iter().map(cell).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

fn markdown_cell(text: &str) -> String {
    escape_markdown(&one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        let mut t = Table::new(&["id", "note"]);
        t.push(vec!["a".into(), "one, \"two\"\nthree".into()]);
        assert_eq!(t.to_csv(), "id,note\na,\"one, \"\"two\"\"\nthree\"\n");
    }

    #[test]
    fn objects_become_rows_with_lists_joined() {
        let t = Table::from_objects(&[
            json!({"id": "a", "stages": ["x", "y"]}),
            json!({"id": "b", "note": "n"}),
        ]);
        assert_eq!(t.headers, ["id", "stages", "note"]);
        assert_eq!(t.rows[0], ["a", "x; y", ""]);
        assert_eq!(t.rows[1], ["b", "", "n"]);
    }

    #[test]
    fn markdown_cells_keep_pipes_inside() {
        let mut t = Table::new(&["a"]);
        t.push(vec!["x|y".into()]);
        assert_eq!(t.to_markdown(), "| a |\n| --- |\n| x\\|y |\n");
    }
}
