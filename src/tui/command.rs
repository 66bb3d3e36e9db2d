//! What a person can ask the app for. A key reaches a command through the modal keymap; the
//! app decides what a command means where it lands (Enter opens a pane, a plant or a problem).

/// Declares [`Command`] with its list and its names, so that neither is kept by hand.
macro_rules! commands {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(#[doc = $doc])* $variant,)+
        }

        impl Command {
            /// Every command, in declaration order.
            pub const ALL: &[Command] = &[$(Command::$variant),+];

            /// The command's name, as a configuration file would name it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)+
                }
            }
        }
    };
}

commands! {
    Up = "up",
    Down = "down",
    PageUp = "page-up",
    PageDown = "page-down",
    First = "first",
    Last = "last",
    NextPane = "next-pane",
    PrevPane = "prev-pane",
    /// Open the selection: go one pane deeper, or narrow the firms to a country.
    Open = "open",
    /// Close an overlay, leave a country, or go back one pane.
    Back = "back",
    NextBlock = "next-block",
    PrevBlock = "prev-block",
    /// Switch the lower pane between the detail card and the events timeline.
    ToggleEvents = "toggle-events",
    /// Events of the selection only, or all events.
    ToggleEventFilter = "toggle-event-filter",
    /// Make the focused pane narrower by moving the border it shares.
    NarrowPane = "narrow-pane",
    /// Make the focused pane wider by moving the border it shares.
    WidenPane = "widen-pane",
    ShowSource = "show-source",
    /// Open the search box over the panes.
    Search = "search",
    /// Open the command line, which runs the command-line verbs and the app's own commands.
    CommandLine = "command-line",
    /// Complete the word being typed on the command line, or take the next candidate.
    Complete = "complete",
    /// Filter the open list in place by what is typed next.
    Filter = "filter",
    /// Delete the last character of the text being typed (search, prompt, filter).
    DeleteChar = "delete-char",
    /// Empty the text being typed.
    ClearInput = "clear-input",
    ShowProblems = "show-problems",
    /// Exclude the selected country from the what-if, or bring it back.
    ToggleExclusion = "toggle-exclusion",
    ClearExclusions = "clear-exclusions",
    /// The ore-to-magnet routes left with the current exclusions.
    ShowRoutes = "show-routes",
    /// Excluded countries take out facilities by location, then owner, then either.
    CycleExclusionMode = "cycle-exclusion-mode",
    /// The plants of the selected stage as a table.
    ShowPlants = "show-plants",
    /// In the plants view: sort by the next column.
    PlantsSort = "plants-sort",
    /// In the plants view: reverse the sort.
    PlantsReverse = "plants-reverse",
    /// In the plants view: operating, pipeline or all.
    PlantsStatus = "plants-status",
    /// In the plants view: only plants whose products name the next element.
    PlantsProduct = "plants-product",
    Help = "help",
    /// Every status message of the session, newest last.
    ShowLog = "show-log",
    /// Hand the terminal back to the shell until `fg`.
    Suspend = "suspend",
    /// Read the model a month earlier.
    MonthEarlier = "month-earlier",
    MonthLater = "month-later",
    YearEarlier = "year-earlier",
    YearLater = "year-later",
    /// Read the model at its own date again.
    DateReset = "date-reset",
    /// The selected stage's shares and capacity through time, as charts.
    ShowHistory = "show-history",
    /// The selected stage's supply against demand by year, as a chart.
    ShowBalance = "show-balance",
    /// Which plants hold the chain and how concentrated each stage is, with the what-if.
    ShowResilience = "show-resilience",
    /// The list of what the last reload changed.
    ShowChanges = "show-changes",
    /// Clear the marks of what the last reload changed.
    ClearChanges = "clear-changes",
    Reload = "reload",
    /// Copy what has focus (the open overlay, else the card) as Markdown with its sources.
    Copy = "copy",
    /// Copy the selected figure as one line that cites its source.
    CopyCitation = "copy-citation",
    /// Write what has focus to a file (asks for the name).
    WriteView = "write-view",
    /// Open the selected source's URL with the system's opener.
    OpenUrl = "open-url",
    /// Open the model file in the editor at the selection.
    Edit = "edit",
    Quit = "quit",
}

impl Command {
    /// Every command, in declaration order.
    pub fn iter() -> impl Iterator<Item = Command> {
        Command::ALL.iter().copied()
    }

    /// The command of a name, as [`Command::name`] writes it.
    pub fn from_name(name: &str) -> Option<Command> {
        Command::iter().find(|c| c.name() == name)
    }

    /// How many months a date step moves the reading, for the four date steps.
    pub fn months(self) -> Option<i32> {
        match self {
            Command::MonthEarlier => Some(-1),
            Command::MonthLater => Some(1),
            Command::YearEarlier => Some(-12),
            Command::YearLater => Some(12),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_read_back() {
        let names: HashSet<&str> = Command::iter().map(Command::name).collect();
        assert_eq!(names.len(), Command::ALL.len());
        for c in Command::iter() {
            assert_eq!(Command::from_name(c.name()), Some(c));
        }
        assert_eq!(Command::from_name("no-such-command"), None);
    }
}
