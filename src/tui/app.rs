//! The app's state and its one way to change: `update(Action) -> Effect`. No I/O, no
//! terminal; everything the renderer needs that depends only on the model is computed once in
//! [`Derived`] when a model is set.

mod search;

use ratatui::layout::{Position, Rect};

use super::action::{Action, Effect};
use super::theme::Theme;
use super::ui::layout::{self, Areas};
use super::whatif::WhatIf;
use crate::card::{self, Card, clean};
use crate::model::{EntityRef, LoadError, Model, Origin, ShareBlock, Source};
use crate::search::SearchIndex;
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

/// A window drawn over the panes; it takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The sources behind what was selected when it opened.
    Source(Vec<usize>),
    /// Every problem of the last failed load, or the model's warnings.
    Problems,
    /// Ore-to-magnet routes for the current exclusions.
    Routes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Distinguishes messages so a timer only clears the one it was set for.
    pub serial: u64,
}

/// A selection in a list and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Selects `index` (clamped) and scrolls so it is visible in `height` rows.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = if len == 0 { 0 } else { index.min(len - 1) };
        self.fit(len, height);
    }

    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, len, height);
    }

    /// Keeps the selection visible and the window inside the list.
    pub fn fit(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// Display data that depends only on the model, built once per model.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Firms active at each stage, sorted by name.
    pub stage_firms: Vec<Vec<usize>>,
    /// Firms with a facility or headquarters in each country, sorted by name.
    pub country_firms: Vec<Vec<usize>>,
    /// Per stage: the share block shown first, the latest up to the model's date (later
    /// years are projections).
    pub headline_block: Vec<usize>,
    /// Per stage: leading country and share of its headline block, as `CN 69%`.
    pub stage_lead: Vec<String>,
    /// Per firm: its countries' codes, as `AU MY`.
    pub firm_codes: Vec<String>,
    /// Per stage, per share block: `2024 · mine production`.
    pub block_heading: Vec<Vec<String>>,
    /// Per stage, per share block: `HHI 5,005 · top-3 85%`.
    pub block_summary: Vec<Vec<String>>,
    pub event_dates: Vec<String>,
    /// `5 stages · 6 firms · …`
    pub counts: String,
    /// The file name, or `embedded`.
    pub model_name: String,
}

impl Derived {
    pub fn new(m: &Model) -> Derived {
        // Each firm's place in name order, computed once; the lists then sort by integer.
        let mut order: Vec<usize> = (0..m.firms.len()).collect();
        order.sort_by_cached_key(|&f| (m.firms[f].name.to_lowercase(), f));
        let mut rank = vec![0u32; m.firms.len()];
        for (r, &f) in order.iter().enumerate() {
            rank[f] = r as u32;
        }
        let by_name = |list: &[usize]| {
            let mut sorted = list.to_vec();
            sorted.sort_unstable_by_key(|&f| rank[f]);
            sorted
        };
        let headline_block: Vec<usize> = m
            .stages
            .iter()
            .map(|s| headline(&s.shares, &m.sources, m.as_of.year))
            .collect();
        let stage_lead = m
            .stages
            .iter()
            .zip(&headline_block)
            .map(|(s, &h)| {
                s.shares
                    .get(h)
                    .and_then(|b| b.percents.first())
                    .map(|&(c, p)| format!("{} {p:.0}%", clean(&m.countries[c].code)))
                    .unwrap_or_default()
            })
            .collect();
        let firm_codes = m
            .firms
            .iter()
            .map(|f| {
                let codes: Vec<&str> = f
                    .countries
                    .iter()
                    .map(|&c| m.countries[c].code.as_str())
                    .collect();
                clean(&codes.join(" ")).into_owned()
            })
            .collect();
        let block_heading = m
            .stages
            .iter()
            .map(|s| {
                s.shares
                    .iter()
                    .map(|b| match b.year {
                        Some(y) => format!("{y} · {}", clean(&b.metric)),
                        None => clean(&b.metric).into_owned(),
                    })
                    .collect()
            })
            .collect();
        let block_summary = m
            .stages
            .iter()
            .map(|s| s.shares.iter().map(concentration).collect())
            .collect();
        let model_name = match &m.origin {
            Origin::Embedded => "embedded".to_string(),
            Origin::File(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into()),
        };
        Derived {
            headline_block,
            stage_firms: m.stages.iter().map(|s| by_name(&s.firms)).collect(),
            country_firms: m.countries.iter().map(|c| by_name(&c.firms)).collect(),
            stage_lead,
            firm_codes,
            block_heading,
            block_summary,
            event_dates: m.events.iter().map(|e| e.date.to_string()).collect(),
            counts: format!(
                "{} stages · {} firms · {} facilities · {} events",
                m.stages.len(),
                m.firms.len(),
                m.facilities.len(),
                m.events.len()
            ),
            model_name: clean(&model_name).into_owned(),
        }
    }
}

/// The block to show first: the latest year not after `now`, the first such in file order.
/// A block without a year counts as of its source's publication year: a share stated in a 2025
/// commentary is newer than a 2010 split.
fn headline(blocks: &[ShareBlock], sources: &[Source], now: u16) -> usize {
    let mut best: Option<(u16, usize)> = None;
    for (i, b) in blocks.iter().enumerate() {
        let year = b
            .year
            .or_else(|| sources.get(b.source).and_then(|s| s.year))
            .unwrap_or(0);
        if year <= now && best.is_none_or(|(y, _)| year > y) {
            best = Some((year, i));
        }
    }
    best.map_or(0, |(_, i)| i)
}

/// Herfindahl–Hirschman index and top-3 share of a block, as the shares pane shows them.
fn concentration(b: &ShareBlock) -> String {
    let c = crate::analysis::concentration::concentration(b);
    format!("HHI {} · top-3 {:.0}%", card::number(c.hhi.round()), c.top3)
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
}

pub struct App {
    pub model: Model,
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
    pub card: Card,
    pub card_scroll: usize,
    /// Furthest the card scrolls and still fills the pane, for the current card and size.
    pub card_max_scroll: usize,
    /// The selection the events are filtered by (never an event itself).
    pub event_context: Option<EntityRef>,
    pub message: Option<Message>,
    message_serial: u64,
    /// Problems of the last failed load while an older model stays on screen.
    pub load_error: Option<LoadError>,
    pub file_removed: bool,
    /// The model a reload replaced, for the loop to drop off the UI thread (freeing a large
    /// model takes longer than a frame).
    pub retired: Option<Model>,
    /// Countries excluded in the what-if, and what follows from it.
    pub what_if: WhatIf,
    /// The search box, while open.
    pub search: Option<SearchBox>,
    /// Built when search first opens on the current model.
    search_index: Option<SearchIndex>,
}

const WHEEL_STEP: isize = 3;

impl App {
    pub fn new(model: Model, theme: Theme, width: u16, height: u16) -> App {
        let derived = Derived::new(&model);
        let mut app = App {
            model,
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
            card: Card {
                title: String::new(),
                lines: Vec::new(),
                sources: Vec::new(),
            },
            card_scroll: 0,
            card_max_scroll: 0,
            event_context: None,
            message: None,
            message_serial: 0,
            load_error: None,
            file_removed: false,
            retired: None,
            what_if: WhatIf::default(),
            search: None,
            search_index: None,
        };
        app.block = app.headline_block();
        app.follow_focus();
        app
    }

    /// The pane geometry for the current size, or None when the terminal is too small.
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(
            self.width,
            self.height,
            self.bottom,
            self.banner().is_some(),
        )
    }

    /// The one-line banner over the status bar: the first problem of a failed reload.
    pub fn banner(&self) -> Option<String> {
        if self.file_removed {
            return Some("file removed; showing the last good model".into());
        }
        let err = self.load_error.as_ref()?;
        let first = err.errors().next().or(err.problems.first())?;
        let count = err.errors().count();
        let more = if count > 1 {
            format!(" (+{} more; p lists them)", count - 1)
        } else {
            String::new()
        };
        Some(format!("{first}{more}"))
    }

    fn headline_block(&self) -> usize {
        self.selected_stage()
            .map_or(0, |s| self.derived.headline_block[s])
    }

    pub fn selected_stage(&self) -> Option<usize> {
        (self.stages.selected < self.model.stages.len()).then_some(self.stages.selected)
    }

    /// The firms pane's rows: firms at the stage, or in the chosen country.
    pub fn firm_rows(&self) -> &[usize] {
        match (self.country, self.selected_stage()) {
            (Some(c), _) => self.derived.country_firms.get(c).map_or(&[], Vec::as_slice),
            (None, Some(s)) => &self.derived.stage_firms[s],
            (None, None) => &[],
        }
    }

    pub fn selected_firm(&self) -> Option<usize> {
        self.firm_rows().get(self.firms.selected).copied()
    }

    pub fn current_block(&self) -> Option<&ShareBlock> {
        self.model
            .stages
            .get(self.selected_stage()?)?
            .shares
            .get(self.block)
    }

    /// The shares pane's rows: country index and percent, largest first.
    pub fn share_rows(&self) -> &[(usize, f64)] {
        self.current_block().map_or(&[], |b| b.percents.as_slice())
    }

    pub fn selected_country_row(&self) -> Option<usize> {
        self.share_rows().get(self.shares.selected).map(|&(c, _)| c)
    }

    pub fn selected_event(&self) -> Option<usize> {
        self.event_rows.get(self.events.selected).copied()
    }

    /// Panes that are on screen, in Tab order.
    fn visible_panes(&self) -> Vec<Pane> {
        let mut panes = vec![Pane::Stages, Pane::Firms, Pane::Shares];
        if let Some(a) = self.areas() {
            if a.detail.is_some() {
                panes.push(Pane::Detail);
            }
            if a.events.is_some() {
                panes.push(Pane::Events);
            }
        } else {
            panes.push(match self.bottom {
                BottomView::Card => Pane::Detail,
                BottomView::Events => Pane::Events,
            });
        }
        panes
    }

    /// Rows a pane shows at once, for keeping the selection in view.
    pub fn pane_rows(&self, pane: Pane) -> usize {
        let Some(a) = self.areas() else { return 1 };
        match pane {
            Pane::Stages => layout::inner_rows(a.stages),
            Pane::Firms => layout::inner_rows(a.firms),
            Pane::Shares => layout::share_rows(a.shares),
            Pane::Detail => a.detail.map_or(1, layout::inner_rows),
            Pane::Events => a.events.map_or(1, layout::inner_rows),
        }
        .max(1)
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
        }
    }

    /// Applies one action. Returns what the loop must do, `Effect::None` when nothing shown
    /// changed.
    pub fn update(&mut self, action: Action) -> Effect {
        let before = self.view_key();
        let always_redraw = matches!(
            action,
            Action::Loaded(_) | Action::FileRemoved | Action::Resize { .. }
        );
        let effect = self.apply(action);
        match effect {
            Effect::None if always_redraw || self.view_key() != before => Effect::Redraw,
            other => other,
        }
    }

    fn apply(&mut self, action: Action) -> Effect {
        if self.search.is_some() && self.apply_search(&action) {
            return Effect::None;
        }
        if self.overlay.is_some() && self.apply_overlay(&action) {
            return Effect::None;
        }
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => {
                let page = self.pane_rows(self.focus) as isize;
                self.move_selection(-page);
            }
            Action::PageDown => {
                let page = self.pane_rows(self.focus) as isize;
                self.move_selection(page);
            }
            Action::First => self.move_selection(isize::MIN / 2),
            Action::Last => self.move_selection(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::NextBlock => self.cycle_block(1),
            Action::PrevBlock => self.cycle_block(-1),
            Action::ToggleEvents => self.toggle_events(),
            Action::ToggleEventFilter => {
                self.events_filtered = !self.events_filtered;
                self.refresh_events();
                let what = if self.events_filtered {
                    "events of the selection"
                } else {
                    "all events"
                };
                self.say(what, false);
            }
            Action::ShowSource => self.show_sources(),
            Action::Search => self.open_search(),
            // Only the open search box takes text.
            Action::SearchInput(_)
            | Action::SearchPaste(_)
            | Action::SearchBackspace
            | Action::SearchClear => {}
            Action::ShowProblems => self.open_overlay(Overlay::Problems),
            Action::Help => self.open_overlay(Overlay::Help),
            Action::ToggleExclusion => self.toggle_exclusion(),
            Action::ClearExclusions => self.clear_exclusions(),
            Action::ShowRoutes => self.show_routes(),
            Action::Reload => return self.reload(),
            Action::Copy => {
                self.say("card copied to the clipboard, with its sources", false);
                return Effect::Copy(self.card.to_plain_text());
            }
            Action::Edit => return self.edit(),
            Action::Quit => return Effect::Quit,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.fit_all();
            }
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.wheel(column, row, -WHEEL_STEP),
            Action::ScrollDown { column, row } => self.wheel(column, row, WHEEL_STEP),
            Action::ExpireMessage(serial) => {
                if self.message.as_ref().is_some_and(|m| m.serial == serial) {
                    self.message = None;
                }
            }
            Action::Loaded(result) => match *result {
                Ok(model) => {
                    self.load_error = None;
                    self.file_removed = false;
                    self.set_model(model);
                    self.say("reloaded", false);
                }
                Err(err) => {
                    self.file_removed = false;
                    let count = err.errors().count();
                    self.load_error = Some(err);
                    self.say(
                        &format!(
                            "reload failed: {count} problem{}; keeping the last good model",
                            crate::cli::plural(count)
                        ),
                        true,
                    );
                    self.fit_all();
                }
            },
            Action::FileRemoved => {
                self.file_removed = true;
                self.fit_all();
            }
        }
        Effect::None
    }

    /// Keys while an overlay is open. Returns true when the overlay consumed the action.
    fn apply_overlay(&mut self, action: &Action) -> bool {
        let len = self.overlay_len();
        let page = self.height.saturating_sub(6).max(1) as usize;
        let scroll = |s: &mut usize, delta: isize| {
            *s = s.saturating_add_signed(delta).min(len.saturating_sub(1));
        };
        match action {
            Action::Up => scroll(&mut self.overlay_scroll, -1),
            Action::Down => scroll(&mut self.overlay_scroll, 1),
            Action::PageUp => scroll(&mut self.overlay_scroll, -(page as isize)),
            Action::PageDown => scroll(&mut self.overlay_scroll, page as isize),
            Action::First => self.overlay_scroll = 0,
            Action::Last => self.overlay_scroll = len.saturating_sub(1),
            Action::Back | Action::Open | Action::Click { .. } => self.overlay = None,
            Action::Help if self.overlay == Some(Overlay::Help) => self.overlay = None,
            Action::ShowSource if matches!(self.overlay, Some(Overlay::Source(_))) => {
                self.overlay = None
            }
            Action::ShowProblems if self.overlay == Some(Overlay::Problems) => self.overlay = None,
            Action::ShowRoutes if self.overlay == Some(Overlay::Routes) => self.overlay = None,
            // Everything else (quit, resize, reload results, other overlays) acts as usual.
            _ => return false,
        }
        true
    }

    /// Lines of content in the open overlay, for clamping its scroll.
    fn overlay_len(&self) -> usize {
        match &self.overlay {
            Some(Overlay::Help) => super::keymap::help_rows().len() + 2,
            Some(Overlay::Source(list)) => list.len() * 7,
            Some(Overlay::Problems) => self.problem_list().len().max(1),
            Some(Overlay::Routes) => super::ui::routes::line_count(self),
            None => 0,
        }
    }

    /// The problems the overlay lists: the failed load's, else the model's warnings.
    pub fn problem_list(&self) -> &[crate::model::Problem] {
        match &self.load_error {
            Some(e) => &e.problems,
            None => &self.model.warnings,
        }
    }

    fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
    }

    pub fn say(&mut self, text: &str, error: bool) {
        self.message_serial += 1;
        self.message = Some(Message {
            text: text.to_string(),
            error,
            serial: self.message_serial,
        });
    }

    fn move_selection(&mut self, delta: isize) {
        let rows = self.pane_rows(self.focus);
        match self.focus {
            Pane::Stages => {
                let before = self.stages.selected;
                self.stages.move_by(delta, self.model.stages.len(), rows);
                if self.stages.selected != before {
                    self.stage_changed();
                }
            }
            Pane::Firms => {
                let len = self.firm_rows().len();
                self.firms.move_by(delta, len, rows);
            }
            Pane::Shares => {
                let len = self.share_rows().len();
                self.shares.move_by(delta, len, rows);
            }
            Pane::Detail => {
                self.card_scroll = self
                    .card_scroll
                    .saturating_add_signed(delta)
                    .min(self.card_max_scroll);
            }
            Pane::Events => {
                let len = self.event_rows.len();
                self.events.move_by(delta, len, rows);
            }
        }
        self.follow_focus();
    }

    /// A new stage resets what hangs off it: its blocks and firm list.
    fn stage_changed(&mut self) {
        self.block = self.headline_block();
        self.shares = ListCursor::default();
        if self.country.is_none() {
            self.firms = ListCursor::default();
        }
    }

    /// Points the detail card at the focused pane's selection.
    fn follow_focus(&mut self) {
        let subject = match self.focus {
            Pane::Stages => self.selected_stage().map(EntityRef::Stage),
            Pane::Firms => self
                .selected_firm()
                .map(EntityRef::Firm)
                .or(self.country.map(EntityRef::Country))
                .or(self.selected_stage().map(EntityRef::Stage)),
            Pane::Shares => self
                .selected_country_row()
                .map(EntityRef::Country)
                .or(self.selected_stage().map(EntityRef::Stage)),
            Pane::Detail => self.subject,
            Pane::Events => self.selected_event().map(EntityRef::Event),
        };
        if subject.is_some() && subject != self.subject {
            self.set_subject(subject);
        }
        if self.subject.is_none() {
            // An empty model: keep a card that says what there is.
            self.card = Card {
                title: self.model.title.clone(),
                lines: vec![vec![(
                    crate::card::Role::Dim,
                    "no stages in this model".to_string(),
                )]],
                sources: Vec::new(),
            };
        }
    }

    pub(super) fn set_subject(&mut self, subject: Option<EntityRef>) {
        self.subject = subject;
        self.card_scroll = 0;
        if let Some(e) = subject {
            self.card = card::card(&self.model, e);
            self.what_if.annotate(&self.model, e, &mut self.card);
            self.card_max_scroll = self.compute_card_max_scroll();
            if !matches!(e, EntityRef::Event(_)) && self.event_context != Some(e) {
                self.event_context = Some(e);
                self.refresh_events();
            }
        }
    }

    /// Recomputes the events pane's rows for the context and filter.
    fn refresh_events(&mut self) {
        let m = &self.model;
        let all = || m.events_by_date.clone();
        let rows = match (self.events_filtered, self.event_context) {
            (false, _) | (true, None) => all(),
            (true, Some(EntityRef::Firm(f))) => m.firms[f].events.clone(),
            (true, Some(EntityRef::Element(e))) => {
                m.elements[e].events.iter().rev().copied().collect()
            }
            (true, Some(ctx)) => {
                let keep = |e: usize| -> bool {
                    let ev = &m.events[e];
                    match ctx {
                        EntityRef::Country(c) => {
                            ev.countries.contains(&c)
                                || ev.parties.iter().any(|&p| {
                                    let f = m.party_firm(p);
                                    m.firms[f].hq == c || m.firms[f].countries.contains(&c)
                                })
                        }
                        EntityRef::Stage(s) => ev
                            .parties
                            .iter()
                            .any(|&p| m.firms[m.party_firm(p)].stages.contains(&s)),
                        EntityRef::Facility(x) => ev.parties.iter().any(|&p| {
                            p == crate::model::Party::Facility(x)
                                || p == crate::model::Party::Firm(m.facilities[x].firm)
                        }),
                        EntityRef::Source(s) => ev.source == s || ev.see_also.contains(&s),
                        EntityRef::Link(l) => {
                            let link = &m.links[l];
                            let ends = [m.party_firm(link.from), m.party_firm(link.to)];
                            ev.parties.iter().any(|&p| ends.contains(&m.party_firm(p)))
                        }
                        _ => true,
                    }
                };
                m.events_by_date
                    .iter()
                    .copied()
                    .filter(|&e| keep(e))
                    .collect()
            }
        };
        self.event_rows = rows;
        let height = self.pane_rows(Pane::Events);
        self.events.select(0, self.event_rows.len(), height);
    }

    fn focus_pane(&mut self, pane: Pane) {
        if pane == Pane::Events && self.areas().is_some_and(|a| a.events.is_none()) {
            self.bottom = BottomView::Events;
        }
        if pane == Pane::Detail && self.areas().is_some_and(|a| a.detail.is_none()) {
            self.bottom = BottomView::Card;
        }
        self.focus = pane;
        self.follow_focus();
    }

    fn cycle_pane(&mut self, step: isize) {
        let panes = self.visible_panes();
        let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
        let next = (at as isize + step).rem_euclid(panes.len() as isize) as usize;
        self.focus_pane(panes[next]);
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Stages => self.focus_pane(Pane::Firms),
            Pane::Firms => {
                if self.selected_firm().is_some() {
                    self.focus_pane(Pane::Detail);
                }
            }
            Pane::Shares => {
                if let Some(c) = self.selected_country_row() {
                    self.country = Some(c);
                    let rows = self.pane_rows(Pane::Firms);
                    self.firms.select(0, self.firm_rows().len(), rows);
                    self.focus_pane(Pane::Firms);
                }
            }
            Pane::Detail => {}
            Pane::Events => {
                if let Some(e) = self.selected_event() {
                    self.focus_pane(Pane::Detail);
                    self.set_subject(Some(EntityRef::Event(e)));
                }
            }
        }
    }

    fn back(&mut self) {
        if self.message.is_some() && self.message.as_ref().is_some_and(|m| m.error) {
            self.message = None;
            return;
        }
        match self.focus {
            Pane::Detail | Pane::Events => self.focus_pane(Pane::Firms),
            Pane::Firms if self.country.is_some() => {
                self.country = None;
                self.firms = ListCursor::default();
                self.focus_pane(Pane::Shares);
            }
            Pane::Firms | Pane::Shares => self.focus_pane(Pane::Stages),
            Pane::Stages => {}
        }
    }

    fn cycle_block(&mut self, step: isize) {
        let Some(s) = self.selected_stage() else {
            return;
        };
        let n = self.model.stages[s].shares.len();
        if n < 2 {
            self.say("this stage has one share block", false);
            return;
        }
        self.block = (self.block as isize + step).rem_euclid(n as isize) as usize;
        let rows = self.pane_rows(Pane::Shares);
        let len = self.share_rows().len();
        self.shares.select(self.shares.selected, len, rows);
        self.follow_focus();
    }

    fn toggle_events(&mut self) {
        let wide = self
            .areas()
            .is_some_and(|a| a.detail.is_some() && a.events.is_some());
        if wide {
            let target = if self.focus == Pane::Events {
                Pane::Detail
            } else {
                Pane::Events
            };
            self.focus_pane(target);
            return;
        }
        self.bottom = match self.bottom {
            BottomView::Card => BottomView::Events,
            BottomView::Events => BottomView::Card,
        };
        match (self.bottom, self.focus) {
            (BottomView::Events, Pane::Detail) => self.focus_pane(Pane::Events),
            (BottomView::Card, Pane::Events) => self.focus_pane(Pane::Detail),
            _ => {}
        }
        self.fit_all();
    }

    /// The first card line that, wrapped to the detail pane, still lets the rest fill it.
    fn compute_card_max_scroll(&self) -> usize {
        let Some(rect) = self.areas().and_then(|a| a.detail) else {
            return 0;
        };
        // Borders and one column of padding on each side.
        let width = rect.width.saturating_sub(4) as usize;
        let rows = layout::inner_rows(rect);
        let mut used = 0;
        for (i, line) in self.card.lines.iter().enumerate().rev() {
            used += wrapped_height(line, width);
            if used > rows {
                return i + 1;
            }
        }
        0
    }

    /// The sources behind the focused selection.
    pub fn context_sources(&self) -> Vec<usize> {
        match self.focus {
            Pane::Shares => self
                .current_block()
                .map(|b| vec![b.source])
                .unwrap_or_default(),
            Pane::Events => self
                .selected_event()
                .map(|e| {
                    let ev = &self.model.events[e];
                    let mut v = vec![ev.source];
                    v.extend(ev.see_also.iter().filter(|&&s| s != ev.source));
                    v
                })
                .unwrap_or_default(),
            _ => self.card.sources.clone(),
        }
    }

    fn show_sources(&mut self) {
        let sources = self.context_sources();
        if sources.is_empty() {
            self.say("nothing selected cites a source", false);
        } else {
            self.open_overlay(Overlay::Source(sources));
        }
    }

    fn reload(&mut self) -> Effect {
        match self.model.origin {
            Origin::File(_) => {
                self.say("reloading…", false);
                Effect::Reload
            }
            Origin::Embedded => {
                self.say(
                    "the built-in model does not change; nothing to reload",
                    false,
                );
                Effect::None
            }
        }
    }

    fn edit(&mut self) -> Effect {
        let Origin::File(path) = &self.model.origin else {
            self.say(
                "the built-in model is read-only: `rechain init chain.yaml`, then `rechain chain.yaml`",
                false,
            );
            return Effect::None;
        };
        let line = self.subject.map_or(1, |e| self.model.entity_line(e)).max(1);
        Effect::Edit {
            path: path.clone(),
            line,
        }
    }

    fn fit_all(&mut self) {
        let rows = |p| self.pane_rows(p);
        let (rs, rf, rsh, re) = (
            rows(Pane::Stages),
            rows(Pane::Firms),
            rows(Pane::Shares),
            rows(Pane::Events),
        );
        let (ns, nf, nsh, ne) = (
            self.model.stages.len(),
            self.firm_rows().len(),
            self.share_rows().len(),
            self.event_rows.len(),
        );
        self.stages.select(self.stages.selected, ns, rs);
        self.firms.select(self.firms.selected, nf, rf);
        self.shares.select(self.shares.selected, nsh, rsh);
        self.events.select(self.events.selected, ne, re);
        self.card_max_scroll = self.compute_card_max_scroll();
        self.card_scroll = self.card_scroll.min(self.card_max_scroll);
        if !self.visible_panes().contains(&self.focus) {
            self.focus = Pane::Stages;
        }
    }

    /// Which pane is at a screen position, and the list row under it, if any.
    fn hit(&self, column: u16, row: u16) -> Option<(Pane, Option<usize>)> {
        let a = self.areas()?;
        let at = Position::new(column, row);
        let list_row = |r: Rect, top: u16, rows: usize, offset: usize| {
            let first = r.y + 1 + top;
            (row >= first && ((row - first) as usize) < rows)
                .then(|| offset + (row - first) as usize)
        };
        let panes = [
            (Pane::Stages, Some(a.stages)),
            (Pane::Firms, Some(a.firms)),
            (Pane::Shares, Some(a.shares)),
            (Pane::Detail, a.detail),
            (Pane::Events, a.events),
        ];
        let (pane, rect) = panes
            .into_iter()
            .find_map(|(p, r)| r.filter(|r| r.contains(at)).map(|r| (p, r)))?;
        let index = match pane {
            Pane::Stages => list_row(rect, 0, layout::inner_rows(rect), self.stages.offset),
            Pane::Firms => list_row(rect, 0, layout::inner_rows(rect), self.firms.offset),
            Pane::Shares => list_row(rect, 1, layout::share_rows(rect), self.shares.offset),
            Pane::Events => list_row(rect, 0, layout::inner_rows(rect), self.events.offset),
            Pane::Detail => None,
        };
        Some((pane, index))
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some((pane, index)) = self.hit(column, row) else {
            return;
        };
        if self.focus != pane {
            self.focus_pane(pane);
        }
        if let Some(i) = index {
            let current = match pane {
                Pane::Stages => self.stages.selected,
                Pane::Firms => self.firms.selected,
                Pane::Shares => self.shares.selected,
                Pane::Events => self.events.selected,
                Pane::Detail => i,
            };
            self.move_selection(i as isize - current as isize);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let Some((pane, _)) = self.hit(column, row) else {
            return;
        };
        if self.focus != pane {
            self.focus_pane(pane);
        }
        self.move_selection(delta);
    }

    /// Swaps in a new model, keeping selections by id (or the nearest row when an entity is
    /// gone).
    pub fn set_model(&mut self, model: Model) {
        let old = std::mem::replace(&mut self.model, model);
        let new = &self.model;
        let stage_id = self.selected_stage().map(|s| old.stages[s].id.clone());
        let firm_id = old_firm(
            &old,
            &self.derived,
            self.country,
            self.stages.selected,
            self.firms.selected,
        );
        let country_code = self
            .country
            .and_then(|c| old.countries.get(c))
            .map(|c| c.code.clone());
        let share_code = self
            .current_block_in(&old)
            .and_then(|b| b.percents.get(self.shares.selected))
            .map(|&(c, _)| old.countries[c].code.clone());
        let subject = self.subject.and_then(|e| relocate(&old, new, e));
        let context = self.event_context.and_then(|e| relocate(&old, new, e));
        let event = self
            .selected_event()
            .and_then(|e| relocate(&old, new, EntityRef::Event(e)));

        self.derived = Derived::new(&self.model);
        self.what_if.carry_over(&old, &self.model, &self.derived);
        self.search_index = None;
        self.refresh_search();
        let m = &self.model;
        if let Some(i) = stage_id.and_then(|id| m.stage(&id)) {
            self.stages.selected = i;
        }
        self.country = country_code.and_then(|c| m.country(&c));
        self.block = self.block.min(
            self.selected_stage()
                .map_or(0, |s| m.stages[s].shares.len().saturating_sub(1)),
        );
        self.stages.select(
            self.stages.selected,
            m.stages.len(),
            self.pane_rows(Pane::Stages),
        );
        if let Some(i) = firm_id
            .and_then(|id| self.model.firm(&id))
            .and_then(|f| self.firm_rows().iter().position(|&x| x == f))
        {
            self.firms.selected = i;
        }
        if let Some(i) = share_code
            .and_then(|c| self.model.country(&c))
            .and_then(|c| self.share_rows().iter().position(|&(x, _)| x == c))
        {
            self.shares.selected = i;
        }
        self.event_context = context;
        self.refresh_events();
        if let Some(EntityRef::Event(e)) = event
            && let Some(i) = self.event_rows.iter().position(|&x| x == e)
        {
            self.events.selected = i;
        }
        self.fit_all();

        let scroll = self.card_scroll;
        self.subject = None;
        match (self.focus, subject) {
            (Pane::Detail, Some(s)) => self.set_subject(Some(s)),
            (Pane::Detail, None) => {
                // The card's entity is gone: show the firm list's nearest row instead.
                self.focus = Pane::Firms;
                self.follow_focus();
            }
            _ => self.follow_focus(),
        }
        // Keep the reader's place in a card that survived the reload.
        if subject.is_some() && self.subject == subject {
            self.card_scroll = scroll.min(self.card_max_scroll);
        }
        self.retired = Some(old);
    }

    fn current_block_in<'m>(&self, m: &'m Model) -> Option<&'m ShareBlock> {
        m.stages.get(self.stages.selected)?.shares.get(self.block)
    }
}

/// Rows a card line takes when wrapped at word boundaries to `width` cells.
pub fn wrapped_height(line: &card::CardLine, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    if width == 0 {
        return 1;
    }
    let mut rows = 1;
    let mut col = 0;
    for (_, text) in line {
        for (i, word) in text.split(' ').enumerate() {
            let w = word.width();
            let gap = usize::from(i > 0);
            if col + gap + w <= width {
                col += gap + w;
            } else if w <= width {
                rows += 1;
                col = w;
            } else {
                // A word longer than the line is broken across rows.
                let total = col + gap + w;
                rows += total / width;
                col = total % width;
            }
        }
    }
    rows
}

fn old_firm(
    old: &Model,
    derived: &Derived,
    country: Option<usize>,
    stage: usize,
    row: usize,
) -> Option<String> {
    let rows = match country {
        Some(c) => derived.country_firms.get(c)?,
        None => derived.stage_firms.get(stage)?,
    };
    rows.get(row).map(|&f| old.firms[f].id.clone())
}

/// The same entity in a reloaded model: by id where it has one, by content for events and links.
pub fn relocate(old: &Model, new: &Model, e: EntityRef) -> Option<EntityRef> {
    match e {
        EntityRef::Event(i) => {
            let ev = old.events.get(i)?;
            new.events
                .iter()
                .position(|n| n.date == ev.date && n.title == ev.title)
                .map(EntityRef::Event)
        }
        EntityRef::Link(i) => {
            let l = old.links.get(i)?;
            let (from, to) = (old.party_id(l.from), old.party_id(l.to));
            new.links
                .iter()
                .position(|n| {
                    n.kind == l.kind && new.party_id(n.from) == from && new.party_id(n.to) == to
                })
                .map(EntityRef::Link)
        }
        _ => {
            let id = old.entity_id(e);
            let found = new.lookup(&id)?;
            // Ids are one namespace; only the same kind counts as the same entity.
            (std::mem::discriminant(&found) == std::mem::discriminant(&e)).then_some(found)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(year: Option<u16>) -> ShareBlock {
        ShareBlock {
            year,
            metric: "m".into(),
            source: 0,
            unit: None,
            total: None,
            values: Vec::new(),
            percents: Vec::new(),
            note: None,
        }
    }

    #[test]
    fn headline_is_the_latest_block_not_in_the_future() {
        let blocks = [
            block(Some(2023)),
            block(Some(2025)),
            block(Some(2035)),
            block(Some(2025)),
            block(None),
        ];
        let sources = [Source {
            id: "s".into(),
            publisher: "P".into(),
            title: "T".into(),
            year: Some(2024),
            url: None,
            accessed: None,
            seen: None,
            date: None,
            kind: None,
            quotes: None,
            primary: None,
            note: None,
        }];
        assert_eq!(headline(&blocks, &sources, 2026), 1);
        assert_eq!(
            headline(&blocks, &sources, 2024),
            4,
            "undated block counts as of its source"
        );
        assert_eq!(headline(&blocks[..4], &sources, 2024), 0);
        assert_eq!(headline(&[block(None)], &[], 2026), 0);
        assert_eq!(headline(&[], &sources, 2026), 0);
    }

    #[test]
    fn list_cursor_keeps_the_selection_in_view() {
        let mut c = ListCursor::default();
        c.select(9, 10, 4);
        assert_eq!((c.selected, c.offset), (9, 6));
        c.move_by(-8, 10, 4);
        assert_eq!((c.selected, c.offset), (1, 1));
        c.select(50, 0, 4);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.select(3, 5, 10);
        assert_eq!((c.selected, c.offset), (3, 0));
    }
}
