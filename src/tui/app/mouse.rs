//! Clicks and the wheel: which pane and row are under the pointer.

use ratatui::layout::{Position, Rect};

use super::{App, Pane};
use crate::tui::geometry;

pub(super) const WHEEL_STEP: isize = 3;

impl App {
    /// Which pane is at a screen position, and the list row under it, if any.
    pub(super) fn hit(&self, column: u16, row: u16) -> Option<(Pane, Option<usize>)> {
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
            Pane::Stages => list_row(
                rect,
                0,
                geometry::inner_rows(rect),
                self.panes.stages.offset,
            ),
            Pane::Firms => list_row(rect, 0, geometry::inner_rows(rect), self.panes.firms.offset),
            Pane::Shares => list_row(
                rect,
                1,
                geometry::share_rows(rect),
                self.panes.shares.offset,
            ),
            Pane::Events => list_row(
                rect,
                0,
                geometry::inner_rows(rect),
                self.panes.events.offset,
            ),
            Pane::Detail => None,
        };
        Some((pane, index))
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some((pane, index)) = self.hit(column, row) else {
            return;
        };
        if self.panes.focus != pane {
            self.focus_pane(pane);
        }
        if let Some(i) = index {
            let current = match pane {
                Pane::Stages => self.panes.stages.selected,
                Pane::Firms => self.panes.firms.selected,
                Pane::Shares => self.panes.shares.selected,
                Pane::Events => self.panes.events.selected,
                Pane::Detail => i,
            };
            self.move_selection(i as isize - current as isize);
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let Some((pane, _)) = self.hit(column, row) else {
            return;
        };
        if self.panes.focus != pane {
            self.focus_pane(pane);
        }
        self.move_selection(delta);
    }
}
