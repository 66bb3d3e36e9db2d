//! Where everything goes for a terminal size: the panes, the search box and its rows, a
//! centred window. Pure geometry, read by drawing and by the app (mouse hit-testing, page
//! sizes), so a click lands on the row that was drawn there.

use ratatui::layout::Rect;

/// What the lower pane shows when the terminal is too narrow for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BottomView {
    #[default]
    Card,
    Events,
}

/// Below this the app shows a message instead of panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width the events timeline sits beside the detail card.
pub const WIDE: u16 = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub stages: Rect,
    pub firms: Rect,
    pub shares: Rect,
    pub detail: Option<Rect>,
    pub events: Option<Rect>,
    pub banner: Option<Rect>,
    pub status: Rect,
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The panes for a terminal of `width` x `height`, or None when it is too small.
pub fn areas(width: u16, height: u16, bottom: BottomView, banner: bool) -> Option<Areas> {
    if too_small(width, height) {
        return None;
    }
    let status = Rect::new(0, height - 1, width, 1);
    let banner = banner.then(|| Rect::new(0, height - 2, width, 1));
    let main_height = height - 1 - u16::from(banner.is_some());

    let left = (width * 3 / 10).clamp(22, 32);
    let stages = Rect::new(0, 0, left, main_height);
    let right_x = left;
    let right_w = width - left;
    let top_h = (main_height * 9 / 20).max(7);
    let firms_w = right_w / 2;
    let firms = Rect::new(right_x, 0, firms_w, top_h);
    let shares = Rect::new(right_x + firms_w, 0, right_w - firms_w, top_h);
    let bottom_area = Rect::new(right_x, top_h, right_w, main_height - top_h);

    let (detail, events) = if width >= WIDE {
        let detail_w = bottom_area.width * 11 / 20;
        (
            Some(Rect {
                width: detail_w,
                ..bottom_area
            }),
            Some(Rect {
                x: bottom_area.x + detail_w,
                width: bottom_area.width - detail_w,
                ..bottom_area
            }),
        )
    } else {
        match bottom {
            BottomView::Card => (Some(bottom_area), None),
            BottomView::Events => (None, Some(bottom_area)),
        }
    };
    Some(Areas {
        stages,
        firms,
        shares,
        detail,
        events,
        banner,
        status,
    })
}

/// Rows available for list items inside a bordered pane.
pub fn inner_rows(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// Rows for country bars in the shares pane: its border, a heading and a summary line.
pub fn share_rows(area: Rect) -> usize {
    area.height.saturating_sub(4) as usize
}

/// The search box: at most this wide and high.
const SEARCH_MAX_WIDTH: u16 = 100;
pub const SEARCH_MAX_HEIGHT: u16 = 24;
/// Rows above the results inside the search box's border: the query and a rule.
pub const SEARCH_HEADER_ROWS: u16 = 2;

/// Where the search box goes: near the top, centred, at most 100 x 24.
pub fn search_box(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(SEARCH_MAX_WIDTH);
    let height = area.height.saturating_sub(2).min(SEARCH_MAX_HEIGHT);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + u16::from(area.height > height),
        width,
        height,
    )
}

/// Where the result rows go inside the search box on a screen of `area`.
pub fn search_results(area: Rect) -> Rect {
    let rect = search_box(area);
    let inner = Rect::new(
        rect.x + 1,
        rect.y + 1,
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    );
    Rect::new(
        inner.x,
        inner.y + SEARCH_HEADER_ROWS.min(inner.height),
        inner.width,
        inner.height.saturating_sub(SEARCH_HEADER_ROWS),
    )
}

/// Result rows the search box shows on a screen `height` rows high.
pub fn search_rows(height: u16) -> usize {
    let box_height = height.saturating_sub(2).min(SEARCH_MAX_HEIGHT);
    usize::from(box_height.saturating_sub(2 + SEARCH_HEADER_ROWS)).max(1)
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width
        .min(area.width.saturating_sub(4))
        .max(1)
        .min(area.width);
    let h = height
        .min(area.height.saturating_sub(2))
        .max(1)
        .min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [(60, 15), (80, 24), (120, 40), (200, 60)] {
            let a = areas(w, h, BottomView::Card, true).unwrap();
            let mut panes = vec![a.stages, a.firms, a.shares, a.status, a.banner.unwrap()];
            panes.extend(a.detail);
            panes.extend(a.events);
            let cells: u32 = panes.iter().map(|r| r.area()).sum();
            assert_eq!(cells, u32::from(w) * u32::from(h), "{w}x{h}");
            for (i, p) in panes.iter().enumerate() {
                for q in &panes[i + 1..] {
                    assert!(!p.intersects(*q), "{w}x{h}: {p:?} overlaps {q:?}");
                }
            }
        }
        assert!(areas(59, 24, BottomView::Card, false).is_none());
        assert!(areas(0, 0, BottomView::Card, false).is_none());
    }

    #[test]
    fn the_search_results_sit_inside_the_box_and_show_its_rows() {
        for (w, h) in [(60, 15), (80, 24), (120, 40), (20, 5)] {
            let screen = Rect::new(0, 0, w, h);
            let results = search_results(screen);
            assert!(search_box(screen).contains(results.as_position()) || results.area() == 0);
            if h >= 8 {
                assert_eq!(usize::from(results.height), search_rows(h), "{w}x{h}");
            }
        }
    }
}
