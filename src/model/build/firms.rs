//! Firms and their facilities, with the stage and country lists that follow from where the
//! facilities are.

use super::{Index, UNDATED};
use crate::model::schema::{self, ChainFile};
use crate::model::{
    Country, CountryId, Date, Facility, FacilityId, Figure, Firm, FirmId, Id, LifecycleEntry,
    Product, Stage, StageId, Status, product,
};

pub(super) fn firms(
    file: &ChainFile,
    ix: &Index,
    stages: &mut [Stage],
    countries: &mut [Country],
) -> (Vec<Firm>, Vec<Facility>) {
    let mut firms = Vec::with_capacity(file.firms.len());
    let mut facilities = Vec::with_capacity(file.firms.iter().map(|f| f.facilities.len()).sum());
    for (i, f) in file.firms.iter().enumerate() {
        let i = FirmId::new(i);
        let hq = ix.country.get(f.hq.as_str()).copied().unwrap_or(Id::new(0));
        let mut firm_facilities = Vec::with_capacity(f.facilities.len());
        let mut firm_stages: Vec<StageId> = Vec::new();
        let mut firm_countries: Vec<CountryId> = Vec::new();
        for x in &f.facilities {
            let at = FacilityId::new(facilities.len());
            let facility = facility(x, i, ix);
            for &s in &facility.stages {
                stages[s].facilities.push(at);
                if !firm_stages.contains(&s) {
                    firm_stages.push(s);
                }
            }
            if !firm_countries.contains(&facility.country) {
                firm_countries.push(facility.country);
            }
            countries[facility.country].facilities.push(at);
            facilities.push(facility);
            firm_facilities.push(at);
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
            sources: ix.sources(&f.sources),
            notes: f.notes.clone(),
            stages: firm_stages,
            countries: firm_countries,
            links: Vec::new(),
            events: Vec::new(),
            owners: Vec::new(),
            stakes: Vec::new(),
        });
    }
    (firms, facilities)
}

/// One facility of firm `firm`; its owners come later, once every firm has an index.
fn facility(x: &schema::Facility, firm: FirmId, ix: &Index) -> Facility {
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
            source: ix.src(e.source.as_deref()),
            planned: e.planned,
            checked: e.checked.as_ref().and_then(|d| d.0.parse().ok()),
            note: e.note.clone(),
        })
        .collect();
    let current = lifecycle.iter().rposition(|e| !e.planned);
    let status = match current {
        Some(c) => lifecycle[c].status,
        None => x.status.unwrap_or(Status::Unknown),
    };
    let figure = |f: &schema::Figure| figure(f, ix);
    Facility {
        id: x.id.clone(),
        name: x.name.clone(),
        firm,
        country: ix
            .country
            .get(x.country.as_str())
            .copied()
            .unwrap_or(Id::new(0)),
        place: x.place.clone(),
        stages: x
            .stages
            .iter()
            .filter_map(|s| ix.stage.get(s.as_str()).copied())
            .collect(),
        products: x
            .products
            .iter()
            .map(|text| parse_product(text, ix))
            .collect(),
        products_note: x.products_note.clone(),
        status,
        lifecycle: lifecycle.into(),
        current,
        capacity: x
            .capacity
            .iter()
            .map(|c| {
                let mut capacity = figure(c);
                // Without a stage, the facility's last listed stage: validation warns when
                // there is more than one.
                capacity.stage = capacity.stage.or_else(|| {
                    x.stages
                        .iter()
                        .rev()
                        .find_map(|s| ix.stage.get(s.as_str()).copied())
                });
                capacity
            })
            .collect(),
        capacity_unknown: x.capacity_unknown.clone(),
        output: x.output.iter().map(figure).collect(),
        figures: x.figures.iter().map(figure).collect(),
        owners: Vec::new(),
        notes: x.notes.clone(),
    }
}

fn figure(f: &schema::Figure, ix: &Index) -> Figure {
    // Validation has refused a bad date: an unreadable one is left out.
    let date = f.date.as_ref().and_then(|d| d.0.parse::<Date>().ok());
    Figure {
        label: f.label.as_deref().map(Box::from),
        product: f.product.clone(),
        stage: f.stage.as_deref().and_then(|s| ix.stage.get(s).copied()),
        basis: f.basis,
        value: f.value,
        max: f.max,
        unit: ix.unit(&f.unit),
        unit_unclear: f.unit_unclear.clone(),
        year: f.year.or(date.map(|d| d.year)),
        date,
        months: f.months,
        source: ix.src(f.source.as_deref()),
        note: f.note.as_deref().map(Box::from),
    }
}

/// A product as written and the elements it names; unparsed text keeps no elements.
fn parse_product(text: &str, ix: &Index) -> Product {
    match product::parse(text, &ix.symbols) {
        Ok(parsed) => Product {
            text: text.to_owned(),
            elements: parsed
                .elements
                .iter()
                .filter_map(|s| ix.element.get(s).copied())
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
