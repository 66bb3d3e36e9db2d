//! What kind an entity is ([`EntityKind`]), and [`Stamped`] for an entity kept across a
//! change of model.

use std::fmt;

use super::EntityRef;

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

/// An entity (or anything naming entities by index) with the generation of the model it
/// belongs to: what the app keeps across reloads. [`super::Model::current`] gives it back
/// only to the model of the same generation, so an index into a replaced model is refused,
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
        assert_eq!(EntityRef::Facility(3).kind(), EntityKind::Facility);
        assert_eq!(EntityRef::Link(0).kind().to_string(), "link");
    }
}
