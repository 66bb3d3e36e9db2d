//! What a reload changed: marks on the rows added or changed since the previous good model,
//! the list of changes, and reads as of a date that arrive from off the UI thread.

use insta::assert_snapshot;
use rechain::analysis::diff::compare;
use rechain::model::{Model, Origin, load};
use rechain::tui::app::{App, Overlay, ReloadDiff};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;

use crate::common::{screen, send};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml");

fn old_text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

/// The fixture with a firm and its plant added, Mt Weld's capacity changed and MP's Fort Worth
/// plant (and the link to it) removed.
fn new_text() -> String {
    old_text()
        .replace(
            "firms:\n",
            "firms:\n  - { id: aaa, name: AAA Mining, hq: US, summary: new, facilities: [{ id: aaa-1, name: A1, country: US, stages: [mining], status: planned }] }\n",
        )
        .replace(
            "capacity: { value: 12000, unit: t REO/yr",
            "capacity: { value: 13000, unit: t REO/yr",
        )
        .lines()
        .scan(false, |in_plant, line| {
            // Fort Worth's block runs from its id to the next firm.
            if line.contains("id: mp-fort-worth") {
                *in_plant = true;
            } else if line.starts_with("  - id: ") {
                *in_plant = false;
            }
            Some((!*in_plant && !line.contains("to: mp-fort-worth")).then_some(line))
        })
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

fn model(text: &str) -> Model {
    load::load_text(text, Origin::File(FIXTURE.into())).expect("valid model")
}

fn app() -> App {
    App::new(
        model(&old_text()),
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    )
}

/// A reload of the new model, and its changes as the loader works them out.
fn reload(a: &mut App, old: &str, new: &str) {
    send(a, [Msg::loaded(Ok(model(new)))]);
    let diff = compare(model(old).file(), model(new).file());
    send(a, [Msg::Changes(Box::new(ReloadDiff::new(diff)))]);
}

#[test]
fn a_reload_marks_added_and_changed_rows_and_c_lists_them() {
    let mut a = app();
    send(&mut a, [Command::ShowChanges]);
    assert!(a.overlay.get().is_none(), "nothing to list before a reload");
    send(&mut a, [Msg::loaded(Ok(model(&new_text())))]);
    send(&mut a, [Command::ShowChanges]);
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("comparing")
    );
    let diff = compare(model(&old_text()).file(), model(&new_text()).file());
    send(&mut a, [Msg::Changes(Box::new(ReloadDiff::new(diff)))]);
    assert_eq!(a.change_mark("aaa"), Some("+"));
    assert_eq!(a.change_mark("aaa-1"), Some("+"));
    assert_eq!(a.change_mark("lynas-mt-weld"), Some("~"));
    assert_eq!(a.change_mark("lynas"), Some("~"), "its plant changed");
    assert_eq!(a.change_mark("mp"), Some("~"), "its plant was removed");
    assert_eq!(a.change_mark("shenghe"), None);
    assert_eq!(a.change_mark("mining"), None);
    // The mining stage's firms: the new one and Lynas marked, at 80x24 without colour.
    send(&mut a, [Command::Open]);
    assert_snapshot!("reload_marks_firms_80x24", screen(&a));
    send(&mut a, [Command::ShowChanges]);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Changes));
    assert_snapshot!("reload_change_list_80x24", screen(&a));
    let list = screen(&a);
    assert!(list.contains("removed  mp-fort-worth"), "{list}");
    send(&mut a, [Command::ShowChanges]);
    assert!(a.overlay.get().is_none(), "c closes the list");
}

#[test]
fn marks_clear_on_the_next_reload_and_on_capital_c() {
    let mut a = app();
    reload(&mut a, &old_text(), &new_text());
    assert!(a.change_mark("aaa").is_some());
    // The next reload drops the marks at once; its own changes follow.
    send(&mut a, [Msg::loaded(Ok(model(&new_text())))]);
    assert_eq!(a.change_mark("aaa"), None);
    let diff = compare(model(&new_text()).file(), model(&new_text()).file());
    send(&mut a, [Msg::Changes(Box::new(ReloadDiff::new(diff)))]);
    assert_eq!(a.change_mark("aaa"), None);
    send(&mut a, [Command::ShowChanges]);
    assert!(screen(&a).contains("No differences."));
    reload(&mut a, &new_text(), &old_text());
    assert_eq!(a.change_mark("mp-fort-worth"), Some("+"));
    send(&mut a, [Command::ClearChanges]);
    assert_eq!(a.change_mark("mp-fort-worth"), None);
    assert!(!screen(&a).contains('+'));
    send(&mut a, [Command::ClearChanges]);
    assert_eq!(a.status.message.as_ref().unwrap().text, "no marks to clear");
}

#[test]
fn a_failed_reload_keeps_the_marks_and_c_after_clearing_waits_for_a_reload() {
    let mut a = app();
    reload(&mut a, &old_text(), &new_text());
    let failed = load::load_text("firms: [", Origin::File(FIXTURE.into())).unwrap_err();
    send(&mut a, [Msg::loaded(Err(failed))]);
    assert_eq!(a.change_mark("aaa"), Some("+"));
    send(&mut a, [Command::ClearChanges, Command::ShowChanges]);
    assert!(a.overlay.get().is_none());
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("after a reload")
    );
}

#[test]
fn a_large_model_is_read_as_of_a_date_off_the_ui_thread() {
    let mut a = app();
    a.dating.read_inline_below = 0;
    let own = a.loaded.model.as_of_date();
    let effect = a.update(Command::YearEarlier);
    let Effect::ReadAsOf { date, serial } = effect else {
        panic!("expected a read off the UI thread, got {effect:?}");
    };
    // The date shows at once; the model is the old one until the read arrives.
    assert_eq!(a.dating.as_of, Some(date));
    assert_eq!(a.loaded.model.as_of_date(), own);
    assert!(screen(&a).contains(&format!("reading as of {date}…")));
    // A newer step replaces the read still running: its answer is dropped.
    let newer = a.update(Command::MonthEarlier);
    let Effect::ReadAsOf {
        date: newer_date,
        serial: newer_serial,
    } = newer
    else {
        panic!("expected a read, got {newer:?}");
    };
    let stale = a.loaded_model().as_of(date);
    send(&mut a, [Msg::dated(serial, stale)]);
    assert_eq!(a.loaded.model.as_of_date(), own);
    assert_eq!(
        a.retired_count(),
        1,
        "the stale read is freed off the UI thread"
    );
    let dated = a.loaded_model().as_of(newer_date);
    let effect = a.update(Msg::dated(newer_serial, dated));
    assert_eq!(effect, Effect::Redraw);
    assert_eq!(a.loaded.model.as_of_date(), newer_date);
    assert!(a.dating.reading.is_none());
    assert!(
        a.status.message.is_none(),
        "the note of the read goes with it"
    );
    // A reload reads the new model at the same date.
    let effect = a.update(Msg::loaded(Ok(model(&new_text()))));
    assert!(matches!(effect, Effect::ReadAsOf { date, .. } if date == newer_date));
    assert_eq!(
        a.loaded_model().firms().len(),
        a.loaded.model.firms().len() + 1
    );
}

#[test]
fn the_first_good_load_after_opening_on_problems_marks_nothing() {
    let empty = "version: 1\nmeta: { title: \"no valid model yet\", as_of: 2025-01-01 }\n";
    let mut a = App::new(
        model(empty),
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    );
    let failed = load::load_text("firms: [", Origin::File(FIXTURE.into())).unwrap_err();
    a.open_on_problems(failed);
    send(&mut a, [Msg::loaded(Ok(model(&old_text())))]);
    send(&mut a, [Command::ShowChanges]);
    assert!(a.overlay.get().is_none());
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("after a reload")
    );
    // The next good load is compared with this one.
    reload(&mut a, &old_text(), &new_text());
    assert_eq!(a.change_mark("aaa"), Some("+"));
}
