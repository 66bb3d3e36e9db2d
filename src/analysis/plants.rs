//! The plants of a stage: which facilities do the stage, filtered by status, country, product
//! and excluded countries, and sorted by any column.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::ownership::{ExcludeBy, owner_countries};
use super::whatif::Exclusion;
use crate::model::{CountryId, ElementId, FacilityId, Model, StageId, Status, indexed};

/// Which facilities a plants list or capacity table keeps, by current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StatusScope {
    /// Producing now: operating or ramping.
    #[default]
    Operating,
    /// On the way: announced, financed, under construction or commissioning.
    Pipeline,
    /// Every status, closed and cancelled too.
    All,
}

impl StatusScope {
    pub const ALL: [StatusScope; 3] = [
        StatusScope::Operating,
        StatusScope::Pipeline,
        StatusScope::All,
    ];

    pub fn admits(self, status: Status) -> bool {
        match self {
            StatusScope::Operating => status.is_producing(),
            StatusScope::Pipeline => status.is_pipeline(),
            StatusScope::All => true,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusScope::Operating => "operating",
            StatusScope::Pipeline => "pipeline",
            StatusScope::All => "all",
        }
    }

    #[must_use]
    pub fn next(self) -> StatusScope {
        match self {
            StatusScope::Operating => StatusScope::Pipeline,
            StatusScope::Pipeline => StatusScope::All,
            StatusScope::All => StatusScope::Operating,
        }
    }
}

/// The columns of the plants table, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Column {
    #[default]
    Firm,
    Facility,
    Country,
    Owner,
    Status,
    Products,
    Capacity,
    Source,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Firm,
        Column::Facility,
        Column::Country,
        Column::Owner,
        Column::Status,
        Column::Products,
        Column::Capacity,
        Column::Source,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Firm => "firm",
            Column::Facility => "facility",
            Column::Country => "country",
            Column::Owner => "owner",
            Column::Status => "status",
            Column::Products => "products",
            Column::Capacity => "capacity",
            Column::Source => "source",
        }
    }

    pub fn parse(text: &str) -> Option<Column> {
        Column::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }

    #[must_use]
    pub fn next(self) -> Column {
        let i = Column::ALL.iter().position(|&c| c == self).unwrap_or(0);
        Column::ALL[(i + 1) % Column::ALL.len()]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlantQuery {
    pub status: StatusScope,
    /// Only facilities in this country.
    pub country: Option<CountryId>,
    /// Only facilities with a product containing this text (`Dy`, `NdPr oxide`, `magnets`).
    pub product: Option<String>,
    pub excluded: BTreeSet<CountryId>,
    pub by: ExcludeBy,
    pub sort: Column,
    pub reverse: bool,
}

/// The facilities that do `stage` (see [`does_stage`]) and that the query keeps, sorted.
pub fn plants(m: &Model, stage: StageId, q: &PlantQuery) -> Vec<FacilityId> {
    let Some(listed) = m.get_stage(stage) else {
        return Vec::new();
    };
    let mut list: Vec<FacilityId> = listed
        .facilities
        .iter()
        .copied()
        .filter(|&x| does_stage(m, x, stage) && keeps(m, q, x))
        .collect();
    sort(m, &mut list, stage, q.sort, q.reverse, q.by.control);
    list
}

fn keeps(m: &Model, q: &PlantQuery, x: FacilityId) -> bool {
    let f = &m.facility(x);
    q.status.admits(f.status)
        && q.country.is_none_or(|c| f.country == c)
        && q.product.as_deref().is_none_or(|p| makes(m, x, p))
        && !Exclusion::new(&q.excluded, q.by).is_out(m, x)
}

/// One item of a product filter: an element, or words a product's text contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductTerm {
    Element(ElementId),
    Text(String),
}

/// The items of a product filter, separated by commas: an element by symbol (`Dy`) or name in
/// any case (`dysprosium`, `DY`), else words a product contains, ignoring case (`magnets`).
pub fn product_terms(m: &Model, text: &str) -> Vec<ProductTerm> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match element_named(m, t) {
            Some(e) => ProductTerm::Element(e),
            None => ProductTerm::Text(t.to_lowercase()),
        })
        .collect()
}

/// An element by its symbol as written, else by symbol or name ignoring case.
pub fn element_named(m: &Model, text: &str) -> Option<ElementId> {
    indexed(m.elements())
        .find(|(_, e)| e.symbol == text)
        .or_else(|| {
            indexed(m.elements()).find(|(_, e)| {
                e.symbol.eq_ignore_ascii_case(text) || e.name.eq_ignore_ascii_case(text)
            })
        })
        .map(|(id, _)| id)
}

impl ProductTerm {
    /// Whether a product of facility `x` matches: an element matches the products that name
    /// it (`Dy` finds `DyTb oxide` and `DyFe alloy` but not `NdPr oxide`); text matches the
    /// product's words.
    pub fn matches(&self, m: &Model, x: FacilityId) -> bool {
        let products = &m.facility(x).products;
        match self {
            ProductTerm::Element(e) => products.iter().any(|p| p.elements.contains(e)),
            ProductTerm::Text(t) => products.iter().any(|p| p.text.to_lowercase().contains(t)),
        }
    }
}

/// Whether a product of facility `x` matches any item of the filter `text` (see
/// [`product_terms`]); an empty filter keeps every facility.
pub fn makes(m: &Model, x: FacilityId, text: &str) -> bool {
    let terms = product_terms(m, text);
    terms.is_empty() || terms.iter().any(|t| t.matches(m, x))
}

/// Whether facility `x` really does `stage`: it is listed there and, where its products are
/// known, one of them is what the stage makes. Only the stages whose products are named by
/// form are checked (separation makes oxides, metal-alloy metals and alloys, magnets rare-earth
/// magnets); a facility without listed products keeps every stage it lists.
pub fn does_stage(m: &Model, x: FacilityId, stage: StageId) -> bool {
    let f = &m.facility(x);
    if !f.stages.contains(&stage) {
        return false;
    }
    let Some(forms) = stage_forms(&m.stage(stage).id) else {
        return true;
    };
    if f.products.is_empty() {
        return true;
    }
    f.products.iter().any(|p| {
        p.rare_earth
            && p.text
                .rsplit(' ')
                .next()
                .is_some_and(|form| forms.contains(&form))
    })
}

/// The product forms that show a facility does the stage; None for stages not checked.
fn stage_forms(stage_id: &str) -> Option<&'static [&'static str]> {
    match stage_id {
        "separation" => Some(&["oxide", "oxides", "chloride"]),
        "metal-alloy" => Some(&["metal", "alloy", "powder"]),
        "magnets" => Some(&["magnets", "powder"]),
        _ => None,
    }
}

/// Sorts facilities by a column; ties keep model order. Capacity sorts by unit, then value,
/// largest first, with unknown capacities last; status sorts producing first.
pub fn sort(
    m: &Model,
    list: &mut [FacilityId],
    stage: StageId,
    column: Column,
    reverse: bool,
    control: u8,
) {
    let key = |x: &FacilityId| SortKey::of(m, *x, stage, column, control);
    let mut keyed: Vec<(SortKey, FacilityId)> = list.iter().map(|x| (key(x), *x)).collect();
    keyed.sort_by(|a, b| {
        let order = a.0.cmp(&b.0);
        let order = if reverse { order.reverse() } else { order };
        order.then(a.1.cmp(&b.1))
    });
    for (slot, (_, x)) in list.iter_mut().zip(keyed) {
        *slot = x;
    }
}

/// A column's value for sorting; every key of one sort is the same variant.
enum SortKey {
    Text(String),
    Status(u8, Option<crate::model::Date>),
    /// Unknown last, then by unit, then largest value first.
    Capacity(bool, String, f64),
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Status(ra, da), SortKey::Status(rb, db)) => ra.cmp(rb).then(da.cmp(db)),
            (SortKey::Capacity(ua, unit_a, a), SortKey::Capacity(ub, unit_b, b)) => {
                ua.cmp(ub).then(unit_a.cmp(unit_b)).then(b.total_cmp(a))
            }
            _ => Ordering::Equal,
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for SortKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SortKey {}

impl SortKey {
    fn of(m: &Model, x: FacilityId, stage: StageId, column: Column, control: u8) -> SortKey {
        let f = &m.facility(x);
        let text = |s: &str| SortKey::Text(s.to_lowercase());
        match column {
            Column::Firm => text(&m.firm(f.firm).name),
            Column::Facility => text(&f.name),
            Column::Country => text(&m.country(f.country).code),
            Column::Owner => {
                let codes: Vec<&str> = owner_countries(m, x, control)
                    .into_iter()
                    .map(|c| m.country(c).code.as_str())
                    .collect();
                text(&codes.join(","))
            }
            Column::Status => {
                SortKey::Status(status_rank(f.status), f.current_entry().map(|e| e.date))
            }
            Column::Products => text(
                &f.products
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Column::Capacity => match f.capacity_at(stage) {
                Some(c) => SortKey::Capacity(false, c.unit.to_string(), c.value),
                None => SortKey::Capacity(true, String::new(), 0.0),
            },
            Column::Source => text(
                f.capacity_at(stage)
                    .map_or("", |c| m.source(c.source).id.as_str()),
            ),
        }
    }
}

/// Producing first, then the pipeline from the nearest to production, then the rest.
fn status_rank(status: Status) -> u8 {
    match status {
        Status::Operating => 0,
        Status::Ramping => 1,
        Status::Commissioning => 2,
        Status::Construction => 3,
        Status::Financed => 4,
        Status::Announced => 5,
        Status::Pilot => 6,
        Status::Exploration => 7,
        Status::Unknown => 8,
        Status::Suspended => 9,
        Status::Closed => 10,
        Status::Cancelled => 11,
    }
}
