//! The figures a route carries beside its steps: the countries it passes, its bottleneck, and
//! the facilities without capacity or not producing yet.

use super::{Bottleneck, Hop, Route, Step, producing};
use crate::model::Model;

/// Fills in what a route's readers want from its facilities.
pub(super) fn describe_route(model: &Model, steps: Vec<Step>, hops: Vec<Hop>) -> Route {
    let mut countries = Vec::new();
    let mut without_capacity = Vec::new();
    let mut not_producing = Vec::new();
    let mut bottleneck: Option<Bottleneck> = None;
    let mut units: Vec<&str> = Vec::new();
    for step in &steps {
        let f = &model.facilities[step.facility];
        if !countries.contains(&f.country) {
            countries.push(f.country);
        }
        if !producing(f.status) {
            not_producing.push(step.facility);
        }
        let Some(cap) = &f.capacity else {
            without_capacity.push(step.facility);
            continue;
        };
        if !units.contains(&cap.unit.as_str()) {
            units.push(&cap.unit);
        }
        if bottleneck.as_ref().is_none_or(|b| cap.value < b.value) {
            bottleneck = Some(Bottleneck {
                facility: step.facility,
                value: cap.value,
                unit: cap.unit.clone(),
                units_differ: false,
            });
        }
    }
    if let Some(b) = &mut bottleneck {
        b.units_differ = units.len() > 1;
    }
    Route {
        steps,
        hops,
        countries,
        bottleneck,
        without_capacity,
        not_producing,
    }
}
