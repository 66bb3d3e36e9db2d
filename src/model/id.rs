//! Typed references to the model's entities: an [`Id`] per kind, [`EntityKind`] and
//! [`EntityRef`] for any entity, and [`Stamped`] for an id kept across a change of model.
//!
//! Only the model makes ids (when it is built), so an id it made is always in range for it.
//! Tables kept per entity (`Vec<V>` or `[V]`, one row per firm, stage…) are indexed by the
//! kind's id directly: `stage_lead[stage]`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use super::EntityRef;
use super::entity::{Country, Element, Event, Facility, Firm, Link, Source, Stage};

/// The position of an entity of kind `T` in the model that made it.
pub struct Id<T> {
    index: u32,
    kind: PhantomData<fn() -> T>,
}

pub type FirmId = Id<Firm>;
pub type FacilityId = Id<Facility>;
pub type StageId = Id<Stage>;
pub type CountryId = Id<Country>;
pub type ElementId = Id<Element>;
pub type EventId = Id<Event>;
pub type LinkId = Id<Link>;
pub type SourceId = Id<Source>;

impl<T> Id<T> {
    /// The id of the `index`th entity of its kind. Only the model's construction (and tables
    /// built alongside it) make ids.
    pub(crate) fn new(index: usize) -> Id<T> {
        Id {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            kind: PhantomData,
        }
    }

    /// Its position among the entities of its kind, in file order.
    pub fn index(self) -> usize {
        self.index as usize
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Id<T> {
        *self
    }
}

impl<T> Copy for Id<T> {}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Id<T>) -> bool {
        self.index == other.index
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Id<T>) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Id<T>) -> std::cmp::Ordering {
        self.index.cmp(&other.index)
    }
}

impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index)
    }
}

impl<T, V> Index<Id<T>> for Vec<V> {
    type Output = V;
    fn index(&self, id: Id<T>) -> &V {
        &self[id.index()]
    }
}

impl<T, V> IndexMut<Id<T>> for Vec<V> {
    fn index_mut(&mut self, id: Id<T>) -> &mut V {
        &mut self[id.index()]
    }
}

impl<T, V> Index<Id<T>> for [V] {
    type Output = V;
    fn index(&self, id: Id<T>) -> &V {
        &self[id.index()]
    }
}

impl<T, V> IndexMut<Id<T>> for [V] {
    fn index_mut(&mut self, id: Id<T>) -> &mut V {
        &mut self[id.index()]
    }
}

/// The ids of the first `len` entities of a kind, in file order.
pub(crate) fn ids<T>(len: usize) -> impl DoubleEndedIterator<Item = Id<T>> + ExactSizeIterator {
    (0..len).map(Id::new)
}

/// Each entity of a kind with its id, in file order: `indexed(model.firms())`.
pub fn indexed<T>(
    entities: &[T],
) -> impl DoubleEndedIterator<Item = (Id<T>, &T)> + ExactSizeIterator {
    entities.iter().enumerate().map(|(i, e)| (Id::new(i), e))
}

/// The kinds of entity, in the order search ranks them on a tie.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumCount,
)]
#[strum(serialize_all = "lowercase")]
pub enum EntityKind {
    Firm,
    Facility,
    Stage,
    Country,
    Element,
    Event,
    Link,
    Source,
}

impl EntityKind {
    /// The kinds search finds (links have no text of their own), also the values of `--kind`.
    pub const SEARCHED: [EntityKind; 7] = [
        EntityKind::Firm,
        EntityKind::Facility,
        EntityKind::Stage,
        EntityKind::Country,
        EntityKind::Element,
        EntityKind::Event,
        EntityKind::Source,
    ];

    /// `firm`, `facility`, …
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl EntityRef {
    pub fn kind(self) -> EntityKind {
        match self {
            EntityRef::Firm(_) => EntityKind::Firm,
            EntityRef::Facility(_) => EntityKind::Facility,
            EntityRef::Stage(_) => EntityKind::Stage,
            EntityRef::Country(_) => EntityKind::Country,
            EntityRef::Element(_) => EntityKind::Element,
            EntityRef::Event(_) => EntityKind::Event,
            EntityRef::Link(_) => EntityKind::Link,
            EntityRef::Source(_) => EntityKind::Source,
        }
    }
}

/// An entity (or anything naming entities by id) with the generation of the model it
/// belongs to: what the app keeps across reloads. [`super::Model::current`] gives it back
/// only to the model of the same generation, so an id into a replaced model is refused,
/// never used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamped<T> {
    generation: u64,
    id: T,
}

impl<T> Stamped<T> {
    pub(super) fn new(generation: u64, id: T) -> Stamped<T> {
        Stamped { generation, id }
    }

    /// The generation of the model the id belongs to.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl<T> Stamped<T> {
    /// What it holds, whatever the generation: for the model's own check.
    pub(super) fn held(&self) -> &T {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn search_finds_every_kind_but_links_in_the_order_of_the_kinds() {
        let searched: Vec<EntityKind> = EntityKind::iter()
            .filter(|&k| k != EntityKind::Link)
            .collect();
        assert_eq!(searched, EntityKind::SEARCHED);
        let names: Vec<&str> = EntityKind::iter().map(EntityKind::as_str).collect();
        assert_eq!(
            names,
            [
                "firm", "facility", "stage", "country", "element", "event", "link", "source"
            ]
        );
    }

    #[test]
    fn every_entity_names_its_kind() {
        assert_eq!(EntityRef::Facility(Id::new(3)).kind(), EntityKind::Facility);
        assert_eq!(EntityRef::Link(Id::new(0)).kind().to_string(), "link");
    }

    #[test]
    fn an_id_indexes_a_table_of_its_kind_at_its_position() {
        let stages: Vec<StageId> = ids(3).collect();
        let names = ["mining", "separation", "magnets"];
        assert_eq!(names[stages[2]], "magnets");
        assert_eq!(names[..][stages[0]], "mining");
        assert_eq!(stages[1].index(), 1);
        assert!(stages[0] < stages[1]);
        assert_eq!(format!("{:?}", stages[2]), "#2");
    }

    #[test]
    fn indexed_pairs_each_entity_with_its_id() {
        let firms = ["a", "b"];
        let pairs: Vec<(usize, &&str)> = indexed::<&str>(&firms)
            .map(|(i, f)| (i.index(), f))
            .collect();
        assert_eq!(pairs, [(0, &"a"), (1, &"b")]);
    }
}
