//! The app's state and its one way to change: `update(Action) -> Effect`. No I/O, no
//! terminal; everything the renderer needs that depends only on the model is computed once in
//! [`Derived`] when a model is set.

mod balance;
mod bound;
mod card;
mod changes;
mod cursor;
mod derived;
mod events;
mod export;
mod log;
mod mouse;
mod navigation;
mod overlays;
mod plants;
mod prompt;
mod reload;
mod search;
mod time;

use super::action::{Action, Effect};
use super::theme::Theme;
use std::sync::Arc;

use super::whatif::WhatIf;
use crate::model::{Date, EntityRef, LoadError, Model};
use crate::present::doc::Doc;
use crate::search::SearchIndex;
pub use card::wrapped_height;
use changes::Comparing;
pub use changes::{Changes, ReloadDiff};
pub use cursor::ListCursor;
pub use derived::Derived;
pub use export::ViewExport;
pub use log::LogEntry;
use mouse::WHEEL_STEP;
pub use plants::{PlantRows, PlantsView};
pub use prompt::{PendingWrite, Prompt, PromptStep};
pub use reload::relocate;
pub use search::SearchBox;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Stages,
    Firms,
    Shares,
    Detail,
    Events,
}

/// What the lower pane shows when the terminal is too narrow for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BottomView {
    #[default]
    Card,
    Events,
}

/// A window drawn over the panes; it takes the keys while open. Overlays name entities by id,
/// never by index, so they read any model the app changes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The sources behind what was selected when it opened, by id.
    Source(Vec<String>),
    /// Every problem of the last failed load, or the model's warnings.
    Problems,
    /// Ore-to-magnet routes for the current exclusions.
    Routes,
    /// A stage (by id) through time: which share series and which capacity unit are charted.
    History {
        stage: String,
        series: usize,
        unit: usize,
    },
    /// The plants of a stage; the scroll position is the selected row.
    Plants,
    /// A stage (by id) against demand, year by year, with the what-if.
    Balance {
        stage: String,
    },
    /// What the last reload changed.
    Changes,
    /// Every status message of the session, newest last.
    Log,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Distinguishes messages so a timer only clears the one it was set for.
    pub serial: u64,
}

/// Everything `update` may change that shows on screen; equal before and after means no redraw.
#[derive(Debug, Clone, PartialEq)]
struct ViewKey {
    focus: Pane,
    overlay: Option<Overlay>,
    overlay_scroll: usize,
    cursors: [ListCursor; 4],
    block: usize,
    country: Option<usize>,
    bottom: BottomView,
    events_filtered: bool,
    subject: Option<EntityRef>,
    card_scroll: usize,
    message: Option<u64>,
    size: (u16, u16),
    what_if: u64,
    search: Option<(String, ListCursor)>,
    as_of: Option<Date>,
    plants: Option<(crate::analysis::plants::PlantQuery, String)>,
    changes: u64,
    prompt: Option<(PromptStep, String, Option<String>)>,
}

pub struct App {
    /// Shared, so the loaded model is kept as `base` without a copy when read as of a date.
    pub model: Arc<Model>,
    pub derived: Derived,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub stages: ListCursor,
    pub firms: ListCursor,
    pub shares: ListCursor,
    /// Which share block of the selected stage is shown.
    pub block: usize,
    /// When set, the firms pane lists firms in this country instead of at the stage.
    pub country: Option<usize>,
    pub bottom: BottomView,
    pub events: ListCursor,
    /// Events of the selection only (true) or all events.
    pub events_filtered: bool,
    /// Event indices shown in the events pane, newest first.
    pub event_rows: Vec<usize>,
    /// What the detail card shows.
    pub subject: Option<EntityRef>,
    pub card: Doc,
    pub card_scroll: usize,
    /// Furthest the card scrolls and still fills the pane, for the current card and size.
    pub card_max_scroll: usize,
    /// The selection the events are filtered by (never an event itself).
    pub event_context: Option<EntityRef>,
    pub message: Option<Message>,
    message_serial: u64,
    /// Every message said, oldest first, so none is lost when the bar cuts or clears it.
    pub log: Vec<LogEntry>,
    /// The wall-clock time messages are stamped with, kept current by the loop.
    pub clock: String,
    /// Today's date, kept current by the loop, so the status bar can say how old the model is.
    pub today: Option<Date>,
    /// Problems of the last failed load while an older model stays on screen.
    pub load_error: Option<LoadError>,
    pub file_removed: bool,
    /// Why saves are no longer picked up, when they are not.
    pub reloads_off: Option<String>,
    /// Models replaced or no longer wanted, for the loop to drop off the UI thread (freeing a
    /// large model takes longer than a frame).
    pub retired: Vec<Arc<Model>>,
    /// Countries excluded in the what-if, and what follows from it.
    pub what_if: WhatIf,
    /// The search box, while open.
    pub search: Option<SearchBox>,
    /// The plants view, once opened (it keeps its sort and filters).
    pub plants: Option<PlantsView>,
    /// Built when search first opens on the current model.
    search_index: Option<SearchIndex>,
    /// The date the model is read at, when not its own; `model` is then read from `base`.
    pub as_of: Option<Date>,
    /// The model as loaded, while `model` shows it as of an earlier date.
    pub base: Option<Arc<Model>>,
    /// The date the model is being read at off the UI thread, until it arrives.
    pub reading: Option<Date>,
    /// Names the newest read asked for; answers to older ones are dropped.
    read_serial: u64,
    /// Models with fewer entities are read as of a date at once, larger ones off the UI thread.
    pub read_inline_below: usize,
    /// What the last reload changed, until the next reload or `C`.
    pub changes: Option<Changes>,
    comparing: Comparing,
    /// The model that reload replaced, as loaded, until its changes arrive.
    previous: Option<Arc<Model>>,
    changes_revision: u64,
    /// The status-line prompt of `w`, while open.
    pub prompt: Option<Prompt>,
    /// Source URLs are drawn as OSC 8 hyperlinks (a real terminal; not test backends).
    pub hyperlinks: bool,
}

impl App {
    pub fn new(model: Model, theme: Theme, width: u16, height: u16) -> App {
        let derived = Derived::new(&model);
        App::with_derived(model, derived, theme, width, height)
    }

    /// [`App::new`] with the model's display data built already (off the UI thread).
    pub fn with_derived(
        model: Model,
        derived: Derived,
        theme: Theme,
        width: u16,
        height: u16,
    ) -> App {
        let mut app = App {
            model: Arc::new(model),
            derived,
            theme,
            width,
            height,
            focus: Pane::Stages,
            overlay: None,
            overlay_scroll: 0,
            stages: ListCursor::default(),
            firms: ListCursor::default(),
            shares: ListCursor::default(),
            block: 0,
            country: None,
            bottom: BottomView::Card,
            events: ListCursor::default(),
            events_filtered: true,
            event_rows: Vec::new(),
            subject: None,
            card: Doc::default(),
            card_scroll: 0,
            card_max_scroll: 0,
            event_context: None,
            message: None,
            message_serial: 0,
            log: Vec::new(),
            clock: String::new(),
            today: None,
            load_error: None,
            file_removed: false,
            reloads_off: None,
            retired: Vec::new(),
            what_if: WhatIf::default(),
            search: None,
            search_index: None,
            as_of: None,
            base: None,
            reading: None,
            read_serial: 0,
            read_inline_below: time::INLINE_READ_LIMIT,
            changes: None,
            comparing: Comparing::Idle,
            previous: None,
            changes_revision: 0,
            plants: None,
            prompt: None,
            hyperlinks: false,
        };
        app.block = app.headline_block();
        app.follow_focus();
        app
    }

    fn view_key(&self) -> ViewKey {
        ViewKey {
            focus: self.focus,
            overlay: self.overlay.clone(),
            overlay_scroll: self.overlay_scroll,
            cursors: [self.stages, self.firms, self.shares, self.events],
            block: self.block,
            country: self.country,
            bottom: self.bottom,
            events_filtered: self.events_filtered,
            subject: self.subject,
            card_scroll: self.card_scroll,
            message: self.message.as_ref().map(|m| m.serial),
            size: (self.width, self.height),
            what_if: self.what_if.revision,
            search: self.search.as_ref().map(|s| (s.query.clone(), s.cursor)),
            as_of: self.as_of,
            plants: self
                .plants
                .as_ref()
                .map(|v| (v.query.clone(), v.stage_id.clone())),
            changes: self.changes_revision,
            prompt: self
                .prompt
                .as_ref()
                .map(|p| (p.step.clone(), p.input.clone(), p.note.clone())),
        }
    }

    /// Applies one action. Returns what the loop must do, `Effect::None` when nothing shown
    /// changed.
    pub fn update(&mut self, action: Action) -> Effect {
        let before = self.view_key();
        let always_redraw = matches!(
            action,
            Action::Loaded(_)
                | Action::Dated { .. }
                | Action::FileRemoved
                | Action::ReloadsOff(_)
                | Action::Resize { .. }
        );
        let effect = self.apply(action);
        match effect {
            Effect::None if always_redraw || self.view_key() != before => Effect::Redraw,
            other => other,
        }
    }

    /// What the prompt, the search box or an open overlay make of an action, when they
    /// take it.
    fn apply_modal(&mut self, action: &Action) -> Option<Effect> {
        if let Some(effect) = self.apply_prompt(action) {
            return Some(effect);
        }
        if self.search.is_some() && self.apply_search(action) {
            return Some(Effect::None);
        }
        if let Some(effect) = self.overlay_effect(action) {
            return Some(effect);
        }
        (self.overlay.is_some() && self.apply_overlay(action)).then_some(Effect::None)
    }

    fn apply(&mut self, action: Action) -> Effect {
        if let Some(effect) = self.apply_modal(&action) {
            return effect;
        }
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_page(-1),
            Action::PageDown => self.move_page(1),
            Action::First => self.move_selection(isize::MIN / 2),
            Action::Last => self.move_selection(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::NextBlock => self.cycle_block(1),
            Action::PrevBlock => self.cycle_block(-1),
            Action::ToggleEvents => self.toggle_events(),
            Action::ToggleEventFilter => self.toggle_event_filter(),
            Action::ShowSource => self.show_sources(),
            Action::Search => self.open_search(),
            // Only the open search box and the open prompt take text.
            Action::SearchInput(_)
            | Action::SearchPaste(_)
            | Action::SearchBackspace
            | Action::SearchClear
            | Action::PromptInput(_)
            | Action::PromptPaste(_)
            | Action::PromptBackspace => {}
            Action::ShowProblems => self.open_overlay(Overlay::Problems),
            Action::Help => self.open_overlay(Overlay::Help),
            Action::ShowLog => self.show_log(),
            Action::Suspend => return Effect::Suspend,
            Action::ToggleExclusion => self.toggle_exclusion(),
            Action::ClearExclusions => self.clear_exclusions(),
            Action::ShowRoutes => self.show_routes(),
            Action::DateStep { .. }
            | Action::DateReset
            | Action::Dated { .. }
            | Action::ShowChanges
            | Action::ClearChanges
            | Action::Changes(_) => return self.apply_time(action),
            Action::ShowHistory => self.show_history(),
            Action::ShowBalance => self.show_balance(),
            Action::ShowPlants => self.show_plants(),
            Action::CycleExclusionMode => self.cycle_exclusion_mode(),
            // Only the open plants view sorts and filters.
            Action::PlantsSort
            | Action::PlantsReverse
            | Action::PlantsStatus
            | Action::PlantsProduct => self.say("P opens the plants of the stage first", false),
            Action::Reload => return self.reload(),
            Action::Copy => return Effect::Copy(self.focused_export().markdown),
            Action::CopyCitation => return self.copy_citation(),
            Action::WriteView => self.open_write_prompt(),
            Action::OpenUrl => return self.open_url(),
            Action::Written(outcome) => self.written(outcome),
            Action::ClipboardFailed { tool, why, osc52 } => {
                self.clipboard_failed(&tool, &why, osc52);
            }
            Action::Edit => return self.edit(),
            Action::Quit => return Effect::Quit,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.wheel(column, row, -WHEEL_STEP),
            Action::ScrollDown { column, row } => self.wheel(column, row, WHEEL_STEP),
            Action::ExpireMessage(serial) => self.expire_message(serial),
            Action::Loaded(result) => return self.loaded(*result),
            Action::FileRemoved => self.file_gone(),
            Action::ReloadsOff(why) => self.stop_reloads(why),
        }
        Effect::None
    }

    /// Moves the selection a pane's height up (-1) or down (1).
    fn move_page(&mut self, direction: isize) {
        let page = self.pane_rows(self.focus) as isize;
        self.move_selection(direction * page);
    }

    pub fn say(&mut self, text: &str, error: bool) {
        self.message_serial += 1;
        self.message = Some(Message {
            text: text.to_string(),
            error,
            serial: self.message_serial,
        });
        self.record(text, error);
    }

    fn expire_message(&mut self, serial: u64) {
        if self.message.as_ref().is_some_and(|m| m.serial == serial) {
            self.message = None;
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.fit_all();
        self.overlay_scroll = self
            .overlay_scroll
            .min(self.overlay_len().saturating_sub(1));
    }
}
