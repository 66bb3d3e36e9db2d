//! Screenshots of the real renderer as SVG: cells with their colours and weights on a
//! monospace grid. The output depends only on the buffer, so it is byte-reproducible and a
//! test can tell when committed screenshots are stale.

use std::fmt::Write;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::command::Command;
use super::theme::Theme;
use super::ui;
use crate::model::Model;

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;
const FONT_SIZE: f32 = 14.0;
const BASELINE: f32 = 13.5;
const DEFAULT_FG: &str = "#d4d4d4";
const DEFAULT_BG: &str = "#1e1e1e";

/// The screenshots the README shows: file stem, size, and the keys pressed before it.
pub fn scenes() -> Vec<(&'static str, (u16, u16), Vec<Command>)> {
    vec![
        ("main", (110, 32), vec![Command::Down, Command::Down]),
        (
            "firm-card",
            (110, 32),
            vec![Command::Down, Command::Down, Command::Open, Command::Open],
        ),
        ("help", (110, 32), vec![Command::Help]),
        (
            "history",
            (110, 32),
            [Command::Down, Command::Down]
                .into_iter()
                .chain([Command::MonthEarlier; 6])
                .chain([Command::ShowHistory])
                .collect(),
        ),
        (
            "balance",
            (110, 32),
            vec![
                Command::Down,
                Command::Down,
                Command::Down,
                Command::Down,
                Command::ShowBalance,
            ],
        ),
    ]
}

/// Renders each scene on `model` and returns (file name, SVG text).
pub fn render_all(model: &Model) -> Vec<(String, String)> {
    scenes()
        .into_iter()
        .map(|(name, (w, h), actions)| {
            let mut app = App::new(
                model.clone(),
                Theme {
                    color: true,
                    contrast: false,
                },
                w,
                h,
            );
            for a in actions {
                app.update(a);
            }
            let buffer = render_buffer(&app);
            (format!("{name}.svg"), to_svg(&buffer))
        })
        .collect()
}

pub fn render_buffer(app: &App) -> Buffer {
    let mut terminal = match Terminal::new(TestBackend::new(app.width, app.height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    let _ = terminal.draw(|f| ui::render(app, f));
    terminal.backend().buffer().clone()
}

/// An xterm-like palette on a dark background.
fn hex(color: Color, default: &str) -> String {
    let named = match color {
        Color::Reset => return default.to_string(),
        Color::Black => "#1e1e1e",
        Color::Red | Color::LightRed => "#f14c4c",
        Color::Green | Color::LightGreen => "#23d18b",
        Color::Yellow => "#e5e510",
        Color::Blue | Color::LightBlue => "#3b8eea",
        Color::Magenta | Color::LightMagenta => "#d670d6",
        Color::Cyan | Color::LightCyan => "#29b8db",
        Color::Gray => "#cccccc",
        Color::DarkGray => "#767676",
        Color::LightYellow => "#f5f543",
        Color::White => "#e5e5e5",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return format!("#{i:02x}{i:02x}{i:02x}"),
    };
    named.to_string()
}

/// What a run of cells shares: colours after reversal, and the text attributes.
#[derive(PartialEq, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one flag per SVG text attribute"
)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    dim: bool,
    italic: bool,
    underline: bool,
}

fn look(cell: &Cell) -> Look {
    let m = cell.modifier;
    let (mut fg, mut bg) = (hex(cell.fg, DEFAULT_FG), hex(cell.bg, DEFAULT_BG));
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        dim: m.contains(Modifier::DIM),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// The buffer as an SVG image.
pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        f32::from(area.width) * CELL_W,
        f32::from(area.height) * CELL_H,
    );
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.1}" height="{h:.1}" viewBox="0 0 {w:.1} {h:.1}">"#
    );
    let _ = writeln!(
        out,
        r#"<style>text{{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:{FONT_SIZE}px;white-space:pre}}.b{{font-weight:bold}}.d{{opacity:0.6}}.i{{font-style:italic}}.u{{text-decoration:underline}}</style>"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#
    );
    for y in 0..area.height {
        let cells = row_cells(buffer, y);
        backgrounds(&cells, y, &mut out);
        texts(&cells, y, &mut out);
    }
    out.push_str("</svg>\n");
    out
}

/// One cell as drawn: column, width in cells, symbol and look.
type Drawn<'a> = (u16, u16, &'a str, Look);

/// The cells of row `y`, skipping those hidden by a wide character to their left.
fn row_cells(buffer: &Buffer, y: u16) -> Vec<Drawn<'_>> {
    let area = buffer.area;
    let mut cells = Vec::with_capacity(area.width as usize);
    let mut x = 0;
    while x < area.width {
        let cell = &buffer[(area.x + x, area.y + y)];
        let width = cell.symbol().width().clamp(1, 2) as u16;
        cells.push((x, width, cell.symbol(), look(cell)));
        x += width;
    }
    cells
}

/// Backgrounds, one rectangle per run of the same colour.
fn backgrounds(cells: &[Drawn], y: u16, out: &mut String) {
    let mut i = 0;
    while i < cells.len() {
        let bg = &cells[i].3.bg;
        let mut j = i;
        let mut span = 0;
        while j < cells.len() && &cells[j].3.bg == bg {
            span += cells[j].1;
            j += 1;
        }
        if bg != DEFAULT_BG {
            let _ = writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{CELL_H:.1}" fill="{bg}"/>"#,
                f32::from(cells[i].0) * CELL_W,
                f32::from(y) * CELL_H,
                f32::from(span) * CELL_W,
            );
        }
        i = j;
    }
}

/// Text, one element per run of the same look, stretched to its cells so fonts with other
/// advance widths still line up with the grid.
fn texts(cells: &[Drawn], y: u16, out: &mut String) {
    let mut i = 0;
    while i < cells.len() {
        let this = cells[i].3.clone();
        let mut j = i;
        let mut span = 0;
        let mut text = String::new();
        while j < cells.len() && cells[j].3 == this {
            span += cells[j].1;
            text.push_str(cells[j].2);
            j += 1;
        }
        if !text.trim().is_empty() {
            let mut class = Vec::new();
            for (on, name) in [
                (this.bold, "b"),
                (this.dim, "d"),
                (this.italic, "i"),
                (this.underline, "u"),
            ] {
                if on {
                    class.push(name);
                }
            }
            let class = if class.is_empty() {
                String::new()
            } else {
                format!(r#" class="{}""#, class.join(" "))
            };
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" fill="{}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs"{class}>"#,
                f32::from(cells[i].0) * CELL_W,
                f32::from(y) * CELL_H + BASELINE,
                this.fg,
                f32::from(span) * CELL_W,
            );
            escape(&text, out);
            out.push_str("</text>\n");
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn svg_has_runs_colours_and_escapes() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a<b", Style::new().fg(Color::Red));
        buf.set_string(3, 0, "盛x", Style::new().add_modifier(Modifier::REVERSED));
        let svg = to_svg(&buf);
        assert!(svg.contains(r##"fill="#f14c4c""##), "{svg}");
        assert!(svg.contains("a&lt;b</text>"), "{svg}");
        // The wide character covers two cells; its hidden neighbour is not drawn.
        assert!(svg.contains(">盛x</text>"), "{svg}");
        assert!(svg.contains(r#"width="25.2""#), "{svg}");
        assert_eq!(svg, to_svg(&buf), "reproducible");
    }
}
