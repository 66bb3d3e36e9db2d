//! The events pane: which events it lists and where it sits.

use super::{App, BottomView, Pane};

impl App {
    /// Recomputes the events pane's rows, newest first, for the context, the selection-or-all
    /// switch and what `/` typed.
    pub(super) fn refresh_events(&mut self) {
        let m = &self.loaded.model;
        let mut rows = match (self.panes.events_filtered, self.event_context()) {
            (false, _) | (true, None) => m.events_by_date().to_vec(),
            (true, Some(ctx)) => m.events_of(ctx),
        };
        self.filters.events_all = rows.len();
        if self.filters.events.is_on() {
            rows.retain(|&e| self.event_kept(e));
        }
        self.panes.event_rows = rows;
        let height = self.pane_rows(Pane::Events);
        self.panes
            .events
            .select(0, self.panes.event_rows.len(), height);
    }

    pub(super) fn toggle_event_filter(&mut self) {
        self.panes.events_filtered = !self.panes.events_filtered;
        self.refresh_events();
        let what = if self.panes.events_filtered {
            "events of the selection"
        } else {
            "all events"
        };
        self.say(what, false);
    }

    /// Shows the events timeline and gives it the keys.
    pub(super) fn show_timeline(&mut self) {
        if self.panes.focus == Pane::Events {
            return;
        }
        let shown = self.areas().is_some_and(|a| {
            a.events.is_some() && (a.detail.is_some() || self.panes.bottom == BottomView::Events)
        });
        if !shown {
            self.panes.bottom = BottomView::Events;
            self.fit_all();
        }
        self.focus_pane(Pane::Events);
    }

    pub(super) fn toggle_events(&mut self) {
        let wide = self
            .areas()
            .is_some_and(|a| a.detail.is_some() && a.events.is_some());
        if wide {
            let target = if self.panes.focus == Pane::Events {
                Pane::Detail
            } else {
                Pane::Events
            };
            self.focus_pane(target);
            return;
        }
        self.panes.bottom = match self.panes.bottom {
            BottomView::Card => BottomView::Events,
            BottomView::Events => BottomView::Card,
        };
        match (self.panes.bottom, self.panes.focus) {
            (BottomView::Events, Pane::Detail) => self.focus_pane(Pane::Events),
            (BottomView::Card, Pane::Events) => self.focus_pane(Pane::Detail),
            _ => {}
        }
        self.fit_all();
    }
}
