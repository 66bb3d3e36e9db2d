//! The settings file in the app: theme, start pane, the what-if and moved keys; a broken file
//! is said with its line and column and the defaults hold.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rechain::config::load_from;
use rechain::model::{Origin, load};
use rechain::tui::app::{App, Pane};
use rechain::tui::command::Command;
use rechain::tui::keymap::msg_for_key_with;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::pty::{Session, fixture};
use crate::common::screen;

fn names() -> Vec<&'static str> {
    Command::ALL.iter().map(|c| c.name()).collect()
}

fn app_with(settings: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, settings).unwrap();
    let model = load::load(&Origin::File(fixture().into())).unwrap();
    let mut app = App::new(
        model,
        Theme {
            color: true,
            contrast: false,
        },
        100,
        30,
    );
    app.apply_settings(&load_from(&path, &names()));
    (app, dir)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_settings_file_sets_theme_pane_what_if_and_keys() {
    let (app, _dir) = app_with(
        "theme = \"high-contrast\"\nstart = \"firms\"\n[what-if]\nexclude = [\"CN\"]\nby = \"owner\"\n[keys]\nshow-plants = \"F\"\n",
    );
    assert!(app.theme.contrast);
    assert_eq!(app.panes.focus, Pane::Firms);
    let excluded: Vec<&str> = app
        .what_if
        .excluded
        .iter()
        .map(|&c| app.loaded.model.country(c).code.as_str())
        .collect();
    assert_eq!(excluded, ["CN"]);
    // The moved key gives the command; its old key no longer does.
    let by_key = |c| msg_for_key_with(app.mode(), key(c), &app.keys);
    assert!(matches!(
        by_key('F'),
        Some(Msg::Command(Command::ShowPlants))
    ));
    assert!(!matches!(
        by_key('P'),
        Some(Msg::Command(Command::ShowPlants))
    ));
    // Help and the hints name the moved key.
    let rows = rechain::tui::keymap::help_rows(&app.keys);
    assert!(
        rows.iter()
            .any(|(k, help)| k == "F" && help.starts_with("plants")),
        "{rows:?}"
    );
}

#[test]
fn a_broken_settings_file_is_said_with_its_place_and_ignored() {
    let (app, dir) = app_with("theme = \"high-contrast\"\n[keys]\nshow-plant = \"F\"\n");
    assert!(!app.theme.contrast);
    assert_eq!(app.panes.focus, Pane::Stages);
    let said = &app.status.message.as_ref().unwrap().text;
    let place = format!("{}:3:14:", dir.path().join("config.toml").display());
    assert!(said.contains(&place), "{said}");
    assert!(said.contains("did you mean `show-plants`"), "{said}");
    // The status bar shows it in full width.
    assert!(
        screen(&app).contains("settings ignored"),
        "{}",
        screen(&app)
    );
}

#[test]
fn pty_the_app_reads_rechain_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys]\nhelp = \"F1\"\n[what-if]\nexclude = [\"AU\"]\nby = \"owner\"\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let mut s = Session::start(
        &[&fixture()],
        &[("RECHAIN_CONFIG", config.as_str())],
        dir.path(),
        100,
        30,
    );
    s.wait_text("Stages (6)");
    // The what-if applies to the model once it is loaded, not to the stand-in before it.
    s.wait_text("excluding AU by owner");
    assert!(
        !s.screen_text().contains("no country"),
        "{}",
        s.screen_text()
    );
    // `?` no longer opens help; F1 does.
    s.send(b"?");
    s.send(b"\x1bOP");
    s.wait_text("type to filter");
    s.send(b"\x1b");
    s.wait_gone("type to filter");
    s.quit();
}
