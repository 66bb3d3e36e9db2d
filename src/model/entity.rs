//! The model's entities: what each kind holds, with references to others by typed id.

use std::sync::Arc;

use super::id::{CountryId, ElementId, EventId, FacilityId, FirmId, LinkId, SourceId, StageId};
use super::{
    Basis, CnGroup, Control, Date, ElementGroup, EventTag, FirmKind, LinkKind, LinkStatus, Seen,
    SourceKind, Status, UnitFamily, UsgsGroup,
};

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub year: Option<u16>,
    pub url: Option<String>,
    pub accessed: Option<Date>,
    pub seen: Option<Seen>,
    /// False when `title` describes the document because its headline was not seen.
    pub headline_seen: Option<bool>,
    /// Publication date; `year` is its year when the file gives only the date.
    pub date: Option<Date>,
    pub kind: Option<SourceKind>,
    /// For a secondary source: whom or what it reports.
    pub quotes: Option<String>,
    /// For a secondary source: the model's own copy of the document it reports.
    pub primary: Option<SourceId>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    /// The name, or the code when the file gives none.
    pub name: String,
    /// Firms with a facility here or headquartered here, in file order.
    pub firms: Vec<FirmId>,
    pub facilities: Vec<FacilityId>,
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
    pub events: Vec<EventId>,
    /// Facilities with a product that names this element, in file order.
    pub facilities: Vec<FacilityId>,
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
    pub inputs: Vec<StageId>,
    pub notes: Option<String>,
    pub shares: Vec<ShareBlock>,
    pub facilities: Vec<FacilityId>,
    /// Firms with at least one facility at this stage, in file order.
    pub firms: Vec<FirmId>,
}

#[derive(Debug, Clone)]
pub struct ShareBlock {
    /// The year the figure describes.
    pub year: Option<u16>,
    pub metric: String,
    pub source: SourceId,
    /// The third party's report the figure was seen in, when it was only seen quoted.
    pub quoted_by: Option<SourceId>,
    /// Unit of `values` when they are quantities; None when they are percent.
    pub unit: Option<String>,
    pub total: Option<f64>,
    /// Country and value as written, in file order.
    pub values: Vec<(CountryId, f64)>,
    /// Country and percent of world, largest first.
    pub percents: Vec<(CountryId, f64)>,
    pub note: Option<String>,
}

impl ShareBlock {
    /// Percent not attributed to any listed country.
    pub fn unreported(&self) -> f64 {
        (100.0 - self.percents.iter().map(|(_, p)| p).sum::<f64>()).max(0.0)
    }
}

/// A published demand series, its stages resolved.
#[derive(Debug, Clone)]
pub struct Demand {
    pub metric: String,
    /// Stages whose output meets it, in chain order.
    pub stages: Vec<StageId>,
    pub product: String,
    pub unit: String,
    pub basis: String,
    pub scenario: String,
    pub region: String,
    /// (year, value), oldest first.
    pub values: Vec<(u16, f64)>,
    pub source: SourceId,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Firm {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: FirmKind,
    pub hq: CountryId,
    pub summary: String,
    pub facilities: Vec<FacilityId>,
    pub sources: Vec<SourceId>,
    pub notes: Option<String>,
    /// Stages of its facilities, in chain order.
    pub stages: Vec<StageId>,
    /// Countries of its facilities, in order of first appearance.
    pub countries: Vec<CountryId>,
    /// Links from or to the firm or any of its facilities.
    pub links: Vec<LinkId>,
    /// Events naming the firm or one of its facilities, newest first.
    pub events: Vec<EventId>,
    /// Who owns the firm, as listed (current and past holdings).
    pub owners: Vec<Owner>,
    /// Current holdings of this firm in other firms and facilities.
    pub stakes: Vec<Stake>,
}

#[derive(Debug, Clone)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub firm: FirmId,
    pub country: CountryId,
    pub place: Option<String>,
    pub stages: Box<[StageId]>,
    pub products: Box<[Product]>,
    pub products_note: Option<String>,
    /// The current status: the last lifecycle entry that is not a target, or the undated `status`.
    pub status: Status,
    /// Oldest first; empty when the file gives only an undated status.
    pub lifecycle: Box<[LifecycleEntry]>,
    /// The lifecycle entry `status` comes from.
    pub current: Option<usize>,
    /// Capacities, each of one stage (its `stage`) and product.
    pub capacity: Box<[Figure]>,
    /// Why no capacity is public.
    pub capacity_unknown: Option<String>,
    /// Reported production.
    pub output: Box<[Figure]>,
    pub figures: Box<[Figure]>,
    /// Owners where they differ from the firm's.
    pub owners: Vec<Owner>,
    pub notes: Option<String>,
}

impl Facility {
    /// The capacity that stands for the facility at `stage`: its first entry there in a
    /// canonical unit, else its first entry there. Only the stage an entry measures has it.
    pub fn capacity_at(&self, stage: StageId) -> Option<&Figure> {
        let mut at = self.capacities_at(stage);
        let first = at.next()?;
        if first.unit_unclear.is_none() {
            return Some(first);
        }
        Some(at.find(|c| c.unit_unclear.is_none()).unwrap_or(first))
    }

    /// Every capacity entry measuring `stage`, in file order.
    pub fn capacities_at(&self, stage: StageId) -> impl Iterator<Item = &Figure> {
        self.capacity.iter().filter(move |c| c.stage == Some(stage))
    }

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
    /// Model elements, in the order written.
    pub elements: Vec<ElementId>,
    pub rare_earth: bool,
}

#[derive(Debug, Clone)]
pub struct LifecycleEntry {
    pub status: Status,
    pub date: Date,
    pub source: SourceId,
    /// A target date rather than something that happened.
    pub planned: bool,
    /// When a passed target was last checked without finding its outcome.
    pub checked: Option<Date>,
    pub note: Option<String>,
}

/// Who holds a stake.
#[derive(Debug, Clone, PartialEq)]
pub enum Holder {
    Firm(FirmId),
    /// A government, by country.
    Government(CountryId),
    Named {
        name: String,
        country: Option<CountryId>,
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
    pub source: SourceId,
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
    pub label: Option<Box<str>>,
    /// What it measures, as written (`NdPr oxide`).
    pub product: Option<Box<str>>,
    /// The stage the figure measures: for a capacity, the one stage whose tables and sums
    /// count it.
    pub stage: Option<StageId>,
    pub basis: Option<Basis>,
    pub value: f64,
    pub max: Option<f64>,
    /// Shared by every figure in the same unit: a large model holds few distinct units.
    pub unit: Arc<str>,
    /// What the source says when it does not settle the unit: never summed nor compared.
    pub unit_unclear: Option<Box<str>>,
    /// The year it applies to, also when only `date` was written.
    pub year: Option<u16>,
    /// The month or day it applies to, when the source dates it that finely.
    pub date: Option<Date>,
    /// Months an output covers when not a whole year.
    pub months: Option<u8>,
    pub source: SourceId,
    pub note: Option<Box<str>>,
}

impl Figure {
    /// When it applies, as finely as known: `2025-03`, or the year.
    pub fn when(&self) -> Option<String> {
        self.date
            .map(|d| d.to_string())
            .or(self.year.map(|y| y.to_string()))
    }

    /// The unit to sum and compare by, without `/yr`; None when the source leaves it unclear.
    pub fn sum_unit(&self) -> Option<&str> {
        if self.unit_unclear.is_some() {
            return None;
        }
        let unit = self.unit.trim();
        Some(unit.strip_suffix("/yr").map_or(unit, str::trim_end))
    }
}

/// One of the model's canonical units.
#[derive(Debug, Clone)]
pub struct Unit {
    /// As written in the file (`t NdPr oxide`).
    pub name: String,
    pub product: String,
    pub family: UnitFamily,
    pub note: Option<String>,
}

impl Link {
    /// Whether the link still holds at the model's date: neither suspended nor ended.
    pub fn is_active(&self) -> bool {
        self.status == LinkStatus::Active
    }
}

/// One end of a link: a whole firm or one of its facilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    Firm(FirmId),
    Facility(FacilityId),
}

#[derive(Debug, Clone)]
pub struct Link {
    pub from: Party,
    pub to: Party,
    pub kind: LinkKind,
    pub what: Option<String>,
    pub date: Option<Date>,
    /// When it was suspended or ended, with its source.
    pub end: Option<(Date, SourceId)>,
    pub status: LinkStatus,
    pub amount: Option<Amount>,
    pub source: SourceId,
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
    /// As written, or made from the date and title: unique among all ids.
    pub id: String,
    pub date: Date,
    pub title: String,
    /// Its topics, in file order, each once.
    pub tags: Vec<EventTag>,
    pub parties: Vec<Party>,
    pub countries: Vec<CountryId>,
    pub elements: Vec<ElementId>,
    pub amount: Option<Amount>,
    pub source: SourceId,
    pub see_also: Vec<SourceId>,
    pub note: Option<String>,
}

impl Event {
    /// Whether the event is on the topic `tag`.
    pub fn has_tag(&self, tag: EventTag) -> bool {
        self.tags.contains(&tag)
    }
}

/// Any entity, by kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Firm(FirmId),
    Facility(FacilityId),
    Stage(StageId),
    Country(CountryId),
    Element(ElementId),
    Event(EventId),
    Link(LinkId),
    Source(SourceId),
}
