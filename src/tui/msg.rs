//! What reaches the app (a command, typed text, the mouse, a result from a thread working for
//! the loop) and what the app asks the outside world to do.

use std::path::PathBuf;
use std::sync::Arc;

use super::app::{Derived, ReloadDiff};
use super::command::Command;
use crate::model::{Date, LoadError, Model};

#[derive(Debug, Clone)]
pub enum Msg {
    /// Something a person asked for, by key, mouse or a test.
    Command(Command),
    /// A character typed into whatever takes text: the prompt, the search box, a filter.
    Input(char),
    /// Text pasted there (control characters and line breaks are dropped).
    Paste(String),
    /// Something the loop has to tell the person (how the editor or a copy went).
    Say {
        text: String,
        error: bool,
    },
    /// The wall-clock time, to stamp the messages that follow in the log.
    Clock(String),
    /// Today's date, so the status bar can say how old the model is.
    Today(crate::model::Date),
    /// What became of a write the app asked for.
    Written(WriteOutcome),
    /// A clipboard program that started could not take the text (which program, why, and
    /// whether the terminal was sent it by OSC 52).
    ClipboardFailed {
        tool: String,
        why: String,
        osc52: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    /// A status message timed out (its serial, so a newer message is not cleared).
    ExpireMessage(u64),
    /// A load finished off the UI thread; the loader keeps a share of a good model to say
    /// what changed once the model is on screen.
    Loaded(Box<Result<Arc<Model>, LoadError>>),
    /// The model file disappeared.
    FileRemoved,
    /// What the last successful load changed from the previous good model, worked out off the
    /// UI thread after the model itself arrived.
    Changes(Box<ReloadDiff>),
    /// The loaded model read as of a date off the UI thread, for the request of that serial,
    /// with its display data.
    Dated {
        serial: u64,
        model: Box<Model>,
        derived: Box<Derived>,
    },
    /// The file can no longer be reloaded (why), so the screen must say it may be stale.
    ReloadsOff(String),
}

impl From<Command> for Msg {
    fn from(command: Command) -> Msg {
        Msg::Command(command)
    }
}

impl Msg {
    /// The result of a load, as [`Msg::Loaded`] carries it.
    pub fn loaded(result: Result<Model, LoadError>) -> Msg {
        Msg::Loaded(Box::new(result.map(Arc::new)))
    }

    /// The answer to [`Effect::ReadAsOf`]: the model as read, with its display data built.
    pub fn dated(serial: u64, model: Model) -> Msg {
        let derived = Box::new(Derived::new(&model));
        Msg::Dated {
            serial,
            model: Box::new(model),
            derived,
        }
    }
}

/// What `update` asks of the loop, which owns the terminal and the file system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing on screen changed.
    None,
    Redraw,
    Quit,
    /// Read and validate the model file again.
    Reload,
    /// Read the loaded model (`App::base`) as of `date` off the UI thread; the answer names
    /// the request by `serial`.
    ReadAsOf {
        date: Date,
        serial: u64,
    },
    /// Suspend the app and open the file in the user's editor at a line.
    Edit {
        path: PathBuf,
        line: u32,
    },
    /// Put text on the clipboard: OSC 52 and a local clipboard program, if there is one.
    Copy(String),
    /// Restore the terminal and stop the process (as Ctrl-Z in a shell); on resume, take the
    /// screen back.
    Suspend,
    /// Write `text` to `path`; an existing file only when `overwrite`.
    Write {
        path: PathBuf,
        text: String,
        overwrite: bool,
    },
    /// Open a URL with `$BROWSER` or the system's opener.
    OpenUrl(String),
}

/// How a write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    Written {
        path: PathBuf,
    },
    /// The file exists and overwriting was not confirmed.
    Exists {
        path: PathBuf,
    },
    Failed {
        path: PathBuf,
        why: String,
    },
}
