//! What changed between two models: entities added, removed and changed, field by field.
//!
//! The comparison walks the model file's serialized form rather than the schema types, so a
//! field the schema gains later is compared without this module knowing it. Entities are
//! matched by identity (ids; links by from/kind/to; events by the id the model gives them,
//! made from date and title when the file gives none), never by position, and order carries
//! no meaning except where the file gives it one (the chain order of stages), so a reordered
//! list is not a change.

mod fields;
mod pair;
mod sections;
mod value;

use serde::Serialize;

use crate::model::schema::ChainFile;
use fields::diff_values;
use pair::{Pair, pair_up};
use sections::{Entity, Sections, sections};

pub use sections::{Kind, PREVIOUS_STAGE};
pub use value::{Fields, Value};

/// The model file as JSON text, fields in schema order: what [`compare_serialized`] reads.
pub fn serialized(file: &ChainFile) -> String {
    serde_json::to_string(file).unwrap_or_default()
}

/// The tree of a serialized model, its text borrowed from `json`.
pub fn parse(json: &str) -> Value<'_> {
    serde_json::from_str(json).unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One field that differs: `capacity.value`, `shares[2025, mine production, usgs].countries.CN`.
/// A side that is [`Value::Null`] is absent: a field or list item added or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub path: String,
    pub old: Value<'static>,
    pub new: Value<'static>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityChange {
    pub kind: Kind,
    /// The id as the file gives it, events the id the model gives them; links
    /// `from/kind/to`; `#2`, `#3` tell apart entities that share one.
    pub id: String,
    /// Name or title, from the newer side when both have one.
    pub name: Option<String>,
    pub change: Change,
    /// For a changed entity, every field that differs.
    pub fields: Vec<FieldChange>,
}

/// The differences between two models, by kind in file order of sections, then in file order
/// of entities (removed ones after the others, in the old file's order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelDiff {
    pub entities: Vec<EntityChange>,
}

impl ModelDiff {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn count(&self, change: Change) -> usize {
        self.entities.iter().filter(|e| e.change == change).count()
    }

    pub fn of(&self, change: Change) -> impl Iterator<Item = &EntityChange> {
        self.entities.iter().filter(move |e| e.change == change)
    }
}

/// Compares two models.
pub fn compare(old: &ChainFile, new: &ChainFile) -> ModelDiff {
    compare_serialized(&serialized(old), &serialized(new))
}

/// Compares two models given as [`serialized`] text.
pub fn compare_serialized(old: &str, new: &str) -> ModelDiff {
    // Each side is a tree of the whole model: build, and later free, both at once.
    let (old_sections, new_sections) = std::thread::scope(|scope| {
        let old_side = scope.spawn(|| sections(parse(old)));
        let new_sections = sections(parse(new));
        let old_sections = old_side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old_sections, new_sections)
    });
    let diff = compare_sections(&old_sections, &new_sections);
    std::thread::scope(|scope| {
        scope.spawn(move || drop(old_sections));
        drop(new_sections);
    });
    diff
}

fn compare_sections(old: &Sections, new: &Sections) -> ModelDiff {
    let mut kinds: Vec<&Kind> = new.keys().collect();
    kinds.extend(old.keys().filter(|k| !new.contains_key(*k)));
    kinds.sort();
    let mut diff = ModelDiff::default();
    for kind in kinds {
        let old_entities = old.get(kind).map_or(&[][..], Vec::as_slice);
        let new_entities = new.get(kind).map_or(&[][..], Vec::as_slice);
        compare_entities(kind, old_entities, new_entities, &mut diff.entities);
    }
    diff
}

fn compare_entities(kind: &Kind, old: &[Entity], new: &[Entity], out: &mut Vec<EntityChange>) {
    let old_keys: Vec<&str> = old.iter().map(|e| e.key.as_ref()).collect();
    let new_keys: Vec<&str> = new.iter().map(|e| e.key.as_ref()).collect();
    let pairs = pair_up(&old_keys, &new_keys, |o, n| old[o].value == new[n].value);
    let mut removed = Vec::new();
    for pair in pairs {
        match pair {
            Pair::Both {
                old: o,
                new: n,
                label,
            } => {
                let mut fields = Vec::new();
                let mut path = String::new();
                diff_values(
                    &mut path,
                    Some(&old[o].value),
                    Some(&new[n].value),
                    &mut fields,
                );
                if !fields.is_empty() {
                    out.push(EntityChange {
                        kind: kind.clone(),
                        id: label,
                        name: new[n].name().or_else(|| old[o].name()),
                        change: Change::Changed,
                        fields,
                    });
                }
            }
            Pair::New { new: n, label } => out.push(EntityChange {
                kind: kind.clone(),
                id: label,
                name: new[n].name(),
                change: Change::Added,
                fields: Vec::new(),
            }),
            Pair::Old { old: o, label } => removed.push(EntityChange {
                kind: kind.clone(),
                id: label,
                name: old[o].name(),
                change: Change::Removed,
                fields: Vec::new(),
            }),
        }
    }
    out.extend(removed);
}
