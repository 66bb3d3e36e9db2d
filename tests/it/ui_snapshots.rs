//! Snapshots of every pane, the detail card, overlays and the too-small message, at 80x24
//! and 120x40 on the UI fixture. The buffer text is compared; styles are covered by the
//! screenshots.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{Model, Origin, load};
use rechain::tui::action::Action;
use rechain::tui::app::App;
use rechain::tui::theme::Theme;
use rechain::tui::ui;

use crate::common::{screen, send};

/// The fixture, named by its path relative to the crate so snapshots do not depend on the checkout.
fn fixture() -> Model {
    let text = include_str!("../fixtures/ui.yaml");
    load::load_text(text, Origin::File("tests/fixtures/ui.yaml".into())).expect("fixture is valid")
}

fn app(width: u16, height: u16) -> App {
    App::new(fixture(), Theme { color: true }, width, height)
}

/// Snapshots the same screen at both sizes.
fn both(name: &str, actions: impl Fn() -> Vec<Action>) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        send(&mut a, actions());
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(&a));
    }
}

#[test]
fn start_screen_shows_stages_firms_shares_and_stage_card() {
    both("start", Vec::new);
}

#[test]
fn firms_pane_focused_shows_the_firm_card() {
    both("firms_focused", || vec![Action::NextPane]);
}

#[test]
fn firm_card_opened_with_enter() {
    // Mining -> firms -> MP Materials -> its card.
    both("firm_card", || {
        vec![Action::Open, Action::Down, Action::Open]
    });
}

#[test]
fn firm_card_scrolled_to_its_end() {
    both("firm_card_end", || {
        vec![Action::Open, Action::Down, Action::Open, Action::Last]
    });
}

#[test]
fn separation_firms_include_a_wide_character_name() {
    both("separation_firms", || vec![Action::Down, Action::NextPane]);
}

#[test]
fn shares_pane_second_block_and_country_card() {
    both("shares_second_block", || {
        vec![
            Action::NextPane,
            Action::NextPane,
            Action::NextBlock,
            Action::Down,
        ]
    });
}

#[test]
fn firms_in_a_country_after_enter_on_its_bar() {
    both("firms_in_country", || {
        vec![
            Action::Down,
            Action::NextPane,
            Action::NextPane,
            Action::Down,
            Action::Open,
        ]
    });
}

#[test]
fn empty_stage_says_it_has_no_firms_or_shares() {
    both("empty_stage", || vec![Action::Last]);
}

#[test]
fn events_timeline_of_all_events() {
    both("events_all", || {
        vec![Action::ToggleEvents, Action::ToggleEventFilter]
    });
}

#[test]
fn events_timeline_filtered_by_the_selected_firm() {
    both("events_of_firm", || {
        vec![
            Action::Open,
            Action::Down,
            Action::ToggleEvents,
            Action::NextPane,
        ]
    });
}

#[test]
fn event_card_opened_from_the_timeline() {
    both("event_card", || {
        vec![
            Action::ToggleEvents,
            Action::ToggleEventFilter,
            Action::NextPane,
            Action::NextPane,
            Action::NextPane,
            Action::Down,
            Action::Open,
        ]
    });
}

#[test]
fn help_lists_every_key() {
    both("help", || vec![Action::Help]);
}

#[test]
fn source_popup_for_a_share_block() {
    both("source_popup", || {
        vec![Action::NextPane, Action::NextPane, Action::ShowSource]
    });
}

#[test]
fn problems_overlay_lists_warnings() {
    both("problems", || vec![Action::ShowProblems]);
}

#[test]
fn too_small_says_what_it_needs() {
    for (w, h) in [(59, 24), (80, 14), (20, 5)] {
        let a = app(w, h);
        assert_snapshot!(format!("too_small_{w}x{h}"), screen(&a));
    }
}

#[test]
fn wide_terminal_shows_events_beside_the_card() {
    let mut a = app(160, 40);
    send(&mut a, [Action::NextPane]);
    assert_snapshot!("wide_160x40", screen(&a));
}

#[test]
fn zero_size_terminal_draws_nothing_and_survives() {
    let a = app(0, 0);
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
    terminal.draw(|f| ui::render(&a, f)).unwrap();
}
