//! The plants view of the selected stage: its table sorted and filtered by keys.

use super::{App, Overlay};
use crate::analysis::plants::{PlantQuery, plants};
use crate::model::EntityRef;
use crate::present::plants::PlantTable;

/// What the plants view shows and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantsView {
    pub stage: usize,
    pub query: PlantQuery,
    /// The element symbols the product filter cycles through (none first).
    pub products: Vec<String>,
    /// Rows for every plant of the stage, built when the view opens.
    pub table: PlantTable,
    /// The facilities shown, in order.
    pub list: Vec<usize>,
}

impl PlantsView {
    fn refresh(&mut self, m: &crate::model::Model) {
        self.list = plants(m, self.stage, &self.query);
    }
}

impl App {
    /// Opens the plants of the selected stage, keeping the sort and filters of the last one.
    pub(super) fn show_plants(&mut self) {
        let Some(stage) = self.selected_stage() else {
            self.say("no stage selected", false);
            return;
        };
        let m = &self.model;
        let mut query = self
            .plants
            .as_ref()
            .map(|v| v.query.clone())
            .unwrap_or_default();
        query.excluded.clone_from(&self.what_if.excluded);
        query.by = self.what_if.by;
        // Element symbols named by the stage's products, in model order.
        let mut named = vec![false; m.elements.len()];
        for &x in &m.stages[stage].facilities {
            for p in &m.facilities[x].products {
                for &e in &p.elements {
                    named[e] = true;
                }
            }
        }
        let products: Vec<String> = m
            .elements
            .iter()
            .zip(named)
            .filter(|(_, n)| *n)
            .map(|(e, _)| e.symbol.clone())
            .collect();
        if query
            .product
            .as_ref()
            .is_some_and(|p| !products.contains(p))
        {
            query.product = None;
        }
        let mut view = PlantsView {
            stage,
            table: PlantTable::new(m, stage, query.by.control),
            query,
            products,
            list: Vec::new(),
        };
        view.refresh(m);
        self.plants = Some(view);
        self.open_overlay(Overlay::Plants);
    }

    /// The plants view follows the what-if's exclusions and mode.
    pub(in crate::tui) fn sync_plants_exclusion(&mut self) {
        let Some(view) = self.plants.as_mut() else {
            return;
        };
        view.query.excluded.clone_from(&self.what_if.excluded);
        view.query.by = self.what_if.by;
        view.refresh(&self.model);
        let last = view.list.len().saturating_sub(1);
        self.overlay_scroll = self.overlay_scroll.min(last);
    }

    /// Applies a plants key; false when the plants view is not open.
    pub(super) fn plants_key(&mut self, change: impl FnOnce(&mut PlantQuery, &[String])) -> bool {
        if self.overlay != Some(Overlay::Plants) {
            return false;
        }
        let Some(view) = self.plants.as_mut() else {
            return false;
        };
        change(&mut view.query, &view.products);
        view.refresh(&self.model);
        self.overlay_scroll = 0;
        true
    }

    pub(super) fn cycle_plant_status(q: &mut PlantQuery, _: &[String]) {
        q.status = q.status.next();
    }

    pub(super) fn cycle_plant_product(q: &mut PlantQuery, products: &[String]) {
        q.product = match &q.product {
            None => products.first().cloned(),
            Some(p) => {
                let i = products.iter().position(|s| s == p);
                i.and_then(|i| products.get(i + 1)).cloned()
            }
        };
    }

    /// Enter on a plant: its facility card.
    pub(super) fn open_plant(&mut self) {
        let x = self
            .plants
            .as_ref()
            .and_then(|v| v.list.get(self.overlay_scroll).copied());
        self.overlay = None;
        if let Some(x) = x {
            self.set_subject(Some(EntityRef::Facility(x)));
        }
    }
}
