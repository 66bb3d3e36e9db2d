//! OSC 8 hyperlinks over URLs already drawn: the first cell of a URL carries the whole link
//! (escape, text, escape) with its width forced to the URL's, so ratatui still counts one
//! cell per character and moves the cursor past it. URLs that wrap or are not plain ASCII stay
//! plain text.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

/// Makes each of `urls` found whole on a row of `area` a hyperlink.
pub fn link_urls(urls: &[&str], area: Rect, buf: &mut Buffer) {
    for url in urls.iter().filter(|u| linkable(u)) {
        let len = url.len() as u16;
        let Some(width) = NonZeroU16::new(len) else {
            continue;
        };
        for y in area.top()..area.bottom() {
            let Some(x) = find(buf, url, y, area) else {
                continue;
            };
            let cell = &mut buf[(x, y)];
            cell.set_symbol(&format!("\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\"));
            cell.set_diff_option(CellDiffOption::ForcedWidth(width));
        }
    }
}

/// Printable ASCII only: nothing in a link may end the escape early.
fn linkable(url: &str) -> bool {
    !url.is_empty() && url.bytes().all(|b| b.is_ascii_graphic()) && url.len() <= 2000
}

/// The column where `url` starts on row `y`, one character per cell.
fn find(buf: &Buffer, url: &str, y: u16, area: Rect) -> Option<u16> {
    let len = url.len() as u16;
    let last = area.right().checked_sub(len)?;
    (area.left()..=last).find(|&x| {
        url.bytes()
            .enumerate()
            .all(|(i, b)| buf[(x + i as u16, y)].symbol().as_bytes() == [b])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_url_becomes_one_link_cell_of_its_width() {
        let area = Rect::new(0, 0, 30, 2);
        let mut buf = Buffer::empty(area);
        buf.set_string(
            0,
            0,
            "URL  https://a.example/x",
            ratatui::style::Style::new(),
        );
        buf.set_string(0, 1, "https://a.exam", ratatui::style::Style::new());
        link_urls(&["https://a.example/x"], area, &mut buf);
        let cell = &buf[(5, 0)];
        assert_eq!(
            cell.symbol(),
            "\x1b]8;;https://a.example/x\x1b\\https://a.example/x\x1b]8;;\x1b\\"
        );
        assert_eq!(
            cell.diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(19).unwrap())
        );
        // The rest of the row keeps its characters; a cut URL stays text.
        assert_eq!(buf[(6, 0)].symbol(), "t");
        assert_eq!(buf[(0, 1)].symbol(), "h");
        assert_eq!(buf[(0, 1)].diff_option, CellDiffOption::None);
    }

    #[test]
    fn urls_with_controls_or_spaces_are_left_alone() {
        assert!(!linkable("https://a\x1b]8;;x"));
        assert!(!linkable("https://a b"));
        assert!(linkable("https://example.org/a?b=1&c=%20"));
    }
}
