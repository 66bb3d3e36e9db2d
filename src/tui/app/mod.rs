//! The app's state and its one way to change: `update(Msg) -> Effect`. No I/O, no
//! terminal; everything the renderer needs that depends only on the model is computed once in
//! [`Derived`] when a model is set.

mod balance;
mod bound;
mod card;
mod changes;
pub mod command_line;
mod cursor;
mod derived;
mod events;
mod export;
mod filter;
mod mouse;
mod navigation;
pub mod overlay_text;
mod overlays;
mod plants;
mod prompt;
mod reload;
mod search;
mod settings;
mod status;
mod time;
mod whatif;

use super::command::Command;
use super::keymap::Mode;
use super::msg::{Effect, Msg};
use super::theme::Theme;
use std::sync::Arc;

use crate::model::{CountryId, EventId, Model, Stamped};
use crate::search::SearchIndex;
pub use crate::tui::geometry::BottomView;
pub use card::{CardView, wrapped_height};
use changes::Comparing;
pub use changes::{Changes, ReloadDiff};
pub use cursor::ListCursor;
pub use derived::Derived;
pub use export::ViewExport;
pub use filter::{Filter, Filters, ListFilter, ListId};
use mouse::WHEEL_STEP;
pub use plants::{PlantRows, PlantsView};
pub use prompt::{PendingWrite, Prompt, PromptStep};
pub use reload::relocate;
pub use search::SearchBox;
pub use status::{FileState, LogEntry, Message, Status};
pub use time::Dating;
pub use whatif::WhatIf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Stages,
    Firms,
    Shares,
    Detail,
    Events,
}

/// A window drawn over the panes; it takes the keys while open. Overlays name entities by id,
/// never by index, so they read any model the app changes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Every key binding; the rows whose keys or words hold `filter`.
    Help { filter: String },
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
    Balance { stage: String },
    /// Route cuts and each stage's concentration, with the what-if.
    Resilience,
    /// What the last reload changed.
    Changes,
    /// Every status message of the session, newest last.
    Log,
}

/// The panes part of the app: which pane has focus and the selection in each list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panes {
    pub focus: Pane,
    pub stages: ListCursor,
    pub firms: ListCursor,
    pub shares: ListCursor,
    /// Which share block of the selected stage is shown.
    pub block: usize,
    /// When set, the firms pane lists firms in this country instead of at the stage; stamped
    /// with its model and read through [`App::country_scope`].
    pub(super) country: Option<Stamped<CountryId>>,
    pub bottom: BottomView,
    /// Where the person has moved the pane borders.
    pub split: crate::tui::geometry::Split,
    pub events: ListCursor,
    /// Events of the selection only (true) or all events.
    pub events_filtered: bool,
    /// Events shown in the events pane, newest first.
    pub event_rows: Vec<EventId>,
}

impl Default for Panes {
    fn default() -> Panes {
        Panes {
            focus: Pane::Stages,
            stages: ListCursor::default(),
            firms: ListCursor::default(),
            shares: ListCursor::default(),
            block: 0,
            country: None,
            bottom: BottomView::Card,
            split: crate::tui::geometry::Split::default(),
            events: ListCursor::default(),
            events_filtered: true,
            event_rows: Vec::new(),
        }
    }
}

impl Panes {
    /// What a move can change: the four cursors.
    pub fn cursors(&self) -> [ListCursor; 4] {
        [self.stages, self.firms, self.shares, self.events]
    }
}

/// The overlay part of the app: which window is open over the panes, with its payload, and
/// its scroll position (a row of a list, or the first row of text shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlays {
    open: Option<Overlay>,
    scroll: usize,
}

impl Overlays {
    pub fn get(&self) -> Option<&Overlay> {
        self.open.as_ref()
    }

    pub fn get_mut(&mut self) -> Option<&mut Overlay> {
        self.open.as_mut()
    }

    /// Whether `overlay` is the one open.
    pub fn is(&self, overlay: &Overlay) -> bool {
        self.open.as_ref() == Some(overlay)
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Opens `overlay` at its top.
    pub fn open(&mut self, overlay: Overlay) {
        self.open = Some(overlay);
        self.scroll = 0;
    }

    pub fn close(&mut self) {
        self.open = None;
        self.scroll = 0;
    }

    pub fn set_scroll(&mut self, scroll: usize) {
        self.scroll = scroll;
    }

    /// Scrolls by `delta`, staying within `len` positions.
    pub fn scroll_by(&mut self, delta: isize, len: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// Keeps the scroll within `len` positions.
    pub fn clamp(&mut self, len: usize) {
        self.scroll = self.scroll.min(len.saturating_sub(1));
    }
}

/// Which overlay, without its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OverlayKind {
    Help,
    Source,
    Problems,
    Routes,
    History,
    Plants,
    Balance,
    Resilience,
    Changes,
    Log,
}

impl OverlayKind {
    pub fn of(overlay: &Overlay) -> OverlayKind {
        match overlay {
            Overlay::Help { .. } => OverlayKind::Help,
            Overlay::Source(_) => OverlayKind::Source,
            Overlay::Problems => OverlayKind::Problems,
            Overlay::Routes => OverlayKind::Routes,
            Overlay::History { .. } => OverlayKind::History,
            Overlay::Plants => OverlayKind::Plants,
            Overlay::Balance { .. } => OverlayKind::Balance,
            Overlay::Resilience => OverlayKind::Resilience,
            Overlay::Changes => OverlayKind::Changes,
            Overlay::Log => OverlayKind::Log,
        }
    }

    /// The command that opens the overlay, and closes it again.
    pub fn opened_by(self) -> Command {
        match self {
            OverlayKind::Help => Command::Help,
            OverlayKind::Source => Command::ShowSource,
            OverlayKind::Problems => Command::ShowProblems,
            OverlayKind::Routes => Command::ShowRoutes,
            OverlayKind::History => Command::ShowHistory,
            OverlayKind::Plants => Command::ShowPlants,
            OverlayKind::Balance => Command::ShowBalance,
            OverlayKind::Resilience => Command::ShowResilience,
            OverlayKind::Changes => Command::ShowChanges,
            OverlayKind::Log => Command::ShowLog,
        }
    }
}

/// The loaded part of the app: the model shown, what is drawn from it once per model, and
/// what the last reload changed. Swapping the model goes through [`Loaded::swap`], which
/// builds nothing else and hands back the model replaced.
pub struct Loaded {
    /// Shared, so the loaded model is kept as `base` without a copy when read as of a date.
    pub model: Arc<Model>,
    pub derived: Derived,
    /// What the last reload changed, until the next reload or `C`.
    pub changes: Option<Changes>,
}

impl Loaded {
    pub fn new(model: Arc<Model>, derived: Derived) -> Loaded {
        Loaded {
            model,
            derived,
            changes: None,
        }
    }

    /// Shows `model` with its display data; returns the model it replaces.
    pub fn swap(&mut self, model: Arc<Model>, derived: Derived) -> Arc<Model> {
        self.derived = derived;
        std::mem::replace(&mut self.model, model)
    }

    /// `id` stamped with the shown model's generation, to keep across a change of model.
    pub fn stamp<T>(&self, id: T) -> Stamped<T> {
        self.model.stamp(id)
    }

    /// What `stamped` holds when it names the shown model; None for an older model's.
    pub fn current<'s, T>(&self, stamped: &'s Stamped<T>) -> Option<&'s T> {
        self.model.current(stamped)
    }
}

pub struct App {
    /// The model shown, its display data and what the last reload changed.
    pub loaded: Loaded,
    pub theme: Theme,
    /// Keys the settings file moved.
    pub keys: crate::tui::keymap::Overrides,
    pub width: u16,
    pub height: u16,
    /// The panes: which has focus and the selection in each.
    pub panes: Panes,
    /// The window over the panes, if one is open, and how far it is scrolled.
    pub overlay: Overlays,
    /// The detail card: what it shows and how far it is scrolled.
    pub card: CardView,
    /// The status bar's message and the log of every message.
    pub status: Status,
    /// A failed load, a removed file, reloads off.
    pub file: FileState,
    /// Models replaced or no longer wanted, for the loop to drop off the UI thread (freeing a
    /// large model takes longer than a frame).
    retired: Vec<Arc<Model>>,
    /// Countries excluded in the what-if, and what follows from it.
    pub what_if: WhatIf,
    /// The search box, while open.
    pub search: Option<SearchBox>,
    /// The plants view, once opened (it keeps its sort and filters).
    pub plants: Option<PlantsView>,
    /// What `/` typed in each list, and the rows each keeps.
    pub filters: Filters,
    /// Built when search first opens on the current model.
    search_index: Option<SearchIndex>,
    /// The date the model is read at, and the model as loaded behind it.
    pub dating: Dating,
    comparing: Comparing,
    /// The model that reload replaced, as loaded, until its changes arrive.
    previous: Option<Arc<Model>>,
    /// The status-line prompt of `w`, while open.
    pub prompt: Option<Prompt>,
    /// The `:` command line and the lines run this session.
    pub command_line: command_line::CommandLine,
    /// Source URLs are drawn as OSC 8 hyperlinks (a real terminal; not test backends).
    hyperlinks: bool,
    /// Whether the message being handled changed what is shown.
    dirty: bool,
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
            loaded: Loaded::new(Arc::new(model), derived),
            theme,
            keys: crate::tui::keymap::Overrides::default(),
            width,
            height,
            panes: Panes::default(),
            overlay: Overlays::default(),
            card: CardView::default(),
            status: Status::default(),
            file: FileState::default(),
            retired: Vec::new(),
            what_if: WhatIf::default(),
            search: None,
            search_index: None,
            dating: Dating::default(),
            comparing: Comparing::Idle,
            previous: None,
            plants: None,
            filters: Filters::default(),
            prompt: None,
            command_line: command_line::CommandLine::default(),
            hyperlinks: false,
            dirty: true,
        };
        app.panes.block = app.headline_block();
        app.what_if.compute_first_short(&app.loaded.model);
        app.follow_focus();
        app
    }

    /// The app for a terminal that shows OSC 8 hyperlinks.
    #[must_use]
    pub fn with_hyperlinks(mut self) -> App {
        self.hyperlinks = true;
        self
    }

    /// Whether source URLs are drawn as hyperlinks.
    pub fn hyperlinks(&self) -> bool {
        self.hyperlinks
    }

    /// Takes over the messages `other` said (the app shown while the model loaded), before
    /// its own.
    pub fn keep_log_of(&mut self, other: &mut App) {
        self.status.keep_log_of(&mut other.status);
    }

    /// Models no longer wanted, for the caller to free (off the UI thread, for a large one).
    pub fn take_retired(&mut self) -> Vec<Arc<Model>> {
        std::mem::take(&mut self.retired)
    }

    /// How many models wait to be freed.
    pub fn retired_count(&self) -> usize {
        self.retired.len()
    }

    /// Applies one message. Returns what the loop must do, `Effect::None` when nothing shown
    /// changed.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Effect {
        // Every message redraws unless the part it reached knows it changed nothing: a part
        // that forgets to say so costs a frame, never a stale screen.
        self.dirty = true;
        let effect = self.apply(msg.into());
        self.refresh_kept();
        match effect {
            Effect::None if self.dirty => Effect::Redraw,
            other => other,
        }
    }

    /// Says that the message being handled changed nothing on screen.
    fn unchanged(&mut self) {
        self.dirty = false;
    }

    /// Who has the keys: the prompt, else the search box, else a filter being typed, else the
    /// open overlay, else the panes.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        if self.command_line.open.is_some() {
            return Mode::CommandLine;
        }
        self.hint_focus().mode()
    }

    /// What the prompt, the search box or an open overlay make of a message, when they
    /// take it.
    fn apply_modal(&mut self, msg: &Msg) -> Option<Effect> {
        if let Some(effect) = self.apply_prompt(msg) {
            return Some(effect);
        }
        if let Some(effect) = self.apply_command_line(msg) {
            return Some(effect);
        }
        if self.search.is_some() {
            let mark = |app: &App| app.search.as_ref().map(|s| (s.query.clone(), s.cursor));
            let before = mark(self);
            if self.apply_search(msg) {
                if mark(self) == before {
                    self.unchanged();
                }
                return Some(Effect::None);
            }
        }
        if let Some(effect) = self.apply_filter(msg) {
            return Some(effect);
        }
        if let Some(effect) = self.overlay_effect(msg) {
            return Some(effect);
        }
        (self.overlay.get().is_some() && self.apply_overlay(msg)).then_some(Effect::None)
    }

    fn apply(&mut self, msg: Msg) -> Effect {
        if let Some(effect) = self.apply_modal(&msg) {
            return effect;
        }
        match msg {
            Msg::Command(command) => return self.command(command),
            // Only the prompt, the search box and the filters take text.
            Msg::Input(_) | Msg::Paste(_) => self.unchanged(),
            Msg::Say { text, error } => self.say(&text, error),
            Msg::Clock(time) => {
                self.status.set_clock(time);
                self.unchanged();
            }
            Msg::Today(today) => {
                if !self.status.set_today(today) {
                    self.unchanged();
                }
            }
            Msg::Written(outcome) => self.written(outcome),
            Msg::ClipboardFailed { tool, why, osc52 } => {
                self.clipboard_failed(&tool, &why, osc52);
            }
            Msg::Resize { width, height } => self.resize(width, height),
            Msg::Click { column, row } => self.click(column, row),
            Msg::ScrollUp { column, row } => self.wheel(column, row, -WHEEL_STEP),
            Msg::ScrollDown { column, row } => self.wheel(column, row, WHEEL_STEP),
            Msg::ExpireMessage(serial) => self.expire_message(serial),
            Msg::Loaded(result) => return self.loaded(*result),
            Msg::FileRemoved => self.file_gone(),
            Msg::ReloadsOff(why) => self.stop_reloads(why),
            Msg::Dated { .. } | Msg::Changes(_) => return self.apply_time(msg),
        }
        Effect::None
    }

    /// Carries out a command on the panes (modes have had their turn).
    fn command(&mut self, command: Command) -> Effect {
        match command {
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::PageUp => self.move_page(-1),
            Command::PageDown => self.move_page(1),
            Command::First => self.move_selection(isize::MIN / 2),
            Command::Last => self.move_selection(isize::MAX / 2),
            Command::NextPane => self.cycle_pane(1),
            Command::PrevPane => self.cycle_pane(-1),
            Command::Open => self.open(),
            Command::Back => self.back(),
            Command::NextBlock => self.cycle_block(1),
            Command::PrevBlock => self.cycle_block(-1),
            Command::ToggleEvents => self.toggle_events(),
            Command::ToggleEventFilter => self.toggle_event_filter(),
            Command::NarrowPane => self.resize_pane(-1),
            Command::WidenPane => self.resize_pane(1),
            Command::ShowSource => self.show_sources(),
            Command::Search => self.open_search(),
            Command::CommandLine => self.open_command_line(),
            Command::Filter => self.say("/ filters a list; J jumps to anything by name", false),
            // Only what takes text deletes or completes it.
            Command::DeleteChar | Command::ClearInput | Command::Complete => self.unchanged(),
            Command::ShowProblems => self.open_overlay(Overlay::Problems),
            Command::Help => self.open_overlay(Overlay::Help {
                filter: String::new(),
            }),
            Command::ShowLog => self.show_log(),
            Command::Suspend => return Effect::Suspend,
            Command::ToggleExclusion => self.toggle_exclusion(),
            Command::ClearExclusions => self.clear_exclusions(),
            Command::ShowRoutes => self.show_routes(),
            Command::MonthEarlier
            | Command::MonthLater
            | Command::YearEarlier
            | Command::YearLater
            | Command::DateReset
            | Command::ShowChanges
            | Command::ClearChanges => return self.apply_time(Msg::Command(command)),
            Command::ShowHistory => self.show_history(),
            Command::ShowBalance => self.show_balance(),
            Command::ShowResilience => self.show_resilience(),
            Command::ShowPlants => self.show_plants(),
            Command::CycleExclusionMode => self.cycle_exclusion_mode(),
            // Only the open plants view sorts and filters.
            Command::PlantsSort
            | Command::PlantsReverse
            | Command::PlantsStatus
            | Command::PlantsProduct => self.say("P opens the plants of the stage first", false),
            Command::Reload => return self.reload(),
            Command::Copy => return Effect::Copy(self.focused_export().markdown),
            Command::CopyCitation => return self.copy_citation(),
            Command::WriteView => self.open_write_prompt(),
            Command::OpenUrl => return self.open_url(),
            Command::Edit => return self.edit(),
            Command::Quit => return Effect::Quit,
        }
        Effect::None
    }

    /// Moves the selection a pane's height up (-1) or down (1).
    fn move_page(&mut self, direction: isize) {
        let page = self.pane_rows(self.panes.focus) as isize;
        self.move_selection(direction * page);
    }

    pub fn say(&mut self, text: &str, error: bool) {
        self.status.say(text, error);
    }

    fn expire_message(&mut self, serial: u64) {
        if !self.status.expire(serial) {
            self.unchanged();
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.fit_all();
        self.overlay.clamp(self.overlay_len());
    }
}
