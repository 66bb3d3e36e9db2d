//! What changed between two models: entities added, removed and changed, field by field.
//!
//! The comparison walks the model file's serialized form rather than the schema types, so a
//! field the schema gains later is compared without this module knowing it. Entities are
//! matched by identity (ids; links by from/kind/to; events by date and title), never by
//! position, and order carries no meaning except where the file gives it one (the chain
//! order of stages), so a reordered list is not a change.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write};

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::model::schema::ChainFile;

/// A node of the serialized model: JSON's data model, with mappings in file order and text
/// borrowed from the serialized file where it can be.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value<'a> {
    /// Also stands for "absent" on one side of a change.
    #[default]
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(Cow<'a, str>),
    List(Vec<Value<'a>>),
    Map(Fields<'a>),
}

/// A mapping's entries in file order. Equality ignores the order.
#[derive(Debug, Clone, Default)]
pub struct Fields<'a>(pub Vec<(Cow<'a, str>, Value<'a>)>);

/// Above this many entries, looking keys up goes through a hash table.
const SMALL_MAP: usize = 32;

impl<'a> Fields<'a> {
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn insert(&mut self, key: &'a str, value: Value<'a>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((Cow::Borrowed(key), value)),
        }
    }

    fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// A lookup that stays linear on large mappings.
    fn lookup<'s>(&'s self) -> impl Fn(&str) -> Option<&'s Value<'a>> + 's {
        let table: Option<HashMap<&'s str, &'s Value<'a>>> = (self.0.len() > SMALL_MAP)
            .then(|| self.0.iter().map(|(k, v)| (k.as_ref(), v)).collect());
        move |key| match &table {
            Some(table) => table.get(key).copied(),
            None => self.get(key),
        }
    }
}

impl PartialEq for Fields<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.len() != other.0.len() {
            return false;
        }
        // Same order is the usual case: then one pass decides.
        if self.0.iter().zip(&other.0).all(|((a, _), (b, _))| a == b) {
            return self.0.iter().zip(&other.0).all(|((_, a), (_, b))| a == b);
        }
        let other = other.lookup();
        self.0.iter().all(|(k, v)| other(k) == Some(v))
    }
}

impl<'a> Value<'a> {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    fn is_record(&self) -> bool {
        matches!(self, Value::List(_) | Value::Map(_))
    }

    /// The text of a scalar (a number as written, `true`; empty for null), None for a list or
    /// a mapping.
    pub fn scalar_text(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Null => Some(Cow::Borrowed("")),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            Value::Number(n) => Some(Cow::Owned(number_text(n))),
            Value::Text(s) => Some(s.clone()),
            Value::List(_) | Value::Map(_) => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(m) => m.get(key),
            _ => None,
        }
    }

    /// The same value, owning its text.
    pub fn to_owned_value(&self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(n.clone()),
            Value::Text(s) => Value::Text(Cow::Owned(s.clone().into_owned())),
            Value::List(items) => Value::List(items.iter().map(Value::to_owned_value).collect()),
            Value::Map(fields) => Value::Map(Fields(
                fields
                    .0
                    .iter()
                    .map(|(k, v)| (Cow::Owned(k.clone().into_owned()), v.to_owned_value()))
                    .collect(),
            )),
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

impl fmt::Display for Value<'_> {
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
            Value::Map(fields) => {
                f.write_char('{')?;
                for (i, (key, value)) in fields.0.iter().enumerate() {
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

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::Text(s) => serializer.serialize_str(s),
            Value::List(items) => items.serialize(serializer),
            Value::Map(fields) => {
                let mut map = serializer.serialize_map(Some(fields.0.len()))?;
                for (key, value) in &fields.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'de>, E> {
                Ok(Value::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value<'de>, A::Error> {
                let mut fields = Vec::with_capacity(access.size_hint().unwrap_or(0));
                while let Some((key, value)) = access.next_entry::<Value<'de>, Value<'de>>()? {
                    let key = match key {
                        Value::Text(key) => key,
                        other => Cow::Owned(other.to_string()),
                    };
                    fields.push((key, value));
                }
                Ok(Value::Map(Fields(fields)))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// The model file as JSON text, fields in schema order: what [`compare_serialized`] reads.
pub fn serialized(file: &ChainFile) -> String {
    serde_json::to_string(file).unwrap_or_default()
}

/// The tree of a serialized model, its text borrowed from `json`.
pub fn parse(json: &str) -> Value<'_> {
    serde_json::from_str(json).unwrap_or_default()
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
    pub old: Value<'static>,
    pub new: Value<'static>,
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

type Sections<'a> = IndexMap<Kind, Vec<Entity<'a>>>;

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

/// An entity as compared: what identifies it, and its serialized form.
struct Entity<'a> {
    key: Cow<'a, str>,
    value: Value<'a>,
}

impl<'a> Entity<'a> {
    fn new(kind: &Kind, value: Value<'a>) -> Entity<'a> {
        Entity {
            key: entity_key(kind, &value),
            value,
        }
    }

    fn name(&self) -> Option<String> {
        ["name", "title", "what"]
            .iter()
            .find_map(|f| match self.value.get(f) {
                Some(Value::Text(s)) => Some(s.to_string()),
                _ => None,
            })
    }
}

/// The model's entities by kind.
fn sections(file: Value<'_>) -> Sections<'_> {
    let mut sections = Sections::new();
    let Value::Map(top) = file else {
        return sections;
    };
    let mut meta = Fields::default();
    for (section, value) in top.0 {
        let kind = Kind::of_section(&section);
        match (kind, value) {
            (Kind::Meta, Value::Map(fields)) => meta.0.extend(fields.0),
            (Kind::Firms, Value::List(firms)) => {
                let mut facilities = Vec::new();
                let mut list = Vec::with_capacity(firms.len());
                for mut firm in firms {
                    if let Value::Map(fields) = &mut firm
                        && let Some(Value::List(owned)) = fields.remove("facilities")
                    {
                        let firm_id = fields.get("id").cloned().unwrap_or_default();
                        for mut facility in owned {
                            if let Value::Map(f) = &mut facility
                                && f.get("firm").is_none()
                            {
                                f.insert("firm", firm_id.clone());
                            }
                            facilities.push(Entity::new(&Kind::Facilities, facility));
                        }
                    }
                    list.push(Entity::new(&Kind::Firms, firm));
                }
                sections.insert(Kind::Firms, list);
                sections.insert(Kind::Facilities, facilities);
            }
            (Kind::Stages, Value::List(stages)) => {
                // Without `inputs`, a stage consumes the one before it: the order means something.
                let mut previous = Value::Null;
                let list = stages
                    .into_iter()
                    .map(|mut stage| {
                        let id = stage.get("id").cloned().unwrap_or_default();
                        if let Value::Map(fields) = &mut stage
                            && !previous.is_null()
                        {
                            fields.insert(PREVIOUS_STAGE, std::mem::take(&mut previous));
                        }
                        previous = id;
                        Entity::new(&Kind::Stages, stage)
                    })
                    .collect();
                sections.insert(Kind::Stages, list);
            }
            (kind, Value::List(items)) => {
                let list = items
                    .into_iter()
                    .map(|item| Entity::new(&kind, item))
                    .collect();
                sections.insert(kind, list);
            }
            (kind, Value::Map(entries)) => {
                // Sources by id, countries by code: the key is the id.
                let field = if kind == Kind::Countries {
                    "name"
                } else {
                    "value"
                };
                let list = entries
                    .0
                    .into_iter()
                    .map(|(key, value)| Entity {
                        key,
                        value: match value {
                            map @ Value::Map(_) => map,
                            other => Value::Map(Fields(vec![(Cow::Borrowed(field), other)])),
                        },
                    })
                    .collect();
                sections.insert(kind, list);
            }
            (_, scalar) => meta.0.push((section, scalar)),
        }
    }
    if !meta.0.is_empty() {
        let entity = Entity {
            key: Cow::Borrowed("meta"),
            value: Value::Map(meta),
        };
        sections.insert(Kind::Meta, vec![entity]);
    }
    sections
}

/// The field a stage gets in the comparison for the stage before it in chain order (a name
/// with a space, so no field of the file can take it).
pub const PREVIOUS_STAGE: &str = "previous stage";

/// What identifies an entity of a kind across two versions of the file.
fn entity_key<'a>(kind: &Kind, item: &Value<'a>) -> Cow<'a, str> {
    if let Some(id) = item.get("id").and_then(Value::scalar_text) {
        return id;
    }
    let text = |f: &str| item.get(f).and_then(Value::scalar_text).unwrap_or_default();
    match kind {
        Kind::Links => Cow::Owned(format!("{}/{}/{}", text("from"), text("kind"), text("to"))),
        Kind::Events => Cow::Owned(format!("{} {}", text("date"), text("title"))),
        _ => ["symbol", "code", "name", "title"]
            .iter()
            .find_map(|f| item.get(f).and_then(Value::scalar_text))
            .unwrap_or_default(),
    }
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

/// How items of two lists correspond. Labels are the key, with `#n` when several items
/// share it, or `#n` alone for items without a key.
#[derive(Debug, PartialEq)]
enum Pair {
    /// Matched and to be compared field by field (matched items that are equal are left out).
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

/// Largest number of old × new items sharing one key that are searched for equal pairs; past
/// it, they pair in order, so that a long list of keyless items stays linear.
const EQUAL_SEARCH: usize = 4096;

/// Matches items by key: within a key, equal items first (so reordering is no change), then
/// the rest in order. New-side items come in their order, then unmatched old-side ones in
/// theirs.
fn pair_up(old: &[&str], new: &[&str], equal: impl Fn(usize, usize) -> bool) -> Vec<Pair> {
    // Items sorted by key, old side first within a key, each side in file order.
    let mut all: Vec<(&str, bool, usize)> = old
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, false, i))
        .chain(new.iter().enumerate().map(|(i, k)| (*k, true, i)))
        .collect();
    all.sort_unstable();
    // partner[n]: the old item new item n is matched with, and whether the two are equal.
    let mut partner: Vec<Option<(usize, bool)>> = vec![None; new.len()];
    let mut matched_old = vec![false; old.len()];
    // Occurrence of the item within its key on its side (1-based), 0 when alone.
    let mut occurrence_new = vec![0usize; new.len()];
    let mut occurrence_old = vec![0usize; old.len()];
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        let split = group.partition_point(|item| !item.1);
        let (olds, news) = group.split_at(split);
        let olds: Vec<usize> = olds.iter().map(|item| item.2).collect();
        let news: Vec<usize> = news.iter().map(|item| item.2).collect();
        if olds.len() > 1 || group[0].0.is_empty() {
            for (n, &i) in olds.iter().enumerate() {
                occurrence_old[i] = n + 1;
            }
        }
        if news.len() > 1 || group[0].0.is_empty() {
            for (n, &i) in news.iter().enumerate() {
                occurrence_new[i] = n + 1;
            }
        }
        if let ([o], [n]) = (olds.as_slice(), news.as_slice()) {
            partner[*n] = Some((*o, equal(*o, *n)));
            matched_old[*o] = true;
            continue;
        }
        let mut free_old = olds;
        if free_old.len().saturating_mul(news.len()) <= EQUAL_SEARCH {
            for &n in &news {
                if let Some(at) = free_old.iter().position(|&o| equal(o, n)) {
                    let o = free_old.remove(at);
                    partner[n] = Some((o, true));
                    matched_old[o] = true;
                }
            }
        }
        let mut rest = free_old.into_iter();
        for &n in &news {
            if partner[n].is_some() {
                continue;
            }
            let Some(o) = rest.next() else { break };
            partner[n] = Some((o, equal(o, n)));
            matched_old[o] = true;
        }
    }
    let label = |key: &str, occurrence: usize| match (key.is_empty(), occurrence) {
        (_, 0) => key.to_owned(),
        (true, n) => format!("#{n}"),
        (false, n) => format!("{key} #{n}"),
    };
    let mut pairs = Vec::new();
    for (n, key) in new.iter().enumerate() {
        match partner[n] {
            Some((_, true)) => {}
            Some((o, false)) => pairs.push(Pair::Both {
                old: o,
                new: n,
                label: label(key, occurrence_new[n]),
            }),
            None => pairs.push(Pair::New {
                new: n,
                label: label(key, occurrence_new[n]),
            }),
        }
    }
    for (o, key) in old.iter().enumerate() {
        if !matched_old[o] {
            pairs.push(Pair::Old {
                old: o,
                label: label(key, occurrence_old[o]),
            });
        }
    }
    pairs
}

/// Appends every difference between two values below `path` to `out`.
fn diff_values(
    path: &mut String,
    old: Option<&Value>,
    new: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    match (old, new) {
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Map(a)), Some(Value::Map(b))) => {
            let in_a = a.lookup();
            for (key, b_value) in &b.0 {
                let len = push_segment(path, key);
                diff_values(path, in_a(key), Some(b_value), out);
                path.truncate(len);
            }
            let in_b = b.lookup();
            for (key, a_value) in a.0.iter().filter(|(k, _)| in_b(k).is_none()) {
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
            old: a.map(Value::to_owned_value).unwrap_or_default(),
            new: b.map(Value::to_owned_value).unwrap_or_default(),
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
        let mut seen = HashSet::new();
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let key = item_key(&list, item);
                (item.is_record() || seen.insert(key.clone())).then_some((i, key))
            })
            .unzip()
    };
    let (old_index, old_keys) = members(old);
    let (new_index, new_keys) = members(new);
    let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_keys.iter().map(String::as_str).collect();
    let pairs = pair_up(&old_refs, &new_refs, |o, n| {
        old[old_index[o]] == new[new_index[n]]
    });
    for pair in pairs {
        let (o, n, label) = match pair {
            Pair::Both {
                old: o,
                new: n,
                label,
            } => (Some(&old[old_index[o]]), Some(&new[new_index[n]]), label),
            Pair::New { new: n, label } => (None, Some(&new[new_index[n]]), label),
            Pair::Old { old: o, label } => (Some(&old[old_index[o]]), None, label),
        };
        if o.or(n).is_some_and(Value::is_record) {
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
        return text.into_owned();
    }
    if let Some(id) = item.get("id").and_then(Value::scalar_text) {
        return id.into_owned();
    }
    let fields: &[&str] = match list {
        "shares" => &["year", "metric", "source"],
        "owners" => &["firm", "government", "name", "since"],
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

    fn v(json: &str) -> Value<'_> {
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
        assert_eq!(
            v(r#"{"b": 2, "a": [1, "x"]}"#).to_string(),
            "{b: 2, a: [1, x]}"
        );
    }
}
