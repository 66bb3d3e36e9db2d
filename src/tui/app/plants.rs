//! The plants view of the selected stage: its table sorted and filtered by keys. The view
//! names its stage by id; its rows belong to the model they were built from and are rebuilt,
//! the selection kept by plant, whenever the model changes.

use std::sync::Arc;

use super::bound::ModelBound;
use super::filter::Filter;
use super::{App, Overlay};
use crate::analysis::plants::{PlantQuery, plants};
use crate::model::{EntityRef, FacilityId, Model, StageId};
use crate::present::plants::PlantTable;
use crate::present::table::Table;
use crate::text::one_line;

/// What the plants view shows and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantsView {
    /// The stage, by id, so the view follows it into another model.
    pub stage_id: String,
    pub query: PlantQuery,
    /// The element symbols the product filter cycles through (none first).
    pub products: Vec<String>,
    /// The stage's table and the plants shown, for one model; none when the stage is not in it.
    rows: Option<ModelBound<PlantRows>>,
}

/// The plants `query` lists at `stage`, less those `filter` (the overlay's, typed after `/`)
/// does not keep: it reads their name, place, firm and country.
fn listed(m: &Model, stage: StageId, query: &PlantQuery, filter: &Filter) -> Vec<FacilityId> {
    let mut list = plants(m, stage, query);
    if !filter.is_empty() {
        list.retain(|&x| {
            let f = m.facility(x);
            let country = m.country(f.country);
            let text = format!(
                "{} {} {} {} {} {}",
                f.name,
                f.id,
                f.place.as_deref().unwrap_or_default(),
                m.firm(f.firm).name,
                country.name,
                country.code
            );
            filter.keeps(&text)
        });
    }
    list
}

/// The plants view's rows in the model they were built from.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantRows {
    pub stage: StageId,
    /// Rows for every plant of the stage, built when the view opens.
    pub table: PlantTable,
    /// The facilities shown, in order.
    pub list: Vec<FacilityId>,
    /// The columns measured over the facilities shown.
    pub layout: Table,
}

impl PlantRows {
    fn new(table: PlantTable, list: Vec<FacilityId>) -> PlantRows {
        let layout = table.layout_of(&list);
        PlantRows {
            stage: table.stage,
            table,
            list,
            layout,
        }
    }

    fn set_list(&mut self, list: Vec<FacilityId>) {
        self.layout = self.table.layout_of(&list);
        self.list = list;
    }
}

impl PlantsView {
    /// The plants of `stage` in `m` for `query`, keeping its sort and filters; a product filter
    /// the stage has no plant for is dropped.
    fn new(m: &Arc<Model>, stage: StageId, mut query: PlantQuery) -> PlantsView {
        // Element symbols named by the stage's products, in model order.
        let mut named = vec![false; m.elements().len()];
        for &x in &m.stage(stage).facilities {
            for p in &m.facility(x).products {
                for &e in &p.elements {
                    named[e] = true;
                }
            }
        }
        let products: Vec<String> = m
            .elements()
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
        let rows = PlantRows::new(
            PlantTable::new(m, stage, query.by.control),
            plants(m, stage, &query),
        );
        PlantsView {
            stage_id: m.stage(stage).id.clone(),
            query,
            products,
            rows: Some(ModelBound::new(m, rows)),
        }
    }

    /// The rows, when they were built from `m`.
    pub fn rows(&self, m: &Arc<Model>) -> Option<&PlantRows> {
        self.rows.as_ref()?.get(m)
    }

    /// Runs the query and `filter` again on the rows of `m`.
    fn refresh(&mut self, m: &Arc<Model>, filter: &Filter) {
        if let Some(rows) = self.rows.as_mut().and_then(|r| r.get_mut(m)) {
            rows.set_list(listed(m, rows.stage, &self.query, filter));
        }
    }
}

impl App {
    /// Opens the plants of the selected stage, keeping the sort and filters of the last one.
    pub(super) fn show_plants(&mut self) {
        let Some(stage) = self.selected_stage() else {
            self.say("no stage selected", false);
            return;
        };
        let mut query = self
            .plants
            .as_ref()
            .map(|v| v.query.clone())
            .unwrap_or_default();
        query.excluded.clone_from(&self.what_if.excluded);
        query.by = self.what_if.by;
        self.plants = Some(PlantsView::new(&self.loaded.model, stage, query));
        self.open_overlay(Overlay::Plants);
    }

    /// The plants view's rows in the current model.
    pub fn plant_rows(&self) -> Option<&PlantRows> {
        self.plants.as_ref()?.rows(&self.loaded.model)
    }

    /// The plants view follows the what-if's exclusions and mode.
    pub(in crate::tui) fn sync_plants_exclusion(&mut self) {
        let Some(view) = self.plants.as_mut() else {
            return;
        };
        view.query.excluded.clone_from(&self.what_if.excluded);
        view.query.by = self.what_if.by;
        view.refresh(&self.loaded.model, self.filters.overlay.matcher());
        let last = self
            .plant_rows()
            .map_or(0, |r| r.list.len().saturating_sub(1));
        self.overlay.set_scroll(self.overlay.scroll().min(last));
    }

    /// The plants view in a new model (`old` is the one it was built from): the same stage,
    /// sort and filters, the same plant selected where it is still listed. Closes the view,
    /// saying why, when its stage is gone.
    pub(super) fn carry_plants_over(&mut self, old: &Arc<Model>) {
        let Some(view) = self.plants.take() else {
            return;
        };
        let stage = self.loaded.model.stage_by_id(&view.stage_id);
        let (true, Some(stage)) = (self.overlay.is(&Overlay::Plants), stage) else {
            if self.overlay.is(&Overlay::Plants) {
                self.overlay.close();
                let id = one_line(&view.stage_id);
                self.say(
                    &format!("plants closed: no stage {id} in this model"),
                    false,
                );
            }
            // Closed, the view keeps only its sort and filters, for the next stage opened.
            self.plants = Some(PlantsView { rows: None, ..view });
            return;
        };
        let selected = view
            .rows(old)
            .and_then(|r| r.list.get(self.overlay.scroll()))
            .map(|&x| old.facility(x).id.clone());
        let mut query = view.query;
        query.excluded.clone_from(&self.what_if.excluded);
        query.by = self.what_if.by;
        let mut carried = PlantsView::new(&self.loaded.model, stage, query);
        carried.refresh(&self.loaded.model, self.filters.overlay.matcher());
        self.plants = Some(carried);
        let shown = self.plant_rows().map_or(&[][..], |r| r.list.as_slice());
        let m = &self.loaded.model;
        let found = selected
            .as_ref()
            .and_then(|id| shown.iter().position(|&x| m.facility(x).id == *id));
        let nearest = self.overlay.scroll().min(shown.len().saturating_sub(1));
        self.overlay.set_scroll(found.unwrap_or(nearest));
        if let (None, Some(id)) = (found, selected) {
            let name = old
                .lookup(&id)
                .map_or(id.clone(), |e| one_line(old.entity_name(e)).into_owned());
            self.say(
                &format!("{name} is no longer listed; the nearest plant is selected"),
                false,
            );
        }
    }

    /// Applies a plants key; false when the plants view is not open.
    pub(super) fn plants_key(&mut self, change: impl FnOnce(&mut PlantQuery, &[String])) -> bool {
        if !self.overlay.is(&Overlay::Plants) {
            return false;
        }
        let Some(view) = self.plants.as_mut() else {
            return false;
        };
        change(&mut view.query, &view.products);
        view.refresh(&self.loaded.model, self.filters.overlay.matcher());
        self.overlay.set_scroll(0);
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

    /// The plants view's rows after its filter changed.
    pub(super) fn refresh_plants_filter(&mut self) {
        if let Some(view) = self.plants.as_mut() {
            view.refresh(&self.loaded.model, self.filters.overlay.matcher());
        }
    }

    /// Enter on a plant: its facility card.
    pub(super) fn open_plant(&mut self) {
        let x = self.selected_plant();
        self.overlay.close();
        if let Some(x) = x {
            self.set_subject(Some(EntityRef::Facility(x)));
        }
    }
}
