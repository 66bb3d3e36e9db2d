//! The first load, after the first frame: the layout is on screen before the heavy work, with
//! a line saying what is loading, and the model takes its place once read, checked and given
//! its display data. A large model loads off the UI thread, which keeps answering meanwhile.

use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{Wake, hash_text};
use crate::model::{LoadError, Model, Origin, load};
use crate::present::format;
use crate::tui::app::Derived;
use crate::tui::theme::Theme;

/// How often the loading line is redrawn, to show the load is alive.
pub(super) const TICK: Duration = Duration::from_millis(100);
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// What the first load found: the model with its display data, or why there is none; and
/// the file's text hashed, so an unchanged file is not loaded again.
pub(super) struct Started {
    pub(super) result: Result<(Model, Derived), LoadError>,
    pub(super) text_hash: u64,
}

/// Models smaller than this load on the UI thread once the layout is drawn: sooner than a
/// hand-over between threads on a busy machine, and over before anyone could press a key.
const INLINE_BELOW: u64 = 1_000_000;

/// A first load under way.
pub(super) struct Loading {
    /// What the line calls it: the file's name and size, or the built-in model.
    what: String,
    since: Instant,
    /// A small model, left for the UI thread to load after the first frame.
    inline: Option<Origin>,
}

impl Loading {
    /// Starts loading `origin` for the loop, which hears of it as [`Wake::Started`]; on the
    /// calling thread when no other can start.
    pub(super) fn start(origin: &Origin, out: &Sender<Wake>) -> Loading {
        let (what, size) = match origin {
            Origin::Embedded => ("the built-in model".to_string(), Some(0)),
            Origin::File(path) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                match std::fs::metadata(path) {
                    Ok(m) => (
                        format!("{name} ({})", format::bytes(m.len())),
                        Some(m.len()),
                    ),
                    Err(_) => (name, None),
                }
            }
        };
        if size.is_some_and(|n| n < INLINE_BELOW) {
            return Loading {
                what,
                since: Instant::now(),
                inline: Some(origin.clone()),
            };
        }
        let (theirs, to_loop) = (origin.clone(), out.clone());
        let spawned = thread::Builder::new()
            .name("rechain-first-load".into())
            .spawn(move || send_first_load(&theirs, &to_loop));
        if spawned.is_err() {
            send_first_load(origin, out);
        }
        Loading {
            what,
            since: Instant::now(),
            inline: None,
        }
    }

    /// Loads a small model here, once; None when it loads on another thread.
    pub(super) fn load_inline(&mut self) -> Option<Started> {
        self.inline.take().map(|origin| first_load(&origin))
    }

    /// `⠹ loading chain.yaml (17 MB)… 0.4 s`
    pub(super) fn line(&self, now: Instant) -> String {
        let elapsed = now.saturating_duration_since(self.since);
        let turn = (elapsed.as_millis() / TICK.as_millis()) as usize % SPINNER.len();
        format!(
            "{} loading {}… {} s",
            SPINNER[turn],
            self.what,
            format::decimal(elapsed.as_secs_f64(), 1)
        )
    }

    /// Draws the loading line over the status bar.
    pub(super) fn render(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        if area.height == 0 {
            return;
        }
        let row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        frame.render_widget(Clear, row);
        let text = format!(" {}", self.line(Instant::now()));
        frame.render_widget(
            Paragraph::new(Line::raw(text)).style(theme.status_bar()),
            row,
        );
    }
}

fn send_first_load(origin: &Origin, out: &Sender<Wake>) {
    let _ = out.send(Wake::Started(Box::new(first_load(origin))));
}

/// Reads, checks and prepares the model of `origin`.
fn first_load(origin: &Origin) -> Started {
    let (result, text_hash) = match origin {
        Origin::Embedded => (load::load(origin), 0),
        Origin::File(path) => match load::read(path) {
            Ok(text) => (load::load_text(&text, origin.clone()), hash_text(&text)),
            Err(e) => (Err(e), 0),
        },
    };
    let result = result.map(|model| {
        let derived = Derived::new(&model);
        (model, derived)
    });
    Started { result, text_hash }
}
