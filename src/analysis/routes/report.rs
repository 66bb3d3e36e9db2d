//! The figures a route carries beside its steps: the countries it passes, its bottleneck, and
//! the facilities without capacity or not producing yet.

use super::{Bottleneck, Hop, Route, Step, producing};
use crate::model::{Figure, Model};

/// The capacity a facility has at the stages it covers on a route; None when its capacity
/// (if any) measures another stage.
pub fn step_capacity<'m>(model: &'m Model, step: &Step) -> Option<&'m Figure> {
    let f = &model.facilities[step.facility];
    step.stages.iter().find_map(|&s| f.capacity_at(s))
}

/// Fills in what a route's readers want from its facilities.
pub(super) fn describe_route(model: &Model, steps: Vec<Step>, hops: Vec<Hop>) -> Route {
    let mut countries = Vec::new();
    let mut without_capacity = Vec::new();
    let mut not_producing = Vec::new();
    let mut smallest: Option<Bottleneck> = None;
    let mut units: Vec<String> = Vec::new();
    for step in &steps {
        let f = &model.facilities[step.facility];
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
        if smallest.as_ref().is_none_or(|b| cap.value < b.value) {
            smallest = Some(Bottleneck {
                facility: step.facility,
                value: cap.value,
                unit: unit.to_owned(),
            });
        }
    }
    // Capacities in different units measure different things: none of them is the smallest.
    let bottleneck = smallest.filter(|_| units.len() == 1);
    Route {
        steps,
        hops,
        countries,
        bottleneck,
        units,
        without_capacity,
        not_producing,
    }
}
