//! `App::update` driven by actions alone: navigation, overlays, mouse, reloads, and the
//! selection kept across a model swap.

use std::path::Path;

use rechain::model::{EntityRef, Model, Origin, load};
use rechain::tui::app::{App, BottomView, Overlay, Pane};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::run::editor_command;
use rechain::tui::theme::Theme;

use crate::common::send;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml");

fn fixture_text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

fn model_from(text: &str) -> Model {
    load::load_text(text, Origin::File(FIXTURE.into())).expect("valid model")
}

fn app() -> App {
    App::new(
        model_from(&fixture_text()),
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    )
}

fn firm_id(app: &App) -> Option<String> {
    app.selected_firm()
        .map(|f| app.loaded.model.firm(f).id.clone())
}

fn subject_id(app: &App) -> Option<String> {
    app.subject().map(|e| app.loaded.model.entity_id(e))
}

/// What must hold after any sequence of actions.
fn assert_consistent(app: &App) {
    assert!(app.panes.stages.selected < app.loaded.model.stages().len().max(1));
    assert!(app.panes.firms.selected < app.firm_rows().len().max(1));
    assert!(app.panes.shares.selected < app.share_rows().len().max(1));
    assert!(app.panes.events.selected < app.panes.event_rows.len().max(1));
    assert!(app.card.scroll <= app.card.max_scroll);
    if let Some(s) = app.selected_stage() {
        assert!(app.panes.block < app.loaded.model.stage(s).shares.len().max(1));
    }
}

#[test]
fn starts_on_the_first_stage_with_its_card() {
    let a = app();
    assert_eq!(a.panes.focus, Pane::Stages);
    assert_eq!(
        a.subject(),
        Some(EntityRef::Stage(a.loaded.model.stage_ids().next().unwrap()))
    );
    assert_eq!(a.card.doc.title, "Mining");
    assert_eq!(firm_id(&a).as_deref(), Some("lynas"));
}

#[test]
fn moving_in_stages_changes_firms_and_card() {
    let mut a = app();
    assert_eq!(a.update(Command::Down), Effect::Redraw);
    assert_eq!(a.card.doc.title, "Separation");
    let firms: Vec<&str> = a
        .firm_rows()
        .iter()
        .map(|&f| a.loaded.model.firm(f).id.as_str())
        .collect();
    // Sorted by name; the CJK-named firm sorts after the Latin ones.
    assert_eq!(firms, ["lynas", "mp", "neo", "shenghe"]);
}

#[test]
fn a_message_that_changes_nothing_asks_for_no_redraw() {
    let mut a = app();
    assert_eq!(a.update(Command::Up), Effect::None);
    assert_eq!(a.update(Command::First), Effect::None);
    assert_eq!(a.update(Command::Quit), Effect::Quit);
    // Text with nothing to take it, the clock, a timer for a message already gone.
    assert_eq!(a.update(Msg::Input('z')), Effect::None);
    assert_eq!(a.update(Msg::Paste("lynas".into())), Effect::None);
    assert_eq!(a.update(Msg::Clock("10:00:00".into())), Effect::None);
    assert_eq!(a.update(Msg::ExpireMessage(99)), Effect::None);
    // Scrolling an overlay or the search results past their end.
    assert_eq!(a.update(Command::ShowLog), Effect::Redraw);
    assert_eq!(a.update(Command::Up), Effect::None);
    assert_eq!(a.update(Command::Back), Effect::Redraw);
    assert_eq!(a.update(Command::Search), Effect::Redraw);
    assert_eq!(a.update(Command::Up), Effect::None);
    assert_eq!(a.update(Msg::Input('l')), Effect::Redraw);
    // Changes still draw: a move, a message said, a resize to the same size.
    assert_eq!(a.update(Command::Back), Effect::Redraw);
    assert_eq!(a.update(Command::Down), Effect::Redraw);
    let said = Msg::Say {
        text: "hello".into(),
        error: false,
    };
    assert_eq!(a.update(said), Effect::Redraw);
    assert_eq!(
        a.update(Msg::Resize {
            width: 80,
            height: 24
        }),
        Effect::Redraw
    );
}

#[test]
fn tab_cycles_visible_panes_and_back_returns() {
    let mut a = app();
    let mut seen = vec![a.panes.focus];
    for _ in 0..4 {
        a.update(Command::NextPane);
        seen.push(a.panes.focus);
    }
    assert_eq!(
        seen,
        [
            Pane::Stages,
            Pane::Firms,
            Pane::Shares,
            Pane::Detail,
            Pane::Stages
        ]
    );
    a.update(Command::PrevPane);
    assert_eq!(a.panes.focus, Pane::Detail);
    a.update(Command::Back);
    assert_eq!(a.panes.focus, Pane::Firms);
    a.update(Command::Back);
    assert_eq!(a.panes.focus, Pane::Stages);
}

#[test]
fn enter_walks_stage_firm_card() {
    let mut a = app();
    send(&mut a, [Command::Open, Command::Down]);
    assert_eq!(a.panes.focus, Pane::Firms);
    assert_eq!(subject_id(&a).as_deref(), Some("mp"));
    send(&mut a, [Command::Open]);
    assert_eq!(a.panes.focus, Pane::Detail);
    assert_eq!(a.card.doc.title, "MP Materials");
    // In the card, arrows scroll it.
    let max = a.card.max_scroll;
    assert!(max > 0, "the MP card is longer than the pane");
    send(&mut a, [Command::Down, Command::Down]);
    assert_eq!(a.card.scroll, 2);
    send(&mut a, [Command::Last]);
    assert_eq!(a.card.scroll, max);
    send(&mut a, [Command::PageDown]);
    assert_eq!(a.card.scroll, max);
}

#[test]
fn enter_on_a_country_bar_lists_its_firms_and_esc_leaves() {
    let mut a = app();
    send(
        &mut a,
        [Command::Down, Command::NextPane, Command::NextPane],
    );
    assert_eq!(a.panes.focus, Pane::Shares);
    assert_eq!(subject_id(&a).as_deref(), Some("CN"));
    send(&mut a, [Command::Open]);
    assert_eq!(a.panes.focus, Pane::Firms);
    assert_eq!(a.country_scope(), a.loaded.model.country_by_code("CN"));
    assert_eq!(firm_id(&a).as_deref(), Some("shenghe"));
    send(&mut a, [Command::Back]);
    assert_eq!(a.country_scope(), None);
    assert_eq!(a.panes.focus, Pane::Shares);
}

#[test]
fn share_blocks_cycle_and_a_single_block_says_so() {
    let mut a = app();
    send(&mut a, [Command::NextPane, Command::NextPane]);
    assert_eq!(a.panes.block, 0);
    send(&mut a, [Command::NextBlock]);
    assert_eq!(a.panes.block, 1);
    assert_eq!(a.current_block().unwrap().year, Some(2023));
    send(&mut a, [Command::NextBlock]);
    assert_eq!(a.panes.block, 0);
    send(&mut a, [Command::PrevBlock]);
    assert_eq!(a.panes.block, 1);
    send(&mut a, [Command::Back, Command::Down]);
    assert_eq!(a.panes.block, 0, "a new stage starts at its first block");
    send(&mut a, [Command::NextBlock]);
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("one share block")
    );
}

#[test]
fn events_follow_the_selection_unless_all_are_asked_for() {
    let mut a = app();
    send(
        &mut a,
        [Command::Open, Command::Down, Command::ToggleEvents],
    );
    assert_eq!(a.panes.bottom, BottomView::Events);
    assert_eq!(a.event_context(), a.loaded.model.lookup("mp"));
    let titles = |a: &App| -> Vec<String> {
        a.panes
            .event_rows
            .iter()
            .map(|&e| a.loaded.model.event(e).title.clone())
            .collect()
    };
    assert_eq!(titles(&a), ["Fund invests in MP magnet plant"]);
    send(&mut a, [Command::ToggleEventFilter]);
    assert_eq!(a.panes.event_rows.len(), 3);
    assert_eq!(
        a.panes.event_rows,
        a.loaded.model.events_by_date(),
        "all events, newest first"
    );
    // Opening an event shows its card in the lower pane.
    send(&mut a, [Command::NextPane, Command::NextPane]);
    assert_eq!(a.panes.focus, Pane::Events);
    send(&mut a, [Command::Down, Command::Open]);
    assert_eq!(a.panes.focus, Pane::Detail);
    assert_eq!(a.panes.bottom, BottomView::Card);
    assert_eq!(
        a.subject(),
        Some(EntityRef::Event(a.loaded.model.events_by_date()[1]))
    );
}

#[test]
fn source_popup_names_the_share_block_source() {
    let mut a = app();
    send(
        &mut a,
        [Command::NextPane, Command::NextPane, Command::ShowSource],
    );
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Source(vec!["usgs-2025".into()]))
    );
    // Keys go to the overlay while it is open.
    send(&mut a, [Command::Down]);
    assert_eq!(a.panes.shares.selected, 0);
    send(&mut a, [Command::Back]);
    assert_eq!(a.overlay.get(), None);
    // On a firm, the card's sources.
    send(&mut a, [Command::PrevPane, Command::ShowSource]);
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Source(vec!["lynas-ar-2025".into()]))
    );
}

#[test]
fn help_toggles_and_quit_works_inside_it() {
    let mut a = app();
    send(&mut a, [Command::Help]);
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Help {
            filter: String::new()
        })
    );
    send(&mut a, [Command::Help]);
    assert_eq!(a.overlay.get(), None);
    send(&mut a, [Command::Help]);
    assert_eq!(a.update(Command::Quit), Effect::Quit);
}

/// Keys pressed in help go through the keymap's help mode: letters narrow the list, and the
/// keys that scroll, clear and close it still do.
#[test]
fn typing_in_help_filters_it_by_keys_and_words() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rechain::tui::keymap::msg_for_key;
    let mut a = app();
    let press = |a: &mut App, code, mods| {
        let msg = msg_for_key(a.mode(), KeyEvent::new(code, mods)).expect("bound or typed");
        a.update(msg)
    };
    press(&mut a, KeyCode::Char('?'), KeyModifiers::NONE);
    for c in "SORT".chars() {
        press(&mut a, KeyCode::Char(c), KeyModifiers::SHIFT);
    }
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Help {
            filter: "SORT".into()
        })
    );
    let rows = a.help_rows();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|(_, h)| h.contains("sort")), "{rows:?}");
    let shown = crate::common::screen(&a);
    assert!(shown.contains("plants: sort by the next column"), "{shown}");
    assert!(!shown.contains("move up"), "{shown}");
    press(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Help {
            filter: "SOR".into()
        })
    );
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(crate::common::screen(&a).contains("move up"));
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.overlay.get(), None);
    assert_eq!(a.mode(), rechain::tui::keymap::Mode::Panes);
}

#[test]
fn click_selects_and_focuses_wheel_scrolls() {
    let mut a = app();
    let areas = a.areas().unwrap();
    // Second row of the firms pane (inside its border).
    a.update(Msg::Click {
        column: areas.firms.x + 3,
        row: areas.firms.y + 2,
    });
    assert_eq!(a.panes.focus, Pane::Firms);
    assert_eq!(firm_id(&a).as_deref(), Some("mp"));
    // Third stage.
    a.update(Msg::Click {
        column: areas.stages.x + 3,
        row: areas.stages.y + 3,
    });
    assert_eq!(a.panes.focus, Pane::Stages);
    assert_eq!(a.panes.stages.selected, 2);
    a.update(Msg::ScrollDown {
        column: areas.stages.x + 3,
        row: areas.stages.y + 3,
    });
    assert_eq!(a.panes.stages.selected, 5);
    // A click on the border or the status bar changes nothing harmful.
    a.update(Msg::Click {
        column: 0,
        row: a.height - 1,
    });
    assert_consistent(&a);
}

#[test]
fn clicks_land_where_the_panes_are_drawn_after_a_resize_key() {
    let mut a = app();
    let before = a.areas().unwrap();
    send(&mut a, [Command::WidenPane, Command::WidenPane]);
    let after = a.areas().unwrap();
    assert_eq!(after.stages.width, before.stages.width + 8);
    assert_eq!(after.firms.x, after.stages.right());
    // The drawn border of the firms pane is where hit-testing puts it.
    let screen = crate::common::screen(&a);
    let top = screen.lines().next().unwrap().trim_matches('"');
    let corner: String = top.chars().skip(after.firms.x.into()).take(1).collect();
    assert_eq!(corner, "┌", "{top}");
    // Where the firms pane began is now inside the stages pane.
    a.update(Msg::Click {
        column: before.firms.x + 1,
        row: before.firms.y + 1,
    });
    assert_eq!(a.panes.focus, Pane::Stages);
    assert_eq!(a.panes.stages.selected, 0);
    // The second firm row, at the pane's new place.
    a.update(Msg::Click {
        column: after.firms.x + 1,
        row: after.firms.y + 2,
    });
    assert_eq!(a.panes.focus, Pane::Firms);
    assert_eq!(firm_id(&a).as_deref(), Some("mp"));
    // Narrowing the focused firms pane widens the shares pane and moves its hits.
    send(&mut a, [Command::NarrowPane]);
    let narrowed = a.areas().unwrap();
    assert_eq!(narrowed.firms.width + 4, after.firms.width);
    a.update(Msg::Click {
        column: narrowed.shares.x + 1,
        row: narrowed.shares.y + 2,
    });
    assert_eq!(a.panes.focus, Pane::Shares);
    assert_consistent(&a);
}

#[test]
fn a_pane_at_its_limit_says_so() {
    let mut a = app();
    assert_eq!(a.areas().unwrap().stages.width, 24);
    send(&mut a, [Command::NarrowPane]);
    assert_eq!(a.areas().unwrap().stages.width, 22);
    assert_eq!(a.status.message, None);
    send(&mut a, [Command::NarrowPane]);
    assert_eq!(a.areas().unwrap().stages.width, 22);
    let said = a.status.message.as_ref().map(|m| m.text.as_str());
    assert_eq!(said, Some("the pane is as narrow as it gets here"));
}

#[test]
fn resize_storm_and_key_burst_leave_the_app_consistent() {
    let mut a = app();
    let sizes = [
        (0, 0),
        (1, 1),
        (59, 14),
        (60, 15),
        (300, 100),
        (80, 24),
        (61, 16),
    ];
    let actions = [
        Command::Down,
        Command::NextPane,
        Command::Open,
        Command::PageDown,
        Command::Last,
        Command::NextBlock,
        Command::ToggleEvents,
        Command::ToggleEventFilter,
        Command::Back,
        Command::PrevPane,
        Command::Up,
        Command::ShowSource,
        Command::WidenPane,
        Command::Help,
        Command::PageUp,
        Command::NarrowPane,
    ];
    for i in 0..1000 {
        let (w, h) = sizes[i % sizes.len()];
        if i % 3 == 0 {
            a.update(Msg::Resize {
                width: w,
                height: h,
            });
        }
        a.update(actions[(i * 7) % actions.len()]);
        a.update(Msg::Click {
            column: (i % 97) as u16,
            row: (i % 31) as u16,
        });
        assert_consistent(&a);
    }
}

#[test]
fn reload_keeps_the_selected_firm_by_id() {
    let mut a = app();
    send(&mut a, [Command::Open, Command::Down]);
    assert_eq!(firm_id(&a).as_deref(), Some("mp"));
    // A new firm that sorts before MP at the same stage shifts the rows.
    let text = fixture_text().replace(
        "firms:\n",
        "firms:\n  - { id: aaa, name: AAA Mining, hq: US, summary: new, facilities: [{ id: aaa-1, name: A1, country: US, stages: [mining], status: planned }] }\n",
    );
    let effect = a.update(Msg::loaded(Ok(model_from(&text))));
    assert_eq!(effect, Effect::Redraw);
    assert_eq!(a.firm_rows().len(), 3);
    assert_eq!(firm_id(&a).as_deref(), Some("mp"));
    assert_eq!(a.panes.focus, Pane::Firms);
    assert_eq!(a.status.message.as_ref().unwrap().text, "reloaded");
}

#[test]
fn reload_falls_back_to_the_nearest_row_when_the_firm_is_gone() {
    let mut a = app();
    send(&mut a, [Command::Open, Command::Down, Command::Open]);
    assert_eq!(a.card.doc.title, "MP Materials");
    let text = fixture_text();
    let start = text.find("  - id: mp\n").unwrap();
    let end = text.find("  - id: shenghe\n").unwrap();
    let mut without_mp = format!("{}{}", &text[..start], &text[end..]);
    // Links and events that name MP go too.
    without_mp = without_mp
        .lines()
        .filter(|l| !l.contains("mp-") && !l.contains("to: mp,") && !l.contains("[fund, mp]"))
        .collect::<Vec<_>>()
        .join("\n");
    a.update(Msg::loaded(Ok(model_from(&without_mp))));
    assert_eq!(a.firm_rows().len(), 1);
    assert_eq!(firm_id(&a).as_deref(), Some("lynas"));
    assert_eq!(a.panes.focus, Pane::Firms, "the card's firm is gone");
    assert_eq!(a.card.doc.title, "Lynas Rare Earths");
    assert_consistent(&a);
}

const EMPTY_MODEL: &str =
    "version: 1\nmeta:\n  title: Empty\n  as_of: 2025-11-30\nstages: []\nfirms: []\n";

#[test]
fn reload_from_an_empty_model_to_a_full_one_selects_within_the_new_model() {
    for focus_moves in 0..4 {
        let mut a = App::new(
            model_from(EMPTY_MODEL),
            Theme {
                color: false,
                contrast: false,
            },
            80,
            24,
        );
        send(&mut a, (0..focus_moves).map(|_| Command::NextPane));
        let effect = a.update(Msg::loaded(Ok(model_from(&fixture_text()))));
        assert_eq!(effect, Effect::Redraw);
        assert_eq!(a.selected_stage().map(rechain::model::Id::index), Some(0));
        assert_consistent(&a);
        send(&mut a, [Command::Down, Command::Open, Command::Down]);
        assert_consistent(&a);
        // And back to empty, with something selected deep in the panes.
        a.update(Msg::loaded(Ok(model_from(EMPTY_MODEL))));
        assert_eq!(a.selected_stage(), None);
        assert!(a.subject().is_none());
        assert_consistent(&a);
    }
}

#[test]
fn reload_keeps_the_card_and_its_scroll() {
    let mut a = app();
    send(
        &mut a,
        [
            Command::Open,
            Command::Down,
            Command::Open,
            Command::Down,
            Command::Down,
        ],
    );
    a.update(Msg::loaded(Ok(model_from(&fixture_text()))));
    assert_eq!(a.card.doc.title, "MP Materials");
    assert_eq!(a.card.scroll, 2);
    assert_eq!(a.panes.focus, Pane::Detail);
}

#[test]
fn failed_reload_keeps_the_model_and_shows_a_banner_until_fixed() {
    let mut a = app();
    let bad = fixture_text().replace("hq: AU", "hq: AX");
    let err = load::load_text(&bad, Origin::File(FIXTURE.into())).unwrap_err();
    a.update(Msg::loaded(Err(err)));
    assert_eq!(a.loaded.model.firms().len(), 6, "last good model stays");
    let banner = a.banner().unwrap();
    assert!(banner.contains("ui.yaml:"), "{banner}");
    assert!(banner.contains("unknown country `AX`"), "{banner}");
    send(&mut a, [Command::ShowProblems]);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Problems));
    assert!(
        a.problem_list()
            .iter()
            .any(rechain::model::Problem::is_error)
    );
    send(&mut a, [Command::Back]);
    a.update(Msg::loaded(Ok(model_from(&fixture_text()))));
    assert!(a.banner().is_none());
}

#[test]
fn removed_file_keeps_the_model_and_says_so() {
    let mut a = app();
    a.update(Msg::FileRemoved);
    assert_eq!(
        a.banner().as_deref(),
        Some("file removed; showing the last good model")
    );
    a.update(Msg::loaded(Ok(model_from(&fixture_text()))));
    assert!(a.banner().is_none());
}

#[test]
fn edit_opens_the_file_at_the_selected_entity() {
    let mut a = app();
    send(&mut a, [Command::Open, Command::Down]);
    let line = a
        .loaded
        .model
        .entity_line(a.loaded.model.lookup("mp").unwrap());
    assert!(line > 1);
    assert_eq!(
        a.update(Command::Edit),
        Effect::Edit {
            path: FIXTURE.into(),
            line
        }
    );
    assert_eq!(a.update(Command::Reload), Effect::Reload);
}

#[test]
fn the_embedded_model_cannot_be_edited_or_reloaded() {
    let model = load::load(&Origin::Embedded).unwrap();
    let mut a = App::new(
        model,
        Theme {
            color: true,
            contrast: false,
        },
        80,
        24,
    );
    assert_eq!(a.update(Command::Edit), Effect::Redraw);
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("rechain export --format yaml > chain.yaml")
    );
    assert_eq!(a.update(Command::Reload), Effect::Redraw);
    assert!(a.status.message.as_ref().unwrap().text.contains("built-in"));
}

#[test]
fn messages_expire_only_for_their_own_serial() {
    let mut a = app();
    send(&mut a, [Command::ToggleEventFilter]);
    let first = a.status.message.as_ref().unwrap().serial;
    send(&mut a, [Command::ToggleEventFilter]);
    a.update(Msg::ExpireMessage(first));
    assert!(a.status.message.is_some());
    let second = a.status.message.as_ref().unwrap().serial;
    a.update(Msg::ExpireMessage(second));
    assert!(a.status.message.is_none());
}

#[test]
fn editor_arguments_put_the_line_where_each_editor_wants_it() {
    let file = Path::new("/m/chain.yaml");
    let cmd = |spec: &str| {
        let (p, args) = editor_command(spec, file, 42).unwrap();
        std::iter::once(p).chain(args).collect::<Vec<_>>().join(" ")
    };
    assert_eq!(cmd("vim"), "vim +42 /m/chain.yaml");
    assert_eq!(cmd("/usr/bin/nvim"), "/usr/bin/nvim +42 /m/chain.yaml");
    assert_eq!(cmd("nano"), "nano +42 /m/chain.yaml");
    assert_eq!(cmd("emacs -nw"), "emacs -nw +42 /m/chain.yaml");
    assert_eq!(cmd("hx"), "hx +42 /m/chain.yaml");
    assert_eq!(cmd("code --wait"), "code --wait --goto /m/chain.yaml:42");
    assert_eq!(cmd("subl -w"), "subl -w /m/chain.yaml:42");
    assert_eq!(cmd("ed"), "ed /m/chain.yaml");
    assert_eq!(cmd("  "), "vi +42 /m/chain.yaml");
}

#[test]
fn a_model_path_that_looks_like_an_option_reaches_the_editor_as_a_file() {
    let args = |spec: &str, file: &str| editor_command(spec, Path::new(file), 24).unwrap().1;
    assert_eq!(args("vim", "--version"), ["+24", "./--version"]);
    assert_eq!(args("ed", "-chain.yaml"), ["./-chain.yaml"]);
    assert_eq!(
        args("code --wait", "-m.yaml"),
        ["--wait", "--goto", "./-m.yaml:24"]
    );
    assert_eq!(args("vim", "/m/-chain.yaml"), ["+24", "/m/-chain.yaml"]);
    assert_eq!(args("vim", "m/-chain.yaml"), ["+24", "m/-chain.yaml"]);
}

#[test]
fn editor_commands_are_split_as_a_shell_would() {
    let file = Path::new("/m/chain.yaml");
    let (program, args) = editor_command(r#""/opt/My Editor/vim" -c 'set nu'"#, file, 7).unwrap();
    assert_eq!(program, "/opt/My Editor/vim");
    assert_eq!(args, ["-c", "set nu", "+7", "/m/chain.yaml"]);
    let (program, args) = editor_command(r"/opt/My\ Editor/ed", file, 7).unwrap();
    assert_eq!(program, "/opt/My Editor/ed");
    assert_eq!(args, ["/m/chain.yaml"]);
    let err = editor_command("vim 'unclosed", file, 7).unwrap_err();
    assert!(err.contains("vim 'unclosed"), "{err}");
}

#[test]
fn a_loader_that_cannot_start_is_said_on_screen_and_reload_says_why() {
    let mut a = app();
    let effect = a.update(Msg::ReloadsOff(
        "could not start the loader: no threads".into(),
    ));
    assert_eq!(effect, Effect::Redraw);
    let banner = a.banner().unwrap();
    assert!(banner.contains("saves are not picked up"), "{banner}");
    assert!(banner.contains("no threads"), "{banner}");
    assert_eq!(a.update(Command::Reload), Effect::Redraw);
    let message = a.status.message.as_ref().unwrap();
    assert!(
        message.error && message.text.contains("cannot reload"),
        "{}",
        message.text
    );
}

#[test]
fn copy_hands_the_card_markdown_to_the_loop() {
    let mut a = app();
    send(&mut a, [Command::Open, Command::Down]);
    match a.update(Command::Copy) {
        Effect::Copy(text) => {
            assert!(text.starts_with("## MP Materials\n"), "{text}");
            assert!(
                text.contains("1. [usgs-2025] U.S. Geological Survey"),
                "{text}"
            );
            assert!(
                text.contains("<https://example.org/usgs-2025.pdf>"),
                "{text}"
            );
        }
        other => panic!("expected a copy, got {other:?}"),
    }
}

#[test]
fn base64_matches_the_standard_alphabet() {
    use rechain::tui::clipboard::base64;
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64("盛x".as_bytes()), "55ubeA==");
}
