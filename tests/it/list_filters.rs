//! `/` filters every list and window in place on the embedded model: the panes (stages,
//! firms, shares, the events timeline by text and `#tag`) and the overlays (routes, sources,
//! problems, log, resilience, plants); Enter keeps the filter, Esc clears it, the selection
//! stays on a row that is shown, and titles say what is kept of how many.

use insta::assert_snapshot;
use rechain::model::{EntityRef, EventId, EventTag, FirmId, Model, Origin, load};
use rechain::tui::app::{App, Overlay, Pane};
use rechain::tui::command::Command;
use rechain::tui::keymap::Mode;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::pty::Session;
use crate::common::{screen, send};

fn model() -> Model {
    load::load(&Origin::Embedded).expect("embedded model is valid")
}

fn app(width: u16, height: u16) -> App {
    App::new(
        model(),
        Theme {
            color: false,
            contrast: false,
        },
        width,
        height,
    )
}

/// `/`, then `text` typed a character at a time.
fn filter(app: &mut App, text: &str) {
    send(app, [Command::Filter]);
    assert_eq!(app.mode(), Mode::Filter);
    send(app, text.chars().map(Msg::Input));
}

/// The stage named `name`'s position in the stages pane.
fn stage_named(app: &App, name: &str) -> usize {
    let m = &app.loaded.model;
    m.stages()
        .iter()
        .position(|s| s.name.to_lowercase().contains(name))
        .unwrap()
}

/// The firms pane focused on the magnets stage.
fn magnet_firms(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    let magnets = stage_named(&a, "magnet");
    send(&mut a, vec![Command::Down; magnets]);
    send(&mut a, [Command::Open]);
    assert_eq!(a.panes.focus, Pane::Firms);
    a
}

fn japanese(app: &App, firm: FirmId) -> bool {
    let m = &app.loaded.model;
    m.firm(firm)
        .countries
        .iter()
        .any(|&c| m.country(c).code == "JP")
}

#[test]
fn firms_keep_those_the_words_begin_and_esc_brings_all_back() {
    let mut a = magnet_firms(80, 24);
    let all = a.firm_rows().to_vec();
    assert!(all.iter().any(|&f| !japanese(&a, f)));
    filter(&mut a, "jap");
    let kept = a.firm_rows().to_vec();
    assert!(!kept.is_empty() && kept.len() < all.len());
    assert!(kept.iter().all(|&f| japanese(&a, f)), "{kept:?}");
    // Enter keeps it: moving and opening work on the kept rows.
    send(&mut a, [Command::Open]);
    assert_eq!(a.mode(), Mode::Panes);
    send(&mut a, [Command::Last]);
    assert_eq!(a.panes.firms.selected, kept.len() - 1);
    assert_eq!(a.selected_firm(), kept.last().copied());
    // Leaving the pane and coming back keeps the filter.
    send(&mut a, [Command::PrevPane, Command::NextPane]);
    assert_eq!(a.firm_rows(), kept);
    // A typo is forgiven from four letters on.
    send(&mut a, [Command::Back]);
    assert_eq!(a.firm_rows(), all);
    filter(&mut a, "japn");
    assert_eq!(a.firm_rows(), kept);
    // Esc while typing clears it, and the selection stays on a listed firm.
    send(&mut a, [Command::Back]);
    assert_eq!(a.firm_rows(), all);
    assert!(a.panes.firms.selected < all.len());
    filter(&mut a, "zzzz");
    assert!(a.firm_rows().is_empty());
    assert!(screen(&a).contains("no firm matches"));
}

#[test]
fn the_firm_selected_stays_selected_while_it_is_kept() {
    let mut a = magnet_firms(80, 24);
    let jp = a.firm_rows().iter().position(|&f| japanese(&a, f)).unwrap();
    send(&mut a, vec![Command::Down; jp]);
    let firm = a.selected_firm();
    filter(&mut a, "jap");
    assert_eq!(a.selected_firm(), firm);
    send(&mut a, [Command::Back]);
    assert_eq!(a.selected_firm(), firm);
}

#[test]
fn stages_and_shares_filter_and_the_stage_follows() {
    let mut a = app(80, 24);
    filter(&mut a, "magn");
    let m = &a.loaded.model;
    assert_eq!(a.stage_rows().len(), 1, "{:?}", a.stage_rows());
    let stage = a.selected_stage().unwrap();
    assert!(m.stage(stage).name.to_lowercase().contains("magnet"));
    // The card and the firms follow the stage the filter left selected.
    assert_eq!(a.subject(), Some(EntityRef::Stage(stage)));
    assert!(screen(&a).contains("Stages /magn▏ 1 of"));
    // Enter keeps the filter; Esc clears it, leaving the stage selected.
    send(&mut a, [Command::Open, Command::Back]);
    assert_eq!(a.stage_rows().len(), a.loaded.model.stages().len());
    assert_eq!(a.selected_stage(), Some(stage));
    // The mining shares list several countries.
    send(&mut a, [Command::First, Command::Open, Command::NextPane]);
    assert_eq!(a.panes.focus, Pane::Shares);
    let all = a.share_rows();
    assert!(all.len() > 1);
    filter(&mut a, "china");
    let kept = a.share_rows();
    assert_eq!(kept.len(), 1);
    assert_eq!(a.loaded.model.country(kept[0].0).code, "CN");
    assert_eq!(a.selected_country_row(), Some(kept[0].0));
    send(&mut a, [Command::Back]);
    assert_eq!(a.share_rows(), all);
}

/// The timeline of every event, focused.
fn timeline(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    send(
        &mut a,
        [
            Command::ToggleEvents,
            Command::PrevPane,
            Command::ToggleEventFilter,
        ],
    );
    assert_eq!(a.panes.focus, Pane::Events);
    assert_eq!(a.panes.event_rows, a.loaded.model.events_by_date());
    a
}

#[test]
fn the_timeline_keeps_a_topic_newest_first_by_tag_prefix_or_typo() {
    let mut a = timeline(80, 24);
    let tagged: Vec<EventId> = a
        .loaded
        .model
        .events_tagged(EventTag::ExportControl)
        .collect();
    assert!(tagged.len() > 3);
    filter(&mut a, "#export-control");
    assert_eq!(a.panes.event_rows, tagged);
    let dates: Vec<_> = tagged
        .iter()
        .map(|&e| a.loaded.model.event(e).date)
        .collect();
    assert!(dates.windows(2).all(|d| d[0] >= d[1]), "newest first");
    // A prefix, Tab to complete it, or a typo find the same events.
    send(&mut a, [Command::ClearInput]);
    send(&mut a, "#export-c".chars().map(Msg::Input));
    assert_eq!(a.panes.event_rows, tagged);
    send(&mut a, [Command::ClearInput]);
    send(&mut a, "#expo".chars().map(Msg::Input));
    send(&mut a, [Command::NextPane]);
    assert_eq!(a.filters.events.text(), "#export-control ");
    assert_eq!(a.panes.event_rows, tagged);
    send(&mut a, [Command::ClearInput]);
    send(&mut a, "#exprt-control".chars().map(Msg::Input));
    assert_eq!(a.panes.event_rows, tagged);
    // A tag and a word: the topic's events whose text has the word.
    send(&mut a, " china".chars().map(Msg::Input));
    let china = a.panes.event_rows.clone();
    assert!(!china.is_empty() && china.len() < tagged.len());
    assert!(china.iter().all(|e| tagged.contains(e)));
    // A tag that is none says the nearest.
    send(&mut a, [Command::ClearInput]);
    send(&mut a, "#weathr".chars().map(Msg::Input));
    assert!(a.panes.event_rows.is_empty());
    let said = a
        .status
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("not an event tag"), "{said}");
    // Plain words read the title.
    send(&mut a, [Command::ClearInput]);
    send(&mut a, "lynas".chars().map(Msg::Input));
    let lynas = &a.panes.event_rows;
    assert!(!lynas.is_empty());
    assert!(lynas.iter().all(|&e| {
        a.loaded.derived.event_text[e]
            .to_lowercase()
            .contains("lynas")
    }));
}

#[test]
fn overlays_filter_their_lines_and_esc_clears_before_closing() {
    let mut a = app(120, 40);
    for (open, overlay) in [
        (Command::ShowRoutes, Overlay::Routes),
        (Command::ShowResilience, Overlay::Resilience),
        (Command::ShowLog, Overlay::Log),
    ] {
        send(&mut a, [open]);
        assert!(a.overlay.is(&overlay), "{overlay:?}");
        let before = rechain::tui::app::overlay_text::text_overlay(&a).unwrap();
        filter(&mut a, "china");
        send(&mut a, [Command::Open]);
        let after = rechain::tui::app::overlay_text::text_overlay(&a).unwrap();
        assert!(after.lines.len() < before.lines.len(), "{overlay:?}");
        assert!(after.title.contains("/china"), "{}", after.title);
        assert!(a.overlay.is(&overlay), "Enter keeps the overlay open");
        send(&mut a, [Command::Back]);
        assert!(a.overlay.is(&overlay), "Esc clears the filter first");
        let cleared = rechain::tui::app::overlay_text::text_overlay(&a).unwrap();
        assert_eq!(cleared.lines.len(), before.lines.len());
        send(&mut a, [Command::Back]);
        assert_eq!(a.overlay.get(), None);
    }
}

#[test]
fn sources_and_problems_filter_too() {
    let mut a = app(120, 40);
    send(&mut a, [Command::ShowSource]);
    assert!(matches!(a.overlay.get(), Some(Overlay::Source(_))));
    filter(&mut a, "zzzz");
    let text = rechain::tui::app::overlay_text::text_overlay(&a).unwrap();
    assert!(text.lines.is_empty());
    send(&mut a, [Command::Back, Command::Back]);
    send(&mut a, [Command::ShowProblems]);
    let all = a.listed_problems().len();
    filter(&mut a, "zzzz");
    assert!(a.listed_problems().is_empty());
    // Drawn with nothing kept, it says so.
    assert!(screen(&a).contains("no problem matches") || all == 0);
    send(&mut a, [Command::Back]);
    assert_eq!(a.listed_problems().len(), all);
}

#[test]
fn a_jump_shows_what_a_pane_filter_hid() {
    let mut a = magnet_firms(80, 24);
    filter(&mut a, "jap");
    send(&mut a, [Command::Open]);
    let hidden = a
        .all_firm_rows()
        .iter()
        .copied()
        .find(|&f| !japanese(&a, f))
        .unwrap();
    a.jump_to(EntityRef::Firm(hidden));
    assert_eq!(a.selected_firm(), Some(hidden));
    assert!(a.filters.firms.text().is_empty());
}

#[test]
fn filtered_firms_at_80x24() {
    let mut a = magnet_firms(80, 24);
    filter(&mut a, "jap");
    send(&mut a, [Command::Open]);
    assert_snapshot!("filtered_firms_80x24", screen(&a));
}

#[test]
fn export_control_timeline_at_80x24() {
    let mut a = timeline(80, 24);
    filter(&mut a, "#export-control");
    send(&mut a, [Command::Open]);
    assert_snapshot!("export_control_timeline_80x24", screen(&a));
}

#[test]
fn slash_jap_in_the_firms_pane_of_the_real_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], &[], dir.path(), 80, 24);
    s.wait_text("Stages (");
    let magnets = stage_named(&app(80, 24), "magnet");
    for _ in 0..magnets {
        s.send(b"j");
    }
    s.send(b"\r");
    s.wait_text("Enter card");
    s.send(b"/jap");
    s.wait_text("/jap▏");
    s.send(b"\r");
    s.wait_for("the filter kept in the title", |screen| {
        let text = screen.contents();
        text.contains("/jap ") && !text.contains("/jap▏")
    });
    let shown = s.screen_text();
    assert!(
        shown.contains("Proterial") || shown.contains("Shin-Etsu"),
        "{shown}"
    );
    s.send(b"\x1b");
    s.wait_gone("/jap");
    s.quit();
}

#[test]
fn a_filtered_window_follows_what_it_says() {
    let mut a = app(120, 40);
    send(&mut a, [Command::ShowLog]);
    filter(&mut a, "zebra");
    send(&mut a, [Command::Open]);
    let lines = |a: &App| {
        rechain::tui::app::overlay_text::text_overlay(a)
            .unwrap()
            .lines
            .len()
    };
    assert_eq!(lines(&a), 0);
    send(
        &mut a,
        [Msg::Say {
            text: "a zebra crossed".into(),
            error: false,
        }],
    );
    assert_eq!(lines(&a), 1);
    assert!(screen(&a).contains("a zebra crossed"));
}

#[test]
fn a_tag_typed_in_any_pane_filters_the_timeline() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut a = app(width, height);
        assert_eq!(a.panes.focus, Pane::Stages);
        filter(&mut a, "#export-control");
        assert_eq!(a.panes.focus, Pane::Events, "{width}x{height}");
        assert_eq!(a.filters.stages.text(), "", "the stages keep every row");
        assert_eq!(a.filters.events.text(), "#export-control");
        // Every event on the topic, not only those of the selected stage, newest first.
        send(&mut a, [Command::Open]);
        assert!(!a.panes.events_filtered);
        let tagged: Vec<EventId> = a
            .loaded
            .model
            .events_tagged(EventTag::ExportControl)
            .collect();
        assert_eq!(a.panes.event_rows, tagged, "{width}x{height}");
        assert!(screen(&a).contains("#export-control"), "{}", screen(&a));
    }
}
