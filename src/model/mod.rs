//! The validated, indexed chain. Built once per load; immutable afterwards.
//!
//! Entities refer to each other by index into the model's vectors, resolved at load, so the
//! rest of the program never looks an id up twice nor walks the raw file types.

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

    /// Builds the model from a file that validated without errors.
    fn build(
        file: ChainFile,
        origin: Origin,
        text: Arc<str>,
        positions: Option<HashMap<String, Pos>>,
        warnings: Vec<Problem>,
    ) -> Model {
        let mut ids: HashMap<String, EntityRef> = HashMap::new();

        let sources: Vec<Source> = file
            .sources
            .iter()
            .enumerate()
            .map(|(i, (id, s))| {
                ids.insert(id.clone(), EntityRef::Source(i));
                Source {
                    id: id.clone(),
                    publisher: s.publisher.clone(),
                    title: s.title.clone(),
                    year: s.year,
                    url: s.url.clone(),
                    accessed: s.accessed.as_ref().and_then(|d| d.0.parse().ok()),
                    seen: s.seen,
                    date: s.date.as_ref().and_then(|d| d.0.parse::<Date>().ok()),
                    kind: s.kind,
                    quotes: s.quotes.clone(),
                    primary: None,
                    note: s.note.clone(),
                }
            })
            .collect();
        let source_ix: HashMap<&str, usize> = file
            .sources
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut sources = sources;
        for (source, raw) in sources.iter_mut().zip(file.sources.values()) {
            source.year = source.year.or(source.date.map(|d| d.year));
            source.primary = raw
                .primary
                .as_deref()
                .and_then(|id| source_ix.get(id).copied());
        }
        let src = |id: &Option<String>| {
            id.as_deref()
                .and_then(|id| source_ix.get(id).copied())
                .unwrap_or(0)
        };

        let mut countries: Vec<Country> = file
            .countries
            .iter()
            .map(|(code, name)| Country {
                code: code.clone(),
                name: if crate::text::is_blank(name) {
                    code.clone()
                } else {
                    name.clone()
                },
                firms: Vec::new(),
                facilities: Vec::new(),
            })
            .collect();
        let country_ix: HashMap<&str, usize> = file
            .countries
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for (i, code) in file.countries.keys().enumerate() {
            ids.insert(code.clone(), EntityRef::Country(i));
        }

        let mut elements: Vec<Element> = file
            .elements
            .iter()
            .map(|e| Element {
                symbol: e.symbol.clone(),
                name: e.name.clone(),
                number: e.number,
                group: e.group,
                usgs: e.usgs,
                cn: e.cn,
                mofcom: e.mofcom.clone(),
                magnet_role: e.magnet_role.clone(),
                note: e.note.clone(),
                events: Vec::new(),
                facilities: Vec::new(),
            })
            .collect();
        let element_ix: HashMap<&str, usize> = file
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.symbol.as_str(), i))
            .collect();
        for (i, e) in file.elements.iter().enumerate() {
            ids.insert(e.symbol.clone(), EntityRef::Element(i));
        }

        let stage_ix: HashMap<&str, usize> = file
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut stages: Vec<Stage> = file
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                ids.insert(s.id.clone(), EntityRef::Stage(i));
                let inputs = match &s.inputs {
                    Some(list) => list
                        .iter()
                        .filter_map(|id| stage_ix.get(id.as_str()).copied())
                        .collect(),
                    None if i > 0 => vec![i - 1],
                    None => Vec::new(),
                };
                let shares = s
                    .shares
                    .iter()
                    .map(|b| {
                        let values: Vec<(usize, f64)> = b
                            .countries
                            .iter()
                            .filter_map(|(code, &v)| country_ix.get(code.as_str()).map(|&c| (c, v)))
                            .collect();
                        let scale = match (b.unit.as_ref(), b.total) {
                            (Some(_), Some(total)) if total > 0.0 => 100.0 / total,
                            _ => 1.0,
                        };
                        let mut percents: Vec<(usize, f64)> =
                            values.iter().map(|&(c, v)| (c, v * scale)).collect();
                        percents.sort_by(|a, b| b.1.total_cmp(&a.1));
                        ShareBlock {
                            year: b.year,
                            metric: b.metric.clone(),
                            source: src(&b.source),
                            unit: b.unit.clone(),
                            total: b.total,
                            values,
                            percents,
                            note: b.note.clone(),
                        }
                    })
                    .collect();
                Stage {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    makes: s.makes.clone(),
                    inputs,
                    notes: s.notes.clone(),
                    shares,
                    facilities: Vec::new(),
                    firms: Vec::new(),
                }
            })
            .collect();

        let figure = |f: &schema::Figure| Figure {
            label: f.label.clone(),
            value: f.value,
            max: f.max,
            unit: f.unit.clone(),
            year: f.year,
            source: src(&f.source),
            note: f.note.clone(),
        };
        let symbols: Vec<&str> = file.elements.iter().map(|e| e.symbol.as_str()).collect();
        let mut firms = Vec::with_capacity(file.firms.len());
        let mut facilities = Vec::new();
        for (i, f) in file.firms.iter().enumerate() {
            ids.insert(f.id.clone(), EntityRef::Firm(i));
            let hq = country_ix.get(f.hq.as_str()).copied().unwrap_or(0);
            let mut firm_facilities = Vec::with_capacity(f.facilities.len());
            let mut firm_stages: Vec<usize> = Vec::new();
            let mut firm_countries: Vec<usize> = Vec::new();
            for x in f.facilities.iter() {
                let ix = facilities.len();
                ids.insert(x.id.clone(), EntityRef::Facility(ix));
                let country = country_ix.get(x.country.as_str()).copied().unwrap_or(0);
                let x_stages: Vec<usize> = x
                    .stages
                    .iter()
                    .filter_map(|s| stage_ix.get(s.as_str()).copied())
                    .collect();
                for &s in &x_stages {
                    stages[s].facilities.push(ix);
                    if !firm_stages.contains(&s) {
                        firm_stages.push(s);
                    }
                }
                if !firm_countries.contains(&country) {
                    firm_countries.push(country);
                }
                countries[country].facilities.push(ix);
                let lifecycle: Vec<LifecycleEntry> = x
                    .lifecycle
                    .iter()
                    .map(|e| LifecycleEntry {
                        status: e.status,
                        date: e
                            .date
                            .as_ref()
                            .and_then(|d| d.0.parse().ok())
                            .unwrap_or(UNDATED),
                        source: src(&e.source),
                        planned: e.planned,
                        note: e.note.clone(),
                    })
                    .collect();
                let current = lifecycle.iter().rposition(|e| !e.planned);
                let status = match current {
                    Some(c) => lifecycle[c].status,
                    None => x.status.unwrap_or(Status::Unknown),
                };
                facilities.push(Facility {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    firm: i,
                    country,
                    place: x.place.clone(),
                    stages: x_stages,
                    products: x
                        .products
                        .iter()
                        .map(|text| product(text, &symbols, &element_ix))
                        .collect(),
                    products_note: x.products_note.clone(),
                    status,
                    lifecycle,
                    current,
                    capacity: x.capacity.as_ref().map(figure),
                    capacity_unknown: x.capacity_unknown.clone(),
                    output: x.output.iter().map(figure).collect(),
                    figures: x.figures.iter().map(figure).collect(),
                    owners: Vec::new(),
                    notes: x.notes.clone(),
                });
                firm_facilities.push(ix);
            }
            firm_stages.sort_unstable();
            for &s in &firm_stages {
                stages[s].firms.push(i);
            }
            // Firms are visited in order, so firm `i` can only be the last entry of a list.
            for &c in firm_countries.iter().chain(std::iter::once(&hq)) {
                if countries[c].firms.last() != Some(&i) {
                    countries[c].firms.push(i);
                }
            }
            firms.push(Firm {
                id: f.id.clone(),
                name: f.name.clone(),
                aliases: f.aliases.clone(),
                kind: f.kind,
                hq,
                summary: f.summary.clone(),
                facilities: firm_facilities,
                sources: f
                    .sources
                    .iter()
                    .filter_map(|s| source_ix.get(s.as_str()).copied())
                    .collect(),
                notes: f.notes.clone(),
                stages: firm_stages,
                countries: firm_countries,
                links: Vec::new(),
                events: Vec::new(),
                owners: Vec::new(),
                stakes: Vec::new(),
            });
        }

        for (x, facility) in facilities.iter().enumerate() {
            for p in &facility.products {
                for &e in &p.elements {
                    if elements[e].facilities.last() != Some(&x) {
                        elements[e].facilities.push(x);
                    }
                }
            }
        }

        let owners = |list: &[schema::Owner]| -> Vec<Owner> {
            let mut owners: Vec<Owner> = list
                .iter()
                .map(|o| Owner {
                    holder: holder(o, &ids, &country_ix),
                    share: o.share,
                    control: o.control,
                    since: o.since.as_ref().and_then(|d| d.0.parse().ok()),
                    source: src(&o.source),
                    note: o.note.clone(),
                    current: false,
                })
                .collect();
            mark_current(&mut owners);
            owners
        };
        let mut facility_ix = 0;
        for (i, f) in file.firms.iter().enumerate() {
            firms[i].owners = owners(&f.owners);
            for x in &f.facilities {
                facilities[facility_ix].owners = owners(&x.owners);
                facility_ix += 1;
            }
        }
        let holdings: Vec<(usize, Stake)> = firms
            .iter()
            .enumerate()
            .map(|(i, f)| (Party::Firm(i), &f.owners))
            .chain(
                facilities
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (Party::Facility(i), &x.owners)),
            )
            .flat_map(|(owned, list)| {
                list.iter()
                    .enumerate()
                    .filter_map(move |(entry, o)| match o.holder {
                        Holder::Firm(f) if o.current => Some((f, Stake { owned, entry })),
                        _ => None,
                    })
            })
            .collect();
        for (f, stake) in holdings {
            firms[f].stakes.push(stake);
        }

        let party = |id: &str| match ids.get(id) {
            Some(EntityRef::Facility(x)) => Party::Facility(*x),
            Some(EntityRef::Firm(f)) => Party::Firm(*f),
            _ => Party::Firm(0),
        };
        let amount = |a: &schema::Amount| Amount {
            value: a.value,
            currency: a.currency.clone(),
            note: a.note.clone(),
        };
        let links: Vec<Link> = file
            .links
            .iter()
            .map(|l| Link {
                from: party(&l.from),
                to: party(&l.to),
                kind: l.kind,
                what: l.what.clone(),
                date: l.date.as_ref().and_then(|d| d.0.parse().ok()),
                amount: l.amount.as_ref().map(amount),
                source: src(&l.source),
                note: l.note.clone(),
            })
            .collect();
        let events: Vec<Event> = file
            .events
            .iter()
            .map(|e| Event {
                date: e.date.0.parse().unwrap_or(UNDATED),
                title: e.title.clone(),
                parties: e.parties.iter().map(|p| party(p)).collect(),
                countries: e
                    .countries
                    .iter()
                    .filter_map(|c| country_ix.get(c.as_str()).copied())
                    .collect(),
                elements: e
                    .elements
                    .iter()
                    .filter_map(|s| element_ix.get(s.as_str()).copied())
                    .collect(),
                amount: e.amount.as_ref().map(amount),
                source: src(&e.source),
                see_also: e
                    .see_also
                    .iter()
                    .filter_map(|s| source_ix.get(s.as_str()).copied())
                    .collect(),
                note: e.note.clone(),
            })
            .collect();

        let mut events_by_date: Vec<usize> = (0..events.len()).collect();
        events_by_date.sort_by(|&a, &b| events[b].date.cmp(&events[a].date).then(a.cmp(&b)));

        let firm_of = |p: Party| match p {
            Party::Firm(f) => f,
            Party::Facility(x) => facilities[x].firm,
        };
        for (i, link) in links.iter().enumerate() {
            let (a, b) = (firm_of(link.from), firm_of(link.to));
            firms[a].links.push(i);
            if b != a {
                firms[b].links.push(i);
            }
        }
        for &e in &events_by_date {
            for &p in &events[e].parties {
                let f = firm_of(p);
                if !firms[f].events.contains(&e) {
                    firms[f].events.push(e);
                }
            }
        }
        for &e in events_by_date.iter().rev() {
            for &el in &events[e].elements {
                elements[el].events.push(e);
            }
        }

        Model {
            origin,
            title: file.meta.title.clone(),
            as_of: file.meta.as_of.0.parse().unwrap_or(UNDATED),
            description: file.meta.description.clone(),
            sources,
            countries,
            elements,
            stages,
            firms,
            facilities,
            links,
            events,
            events_by_date,
            warnings,
            ids,
            file,
            text,
            positions: positions.map(OnceLock::from).unwrap_or_default(),
        }
    }
}

/// Stands in for a date validation has already refused, so building never fails.
const UNDATED: Date = Date {
    year: 1800,
    month: None,
    day: None,
};

fn product(text: &str, symbols: &[&str], element_ix: &HashMap<&str, usize>) -> Product {
    match product::parse(text, symbols) {
        Ok(parsed) => Product {
            text: text.to_owned(),
            elements: parsed
                .elements
                .iter()
                .filter_map(|s| element_ix.get(s).copied())
                .collect(),
            rare_earth: parsed.rare_earth,
        },
        Err(_) => Product {
            text: text.to_owned(),
            elements: Vec::new(),
            rare_earth: false,
        },
    }
}

fn holder(
    owner: &schema::Owner,
    ids: &HashMap<String, EntityRef>,
    country_ix: &HashMap<&str, usize>,
) -> Holder {
    let country = |code: &Option<String>| code.as_deref().and_then(|c| country_ix.get(c).copied());
    if let Some(EntityRef::Firm(f)) = owner.firm.as_ref().and_then(|id| ids.get(id)) {
        Holder::Firm(*f)
    } else if let Some(c) = country(&owner.government) {
        Holder::Government(c)
    } else {
        Holder::Named {
            name: owner.name.clone().unwrap_or_default(),
            country: country(&owner.country),
        }
    }
}

/// Marks each holder's latest entry (by `since`, the later listed on a tie) as current, unless
/// it records a sale.
fn mark_current(owners: &mut [Owner]) {
    for i in 0..owners.len() {
        let superseded = owners.iter().enumerate().any(|(j, other)| {
            j != i
                && other.holder == owners[i].holder
                && (other.since > owners[i].since || (other.since == owners[i].since && j > i))
        });
        owners[i].current = !superseded && owners[i].share != Some(0.0);
    }
}
