//! Colours and styles. Only ANSI colours that read on dark and light backgrounds, and
//! modifiers alone when `NO_COLOR` is set.

use ratatui::style::{Color, Modifier, Style};

use crate::present::doc::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Bright colours and no dimming, for projectors and low-contrast screens.
    pub contrast: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            contrast: false,
        }
    }

    fn fg(self, color: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        let color = if self.contrast {
            match color {
                Color::Cyan => Color::LightCyan,
                Color::Magenta => Color::LightMagenta,
                Color::Green => Color::LightGreen,
                Color::Red => Color::LightRed,
                Color::Yellow => Color::LightYellow,
                other => other,
            }
        } else {
            color
        };
        Style::new().fg(color)
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Title | Role::Number => Style::new().add_modifier(Modifier::BOLD),
            Role::Heading => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Role::Text => Style::new(),
            Role::Dim => self.dim(),
            Role::Source => self.fg(Color::Cyan),
            Role::Status => self.fg(Color::Green),
            Role::Warning | Role::Error => self.error(),
            Role::Key => self.key(),
            Role::Ok => self.ok(),
        }
    }

    pub fn dim(&self) -> Style {
        if self.contrast {
            Style::new()
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    /// Titles sit on the border; they undo its dimming to stay readable.
    pub fn pane_title(&self, focused: bool) -> Style {
        let s = Style::new()
            .add_modifier(Modifier::BOLD)
            .remove_modifier(Modifier::DIM);
        if focused {
            s.patch(self.fg(Color::Cyan))
        } else {
            s
        }
    }

    /// The selected row: reversed in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn bar(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The banner for a failed reload: must stand out without colour too.
    pub fn banner(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A country left out in the what-if, and what only it supplies.
    pub fn excluded(&self) -> Style {
        self.dim().add_modifier(Modifier::CROSSED_OUT)
    }

    /// Characters of a search result that matched the query.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn status_bar(&self) -> Style {
        Style::new()
    }
}
