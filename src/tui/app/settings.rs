//! What a settings file asks of the app when it opens: its theme, the pane with focus, the
//! what-if and moved keys. A broken file, or a name this model lacks, is said in the status
//! bar; the rest still applies.

use super::{App, Pane};
use crate::analysis::ownership::ExclusionMode;
use crate::config::{ByName, Loaded};
use crate::tui::command::Command;
use crate::tui::keymap::{Key, Overrides};
use crate::tui::theme::Theme;

impl App {
    /// The theme, keys and start pane only: what the stand-in shown while a model loads needs.
    pub fn apply_look(&mut self, loaded: &Loaded) {
        if loaded.error.is_some() {
            return;
        }
        let settings = &loaded.settings;
        self.theme = Theme {
            contrast: settings.theme == crate::config::ThemeName::HighContrast,
            ..self.theme
        };
        if let Some(start) = &settings.start {
            self.panes.focus = match start.get_ref().as_str() {
                "firms" => Pane::Firms,
                "shares" => Pane::Shares,
                "events" => Pane::Events,
                _ => Pane::Stages,
            };
        }
        self.keys = overrides(settings);
    }

    /// Everything the settings ask for, the what-if on this model included; a broken file or
    /// a country the model lacks is said in the status bar.
    pub fn apply_settings(&mut self, loaded: &Loaded) {
        if let Some(error) = &loaded.error {
            self.say(&format!("settings ignored: {error}"), true);
            return;
        }
        self.apply_look(loaded);
        let what_if = &loaded.settings.what_if;
        if let Some(by) = what_if.by {
            self.what_if.by.mode = match by {
                ByName::Location => ExclusionMode::Location,
                ByName::Owner => ExclusionMode::Owner,
                ByName::Either => ExclusionMode::Either,
            };
        }
        if let Some(control) = &what_if.control {
            self.what_if.by.control = u8::try_from(*control.get_ref()).unwrap_or(100);
        }
        let mut missing = Vec::new();
        for code in &what_if.exclude {
            match self.loaded.model.country_by_code(code.get_ref()) {
                Some(c) => {
                    self.what_if.excluded.insert(c);
                }
                None => missing.push(code.get_ref().clone()),
            }
        }
        self.exclusions_changed();
        if !missing.is_empty() {
            self.say(
                &format!(
                    "settings: no country {} in this model; the rest of the what-if applies",
                    missing.join(", ")
                ),
                true,
            );
        }
    }
}

/// The settings' keys by command; the file was checked, so every name and key reads.
fn overrides(settings: &crate::config::Settings) -> Overrides {
    let mut out = Overrides::default();
    for (name, keys) in &settings.keys {
        let Some(&command) = Command::ALL.iter().find(|c| c.name() == name) else {
            continue;
        };
        let keys = keys
            .get_ref()
            .keys()
            .iter()
            .filter_map(|k| crate::config::KeySpec::parse(k).ok())
            .map(|k| Key {
                code: k.code,
                mods: k.modifiers,
            })
            .collect();
        out.set(command, keys);
    }
    out
}
