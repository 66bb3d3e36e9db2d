//! The `:` command line: a line typed in the app opens the view the command-line verb names,
//! with the what-if and the date; Tab completes, ↑ recalls, errors stay on the line.

use insta::assert_snapshot;
use rechain::model::{Origin, load};
use rechain::tui::app::{App, Overlay};
use rechain::tui::command::Command;
use rechain::tui::keymap::Mode;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;

use crate::common::pty::{Session, fixture};
use crate::common::{screen, send};

fn app(width: u16, height: u16) -> App {
    let text = include_str!("../fixtures/ui.yaml");
    let model = load::load_text(text, Origin::File("tests/fixtures/ui.yaml".into())).unwrap();
    App::new(
        model,
        Theme {
            color: false,
            contrast: false,
        },
        width,
        height,
    )
}

/// `:` then the text, as typed.
fn typed(text: &str) -> Vec<Msg> {
    std::iter::once(Msg::from(Command::CommandLine))
        .chain(text.chars().map(Msg::Input))
        .collect()
}

fn run(a: &mut App, text: &str) -> Effect {
    send(a, typed(text));
    a.update(Command::Open)
}

#[test]
fn a_verb_opens_its_view_with_the_what_if() {
    let mut a = app(80, 24);
    run(&mut a, "plants magnets --exclude CN --status all");
    assert_eq!(a.mode(), Mode::Plants);
    assert!(a.overlay.is(&Overlay::Plants));
    let m = &a.loaded.model;
    let magnets = m.stage_by_id("magnets").unwrap();
    assert_eq!(a.plant_rows().unwrap().stage, magnets);
    assert_eq!(a.what_if.label(m), "CN");
    let shown = screen(&a);
    assert!(
        shown.contains("Magnets: 2 plants, every status, excluding CN"),
        "{shown}"
    );
    assert!(shown.contains("Osaka magnet plant"), "{shown}");
    // Without --exclude the app keeps its what-if.
    run(&mut a, "routes");
    assert!(a.overlay.is(&Overlay::Routes));
    assert_eq!(a.what_if.label(&a.loaded.model), "CN");
    run(&mut a, "exclude");
    assert!(!a.what_if.is_active());
    run(&mut a, "balance separation");
    let separation = a.loaded.model.stage_by_id("separation").unwrap();
    assert_eq!(a.selected_stage(), Some(separation));
    assert!(matches!(a.overlay.get(), Some(Overlay::Balance { .. })));
    run(&mut a, "show lynas");
    assert_eq!(a.overlay.get(), None);
    let lynas = a.loaded.model.entity_by_id("lynas").unwrap();
    assert_eq!(a.subject(), Some(lynas));
    run(&mut a, "search dysprosium");
    assert_eq!(a.search.as_ref().unwrap().query, "dysprosium");
}

#[test]
fn the_apps_own_commands_set_the_date_the_what_if_and_the_theme() {
    let mut a = app(80, 24);
    run(&mut a, "asof 2024-06");
    assert_eq!(a.dating.as_of, Some("2024-06".parse().unwrap()));
    run(&mut a, "asof now");
    assert_eq!(a.dating.as_of, None);
    run(&mut a, "exclude CN,MY");
    assert_eq!(a.what_if.label(&a.loaded.model), "CN,MY");
    run(&mut a, "by owner");
    assert_eq!(a.what_if.by.mode.as_str(), "owner");
    run(&mut a, "theme high-contrast");
    assert!(a.theme.contrast);
    run(&mut a, "help plants");
    assert_eq!(
        a.overlay.get(),
        Some(&Overlay::Help {
            filter: "plants".into()
        })
    );
    assert_eq!(run(&mut a, "q"), Effect::Quit);
}

#[test]
fn errors_stay_on_the_line_and_esc_leaves_it() {
    let mut a = app(80, 24);
    run(&mut a, "plants magnts");
    assert_eq!(a.mode(), Mode::CommandLine);
    let line = a.command_line.open.as_ref().unwrap();
    assert!(line.error.as_ref().unwrap().contains("magnets"), "{line:?}");
    assert_eq!(a.overlay.get(), None);
    // Fixing the line clears the error; Esc closes it and nothing ran.
    send(&mut a, [Command::DeleteChar]);
    assert!(a.command_line.open.as_ref().unwrap().error.is_none());
    send(&mut a, [Command::Back]);
    assert_eq!(a.mode(), Mode::Panes);
    assert_eq!(a.overlay.get(), None);
    // Backspace on an empty line closes it too, as in vim.
    send(&mut a, [Command::CommandLine, Command::DeleteChar]);
    assert_eq!(a.mode(), Mode::Panes);
}

#[test]
fn up_recalls_the_lines_run() {
    let mut a = app(80, 24);
    run(&mut a, "routes");
    run(&mut a, "resilience");
    send(&mut a, [Command::Back, Command::CommandLine, Command::Up]);
    assert_eq!(a.command_line.open.as_ref().unwrap().text, "resilience");
    send(&mut a, [Command::Up]);
    assert_eq!(a.command_line.open.as_ref().unwrap().text, "routes");
    a.update(Command::Open);
    assert!(a.overlay.is(&Overlay::Routes));
}

#[test]
fn colon_opens_the_line_from_the_panes_and_from_an_overlay() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let colon = KeyEvent::new(KeyCode::Char(':'), KeyModifiers::NONE);
    let key = |mode| rechain::tui::keymap::command_for_key(mode, colon);
    assert_eq!(key(Mode::Panes), Some(Command::CommandLine));
    assert_eq!(key(Mode::Plants), Some(Command::CommandLine));
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    let on_line = rechain::tui::keymap::command_for_key(Mode::CommandLine, tab);
    assert_eq!(on_line, Some(Command::Complete));
    let mut a = app(80, 24);
    send(&mut a, [Command::ShowPlants, Command::CommandLine]);
    assert_eq!(a.mode(), Mode::CommandLine);
    run(&mut a, "resilience");
    assert!(a.overlay.is(&Overlay::Resilience));
}

#[test]
fn the_line_with_its_candidates_and_with_an_error() {
    let mut a = app(80, 24);
    send(&mut a, typed("plants magnets --s"));
    send(&mut a, [Command::Complete]);
    assert_snapshot!("command_line_candidates_80x24", screen(&a));
    send(&mut a, [Command::Complete]);
    let shown = screen(&a);
    let text = &a.command_line.open.as_ref().unwrap().text;
    assert!(
        text.starts_with("plants magnets --s") && text.len() > 18,
        "{text}"
    );
    assert!(shown.contains(&format!(":{text}")), "{shown}");
    send(&mut a, [Command::Back]);
    run(&mut a, "plnts magnets");
    assert_snapshot!("command_line_error_80x24", screen(&a));
}

#[test]
fn typing_the_plants_command_in_a_terminal_opens_the_plants_view() {
    let dir = std::env::temp_dir();
    let file = fixture();
    let mut s = Session::start(&[file.as_str()], &[], &dir, 80, 24);
    s.wait_text("Stages (6)");
    s.send(b":plants mag\t");
    s.wait_text(":plants magnets ");
    s.send(b"--exclude CN\r");
    s.wait_text("Magnets: 1 plant, operating or ramping, excluding CN");
    s.wait_text("Independence (Fort");
    s.wait_text(" 1–1 of 1 · ");
    s.send(b"\x1b");
    s.wait_gone("Independence (Fort");
    s.send(b":plnts\r");
    s.wait_text("a similar subcommand exists: 'plants'");
    s.send(b"\x1b");
    s.wait_gone("a similar subcommand");
    s.quit();
}
