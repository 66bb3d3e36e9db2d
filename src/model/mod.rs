//! The validated, indexed chain. Built once per load; immutable afterwards.
//!
//! Entities refer to each other by index into the model's vectors, resolved at load, so the
//! rest of the program never looks an id up twice nor walks the raw file types.

mod build;
pub mod date;
pub mod load;
pub mod problem;
pub mod product;
mod query;
pub mod scan;
pub mod schema;
pub mod validate;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

pub use date::Date;
pub use load::{LoadError, Origin};
pub use problem::{Problem, Severity};
pub use schema::{
    CnGroup, Control, ElementGroup, FirmKind, LinkKind, Seen, SourceKind, Status, UsgsGroup,
};

use scan::Pos;
use schema::ChainFile;

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub year: Option<u16>,
    pub url: Option<String>,
    pub accessed: Option<Date>,
    pub seen: Option<Seen>,
    /// Publication date; `year` is its year when the file gives only the date.
    pub date: Option<Date>,
    pub kind: Option<SourceKind>,
    /// For a secondary source: whom or what it reports.
    pub quotes: Option<String>,
    /// For a secondary source: the model's own copy of the document it reports.
    pub primary: Option<usize>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    /// The name, or the code when the file gives none.
    pub name: String,
    /// Firms with a facility here or headquartered here, in file order.
    pub firms: Vec<usize>,
    pub facilities: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub symbol: String,
    pub name: String,
    pub number: u8,
    /// The older single grouping, in files without the `usgs` and `cn` tags.
    pub group: Option<ElementGroup>,
    pub usgs: Option<UsgsGroup>,
    pub cn: Option<CnGroup>,
    /// MOFCOM announcement numbers that put it under Chinese export control.
    pub mofcom: Vec<u32>,
    pub magnet_role: Option<String>,
    pub note: Option<String>,
    /// Events that name this element (export controls, for instance), oldest first.
    pub events: Vec<usize>,
    /// Facilities with a product that names this element, in file order.
    pub facilities: Vec<usize>,
}

impl Element {
    /// How the element is grouped: `light` in older files; `USGS heavy, CN heavy` with the tags.
    pub fn grouping(&self) -> String {
        let mut parts = Vec::new();
        if let Some(usgs) = self.usgs {
            let name = match usgs {
                UsgsGroup::Light => "light",
                UsgsGroup::Heavy => "heavy",
                UsgsGroup::Separate => "separate",
                UsgsGroup::Excluded => "excluded",
            };
            parts.push(format!("USGS {name}"));
        }
        if let Some(cn) = self.cn {
            let name = match cn {
                CnGroup::Light => "light",
                CnGroup::Heavy => "heavy",
            };
            parts.push(format!("CN {name}"));
        }
        if parts.is_empty()
            && let Some(group) = self.group
        {
            parts.push(
                match group {
                    ElementGroup::Light => "light",
                    ElementGroup::Medium => "medium",
                    ElementGroup::Heavy => "heavy",
                    ElementGroup::Other => "other",
                }
                .to_owned(),
            );
        }
        parts.join(", ")
    }
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub makes: Option<String>,
    /// Stages whose output this one consumes.
    pub inputs: Vec<usize>,
    pub notes: Option<String>,
    pub shares: Vec<ShareBlock>,
    pub facilities: Vec<usize>,
    /// Firms with at least one facility at this stage, in file order.
    pub firms: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct ShareBlock {
    pub year: Option<u16>,
    pub metric: String,
    pub source: usize,
    /// Unit of `values` when they are quantities; None when they are percent.
    pub unit: Option<String>,
    pub total: Option<f64>,
    /// Country index and value as written, in file order.
    pub values: Vec<(usize, f64)>,
    /// Country index and percent of world, largest first.
    pub percents: Vec<(usize, f64)>,
    pub note: Option<String>,
}

impl ShareBlock {
    /// Percent not attributed to any listed country.
    pub fn unreported(&self) -> f64 {
        (100.0 - self.percents.iter().map(|(_, p)| p).sum::<f64>()).max(0.0)
    }
}

#[derive(Debug, Clone)]
pub struct Firm {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: FirmKind,
    pub hq: usize,
    pub summary: String,
    pub facilities: Vec<usize>,
    pub sources: Vec<usize>,
    pub notes: Option<String>,
    /// Stages of its facilities, in chain order.
    pub stages: Vec<usize>,
    /// Countries of its facilities, in order of first appearance.
    pub countries: Vec<usize>,
    /// Links from or to the firm or any of its facilities.
    pub links: Vec<usize>,
    /// Events naming the firm or one of its facilities, newest first.
    pub events: Vec<usize>,
    /// Who owns the firm, as listed (current and past holdings).
    pub owners: Vec<Owner>,
    /// Current holdings of this firm in other firms and facilities.
    pub stakes: Vec<Stake>,
}

#[derive(Debug, Clone)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub firm: usize,
    pub country: usize,
    pub place: Option<String>,
    pub stages: Vec<usize>,
    pub products: Vec<Product>,
    pub products_note: Option<String>,
    /// The current status: the last lifecycle entry that is not a target, or the undated `status`.
    pub status: Status,
    /// Oldest first; empty when the file gives only an undated status.
    pub lifecycle: Vec<LifecycleEntry>,
    /// The lifecycle entry `status` comes from.
    pub current: Option<usize>,
    /// The nameplate capacity.
    pub capacity: Option<Figure>,
    /// Why no capacity is public.
    pub capacity_unknown: Option<String>,
    /// Reported production.
    pub output: Vec<Figure>,
    pub figures: Vec<Figure>,
    /// Owners where they differ from the firm's.
    pub owners: Vec<Owner>,
    pub notes: Option<String>,
}

impl Facility {
    /// The lifecycle entry of the current status, when the history is dated.
    pub fn current_entry(&self) -> Option<&LifecycleEntry> {
        self.current.map(|i| &self.lifecycle[i])
    }

    /// Whether any product contains rare earths.
    pub fn makes_rare_earths(&self) -> bool {
        self.products.iter().any(|p| p.rare_earth)
    }
}

/// A product as written (`NdPr oxide`), with the elements it names.
#[derive(Debug, Clone)]
pub struct Product {
    pub text: String,
    /// Model element indices, in the order written.
    pub elements: Vec<usize>,
    pub rare_earth: bool,
}

#[derive(Debug, Clone)]
pub struct LifecycleEntry {
    pub status: Status,
    pub date: Date,
    pub source: usize,
    /// A target date rather than something that happened.
    pub planned: bool,
    pub note: Option<String>,
}

/// Who holds a stake.
#[derive(Debug, Clone, PartialEq)]
pub enum Holder {
    Firm(usize),
    /// A government, by country index.
    Government(usize),
    Named {
        name: String,
        country: Option<usize>,
    },
}

/// One ownership entry: a holder, how much, from when, and the source.
#[derive(Debug, Clone)]
pub struct Owner {
    pub holder: Holder,
    /// Percent; 0 records a sale.
    pub share: Option<f64>,
    pub control: Option<Control>,
    pub since: Option<Date>,
    pub source: usize,
    pub note: Option<String>,
    /// The holder's latest entry, and not a sale.
    pub current: bool,
}

/// A current holding of a firm in another firm or a facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stake {
    pub owned: Party,
    /// Index into the owned entity's `owners`.
    pub entry: usize,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub label: Option<String>,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub year: Option<u16>,
    pub source: usize,
    pub note: Option<String>,
}

/// One end of a link: a whole firm or one of its facilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    Firm(usize),
    Facility(usize),
}

#[derive(Debug, Clone)]
pub struct Link {
    pub from: Party,
    pub to: Party,
    pub kind: LinkKind,
    pub what: Option<String>,
    pub date: Option<Date>,
    pub amount: Option<Amount>,
    pub source: usize,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Amount {
    pub value: f64,
    pub currency: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub date: Date,
    pub title: String,
    pub parties: Vec<Party>,
    pub countries: Vec<usize>,
    pub elements: Vec<usize>,
    pub amount: Option<Amount>,
    pub source: usize,
    pub see_also: Vec<usize>,
    pub note: Option<String>,
}

/// Any entity, by kind and index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Firm(usize),
    Facility(usize),
    Stage(usize),
    Country(usize),
    Element(usize),
    Event(usize),
    Link(usize),
    Source(usize),
}

#[derive(Debug, Clone)]
pub struct Model {
    pub origin: Origin,
    pub title: String,
    pub as_of: Date,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub countries: Vec<Country>,
    pub elements: Vec<Element>,
    pub stages: Vec<Stage>,
    pub firms: Vec<Firm>,
    pub facilities: Vec<Facility>,
    pub links: Vec<Link>,
    pub events: Vec<Event>,
    /// Event indices, newest first.
    pub events_by_date: Vec<usize>,
    /// Problems that do not stop the model from loading.
    pub warnings: Vec<Problem>,
    ids: HashMap<String, EntityRef>,
    file: ChainFile,
    /// The text the model was read from, for entity positions.
    text: Arc<str>,
    /// Positions of entities in `text`, found on first use: most sessions never ask.
    positions: OnceLock<HashMap<String, Pos>>,
}

impl Model {
    /// Finds an entity by its id: firm, facility and stage ids, country codes, element
    /// symbols and source ids (case-sensitive, as written in the file).
    pub fn lookup(&self, id: &str) -> Option<EntityRef> {
        self.ids.get(id).copied()
    }

    pub fn firm(&self, id: &str) -> Option<usize> {
        match self.lookup(id)? {
            EntityRef::Firm(i) => Some(i),
            _ => None,
        }
    }

    pub fn stage(&self, id: &str) -> Option<usize> {
        match self.lookup(id)? {
            EntityRef::Stage(i) => Some(i),
            _ => None,
        }
    }

    pub fn country(&self, code: &str) -> Option<usize> {
        match self.lookup(code)? {
            EntityRef::Country(i) => Some(i),
            _ => None,
        }
    }

    pub fn source(&self, id: &str) -> Option<usize> {
        match self.lookup(id)? {
            EntityRef::Source(i) => Some(i),
            _ => None,
        }
    }

    /// The firm a party belongs to.
    pub fn party_firm(&self, party: Party) -> usize {
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

    /// The stable id of any entity (links and events, which have none in the file, get
    /// `link-N` and `event-N`).
    pub fn entity_id(&self, entity: EntityRef) -> String {
        match entity {
            EntityRef::Firm(i) => self.firms[i].id.clone(),
            EntityRef::Facility(i) => self.facilities[i].id.clone(),
            EntityRef::Stage(i) => self.stages[i].id.clone(),
            EntityRef::Country(i) => self.countries[i].code.clone(),
            EntityRef::Element(i) => self.elements[i].symbol.clone(),
            EntityRef::Source(i) => self.sources[i].id.clone(),
            EntityRef::Event(i) => format!("event-{}", i + 1),
            EntityRef::Link(i) => format!("link-{}", i + 1),
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
            EntityRef::Firm(i) => format!("firms[{i}]"),
            EntityRef::Facility(x) => {
                let firm = self.facilities[x].firm;
                let j = self.firms[firm]
                    .facilities
                    .iter()
                    .position(|&f| f == x)
                    .unwrap_or(0);
                format!("firms[{firm}].facilities[{j}]")
            }
            EntityRef::Stage(i) => format!("stages[{i}]"),
            EntityRef::Country(i) => format!("countries.{}", self.countries[i].code),
            EntityRef::Element(i) => format!("elements[{i}]"),
            EntityRef::Source(i) => format!("sources.{}", self.sources[i].id),
            EntityRef::Event(i) => format!("events[{i}]"),
            EntityRef::Link(i) => format!("links[{i}]"),
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
                        extra: &Default::default(),
                    },
                )
                .positions
            })
        });
        positions.get(&path).map_or(0, |p| p.line)
    }

    /// The checks that keep a valid model true (stale plans, secondary citations, internal
    /// wording…), as warnings placed in the file. Only `rechain check` asks: loads skip them.
    pub fn audit(&self) -> Vec<Problem> {
        let mut problems = validate::audit(&self.file);
        if problems.is_empty() {
            return problems;
        }
        let mut wanted = std::collections::HashSet::new();
        for p in &problems {
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
