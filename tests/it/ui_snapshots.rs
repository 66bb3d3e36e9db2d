//! Snapshots of every pane, the detail card, overlays and the too-small message, at 80x24
//! and 120x40 on the UI fixture. The buffer text is compared; styles are covered by the
//! screenshots.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{Model, Origin, load};
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;
use rechain::tui::ui;

use crate::common::{screen, send};

/// The fixture, named by its path relative to the crate so snapshots do not depend on the checkout.
fn fixture() -> Model {
    let text = include_str!("../fixtures/ui.yaml");
    load::load_text(text, Origin::File("tests/fixtures/ui.yaml".into())).expect("fixture is valid")
}

fn app(width: u16, height: u16) -> App {
    App::new(
        fixture(),
        Theme {
            color: true,
            contrast: false,
        },
        width,
        height,
    )
}

/// Snapshots the same screen at both sizes.
fn both(name: &str, actions: impl Fn() -> Vec<Msg>) {
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
    both("firms_focused", || crate::msgs![Command::NextPane]);
}

#[test]
fn firm_card_opened_with_enter() {
    // Mining -> firms -> MP Materials -> its card.
    both("firm_card", || {
        crate::msgs![Command::Open, Command::Down, Command::Open]
    });
}

#[test]
fn firm_card_scrolled_to_its_end() {
    both("firm_card_end", || {
        crate::msgs![Command::Open, Command::Down, Command::Open, Command::Last]
    });
}

#[test]
fn separation_firms_include_a_wide_character_name() {
    both("separation_firms", || {
        crate::msgs![Command::Down, Command::NextPane]
    });
}

#[test]
fn shares_pane_second_block_and_country_card() {
    both("shares_second_block", || {
        crate::msgs![
            Command::NextPane,
            Command::NextPane,
            Command::NextBlock,
            Command::Down,
        ]
    });
}

#[test]
fn firms_in_a_country_after_enter_on_its_bar() {
    both("firms_in_country", || {
        crate::msgs![
            Command::Down,
            Command::NextPane,
            Command::NextPane,
            Command::Down,
            Command::Open,
        ]
    });
}

#[test]
fn empty_stage_says_it_has_no_firms_or_shares() {
    both("empty_stage", || crate::msgs![Command::Last]);
}

#[test]
fn events_timeline_of_all_events() {
    both("events_all", || {
        crate::msgs![Command::ToggleEvents, Command::ToggleEventFilter]
    });
}

#[test]
fn events_timeline_filtered_by_the_selected_firm() {
    both("events_of_firm", || {
        crate::msgs![
            Command::Open,
            Command::Down,
            Command::ToggleEvents,
            Command::NextPane,
        ]
    });
}

#[test]
fn event_card_opened_from_the_timeline() {
    both("event_card", || {
        crate::msgs![
            Command::ToggleEvents,
            Command::ToggleEventFilter,
            Command::NextPane,
            Command::NextPane,
            Command::NextPane,
            Command::Down,
            Command::Open,
        ]
    });
}

#[test]
fn help_lists_every_key() {
    both("help", || crate::msgs![Command::Help]);
}

#[test]
fn source_popup_for_a_share_block() {
    both("source_popup", || {
        crate::msgs![Command::NextPane, Command::NextPane, Command::ShowSource]
    });
}

#[test]
fn problems_overlay_lists_warnings() {
    both("problems", || crate::msgs![Command::ShowProblems]);
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
    send(&mut a, [Command::NextPane]);
    assert_snapshot!("wide_160x40", screen(&a));
}

/// At 250x60 the panes share the width; the stages pane stops at its maximum and each firm's
/// countries sit beside its name.
#[test]
fn very_wide_terminal_shares_the_width() {
    let a = app(250, 60);
    let areas = a.areas().unwrap();
    assert_eq!(areas.stages.width, rechain::tui::geometry::STAGES_MAX);
    let text = screen(&a);
    let row = text
        .lines()
        .find(|l| l.contains("Lynas Rare Earths"))
        .unwrap();
    let gap = row.split("Lynas Rare Earths").nth(1).unwrap();
    assert!(gap.trim_start().starts_with("AU MY"), "{row}");
    assert!(gap.len() - gap.trim_start().len() <= 12, "{row}");
    assert_snapshot!("wide_250x60", text);
}

/// `}` widens the focused pane a step at a time; `{` gives it back.
#[test]
fn resize_keys_move_the_pane_borders() {
    let mut a = app(120, 40);
    send(
        &mut a,
        [Command::NextPane, Command::WidenPane, Command::WidenPane],
    );
    assert_snapshot!("firms_widened_120x40", screen(&a));
    let widened = a.areas().unwrap().firms.width;
    send(&mut a, [Command::NarrowPane, Command::NarrowPane]);
    assert_eq!(a.areas().unwrap().firms.width + 8, widened);
}

#[test]
fn zero_size_terminal_draws_nothing_and_survives() {
    let a = app(0, 0);
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
    terminal.draw(|f| ui::render(&a, f)).unwrap();
}
