//! The in-app search box, driven by actions: open, type, move, jump, back; and snapshots of
//! the box over the panes.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use rechain::model::{EntityRef, Model, Origin, load};
use rechain::search::Kind;
use rechain::tui::app::{App, Pane};
use rechain::tui::command::Command;
use rechain::tui::keymap::{Mode, msg_for_key};
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;
use rechain::tui::ui;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use crate::common::{screen, send};

fn fixture() -> Model {
    let text = include_str!("../fixtures/search.yaml");
    load::load_text(text, Origin::File("tests/fixtures/search.yaml".into())).expect("valid")
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

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(Msg::Input).collect()
}

/// Opens the box and types `query`.
fn search(app: &mut App, query: &str) {
    send(app, [Command::Search]);
    send(app, typed(query));
}

fn id(app: &App, entity: EntityRef) -> String {
    app.loaded.model.entity_id(entity)
}

/// The parts of the view a search must leave alone when it is cancelled.
fn view(app: &App) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {}",
        app.panes.focus,
        app.panes.stages,
        app.panes.firms,
        app.panes.shares,
        app.country_scope(),
        app.subject(),
        app.panes.bottom,
        app.panes.block,
        app.card.doc.title
    )
}

#[test]
fn jump_opens_the_box_listing_firms_first() {
    let mut a = app(80, 24);
    assert_eq!(send(&mut a, [Command::Search]), Effect::Redraw);
    let search = a.search.as_ref().expect("open");
    assert!(search.query.is_empty());
    assert_eq!(search.hits[0].kind, Kind::Firm);
    assert_eq!(search.cursor.selected, 0);
}

#[test]
fn every_keystroke_updates_the_results() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Search]);
    let mut counts = Vec::new();
    for action in typed("korea zink") {
        send(&mut a, [action]);
        counts.push(a.search.as_ref().unwrap().hits.len());
    }
    let hits = &a.search.as_ref().unwrap().hits;
    assert_eq!(id(&a, hits[0].entity), "korea-zinc");
    assert!(counts[0] > counts[counts.len() - 1], "{counts:?}");
    send(&mut a, [Command::DeleteChar]);
    assert_eq!(a.search.as_ref().unwrap().query, "korea zin");
    send(&mut a, [Command::ClearInput]);
    assert_eq!(a.search.as_ref().unwrap().query, "");
    assert_eq!(a.search.as_ref().unwrap().hits[0].kind, Kind::Firm);
}

#[test]
fn enter_on_a_firm_selects_its_stage_and_opens_its_card() {
    let mut a = app(80, 24);
    search(&mut a, "lyans");
    send(&mut a, [Command::Open]);
    assert!(a.search.is_none());
    let lynas = a.loaded.model.firm_by_id("lynas").unwrap();
    assert_eq!(a.subject(), Some(EntityRef::Firm(lynas)));
    assert_eq!(a.panes.focus, Pane::Detail);
    assert_eq!(a.selected_firm(), Some(lynas));
    let stage = a.selected_stage().unwrap();
    assert!(a.loaded.model.firm(lynas).stages.contains(&stage));
    assert_eq!(a.card.doc.title, "Lynas Rare Earths");
}

#[test]
fn enter_on_a_facility_selects_its_firm_at_its_stage() {
    let mut a = app(80, 24);
    search(&mut a, "kuantan");
    send(&mut a, [Command::Open]);
    let facility = a.loaded.model.lookup("lynas-kuantan").unwrap();
    assert_eq!(a.subject(), Some(facility));
    assert_eq!(a.selected_stage(), a.loaded.model.stage_by_id("separation"));
    assert_eq!(a.selected_firm(), a.loaded.model.firm_by_id("lynas"));
}

#[test]
fn enter_on_a_country_lists_its_firms_and_opens_its_card() {
    let mut a = app(80, 24);
    search(&mut a, "cote d'ivoire");
    send(&mut a, [Command::Open]);
    let ci = a.loaded.model.country_by_code("CI").unwrap();
    assert_eq!(a.country_scope(), Some(ci));
    assert_eq!(a.subject(), Some(EntityRef::Country(ci)));

    search(&mut a, "south korea");
    send(&mut a, [Command::Open]);
    assert_eq!(a.country_scope(), a.loaded.model.country_by_code("KR"));
    assert_eq!(
        a.firm_rows(),
        [a.loaded.model.firm_by_id("korea-zinc").unwrap()]
    );
}

#[test]
fn enter_on_a_stage_or_an_event_shows_it() {
    let mut a = app(80, 24);
    search(&mut a, "recycling");
    send(&mut a, [Command::Open]);
    assert_eq!(a.selected_stage(), a.loaded.model.stage_by_id("recycling"));
    assert_eq!(a.panes.focus, Pane::Stages);
    assert_eq!(a.subject(), a.loaded.model.lookup("recycling"));

    search(&mut a, "export controls");
    send(&mut a, [Command::Open]);
    assert!(matches!(a.subject(), Some(EntityRef::Event(_))));
    assert_eq!(a.panes.focus, Pane::Detail);
    assert_eq!(
        a.card.doc.title,
        "China extends export controls to heavy rare earths"
    );
}

#[test]
fn esc_restores_the_view_from_before_the_search() {
    let mut a = app(80, 24);
    send(
        &mut a,
        [
            Command::Down,
            Command::NextPane,
            Command::Down,
            Command::NextPane,
        ],
    );
    let before = view(&a);
    search(&mut a, "ma");
    send(&mut a, [Command::Down, Command::Down, Command::PageDown]);
    assert_eq!(send(&mut a, [Command::Back]), Effect::Redraw);
    assert!(a.search.is_none());
    assert_eq!(view(&a), before);
}

#[test]
fn arrows_and_ctrl_n_ctrl_p_move_through_results() {
    let key = |code, mods| {
        msg_for_key(
            Mode::Search,
            KeyEvent {
                code,
                modifiers: mods,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            },
        )
        .expect("bound")
    };
    let mut a = app(80, 24);
    search(&mut a, "re");
    let cursor = |a: &App| a.search.as_ref().unwrap().cursor.selected;
    send(&mut a, [key(KeyCode::Char('n'), KeyModifiers::CONTROL)]);
    send(&mut a, [key(KeyCode::Down, KeyModifiers::NONE)]);
    assert_eq!(cursor(&a), 2);
    send(&mut a, [key(KeyCode::Char('p'), KeyModifiers::CONTROL)]);
    assert_eq!(cursor(&a), 1);
    send(&mut a, [key(KeyCode::Up, KeyModifiers::NONE)]);
    send(&mut a, [key(KeyCode::Up, KeyModifiers::NONE)]);
    assert_eq!(cursor(&a), 0);
    // Letters are text while the box is open: q types, it does not quit.
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(send(&mut a, [q]), Effect::Redraw);
    assert_eq!(a.search.as_ref().unwrap().query, "req");
    send(&mut a, [Command::Last]);
    let last = a.search.as_ref().unwrap().hits.len().saturating_sub(1);
    assert_eq!(cursor(&a), last);
}

#[test]
fn hostile_input_is_just_text() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Search]);
    send(&mut a, typed(&"x".repeat(10_000)));
    send(&mut a, typed("\u{1b}[31m.*["));
    let search = a.search.as_ref().unwrap();
    assert!(search.query.chars().count() <= 256);
    assert!(!search.query.contains('\u{1b}'));
    screen(&a);
    send(&mut a, [Command::ClearInput]);
    send(&mut a, typed(".*["));
    screen(&a);
    send(&mut a, [Command::Open, Command::Back, Command::Back]);
}

#[test]
fn a_reload_while_searching_refreshes_the_results() {
    let mut a = app(80, 24);
    search(&mut a, "korea zinc");
    let text = include_str!("../fixtures/search.yaml").replace("Korea Zinc", "Korea Zinc Corp");
    let model = load::load_text(&text, Origin::File("tests/fixtures/search.yaml".into())).unwrap();
    send(&mut a, [Msg::loaded(Ok(model))]);
    let hits = &a.search.as_ref().unwrap().hits;
    assert_eq!(hits[0].text, "Korea Zinc Corp");
    send(&mut a, [Command::Open]);
    assert_eq!(a.card.doc.title, "Korea Zinc Corp");
}

#[test]
fn matched_characters_are_highlighted() {
    let mut a = app(80, 24);
    search(&mut a, "zink");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| ui::render(&a, f)).unwrap();
    let buf = terminal.backend().buffer();
    let row = (0..24)
        .find(|&y| {
            let line: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.contains("firm") && line.contains("Korea Zinc")
        })
        .expect("a row for Korea Zinc");
    let cells: Vec<String> = (0..80)
        .map(|x| buf[(x, row)].symbol().to_string())
        .collect();
    let start = (0..cells.len() - 10)
        .find(|&x| cells[x..x + 10].concat() == "Korea Zinc")
        .unwrap() as u16;
    // Typo match: the word "Zinc" is highlighted, "Korea" is not.
    let underlined = |x: u16| buf[(x, row)].modifier.contains(Modifier::UNDERLINED);
    assert!((start + 6..start + 10).all(underlined));
    assert!(!(start..start + 5).any(underlined));
}

#[test]
fn snapshot_search_box_with_a_misspelled_query() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        search(&mut a, "korea zink");
        assert_snapshot!(format!("search_typo_{w}x{h}"), screen(&a));
    }
}

#[test]
fn snapshot_search_box_browsing_everything() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Search, Command::Down, Command::Down]);
    assert_snapshot!("search_empty_query_80x24", screen(&a));
}

#[test]
fn snapshot_search_box_with_no_match() {
    let mut a = app(80, 24);
    search(&mut a, "qqqxxx");
    assert_snapshot!("search_no_match_80x24", screen(&a));
}

#[test]
fn clicking_a_result_jumps_to_it_and_clicking_outside_closes() {
    let mut a = app(80, 24);
    search(&mut a, "korea");
    let hits = a.search.as_ref().unwrap().hits.clone();
    let second = hits[1].entity;
    let row = (0..24u16)
        .find(|&y| {
            screen(&a)
                .lines()
                .nth(y as usize)
                .unwrap()
                .contains(&hits[1].text)
        })
        .expect("second result on screen");
    send(&mut a, [Msg::Click { column: 20, row }]);
    assert!(a.search.is_none());
    assert_eq!(a.subject(), Some(second));

    search(&mut a, "korea");
    send(&mut a, [Msg::ScrollDown { column: 20, row: 5 }]);
    assert_eq!(a.search.as_ref().unwrap().cursor.selected, 1);
    let before = view(&a);
    send(&mut a, [Msg::Click { column: 0, row: 23 }]);
    assert!(a.search.is_none());
    assert_eq!(view(&a), before);
}

#[test]
fn pasted_text_searches_without_its_control_characters() {
    let mut a = app(80, 24);
    send(
        &mut a,
        crate::msgs![Command::Search, Msg::Paste("korea\n zink\u{1b}".into()),],
    );
    let search = a.search.as_ref().unwrap();
    assert_eq!(search.query, "korea zink");
    assert_eq!(search.hits[0].text, "Korea Zinc");
    send(&mut a, [Msg::Paste("y".repeat(10_000))]);
    assert!(a.search.as_ref().unwrap().query.chars().count() <= 256);
}
