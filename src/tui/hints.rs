//! The status bar's key hints: which bindings are worth showing where, most useful first. The
//! keys themselves come from the one keymap, so a key that moves moves here too.

use super::action::Action;
use super::keymap::{BINDINGS, Binding, key_label};

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
}

/// One status bar hint: the keys of these actions (from [`BINDINGS`]) and a word or two.
pub struct Hint {
    pub actions: &'static [fn() -> Action],
    pub label: &'static str,
}

macro_rules! hint {
    ([$($a:expr),+], $label:literal) => {
        Hint { actions: &[$(|| $a),+], label: $label }
    };
}

/// Hints while the model is read as of another date, before the focus's own.
pub static DATE_HINTS: &[Hint] = &[
    hint!(
        [
            Action::DateStep { months: -1 },
            Action::DateStep { months: 1 }
        ],
        "month"
    ),
    hint!(
        [
            Action::DateStep { months: -12 },
            Action::DateStep { months: 12 }
        ],
        "year"
    ),
    hint!([Action::DateReset], "own date"),
];

/// Hints while countries are excluded, before the focus's own.
pub static WHAT_IF_HINTS: &[Hint] = &[
    hint!([Action::ToggleExclusion], "toggle"),
    hint!([Action::CycleExclusionMode], "by"),
    hint!([Action::ShowRoutes], "routes"),
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
            hint!([Action::Open], "firms"),
            hint!([Action::NextPane], "pane"),
            hint!([Action::Search], "search"),
            hint!([Action::ShowPlants], "plants"),
            hint!([Action::ShowHistory], "history"),
            hint!([Action::ShowSource], "source"),
            hint!([Action::ToggleEvents], "events"),
            hint!([Action::Help], "help"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Firms => &[
            hint!([Action::Open], "card"),
            hint!([Action::Back], "back"),
            hint!([Action::Search], "search"),
            hint!([Action::ShowSource], "source"),
            hint!([Action::Edit], "edit"),
            hint!([Action::Copy], "copy"),
            hint!([Action::Help], "help"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Shares => &[
            hint!([Action::Open], "its firms"),
            hint!([Action::PrevBlock, Action::NextBlock], "block"),
            hint!([Action::ToggleExclusion], "exclude"),
            hint!([Action::CopyCitation], "cite"),
            hint!([Action::ShowSource], "source"),
            hint!([Action::ShowRoutes], "routes"),
            hint!([Action::Back], "back"),
            hint!([Action::Help], "help"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Detail => &[
            hint!([Action::Up, Action::Down], "scroll"),
            hint!([Action::ShowSource], "sources"),
            hint!([Action::Copy], "copy"),
            hint!([Action::WriteView], "write"),
            hint!([Action::Edit], "edit"),
            hint!([Action::ToggleEvents], "events"),
            hint!([Action::Back], "back"),
            hint!([Action::Help], "help"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Events => &[
            hint!([Action::Open], "open"),
            hint!([Action::ToggleEventFilter], "all/selection"),
            hint!([Action::ShowSource], "source"),
            hint!([Action::ToggleEvents], "card"),
            hint!([Action::Back], "back"),
            hint!([Action::Help], "help"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        _ => &[],
    }
}

fn overlay_hints(focus: Focus) -> &'static [Hint] {
    match focus {
        Focus::Sources => &[
            hint!([Action::OpenUrl], "open URL"),
            hint!([Action::Copy], "copy"),
            hint!([Action::Up, Action::Down], "scroll"),
            hint!([Action::Back], "close"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Help | Focus::Routes | Focus::Log => &[
            hint!([Action::Up, Action::Down], "scroll"),
            hint!([Action::PageDown], "page"),
            hint!([Action::Last], "end"),
            hint!([Action::Back], "close"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Problems => &[
            hint!([Action::Open], "edit at the line"),
            hint!([Action::Up, Action::Down], "select"),
            hint!([Action::Reload], "reload"),
            hint!([Action::Back], "close"),
            hint!([Action::ShowLog], "messages"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Changes => &[
            hint!([Action::Up, Action::Down], "scroll"),
            hint!([Action::ClearChanges], "clear marks"),
            hint!([Action::Copy], "copy"),
            hint!([Action::Back], "close"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::History => &[
            hint!([Action::PrevBlock, Action::NextBlock], "series"),
            hint!([Action::NextPane], "unit"),
            hint!([Action::Back], "close"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Balance => &[
            hint!([Action::Copy], "copy"),
            hint!([Action::WriteView], "write"),
            hint!([Action::Back], "close"),
            hint!([Action::Quit], "quit"),
        ],
        Focus::Plants => &[
            hint!([Action::Open], "card"),
            hint!([Action::PlantsSort], "sort"),
            hint!([Action::PlantsReverse], "reverse"),
            hint!([Action::PlantsStatus], "status"),
            hint!([Action::PlantsProduct], "product"),
            hint!([Action::CycleExclusionMode], "by"),
            hint!([Action::WriteView], "write"),
            hint!([Action::Back], "close"),
        ],
        // The search box reads keys from its own table; the panes have theirs.
        _ => &[],
    }
}

/// The keys of a hint as the status bar writes them: the first key of each action's binding.
pub fn hint_keys(hint: &Hint) -> String {
    let labels: Vec<String> = hint
        .actions
        .iter()
        .filter_map(|a| binding_of(&a()))
        .filter_map(|b| b.keys.first().map(key_label))
        .collect();
    labels.join(" ")
}

/// The binding that triggers `action`.
fn binding_of(action: &Action) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| same_action(&(b.action)(), action))
}

/// Same variant, and the same step for date steps.
fn same_action(a: &Action, b: &Action) -> bool {
    match (a, b) {
        (Action::DateStep { months: x }, Action::DateStep { months: y }) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
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
        ];
        let lists = focuses
            .into_iter()
            .map(hints)
            .chain([DATE_HINTS, WHAT_IF_HINTS]);
        for hint in lists.flatten() {
            let keys = hint_keys(hint);
            assert_eq!(
                keys.split(' ').count(),
                hint.actions.len(),
                "{}",
                hint.label
            );
        }
    }
}
