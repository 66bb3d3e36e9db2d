//! What changed between two models, as a document (text and Markdown) and as JSON.

use serde::Serialize;

use crate::analysis::diff::{Change, EntityChange, FieldChange, Kind, ModelDiff, Value};
use crate::present::doc::{Block, Doc, Role};
use crate::present::format::{count, number};
use crate::present::table::{Cell, Column, Table};
use crate::text::fit;
use crate::text::one_line;

/// Columns a value may take in text before it is cut short; JSON always has it whole.
pub const VALUE_WIDTH: usize = 60;

/// The report: a summary line, then per kind the entities added, removed and changed, each
/// changed field as `path: old → new` (`path: + new` and `path: − old` when one side is absent).
pub fn report(diff: &ModelDiff, old_name: &str, new_name: &str) -> Doc {
    let mut doc = Doc {
        title: format!("Changes from {} to {}", plain(old_name), plain(new_name)),
        ..Doc::default()
    };
    doc.push_line(vec![(Role::Text, summary(diff))]);
    let mut current: Option<(&Kind, Table)> = None;
    for entity in &diff.entities {
        if current
            .as_ref()
            .is_none_or(|(kind, _)| *kind != &entity.kind)
        {
            if let Some((_, table)) = current.take() {
                doc.blocks.push(Block::Table(table));
            }
            doc.push_line(Vec::new());
            doc.blocks.push(Block::Heading(heading(diff, &entity.kind)));
            current = Some((&entity.kind, changes_table()));
        }
        if let Some((_, table)) = current.as_mut() {
            entity_rows(table, entity);
        }
    }
    if let Some((_, table)) = current {
        doc.blocks.push(Block::Table(table));
    }
    doc
}

fn changes_table() -> Table {
    Table::with_columns(vec![
        Column::fixed("Change"),
        Column::keep("Id", 8),
        Column::optional("Name", 0, 8),
        Column::keep("Field: old → new", 16),
    ])
}

/// An entity's rows: itself, then one row per changed field (`+ new` and `− old` when one side
/// is absent).
fn entity_rows(table: &mut Table, entity: &EntityChange) {
    let word = match entity.change {
        Change::Added => "added",
        Change::Removed => "removed",
        Change::Changed => "changed",
    };
    let name = entity
        .name
        .as_deref()
        .filter(|n| *n != entity.id)
        .map(|n| fit(&plain(n), VALUE_WIDTH).into_owned())
        .unwrap_or_default();
    let mut head = vec![
        Cell::new(Role::Status, word),
        Cell::text(plain(&entity.id)),
        Cell::new(Role::Dim, name),
    ];
    for (n, field) in entity.fields.iter().enumerate() {
        let mut row = if n == 0 {
            std::mem::take(&mut head)
        } else {
            vec![Cell::text(""), Cell::text(""), Cell::text("")]
        };
        row.push(Cell::new(
            Role::Number,
            format!(
                "{}: {}",
                short_path(&plain(&field.path)),
                field_values(field)
            ),
        ));
        table.push_cells(row);
    }
    if !head.is_empty() {
        table.push_cells(head);
    }
}

/// `old → new`, each side on one line and cut to [`VALUE_WIDTH`]; an absent side reads
/// `+ new` or `− old`.
fn field_values(field: &FieldChange) -> String {
    match (&field.old, &field.new) {
        (Value::Null, new) => format!("+ {}", shown(new)),
        (old, Value::Null) => format!("− {}", shown(old)),
        (old, new) => {
            let (old, new) =
                from_first_difference(plain(&old.to_string()), plain(&new.to_string()));
            format!("{} → {}", fit(&old, VALUE_WIDTH), fit(&new, VALUE_WIDTH))
        }
    }
}

/// `2 added, 1 removed, 3 changed`, or that there is no difference.
pub fn summary(diff: &ModelDiff) -> String {
    if diff.is_empty() {
        return "No differences.".into();
    }
    let added = diff.count(Change::Added);
    let removed = diff.count(Change::Removed);
    let changed = diff.count(Change::Changed);
    format!(
        "{} added, {} removed, {} changed",
        number(added as f64),
        number(removed as f64),
        number(changed as f64)
    )
}

fn heading(diff: &ModelDiff, kind: &Kind) -> String {
    let of_kind = diff.entities.iter().filter(|e| &e.kind == kind);
    let n = of_kind.count() as u128;
    let name = match kind {
        Kind::Meta => "Model".to_owned(),
        other => {
            let s = plain(other.as_str());
            let mut chars = s.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    };
    format!("{name} ({})", count(n, "difference", "differences"))
}

/// Characters kept before the first difference when two long values are cut.
const CONTEXT: usize = 12;

/// Two long values that start alike, shown from just before where they differ (`…`
/// marking the cut), so that cutting them short does not hide the change.
fn from_first_difference(old: String, new: String) -> (String, String) {
    let same = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let long = old.chars().count().max(new.chars().count()) > VALUE_WIDTH;
    if !long || same <= 2 * CONTEXT {
        return (old, new);
    }
    let cut = |text: &str| format!("…{}", text.chars().skip(same - CONTEXT).collect::<String>());
    (cut(&old), cut(&new))
}

/// Labels of list items (`figures[designed capacity of …, 2026, t/yr]`) cut to a width that
/// leaves the field name readable.
fn short_path(path: &str) -> String {
    const LABEL_WIDTH: usize = 32;
    let mut out = String::with_capacity(path.len());
    let mut label = String::new();
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push('[');
                } else {
                    label.push(c);
                }
                depth += 1;
            }
            ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push_str(&fit(&label, LABEL_WIDTH));
                    out.push(']');
                    label.clear();
                } else {
                    label.push(c);
                }
            }
            c if depth > 0 => label.push(c),
            c => out.push(c),
        }
    }
    out.push_str(&label);
    out
}

/// A value on one line, cut to [`VALUE_WIDTH`] columns.
fn shown(value: &Value) -> String {
    fit(&plain(&value.to_string()), VALUE_WIDTH).into_owned()
}

/// Model text safe for a terminal and on one line: unsafe characters replaced, and runs of
/// white space (line breaks in a note included) shown as one space.
fn plain(text: &str) -> String {
    one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The JSON report, with stable field names:
/// `{old, new, equal, added: [{kind, id, name}], removed: […], changed: [{kind, id, name, fields: [{path, old, new}]}]}`.
/// Values are given whole, as the model file has them (`null` for an absent side).
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub equal: bool,
    pub added: Vec<JsonEntity<'a>>,
    pub removed: Vec<JsonEntity<'a>>,
    pub changed: Vec<JsonEntity<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonEntity<'a> {
    pub kind: &'a Kind,
    pub id: &'a str,
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<&'a [FieldChange]>,
}

pub fn json_report<'a>(
    diff: &'a ModelDiff,
    old_name: &'a str,
    new_name: &'a str,
) -> JsonReport<'a> {
    let entity = |e: &'a EntityChange| JsonEntity {
        kind: &e.kind,
        id: &e.id,
        name: e.name.as_deref(),
        fields: (e.change == Change::Changed).then_some(e.fields.as_slice()),
    };
    JsonReport {
        old: old_name,
        new: new_name,
        equal: diff.is_empty(),
        added: diff.of(Change::Added).map(entity).collect(),
        removed: diff.of(Change::Removed).map(entity).collect(),
        changed: diff.of(Change::Changed).map(entity).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_text_is_plain() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(
            short_path("figures[a label far longer than the width allowed here, 2026].source"),
            "figures[a label far longer than the wid…].source"
        );
        let (old, new) = from_first_difference(
            format!("{} old ending", "x".repeat(70)),
            format!("{} new ending", "x".repeat(70)),
        );
        assert_eq!(old, format!("…{} old ending", "x".repeat(11)));
        assert_eq!(new, format!("…{} new ending", "x".repeat(11)));
        assert_eq!(plain("a\u{1b}[31m\n  b"), "a\u{FFFD}[31m b");
    }
}
