//! How the app behaves around the work: hints that follow the keys, a log that keeps every
//! message, problems that lead to their line, overlays that stop at their end, an invalid file
//! that opens on its problems.

use insta::assert_snapshot;
use rechain::model::{LoadError, Model, Origin, load};
use rechain::tui::app::{App, Overlay};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;

use crate::common::{screen, send};

const FIXTURE: &str = include_str!("../fixtures/ui.yaml");

fn model(text: &str) -> Result<Model, LoadError> {
    load::load_text(text, Origin::File("tests/fixtures/ui.yaml".into()))
}

fn app(width: u16, height: u16) -> App {
    App::new(
        model(FIXTURE).expect("fixture"),
        Theme {
            color: false,
            contrast: false,
        },
        width,
        height,
    )
}

/// The fixture with one firm's headquarters in a country that does not exist.
fn broken() -> String {
    let bad = FIXTURE.replacen("hq: AU", "hq: AX", 1);
    assert_ne!(bad, FIXTURE, "the fixture has a firm in AU");
    bad
}

fn status_line(app: &App) -> String {
    let text = screen(app);
    let last = text.lines().last().unwrap_or_default();
    last.trim_matches('"').trim_end().to_string()
}

/// The status bar for each focus, one line each.
fn hint_lines(width: u16) -> String {
    let cases: Vec<(&str, Vec<Msg>)> = vec![
        ("stages", vec![]),
        ("firms", crate::msgs![Command::NextPane]),
        ("shares", crate::msgs![Command::NextPane, Command::NextPane]),
        ("card", crate::msgs![Command::Open, Command::Open]),
        ("help", crate::msgs![Command::Help]),
        ("problems", crate::msgs![Command::ShowProblems]),
        ("plants", crate::msgs![Command::Down, Command::ShowPlants]),
        ("log", crate::msgs![Command::ShowLog]),
        ("search", crate::msgs![Command::Search]),
        (
            "as of",
            crate::msgs![Command::YearEarlier, Msg::ExpireMessage(1)],
        ),
    ];
    cases
        .into_iter()
        .map(|(name, actions)| {
            let mut a = app(width, 24);
            send(&mut a, actions);
            a.status.message = None;
            format!("{name:>8} │{}", status_line(&a))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn status_hints_follow_the_focus_at_80_columns() {
    assert_snapshot!("status_hints_80", hint_lines(80));
}

#[test]
fn status_hints_follow_the_focus_at_120_columns() {
    assert_snapshot!("status_hints_120", hint_lines(120));
}

#[test]
fn hints_are_whole_words_at_every_width() {
    for width in 60..=160 {
        let a = app(width, 24);
        let bar = status_line(&a);
        assert!(!bar.contains('…'), "cut at {width}: {bar}");
        assert!(bar.contains("Enter firms"), "at {width}: {bar}");
    }
}

#[test]
fn a_long_message_is_kept_whole_in_the_log() {
    let mut a = app(80, 24);
    let long = format!("reload failed: {}", "a very long explanation ".repeat(8));
    send(
        &mut a,
        [
            Msg::Clock("09:15:02".into()),
            Msg::Say {
                text: long.clone(),
                error: true,
            },
        ],
    );
    assert!(
        status_line(&a).contains("L: whole message"),
        "{}",
        status_line(&a)
    );
    send(
        &mut a,
        [Msg::Say {
            text: "reloaded".into(),
            error: false,
        }],
    );
    send(&mut a, [Command::ShowLog]);
    let shown = screen(&a);
    assert!(shown.contains("Messages"), "{shown}");
    assert!(
        shown.contains("09:15:02 reload failed: a very long"),
        "{shown}"
    );
    assert!(
        shown.contains("explanation a very long explanation"),
        "{shown}"
    );
    // Newest last.
    let (older, newer) = (
        shown.find("reload failed").unwrap(),
        shown.find("reloaded").unwrap(),
    );
    assert!(older < newer, "{shown}");
    send(&mut a, [Command::ShowLog]);
    assert_eq!(a.overlay.get(), None);
}

#[test]
fn the_log_key_is_listed_in_help() {
    let rows = rechain::tui::keymap::help_rows(&rechain::tui::keymap::Overrides::default());
    assert!(rows.iter().any(|(k, h)| k == "L" && h.contains("message")));
    assert!(
        rows.iter()
            .any(|(k, h)| k == "C-z" && h.contains("suspend"))
    );
}

/// The whole help overlay at 80x24, paged with `PgDn` to its end.
#[test]
fn help_fits_80x24_with_its_position_and_stops_at_the_last_page() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Help]);
    let first = screen(&a);
    assert!(first.contains("1–20 of "), "{first}");
    send(&mut a, std::iter::repeat_n(Command::PageDown, 10));
    let end = screen(&a);
    assert!(end.contains("wheel"), "{end}");
    assert!(end.contains("spells the source"), "{end}");
    send(&mut a, [Command::Last]);
    assert_eq!(screen(&a), end, "G past the last page");
    assert_snapshot!("help_last_page_80x24", end);
}

#[test]
fn no_overlay_scrolls_past_its_end() {
    let overlays: Vec<(&str, Vec<Msg>)> = vec![
        ("help", crate::msgs![Command::Help]),
        (
            "sources",
            crate::msgs![Command::Open, Command::Open, Command::ShowSource],
        ),
        ("routes", crate::msgs![Command::ShowRoutes]),
        ("problems", crate::msgs![Command::ShowProblems]),
        ("plants", crate::msgs![Command::Down, Command::ShowPlants]),
        ("log", crate::msgs![Command::ShowLog]),
    ];
    for (name, open) in overlays {
        let wheel = Msg::ScrollDown {
            column: 40,
            row: 12,
        };
        for key in crate::msgs![Command::Last, Command::PageDown, wheel] {
            let mut a = app(80, 24);
            send(&mut a, open.clone());
            assert!(a.overlay.get().is_some(), "{name} did not open");
            send(&mut a, std::iter::repeat_n(key.clone(), 30));
            let end = screen(&a);
            send(&mut a, crate::msgs![Command::Down, key.clone()]);
            assert_eq!(screen(&a), end, "{name} scrolled past its end with {key:?}");
            assert!(end.contains('┗'), "{name}:\n{end}");
        }
    }
}

#[test]
fn problems_wrap_whole_and_enter_opens_the_editor_at_the_line() {
    let mut a = app(80, 24);
    let two = broken().replacen("hq: US", "hq: AY", 1);
    a.update(Msg::loaded(model(&two)));
    send(&mut a, [Command::ShowProblems]);
    let shown = screen(&a);
    assert!(shown.contains("▶"), "{shown}");
    assert!(shown.contains("1 of "), "{shown}");
    let problems = a.problem_list().to_vec();
    assert!(problems.len() >= 3, "{problems:?}");
    // Every word of every problem is on screen: nothing is cut to one row.
    for p in &problems {
        let last_word = p.to_string().split_whitespace().last().unwrap().to_string();
        assert!(
            shown.contains(&last_word),
            "`{last_word}` missing:\n{shown}"
        );
    }
    send(&mut a, [Command::Down]);
    let effect = a.update(Command::Open);
    assert_eq!(
        effect,
        Effect::Edit {
            path: "tests/fixtures/ui.yaml".into(),
            line: problems[1].line.unwrap(),
        }
    );
    assert_snapshot!("problems_wrapped_80x24", shown);
}

#[test]
fn after_a_bad_save_e_opens_the_first_problem() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Open, Command::Down, Command::Open]);
    let at_selection = a.update(Command::Edit);
    a.update(Msg::loaded(model(&broken())));
    // The first error, not a warning before it.
    let first = a
        .problem_list()
        .iter()
        .find(|p| p.is_error())
        .unwrap()
        .line
        .unwrap();
    let effect = a.update(Command::Edit);
    assert_ne!(effect, at_selection);
    assert_eq!(
        effect,
        Effect::Edit {
            path: "tests/fixtures/ui.yaml".into(),
            line: first,
        }
    );
}

#[test]
fn e_on_the_built_in_model_suggests_exporting_it() {
    let mut a = App::new(
        load::load(&Origin::Embedded).unwrap(),
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    assert_eq!(a.update(Command::Edit), Effect::Redraw);
    let said = &a.status.message.as_ref().unwrap().text;
    assert!(
        said.contains("rechain export --format yaml > chain.yaml"),
        "{said}"
    );
    assert!(!said.contains("init"), "{said}");
}

#[test]
fn an_invalid_file_opens_on_its_problems_then_shows_the_model_once_fixed() {
    let stand_in = load::load_text(
        "version: 1\nmeta: { title: \"no valid model yet\", as_of: 2026-01-01 }\n",
        Origin::File("tests/fixtures/ui.yaml".into()),
    )
    .unwrap();
    let mut a = App::new(
        stand_in,
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    );
    a.open_on_problems(model(&broken()).unwrap_err());
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Problems));
    let shown = screen(&a);
    assert!(shown.contains("unknown country `AX`"), "{shown}");
    assert!(shown.contains("✗ 1 error"), "{shown}");
    a.update(Msg::loaded(model(FIXTURE)));
    assert_eq!(a.overlay.get(), None);
    let shown = screen(&a);
    assert!(shown.contains("Stages (6)"), "{shown}");
    assert!(shown.contains("✓"), "{shown}");
}
