//! The model's entities by kind, each with what identifies it across two versions of the file.

use std::borrow::Cow;

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use super::value::{Fields, Value};
use crate::model::event_id::{IdParts, ids_of};

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

pub(super) type Sections<'a> = IndexMap<Kind, Vec<Entity<'a>>>;

/// An entity as compared: what identifies it, and its serialized form.
pub(super) struct Entity<'a> {
    pub(super) key: Cow<'a, str>,
    pub(super) value: Value<'a>,
}

impl<'a> Entity<'a> {
    fn new(kind: &Kind, value: Value<'a>) -> Entity<'a> {
        Entity {
            key: entity_key(kind, &value),
            value,
        }
    }

    pub(super) fn name(&self) -> Option<String> {
        ["name", "title", "what"]
            .iter()
            .find_map(|f| match self.value.get(f) {
                Some(Value::Text(s)) => Some(s.to_string()),
                _ => None,
            })
    }
}

/// The model's entities by kind.
pub(super) fn sections(file: Value<'_>) -> Sections<'_> {
    let mut sections = Sections::new();
    let Value::Map(top) = file else {
        return sections;
    };
    let event_ids = event_ids(&top);
    let mut meta = Fields::default();
    for (section, value) in top.0 {
        let kind = Kind::of_section(&section);
        match (kind, value) {
            (Kind::Meta, Value::Map(fields)) => meta.0.extend(fields.0),
            (Kind::Firms, Value::List(firms)) => {
                let (firms, facilities) = firms_and_facilities(firms);
                sections.insert(Kind::Firms, firms);
                sections.insert(Kind::Facilities, facilities);
            }
            (Kind::Stages, Value::List(stages)) => {
                sections.insert(Kind::Stages, stages_in_order(stages));
            }
            (Kind::Events, Value::List(events)) => {
                let list = events
                    .into_iter()
                    .zip(event_ids.iter())
                    .map(|(value, id)| Entity {
                        key: Cow::Owned(id.clone()),
                        value,
                    })
                    .collect();
                sections.insert(Kind::Events, list);
            }
            (kind, Value::List(items)) => {
                let list = items
                    .into_iter()
                    .map(|item| Entity::new(&kind, item))
                    .collect();
                sections.insert(kind, list);
            }
            (kind, Value::Map(entries)) => {
                let list = keyed_entries(&kind, entries);
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

/// The id the model gives each event: the file's own, else one made from its date and title
/// that no other id of the file takes.
fn event_ids<'a>(top: &Fields<'a>) -> Vec<String> {
    let Some(Value::List(events)) = top.get("events") else {
        return Vec::new();
    };
    let text = |item: &Value<'a>, field: &str| item.get(field)?.scalar_text();
    let written: Vec<_> = events
        .iter()
        .map(|e| (text(e, "id"), text(e, "date"), text(e, "title")))
        .collect();
    let parts: Vec<IdParts> = written
        .iter()
        .map(|(id, date, title)| IdParts {
            given: id.as_deref(),
            date: date.as_deref().unwrap_or_default(),
            title: title.as_deref().unwrap_or_default(),
        })
        .collect();
    let taken = other_ids(top);
    ids_of(&parts, |id| taken.contains(id))
}

/// Every id of the file but the events': sources, countries, elements, stages, firms and
/// facilities, which share one namespace with events.
fn other_ids<'a>(top: &Fields<'a>) -> HashSet<Cow<'a, str>> {
    let id_of = |item: &Value<'a>, field: &str| item.get(field)?.scalar_text();
    let mut ids = HashSet::new();
    for (section, value) in &top.0 {
        match (section.as_ref(), value) {
            ("sources" | "countries", Value::Map(entries)) => {
                ids.extend(entries.0.iter().map(|(key, _)| key.clone()));
            }
            ("elements", Value::List(items)) => {
                ids.extend(items.iter().filter_map(|e| id_of(e, "symbol")));
            }
            ("stages", Value::List(items)) => {
                ids.extend(items.iter().filter_map(|s| id_of(s, "id")));
            }
            ("firms", Value::List(firms)) => {
                for firm in firms {
                    ids.extend(id_of(firm, "id"));
                    if let Some(Value::List(facilities)) = firm.get("facilities") {
                        ids.extend(facilities.iter().filter_map(|x| id_of(x, "id")));
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

/// Firms, and the facilities the file nests in them as entities of their own, each naming its
/// firm.
fn firms_and_facilities(firms: Vec<Value<'_>>) -> (Vec<Entity<'_>>, Vec<Entity<'_>>) {
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
    (list, facilities)
}

/// Stages, each with the one before it: without `inputs`, a stage consumes the one before
/// it, so the order means something.
fn stages_in_order(stages: Vec<Value<'_>>) -> Vec<Entity<'_>> {
    let mut previous = Value::Null;
    stages
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
        .collect()
}

/// Sources by id, countries by code: the key is the id, and a bare value (a country's name)
/// becomes a field.
fn keyed_entries<'a>(kind: &Kind, entries: Fields<'a>) -> Vec<Entity<'a>> {
    let field = if *kind == Kind::Countries {
        "name"
    } else {
        "value"
    };
    entries
        .0
        .into_iter()
        .map(|(key, value)| Entity {
            key,
            value: match value {
                map @ Value::Map(_) => map,
                other => Value::Map(Fields(vec![(Cow::Borrowed(field), other)])),
            },
        })
        .collect()
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
        _ => ["symbol", "code", "name", "title"]
            .iter()
            .find_map(|f| item.get(f).and_then(Value::scalar_text))
            .unwrap_or_default(),
    }
}
