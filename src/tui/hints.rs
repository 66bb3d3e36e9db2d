//! The status bar's key hints: which bindings are worth showing where, most useful first. The
//! keys themselves come from the one keymap, so a key that moves moves here too.

use super::command::Command;
use super::keymap::{Mode, Overrides, binding, key_label};

/// What has the keys, for choosing the status bar's hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Stages,
    Firms,
    Shares,
    Detail,
    Events,
    Help,
    Sources,
    Problems,
    Routes,
    History,
    Balance,
    Plants,
    Log,
    Changes,
    Search,
    /// Typing a list's filter.
    Filter,
}

impl Focus {
    /// The keymap's mode while this has the keys.
    pub fn mode(self) -> Mode {
        match self {
            Focus::Stages | Focus::Firms | Focus::Shares | Focus::Detail | Focus::Events => {
                Mode::Panes
            }
            Focus::Help => Mode::Help,
            Focus::Sources => Mode::Sources,
            Focus::Problems => Mode::Problems,
            Focus::Routes => Mode::Routes,
            Focus::History => Mode::History,
            Focus::Balance => Mode::Balance,
            Focus::Plants => Mode::Plants,
            Focus::Log => Mode::Log,
            Focus::Changes => Mode::Changes,
            Focus::Search => Mode::Search,
            Focus::Filter => Mode::Filter,
        }
    }
}

/// One status bar hint: the keys of these commands (from the keymap) and a word or two.
pub struct Hint {
    pub commands: &'static [Command],
    pub label: &'static str,
}

macro_rules! hint {
    ([$($c:ident),+], $label:literal) => {
        Hint { commands: &[$(Command::$c),+], label: $label }
    };
}

/// Hints while the model is read as of another date, before the focus's own.
pub static DATE_HINTS: &[Hint] = &[
    hint!([MonthEarlier, MonthLater], "month"),
    hint!([YearEarlier, YearLater], "year"),
    hint!([DateReset], "own date"),
];

/// Hints while countries are excluded, before the focus's own.
pub static WHAT_IF_HINTS: &[Hint] = &[
    hint!([ToggleExclusion], "toggle"),
    hint!([CycleExclusionMode], "by"),
    hint!([ShowRoutes], "routes"),
];

/// Hints on the command line's own row.
pub static COMMAND_LINE_HINTS: &[Hint] = &[
    hint!([Complete], "complete"),
    hint!([Up, Down], "history"),
    hint!([Back], "cancel"),
];

/// The bindings worth hinting where the keys go, most useful first.
pub fn hints(focus: Focus) -> &'static [Hint] {
    match focus {
        Focus::Stages | Focus::Firms | Focus::Shares | Focus::Detail | Focus::Events => {
            pane_hints(focus)
        }
        _ => overlay_hints(focus),
    }
}

fn pane_hints(focus: Focus) -> &'static [Hint] {
    match focus {
        Focus::Stages => &[
            hint!([Open], "firms"),
            hint!([NextPane], "pane"),
            hint!([Search], "jump"),
            hint!([ShowPlants], "plants"),
            hint!([ShowHistory], "history"),
            hint!([ShowSource], "source"),
            hint!([ToggleEvents], "events"),
            hint!([Help], "help"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        Focus::Firms => &[
            hint!([Open], "card"),
            hint!([Back], "back"),
            hint!([Filter], "filter"),
            hint!([Search], "jump"),
            hint!([ShowSource], "source"),
            hint!([Edit], "edit"),
            hint!([Copy], "copy"),
            hint!([Help], "help"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        Focus::Shares => &[
            hint!([Open], "its firms"),
            hint!([PrevBlock, NextBlock], "block"),
            hint!([ToggleExclusion], "exclude"),
            hint!([CopyCitation], "cite"),
            hint!([ShowSource], "source"),
            hint!([ShowRoutes], "routes"),
            hint!([Back], "back"),
            hint!([Help], "help"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        Focus::Detail => &[
            hint!([Up, Down], "scroll"),
            hint!([ShowSource], "sources"),
            hint!([Copy], "copy"),
            hint!([WriteView], "write"),
            hint!([Edit], "edit"),
            hint!([ToggleEvents], "events"),
            hint!([Back], "back"),
            hint!([Help], "help"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        Focus::Events => &[
            hint!([Open], "open"),
            hint!([Filter], "filter"),
            hint!([ToggleEventFilter], "all/selection"),
            hint!([ShowSource], "source"),
            hint!([ToggleEvents], "card"),
            hint!([Back], "back"),
            hint!([Help], "help"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        _ => &[],
    }
}

fn overlay_hints(focus: Focus) -> &'static [Hint] {
    match focus {
        Focus::Sources => &[
            hint!([OpenUrl], "open URL"),
            hint!([Copy], "copy"),
            hint!([Up, Down], "scroll"),
            hint!([Back], "close"),
            hint!([Quit], "quit"),
        ],
        Focus::Help => &[
            hint!([Up, Down], "scroll"),
            hint!([PageDown], "page"),
            hint!([Back], "close"),
            hint!([ClearInput], "clear the filter"),
        ],
        Focus::Filter => &[
            hint!([Up, Down], "move"),
            hint!([Open], "keep"),
            hint!([Back], "clear"),
            hint!([NextPane], "complete #tag"),
        ],
        Focus::Search => &[
            hint!([Up, Down], "move"),
            hint!([Open], "open"),
            hint!([Back], "back"),
            hint!([ClearInput], "clear"),
        ],
        Focus::Routes | Focus::Log => &[
            hint!([Up, Down], "scroll"),
            hint!([Filter], "filter"),
            hint!([PageDown], "page"),
            hint!([Last], "end"),
            hint!([Back], "close"),
            hint!([Quit], "quit"),
        ],
        Focus::Problems => &[
            hint!([Open], "edit at the line"),
            hint!([Up, Down], "select"),
            hint!([Reload], "reload"),
            hint!([Back], "close"),
            hint!([ShowLog], "messages"),
            hint!([Quit], "quit"),
        ],
        Focus::Changes => &[
            hint!([Up, Down], "scroll"),
            hint!([ClearChanges], "clear marks"),
            hint!([Copy], "copy"),
            hint!([Back], "close"),
            hint!([Quit], "quit"),
        ],
        Focus::History => &[
            hint!([PrevBlock, NextBlock], "series"),
            hint!([NextPane], "unit"),
            hint!([Back], "close"),
            hint!([Quit], "quit"),
        ],
        Focus::Balance => &[
            hint!([Copy], "copy"),
            hint!([WriteView], "write"),
            hint!([Back], "close"),
            hint!([Quit], "quit"),
        ],
        Focus::Plants => &[
            hint!([Open], "card"),
            hint!([PlantsSort], "sort"),
            hint!([Filter], "filter"),
            hint!([PlantsReverse], "reverse"),
            hint!([PlantsStatus], "status"),
            hint!([PlantsProduct], "product"),
            hint!([CycleExclusionMode], "by"),
            hint!([WriteView], "write"),
            hint!([Back], "close"),
        ],
        _ => &[],
    }
}

/// The keys of a hint as the status bar writes them: the first key of each command's binding
/// in `mode`.
pub fn hint_keys(mode: Mode, hint: &Hint, overrides: &Overrides) -> String {
    let labels: Vec<String> = hint
        .commands
        .iter()
        .filter_map(|&c| binding(mode, c))
        .filter_map(|b| overrides.keys(b).first().map(key_label))
        .collect();
    labels.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_names_a_bound_key() {
        let focuses = [
            Focus::Stages,
            Focus::Firms,
            Focus::Shares,
            Focus::Detail,
            Focus::Events,
            Focus::Help,
            Focus::Sources,
            Focus::Problems,
            Focus::Routes,
            Focus::History,
            Focus::Balance,
            Focus::Plants,
            Focus::Log,
            Focus::Changes,
            Focus::Search,
            Focus::Filter,
        ];
        let lists = focuses.into_iter().map(|f| (f.mode(), hints(f))).chain([
            (Mode::Panes, DATE_HINTS),
            (Mode::Panes, WHAT_IF_HINTS),
            (Mode::CommandLine, COMMAND_LINE_HINTS),
        ]);
        for (mode, list) in lists {
            for hint in list {
                let keys = hint_keys(mode, hint, &Overrides::default());
                assert_eq!(
                    keys.split(' ').count(),
                    hint.commands.len(),
                    "{}",
                    hint.label
                );
            }
        }
    }
}
