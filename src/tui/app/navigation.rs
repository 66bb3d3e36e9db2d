//! Panes, focus and the selection in each list.

use super::{App, BottomView, ListCursor, Pane};
use crate::model::{CountryId, EntityRef, EventId, FirmId, ShareBlock, StageId};
use crate::present::doc::Doc;
use crate::tui::geometry::{self, Areas, Border};

impl App {
    /// The pane geometry for the current size, or None when the terminal is too small.
    pub fn areas(&self) -> Option<Areas> {
        geometry::areas(
            self.width,
            self.height,
            self.panes.bottom,
            self.banner().is_some(),
            self.panes.split,
        )
    }

    /// Narrows (-1) or widens (1) the focused pane by moving the border it shares with its
    /// neighbour; the card and the timeline, when one of them fills the lower right, move
    /// the stages pane's border.
    pub(super) fn resize_pane(&mut self, delta: i16) {
        let Some(a) = self.areas() else {
            self.unchanged();
            return;
        };
        let side_by_side = a.detail.is_some() && a.events.is_some();
        let (border, toward) = match self.panes.focus {
            Pane::Stages => (Border::Stages, delta),
            Pane::Firms => (Border::Firms, delta),
            Pane::Shares => (Border::Firms, -delta),
            Pane::Detail if side_by_side => (Border::Detail, delta),
            Pane::Events if side_by_side => (Border::Detail, -delta),
            Pane::Detail | Pane::Events => (Border::Stages, -delta),
        };
        match self
            .panes
            .split
            .moved(border, toward, self.width, self.height)
        {
            Some(split) => {
                self.panes.split = split;
                self.fit_all();
            }
            None if delta > 0 => self.say("the pane is as wide as it gets here", false),
            None => self.say("the pane is as narrow as it gets here", false),
        }
    }

    pub(super) fn headline_block(&self) -> usize {
        self.selected_stage()
            .map_or(0, |s| self.loaded.derived.headline_block[s])
    }

    pub fn selected_stage(&self) -> Option<StageId> {
        self.stage_rows().get(self.panes.stages.selected).copied()
    }

    /// Firms at the stage, or in the chosen country, before the firms' filter.
    pub fn all_firm_rows(&self) -> &[FirmId] {
        match (self.country_scope(), self.selected_stage()) {
            (Some(c), _) => self
                .loaded
                .derived
                .country_firms
                .get(c.index())
                .map_or(&[], Vec::as_slice),
            (None, Some(s)) => &self.loaded.derived.stage_firms[s],
            (None, None) => &[],
        }
    }

    /// The country the firms pane lists, when it lists one (a country of the model shown).
    pub fn country_scope(&self) -> Option<CountryId> {
        self.panes
            .country
            .as_ref()
            .and_then(|c| self.loaded.current(c))
            .copied()
    }

    /// Lists the firms of `country` (of the model shown) in the firms pane, or those of the
    /// stage.
    pub(super) fn set_country_scope(&mut self, country: Option<CountryId>) {
        self.panes.country = country.map(|c| self.loaded.stamp(c));
    }

    pub fn selected_firm(&self) -> Option<FirmId> {
        self.firm_rows().get(self.panes.firms.selected).copied()
    }

    pub fn current_block(&self) -> Option<&ShareBlock> {
        self.loaded
            .model
            .get_stage(self.selected_stage()?)?
            .shares
            .get(self.panes.block)
    }

    /// The shares pane's rows: country and percent, largest first, those its filter keeps.
    pub fn share_rows(&self) -> Vec<(CountryId, f64)> {
        let all = self
            .current_block()
            .map_or(&[][..], |b| b.percents.as_slice());
        match self.kept_shares() {
            Some(kept) => kept.iter().filter_map(|&i| all.get(i).copied()).collect(),
            None => all.to_vec(),
        }
    }

    pub fn selected_country_row(&self) -> Option<CountryId> {
        self.share_rows()
            .get(self.panes.shares.selected)
            .map(|&(c, _)| c)
    }

    pub fn selected_event(&self) -> Option<EventId> {
        self.panes
            .event_rows
            .get(self.panes.events.selected)
            .copied()
    }

    /// Panes that are on screen, in Tab order.
    pub(super) fn visible_panes(&self) -> Vec<Pane> {
        let mut panes = vec![Pane::Stages, Pane::Firms, Pane::Shares];
        if let Some(a) = self.areas() {
            if a.detail.is_some() {
                panes.push(Pane::Detail);
            }
            if a.events.is_some() {
                panes.push(Pane::Events);
            }
        } else {
            panes.push(match self.panes.bottom {
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
            Pane::Stages => geometry::inner_rows(a.stages),
            Pane::Firms => geometry::inner_rows(a.firms),
            Pane::Shares => geometry::share_rows(a.shares),
            Pane::Detail => a.detail.map_or(1, geometry::inner_rows),
            Pane::Events => a.events.map_or(1, geometry::inner_rows),
        }
        .max(1)
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let before = self.selection_mark();
        self.move_selection_by(delta);
        if self.selection_mark() == before {
            self.unchanged();
        }
    }

    /// What a move can change: the cursors, the card's scroll and subject.
    fn selection_mark(&self) -> ([ListCursor; 4], usize, Option<EntityRef>) {
        (self.panes.cursors(), self.card.scroll, self.subject())
    }

    fn move_selection_by(&mut self, delta: isize) {
        let rows = self.pane_rows(self.panes.focus);
        match self.panes.focus {
            Pane::Stages => {
                let before = self.panes.stages.selected;
                self.panes
                    .stages
                    .move_by(delta, self.stage_rows().len(), rows);
                if self.panes.stages.selected != before {
                    self.stage_changed();
                }
            }
            Pane::Firms => {
                let len = self.firm_rows().len();
                self.panes.firms.move_by(delta, len, rows);
            }
            Pane::Shares => {
                let len = self.share_rows().len();
                self.panes.shares.move_by(delta, len, rows);
            }
            Pane::Detail => {
                self.card.scroll_by(delta);
            }
            Pane::Events => {
                let len = self.panes.event_rows.len();
                self.panes.events.move_by(delta, len, rows);
            }
        }
        self.follow_focus();
    }

    /// A new stage resets what hangs off it: its blocks and firm list.
    pub(super) fn stage_changed(&mut self) {
        self.panes.block = self.headline_block();
        self.panes.shares = ListCursor::default();
        if self.country_scope().is_none() {
            self.panes.firms = ListCursor::default();
        }
    }

    /// Points the detail card at the focused pane's selection.
    pub(super) fn follow_focus(&mut self) {
        let subject = match self.panes.focus {
            Pane::Stages => self.selected_stage().map(EntityRef::Stage),
            Pane::Firms => self
                .selected_firm()
                .map(EntityRef::Firm)
                .or(self.country_scope().map(EntityRef::Country))
                .or(self.selected_stage().map(EntityRef::Stage)),
            Pane::Shares => self
                .selected_country_row()
                .map(EntityRef::Country)
                .or(self.selected_stage().map(EntityRef::Stage)),
            Pane::Detail => self.subject(),
            Pane::Events => self.selected_event().map(EntityRef::Event),
        };
        if subject.is_some() && subject != self.subject() {
            self.set_subject(subject);
        }
        if self.subject().is_none() {
            // An empty model: keep a card that says what there is.
            self.card.doc = Doc {
                title: self.loaded.model.title().to_owned(),
                blocks: vec![crate::present::doc::Block::Line(vec![(
                    crate::present::doc::Role::Dim,
                    "no stages in this model".to_string(),
                )])],
                sources: Vec::new(),
            };
        }
    }

    pub(super) fn focus_pane(&mut self, pane: Pane) {
        if pane == Pane::Events && self.areas().is_some_and(|a| a.events.is_none()) {
            self.panes.bottom = BottomView::Events;
        }
        if pane == Pane::Detail && self.areas().is_some_and(|a| a.detail.is_none()) {
            self.panes.bottom = BottomView::Card;
        }
        self.panes.focus = pane;
        self.follow_focus();
    }

    pub(super) fn cycle_pane(&mut self, step: isize) {
        let panes = self.visible_panes();
        let at = panes
            .iter()
            .position(|&p| p == self.panes.focus)
            .unwrap_or(0);
        let next = (at as isize + step).rem_euclid(panes.len() as isize) as usize;
        self.focus_pane(panes[next]);
    }

    pub(super) fn open(&mut self) {
        match self.panes.focus {
            Pane::Stages => self.focus_pane(Pane::Firms),
            Pane::Firms => {
                if self.selected_firm().is_some() {
                    self.focus_pane(Pane::Detail);
                }
            }
            Pane::Shares => {
                if let Some(c) = self.selected_country_row() {
                    self.set_country_scope(Some(c));
                    let rows = self.pane_rows(Pane::Firms);
                    self.panes.firms.select(0, self.firm_rows().len(), rows);
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

    pub(super) fn back(&mut self) {
        // Esc first clears an error, so it is read before the view moves.
        if self.status.clear_if(|m| m.error) {
            return;
        }
        match self.panes.focus {
            Pane::Detail | Pane::Events => self.focus_pane(Pane::Firms),
            Pane::Firms if self.country_scope().is_some() => {
                self.set_country_scope(None);
                self.panes.firms = ListCursor::default();
                self.focus_pane(Pane::Shares);
            }
            Pane::Firms | Pane::Shares => self.focus_pane(Pane::Stages),
            Pane::Stages => {}
        }
    }

    pub(super) fn cycle_block(&mut self, step: isize) {
        let Some(s) = self.selected_stage() else {
            return;
        };
        let n = self.loaded.model.stage(s).shares.len();
        if n < 2 {
            self.say("this stage has one share block", false);
            return;
        }
        self.panes.block = (self.panes.block as isize + step).rem_euclid(n as isize) as usize;
        let rows = self.pane_rows(Pane::Shares);
        let len = self.share_rows().len();
        self.panes
            .shares
            .select(self.panes.shares.selected, len, rows);
        self.follow_focus();
    }

    pub(super) fn fit_all(&mut self) {
        let rows = |p| self.pane_rows(p);
        let (rs, rf, rsh, re) = (
            rows(Pane::Stages),
            rows(Pane::Firms),
            rows(Pane::Shares),
            rows(Pane::Events),
        );
        let (ns, nf, nsh, ne) = (
            self.stage_rows().len(),
            self.firm_rows().len(),
            self.share_rows().len(),
            self.panes.event_rows.len(),
        );
        self.panes.stages.select(self.panes.stages.selected, ns, rs);
        self.panes.firms.select(self.panes.firms.selected, nf, rf);
        self.panes
            .shares
            .select(self.panes.shares.selected, nsh, rsh);
        self.panes.events.select(self.panes.events.selected, ne, re);
        self.card.max_scroll = self.compute_card_max_scroll();
        self.card.scroll = self.card.scroll.min(self.card.max_scroll);
        if !self.visible_panes().contains(&self.panes.focus) {
            self.panes.focus = Pane::Stages;
        }
    }
}
