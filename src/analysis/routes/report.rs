//! The figures a route carries beside its steps: the countries it passes, its bottleneck, and
//! the facilities without capacity or not producing yet.

use super::{Bottleneck, Hop, NotComparable, Route, Step, producing};
use crate::model::{FacilityId, Figure, Model};

/// The capacity a facility has at the stages it covers on a route; None when its capacity
/// (if any) measures another stage.
pub fn step_capacity<'m>(model: &'m Model, step: &Step) -> Option<&'m Figure> {
    let f = &model.facility(step.facility);
    step.stages.iter().find_map(|&s| f.capacity_at(s))
}

/// Fills in what a route's readers want from its facilities.
pub(super) fn describe_route(model: &Model, steps: Vec<Step>, hops: Vec<Hop>) -> Route {
    let mut countries = Vec::new();
    let mut without_capacity = Vec::new();
    let mut not_producing = Vec::new();
    let mut capacities: Vec<(FacilityId, &Figure)> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for step in &steps {
        let f = &model.facility(step.facility);
        if !countries.contains(&f.country) {
            countries.push(f.country);
        }
        if !producing(f.status) {
            not_producing.push(step.facility);
        }
        let Some(cap) = step_capacity(model, step) else {
            without_capacity.push(step.facility);
            continue;
        };
        let unit = cap.unit.trim();
        if !units.iter().any(|u| u == unit) {
            units.push(unit.to_owned());
        }
        capacities.push((step.facility, cap));
    }
    let (bottleneck, not_comparable) = match bottleneck(model, &capacities) {
        Ok(b) => (b, None),
        Err(why) => (None, Some(why)),
    };
    Route {
        steps,
        hops,
        countries,
        bottleneck,
        not_comparable,
        units,
        without_capacity,
        not_producing,
    }
}

/// The smallest of the capacities, in one unit: as published when they share one, else each
/// converted to the unit of the last (the route's end product). Capacities that do not all
/// convert measure different things, and none of them is the smallest.
fn bottleneck(
    model: &Model,
    capacities: &[(FacilityId, &Figure)],
) -> Result<Option<Bottleneck>, NotComparable> {
    if let Some(&(facility, _)) = capacities.iter().find(|(_, c)| c.unit_unclear.is_some()) {
        return Err(NotComparable::UnclearUnit { facility });
    }
    let Some(&(_, last)) = capacities.last() else {
        return Ok(None);
    };
    let target = last.unit.trim();
    let one_unit = capacities.iter().all(|(_, c)| c.unit.trim() == target);
    let mut smallest: Option<Bottleneck> = None;
    for &(facility, cap) in capacities {
        let unit = cap.unit.trim();
        let candidate = if one_unit {
            Bottleneck {
                facility,
                value: cap.value,
                unit: unit.to_owned(),
                conversions: Vec::new(),
                published: None,
            }
        } else {
            let Some(converted) = model.convert(cap.value, unit, target) else {
                return Err(NotComparable::NoConversion {
                    from: unit.to_owned(),
                    to: target.to_owned(),
                });
            };
            let published = converted.is_derived().then(|| (cap.value, unit.to_owned()));
            Bottleneck {
                facility,
                value: converted.value,
                unit: converted.unit,
                conversions: converted.steps,
                published,
            }
        };
        if smallest.as_ref().is_none_or(|b| candidate.value < b.value) {
            smallest = Some(candidate);
        }
    }
    Ok(smallest)
}
