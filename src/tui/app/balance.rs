//! The balance chart of the selected stage: opened and closed with `B`, its balance computed
//! once per model and what-if (the what-if holds it) and never while drawing.

use std::sync::Arc;

use super::whatif::WhatIf;
use super::{App, Overlay};
use crate::analysis::balance::{Assumptions, DEFAULT_YEARS, Query, balance};
use crate::model::Model;

impl App {
    pub(super) fn show_balance(&mut self) {
        if matches!(self.overlay.get(), Some(Overlay::Balance { .. })) {
            self.overlay.close();
            return;
        }
        let Some(stage) = self.selected_stage() else {
            self.say("no stage selected", false);
            return;
        };
        if self.what_if.balance.is_none() {
            self.what_if.compute_balance(&self.loaded.model);
        }
        self.open_overlay(Overlay::Balance {
            stage: self.loaded.model.stage(stage).id.clone(),
        });
    }
}

impl WhatIf {
    /// Per stage, the first year a demand series it can be compared with is not covered, under
    /// the exclusions: what the stages pane shows beside the share. A model without demand
    /// series costs nothing.
    pub fn compute_first_short(&mut self, m: &Model) {
        self.stage_short = Vec::new();
        if m.demand().is_empty() {
            return;
        }
        if self.balance.is_none() {
            self.compute_balance(m);
        }
        let Some(b) = &self.balance else {
            return;
        };
        self.stage_short = m
            .stage_ids()
            .map(|s| {
                b.stage(s)?
                    .demand
                    .iter()
                    .filter_map(|d| d.first_short().map(|c| c.year))
                    .min()
            })
            .collect();
    }

    /// Every stage's balance under the exclusions, with the default assumptions and years.
    pub fn compute_balance(&mut self, m: &Model) {
        let query = Query {
            exclusion: self.rule(),
            years: DEFAULT_YEARS,
            scenarios: Vec::new(),
            regions: Vec::new(),
            stages: Vec::new(),
            assumptions: Assumptions::default(),
        };
        // The defaults are valid and the years run forwards: an error cannot come back.
        self.balance = balance(m, &query).ok().map(Arc::new);
    }
}
