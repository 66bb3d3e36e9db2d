//! The message log: every status message of the session with the time it was said, so a
//! message cut by the status bar, or gone before it was read, can still be read whole.

use super::{App, Overlay};

/// At most this many messages are kept; the oldest go first.
const KEPT: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Wall-clock time, as the loop last set it (empty where there is no clock, as in tests).
    pub at: String,
    pub text: String,
    pub error: bool,
}

impl App {
    pub(super) fn record(&mut self, text: &str, error: bool) {
        if self.log.len() == KEPT {
            self.log.remove(0);
        }
        self.log.push(LogEntry {
            at: self.clock.clone(),
            text: text.to_string(),
            error,
        });
    }

    /// Opens the log at its end, where the newest message is.
    pub(super) fn show_log(&mut self) {
        self.open_overlay(Overlay::Log);
        self.overlay_scroll = self.overlay_len().saturating_sub(1);
    }
}
