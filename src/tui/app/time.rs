//! The date control: the model read a month or a year earlier or later, and back at its own
//! date; and the history chart of the selected stage.

use super::{App, Overlay};
use crate::analysis::history::{capacity_history, share_series};
use crate::model::{Date, Model};
use crate::tui::action::Action;

impl App {
    /// The date the model was loaded at, which the control steps away from and back to.
    pub fn own_date(&self) -> Date {
        self.base.as_ref().unwrap_or(&self.model).as_of
    }

    pub(super) fn step_date(&mut self, months: i32) {
        let own = self.own_date();
        let from = self.as_of.unwrap_or(own);
        let index =
            i32::from(from.year) * 12 + from.month.map_or(11, |m| i32::from(m) - 1) + months;
        let stepped = Date {
            year: (index.div_euclid(12)).clamp(1800, 9999) as u16,
            month: Some(index.rem_euclid(12) as u8 + 1),
            day: None,
        };
        // The model knows nothing after its own date: stepping past it returns to it.
        let own_month = Date {
            day: None,
            month: Some(own.month.unwrap_or(12)),
            ..own
        };
        if stepped >= own_month {
            if self.as_of.is_some() {
                self.reset_date();
            } else {
                self.say("the model's own date is the latest it knows", false);
            }
            return;
        }
        self.set_date(stepped);
    }

    pub(super) fn reset_date(&mut self) {
        self.as_of = None;
        if let Some(base) = self.base.take() {
            self.set_model(base);
        }
    }

    /// Shows the model as of `date`, keeping the selection by id.
    pub fn set_date(&mut self, date: Date) {
        self.as_of = Some(date);
        let base = match self.base.take() {
            Some(base) => base,
            None => self.model.clone(),
        };
        let model = base.as_of(date);
        self.base = Some(base);
        self.set_model(model);
    }

    /// A freshly loaded model, read at the chosen date when there is one.
    pub(super) fn read_at_date(&mut self, model: Model) -> Model {
        match self.as_of {
            Some(date) => {
                let read = model.as_of(date);
                self.base = Some(model);
                read
            }
            None => model,
        }
    }

    pub(super) fn show_history(&mut self) {
        match self.selected_stage() {
            Some(stage) => {
                // The unit with the most dated history first.
                let units = capacity_history(&self.model, stage, None).units;
                let unit = (0..units.len())
                    .max_by_key(|&i| {
                        let u = &units[i];
                        (u.operating.len() + u.pipeline.len(), usize::MAX - i)
                    })
                    .unwrap_or(0);
                self.open_overlay(Overlay::History {
                    stage,
                    series: 0,
                    unit,
                });
            }
            None => self.say("no stage selected", false),
        }
    }

    /// `[` `]` step through the share series, Tab through the capacity units.
    pub(super) fn cycle_history(&mut self, action: &Action) {
        let Some(Overlay::History {
            stage,
            series,
            unit,
        }) = &mut self.overlay
        else {
            return;
        };
        let step = |i: &mut usize, n: usize, forward: bool| {
            if n > 0 {
                *i = if forward {
                    (*i + 1) % n
                } else {
                    (*i + n - 1) % n
                };
            }
        };
        let m = &self.model;
        match action {
            Action::NextBlock | Action::PrevBlock => step(
                series,
                share_series(m, *stage).len(),
                matches!(action, Action::NextBlock),
            ),
            _ => step(
                unit,
                capacity_history(m, *stage, None).units.len(),
                matches!(action, Action::NextPane),
            ),
        }
    }
}
