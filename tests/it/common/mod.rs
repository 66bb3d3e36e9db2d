//! What several test modules share: a number from the environment, the app driven by actions
//! and its screen as text, the binary run from a shell, a seeded generator and the PTY harness.

pub mod cli;
pub mod pty;
pub mod rng;
pub mod shrink;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::tui::app::App;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::ui;

/// A whole number from the environment, or `default` when unset or not a number.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Applies the actions in order; returns the last effect.
pub fn send<M: Into<Msg>>(app: &mut App, actions: impl IntoIterator<Item = M>) -> Effect {
    let mut last = Effect::None;
    for a in actions {
        last = app.update(a);
    }
    last
}

/// The app drawn once into a test terminal of its size.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    terminal
}

/// The app's screen as text, one quoted line per row.
pub fn screen(app: &App) -> String {
    terminal(app).backend().to_string()
}

/// A list of messages from commands and messages alike.
#[macro_export]
macro_rules! msgs {
    ($m:expr; $n:expr) => {
        vec![rechain::tui::msg::Msg::from($m); $n]
    };
    ($($m:expr),* $(,)?) => {
        vec![$(rechain::tui::msg::Msg::from($m)),*]
    };
}
