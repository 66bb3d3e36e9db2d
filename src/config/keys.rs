//! Keys as a settings file writes them: `q`, `G`, `?`, `ctrl-c`, `alt-x`, `shift-tab`,
//! `enter`, `f5`, `space`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Named keys, lower case.
const NAMED: [(&str, KeyCode); 16] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl KeySpec {
    /// Reads one key; the error says what is accepted.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is the minus key, not an empty modifier.
        while let Some((head, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
            modifiers |= match head.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => {
                    return Err(format!(
                        "\"{text}\": unknown modifier \"{head}\" (ctrl-, alt-, shift-)"
                    ));
                }
            };
            rest = tail;
        }
        let code = Self::code(rest).ok_or_else(|| {
            format!(
                "\"{text}\" is not a key: a character, f1–f12, or one of {}",
                NAMED.map(|(name, _)| name).join(", ")
            )
        })?;
        // Shift-tab arrives as BackTab.
        if code == KeyCode::Tab && modifiers.contains(KeyModifiers::SHIFT) {
            return Ok(KeySpec {
                code: KeyCode::BackTab,
                modifiers: modifiers - KeyModifiers::SHIFT,
            });
        }
        Ok(KeySpec { code, modifiers })
    }

    fn code(name: &str) -> Option<KeyCode> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_control()).then_some(KeyCode::Char(c));
        }
        let lower = name.to_ascii_lowercase();
        if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            return Some(code);
        }
        let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
        (1..=12).contains(&number).then_some(KeyCode::F(number))
    }

    /// Whether a key press is this key. Shift is ignored on characters, which carry it in
    /// their case.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ignore = if matches!(event.code, KeyCode::Char(_)) {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        event.code == self.code && (event.modifiers - ignore) == (self.modifiers - ignore)
    }
}

impl std::fmt::Display for KeySpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_characters_names_function_keys_and_modifiers() {
        let key = |t| KeySpec::parse(t).map(|k| k.to_string());
        assert_eq!(key("q").as_deref(), Ok("q"));
        assert_eq!(key("G").as_deref(), Ok("G"));
        assert_eq!(key("-").as_deref(), Ok("-"));
        assert_eq!(key("Ctrl-c").as_deref(), Ok("ctrl-c"));
        assert_eq!(key("ctrl--").as_deref(), Ok("ctrl--"));
        assert_eq!(key("shift-tab").as_deref(), Ok("backtab"));
        assert_eq!(key("F5").as_deref(), Ok("f5"));
        assert_eq!(key("PageDown").as_deref(), Ok("pagedown"));
        assert!(key("f13").is_err());
        assert!(key("hyper-x").is_err());
        assert!(key("qq").is_err());
        assert!(key("\u{7}").is_err());
    }

    #[test]
    fn a_capital_matches_whatever_shift_the_terminal_reports() {
        let g = KeySpec::parse("G").unwrap_or_else(|e| panic!("{e}"));
        assert!(g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert!(g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE)));
        assert!(!g.matches(&KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE)));
        let ctrl_c = KeySpec::parse("ctrl-c").unwrap_or_else(|e| panic!("{e}"));
        assert!(!ctrl_c.matches(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE)));
    }
}
