//! Where each pane goes for a terminal size. Pure geometry, shared by drawing and by mouse
//! hit-testing, so a click lands on the row that was drawn there.

use ratatui::layout::Rect;

use crate::tui::app::BottomView;

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
}
