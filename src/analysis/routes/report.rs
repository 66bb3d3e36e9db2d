//! Words and figures for a route and for what breaks routes.

use super::{Bottleneck, Break, Hop, Route, StageGap, Step, producing};
use crate::model::Model;

impl Break {
    /// One sentence saying what breaks the routes.
    pub fn describe(&self, model: &Model) -> String {
        match self {
            Break::NoStages => "the model has no stages".into(),
            Break::NoStagePath { from, to } => format!(
                "no stage path: following stage inputs from {} never reaches {}",
                model.stages[*from].name, model.stages[*to].name
            ),
            Break::EmptyStage(gap) => gap.describe(model),
        }
    }
}

impl StageGap {
    pub fn describe(&self, model: &Model) -> String {
        let name = &model.stages[self.stage].name;
        if self.facilities == 0 {
            return format!("{name}: the model has no facility at this stage");
        }
        let mut why = Vec::new();
        if !self.excluded.is_empty() {
            let n: usize = self.excluded.iter().map(|&(_, n)| n).sum();
            let each: Vec<String> = self
                .excluded
                .iter()
                .map(|&(c, n)| format!("{} {n}", model.countries[c].code))
                .collect();
            why.push(format!("{n} excluded ({})", each.join(", ")));
        }
        if !self.filtered.is_empty() {
            let n: usize = self.filtered.iter().map(|&(_, n)| n).sum();
            let each: Vec<String> = self
                .filtered
                .iter()
                .map(|&(s, n)| format!("{n} {}", s.as_str()))
                .collect();
            why.push(format!("{n} not admitted by status ({})", each.join(", ")));
        }
        if self.other_products > 0 {
            why.push(format!(
                "{} make{} nothing this stage makes",
                self.other_products,
                if self.other_products == 1 { "s" } else { "" }
            ));
        }
        format!(
            "{name}: none of its {} facilit{} is left: {}",
            self.facilities,
            if self.facilities == 1 { "y" } else { "ies" },
            why.join("; ")
        )
    }
}

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
