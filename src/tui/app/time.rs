//! The date control: the model read a month or a year earlier or later (a large one off the
//! UI thread), and back at its own date; and the history chart of the selected stage.

use std::sync::Arc;

use super::{App, Derived, Overlay};
use crate::analysis::history::{capacity_history, share_series};
use crate::model::{Date, Model};
use crate::tui::command::Command;
use crate::tui::msg::{Effect, Msg};

/// Below this many entities a model is read as of a date within a frame; larger ones are
/// read off the UI thread.
pub const INLINE_READ_LIMIT: usize = 20_000;

/// How the status line starts while a read runs.
const READING: &str = "reading as of";

/// The date part of the app: the date the model is read at when not its own, the model as
/// loaded behind it, and a read under way off the UI thread.
#[derive(Debug, Clone)]
pub struct Dating {
    /// The date the model is read at, when not its own; `model` is then read from `base`.
    pub as_of: Option<Date>,
    /// The model as loaded, while `model` shows it as of an earlier date.
    pub base: Option<Arc<Model>>,
    /// The date the model is being read at off the UI thread, until it arrives.
    pub reading: Option<Date>,
    /// Names the newest read asked for; answers to older ones are dropped.
    serial: u64,
    /// Models with fewer entities are read as of a date at once, larger ones off the UI thread.
    pub read_inline_below: usize,
}

impl Default for Dating {
    fn default() -> Dating {
        Dating {
            as_of: None,
            base: None,
            reading: None,
            serial: 0,
            read_inline_below: INLINE_READ_LIMIT,
        }
    }
}

impl Dating {
    /// A serial for a new read; answers to older ones will be dropped.
    fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// Whether an answer is to the newest read.
    fn is_current(&self, serial: u64) -> bool {
        serial == self.serial
    }
}

impl App {
    /// The date control, reads made off the UI thread, and what a reload changed.
    pub(super) fn apply_time(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Command(c) if c.months().is_some() => {
                return self.step_date(c.months().unwrap_or(0));
            }
            Msg::Command(Command::DateReset) => self.reset_date(),
            Msg::Dated {
                serial,
                model,
                derived,
            } => self.dated(serial, *model, *derived),
            Msg::Command(Command::ShowChanges) => self.show_changes(),
            Msg::Command(Command::ClearChanges) => self.clear_changes(),
            Msg::Changes(reload) => self.changes_arrived(*reload),
            _ => {}
        }
        Effect::None
    }

    /// The date the model was loaded at, which the control steps away from and back to.
    pub fn own_date(&self) -> Date {
        self.loaded_model().as_of_date()
    }

    /// The model as loaded, whatever date it is read at.
    pub fn loaded_model(&self) -> &Arc<Model> {
        self.dating.base.as_ref().unwrap_or(&self.loaded.model)
    }

    pub(super) fn step_date(&mut self, months: i32) -> Effect {
        let own = self.own_date();
        let from = self.dating.as_of.unwrap_or(own);
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
            if self.dating.as_of.is_some() {
                self.reset_date();
            } else {
                self.say("the model's own date is the latest it knows", false);
            }
            return Effect::None;
        }
        self.set_date(stepped)
    }

    pub(super) fn reset_date(&mut self) {
        self.dating.as_of = None;
        self.dating.reading = None;
        self.end_reading_message();
        if let Some(base) = self.dating.base.take() {
            self.set_model(base);
        }
    }

    /// Shows the model as of `date`, keeping the selection by id: at once when the model is
    /// small, else once [`Effect::ReadAsOf`] answers with [`Msg::Dated`].
    pub fn set_date(&mut self, date: Date) -> Effect {
        self.dating.as_of = Some(date);
        let base = Arc::clone(
            self.dating
                .base
                .get_or_insert_with(|| Arc::clone(&self.loaded.model)),
        );
        self.read_base(date, &base)
    }

    fn read_base(&mut self, date: Date, base: &Model) -> Effect {
        if base.entity_count() < self.dating.read_inline_below {
            self.dating.reading = None;
            self.set_model(base.as_of(date));
            return Effect::None;
        }
        self.dating.reading = Some(date);
        let serial = self.dating.next_serial();
        self.say(&format!("{READING} {date}…"), false);
        Effect::ReadAsOf { date, serial }
    }

    /// The model read as of a date off the UI thread; the answer to a read asked for before
    /// the newest (a date stepped past, a model reloaded since) is dropped.
    pub(super) fn dated(&mut self, serial: u64, model: Model, derived: Derived) {
        if self.dating.reading.is_none() || !self.dating.is_current(serial) {
            self.retired.push(Arc::new(model));
            return;
        }
        self.dating.reading = None;
        self.swap_model(Arc::new(model), derived);
        self.end_reading_message();
    }

    /// The note that a read is running goes once it is over.
    fn end_reading_message(&mut self) {
        self.status.clear_if(|m| m.text.starts_with(READING));
    }

    /// A freshly loaded model, shown as is or read at the chosen date.
    pub(super) fn show_loaded(&mut self, model: Arc<Model>) -> Effect {
        let Some(date) = self.dating.as_of else {
            self.set_model(model);
            return Effect::None;
        };
        if let Some(old) = self.dating.base.replace(Arc::clone(&model)) {
            self.retired.push(old);
        }
        self.read_base(date, &model)
    }

    pub(super) fn show_history(&mut self) {
        match self.selected_stage() {
            Some(stage) => {
                // The unit with the most dated history first.
                let units = capacity_history(&self.loaded.model, stage, None).units;
                let unit = (0..units.len())
                    .max_by_key(|&i| {
                        let u = &units[i];
                        (u.operating.len() + u.pipeline.len(), usize::MAX - i)
                    })
                    .unwrap_or(0);
                self.open_overlay(Overlay::History {
                    stage: self.loaded.model.stage(stage).id.clone(),
                    series: 0,
                    unit,
                });
            }
            None => self.say("no stage selected", false),
        }
    }

    /// `[` `]` step through the share series, Tab through the capacity units.
    pub(super) fn cycle_history(&mut self, command: Command) {
        let Some(Overlay::History {
            stage,
            series,
            unit,
        }) = self.overlay.get_mut()
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
        let m = &self.loaded.model;
        let Some(stage) = m.stage_by_id(stage) else {
            return;
        };
        match command {
            Command::NextBlock | Command::PrevBlock => step(
                series,
                share_series(m, stage).len(),
                command == Command::NextBlock,
            ),
            _ => step(
                unit,
                capacity_history(m, stage, None).units.len(),
                command == Command::NextPane,
            ),
        }
    }
}
