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

/// The narrowest and, by default, widest each pane gets. A stage name and its leading
/// country need 22 cells; a firm's name with its countries 18; a share bar with its code and
/// percent 20; the card and the timeline 40 each beside one another.
pub const STAGES_MIN: u16 = 22;
pub const STAGES_MAX: u16 = 40;
pub const FIRMS_MIN: u16 = 18;
pub const SHARES_MIN: u16 = 20;
pub const BOTTOM_MIN: u16 = 40;
/// Cells a border moves for each resize step.
pub const STEP: u16 = 4;
/// More steps than any screen has room for.
const MAX_STEPS: i16 = 200;

/// How far the person has moved each movable border, in steps from where it sits by
/// default: positive moves it right. Kept apart from the size so a layout survives resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    /// The border between the stages pane and the rest.
    pub stages: i16,
    /// The border between the firms and the shares panes.
    pub firms: i16,
    /// The border between the card and the timeline, when they sit side by side.
    pub detail: i16,
}

/// A border that can be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Border {
    Stages,
    Firms,
    Detail,
}

/// `default` moved by `steps`, kept within `lo..=hi` (`lo` wins when they cross).
fn shifted(default: u16, steps: i16, lo: u16, hi: u16) -> u16 {
    let at = i32::from(default) + i32::from(steps) * i32::from(STEP);
    let at = at.clamp(0, i32::from(u16::MAX));
    u16::try_from(at).unwrap_or(default).min(hi).max(lo)
}

/// Where the left border of a run of `total` cells goes: `default` moved by `steps`, leaving
/// at least `lo` on the left and `hi_gap` on the right.
fn split_point(total: u16, default: u16, steps: i16, lo: u16, hi_gap: u16) -> u16 {
    shifted(default, steps, lo, total.saturating_sub(hi_gap)).min(total)
}

/// The stages pane's width: a fifth of the screen and a little, between its minimum and
/// maximum by default; moved, up to half the screen, never leaving the right side under its
/// minimum.
fn stages_width(width: u16, steps: i16) -> u16 {
    let default = (width / 5 + 8).clamp(STAGES_MIN, STAGES_MAX);
    let hi = (width / 2)
        .max(STAGES_MAX)
        .min(width - FIRMS_MIN - SHARES_MIN);
    shifted(default, steps, STAGES_MIN, hi)
}

impl Split {
    fn steps(&mut self, border: Border) -> &mut i16 {
        match border {
            Border::Stages => &mut self.stages,
            Border::Firms => &mut self.firms,
            Border::Detail => &mut self.detail,
        }
    }

    /// Where `border` sits on a screen of `width` x `height`: the column right of it.
    fn at(self, border: Border, width: u16, height: u16) -> Option<u16> {
        let a = areas(width, height, BottomView::Card, false, self)?;
        Some(match border {
            Border::Stages => a.stages.right(),
            Border::Firms => a.firms.right(),
            Border::Detail => a.detail.map_or(0, Rect::right),
        })
    }

    /// The same layout with no step beyond a limit: a border held at its limit (by a move
    /// made on a larger screen) keeps only the steps that still count, so a key the other
    /// way moves it at once.
    #[must_use]
    pub fn normalized(self, width: u16, height: u16) -> Split {
        let mut out = self;
        for border in [Border::Stages, Border::Firms, Border::Detail] {
            let at = out.at(border, width, height);
            while *out.steps(border) != 0 {
                let mut fewer = out;
                let s = fewer.steps(border);
                *s -= s.signum();
                if fewer.at(border, width, height) != at {
                    break;
                }
                out = fewer;
            }
        }
        out
    }

    /// The layout with `border` moved one step (`delta` -1 left, 1 right) on a screen of
    /// `width` x `height`, or None when it is at its limit that way.
    #[must_use]
    pub fn moved(self, border: Border, delta: i16, width: u16, height: u16) -> Option<Split> {
        let before = self.normalized(width, height);
        let mut next = before;
        let steps = next.steps(border);
        *steps = steps
            .saturating_add(delta.signum())
            .clamp(-MAX_STEPS, MAX_STEPS);
        let moved = next.at(border, width, height) != before.at(border, width, height);
        moved.then_some(next)
    }
}

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

/// The panes for a terminal of `width` x `height` with the borders where `split` puts them,
/// or None when it is too small.
pub fn areas(
    width: u16,
    height: u16,
    bottom: BottomView,
    banner: bool,
    split: Split,
) -> Option<Areas> {
    if too_small(width, height) {
        return None;
    }
    let status = Rect::new(0, height - 1, width, 1);
    let banner = banner.then(|| Rect::new(0, height - 2, width, 1));
    let main_height = height - 1 - u16::from(banner.is_some());

    let left = stages_width(width, split.stages);
    let stages = Rect::new(0, 0, left, main_height);
    let right_x = left;
    let right_w = width - left;
    let top_h = (main_height * 9 / 20).max(7);
    let firms_w = split_point(right_w, right_w / 2, split.firms, FIRMS_MIN, SHARES_MIN);
    let firms = Rect::new(right_x, 0, firms_w, top_h);
    let shares = Rect::new(right_x + firms_w, 0, right_w - firms_w, top_h);
    let bottom_area = Rect::new(right_x, top_h, right_w, main_height - top_h);

    let (detail, events) = if width >= WIDE {
        let detail_w = split_point(
            bottom_area.width,
            bottom_area.width * 11 / 20,
            split.detail,
            BOTTOM_MIN,
            BOTTOM_MIN,
        );
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

/// A centred window that grows with the screen: three quarters of it, at least `width` x
/// `height` where the screen has room (a chart gains detail on a large terminal).
pub fn growing(area: Rect, width: u16, height: u16) -> Rect {
    centered(
        area,
        (area.width / 4 * 3).max(width),
        (area.height / 4 * 3).max(height),
    )
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
            let a = areas(w, h, BottomView::Card, true, Split::default()).unwrap();
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
        assert!(areas(59, 24, BottomView::Card, false, Split::default()).is_none());
        assert!(areas(0, 0, BottomView::Card, false, Split::default()).is_none());
    }

    /// Every split a person could reach, and some beyond: each pane keeps its minimum, the
    /// panes of a row add up to the screen's width, and nothing overlaps.
    #[test]
    fn moved_borders_keep_every_pane_at_its_minimum_and_fill_the_width() {
        let steps = [-200, -40, -3, -1, 0, 1, 2, 5, 40, 200];
        for w in MIN_WIDTH..=320 {
            for (stages, firms, detail) in steps
                .iter()
                .flat_map(|&a| steps.iter().map(move |&b| (a, b, -a)))
                .map(|(a, b, c)| (a, b, c + b))
            {
                let split = Split {
                    stages,
                    firms,
                    detail,
                };
                let a = areas(w, 40, BottomView::Card, false, split).unwrap();
                let at = format!("{w} cells, {split:?}");
                assert!(a.stages.width >= STAGES_MIN, "{at}");
                assert!(a.stages.width <= (w / 2).max(STAGES_MAX), "{at}");
                assert!(a.firms.width >= FIRMS_MIN, "{at}");
                assert!(a.shares.width >= SHARES_MIN, "{at}");
                assert_eq!(a.stages.width + a.firms.width + a.shares.width, w, "{at}");
                assert_eq!(a.firms.x, a.stages.right(), "{at}");
                assert_eq!(a.shares.x, a.firms.right(), "{at}");
                let detail = a.detail.unwrap();
                match a.events {
                    Some(events) => {
                        assert!(detail.width >= BOTTOM_MIN, "{at}");
                        assert!(events.width >= BOTTOM_MIN.min(w - a.stages.width - BOTTOM_MIN));
                        assert_eq!(detail.width + events.width + a.stages.width, w, "{at}");
                        assert_eq!(events.x, detail.right(), "{at}");
                    }
                    None => assert_eq!(detail.width + a.stages.width, w, "{at}"),
                }
            }
        }
    }

    #[test]
    fn by_default_panes_grow_with_the_screen_within_their_limits() {
        let width = |w| {
            areas(w, 40, BottomView::Card, false, Split::default())
                .unwrap()
                .stages
                .width
        };
        assert_eq!(width(60), STAGES_MIN);
        assert_eq!(width(80), 24);
        assert_eq!(width(120), 32);
        assert_eq!(width(250), STAGES_MAX);
        for w in MIN_WIDTH..400 {
            assert!(width(w) <= width(w + 1), "{w}");
        }
    }

    #[test]
    fn a_border_moves_a_step_at_a_time_and_stops_at_its_limit() {
        let (w, h) = (250, 60);
        let x = |s: Split| areas(w, h, BottomView::Card, false, s).unwrap();
        let start = Split::default();
        let wider = start.moved(Border::Stages, 1, w, h).unwrap();
        assert_eq!(x(wider).stages.width, x(start).stages.width + STEP);
        let mut s = start;
        let mut moves = 0;
        while let Some(next) = s.moved(Border::Stages, -1, w, h) {
            s = next;
            moves += 1;
            assert!(moves < 100, "a border that never stops");
        }
        assert_eq!(x(s).stages.width, STAGES_MIN);
        // Moved far right on a wide screen, then the screen shrinks: one key back moves it.
        let mut s = start;
        while let Some(next) = s.moved(Border::Firms, 1, w, h) {
            s = next;
        }
        let narrow = areas(100, 30, BottomView::Card, false, s).unwrap();
        assert_eq!(narrow.shares.width, SHARES_MIN);
        let back = s.moved(Border::Firms, -1, 100, 30).unwrap();
        let narrow_back = areas(100, 30, BottomView::Card, false, back).unwrap();
        assert_eq!(narrow_back.shares.width, SHARES_MIN + STEP);
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
