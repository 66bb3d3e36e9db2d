//! A selection in a list and the window of rows shown around it.

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

    /// The rows shown of a list of `len` in `height` rows: the window from the offset.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let start = self.offset.min(len);
        start..len.min(start.saturating_add(height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_window_is_the_rows_from_the_offset() {
        let mut c = ListCursor::default();
        c.select(9, 10, 4);
        assert_eq!(c.window(10, 4), 6..10);
        assert_eq!(c.window(10, 20), 6..10);
        // A list shorter than the offset (it shrank since) shows nothing rather than panicking.
        assert_eq!(c.window(3, 4), 3..3);
        assert_eq!(ListCursor::default().window(0, 4), 0..0);
    }
}
