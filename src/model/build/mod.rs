//! Turns a file that validated without errors into the indexed model: one pass per entity
//! kind, then the lists that point across kinds.

mod firms;
mod links;
mod owners;
mod sources;
mod stages;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::event_id;
use super::id::{self, CountryId, ElementId, Id, SourceId, StageId};
use super::scan::Pos;
use super::schema::ChainFile;
use super::{Date, EntityRef, Model, Origin, Problem};

/// Stands in for a date validation has already refused, so building never fails.
const UNDATED: Date = Date {
    year: 1800,
    month: None,
    day: None,
};

/// Positions of the file's ids, by kind, and the one namespace of all ids.
struct Index<'f> {
    ids: HashMap<String, EntityRef>,
    source: HashMap<&'f str, SourceId>,
    country: HashMap<&'f str, CountryId>,
    element: HashMap<&'f str, ElementId>,
    stage: HashMap<&'f str, StageId>,
    symbols: Vec<&'f str>,
    /// Each unit written once, shared by the figures that use it.
    units: RefCell<HashSet<Arc<str>>>,
}

impl<'f> Index<'f> {
    fn new(file: &'f ChainFile) -> Index<'f> {
        fn positions<T>(keys: Vec<&str>) -> HashMap<&str, Id<T>> {
            keys.into_iter().zip(id::ids(usize::MAX)).collect()
        }
        let symbols: Vec<&str> = file.elements.iter().map(|e| e.symbol.as_str()).collect();
        Index {
            ids: ids(file),
            source: positions(file.sources.keys().map(String::as_str).collect()),
            country: positions(file.countries.keys().map(String::as_str).collect()),
            element: positions(symbols.clone()),
            stage: positions(file.stages.iter().map(|s| s.id.as_str()).collect()),
            symbols,
            units: RefCell::default(),
        }
    }

    /// The one shared copy of `unit`.
    fn unit(&self, unit: &str) -> Arc<str> {
        let mut units = self.units.borrow_mut();
        if let Some(shared) = units.get(unit) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(unit);
        units.insert(Arc::clone(&shared));
        shared
    }

    /// The cited source, or the first when validation already refused the id.
    fn src(&self, id: Option<&str>) -> SourceId {
        id.and_then(|id| self.source.get(id).copied())
            .unwrap_or(Id::new(0))
    }

    fn sources(&self, ids: &[String]) -> Vec<SourceId> {
        ids.iter()
            .filter_map(|s| self.source.get(s.as_str()).copied())
            .collect()
    }
}

/// Every id and what it names; a later kind wins a clash validation has already reported.
fn ids(file: &ChainFile) -> HashMap<String, EntityRef> {
    let mut ids = HashMap::new();
    for (i, id) in file.sources.keys().enumerate() {
        ids.insert(id.clone(), EntityRef::Source(Id::new(i)));
    }
    for (i, code) in file.countries.keys().enumerate() {
        ids.insert(code.clone(), EntityRef::Country(Id::new(i)));
    }
    for (i, e) in file.elements.iter().enumerate() {
        ids.insert(e.symbol.clone(), EntityRef::Element(Id::new(i)));
    }
    for (i, s) in file.stages.iter().enumerate() {
        ids.insert(s.id.clone(), EntityRef::Stage(Id::new(i)));
    }
    let mut facility = id::ids(usize::MAX);
    for (i, f) in file.firms.iter().enumerate() {
        ids.insert(f.id.clone(), EntityRef::Firm(Id::new(i)));
        for (x, id) in f.facilities.iter().zip(&mut facility) {
            ids.insert(x.id.clone(), EntityRef::Facility(id));
        }
    }
    ids
}

/// The generation of the next model built: one counter for the whole process.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

impl Model {
    /// Builds the model from a file that validated without errors.
    pub(super) fn build(
        file: ChainFile,
        origin: Origin,
        text: Arc<str>,
        positions: Option<HashMap<String, Pos>>,
        warnings: Vec<Problem>,
    ) -> Model {
        let ix = Index::new(&file);
        let sources = sources::sources(&file, &ix);
        let mut countries = sources::countries(&file);
        let mut elements = sources::elements(&file);
        let mut stages = stages::stages(&file, &ix);
        let (mut firms, mut facilities) = firms::firms(&file, &ix, &mut stages, &mut countries);
        sources::element_facilities(&mut elements, &facilities);
        owners::attach(&file, &ix, &mut firms, &mut facilities);
        let demand = stages::demand(&file, &ix);
        let links = links::links(&file, &ix);
        let event_ids = event_id::event_ids(&file.events, |id| ix.ids.contains_key(id));
        let events = links::events(&file, &ix, event_ids);
        let events_by_date = links::newest_first(&events);
        links::attach(&links, &events, &events_by_date, &mut firms, &facilities);
        links::element_events(&events, &events_by_date, &mut elements);
        let conversions = file
            .conversions
            .iter()
            .map(|c| {
                let unit = |name: &str| file.units.get_index_of(name).unwrap_or(0);
                crate::model::units::Conversion {
                    from: unit(c.from.trim()),
                    to: unit(c.to.trim()),
                    factor: c.factor,
                    kind: c.kind,
                    source: c.source.as_deref().map(|s| ix.src(Some(s))),
                    note: c.note.clone(),
                }
            })
            .collect();
        let mut ids = ix.ids;
        for (i, event) in id::indexed(&events) {
            ids.insert(event.id.clone(), EntityRef::Event(i));
        }
        Model {
            origin,
            generation: NEXT_GENERATION.fetch_add(1, Ordering::Relaxed),
            title: file.meta.title.clone(),
            as_of: file.meta.as_of.0.parse().unwrap_or(UNDATED),
            description: file.meta.description.clone(),
            sources,
            countries,
            units: file
                .units
                .iter()
                .map(|(name, u)| crate::model::Unit {
                    name: name.clone(),
                    product: u.product.clone(),
                    family: u.family,
                    note: u.note.clone(),
                })
                .collect(),
            conversions,
            elements,
            stages,
            firms,
            facilities,
            links,
            events,
            events_by_date,
            demand,
            warnings,
            ids,
            file,
            text,
            positions: positions.map(OnceLock::from).unwrap_or_default(),
        }
    }
}
