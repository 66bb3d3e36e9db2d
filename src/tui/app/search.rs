//! The search box: typing narrows the results, Enter jumps to the chosen entity, Esc leaves
//! the view as it was.

use super::{App, ListCursor, ListId, Pane};
use crate::model::{EntityRef, FirmId, StageId};
use crate::search::{Hit, SearchIndex, SearchSession};
use crate::tui::command::Command;
use crate::tui::geometry::{search_box, search_results, search_rows};
use crate::tui::msg::Msg;
use ratatui::layout::{Position, Rect};

/// Results kept per query; more than a screen, fewer than a person would scroll.
const RESULTS: usize = 200;

/// Longest query the box takes, in chars.
const QUERY_CHARS: usize = 256;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchBox {
    pub query: String,
    /// Ranked results for `query` on the current model.
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    /// What the last keystrokes matched, so the next one narrows instead of starting over.
    pub session: SearchSession,
}

impl SearchBox {
    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.cursor.selected)
    }
}

impl App {
    pub(super) fn open_search(&mut self) {
        self.overlay.close();
        self.search = Some(SearchBox::default());
        self.refresh_search();
    }

    /// Keys while the box is open. Returns true when the box consumed the action.
    pub(super) fn apply_search(&mut self, msg: &Msg) -> bool {
        let rows = search_rows(self.height);
        let Some(search) = self.search.as_mut() else {
            return false;
        };
        let len = search.hits.len();
        match msg {
            Msg::Input(c) if !c.is_control() => {
                if search.query.chars().count() < QUERY_CHARS {
                    search.query.push(*c);
                    self.refresh_search();
                }
            }
            Msg::Input(_) => {}
            Msg::Paste(text) => {
                let room = QUERY_CHARS.saturating_sub(search.query.chars().count());
                search
                    .query
                    .extend(text.chars().filter(|c| !c.is_control()).take(room));
                self.refresh_search();
            }
            Msg::Command(Command::DeleteChar) => {
                search.query.pop();
                self.refresh_search();
            }
            Msg::Command(Command::ClearInput) => {
                search.query.clear();
                self.refresh_search();
            }
            Msg::Command(Command::Up) | Msg::ScrollUp { .. } => {
                search.cursor.move_by(-1, len, rows);
            }
            Msg::Command(Command::Down) | Msg::ScrollDown { .. } => {
                search.cursor.move_by(1, len, rows);
            }
            Msg::Command(Command::PageUp) => search.cursor.move_by(-(rows as isize), len, rows),
            Msg::Command(Command::PageDown) => search.cursor.move_by(rows as isize, len, rows),
            Msg::Command(Command::First) => search.cursor.select(0, len, rows),
            Msg::Command(Command::Last) => search.cursor.select(len.saturating_sub(1), len, rows),
            Msg::Command(Command::Open) => {
                if let Some(entity) = search.selected().map(|h| h.entity) {
                    self.search = None;
                    self.jump_to(entity);
                }
            }
            Msg::Click { column, row } => match self.search_row_at(*column, *row) {
                Some(i) => {
                    if let Some(entity) = self.search.as_ref().and_then(|s| s.hits.get(i)) {
                        let entity = entity.entity;
                        self.search = None;
                        self.jump_to(entity);
                    }
                }
                // Outside the box: close it, as Esc does.
                None if !self.inside_search_box(*column, *row) => self.search = None,
                None => {}
            },
            Msg::Command(Command::Back) => self.search = None,
            Msg::Resize { height, .. } => {
                search.cursor.fit(len, search_rows(*height));
                return false;
            }
            // Quit, reload results, messages and the rest act as usual.
            _ => return false,
        }
        true
    }

    fn inside_search_box(&self, column: u16, row: u16) -> bool {
        let screen = Rect::new(0, 0, self.width, self.height);
        search_box(screen).contains(Position::new(column, row))
    }

    /// The result under a screen position, if any.
    fn search_row_at(&self, column: u16, row: u16) -> Option<usize> {
        let search = self.search.as_ref()?;
        let results = search_results(Rect::new(0, 0, self.width, self.height));
        if !results.contains(Position::new(column, row)) {
            return None;
        }
        let i = search.cursor.offset + usize::from(row - results.y);
        (i < search.hits.len()).then_some(i)
    }

    /// Runs the box's query on the current model (building its index the first time).
    pub(super) fn refresh_search(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let index = if let Some(index) = &self.search_index {
            index
        } else {
            search.session = SearchSession::default();
            self.search_index
                .insert(SearchIndex::build(&self.loaded.model))
        };
        search.hits = search.session.search(index, &search.query, RESULTS, None);
        search.cursor = ListCursor::default();
    }

    /// Selects the result showing `entity`, when the box lists it.
    pub(super) fn select_hit(&mut self, entity: Option<EntityRef>) {
        let rows = search_rows(self.height);
        let Some(search) = self.search.as_mut() else {
            return;
        };
        if let Some(i) = entity.and_then(|e| search.hits.iter().position(|h| h.entity == e)) {
            search.cursor.select(i, search.hits.len(), rows);
        }
    }

    /// Shows an entity: selects its stage, firm or country in the panes and opens its card.
    pub fn jump_to(&mut self, entity: EntityRef) {
        // What is jumped to shows even where a pane's filter would hide it.
        for id in [ListId::Stages, ListId::Firms, ListId::Shares] {
            self.clear_filter(id);
        }
        let m = &self.loaded.model;
        match entity {
            EntityRef::Firm(f) if m.get_firm(f).is_some() => self.show_firm(f, None, entity),
            EntityRef::Facility(x) if m.get_facility(x).is_some() => {
                let facility = m.facility(x);
                let stage = facility.stages.first().copied();
                self.show_firm(facility.firm, stage, entity);
            }
            EntityRef::Stage(s) if m.get_stage(s).is_some() => {
                self.set_country_scope(None);
                self.select_stage(s);
                self.focus_pane(Pane::Stages);
            }
            EntityRef::Country(c) if m.get_country(c).is_some() => {
                self.set_country_scope(Some(c));
                let rows = self.pane_rows(Pane::Firms);
                self.panes.firms.select(0, self.firm_rows().len(), rows);
                self.open_card(entity);
            }
            EntityRef::Firm(_)
            | EntityRef::Facility(_)
            | EntityRef::Stage(_)
            | EntityRef::Country(_) => {}
            EntityRef::Element(_)
            | EntityRef::Event(_)
            | EntityRef::Link(_)
            | EntityRef::Source(_) => self.open_card(entity),
        }
    }

    /// Lists the firm where it works (`stage`, else its first stage, else its home country),
    /// selects it and opens the card of `subject` (the firm or one of its facilities).
    fn show_firm(&mut self, firm: FirmId, stage: Option<StageId>, subject: EntityRef) {
        let m = &self.loaded.model;
        match stage.or_else(|| m.firm(firm).stages.first().copied()) {
            Some(s) => {
                self.set_country_scope(None);
                self.select_stage(s);
            }
            None => self.set_country_scope(Some(m.firm(firm).hq)),
        }
        let row = self
            .firm_rows()
            .iter()
            .position(|&f| f == firm)
            .unwrap_or(0);
        let rows = self.pane_rows(Pane::Firms);
        self.panes.firms.select(row, self.firm_rows().len(), rows);
        self.open_card(subject);
    }

    fn select_stage(&mut self, stage: StageId) {
        let rows = self.pane_rows(Pane::Stages);
        let len = self.stage_rows().len();
        let at = self.stage_rows().iter().position(|&s| s == stage);
        if self.selected_stage() != Some(stage) {
            self.panes.stages.select(at.unwrap_or(0), len, rows);
            self.stage_changed();
        }
        self.panes.stages.select(at.unwrap_or(0), len, rows);
    }

    fn open_card(&mut self, subject: EntityRef) {
        self.focus_pane(Pane::Detail);
        self.set_subject(Some(subject));
    }
}
