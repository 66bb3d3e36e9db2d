//! The validated, indexed chain. Built once per load; immutable afterwards.
//!
//! Entities refer to each other by typed ids (`FirmId`, `StageId`, …) resolved at load, so the
//! rest of the program never looks an id up twice nor walks the raw file types, and an id of
//! one kind cannot stand for another. The model is read through accessors: `model.firm(id)`
//! for one entity, `model.firms()` for all of them in file order, `model.firm_ids()` for their
//! ids, `indexed(model.firms())` for both, `model.firm_by_id("lynas")` to find one.

pub mod as_of;
mod build;
pub mod date;
mod entity;
pub mod event_id;
pub mod event_tag;
mod id;
pub mod limits;
pub mod load;
pub mod lookup;
pub mod problem;
pub mod product;
mod query;
pub mod scan;
pub mod schema;
pub mod units;
pub mod url;
pub mod validate;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

pub use date::Date;
pub use entity::{
    Amount, Country, Demand, Element, EntityRef, Event, Facility, Figure, Firm, Holder,
    LifecycleEntry, Link, Owner, Party, Product, ShareBlock, Source, Stage, Stake, Unit,
};
pub use event_tag::EventTag;
pub use id::{
    CountryId, ElementId, EntityKind, EventId, FacilityId, FirmId, Id, LinkId, SourceId, StageId,
    Stamped, indexed,
};
pub use load::{LoadError, Origin};
pub use lookup::LookupError;
pub use problem::{Problem, Severity};
pub use schema::{
    Basis, CnGroup, Control, ConversionKind, ElementGroup, FirmKind, LinkKind, LinkStatus, Seen,
    SourceKind, Status, UnitFamily, UsgsGroup,
};

use scan::Pos;
use schema::ChainFile;

/// The model. Its fields are read through accessors (see the module's documentation); only
/// [`load`] builds one.
#[derive(Debug, Clone)]
pub struct Model {
    origin: Origin,
    /// Told apart from every other model built in this process: ids the app keeps are
    /// stamped with it.
    generation: u64,
    title: String,
    as_of: Date,
    description: Option<String>,
    sources: Vec<Source>,
    countries: Vec<Country>,
    /// The canonical units, in file order; empty when the file declares none.
    units: Vec<Unit>,
    /// Factors between units, for equivalents only.
    conversions: Vec<units::Conversion>,
    elements: Vec<Element>,
    stages: Vec<Stage>,
    firms: Vec<Firm>,
    facilities: Vec<Facility>,
    links: Vec<Link>,
    events: Vec<Event>,
    /// Events, newest first.
    events_by_date: Vec<EventId>,
    /// Published demand series, in file order.
    demand: Vec<Demand>,
    /// Problems that do not stop the model from loading.
    warnings: Vec<Problem>,
    ids: HashMap<String, EntityRef>,
    file: ChainFile,
    /// The text the model was read from, for entity positions.
    text: Arc<str>,
    /// Positions of entities in `text`, found on first use: most sessions never ask.
    positions: OnceLock<HashMap<String, Pos>>,
}

/// For each kind: `one(id) -> &T`, `all() -> &[T]` (file order) and `ids()`.
macro_rules! entities {
    ($($one:ident, $get:ident, $all:ident, $ids:ident, $ty:ty, $id:ty;)*) => {
        impl Model {
            $(
                #[doc = concat!("The `", stringify!($ty), "` this model gave the id of.")]
                pub fn $one(&self, id: $id) -> &$ty {
                    &self.$all[id]
                }

                #[doc = concat!("The `", stringify!($ty), "` of an id, None when out of range (an id of another model).")]
                pub fn $get(&self, id: $id) -> Option<&$ty> {
                    self.$all.get(id.index())
                }

                #[doc = concat!("Every `", stringify!($ty), "`, in file order; [`indexed`] pairs each with its id.")]
                pub fn $all(&self) -> &[$ty] {
                    &self.$all
                }

                #[doc = concat!("The ids of every `", stringify!($ty), "`, in file order.")]
                pub fn $ids(&self) -> impl DoubleEndedIterator<Item = $id> + ExactSizeIterator + use<> {
                    id::ids(self.$all.len())
                }
            )*
        }
    };
}

entities! {
    firm, get_firm, firms, firm_ids, Firm, FirmId;
    facility, get_facility, facilities, facility_ids, Facility, FacilityId;
    stage, get_stage, stages, stage_ids, Stage, StageId;
    country, get_country, countries, country_ids, Country, CountryId;
    element, get_element, elements, element_ids, Element, ElementId;
    event, get_event, events, event_ids, Event, EventId;
    link, get_link, links, link_ids, Link, LinkId;
    source, get_source, sources, source_ids, Source, SourceId;
}

impl Model {
    /// Where the model was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The date the model describes (`as_of` in the file).
    pub fn as_of_date(&self) -> Date {
        self.as_of
    }

    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The canonical units, in file order; empty when the file declares none.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Factors between units, for equivalents only.
    pub fn conversions(&self) -> &[units::Conversion] {
        &self.conversions
    }

    /// Events, newest first (equal dates in file order).
    pub fn events_by_date(&self) -> &[EventId] {
        &self.events_by_date
    }

    /// Published demand series, in file order.
    pub fn demand(&self) -> &[Demand] {
        &self.demand
    }

    /// Problems that do not stop the model from loading.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Which load of this process built the model: a reload (or a reading as of a date)
    /// gets a new one, so ids kept from another model are told apart.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// `id` (an entity, or anything naming entities by id) stamped with this model's
    /// generation, to keep across a change of model.
    pub fn stamp<T>(&self, id: T) -> Stamped<T> {
        Stamped::new(self.generation, id)
    }

    /// What `stamped` holds, when it was stamped by this model; None for another model's
    /// (it must be found again by its string id, or dropped).
    pub fn current<'s, T>(&self, stamped: &'s Stamped<T>) -> Option<&'s T> {
        (stamped.generation() == self.generation).then(|| stamped.held())
    }
}

impl Model {
    /// Finds an entity by its id: firm, facility and stage ids, country codes, element
    /// symbols and source ids (case-sensitive, as written in the file).
    pub fn lookup(&self, id: &str) -> Option<EntityRef> {
        self.ids.get(id).copied()
    }

    /// A firm by its id in the file.
    pub fn firm_by_id(&self, id: &str) -> Option<FirmId> {
        match self.lookup(id)? {
            EntityRef::Firm(i) => Some(i),
            _ => None,
        }
    }

    /// A stage by its id in the file.
    pub fn stage_by_id(&self, id: &str) -> Option<StageId> {
        match self.lookup(id)? {
            EntityRef::Stage(i) => Some(i),
            _ => None,
        }
    }

    /// A country by its code.
    pub fn country_by_code(&self, code: &str) -> Option<CountryId> {
        match self.lookup(code)? {
            EntityRef::Country(i) => Some(i),
            _ => None,
        }
    }

    /// A source by its id in the file.
    pub fn source_by_id(&self, id: &str) -> Option<SourceId> {
        match self.lookup(id)? {
            EntityRef::Source(i) => Some(i),
            _ => None,
        }
    }

    /// The firm a party belongs to.
    pub fn party_firm(&self, party: Party) -> FirmId {
        match party {
            Party::Firm(f) => f,
            Party::Facility(x) => self.facilities[x].firm,
        }
    }

    pub fn party_name(&self, party: Party) -> &str {
        match party {
            Party::Firm(f) => &self.firms[f].name,
            Party::Facility(x) => &self.facilities[x].name,
        }
    }

    pub fn party_id(&self, party: Party) -> &str {
        match party {
            Party::Firm(f) => &self.firms[f].id,
            Party::Facility(x) => &self.facilities[x].id,
        }
    }

    /// Whether `entity` is in this model: false for an id of a larger model.
    pub fn holds(&self, entity: EntityRef) -> bool {
        match entity {
            EntityRef::Firm(i) => self.get_firm(i).is_some(),
            EntityRef::Facility(i) => self.get_facility(i).is_some(),
            EntityRef::Stage(i) => self.get_stage(i).is_some(),
            EntityRef::Country(i) => self.get_country(i).is_some(),
            EntityRef::Element(i) => self.get_element(i).is_some(),
            EntityRef::Event(i) => self.get_event(i).is_some(),
            EntityRef::Link(i) => self.get_link(i).is_some(),
            EntityRef::Source(i) => self.get_source(i).is_some(),
        }
    }

    /// The stable id of any entity (links, which have none in the file, get `link-N`).
    pub fn entity_id(&self, entity: EntityRef) -> String {
        match entity {
            EntityRef::Firm(i) => self.firms[i].id.clone(),
            EntityRef::Facility(i) => self.facilities[i].id.clone(),
            EntityRef::Stage(i) => self.stages[i].id.clone(),
            EntityRef::Country(i) => self.countries[i].code.clone(),
            EntityRef::Element(i) => self.elements[i].symbol.clone(),
            EntityRef::Source(i) => self.sources[i].id.clone(),
            EntityRef::Event(i) => self.events[i].id.clone(),
            EntityRef::Link(i) => format!("link-{}", i.index() + 1),
        }
    }

    pub fn entity_name(&self, entity: EntityRef) -> &str {
        match entity {
            EntityRef::Firm(i) => &self.firms[i].name,
            EntityRef::Facility(i) => &self.facilities[i].name,
            EntityRef::Stage(i) => &self.stages[i].name,
            EntityRef::Country(i) => &self.countries[i].name,
            EntityRef::Element(i) => &self.elements[i].name,
            EntityRef::Source(i) => &self.sources[i].title,
            EntityRef::Event(i) => &self.events[i].title,
            EntityRef::Link(i) => self.links[i].what.as_deref().unwrap_or("link"),
        }
    }

    /// The 1-based line where the entity starts in the model file (0 if unknown).
    pub fn entity_line(&self, entity: EntityRef) -> u32 {
        let path = match entity {
            EntityRef::Firm(i) => format!("firms[{}]", i.index()),
            EntityRef::Facility(x) => {
                let firm = self.facilities[x].firm;
                let j = self.firms[firm]
                    .facilities
                    .iter()
                    .position(|&f| f == x)
                    .unwrap_or(0);
                format!("firms[{}].facilities[{j}]", firm.index())
            }
            EntityRef::Stage(i) => format!("stages[{}]", i.index()),
            EntityRef::Country(i) => format!("countries.{}", self.countries[i].code),
            EntityRef::Element(i) => format!("elements[{}]", i.index()),
            EntityRef::Source(i) => format!("sources.{}", self.sources[i].id),
            EntityRef::Event(i) => format!("events[{}]", i.index()),
            EntityRef::Link(i) => format!("links[{}]", i.index()),
        };
        let positions = self.positions.get_or_init(|| {
            let sources: Vec<&str> = self.sources.iter().map(|s| s.id.as_str()).collect();
            let countries: Vec<&str> = self.countries.iter().map(|c| c.code.as_str()).collect();
            let firms: Vec<usize> = self.firms.iter().map(|f| f.facilities.len()).collect();
            let counts = scan::EntityCounts {
                sources: &sources,
                countries: &countries,
                elements: self.elements.len(),
                stages: self.stages.len(),
                firms: &firms,
                links: self.links.len(),
                events: self.events.len(),
            };
            scan::block_positions(&self.text, &counts).unwrap_or_else(|| {
                scan::scan(
                    &self.text,
                    &scan::Wanted {
                        extra: &HashSet::default(),
                    },
                )
                .positions
            })
        });
        positions.get(&path).map_or(0, |p| p.line)
    }

    /// Each stage's headline block names the year its figure describes and, when the
    /// figure was only seen quoted, who quoted it: it is what gets copied into notes.
    fn headline_years(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (i, stage) in indexed(&self.stages) {
            let Some(j) = self.headline_block(i) else {
                continue;
            };
            let block = &stage.shares[j];
            let path = format!("stages[{}].shares[{j}]", i.index());
            if block.year.is_none() {
                out.push(Problem::warning(
                    format!("{path}.year"),
                    format!(
                        "the headline block of `{}` gives no `year`: say which year its figure describes",
                        stage.id
                    ),
                ));
            }
            let source = self.sources.get(block.source.index());
            if block.quoted_by.is_none()
                && source.is_some_and(|s| {
                    s.seen == Some(Seen::Quoted) && s.kind != Some(SourceKind::Secondary)
                })
            {
                out.push(Problem::warning(
                    format!("{path}.source"),
                    format!(
                        "the headline block of `{}` was seen quoted: name the report in `quoted_by`",
                        stage.id
                    ),
                ));
            }
        }
        out
    }

    /// The checks that keep a valid model true (stale plans, secondary citations, internal
    /// wording…), as warnings placed in the file. Only `rechain check` asks: loads skip them.
    pub fn audit(&self) -> Vec<Problem> {
        self.audit_on(None)
    }

    /// The same, and with `today` also the targets whose date has passed unrecorded.
    pub fn audit_on(&self, today: Option<Date>) -> Vec<Problem> {
        let mut problems = validate::audit(&self.file, today);
        problems.extend(self.headline_years());
        if problems.is_empty() {
            return problems;
        }
        let mut wanted = std::collections::HashSet::new();
        for p in &problems {
            if let Some(alias) = load::single_capacity(&p.path) {
                wanted.insert(alias);
            }
            let mut path = p.path.as_str();
            wanted.insert(path.to_owned());
            while let Some(cut) = path.rfind(['.', '[']) {
                path = &path[..cut];
                wanted.insert(path.to_owned());
            }
        }
        let positions = scan::scan(&self.text, &scan::Wanted { extra: &wanted }).positions;
        let file = self.origin.to_string();
        for p in &mut problems {
            if let Some(pos) = load::single_capacity(&p.path).and_then(|a| positions.get(&a)) {
                p.line = Some(pos.line);
                p.column = Some(pos.column);
                p.file.clone_from(&file);
                continue;
            }
            let mut path = p.path.as_str();
            loop {
                if let Some(pos) = positions.get(path) {
                    p.line = Some(pos.line);
                    p.column = Some(pos.column);
                    break;
                }
                match path.rfind(['.', '[']) {
                    Some(cut) => path = &path[..cut],
                    None => break,
                }
            }
            p.file.clone_from(&file);
        }
        problems.sort_by_key(|p| (p.line.unwrap_or(0), p.column.unwrap_or(0)));
        problems
    }

    /// Number of firms, facilities, links and events: the model's size as people count it.
    pub fn entity_count(&self) -> usize {
        self.firms.len() + self.facilities.len() + self.links.len() + self.events.len()
    }

    /// The model as its file types, for export (same field names as the YAML).
    pub fn file(&self) -> &ChainFile {
        &self.file
    }
}
