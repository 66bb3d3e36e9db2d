//! Every user intent the app understands, and what the app asks the outside world to do.

use std::path::PathBuf;
use std::sync::Arc;

use super::app::{Derived, ReloadDiff};
use crate::model::{Date, LoadError, Model};

#[derive(Debug, Clone)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    NextPane,
    PrevPane,
    /// Open the selection: go one pane deeper, or narrow the firms to a country.
    Open,
    /// Close an overlay, leave a country, or go back one pane.
    Back,
    NextBlock,
    PrevBlock,
    /// Switch the lower pane between the detail card and the events timeline.
    ToggleEvents,
    /// Events of the selection only, or all events.
    ToggleEventFilter,
    ShowSource,
    /// Open the search box over the panes.
    Search,
    /// A character typed into the search box.
    SearchInput(char),
    /// Text pasted into the search box (control characters and line breaks are dropped).
    SearchPaste(String),
    /// Delete the search query's last character.
    SearchBackspace,
    /// Empty the search query.
    SearchClear,
    ShowProblems,
    /// Exclude the selected country from the what-if, or bring it back.
    ToggleExclusion,
    ClearExclusions,
    /// The ore-to-magnet routes left with the current exclusions.
    ShowRoutes,
    /// Excluded countries take out facilities by location, then owner, then either.
    CycleExclusionMode,
    /// The plants of the selected stage as a table.
    ShowPlants,
    /// In the plants view: sort by the next column.
    PlantsSort,
    /// In the plants view: reverse the sort.
    PlantsReverse,
    /// In the plants view: operating, pipeline or all.
    PlantsStatus,
    /// In the plants view: only plants whose products name the next element.
    PlantsProduct,
    Help,
    /// Every status message of the session, newest last.
    ShowLog,
    /// Hand the terminal back to the shell until `fg`.
    Suspend,
    /// Read the model this many months later (earlier when negative).
    DateStep {
        months: i32,
    },
    /// Read the model at its own date again.
    DateReset,
    /// The selected stage's shares and capacity through time, as charts.
    ShowHistory,
    /// The selected stage's supply against demand by year, as a chart.
    ShowBalance,
    /// The list of what the last reload changed.
    ShowChanges,
    /// Clear the marks of what the last reload changed.
    ClearChanges,
    Reload,
    /// Copy what has focus (the open overlay, else the card) as Markdown with its sources.
    Copy,
    /// Copy the selected figure as one line that cites its source.
    CopyCitation,
    /// Write what has focus to a file (asks for the name).
    WriteView,
    /// Open the selected source's URL with the system's opener.
    OpenUrl,
    /// A character typed at the status-line prompt.
    PromptInput(char),
    /// Text pasted at the prompt (control characters and line breaks are dropped).
    PromptPaste(String),
    /// Delete the prompt's last character.
    PromptBackspace,
    /// What became of a write the app asked for.
    Written(WriteOutcome),
    /// A clipboard program that started could not take the text (which program, why, and
    /// whether the terminal was sent it by OSC 52).
    ClipboardFailed {
        tool: String,
        why: String,
        osc52: bool,
    },
    Edit,
    Quit,
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

impl Action {
    /// The result of a load, as [`Action::Loaded`] carries it.
    pub fn loaded(result: Result<Model, LoadError>) -> Action {
        Action::Loaded(Box::new(result.map(Arc::new)))
    }

    /// The answer to [`Effect::ReadAsOf`]: the model as read, with its display data built.
    pub fn dated(serial: u64, model: Model) -> Action {
        let derived = Box::new(Derived::new(&model));
        Action::Dated {
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
