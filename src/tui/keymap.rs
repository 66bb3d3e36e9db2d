//! The modal keymap: for each mode (the panes, the search box, the prompt, each overlay) the
//! keys and the command each gives, with what it does. It is the one table behind key
//! handling, the help overlay, the man page and the status bar's hints.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::command::Command;
use super::msg::Msg;

/// A key with the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Who has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Panes,
    Search,
    /// The status-line prompt of `w`.
    Prompt,
    Help,
    Sources,
    Problems,
    Routes,
    History,
    Balance,
    Plants,
    /// Typing a list's filter.
    Filter,
    /// The `:` command line.
    CommandLine,
    Log,
    Changes,
}

impl Mode {
    /// Every mode, for checks that each has its keys.
    pub const ALL: [Mode; 14] = [
        Mode::Panes,
        Mode::Search,
        Mode::Prompt,
        Mode::Help,
        Mode::Sources,
        Mode::Problems,
        Mode::Routes,
        Mode::History,
        Mode::Balance,
        Mode::Plants,
        Mode::Filter,
        Mode::CommandLine,
        Mode::Log,
        Mode::Changes,
    ];
}

/// Keys that give one command in a mode, and what it does there.
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub help: &'static str,
}

/// A mode's own bindings, and what happens to a key none of them has.
pub struct Layer {
    pub mode: Mode,
    pub bindings: &'static [Binding],
    /// An unbound character is typed as text.
    pub text: bool,
    /// An unbound key does what it does on the panes.
    pub panes_too: bool,
}

macro_rules! bind {
    ([$($k:expr),+], $command:ident, $help:literal) => {
        Binding { keys: &[$($k),+], command: Command::$command, help: $help }
    };
}

const UP: Key = key(KeyCode::Up);
const DOWN: Key = key(KeyCode::Down);
const PGUP: Key = key(KeyCode::PageUp);
const PGDN: Key = key(KeyCode::PageDown);
const HOME: Key = key(KeyCode::Home);
const END: Key = key(KeyCode::End);
const ENTER: Key = key(KeyCode::Enter);
const ESC: Key = key(KeyCode::Esc);
const TAB: Key = key(KeyCode::Tab);
const BACKTAB: Key = key(KeyCode::BackTab);
const BACKSPACE: Key = key(KeyCode::Backspace);

/// The panes' keys, in the order the help overlay lists them; overlays other than help fall
/// back to them.
static PANES: &[Binding] = &[
    bind!([UP, ch('k')], Up, "move up"),
    bind!([DOWN, ch('j')], Down, "move down"),
    bind!([PGUP, ctrl('u')], PageUp, "page up"),
    bind!([PGDN, ctrl('d')], PageDown, "page down"),
    bind!([ch('g'), HOME], First, "first item"),
    bind!([ch('G'), END], Last, "last item"),
    bind!([TAB, key(KeyCode::Right), ch('l')], NextPane, "next pane"),
    bind!(
        [BACKTAB, key(KeyCode::Left), ch('h')],
        PrevPane,
        "previous pane"
    ),
    bind!(
        [ENTER],
        Open,
        "open: stage → firms → card; country → its firms"
    ),
    bind!([ESC], Back, "back, close, or leave the country"),
    bind!([ch(']')], NextBlock, "next share block of the stage"),
    bind!([ch('[')], PrevBlock, "previous share block of the stage"),
    bind!([ch('t')], ToggleEvents, "events timeline / detail card"),
    bind!([ch('f')], ToggleEventFilter, "events: selection only / all"),
    bind!([ch('{')], NarrowPane, "narrow the focused pane"),
    bind!([ch('}')], WidenPane, "widen the focused pane"),
    bind!(
        [ch('/')],
        Filter,
        "filter the list or window in place; #tag for events"
    ),
    bind!([ch('J')], Search, "jump to anything by name, typos allowed"),
    bind!(
        [ch(':')],
        CommandLine,
        "command line: :plants magnets --exclude CN, :asof 2024-06…"
    ),
    bind!([ch('s')], ShowSource, "sources of what is selected"),
    bind!([ch('p')], ShowProblems, "problems in the model file"),
    bind!([ch('e')], Edit, "edit the model at the selection ($EDITOR)"),
    bind!([ch('r')], Reload, "reload the model file"),
    bind!(
        [ch('y')],
        Copy,
        "copy the overlay or card as Markdown with its sources"
    ),
    bind!(
        [ch('Y')],
        CopyCitation,
        "copy the selected figure as one line with its source"
    ),
    bind!(
        [ch('w')],
        WriteView,
        "write the overlay or card to a .md or .csv file"
    ),
    bind!(
        [ch('o')],
        OpenUrl,
        "open the selected source's URL ($BROWSER or xdg-open)"
    ),
    bind!([ch('?')], Help, "this help (type to filter it)"),
    bind!([ch('q'), ctrl('c')], Quit, "quit"),
    bind!(
        [ch('x')],
        ToggleExclusion,
        "exclude the selected country (what-if) / bring it back"
    ),
    bind!([ch('X')], ClearExclusions, "clear all exclusions"),
    bind!(
        [ch('m')],
        ShowRoutes,
        "ore-to-magnet routes left with the exclusions"
    ),
    bind!(
        [ch('H')],
        ShowHistory,
        "history of the stage: shares and capacity by year"
    ),
    bind!(
        [ch('B')],
        ShowBalance,
        "the stage's supply against demand by year"
    ),
    bind!(
        [ch('R')],
        ShowResilience,
        "resilience: the plants whose loss ends every route, each stage's concentration"
    ),
    bind!([ch(',')], MonthEarlier, "read the model a month earlier"),
    bind!([ch('.')], MonthLater, "read the model a month later"),
    bind!([ch('<')], YearEarlier, "read the model a year earlier"),
    bind!([ch('>')], YearLater, "read the model a year later"),
    bind!([ch('=')], DateReset, "back to the model's own date"),
    bind!(
        [ch('c')],
        ShowChanges,
        "what the last reload changed (+ added, ~ changed rows)"
    ),
    bind!(
        [ch('C')],
        ClearChanges,
        "clear the marks of the last reload"
    ),
    bind!(
        [ch('b')],
        CycleExclusionMode,
        "exclude by location / owner / either"
    ),
    bind!(
        [ch('P')],
        ShowPlants,
        "plants of the selected stage (Enter opens a plant's card)"
    ),
    bind!(
        [ch('L')],
        ShowLog,
        "message log: every message of the session"
    ),
    bind!([ctrl('z')], Suspend, "suspend to the shell (fg resumes)"),
];

static SEARCH: &[Binding] = &[
    bind!([UP, ctrl('p')], Up, "search: previous result"),
    bind!([DOWN, ctrl('n')], Down, "search: next result"),
    bind!([PGUP], PageUp, "search: page up"),
    bind!([PGDN], PageDown, "search: page down"),
    bind!([ENTER], Open, "search: go to the result"),
    bind!([ESC], Back, "search: close, the view as it was"),
    bind!([BACKSPACE], DeleteChar, "search: delete a character"),
    bind!([ctrl('u')], ClearInput, "search: clear the query"),
    bind!([ctrl('c')], Quit, "quit"),
    bind!([ctrl('z')], Suspend, "suspend to the shell (fg resumes)"),
];

static PROMPT: &[Binding] = &[
    bind!([ENTER], Open, "prompt: write the file (y/n when it exists)"),
    bind!([ESC], Back, "prompt: cancel"),
    bind!([BACKSPACE], DeleteChar, "prompt: delete a character"),
    bind!([ctrl('c')], Quit, "quit"),
];

static HELP: &[Binding] = &[
    bind!([UP], Up, "help: scroll up"),
    bind!([DOWN], Down, "help: scroll down"),
    bind!([PGUP], PageUp, "help: page up"),
    bind!([PGDN], PageDown, "help: page down"),
    bind!([HOME], First, "help: top"),
    bind!([END], Last, "help: end"),
    bind!([ESC], Back, "help: close"),
    bind!([ch('?')], Help, "help: close"),
    bind!(
        [BACKSPACE],
        DeleteChar,
        "help: delete a character of the filter"
    ),
    bind!([ctrl('u')], ClearInput, "help: clear the filter"),
    bind!([ctrl('c')], Quit, "quit"),
];

static PROBLEMS: &[Binding] = &[
    bind!(
        [ENTER],
        Open,
        "problems: edit the model at the problem's line"
    ),
    bind!([ESC, ch('p')], Back, "problems: close"),
];

static HISTORY: &[Binding] = &[
    bind!([ch(']')], NextBlock, "history: next share series"),
    bind!([ch('[')], PrevBlock, "history: previous share series"),
    bind!([TAB], NextPane, "history: next capacity unit"),
    bind!([BACKTAB], PrevPane, "history: previous capacity unit"),
    bind!([ESC, ch('H')], Back, "history: close"),
];

static BALANCE: &[Binding] = &[bind!([ESC, ch('B')], Back, "balance: close")];

static PLANTS: &[Binding] = &[
    bind!([ENTER], Open, "plants: open the plant's card"),
    bind!([ch('S')], PlantsSort, "plants: sort by the next column"),
    bind!([ch('Z')], PlantsReverse, "plants: reverse the sort"),
    bind!(
        [ch('u')],
        PlantsStatus,
        "plants: operating, pipeline or all"
    ),
    bind!(
        [ch('d')],
        PlantsProduct,
        "plants: only those making the next element"
    ),
    bind!(
        [ESC, ch('P')],
        Back,
        "plants: close, or clear the filter first"
    ),
];

static FILTER: &[Binding] = &[
    bind!([UP], Up, "filter: move up"),
    bind!([DOWN], Down, "filter: move down"),
    bind!([PGUP], PageUp, "filter: page up"),
    bind!([PGDN], PageDown, "filter: page down"),
    bind!([ENTER], Open, "filter: keep it and use the list's keys"),
    bind!([TAB], NextPane, "filter: complete a #tag"),
    bind!([ESC], Back, "filter: clear it"),
    bind!([BACKSPACE], DeleteChar, "filter: delete a character"),
    bind!([ctrl('u')], ClearInput, "filter: clear what is typed"),
    bind!([ctrl('c')], Quit, "quit"),
];

static COMMAND_LINE: &[Binding] = &[
    bind!([ENTER], Open, "command line: run it"),
    bind!([ESC], Back, "command line: cancel"),
    bind!(
        [TAB],
        Complete,
        "command line: complete, again for the next"
    ),
    bind!([UP], Up, "command line: previous command"),
    bind!([DOWN], Down, "command line: next command"),
    bind!([BACKSPACE], DeleteChar, "command line: delete a character"),
    bind!([ctrl('u')], ClearInput, "command line: clear it"),
    bind!([ctrl('c')], Quit, "quit"),
];

static CLOSE_ONLY: &[Binding] = &[];

/// Every mode's layer, in the order help lists them.
pub static LAYERS: &[Layer] = &[
    Layer {
        mode: Mode::Panes,
        bindings: PANES,
        text: false,
        panes_too: false,
    },
    Layer {
        mode: Mode::Plants,
        bindings: PLANTS,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::History,
        bindings: HISTORY,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Balance,
        bindings: BALANCE,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Problems,
        bindings: PROBLEMS,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Filter,
        bindings: FILTER,
        text: true,
        panes_too: false,
    },
    Layer {
        mode: Mode::CommandLine,
        bindings: COMMAND_LINE,
        text: true,
        panes_too: false,
    },
    Layer {
        mode: Mode::Search,
        bindings: SEARCH,
        text: true,
        panes_too: false,
    },
    Layer {
        mode: Mode::Prompt,
        bindings: PROMPT,
        text: true,
        panes_too: false,
    },
    Layer {
        mode: Mode::Help,
        bindings: HELP,
        text: true,
        panes_too: false,
    },
    Layer {
        mode: Mode::Sources,
        bindings: CLOSE_ONLY,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Routes,
        bindings: CLOSE_ONLY,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Log,
        bindings: CLOSE_ONLY,
        text: false,
        panes_too: true,
    },
    Layer {
        mode: Mode::Changes,
        bindings: CLOSE_ONLY,
        text: false,
        panes_too: true,
    },
];

/// The layer of a mode.
pub fn layer(mode: Mode) -> &'static Layer {
    LAYERS.iter().find(|l| l.mode == mode).unwrap_or(&LAYERS[0])
}

/// Mouse use, for the help overlay.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("click", "select and focus"),
    ("wheel", "scroll the pane under the pointer"),
];

/// Whether a pressed key is `k`: Shift is part of the character for letters and symbols (`G`,
/// `?`), so only Ctrl and Alt distinguish bindings.
fn matches(k: &Key, event: &KeyEvent) -> bool {
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    k.code == event.code && k.mods == mods
}

/// Keys a settings file gives commands, in place of the table's keys for those commands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    keys: Vec<(Command, Vec<Key>)>,
}

impl Overrides {
    /// Gives `command` these keys instead of its own, everywhere it is bound.
    pub fn set(&mut self, command: Command, keys: Vec<Key>) {
        self.keys.retain(|(c, _)| *c != command);
        self.keys.push((command, keys));
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys a binding answers to: the settings' for its command, else its own.
    pub fn keys<'a>(&'a self, b: &'a Binding) -> &'a [Key] {
        self.keys
            .iter()
            .find(|(c, _)| *c == b.command)
            .map_or(b.keys, |(_, keys)| keys.as_slice())
    }
}

fn find<'a>(
    bindings: &'a [Binding],
    event: &KeyEvent,
    overrides: &Overrides,
) -> Option<&'a Binding> {
    bindings
        .iter()
        .find(|b| overrides.keys(b).iter().any(|k| matches(k, event)))
}

/// What a key means in a mode: its layer's command, else typed text where the mode takes
/// text, else the panes' command where the mode falls back to them. Releases give none.
pub fn msg_for_key(mode: Mode, event: KeyEvent) -> Option<Msg> {
    msg_for_key_with(mode, event, &Overrides::default())
}

/// [`msg_for_key`] with the keys a settings file moved.
pub fn msg_for_key_with(mode: Mode, event: KeyEvent, overrides: &Overrides) -> Option<Msg> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let layer = layer(mode);
    if let Some(b) = find(layer.bindings, &event, overrides) {
        return Some(Msg::Command(b.command));
    }
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if layer.text && plain => Some(Msg::Input(c)),
        _ if layer.panes_too => find(PANES, &event, overrides).map(|b| Msg::Command(b.command)),
        _ => None,
    }
}

/// The command a key gives in a mode, if it gives one.
pub fn command_for_key(mode: Mode, event: KeyEvent) -> Option<Command> {
    match msg_for_key(mode, event)? {
        Msg::Command(c) => Some(c),
        _ => None,
    }
}

/// The binding of `command` in a mode: its layer's own, else the panes' where it falls back.
pub fn binding(mode: Mode, command: Command) -> Option<&'static Binding> {
    let layer = layer(mode);
    let own = layer.bindings.iter().find(|b| b.command == command);
    match own {
        Some(b) => Some(b),
        None if layer.panes_too => PANES.iter().find(|b| b.command == command),
        None => None,
    }
}

pub fn msg_for_mouse(event: MouseEvent) -> Option<Msg> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Msg::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Msg::ScrollDown { column, row }),
        _ => None,
    }
}

/// How a key is written in the help overlay and status bar.
pub fn key_label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "S-Tab".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Backspace => "Bksp".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("C-{base}")
    } else {
        base
    }
}

/// A binding's keys, as help writes them.
pub fn keys_label(b: &Binding, overrides: &Overrides) -> String {
    let keys: Vec<String> = overrides.keys(b).iter().map(key_label).collect();
    keys.join(" ")
}

/// The help overlay's rows, every mode's: keys joined, and what they do. A mode's rows that
/// only repeat the panes' (quit, suspend) are left out.
pub fn help_rows(overrides: &Overrides) -> Vec<(String, &'static str)> {
    let panes = LAYERS.iter().take(1).flat_map(|l| l.bindings.iter());
    let modes = LAYERS
        .iter()
        .skip(1)
        .flat_map(|l| l.bindings.iter())
        .filter(|b| !PANES.iter().any(|p| p.help == b.help));
    panes
        .chain(modes)
        .map(|b| (keys_label(b, overrides), b.help))
        .chain(
            super::app::command_line::HELP
                .iter()
                .map(|&(k, h)| (k.to_string(), h)),
        )
        .chain(MOUSE_HELP.iter().map(|&(k, h)| (k.to_string(), h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for layer in LAYERS {
            let all: Vec<&Key> = layer.bindings.iter().flat_map(|b| b.keys.iter()).collect();
            for (i, a) in all.iter().enumerate() {
                assert!(
                    !all[i + 1..].contains(a),
                    "{} bound twice in {:?}",
                    key_label(a),
                    layer.mode
                );
            }
        }
    }

    #[test]
    fn every_mode_has_a_layer_and_a_way_out() {
        assert_eq!(Mode::ALL.len(), LAYERS.len(), "one layer per mode");
        for mode in Mode::ALL {
            assert_eq!(layer(mode).mode, mode);
            assert!(binding(mode, Command::Quit).is_some(), "{mode:?}");
            assert!(binding(mode, Command::Back).is_some(), "{mode:?}");
        }
    }

    #[test]
    fn releases_are_ignored_and_shift_letters_match() {
        let cmd = |code, mods| command_for_key(Mode::Panes, press(code, mods));
        let mut release = press(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(msg_for_key(Mode::Panes, release).is_none());
        assert_eq!(
            cmd(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Command::Last)
        );
        assert_eq!(
            cmd(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Command::Quit)
        );
        assert_eq!(
            cmd(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Command::ShowChanges)
        );
        // The plants view's keys are its own.
        assert_eq!(cmd(KeyCode::Char('S'), KeyModifiers::SHIFT), None);
        let plants = |c| command_for_key(Mode::Plants, press(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(plants('S'), Some(Command::PlantsSort));
        // ...and it falls back to the panes' for the rest.
        assert_eq!(plants('x'), Some(Command::ToggleExclusion));
    }

    #[test]
    fn text_modes_take_letters_as_text() {
        let key = |mode, code, mods| format!("{:?}", msg_for_key(mode, press(code, mods)));
        let none = KeyModifiers::NONE;
        assert_eq!(
            key(Mode::Search, KeyCode::Char('q'), none),
            "Some(Input('q'))"
        );
        assert_eq!(
            key(Mode::Search, KeyCode::Char('信'), none),
            "Some(Input('信'))"
        );
        assert_eq!(
            key(Mode::Help, KeyCode::Char('j'), none),
            "Some(Input('j'))"
        );
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            key(Mode::Search, KeyCode::Char('n'), ctrl),
            "Some(Command(Down))"
        );
        assert_eq!(
            key(Mode::Search, KeyCode::Char('p'), ctrl),
            "Some(Command(Up))"
        );
        assert_eq!(
            key(Mode::Search, KeyCode::Char('c'), ctrl),
            "Some(Command(Quit))"
        );
        assert_eq!(key(Mode::Search, KeyCode::F(2), none), "None");
        assert_eq!(key(Mode::Prompt, KeyCode::Up, none), "None");
    }

    #[test]
    fn help_lists_every_pane_binding_and_each_modes_own() {
        let rows = help_rows(&Overrides::default());
        assert!(rows.iter().any(|(k, h)| k == "q C-c" && *h == "quit"));
        assert_eq!(rows.iter().filter(|(_, h)| *h == "quit").count(), 1);
        assert!(
            rows.iter()
                .any(|(k, h)| k == "S" && h.starts_with("plants:"))
        );
        assert!(
            rows.iter()
                .any(|(k, h)| k == "C-u" && h.starts_with("search:"))
        );
    }
}
