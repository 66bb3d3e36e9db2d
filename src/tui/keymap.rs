//! Key and mouse events to actions: one table that drives input and the help overlay.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;

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

/// One line of the help overlay and the keys that trigger its action.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: fn() -> Action,
    pub help: &'static str,
}

macro_rules! bind {
    ([$($k:expr),+], $action:expr, $help:literal) => {
        Binding { keys: &[$($k),+], action: || $action, help: $help }
    };
}

/// Every key binding, in the order the help overlay lists them.
pub static BINDINGS: &[Binding] = &[
    bind!([key(KeyCode::Up), ch('k')], Action::Up, "move up"),
    bind!([key(KeyCode::Down), ch('j')], Action::Down, "move down"),
    bind!([key(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up"),
    bind!(
        [key(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "page down"
    ),
    bind!([ch('g'), key(KeyCode::Home)], Action::First, "first item"),
    bind!([ch('G'), key(KeyCode::End)], Action::Last, "last item"),
    bind!(
        [key(KeyCode::Tab), key(KeyCode::Right), ch('l')],
        Action::NextPane,
        "next pane"
    ),
    bind!(
        [key(KeyCode::BackTab), key(KeyCode::Left), ch('h')],
        Action::PrevPane,
        "previous pane"
    ),
    bind!(
        [key(KeyCode::Enter)],
        Action::Open,
        "open: stage → firms → card; country → its firms"
    ),
    bind!(
        [key(KeyCode::Esc)],
        Action::Back,
        "back, close, or leave the country"
    ),
    bind!(
        [ch(']')],
        Action::NextBlock,
        "next share block of the stage"
    ),
    bind!(
        [ch('[')],
        Action::PrevBlock,
        "previous share block of the stage"
    ),
    bind!(
        [ch('t')],
        Action::ToggleEvents,
        "events timeline / detail card"
    ),
    bind!(
        [ch('f')],
        Action::ToggleEventFilter,
        "events: selection only / all"
    ),
    bind!(
        [ch('/')],
        Action::Search,
        "search everything by name, typos allowed"
    ),
    bind!([ch('s')], Action::ShowSource, "sources of what is selected"),
    bind!(
        [ch('p')],
        Action::ShowProblems,
        "problems in the model file"
    ),
    bind!(
        [ch('e')],
        Action::Edit,
        "edit the model at the selection ($EDITOR)"
    ),
    bind!([ch('r')], Action::Reload, "reload the model file"),
    bind!(
        [ch('y')],
        Action::Copy,
        "copy the overlay or card as Markdown with its sources"
    ),
    bind!(
        [ch('Y')],
        Action::CopyCitation,
        "copy the selected figure as one line with its source"
    ),
    bind!(
        [ch('w')],
        Action::WriteView,
        "write the overlay or card to a .md or .csv file"
    ),
    bind!(
        [ch('o')],
        Action::OpenUrl,
        "open the selected source's URL ($BROWSER or xdg-open)"
    ),
    bind!([ch('?')], Action::Help, "this help"),
    bind!([ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind!(
        [ch('x')],
        Action::ToggleExclusion,
        "exclude the selected country (what-if) / bring it back"
    ),
    bind!([ch('X')], Action::ClearExclusions, "clear all exclusions"),
    bind!(
        [ch('m')],
        Action::ShowRoutes,
        "ore-to-magnet routes left with the exclusions"
    ),
    bind!(
        [ch('H')],
        Action::ShowHistory,
        "history of the stage: shares and capacity by year"
    ),
    bind!(
        [ch('B')],
        Action::ShowBalance,
        "the stage's supply against demand by year"
    ),
    bind!(
        [ch(',')],
        Action::DateStep { months: -1 },
        "read the model a month earlier"
    ),
    bind!(
        [ch('.')],
        Action::DateStep { months: 1 },
        "read the model a month later"
    ),
    bind!(
        [ch('<')],
        Action::DateStep { months: -12 },
        "read the model a year earlier"
    ),
    bind!(
        [ch('>')],
        Action::DateStep { months: 12 },
        "read the model a year later"
    ),
    bind!([ch('=')], Action::DateReset, "back to the model's own date"),
    bind!(
        [ch('c')],
        Action::ShowChanges,
        "what the last reload changed (+ added, ~ changed rows)"
    ),
    bind!(
        [ch('C')],
        Action::ClearChanges,
        "clear the marks of the last reload"
    ),
    bind!(
        [ch('b')],
        Action::CycleExclusionMode,
        "exclude by location / owner / either"
    ),
    bind!(
        [ch('P')],
        Action::ShowPlants,
        "plants of the selected stage (Enter opens a plant's card)"
    ),
    bind!(
        [ch('S')],
        Action::PlantsSort,
        "plants: sort by the next column"
    ),
    bind!([ch('Z')], Action::PlantsReverse, "plants: reverse the sort"),
    bind!(
        [ch('u')],
        Action::PlantsStatus,
        "plants: operating, pipeline or all"
    ),
    bind!(
        [ch('d')],
        Action::PlantsProduct,
        "plants: only those making the next element"
    ),
    bind!(
        [ch('L')],
        Action::ShowLog,
        "message log: every message of the session"
    ),
    bind!(
        [ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg resumes)"
    ),
];

/// Mouse use, for the help overlay.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("click", "select and focus"),
    ("wheel", "scroll the pane under the pointer"),
];

/// The action for a key event; releases and unbound keys give none.
pub fn action_for_key(event: KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    // Shift is part of the character for letters and symbols (`G`, `?`), so only Ctrl and
    // Alt distinguish bindings.
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    BINDINGS
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.code == event.code && k.mods == mods)
        })
        .map(|b| (b.action)())
}

/// Keys while the search box is open: characters go into the query.
pub static SEARCH_KEYS: &[(&str, &str)] = &[
    ("↑ ↓ C-p C-n", "move"),
    ("Enter", "open"),
    ("Esc", "back"),
    ("C-u", "clear"),
];

/// The action for a key event while the search box is open.
pub fn search_action_for_key(event: KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    Some(match event.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Open,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Backspace => Action::SearchBackspace,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('u') if ctrl => Action::SearchClear,
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('z') if ctrl => Action::Suspend,
        KeyCode::Char(c) if !ctrl && !alt => Action::SearchInput(c),
        _ => return None,
    })
}

/// The action for a key event while the status-line prompt is open: the search box's keys,
/// less its list moves and clearing; characters go into the prompt.
pub fn prompt_action_for_key(event: KeyEvent) -> Option<Action> {
    match search_action_for_key(event)? {
        Action::SearchInput(c) => Some(Action::PromptInput(c)),
        Action::SearchBackspace => Some(Action::PromptBackspace),
        a @ (Action::Back | Action::Open | Action::Quit) => Some(a),
        _ => None,
    }
}

pub fn action_for_mouse(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
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

/// The help overlay's rows: keys joined, and what they do.
pub fn help_rows() -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(key_label).collect();
            (keys.join(" "), b.help)
        })
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
    fn no_key_is_bound_twice() {
        let all: Vec<&Key> = BINDINGS.iter().flat_map(|b| b.keys.iter()).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{} bound twice", key_label(a));
        }
    }

    #[test]
    fn releases_are_ignored_and_shift_letters_match() {
        let mut release = press(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(action_for_key(release).is_none());
        assert!(matches!(
            action_for_key(press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        ));
        assert!(matches!(
            action_for_key(press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        ));
        assert!(matches!(
            action_for_key(press(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::ShowChanges)
        ));
    }

    #[test]
    fn search_box_takes_letters_as_text() {
        let key = |code, mods| search_action_for_key(press(code, mods));
        assert!(matches!(
            key(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::SearchInput('q'))
        ));
        assert!(matches!(
            key(KeyCode::Char('信'), KeyModifiers::NONE),
            Some(Action::SearchInput('信'))
        ));
        assert!(matches!(
            key(KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::Down)
        ));
        assert!(matches!(
            key(KeyCode::Char('p'), KeyModifiers::CONTROL),
            Some(Action::Up)
        ));
        assert!(matches!(
            key(KeyCode::Esc, KeyModifiers::NONE),
            Some(Action::Back)
        ));
        assert!(matches!(
            key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        ));
        assert!(key(KeyCode::F(2), KeyModifiers::NONE).is_none());
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        assert_eq!(rows.len(), BINDINGS.len() + MOUSE_HELP.len());
        assert!(rows.iter().any(|(k, h)| k == "q C-c" && *h == "quit"));
    }
}
