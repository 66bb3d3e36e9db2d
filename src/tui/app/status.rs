//! What the app says: the status bar's message, until it expires or another replaces it, and
//! the log of every message of the session with the time it was said, so a message cut by the
//! status bar, or gone before it was read, can still be read whole.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Distinguishes messages so a timer only clears the one it was set for.
    pub serial: u64,
}

/// The status part of the app.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// What the status bar says, until it expires.
    pub message: Option<Message>,
    serial: u64,
    /// Every message said, oldest first.
    pub log: Vec<LogEntry>,
    /// The wall-clock time messages are stamped with, as the loop last said it.
    clock: String,
    /// Today, as the loop last said it; None in tests and screenshots.
    today: Option<crate::model::Date>,
}

impl Status {
    pub fn say(&mut self, text: &str, error: bool) {
        self.serial += 1;
        self.message = Some(Message {
            text: text.to_string(),
            error,
            serial: self.serial,
        });
        if self.log.len() == KEPT {
            self.log.remove(0);
        }
        self.log.push(LogEntry {
            at: self.clock.clone(),
            text: text.to_string(),
            error,
        });
    }

    /// Clears the message the timer of `serial` was set for; false when it is gone already.
    pub fn expire(&mut self, serial: u64) -> bool {
        let current = self.message.as_ref().is_some_and(|m| m.serial == serial);
        if current {
            self.message = None;
        }
        current
    }

    /// Clears the message when `what` holds for it; true when it did.
    pub fn clear_if(&mut self, what: impl Fn(&Message) -> bool) -> bool {
        let clear = self.message.as_ref().is_some_and(what);
        if clear {
            self.message = None;
        }
        clear
    }

    pub fn set_clock(&mut self, time: String) {
        self.clock = time;
    }

    /// Sets today's date; true when it changed (the status bar's model age then moves on).
    pub fn set_today(&mut self, today: crate::model::Date) -> bool {
        let changed = self.today != Some(today);
        self.today = Some(today);
        changed
    }

    pub fn today(&self) -> Option<crate::model::Date> {
        self.today
    }

    /// Takes over the log of `earlier` (the app shown while the model loaded), before its own.
    pub fn keep_log_of(&mut self, earlier: &mut Status) {
        let mine = std::mem::take(&mut self.log);
        self.log = std::mem::take(&mut earlier.log);
        self.log.extend(mine);
    }
}

/// What the model file is doing: a failed load kept beside the last good model, removed, or no
/// longer watched.
#[derive(Debug, Clone, Default)]
pub struct FileState {
    /// Problems of the last failed load while an older model stays on screen.
    pub load_error: Option<crate::model::LoadError>,
    pub removed: bool,
    /// Why saves are no longer picked up, when they are not.
    pub reloads_off: Option<String>,
}

impl App {
    /// Opens the log at its end, where the newest message is.
    pub(super) fn show_log(&mut self) {
        self.open_overlay(Overlay::Log);
        self.overlay
            .set_scroll(self.overlay_len().saturating_sub(1));
    }
}
