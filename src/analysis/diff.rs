//! What changed between two models: entities added, removed and changed, field by field.
//!
//! The comparison walks the model file's serialized form rather than the schema types, so a
//! field the schema gains later is compared without this module knowing it. Entities are
//! matched by identity (ids; links by from/kind/to; events by date and title), never by
//! position, and order carries no meaning except where the file gives it one (the chain
//! order of stages), so a reordered list is not a change.

use std::collections::HashMap;
use std::fmt::{self, Write};

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};

use crate::model::schema::ChainFile;

/// A node of the serialized model: JSON's data model, with mappings kept in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// Also stands for "absent" on one side of a change.
    #[default]
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(String),
    List(Vec<Value>),
    /// Equality ignores key order.
    Map(IndexMap<String, Value>),
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The text of a scalar (a number as written, `true`), or None for lists and maps.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(number_text(n)),
            Value::Text(s) => Some(s.clone()),
            Value::List(_) | Value::Map(_) => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(m) => m.get(key),
            _ => None,
        }
    }

    fn text_field(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
}

/// A number as the file would read: whole numbers without a trailing `.0`.
fn number_text(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

impl fmt::Display for Value {
    /// Compact one-line form: scalars as written, `[a, b]`, `{key: value}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::List(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Map(map) => {
                f.write_char('{')?;
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key}: {value}")?;
                }
                f.write_char('}')
            }
            scalar => f.write_str(&scalar.scalar_text().unwrap_or_default()),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::Text(s) => serializer.serialize_str(s),
            Value::List(items) => items.serialize(serializer),
            Value::Map(map) => map.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
                let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0));
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    map.insert(key, value);
                }
                Ok(Value::Map(map))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// The model file as a [`Value`], fields in schema order.
pub fn serialized(file: &ChainFile) -> Value {
    // Through JSON text, which keeps the field order that `serde_json::Value` would sort.
    serde_json::to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The sections of a model, as the file names them; facilities, which the file nests in
/// firms, are a kind of their own, and `meta` holds the file's top-level scalars too.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Meta,
    Sources,
    Countries,
    Elements,
    Stages,
    Firms,
    Facilities,
    Links,
    Events,
    /// A section this build does not know by name.
    Other(String),
}

impl Kind {
    fn of_section(name: &str) -> Kind {
        match name {
            "meta" => Kind::Meta,
            "sources" => Kind::Sources,
            "countries" => Kind::Countries,
            "elements" => Kind::Elements,
            "stages" => Kind::Stages,
            "firms" => Kind::Firms,
            "links" => Kind::Links,
            "events" => Kind::Events,
            other => Kind::Other(other.to_owned()),
        }
    }

    /// The section name: `facilities`, `links`, …
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Meta => "meta",
            Kind::Sources => "sources",
            Kind::Countries => "countries",
            Kind::Elements => "elements",
            Kind::Stages => "stages",
            Kind::Firms => "firms",
            Kind::Facilities => "facilities",
            Kind::Links => "links",
            Kind::Events => "events",
            Kind::Other(name) => name,
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
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
    pub old: Value,
    pub new: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityChange {
    pub kind: Kind,
    /// The id as the file gives it; links `from/kind/to`, events without an id `date title`;
    /// `#2`, `#3` tell apart entities that share one.
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
    compare_values(&serialized(old), &serialized(new))
}

/// Compares two serialized models (see [`serialized`]).
pub fn compare_values(old: &Value, new: &Value) -> ModelDiff {
    let old_sections = entities(old);
    let mut new_sections = entities(new);
    let mut kinds: Vec<Kind> = new_sections.keys().cloned().collect();
    kinds.extend(old_sections.keys().filter(|k| !new_sections.contains_key(*k)).cloned());
    kinds.sort();
    let mut diff = ModelDiff::default();
    for kind in kinds {
        let old_entities = old_sections.get(&kind).map_or(&[][..], Vec::as_slice);
        let new_entities = new_sections.swap_remove(&kind).unwrap_or_default();
        compare_entities(kind, old_entities, &new_entities, &mut diff.entities);
    }
    diff
}

/// An entity as compared: its identity, display name and serialized form.
struct Entity {
    key: String,
    name: Option<String>,
    value: Value,
}

impl Entity {
    fn new(key: String, value: Value) -> Entity {
        let name = ["name", "title", "what"]
            .iter()
            .find_map(|f| value.text_field(f))
            .map(str::to_owned);
        Entity { key, name, value }
    }
}

/// The model's entities by kind.
fn entities(file: &Value) -> IndexMap<Kind, Vec<Entity>> {
    let mut sections: IndexMap<Kind, Vec<Entity>> = IndexMap::new();
    let Value::Map(top) = file else {
        return sections;
    };
    let mut meta = IndexMap::new();
    for (section, value) in top {
        let kind = Kind::of_section(section);
        match (kind, value) {
            (Kind::Meta, Value::Map(fields)) => {
                meta.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())))
            }
            (Kind::Firms, Value::List(firms)) => {
                let mut facilities = Vec::new();
                let mut list = Vec::with_capacity(firms.len());
                for firm in firms {
                    let mut firm = firm.clone();
                    if let Value::Map(fields) = &mut firm
                        && let Some(Value::List(owned)) = fields.shift_remove("facilities")
                    {
                        let firm_id = fields.get("id").cloned().unwrap_or_default();
                        for mut facility in owned {
                            if let Value::Map(f) = &mut facility {
                                f.entry("firm".to_owned()).or_insert(firm_id.clone());
                            }
                            facilities.push(Entity::new(entity_key(&Kind::Facilities, &facility), facility));
                        }
                    }
                    list.push(Entity::new(entity_key(&Kind::Firms, &firm), firm));
                }
                sections.insert(Kind::Firms, list);
                sections.insert(Kind::Facilities, facilities);
            }
            (Kind::Stages, Value::List(stages)) => {
                // Without `inputs`, a stage consumes the one before it: the order means something.
                let mut previous = Value::Null;
                let list = stages
                    .iter()
                    .map(|stage| {
                        let mut stage = stage.clone();
                        let id = stage.get("id").cloned().unwrap_or_default();
                        if let Value::Map(fields) = &mut stage
                            && !previous.is_null()
                        {
                            fields.insert(PREVIOUS_STAGE.to_owned(), previous.clone());
                        }
                        previous = id;
                        Entity::new(entity_key(&Kind::Stages, &stage), stage)
                    })
                    .collect();
                sections.insert(Kind::Stages, list);
            }
            (kind, Value::List(items)) => {
                let list = items
                    .iter()
                    .map(|item| Entity::new(entity_key(&kind, item), item.clone()))
                    .collect();
                sections.insert(kind, list);
            }
            (kind, Value::Map(entries)) => {
                let list = entries
                    .iter()
                    .map(|(key, value)| {
                        let value = match value {
                            Value::Map(_) => value.clone(),
                            scalar if kind == Kind::Countries => {
                                Value::Map(IndexMap::from([("name".to_owned(), scalar.clone())]))
                            }
                            other => Value::Map(IndexMap::from([("value".to_owned(), other.clone())])),
                        };
                        Entity::new(key.clone(), value)
                    })
                    .collect();
                sections.insert(kind, list);
            }
            (_, scalar) => {
                meta.insert(section.clone(), scalar.clone());
            }
        }
    }
    if !meta.is_empty() {
        let mut entity = Entity::new("meta".to_owned(), Value::Map(meta));
        entity.name = None;
        sections.insert(Kind::Meta, vec![entity]);
    }
    sections
}

/// The field a stage gets in the comparison for the stage before it in chain order (a name
/// with a space, so no field of the file can take it).
pub const PREVIOUS_STAGE: &str = "previous stage";

/// What identifies an entity of a kind across two versions of the file.
fn entity_key(kind: &Kind, item: &Value) -> String {
    if let Some(id) = item.get("id").and_then(Value::scalar_text) {
        return id;
    }
    let text = |f: &str| item.get(f).and_then(Value::scalar_text).unwrap_or_default();
    match kind {
        Kind::Links => format!("{}/{}/{}", text("from"), text("kind"), text("to")),
        Kind::Events => format!("{} {}", text("date"), text("title")),
        _ => ["symbol", "code", "name", "title"]
            .iter()
            .find_map(|f| item.get(f).and_then(Value::scalar_text))
            .unwrap_or_default(),
    }
}

fn compare_entities(kind: Kind, old: &[Entity], new: &[Entity], out: &mut Vec<EntityChange>) {
    let old_keys: Vec<&str> = old.iter().map(|e| e.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|e| e.key.as_str()).collect();
    let pairs = pair_up(&old_keys, &new_keys, |o, n| old[o].value == new[n].value);
    let mut removed = Vec::new();
    for pair in pairs {
        match pair {
            Pair::Both { old: o, new: n, label } => {
                let mut fields = Vec::new();
                let mut path = String::new();
                diff_values(&mut path, Some(&old[o].value), Some(&new[n].value), &mut fields);
                if !fields.is_empty() {
                    out.push(EntityChange {
                        kind: kind.clone(),
                        id: label,
                        name: new[n].name.clone().or_else(|| old[o].name.clone()),
                        change: Change::Changed,
                        fields,
                    });
                }
            }
            Pair::New { new: n, label } => out.push(EntityChange {
                kind: kind.clone(),
                id: label,
                name: new[n].name.clone(),
                change: Change::Added,
                fields: Vec::new(),
            }),
            Pair::Old { old: o, label } => removed.push(EntityChange {
                kind: kind.clone(),
                id: label,
                name: old[o].name.clone(),
                change: Change::Removed,
                fields: Vec::new(),
            }),
        }
    }
    out.extend(removed);
}

/// How items of two lists correspond. Labels are the key, with `#n` when several items share it.
#[derive(Debug, PartialEq)]
enum Pair {
    /// Matched: equal (left out of the result) or to be compared field by field.
    Both {
        old: usize,
        new: usize,
        label: String,
    },
    New {
        new: usize,
        label: String,
    },
    Old {
        old: usize,
        label: String,
    },
}

/// Matches items by key: within a key, equal items first (so reordering is no change), then
/// the rest in order. Items that match and are equal are left out. New-side items come in
/// their order, then unmatched old-side ones in theirs.
fn pair_up(old: &[&str], new: &[&str], equal: impl Fn(usize, usize) -> bool) -> Vec<Pair> {
    struct Group {
        old: Vec<usize>,
        new: Vec<usize>,
    }
    let mut groups: HashMap<&str, Group> = HashMap::with_capacity(new.len().max(old.len()));
    for (i, key) in new.iter().enumerate() {
        groups.entry(key).or_insert_with(|| Group { old: Vec::new(), new: Vec::new() }).new.push(i);
    }
    for (i, key) in old.iter().enumerate() {
        groups.entry(key).or_insert_with(|| Group { old: Vec::new(), new: Vec::new() }).old.push(i);
    }
    // partner[n] = the old item new item n is matched with, and whether they are equal.
    let mut partner: Vec<Option<(usize, bool)>> = vec![None; new.len()];
    let mut matched_old = vec![false; old.len()];
    let mut occurrence_new = vec![0usize; new.len()];
    let mut occurrence_old = vec![0usize; old.len()];
    let mut shared_new = vec![false; new.len()];
    let mut shared_old = vec![false; old.len()];
    for group in groups.values() {
        for (n, &i) in group.new.iter().enumerate() {
            occurrence_new[i] = n + 1;
            shared_new[i] = group.new.len() > 1;
        }
        for (n, &i) in group.old.iter().enumerate() {
            occurrence_old[i] = n + 1;
            shared_old[i] = group.old.len() > 1;
        }
        if group.old.len() == 1 && group.new.len() == 1 {
            let (o, n) = (group.old[0], group.new[0]);
            partner[n] = Some((o, equal(o, n)));
            matched_old[o] = true;
            continue;
        }
        // Several items share the key: equal ones pair first (quadratic only within a key,
        // and bounded so that a list of many keyless items stays linear).
        let mut free_old: Vec<usize> = group.old.clone();
        if group.old.len().saturating_mul(group.new.len()) <= 4096 {
            for &n in &group.new {
                if let Some(pos) = free_old.iter().position(|&o| equal(o, n)) {
                    let o = free_old.remove(pos);
                    partner[n] = Some((o, true));
                    matched_old[o] = true;
                }
            }
        }
        let mut rest = free_old.into_iter();
        for &n in &group.new {
            if partner[n].is_some() {
                continue;
            }
            let Some(o) = rest.next() else { break };
            partner[n] = Some((o, equal(o, n)));
            matched_old[o] = true;
        }
    }
    let label = |key: &str, occurrence: usize, shared: bool| {
        if key.is_empty() {
            format!("#{occurrence}")
        } else if shared {
            format!("{key} #{occurrence}")
        } else {
            key.to_owned()
        }
    };
    let mut pairs = Vec::new();
    for (n, key) in new.iter().enumerate() {
        match partner[n] {
            Some((_, true)) => {}
            Some((o, false)) => pairs.push(Pair::Both {
                old: o,
                new: n,
                label: label(key, occurrence_new[n], shared_new[n]),
            }),
            None => pairs.push(Pair::New {
                new: n,
                label: label(key, occurrence_new[n], shared_new[n]),
            }),
        }
    }
    for (o, key) in old.iter().enumerate() {
        if !matched_old[o] {
            pairs.push(Pair::Old {
                old: o,
                label: label(key, occurrence_old[o], shared_old[o]),
            });
        }
    }
    pairs
}

/// Appends every difference between two values below `path` to `out`.
fn diff_values(path: &mut String, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Map(a)), Some(Value::Map(b))) => {
            for (key, b_value) in b {
                let len = push_segment(path, key);
                diff_values(path, a.get(key), Some(b_value), out);
                path.truncate(len);
            }
            for (key, a_value) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                let len = push_segment(path, key);
                diff_values(path, Some(a_value), None, out);
                path.truncate(len);
            }
        }
        (Some(Value::List(a)), Some(Value::List(b))) => diff_lists(path, a, b, out),
        (Some(Value::List(a)), None) => diff_lists(path, a, &[], out),
        (None, Some(Value::List(b))) => diff_lists(path, &[], b, out),
        (a, b) => out.push(FieldChange {
            path: path.clone(),
            old: a.cloned().unwrap_or_default(),
            new: b.cloned().unwrap_or_default(),
        }),
    }
}

/// Adds `.key` to a path (no dot at the start), returning the length to truncate back to.
fn push_segment(path: &mut String, key: &str) -> usize {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    len
}

/// Lists compare as sets of items: scalars by value, records by what identifies them in
/// their list (see [`item_key`]); a record matched on both sides is compared field by field
/// under `list[key]`.
fn diff_lists(path: &mut String, old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let list = path.rsplit(['.', ']']).next().unwrap_or("").to_owned();
    // A scalar repeated in a list is the same member of the set.
    let members = |items: &[Value]| -> (Vec<usize>, Vec<String>) {
        let mut seen = std::collections::HashSet::new();
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let key = item_key(&list, item);
                let is_record = matches!(item, Value::List(_) | Value::Map(_));
                (is_record || seen.insert(key.clone())).then_some((i, key))
            })
            .unzip()
    };
    let (old_index, old_keys) = members(old);
    let (new_index, new_keys) = members(new);
    let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_keys.iter().map(String::as_str).collect();
    let pairs = pair_up(&old_refs, &new_refs, |o, n| old[old_index[o]] == new[new_index[n]]);
    for pair in pairs {
        let (o, n, label) = match pair {
            Pair::Both { old: o, new: n, label } => (Some(&old[old_index[o]]), Some(&new[new_index[n]]), label),
            Pair::New { new: n, label } => (None, Some(&new[new_index[n]]), label),
            Pair::Old { old: o, label } => (Some(&old[old_index[o]]), None, label),
        };
        let is_record = [o, n].iter().flatten().any(|v| matches!(v, Value::List(_) | Value::Map(_)));
        if is_record {
            let len = path.len();
            let _ = write!(path, "[{label}]");
            diff_values(path, o, n, out);
            path.truncate(len);
        } else {
            diff_values(path, o, n, out);
        }
    }
}

/// What identifies a list item: an `id` when it has one; otherwise the fields that tell the
/// records of its list apart (a share block by year, metric and source); a scalar by value.
/// Items with equal keys are matched in order.
fn item_key(list: &str, item: &Value) -> String {
    if let Some(text) = item.scalar_text() {
        return text;
    }
    if let Some(id) = item.get("id").and_then(Value::scalar_text) {
        return id;
    }
    let fields: &[&str] = match list {
        "shares" => &["year", "metric", "source"],
        "owners" => &["firm", "government", "name"],
        "lifecycle" => &["status"],
        "figures" | "output" => &["label", "year", "unit"],
        _ => &["name", "label", "title", "date", "year"],
    };
    let mut key = String::new();
    for field in fields {
        if let Some(text) = item.get(field).and_then(Value::scalar_text) {
            if !key.is_empty() {
                key.push_str(", ");
            }
            key.push_str(&text);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    fn fields(old: &str, new: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        diff_values(&mut String::new(), Some(&v(old)), Some(&v(new)), &mut out);
        out.into_iter()
            .map(|f| (f.path, f.old.to_string(), f.new.to_string()))
            .collect()
    }

    fn triple(path: &str, old: &str, new: &str) -> (String, String, String) {
        (path.into(), old.into(), new.into())
    }

    #[test]
    fn scalar_lists_are_sets() {
        assert!(fields(r#"{"a": [1, 2, 3]}"#, r#"{"a": [3, 1, 2, 2]}"#).is_empty());
        assert_eq!(
            fields(r#"{"a": ["x", "y"]}"#, r#"{"a": ["y", "z"]}"#),
            vec![triple("a", "", "z"), triple("a", "x", "")]
        );
    }

    #[test]
    fn records_match_by_key_and_compare_by_field() {
        let old = r#"{"shares": [
            {"year": 2024, "metric": "m", "source": "s", "countries": {"CN": 60, "US": 10}},
            {"year": 2025, "metric": "m", "source": "s", "countries": {"CN": 70}}]}"#;
        let new = r#"{"shares": [
            {"year": 2025, "metric": "m", "source": "s", "countries": {"CN": 69}},
            {"year": 2024, "metric": "m", "source": "s", "countries": {"US": 10, "CN": 60}}]}"#;
        assert_eq!(
            fields(old, new),
            vec![triple("shares[2025, m, s].countries.CN", "70", "69")]
        );
    }

    #[test]
    fn records_without_a_key_pair_in_order_after_equal_ones() {
        let old = r#"{"l": [{"a": 1}, {"a": 2}, {"a": 3}]}"#;
        let new = r#"{"l": [{"a": 3}, {"a": 1}, {"a": 5}]}"#;
        assert_eq!(fields(old, new), vec![triple("l[#3].a", "2", "5")]);
    }

    #[test]
    fn absent_lists_are_empty_and_absent_fields_are_null() {
        assert_eq!(
            fields(r#"{}"#, r#"{"aliases": ["A"], "place": "P"}"#),
            vec![triple("aliases", "", "A"), triple("place", "", "P")]
        );
    }

    #[test]
    fn duplicate_keys_are_numbered() {
        let pairs = pair_up(&["a", "a"], &["a", "a", "a"], |o, n| o == n);
        assert_eq!(
            pairs,
            vec![Pair::New {
                new: 2,
                label: "a #3".into()
            }]
        );
    }

    #[test]
    fn whole_numbers_read_without_decimals() {
        assert_eq!(v("270000.0").to_string(), "270000");
        assert_eq!(v("0.25").to_string(), "0.25");
        assert_eq!(v(r#"{"b": 2, "a": [1, "x"]}"#).to_string(), "{b: 2, a: [1, x]}");
    }
}
