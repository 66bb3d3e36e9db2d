//! The detail card: what it shows and how far it scrolls.

use super::App;
use crate::model::{EntityRef, Stamped};
use crate::present::card;
use crate::present::doc::{Doc, DocLine};
use crate::tui::geometry;

/// The card part of the app.
#[derive(Debug, Clone, Default)]
pub struct CardView {
    /// What the card shows, stamped with the model it belongs to: read through
    /// [`App::subject`], which refuses it once the model has changed.
    pub(super) subject: Option<Stamped<EntityRef>>,
    pub doc: Doc,
    pub scroll: usize,
    /// Furthest the card scrolls and still fills the pane, for the current card and size.
    pub max_scroll: usize,
    /// The selection the events are filtered by (never an event itself), stamped like
    /// `subject`: read through [`App::event_context`].
    pub(super) event_context: Option<Stamped<EntityRef>>,
}

impl CardView {
    /// Scrolls by `delta` rows, no further than still fills the pane.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll);
    }
}

impl App {
    /// What the card shows, when it belongs to the model shown (always, but across a change
    /// of model, until the card follows it).
    pub fn subject(&self) -> Option<EntityRef> {
        self.card
            .subject
            .as_ref()
            .and_then(|s| self.loaded.current(s))
            .copied()
    }

    /// The selection the events are filtered by, when it belongs to the model shown.
    pub fn event_context(&self) -> Option<EntityRef> {
        self.card
            .event_context
            .as_ref()
            .and_then(|s| self.loaded.current(s))
            .copied()
    }

    /// Filters the events by `context`, an entity of the model shown.
    pub(super) fn set_event_context(&mut self, context: Option<EntityRef>) {
        self.card.event_context = context.map(|e| self.loaded.stamp(e));
    }

    pub(in crate::tui) fn set_subject(&mut self, subject: Option<EntityRef>) {
        self.card.subject = subject.map(|e| self.loaded.stamp(e));
        self.card.scroll = 0;
        if let Some(e) = subject {
            self.card.doc = card::card(&self.loaded.model, e);
            self.what_if
                .annotate(&self.loaded.model, e, &mut self.card.doc);
            self.card.max_scroll = self.compute_card_max_scroll();
            if !matches!(e, EntityRef::Event(_)) && self.event_context() != Some(e) {
                self.set_event_context(Some(e));
                self.refresh_events();
            }
        }
    }

    /// The first card line that, wrapped to the detail pane, still lets the rest fill it.
    pub(super) fn compute_card_max_scroll(&self) -> usize {
        let Some(rect) = self.areas().and_then(|a| a.detail) else {
            return 0;
        };
        // Borders and one column of padding on each side.
        let width = rect.width.saturating_sub(4) as usize;
        let rows = geometry::inner_rows(rect);
        let mut used = 0;
        let lines = self.card.doc.lines(Some(width));
        for (i, line) in lines.iter().enumerate().rev() {
            used += wrapped_height(line, width);
            if used > rows {
                return i + 1;
            }
        }
        0
    }
}

/// Rows a card line takes when wrapped at word boundaries to `width` cells.
pub fn wrapped_height(line: &DocLine, width: usize) -> usize {
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
